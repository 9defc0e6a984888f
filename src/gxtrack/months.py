"""Months of the plan year, typed as `YYYY-MM`."""

from __future__ import annotations

import re

from gxtrack.errors import InvalidInputError

MONTHS_IN_YEAR = 12

_MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_month(text: str, plan_year: int, *, what: str = "month") -> int:
    """Return the month number (1-12) of `text`, which must fall in `plan_year`.

    Accepts `2024-06` and the forms people type for it (`2024-6`, `2024/06`, `2024年6月`).
    """
    match = _MONTH_PATTERN.match(text)
    if not match:
        raise InvalidInputError(
            f"{what} {text!r} is not a month: write it as YYYY-MM, e.g. {plan_year}-06"
        )
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= MONTHS_IN_YEAR:
        raise InvalidInputError(f"{what} {text!r}: there is no month {month}")
    if year != plan_year:
        raise InvalidInputError(
            f"{what} {text!r} is outside the plan year {plan_year}",
            hint="a data file belongs to one plan year; use that year's plan with --targets",
        )
    return month


def month_label(plan_year: int, month: int) -> str:
    """`2024`, `6` -> `2024-06`."""
    return f"{plan_year:04d}-{month:02d}"
