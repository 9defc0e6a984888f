"""Reports as data: rows with English keys, plus how a table should show them.

Every report is built from (plan, ledger, as-of month) by a pure function and returned
as a `Report`; `render.py` turns it into a table, CSV or JSON. Row values are plain
Python values and Decimals, unrounded: rounding is the table's business only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from gxtrack.errors import InvalidInputError
from gxtrack.months import MONTHS_IN_YEAR, month_label
from gxtrack.plan import Indicator, Plan
from gxtrack.progress import Progress, progress_of
from gxtrack.records import HistoryEntry, Ledger
from gxtrack.terms import Kind, Status

Row = dict[str, Any]

STATUS_ORDER = (Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.BEHIND, Status.NO_DATA)
STATUS_WORDS = {
    Status.ACHIEVED: "achieved",
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.BEHIND: "behind",
    Status.NO_DATA: "no data",
}


class Style(StrEnum):
    """How a table shows a column's values."""

    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    STATUS = "status"
    BAR = "bar"  # a progress bar of the row's goal_pct, coloured by its status
    FLAG = "flag"


class Column(NamedTuple):
    key: str
    header: str
    style: Style = Style.TEXT
    min_width: int | None = None  # set for a text column that may wrap (names, notes)
    drop: int = 0  # on a narrow terminal, higher numbers are hidden first; 0 never


class Group(NamedTuple):
    """Rows shown together in a table, under a title, with a summary line."""

    title: str
    rows: list[Row]
    summary: str | None = None


@dataclass(frozen=True)
class Report:
    """A report, ready for any renderer."""

    name: str
    title: str
    columns: list[Column]
    rows: list[Row]  # every row, with every key: CSV columns are these keys
    rows_key: str  # the key under which JSON lists the rows
    groups: list[Group] = field(default_factory=list)  # the table's body; empty = one group
    footer: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # JSON keys besides the rows

    def document(self) -> dict[str, Any]:
        """The JSON document: metadata, then the rows."""
        return {"report": self.name, **self.meta, self.rows_key: self.rows}


def default_as_of(ledger: Ledger) -> int:
    """The latest month with any recorded value; with none, the final month."""
    return ledger.latest_month() or MONTHS_IN_YEAR


def _indicator_fields(indicator: Indicator) -> Row:
    return {
        "code": indicator.code,
        "area": indicator.area,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
    }


def _progress_fields(progress: Progress, plan: Plan) -> Row:
    indicator = progress.indicator
    latest = progress.latest_month
    return {
        "goal": indicator.goal,
        "comparator": indicator.comparator.value,
        "actual": progress.actual,
        "latest_month": None if latest is None else month_label(plan.year, latest),
        "expected": progress.expected,
        "goal_pct": progress.goal_pct,
        "schedule_pct": progress.schedule_pct,
        "status": progress.status.value,
    }


def count_statuses(statuses: Sequence[Status]) -> dict[str, int]:
    counts = Counter(statuses)
    return {status.value: counts.get(status, 0) for status in STATUS_ORDER}


def summary_line(counts: dict[str, int]) -> str:
    parts = [f"{STATUS_WORDS[Status(word)]} {n}" for word, n in counts.items() if n]
    total = sum(counts.values())
    return f"{total} goal{'s' if total != 1 else ''}: " + ", ".join(parts)


def all_progress(plan: Plan, ledger: Ledger, month: int) -> list[Progress]:
    threshold = plan.plan.at_risk_threshold
    return [
        progress_of(indicator, ledger.monthly_values(indicator.code), month, threshold)
        for indicator in plan.indicators
    ]


STATUS_COLUMNS = [
    Column("code", "Code"),
    Column("name", "Indicator", min_width=16),
    Column("actual", "Actual", Style.NUMBER),
    Column("goal", "Goal", Style.NUMBER),
    Column("unit", "Unit"),
    Column("expected", "Expected", Style.NUMBER),
    Column("goal_pct", "% goal", Style.PERCENT, drop=4),
    Column("schedule_pct", "% sched.", Style.PERCENT, drop=3),
    Column("status", "Status", Style.STATUS),
    Column("goal_pct", "Progress", Style.BAR, drop=5),
]


def status_report(plan: Plan, ledger: Ledger, month: int, *, area: str | None = None) -> Report:
    """Every indicator against its goal and schedule, grouped by area, with summaries."""
    if area is not None and area not in plan.area_by_code:
        raise InvalidInputError(
            f"no area {area!r} in the plan", hint="areas: " + ", ".join(plan.area_by_code)
        )
    progresses = [
        p for p in all_progress(plan, ledger, month) if area is None or p.indicator.area == area
    ]
    rows: list[Row] = []
    groups: list[Group] = []
    areas_meta: list[Row] = []
    for plan_area in plan.areas:
        in_area = [p for p in progresses if p.indicator.area == plan_area.code]
        if not in_area:
            continue
        area_rows = [
            {
                **_indicator_fields(p.indicator),
                "kind": p.indicator.kind.value,
                "stretch": p.indicator.stretch,
                **_progress_fields(p, plan),
                "baseline": p.indicator.baseline,
            }
            for p in in_area
        ]
        counts = count_statuses([p.status for p in in_area])
        rows.extend(area_rows)
        groups.append(Group(f"{plan_area.code}  {plan_area.name}", area_rows, summary_line(counts)))
        areas_meta.append(
            {
                "code": plan_area.code,
                "name": plan_area.name,
                "name_en": plan_area.name_en,
                "counts": counts,
            }
        )
    totals = count_statuses([p.status for p in progresses])
    as_of = month_label(plan.year, month)
    return Report(
        name="status",
        title=f"{plan.plan.title} — status as of {as_of} ({month}/12 of the year)",
        columns=STATUS_COLUMNS,
        rows=rows,
        rows_key="indicators",
        groups=groups,
        footer=f"Plan: {summary_line(totals)}",
        meta={
            "plan": plan.plan.title,
            "year": plan.year,
            "as_of": as_of,
            "summary": totals,
            "areas": areas_meta,
        },
    )


GAP_COLUMNS = [
    Column("code", "Code"),
    Column("name", "Indicator", min_width=16),
    Column("status", "Status", Style.STATUS),
    Column("actual", "Actual", Style.NUMBER),
    Column("expected", "Expected", Style.NUMBER, drop=3),
    Column("shortfall_to_schedule", "Gap/sched.", Style.NUMBER),
    Column("shortfall_to_goal", "Gap/goal", Style.NUMBER, drop=2),
    Column("gap_unit", "Unit"),
    Column("pace_needed", "Pace/mo.", Style.NUMBER, drop=1),
    Column("projection", "Projected", Style.NUMBER, drop=4),
    Column("baseline", "2023", Style.NUMBER, drop=5),
]


def gaps_report(plan: Plan, ledger: Ledger, month: int) -> Report:
    """What is behind or at risk, worst first, then what has no data."""
    progresses = all_progress(plan, ledger, month)
    lagging = sorted(
        (p for p in progresses if p.status in (Status.BEHIND, Status.AT_RISK)),
        key=lambda p: p.lag_score,
    )
    missing = [p for p in progresses if p.status is Status.NO_DATA]
    rows = [_gap_row(p, plan) for p in [*lagging, *missing]]
    as_of = month_label(plan.year, month)
    baseline_year = plan.plan.baseline_year
    columns = [
        Column(c.key, str(baseline_year), c.style, drop=c.drop)
        if c.key == "baseline" and baseline_year
        else c
        for c in GAP_COLUMNS
    ]
    groups = []
    if lagging:
        groups.append(Group("Behind or at risk, worst first", rows[: len(lagging)]))
    if missing:
        groups.append(Group("No data yet", rows[len(lagging) :]))
    return Report(
        name="gaps",
        title=f"{plan.plan.title} — gaps as of {as_of} ({MONTHS_IN_YEAR - month} months left)",
        columns=columns,
        rows=rows,
        rows_key="gaps",
        groups=groups,
        footer=(
            f"{len(lagging)} lagging, {len(missing)} without data, "
            f"{len(progresses) - len(lagging) - len(missing)} on track or achieved"
        ),
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
        **_indicator_fields(indicator),
        **_progress_fields(progress, plan),
        "shortfall_to_schedule": progress.shortfall_to_schedule,
        "shortfall_to_goal": progress.shortfall_to_goal,
        # A gap between two rates is in percentage points, not percent.
        "gap_unit": "pp" if indicator.is_percent else indicator.unit,
        "months_remaining": progress.months_remaining,
        "pace_needed": progress.pace_needed,
        "projection": progress.projection,
        "baseline": indicator.baseline,
    }


PLAN_COLUMNS = [
    Column("code", "Code"),
    Column("name", "Indicator", min_width=16),
    Column("goal_text", "Goal"),
    Column("kind", "Kind", drop=1),
    Column("combine", "Combine", drop=2),
    Column("schedule", "Schedule"),
    Column("baseline", "Baseline", Style.NUMBER, drop=3),
]


def plan_report(plan: Plan) -> Report:
    """The indicators and their goals, grouped by area."""
    rows: list[Row] = []
    groups: list[Group] = []
    for area in plan.areas:
        area_rows = [_plan_row(indicator) for indicator in plan.indicators_in(area.code)]
        rows.extend(area_rows)
        groups.append(Group(f"{area.code}  {area.name}", area_rows))
    info = plan.plan
    return Report(
        name="plan",
        title=f"{info.title} ({plan.year}): {len(plan.areas)} areas, "
        f"{len(plan.indicators)} indicators",
        columns=PLAN_COLUMNS,
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
        "done"
        if indicator.kind is Kind.MILESTONE
        else f"{indicator.comparator.value} {_plain(indicator.goal)} {indicator.unit}"
    )
    if indicator.stretch:
        goal_text += " (stretch)"
    return {
        **_indicator_fields(indicator),
        "kind": indicator.kind.value,
        "goal": indicator.goal,
        "comparator": indicator.comparator.value,
        "goal_text": goal_text.strip(),
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


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


HISTORY_COLUMNS = [
    Column("month", "Month"),
    Column("value", "Value", Style.NUMBER),
    Column("state", "State"),
    Column("note", "Note", min_width=10),
    Column("recorded_at", "Recorded at", drop=1),
]


def _history_row(entry: HistoryEntry) -> Row:
    record = entry.record
    return {
        "code": record.code,
        "month": record.month,
        "unit": record.unit,
        "value": record.value,
        "undo": record.undo,
        "note": record.note,
        "recorded_at": record.recorded_at.isoformat(),
        "in_force": entry.in_force,
        "state": entry.state.value,
        "position": entry.position + 1,
    }


def history_report(plan: Plan, ledger: Ledger, code: str) -> Report:
    """Every recorded value of one indicator, corrections included, by month."""
    indicator = plan.indicator(code)
    entries = sorted(ledger.entries(indicator.code), key=lambda e: (e.record.month, e.position))
    rows = [_history_row(entry) for entry in entries]
    return Report(
        name="history",
        title=f"{indicator.code} {indicator.name} — every recorded value ({indicator.unit})",
        columns=HISTORY_COLUMNS,
        rows=rows,
        rows_key="records",
        footer=f"{len(rows)} records, {sum(r['in_force'] for r in rows)} in force",
        meta={"code": indicator.code, "name": indicator.name, "unit": indicator.unit},
    )


ACTUALS_COLUMNS = [
    Column("code", "Code"),
    Column("month", "Month"),
    Column("value", "Value", Style.NUMBER),
    Column("state", "State"),
    Column("note", "Note", min_width=10),
    Column("recorded_at", "Recorded at", drop=1),
]


def actuals_report(plan: Plan, ledger: Ledger) -> Report:
    """Every record in file order, with a column saying whether it is in force."""
    rows = [_history_row(entry) for entry in ledger.entries()]
    return Report(
        name="actuals",
        title=f"{plan.plan.title} — all records",
        columns=ACTUALS_COLUMNS,
        rows=rows,
        rows_key="records",
        meta={"plan": plan.plan.title, "year": plan.year},
    )
