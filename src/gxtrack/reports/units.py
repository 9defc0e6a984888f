"""Reports about reporting units: the list, the status matrix, and the ranking (排名)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal, TypedDict

from gxtrack.model.plan import Indicator, Plan, ReportingUnit
from gxtrack.model.progress import actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import unit_values
from gxtrack.model.terms import Status, UnitKind
from gxtrack.reports.common import NameRef, PlanRef, expected_shown, unit_progress


class UnitRow(TypedDict):
    code: str
    name: str
    name_en: str
    kind: UnitKind
    parent: str | None


@dataclass(frozen=True)
class UnitsReport:
    name: ClassVar[Literal["units"]] = "units"  # tells `output.present` which it is
    plan: PlanRef
    rows: list[UnitRow]


def units_report(plan: Plan) -> UnitsReport:
    """The plan's reporting units."""
    rows: list[UnitRow] = [
        {"code": u.code, "name": u.name, "name_en": u.name_en, "kind": u.kind, "parent": u.parent}
        for u in plan.units
    ]
    return UnitsReport(PlanRef.of(plan), rows)


# A matrix cell: the unit's status against its own goal; "data" where it has figures but
# no goal; None where it has neither.
Mark = Status | Literal["data"] | None


@dataclass(frozen=True)
class MatrixRow:
    unit: str
    name: str
    name_en: str
    marks: dict[str, Mark]  # indicator code -> mark, in the report's indicator order


@dataclass(frozen=True)
class MatrixReport:
    name: ClassVar[Literal["matrix"]] = "matrix"  # tells `output.present` which it is
    plan: PlanRef
    as_of: int
    indicators: list[str]  # the codes of the matrix's columns
    rows: list[MatrixRow]  # one a unit, in the plan's order


def _split_indicators(plan: Plan, ledger: Ledger) -> list[Indicator]:
    """Indicators worth a matrix column: split among units by goals or by records."""
    recorded = {code for (code, unit) in ledger.in_force if unit is not None}
    chosen = [i for i in plan.indicators if i.by_unit and (i.unit_goals or i.code in recorded)]
    return chosen or [i for i in plan.indicators if i.by_unit]


def _mark(plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator) -> Mark:
    progress = unit_progress(plan, ledger, month, unit, indicator)
    if progress is not None:
        return progress.status
    actual, _ = actual_to_date(indicator, unit_values(plan, ledger, indicator, unit), month)
    return "data" if actual is not None else None


def matrix_report(plan: Plan, ledger: Ledger, month: int) -> MatrixReport:
    """Units x indicators, each cell the unit's status against its own goal."""
    indicators = _split_indicators(plan, ledger)
    rows = [
        MatrixRow(
            u.code,
            u.name,
            u.name_en,
            {i.code: _mark(plan, ledger, month, u.code, i) for i in indicators},
        )
        for u in plan.units
    ]
    return MatrixReport(PlanRef.of(plan), month, [i.code for i in indicators], rows)


class RankRow(TypedDict):
    unit: str
    name: str
    name_en: str
    actual: Decimal | None
    goal: Decimal | None
    expected: Decimal | None
    schedule_pct: Decimal | None
    status: Status | None
    ranked_by: Literal["schedule_pct", "actual"]
    rank: int  # from 1; equal figures share the best rank among them
    tied: bool


@dataclass(frozen=True)
class RankReport:
    name: ClassVar[Literal["rank"]] = "rank"  # tells `output.present` which it is
    plan: PlanRef
    indicator: NameRef
    as_of: int
    by_schedule: list[RankRow]  # units with goals, by % of their own schedule
    by_actual: list[RankRow]  # units without goals (or nothing due yet), by actual
    units: int  # every unit in the plan, ranked or not

    @property
    def rows(self) -> list[RankRow]:
        return [*self.by_schedule, *self.by_actual]

    @property
    def unranked(self) -> int:
        return self.units - len(self.by_schedule) - len(self.by_actual)


def rank_report(plan: Plan, ledger: Ledger, month: int, code: str) -> RankReport:
    """Units ranked for one indicator: by % of their own schedule where they have goals,
    by actual value where they do not; equal figures share a rank (ties are stated)."""
    indicator = plan.indicator(code)
    with_goals: list[tuple[Decimal, RankRow]] = []
    without: list[tuple[Decimal, RankRow]] = []
    for unit in plan.units:
        figure, row = _rank_entry(plan, ledger, month, unit, indicator)
        if figure is not None:
            (with_goals if row["ranked_by"] == "schedule_pct" else without).append((figure, row))
    return RankReport(
        plan=PlanRef.of(plan),
        indicator=NameRef.of(indicator),
        as_of=month,
        by_schedule=_ranked(with_goals),
        by_actual=_ranked(without),
        units=len(plan.units),
    )


def _rank_entry(
    plan: Plan, ledger: Ledger, month: int, unit: ReportingUnit, indicator: Indicator
) -> tuple[Decimal | None, RankRow]:
    """A unit's row, and the figure it is ranked by (None: it is not ranked)."""
    progress = unit_progress(plan, ledger, month, unit.code, indicator)
    row: RankRow = {
        "unit": unit.code,
        "name": unit.name,
        "name_en": unit.name_en,
        "actual": None,
        "goal": None,
        "expected": None,
        "schedule_pct": None,
        "status": None,
        "ranked_by": "actual",
        "rank": 0,  # set once ranked
        "tied": False,
    }
    if progress is None:
        monthly = unit_values(plan, ledger, indicator, unit.code)
        row["actual"] = actual_to_date(indicator, monthly, month)[0]
        return row["actual"], row
    row["actual"], row["goal"] = progress.actual, progress.indicator.goal
    row["expected"], row["schedule_pct"] = expected_shown(progress), progress.schedule_pct
    row["status"] = progress.status
    if progress.schedule_pct is not None:
        row["ranked_by"] = "schedule_pct"
        return progress.schedule_pct, row
    return progress.actual, row  # nothing expected yet: ranked by actual


def _ranked(pairs: list[tuple[Decimal, RankRow]]) -> list[RankRow]:
    """Rows best first; equal figures share the best rank among them (2, 2, 4)."""
    pairs = sorted(pairs, key=lambda pair: pair[0], reverse=True)
    rows = []
    for figure, row in pairs:
        first = next(i for i, (other, _) in enumerate(pairs) if other == figure)
        row["rank"] = first + 1
        row["tied"] = sum(other == figure for other, _ in pairs) > 1
        rows.append(row)
    return rows
