"""Recording into the store: take the lock, read, decide, write (all or nothing).

What a value means is decided by the pure functions of `model/recording.py`, on the data
file as read under the lock; only then is anything appended.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gxtrack.model.months import parse_month
from gxtrack.model.plan import Plan
from gxtrack.model.recording import (
    Action,
    ConflictResolver,
    Entry,
    RecordOutcome,
    doubts,
    prepare_batch,
    prepare_undo,
    refuse_doubts,
)
from gxtrack.model.records import Ledger, check_unit
from gxtrack.store.data_file import RewriteNotice
from gxtrack.store.workspace import Paths, open_store


def record_value(
    paths: Paths,
    plan: Plan,
    code: str,
    value_text: str,
    month_text: str,
    *,
    note: str | None = None,
    ytd: bool = False,
    unit: str | None = None,
    on_rewrite: RewriteNotice | None = None,
    plausible: bool = False,
    waived: list[str] | None = None,
) -> RecordOutcome:
    """Record one value into the data file, under its lock; nothing written if unchanged."""
    entry = Entry(code, code, value_text, month_text, note, ytd, unit)
    batch = record_batch(
        paths,
        plan,
        [entry],
        source=code,
        single=True,
        on_rewrite=on_rewrite,
        plausible=plausible,
        waived=waived,
    )
    return batch[0]


def undo_value(
    paths: Paths,
    plan: Plan,
    code: str,
    month_text: str,
    *,
    unit: str | None = None,
    on_rewrite: RewriteNotice | None = None,
) -> RecordOutcome:
    """Append an undo record for the value in force, under the data file's lock."""
    plan.indicator(code)
    parse_month(month_text, plan.year)
    if unit is not None:
        check_unit(plan, code, unit)
    store = open_store(paths)
    with store.locked(plan, history=True) as data:
        outcome = prepare_undo(plan, data.ledger, code, month_text, unit=unit)
        store.append(data, plan, [outcome.record], on_rewrite=on_rewrite)
    return outcome


def _keep_ours(
    plan: Plan,
    ledger: Ledger,
    entry: Entry,
    seen: dict[tuple[str, int], Decimal | None],
    resolve_conflict: ConflictResolver,
) -> bool:
    """False when someone else changed the value since the user saw it and the user
    keeps theirs."""
    code = plan.indicator(entry.code).code
    month = parse_month(entry.month_text, plan.year)
    theirs = ledger.value_in_force(code, month, entry.unit)
    if theirs is None or theirs.value == seen.get((code, month)):
        return True
    mine = prepare_batch(plan, ledger, [entry], source=entry.origin)[0]
    return mine.action is Action.UNCHANGED or resolve_conflict(mine, theirs)


def record_batch(
    paths: Paths,
    plan: Plan,
    entries: Sequence[Entry],
    *,
    source: str,
    dry_run: bool = False,
    seen: dict[tuple[str, int], Decimal | None] | None = None,
    resolve_conflict: ConflictResolver | None = None,
    single: bool = False,
    on_rewrite: RewriteNotice | None = None,
    plausible: bool = False,
    waived: list[str] | None = None,
) -> list[RecordOutcome]:
    """Record many values in one write, under the lock, all or nothing.

    Not `plausible` (--force), the doubts the batch would have raised are added to
    `waived`, so the confirmation can list each one it waived.

    `seen` holds the values in force a session showed the user, by (code, month); one
    that changed since is a conflict, settled by `resolve_conflict` (keep theirs when
    it says no). `on_rewrite` is told before a data file that cannot be extended in its
    own layout is rewritten (see `data_file.append_records`). With `plausible`, values
    that look wrong (`recording.doubts`, judged against the ledger under the lock) refuse
    the whole batch with ImplausibleValueError, before anything is written.
    """
    # The input alone, before the lock; against the book once it is held.
    prepare_batch(plan, Ledger.of([]), entries, source=source, single=single, against_book=False)
    store = open_store(paths)
    with store.locked(plan) as data:
        kept = list(entries)
        if seen is not None and resolve_conflict is not None:
            kept = [e for e in entries if _keep_ours(plan, data.ledger, e, seen, resolve_conflict)]
        outcomes = prepare_batch(plan, data.ledger, kept, source=source, single=single)
        if plausible:
            refuse_doubts(doubts(plan, data.ledger, outcomes))
        elif waived is not None:
            waived.extend(doubts(plan, data.ledger, outcomes))
        new_records = [o.record for o in outcomes if o.action is not Action.UNCHANGED]
        if new_records and not dry_run:
            store.append(data, plan, new_records, on_rewrite=on_rewrite)
    return outcomes
