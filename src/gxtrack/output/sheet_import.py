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
from gxtrack.model.plan import Plan
from gxtrack.model.recording import Entry
from gxtrack.model.terms import Kind as IndicatorKind
from gxtrack.output.sheet_cells import Cell, Kind, Merge, Sheet
from gxtrack.output.sheet_rows import (
    cell_month,
    is_blank,
    is_total,
    resolve_code,
    resolve_unit,
    squeezed,
    value_of,
)

HEADER_SEARCH_ROWS = 100  # titles, notes, an instructions block: the header is near the top
IMPORT_KEYS = ("month", "reporting_unit", "code", "value", "note")

# Words for each column, compared without spaces and case. The interface's own headers
# (field.*) are added from the catalogue, in both languages.
_WORDS = {
    "code": ("code", "代码", "指标代码", "编码", "指标编码", "指标编号"),
    "name": ("name", "indicator", "指标", "名称", "指标名称", "指标名", "项目", "项目名称"),
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
    label = parse_period_label(word)  # the releases' own headings: 1—3月, 上半年, 2024-01
    if label is not None and label.closing_month is not None and label.basis != "quarter":
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
    # Months across (a 台账: 1月 … 12月): value column -> (its month, year-to-date).
    across: dict[int, tuple[int, bool]] = field(default_factory=dict)
    unit: str | None = None  # the unit the sheet is for (its name, or --unit)

    def cell(self, row: int, key: str) -> str:
        return cell_name(self.sheet.name, row, self.columns[key])

    @property
    def label(self) -> str:
        """The column that says what a row is: its code, else its indicator's name."""
        return "code" if "code" in self.columns else "name"


def _header_cell(cell: Cell | None) -> tuple[str, int | None, bool] | None:
    if cell is None:
        return None
    if cell.kind is Kind.DATE:  # 2024-01 typed as a heading, made a date by the program
        return "value", int(cell.text[5:7]), False
    return column_of(cell.text) if cell.kind is Kind.TEXT else None


def _months_across(named: list[tuple[int, str, int | None, bool]]) -> dict[int, tuple[int, bool]]:
    """The month columns of a 台账 heading (two months or more); a 1—N月累计 column beside
    the month's own column is the same figure again and is left out."""
    months = {month for _, key, month, ytd in named if key == "value" and month and not ytd}
    across: dict[int, tuple[int, bool]] = {}
    for index, key, month, ytd in named:
        if key == "value" and month is not None and not (ytd and month in months):
            across.setdefault(index, (month, ytd))
    distinct = {month for month, _ in across.values()}
    return across if len(distinct) > 1 else {}


def _header_in(sheet: Sheet) -> Header | None:
    for number, cells in sheet.rows:
        if number > HEADER_SEARCH_ROWS:
            break
        named = [(i, *found) for i, cell in enumerate(cells) if (found := _header_cell(cell))]
        columns: dict[str, int] = {}
        # The first single-month value column and the first year-to-date one (当月 and 累计):
        # a release gives both; neither is picked silently over the other.
        values: dict[bool, tuple[int, int | None, str]] = {}
        across = _months_across(named)
        for index, key, in_header, totals in named:
            if key != "value":
                columns.setdefault(key, index)
            elif not across:
                cell = cells[index]
                values.setdefault(totals, (index, in_header, cell.text if cell else ""))
        has_label = "code" in columns or "name" in columns
        if has_label and across:
            return Header(sheet, number, columns, across=across)
        if has_label and values:
            return _with_values(sheet, number, columns, values)
    return None


def _with_values(
    sheet: Sheet,
    number: int,
    columns: dict[str, int],
    values: dict[bool, tuple[int, int | None, str]],
) -> Header:
    """The header with its value column (the month's own when there is one) and, when a
    release gives both, its year-to-date column beside it (`ytd_value`)."""
    ytd = False not in values
    index, month, value_header = values[ytd]
    columns["value"] = index
    if not ytd and True in values:
        total_index, total_month, _ = values[True]
        columns["ytd_value"] = total_index
        month = month if month is not None else total_month
    return Header(sheet, number, columns, ytd, month, value_header)


def find_headers(
    source: str, sheets: Sequence[Sheet], wanted: str | None, plan: Plan, unit: str | None
) -> list[Header]:
    """The fill-in sheets' headers: the sheet named `wanted`, else the one sheet that has
    one, else every sheet named for a unit (or the city) — each for its unit."""
    names = [sheet.name for sheet in sheets]
    if wanted is not None:
        chosen = [sheet for sheet in sheets if sheet.name == wanted]
        if not chosen:
            raise InvalidInputError(
                t("import.no_such_sheet", path=source, sheets=_listed(names), sheet=wanted)
            )
        sheets = chosen
    found = [header for header in map(_header_in, sheets) if header is not None]
    if not found:
        raise InvalidInputError(
            t("import.no_header", path=source, rows=HEADER_SEARCH_ROWS, sheets=_listed(names)),
            hint=t("import.no_header.hint"),
            detail=_no_header_detail(sheets),
        )
    if unit is not None:
        for header in found:
            header.unit = unit
    elif len(found) > 1 or source.lower().endswith((".xlsx", ".xls", ".ods")):
        _units_by_sheet(source, plan, found)
    return found


def _units_by_sheet(source: str, plan: Plan, found: list[Header]) -> None:
    """Each header's unit from its sheet's name; a workbook whose fill-in sheets are not
    all named for units (or the city) is refused as before: which one, or which unit?"""
    from gxtrack.model.unit_names import match_unit

    named: list[str] = []
    unnamed: list[str] = []
    for header in found:
        match = match_unit(plan, header.sheet.name)
        if match is not None:
            header.unit = match.code
            named.append(header.sheet.name)
        elif not is_city_name(plan, header.sheet.name):
            unnamed.append(header.sheet.name)
    if len(found) > 1 and unnamed and named:
        raise InvalidInputError(
            t(
                "import.sheet_without_unit",
                path=source,
                sheet=terminal_safe(unnamed[0]),
                named=_listed(named),
            ),
            hint=t("import.sheet_without_unit.hint"),
        )
    if len(found) > 1 and unnamed:
        raise InvalidInputError(
            t("import.many_sheets", path=source, sheets=_listed(h.sheet.name for h in found)),
            hint=t("import.many_sheets.hint", sheet=terminal_safe(found[0].sheet.name)),
        )


_CITY_WORDS = ("全市", "市本级", "市级", "本级", "city")


def is_city_name(plan: Plan, name: str) -> bool:
    """A sheet for the city as a whole: 全市, 市本级, or the city the plan's title begins
    with (永州市 and 永州 for "永州市2024年…")."""
    from gxtrack.model.unit_names import base_name

    word = squeezed(name)
    city = re.match(r"^(.{1,6}?市)", plan.plan.title)
    cities = {squeezed(w) for w in _CITY_WORDS}
    if city:
        cities |= {squeezed(city.group(1)), base_name(city.group(1))}
    return word in cities or base_name(name) in cities


def _no_header_detail(sheets: Sequence[Sheet]) -> tuple[str, ...]:
    """What was looked for, how the file was read, and its first non-empty row as read."""
    first = next((rows for sheet in sheets if (rows := sheet.rows)), None)
    if first is None:
        return ()
    number, cells = first[0]
    shown = " | ".join(terminal_safe(c.text) if c else "" for c in cells[:12])
    how = sheets[0].reading or t("import.no_header.book", kind=sheets[0].kind)
    code_words = "、".join((*_WORDS["code"][1:4], "指标名称"))
    value_words = "、".join(("数值", "本月数", "7月数值", "1月…12月", "1—7月累计"))
    line = t(
        "import.no_header.read",
        code=code_words,
        value=value_words,
        how=how,
        row=number,
        cells=shown,
    )
    return (f"  {line}",)


_CELL = re.compile(r"!([A-Z]{1,3})(\d+)")


def by_cell(problem: str) -> tuple[str, int, int]:
    """A refusal's place for sorting: its sheet, row and column (top to bottom)."""
    found = _CELL.search(problem)
    if found is None:
        return problem, 0, 0
    sheet = problem[: found.start()]
    column = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(found.group(1))))
    return sheet, int(found.group(2)), column


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
    totals: list[str] = field(default_factory=list)  # the label cells of totals rows
    total_rows: list[Entry] = field(default_factory=list)  # units' totals, to check


def entries_from(header: Header, default_month: str | None, plan: Plan) -> SheetEntries:
    """The entries under the header: one per code, unit and month. Two rows for the same
    one agree (then they are one) or are refused naming both; a row with a note and no
    value is a note for the month."""
    month_text = _sheet_month(header, default_month, plan.year)
    result = SheetEntries(header)
    seen: dict[tuple[str, str, str], tuple[int, Entry]] = {}
    rows = _unmerged(header)
    for number, cells in rows:
        for entry in _row_entries(header, plan, number, cells, month_text, result):
            _add_entry(header, number, entry, seen, result)
    result.problems.extend(_merged_values(header, rows))
    result.hidden.extend(_hidden_columns(header, rows))
    result.hidden.extend(_total_mismatches(plan, result))
    return result


def _add_entry(
    header: Header,
    number: int,
    entry: Entry,
    seen: dict[tuple[str, str, str], tuple[int, Entry]],
    result: SheetEntries,
) -> None:
    if number in header.sheet.hidden_rows:
        code = terminal_safe(entry.code)
        result.hidden.append(t("import.hidden_row", cell=entry.origin, row=number, code=code))
    key = (entry.code, entry.unit or "", _month_key(entry.month_text))
    if key not in seen:
        seen[key] = (len(result.entries), entry)
        result.entries.append(entry)
        return
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
        return
    seen[key] = (index, merged)
    result.entries[index] = merged


def _sheet_month(header: Header, default_month: str | None, plan_year: int) -> str | None:
    """The month of rows that have none: --month, else a month named in the header. With
    months across, --month keeps its column only."""
    from gxtrack.model.months import month_label, parse_month

    if header.across:
        if default_month is not None:
            wanted = parse_month(default_month, plan_year)
            header.across = {c: m for c, m in header.across.items() if m[0] == wanted}
            if not header.across:
                raise InvalidInputError(
                    t(
                        "import.no_month_column",
                        path=header.sheet.name,
                        month=default_month,
                        months=_across_months(header, plan_year),
                    )
                )
            return month_label(plan_year, wanted)
        return None
    named = None if header.month is None else month_label(plan_year, header.month)
    if default_month is not None and named is not None:  # noqa: SIM102 - reads as the rule
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


def _across_months(header: Header, plan_year: int) -> str:
    from gxtrack.model.months import month_label

    return ", ".join(month_label(plan_year, m) for m, _ in header.across.values()) or "—"


def _keep_total(
    header: Header,
    plan: Plan,
    number: int,
    got: dict[str, Cell | None],
    values: list[_Value],
    month_text: str | None,
    result: SheetEntries,
) -> None:
    """A units' total row (合计 in the unit column, a real code): its figures, kept to
    check against the rows it totals."""
    unit_cell, code_cell = got.get("reporting_unit"), got.get("code") or got.get("name")
    if unit_cell is None or not is_total(unit_cell.text) or code_cell is None:
        return
    if is_total(code_cell.text):
        return
    own = {key: cell for key, cell in got.items() if key != "reporting_unit"}
    try:
        result.total_rows += _read_row(header, plan, number, own, values, month_text, "")
    except InvalidInputError:
        return  # a total row is not imported: what cannot be read is not checked


def _total_mismatches(plan: Plan, result: SheetEntries) -> list[str]:
    """A warning for each summed indicator's total row that is not the sum of its rows."""
    from gxtrack.model.numbers import plain_text
    from gxtrack.model.terms import Combine

    lines = []
    for total in result.total_rows:
        indicator = plan.indicator(total.code)
        parts = [
            e
            for e in result.entries
            if e.code == total.code and e.month_text == total.month_text and e.unit
        ]
        stated, figures = _number(total.value_text), [_number(e.value_text) for e in parts]
        if indicator.combine is not Combine.SUM or stated is None or None in figures:
            continue
        added = sum((f for f in figures if f is not None), Decimal(0))
        if parts and added != stated:
            lines.append(
                t(
                    "import.total_mismatch",
                    cell=total.origin,
                    total=plain_text(stated),
                    code=total.code,
                    sum=plain_text(added),
                    cells="、".join(e.origin for e in parts),
                )
            )
    return lines


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _row_entries(
    header: Header,
    plan: Plan,
    number: int,
    cells: list[Cell | None],
    month_text: str | None,
    result: SheetEntries,
) -> list[Entry]:
    """A row's entries (one per filled month column across, else one); none for a row
    with neither value nor note (counted as empty), a totals row (listed) or one refused
    (its problem noted)."""
    got = {key: cells[i] if i < len(cells) else None for key, i in header.columns.items()}
    values = _value_cells(header, number, cells)
    problem = _refusal(header, number, got, [cell for _, cell, _, _ in values])
    if problem is not None:
        result.problems.append(problem)
        return []
    labels = [got.get(key) for key in ("code", "name", "reporting_unit")]
    if any(cell is not None and cell.kind is Kind.TEXT and is_total(cell.text) for cell in labels):
        result.totals.append(header.cell(number, header.label))
        _keep_total(header, plan, number, got, values, month_text, result)
        return []
    note_cell = got.get("note")
    note = note_cell.text.strip() if note_cell is not None and not is_blank(note_cell) else ""
    if all(is_blank(cell) for _, cell, _, _ in values) and not note:
        result.empty += 1
        return []
    try:
        return _read_row(header, plan, number, got, values, month_text, note)
    except InvalidInputError as error:
        result.problems.append(error.message)
        return []


_Value = tuple[str, Cell | None, str | None, bool]  # (cell name, cell, month, year-to-date)


def _value_cells(header: Header, number: int, cells: list[Cell | None]) -> list[_Value]:
    def at(column: int) -> Cell | None:
        return cells[column] if column < len(cells) else None

    if not header.across:
        value = header.columns["value"]
        cells_read: list[_Value] = [(header.cell(number, "value"), at(value), None, False)]
        if "ytd_value" in header.columns:  # 当月 and 累计 side by side
            total = at(header.columns["ytd_value"])
            cells_read.append((header.cell(number, "ytd_value"), total, None, True))
        return cells_read
    return [
        (cell_name(header.sheet.name, number, column), at(column), f"{month}", ytd)
        for column, (month, ytd) in header.across.items()
    ]


def _read_row(
    header: Header,
    plan: Plan,
    number: int,
    got: dict[str, Cell | None],
    values: list[_Value],
    month_text: str | None,
    note: str,
) -> list[Entry]:
    from gxtrack.model.months import month_label

    where = {key: header.cell(number, key) for key in header.columns}
    code = resolve_code(
        plan, got.get("code"), got.get("name"), where.get("code", ""), where.get("name", "")
    )
    unit = _row_unit(header, plan, got.get("reporting_unit"), where.get("reporting_unit", ""))
    month_cell = got.get("month")
    row_ytd = False
    if month_cell is not None and month_cell.text.strip():
        month_text, row_ytd = cell_month(month_cell, plan.year, where["month"])
    milestone = plan.indicator(code).kind is IndicatorKind.MILESTONE
    if len(values) == 2 and not header.across:
        values, part = _total_and_part(values, milestone)
    else:
        part = None
    entries = []
    for origin, cell, across_month, ytd in values:
        value, word_note = value_of(cell, origin, words_are_values=milestone)
        row_note = "；".join(part for part in (word_note, note) if part) or None
        if not value and row_note is None:
            continue
        if across_month is not None:
            month_text = month_label(plan.year, int(across_month))
        # a row's note belongs to its first figure, not to every month across
        entry = Entry(origin, code, value, month_text or "", row_note, ytd or row_ytd, unit)
        entries.append(entry._replace(part=part) if part is not None else entry)
        note = ""
    return entries


def _total_and_part(
    values: list[_Value], milestone: bool
) -> tuple[list[_Value], tuple[str, str] | None]:
    """A release's 当月 and 累计 cells of one row: the total is the figure typed, and the
    month's own cell, when filled, must agree with the part the total gives."""
    month_value, total_value = values
    if is_blank(total_value[1]):
        return [month_value], None
    if is_blank(month_value[1]):
        return [total_value], None
    text, _ = value_of(month_value[1], month_value[0], words_are_values=milestone)
    return [total_value], (text, month_value[0]) if text else None


def _row_unit(header: Header, plan: Plan, cell: Cell | None, where: str) -> str | None:
    """The row's unit: its unit cell's, which must agree with the sheet's (or --unit)."""
    named = resolve_unit(plan, cell, where)
    if named is not None and header.unit is not None and named != header.unit:
        expected = f"{header.unit}（{plan.unit(header.unit).name}）"
        raise InvalidInputError(
            t(
                "import.unit_disagrees",
                cell=where,
                unit=terminal_safe(cell.text if cell else ""),
                expected=expected,
            )
        )
    return named or header.unit


def _refusal(
    header: Header, number: int, got: dict[str, Cell | None], values: list[Cell | None]
) -> str | None:
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
    if header.across:
        for (column, _), cell in zip(header.across.items(), values, strict=True):
            where = cell_name(header.sheet.name, number, column)
            if cell is not None and cell.kind is Kind.UNCOMPUTED:
                return t("import.uncomputed", cell=where)
            if cell is not None and cell.kind is Kind.ERROR:
                return t("import.error_cell", cell=where, error=terminal_safe(cell.text))
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
    columns = [header.columns["value"]] if "value" in header.columns else list(header.across)
    problems = []
    for column in columns:
        problems += _merged_in(header, rows, column)
    return problems


def _merged_in(header: Header, rows: _Rows, column: int) -> list[str]:
    numbers = [number for number, _ in rows]
    label = header.label
    problems = []
    for merge in _spans(header.sheet.merges, column, left_edge=False):
        covered = [
            cells
            for _, cells in _covered(rows, numbers, merge.first_row, merge.last_row)
            if _text(cells, header, label)
        ]
        owners = dict.fromkeys(
            (
                _text(c, header, label),
                _text(c, header, "reporting_unit"),
                _text(c, header, "month"),
            )
            for c in covered
        )
        filled = any(column < len(c) and not is_blank(c[column]) for c in covered)
        if len(owners) > 1 and filled:
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
