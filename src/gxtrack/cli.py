"""The command line: parse, call the core, pick a renderer."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from gxtrack import __version__
from gxtrack.completion import area_codes, indicator_codes
from gxtrack.edge import GxtrackGroup, NumbersMayBeNegative
from gxtrack.formats import OutputFormat
from gxtrack.workspace import Paths

# Heavier modules (the plan models, storage, Rich) are imported inside the commands that
# use them: `--help` and shell completion then cost little more than Typer itself.

app = typer.Typer(
    cls=GxtrackGroup,
    name="gxtrack",
    help="Follow a plan's annual numeric goals month by month, against the calendar "
    "(序时进度).\n\nRun `gxtrack COMMAND --help` for a command's options and examples.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

TargetsOption = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        "-t",
        envvar="GXTRACK_TARGETS",
        show_default=False,
        help="Plan file [default: ./targets.toml].",
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar="GXTRACK_DATA",
        show_default=False,
        help="Data file [default: actuals.toml beside the plan].",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM",
        show_default=False,
        help="Month to report on [default: the latest month with data].",
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


CodeArgument = Annotated[
    str,
    typer.Argument(
        metavar="CODE",
        help="Indicator code, e.g. 2.4.",
        show_default=False,
        autocompletion=indicator_codes,
    ),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gxtrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full report of an internal error.")
    ] = False,
) -> None:
    """Follow a plan's annual numeric goals month by month (序时进度)."""


def _load(targets: Path | None, data: Path | None, *, history: bool = False) -> Any:
    """The plan and the data file (with every record when `history` is needed)."""
    from gxtrack.workspace import load_workspace

    return load_workspace(Paths.resolve(targets, data), history=history)


def _month(plan: Any, datafile: Any, as_of: str | None) -> int:
    """The --as-of month, or the latest month with data (December with none)."""
    from gxtrack.months import parse_month
    from gxtrack.reports import default_as_of

    if as_of is None:
        return int(default_as_of(datafile.ledger))
    return parse_month(as_of, plan.year, what="--as-of")


def _show(report: Any, output_format: OutputFormat) -> None:
    from gxtrack.render import render

    render(report, output_format)


@app.command()
def status(
    as_of: AsOfOption = None,
    area: Annotated[
        str | None,
        typer.Option("--area", "-a", help="Only this area.", autocompletion=area_codes),
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Where every goal stands against the calendar, grouped by area.

    Example: gxtrack status --as-of 2024-06 --area 2
    """
    from gxtrack.reports import status_report

    plan, datafile = _load(targets, data)
    month = _month(plan, datafile, as_of)
    _show(status_report(plan, datafile.ledger, month, area=area), output_format)


@app.command()
def gaps(
    as_of: AsOfOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """What lags, worst first: shortfall, monthly pace needed, year-end projection.

    Example: gxtrack gaps --as-of 2024-06 --format csv
    """
    from gxtrack.reports import gaps_report

    plan, datafile = _load(targets, data)
    _show(gaps_report(plan, datafile.ledger, _month(plan, datafile, as_of)), output_format)


@app.command(cls=NumbersMayBeNegative)
def record(
    code: CodeArgument,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The value: a number (-1.5 for a falling rate), or done for a milestone.",
            show_default=False,
        ),
    ],
    month: Annotated[
        str,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="The month the value belongs to."),
    ],
    note: Annotated[str | None, typer.Option("--note", "-n", help="A note (情况说明).")] = None,
    ytd: Annotated[
        bool,
        typer.Option(
            "--ytd", help="VALUE is a year-to-date total (1—N月累计); record the month's part."
        ),
    ] = False,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Record one month's value; a second value for the same month is a correction.

    Examples:

      gxtrack record 2.4 55 --month 2024-06

      gxtrack record 5.2 2,610 --month 2024-06 --ytd

      gxtrack record 1.1 -1.5 --month 2024-02 --note "春节因素"

      gxtrack record 7.1 done --month 2024-05
    """
    from gxtrack.plan import load_plan
    from gxtrack.recording import record_value

    paths = Paths.resolve(targets, data)
    outcome = record_value(paths, load_plan(paths.targets), code, value, month, note=note, ytd=ytd)
    typer.echo(_describe_outcome(outcome))


def _describe_outcome(outcome: object) -> str:
    from gxtrack.recording import Action, RecordOutcome
    from gxtrack.render import format_number

    assert isinstance(outcome, RecordOutcome)
    record, indicator = outcome.record, outcome.indicator
    value = f"{format_number(record.value)} {indicator.unit}".strip()
    subject = f"{indicator.code} {indicator.name} {record.month}"
    ytd = (
        f" (year-to-date {format_number(outcome.year_to_date)} {indicator.unit})".rstrip()
        if outcome.year_to_date is not None
        else ""
    )
    if outcome.action is Action.UNDONE:
        now = (
            "no value"
            if outcome.restored is None
            else f"{format_number(outcome.restored)} {indicator.unit}".strip()
        )
        return (
            f"Undone {subject}: {format_number(outcome.previous)} withdrawn; "
            f"in force now: {now}. Every record stays in the file as history."
        )
    if outcome.action is Action.UNCHANGED:
        return f"Unchanged: {subject} is already {value}; nothing written."
    if outcome.action is Action.CORRECTED and outcome.previous == record.value:
        return f"Corrected {subject}: note updated ({value}); the old record is kept as history."
    if outcome.action is Action.CORRECTED:
        return (
            f"Corrected {subject}: {format_number(outcome.previous)} → {value}{ytd}; "
            "the old value is kept as history."
        )
    return f"Recorded {subject}: {value}{ytd}."


@app.command()
def undo(
    code: CodeArgument,
    month: Annotated[
        str,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="The month whose value to withdraw."),
    ],
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Withdraw the value in force for a month; the value before it counts again.

    Nothing is deleted: an undo record is appended, and `history` shows both.

    Example: gxtrack undo 2.4 --month 2024-06
    """
    from gxtrack.plan import load_plan
    from gxtrack.recording import undo_value

    paths = Paths.resolve(targets, data)
    typer.echo(_describe_outcome(undo_value(paths, load_plan(paths.targets), code, month)))


@app.command()
def history(
    code: CodeArgument,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Every recorded value of one indicator, corrections included.

    Example: gxtrack history 2.4
    """
    from gxtrack.reports import history_report

    plan, datafile = _load(targets, data, history=True)
    _show(history_report(plan, datafile.ledger, code), output_format)


@app.command("plan")
def show_plan(
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """The plan's indicators and their goals, by area.

    Example: gxtrack plan --format json
    """
    from gxtrack.plan import load_plan
    from gxtrack.reports import plan_report

    _show(plan_report(load_plan(Paths.resolve(targets, data).targets)), output_format)


@app.command()
def validate(
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Check the plan file and the data file; the first problem is shown with its line.

    Example: gxtrack validate --targets plans/2024/targets.toml
    """
    paths = Paths.resolve(targets, data)
    plan, datafile = _load(targets, data, history=True)
    typer.echo(
        f"{paths.targets}: OK ({len(plan.areas)} areas, "
        f"{len(plan.indicators)} indicators, year {plan.year})"
    )
    if datafile.exists:
        typer.echo(f"{paths.data}: OK ({len(datafile.records)} records)")
    else:
        typer.echo(f"{paths.data}: no data file yet (the first record creates it)")


class ExportWhat(StrEnum):
    STATUS = "status"
    GAPS = "gaps"
    ACTUALS = "actuals"


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="The report to export.")],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="CSV file to write; - for stdout.")
    ] = "-",
    as_of: AsOfOption = None,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom/--no-bom", help="Start with a UTF-8 BOM so Excel reads Chinese correctly."
        ),
    ] = True,
    targets: TargetsOption = None,
    data: DataOption = None,
) -> None:
    """Write a report as CSV for Excel: numbers plain, Chinese intact, formulas defused.

    Examples:

      gxtrack export status --as-of 2024-06 --output status-2024-06.csv

      gxtrack export actuals --output - --no-bom | head
    """
    from gxtrack.csv_export import csv_bytes, csv_text
    from gxtrack.reports import actuals_report, gaps_report, status_report
    from gxtrack.storage import atomic_write

    plan, datafile = _load(targets, data, history=what is ExportWhat.ACTUALS)
    ledger, month = datafile.ledger, _month(plan, datafile, as_of)
    builders = {
        ExportWhat.STATUS: lambda: status_report(plan, ledger, month),
        ExportWhat.GAPS: lambda: gaps_report(plan, ledger, month),
        ExportWhat.ACTUALS: lambda: actuals_report(plan, ledger),
    }
    content = csv_bytes(csv_text(builders[what]().rows), bom=bom)
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        atomic_write(Path(output), content)
        typer.echo(f"Wrote {output}", err=True)


def main() -> None:
    """The console script."""
    app()
