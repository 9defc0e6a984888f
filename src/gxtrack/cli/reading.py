"""Commands that read: status, gaps, check, plan, history, export."""

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
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
    app,
    as_of_month,
    load,
    plan_only,
    say,
    show,
)
from gxtrack.model.terms import Status
from gxtrack.output.formats import OutputFormat


class By(StrEnum):
    UNIT = "unit"


@app.command()
def status(
    as_of: AsOfOption = None,
    area: AreaOption = None,
    only: Annotated[
        list[Status] | None,
        typer.Option("--status", "-s", help="Only indicators in this status (repeatable)."),
    ] = None,
    unit: UnitOption = None,
    by: Annotated[
        By | None, typer.Option("--by", help="unit: a matrix of units x indicators.")
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Where every goal stands against the calendar, grouped by area.

    Examples:

      gxtrack status --as-of 2024-06 --area 2

      gxtrack status --status behind --status at_risk --lang zh

      gxtrack status --unit qiyang

      gxtrack status --by unit
    """
    from gxtrack.reports.status import status_report

    plan, datafile = load(targets, data)
    month = as_of_month(plan, datafile, as_of)
    if by is By.UNIT:
        from gxtrack.reports.units import matrix_report

        show(matrix_report(plan, datafile.ledger, month), output_format)
        return
    report = status_report(plan, datafile.ledger, month, area=area, statuses=only, unit=unit)
    show(report, output_format)


@app.command()
def gaps(
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """What lags, worst first: shortfall, monthly pace needed, year-end projection.

    Examples:

      gxtrack gaps --as-of 2024-06 --format csv

      gxtrack gaps --unit jianghua
    """
    from gxtrack.reports.gaps import gaps_report

    plan, datafile = load(targets, data)
    month = as_of_month(plan, datafile, as_of)
    show(gaps_report(plan, datafile.ledger, month, unit=unit), output_format)


@app.command()
def check(
    as_of: AsOfOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail on at_risk.")] = False,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Exit 1 when any goal is behind (with --strict, also at risk); print nothing.

    For cron jobs and reporting pipelines. Example:

      gxtrack check --strict || mail -s "goals lagging" office@example.org < /dev/null
    """
    from gxtrack.errors import ExitCode
    from gxtrack.reports.common import all_progress

    plan, datafile = load(targets, data, quiet=True)  # prints nothing, as documented
    failing = {Status.BEHIND, Status.AT_RISK} if strict else {Status.BEHIND}
    month = as_of_month(plan, datafile, as_of)
    if any(p.status in failing for p in all_progress(plan, datafile.ledger, month)):
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@app.command("plan")
def show_plan(
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's indicators and their goals, by area.

    Example: gxtrack plan --format json
    """
    from gxtrack.reports.plan import plan_report

    show(plan_report(plan_only(targets, data)), output_format)


@app.command()
def history(
    code: CodeArgument,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Every recorded value of one indicator, corrections included, with a sparkline.

    Example: gxtrack history 2.4
    """
    from gxtrack.reports.history import history_report

    plan, datafile = load(targets, data, history=True)
    show(history_report(plan, datafile.ledger, code), output_format)


class ExportWhat(StrEnum):
    STATUS = "status"
    GAPS = "gaps"
    ACTUALS = "actuals"
    PLAN = "plan"
    UNITS = "units"
    MATRIX = "matrix"
    ALL = "all"


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="The report to export (all: xlsx only).")],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="A .csv or .xlsx file to write; - for CSV on stdout.",
        ),
    ] = "-",
    as_of: AsOfOption = None,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom/--no-bom", help="Start CSV with a UTF-8 BOM so Excel reads Chinese correctly."
        ),
    ] = True,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write reports for Excel and WPS: CSV, or a workbook with a sheet per report.

    CSV columns are the JSON keys, numbers plain, formulas defused. A workbook has
    headers in the interface language, a frozen header row, number formats and status
    colours.

    Examples:

      gxtrack export status --as-of 2024-06 --output status-2024-06.csv

      gxtrack export all --output 2024-06.xlsx --lang zh

      gxtrack export actuals --output - --no-bom | head
    """
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.output.present import AnyReport, present
    from gxtrack.reports.actuals import actuals_report
    from gxtrack.reports.gaps import gaps_report
    from gxtrack.reports.plan import plan_report
    from gxtrack.reports.status import status_report
    from gxtrack.reports.units import matrix_report, units_report
    from gxtrack.store.output_paths import guarded_files, refuse_unsafe_output, write_output
    from gxtrack.store.workspace import Paths

    workbook = output.lower().endswith(".xlsx")
    if what is ExportWhat.ALL and not workbook:
        raise InvalidInputError(t("export.all_needs_xlsx"))
    guarded = guarded_files(Paths.resolve(targets, data))
    if output != "-":
        refuse_unsafe_output(Path(output), guarded)  # before any work
    history = what in (ExportWhat.ACTUALS, ExportWhat.ALL)
    plan, datafile = load(targets, data, history=history)
    ledger, month = datafile.ledger, as_of_month(plan, datafile, as_of)
    builders: dict[ExportWhat, Callable[[], AnyReport]] = {
        ExportWhat.STATUS: lambda: status_report(plan, ledger, month),
        ExportWhat.GAPS: lambda: gaps_report(plan, ledger, month),
        ExportWhat.ACTUALS: lambda: actuals_report(plan, ledger),
        ExportWhat.PLAN: lambda: plan_report(plan),
        ExportWhat.UNITS: lambda: units_report(plan),
        ExportWhat.MATRIX: lambda: matrix_report(plan, ledger, month),
    }
    # `all` is the four reports every plan has; units and the matrix when it has units.
    everything = [
        w for w in builders if plan.units or w not in (ExportWhat.UNITS, ExportWhat.MATRIX)
    ]
    chosen = everything if what is ExportWhat.ALL else [what]
    reports = [present(builders[w]()) for w in chosen]
    if workbook:
        from gxtrack.output.workbook import workbook_bytes

        content = workbook_bytes(reports)
    else:
        from gxtrack.output.csv import csv_bytes, csv_text

        text = csv_text(reports[0].rows)
        if output == "-" and sys.stdout.isatty():
            from gxtrack.i18n.safe_text import terminal_safe

            # Shown on a terminal, notes cannot drive it; a file or a pipe gets the exact text.
            text = terminal_safe(text, one_line=False)
        content = csv_bytes(text, bom=bom)
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        write_output(Path(output), content, guarded=guarded)
        say(t("export.wrote", path=output), err=True)


@app.command()
def report(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write.")
    ],
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write the monthly progress report (月度进展通报): one self-contained HTML file.

    Charts are inline SVG; no network or script is needed to read it, and it prints on
    A4. Open it in a browser, print it to PDF, or send it as an attachment.

    With --unit, one county's (or park's) report against its own goals.

    Examples:

      gxtrack report --as-of 2024-06 --output 2024-06.html --lang zh

      gxtrack report --unit qiyang --output 祁阳-2024-06.html --lang zh
    """
    from gxtrack.i18n import t
    from gxtrack.output.html.report import render_report
    from gxtrack.store.output_paths import guarded_files, refuse_unsafe_output, write_output
    from gxtrack.store.workspace import Paths

    paths = Paths.resolve(targets, data)
    refuse_unsafe_output(output, guarded_files(paths))  # before any work
    plan, datafile = load(targets, data)
    month = as_of_month(plan, datafile, as_of)
    html = render_report(plan, datafile.ledger, month, paths.data.name, unit)
    write_output(output, html.encode("utf-8"), guarded=guarded_files(paths))
    say(t("html.wrote", path=output), err=True)
