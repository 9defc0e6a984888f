"""What recording did, in one line for the user."""

from __future__ import annotations

from decimal import Decimal

from gxtrack.i18n import local_name, t
from gxtrack.model.recording import Action, RecordOutcome
from gxtrack.output.formats import format_exact, with_unit


def describe(outcome: RecordOutcome) -> str:
    """One line telling the user what recording did, in the interface's language."""
    record, indicator = outcome.record, outcome.indicator

    def amount(value: Decimal | None) -> str:
        return with_unit(format_exact(value), indicator.unit)

    subject = f"{indicator.code} {local_name(indicator)} {record.month}"
    if record.unit is not None:
        subject += f" ({record.unit})"
    ytd = ""
    if outcome.year_to_date is not None:
        ytd = t("outcome.ytd", total=amount(outcome.year_to_date))
    if outcome.action is Action.UNDONE:
        now = t("outcome.no_value") if outcome.restored is None else amount(outcome.restored)
        return t(
            "outcome.undone", subject=subject, previous=format_exact(outcome.previous), now=now
        )
    if outcome.action is Action.UNCHANGED:
        return t("outcome.unchanged", subject=subject, value=amount(record.value))
    if outcome.action is Action.CORRECTED and outcome.previous == record.value:
        return t("outcome.note_updated", subject=subject, value=amount(record.value))
    if outcome.action is Action.CORRECTED:
        return t(
            "outcome.corrected",
            subject=subject,
            previous=format_exact(outcome.previous),
            value=amount(record.value),
            ytd=ytd,
        )
    return t("outcome.recorded", subject=subject, value=amount(record.value), ytd=ytd)
