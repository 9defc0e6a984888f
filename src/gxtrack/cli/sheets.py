"""Commands for sheets sent to departments and read back: template, import."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gxtrack.cli.app import (
    AreaOption,
    DataOption,
    LangOption,
    MonthOption,
    TargetsOption,
    UnitOption,
    command,
    load,
    say,
    say_rewrite,
    unit_named,
)
from gxtrack.cli.changes import change_line
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
    from gxtrack.model.recording import RecordOutcome
    from gxtrack.output.sheet_cells import Sheet
    from gxtrack.output.sheet_import import Header, SheetEntries


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@command("template")
def template(
    month: MonthOption,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=t("help.opt.template_output"),
        ),
    ],
    sheet_format: Annotated[
        SheetFormat | None,
        typer.Option(
            "--format",
            "-f",
            show_default=False,
            help=t("help.opt.template_format"),
        ),
    ] = None,
    area: AreaOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write a fill-in sheet for a month, to send to the departments that report."""
    from gxtrack.model.months import month_label, parse_month
    from gxtrack.output.sheets import template_bytes, template_keys, template_rows
    from gxtrack.reports.common import check_area
    from gxtrack.store.output_paths import guarded_files

    kind = _template_format(output, sheet_format)
    guarded = guarded_files(Paths.resolve(targets, data))
    example = f"template.{kind.value}"
    check_output(output, guarded, example=example, formats=(".xlsx", ".csv"))  # before any work
    plan, datafile = load(targets, data)
    unit = unit_named(plan, unit)
    number = parse_month(month, plan.year)
    check_area(plan, area)
    rows = template_rows(plan, datafile.ledger, number, area, unit)
    # template_bytes writes the format its path's extension names; the name goes nowhere.
    content = template_bytes(Path(f"template.{kind}"), template_keys(plan), rows)
    deliver(output, content, guarded)
    wrote = t(
        wrote_key("template.wrote", output),
        path=output,
        rows=len(rows),
        month=month_label(plan.year, number),
    )
    say(wrote, err=to_stdout(output))  # on stdout, the sheet is the output


def _template_format(output: str, chosen: SheetFormat | None) -> SheetFormat:
    """The sheet's format: --format, else the file's extension; CSV on stdout, and an
    .xlsx workbook there only when stdout is a file or a pipe, not a terminal."""
    from gxtrack.errors import InvalidInputError

    if to_stdout(output):
        kind = chosen or SheetFormat.CSV
        if kind is SheetFormat.XLSX and stdout_is_terminal():
            raise InvalidInputError(t("template.xlsx_to_terminal"))
        return kind
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in tuple(SheetFormat):
        raise InvalidInputError(t("template.unknown_type", path=output))
    if chosen is not None and chosen.value != suffix:
        raise InvalidInputError(t("template.format_mismatch", path=output, chosen=chosen.value))
    return SheetFormat(suffix)


@command("import", "import")
def import_sheet(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=t("help.opt.import_file"))],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("help.opt.dry_run"))] = False,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="YYYY-MM", help=t("help.opt.import_month")),
    ] = None,
    ytd: Annotated[
        bool,
        typer.Option("--ytd", help=t("help.opt.import_ytd")),
    ] = False,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help=t("help.opt.sheet")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.force"))] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", metavar="UNIT", help=t("help.opt.import_unit"))
    ] = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record the values of a filled-in sheet: every row checked first, then all or none."""
    from gxtrack.output.sheet_files import read_sheets
    from gxtrack.output.sheet_import import find_headers
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.toml import read_existing

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    unit_code = unit_named(plan, unit)
    if _county_book(paths, plan, file, unit_code, dry_run=dry_run, force=force):
        return
    with working(t("progress.reading", path=file)):
        raw = read_existing(file, what=t("file.sheet"))  # bounded: a FIFO or device is refused
        sheets = read_sheets(file, raw)
    if _county_export(paths, plan, file, sheets, unit_code, dry_run=dry_run, force=force):
        return
    headers = find_headers(str(file), sheets, sheet, plan, unit_code)
    read = _read_all(plan, paths, file, headers, month)
    outcomes = _import_rows(paths, plan, file, read, ytd=ytd, dry_run=dry_run, force=force)
    # Said once it worked: a refusal's first line is always the error.
    _say_changes(plan, read, outcomes)
    say(t("import.dry_run") if dry_run else t("import.done", path=file))


def _read_all(
    plan: "Plan", paths: Paths, file: Path, headers: "list[Header]", month: str | None
) -> "list[SheetEntries]":
    """Every sheet's entries; a sheet's refused cells are listed with the values the plan
    refuses in the other rows, so that one import names every cell to correct."""
    from gxtrack.errors import InvalidInputError
    from gxtrack.model.recording import prepare_batch
    from gxtrack.output.sheet_import import by_cell, entries_from
    from gxtrack.store.workspace import open_store

    read = [entries_from(header, month, plan) for header in headers]
    problems = [problem for sheet in read for problem in sheet.problems]
    if not problems:
        return read
    entries = [entry for sheet in read for entry in sheet.entries]
    try:
        prepare_batch(plan, open_store(paths).load(plan).ledger, entries, source=str(file))
    except InvalidInputError as error:
        problems += [line.strip() for line in error.detail]
    raise InvalidInputError(
        t("import.rejected", path=file, count=len(problems)),
        detail=tuple(f"  {problem}" for problem in sorted(problems, key=by_cell)),
        hint=t("import.rejected.hint"),
    )


def _county_book(
    paths: Paths, plan: "Plan", file: Path, unit: str | None, *, dry_run: bool, force: bool
) -> bool:
    """A county's data file (.toml) merged for its unit: True when it was one."""
    from gxtrack.cli.county_book import merge_book

    if file.suffix.lower() != ".toml":
        return False
    outcomes, taken = merge_book(paths, plan, file, unit, dry_run=dry_run, force=force)
    _say_book(plan, file, outcomes, taken, dry_run=dry_run)
    return True


def _county_export(
    paths: Paths,
    plan: "Plan",
    file: Path,
    sheets: "list[Sheet]",
    unit: str | None,
    *,
    dry_run: bool,
    force: bool,
) -> bool:
    """gxtrack's own actuals export, by its rows in force: True when it was one. --unit
    is for such books only."""
    from gxtrack.cli.county_book import import_export
    from gxtrack.output.actuals_read import read_export

    export = read_export(sheets)
    if export is None:
        return False
    outcomes, taken = import_export(paths, plan, file, export, unit, dry_run=dry_run, force=force)
    _say_book(plan, file, outcomes, taken, dry_run=dry_run)
    return True


def _say_book(
    plan: "Plan", file: Path, outcomes: "list[RecordOutcome]", taken: str, *, dry_run: bool
) -> None:
    say(taken)
    _say_outcomes(plan, outcomes)
    say(_summary(plan, outcomes, 0))
    say(t("import.dry_run") if dry_run else t("import.done", path=file))


def _import_rows(
    paths: Paths,
    plan: "Plan",
    file: Path,
    read: "list[SheetEntries]",
    *,
    ytd: bool,
    dry_run: bool,
    force: bool,
) -> "list[RecordOutcome]":
    """Record all or none of every sheet's rows; values that look wrong are asked about
    (on a terminal) or refused, unless `force`."""
    from functools import partial

    from gxtrack.cli.changes import confirm_doubts, say_waived
    from gxtrack.errors import ImplausibleValueError
    from gxtrack.model.recording import as_year_to_date, doubts, prepare_batch, refuse_doubts
    from gxtrack.store.transactions import record_batch
    from gxtrack.store.workspace import open_store

    entries = []
    for sheet in read:  # a 1—N月累计 cell: a total for summed indicators, a figure for the rest
        entries += as_year_to_date(plan, sheet.entries, every=ytd or sheet.header.ytd)
    if dry_run:  # no lock: nothing is written; a doubt refuses as the import would
        with working(t("progress.checking", path=file)):
            ledger = open_store(paths).load(plan).ledger
            outcomes = prepare_batch(plan, ledger, entries, source=str(file))
        refuse_doubts([] if force else doubts(plan, ledger, outcomes))
        return outcomes
    write = partial(record_batch, paths, plan, entries, source=str(file), on_rewrite=say_rewrite)
    waived: list[str] = []
    try:
        with working(t("progress.recording", path=file)):  # stopped before a doubt is asked
            written = write(plausible=not force, waived=waived)
        say_waived(waived)
        return written
    except ImplausibleValueError as error:
        confirm_doubts(error)
        return write()


def _say_changes(plan: "Plan", read: "list[SheetEntries]", outcomes: "list[RecordOutcome]") -> None:
    """For each sheet: where it was read, a line for each value added or corrected and
    each note (naming its month, and its unit when not the city), each cell read from a
    hidden row or column, the totals rows skipped, then the counts with their months."""
    from gxtrack.i18n.safe_text import terminal_safe

    position = 0
    for sheet in read:
        header = sheet.header
        mine = outcomes[position : position + len(sheet.entries)]
        position += len(sheet.entries)
        if header.unit is None:
            say(t("import.reading", sheet=header.sheet.name, row=header.row))
        else:
            unit_name = terminal_safe(plan.unit(header.unit).name)
            say(t("import.reading_unit", sheet=header.sheet.name, unit=unit_name, row=header.row))
        if header.ytd:
            say(t("import.ytd_header", header=header.value_header))
        _say_outcomes(plan, mine)
        for line in sheet.hidden:
            say(line)
        if sheet.totals:
            say(t("import.total_rows", cells="、".join(sheet.totals)))
        say(_summary(plan, mine, sheet.empty))


def _say_outcomes(plan: "Plan", outcomes: "list[RecordOutcome]") -> None:
    """A line for each value added or corrected and each note, naming its month (and its
    unit when not the city)."""
    from gxtrack.model.recording import Action

    for outcome in outcomes:
        if outcome.action is not Action.UNCHANGED:
            say(change_line(outcome, where=_where(plan, outcome)))


def _where(plan: "Plan", outcome: "RecordOutcome") -> str:
    """`2024-07` or `2024-07 祁阳市`: the month a line is for, and its unit if not the city."""
    unit = outcome.record.unit
    return outcome.record.month + ("" if unit is None else f" {plan.unit(unit).name}")


def _summary(plan: "Plan", outcomes: "list[RecordOutcome]", empty: int) -> str:
    from gxtrack.model.recording import Action

    counts = {action: sum(o.action is action for o in outcomes) for action in Action}
    months = sorted({o.record.month for o in outcomes})
    units = sorted({o.record.unit for o in outcomes if o.record.unit is not None})
    where = ""
    if months:
        unit = "".join(f" {plan.unit(code).name}" for code in units)
        where = t("import.summary.where", months=", ".join(months), unit=unit)
    noted = counts[Action.NOTED]
    return (
        t(
            "import.summary",
            add=counts[Action.RECORDED],
            correct=counts[Action.CORRECTED],
            noted=t("import.summary.noted", noted=noted) if noted else "",
            same=counts[Action.UNCHANGED],
            skipped=empty,
        )
        + where
    )
