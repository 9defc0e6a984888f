"""output/csv.py in memory: every cell written and read back by a CSV reader."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from gxtrack.output.csv import cell, csv_bytes, csv_text
from gxtrack.output.formulas import is_safe, neutralise

# Decimals a plan can hold: at most 15 significant digits, plain, of either sign.
NUMBERS = st.decimals(
    min_value=D("-999999999"), max_value=D("999999999"), places=6, allow_nan=False
)


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_text_cells_read_back_as_written_or_with_one_apostrophe(texts: list[str]) -> None:
    rows = [{f"k{i}": text for i, text in enumerate(texts)}]
    header, line = read_back(csv_text(rows))
    assert header == list(rows[0])
    for text, back in zip(texts, line, strict=True):
        # Line breaks, quotes and commas survive; a formula start gets exactly one "'".
        assert back == (text if is_safe(text) else "'" + text)
        assert back == neutralise(text)


@given(st.lists(NUMBERS, min_size=1, max_size=5))
def test_number_cells_read_back_exactly(values: list[D]) -> None:
    rows = [{f"k{i}": value for i, value in enumerate(values)}]
    _, line = read_back(csv_text(rows))
    assert [D(back) for back in line] == values  # "-3.1" stays a number, not "'-3.1"
    assert all("E" not in back for back in line)


@given(st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12)))
def test_other_cells(value: bool | int | None) -> None:
    if value is None:
        expected = ""
    elif isinstance(value, bool):
        expected = "true" if value else "false"
    else:
        expected = str(value)
    assert cell(value) == expected
    assert read_back(csv_text([{"k": value}]))[1] == [expected]


def test_lists_and_odd_values_worked_by_hand() -> None:
    # A seasonal schedule: [0.1, 0.25, 1] written plainly, one cell.
    assert cell([D("0.10"), D("0.25"), D(1)]) == "[0.1, 0.25, 1]"
    assert cell(D("1E-7")) == "0.0000001"
    assert cell(D("-0")) == "0"


def test_rows_missing_keys_and_the_bom() -> None:
    text = csv_text([{"a": 1, "b": "x"}, {"b": "=y"}])
    assert read_back(text) == [["a", "b"], ["1", "x"], ["", "'=y"]]
    assert csv_bytes("a\n") == b"\xef\xbb\xbfa\n"
    assert csv_bytes("a\n", bom=False) == b"a\n"
