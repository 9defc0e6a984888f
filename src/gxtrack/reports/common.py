"""What every report shares: the `Report`, its columns and groups, and common rows.

Every report is built from (plan, ledger, as-of month) by a pure function (one module a
report) and returned as a `Report`; `output/render.py` turns it into a table, CSV or
JSON. Row values are plain Python values and Decimals, unrounded: rounding is the
table's business only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import current_language, t
from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.model.plan import Indicator, Plan, goal_for
from gxtrack.model.progress import Progress, progress_of
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import QualityNote, city_values, unit_values
from gxtrack.model.terms import Status
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
    header: str  # a message key (i18n/catalogue.py): headers follow the interface's language
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


def indicator_fields(indicator: Indicator) -> Row:
    return {
        "code": indicator.code,
        "area": indicator.area,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
    }


def progress_fields(progress: Progress, plan: Plan) -> Row:
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


def plan_title(plan: Plan) -> str:
    info = plan.plan
    return info.title_en or info.title if current_language() == "en" else info.title


def check_area(plan: Plan, area: str | None) -> None:
    if area is not None and area not in plan.area_by_code:
        raise InvalidInputError(
            t("plan.no_area", code=area),
            hint=t("plan.areas.hint", codes=", ".join(plan.area_by_code)),
        )


def goal_progress(plan: Plan, ledger: Ledger, month: int, unit: str | None) -> list[Progress]:
    """The city's progress on every goal, or a unit's on the goals it has."""
    if unit is None:
        return all_progress(plan, ledger, month)
    found = [unit_progress(plan, ledger, month, unit, i) for i in plan.indicators]
    return [p for p in found if p is not None]
