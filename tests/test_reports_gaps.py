"""reports.gaps: the lagging worst first, with shortfalls and pace (worked by hand)."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.terms import Status
from gxtrack.reports.gaps import gaps_report
from tests.reports_world import small_ledger, small_plan


def test_lagging_worst_first_by_share_of_schedule() -> None:
    report = gaps_report(small_plan(), small_ledger(), 6)
    # M: 1 - 1/1 = 0; R: 1 - 1.8/9 = 0.8; A: 1 - 4/50 = 0.92.
    assert [row["code"] for row in report.lagging] == ["M", "R", "A"]
    assert report.missing == [] and report.fine == 0 and report.rows == report.lagging
    assert (report.as_of, report.baseline_year, report.unit) == (6, 2023, None)


def test_shortfalls_pace_and_projection() -> None:
    rows = {row["code"]: row for row in gaps_report(small_plan(), small_ledger(), 6).rows}
    a = rows["A"]
    assert (a["shortfall_to_schedule"], a["shortfall_to_goal"]) == (D(4), D(54))  # 50-46, 100-46
    assert a["pace_needed"] == 9 and a["projection"] == 92  # 54/6; 46 x 12/6
    assert a["months_remaining"] == 6 and a["gap_unit"] == "家" and a["baseline"] == 80
    assert rows["R"]["gap_unit"] == "pp" and rows["R"]["shortfall_to_goal"] == D("1.8")
    assert rows["R"]["status"] is Status.BEHIND


def test_a_unit_against_its_own_goal() -> None:
    report = gaps_report(small_plan(), small_ledger(), 6, unit="u1")
    assert report.rows == [] and report.fine == 1  # 36 of an expected 30
    assert report.unit is not None and report.unit.code == "u1"
