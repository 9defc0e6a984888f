"""Text a spreadsheet must not read as a formula: the one rule for CSV and workbooks.

A cell that starts (perhaps after spaces a spreadsheet skips) with what starts a formula
in Excel, WPS or LibreOffice, in ASCII or full width, is prefixed with an apostrophe, so
that a note such as `=HYPERLINK(…)` is shown as typed and never run.
"""

from __future__ import annotations

# What starts a formula in Excel, WPS or LibreOffice, in ASCII and full width.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
# Spaces a spreadsheet skips before it looks for a formula.
LEADING_BLANKS = " \u00a0\u3000"


def neutralise(text: str) -> str:
    """Make a text cell safe: `=1+1` becomes `'=1+1`; anything else is unchanged."""
    if text and (text[0] in FORMULA_STARTS or text.lstrip(LEADING_BLANKS)[:1] in FORMULA_STARTS):
        return "'" + text
    return text


def is_safe(text: str) -> bool:
    """True when a spreadsheet will not read `text` as a formula."""
    return not text or (
        text[0] not in FORMULA_STARTS and text.lstrip(LEADING_BLANKS)[:1] not in FORMULA_STARTS
    )
