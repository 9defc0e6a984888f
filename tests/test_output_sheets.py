"""output/sheets.py: fill-in templates and reading them back, from plans built in memory."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t, use_language
from gxtrack.model.recording import Entry
from gxtrack.output.sheet_files import read_sheets
from gxtrack.output.sheet_import import SheetEntries, entries_from, find_headers
from gxtrack.output.sheets import (
    TEMPLATE_KEYS,
    template_bytes,
    template_keys,
    template_rows,
)
from tests.inmemory import indicator, ledger, plan_of, record, unit

PLAN = plan_of(
    indicator("A", goal=120, unit_goals={"X": 70, "Y": 50}),
    indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
    indicator("C", area="2", by_unit=False),
    units=[unit("X"), unit("Y")],
)
LEDGER = ledger(
    record("A", 1, "10"),
    record("A", 3, "30"),
    record("A", 4, "99"),  # April itself: not "last" for an April sheet
    record("A", 2, "8", unit="X"),
)


def read_rows(path: Path, raw: bytes) -> list[list[str]]:
    """The first sheet's cells as text, empty rows and trailing empty cells left out."""
    sheet = read_sheets(path, raw)[0]
    return [[cell.text if cell else "" for cell in cells] for _, cells in sheet.rows]


def read_entries(path: Path, month: str | None = None) -> SheetEntries:
    sheets = read_sheets(path, path.read_bytes())
    return entries_from(find_headers(str(path), sheets, None, PLAN, None)[0], month, PLAN)


def test_the_citys_rows_for_april() -> None:
    rows = template_rows(PLAN, LEDGER, 4)
    a, r, c = rows
    # A: last value before April is March's 30; expected 120 x 4/12 = 40.
    assert (a["goal"], a["last_value"], a["last_month"], a["expected"]) == (
        D(120),
        D(30),
        "2024-03",
        D(40),
    )
    assert (a["month"], a["reporting_unit"], a["value"], a["note"]) == ("2024-04", "", None, None)
    # R is a flat rate: 9 expected every month; nothing recorded yet.
    assert (r["goal"], r["last_value"], r["last_month"], r["expected"]) == (D(9), None, None, D(9))
    assert c["code"] == "C"


def test_a_units_rows_carry_its_own_goal() -> None:
    rows = template_rows(PLAN, LEDGER, 4, unit="X")
    # C is not split among units; R has no unit goals, so no goal and nothing expected.
    assert [row["code"] for row in rows] == ["A", "R"]
    a, r = rows
    # X's goal 70; expected 70 x 4/12 = 280/12; its last value February's 8.
    assert (a["goal"], a["expected"], a["last_value"]) == (D(70), D(280) / 12, D(8))
    assert (r["goal"], r["expected"]) == (None, None)
    assert a["reporting_unit"] == "X"


def test_an_area_filter_and_the_unit_column() -> None:
    assert [row["code"] for row in template_rows(PLAN, LEDGER, 4, area="2")] == ["C"]
    assert template_keys(PLAN)[:3] == ("month", "reporting_unit", "code")
    assert template_keys(plan_of(indicator("A"))) == TEMPLATE_KEYS


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_filled_template_reads_back_as_entries(tmp_path: Path, suffix: str) -> None:
    keys = template_keys(PLAN)
    rows = template_rows(PLAN, LEDGER, 4)
    rows[0].update(value="45", note="=含新增")  # a formula-looking note is kept as text
    path = tmp_path / f"sheet{suffix}"
    path.write_bytes(template_bytes(path, keys, rows))
    cells = read_rows(path, path.read_bytes())
    assert cells[0][:3] == [t("field.month"), t("field.reporting_unit"), t("field.code")]
    read = read_entries(path)
    # Only A was filled in: R and C are empty rows. The value is column I (month, unit,
    # code, name, unit, goal, last value, last month, expected, value). CSV keeps the
    # apostrophe that defuses a formula; a workbook stores the note as text, without it.
    note = "'=含新增" if suffix == ".csv" else "=含新增"
    sheet = "sheet" if suffix == ".csv" else "'Fill in'"  # Excel quotes a name with a space
    assert read.entries == [Entry(f"{sheet}!J2", "A", "45", "2024-04", note)]
    assert read.empty == 2


def test_chinese_headers_and_words_departments_use(tmp_path: Path) -> None:
    text = "代码,完成值,情况说明,单位代码\n'A,12,说明,X\n,,,\nR,,,\n"
    path = tmp_path / "报表.csv"
    path.write_bytes(text.encode("gb18030"))  # as Excel in China saves CSV
    read = read_entries(path, "2024-05")
    # The apostrophe Excel keeps before a code is dropped; the month comes from the option.
    assert read.entries == [Entry("报表!B2", "A", "12", "2024-05", "说明", False, "X")]
    assert read.empty == 1  # a row with a code and neither value nor note (blank rows vanish)


def test_a_sheet_without_code_and_value_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("名称,备注\na,b\n", "utf-8")
    with pytest.raises(InvalidInputError) as caught:
        read_entries(path)
    assert caught.value.message == t("import.no_header", path=path, rows=100, sheets="“x”")


def test_xlsx_cells_as_the_person_saw_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["month", "code", "value"])
    sheet.append([datetime(2024, 6, 1), "2.4", 0.072])  # Excel made "2024-06" a date
    sheet["C2"].number_format = "0.0%"  # shown as 7.2%
    sheet.append(["2024-06", "5.2", 0.1 + 0.2])  # a double's noise: 0.30000000000000004
    sheet.append(["2024-06", "5.3", 1234])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "a.xlsx"
    path.write_bytes(buffer.getvalue())
    assert read_rows(path, path.read_bytes())[1:] == [
        ["2024-06", "2.4", "7.2%"],  # 0.072 x 100, with the % the person saw
        ["2024-06", "5.2", "0.3"],  # 15 significant digits, as Excel shows it
        ["2024-06", "5.3", "1234"],
    ]


def test_a_tab_separated_utf16_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("code\tvalue\n2.4\t7\n".encode("utf-16"))  # Excel's "Unicode text"
    assert read_rows(path, path.read_bytes()) == [["code", "value"], ["2.4", "7"]]


def test_a_byte_that_is_no_encoding_is_shown_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"code,value\n2.4,\xff7\n")
    with pytest.raises(InvalidInputError) as caught:
        read_rows(path, path.read_bytes())
    # Line 2, column 5: after "2.4," (4 characters).
    assert f"{path}:2:5" in caught.value.message and "0xFF" in caught.value.message


def test_an_unknown_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.numbers"
    path.write_bytes(b"")
    with pytest.raises(InvalidInputError) as caught:
        read_rows(path, path.read_bytes())
    assert caught.value.message == t("import.unknown_type", path=path)


def test_a_template_in_chinese(tmp_path: Path) -> None:
    use_language("zh")
    path = tmp_path / "t.csv"
    keys = template_keys(PLAN)
    content = template_bytes(path, keys, template_rows(PLAN, LEDGER, 4))
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    header = content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["月份", "填报单位", "代码"] == [t(f"field.{key}") for key in keys[:3]]
