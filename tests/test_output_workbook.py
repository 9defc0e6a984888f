"""output/workbook.py in memory: cells, formats, colours and widths of a sheet."""

from __future__ import annotations

import io
from decimal import Decimal as D

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from gxtrack.i18n import t, use_language
from gxtrack.output.workbook import (
    MAX_WIDTH,
    NUMBER_FORMAT,
    PERCENT_FORMAT,
    STATUS_FILLS,
    add_sheet,
    excel_value,
    field_label,
)


def test_cell_values() -> None:
    assert excel_value(D("55.00")) == 55 and isinstance(excel_value(D("55.00")), int)
    assert excel_value(D("7.25")) == 7.25  # a double, as Excel holds numbers
    assert excel_value([D("0.1"), D("1.00"), "x"]) == "0.1, 1, x"
    assert excel_value("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert excel_value("  ＋1") == "'  ＋1"
    assert excel_value("正常") == "正常"
    assert excel_value(None) is None and excel_value(True) is True


def test_field_labels_follow_the_language() -> None:
    assert field_label("goal") == "Annual goal"
    assert field_label("no_such_key") == "no_such_key"
    use_language("zh")
    assert field_label("goal") == "全年目标"


ROWS: list[dict[str, object]] = [
    {"code": "2.4", "goal": D(100), "goal_pct": D("55.5"), "status": "behind", "note": None},
    {"code": "1.1", "goal": D("7.2"), "goal_pct": None, "status": "achieved", "note": "=1+1"},
]
KEYS = ["code", "goal", "goal_pct", "status", "note"]


def sheet_of(rows: list[dict[str, object]], title: str = "Status") -> Worksheet:
    book = Workbook()
    book.remove(book.worksheets[0])
    add_sheet(book, title, KEYS, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]


def test_a_sheet_read_back() -> None:
    sheet = sheet_of(ROWS)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [
        ["Code", "Annual goal", t("field.goal_pct"), t("field.status"), t("field.note")],
        ["2.4", 100, 55.5, "behind", None],
        ["1.1", 7.2, None, "achieved", "'=1+1"],
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_numbers_get_formats_and_statuses_colours() -> None:
    sheet = sheet_of(ROWS)
    assert sheet["B2"].number_format == NUMBER_FORMAT
    assert sheet["C2"].number_format == PERCENT_FORMAT  # a _pct key: 55.5 shows 55.5%
    assert sheet["A2"].number_format == "General"  # text stays text
    for cell, status in (("D2", "behind"), ("D3", "achieved")):
        assert sheet[cell].fill.fgColor.rgb == "00" + STATUS_FILLS[status]
    assert sheet["D2"].value == t("status.behind")


def test_columns_are_wide_enough_for_chinese_and_capped() -> None:
    rows: list[dict[str, object]] = [
        {"code": "中文名称十个字宽度", "goal": None, "goal_pct": None, "status": None}
    ]
    rows[0]["note"] = "x" * 200
    sheet = sheet_of(rows)
    # 9 Chinese characters are 18 columns wide, + 2 of margin; "Code" is only 4.
    assert sheet.column_dimensions["A"].width == 20
    assert sheet.column_dimensions["E"].width == MAX_WIDTH


def test_a_long_title_is_cut_to_excels_31_characters() -> None:
    sheet = sheet_of(ROWS, title="T" * 40)
    assert sheet.title == "T" * 31


def test_status_words_in_chinese() -> None:
    use_language("zh")
    sheet = sheet_of(ROWS)
    assert (sheet["D1"].value, sheet["D2"].value, sheet["D3"].value) == ("状态", "滞后", "已完成")
