"""CSV cells a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxtrack.output.csv import cell, csv_bytes, csv_text
from gxtrack.output.formulas import is_safe, neutralise


@pytest.mark.parametrize(
    "dangerous",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", " =1", "\u00a0=1", "＝1", "\u3000+1"],
)
def test_formula_starts_are_neutralised(dangerous: str) -> None:
    assert neutralise(dangerous) == "'" + dangerous


def test_numbers_stay_numbers() -> None:
    assert cell(D("-3.1")) == "-3.1"
    assert cell(D("5000")) == "5000"
    assert cell(D("1E+3")) == "1000"
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell("新增省级专精特新中小企业") == "新增省级专精特新中小企业"


def test_bom_for_excel() -> None:
    assert csv_bytes("a\r\n").startswith(b"\xef\xbb\xbf")
    assert not csv_bytes("a\r\n", bom=False).startswith(b"\xef\xbb\xbf")


def test_csv_text_reads_back() -> None:
    text = csv_text([{"code": "1.1", "name": '增长, "率"', "value": D("-1.5")}])
    assert list(csv.DictReader(io.StringIO(text))) == [
        {"code": "1.1", "name": '增长, "率"', "value": "-1.5"}
    ]


@given(st.text(max_size=30))
def test_every_exported_text_cell_is_safe_and_safe_cells_are_unchanged(text: str) -> None:
    exported = cell(text)
    assert is_safe(exported)
    if is_safe(text):
        assert exported == text
    else:
        assert exported == "'" + text


def test_rows_with_missing_keys_and_one_column() -> None:
    text = csv_text([{"a": 1, "b": "x"}, {"a": 2}])
    assert text.splitlines() == ["a,b", "1,x", "2,"]
    assert csv_text([{"a": "=1"}]).splitlines() == ["a", "'=1"]
    assert csv_text([]).splitlines() == [""]
