"""The arithmetic of progress against the calendar (序时进度), defined once.

Pure functions: they take an indicator, its monthly values in force and the as-of
month, and return numbers. No I/O, no formatting.

Exactness: every comparison and every derived figure is worked out on exact fractions
(goal x 2/12 is 50/3, not 16.67), so a figure at exactly 90% of the schedule is at 90%, and
30 of a 100 goal by May is 72% of the schedule, not 71.999... A figure is turned into a
Decimal once, at the end, by one division rounded to 28 significant digits: exact whenever
the quotient terminates within them (72, 0.125), else the nearest 28-digit decimal (50/3 is
16.66666666666666666666666667).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction
from typing import NamedTuple

from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.plan import Indicator
from gxtrack.model.terms import (
    Combine,
    Comparator,
    EntryKind,
    Frequency,
    Kind,
    ScheduleKind,
    Status,
)

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# The one rounding a derived figure gets (see the module's docstring).
QUOTIENT_DIGITS = 28
_QUOTIENT = Context(prec=QUOTIENT_DIGITS, rounding=ROUND_HALF_EVEN)


def to_decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal: exact when it terminates within 28 significant
    digits (72, 0.125), else rounded to the nearest 28-digit decimal."""
    return _QUOTIENT.divide(Decimal(value.numerator), Decimal(value.denominator))


def exact_fraction(indicator: Indicator, month: int) -> Fraction:
    """The share of the annual goal expected by the end of `month` (1-12), exactly."""
    schedule = indicator.schedule
    if isinstance(schedule, list):
        return Fraction(schedule[month - 1])
    if schedule is ScheduleKind.LINEAR:
        return Fraction(month, MONTHS_IN_YEAR)
    if schedule is ScheduleKind.DUE:
        return Fraction(1 if month >= indicator.effective_due_month else 0)
    return Fraction(1)  # flat: the goal holds every month


def exact_expected(indicator: Indicator, month: int) -> Fraction:
    """序时进度 as an exact fraction: goal x N/12 (linear), the goal (flat), 0 then the
    goal (due)."""
    return Fraction(indicator.goal) * exact_fraction(indicator, month)


def expected_fraction(indicator: Indicator, month: int) -> Decimal:
    """The share of the annual goal expected by the end of `month` (1-12)."""
    return to_decimal(exact_fraction(indicator, month))


def expected_to_date(indicator: Indicator, month: int) -> Decimal:
    """序时进度: goal x N/12 (linear), the goal (flat), 0 then the goal (due)."""
    return to_decimal(exact_expected(indicator, month))


def actual_to_date(
    indicator: Indicator, monthly_values: Mapping[int, Decimal], month: int
) -> tuple[Decimal | None, int | None]:
    """The actual as of `month` and the latest month it draws on.

    `sum`: the monthly values up to `month` added up; `last`: the latest one. A milestone
    not yet recorded is 0 (not done), not missing. None means no data.
    """
    months = [m for m in monthly_values if m <= month]
    if not months:
        if indicator.kind is Kind.MILESTONE:
            return ZERO, None
        return None, None
    latest = max(months)
    if indicator.combine is Combine.SUM:
        return sum((monthly_values[m] for m in months), ZERO), latest
    if indicator.combine is Combine.AVERAGE and indicator.entry is not EntryKind.YTD:
        return mean_to_date(monthly_values, months), latest
    # `last`, or an average typed as the release's own 1—N月平均: the latest figure.
    return monthly_values[latest], latest


def mean_to_date(monthly_values: Mapping[int, Decimal], months: list[int]) -> Decimal:
    """The mean of the months' figures, over the months that have one. A first figure in
    February with none for January is the release's 1—2月 figure: it counts for both.

    5.3 (1—2月), 5.2 (March): (5.3 x 2 + 5.2) / 3 = 15.8 / 3 = 5.2666...
    """
    ordered = sorted(months)
    weights = {month: 1 for month in ordered}
    if ordered[0] == 2:
        weights[2] = 2  # 1—2月 published together
    total = sum((Fraction(monthly_values[m]) * w for m, w in weights.items()), Fraction(0))
    return to_decimal(total / sum(weights.values()))


def shortfall(indicator: Indicator, actual: Fraction, target: Fraction) -> Fraction:
    """How far `actual` is from `target` on the wrong side: positive = short of it."""
    if indicator.comparator is Comparator.AT_MOST:
        return actual - target
    return target - actual


def tolerance_at(indicator: Indicator, expected: Fraction) -> Fraction:
    """左右 against a schedule: as it is for a flat or year-to-date (`last`) figure,
    prorated like the goal (tolerance x expected / goal) for a cumulative one."""
    tolerance = Fraction(indicator.tolerance)
    cumulative = indicator.combine is Combine.SUM and indicator.schedule_kind is not (
        ScheduleKind.FLAT
    )
    if not cumulative or indicator.goal == 0:
        return tolerance
    return tolerance * abs(expected / Fraction(indicator.goal))


def warning_points(indicator: Indicator, plan_points: Decimal | None) -> Decimal | None:
    """The at-risk band in percentage points, for a rate or share goal that has one."""
    if indicator.kind not in (Kind.RATE, Kind.SHARE):
        return None
    return indicator.at_risk_points if indicator.at_risk_points is not None else plan_points


class Judgement(NamedTuple):
    status: Status
    within_tolerance: bool  # the tolerance (左右) made the difference


def judge(
    indicator: Indicator,
    actual: Decimal | None,
    expected: Fraction,
    month: int,
    at_risk_threshold: Decimal,
    *,
    at_risk_points: Decimal | None = None,
    final: bool | None = None,
) -> Judgement:
    """Status against the goal and the schedule, compared exactly.

    `achieved`: the goal is reached for good (a sum or milestone reaching it, or any
    figure meeting it in the final month, or short of it by no more than the tolerance
    once the final figure is in); `missed`: the final figure is in (`final`, by default
    `month` is December) and short of the goal by more than the tolerance; `on_track`: at
    or past the schedule, or short of it by no more than the (prorated) tolerance;
    `at_risk`: short by no more than the band beyond the tolerance: `at_risk_points`
    for a rate or share when set, else (1 - threshold) of the schedule, e.g. at least
    90% of a positive schedule; `behind`; `no_data`. Mirrored for `<=` goals, which are
    achieved only at the year's end.
    """
    if actual is None:
        return Judgement(Status.NO_DATA, False)
    exact_actual = Fraction(actual)
    goal_gap = shortfall(indicator, exact_actual, Fraction(indicator.goal))
    final_month = month == MONTHS_IN_YEAR
    final = final_month if final is None else final and final_month
    settled_early = indicator.comparator is Comparator.AT_LEAST and (
        indicator.combine is Combine.SUM or indicator.kind is Kind.MILESTONE
    )
    if goal_gap <= 0 and (final_month or settled_early):
        return Judgement(Status.ACHIEVED, False)
    if final:
        if goal_gap <= Fraction(indicator.tolerance):
            return Judgement(Status.ACHIEVED, True)
        return Judgement(Status.MISSED, False)
    gap = shortfall(indicator, exact_actual, expected)
    if gap <= 0:
        return Judgement(Status.ON_TRACK, False)
    tolerance = tolerance_at(indicator, expected)
    if gap <= tolerance:
        return Judgement(Status.ON_TRACK, True)
    if at_risk_points is not None:
        band = Fraction(at_risk_points)
    else:
        band = (1 - Fraction(at_risk_threshold)) * abs(expected)
    if gap <= tolerance + band:
        return Judgement(Status.AT_RISK, False)
    return Judgement(Status.BEHIND, False)


def classify(
    indicator: Indicator,
    actual: Decimal | None,
    expected: Fraction,
    month: int,
    at_risk_threshold: Decimal,
) -> Status:
    """The status alone (see `judge`), with the December figure taken as in."""
    return judge(indicator, actual, expected, month, at_risk_threshold).status


def percent_of(part: Decimal | None, whole: Fraction) -> Decimal | None:
    """part / whole x 100, exactly then rounded once; None where there is no part or the
    whole is 0."""
    if part is None or whole == 0:
        return None
    return to_decimal(Fraction(part) / whole * 100)


class Progress(NamedTuple):
    """Where one indicator stands at the as-of month."""

    indicator: Indicator
    month: int  # the as-of month
    actual: Decimal | None
    latest_month: int | None
    expected: Decimal
    status: Status
    # The month the indicator is judged at: its latest publication month with a figure
    # (the as-of month for a monthly one); None before its first publication month.
    period: int | None = None
    pending: bool = False  # the figure for the latest period is not in yet (待更新)
    within_tolerance: bool = False
    previous: Decimal | None = None  # 上年同期: last year's figure to the same period

    @property
    def judged_month(self) -> int:
        return self.month if self.period is None else self.period

    @property
    def exact_expected(self) -> Fraction:
        """`expected` before its rounding to a Decimal, for exact arithmetic."""
        return exact_expected(self.indicator, self.judged_month)

    @property
    def goal_pct(self) -> Decimal | None:
        """完成率: actual / annual goal, in percent."""
        return percent_of(self.actual, Fraction(self.indicator.goal))

    @property
    def stretch_pct(self) -> Decimal | None:
        """Actual / 力争 value, in percent; None without one."""
        stretch = self.indicator.stretch_goal
        return None if stretch is None else percent_of(self.actual, Fraction(stretch))

    @property
    def headroom(self) -> Decimal | None:
        """For a cap (<= on a figure of 0 or more): how far the figure is below it;
        negative past it."""
        cap = self.indicator.comparator is Comparator.AT_MOST and self.indicator.goal >= 0
        if self.actual is None or not cap:  # a decrease (下降…以上) has no ceiling
            return None
        return self.indicator.goal - self.actual

    @property
    def change_vs_previous(self) -> Decimal | None:
        """同比: percentage points for a rate or share, percent growth for a count or
        amount; None without last year's figure (or when it is 0 for a growth)."""
        if self.actual is None or self.previous is None:
            return None
        kind = self.indicator.kind
        if kind in (Kind.RATE, Kind.SHARE):
            return self.actual - self.previous
        if kind is Kind.MILESTONE or self.previous == 0:
            return None
        return to_decimal((Fraction(self.actual) / Fraction(self.previous) - 1) * 100)

    @property
    def schedule_pct(self) -> Decimal | None:
        """Actual / expected to date, in percent; None while nothing is expected."""
        return percent_of(self.actual, self.exact_expected)

    @property
    def lag_score(self) -> Decimal:
        """Lower is worse: actual / expected for a `>=` goal, mirrored for `<=`."""
        expected = self.exact_expected
        if self.actual is None or expected == 0:
            return Decimal(1)
        gap = shortfall(self.indicator, Fraction(self.actual), expected)
        return to_decimal(1 - gap / abs(expected))

    @property
    def months_remaining(self) -> int:
        return MONTHS_IN_YEAR - self.month

    @property
    def shortfall_to_schedule(self) -> Decimal | None:
        """缺口 against the schedule (percentage points for a rate); <= 0 when on it."""
        if self.actual is None:
            return None
        return to_decimal(shortfall(self.indicator, Fraction(self.actual), self.exact_expected))

    @property
    def shortfall_to_goal(self) -> Decimal | None:
        """What is still missing to the annual goal; <= 0 once reached."""
        if self.actual is None:
            return None
        return to_decimal(self._exact_shortfall_to_goal(self.actual))

    def _exact_shortfall_to_goal(self, actual: Decimal) -> Fraction:
        return shortfall(self.indicator, Fraction(actual), Fraction(self.indicator.goal))

    @property
    def pace_needed(self) -> Decimal | None:
        """月均需完成: the monthly amount still needed to reach the goal.

        Over the remaining months; in the final month, the whole shortfall. None for a
        flat (rate) goal, which has no pace: its year-to-date figure must simply meet it;
        and None for a missed goal, which no pace can reach any more.
        """
        if self.actual is None or self.indicator.schedule_kind is ScheduleKind.FLAT:
            return None
        if self.status is Status.MISSED:
            return None
        remaining = self._exact_shortfall_to_goal(self.actual)
        if remaining <= 0:
            return ZERO
        return to_decimal(remaining / max(self.months_remaining, 1))

    @property
    def projection(self) -> Decimal | None:
        """预计全年: where the current pace ends the year.

        A flat (rate) figure is its own projection; a cumulative one is scaled by the
        share of the year the plan's schedule has covered (N/12 unless seasonal), as of
        the month it is judged at.
        """
        if self.actual is None:
            return None
        if self.indicator.schedule_kind is ScheduleKind.FLAT or self.indicator.kind is (
            Kind.MILESTONE
        ):
            return self.actual
        month = self.judged_month
        covered = Fraction(month, MONTHS_IN_YEAR)
        if self.indicator.schedule_kind is ScheduleKind.SEASONAL:
            seasonal = exact_fraction(self.indicator, month)
            covered = seasonal if seasonal > 0 else covered
        return to_decimal(Fraction(self.actual) / covered)


def judged_period(
    indicator: Indicator, monthly_values: Mapping[int, Decimal], month: int
) -> tuple[int | None, bool]:
    """The month an indicator is judged at as of `month`, and whether it is pending.

    Monthly: the as-of month itself (its actual is the latest figure up to it). Otherwise
    the latest publication month up to `month` with a figure, pending when a later
    publication month is due but not in; None before the first publication month.
    """
    if indicator.frequency is Frequency.MONTHLY:
        return month, False
    due = [p for p in indicator.frequency.months if p <= month]
    if not due:
        return None, False
    for period in reversed(due):
        if period in monthly_values:
            return period, period != due[-1]
    return due[-1], False  # nothing published yet: no data at the latest period


def previous_to(indicator: Indicator, month: int | None) -> Decimal | None:
    """Last year's figure to the same period: summed for `sum`, the month's for `last`;
    None where a month it needs is missing."""
    table = indicator.previous_by_month
    if month is None or not table:
        return None
    if indicator.combine is not Combine.SUM:
        return table.get(month)
    months = [m for m in indicator.frequency.months if m <= month]
    if any(m not in table for m in months):
        return None
    return sum((table[m] for m in months), ZERO)


def progress_of(
    indicator: Indicator,
    monthly_values: Mapping[int, Decimal],
    month: int,
    at_risk_threshold: Decimal,
    at_risk_points: Decimal | None = None,
) -> Progress:
    """Everything the reports say about one indicator at `month` (`at_risk_points`: the
    plan's band in points for rates and shares)."""
    period, pending = judged_period(indicator, monthly_values, month)
    if period is None:  # before its first publication: nothing can be known yet
        expected = exact_expected(indicator, month)
        return Progress(indicator, month, None, None, to_decimal(expected), Status.NO_DATA)
    actual, latest = actual_to_date(indicator, monthly_values, period)
    if indicator.frequency is Frequency.MONTHLY:
        pending = latest is not None and latest < month
    expected = exact_expected(indicator, period)
    points = warning_points(indicator, at_risk_points)
    judgement = judge(
        indicator,
        actual,
        expected,
        period,
        at_risk_threshold,
        at_risk_points=points,
        final=latest == MONTHS_IN_YEAR,
    )
    return Progress(
        indicator,
        month,
        actual,
        latest,
        to_decimal(expected),
        judgement.status,
        period,
        pending and judgement.status is not Status.ACHIEVED,  # nothing to wait for
        judgement.within_tolerance,
        previous_to(indicator, latest),
    )


def with_relative_goal(indicator: Indicator, other: Progress) -> Indicator | None:
    """The indicator with its goal for this period: the other indicator's figure plus
    the offset (income growth 5.0 against GDP growth 5.0 + 0); None until it has one."""
    if other.actual is None:
        return None
    return indicator.model_copy(update={"goal": other.actual + indicator.goal_offset})
