"""Write a plan and a data file of N records for benchmarks, deterministic for a seed.

    python bench/generate.py --records 100000 --out /tmp/bench-100k [--seed 1]

Writes DIR/targets.toml (areas x indicators: counts summed against a linear schedule,
growth rates, milestones), DIR/actuals.toml with N records in gxtrack's own layout
(many of them corrections, as in a real year), and DIR/budget.journal: the same plan and
records for hledger (`hledger -f DIR/budget.journal bal --budget`).
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import tomli_w

from gxtrack.model.records import Record
from gxtrack.store.layout import record_line

AREAS = 10
UNITS = 120  # a provincial department's counties
PLAN_YEAR = 2024


def plan_document(indicators: int) -> dict[str, object]:
    areas = [
        {"code": str(a), "name": f"任务领域{a}", "name_en": f"Area {a}"}
        for a in range(1, AREAS + 1)
    ]
    items = []
    for number in range(indicators):
        area = number % AREAS + 1
        code = f"{area}.{number // AREAS + 1}"
        item: dict[str, object] = {
            "code": code,
            "area": str(area),
            "name": f"指标{code}",
            "name_en": f"Indicator {code}",
        }
        if number % 10 == 0:
            item.update(kind="rate", unit="%", goal=9, combine="last", schedule="flat")
        elif number % 10 == 5:
            item.update(kind="milestone", goal=1, combine="last", schedule="due", by_unit=False)
        else:
            item.update(
                kind="count",
                unit="家",
                goal=100 * (number % 7 + 1),
                combine="sum",
                schedule="linear",
                baseline=90 * (number % 7 + 1),
            )
        items.append(item)
    units = [
        {"code": f"u{number:03d}", "name": f"县{number:03d}", "kind": "county"}
        for number in range(1, UNITS + 1)
    ]
    return {
        "schema_version": 1,
        "plan": {
            "title": f"基准计划 ({indicators} indicators)",
            "year": PLAN_YEAR,
            "baseline_year": PLAN_YEAR - 1,
        },
        "areas": areas,
        "units": units,
        "indicators": items,
    }


def records(plan: dict[str, object], count: int, seed: int) -> list[Record]:
    chance = random.Random(seed)
    items = plan["indicators"]
    assert isinstance(items, list)
    start = datetime(PLAN_YEAR, 2, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    made = []
    for number in range(count):
        item = chance.choice(items)
        month = chance.randint(1, 12)
        if item["kind"] == "rate":
            value = Decimal(chance.randint(-50, 150)) / 10
        elif item["kind"] == "milestone":
            value = Decimal(chance.randint(0, 1))
        else:
            value = Decimal(chance.randint(0, 12))
        note = f"说明 {number}" if chance.random() < 0.1 else None
        # Most figures come from the counties; the rest are the city's own.
        unit = None
        if item.get("by_unit", True) and chance.random() < 0.8:
            unit = f"u{chance.randint(1, UNITS):03d}"
        made.append(
            Record(
                code=str(item["code"]),
                month=f"{PLAN_YEAR}-{month:02d}",
                value=value,
                note=note,
                unit=unit,
                recorded_at=start + timedelta(minutes=number),
            )
        )
    return made


def journal(plan: dict[str, object], made: list[Record]) -> str:
    """The same goals as hledger periodic budget rules, the records as transactions."""
    items = plan["indicators"]
    assert isinstance(items, list)
    lines = [f"~ monthly from {PLAN_YEAR}-01-01 to {PLAN_YEAR + 1}-01-01"]
    for item in items:
        monthly = Decimal(str(item["goal"])) / 12
        lines.append(f"    (goals:{item['code']})    {monthly:.2f}")
    lines.append("")
    for record in made:
        lines.append(f"{record.month}-01 {record.code}")
        lines.append(f"    (goals:{record.code})    {record.value}")
        lines.append("")
    return "\n".join(lines)


def write(out: Path, count: int, seed: int = 1, indicators: int = 100) -> None:
    out.mkdir(parents=True, exist_ok=True)
    plan = plan_document(indicators)
    (out / "targets.toml").write_text(tomli_w.dumps(plan), "utf-8")
    made = records(plan, count, seed)
    text = (
        "schema_version = 1\n"
        f"plan_year = {PLAN_YEAR}\n"
        "records = [\n" + "".join(record_line(r) for r in made) + "]\n"
    )
    (out / "actuals.toml").write_text(text, "utf-8")
    (out / "budget.journal").write_text(journal(plan, made), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--units", type=int, default=120, help="reporting units (11: a city)")
    arguments = parser.parse_args()
    global UNITS  # a script's setting, read by plan_document and records
    UNITS = arguments.units
    write(arguments.out, arguments.records, arguments.seed, arguments.indicators)


if __name__ == "__main__":
    main()
