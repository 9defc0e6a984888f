"""Goals split among counties and parks (目标分解): roll-up, matrix and ranking, worked by hand.

The test plan has 11 units: 2 districts, a county-level city, 6 counties, a management area,
and a park inside county k1. Indicator A (count, 100, linear) is split: d1 20, d2 20, c1 15,
k1 10, k2 10, k3-k6 5 each (95 in all, short of 100), and the park p1 4 (within k1's 10).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from gxtrack.errors import ExitCode

from .conftest import Cli, indicator, plan_document

UNITS = [
    ("d1", "district"),
    ("d2", "district"),
    ("c1", "county_city"),
    ("k1", "county"),
    ("k2", "county"),
    ("k3", "county"),
    ("k4", "county"),
    ("k5", "county"),
    ("k6", "county"),
    ("m1", "management_area"),
    ("p1", "park"),
]
A_GOALS = {
    "d1": 20,
    "d2": 20,
    "c1": 15,
    "k1": 10,
    "k2": 10,
    "k3": 5,
    "k4": 5,
    "k5": 5,
    "k6": 5,
    "p1": 4,
}


def unit_plan(**changes: Any) -> dict[str, Any]:
    document = plan_document(
        indicator("A", unit_goals=A_GOALS),
        indicator(
            "R",
            kind="rate",
            unit="%",
            goal=9,
            combine="last",
            schedule="flat",
            unit_goals={"d1": 10, "d2": 8},
        ),
        indicator(
            "M", kind="milestone", unit="", goal=1, combine="last", schedule="due", by_unit=False
        ),
        indicator("C", goal=50),
    )
    document["units"] = [
        {
            "code": code,
            "name": f"单位{code}",
            "name_en": f"Unit {code}",
            "kind": kind,
            **({"parent": "k1"} if code == "p1" else {}),
        }
        for code, kind in UNITS
    ]
    document.update(changes)
    return document


@pytest.fixture
def units_cli(cli: Cli, workdir: Path) -> Cli:
    (workdir / "targets.toml").write_text(tomli_w.dumps(unit_plan()), "utf-8")
    for code, value, month, unit in [
        ("A", "8", "2024-05", "d2"),
        ("A", "12", "2024-06", "d1"),
        ("A", "2", "2024-06", "d2"),
        ("A", "8", "2024-06", "c1"),
        ("A", "3", "2024-06", "p1"),
        ("A", "6", "2024-06", "k2"),
        ("A", "30", "2024-06", None),  # the city's own figure: one less than its units'
        ("R", "10.5", "2024-06", "d1"),
        ("R", "7", "2024-06", "d2"),
        ("R", "9.2", "2024-06", None),
        ("C", "5", "2024-06", "k1"),
        ("C", "7", "2024-06", "k2"),
    ]:
        args = ["record", code, value, "-m", month] + (["--unit", unit] if unit else [])
        result = cli(*args)
        assert result.exit_code == 0, result.output
    return cli


def rows_of(cli: Cli, *args: str) -> list[dict[str, Any]]:
    document = json.loads(cli(*args, "-f", "json").output)
    rows: list[dict[str, Any]] = list(document.values())[-1]  # the rows always come last
    return rows


def test_city_figure_rolls_up_month_by_month(units_cli: Cli) -> None:
    document = json.loads(units_cli("status", "-f", "json").output)
    a = next(r for r in document["indicators"] if r["code"] == "A")
    # May: no city record, so the units' 8; June: the city's own 30 (its units say 31).
    assert a["actual"] == 38 and a["expected"] == 50 and a["status"] == "behind"
    assert document["data_quality"] == [{"code": "A", "month": 6, "city": 30, "units_sum": 31}]
    r = next(r for r in document["indicators"] if r["code"] == "R")
    assert r["actual"] == 9.2 and r["status"] == "on_track"  # rates are never added up
    c = next(r for r in document["indicators"] if r["code"] == "C")
    assert c["actual"] == 12  # no city record: k1 5 + k2 7
    text = units_cli("status").output
    assert "data quality: A 2024-06: the city figure 30 differs from its units' sum 31" in text


def test_one_unit_against_its_own_goals(units_cli: Cli) -> None:
    rows = {r["code"]: r for r in rows_of(units_cli, "status", "--unit", "k1")}
    assert set(rows) == {"A", "R", "C"}  # M is the city's alone
    # k1 has no record of its own for A: its park p1's 3 rolls into it.
    assert (rows["A"]["actual"], rows["A"]["goal"], rows["A"]["expected"]) == (3, 10, 5)
    assert rows["A"]["status"] == "behind" and rows["A"]["schedule_pct"] == 60
    assert rows["C"] == rows["C"] | {"actual": 5, "goal": None, "expected": None, "status": None}
    assert rows["R"]["actual"] is None and rows["R"]["status"] is None
    d2 = {r["code"]: r for r in rows_of(units_cli, "status", "--unit", "d2")}
    assert d2["A"]["actual"] == 10 and d2["A"]["status"] == "on_track"  # 8 + 2 of 10 expected
    assert d2["R"]["status"] == "behind"  # 7 of 8: 87.5%


def test_matrix(units_cli: Cli) -> None:
    rows = {r["unit"]: r for r in rows_of(units_cli, "status", "--by", "unit")}
    assert len(rows) == 11
    assert (rows["d1"]["A"], rows["d1"]["R"], rows["d1"]["C"]) == ("on_track", "on_track", None)
    assert (rows["d2"]["A"], rows["d2"]["R"]) == ("on_track", "behind")
    assert (rows["k1"]["A"], rows["k1"]["C"]) == ("behind", "data")
    assert rows["k3"]["A"] == "no_data" and rows["m1"]["A"] is None
    assert rows["p1"]["A"] == "on_track"
    table = units_cli("status", "--by", "unit")
    assert table.exit_code == 0
    assert all(len(line) <= 120 for line in table.output.splitlines())
    assert "x behind" in table.output  # the legend


def test_rank_with_ties(units_cli: Cli) -> None:
    ranking = rows_of(units_cli, "rank", "A")
    order = [(r["rank_text"], r["unit"], r["schedule_pct"]) for r in ranking]
    # p1 3/2 = 150%; d1 12/10 and k2 6/5 both 120% (tied); c1 8/7.5; d2 10/10; k1 3/5.
    assert [(rank, unit) for rank, unit, _ in order] == [
        ("1", "p1"),
        ("2=", "d1"),
        ("2=", "k2"),
        ("4", "c1"),
        ("5", "d2"),
        ("6", "k1"),
    ]
    assert order[3][2] == pytest.approx(8 / 7.5 * 100)
    by_actual = rows_of(units_cli, "rank", "C")
    assert [(r["rank"], r["unit"], r["actual"]) for r in by_actual] == [(1, "k2", 7), (2, "k1", 5)]
    text = units_cli("rank", "A").output
    assert "5 units without figures are not ranked" in text


def test_units_list_and_exports(units_cli: Cli, workdir: Path) -> None:
    units = rows_of(units_cli, "units")
    assert [u["code"] for u in units] == [code for code, _ in UNITS]
    assert units[-1]["parent"] == "k1"
    assert units_cli("export", "matrix", "-o", "-").output.count("\n") == 12
    assert units_cli("export", "units", "-o", "u.csv").exit_code == 0


def test_gaps_for_a_unit(units_cli: Cli) -> None:
    rows = rows_of(units_cli, "gaps", "--unit", "k1")
    assert rows[0]["code"] == "A" and rows[0]["shortfall_to_goal"] == 7
    assert rows[0]["pace_needed"] == pytest.approx(7 / 6)


def test_validate_warns_when_unit_goals_fall_short(units_cli: Cli) -> None:
    result = units_cli("validate")
    assert result.exit_code == 0
    assert "warning: A: the unit goals add up to 95, short of the city goal 100" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("record", "A", "1", "-m", "2024-06", "--unit", "zz"), "no reporting unit 'zz'"),
        (("record", "M", "1", "-m", "2024-06", "--unit", "d1"), "delivered by the city"),
        (("undo", "A", "-m", "2024-06", "--unit", "k3"), "nothing to undo"),
        (("status", "--unit", "zz"), "no reporting unit 'zz'"),
    ],
)
def test_unit_mistakes(units_cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = units_cli(*args)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert message in result.output


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"M": {"unit_goals": {"d1": 1}}}, "only the city delivers it"),
        ({"A": {"unit_goals": {"zz": 1}}}, "unit_goals names 'zz'"),
    ],
)
def test_plan_mistakes_about_units(
    cli: Cli, workdir: Path, changes: dict[str, Any], message: str
) -> None:
    document = unit_plan()
    for item in document["indicators"]:
        item.update(changes.get(item["code"], {}))
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    result = cli("validate")
    assert result.exit_code == ExitCode.BAD_FILE
    assert message in result.output


def test_a_parent_loop_is_refused(cli: Cli, workdir: Path) -> None:
    document = unit_plan()
    document["units"][3]["parent"] = "p1"  # k1 inside p1, p1 inside k1
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    result = cli("validate")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "makes a loop" in result.output


def test_unit_template_and_import(units_cli: Cli, workdir: Path) -> None:
    result = units_cli("template", "-m", "2024-07", "--unit", "d1", "-o", "d1.csv")
    assert result.exit_code == 0, result.output
    text = (workdir / "d1.csv").read_text("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.startswith("Month,Reporting unit,Code")
    assert [row.split(",")[2] for row in rows] == ["A", "R", "C"]
    assert rows[0].split(",")[5] == "20"  # d1's own goal for A
    # Fill in A's value (4) and send back only that row.
    lines = [header, rows[0].rsplit(",", 2)[0] + ",4,"]
    (workdir / "d1.csv").write_text("\n".join(lines) + "\n", "utf-8")
    assert units_cli("import", "d1.csv").exit_code == 0
    a = {r["code"]: r for r in rows_of(units_cli, "status", "--unit", "d1")}["A"]
    assert a["actual"] == 16


def test_a_plan_without_units_is_unchanged(cli: Cli, workdir: Path) -> None:
    (workdir / "targets.toml").write_text(tomli_w.dumps(plan_document(indicator("A"))), "utf-8")
    cli("record", "A", "5", "-m", "2024-03")
    document = json.loads(cli("status", "-f", "json").output)
    assert "data_quality" not in document
    refused = cli("record", "A", "5", "-m", "2024-03", "--unit", "d1")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    head = cli("template", "-m", "2024-04", "-o", "-.csv")
    assert head.exit_code == 0
    assert (workdir / "-.csv").read_text("utf-8-sig").startswith("Month,Code,")


def ratio_plan(**share: Any) -> dict[str, Any]:
    document = plan_document(
        indicator("N", goal=100),  # enterprises transformed (智改数转)
        indicator("D", goal=500),  # enterprises above designated size
        indicator(
            "S",
            kind="share",
            unit="%",
            goal=20,
            combine="last",
            **({"numerator": "N", "denominator": "D"} | share),
        ),
    )
    document["units"] = [{"code": c, "name": c, "kind": "county"} for c in ("d1", "d2")]
    return document


def test_a_share_computed_from_numerator_and_denominator(cli: Cli, workdir: Path) -> None:
    (workdir / "targets.toml").write_text(tomli_w.dumps(ratio_plan()), "utf-8")
    for code, value, month, unit in [
        ("N", "10", "2024-03", "d1"),
        ("N", "5", "2024-03", "d2"),
        ("D", "100", "2024-03", "d1"),
        ("D", "50", "2024-03", "d2"),
        ("N", "5", "2024-06", "d1"),
    ]:
        assert cli("record", code, value, "-m", month, "--unit", unit).exit_code == 0
    rows = {r["code"]: r for r in rows_of(cli, "status", "--as-of", "2024-06")}
    # June: (10 + 5 + 5) / (100 + 50) x 100 = 13.33%, against 20 x 6/12 = 10 expected.
    assert rows["S"]["actual"] == pytest.approx(20 / 150 * 100)
    assert rows["S"]["status"] == "on_track"
    march = {r["code"]: r for r in rows_of(cli, "status", "--as-of", "2024-03")}
    assert march["S"]["actual"] == 10  # 15 / 150
    cli("record", "S", "12", "-m", "2024-06")  # the city's own figure wins
    rows = {r["code"]: r for r in rows_of(cli, "status", "--as-of", "2024-06")}
    assert rows["S"]["actual"] == 12


@pytest.mark.parametrize(
    ("share", "message"),
    [({"denominator": None}, "go together"), ({"numerator": "S"}, "'S' is not a summed")],
)
def test_ratio_mistakes(cli: Cli, workdir: Path, share: dict[str, Any], message: str) -> None:
    document = ratio_plan(**share)
    for item in document["indicators"]:
        for key in [k for k, v in item.items() if v is None]:
            del item[key]
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    result = cli("validate")
    assert result.exit_code == ExitCode.BAD_FILE
    assert message in result.output
