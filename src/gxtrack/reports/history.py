"""The history report: every recorded value of one indicator, with a sparkline."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gxtrack.i18n import local_name, t
from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.plan import Plan
from gxtrack.model.records import HistoryEntry, Ledger
from gxtrack.reports.common import (
    Column,
    Report,
    Row,
    Style,
)


def history_columns() -> list[Column]:
    return [
        Column("month", "column.month"),
        Column("value", "column.value", Style.NUMBER),
        Column("state", "column.state", Style.WORD),
        Column("note", "column.note", min_width=10),
        Column("recorded_at", "column.recorded_at", drop=1),
    ]


def history_row(entry: HistoryEntry) -> Row:
    record = entry.record
    return {
        "code": record.code,
        "month": record.month,
        "unit": record.unit,
        "value": record.value,
        "undo": record.undo,
        "note": record.note,
        "recorded_at": record.recorded_at.isoformat(),
        "in_force": entry.in_force,
        "state": entry.state.value,
        "position": entry.position + 1,
    }


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal | None]) -> str:
    """One character a month: the value's height between the lowest and highest, · for
    a month without a value."""
    present = [v for v in values if v is not None]
    if not present:
        return "·" * len(values)
    low, high = min(present), max(present)
    span = high - low
    return "".join(
        "·"
        if v is None
        else SPARKS[-1]
        if span == 0
        else SPARKS[int((v - low) / span * (len(SPARKS) - 1))]
        for v in values
    )


def history_report(plan: Plan, ledger: Ledger, code: str) -> Report:
    """Every recorded value of one indicator, corrections included, by month, and a
    sparkline of the values in force."""
    indicator = plan.indicator(code)
    monthly = ledger.monthly_values(indicator.code)
    line = sparkline([monthly.get(month) for month in range(1, MONTHS_IN_YEAR + 1)])
    entries = sorted(ledger.entries(indicator.code), key=lambda e: (e.record.month, e.position))
    rows = [history_row(entry) for entry in entries]
    return Report(
        name="history",
        title=t(
            "report.history.title",
            code=indicator.code,
            name=local_name(indicator),
            unit=indicator.unit,
        ),
        columns=history_columns(),
        rows=rows,
        rows_key="records",
        footer=t(
            "report.history.footer", records=len(rows), in_force=sum(r["in_force"] for r in rows)
        )
        + "\n"
        + t("history.sparkline", line=line),
        meta={
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "sparkline": line,
        },
    )
