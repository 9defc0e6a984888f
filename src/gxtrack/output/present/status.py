"""The status report in words: headers, a group an area with its summary, the footer."""

from __future__ import annotations

from collections.abc import Sequence

from gxtrack.i18n import local_name, t
from gxtrack.model.months import month_label
from gxtrack.output.present.common import (
    area_title,
    for_unit,
    name_column,
    plan_title,
    quality_text,
    summary_line,
)
from gxtrack.output.view import Column, Group, Report, Row, Style
from gxtrack.reports.status import StatusReport

QUALITY_LINES = 5  # data-quality notes under a table; JSON and CSV carry them all


def status_columns(rows: Sequence[Row] = ()) -> list[Column]:
    """The columns; the figure with its period beside it where that is not the as-of
    month (Q2, 6月), and 同比 only where some row has last year's figure, so a plan
    without last year's table keeps its layout."""
    change = Column("change_vs_previous", "column.change", Style.CHANGE, drop=3)
    return [
        Column("code", "column.code"),
        name_column(),
        Column("actual", "column.actual", Style.ACTUAL),
        # below 80 columns, after the roles of view.GIVE_WAY: the goal, then % of goal
        Column("goal", "column.goal", Style.GOAL, drop=2),
        Column("unit", "column.unit"),
        Column("expected", "column.expected", Style.NUMBER),
        Column("goal_pct", "column.goal_pct", Style.ATTAINMENT, drop=1),
        Column("schedule_pct", "column.schedule_pct", Style.PERCENT),
        *([change] if any(row.get("previous") is not None for row in rows) else []),
        Column("status", "column.status", Style.STATUS),
        Column("goal_pct", "column.progress", Style.BAR),
    ]


def present_status(report: StatusReport) -> Report:
    as_of = month_label(report.plan.year, report.as_of)
    why = t(f"report.as_of.{report.as_of_why.value}")
    shown = {"plan": plan_title(report.plan), "month": as_of, "number": report.as_of, "why": why}
    title = t("report.status.title", **shown)
    return Report(
        name="status",
        title=for_unit(title, report.unit),
        columns=status_columns(report.rows),
        rows=report.rows,
        rows_key="indicators",
        groups=[Group(area_title(a.area), a.rows, summary_line(a.counts)) for a in report.areas],
        footer="\n".join(status_footer(report)),
        meta=_status_meta(report, as_of),
    )


def status_footer(report: StatusReport) -> list[str]:
    """The plan's summary, then the first few data-quality notes and how many more."""
    notes = report.quality
    lines = [_summary(report)]
    lines += [quality_text(report.plan.year, note) for note in notes[:QUALITY_LINES]]
    if len(notes) > QUALITY_LINES:
        lines.append(t("quality.more", count=len(notes) - QUALITY_LINES))
    if report.unit is not None and report.rows and not sum(report.totals.values()):
        # a unit's view counts its own goals: with none, say why it is empty and how
        unit = report.unit
        lines.append(t("status.unit_without_goals", unit=local_name(unit), code=unit.code))
    return lines


def _summary(report: StatusReport) -> str:
    """The counts of what is shown: the plan's, or a filtered view's saying its filter."""
    summary = summary_line(report.totals)
    statuses = t("list.separator").join(t(f"status.{s.value}") for s in report.statuses)
    if report.area is not None and statuses:
        return t("summary.area_statuses", area=report.area, statuses=statuses, summary=summary)
    if report.area is not None:
        return t("summary.area", area=report.area, summary=summary)
    if statuses:
        return t("summary.statuses", statuses=statuses, summary=summary)
    return t("summary.plan", summary=summary)


def _status_meta(report: StatusReport, as_of: str) -> dict[str, object]:
    areas = [
        {"code": a.area.code, "name": a.area.name, "name_en": a.area.name_en, "counts": a.counts}
        for a in report.areas
    ]
    return {
        "plan": report.plan.title,
        "year": report.plan.year,
        "as_of": as_of,
        **({"unit": report.unit.code} if report.unit is not None else {}),
        "summary": report.totals,
        "areas": areas,
        # Only a plan with units can have these; a plan without keeps its shape.
        **({"data_quality": [n._asdict() for n in report.quality]} if report.has_units else {}),
    }
