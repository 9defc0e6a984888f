"""model/months.py in memory: months as people type them, and back to `YYYY-MM`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.months import MONTHS_IN_YEAR, month_label, parse_month


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2024-06", 6),
        ("2024-6", 6),
        ("2024/06", 6),
        ("2024.6", 6),
        ("2024年6月", 6),
        ("2024年12月", 12),
        (" 2024 - 01 ", 1),
        ("2024年 3 月", 3),
    ],
)
def test_the_forms_people_type(text: str, month: int) -> None:
    assert parse_month(text, 2024) == month


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("June", "month.malformed"),
        ("2024-", "month.malformed"),
        ("24-06", "month.malformed"),
        ("2024-006", "month.malformed"),
        ("2024-06-01", "month.malformed"),
        ("2024-13", "month.no_such"),
        ("2024-00", "month.no_such"),
        ("2023-06", "month.outside_year"),
    ],
)
def test_what_is_refused_and_why(text: str, key: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_month(text, 2024)
    month = int(text[5:7]) if key == "month.no_such" else 0
    expected = t(key, what=t("word.month"), text=text, year=2024, month=month)
    assert caught.value.message == expected


def test_a_month_of_another_year_gets_a_hint_and_the_caller_names_the_field() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_month("2025-01", 2024, what="--month")
    assert caught.value.message.startswith("--month ")
    assert caught.value.hint == t("month.outside_year.hint")


def test_labels_are_zero_padded() -> None:
    assert month_label(2024, 6) == "2024-06"
    assert month_label(2024, 12) == "2024-12"
    assert MONTHS_IN_YEAR == 12


SEPARATORS = st.sampled_from(["-", "/", ".", "年"])


@given(
    year=st.integers(min_value=2000, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
)
def test_label_then_parse_round_trips(year: int, month: int) -> None:
    assert parse_month(month_label(year, month), year) == month


@given(
    year=st.integers(min_value=2000, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
    separator=SEPARATORS,
    padded=st.booleans(),
    suffix=st.sampled_from(["", "月"]),
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_every_typed_form_means_the_same_month(
    year: int, month: int, separator: str, padded: bool, suffix: str, spaces: str
) -> None:
    number = f"{month:02d}" if padded else str(month)
    text = f"{spaces}{year}{spaces}{separator}{spaces}{number}{suffix}{spaces}"
    assert month_label(year, parse_month(text, year)) == month_label(year, month)


@given(st.text(max_size=12))
def test_any_text_is_a_month_of_the_year_or_a_clear_refusal(text: str) -> None:
    try:
        month = parse_month(text, 2024)
    except InvalidInputError as error:
        assert error.message  # one clear line, never another exception
        assert "\n" not in error.message or "\n" in text
    else:
        assert 1 <= month <= 12
