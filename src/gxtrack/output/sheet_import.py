"""A filled-in sheet read the way departments fill it: the header and the rows under it.

The header is found by content: within the first rows of every sheet, the first row
naming a code column and a value column, in either language and in the words
departments use (数值, 本月数, 本月完成, 7月数值, 1—7月累计 …). Title and note rows above it
are skipped. A value header saying 累计 means year-to-date totals (as `--ytd`); one
naming a month (7月数值) gives the month of rows that have none. When several sheets
look like fill-in sheets, the user names one (`--sheet`).

Every refusal names the cell as a spreadsheet user counts it: `填报!E7`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import MESSAGES, t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.periods import parse_period_label
from gxtrack.model.recording import Entry
from gxtrack.output.sheet_cells import Cell, Kind, Merge, Sheet

HEADER_SEARCH_ROWS = 20  # a title, a subtitle, a note or two: the header is near the top
IMPORT_KEYS = ("month", "reporting_unit", "code", "value", "note")

# Words for each column, compared without spaces and case. The interface's own headers
# (field.*) are added from the catalogue, in both languages.
_WORDS = {
    "code": ("code", "代码", "指标代码", "编码", "指标编码", "指标编号"),
    "value": (
        "value",
        "数值",
        "数据",
        "完成值",
        "完成数",
        "本月",
        "本月数",
        "本月值",
        "本月数值",
        "本月完成",
        "本月完成数",
        "本月实际",
        "实际完成",
        "当月",
        "当月数",
        "当月完成",
    ),
    "note": ("note", "notes", "remark", "remarks", "备注", "说明", "情况说明", "备注说明"),
    "month": ("month", "月份", "填报月份", "所属月份", "统计月份"),
    "reporting_unit": ("unit code", "单位代码", "填报单位代码"),
}
# 7月数值, 2024年7月完成, 7月: the month's own value, naming the month.
_MONTH_VALUE = re.compile(
    r"^(?:\d{4}年)?(?P<month>1[0-2]|0?[1-9])月(?:份)?(?:数值|数据|完成|完成值|完成数|数|值|实际)?$"
)
# 1—7月累计, 1-7月累计完成, 累计数, 累计完成, 年累计: year-to-date totals.
_YEAR_TO_DATE = re.compile(
    r"^(?:(?:\d{4}年)?(?:1月?[-—–~至到])?(?P<month>1[0-2]|0?[1-9])月)?(?:份)?"
    r"(?:年初至今|本年|年)?累计(?:数|值|完成|完成值|完成数|数值)?$"
    r"|^(?:ytd|year-to-date|yeartodate)(?:value)?$"
)


@functools.cache
def _words() -> dict[str, str]:
    names = {}
    for key, words in _WORDS.items():
        english, chinese = MESSAGES[f"field.{key}"]
        for word in (*words, english, chinese):
            names[_squeeze(word)] = key
    return names


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def column_of(text: str) -> tuple[str, int | None, bool] | None:
    """What a header cell names: (column key, a month in it, year-to-date), or None."""
    word = _squeeze(text)
    key = _words().get(word)
    if key is not None:
        return key, None, False
    found = _MONTH_VALUE.match(word)
    if found:
        return "value", int(found.group("month")), False
    found = _YEAR_TO_DATE.match(word)
    if found:
        month = found.group("month")
        return "value", int(month) if month else None, True
    # 1—3月, 1-3月, 一季度, 上半年, 前三季度, 全年, 2024年1—3月, 6月末: as releases head them.
    label = parse_period_label(text)
    if label is not None and label.basis != "quarter":
        return "value", label.closing_month, label.is_year_to_date
    return None


def column_letters(column: int) -> str:
    """A column from 0 as a spreadsheet names it: 0 → A, 26 → AA."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """`填报!E7`, quoting the sheet's name as Excel does when it holds spaces or signs."""
    name = terminal_safe(sheet)
    if not all(char.isalnum() or char == "_" for char in sheet):
        name = "'" + name.replace("'", "''") + "'"
    return f"{name}!{column_letters(column)}{row}"


def range_name(sheet: str, merge: Merge) -> str:
    """`填报!D5:D6`: a merged range as a spreadsheet user names it."""
    last = f"{column_letters(merge.last_column)}{merge.last_row}"
    return f"{cell_name(sheet, merge.first_row, merge.first_column)}:{last}"


@dataclass
class Header:
    """Where the header is, and what it says."""

    sheet: Sheet
    row: int
    columns: dict[str, int]
    ytd: bool = False
    month: int | None = None  # named in the value header (7月数值)
    value_header: str = ""

    def cell(self, row: int, key: str) -> str:
        return cell_name(self.sheet.name, row, self.columns[key])


def _header_in(sheet: Sheet) -> Header | None:
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        if number > HEADER_SEARCH_ROWS * 3:
            break
        columns: dict[str, int] = {}
        # The first single-month value column and the first year-to-date one (当月 and 累计):
        # a release gives both; neither is picked silently over the other.
        values: dict[bool, tuple[int, int | None, str]] = {}
        for index, cell in enumerate(cells):
            named = column_of(cell.text) if cell is not None and cell.kind is Kind.TEXT else None
            if named is None or cell is None:
                continue
            key, in_header, totals = named
            if key == "value":
                values.setdefault(totals, (index, in_header, cell.text))
            elif key not in columns:
                columns[key] = index
        if "code" in columns and values:
            return _with_values(sheet, number, columns, values)
    return None


def _with_values(
    sheet: Sheet,
    number: int,
    columns: dict[str, int],
    values: dict[bool, tuple[int, int | None, str]],
) -> Header:
    """The header with its value column (the month's own when there is one) and, when a
    release gives both, its year-to-date column beside it."""
    ytd = False not in values
    index, month, value_header = values[ytd]
    columns["value"] = index
    if not ytd and True in values:
        total_index, total_month, _ = values[True]
        columns["ytd_value"] = total_index
        month = month if month is not None else total_month
    return Header(sheet, number, columns, ytd, month, value_header)


def find_header(source: str, sheets: Sequence[Sheet], wanted: str | None) -> Header:
    """The fill-in sheet's header: in the sheet named `wanted`, else the one sheet that has
    one; several are refused, asking for --sheet."""
    names = [sheet.name for sheet in sheets]
    if wanted is not None:
        chosen = [sheet for sheet in sheets if sheet.name == wanted]
        if not chosen:
            raise InvalidInputError(
                t("import.no_such_sheet", path=source, sheet=wanted, sheets=_listed(names))
            )
        sheets = chosen
    found = [header for header in map(_header_in, sheets) if header is not None]
    if len(found) > 1:
        raise InvalidInputError(
            t("import.many_sheets", path=source, sheets=_listed(h.sheet.name for h in found)),
            hint=t("import.many_sheets.hint", sheet=terminal_safe(found[0].sheet.name)),
        )
    if not found:
        raise InvalidInputError(
            t("import.no_header", path=source, rows=HEADER_SEARCH_ROWS, sheets=_listed(names)),
            hint=t("import.no_header.hint"),
        )
    return found[0]


def _listed(names: Iterable[str]) -> str:
    return "、".join(f"“{terminal_safe(name)}”" for name in names)


@dataclass
class SheetEntries:
    """What a sheet asks to record, and what import tells about it."""

    header: Header
    entries: list[Entry] = field(default_factory=list)
    empty: int = 0  # rows with neither value nor note
    problems: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # what was read that nobody saw


def entries_from(header: Header, default_month: str | None, plan_year: int) -> SheetEntries:
    """The entries under the header: one per code, unit and month. Two rows for the same
    one agree (then they are one) or are refused naming both; a row with a note and no
    value is a note for the month."""
    month_text = _sheet_month(header, default_month, plan_year)
    result = SheetEntries(header)
    seen: dict[tuple[str, str, str], tuple[int, Entry]] = {}
    rows = _unmerged(header)
    for number, cells in rows:
        entry = _row_entry(header, number, cells, month_text, plan_year, result)
        if entry is None:
            continue
        if number in header.sheet.hidden_rows:
            code = terminal_safe(entry.code)
            result.hidden.append(t("import.hidden_row", cell=entry.origin, row=number, code=code))
        key = (entry.code, entry.unit or "", _month_key(entry.month_text))
        if key not in seen:
            seen[key] = (len(result.entries), entry)
            result.entries.append(entry)
            continue
        index, first = seen[key]
        merged = _merged(first, entry)
        if merged is None:
            result.problems.append(
                t(
                    "import.conflict",
                    first=first.origin,
                    second=entry.origin,
                    code=terminal_safe(entry.code),
                    a=terminal_safe(first.value_text),
                    b=terminal_safe(entry.value_text),
                )
            )
            continue
        seen[key] = (index, merged)
        result.entries[index] = merged
    result.problems.extend(_merged_values(header, rows))
    result.hidden.extend(_hidden_columns(header, rows))
    return result


def _sheet_month(header: Header, default_month: str | None, plan_year: int) -> str | None:
    """The month of rows that have none: --month, else a month named in the header."""
    named = None if header.month is None else f"{plan_year:04d}-{header.month:02d}"
    if default_month is not None and named is not None:
        from gxtrack.model.months import parse_month

        if parse_month(default_month, plan_year) != header.month:
            raise InvalidInputError(
                t(
                    "import.month_disagrees",
                    cell=header.cell(header.row, "value"),
                    header=terminal_safe(header.value_header),
                    month=default_month,
                )
            )
    if default_month is None and named is None and "month" not in header.columns:
        raise InvalidInputError(
            t("import.no_month", sheet=terminal_safe(header.sheet.name)),
            hint=t("import.no_month.hint"),
        )
    return default_month or named


def _row_entry(
    header: Header,
    number: int,
    cells: list[Cell | None],
    month_text: str | None,
    plan_year: int,
    result: SheetEntries,
) -> Entry | None:
    """One row's entry; None for a row with neither value nor note (counted as empty) or
    one refused (its problem noted)."""
    got = {key: cells[i] if i < len(cells) else None for key, i in header.columns.items()}
    text = {key: cell.text if cell is not None else "" for key, cell in got.items()}
    problem = _refusal(header, number, got)
    if problem is not None:
        result.problems.append(problem)
        return None
    total = text.get("ytd_value", "")
    if not text["value"] and not total and not text.get("note"):
        result.empty += 1
        return None
    month, ytd = _row_month(text.get("month") or month_text or "", plan_year)
    entry = Entry(
        header.cell(number, "value"),
        text["code"].lstrip("'"),  # a leading ' keeps a code like 1.10 as text in Excel
        text["value"],
        month,
        text.get("note") or None,
        ytd=ytd,
        unit=text.get("reporting_unit") or None,
    )
    if not total:
        return entry
    # 当月 and 累计 both given: the total is typed, the month's cell must agree with it.
    part = (text["value"], entry.origin) if text["value"] else None
    return entry._replace(
        origin=header.cell(number, "ytd_value"), value_text=total, ytd=True, part=part
    )


def _row_month(text: str, plan_year: int) -> tuple[str, bool]:
    """A row's month as `YYYY-MM`, and whether it names a year-to-date period: a 月份 cell
    may hold 1—3月, 一季度, 上半年 or 2024年1—6月 as releases write it."""
    label = parse_period_label(text)
    if label is None or label.closing_month is None or label.basis == "quarter":
        return text, False
    year = label.year if label.year is not None else plan_year
    return f"{year:04d}-{label.closing_month:02d}", label.is_year_to_date


def _refusal(header: Header, number: int, got: dict[str, Cell | None]) -> str | None:
    """Why a row's cells cannot be read as they are, naming the cell; None when they can."""
    for key, cell in got.items():
        if cell is None:
            continue
        where = header.cell(number, key)
        if cell.kind is Kind.UNCOMPUTED:
            return t("import.uncomputed", cell=where)
        if cell.kind is Kind.ERROR and key == "value":
            return t("import.error_cell", cell=where, error=terminal_safe(cell.text))
        if key == "month" and cell.kind is Kind.TEXT and _SHOWN_DATE.match(cell.text):
            return t("import.month_as_date", cell=where, text=terminal_safe(cell.text))
    return None


# Jul-24, 24-Jul, July 2024, 7月-24: a month column the spreadsheet showed as a date and
# a CSV then kept as text.
_SHOWN_DATE = re.compile(
    r"^(?:[A-Za-z]{3,9}[-/ ]\d{2,4}|\d{1,2}[-/ ][A-Za-z]{3,9}(?:[-/ ]\d{2,4})?|\d{1,2}月[-/]\d{2})$"
)


def _month_key(text: str) -> str:
    digits = re.findall(r"\d+", text)
    return "-".join(str(int(d)) for d in digits[:2]) if digits else text.strip()


def _same_value(a: str, b: str) -> bool:
    try:
        return Decimal(a.replace(",", "").rstrip("%")) == Decimal(
            b.replace(",", "").rstrip("%")
        ) and a.endswith("%") == b.endswith("%")
    except InvalidOperation:
        return a.strip() == b.strip()


def _merged(first: Entry, second: Entry) -> Entry | None:
    """Two rows for one code, unit and month as one entry; None when their values differ.
    A row with only a note joins the other's value; two notes are both kept."""
    values = [e.value_text for e in (first, second) if e.value_text.strip()]
    if len(values) == 2 and not _same_value(*values):
        return None
    notes = [e.note for e in (first, second) if e.note]
    note = "；".join(dict.fromkeys(notes)) if notes else None
    return first._replace(value_text=values[0] if values else "", note=note)


# ── Hidden and merged cells ─────────────────────────────────────────────────────────────
# A value the department typed is what it reports, seen or not: a hidden row or column is
# read, and said, so the clerk sees what nobody saw on screen. A merged cell shows one
# thing over several rows: a code, month, unit or note so merged belongs to each of them
# (as the sheet shows it); a value so merged over two indicators is refused, since one
# typed figure cannot be both indicators' figure.

_Rows = list[tuple[int, list[Cell | None]]]


def _unmerged(header: Header) -> _Rows:
    """The rows under the header, each cell a merged code, month, unit or note covers
    holding that merged cell's text."""
    sheet = header.sheet
    by_number = {number: cells for number, cells in sheet.rows}
    rows = [(n, list(cells)) for n, cells in sheet.rows if n > header.row]
    numbers = [number for number, _ in rows]
    for key, column in header.columns.items():
        if key == "value":
            continue
        for merge in _spans(sheet.merges, column, left_edge=True):
            top = by_number.get(merge.first_row, [])
            shown = top[column] if column < len(top) else None
            for _, cells in _covered(rows, numbers, merge.first_row + 1, merge.last_row):
                cells.extend([None] * (column + 1 - len(cells)))
                cells[column] = shown
    return rows


def _spans(merges: Iterable[Merge], column: int, *, left_edge: bool) -> list[Merge]:
    """The merges over more than one row that show a cell in `column` (starting at it, if
    `left_edge`), top to bottom; one overlapping an earlier one, which no spreadsheet
    program writes, is left out, so that rows are visited once each however the file
    was made."""
    chosen: list[Merge] = []
    for merge in sorted(merges, key=lambda merge: merge.first_row):
        starts = merge.first_column == column
        inside = merge.first_column <= column <= merge.last_column
        if merge.last_row <= merge.first_row or not (starts if left_edge else inside):
            continue
        if chosen and merge.first_row <= chosen[-1].last_row:
            continue
        chosen.append(merge)
    return chosen


def _covered(rows: _Rows, numbers: list[int], first: int, last: int) -> _Rows:
    """The rows numbered first to last (rows are in order: found by bisection)."""
    return rows[bisect.bisect_left(numbers, first) : bisect.bisect_right(numbers, last)]


def _merged_values(header: Header, rows: _Rows) -> list[str]:
    """A refusal for each value cell merged over the rows of two indicators (or units or
    months), naming the merged range."""
    numbers = [number for number, _ in rows]
    problems = []
    for merge in _spans(header.sheet.merges, header.columns["value"], left_edge=False):
        covered = [
            cells
            for _, cells in _covered(rows, numbers, merge.first_row, merge.last_row)
            if _text(cells, header, "code")
        ]
        owners = dict.fromkeys(
            (
                _text(c, header, "code"),
                _text(c, header, "reporting_unit"),
                _text(c, header, "month"),
            )
            for c in covered
        )
        if len(owners) > 1 and any(_text(c, header, "value") for c in covered):
            problems.append(
                t(
                    "import.merged_value",
                    range=range_name(header.sheet.name, merge),
                    codes="、".join(terminal_safe(code) for code, _, _ in owners),
                )
            )
    return problems


def _text(cells: list[Cell | None], header: Header, key: str) -> str:
    column = header.columns.get(key)
    if column is None or column >= len(cells) or cells[column] is None:
        return ""
    cell = cells[column]
    return cell.text.strip() if cell is not None else ""


def _hidden_columns(header: Header, rows: _Rows) -> list[str]:
    """A line for each hidden column of what departments fill (values, notes) that import
    read something from; a hidden code or month column is the template's, not news."""
    lines = []
    header_cells = dict(header.sheet.rows).get(header.row, [])
    for key, column in header.columns.items():
        if key not in ("value", "note") or column not in header.sheet.hidden_columns:
            continue
        count = sum(bool(_text(cells, header, key)) for _, cells in rows)
        if count:
            title = header_cells[column] if column < len(header_cells) else None
            lines.append(
                t(
                    "import.hidden_column",
                    cell=header.cell(header.row, key),
                    header=terminal_safe(title.text if title is not None else ""),
                    count=count,
                )
            )
    return lines
