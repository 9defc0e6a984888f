"""A county's book brought into the city's: gxtrack's own `export actuals` (CSV or xlsx,
either language) or the county's data file itself (`import actuals.toml --unit U`).

Only what counts is taken: the values in force (and, from a data file, the notes that
stand), one entry for each indicator, unit and month; a correction and the value it
corrects never meet as "two rows for one month". With `--unit U`, rows without a unit
are the county's own (a county's book records for itself as its "city"), and a row for
any unit but U and its parks refuses the whole file. Everything is then recorded as one
batch, all or none, with the doubts of any import (`--force` waives them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gxtrack.model.plan import Plan
    from gxtrack.model.recording import Entry, RecordOutcome
    from gxtrack.output.actuals_read import ExportRead
    from gxtrack.store.workspace import Paths


def import_export(
    paths: Paths,
    plan: Plan,
    file: Path,
    export: ExportRead,
    unit: str | None,
    *,
    dry_run: bool,
    force: bool,
) -> tuple[list[RecordOutcome], str]:
    """Record the in-force rows of an actuals export; the outcomes, and a line saying
    what was taken."""
    from gxtrack.i18n import t

    entries = _for_unit(plan, export.entries, unit, str(file))
    taken = t(
        "import.export.taken",
        sheet=export.sheet,
        rows=export.rows,
        taken=len(entries),
        skipped=export.not_in_force,
        units=_units_named(plan, entries),
    )
    return _record(paths, plan, file, entries, dry_run=dry_run, force=force), taken


def merge_book(
    paths: Paths, plan: Plan, file: Path, unit: str | None, *, dry_run: bool, force: bool
) -> tuple[list[RecordOutcome], str]:
    """Record a county's data file (its values in force and standing notes) into the
    book, all or none; the outcomes, and a line saying what was taken."""
    from gxtrack.errors import FileProblemError
    from gxtrack.i18n import t
    from gxtrack.store.data_file import load_data

    if unit is None:
        raise FileProblemError(t("import.book.unit_needed", path=file))
    book = load_data(file, plan)
    if not book.exists:
        raise FileProblemError(t("data.none_yet", path=file))
    entries = _for_unit(plan, _book_entries(plan, book.ledger), unit, str(file))
    shown = {"path": file, "taken": len(entries), "units": _units_named(plan, entries)}
    taken = t("import.book.taken", **shown)
    return _record(paths, plan, file, entries, dry_run=dry_run, force=force), taken


def _book_entries(plan: Plan, ledger: object) -> list[Entry]:
    """The values in force and the standing notes of a data file, as entries."""
    from gxtrack.model.months import month_label
    from gxtrack.model.numbers import plain_text
    from gxtrack.model.recording import Entry
    from gxtrack.model.records import Ledger

    assert isinstance(ledger, Ledger)
    entries = []
    for (code, unit), months in sorted(ledger.in_force.items(), key=lambda i: str(i[0])):
        for month, (value, note) in sorted(months.items()):
            label = month_label(plan.year, month)
            origin = f"{code} {label}"
            entries.append(Entry(origin, code, plain_text(value), label, note, False, unit))
    for (code, unit), notes in sorted(ledger.notes.items(), key=lambda i: str(i[0])):
        for month, note in sorted(notes.items()):
            label = month_label(plan.year, month)
            entries.append(Entry(f"{code} {label}", code, "", label, note, False, unit))
    return entries


def _for_unit(plan: Plan, entries: list[Entry], unit: str | None, source: str) -> list[Entry]:
    """With a unit: rows without one are its own; a row for another unit (not the unit
    nor one of its parks) refuses the whole file, naming each."""
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t

    if unit is None:
        return entries
    allowed = {unit, *(park.code for park in plan.children(unit))}
    own = [e._replace(unit=e.unit or unit) for e in entries]
    foreign = [e for e in own if e.unit not in allowed]
    if foreign:
        raise InvalidInputError(
            t("import.book.foreign", path=source, count=len(foreign), unit=unit),
            detail=tuple(f"  {e.origin}: {e.code} ({e.unit})" for e in foreign[:20]),
        )
    # The county's own rows (no unit) and rows it kept for itself by code would be two
    # figures for one month: which one counts is the county's to say, not ours.
    seen: dict[tuple[str, str | None, str], str] = {}
    twice = []
    for entry in own:
        key = (entry.code, entry.unit, entry.month_text)
        if key in seen and entry.value_text:
            twice.append(f"  {seen[key]}, {entry.origin}: {entry.code} {entry.month_text}")
        elif entry.value_text:
            seen[key] = entry.origin
    if twice:
        raise InvalidInputError(
            t("import.book.twice", path=source, count=len(twice), unit=unit),
            detail=tuple(twice[:20]),
        )
    return own


def _units_named(plan: Plan, entries: list[Entry]) -> str:
    from gxtrack.i18n import local_name, t

    codes = sorted({e.unit for e in entries}, key=lambda code: code or "")
    names = [
        t("db.the_city")
        if code is None
        else local_name(plan.unit_by_code[code])
        if code in plan.unit_by_code
        else code
        for code in codes
    ]
    return t("list.separator").join(names) or "—"


def _record(
    paths: Paths, plan: Plan, file: Path, entries: list[Entry], *, dry_run: bool, force: bool
) -> list[RecordOutcome]:
    """One batch, all or none; doubts asked about on a terminal, refused without one,
    waived by --force."""
    from functools import partial

    from gxtrack.cli.app import say_rewrite
    from gxtrack.cli.changes import confirm_doubts
    from gxtrack.cli.progress import working
    from gxtrack.errors import ImplausibleValueError
    from gxtrack.i18n import t
    from gxtrack.model.recording import doubts, prepare_batch, refuse_doubts
    from gxtrack.store.transactions import record_batch
    from gxtrack.store.workspace import open_store

    if dry_run:
        ledger = open_store(paths).load(plan).ledger
        outcomes = prepare_batch(plan, ledger, entries, source=str(file))
        refuse_doubts([] if force else doubts(plan, ledger, outcomes))
        return outcomes
    write = partial(record_batch, paths, plan, entries, source=str(file), on_rewrite=say_rewrite)
    try:
        with working(t("progress.recording", path=file)):
            return write(plausible=not force)
    except ImplausibleValueError as error:
        confirm_doubts(error)
        return write()
