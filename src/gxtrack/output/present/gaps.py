"""The gaps report in words: the lagging and the missing as two groups, the footer."""

from __future__ import annotations

from collections.abc import Sequence

from gxtrack.i18n import t
from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.output.present.common import for_unit, name_column, plan_title
from gxtrack.output.view import Column, Group, Report, Row, Style
from gxtrack.reports.gaps import GapsReport


def gap_columns(baseline_year: int | None, rows: Sequence[Row] = ()) -> list[Column]:
    """The columns; the figure with its period beside it (Q2, 6月), 同比 only where
    some row has last year's figure."""
    change = Column("change_vs_previous", "column.change", Style.CHANGE, drop=3)
    return [
        Column("code", "column.code"),
        name_column(),
        Column("status", "column.status", Style.STATUS),
        Column("actual", "column.actual", Style.ACTUAL),
        Column("expected", "column.expected", Style.NUMBER, drop=3),
        Column("shortfall_to_schedule", "column.gap_schedule", Style.NUMBER),
        Column("shortfall_to_goal", "column.gap_goal", Style.NUMBER, drop=2),
        Column("gap_unit", "column.unit", Style.WORD),
        Column("pace_needed", "column.pace", Style.NUMBER, drop=1),
        Column("projection", "column.projection", Style.NUMBER, drop=4),
        *([change] if any(row.get("previous") is not None for row in rows) else []),
        Column(
            "baseline",
            str(baseline_year) if baseline_year else "column.baseline",
            Style.NUMBER,
            drop=5,
        ),
    ]


def present_gaps(report: GapsReport) -> Report:
    as_of = month_label(report.plan.year, report.as_of)
    left = MONTHS_IN_YEAR - report.as_of
    title = t("report.gaps.title", plan=plan_title(report.plan), month=as_of, left=left)
    groups = []
    if report.lagging:
        groups.append(
            Group(
                t("report.gaps.lagging_missed" if _any_missed(report) else "report.gaps.lagging"),
                report.lagging,
            )
        )
    if report.missing:
        groups.append(Group(t("report.gaps.no_data"), report.missing))
    footer = _footer(report)
    return Report(
        name="gaps",
        title=for_unit(title, report.unit),
        columns=gap_columns(report.baseline_year, report.rows),
        rows=report.rows,
        rows_key="gaps",
        groups=groups,
        footer=footer,
        meta={
            "plan": report.plan.title,
            "year": report.plan.year,
            "as_of": as_of,
            "months_remaining": left,
        },
    )


def _footer(report: GapsReport) -> str:
    """The counts: a goal not achieved at the year's end is said apart from those that
    can still catch up (未完成 2 项，滞后或预警 1 项, …)."""
    missed = sum(1 for row in report.lagging if row["status"] == "missed")
    counts = {
        "lagging": len(report.lagging) - missed,
        "missing": len(report.missing),
        "fine": report.fine,
    }
    if missed:
        return t("report.gaps.footer_missed", missed=missed, **counts)
    return t("report.gaps.footer", **counts)


def _any_missed(report: GapsReport) -> bool:
    return any(row["status"] == "missed" for row in report.lagging)
