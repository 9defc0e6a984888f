"""Figures for the city and for each reporting unit, rolled up from unit records.

目标分解: a city goal is split among counties, districts and parks, and each reports its
own figures. For a summed indicator and a month, a unit's figure is its own record when
it has one, else what its children (a park inside a county) add up to; the city's figure
is the city-level record when there is one — a difference from the units' sum is then a
data-quality note, not an error — else the sum of the top-level units, so nothing is
counted twice. Year-to-date figures (rates, shares) are never added up: the city's is
recorded for the city.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.records import Ledger, month_parts
from gxtrack.model.terms import Combine

Monthly = dict[int, Decimal]


class QualityNote(NamedTuple):
    """A city-level record that differs from what its units add up to."""

    code: str
    month: int
    city: Decimal
    units_sum: Decimal


def unit_values(plan: Plan, ledger: Ledger, indicator: Indicator, unit: str) -> Monthly:
    """A unit's monthly figures: its own records, else its children's, month by month."""
    own = ledger.monthly_values(indicator.code, unit)
    children = plan.children(unit)
    if indicator.combine is not Combine.SUM or not children:
        return own
    rolled = {**_sums([unit_values(plan, ledger, indicator, c.code) for c in children]), **own}
    return _checkpointed(ledger, indicator.code, unit, rolled)


def _checkpointed(ledger: Ledger, code: str, unit: str | None, figures: Monthly) -> Monthly:
    """Figures with each year-to-date total typed for (code, unit) made a month part
    again, now against everything counted before it (its children's figures included):
    the city's own part is its total less what its units add up to before that month."""
    totals = ledger.totals.get((code, unit))
    return month_parts(figures, totals) if totals else figures


def _sums(parts: list[Monthly]) -> Monthly:
    """Month by month, what the parts add up to (months where any part has a figure)."""
    total: Monthly = {}
    for part in parts:
        for month, value in part.items():
            total[month] = total.get(month, Decimal(0)) + value
    return total


def city_values(
    plan: Plan, ledger: Ledger, indicator: Indicator
) -> tuple[Monthly, list[QualityNote]]:
    """The city's monthly figures and the months where its record and its units disagree.

    Worked out once per ledger and indicator: status asks for the figures and the notes.
    """
    key = ("city", indicator.code)
    if key not in ledger.memo:
        ledger.memo[key] = _city_values(plan, ledger, indicator)
    figures, notes = ledger.memo[key]
    return figures, notes


def _ratios(plan: Plan, ledger: Ledger, numerator: str, denominator: str) -> Monthly:
    """Month by month, numerator / denominator x 100 of their year-to-date city totals,
    where the denominator has a total above zero."""
    top = city_values(plan, ledger, plan.indicator(numerator))[0]
    bottom = city_values(plan, ledger, plan.indicator(denominator))[0]
    figures: Monthly = {}
    above, below = Decimal(0), Decimal(0)
    for month in range(1, 13):
        above += top.get(month, Decimal(0))
        below += bottom.get(month, Decimal(0))
        if (month in top or month in bottom) and below > 0:
            # One division, rounded once: 72 of 100 is 72, not 0.72 rounded then x 100.
            figures[month] = above * 100 / below
    return figures


def _city_values(
    plan: Plan, ledger: Ledger, indicator: Indicator
) -> tuple[Monthly, list[QualityNote]]:
    own = ledger.monthly_values(indicator.code)
    if indicator.numerator is not None and indicator.denominator is not None:
        return {**_ratios(plan, ledger, indicator.numerator, indicator.denominator), **own}, []
    if not plan.units or indicator.combine is not Combine.SUM:
        return own, []
    units_sum = _sums([unit_values(plan, ledger, indicator, u.code) for u in plan.top_units])
    figures = _checkpointed(ledger, indicator.code, None, {**units_sum, **own})
    notes = [
        QualityNote(indicator.code, month, figures[month], units_sum[month])
        for month in sorted(own.keys() & units_sum.keys())
        if units_sum[month] != figures[month]
    ]
    return figures, notes
