"""How a change to the data file is shown, one line each (the session and `import`).

The wording of a single `record`/`undo` is `output/outcomes.describe`; these two lines
belong beside it and move there once output's typed rows land (issue 11, part a).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.model.plan import Indicator
    from gxtrack.model.recording import RecordOutcome


def shown_name(indicator: Indicator) -> str:
    """An indicator's name for a one-line display: a line break in it shows as `\\n`
    (`say` escapes every other control character of a whole message)."""
    from gxtrack.i18n import local_name
    from gxtrack.i18n.safe_text import terminal_safe

    return terminal_safe(local_name(indicator))


def change_line(outcome: RecordOutcome) -> str:
    """`+ 2.4 name: 55 家`, `~ … 30 → 55 家` or `= …`: what a batch adds or corrects."""
    from gxtrack.i18n import t
    from gxtrack.i18n.safe_text import terminal_safe
    from gxtrack.model.recording import Action
    from gxtrack.output.formats import format_exact, with_unit

    indicator = outcome.indicator
    subject = f"{indicator.code} {shown_name(indicator)}"
    if outcome.record.note_only:
        note = terminal_safe(outcome.record.note or "")
        return t("import.line.note", subject=subject, note=note)
    value = with_unit(format_exact(outcome.record.value), indicator.unit)
    if outcome.action is Action.CORRECTED:
        return t(
            "import.line.correct",
            subject=subject,
            previous=format_exact(outcome.previous),
            value=value,
        )
    if outcome.action is Action.UNCHANGED:
        return f"  = {subject}: {value}"
    return t("import.line.add", subject=subject, value=value)
