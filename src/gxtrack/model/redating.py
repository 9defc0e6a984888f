"""Months that would re-date every report: a doubt, with its reason. Pure.

Status, gaps and the reports are as of the book's latest month with a figure. One
slip of the month (`--month 2024-12` in July) moves that month far ahead, and every
report then says "as of December" with most goals behind. A figure is doubted (asked
about, or refused without --force) when it is for a month after today's, or when it
would move the latest month forward by more than JUMP_MONTHS at once. Not a jump:

- a quarter's step (three months: a quarterly figure after the quarter's last);
- the book's first figures (there is no latest month to move);
- the months one batch fills without a gap (a months-across sheet, Jan..Dec at once);
- a goal's own due month (a `due` schedule) or its publication month (a quarterly,
  half-yearly or annual figure), which arrive when they arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gxtrack.i18n import t
from gxtrack.model.months import month_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.records import Ledger
from gxtrack.model.terms import Frequency, ScheduleKind

JUMP_MONTHS = 3  # a quarter's step is no jump; anything more is asked about


class YearMonth(NamedTuple):
    year: int
    month: int


class Figure(NamedTuple):
    """A value about to be recorded: whose and for which month of the plan year."""

    indicator: Indicator
    month: int


def _arrives_late_by_design(indicator: Indicator, month: int) -> bool:
    """A figure that comes in its own month, however far ahead of the others."""
    if indicator.schedule_kind is ScheduleKind.DUE and month == indicator.effective_due_month:
        return True
    return indicator.frequency is not Frequency.MONTHLY and month in indicator.frequency.months


def redating_doubt(
    plan: Plan, ledger: Ledger, figures: Sequence[Figure], today: YearMonth
) -> str | None:
    """Why recording `figures` would re-date the reports, or None (one reason a batch)."""
    if not figures:
        return None
    future = [f.month for f in figures if YearMonth(plan.year, f.month) > today]
    if future:
        return t(
            "redate.future",
            month=month_label(plan.year, max(future)),
            today=month_label(today.year, today.month),
        )
    latest = ledger.latest_month()
    if latest is None:
        return None  # the book's first figures
    batch_months = {f.month for f in figures}
    far = [
        f.month
        for f in figures
        if f.month > latest + JUMP_MONTHS and not _arrives_late_by_design(f.indicator, f.month)
    ]
    if not far:
        return None
    newest = max(far)
    if all(m in batch_months for m in range(latest + 1, newest + 1)):
        return None  # the batch fills every month up to it: a months-across sheet
    return t(
        "redate.jump",
        month=month_label(plan.year, newest),
        latest=month_label(plan.year, latest),
        months=newest - latest,
    )
