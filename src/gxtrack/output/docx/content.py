"""The monthly bulletin (通报) in words: every heading, sentence and table cell, worded
from the typed report rows (`reports.status`, `reports.gaps`), before any Word file.

Nothing here imports python-docx: the content can be read and tested on its own, and
`document.py` lays it out. Each count sentence walks the report's status counts in
their order, so a status the model adds later is counted with its own words (the
message `docx.count.<status>`, else the status word).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from gxtrack import __version__
from gxtrack.i18n import MESSAGES, current_language, local_name, t
from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger
from gxtrack.model.terms import Kind, ScheduleKind
from gxtrack.output.cells import cell_text, status_word
from gxtrack.output.formats import format_number, with_unit
from gxtrack.output.goals import attainment_text, figure_text, goal_text, is_cap, period_text
from gxtrack.output.present.common import quality_text
from gxtrack.output.present.status import status_columns
from gxtrack.output.view import Column
from gxtrack.reports.common import StatusCounts
from gxtrack.reports.gaps import GapRow, gaps_report
from gxtrack.reports.status import StatusReport, StatusRow, status_report

# What Word cannot hold or a reader must not be shown: C0 controls (XML 1.0 forbids
# them), DEL and C1 controls, bidi marks and overrides (they reorder what leadership
# reads), lone surrogates. A line break or tab in a name or note becomes a space.
_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_SPACED = re.compile(r"\r\n|[\t\n\r\u2028\u2029]")


def clean(text: str) -> str:
    """Text from a plan or data file as it may stand in the document: controls removed."""
    return _REMOVED.sub("", _SPACED.sub(" ", text))


@dataclass(frozen=True)
class AreaChart:
    """The chart's data: per area, how many goals are in each status."""

    areas: list[str]
    counts: list[StatusCounts]
    words: dict[str, str]  # status -> its word in the legend
    codes: list[str]  # each area's code: the chart's labels when no Chinese font is found


@dataclass(frozen=True)
class Bulletin:
    """Everything the document says, in reading order, already in the interface language."""

    language: str
    title: str
    period: str
    date_line: str
    summary_heading: str
    summary: str
    chart: AreaChart
    chart_caption: str
    areas: list[tuple[str, str]]  # (heading, paragraph)
    table_heading: str
    table_caption: str
    header: list[str]
    rows: list[list[str]]  # a row of one cell is an area's name across the table
    row_status: list[str | None]  # each row's status (None for an area's row): its colour
    attention_heading: str
    attention: list[str]
    notes_heading: str
    notes: list[str]
    generated: str
    page: tuple[str, str] = field(default=("", ""))  # the text around the page number


def bulletin(
    plan: Plan,
    ledger: Ledger,
    month: int,
    *,
    data_name: str,
    issued: date,
    unit: str | None = None,
) -> Bulletin:
    """The bulletin for the city (or one unit, against its own goals) at `month`."""
    status = status_report(plan, ledger, month, unit=unit)
    gaps = gaps_report(plan, ledger, month, unit=unit)
    before, _, after = t("docx.page", page="\0").partition("\0")
    table = _table_rows(status)
    return Bulletin(
        language=current_language(),
        title=_title(plan, status),
        period=t("docx.period", year=plan.year, name=_month_name(month)),
        date_line=t("docx.date_line", date=_date(issued), month=_month_name(month)),
        summary_heading=t("docx.h.summary"),
        summary=_summary(status, month),
        chart=AreaChart(
            areas=[local_name(a.area) for a in status.areas],
            counts=[a.counts for a in status.areas],
            words={s: t(f"status.{s}") for s in status.totals},
            codes=[a.area.code for a in status.areas],
        ),
        chart_caption=t("docx.chart_caption"),
        areas=[
            (_area_heading(i, local_name(a.area)), _area_paragraph(plan, a.counts, a.rows))
            for i, a in enumerate(status.areas, start=1)
        ],
        table_heading=t("docx.h.table"),
        table_caption=t("docx.table_caption", name=_month_name(month)),
        header=[t(c.header) for c in _columns(status)],
        rows=[cells for cells, _ in table],
        row_status=[row_status for _, row_status in table],
        attention_heading=t("docx.h.attention"),
        attention=_attention(plan, gaps.lagging) or [t("html.no_gaps")],
        notes_heading=t("docx.h.notes"),
        notes=_notes(plan, ledger, month, unit, status) or [t("html.no_notes")],
        generated=t("html.generated", version=__version__, data=clean(data_name)),
        page=(before, after),
    )


# The terminal status table's columns the document shows (not 序时完成率, 同比, the bar),
# worded by the same cells: goal as the source writes it, a cap's headroom, the period.
_HEADERS = (
    "column.code",
    "column.indicator",
    "column.actual",
    "column.goal",
    "column.unit",
    "column.expected",
    "column.goal_pct",
    "column.status",
)


def _title(plan: Plan, report: StatusReport) -> str:
    info = plan.plan
    title = info.title_en or info.title if current_language() == "en" else info.title
    if report.unit is not None:
        title = t("docx.unit_title", plan=title, unit=local_name(report.unit))
    return t("docx.title", plan=clean(title))  # its line break is the catalogue's


def _month_name(month: int) -> str:
    return t("docx.months").split()[month - 1]


def _date(day: date) -> str:
    return t("docx.date", year=day.year, month=_month_name(day.month), day=day.day)


def _name(row: StatusRow | GapRow) -> str:
    english = current_language() == "en" and row["name_en"]
    return clean(row["name_en"] if english and row["name_en"] else row["name"])


def _status_phrase(status: str) -> str:
    """How the bulletin counts a status ("序时推进"), else the status word itself."""
    key = f"docx.count.{status}"
    return t(key) if key in MESSAGES else t(f"status.{status}")


def _parts(counts: Mapping[str, int], rows: list[StatusRow]) -> str:
    """ "已完成1项，序时推进10项（其中基本正常1项）" / "1 achieved, 10 on track (1 within
    tolerance) and 4 behind": non-zero only; the goals met only by their 左右 said too."""
    parts = []
    for status, count in counts.items():
        if not count:
            continue
        part = t("docx.part", status=_status_phrase(status), count=count)
        within = sum(1 for r in rows if r["status"] == status and r["within_tolerance"])
        if within and status in ("achieved", "on_track"):
            part += t(f"docx.within_part.{status}", count=within)
        parts.append(part)
    if len(parts) < 2:
        return "".join(parts)
    head = t("summary.separator").join(parts[:-1])
    return f"{head}{t('docx.last_separator')}{parts[-1]}"


def _summary(report: StatusReport, month: int) -> str:
    """The counts, then the goals judged on an earlier figure while the latest is due."""
    total = sum(report.totals.values())
    parts = _parts(report.totals, report.rows)
    text = t("docx.summary", name=_month_name(month), total=total, parts=parts)
    pending = [r for r in report.rows if _is_pending(r)]
    if pending:
        items = t("list.separator").join(
            t("docx.item_period", name=_name(r), period=period_text({**r, "pending": False}))
            for r in pending
        )
        text += t("docx.pending", items=items)
    return text


def _is_pending(row: StatusRow | GapRow) -> bool:
    """Marked 待更新 in the status table: judged on an earlier figure, the latest due."""
    return period_text(row) != period_text({**row, "pending": False})


_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (areas are few)."""
    tens, ones = divmod(number, 10)
    if number < 10:
        return _CHINESE_DIGITS[number]
    head = "" if tens == 1 else _CHINESE_DIGITS[tens]
    return f"{head}十{_CHINESE_DIGITS[ones] if ones else ''}"


def _area_heading(index: int, name: str) -> str:
    number = chinese_ordinal(index) if current_language() == "zh" else str(index)
    return t("docx.area_heading", number=number, name=clean(name))


def _area_paragraph(plan: Plan, counts: StatusCounts, rows: list[StatusRow]) -> str:
    """The area's counts, then which goals stand where, by the status word the table
    shows (基本正常 and 基本完成 apart); plainly on-track goals are not named."""
    total = sum(counts.values())
    sentences = [t("docx.area_summary", total=total, parts=_parts(counts, rows))] if total else []
    for status in counts:
        for within in (False, True):
            named = [r for r in rows if r["status"] == status and r["within_tolerance"] is within]
            if not named or (status == "on_track" and not within):
                continue
            word = status_word(status, named[0]) if within else _status_phrase(status)
            items = t("list.separator").join(_item(plan, r) for r in named)
            sentences.append(_capitalised(t("docx.area_list", status=word, items=items)))
    return "".join(sentences)  # an English sentence brings its own leading space


def _capitalised(sentence: str) -> str:
    """ "At risk: …" in English: the first letter upper case (Chinese has none)."""
    for index, char in enumerate(sentence):
        if char.isalpha():
            return sentence[:index] + char.upper() + sentence[index + 1 :]
    return sentence


def _unit(row: StatusRow | GapRow) -> str:
    """The unit as it follows a number in a sentence: "55家", "55 家" in English, "7.2%"."""
    return with_unit("", clean(row["unit"]))


def _period(row: StatusRow | GapRow) -> str:
    """The figure's period where it is not the as-of month ("2季度，"), as the table's."""
    period = period_text(row)
    return f"{period}{t('summary.separator')}" if period else ""


def _item(plan: Plan, row: StatusRow) -> str:
    """A goal named with its figure and period, worded as the status table words it:
    "重点项目开工（2季度，完成70个，序时进度72个）", "居民消费价格涨幅（实际0.6%，目标3%左右，
    余2.4）", "单位地区生产总值能耗下降（实际下降2.6%，目标下降2.5%以上）"."""
    unit, name = _unit(row), _name(row)
    if row["kind"] == Kind.MILESTONE.value:
        return t("docx.item_plain", name=name)
    goal = goal_text(row, unit)
    if row["actual"] is None:
        return t("docx.item_no_data", name=name, goal=goal)
    figures = {"name": name, "period": _period(row), "goal": goal}
    actual = figure_text(row, row["actual"], unit)
    if plan.indicator(row["code"]).schedule_kind is ScheduleKind.FLAT:
        if is_cap(row["goal"], row["comparator"]):
            return t("docx.item_cap", **figures, actual=actual, headroom=attainment_text(row))
        return t("docx.item_rate", **figures, actual=actual)
    if row["status"] == "missed":
        return t("docx.item_missed", **figures, actual=actual)
    expected = figure_text(row, row["expected"], unit)
    return t("docx.item", **figures, actual=actual, expected=expected)


def _columns(report: StatusReport) -> list[Column]:
    columns = {c.header: c for c in status_columns(report.rows) if c.header in _HEADERS}
    return [columns[header] for header in _HEADERS]


def _table_rows(report: StatusReport) -> list[tuple[list[str], str | None]]:
    """Each row's cells as the terminal's status table words them, and its status."""
    columns = _columns(report)
    rows: list[tuple[list[str], str | None]] = []
    for area in report.areas:
        rows.append(([clean(f"{area.area.code}  {local_name(area.area)}")], None))
        for row in area.rows:
            cells = [clean(_cell(column, row)) for column in columns]
            if row["stretch"]:  # a goal that is itself aspirational, as `plan` marks it
                cells[1] += t("goal.stretch")
            rows.append((cells, row["status"]))
    return rows


def _cell(column: Column, row: StatusRow) -> str:
    """A figure with its period in brackets, `1（5月）` (`1 5月` reads as 15月); a
    milestone's figure and goal read 完成 / 未完成 (with the month it was done)."""
    milestone = row["kind"] == Kind.MILESTONE.value
    if column.key not in ("actual", "goal") or (column.key == "goal" and not milestone):
        return cell_text(column, row)
    value = row["actual"] if column.key == "actual" else row["goal"]
    if milestone and value is not None:
        figure = t("goal.done") if value else t("docx.not_done")
    else:
        figure = format_number(value)
    period = period_text(row) if column.key == "actual" and value is not None else ""
    return t("docx.figure_period", figure=figure, period=period) if period else figure


def _attention(plan: Plan, rows: list[GapRow]) -> list[str]:
    """What lags, worst first: each a numbered sentence with the shortfall, the pace
    still needed, and last year's figure where the plan has one."""
    lines = []
    for number, row in enumerate(rows, start=1):
        status = row["status"]
        if status is None:
            continue
        period = period_text(row)
        word = status_word(status, row)
        head = t(
            "docx.attention_head",
            number=number,
            code=row["code"],
            name=_name(row),
            status=f"{word}{t('summary.separator')}{period}" if period else word,
        )
        milestone = plan.indicator(row["code"]).kind is Kind.MILESTONE
        shortfall = t("docx.short_milestone") if milestone else _shortfall(row)
        lines.append(head + shortfall + _baseline(row, plan.plan.baseline_year))
    return lines


def _shortfall(row: GapRow) -> str:
    """A rate against its goal as the source writes it (over a cap, short of a
    decrease); a count against the schedule and the pace still needed, or, once the
    year is over for it, against the goal."""
    unit, goal = _unit(row), goal_text(row, _unit(row))
    actual = figure_text(row, row["actual"], unit)
    if row["gap_unit"] == "pp":
        key = "docx.short_cap" if is_cap(row["goal"], row["comparator"]) else "docx.short_rate"
        return t(key, actual=actual, goal=goal, gap=format_number(row["shortfall_to_goal"]))
    if row["status"] == "missed":
        gap = with_unit(format_number(row["shortfall_to_goal"]), clean(row["unit"]))
        return t("docx.short_missed", actual=actual, goal=goal, gap=gap)
    text = t(
        "docx.short_count",
        actual=actual,
        expected=figure_text(row, row["expected"], unit),
        gap=with_unit(format_number(row["shortfall_to_schedule"]), clean(row["unit"])),
    )
    if row["pace_needed"] is not None and row["months_remaining"] > 0:
        text += t(
            "docx.pace",
            left=row["months_remaining"],
            pace=with_unit(format_number(row["pace_needed"]), clean(row["unit"])),
            goal=goal,
        )
    return text + t("docx.full_stop")


def _baseline(row: GapRow, year: int | None) -> str:
    if row["baseline"] is None:
        return ""
    unit = "%" if row["gap_unit"] == "pp" else row["unit"]
    value = with_unit(format_number(row["baseline"]), clean(unit))
    if year is None:
        return t("docx.baseline_last_year", value=value)
    return t("docx.baseline", year=year, value=value)


def _notes(
    plan: Plan, ledger: Ledger, as_of: int, unit: str | None, report: StatusReport
) -> list[str]:
    """The notes on values in force up to `as_of`, by month and code (a unit's report:
    its own and those of the units inside it), then the data-quality notes."""
    family = _within(plan, unit) if unit is not None else None
    found = sorted(
        (month, code, record_unit or "", note)
        for (code, record_unit), series in ledger.in_force.items()
        for month, (_value, note) in series.items()
        if note and month <= as_of and (family is None or record_unit in family)
    )
    lines = []
    for month, code, record_unit, note in found:
        who = t("docx.note_unit", unit=local_name(plan.unit(record_unit))) if record_unit else ""
        lines.append(
            t(
                "docx.note",
                month=_month_name(month),
                code=code,
                name=clean(local_name(plan.indicator(code))),
                unit=clean(who),
                note=clean(note),
            )
        )
    lines += [clean(quality_text(plan.year, q)) for q in report.quality]
    return lines


def _within(plan: Plan, unit: str) -> set[str]:
    inside = {plan.unit(unit).code}
    for child in plan.children(unit):
        inside |= _within(plan, child.code)
    return inside
