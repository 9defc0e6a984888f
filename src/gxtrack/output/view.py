"""A report as the renderers take it: titles, headers and summaries in words, the rows.

`output/present/` makes one from a report's typed data (`gxtrack.reports`); the table,
Markdown, CSV, JSON and workbook renderers write it. Row values stay raw (Decimals
unrounded, codes): a table rounds and words them by the column's `Style`, CSV and JSON
write them exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

Row = Mapping[str, object]


class Style(StrEnum):
    """How a table shows a column's values."""

    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    STATUS = "status"  # the status word, in the interface's language and colour
    BAR = "bar"  # a progress bar of the row's goal_pct, coloured by its status
    WORD = "word"  # a fixed word (history states, "pp"), shown in the interface's language
    MARK = "mark"  # a status as one character (the unit matrix)
    GOAL = "goal"  # the goal as the source writes it (以内, 下降…以上, 左右, 力争)
    ATTAINMENT = "attainment"  # 完成率, or a cap's headroom
    CHANGE = "change"  # 同比 in words
    ACTUAL = "actual"  # a figure, and its period where not the as-of month (Q2, 6月)


class Column(NamedTuple):
    key: str
    header: str  # a message key (i18n/catalogue.py): headers follow the interface's language
    style: Style = Style.TEXT
    min_width: int | None = None  # set for a text column that may wrap (names, notes)
    drop: int = 0  # on a narrow terminal, higher numbers are hidden first; 0 never
    fallback: str | None = None  # the key to show where `key` is empty (name_en -> name)


# On a narrow terminal, columns give way in this order, first to last: bars,
# projections, the 力争 (stretch) mark, 同比 (year on year: yoy, change_…), the period,
# expected (序时进度), the unit. A role is a column key or its prefix (a bar: any BAR
# column), so a column a report adds later falls into place by its key. They all go
# before any column of the report's own `drop` order; code, name, actual, goal, 完成率,
# 序时完成率 and status stay at 80 columns.
GIVE_WAY = ("bar", "projection", "stretch", "yoy", "change", "period", "expected", "unit")


def give_way(column: Column) -> int:
    """How early `column` is hidden on a narrow terminal: higher first, 0 never."""
    role = "bar" if column.style is Style.BAR else column.key
    for rank, prefix in enumerate(GIVE_WAY):
        if role.startswith(prefix):
            return 100 + len(GIVE_WAY) - rank
    return column.drop


class Group(NamedTuple):
    """Rows shown together in a table, under a title, with a summary line."""

    title: str
    rows: Sequence[Row]
    summary: str | None = None


@dataclass(frozen=True)
class Report:
    """A report, ready for any renderer."""

    name: str
    title: str
    columns: list[Column]
    rows: Sequence[Row]  # every row, with every key: CSV columns are these keys
    rows_key: str  # the key under which JSON lists the rows
    groups: list[Group] = field(default_factory=list)  # the table's body; empty = one group
    footer: str | None = None
    meta: dict[str, object] = field(default_factory=dict)  # JSON keys besides the rows
    compact: bool = False  # narrow gaps between columns (the unit matrix)

    def document(self) -> dict[str, object]:
        """The JSON document: metadata, then the rows."""
        return {"report": self.name, **self.meta, self.rows_key: self.rows}
