"""Reports built from the bundled plan and a month of figures worked out by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal as D
from typing import Any

import pytest

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger, Record
from gxtrack.reports.common import default_as_of
from gxtrack.reports.gaps import gaps_report
from gxtrack.reports.history import history_report
from gxtrack.reports.status import status_report

WHEN = datetime(2024, 7, 2, 9, 0)


def ledger_of(*entries: tuple[str, str, str]) -> Ledger:
    return Ledger.of([Record(code=c, month=m, value=D(v), recorded_at=WHEN) for c, m, v in entries])


JUNE = ledger_of(
    ("2.4", "2024-03", "30"),
    ("2.4", "2024-06", "25"),  # 55 of 100, expected 50
    ("2.5", "2024-05", "35"),  # 35 of 100, expected 50: 70%
    ("5.2", "2024-06", "2300"),  # 2300 of 5000, expected 2500: 92%
    ("1.1", "2024-06", "7.2"),  # rate 7.2 against 9: 80%
    ("4.4", "2024-06", "-3.1"),  # rate -3.1 against 15
    ("7.1", "2024-05", "1"),  # the expo was held
)


def by_code(rows: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {row["code"]: row for row in rows}


def test_default_as_of_is_the_latest_month_with_data() -> None:
    assert default_as_of(JUNE) == 6
    assert default_as_of(Ledger.of([])) == 12


def test_status_rows(bundled_plan: Plan) -> None:
    report = status_report(bundled_plan, JUNE, 6)
    rows = by_code(report.rows)
    assert len(rows) == 25
    assert (rows["2.4"]["actual"], rows["2.4"]["expected"], rows["2.4"]["status"]) == (
        55,
        50,
        "on_track",
    )
    assert rows["2.4"]["goal_pct"] == 55 and rows["2.4"]["schedule_pct"] == 110
    assert rows["2.5"]["status"] == "behind"
    assert rows["5.2"]["status"] == "at_risk"
    assert rows["1.1"]["status"] == "behind"
    assert rows["7.1"]["status"] == "achieved"
    assert rows["7.2"]["status"] == "on_track"  # not due before December
    assert rows["2.1"]["status"] == "no_data"
    assert rows["2.1"]["actual"] is None and rows["2.1"]["schedule_pct"] is None
    assert report.totals == {
        "achieved": 1,
        "on_track": 2,
        "at_risk": 1,
        "behind": 3,
        "missed": 0,
        "no_data": 18,
    }
    area2 = next(a for a in report.areas if a.area.code == "2")
    assert area2.counts == {
        "achieved": 0,
        "on_track": 1,
        "at_risk": 0,
        "behind": 1,
        "missed": 0,
        "no_data": 3,
    }


def test_status_for_one_area(bundled_plan: Plan) -> None:
    report = status_report(bundled_plan, JUNE, 6, area="7")
    assert [row["code"] for row in report.rows] == ["7.1", "7.2"]


def test_gaps_worst_first_then_no_data(bundled_plan: Plan) -> None:
    report = gaps_report(bundled_plan, JUNE, 6)
    codes = [row["code"] for row in report.rows]
    # 4.4: 1 - 18.1/15 = -0.21; 2.5: 0.70; 1.1: 0.80; 5.2: 0.92.
    assert codes[:4] == ["4.4", "2.5", "1.1", "5.2"]
    assert all(row["status"] == "no_data" for row in report.rows[4:])
    assert len(report.rows) == 4 + 18


def test_gap_numbers_worked_by_hand(bundled_plan: Plan) -> None:
    rows = by_code(gaps_report(bundled_plan, JUNE, 6).rows)
    sme = rows["2.5"]
    assert sme["shortfall_to_schedule"] == 15  # 50 - 35
    assert sme["shortfall_to_goal"] == 65  # 100 - 35
    assert sme["months_remaining"] == 6
    assert sme["pace_needed"] == D(65) / 6  # 10.83 a month
    assert sme["projection"] == 70  # 35 x 12/6
    assert sme["baseline"] == 156
    cloud = rows["5.2"]
    assert (cloud["shortfall_to_schedule"], cloud["shortfall_to_goal"]) == (200, 2700)
    assert cloud["pace_needed"] == 450 and cloud["projection"] == 4600
    growth = rows["1.1"]
    assert growth["shortfall_to_schedule"] == D("1.8")
    assert growth["gap_unit"] == "pp"  # percentage points
    assert growth["pace_needed"] is None
    assert growth["projection"] == D("7.2") and growth["baseline"] == D("2.5")
    assert rows["4.4"]["shortfall_to_goal"] == D("18.1")


def test_final_month_pace_is_whole_shortfall(bundled_plan: Plan) -> None:
    rows = by_code(gaps_report(bundled_plan, JUNE, 12).rows)
    assert rows["2.5"]["pace_needed"] == 65
    assert rows["2.5"]["months_remaining"] == 0


def test_history_lists_corrections(bundled_plan: Plan) -> None:
    ledger = ledger_of(
        ("2.4", "2024-06", "50"),
        ("1.1", "2024-06", "7"),
        ("2.4", "2024-06", "55"),
        ("2.4", "2024-03", "30"),
    )
    rows = history_report(bundled_plan, ledger, "2.4").rows
    assert [(r["month"], r["value"], r["in_force"]) for r in rows] == [
        ("2024-03", D(30), True),
        ("2024-06", D(50), False),
        ("2024-06", D(55), True),
    ]


def test_unknown_area_is_refused(bundled_plan: Plan) -> None:
    from gxtrack.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="no area '9'"):
        status_report(bundled_plan, JUNE, 6, area="9")


def test_summary_line_counts_in_words() -> None:
    from gxtrack.output.present.common import summary_line

    assert summary_line({"behind": 1}) == "1 goal: behind 1"
    assert summary_line({"on_track": 2, "behind": 1, "no_data": 0}) == (
        "3 goals: on track 2, behind 1"
    )
