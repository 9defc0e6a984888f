"""The status report: every indicator against its goal and schedule, by area."""

from __future__ import annotations

from collections.abc import Sequence

from gxtrack.i18n import local_name, t
from gxtrack.model.months import month_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.progress import actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import unit_values
from gxtrack.model.terms import Status
from gxtrack.reports.common import (
    Column,
    Group,
    Report,
    Row,
    Style,
    all_progress,
    check_area,
    count_statuses,
    indicator_fields,
    name_column,
    plan_title,
    progress_fields,
    quality_notes,
    quality_text,
    summary_line,
    unit_progress,
)


def _unit_row(plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator) -> Row:
    progress = unit_progress(plan, ledger, month, unit, indicator)
    if progress is not None:
        fields = progress_fields(progress, plan)
    else:  # no goal for this unit: its actual still shows
        actual, latest = actual_to_date(
            indicator, unit_values(plan, ledger, indicator, unit), month
        )
        fields = {
            "goal": None,
            "comparator": indicator.comparator.value,
            "actual": actual,
            "latest_month": None if latest is None else month_label(plan.year, latest),
            "expected": None,
            "goal_pct": None,
            "schedule_pct": None,
            "status": None,
        }
    return {
        **indicator_fields(indicator),
        "reporting_unit": unit,
        "kind": indicator.kind.value,
        "stretch": indicator.stretch,
        **fields,
        "baseline": indicator.baseline,
    }


QUALITY_LINES = 5  # data-quality notes under a table; JSON and CSV carry them all


def status_columns() -> list[Column]:
    return [
        Column("code", "column.code"),
        name_column(),
        Column("actual", "column.actual", Style.NUMBER),
        Column("goal", "column.goal", Style.NUMBER),
        Column("unit", "column.unit"),
        Column("expected", "column.expected", Style.NUMBER),
        Column("goal_pct", "column.goal_pct", Style.PERCENT, drop=4),
        Column("schedule_pct", "column.schedule_pct", Style.PERCENT, drop=3),
        Column("status", "column.status", Style.STATUS),
        Column("goal_pct", "column.progress", Style.BAR, drop=5),
    ]


def status_report(
    plan: Plan,
    ledger: Ledger,
    month: int,
    *,
    area: str | None = None,
    statuses: Sequence[Status] | None = None,
    unit: str | None = None,
) -> Report:
    """Every indicator against its goal and schedule, grouped by area, with summaries.

    `area` keeps one area; `statuses` keeps the indicators in those statuses (the
    summaries then count what is shown); `unit` shows one reporting unit against its own
    goals (an indicator without a goal for it shows its actual, with no status).
    """
    check_area(plan, area)
    if unit is None:
        all_rows = [
            {
                **indicator_fields(p.indicator),
                "kind": p.indicator.kind.value,
                "stretch": p.indicator.stretch,
                **progress_fields(p, plan),
                "baseline": p.indicator.baseline,
            }
            for p in all_progress(plan, ledger, month)
        ]
    else:
        unit = plan.unit(unit).code
        all_rows = [_unit_row(plan, ledger, month, unit, i) for i in plan.indicators if i.by_unit]
    wanted = {s.value for s in statuses or ()}
    shown = [
        row
        for row in all_rows
        if (area is None or row["area"] == area) and (not wanted or row["status"] in wanted)
    ]
    rows: list[Row] = []
    groups: list[Group] = []
    areas_meta: list[Row] = []
    for plan_area in plan.areas:
        area_rows = [row for row in shown if row["area"] == plan_area.code]
        if not area_rows:
            continue
        counts = count_statuses([Status(r["status"]) for r in area_rows if r["status"]])
        rows.extend(area_rows)
        title = f"{plan_area.code}  {local_name(plan_area)}"
        groups.append(Group(title, area_rows, summary_line(counts)))
        areas_meta.append(
            {
                "code": plan_area.code,
                "name": plan_area.name,
                "name_en": plan_area.name_en,
                "counts": counts,
            }
        )
    totals = count_statuses([Status(r["status"]) for r in shown if r["status"]])
    as_of = month_label(plan.year, month)
    notes = quality_notes(plan, ledger, month) if unit is None else []
    notes_text = [quality_text(plan, note) for note in notes[:QUALITY_LINES]]
    if len(notes) > QUALITY_LINES:
        notes_text.append(t("quality.more", count=len(notes) - QUALITY_LINES))
    title = t("report.status.title", plan=plan_title(plan), month=as_of, number=month)
    if unit is not None:
        title = f"{title} — {local_name(plan.unit(unit))}"
    return Report(
        name="status",
        title=title,
        columns=status_columns(),
        rows=rows,
        rows_key="indicators",
        groups=groups,
        footer="\n".join([t("summary.plan", summary=summary_line(totals)), *notes_text]),
        meta={
            "plan": plan.plan.title,
            "year": plan.year,
            "as_of": as_of,
            **({"unit": unit} if unit is not None else {}),
            "summary": totals,
            "areas": areas_meta,
            # Only a plan with units can have these; a plan without keeps its shape.
            **({"data_quality": [n._asdict() for n in notes]} if plan.units else {}),
        },
    )
