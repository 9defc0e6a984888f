"""A report's headings and cells as people read them, in the interface's language."""

from __future__ import annotations

from typing import IO

from gxtrack.i18n import MESSAGES, t
from gxtrack.output.formats import format_number, format_percent
from gxtrack.output.goals import attainment_text, change_text, goal_text, is_cap, period_text
from gxtrack.output.view import Column, Row, Style


def header(column: Column) -> str:
    """A column's heading in the interface's language (a year such as "2023" as it is)."""
    return t(column.header) if column.header in MESSAGES else column.header


def cell_text(column: Column, row: Row) -> str:
    """A cell as people read it, in the interface's language, without styling."""
    value = row.get(column.key)
    if column.fallback and not value:
        value = row.get(column.fallback)
    style = column.style
    if style is Style.NUMBER:
        return format_number(value)
    if style is Style.PERCENT and is_cap(row.get("goal"), row.get("comparator")):
        return "—"  # a share of a cap is not progress: the headroom says it (ATTAINMENT)
    if style is Style.PERCENT or style is Style.BAR:
        return format_percent(value)
    if style is Style.STATUS:
        return "—" if value is None else status_word(str(value), row)
    if style is Style.GOAL:
        return goal_text(row)
    if style is Style.ATTAINMENT:
        return attainment_text(row)
    if style is Style.CHANGE:
        return change_text(row)
    if style is Style.ACTUAL:
        period = period_text(row)
        return f"{format_number(value)} {period}" if period else format_number(value)
    if style is Style.WORD:
        word = f"{column.key}.{value}"
        return t(word) if word in MESSAGES else ("" if value is None else str(value))
    if style is Style.MARK:
        return "" if value is None else t(f"mark.{value}")
    return "" if value is None else str(value)


def status_word(status: str, row: Row) -> str:
    """The status in words; 基本完成 where the tolerance (左右) made the difference."""
    if row.get("within_tolerance") and status in ("achieved", "on_track"):
        return t(f"status.{status}_within")
    return t(f"status.{status}")


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (a closed or odd stream is taken as not one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
