"""What every report shares: typed references to the plan and its parts, typed rows, and
the progress every report is built from.

Every report is built from (plan, ledger, as-of month) by a pure function (one module a
report) and returned as a frozen dataclass of typed rows and metadata: raw values
(Decimals unrounded, `Status`, codes, month numbers), never words or formatted numbers.
`output/present/` words and formats them for the renderers. A row is a TypedDict whose
keys, in order, are the JSON and CSV columns: a dict at run time, so the renderers take
it as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypedDict

from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.model.plan import Area, Indicator, Plan, ReportingUnit, check_area, goal_for
from gxtrack.model.progress import Progress, progress_of, with_relative_goal
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import QualityNote, city_values, unit_values
from gxtrack.model.terms import Frequency, Status

__all__ = ["check_area"]  # kept here for the CLI: a report's own check, worded by the model

STATUS_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.BEHIND,
    Status.MISSED,
    Status.NO_DATA,
)

# Indicators in each status, keyed by the status's value, in `STATUS_ORDER`.
StatusCounts = dict[str, int]


@dataclass(frozen=True)
class PlanRef:
    """The plan a report is about: both titles, so output picks the interface's."""

    title: str
    title_en: str | None
    year: int

    @classmethod
    def of(cls, plan: Plan) -> PlanRef:
        return cls(plan.plan.title, plan.plan.title_en, plan.year)


@dataclass(frozen=True)
class NameRef:
    """An area, indicator or unit by code and both its names (`i18n.local_name` picks)."""

    code: str
    name: str
    name_en: str | None

    @classmethod
    def of(cls, item: Area | Indicator | ReportingUnit) -> NameRef:
        return cls(item.code, item.name, item.name_en)


class IndicatorFields(TypedDict):
    code: str
    area: str
    name: str
    name_en: str | None
    unit: str


class JudgementFields(TypedDict):
    """How a figure is judged and what it is set against (plans as governments write
    them: 左右, 力争, quarterly figures, 上年同期, caps)."""

    frequency: str | None
    period: str | None  # "2024-06": the month judged at (its latest publication month)
    pending: bool  # the latest period's figure is not in yet (待更新)
    tolerance: Decimal | None
    within_tolerance: bool  # the tolerance (左右) made the difference
    stretch_goal: Decimal | None
    stretch_pct: Decimal | None
    headroom: Decimal | None  # a cap's (<=) room left; negative past it
    previous: Decimal | None  # 上年同期
    change_vs_previous: Decimal | None  # points for a rate or share, else percent growth
    goal_from: str | None  # a relative goal: the code whose figure is the goal ("1.1")
    goal_offset: Decimal | None  # added to that figure (a relative goal's; None otherwise)


class ProgressFields(JudgementFields):
    goal: Decimal | None
    comparator: str
    actual: Decimal | None
    latest_month: str | None  # "2024-06": the month as the data file writes it
    expected: Decimal | None
    goal_pct: Decimal | None
    schedule_pct: Decimal | None
    status: Status | None


class AsOfWhy(StrEnum):
    """Why a report is as of its month: asked for, the data's latest, or no data yet."""

    ASKED = "asked"  # --as-of
    LATEST = "latest"  # the latest month with a figure
    NO_DATA = "no_data"  # no figure yet: the final month


def as_of_why(ledger: Ledger, asked: bool) -> AsOfWhy:
    """Why the report's month is what it is (`asked`: the user gave --as-of)."""
    if asked:
        return AsOfWhy.ASKED
    return AsOfWhy.LATEST if ledger.latest_month() is not None else AsOfWhy.NO_DATA


def default_as_of(ledger: Ledger) -> int:
    """The latest month with any recorded value; with none, the final month."""
    return ledger.latest_month() or MONTHS_IN_YEAR


def indicator_fields(indicator: Indicator) -> IndicatorFields:
    return {
        "code": indicator.code,
        "area": indicator.area,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
    }


def expected_shown(progress: Progress) -> Decimal | None:
    """序时进度 as the reports give it: None before a non-monthly indicator's first
    publication month (a quarterly 1,200 expects nothing in February, not 200)."""
    before_first = progress.period is None and progress.indicator.frequency is not (
        Frequency.MONTHLY
    )
    return None if before_first else progress.expected


def goal_in_force(progress: Progress) -> Decimal | None:
    """The goal at the report's period; None for a relative goal not known yet (the
    indicator's own figure, or the one its goal comes from, not in: no period to take
    the other's figure for)."""
    indicator = progress.indicator
    if indicator.goal_from is not None and progress.actual is None:
        return None
    return indicator.goal


def progress_fields(progress: Progress, plan: Plan) -> ProgressFields:
    indicator = progress.indicator
    latest = progress.latest_month
    return {
        "goal": goal_in_force(progress),
        "comparator": indicator.comparator.value,
        "actual": progress.actual,
        "latest_month": None if latest is None else month_label(plan.year, latest),
        "expected": expected_shown(progress),
        "goal_pct": progress.goal_pct,
        "schedule_pct": progress.schedule_pct,
        "status": progress.status,
        **judgement_fields(progress, plan),
    }


def judgement_fields(progress: Progress | None, plan: Plan) -> JudgementFields:
    """The keys of a plan as written on every progress row (a unit without a goal: none set)."""
    if progress is None:
        return {
            "frequency": None,
            "period": None,
            "pending": False,
            "tolerance": None,
            "within_tolerance": False,
            "stretch_goal": None,
            "stretch_pct": None,
            "headroom": None,
            "previous": None,
            "change_vs_previous": None,
            "goal_from": None,
            "goal_offset": None,
        }
    period = progress.period
    indicator = progress.indicator
    if indicator.frequency is Frequency.MONTHLY and progress.latest_month is None:
        period = None  # no figure yet: no period it is judged at
    return {
        "frequency": indicator.frequency.value,
        "period": None if period is None else month_label(plan.year, period),
        "pending": progress.pending,
        "tolerance": indicator.tolerance,
        "within_tolerance": progress.within_tolerance,
        "stretch_goal": indicator.stretch_goal,
        "stretch_pct": progress.stretch_pct,
        "headroom": progress.headroom,
        "previous": progress.previous,
        "change_vs_previous": progress.change_vs_previous,
        "goal_from": indicator.goal_from,
        "goal_offset": None if indicator.goal_from is None else indicator.goal_offset,
    }


def count_statuses(statuses: Sequence[Status]) -> StatusCounts:
    counts = Counter(statuses)
    return {status.value: counts.get(status, 0) for status in STATUS_ORDER}


def all_progress(plan: Plan, ledger: Ledger, month: int) -> list[Progress]:
    """Every indicator's progress for the city, its figures rolled up from units."""
    threshold, points = plan.plan.at_risk_threshold, plan.plan.at_risk_points

    def progress(indicator: Indicator) -> Progress:
        figures = city_values(plan, ledger, indicator)[0]
        return progress_of(indicator, figures, month, threshold, points)

    found = {indicator.code: progress(indicator) for indicator in plan.indicators}
    for indicator in plan.indicators:
        if indicator.goal_from is not None:
            other = found[indicator.goal_from]
            relative = with_relative_goal(indicator, other)
            # no_data until both figures are in: judged against nothing, it has no figures.
            found[indicator.code] = (
                progress(relative)
                if relative is not None
                else progress_of(indicator, {}, month, threshold, points)
            )
    return list(found.values())


def unit_progress(
    plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator
) -> Progress | None:
    """One unit against its own goal for an indicator; None where it has no goal."""
    split = goal_for(plan, indicator, unit)
    if split is None:
        return None
    monthly = unit_values(plan, ledger, indicator, unit)
    return progress_of(split, monthly, month, plan.plan.at_risk_threshold, plan.plan.at_risk_points)


def quality_notes(plan: Plan, ledger: Ledger, month: int) -> list[QualityNote]:
    """City records up to `month` that differ from their units' sum."""
    return [
        note
        for indicator in plan.indicators
        for note in city_values(plan, ledger, indicator)[1]
        if note.month <= month
    ]


def goal_progress(plan: Plan, ledger: Ledger, month: int, unit: str | None) -> list[Progress]:
    """The city's progress on every goal, or a unit's on the goals it has."""
    if unit is None:
        return all_progress(plan, ledger, month)
    found = [unit_progress(plan, ledger, month, unit, i) for i in plan.indicators]
    return [p for p in found if p is not None]
