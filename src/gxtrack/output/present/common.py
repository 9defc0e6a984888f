"""What the presentations share: names and titles in the interface's language, the
summary of counts, a data-quality note as a sentence."""

from __future__ import annotations

from gxtrack.i18n import current_language, local_name, t
from gxtrack.model.months import month_label
from gxtrack.model.rollup import QualityNote
from gxtrack.output.formats import format_number
from gxtrack.output.view import Column
from gxtrack.reports.common import NameRef, PlanRef, StatusCounts


def name_column(min_width: int = 16, heading: str = "column.indicator") -> Column:
    """A name in the interface's language (the Chinese one as fallback)."""
    if current_language() == "en":
        return Column("name_en", heading, min_width=min_width, fallback="name")
    return Column("name", heading, min_width=min_width)


def plan_title(plan: PlanRef) -> str:
    """The plan's title in the interface's language (the Chinese one as fallback)."""
    return plan.title_en or plan.title if current_language() == "en" else plan.title


def for_unit(title: str, unit: NameRef | None) -> str:
    """A title, and the unit's name after it for a unit's report."""
    return title if unit is None else f"{title} — {local_name(unit)}"


def area_title(area: NameRef) -> str:
    return f"{area.code}  {local_name(area)}"


def summary_line(counts: StatusCounts) -> str:
    """The counts in words: "3 goals: on track 2, behind 1" (empty statuses left out)."""
    parts = [
        t("summary.part", status=t(f"status.{word}"), count=n) for word, n in counts.items() if n
    ]
    total = sum(counts.values())
    if not total:
        return t("summary.no_goals")
    key = "summary.one_goal" if total == 1 else "summary.goals"
    return t(key, total=total, parts=t("summary.separator").join(parts))


def quality_text(year: int, note: QualityNote) -> str:
    """A data-quality note as a sentence."""
    return t(
        "quality.note",
        code=note.code,
        month=month_label(year, note.month),
        city=format_number(note.city),
        units=format_number(note.units_sum),
    )
