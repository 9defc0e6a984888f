"""The monthly progress report (月度进展通报) as one self-contained HTML file.

No network, no script: inline CSS and SVG only, so it opens from a USB stick or an e-mail
attachment, and prints on A4 with every chart whole. Charts are drawn by `charts.py`.

Every context text is written into is escaped for it: HTML text and attributes by the
template engine (Jinja2 with autoescape), CSS strings by `css_string`, SVG attributes by
`charts.py`. Before that, control and bidi characters in names and notes are shown as
visible escapes (`document_safe`), so a note cannot reorder or hide what is read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

from gxtrack import __version__
from gxtrack.i18n import current_language, local_name, t
from gxtrack.i18n.safe_text import document_safe
from gxtrack.model.months import MONTHS_IN_YEAR, month_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.progress import Progress, expected_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import city_values, unit_values
from gxtrack.model.terms import Combine, Comparator, Kind, ScheduleKind
from gxtrack.output.formats import format_number
from gxtrack.output.goals import change_text, goal_text, is_cap, period_text, up_or_down
from gxtrack.output.html import charts
from gxtrack.output.present.common import quality_text
from gxtrack.reports.common import (
    count_statuses,
    expected_shown,
    goal_in_force,
    goal_progress,
    quality_notes,
)
from gxtrack.reports.gaps import GapRow, GapsReport, gaps_report
from gxtrack.reports.units import Mark, matrix_report

SHAPES = {
    "achieved": "✓",
    "on_track": "●",
    "at_risk": "▲",
    "behind": "✖",
    "missed": "✖",
    "no_data": "○",
}


def _unit(indicator: Indicator) -> str:
    """The unit as written after a number: 55家, 11%, 55 家 in an English sentence."""
    if not indicator.unit:
        return ""
    if indicator.unit == "%" or current_language() == "zh":
        return indicator.unit
    return f" {indicator.unit}"


def words(progress: Progress) -> str:
    """The indicator's state in one sentence ("完成 55 家，目标 100 家，序时进度 50 家")."""
    indicator = progress.indicator
    unit = _unit(indicator)
    actual, goal, expected = progress.actual, indicator.goal, expected_shown(progress)
    if indicator.kind is Kind.MILESTONE:
        if actual:
            return t("html.words.done")
        return t("html.words.not_done", month=indicator.effective_due_month)
    if indicator.schedule_kind is ScheduleKind.FLAT:
        return _flat_words(progress)
    if actual is None and expected is None:  # before its first publication month
        return t("html.words.flat_no_data", goal=_goal_words(progress, unit))
    if actual is None:
        return t(
            "html.words.count_no_data",
            goal=format_number(goal),
            unit=unit,
            expected=format_number(expected),
        )
    return t(
        "html.words.count",
        actual=format_number(actual),
        goal=_goal_words(progress, unit),
        unit=unit,
        expected=format_number(expected),
    ) + _extras(progress)


def _flat_words(progress: Progress) -> str:
    """A goal judged as it stands (a rate, a cap, a level such as grain output):
    "实际 5.4%，目标 5.5%以内，低于上限 0.1 个百分点"; a decrease and a unit other than %
    in their own words ("实际下降2.6%", "实际 151.2万吨，目标 152万吨，低于目标 0.8万吨")."""
    indicator = progress.indicator
    unit = _unit(indicator)
    actual, goal = progress.actual, indicator.goal
    if actual is None:
        return t("html.words.flat_no_data", goal=_goal_words(progress, unit))
    gap = progress.shortfall_to_goal or Decimal(0)
    side = t("html.words.short") if gap > 0 else t("html.words.over")
    if gap <= 0 and indicator.comparator is Comparator.AT_MOST:
        # Under a cap, or down by more than asked: not "over".
        side = t("html.words.under_cap" if goal >= 0 else "html.words.beyond")
    if indicator.unit == "%" and goal >= 0:
        return t(
            "html.words.rate",
            actual=format_number(actual),
            goal=_goal_words(progress, "%"),
            gap=format_number(abs(gap)),
            side=side,
        ) + _extras(progress)
    return t(
        "html.words.level",
        actual=_amount_words(indicator, actual),
        goal=_goal_words(progress, unit),
        gap=_gap_words(indicator, abs(gap)),
        side=side,
    ) + _extras(progress)


def _amount_words(indicator: Indicator, value: Decimal) -> str:
    """A figure with its unit; under a decrease goal, which way it went (下降2.6%)."""
    unit = _unit(indicator)
    if indicator.goal < 0 and value != 0:
        return up_or_down(value, lambda size: f"{format_number(size)}{unit}")
    return f"{format_number(value)}{unit}"


def _gap_words(indicator: Indicator, gap: Decimal) -> str:
    """A distance in the goal's terms: percentage points for a percent, else its unit."""
    if indicator.unit == "%":
        return t("html.words.points", gap=format_number(gap))
    return f"{format_number(gap)}{_unit(indicator)}"


def _goal_words(progress: Progress, unit: str = "") -> str:
    """The goal as the source writes it (以内, 下降…以上, 左右, 力争), `unit` after
    each number; a relative goal as the other's figure in force ("不低于 1.1 的 5%")."""
    indicator = progress.indicator
    row = {
        "goal": goal_in_force(progress),
        "comparator": indicator.comparator.value,
        "tolerance": indicator.tolerance,
        "stretch_goal": indicator.stretch_goal,
        "goal_from": indicator.goal_from,
        "goal_offset": indicator.goal_offset,
    }
    return goal_text(row, unit)


def _extras(progress: Progress) -> str:
    """The period a figure is for, and 同比, after the sentence."""
    row = {
        "frequency": progress.indicator.frequency.value,
        "period": None if progress.period is None else f"0000-{progress.period:02d}",
        "latest_month": None
        if progress.latest_month is None
        else f"0000-{progress.latest_month:02d}",
        "pending": progress.pending,
        "actual": progress.actual,
        "kind": progress.indicator.kind.value,
        "change_vs_previous": progress.change_vs_previous,
    }
    parts = [period_text(row)] if period_text(row) else []
    if progress.change_vs_previous is not None:
        parts.append(t("html.words.vs_previous", change=change_text(row)))
    return t("html.words.extras", parts=t("summary.separator").join(parts)) if parts else ""


def _trend_values(
    indicator: Indicator, monthly: dict[int, Decimal], month: int
) -> list[Decimal | None]:
    """The actual to date at the end of each month up to `month` (None after, or before
    the first figure)."""
    points: list[Decimal | None] = []
    running = Decimal(0)
    latest: Decimal | None = None
    for m in range(1, MONTHS_IN_YEAR + 1):
        if m > month:
            points.append(None)
            continue
        if m in monthly:
            running += monthly[m]
            latest = monthly[m]
        if indicator.combine is Combine.SUM:
            seen = any(k <= m for k in monthly)
            points.append(running if seen else None)
        else:
            points.append(latest)
    return points


def report_context(
    plan: Plan, ledger: Ledger, month: int, data_name: str, unit: str | None = None
) -> dict[str, object]:
    """Everything the template shows, as plain values and ready-made SVG.

    With `unit`, the report is one reporting unit's: the indicators it has goals for,
    against those goals, with its own figures.
    """
    if unit is not None:
        unit = plan.unit(unit).code
    progresses = goal_progress(plan, ledger, month, unit)
    totals = count_statuses([p.status for p in progresses])
    title = _title(plan, unit)
    as_of = month_label(plan.year, month)
    return {
        "matrix": _unit_matrix(plan, ledger, month) if unit is None else None,
        "running_head": f"{title} · {t('html.kind')} · {as_of}",
        "running_foot": f"{title} · {as_of}",
        "lang": "zh-CN" if current_language() == "zh" else "en",
        "title": title,
        "kind": t("html.kind"),
        "as_of": t(
            "html.as_of",
            month=as_of,
            number=month,
            percent=round(month * 100 / MONTHS_IN_YEAR),
        ),
        "month": as_of,
        "totals": [{**_status_words(s), "count": n} for s, n in totals.items()],
        "statuses": [_status_words(s) for s in totals],
        "areas": _areas(plan, ledger, month, unit, progresses),
        "gaps": _gaps(plan, gaps_report(plan, ledger, month, unit=unit)),
        "notes": _notes(plan, ledger, month, unit),
        "quality": _quality(plan, ledger, month) if unit is None else [],
        "t": {key: t(f"html.{key}") for key in _TEMPLATE_WORDS},
        # The 力争 mark explained where a bar shows one.
        "legend_stretch": t("html.legend_stretch")
        if any(p.indicator.stretch_goal is not None for p in progresses)
        else "",
        "generated": t("html.generated", version=__version__, data=data_name),
    }


# The template's fixed words, each the message `html.<word>`.
_TEMPLATE_WORDS = (
    "summary",
    "goals",
    "by_area",
    "area",
    "total",
    "gaps",
    "no_gaps",
    "notes",
    "no_notes",
    "quality",
    "legend",
    "stretch",
    "units",
    "units_legend",
)


def _title(plan: Plan, unit: str | None) -> str:
    """The plan's title in the interface's language, and the unit's name for its report."""
    info = plan.plan
    title = info.title_en or info.title if current_language() == "en" else info.title
    return title if unit is None else f"{title} — {local_name(plan.unit(unit))}"


def _status_words(status: str) -> dict[str, str]:
    return {"status": status, "word": t(f"status.{status}"), "shape": SHAPES[status]}


def _areas(
    plan: Plan, ledger: Ledger, month: int, unit: str | None, progresses: list[Progress]
) -> list[dict[str, object]]:
    """Each area with goals shown: its indicators' cards and how many are in each status."""
    by_code = {p.indicator.code: p for p in progresses}
    areas: list[dict[str, object]] = []
    for area in plan.areas:
        shown = [by_code[i.code] for i in plan.indicators_in(area.code) if i.code in by_code]
        if not shown:
            continue
        areas.append(
            {
                "code": area.code,
                "name": local_name(area),
                "items": [_card(plan, ledger, month, unit, p) for p in shown],
                "counts": count_statuses([p.status for p in shown]),
            }
        )
    return areas


def _card(
    plan: Plan, ledger: Ledger, month: int, unit: str | None, progress: Progress
) -> dict[str, object]:
    """One indicator: its status, its state in words, its bar and its trend chart."""
    split = progress.indicator  # for a unit: its own goal
    indicator = plan.indicator(split.code)
    status = progress.status.value
    label = f"{indicator.code} {local_name(indicator)}"
    if unit is None:
        monthly = city_values(plan, ledger, indicator)[0]
    else:
        monthly = unit_values(plan, ledger, indicator, unit)
    schedule = [expected_to_date(split, m) for m in range(1, MONTHS_IN_YEAR + 1)]
    trend = _trend_values(indicator, monthly, month)
    return {
        "code": indicator.code,
        "name": local_name(indicator),
        "stretch": indicator.stretch,
        "status": status,
        "status_word": _status_word(progress),
        "shape": SHAPES[status],
        "words": words(progress),
        "bar": _bar(progress, status, label),
        "trend": charts.trend(trend, schedule, status, label=label),
    }


def _status_word(progress: Progress) -> str:
    """The badge's word: 基本完成 / 基本正常 where the tolerance (左右) made the difference."""
    status = progress.status.value
    if progress.within_tolerance and status in ("achieved", "on_track"):
        return t(f"status.{status}_within")
    return t(f"status.{status}")


def _bar(progress: Progress, status: str, label: str) -> str:
    """The bar; a decrease (下降2.5%以上) drawn by its size, so going down fills it."""
    split = progress.indicator
    goal, actual, stretch = split.goal, progress.actual, split.stretch_goal
    # The reports' rule: no schedule mark before a non-monthly first publication month.
    expected = expected_shown(progress)
    if goal < 0:
        goal, actual, expected = -goal, _negated(actual), _negated(expected)
        stretch = _negated(stretch)
    return charts.progress_bar(
        actual,
        goal,
        expected,
        status,
        label=label,
        stretch=stretch,
        cap=is_cap(split.goal, split.comparator.value),
    )


def _negated(value: Decimal | None) -> Decimal | None:
    return None if value is None else -value


def _gaps(plan: Plan, report: GapsReport) -> list[dict[str, str]]:
    """What is behind or at risk, worst first, each in a sentence."""
    return [
        {
            "status": row["status"],
            "status_word": t(f"status.{row['status']}"),
            "shape": SHAPES[row["status"]],
            "line": _gap_line(plan.indicator(row["code"]), row),
        }
        for row in report.lagging
        if row["status"] is not None
    ]


def _gap_line(indicator: Indicator, row: GapRow) -> str:
    """A rate: how far from its goal; a count: against schedule, and the pace needed."""
    name = local_name(indicator)
    if row["status"] == "missed":
        return t(
            "html.gap_line_missed",
            code=row["code"],
            name=name,
            actual=f"{format_number(row['actual'])}{_unit(indicator)}",
            goal=goal_text(row, _unit(indicator).strip()),
            gap=f"{format_number(row['shortfall_to_goal'])}{_unit(indicator)}",
        )
    if indicator.schedule_kind is ScheduleKind.FLAT and not _plain_percent(indicator):
        return t(
            "html.gap_line_flat",
            code=row["code"],
            name=name,
            actual=_amount_words(indicator, row["actual"] or Decimal(0)),
            goal=goal_text(row, _unit(indicator)),
            gap=_gap_words(indicator, row["shortfall_to_goal"] or Decimal(0)),
        )
    if indicator.schedule_kind is ScheduleKind.FLAT:
        return t(
            "html.gap_line_rate",
            code=row["code"],
            name=name,
            actual=format_number(row["actual"]),
            goal=format_number(row["goal"]),
            gap=format_number(row["shortfall_to_goal"]),
        )
    measure = _unit(indicator)
    return t(
        "html.gap_line",
        code=row["code"],
        name=name,
        actual=f"{format_number(row['actual'])}{measure}",
        expected=f"{format_number(row['expected'])}{measure}",
        gap=f"{format_number(row['shortfall_to_schedule'])}{measure}",
        pace=f"{format_number(row['pace_needed'])}{measure}",
    )


def _plain_percent(indicator: Indicator) -> bool:
    """A percent to reach, written as a bare number (7%): the words need no 以内 or 下降."""
    return (
        indicator.unit == "%"
        and indicator.goal >= 0
        and indicator.comparator is Comparator.AT_LEAST
        and not indicator.tolerance
        and indicator.stretch_goal is None
    )


def _notes(plan: Plan, ledger: Ledger, as_of: int, unit: str | None) -> list[dict[str, str]]:
    """The notes up to `as_of`, by month and code: those on values in force and those
    of note-only records (beside the value in force, if any, else a dash); a unit's
    report carries its own notes and those of the parks within it."""
    family = _within(plan, unit) if unit is not None else set()
    found: list[tuple[str, str | None, int, str, str]] = [
        (code, record_unit, month, format_number(value), note)
        for (code, record_unit), series in ledger.in_force.items()
        for month, (value, note) in series.items()
        if note
    ]
    for (code, record_unit), months in ledger.notes.items():
        for month, note in months.items():
            standing = ledger.value_in_force(code, month, record_unit)
            value = "—" if standing is None else format_number(standing.value)
            found.append((code, record_unit, month, value, note))
    notes = [
        {
            "month": month_label(plan.year, month),
            "code": code,
            "name": local_name(plan.indicator(code)),
            "unit": local_name(plan.unit(record_unit)) if record_unit else "",
            "value": value,
            "note": note,
        }
        for code, record_unit, month, value, note in found
        if month <= as_of and (unit is None or record_unit in family)
    ]
    notes.sort(key=lambda n: (n["month"], n["code"]))
    return notes


def _quality(plan: Plan, ledger: Ledger, month: int) -> list[str]:
    return [quality_text(plan.year, note) for note in quality_notes(plan, ledger, month)]


# Characters a CSS string cannot hold as they are: its quotes and the backslash, `<`, `>`
# and `&` (so `</style>` cannot close the element, whatever the parser), and every
# control character: a line feed, carriage return or form feed would end the string.
_CSS_ESCAPED = re.compile(r"[\"'\\<>&\x00-\x1f\x7f-\x9f\u2028\u2029]")


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a <style> element; a CSS parser reads
    it back as exactly `text` (after `document_safe`).

    Each such character is a hex escape ended by a space (`\\22 ` for `"`), which the
    parser consumes, so a digit or a space after it stays text.
    """
    from markupsafe import Markup

    shown = document_safe(str(text))
    escaped = _CSS_ESCAPED.sub(lambda match: f"\\{ord(match.group()):x} ", shown)
    return Markup(f'"{escaped}"')


def _finalize(value: object) -> object:
    """What `{{ … }}` writes, before autoescape: text with its controls shown escaped.

    Markup (a CSS string, an SVG chart) is already made safe for its context.
    """
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return document_safe(value)
    return value


def _within(plan: Plan, unit: str) -> set[str]:
    """A unit and every unit inside it."""
    inside = {unit}
    for child in plan.children(unit):
        inside |= _within(plan, child.code)
    return inside


def _unit_matrix(plan: Plan, ledger: Ledger, month: int) -> dict[str, object] | None:
    """Units x indicators split among them, each cell a status shape; None for a plan
    without units, or without unit goals and figures."""
    if not plan.units:
        return None
    report = matrix_report(plan, ledger, month)
    if not any(mark for row in report.rows for mark in row.marks.values()):
        return None
    rows = [
        {
            "name": local_name(row),
            "cells": [
                {"status": mark or "", "shape": _mark_shape(mark)}
                for mark in (row.marks[code] for code in report.indicators)
            ],
        }
        for row in report.rows
    ]
    return {"codes": report.indicators, "rows": rows}


def _mark_shape(mark: Mark) -> str:
    """A status's shape; a dot for figures without a goal; nothing where neither."""
    if mark is None:
        return ""
    return "·" if mark == "data" else SHAPES[mark]


def render_report(
    plan: Plan, ledger: Ledger, month: int, data_name: str, unit: str | None = None
) -> str:
    """The report's HTML text."""
    from importlib.resources import files

    from jinja2 import Environment, StrictUndefined

    environment = Environment(
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    source = files("gxtrack.output.html").joinpath("templates/report.html").read_text("utf-8")
    template = environment.from_string(source)
    return template.render(**report_context(plan, ledger, month, data_name, unit))
