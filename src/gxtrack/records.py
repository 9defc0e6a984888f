"""Recorded values and the ledger that says which value is in force.

A record is one value of one indicator for one month, as typed. Records are only ever
appended: a correction is a newer record for the same indicator and month, and the
newest one in file order is the value in force. The older ones stay as history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from gxtrack.errors import InvalidInputError
from gxtrack.fields import Code, TomlNumber
from gxtrack.numbers import check_value
from gxtrack.plan import Plan


class Record(BaseModel):
    """One line of the data file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code
    month: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}$")]
    unit: Code | None = None  # a reporting unit (county, park); None is the city as a whole
    value: TomlNumber
    note: StrictStr | None = None
    recorded_at: datetime  # lax: a hand edit may write a plain date

    @property
    def month_number(self) -> int:
        return int(self.month[5:7])


SeriesKey = tuple[str, str | None]  # (indicator code, unit)


@dataclass(frozen=True)
class HistoryEntry:
    """A record with what became of it: in force, or superseded by a later one."""

    position: int  # 0-based index of the record in the file
    record: Record
    in_force: bool


class Ledger:
    """The values in force, by indicator, unit and month, built once from the records."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = records
        self._in_force: dict[SeriesKey, dict[int, int]] = {}
        for position, record in enumerate(records):
            series = self._in_force.setdefault((record.code, record.unit), {})
            series[record.month_number] = position  # later records win: file order

    def monthly_values(self, code: str, unit: str | None = None) -> dict[int, Decimal]:
        """Month number -> the value in force, for one indicator (and unit)."""
        series = self._in_force.get((code, unit), {})
        return {month: self.records[position].value for month, position in series.items()}

    def value_in_force(self, code: str, month: int, unit: str | None = None) -> Record | None:
        position = self._in_force.get((code, unit), {}).get(month)
        return None if position is None else self.records[position]

    def latest_month(self) -> int | None:
        """The latest month that has any value recorded."""
        months = [month for series in self._in_force.values() for month in series]
        return max(months) if months else None

    def history(self, code: str) -> list[HistoryEntry]:
        """Every record of one indicator in file order, marked in force or superseded."""
        in_force_positions = {
            position
            for (series_code, _unit), series in self._in_force.items()
            if series_code == code
            for position in series.values()
        }
        return [
            HistoryEntry(position, record, position in in_force_positions)
            for position, record in enumerate(self.records)
            if record.code == code
        ]

    def all_entries(self) -> Iterable[HistoryEntry]:
        in_force_positions = {
            position for series in self._in_force.values() for position in series.values()
        }
        for position, record in enumerate(self.records):
            yield HistoryEntry(position, record, position in in_force_positions)


def first_invalid_record(
    records: Sequence[Record], plan: Plan
) -> tuple[int, InvalidInputError] | None:
    """The index of the first record the plan refuses, and why; None when all are valid.

    The same rules apply to a record typed on the command line and to one written into
    the data file by hand.
    """
    year_prefix = f"{plan.year:04d}-"
    for index, record in enumerate(records):
        try:
            indicator = plan.indicator(record.code)
            if not record.month.startswith(year_prefix) or not 1 <= record.month_number <= 12:
                raise InvalidInputError(
                    f"month {record.month} is outside the plan year {plan.year}"
                )
            check_value(record.value, indicator.kind)
        except InvalidInputError as error:
            return index, error
    return None
