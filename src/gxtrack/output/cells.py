"""A report's headings and cells as people read them, in the interface's language."""

from __future__ import annotations

from typing import IO

from gxtrack.i18n import MESSAGES, t
from gxtrack.output.formats import format_number, format_percent
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
    if style is Style.PERCENT or style is Style.BAR:
        return format_percent(value)
    if style is Style.STATUS:
        return "—" if value is None else t(f"status.{value}")
    if style is Style.WORD:
        word = f"{column.key}.{value}"
        return t(word) if word in MESSAGES else ("" if value is None else str(value))
    if style is Style.MARK:
        return "" if value is None else t(f"mark.{value}")
    return "" if value is None else str(value)


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (a closed or odd stream is taken as not one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
