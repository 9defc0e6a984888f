"""Recording a value: what it means (new, correction, unchanged) and writing it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from gxtrack.errors import InvalidInputError
from gxtrack.months import month_label, parse_month
from gxtrack.numbers import check_value, parse_value
from gxtrack.plan import Indicator, Plan
from gxtrack.records import Ledger, Record
from gxtrack.storage import append_records, data_lock, load_data
from gxtrack.terms import Combine
from gxtrack.workspace import Paths


class Action(StrEnum):
    RECORDED = "recorded"  # the first value for this indicator and month
    CORRECTED = "corrected"  # a new value replaces the one in force; the old one stays
    UNCHANGED = "unchanged"  # the same value is already in force: nothing written
    UNDONE = "undone"  # the value in force was withdrawn; the one before it counts again


@dataclass(frozen=True)
class RecordOutcome:
    action: Action
    indicator: Indicator
    record: Record  # the record appended (or that would have been)
    previous: Decimal | None  # the value in force before, if any
    year_to_date: Decimal | None = None  # the total typed with --ytd
    restored: Decimal | None = None  # after an undo: the value in force again, if any


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def prepare_record(
    plan: Plan,
    ledger: Ledger,
    code: str,
    value_text: str,
    month_text: str,
    *,
    note: str | None = None,
    ytd: bool = False,
    now: datetime | None = None,
) -> RecordOutcome:
    """Check one value typed by a user and decide what recording it means. Pure."""
    indicator = plan.indicator(code)
    month = parse_month(month_text, plan.year)
    value = parse_value(value_text, indicator.kind, percent=indicator.is_percent)
    year_to_date = None
    if ytd:
        if indicator.combine is not Combine.SUM:
            raise InvalidInputError(
                f"--ytd turns a year-to-date total into the month's increment, but "
                f"{indicator.code} already takes its year-to-date figure as it is",
                hint="record it without --ytd",
            )
        year_to_date = value
        earlier = sum(
            (v for m, v in ledger.monthly_values(indicator.code).items() if m < month),
            Decimal(0),
        )
        value = year_to_date - earlier
        if value < 0:
            raise InvalidInputError(
                f"the year-to-date total {year_to_date} is below the {earlier} already "
                f"recorded for {indicator.code} before {month_label(plan.year, month)}",
                hint="check the figure, or correct an earlier month first",
            )
        check_value(value, indicator.kind)
    clean_note = note.strip() if note is not None and note.strip() else None
    in_force = ledger.value_in_force(indicator.code, month)
    record = Record(
        code=indicator.code,
        month=month_label(plan.year, month),
        value=value,
        note=clean_note,
        recorded_at=now or _now(),
    )
    if in_force is None:
        action = Action.RECORDED
    elif in_force.value == value and clean_note in (None, in_force.note):
        action = Action.UNCHANGED
    else:
        action = Action.CORRECTED
    previous = None if in_force is None else in_force.value
    return RecordOutcome(action, indicator, record, previous, year_to_date)


def record_value(
    paths: Paths,
    plan: Plan,
    code: str,
    value_text: str,
    month_text: str,
    *,
    note: str | None = None,
    ytd: bool = False,
) -> RecordOutcome:
    """Record one value into the data file, under its lock; nothing written if unchanged."""
    # Fail on a bad value before waiting for the lock.
    prepare_record(plan, Ledger.of([]), code, value_text, month_text, note=note)
    with data_lock(paths.data):
        data = load_data(paths.data, plan)
        outcome = prepare_record(
            plan, data.ledger, code, value_text, month_text, note=note, ytd=ytd
        )
        if outcome.action is not Action.UNCHANGED:
            append_records(data, plan, [outcome.record])
    return outcome


def prepare_undo(
    plan: Plan, ledger: Ledger, code: str, month_text: str, *, now: datetime | None = None
) -> RecordOutcome:
    """Withdraw the value in force for an indicator and month, by an undo record. Pure."""
    indicator = plan.indicator(code)
    month = parse_month(month_text, plan.year)
    in_force = ledger.value_in_force(indicator.code, month)
    label = month_label(plan.year, month)
    if in_force is None:
        raise InvalidInputError(
            f"nothing to undo: {indicator.code} has no value in force for {label}",
            hint=f"`gxtrack history {indicator.code}` lists what was recorded",
        )
    record = Record(code=indicator.code, month=label, undo=True, recorded_at=now or _now())
    # What counts after the undo: the ledger with the undo record appended.
    assert ledger.records is not None, "an undo needs the full history"
    after = Ledger.of([*ledger.records, record]).value_in_force(indicator.code, month)
    restored = None if after is None else after.value
    return RecordOutcome(Action.UNDONE, indicator, record, in_force.value, restored=restored)


def undo_value(paths: Paths, plan: Plan, code: str, month_text: str) -> RecordOutcome:
    """Append an undo record for the value in force, under the data file's lock."""
    plan.indicator(code)
    parse_month(month_text, plan.year)
    with data_lock(paths.data):
        data = load_data(paths.data, plan, history=True)
        outcome = prepare_undo(plan, data.ledger, code, month_text)
        append_records(data, plan, [outcome.record])
    return outcome
