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
from gxtrack.i18n import current_language, local_name, t
from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.model.plan import Indicator, Plan, goal_for
from gxtrack.model.progress import Progress, actual_to_date, progress_of
from gxtrack.model.records import HistoryEntry, Ledger
from gxtrack.model.rollup import QualityNote, city_values, unit_values
from gxtrack.model.terms import Kind, Status
from gxtrack.output.formats import format_number

Row = dict[str, Any]

STATUS_ORDER = (Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.BEHIND, Status.NO_DATA)


class Style(StrEnum):
    """How a table shows a column's values."""

    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    STATUS = "status"  # the status word, in the interface's language and colour
    BAR = "bar"  # a progress bar of the row's goal_pct, coloured by its status
    WORD = "word"  # a fixed word (history states, "pp"), shown in the interface's language
    MARK = "mark"  # a status as one character (the unit matrix)


class Column(NamedTuple):
    key: str
    header: str  # a message key (messages.py): headers follow the interface's language
    style: Style = Style.TEXT
    min_width: int | None = None  # set for a text column that may wrap (names, notes)
    drop: int = 0  # on a narrow terminal, higher numbers are hidden first; 0 never
    fallback: str | None = None  # the key to show where `key` is empty (name_en -> name)


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
    compact: bool = False  # narrow gaps between columns (the unit matrix)

    def document(self) -> dict[str, Any]:
        """The JSON document: metadata, then the rows."""
        return {"report": self.name, **self.meta, self.rows_key: self.rows}


def name_column(min_width: int = 16, heading: str = "column.indicator") -> Column:
    """A name in the interface's language (the Chinese one as fallback)."""
    if current_language() == "en":
        return Column("name_en", heading, min_width=min_width, fallback="name")
    return Column("name", heading, min_width=min_width)


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
    parts = [
        t("summary.part", status=t(f"status.{word}"), count=n) for word, n in counts.items() if n
    ]
    total = sum(counts.values())
    key = "summary.one_goal" if total == 1 else "summary.goals"
    return t(key, total=total, parts=t("summary.separator").join(parts))


def all_progress(plan: Plan, ledger: Ledger, month: int) -> list[Progress]:
    """Every indicator's progress for the city, its figures rolled up from units."""
    threshold = plan.plan.at_risk_threshold
    return [
        progress_of(indicator, city_values(plan, ledger, indicator)[0], month, threshold)
        for indicator in plan.indicators
    ]


def unit_progress(
    plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator
) -> Progress | None:
    """One unit against its own goal for an indicator; None where it has no goal."""
    split = goal_for(plan, indicator, unit)
    if split is None:
        return None
    monthly = unit_values(plan, ledger, indicator, unit)
    return progress_of(split, monthly, month, plan.plan.at_risk_threshold)


def _unit_row(plan: Plan, ledger: Ledger, month: int, unit: str, indicator: Indicator) -> Row:
    progress = unit_progress(plan, ledger, month, unit, indicator)
    if progress is not None:
        fields = _progress_fields(progress, plan)
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
        **_indicator_fields(indicator),
        "reporting_unit": unit,
        "kind": indicator.kind.value,
        "stretch": indicator.stretch,
        **fields,
        "baseline": indicator.baseline,
    }


def quality_text(plan: Plan, note: QualityNote) -> str:
    """A data-quality note as a sentence."""
    return t(
        "quality.note",
        code=note.code,
        month=month_label(plan.year, note.month),
        city=format_number(note.city),
        units=format_number(note.units_sum),
    )


def quality_notes(plan: Plan, ledger: Ledger, month: int) -> list[QualityNote]:
    """City records up to `month` that differ from their units' sum."""
    return [
        note
        for indicator in plan.indicators
        for note in city_values(plan, ledger, indicator)[1]
        if note.month <= month
    ]


def _plan_title(plan: Plan) -> str:
    info = plan.plan
    return info.title_en or info.title if current_language() == "en" else info.title


def check_area(plan: Plan, area: str | None) -> None:
    if area is not None and area not in plan.area_by_code:
        raise InvalidInputError(
            t("plan.no_area", code=area),
            hint=t("plan.areas.hint", codes=", ".join(plan.area_by_code)),
        )


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
                **_indicator_fields(p.indicator),
                "kind": p.indicator.kind.value,
                "stretch": p.indicator.stretch,
                **_progress_fields(p, plan),
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
    title = t("report.status.title", plan=_plan_title(plan), month=as_of, number=month)
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


def goal_progress(plan: Plan, ledger: Ledger, month: int, unit: str | None) -> list[Progress]:
    """The city's progress on every goal, or a unit's on the goals it has."""
    if unit is None:
        return all_progress(plan, ledger, month)
    found = [unit_progress(plan, ledger, month, unit, i) for i in plan.indicators]
    return [p for p in found if p is not None]


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
            "report.gaps.title", plan=_plan_title(plan), month=as_of, left=MONTHS_IN_YEAR - month
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
            plan=_plan_title(plan),
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
        else f"{indicator.comparator.value} {_plain(indicator.goal)} {indicator.unit}".strip()
    )
    if indicator.stretch:
        goal_text += t("goal.stretch")
    return {
        **_indicator_fields(indicator),
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


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def history_columns() -> list[Column]:
    return [
        Column("month", "column.month"),
        Column("value", "column.value", Style.NUMBER),
        Column("state", "column.state", Style.WORD),
        Column("note", "column.note", min_width=10),
        Column("recorded_at", "column.recorded_at", drop=1),
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


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal | None]) -> str:
    """One character a month: the value's height between the lowest and highest, · for
    a month without a value."""
    present = [v for v in values if v is not None]
    if not present:
        return "·" * len(values)
    low, high = min(present), max(present)
    span = high - low
    return "".join(
        "·"
        if v is None
        else SPARKS[-1]
        if span == 0
        else SPARKS[int((v - low) / span * (len(SPARKS) - 1))]
        for v in values
    )


def history_report(plan: Plan, ledger: Ledger, code: str) -> Report:
    """Every recorded value of one indicator, corrections included, by month, and a
    sparkline of the values in force."""
    indicator = plan.indicator(code)
    monthly = ledger.monthly_values(indicator.code)
    line = sparkline([monthly.get(month) for month in range(1, MONTHS_IN_YEAR + 1)])
    entries = sorted(ledger.entries(indicator.code), key=lambda e: (e.record.month, e.position))
    rows = [_history_row(entry) for entry in entries]
    return Report(
        name="history",
        title=t(
            "report.history.title",
            code=indicator.code,
            name=local_name(indicator),
            unit=indicator.unit,
        ),
        columns=history_columns(),
        rows=rows,
        rows_key="records",
        footer=t(
            "report.history.footer", records=len(rows), in_force=sum(r["in_force"] for r in rows)
        )
        + "\n"
        + t("history.sparkline", line=line),
        meta={
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "sparkline": line,
        },
    )


def actuals_columns() -> list[Column]:
    return [Column("code", "column.code"), *history_columns()]


def actuals_report(plan: Plan, ledger: Ledger) -> Report:
    """Every record in file order, with a column saying whether it is in force."""
    rows = [_history_row(entry) for entry in ledger.entries()]
    return Report(
        name="actuals",
        title=t("report.actuals.title", plan=_plan_title(plan)),
        columns=actuals_columns(),
        rows=rows,
        rows_key="records",
        meta={"plan": plan.plan.title, "year": plan.year},
    )
