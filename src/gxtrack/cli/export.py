"""Commands that write reports to a file or stdout: export, report."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from gxtrack.cli.app import (
    AsOfOption,
    DataOption,
    LangOption,
    TargetsOption,
    UnitOption,
    as_of_month,
    command,
    load,
    say,
    unit_named,
)
from gxtrack.cli.outputs import (
    check_output,
    deliver,
    stdout_is_terminal,
    to_stdout,
    wrote_key,
)
from gxtrack.cli.progress import working
from gxtrack.i18n import t
from gxtrack.store.workspace import Paths

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.model.plan import Plan
    from gxtrack.model.records import Ledger
    from gxtrack.output.present import AnyReport
    from gxtrack.output.view import Report


class CsvHeaders(StrEnum):
    KEYS = "keys"
    ZH = "zh"
    EN = "en"


class ExportWhat(StrEnum):
    STATUS = "status"
    GAPS = "gaps"
    ACTUALS = "actuals"
    PLAN = "plan"
    UNITS = "units"
    MATRIX = "matrix"
    ALL = "all"


@command("export")
def export(
    what: Annotated[ExportWhat, typer.Argument(help=t("help.opt.export_what"))],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=t("help.opt.export_output"),
        ),
    ] = "-",
    as_of: AsOfOption = None,
    bom: Annotated[
        bool,
        typer.Option("--bom/--no-bom", help=t("help.opt.bom")),
    ] = True,
    headers: Annotated[
        CsvHeaders,
        typer.Option("--headers", help=t("help.opt.headers")),
    ] = CsvHeaders.KEYS,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write reports for Excel and WPS: CSV, or a workbook with a sheet per report."""
    from gxtrack.errors import InvalidInputError
    from gxtrack.store.output_paths import guarded_files

    workbook = output.lower().endswith(".xlsx")
    if what is ExportWhat.ALL and not workbook:
        raise InvalidInputError(t("export.all_needs_xlsx"))
    guarded = guarded_files(Paths.resolve(targets, data))
    # For a refusal's hint: a file of the kind asked for (a workbook for .xls).
    sheet = workbook or output.lower().endswith((".xls", ".xlsm", ".xlsb", ".ods", ".et"))
    example = f"{what.value}.{'xlsx' if sheet else 'csv'}"
    formats = (".csv", ".xlsx", ".toml") if what is ExportWhat.ACTUALS else (".csv", ".xlsx")
    check_output(output, guarded, example=example, formats=formats)  # before any work
    plan, datafile = load(targets, data, history=what in (ExportWhat.ACTUALS, ExportWhat.ALL))
    if what is ExportWhat.ACTUALS and output.lower().endswith(".toml"):
        from gxtrack.store.layout import render_document

        # The data file's own layout: `db load` takes it back, byte for byte the same.
        document = render_document(plan.plan.title, plan.year, datafile.records)
        deliver(output, document.encode("utf-8"), guarded)
        say(t(wrote_key("export.wrote", output), path=output), err=True)
        return
    reports = _chosen_reports(what, plan, datafile.ledger, as_of_month(plan, datafile, as_of))
    exact = what is ExportWhat.ACTUALS  # records, which a book takes back as they are
    content = _export_bytes(
        reports, workbook, bom=bom, shown=to_stdout(output), headers=headers, exact=exact
    )
    deliver(output, content, guarded)
    if not to_stdout(output):
        say(t("export.wrote", path=output), err=True)


def _chosen_reports(what: ExportWhat, plan: "Plan", ledger: "Ledger", month: int) -> "list[Report]":
    """The report asked for; for `all`, the four every plan has, and units and the matrix
    when the plan has units, each in words (`output.present`)."""
    from collections.abc import Callable

    from gxtrack.output.present import present
    from gxtrack.reports.actuals import actuals_report
    from gxtrack.reports.gaps import gaps_report
    from gxtrack.reports.plan import plan_report
    from gxtrack.reports.status import status_report
    from gxtrack.reports.units import matrix_report, units_report

    builders: dict[ExportWhat, Callable[[], AnyReport]] = {
        ExportWhat.STATUS: lambda: status_report(plan, ledger, month),
        ExportWhat.GAPS: lambda: gaps_report(plan, ledger, month),
        ExportWhat.ACTUALS: lambda: actuals_report(plan, ledger),
        ExportWhat.PLAN: lambda: plan_report(plan),
        ExportWhat.UNITS: lambda: units_report(plan),
        ExportWhat.MATRIX: lambda: matrix_report(plan, ledger, month),
    }
    everything = [
        w for w in builders if plan.units or w not in (ExportWhat.UNITS, ExportWhat.MATRIX)
    ]
    return [present(builders[w]()) for w in (everything if what is ExportWhat.ALL else [what])]


def _export_bytes(
    reports: "list[Report]",
    workbook: bool,
    *,
    bom: bool,
    shown: bool,
    headers: CsvHeaders,
    exact: bool,
) -> bytes:
    """A workbook of `reports`, or the first as CSV; CSV `shown` on a terminal has its
    notes' control characters escaped (a file or a pipe gets the exact text)."""
    if workbook:
        from gxtrack.output.workbook import workbook_bytes

        return workbook_bytes(reports)
    from gxtrack.output.csv import csv_bytes, csv_text, people_csv_text

    rows = reports[0].rows
    if headers is CsvHeaders.KEYS:
        text = csv_text(rows)
    else:
        text = people_csv_text(rows, headers, exact=exact)
    if shown and stdout_is_terminal():
        from gxtrack.i18n.safe_text import terminal_safe

        text = terminal_safe(text, one_line=False)
    return csv_bytes(text, bom=bom)


@command("report")
def report(
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help=t("help.opt.report_output")),
    ],
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write the monthly progress report (月度进展通报) as HTML, or as a Word 通报."""
    from gxtrack.store.output_paths import guarded_files

    paths = Paths.resolve(targets, data)
    guarded = guarded_files(paths)
    word = output.lower().endswith(".docx")
    document = word or output.lower().endswith((".pdf", ".doc", ".docm", ".odt", ".rtf", ".wps"))
    example = "report.docx" if document else "report.html"
    check_output(output, guarded, example=example, formats=(".html", ".docx"))
    if word:
        _check_docx_libraries(output)  # before any work, as the path is
    plan, datafile = load(targets, data)
    unit = unit_named(plan, unit)
    month = as_of_month(plan, datafile, as_of)
    with working(t("progress.report_docx" if word else "progress.report_html")):
        content = (
            _docx(plan, datafile.ledger, month, paths.source_name, unit)
            if word
            else _html(plan, datafile.ledger, month, paths.source_name, unit)
        )
    deliver(output, content, guarded)
    if not to_stdout(output):
        say(t("html.wrote", path=output), err=True)


def _html(plan: "Plan", ledger: "Ledger", month: int, data: str, unit: str | None) -> bytes:
    from gxtrack.output.html.report import render_report

    return render_report(plan, ledger, month, data, unit).encode("utf-8")


def _docx(plan: "Plan", ledger: "Ledger", month: int, data: str, unit: str | None) -> bytes:
    from datetime import date

    from gxtrack.output.docx.render import render_docx

    document = render_docx(plan, ledger, month, data_name=data, issued=date.today(), unit=unit)
    if document.chart_coded:
        say(t("docx.no_cjk_font"), err=True)
    return document.content


def _check_docx_libraries(output: str) -> None:
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.output.docx.render import missing_libraries

    if missing_libraries():
        raise InvalidInputError(t("docx.needs_extra", path=output), hint=t("docx.needs_extra.hint"))
