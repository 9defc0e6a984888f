"""Numbers as people type and paste them, checked by the same rules everywhere.

A value typed on the command line, imported from a spreadsheet or written into the data
file by hand goes through `parse_value` or `check_value`, so every path refuses the
same things: NaN, infinities, exponents, empty text, a negative count, a fraction of an
enterprise.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gxtrack.errors import InvalidInputError
from gxtrack.messages import t
from gxtrack.terms import Kind

# Far beyond any figure a plan tracks; stops 1e309-style values that would overflow a float.
MAX_MAGNITUDE = Decimal("1e15")

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DONE_WORDS = frozenset({"done", "yes", "y", "true", "完成", "已完成", "是"})
_NOT_DONE_WORDS = frozenset({"not done", "no", "n", "false", "未完成", "否"})
# Minus signs that NFKC leaves alone but spreadsheets and word processors produce.
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"})


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, signs, points and commas (１２，５００．５) into ASCII.
    # str.strip also takes the non-breaking and ideographic spaces pasted figures carry.
    return unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()


def parse_value(text: str, kind: Kind, *, percent: bool = False) -> Decimal:
    """Read a value typed or pasted by a person for an indicator of `kind`.

    Accepts full-width digits (`１２`), thousands separators (`5,000`), a trailing `%`
    for a percent indicator, and `done`/`完成` for a milestone.
    """
    normalised = _normalise(text)
    lowered = normalised.lower()
    if kind is Kind.MILESTONE:
        if lowered in _DONE_WORDS:
            return Decimal(1)
        if lowered in _NOT_DONE_WORDS:
            return Decimal(0)
    if not normalised:
        raise InvalidInputError(t("number.empty"))
    if percent and normalised.endswith("%"):
        normalised = normalised[:-1]
    if _GROUPED_NUMBER.match(normalised):
        normalised = normalised.replace(",", "")
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


def check_value(value: Decimal, kind: Kind) -> Decimal:
    """Apply the rules of `kind` to a value, from whatever source it came."""
    if not value.is_finite():
        raise InvalidInputError(t("number.not_finite", value=value))
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidInputError(t("number.too_large", value=value))
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


def to_plain(value: Decimal) -> int | float:
    """A Decimal as the JSON/CSV number a program expects: int when whole, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
