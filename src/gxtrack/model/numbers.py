"""Numbers as people type and paste them, checked by the same rules everywhere.

A value typed on the command line, imported from a spreadsheet or written into the data
file by hand goes through `parse_value` or `check_value`, so every path refuses the
same things: NaN, infinities, exponents, empty text, a negative count, a fraction of an
enterprise, and figures no plan holds (more than 15 significant digits, or a speck
below 0.000001) that could not be written out and read back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.terms import Kind

# Far beyond any figure a plan tracks; stops 1e309-style values that would overflow a float.
MAX_MAGNITUDE = Decimal("1e15")
# What a double keeps exactly: Excel and most JSON readers hold numbers as doubles, so a
# 16th digit (99999999999999.99) would come back changed (…98).
MAX_SIGNIFICANT_DIGITS = 15
# Below this a non-zero figure is a slipped decimal point, not a plan figure.
MIN_MAGNITUDE = Decimal("0.000001")

# [0-9], not \d: \d also matches Devanagari, Arabic-Indic and other digits.
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_GROUPED_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
# The digits gxtrack reads: ASCII 0-9 and the full-width ０-９ (U+FF10-FF19) that Chinese
# input methods type. Anything else Unicode counts as a digit or a number (¹², ४, 𝟓, ⑤,
# ٣) is refused: NFKC and Decimal would quietly read a superscript ¹² as 12.
_READABLE_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DONE_WORDS = frozenset({"done", "yes", "y", "true", "完成", "已完成", "是"})
_NOT_DONE_WORDS = frozenset({"not done", "no", "n", "false", "未完成", "否"})
# Minus signs that NFKC leaves alone but spreadsheets and word processors produce.
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"})


def foreign_digit(text: str) -> str | None:
    """The first character of `text` that is a digit or number gxtrack does not read."""
    return next(
        (
            char
            for char in text
            if char not in _READABLE_DIGITS and unicodedata.numeric(char, None) is not None
        ),
        None,
    )


def refuse_foreign_digits(text: str) -> None:
    """Refuse `text` (exit 3) if it holds a digit other than 0-9 or ０-９."""
    char = foreign_digit(text)
    if char is not None:
        raise InvalidInputError(
            t("number.foreign_digit", text=text, char=char, code=f"U+{ord(char):04X}"),
            hint=t("number.foreign_digit.hint"),
        )


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, signs, points and commas (１２，５００．５) into ASCII.
    # str.strip also takes the non-breaking and ideographic spaces pasted figures carry.
    return unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()


def parse_value(text: str, kind: Kind, *, percent: bool = False, unit: str = "") -> Decimal:
    """Read a value typed or pasted by a person for an indicator of `kind` in `unit`.

    Accepts full-width digits (`１２`), thousands separators (`5,000`, `1 234`), a
    trailing `%` for a percent indicator, `done`/`完成` for a milestone, a release's
    words before a rate (`同比增长5.3%`, `比上年下降0.5`), and the indicator's unit or
    a magnitude word after the number, converted exactly (`8家`; `1256万` for 万人 is
    1256; `1.413万亿` for 亿斤 is 14130). Other digits (¹², ४) are refused.
    """
    if kind is Kind.RATE and "百分点" in text:  # before 百 is taken for a foreign digit
        raise InvalidInputError(
            t("number.points_not_rate", text=text), hint=t("number.points_not_rate.hint")
        )
    # Before NFKC, which would make a superscript ¹² a 12; 万 and 亿 are magnitude words here.
    refuse_foreign_digits(text.replace("万", "").replace("亿", ""))
    normalised = _normalise(text)
    if kind is Kind.RATE:
        normalised = _without_comparison(normalised)
    normalised, factor = _unit_words(text, normalised, unit)
    if "万" in normalised or "亿" in normalised:  # 1万2: not a number a release writes
        raise InvalidInputError(t("number.not_a_number", text=text))
    if factor != 1:
        # The number before the word may be a fraction (1.2万 enterprises): kind's rules
        # apply to the converted figure.
        lenient = Kind.RATE if kind is Kind.RATE else Kind.AMOUNT
        converted = parse_value(normalised, lenient, percent=percent) * factor
        return check_value(Decimal(plain_text(converted)), kind)  # 1.413E+4 as 14130
    lowered = normalised.lower()
    if kind is Kind.MILESTONE:
        if lowered in _DONE_WORDS:
            return Decimal(1)
        if lowered in _NOT_DONE_WORDS:
            return Decimal(0)
    if not normalised:
        raise InvalidInputError(t("number.empty"))
    if kind is Kind.RATE:
        sign, normalised = _bulletin_words(text, normalised)
        if sign == 0:
            return Decimal(0)
        if sign < 0:
            try:
                return check_value(-parse_value(normalised, kind, percent=percent), kind)
            except InvalidInputError as error:
                if normalised:  # the number after the word is wrong: name the whole text
                    raise InvalidInputError(t("number.not_a_number", text=text)) from error
                raise
    if normalised.endswith("%"):
        bare = normalised[:-1]
        if percent:
            normalised = bare
        elif _PLAIN_NUMBER.match(bare) or _GROUPED_NUMBER.match(bare):
            # A number in percent (typed, or a cell Excel formats as a percentage) for an
            # indicator that is not one: reading it as the bare number would change it.
            raise InvalidInputError(
                t("number.percent_not_allowed", text=normalised, kind=t(f"kind.{kind.value}"))
            )
    if _GROUPED_NUMBER.match(normalised):
        normalised = normalised.replace(",", "")
    elif _SPACED_NUMBER.match(normalised):
        normalised = normalised.replace(" ", "")
    if not _PLAIN_NUMBER.match(normalised):
        hint = None
        if any(char.isspace() for char in normalised):
            hint = t("number.spaces.hint")
        elif "," in normalised:
            hint = t("number.grouping.hint")
        elif "%" in normalised:
            hint = t("number.percent.hint")
        raise InvalidInputError(t("number.not_a_number", text=text), hint=hint)
    try:
        value = Decimal(normalised)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InvalidInputError(t("number.not_a_number", text=text)) from None
    return check_value(value, kind)


# 1 234 567.5: thousands set apart by spaces (NFKC has made thin and no-break ones plain).
_SPACED_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}( [0-9]{3})+(\.[0-9]+)?$")
# A number, then words: `8家`, `1256万`, `14130 亿斤`, `1.413万亿`.
# Control characters never make a unit: such text is left to be refused as no number.
_CONTROL = r"\x00-\x1f\x7f-\x9f"
_NUMBER_THEN_WORDS = re.compile(
    rf"^(?P<number>[+-]?[0-9][0-9., ]*)\s*(?P<words>[^\s0-9.,%+\-{_CONTROL}][^0-9%{_CONTROL}]*)$"
)
# Magnitude words, longest first: 万亿 is 10^12, not 万 then 亿.
_MAGNITUDES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
# What a release writes before a rate's change: 同比增长5.3%, 比上年下降0.5.
_COMPARED_WITH = ("比上年同期", "比去年同期", "比上年", "比去年", "较上年", "较去年", "同比")


def _magnitude(words: str) -> tuple[Decimal, str]:
    """(10^k, what is left): 万亿斤 -> (10^12, 斤), 亿元 -> (10^8, 元), 家 -> (1, 家)."""
    for word, factor in _MAGNITUDES:
        if words.startswith(word):
            return factor, words.removeprefix(word)
    return Decimal(1), words


def _unit_words(text: str, normalised: str, unit: str) -> tuple[str, Decimal]:
    """The number without the words after it, and the factor those words give in `unit`.

    `1.413万亿` for 亿斤: 10^12 / 10^8 = 10^4, so 1.413 x 10^4 = 14130. The words must be
    the unit's own (家 for 家), a magnitude word, or both (亿斤); anything else is refused.
    """
    found = _NUMBER_THEN_WORDS.match(normalised)
    if found is None:
        return normalised, Decimal(1)
    words = found.group("words").strip()
    said, said_base = _magnitude(words)
    own, own_base = _magnitude(_normalise(unit))
    if said_base and said_base != own_base:
        raise InvalidInputError(
            t("number.other_unit", text=text, words=words, unit=unit or "—"),
            hint=t("number.other_unit.hint", unit=unit or "—"),
        )
    return found.group("number").strip(), said / own


def _without_comparison(normalised: str) -> str:
    """同比增长5.3% -> 增长5.3%: the comparison is what a rate already means."""
    for words in _COMPARED_WITH:
        if normalised.startswith(words):
            return normalised.removeprefix(words).strip()
    return normalised


# A rate as a statistical bulletin writes it: 下降2.6 is -2.6, 增长1.2 is 1.2, 持平 is 0.
_DOWN_WORDS = ("下降", "降低", "减少", "回落")
_UP_WORDS = ("增长", "提高", "上升")
_FLAT_WORD = "持平"


def _bulletin_words(text: str, normalised: str) -> tuple[int, str]:
    """The sign a bulletin's word gives a rate (-1, 1, 0 for 持平; 1 without a word) and
    the number after it. A signed number after a word (下降-2.6) and a change in
    percentage points (个百分点) are refused: either would be read wrong."""
    if normalised == _FLAT_WORD:
        return 0, normalised
    for words, sign in ((_DOWN_WORDS, -1), (_UP_WORDS, 1)):
        for word in words:
            if normalised.startswith(word):
                rest = normalised.removeprefix(word).strip()
                if rest[:1] in ("+", "-"):
                    raise InvalidInputError(
                        t("number.word_and_sign", text=text, word=word),
                        hint=t("number.word_and_sign.hint", word=word),
                    )
                return sign, rest
    return 1, normalised


def check_value(value: Decimal, kind: Kind) -> Decimal:
    """Apply the rules of `kind` to a value, from whatever source it came."""
    check_magnitude(value)
    if kind is Kind.RATE:
        return value
    if value < 0:
        raise InvalidInputError(
            t("number.negative", value=value, kind=t(f"kind.{kind.value}")),
            hint=t("number.negative.hint"),
        )
    if kind is Kind.COUNT and value != value.to_integral_value():
        raise InvalidInputError(t("number.not_whole", value=value))
    if kind is Kind.SHARE and value > 100:
        raise InvalidInputError(t("number.share_over_100", value=value))
    if kind is Kind.MILESTONE and value not in (0, 1):
        raise InvalidInputError(t("number.milestone", value=value))
    return value


def check_magnitude(value: Decimal) -> Decimal:
    """A figure a plan can hold, whatever its kind: finite, below 10^15, not a speck
    below 0.000001 (zero aside), and at most 15 significant digits, so that it is
    written to JSON, CSV and Excel and read back unchanged."""
    if not value.is_finite():
        raise InvalidInputError(t("number.not_finite", value=value))
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidInputError(t("number.too_large", value=plain_text(value)))
    if value != 0 and abs(value) < MIN_MAGNITUDE:
        raise InvalidInputError(
            t("number.too_small", value=plain_text(value), least=plain_text(MIN_MAGNITUDE))
        )
    digits = significant_digits(value)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise InvalidInputError(
            t(
                "number.too_precise",
                value=plain_text(value),
                digits=digits,
                most=MAX_SIGNIFICANT_DIGITS,
            )
        )
    return value


def significant_digits(value: Decimal) -> int:
    """The digits that carry the value: 0.0720 has 2 (7, 2), 99999999999999.99 has 16."""
    coefficient = "".join(str(digit) for digit in value.as_tuple().digits)
    return len(coefficient.strip("0"))


def plain_text(value: Decimal) -> str:
    """A Decimal written out exactly, in plain notation: `0.3`, `25`, `0.0000001`.

    For JSON and CSV: `str` would give `1E-7` and `float` would change a 16th digit.
    Trailing zeros after the point say nothing about the value and are left off (55.00
    is written 55), as is the sign of a zero.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def to_plain(value: Decimal) -> int | Decimal:
    """A Decimal as a plain number: an int when whole (55.00 is 55), else the Decimal as
    it is (exact; a spreadsheet writer turns it into the double Excel holds)."""
    if value == value.to_integral_value():
        return int(value)
    return value
