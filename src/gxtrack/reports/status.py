"""The status report: every indicator against its goal and schedule, by area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

from gxtrack.model.months import month_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.progress import Progress, actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import QualityNote, unit_values
from gxtrack.model.terms import Status
from gxtrack.reports.common import (
    AsOfWhy,
    IndicatorFields,
    NameRef,
    PlanRef,
    ProgressFields,
    StatusCounts,
    all_progress,
    check_area,
    count_statuses,
    indicator_fields,
    judgement_fields,
    progress_fields,
    quality_notes,
    unit_progress,
)


class StatusRow(IndicatorFields, ProgressFields):
    """One indicator, for the city."""

    kind: str
    stretch: bool
    baseline: Decimal | None


class UnitStatusRow(StatusRow):
    """One indicator for one unit against its own goal ("reporting_unit" after "unit")."""

    reporting_unit: str


@dataclass(frozen=True)
class AreaStatus:
    """An area's rows as shown, and how many of them are in each status."""

    area: NameRef
    rows: list[StatusRow]
    counts: StatusCounts


@dataclass(frozen=True)
class StatusReport:
    name: ClassVar[Literal["status"]] = "status"  # tells `output.present` which it is
    plan: PlanRef
    as_of: int
    unit: NameRef | None  # a unit's report: its rows are against its own goals
    rows: list[StatusRow]  # every row shown, area by area
    areas: list[AreaStatus]  # the areas with rows shown
    totals: StatusCounts
    quality: list[QualityNote]  # all of them; a table shows the first few
    has_units: bool  # only a plan with units can have quality notes (JSON keeps its shape)
    area: str | None = None  # the filters of this view: its summary says what it counts
    statuses: tuple[Status, ...] = ()
    as_of_why: AsOfWhy = AsOfWhy.LATEST  # said in the title line


def status_report(
    plan: Plan,
    ledger: Ledger,
    month: int,
    *,
    area: str | None = None,
    statuses: Sequence[Status] | None = None,
    unit: str | None = None,
) -> StatusReport:
    """Every indicator against its goal and schedule, grouped by area, with counts.

    `area` keeps one area; `statuses` keeps the indicators in those statuses (the
    counts then count what is shown); `unit` shows one reporting unit against its own
    goals (an indicator without a goal for it shows its actual, with no status).
    """
    check_area(plan, area)
    if unit is None:
        all_rows: list[StatusRow] = [_city_row(p, plan) for p in all_progress(plan, ledger, month)]
    else:
        unit = plan.unit(unit).code
        all_rows = [_unit_row(plan, ledger, month, unit, i) for i in plan.indicators if i.by_unit]
    wanted = set(statuses or ())
    shown = [
        row
        for row in all_rows
        if (area is None or row["area"] == area) and (not wanted or row["status"] in wanted)
    ]
    areas = _by_area(plan, shown)
    return StatusReport(
        plan=PlanRef.of(plan),
        as_of=month,
        unit=None if unit is None else NameRef.of(plan.unit(unit)),
        rows=[row for group in areas for row in group.rows],
        areas=areas,
        totals=_counts(shown),
        quality=quality_notes(plan, ledger, month) if unit is None else [],
        has_units=bool(plan.units),
        area=area,
        statuses=tuple(dict.fromkeys(statuses or ())),
    )


def _by_area(plan: Plan, rows: list[StatusRow]) -> list[AreaStatus]:
    """The rows of each area in the plan's order, areas without rows left out."""
    groups = []
    for plan_area in plan.areas:
        area_rows = [row for row in rows if row["area"] == plan_area.code]
        if area_rows:
            groups.append(AreaStatus(NameRef.of(plan_area), area_rows, _counts(area_rows)))
    return groups


def _counts(rows: list[StatusRow]) -> StatusCounts:
    return count_statuses([row["status"] for row in rows if row["status"] is not None])


def _city_row(progress: Progress, plan: Plan) -> StatusRow:
    indicator = progress.indicator
    return {
        **indicator_fields(indicator),
        "kind": indicator.kind.value,
        "stretch": indicator.stretch,
        **progress_fields(progress, plan),
        "baseline": indicator.baseline,
    }


def _unit_row(
    plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator
) -> UnitStatusRow:
    progress = unit_progress(plan, ledger, month, unit, indicator)
    fields: ProgressFields
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
            **judgement_fields(None, plan),
        }
    return {
        **indicator_fields(indicator),
        "reporting_unit": unit,
        "kind": indicator.kind.value,
        "stretch": indicator.stretch,
        **fields,
        "baseline": indicator.baseline,
    }
