"""The plan report: the indicators and their goals, by area."""

from __future__ import annotations

from gxtrack.i18n import local_name, t
from gxtrack.model.numbers import plain_text
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.terms import Kind
from gxtrack.reports.common import (
    Column,
    Group,
    Report,
    Row,
    Style,
    indicator_fields,
    name_column,
    plan_title,
)


def plan_columns() -> list[Column]:
    return [
        Column("code", "column.code"),
        name_column(),
        Column("goal_text", "column.goal"),
        Column("kind", "column.kind", Style.WORD, drop=1),
        Column("combine", "column.combine", drop=2),
        Column("schedule", "column.schedule"),
        Column("baseline", "column.baseline", Style.NUMBER, drop=3),
    ]


def plan_report(plan: Plan) -> Report:
    """The indicators and their goals, grouped by area."""
    rows: list[Row] = []
    groups: list[Group] = []
    for area in plan.areas:
        area_rows = [_plan_row(indicator) for indicator in plan.indicators_in(area.code)]
        rows.extend(area_rows)
        groups.append(Group(f"{area.code}  {local_name(area)}", area_rows))
    info = plan.plan
    return Report(
        name="plan",
        title=t(
            "report.plan.title",
            plan=plan_title(plan),
            year=plan.year,
            areas=len(plan.areas),
            indicators=len(plan.indicators),
        ),
        columns=plan_columns(),
        rows=rows,
        rows_key="indicators",
        groups=groups,
        meta={
            "plan": info.title,
            "title_en": info.title_en,
            "year": plan.year,
            "baseline_year": info.baseline_year,
            "at_risk_threshold": info.at_risk_threshold,
            "areas": [{"code": a.code, "name": a.name, "name_en": a.name_en} for a in plan.areas],
        },
    )


def _plan_row(indicator: Indicator) -> Row:
    schedule = indicator.schedule_kind.value
    if indicator.schedule_kind.value == "due":
        schedule = f"due {indicator.effective_due_month}"
    goal_text = (
        t("goal.done")
        if indicator.kind is Kind.MILESTONE
        else f"{indicator.comparator.value} {plain_text(indicator.goal)} {indicator.unit}".strip()
    )
    if indicator.stretch:
        goal_text += t("goal.stretch")
    return {
        **indicator_fields(indicator),
        "kind": indicator.kind.value,
        "goal": indicator.goal,
        "comparator": indicator.comparator.value,
        "goal_text": goal_text,
        "combine": indicator.combine.value,
        "schedule": schedule,
        "seasonal_fractions": (
            list(indicator.schedule) if isinstance(indicator.schedule, list) else None
        ),
        "stretch": indicator.stretch,
        "baseline": indicator.baseline,
        "baseline_note": indicator.baseline_note,
        "lead": indicator.lead,
    }
