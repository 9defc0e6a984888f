"""Recorded values and the ledger that says which value is in force.

A record is one value of one indicator for one month, as typed. Records are only ever
appended: a correction is a newer record for the same indicator and month, and the
newest one in file order is the value in force; the older ones stay as history. An
`undo` record withdraws the record in force, so the one before it (if any) counts again.

A note-only record (`note_only = true`) is a note for a month with no value ("本月无新增",
"待统计局反馈"): it changes no number and is never a value in force. It stands until any
later record for the same indicator, unit and month (a value, an undo or another note)
supersedes it; history and the report show the note that stands.

A year-to-date record (`basis = "ytd"`) holds a total as published (1—6月累计 690), not a
month's part. It is a checkpoint: the month's part is derived when the book is read, the
total less the parts of the months before it; between two checkpoints month figures add
up. Correcting one total therefore moves the parts next to it but never another total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import ConfigDict, Field, StrictBool, StrictStr, model_validator

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.fields import Code, TomlNumber
from gxtrack.model.numbers import check_value
from gxtrack.model.plan import Plan
from gxtrack.model.terms import Combine


@dataclass(frozen=True, slots=True)
class Record:
    """One line of the data file.

    A plain dataclass, cheap to build by the hundred thousand; pydantic validates it at
    the file boundary (see store/data_file.py) through `__pydantic_config__` and the annotations.
    """

    __pydantic_config__: ClassVar[ConfigDict] = ConfigDict(extra="forbid")

    code: Code
    month: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}$")]
    recorded_at: datetime  # lax: a hand edit may write a plain date
    value: TomlNumber | None = None  # absent only in an undo or a note-only record
    unit: Code | None = None  # a reporting unit (county, park); None is the city as a whole
    note: StrictStr | None = None
    undo: StrictBool = False  # withdraws the record in force for this code, unit and month
    note_only: StrictBool = False  # a note for the month, no value: changes no number
    basis: Literal["ytd"] | None = None  # "ytd": value is the 1—N月 total as typed

    @model_validator(mode="after")
    def _value_or_undo(self) -> Record:
        if self.basis is not None and self.value is None:
            raise ValueError(t("record.basis_without_value"))
        if self.undo and self.note_only:
            raise ValueError(t("record.note_only_and_undo"))
        if self.undo and self.value is not None:
            raise ValueError("an undo record has no value")
        if self.note_only and self.value is not None:
            raise ValueError(t("record.note_only_with_value"))
        if self.note_only and (self.note is None or not self.note.strip()):
            raise ValueError(t("record.note_only_without_note"))
        if not (self.undo or self.note_only) and self.value is None:
            raise ValueError("value is missing")
        return self

    @property
    def month_number(self) -> int:
        return int(self.month[5:7])

    @property
    def amount(self) -> Decimal:
        """The value of a value record (undo and note-only records are never in force)."""
        assert self.value is not None, "an undo or note-only record has no value"
        return self.value

    @property
    def is_value(self) -> bool:
        return not (self.undo or self.note_only)


SeriesKey = tuple[str, str | None]  # (indicator code, unit)


class Standing(NamedTuple):
    """The value in force for a series and month, with its note."""

    value: Decimal
    note: str | None


# series -> month -> (value, note): plain tuples, so a cached snapshot of 100,000 records'
# values in force loads in milliseconds.
InForce = dict[SeriesKey, dict[int, tuple[Decimal, str | None]]]
# series -> month -> the year-to-date total typed for that month (the record in force).
Totals = dict[SeriesKey, dict[int, Decimal]]
# series -> month -> the note of the note-only record that stands (months with a value
# may have one too: the note came after the value).
MonthNotes = dict[SeriesKey, dict[int, str]]


class EntryState(StrEnum):
    """What became of a record."""

    IN_FORCE = "in force"
    SUPERSEDED = "superseded"  # a later record for the same month replaced it
    WITHDRAWN = "withdrawn"  # an undo took it back
    UNDO = "undo"  # the undo record itself
    NOTE = "note"  # a note-only record that stands (no later record for its month)


class HistoryEntry(NamedTuple):
    position: int  # 0-based index of the record in the file
    record: Record
    state: EntryState

    @property
    def in_force(self) -> bool:
        return self.state is EntryState.IN_FORCE

    @property
    def current(self) -> bool:
        """In force, or a note that stands: what counts or shows for its month now."""
        return self.state in (EntryState.IN_FORCE, EntryState.NOTE)


class Ledger:
    """The values in force, by indicator, unit and month.

    Built from all records (`Ledger.of`), or from a cached snapshot of the values in
    force alone, which is all status, gaps and a new record need; the history
    (`entries`) needs the records.
    """

    def __init__(
        self,
        in_force: InForce | Callable[[], InForce],
        record_count: int,
        records: Sequence[Record] | None = None,
        states: dict[int, EntryState] | None = None,
        *,
        latest_month: int | None = None,
        memo: dict[tuple[str, str], Any] | None = None,
        notes: MonthNotes | None = None,
        totals: Totals | None = None,
    ) -> None:
        # The values in force, or a function that reads them (from the cache) when first
        # wanted: status needs only the city's figures, which `memo` may already hold.
        self._in_force = in_force
        self.record_count = record_count
        self.records = records
        self._states = states or {}
        self._latest_month = latest_month
        # Figures derived from this ledger (roll-ups), kept for the life of the ledger.
        self.memo: dict[tuple[str, str], Any] = memo or {}
        # The notes of note-only records that stand; few, so never read lazily.
        self.notes: MonthNotes = notes or {}
        # The year-to-date totals in force as typed; `in_force` holds the parts derived.
        self.totals: Totals = totals or {}

    @property
    def in_force(self) -> InForce:
        if callable(self._in_force):
            self._in_force = self._in_force()
        return self._in_force

    @classmethod
    def of(cls, records: Sequence[Record]) -> Ledger:
        # For each series and month, the positions of the records still standing, oldest
        # first: a value record pushes, an undo pops. The top is the value in force. A
        # note-only record stands aside until any later record for its month.
        stacks: dict[SeriesKey, dict[int, list[int]]] = {}
        states: dict[int, EntryState] = {}
        standing_notes: dict[tuple[SeriesKey, int], int] = {}
        for position, record in enumerate(records):
            key, month = (record.code, record.unit), record.month_number
            if standing_notes:  # rare: spare the 100,000-record file a lookup a line
                standing_notes.pop((key, month), None)
            if record.note_only:
                standing_notes[(key, month)] = position
                continue
            stack = stacks.setdefault(key, {}).setdefault(month, [])
            if record.undo:
                states[position] = EntryState.UNDO
                if stack:
                    states[stack.pop()] = EntryState.WITHDRAWN
            else:
                stack.append(position)
        in_force: InForce = {}
        totals: Totals = {}
        for key, months in stacks.items():
            series = in_force[key] = {}
            for month, stack in months.items():
                if stack:
                    top = records[stack[-1]]
                    series[month] = (top.amount, top.note)
                    states[stack[-1]] = EntryState.IN_FORCE
                    if top.basis == "ytd":
                        totals.setdefault(key, {})[month] = top.amount
        for key, checkpoints in totals.items():
            in_force[key] = _with_parts(in_force[key], checkpoints)
        notes: MonthNotes = {}
        for (key, month), position in standing_notes.items():
            states[position] = EntryState.NOTE
            notes.setdefault(key, {})[month] = str(records[position].note)
        return cls(in_force, len(records), records, states, notes=notes, totals=totals)

    def with_value_records(self, new_records: Sequence[Record]) -> Ledger:
        """The ledger after appending value and note-only records (not undos): each
        value goes in force, each note stands, and either ends a note that stood."""
        if self.records is not None:
            return Ledger.of([*self.records, *new_records])
        in_force = {key: dict(months) for key, months in self.in_force.items()}
        notes = {key: dict(months) for key, months in self.notes.items()}
        totals = {key: dict(months) for key, months in self.totals.items()}
        for record in new_records:
            assert not record.undo, "an undo needs the full history"
            key, month = (record.code, record.unit), record.month_number
            notes.get(key, {}).pop(month, None)
            if record.note_only:
                notes.setdefault(key, {})[month] = str(record.note)
                continue
            in_force.setdefault(key, {})[month] = (record.amount, record.note)
            if record.basis == "ytd":
                totals.setdefault(key, {})[month] = record.amount
            elif key in totals:
                totals[key].pop(month, None)
            if key in totals:
                in_force[key] = _with_parts(in_force[key], totals[key])
        notes = {key: months for key, months in notes.items() if months}
        totals = {key: months for key, months in totals.items() if months}
        count = self.record_count + len(new_records)
        return Ledger(in_force, count, notes=notes, totals=totals)

    def monthly_values(self, code: str, unit: str | None = None) -> dict[int, Decimal]:
        """Month number -> the value in force, for one indicator (and unit)."""
        series = self.in_force.get((code, unit), {})
        return {month: standing[0] for month, standing in series.items()}

    def value_in_force(self, code: str, month: int, unit: str | None = None) -> Standing | None:
        standing = self.in_force.get((code, unit), {}).get(month)
        return None if standing is None else Standing(*standing)

    def typed_total(self, code: str, month: int, unit: str | None = None) -> Decimal | None:
        """The year-to-date total typed for this month, if the value in force is one."""
        return self.totals.get((code, unit), {}).get(month)

    def month_note(self, code: str, month: int, unit: str | None = None) -> str | None:
        """The note of the note-only record that stands for this month, if any."""
        return self.notes.get((code, unit), {}).get(month)

    def latest_month(self) -> int | None:
        """The latest month that has a value in force (given by a snapshot, else found)."""
        if self._latest_month is None:
            self._latest_month = max(
                (m for series in self.in_force.values() for m in series), default=None
            )
        return self._latest_month

    def entries(self, code: str | None = None) -> Iterator[HistoryEntry]:
        """Records in file order (of one indicator, or all), each with its state."""
        assert self.records is not None, "the history needs the records: load them"
        for position, record in enumerate(self.records):
            if code is None or record.code == code:
                state = self._states.get(position, EntryState.SUPERSEDED)
                yield HistoryEntry(position, record, state)


def month_parts(figures: dict[int, Decimal], totals: dict[int, Decimal]) -> dict[int, Decimal]:
    """Month parts from month figures and year-to-date checkpoints. Pure.

    A month with a total gets the total less the parts of the months before it; any other
    month keeps its figure. 303 (1—3月), 690 (1—6月): March 303 - 0 = 303, June 690 - 303 = 387.
    """
    parts: dict[int, Decimal] = {}
    running = Decimal(0)
    for month in sorted(figures.keys() | totals.keys()):
        part = totals[month] - running if month in totals else figures[month]
        parts[month] = part
        running += part
    return parts


def _with_parts(
    series: dict[int, tuple[Decimal, str | None]], totals: dict[int, Decimal]
) -> dict[int, tuple[Decimal, str | None]]:
    """A series' values in force with each year-to-date total replaced by its month part."""
    parts = month_parts({m: standing[0] for m, standing in series.items()}, totals)
    return {month: (parts[month], note) for month, (_, note) in series.items()}


def first_invalid_record(
    records: Sequence[Record], plan: Plan
) -> tuple[int, InvalidInputError] | None:
    """The index of the first record the plan refuses, and why; None when all are valid.

    The same rules apply to a record typed on the command line and to one written into
    the data file by hand.
    """
    kinds = {indicator.code: indicator.kind for indicator in plan.indicators}
    summed = {i.code for i in plan.indicators if i.combine is Combine.SUM}
    months = {f"{plan.year:04d}-{month:02d}" for month in range(1, 13)}
    for index, record in enumerate(records):
        try:
            kind = kinds.get(record.code)
            if kind is None:
                plan.indicator(record.code)  # raises the error that lists the codes
            elif record.month not in months:
                raise InvalidInputError(t("data.month_outside", month=record.month, year=plan.year))
            if record.unit is not None:
                check_unit(plan, record.code, record.unit)
            if kind is not None and record.value is not None:
                check_value(record.value, kind)
            if record.basis is not None and record.code not in summed:
                raise InvalidInputError(t("record.ytd_not_sum", code=record.code))
        except InvalidInputError as error:
            return index, error
    return None


def check_unit(plan: Plan, code: str, unit: str) -> None:
    """A unit must be in the plan, and the indicator split among units."""
    plan.unit(unit)
    if not plan.indicator(code).by_unit:
        raise InvalidInputError(t("record.not_by_unit", code=code))


def record_fields(record: Record) -> dict[str, Any]:
    """The record's fields in file order, leaving out the empty ones."""
    fields: dict[str, Any] = {"code": record.code, "month": record.month}
    if record.unit is not None:
        fields["unit"] = record.unit
    if record.undo:
        fields["undo"] = True
    elif record.note_only:
        fields["note_only"] = True
    else:
        value = record.amount
        fields["value"] = int(value) if value == value.to_integral_value() else value
        if record.basis is not None:
            fields["basis"] = record.basis
    if record.note is not None:
        fields["note"] = record.note
    fields["recorded_at"] = record.recorded_at
    return fields
