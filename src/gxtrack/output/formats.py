"""Output formats, and numbers written for people (kept light: the CLI imports it)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from gxtrack.i18n import current_language


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


def rounded_half_up(value: Decimal, places: int) -> Decimal:
    """四舍五入, as statistical tables round (0.125 -> 0.13; Python's round() gives 0.12)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Any) -> str:
    """For people: thousands separators, at most two decimals, no trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, Decimal | int | float):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        rounded = rounded_half_up(number, 2)
        if rounded == rounded.to_integral_value():
            return f"{int(rounded):,}"
        return f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def shown_places(key: str) -> int:
    """The decimals the table shows for a row key: a percentage one, any other number two."""
    return 1 if key.endswith("_pct") else 2


def rounded_plain(value: Decimal | float, places: int) -> str:
    """A number as the table rounds it, written plainly for a spreadsheet to read as a
    number: no thousands separators, no trailing zeros (83.33, 1.17, 12, -0 as 0)."""
    number = Decimal(str(value)) if isinstance(value, float) else value
    text = format(rounded_half_up(number, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_exact(value: Decimal | None) -> str:
    """A value as recorded, for a confirmation: exact, with thousands separators, never
    rounded (0.000001 is not "0") nor in exponent notation."""
    if value is None:
        return "—"
    text = format(value, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_percent(value: Any) -> str:
    if value is None:
        return "—"
    rounded = rounded_half_up(Decimal(value), 1)
    text = f"{rounded:,.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def with_unit(number: str, unit: str | None) -> str:
    """ "55 家" in English, "55家" in Chinese, "7.2%" in both."""
    if not unit:
        return number
    if unit == "%" or current_language() == "zh":
        return f"{number}{unit}"
    return f"{number} {unit}"
