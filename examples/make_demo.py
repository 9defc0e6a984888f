"""Write examples/demo-2024/actuals.toml: SYNTHETIC demo figures for the bundled plan.

The numbers are invented to show every status in a report; they are not the bureau's.

    python examples/make_demo.py
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from gxtrack.model.records import Record
from gxtrack.store.layout import render_document
from gxtrack.store.plan_file import load_plan

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHINA = timezone(timedelta(hours=8))

# code -> {month: value}; monthly increments for summed goals, year-to-date for rates.
FIGURES: dict[str, dict[int, str]] = {
    "1.1": {1: "6.8", 2: "-1.5", 3: "5.2", 4: "6.9", 5: "7.6", 6: "8.3"},
    "2.1": {5: "1"},
    "2.2": {4: "1"},
    "2.3": {6: "1"},
    "2.4": {1: "6", 2: "4", 3: "12", 4: "9", 5: "11", 6: "13"},
    "2.5": {1: "3", 2: "2", 3: "9", 4: "8", 5: "6", 6: "7"},
    "3.3": {6: "2"},
    "4.1": {2: "1", 4: "2", 6: "2"},
    "4.2": {3: "4", 5: "3", 6: "4"},
    "4.3": {3: "11.2", 6: "13.9"},
    "4.4": {3: "17.5", 6: "16.1"},
    "5.1": {3: "6", 6: "11"},
    "5.2": {1: "380", 2: "290", 3: "460", 4: "420", 5: "390", 6: "360"},
    "5.3": {2: "30", 4: "45", 6: "40"},
    "5.4": {3: "4", 6: "5"},
    "5.5": {3: "9", 6: "8"},
    "5.6": {2: "40", 4: "55", 6: "60"},
    "6.1": {3: "25", 6: "22"},
    "6.2": {6: "3"},
    "7.1": {5: "1"},
}
NOTES = {
    ("1.1", 2): "春节因素，同比下降（示例数据）",
    ("2.4", 6): "含两家外地迁入企业（示例数据）",
    ("5.2", 6): "<script>alert('not run')</script> 备注原样显示（示例数据）",
}


def main() -> None:
    plan = load_plan(ROOT / "targets.toml")
    records = []
    start = datetime(2024, 2, 3, 9, 30, tzinfo=CHINA)
    for code, months in FIGURES.items():
        for month, value in months.items():
            when = start + timedelta(days=31 * (month - 1), minutes=len(records))
            records.append(
                Record(
                    code=code,
                    month=f"2024-{month:02d}",
                    recorded_at=when,
                    value=Decimal(value),
                    note=NOTES.get((code, month)),
                )
            )
    records.sort(key=lambda r: (r.month, r.recorded_at))
    text = render_document(plan.plan.title, plan.year, records)
    banner = (
        "# SYNTHETIC DEMO DATA: invented figures to show gxtrack's reports; not the\n"
        "# bureau's. Regenerate with `python examples/make_demo.py`.\n"
    )
    (HERE / "demo-2024" / "actuals.toml").write_text(banner + text, "utf-8")


if __name__ == "__main__":
    main()
