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
from gxtrack.model.terms import Combine, Comparator, Kind, ScheduleKind, Status

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
    return monthly_values[latest], latest


def shortfall(indicator: Indicator, actual: Fraction, target: Fraction) -> Fraction:
    """How far `actual` is from `target` on the wrong side: positive = short of it."""
    if indicator.comparator is Comparator.AT_MOST:
        return actual - target
    return target - actual


def classify(
    indicator: Indicator,
    actual: Decimal | None,
    expected: Fraction,
    month: int,
    at_risk_threshold: Decimal,
) -> Status:
    """Status against the goal and the schedule, compared exactly.

    `achieved`: the goal is reached for good (a sum or milestone reaching it, or any
    figure meeting it in the final month); `on_track`: at or past the schedule;
    `at_risk`: within (1 - threshold) of it, e.g. at least 90% of a positive schedule;
    `behind`; `no_data`. Mirrored for `<=` goals, which are achieved only at the year's end.
    """
    if actual is None:
        return Status.NO_DATA
    exact_actual = Fraction(actual)
    reached_goal = shortfall(indicator, exact_actual, Fraction(indicator.goal)) <= 0
    final_month = month == MONTHS_IN_YEAR
    settled_early = indicator.comparator is Comparator.AT_LEAST and (
        indicator.combine is Combine.SUM or indicator.kind is Kind.MILESTONE
    )
    if reached_goal and (final_month or settled_early):
        return Status.ACHIEVED
    gap = shortfall(indicator, exact_actual, expected)
    if gap <= 0:
        return Status.ON_TRACK
    if gap <= (1 - Fraction(at_risk_threshold)) * abs(expected):
        return Status.AT_RISK
    return Status.BEHIND


def percent_of(part: Decimal | None, whole: Fraction) -> Decimal | None:
    """part / whole x 100, exactly then rounded once; None where there is no part or the
    whole is 0."""
    if part is None or whole == 0:
        return None
    return to_decimal(Fraction(part) / whole * 100)


class Progress(NamedTuple):
    """Where one indicator stands at the as-of month."""

    indicator: Indicator
    month: int
    actual: Decimal | None
    latest_month: int | None
    expected: Decimal
    status: Status

    @property
    def exact_expected(self) -> Fraction:
        """`expected` before its rounding to a Decimal, for exact arithmetic."""
        return exact_expected(self.indicator, self.month)

    @property
    def goal_pct(self) -> Decimal | None:
        """完成率: actual / annual goal, in percent."""
        return percent_of(self.actual, Fraction(self.indicator.goal))

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
        flat (rate) goal, which has no pace: its year-to-date figure must simply meet it.
        """
        if self.actual is None or self.indicator.schedule_kind is ScheduleKind.FLAT:
            return None
        remaining = self._exact_shortfall_to_goal(self.actual)
        if remaining <= 0:
            return ZERO
        return to_decimal(remaining / max(self.months_remaining, 1))

    @property
    def projection(self) -> Decimal | None:
        """预计全年: where the current pace ends the year.

        A flat (rate) figure is its own projection; a cumulative one is scaled by the
        share of the year the plan's schedule has covered (N/12 unless seasonal).
        """
        if self.actual is None:
            return None
        if self.indicator.schedule_kind is ScheduleKind.FLAT or self.indicator.kind is (
            Kind.MILESTONE
        ):
            return self.actual
        covered = Fraction(self.month, MONTHS_IN_YEAR)
        if self.indicator.schedule_kind is ScheduleKind.SEASONAL:
            seasonal = exact_fraction(self.indicator, self.month)
            covered = seasonal if seasonal > 0 else covered
        return to_decimal(Fraction(self.actual) / covered)


def progress_of(
    indicator: Indicator,
    monthly_values: Mapping[int, Decimal],
    month: int,
    at_risk_threshold: Decimal,
) -> Progress:
    """Everything the reports say about one indicator at `month`."""
    actual, latest = actual_to_date(indicator, monthly_values, month)
    expected = exact_expected(indicator, month)
    status = classify(indicator, actual, expected, month, at_risk_threshold)
    return Progress(indicator, month, actual, latest, to_decimal(expected), status)
