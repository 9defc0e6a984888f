"""Period labels as statistics releases write them: `1—3月`, `一季度`, `上半年`, `当月`...

A release heads its value columns (or fills its 月份 column) with the period a figure
covers. `parse_period_label` reads such a label into its closing month and its basis:
a year-to-date figure (`1—6月`, `上半年`, `6月末`, `累计`), a single month's figure
(`6月`, `2024年6月`, `当月`) or one quarter on its own (`二季度`). It is pure and never
raises: text that is no period label gives None, so a caller can try a heading and move on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

# "ytd": months 1 to the closing month together; "month": the closing month alone;
# "quarter": the three months ending at the closing month (二季度 is April to June).
PeriodBasis = Literal["ytd", "month", "quarter"]

_MONTHS_IN_YEAR = 12

# Dashes and tildes releases put between two months; NFKC has already made －/～ ASCII.
_RANGE = r"\s*(?:-|—|–|―|‒|~|〜|至|到)+\s*"
_YEAR = r"(?:(?P<year>[0-9]{4})\s*年\s*)?"
_CUMULATIVE_WORDS = r"(?:累计|累计值|合计)?"
_SINGLE_MONTH_WORDS = r"(?:份|当月|单月)?"

_YEAR_TO_DATE = re.compile(
    rf"^{_YEAR}1{_RANGE}(?P<month>[0-9]{{1,2}})\s*月(?:份)?\s*{_CUMULATIVE_WORDS}$"
)
_MONTH_END = re.compile(rf"^{_YEAR}(?P<month>[0-9]{{1,2}})\s*月\s*(?:末|底)$")
_SINGLE_MONTH = re.compile(rf"^{_YEAR}(?P<month>[0-9]{{1,2}})\s*月\s*{_SINGLE_MONTH_WORDS}$")
_ISO_MONTH = re.compile(r"^(?P<year>[0-9]{4})\s*[-/.]\s*(?P<month>[0-9]{1,2})$")
_QUARTER = re.compile(rf"^{_YEAR}第?\s*(?P<quarter>[一二三四1-4])\s*季度\s*{_CUMULATIVE_WORDS}$")
_NAMED_SPAN = re.compile(
    rf"^{_YEAR}(?P<span>上半年|前三季度|前3季度|全年|全年累计)\s*{_CUMULATIVE_WORDS}$"
)

_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NAMED_SPAN_MONTHS = {"上半年": 6, "前三季度": 9, "前3季度": 9, "全年": 12, "全年累计": 12}
# Headings with no month of their own: the month is the one the figures are read for.
_BARE_WORDS: dict[str, PeriodBasis] = {
    "当月": "month",
    "本月": "month",
    "当月值": "month",
    "本月值": "month",
    "单月": "month",
    "累计": "ytd",
    "累计值": "ytd",
    "本年累计": "ytd",
    "本月累计": "ytd",
    "1至本月累计": "ytd",
    "年初至今": "ytd",
}


@dataclass(frozen=True, slots=True)
class PeriodLabel:
    """What a release's period label says.

    `closing_month` is None for a label with no month of its own (`当月`, `累计`): the
    figure is for the month being read. `year` is None unless the label names one.
    """

    basis: PeriodBasis
    closing_month: int | None
    year: int | None = None

    @property
    def is_year_to_date(self) -> bool:
        return self.basis == "ytd"

    @property
    def is_single_month(self) -> bool:
        return self.basis == "month"

    @property
    def first_month(self) -> int | None:
        """The first month the figure covers (1 for a year-to-date figure)."""
        if self.basis == "ytd":
            return 1
        if self.closing_month is None:
            return None
        return self.closing_month - 2 if self.basis == "quarter" else self.closing_month


def _normalise(text: str) -> str:
    # NFKC: full-width digits and signs (１—３月, 1～3月, 1－3月) become ASCII; the
    # ideographic and non-breaking spaces of pasted headings become plain ones.
    return unicodedata.normalize("NFKC", text).strip()


def _year(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


def _with_month(basis: PeriodBasis, match: re.Match[str]) -> PeriodLabel | None:
    month = int(match.group("month"))
    if not 1 <= month <= _MONTHS_IN_YEAR:
        return None
    return PeriodLabel(basis, month, _year(match))


def _quarter(match: re.Match[str]) -> PeriodLabel:
    quarter = _QUARTER_NUMBERS[match.group("quarter")]
    # 一季度 is months 1-3 together, a year-to-date figure like 1—3月; 二季度 is a quarter alone.
    basis: PeriodBasis = "ytd" if quarter == 1 else "quarter"
    return PeriodLabel(basis, quarter * 3, _year(match))


def parse_period_label(text: str) -> PeriodLabel | None:
    """The period `text` names, or None if it is not a period label.

    `1—6月`, `1-6月`, `1～6月`, `1至6月`, `1—6月累计`, `上半年`, `2024年1—6月`,
    `6月末` and `6月底` close at June year to date; `一季度`/`第一季度` is 1—3月,
    `前三季度` 1—9月, `全年` 1—12月; `二季度` is April to June alone; `6月`,
    `2024年6月`, `2024-06` are June alone; `当月`/`本月` a single month and `累计` a
    year-to-date figure for the month being read.
    """
    label = _normalise(text)
    compact = re.sub(r"\s+", "", label)
    if compact in _BARE_WORDS:
        return PeriodLabel(_BARE_WORDS[compact], None)
    if match := _YEAR_TO_DATE.match(label):
        return _with_month("ytd", match)
    if match := _MONTH_END.match(label):
        return _with_month("ytd", match)
    if match := _SINGLE_MONTH.match(label):
        return _with_month("month", match)
    if match := _ISO_MONTH.match(label):
        return _with_month("month", match)
    if match := _QUARTER.match(label):
        return _quarter(match)
    if match := _NAMED_SPAN.match(label):
        return PeriodLabel("ytd", _NAMED_SPAN_MONTHS[match.group("span")], _year(match))
    return None
