"""The gaps report: what is behind or at risk, worst first, and what has no data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

from gxtrack.model.plan import Plan
from gxtrack.model.progress import Progress
from gxtrack.model.records import Ledger
from gxtrack.model.terms import Status
from gxtrack.reports.common import (
    IndicatorFields,
    NameRef,
    PlanRef,
    ProgressFields,
    goal_progress,
    indicator_fields,
    progress_fields,
)


class GapRow(IndicatorFields, ProgressFields):
    shortfall_to_schedule: Decimal | None
    shortfall_to_goal: Decimal | None
    gap_unit: str  # "pp" (percentage points) for a rate, else the indicator's unit
    months_remaining: int
    pace_needed: Decimal | None
    projection: Decimal | None
    baseline: Decimal | None


@dataclass(frozen=True)
class GapsReport:
    name: ClassVar[Literal["gaps"]] = "gaps"  # tells `output.present` which it is
    plan: PlanRef
    as_of: int
    unit: NameRef | None  # a unit's report: against its own goals
    lagging: list[GapRow]  # behind or at risk, worst first
    missing: list[GapRow]  # no data yet
    fine: int  # goals neither lagging nor missing
    baseline_year: int | None

    @property
    def rows(self) -> list[GapRow]:
        return [*self.lagging, *self.missing]


def gaps_report(plan: Plan, ledger: Ledger, month: int, *, unit: str | None = None) -> GapsReport:
    """What is behind or at risk, worst first, then what has no data (for the city, or
    for one reporting unit against its own goals)."""
    if unit is not None:
        unit = plan.unit(unit).code
    progresses = goal_progress(plan, ledger, month, unit)
    # A missed goal first: the year is over for it; then the worst against the schedule.
    lagging = sorted(
        (p for p in progresses if p.status in (Status.MISSED, Status.BEHIND, Status.AT_RISK)),
        key=lambda p: (p.status is not Status.MISSED, p.lag_score),
    )
    missing = [p for p in progresses if p.status is Status.NO_DATA]
    return GapsReport(
        plan=PlanRef.of(plan),
        as_of=month,
        unit=None if unit is None else NameRef.of(plan.unit(unit)),
        lagging=[_gap_row(p, plan) for p in lagging],
        missing=[_gap_row(p, plan) for p in missing],
        fine=len(progresses) - len(lagging) - len(missing),
        baseline_year=plan.plan.baseline_year,
    )


def _gap_row(progress: Progress, plan: Plan) -> GapRow:
    indicator = progress.indicator
    return {
        **indicator_fields(indicator),
        **progress_fields(progress, plan),
        "shortfall_to_schedule": progress.shortfall_to_schedule,
        "shortfall_to_goal": progress.shortfall_to_goal,
        # A gap between two rates is in percentage points, not percent.
        "gap_unit": "pp" if indicator.is_percent else indicator.unit,
        "months_remaining": progress.months_remaining,
        "pace_needed": progress.pace_needed,
        "projection": progress.projection,
        "baseline": indicator.baseline,
    }
