"""A report's raw values as words people read in a spreadsheet, in the interface language.

JSON and CSV for programs keep the fixed words of the model (`in force`, `rate`, true);
a workbook, and CSV written with `--headers zh|en`, show them as a person reads them:
状态 已更正, 类型 增速, 是/否, 个百分点, a date-time for 录入时间.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from gxtrack.i18n import MESSAGES, t

# Row keys whose values are fixed words, and the catalogue prefix of their wording.
WORD_KEYS = {
    "status": "status",
    "state": "state",
    "basis": "basis",
    "kind": "kind",
    "combine": "combine",
    "gap_unit": "gap_unit",
    "schedule": "schedule",
    "frequency": "frequency",
}
DATETIME_KEYS = frozenset({"recorded_at"})
_DUE = re.compile(r"^due (\d{1,2})$")


def field_label(key: str) -> str:
    """A row key as a person reads it, in the interface's language."""
    message = f"field.{key}"
    return t(message) if message in MESSAGES else key


def word(key: str, value: Any) -> Any:
    """The value as a person reads it; numbers, text and None as they are."""
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if not isinstance(value, str):
        return value
    prefix = WORD_KEYS.get(key)
    if prefix is not None:
        message = f"{prefix}.{value}"
        if message in MESSAGES:
            return t(message)
        due = _DUE.match(value) if key == "schedule" else None
        if due:
            return t("schedule.due", month=int(due.group(1)))
    return value


def recorded_time(value: Any) -> Any:
    """An ISO 8601 time as a date-time a spreadsheet sorts and filters: the wall time as
    recorded (a spreadsheet cell has no time zone)."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return value


def worded_rows(rows: Sequence[Mapping[str, object]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Rows with their fixed words and booleans worded (for CSV with --headers)."""
    return [{key: word(key, row.get(key)) for key in keys} for row in rows]
