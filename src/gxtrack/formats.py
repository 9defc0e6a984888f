"""The output formats a command can write (kept apart so the CLI imports it cheaply)."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
