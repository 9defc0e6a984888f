"""output/workbook.py in memory: cells, formats, colours and widths of a sheet."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal as D

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from gxtrack.i18n import t, use_language
from gxtrack.output.words import field_label
from gxtrack.output.workbook import (
    DATETIME_FORMAT,
    MAX_WIDTH,
    NUMBER_FORMAT,
    PERCENT_FORMAT,
    STATUS_FILLS,
    WHOLE_FORMAT,
    add_sheet,
    excel_value,
)


def test_cell_values() -> None:
    assert excel_value(D("55.00")) == 55 and isinstance(excel_value(D("55.00")), int)
    assert excel_value(D("7.25")) == 7.25  # a double, as Excel holds numbers
    assert excel_value([D("0.1"), D("1.00"), "x"]) == "0.1, 1, x"
    # Text stays as typed: the sheet stores it as text (see test_text_is_stored_as_text).
    assert excel_value("=HYPERLINK(1)") == "=HYPERLINK(1)"
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
        ["1.1", 7.2, None, "achieved", "=1+1"],  # text, shown as typed, never run
    ]
    assert sheet["E3"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_numbers_get_formats_and_statuses_colours() -> None:
    sheet = sheet_of(ROWS)
    assert sheet["B2"].number_format == WHOLE_FORMAT  # 100: "#,##0.##" would show "100."
    assert sheet["B3"].number_format == NUMBER_FORMAT  # 7.2
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


# ── Workbooks leadership reads ──


def test_widths_come_from_what_is_shown_not_the_double_behind_it() -> None:
    # 1.1666666666666667 shows as "1.17" (#,##0.##): the column is as wide as that.
    rows: list[dict[str, object]] = [
        {"code": "6.2", "goal": D(7) / D(6), "goal_pct": D(100) / D(3), "status": None}
    ]
    sheet = sheet_of(rows)
    # B: header "Annual goal" is 11 wide, "1.17" only 4: 11 + 2 of margin + 1 of the
    # indent that keeps a number off the next column = 14.
    # C: "33.3%" is 5 wide; the header "% of goal" is 9: 9 + 2 + 1 = 12.
    assert sheet.column_dimensions["B"].width == 14
    assert sheet.column_dimensions["C"].width == 12
    assert sheet["B1"].alignment.horizontal == "right"  # over its numbers
    assert sheet["B2"].alignment.horizontal == "right" and sheet["B2"].alignment.indent == 1
    assert sheet["A1"].alignment.horizontal == "left"


def test_multi_line_notes_wrap_in_taller_rows() -> None:
    rows: list[dict[str, object]] = [
        {"code": "2.4", "goal": None, "goal_pct": None, "status": None, "note": "一\n二\n三"}
    ]
    sheet = sheet_of(rows)
    assert sheet["E2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height == 45  # three lines of 15 points


def test_words_booleans_and_times_in_the_interface_language() -> None:
    use_language("zh")
    keys = ["state", "kind", "combine", "schedule", "gap_unit", "in_force", "recorded_at"]
    row: dict[str, object] = {
        "state": "superseded",
        "kind": "rate",
        "combine": "last",
        "schedule": "due 6",
        "gap_unit": "pp",
        "in_force": False,
        "recorded_at": "2024-07-02T09:15:00+08:00",
    }
    book = Workbook()
    book.remove(book.worksheets[0])
    add_sheet(book, "x", keys, [row])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    values = [cell.value for cell in sheet[2]]
    assert values[:6] == ["已更正", "增速", "取最新累计", "6月到期", "个百分点", "否"]
    assert values[6] == datetime(2024, 7, 2, 9, 15)  # the wall time as recorded
    assert sheet["G2"].number_format == DATETIME_FORMAT
    assert [cell.value for cell in sheet[1]][5:] == ["有效", "录入时间"]


def test_a_printed_sheet_is_a4_landscape_fitted_to_width_with_its_header() -> None:
    sheet = sheet_of(ROWS)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4 in the OOXML list of paper sizes
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    page = sheet.sheet_properties.pageSetUpPr
    assert page is not None and page.fitToPage
    assert sheet.print_title_rows == "$1:$1"
