"""Values as people type them: the same rules on every path."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
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


# ── Values with their words, as releases write them ───────────────────────────────────


@pytest.mark.parametrize(
    ("text", "kind", "unit", "value"),
    [
        ("8家", Kind.COUNT, "家", D(8)),
        ("１２家", Kind.COUNT, "家", D(12)),  # full-width digits, then the unit
        ("8 家", Kind.COUNT, "家", D(8)),
        ("1 234", Kind.COUNT, "家", D(1234)),  # a space between thousands
        ("1\u00a0234\u202f567", Kind.COUNT, "家", D(1234567)),  # no-break and thin spaces
        ("1 234.5", Kind.AMOUNT, "亿元", D("1234.5")),
        ("1256万", Kind.AMOUNT, "万人", D(1256)),  # 1256 x 10^4 / 10^4
        ("1256万人", Kind.AMOUNT, "万人", D(1256)),
        ("14130亿斤", Kind.AMOUNT, "亿斤", D(14130)),
        ("1.413万亿", Kind.AMOUNT, "亿斤", D(14130)),  # 1.413 x 10^12 / 10^8 = 14130
        ("1.413万亿斤", Kind.AMOUNT, "亿斤", D(14130)),
        ("2.5亿元", Kind.AMOUNT, "万元", D(25000)),  # 2.5 x 10^8 / 10^4
        ("1.2万", Kind.COUNT, "家", D(12000)),  # 1.2 x 10^4 / 1
        ("300万元", Kind.AMOUNT, "亿元", D("0.03")),  # 300 x 10^4 / 10^8, exactly
    ],
)
def test_a_number_followed_by_its_unit_or_a_magnitude_word(
    text: str, kind: Kind, unit: str, value: D
) -> None:
    assert parse_value(text, kind, unit=unit) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("同比增长5.3%", D("5.3")),
        ("比上年增长5.3", D("5.3")),
        ("同比下降0.5%", D("-0.5")),
        ("比上年同期降低1.2", D("-1.2")),
        ("较上年提高0.8%", D("0.8")),
        ("增长5.3%", D("5.3")),
    ],
)
def test_a_rate_with_its_release_words(text: str, value: D) -> None:
    assert parse_value(text, Kind.RATE, percent=True, unit="%") == value


@pytest.mark.parametrize(
    ("text", "kind", "unit", "key"),
    [
        ("8人", Kind.COUNT, "家", "number.other_unit"),  # another unit
        ("5亿元", Kind.AMOUNT, "亿斤", "number.other_unit"),
        ("1万2", Kind.COUNT, "家", "number.not_a_number"),
        ("1.23456万", Kind.COUNT, "家", "number.not_whole"),  # 12345.6 enterprises
        ("12 34", Kind.COUNT, "家", "number.not_a_number"),  # not thousands
        ("¹²家", Kind.COUNT, "家", "number.foreign_digit"),
    ],
)
def test_words_that_do_not_convert_are_refused_with_the_reason(
    text: str, kind: Kind, unit: str, key: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_value(text, kind, unit=unit)
    prefix = t(key, text=text, words="人", unit=unit, value=D("12345.6"), char="¹", code="U+00B9")
    assert raised.value.message.split(":")[0] == prefix.split(":")[0]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from([("万", 4), ("亿", 8), ("万亿", 12)]),
    st.sampled_from([("亿斤", 8), ("万斤", 4), ("斤", 0)]),
)
def test_magnitude_words_convert_exactly(
    number: int, said: tuple[str, int], unit: tuple[str, int]
) -> None:
    words, power = said
    name, unit_power = unit
    value = D(number).scaleb(-3)  # three decimals: 1.413 and the like
    expected = value.scaleb(power - unit_power)
    if value.is_zero() or expected >= D(10) ** 15 or expected.adjusted() < -6:
        return  # beyond what a plan figure may be: refused, as tested above
    assert parse_value(f"{value}{words}", Kind.AMOUNT, unit=name) == expected
