"""The plan report: the indicators and their goals, by area."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.terms import Kind, ScheduleKind
from gxtrack.reports.common import IndicatorFields, NameRef, PlanRef, indicator_fields


class PlanRow(IndicatorFields):
    kind: Kind
    goal: Decimal
    comparator: str
    combine: str
    schedule: str  # flat, even, seasonal, or "due 6" (due in June)
    seasonal_fractions: list[Decimal] | None
    stretch: bool
    baseline: Decimal | None
    baseline_note: str | None
    lead: str | None
    tolerance: Decimal
    stretch_goal: Decimal | None
    frequency: str
    at_risk_points: Decimal | None
    schedule_source: str | None  # "assumed": the plan writer's, not the source document's


@dataclass(frozen=True)
class AreaPlan:
    area: NameRef
    rows: list[PlanRow]


@dataclass(frozen=True)
class PlanReport:
    name: ClassVar[Literal["plan"]] = "plan"  # tells `output.present` which it is
    plan: PlanRef
    baseline_year: int | None
    at_risk_threshold: Decimal
    at_risk_points: Decimal | None
    plan_source: str | None  # what the document the goals come from is
    areas: list[AreaPlan]  # every area, in the plan's order
    indicators: int

    @property
    def rows(self) -> list[PlanRow]:
        return [row for area in self.areas for row in area.rows]


def plan_report(plan: Plan) -> PlanReport:
    """The indicators and their goals, grouped by area."""
    return PlanReport(
        plan=PlanRef.of(plan),
        baseline_year=plan.plan.baseline_year,
        at_risk_threshold=plan.plan.at_risk_threshold,
        at_risk_points=plan.plan.at_risk_points,
        plan_source=plan.plan.source,
        areas=[
            AreaPlan(NameRef.of(area), [_plan_row(i) for i in plan.indicators_in(area.code)])
            for area in plan.areas
        ],
        indicators=len(plan.indicators),
    )


def _plan_row(indicator: Indicator) -> PlanRow:
    schedule = indicator.schedule_kind.value
    if indicator.schedule_kind is ScheduleKind.DUE:
        schedule = f"due {indicator.effective_due_month}"
    return {
        **indicator_fields(indicator),
        "kind": indicator.kind,
        "goal": indicator.goal,
        "comparator": indicator.comparator.value,
        "combine": indicator.combine.value,
        "schedule": schedule,
        "seasonal_fractions": (
            list(indicator.schedule) if isinstance(indicator.schedule, list) else None
        ),
        "stretch": indicator.stretch,
        "baseline": indicator.baseline,
        "baseline_note": indicator.baseline_note,
        "lead": indicator.lead,
        "tolerance": indicator.tolerance,
        "stretch_goal": indicator.stretch_goal,
        "frequency": indicator.frequency.value,
        "at_risk_points": indicator.at_risk_points,
        "schedule_source": None
        if indicator.schedule_source is None
        else (indicator.schedule_source.value),
    }
