"""Reports about reporting units: the list, the status matrix, and the ranking (排名)."""

from __future__ import annotations

from decimal import Decimal

from gxtrack.i18n import local_name, t
from gxtrack.model.months import month_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.progress import actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import unit_values
from gxtrack.reports.common import Column, Group, Report, Row, Style, name_column, unit_progress


def units_report(plan: Plan) -> Report:
    """The plan's reporting units."""
    rows = [
        {
            "code": u.code,
            "name": u.name,
            "name_en": u.name_en,
            "kind": u.kind.value,
            "parent": u.parent,
        }
        for u in plan.units
    ]
    return Report(
        name="units",
        title=t("report.units.title", plan=plan.plan.title, count=len(rows)),
        columns=[
            Column("code", "column.code"),
            name_column(12, "column.unit_name"),
            Column("kind", "column.unit_kind", Style.WORD),
            Column("parent", "column.parent"),
        ],
        rows=rows,
        rows_key="units",
        meta={"plan": plan.plan.title, "year": plan.year},
    )


def _split_indicators(plan: Plan, ledger: Ledger) -> list[Indicator]:
    """Indicators worth a matrix column: split among units by goals or by records."""
    recorded = {code for (code, unit) in ledger.in_force if unit is not None}
    chosen = [i for i in plan.indicators if i.by_unit and (i.unit_goals or i.code in recorded)]
    return chosen or [i for i in plan.indicators if i.by_unit]


def _mark(plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator) -> str | None:
    """A unit's status for an indicator; "data" when it has figures but no goal."""
    progress = unit_progress(plan, ledger, month, unit, indicator)
    if progress is not None:
        return progress.status.value
    actual, _ = actual_to_date(indicator, unit_values(plan, ledger, indicator, unit), month)
    return "data" if actual is not None else None


def matrix_report(plan: Plan, ledger: Ledger, month: int) -> Report:
    """Units x indicators, each cell the unit's status against its own goal."""
    indicators = _split_indicators(plan, ledger)
    rows = []
    for unit in plan.units:
        row: Row = {"unit": unit.code, "name": unit.name, "name_en": unit.name_en}
        for indicator in indicators:
            row[indicator.code] = _mark(plan, ledger, month, unit.code, indicator)
        rows.append(row)
    columns = [Column("unit", "column.code"), name_column(10, "column.unit_name")]
    columns += [Column(i.code, i.code, Style.MARK) for i in indicators]
    as_of = month_label(plan.year, month)
    return Report(
        name="matrix",
        title=t("report.matrix.title", plan=plan.plan.title, month=as_of),
        columns=columns,
        rows=rows,
        rows_key="units",
        footer=t("matrix.legend"),
        meta={
            "plan": plan.plan.title,
            "year": plan.year,
            "as_of": as_of,
            "indicators": [i.code for i in indicators],
        },
        compact=True,
    )


def rank_report(plan: Plan, ledger: Ledger, month: int, code: str) -> Report:
    """Units ranked for one indicator: by % of their own schedule where they have goals,
    by actual value where they do not; equal figures share a rank (ties are stated)."""
    indicator = plan.indicator(code)
    with_goals: list[tuple[Decimal, Row]] = []
    without: list[tuple[Decimal, Row]] = []
    for unit in plan.units:
        progress = unit_progress(plan, ledger, month, unit.code, indicator)
        row: Row = {"unit": unit.code, "name": unit.name, "name_en": unit.name_en}
        if progress is not None:
            row.update(
                actual=progress.actual,
                goal=progress.indicator.goal,
                expected=progress.expected,
                schedule_pct=progress.schedule_pct,
                status=progress.status.value,
                ranked_by="schedule_pct",
            )
            if progress.schedule_pct is not None:
                with_goals.append((progress.schedule_pct, row))
                continue
            if progress.actual is not None:  # nothing expected yet: rank by actual
                row["ranked_by"] = "actual"
                without.append((progress.actual, row))
            continue
        actual, _ = actual_to_date(
            indicator, unit_values(plan, ledger, indicator, unit.code), month
        )
        row.update(
            actual=actual,
            goal=None,
            expected=None,
            schedule_pct=None,
            status=None,
            ranked_by="actual",
        )
        if actual is not None:
            without.append((actual, row))
    groups, rows = [], []
    for title, ranked in ((t("rank.by_schedule"), with_goals), (t("rank.by_actual"), without)):
        if not ranked:
            continue
        ranked.sort(key=lambda pair: pair[0], reverse=True)
        group_rows = []
        for key, row in ranked:
            # Equal figures share the best rank among them, marked "=" (2=, 2=, 4).
            first = next(i for i, (other, _) in enumerate(ranked) if other == key)
            tied = sum(other == key for other, _ in ranked) > 1
            row.update(rank=first + 1, tied=tied, rank_text=f"{first + 1}{'=' if tied else ''}")
            group_rows.append(row)
        rows.extend(group_rows)
        groups.append(Group(title, group_rows))
    unranked = len(plan.units) - len(rows)
    as_of = month_label(plan.year, month)
    return Report(
        name="rank",
        title=t("report.rank.title", code=indicator.code, name=local_name(indicator), month=as_of),
        columns=[
            Column("rank_text", "column.rank"),
            Column("unit", "column.code"),
            name_column(10, "column.unit_name"),
            Column("actual", "column.actual", Style.NUMBER),
            Column("goal", "column.goal", Style.NUMBER),
            Column("schedule_pct", "column.schedule_pct", Style.PERCENT),
            Column("status", "column.status", Style.STATUS),
        ],
        rows=rows,
        rows_key="ranking",
        groups=groups,
        footer=t("rank.footer", unranked=unranked),
        meta={"plan": plan.plan.title, "year": plan.year, "as_of": as_of, "code": indicator.code},
    )
