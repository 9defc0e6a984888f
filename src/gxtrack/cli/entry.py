"""Commands that write: record (one value, or the monthly session), undo, template, import."""

from pathlib import Path
from typing import Annotated, Any

import typer

from gxtrack.cli.app import (
    AreaOption,
    CodeArgument,
    DataOption,
    LangOption,
    TargetsOption,
    UnitOption,
    app,
    load,
    say,
    say_rewrite,
)
from gxtrack.cli.completion import indicator_codes
from gxtrack.cli.edge import NumbersMayBeNegative
from gxtrack.store.workspace import Paths

MonthOption = Annotated[
    str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The month the values belong to.")
]


@app.command(cls=NumbersMayBeNegative)
def record(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="Indicator code, e.g. 2.4.",
            show_default=False,
            autocompletion=indicator_codes,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="[VALUE]",
            show_default=False,
            help="A number (-1.5 for a falling rate), or done for a milestone.",
        ),
    ] = None,
    month: MonthOption = ...,  # type: ignore[assignment]
    note: Annotated[str | None, typer.Option("--note", "-n", help="A note (情况说明).")] = None,
    ytd: Annotated[
        bool,
        typer.Option(
            "--ytd", help="Values are year-to-date totals (1—N月累计); record the month's part."
        ),
    ] = False,
    area: AreaOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record one month's value; a second value for the same month is a correction.

    With no CODE and VALUE, walks through every indicator (or one --area) for the
    month: Enter skips, a note follows after #, nothing is saved before you confirm.

    Examples:

      gxtrack record 2.4 55 --month 2024-06

      gxtrack record 5.2 2,610 --month 2024-06 --ytd

      gxtrack record 1.1 -1.5 --month 2024-02 --note "春节因素"

      gxtrack record 7.1 done --month 2024-05

      gxtrack record --month 2024-06 --area 5

      gxtrack record 3.4 1 --month 2024-12 --unit qiyang
    """
    from gxtrack.i18n import t
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import record_value

    paths = Paths.resolve(targets, data)
    if code is None and value is None:
        monthly_session(paths, month, area=area, ytd=ytd, unit=unit)
        return
    if code is None or value is None:
        raise typer.BadParameter(t("session.code_without_value"))
    plan = load_plan(paths.targets)
    outcome = record_value(
        paths, plan, code, value, month, note=note, ytd=ytd, unit=unit, on_rewrite=say_rewrite
    )
    say(describe(outcome))


def monthly_session(
    paths: Paths, month_text: str, *, area: str | None, ytd: bool, unit: str | None = None
) -> None:
    """Ask for each indicator's value, show what will change, save once on confirmation.

    No lock is held while the user types; at save the file is read again under the lock,
    and a value someone else recorded meanwhile is shown and asked about.
    """
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.model.months import month_label, parse_month
    from gxtrack.model.recording import Action, Entry, prepare_batch
    from gxtrack.model.terms import Combine
    from gxtrack.output.formats import format_number
    from gxtrack.reports.common import check_area
    from gxtrack.store.transactions import record_batch

    plan, datafile = load(paths.targets, paths.data)
    month = parse_month(month_text, plan.year)
    label = month_label(plan.year, month)
    check_area(plan, area)
    if unit is not None:
        unit = plan.unit(unit).code
    ledger = datafile.ledger
    indicators = [
        i
        for i in plan.indicators
        if (area is None or i.area == area) and (unit is None or i.by_unit)
    ]
    entries: list[Entry] = []
    seen: dict[tuple[str, int], Any] = {}
    say(t("session.heading", month=label, count=len(indicators)))
    try:
        for index, indicator in enumerate(indicators, start=1):
            values = ledger.monthly_values(indicator.code, unit)
            last = max((m for m in values if m <= month), default=None)
            say(_indicator_line(plan, indicator, unit, month, index, len(indicators), values, last))
            cumulative = ytd and indicator.combine is Combine.SUM
            prompt = t("session.prompt_ytd" if cumulative else "session.prompt")
            while True:
                answer = typer.prompt(prompt, default="", show_default=False)
                text, _, note = answer.partition("#")
                if not text.strip():
                    break
                entry = Entry(
                    indicator.code,
                    indicator.code,
                    text.strip(),
                    label,
                    note.strip() or None,
                    cumulative,
                    unit,
                )
                try:
                    prepare_batch(plan, ledger, [*entries, entry], source=label)
                except InvalidInputError as error:
                    # The batch names the entry that failed: this one, the others passed.
                    problem = error.detail[-1].strip() if error.detail else error.message
                    say(t("edge.error", message=problem), err=True)
                    continue
                entries.append(entry)
                seen[(indicator.code, month)] = values.get(month)
                break
        if not entries:
            say(t("session.nothing"))
            return
        outcomes = prepare_batch(plan, ledger, entries, source=label)
        say(t("session.summary", month=label))
        for outcome in outcomes:
            say(_change_line(outcome))
        if not typer.confirm(t("session.confirm", count=len(entries)), default=False):
            say(t("session.cancelled"))
            return

        def replace_theirs(mine: Any, theirs: Any) -> bool:
            subject = f"{mine.indicator.code} {_shown_name(mine.indicator)} {label}"
            say(
                t(
                    "session.conflict",
                    subject=subject,
                    theirs=format_number(theirs.value),
                    mine=format_number(mine.record.value),
                )
            )
            return bool(typer.confirm(t("session.conflict.ask"), default=False))

        saved = record_batch(
            paths,
            plan,
            entries,
            source=label,
            seen=seen,
            resolve_conflict=replace_theirs,
            on_rewrite=say_rewrite,
        )
    except (typer.Abort, KeyboardInterrupt, EOFError):
        say("\n" + t("session.cancelled"), err=True)
        raise typer.Exit(130) from None
    say(t("session.saved", count=sum(o.action is not Action.UNCHANGED for o in saved)))


def _indicator_line(
    plan: Any,
    indicator: Any,
    unit: str | None,
    month: int,
    index: int,
    count: int,
    values: dict[int, Any],
    last: int | None,
) -> str:
    """What the session shows before asking for an indicator's value (a unit's own goal)."""
    from gxtrack.i18n import t
    from gxtrack.model.months import month_label
    from gxtrack.model.plan import goal_for
    from gxtrack.model.progress import expected_to_date
    from gxtrack.output.formats import format_number, with_unit

    split = goal_for(plan, indicator, unit)
    goal = None if split is None else split.goal
    expected = None if split is None else expected_to_date(split, month)
    last_text = "—"
    if last is not None:
        amount = with_unit(format_number(values[last]), indicator.unit)
        last_text = f"{amount} ({month_label(plan.year, last)})"
    return t(
        "session.indicator",
        index=index,
        count=count,
        code=indicator.code,
        name=_shown_name(indicator),
        goal=with_unit(format_number(goal), indicator.unit),
        expected=with_unit(format_number(expected), indicator.unit),
        last=last_text,
    )


def _shown_name(indicator: Any) -> str:
    """An indicator's name for a one-line display: a line break in it shows as `\\n`
    (`say` escapes every other control character of a whole message)."""
    from gxtrack.i18n import local_name
    from gxtrack.i18n.safe_text import terminal_safe

    return terminal_safe(local_name(indicator))


def _change_line(outcome: Any) -> str:
    from gxtrack.i18n import t
    from gxtrack.model.recording import Action
    from gxtrack.output.formats import format_exact, with_unit

    indicator = outcome.indicator
    subject = f"{indicator.code} {_shown_name(indicator)}"
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


@app.command()
def undo(
    code: CodeArgument,
    month: MonthOption,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Withdraw the value in force for a month; the value before it counts again.

    Nothing is deleted: an undo record is appended, and `history` shows both.

    Example: gxtrack undo 2.4 --month 2024-06
    """
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import undo_value

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    say(describe(undo_value(paths, plan, code, month, unit=unit, on_rewrite=say_rewrite)))


@app.command()
def template(
    month: MonthOption,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="A .xlsx or .csv file to write.")
    ],
    area: AreaOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write a fill-in sheet for a month, to send to the departments that report.

    One row per indicator with its goal, last value and expected to date, and empty
    value and note columns; headers in the interface language. `gxtrack import` reads
    it back.

    Example: gxtrack template --month 2024-06 --output 填报-2024-06.xlsx --lang zh
    """
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.model.months import month_label, parse_month
    from gxtrack.output.sheets import template_bytes, template_keys, template_rows
    from gxtrack.reports.common import check_area
    from gxtrack.store.output_paths import guarded_files, refuse_unsafe_output, write_output

    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise InvalidInputError(t("import.unknown_type", path=output))
    guarded = guarded_files(Paths.resolve(targets, data))
    example = f"template{output.suffix.lower()}"  # for a refusal's hint
    refuse_unsafe_output(output, guarded, example=example)  # before any work
    plan, datafile = load(targets, data)
    number = parse_month(month, plan.year)
    check_area(plan, area)
    rows = template_rows(plan, datafile.ledger, number, area, unit)
    write_output(output, template_bytes(output, template_keys(plan), rows), guarded=guarded)
    say(t("template.wrote", path=output, rows=len(rows), month=month_label(plan.year, number)))


@app.command("import")
def import_sheet(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A filled-in .xlsx or .csv.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", "-m", metavar="YYYY-MM", help="The month of rows that have no month column."
        ),
    ] = None,
    ytd: Annotated[
        bool,
        typer.Option(
            "--ytd", help="Values are year-to-date totals (1—N月累计); record each month's part."
        ),
    ] = False,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record the values of a filled-in sheet: every row checked first, then all or none.

    Reads .xlsx, and .csv in UTF-8 (with or without BOM) or GB18030/GBK; headers in
    English or Chinese. Rows without a value are skipped; importing the same file
    twice changes nothing the second time.

    Examples:

      gxtrack import 填报-2024-06.xlsx --dry-run

      gxtrack import 2024-06.csv

      gxtrack import 累计-2024-06.xlsx --ytd
    """
    from gxtrack.i18n import t
    from gxtrack.model.recording import Action, as_year_to_date, prepare_batch
    from gxtrack.output.sheets import entries_from, read_rows
    from gxtrack.store.data_file import load_data
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.toml import read_existing
    from gxtrack.store.transactions import record_batch

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    raw = read_existing(file, what=t("file.sheet"))  # bounded: a FIFO or device is refused
    entries, empty = entries_from(file, read_rows(file, raw), month)
    if ytd:
        entries = as_year_to_date(plan, entries)
    if dry_run:
        outcomes = prepare_batch(
            plan, load_data(paths.data, plan).ledger, entries, source=str(file)
        )
    else:
        outcomes = record_batch(paths, plan, entries, source=str(file), on_rewrite=say_rewrite)
    for outcome in outcomes:
        if outcome.action is not Action.UNCHANGED:
            say(_change_line(outcome))
    counts = {action: sum(o.action is action for o in outcomes) for action in Action}
    say(
        t(
            "import.summary",
            add=counts[Action.RECORDED],
            correct=counts[Action.CORRECTED],
            same=counts[Action.UNCHANGED],
            skipped=empty,
        )
    )
    say(t("import.dry_run") if dry_run else t("import.done", path=file))
