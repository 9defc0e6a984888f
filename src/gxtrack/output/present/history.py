"""The history and actuals reports in words, and the sparkline of values in force."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gxtrack.i18n import local_name, t
from gxtrack.output.present.common import plan_title
from gxtrack.output.view import Column, Report, Style
from gxtrack.reports.actuals import ActualsReport
from gxtrack.reports.history import HistoryReport


def history_columns() -> list[Column]:
    return [
        Column("month", "column.month"),
        Column("value", "column.value", Style.NUMBER),
        Column("state", "column.state", Style.WORD),
        Column("note", "column.note", min_width=10),
        Column("recorded_at", "column.recorded_at", drop=1),
    ]


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


def present_history(report: HistoryReport) -> Report:
    indicator = report.indicator
    line = sparkline(report.monthly)
    title = t(
        "report.history.title", code=indicator.code, name=local_name(indicator), unit=report.unit
    )
    counts = t("report.history.footer", records=len(report.rows), in_force=report.in_force)
    return Report(
        name="history",
        title=title,
        columns=history_columns(),
        rows=report.rows,
        rows_key="records",
        footer=counts + "\n" + t("history.sparkline", line=line),
        meta={
            "code": indicator.code,
            "name": indicator.name,
            "unit": report.unit,
            "sparkline": line,
        },
    )


def present_actuals(report: ActualsReport) -> Report:
    return Report(
        name="actuals",
        title=t("report.actuals.title", plan=plan_title(report.plan)),
        columns=[Column("code", "column.code"), *history_columns()],
        rows=report.rows,
        rows_key="records",
        meta={"plan": report.plan.title, "year": report.plan.year},
    )
