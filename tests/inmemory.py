"""Plans, records and ledgers built in memory, for the pure tests of model/ and output/."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger, Record
from tests.conftest import indicator, plan_document

AT = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)

__all__ = ["AT", "indicator", "ledger", "note_record", "plan_of", "record", "unit"]


def plan_of(
    *indicators: dict[str, Any], units: list[dict[str, Any]] | None = None, **plan_fields: Any
) -> Plan:
    """A validated plan of these indicators (year 2024 unless given), with reporting units."""
    document = plan_document(*indicators, **plan_fields)
    if units:
        document["units"] = units
    return Plan.model_validate(document)


def unit(code: str, parent: str | None = None, kind: str = "county") -> dict[str, Any]:
    table: dict[str, Any] = {"code": code, "name": f"单位{code}", "kind": kind}
    if parent is not None:
        table["parent"] = parent
    return table


def record(
    code: str,
    month: int,
    value: str | None,
    *,
    unit: str | None = None,
    note: str | None = None,
) -> Record:
    """A value record (or, with value None, an undo) for 2024-MM."""
    return Record(
        code=code,
        month=f"2024-{month:02d}",
        recorded_at=AT,
        value=None if value is None else Decimal(value),
        unit=unit,
        note=note,
        undo=value is None,
    )


def note_record(code: str, month: int, note: str, *, unit: str | None = None) -> Record:
    """A note-only record for 2024-MM: a note with no value."""
    return Record(
        code=code, month=f"2024-{month:02d}", recorded_at=AT, unit=unit, note=note, note_only=True
    )


def ledger(*records: Record) -> Ledger:
    return Ledger.of(list(records))
