"""reports.status: typed rows and counts, no words (a small plan, worked by hand)."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.terms import Status
from gxtrack.reports.status import status_report
from tests.reports_world import small_ledger, small_plan


def test_city_rows_against_goal_and_schedule() -> None:
    report = status_report(small_plan(), small_ledger(), 6)
    rows = {row["code"]: row for row in report.rows}
    a = rows["A"]
    assert (a["actual"], a["expected"], a["goal"]) == (D(46), D(50), D(100))
    assert a["schedule_pct"] == 92 and a["goal_pct"] == 46
    assert a["status"] is Status.AT_RISK and a["latest_month"] == "2024-06"
    assert rows["R"]["status"] is Status.BEHIND and rows["R"]["goal_pct"] == D(80)
    assert rows["M"]["status"] is Status.BEHIND and rows["M"]["actual"] == 0  # not done
    assert list(a)[:6] == ["code", "area", "name", "name_en", "unit", "kind"]


def test_areas_and_counts_are_numbers_not_words() -> None:
    report = status_report(small_plan(), small_ledger(), 6)
    assert [(g.area.code, [r["code"] for r in g.rows]) for g in report.areas] == [
        ("1", ["A", "R"]),
        ("2", ["M"]),
    ]
    assert report.areas[0].counts == {
        "achieved": 0,
        "on_track": 0,
        "at_risk": 1,
        "behind": 1,
        "missed": 0,
        "no_data": 0,
    }
    assert report.totals == {
        "achieved": 0,
        "on_track": 0,
        "at_risk": 1,
        "behind": 2,
        "missed": 0,
        "no_data": 0,
    }
    assert (report.as_of, report.plan.title, report.plan.title_en) == (6, "测试计划", "Test plan")
    assert report.unit is None and report.has_units and report.quality == []


def test_one_unit_against_its_own_goals() -> None:
    report = status_report(small_plan(), small_ledger(), 6, unit="u2")
    rows = {row["code"]: row for row in report.rows}
    assert set(rows) == {"A", "R"}  # M is not split among units
    assert (rows["A"]["actual"], rows["A"]["goal"], rows["A"]["expected"]) == (D(10), D(40), D(20))
    assert rows["A"]["status"] is Status.BEHIND and rows["A"]["schedule_pct"] == 50
    assert rows["R"]["goal"] is None and rows["R"]["status"] is None  # no goal for u2
    assert list(rows["A"])[5] == "reporting_unit"
    assert report.unit is not None and report.unit.name_en == "Yi"


def test_filters_count_what_is_shown() -> None:
    report = status_report(small_plan(), small_ledger(), 6, statuses=[Status.BEHIND])
    assert [row["code"] for row in report.rows] == ["R", "M"]
    assert report.totals["behind"] == 2 and sum(report.totals.values()) == 2
