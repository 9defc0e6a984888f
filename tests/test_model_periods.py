"""model/periods.py in memory: the period labels statistics releases head their figures with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.model.periods import PeriodLabel, parse_period_label


@pytest.mark.parametrize(
    ("text", "closing_month"),
    [
        ("1—3月", 3),
        ("1-3月", 3),
        ("1～3月", 3),  # full-width tilde, NFKC makes it ~
        ("1~3月", 3),
        ("1－3月", 3),  # full-width hyphen
        ("1–3月", 3),  # en dash
        ("1至3月", 3),
        ("1 — 3 月", 3),
        ("1—3月累计", 3),
        ("1-12月累计", 12),
        ("１—１２月", 12),  # full-width digits
        ("1—6月份", 6),
        ("一季度", 3),  # months 1-3 together
        ("第一季度", 3),
        ("1季度", 3),
        ("上半年", 6),
        ("前三季度", 9),
        ("全年", 12),
        ("6月末", 6),  # a stock at the end of June: what has accumulated by then
        ("12月底", 12),
        ("累计", None),  # no month of its own: the month being read
        ("本年累计", None),
    ],
)
def test_year_to_date_labels_close_at_their_month(text: str, closing_month: int | None) -> None:
    assert parse_period_label(text) == PeriodLabel("ytd", closing_month)


@pytest.mark.parametrize(
    ("text", "closing_month"),
    [("6月", 6), ("6 月", 6), ("12月份", 12), ("１月", 1), ("本月", None), ("当月", None)],
)
def test_single_month_labels(text: str, closing_month: int | None) -> None:
    label = parse_period_label(text)
    assert label == PeriodLabel("month", closing_month)
    assert label is not None and label.is_single_month and not label.is_year_to_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年1—3月", PeriodLabel("ytd", 3, 2024)),
        ("2024年1-3月累计", PeriodLabel("ytd", 3, 2024)),
        ("2024年6月", PeriodLabel("month", 6, 2024)),
        ("2024-06", PeriodLabel("month", 6, 2024)),
        ("2024/6", PeriodLabel("month", 6, 2024)),
        ("2024年一季度", PeriodLabel("ytd", 3, 2024)),
        ("2024年上半年", PeriodLabel("ytd", 6, 2024)),
        ("2023年全年", PeriodLabel("ytd", 12, 2023)),
        ("2024年6月末", PeriodLabel("ytd", 6, 2024)),
    ],
)
def test_labels_that_name_their_year(text: str, expected: PeriodLabel) -> None:
    assert parse_period_label(text) == expected


def test_a_later_quarter_alone_is_its_three_months() -> None:
    # 二季度 = April, May, June: first month 6 - 2 = 4; 四季度 = 10..12.
    second = parse_period_label("二季度")
    assert second == PeriodLabel("quarter", 6)
    assert second is not None and second.first_month == 4
    assert parse_period_label("第四季度") == PeriodLabel("quarter", 12)
    assert PeriodLabel("ytd", 9).first_month == 1
    assert PeriodLabel("month", 9).first_month == 9


@pytest.mark.parametrize(
    "text",
    [
        "",
        "值",
        "单位",
        "1—13月",  # no 13th month
        "1—0月",
        "0月",
        "13月",
        "2—3月",  # does not start at January: not a year-to-date figure
        "五季度",
        "1—३月",  # a Devanagari 3 is no month
        "2024年",
        "下半年",
        "1—3",
        "月",
        "1—3月=cmd|' /C calc'!A0",
    ],
)
def test_other_text_is_no_period_label(text: str) -> None:
    assert parse_period_label(text) is None


@given(
    month=st.integers(min_value=1, max_value=12),
    dash=st.sampled_from(["—", "-", "～", "~", "至", "－", "–"]),
    year=st.one_of(st.none(), st.integers(min_value=2000, max_value=2099)),
    cumulative=st.booleans(),
    spaces=st.sampled_from(["", " ", "\u3000"]),
)
def test_every_year_to_date_spelling_reads_back(
    month: int, dash: str, year: int | None, cumulative: bool, spaces: str
) -> None:
    prefix = f"{year}年" if year is not None else ""
    text = f"{spaces}{prefix}1{dash}{month}月{'累计' if cumulative else ''}{spaces}"
    assert parse_period_label(text) == PeriodLabel("ytd", month, year)


@given(st.text(max_size=12))
def test_any_text_gives_a_label_or_none_and_never_raises(text: str) -> None:
    label = parse_period_label(text)
    if label is not None and label.closing_month is not None:
        assert 1 <= label.closing_month <= 12
