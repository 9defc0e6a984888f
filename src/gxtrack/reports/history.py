"""The history report: every recorded value of one indicator, and the values in force
month by month (output draws them as a sparkline)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal, TypedDict

from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.plan import Plan
from gxtrack.model.records import EntryState, HistoryEntry, Ledger
from gxtrack.model.rollup import city_values, unit_values
from gxtrack.reports.common import NameRef


class HistoryRow(TypedDict):
    code: str
    month: str  # "2024-06", as the data file writes it
    unit: str | None  # the reporting unit, None for the city
    value: Decimal | None  # as typed; None in an undo record
    basis: Literal["ytd", "month"] | None  # "ytd": value is the 1—N月 total; None: no value
    part: Decimal | None  # the month's own part now, derived (this record's, when in force)
    undo: bool
    note_only: bool  # a note for the month with no value (state "note" while it stands)
    note: str | None
    recorded_at: str  # ISO 8601
    in_force: bool
    state: EntryState
    position: int  # the record's place in the data file, from 1


@dataclass(frozen=True)
class HistoryReport:
    name: ClassVar[Literal["history"]] = "history"  # tells `output.present` which it is
    indicator: NameRef
    unit: str  # the indicator's unit of measure
    rows: list[HistoryRow]  # by month, then file order
    monthly: list[Decimal | None]  # the value in force each month, January first

    @property
    def in_force(self) -> int:
        return sum(row["in_force"] for row in self.rows)


def history_row(entry: HistoryEntry, part: Decimal | None = None) -> HistoryRow:
    record = entry.record
    basis: Literal["ytd", "month"] | None = None
    if record.is_value:
        basis = "ytd" if record.basis == "ytd" else "month"
    return {
        "code": record.code,
        "month": record.month,
        "unit": record.unit,
        "value": record.value,
        "basis": basis,
        "part": part if entry.in_force else None,
        "undo": record.undo,
        "note_only": record.note_only,
        "note": record.note,
        "recorded_at": record.recorded_at.isoformat(),
        "in_force": entry.in_force,
        "state": entry.state,
        "position": entry.position + 1,
    }


def history_report(plan: Plan, ledger: Ledger, code: str) -> HistoryReport:
    """Every recorded value of one indicator, corrections included, by month, and the
    values in force."""
    indicator = plan.indicator(code)
    in_force = ledger.monthly_values(indicator.code)
    entries = sorted(ledger.entries(indicator.code), key=lambda e: (e.record.month, e.position))
    return HistoryReport(
        indicator=NameRef.of(indicator),
        unit=indicator.unit,
        rows=[history_row(entry, _part(plan, ledger, entry)) for entry in entries],
        monthly=[in_force.get(month) for month in range(1, MONTHS_IN_YEAR + 1)],
    )


def _part(plan: Plan, ledger: Ledger, entry: HistoryEntry) -> Decimal | None:
    """The month's own part in force for the entry's indicator, unit and month: for a
    year-to-date total, the total less everything counted before it (units included)."""
    record = entry.record
    month = record.month_number
    if ledger.typed_total(record.code, month, record.unit) is not None:
        indicator = plan.indicator(record.code)
        if record.unit is None:
            return city_values(plan, ledger, indicator)[0].get(month)
        return unit_values(plan, ledger, indicator, record.unit).get(month)
    standing = ledger.value_in_force(record.code, month, record.unit)
    return None if standing is None else standing.value
