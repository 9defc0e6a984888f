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
)
from gxtrack.cli.changes import change_line
from gxtrack.cli.outputs import check_output, deliver, stdout_is_terminal, to_stdout
from gxtrack.i18n import t
from gxtrack.store.workspace import Paths

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.model.plan import Plan
    from gxtrack.model.recording import RecordOutcome
    from gxtrack.output.sheet_import import Header


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
    check_output(output, guarded, example=f"template.{kind.value}")  # before any work
    plan, datafile = load(targets, data)
    number = parse_month(month, plan.year)
    check_area(plan, area)
    rows = template_rows(plan, datafile.ledger, number, area, unit)
    # template_bytes writes the format its path's extension names; the name goes nowhere.
    content = template_bytes(Path(f"template.{kind}"), template_keys(plan), rows)
    deliver(output, content, guarded)
    wrote = t("template.wrote", path=output, rows=len(rows), month=month_label(plan.year, number))
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
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record the values of a filled-in sheet: every row checked first, then all or none."""
    from gxtrack.output.sheet_files import read_sheets
    from gxtrack.output.sheet_import import find_header
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.toml import read_existing

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    raw = read_existing(file, what=t("file.sheet"))  # bounded: a FIFO or device is refused
    header = find_header(str(file), read_sheets(file, raw), sheet)
    outcomes, empty, unseen = _import_rows(
        paths, plan, file, header, month, ytd=ytd, dry_run=dry_run, force=force
    )
    # Said once it worked: a refusal's first line is always the error.
    say(t("import.reading", sheet=header.sheet.name, row=header.row))
    if header.ytd:
        say(t("import.ytd_header", header=header.value_header))
    _say_changes(outcomes, skipped=empty, unseen=unseen)
    say(t("import.dry_run") if dry_run else t("import.done", path=file))


def _import_rows(
    paths: Paths,
    plan: "Plan",
    file: Path,
    header: "Header",
    month: str | None,
    *,
    ytd: bool,
    dry_run: bool,
    force: bool,
) -> "tuple[list[RecordOutcome], int, list[str]]":
    """Check every row, then record all or none; refused rows are listed together, and
    values that look wrong are asked about (on a terminal) or refused, unless `force`."""
    from functools import partial

    from gxtrack.cli.changes import confirm_doubts, say_waived
    from gxtrack.errors import ImplausibleValueError, InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.model.recording import as_year_to_date, doubts, prepare_batch, refuse_doubts
    from gxtrack.output.sheet_import import entries_from
    from gxtrack.store.transactions import record_batch
    from gxtrack.store.workspace import open_store

    read = entries_from(header, month, plan.year)
    if read.problems:
        raise InvalidInputError(
            t("import.rejected", path=file, count=len(read.problems)),
            detail=tuple(f"  {problem}" for problem in read.problems),
            hint=t("import.rejected.hint"),
        )
    entries = read.entries
    entries = as_year_to_date(plan, entries, every=ytd or header.ytd)
    if dry_run:  # no lock: nothing is written; a doubt refuses as the import would
        ledger = open_store(paths).load(plan).ledger
        outcomes = prepare_batch(plan, ledger, entries, source=str(file))
        refuse_doubts([] if force else doubts(plan, ledger, outcomes))
        return outcomes, read.empty, read.hidden
    write = partial(record_batch, paths, plan, entries, source=str(file), on_rewrite=say_rewrite)
    waived: list[str] = []
    try:
        written = write(plausible=not force, waived=waived)
        say_waived(waived)
        return written, read.empty, read.hidden
    except ImplausibleValueError as error:
        confirm_doubts(error)
        return write(), read.empty, read.hidden


def _say_changes(outcomes: "list[RecordOutcome]", *, skipped: int, unseen: list[str]) -> None:
    """A line for each value added or corrected and each note, each cell read from a
    hidden row or column, then the counts."""
    from gxtrack.model.recording import Action

    for outcome in outcomes:
        if outcome.action is not Action.UNCHANGED:
            say(change_line(outcome))
    for line in unseen:
        say(line)
    counts = {action: sum(o.action is action for o in outcomes) for action in Action}
    say(
        t(
            "import.summary",
            add=counts[Action.RECORDED],
            correct=counts[Action.CORRECTED],
            noted=t("import.summary.noted", noted=noted) if (noted := counts[Action.NOTED]) else "",
            same=counts[Action.UNCHANGED],
            skipped=skipped,
        )
    )
