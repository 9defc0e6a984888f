"""How a change to the data file is shown, one line each (the session and `import`).

The wording of a single `record`/`undo` is `output/outcomes.describe`; these two lines
belong beside it, and can move there once output words typed change rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from decimal import Decimal

    from gxtrack.errors import ImplausibleValueError
    from gxtrack.model.plan import Indicator
    from gxtrack.model.recording import RecordOutcome


def shown_name(indicator: Indicator) -> str:
    """An indicator's name for a one-line display: a line break in it shows as `\\n`
    (`say` escapes every other control character of a whole message)."""
    from gxtrack.i18n import local_name
    from gxtrack.i18n.safe_text import terminal_safe

    return terminal_safe(local_name(indicator))


def change_line(outcome: RecordOutcome, *, where: str = "") -> str:
    """`+ 2.4 name: 55 家`, `~ … 30 家 → 55 家` or `= …`, and the note after `#`: what a
    batch adds or corrects (a milestone's 1 reads 完成/done), after `where` it goes
    (`2024-07 祁阳市`) when given."""
    from gxtrack.i18n import t
    from gxtrack.i18n.safe_text import terminal_safe
    from gxtrack.model.recording import Action
    from gxtrack.output.formats import format_exact, with_unit

    indicator = outcome.indicator
    subject = f"{indicator.code} {shown_name(indicator)}"
    if where:  # the month, and the unit: 2,000 lines for 14 counties need saying where
        subject = f"{terminal_safe(where)} {subject}"
    if outcome.record.note_only:
        return t("import.line.note", subject=subject, note=terminal_safe(outcome.record.note or ""))
    value = shown_value(indicator, outcome.record.value)
    if outcome.action is Action.CORRECTED:
        line = t(
            "import.line.correct",
            subject=subject,
            previous=shown_value(indicator, outcome.previous),
            value=value,
        )
    elif outcome.action is Action.UNCHANGED:
        line = f"  = {subject}: {value}"
    else:
        line = t("import.line.add", subject=subject, value=value)
    if outcome.year_to_date is not None and outcome.part is not None:
        # The total typed is the value shown; the month part derived from it beside it.
        part = with_unit(format_exact(outcome.part), indicator.unit)
        line += t("outcome.ytd_part", month=outcome.record.month, part=part)
    if outcome.moved:  # a total moves the parts beside it: say which, after the line
        from gxtrack.output.outcomes import moved_parts

        line += " " + " ".join(moved_parts(outcome, lambda v: shown_value(indicator, v)))
    if not outcome.record.note:
        return line
    return t("change.note", line=line, note=terminal_safe(outcome.record.note))


def shown_value(indicator: Indicator, value: Decimal | None) -> str:
    """A value with its unit on every side of a change; a milestone's 1 as 完成/done."""
    from gxtrack.i18n import t
    from gxtrack.model.terms import Kind
    from gxtrack.output.formats import format_exact, with_unit

    if value is None:
        return t("outcome.no_value")
    if indicator.kind is Kind.MILESTONE:
        return t("goal.done") if value == 1 else t("change.not_done")
    return with_unit(format_exact(value), indicator.unit)


def can_ask() -> bool:
    """A person at a terminal to ask; a script or pipe is refused instead."""
    import sys

    return sys.stdin.isatty()


def confirm_doubts(error: ImplausibleValueError) -> None:
    """Values that look wrong (far above the goal or every month so far): asked about
    again on a terminal, No by default; without a terminal, the refusal stands (exit 3,
    with the reasons and the --force hint). Declined: nothing recorded, exit 3."""
    import typer

    from gxtrack.cli.app import say
    from gxtrack.cli.ask import ask_yes_no
    from gxtrack.errors import ExitCode
    from gxtrack.i18n import t

    if not can_ask():
        raise error
    for line in error.detail:
        say(line)
    if not ask_yes_no(t("doubt.ask", count=len(error.detail)), default=False):
        say(t("doubt.declined"))
        raise typer.Exit(int(ExitCode.INVALID_INPUT))


def say_waived(reasons: list[str]) -> None:
    """One line for each doubt --force waived: what was recorded despite looking wrong."""
    from gxtrack.cli.app import say
    from gxtrack.i18n import t

    for reason in reasons:
        say(t("doubt.waived", reason=reason))
