"""What recording did, in one line for the user."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gxtrack.i18n import local_name, t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.plan import Indicator
from gxtrack.model.recording import Action, RecordOutcome
from gxtrack.model.terms import Kind
from gxtrack.output.formats import format_exact, with_unit
from gxtrack.output.goals import up_or_down


def describe(outcome: RecordOutcome) -> str:
    """One line telling the user what recording did, in the interface's language."""
    record, indicator = outcome.record, outcome.indicator

    def amount(value: Decimal | None) -> str:
        text = with_unit(format_exact(value), indicator.unit)
        if value is not None and _reads_as_decrease(indicator) and value != 0:
            # A decrease goal (下降2.5%以上): say which way the figure went, so a 2.6
            # typed for "down 2.6" is seen to be recorded as up 2.6.
            text = up_or_down(value, lambda size: with_unit(format_exact(size), indicator.unit))
        return text

    def before(value: Decimal | None) -> str:
        """The value replaced: bare as before, but worded up/down like the new one for a
        decrease goal, so "下降2.6% → 增长2.6%" shows which way the correction went."""
        if value is not None and value != 0 and _reads_as_decrease(indicator):
            return amount(value)
        return format_exact(value)

    subject = f"{indicator.code} {local_name(indicator)} {record.month}"
    if record.unit is not None:
        subject += f" ({record.unit})"
    ytd = ""
    if outcome.year_to_date is not None:
        ytd = t("outcome.ytd", total=amount(outcome.year_to_date))
    if outcome.action is Action.UNDONE:
        now = t("outcome.no_value") if outcome.restored is None else amount(outcome.restored)
        return t("outcome.undone", subject=subject, previous=before(outcome.previous), now=now)
    if record.note_only:
        key = "outcome.note_unchanged" if outcome.action is Action.UNCHANGED else "outcome.noted"
        return t(key, subject=subject, note=terminal_safe(record.note or ""))
    if outcome.action is Action.UNCHANGED:
        return t("outcome.unchanged", subject=subject, value=amount(record.value))
    if outcome.action is Action.CORRECTED and outcome.previous == record.value:
        return t("outcome.note_updated", subject=subject, value=amount(record.value))
    if outcome.year_to_date is not None and outcome.part is not None:
        # The total typed is the value shown; the month part derived from it follows.
        ytd = t("outcome.ytd_part", month=record.month, part=amount(outcome.part))
    if outcome.action is Action.CORRECTED:
        line = t(
            "outcome.corrected",
            subject=subject,
            previous=before(outcome.previous),
            value=amount(record.value),
            ytd=ytd,
        )
    else:
        line = t("outcome.recorded", subject=subject, value=amount(record.value), ytd=ytd)
    return " ".join([line, *moved_parts(outcome, amount)])


def moved_parts(outcome: RecordOutcome, amount: Callable[[Decimal | None], str]) -> list[str]:
    """One sentence a month whose derived part the record moved ("June's own part is now 385")."""
    year = outcome.record.month[:4]
    return [
        t(
            "outcome.part_moved",
            month=f"{year}-{moved.month:02d}",
            before=amount(moved.before),
            after=amount(moved.after),
        )
        for moved in outcome.moved
    ]


def _reads_as_decrease(indicator: Indicator) -> bool:
    return indicator.kind is Kind.RATE and indicator.goal < 0
