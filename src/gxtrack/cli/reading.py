"""Commands that show a report: status, gaps, check, plan, history."""

from enum import StrEnum
from typing import Annotated

import typer

from gxtrack.cli.app import (
    AreaOption,
    AsOfOption,
    CodeArgument,
    DataOption,
    FormatOption,
    LangOption,
    TargetsOption,
    UnitOption,
    as_of_month,
    command,
    load,
    plan_only,
    show,
    unit_named,
)
from gxtrack.i18n import t
from gxtrack.model.terms import Status
from gxtrack.output.formats import OutputFormat


class By(StrEnum):
    UNIT = "unit"


@command("status")
def status(
    as_of: AsOfOption = None,
    area: AreaOption = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--status", "-s", metavar="STATUS", help=t("help.opt.status")),
    ] = None,
    unit: UnitOption = None,
    by: Annotated[By | None, typer.Option("--by", help=t("help.opt.by"))] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Where every goal stands against the calendar, grouped by area."""
    from dataclasses import replace

    from gxtrack.errors import InvalidInputError
    from gxtrack.model.status_words import parse_status
    from gxtrack.reports.common import as_of_why
    from gxtrack.reports.status import status_report

    try:
        statuses = [parse_status(word) for word in only or ()]
    except InvalidInputError as error:  # a word the option does not take: a usage error
        raise typer.BadParameter(error.message) from None
    plan, datafile = load(targets, data)
    unit = unit_named(plan, unit)
    month = as_of_month(plan, datafile, as_of)
    if by is By.UNIT:
        from gxtrack.reports.units import matrix_report

        show(matrix_report(plan, datafile.ledger, month), output_format)
        return
    report = status_report(plan, datafile.ledger, month, area=area, statuses=statuses, unit=unit)
    show(replace(report, as_of_why=as_of_why(datafile.ledger, as_of is not None)), output_format)


@command("gaps")
def gaps(
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """What lags, worst first: shortfall, monthly pace needed, year-end projection."""
    from gxtrack.reports.gaps import gaps_report

    plan, datafile = load(targets, data)
    unit = unit_named(plan, unit)
    month = as_of_month(plan, datafile, as_of)
    show(gaps_report(plan, datafile.ledger, month, unit=unit), output_format)


@command("check")
def check(
    as_of: AsOfOption = None,
    strict: Annotated[bool, typer.Option("--strict", help=t("help.opt.strict"))] = False,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Exit 1 when any goal is behind or missed (with --strict, also at risk); print nothing."""
    from gxtrack.errors import ExitCode
    from gxtrack.reports.common import all_progress

    plan, datafile = load(targets, data, quiet=True)  # prints nothing, as documented
    failing = {Status.BEHIND, Status.MISSED}  # a missed goal counts as behind
    if strict:
        failing.add(Status.AT_RISK)
    month = as_of_month(plan, datafile, as_of)
    if any(p.status in failing for p in all_progress(plan, datafile.ledger, month)):
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@command("plan", "plan")
def show_plan(
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's indicators and their goals, by area."""
    from gxtrack.reports.plan import plan_report

    show(plan_report(plan_only(targets, data)), output_format)


@command("history")
def history(
    code: CodeArgument,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Every recorded value of one indicator, corrections included, with a sparkline."""
    from gxtrack.reports.history import history_report

    plan, datafile = load(targets, data, history=True)
    show(history_report(plan, datafile.ledger, code), output_format)
