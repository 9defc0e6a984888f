"""Values as people type them: the same rules on every path."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.errors import InvalidInputError
from gxtrack.model.numbers import check_value, parse_value
from gxtrack.model.terms import Kind


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("55", Kind.COUNT, D(55)),
        ("5,000", Kind.COUNT, D(5000)),
        ("1,234,567", Kind.COUNT, D(1234567)),
        ("１２", Kind.COUNT, D(12)),  # full-width digits from a Chinese IME
        ("５，０００", Kind.COUNT, D(5000)),
        (" 42\u00a0", Kind.COUNT, D(42)),  # pasted with a non-breaking space
        ("-1.5", Kind.RATE, D("-1.5")),
        ("\u22121.5", Kind.RATE, D("-1.5")),  # the minus sign Word and Excel produce
        ("－3.1", Kind.RATE, D("-3.1")),  # full-width minus
        ("7.2%", Kind.RATE, D("7.2")),
        ("+2.5", Kind.RATE, D("2.5")),
        (".5", Kind.AMOUNT, D("0.5")),
        ("12.5", Kind.SHARE, D("12.5")),
        ("done", Kind.MILESTONE, D(1)),
        ("完成", Kind.MILESTONE, D(1)),
        ("1", Kind.MILESTONE, D(1)),
        ("0", Kind.MILESTONE, D(0)),
    ],
)
def test_accepted(text: str, kind: Kind, expected: D) -> None:
    assert parse_value(text, kind, percent=kind in (Kind.RATE, Kind.SHARE)) == expected


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("", Kind.COUNT, "empty"),
        ("   ", Kind.COUNT, "empty"),
        ("abc", Kind.COUNT, "not a number"),
        ("nan", Kind.RATE, "not a number"),
        ("NaN", Kind.RATE, "not a number"),
        ("inf", Kind.RATE, "not a number"),
        ("-inf", Kind.RATE, "not a number"),
        ("1e309", Kind.RATE, "not a number"),
        ("1e3", Kind.COUNT, "not a number"),
        ("5,00", Kind.COUNT, "not a number"),
        ("1 5", Kind.COUNT, "not a number"),
        ("-3", Kind.COUNT, "negative"),
        ("1.5", Kind.COUNT, "whole"),
        ("-0.5", Kind.AMOUNT, "negative"),
        ("101", Kind.SHARE, "more than 100"),
        ("2", Kind.MILESTONE, "milestone"),
        ("7.2%", Kind.COUNT, "is a percentage, but a count is not"),
        ("9999999999999999", Kind.COUNT, "too large"),
    ],
)
def test_refused(text: str, kind: Kind, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_value(text, kind)


def test_thousands_hint() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_value("5,00", Kind.COUNT)
    assert caught.value.hint is not None and "5,000" in caught.value.hint


def test_check_value_refuses_non_finite_decimals_from_files() -> None:
    for bad in (D("nan"), D("inf"), D("-inf")):
        with pytest.raises(InvalidInputError):
            check_value(bad, Kind.RATE)


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_any_plain_rate_round_trips(value: D) -> None:
    assert parse_value(f"{value:f}", Kind.RATE) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_counts_with_or_without_separators_agree(value: int) -> None:
    assert parse_value(f"{value:,}", Kind.COUNT) == parse_value(str(value), Kind.COUNT) == value
