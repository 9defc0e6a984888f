"""The gaps report: what is behind or at risk, worst first, and what has no data."""

from __future__ import annotations

from gxtrack.i18n import local_name, t
from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.model.plan import Plan
from gxtrack.model.progress import Progress
from gxtrack.model.records import Ledger
from gxtrack.model.terms import Status
from gxtrack.reports.common import (
    Column,
    Group,
    Report,
    Row,
    Style,
    goal_progress,
    indicator_fields,
    name_column,
    plan_title,
    progress_fields,
)


def gap_columns(baseline_year: int | None) -> list[Column]:
    return [
        Column("code", "column.code"),
        name_column(),
        Column("status", "column.status", Style.STATUS),
        Column("actual", "column.actual", Style.NUMBER),
        Column("expected", "column.expected", Style.NUMBER, drop=3),
        Column("shortfall_to_schedule", "column.gap_schedule", Style.NUMBER),
        Column("shortfall_to_goal", "column.gap_goal", Style.NUMBER, drop=2),
        Column("gap_unit", "column.unit", Style.WORD),
        Column("pace_needed", "column.pace", Style.NUMBER, drop=1),
        Column("projection", "column.projection", Style.NUMBER, drop=4),
        Column(
            "baseline",
            str(baseline_year) if baseline_year else "column.baseline",
            Style.NUMBER,
            drop=5,
        ),
    ]


def gaps_report(plan: Plan, ledger: Ledger, month: int, *, unit: str | None = None) -> Report:
    """What is behind or at risk, worst first, then what has no data (for the city, or
    for one reporting unit against its own goals)."""
    if unit is not None:
        unit = plan.unit(unit).code
    progresses = goal_progress(plan, ledger, month, unit)
    lagging = sorted(
        (p for p in progresses if p.status in (Status.BEHIND, Status.AT_RISK)),
        key=lambda p: p.lag_score,
    )
    missing = [p for p in progresses if p.status is Status.NO_DATA]
    rows = [_gap_row(p, plan) for p in [*lagging, *missing]]
    as_of = month_label(plan.year, month)
    groups = []
    if lagging:
        groups.append(Group(t("report.gaps.lagging"), rows[: len(lagging)]))
    if missing:
        groups.append(Group(t("report.gaps.no_data"), rows[len(lagging) :]))
    fine = len(progresses) - len(lagging) - len(missing)
    return Report(
        name="gaps",
        title=t(
            "report.gaps.title", plan=plan_title(plan), month=as_of, left=MONTHS_IN_YEAR - month
        )
        + (f" — {local_name(plan.unit(unit))}" if unit is not None else ""),
        columns=gap_columns(plan.plan.baseline_year),
        rows=rows,
        rows_key="gaps",
        groups=groups,
        footer=t("report.gaps.footer", lagging=len(lagging), missing=len(missing), fine=fine),
        meta={
            "plan": plan.plan.title,
            "year": plan.year,
            "as_of": as_of,
            "months_remaining": MONTHS_IN_YEAR - month,
        },
    )


def _gap_row(progress: Progress, plan: Plan) -> Row:
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
