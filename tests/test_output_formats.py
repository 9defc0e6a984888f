"""output/formats.py in memory: numbers written for people, and read back by the parser."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import use_language
from gxtrack.model.numbers import (
    MAX_SIGNIFICANT_DIGITS,
    parse_value,
    plain_text,
    significant_digits,
)
from gxtrack.model.terms import Kind
from gxtrack.output.formats import format_number, format_percent, with_unit


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (D("1234567.891"), "1,234,567.89"),  # two decimals at most
        (D("55.00"), "55"),  # no trailing zeros
        (D("7.10"), "7.1"),
        (D("0.004"), "0"),
        (D("-3.14159"), "-3.14"),
        (12500, "12,500"),
        (0.1 + 0.2, "0.3"),  # a float is read through its shortest repr
        ("text", "text"),
    ],
)
def test_format_number(value: object, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (D("55.56"), "55.6%"), (D("100"), "100%"), (D("1234.04"), "1,234%")],
)
def test_format_percent(value: D | None, text: str) -> None:
    assert format_percent(value) == text


def test_halves_are_rounded_up_as_in_statistical_tables() -> None:
    # 0.125 -> 0.13; 0.005 -> 0.01; 55.65% -> 55.7%.
    assert (format_number(D("0.125")), format_number(D("0.005"))) == ("0.13", "0.01")
    assert format_percent(D("55.65")) == "55.7%"


def test_with_unit_follows_the_language() -> None:
    assert with_unit("55", "家") == "55 家"
    assert with_unit("7.2", "%") == "7.2%"
    assert with_unit("55", "") == "55"
    use_language("zh")
    assert with_unit("55", "家") == "55家"


# Amounts with at most two decimals: what format_number shows in full.
AMOUNTS = st.decimals(min_value=0, max_value=D("999999999999.99"), places=2)


@given(AMOUNTS)
def test_format_then_parse_round_trips(value: D) -> None:
    # "1,234,567.89" is read back by the same rules as a value typed or pasted.
    assert parse_value(format_number(value), Kind.AMOUNT) == value


@given(st.decimals(min_value=D("-999999"), max_value=D("999999"), places=2))
def test_a_rate_formatted_then_parsed_round_trips(value: D) -> None:
    assert parse_value(format_number(value), Kind.RATE) == value


@given(
    st.decimals(
        min_value=D("-99999999999999"), max_value=D("99999999999999"), places=6, allow_nan=False
    ).filter(lambda value: value == 0 or abs(value) >= D("0.000001"))
)
def test_plain_text_then_parse_round_trips(value: D) -> None:
    # Plain text is what JSON and CSV carry: exact, never an exponent.
    text = plain_text(value)
    assert "E" not in text and "e" not in text
    # At most 15 significant digits are accepted (14 + 6 may be more): then refused.
    if significant_digits(value) > MAX_SIGNIFICANT_DIGITS:
        with pytest.raises(InvalidInputError):
            parse_value(text, Kind.RATE)
    else:
        assert parse_value(text, Kind.RATE) == value
