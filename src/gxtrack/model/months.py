"""Months of the plan year, typed as `YYYY-MM`."""

from __future__ import annotations

import re

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.numbers import refuse_foreign_digits

MONTHS_IN_YEAR = 12

_MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_month(text: str, plan_year: int, *, what: str | None = None) -> int:
    """Return the month number (1-12) of `text`, which must fall in `plan_year`.

    Accepts `2024-06` and the forms people type for it (`2024-6`, `2024/06`, `2024年6月`).
    """
    what = what or t("word.month")
    refuse_foreign_digits(text)  # \d and int() would read ४ or ٣ as digits
    match = _MONTH_PATTERN.match(text)
    if not match:
        raise InvalidInputError(t("month.malformed", what=what, text=text, year=plan_year))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= MONTHS_IN_YEAR:
        raise InvalidInputError(t("month.no_such", what=what, text=text, month=month))
    if year != plan_year:
        raise InvalidInputError(
            t("month.outside_year", what=what, text=text, year=plan_year),
            hint=t("month.outside_year.hint"),
        )
    return month


def month_label(plan_year: int, month: int) -> str:
    """`2024`, `6` -> `2024-06`."""
    return f"{plan_year:04d}-{month:02d}"


# ── Months as sheets hold them ──────────────────────────────────────────────────────────
# What departments type or Excel writes in a month cell: 2024-07, 2024/7/1 (a date as
# Chinese Excel saves it to CSV), 2024-7-31, 2024年7月(份), 7月 (the plan's year), 202407.
_CELL_MONTH = re.compile(
    r"^(?:(?P<year>\d{4})\s*(?:[-/.年]\s*(?P<month>\d{1,2})\s*(?:月份?)?"
    r"(?:\s*[-/.]\s*(?P<day>\d{1,2})\s*日?)?|(?P<compact>\d{2}))"
    r"|(?P<bare>\d{1,2})\s*月份?)$",
    re.ASCII,  # ४ or ٣ are no digits of a month
)


def month_in_cell(text: str, plan_year: int) -> tuple[int, int] | None:
    """(year, month) of a month cell's text as people write it, or None when it is no
    month form at all; the month is not checked against the year (parse_month says why)."""
    found = _CELL_MONTH.match(text.strip())
    if found is None:
        return None
    if found.group("bare"):
        return plan_year, int(found.group("bare"))
    month = found.group("month") or found.group("compact")
    return int(found.group("year")), int(month)
