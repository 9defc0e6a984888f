"""A row's cells read as departments fill them: codes Excel turned into numbers, names
beside codes, months in every form a sheet holds, blank words, words in a value cell,
totals rows. Each problem names the cell that is wrong (`祁阳!C6`).

Every function here raises InvalidInputError whose message is one line naming the cell;
`sheet_import` collects them, so that every refused cell of a sheet is listed at once.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, timedelta

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.months import month_in_cell, month_label, parse_month
from gxtrack.model.periods import parse_period_label
from gxtrack.model.plan import Indicator, Plan
from gxtrack.model.unit_names import units_hint, units_named
from gxtrack.output.sheet_cells import Cell, Kind

# What people write in a cell that has nothing to report: read as blank.
BLANK_WORDS = frozenset({"—", "——", "-", "--", "–", "－", "/", "／", "无", "暂无", "空", "\\"})
# 合计, 总计, 小计, 全市合计, 合 计: a totals row, not an indicator's or a unit's own figure.
_TOTAL = re.compile(
    r"^(?:全市|全县|全区|本市|各县市区|县市区)?(?:合计|总计|小计|共计|汇总)(?:数)?$"
    r"|^(?:sub)?totals?$|^grandtotal$"
)
_DIGIT = re.compile(r"\d")


def squeezed(text: str) -> str:
    """Text as compared: full-width forms folded, spaces and line breaks dropped, case
    ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def is_blank(cell: Cell | None) -> bool:
    return cell is None or (cell.kind is Kind.TEXT and cell.text.strip() in BLANK_WORDS)


def is_total(text: str) -> bool:
    return bool(_TOTAL.match(squeezed(text)))


def value_of(cell: Cell | None, where: str, *, words_are_values: bool) -> tuple[str, str | None]:
    """(the value's text, a note it is instead): blank words are blank, a cell with no
    digit at all (待统计局反馈) is a note — unless words are the indicator's values (a
    milestone's 完成); a date is refused as what it is."""
    if is_blank(cell) or cell is None:
        return "", None
    if cell.kind is Kind.DATE:
        raise InvalidInputError(t("import.value_is_date", cell=where, text=cell.text))
    if cell.kind is Kind.TEXT and not words_are_values and not _DIGIT.search(cell.text):
        return "", cell.text.strip()
    return cell.text, None


# ── Codes and names ─────────────────────────────────────────────────────────────────────


def _lost_zeros(code: str, shown: str) -> bool:
    """Whether Excel, storing `code` as a number, shows it as `shown` (2.10 -> 2.1)."""
    if code == shown:
        return True
    rest = code[len(shown) :]
    return "." in shown and code.startswith(shown) and set(rest) == {"0"}


def _names(indicator: Indicator) -> set[str]:
    return {squeezed(name) for name in (indicator.name, indicator.name_en) if name}


def _names_agree(named: str, indicator: Indicator) -> bool:
    """A row's name is its code's indicator's: the same, or one part of the other (a
    department shortens 新增省级专精特新中小企业 to 专精特新中小企业); a shifted row shows
    another indicator's name."""
    names = _names(indicator)
    return named in names or any(
        min(len(named), len(name)) >= 4 and (named in name or name in named) for name in names
    )


def resolve_code(
    plan: Plan, code: Cell | None, name: Cell | None, where_code: str, where_name: str
) -> str:
    """The indicator a row is for, from its code (Excel's lost zeros put back) and its
    name: a name present must be the code's indicator's; a name alone must be exact."""
    named = squeezed(name.text) if name is not None and name.kind is Kind.TEXT else ""
    if code is None or not code.text.strip():
        return _by_name(plan, name.text if name else "", named, where_name)
    text = unicodedata.normalize("NFKC", code.text).strip().lstrip("'")
    if code.kind is Kind.NUMBER:
        found = [i for i in plan.indicators if _lost_zeros(i.code, text)]
    else:
        found = [i for i in plan.indicators if i.code == text]
    if named and len(found) > 1:
        found = [i for i in found if named in _names(i)] or found
    if not found:
        codes = ", ".join(list(plan.indicator_by_code)[:8])
        raise InvalidInputError(
            t("import.unknown_code", cell=where_code, code=terminal_safe(text), codes=codes)
        )
    if len(found) > 1:
        raise InvalidInputError(
            t(
                "import.code_ambiguous",
                cell=where_code,
                code=terminal_safe(text),
                codes="、".join(i.code for i in found),
            )
        )
    if named and not _names_agree(named, found[0]):
        raise InvalidInputError(
            t(
                "import.name_mismatch",
                cell=where_name,
                name=terminal_safe(name.text if name else ""),
                code_cell=where_code,
                code=found[0].code,
                expected=terminal_safe(found[0].name),
            )
        )
    return found[0].code


def _by_name(plan: Plan, shown: str, named: str, where: str) -> str:
    found = [i for i in plan.indicators if named and named in _names(i)]
    if len(found) == 1:
        return found[0].code
    names = [i.name for i in plan.indicators] + [i.name_en for i in plan.indicators if i.name_en]
    nearest = difflib.get_close_matches(shown.strip(), names, n=3, cutoff=0.3)
    raise InvalidInputError(
        t(
            "import.unknown_name",
            cell=where,
            name=terminal_safe(shown),
            nearest="、".join(f"“{terminal_safe(n)}”" for n in nearest) or "—",
        )
    )


# ── Units ───────────────────────────────────────────────────────────────────────────────


def resolve_unit(plan: Plan, cell: Cell | None, where: str) -> str | None:
    """The unit a unit cell names (by the one rule of unit names), None for none."""
    if cell is None or not cell.text.strip():
        return None
    found = units_named(plan.units, cell.text)
    if len(found) != 1:
        raise InvalidInputError(
            t("import.unknown_unit", cell=where, unit=terminal_safe(cell.text)),
            hint=units_hint(plan),
        )
    return found[0].code


# ── Months ──────────────────────────────────────────────────────────────────────────────

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap day aside)
_SERIALS = range(36_526, 73_051)  # 2000-01-01 to 2099-12-31 as date serials
_DOTTED = re.compile(r"^(\d{4})\.(\d{1,2})$")


def cell_month(cell: Cell, plan_year: int, where: str) -> tuple[str, bool]:
    """A month cell as (`YYYY-MM`, whether its figures are year-to-date): a date cell, a
    date serial, 202407, 2024.7 (2024.1 only when the cell's format shows whether it is
    January or October), the text forms of `month_in_cell`, and a release's period
    label (1—7月 and 上半年 year-to-date)."""
    text = cell.text.strip()
    if cell.kind is Kind.NUMBER:
        text = _number_month(cell, plan_year, where)
    found, ytd = month_in_cell(text, plan_year), False
    if found is None:
        label = parse_period_label(text)
        if label is None or label.closing_month is None or label.basis == "quarter":
            raise InvalidInputError(
                t("import.bad_month_cell", cell=where, text=terminal_safe(text))
            )
        found, ytd = (label.year or plan_year, label.closing_month), label.is_year_to_date
    year, month = found
    try:
        return month_label(plan_year, parse_month(f"{year}-{month}", plan_year)), ytd
    except InvalidInputError as error:
        raise InvalidInputError(f"{where}: {error.message}", hint=error.hint) from None


def _number_month(cell: Cell, plan_year: int, where: str) -> str:
    text = cell.text
    if text.isdigit() and int(text) in _SERIALS:
        day = _EXCEL_EPOCH + timedelta(days=int(text))
        return f"{day.year}-{day.month}"
    dotted = _DOTTED.match(text)
    if dotted and dotted.group(2) == "1":
        # 2024.10 typed into a number cell is held as 2024.1: only its format says which.
        if cell.decimals == 2:
            return f"{dotted.group(1)}-10"
        if cell.decimals != 1:
            raise InvalidInputError(
                t("import.month_number_ambiguous", cell=where, text=text, year=dotted.group(1))
            )
    return text
