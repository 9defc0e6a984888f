"""The arithmetic of 序时进度, checked against numbers worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gxtrack.model.plan import Indicator
from gxtrack.model.progress import actual_to_date, expected_to_date, progress_of
from gxtrack.model.terms import Status

from .conftest import indicator

THRESHOLD = D("0.9")


def make(code: str = "x", **fields: object) -> Indicator:
    return Indicator.model_validate(indicator(code, **fields))


def test_linear_goal_100_with_55_by_june_is_on_track() -> None:
    # Hand-worked: expected by June = 100 x 6/12 = 50; 55 >= 50.
    progress = progress_of(make(), {3: D(30), 6: D(25)}, 6, THRESHOLD)
    assert progress.actual == 55
    assert progress.expected == 50
    assert progress.status is Status.ON_TRACK
    assert progress.goal_pct == 55
    assert progress.schedule_pct == 110


def test_rate_goal_9_with_7_2_is_behind() -> None:
    rate = make(kind="rate", unit="%", goal=9, combine="last", schedule="flat")
    progress = progress_of(rate, {6: D("7.2")}, 6, THRESHOLD)
    # flat: 9 expected every month; 7.2 / 9 = 80% < 90%.
    assert progress.expected == 9
    assert progress.status is Status.BEHIND
    assert progress.schedule_pct == 80
    assert progress.shortfall_to_schedule == D("1.8")  # percentage points
    assert progress.pace_needed is None  # a rate has no monthly pace
    assert progress.projection == D("7.2")


def test_rate_uses_the_latest_year_to_date_figure_not_a_sum() -> None:
    rate = make(kind="rate", unit="%", goal=9, combine="last", schedule="flat")
    assert actual_to_date(rate, {2: D("-1.5"), 3: D("4"), 5: D("9.5")}, 4) == (D(4), 3)
    # 9.5 meets 9 in May, but the year is not over: it can still fall.
    assert progress_of(rate, {5: D("9.5")}, 5, THRESHOLD).status is Status.ON_TRACK
    assert progress_of(rate, {12: D("9.5")}, 12, THRESHOLD).status is Status.ACHIEVED


def test_negative_growth_rate_is_behind_with_the_gap_in_points() -> None:
    rate = make(kind="rate", unit="%", goal=15, combine="last", schedule="flat")
    progress = progress_of(rate, {6: D("-3.1")}, 6, THRESHOLD)
    assert progress.status is Status.BEHIND
    assert progress.shortfall_to_goal == D("18.1")


def test_at_risk_band_is_ninety_percent_of_expected() -> None:
    # June: expected 5000 x 6/12 = 2500. 2300 = 92% -> at risk; 2240 = 89.6% -> behind.
    goal = make(goal=5000)
    assert progress_of(goal, {6: D(2300)}, 6, THRESHOLD).status is Status.AT_RISK
    assert progress_of(goal, {6: D(2250)}, 6, THRESHOLD).status is Status.AT_RISK  # 90.0%
    assert progress_of(goal, {6: D(2240)}, 6, THRESHOLD).status is Status.BEHIND
    assert progress_of(goal, {6: D(2240)}, 6, D("0.8")).status is Status.AT_RISK


def test_sum_reaching_the_goal_is_achieved_at_once() -> None:
    assert progress_of(make(goal=3), {4: D(3)}, 4, THRESHOLD).status is Status.ACHIEVED


def test_due_schedule_expects_nothing_before_december() -> None:
    due = make(goal=2, schedule="due")
    assert expected_to_date(due, 11) == 0
    assert expected_to_date(due, 12) == 2
    assert progress_of(due, {6: D(1)}, 6, THRESHOLD).status is Status.ON_TRACK
    assert progress_of(due, {6: D(1)}, 12, THRESHOLD).status is Status.BEHIND  # 1/2 = 50%
    assert progress_of(due, {6: D(1)}, 6, THRESHOLD).schedule_pct is None


def test_due_month_can_be_earlier() -> None:
    due = make(goal=2, schedule="due", due_month=9)
    assert expected_to_date(due, 8) == 0
    assert expected_to_date(due, 9) == 2


def test_milestone_is_zero_until_done() -> None:
    milestone = make(kind="milestone", unit="", goal=1, combine="last", schedule="due")
    not_yet = progress_of(milestone, {}, 6, THRESHOLD)
    assert not_yet.actual == 0
    assert not_yet.status is Status.ON_TRACK  # nothing due before December
    assert progress_of(milestone, {}, 12, THRESHOLD).status is Status.BEHIND
    assert progress_of(milestone, {5: D(1)}, 6, THRESHOLD).status is Status.ACHIEVED


def test_no_data_before_the_first_record() -> None:
    progress = progress_of(make(), {7: D(10)}, 6, THRESHOLD)
    assert progress.actual is None
    assert progress.status is Status.NO_DATA
    assert progress.goal_pct is None


def test_seasonal_schedule_uses_the_listed_fractions() -> None:
    fractions = [
        D(x)
        for x in (
            "0.02",
            "0.05",
            "0.15",
            "0.25",
            "0.35",
            "0.45",
            "0.55",
            "0.65",
            "0.75",
            "0.85",
            "0.95",
            "1",
        )
    ]
    seasonal = make(goal=200, schedule=fractions)
    assert expected_to_date(seasonal, 6) == 90  # 200 x 0.45
    progress = progress_of(seasonal, {6: D(90)}, 6, THRESHOLD)
    assert progress.status is Status.ON_TRACK
    assert progress.projection == 200  # 90 / 0.45


def test_at_most_goal_is_mirrored() -> None:
    cap = make(comparator="<=", goal=100)
    # June: expected 50. 45 is under the cap's pace; 54 is 4 over (within 10% of 50).
    assert progress_of(cap, {6: D(45)}, 6, THRESHOLD).status is Status.ON_TRACK
    assert progress_of(cap, {6: D(54)}, 6, THRESHOLD).status is Status.AT_RISK
    assert progress_of(cap, {6: D(60)}, 6, THRESHOLD).status is Status.BEHIND
    # Under the cap is achieved only when the year is over.
    assert progress_of(cap, {6: D(10)}, 11, THRESHOLD).status is Status.ON_TRACK
    assert progress_of(cap, {12: D(90)}, 12, THRESHOLD).status is Status.ACHIEVED


def test_pace_and_projection_worked_by_hand() -> None:
    # 35 of 100 by June: 65 to go over 6 months = 10.8333 a month; at the current pace
    # the year ends at 35 x 12/6 = 70.
    progress = progress_of(make(), {5: D(35)}, 6, THRESHOLD)
    assert progress.shortfall_to_schedule == 15
    assert progress.shortfall_to_goal == 65
    assert progress.pace_needed == D(65) / 6
    assert progress.projection == 70


def test_final_month_pace_is_the_whole_shortfall() -> None:
    progress = progress_of(make(), {5: D(35)}, 12, THRESHOLD)
    assert progress.months_remaining == 0
    assert progress.pace_needed == 65


def test_decimal_arithmetic_has_no_float_noise() -> None:
    share = make(kind="amount", unit="亿元", goal=1)
    progress = progress_of(share, {1: D("0.1"), 2: D("0.2")}, 2, THRESHOLD)
    assert progress.actual == D("0.3")
    assert str(progress.actual) == "0.3"


@pytest.mark.parametrize("month", range(1, 13))
def test_linear_expected_is_goal_times_n_over_12(month: int) -> None:
    assert expected_to_date(make(goal=120), month) == 10 * month
