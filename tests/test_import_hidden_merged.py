"""Hidden and merged cells in a filled-in sheet are never read silently.

A value in a hidden row or column is imported (the department typed it) and the summary
says so; a value cell merged over the rows of two indicators is refused naming the merged
range; a merged code, month or note belongs to every row it covers. Built with openpyxl
and as hand-written OpenDocument XML, and re-saved by LibreOffice as .xls and .ods (the
program departments use), which must keep what the reader sees."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from gxtrack.errors import ExitCode
from gxtrack.output.sheet_cells import Merge
from gxtrack.output.sheet_files import read_sheets

from .conftest import Cli
from .office import needs_office, soffice_convert
from .test_import_sheets import ODS_HEAD, ods_cell, zip_bytes

TITLE = "永州市工信局2024年7月重点指标填报表"
HIDDEN_ROWS: list[list[Any]] = [
    [TITLE],
    ["代码", "名称", "7月数值", "备注"],
    ["2.4", "新增省级专精特新中小企业", 8, None],
    ["2.5", "新增规模以上工业企业", 1, "含一家迁入"],  # row 4, hidden
    ["2.6", "空行", None, None],
]
MERGED_ROWS: list[list[Any]] = [
    ["代码", "名称", "7月数值", "备注"],
    ["2.4", "新增省级专精特新中小企业", 8, None],
    ["2.5", "新增规模以上工业企业", None, None],
]


def book(path: Path, rows: list[list[Any]], **layout: Any) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "填报"
    for row in rows:
        sheet.append(row)
    for number in layout.get("hidden_rows", ()):
        sheet.row_dimensions[number].hidden = True
    for letter in layout.get("hidden_columns", ()):
        sheet.column_dimensions[letter].hidden = True
    for cells in layout.get("merges", ()):
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def hidden_book(path: Path) -> Path:
    return book(path, HIDDEN_ROWS, hidden_rows=[4], hidden_columns=["D"])


def merged_book(path: Path) -> Path:
    return book(path, MERGED_ROWS, merges=["C2:C3"])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


HIDDEN_LINES = (
    "  ! 填报!C4: imported from hidden row 4 (2.5)",
    # one note (D4) was read from the hidden 备注 column
    "  ! 填报!D2: column “备注” is hidden; 1 cell imported from it",
)


def assert_hidden_import(cli: Cli, name: str) -> None:
    dry = cli("import", name, "--dry-run")
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert all(line in lines for line in HIDDEN_LINES), dry.output
    # the summary counts stay what they were: 2.4 and 2.5 to add, 2.6 empty
    assert "2 to add, 0 to correct, 0 unchanged, 1 empty" in dry.output
    real = cli("import", name)
    assert real.exit_code == 0, real.output
    assert all(line in real.output.splitlines() for line in HIDDEN_LINES)
    records = json.loads(cli("history", "2.5", "-f", "json").output)["records"]
    assert [(r["value"], r["note"]) for r in records] == [(1, "含一家迁入")]


def assert_merged_refused(cli: Cli, name: str, workdir: Path) -> None:
    before = digest(workdir / "actuals.toml")
    result = cli("import", name)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "  填报!C2:C3: one value cell merged over the rows of 2.4、2.5; one figure cannot "
        "belong to two indicators: unmerge it and type each row's value"
    ) in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert digest(workdir / "actuals.toml") == before  # byte for byte


def test_hidden_row_and_column_are_imported_and_said(cli: Cli, workdir: Path) -> None:
    hidden_book(workdir / "hidden.xlsx")
    assert_hidden_import(cli, "hidden.xlsx")


def test_hidden_lines_in_chinese(cli: Cli, workdir: Path) -> None:
    hidden_book(workdir / "hidden.xlsx")
    result = cli("import", "hidden.xlsx", "--dry-run", "--lang", "zh")
    assert "  ! 填报!C4：取自隐藏的第 4 行（2.5）" in result.output.splitlines()
    assert "  ! 填报!D2：“备注”列是隐藏列；已从中导入 1 个单元格" in result.output.splitlines()


def test_nothing_hidden_says_nothing(cli: Cli, workdir: Path) -> None:
    book(workdir / "plain.xlsx", HIDDEN_ROWS)
    result = cli("import", "plain.xlsx", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "hidden" not in result.output


def test_a_value_merged_over_two_indicators_is_refused(cli: Cli, workdir: Path) -> None:
    merged_book(workdir / "merged.xlsx")
    assert_merged_refused(cli, "merged.xlsx", workdir)
    zh = cli("import", "merged.xlsx", "--lang", "zh", "--dry-run")
    assert zh.exit_code == ExitCode.INVALID_INPUT
    assert "填报!C2:C3：一个数值单元格合并跨越了 2.4、2.5 的行" in zh.stderr


def test_a_merged_note_belongs_to_every_row_it_covers(cli: Cli, workdir: Path) -> None:
    rows = [list(row) for row in MERGED_ROWS] + [["1.1", "规模工业增加值增长", 3, None]]
    rows[1][3] = "待统计局反馈"
    book(workdir / "note.xlsx", rows, merges=["D2:D3"])
    result = cli("import", "note.xlsx")
    assert result.exit_code == 0, result.output
    # 2.4 and 1.1 values; 2.5 has the merged note and no value: a note for July
    assert "2 to add, 0 to correct, 0 unchanged, 0 empty, 1 note without a value" in result.output
    for code, expected in (("2.4", [(8, "待统计局反馈")]), ("2.5", [(None, "待统计局反馈")])):
        records = json.loads(cli("history", code, "-f", "json").output)["records"]
        assert [(r["value"], r["note"]) for r in records] == expected
    records = json.loads(cli("history", "1.1", "-f", "json").output)["records"]
    assert [(r["value"], r["note"]) for r in records] == [(3, None)]  # D4 not merged


def test_a_value_merged_with_its_code_over_one_indicator_is_one_value(
    cli: Cli, workdir: Path
) -> None:
    # Code and value both merged over rows 2-3: the sheet shows 2.4 once with 8; row 3
    # holds nothing of its own (an empty row under the merge).
    book(workdir / "one.xlsx", MERGED_ROWS, merges=["A2:A3", "C2:C3"])
    result = cli("import", "one.xlsx")
    assert result.exit_code == 0, result.output
    assert "1 to add, 0 to correct, 0 unchanged, 1 empty" in result.output


def ods_table(body: str, columns: str = "") -> bytes:
    xml = (
        ODS_HEAD + f'<table:table table:name="填报">{columns}{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": xml.encode("utf-8"),
        }
    )


def ods_row(values: list[Any], attributes: str = "") -> str:
    return f"<table:table-row{attributes}>" + "".join(map(ods_cell, values)) + "</table:table-row>"


def test_ods_hidden_rows_columns_and_spans_are_seen(tmp_path: Path) -> None:
    # Columns A-B shown, C collapsed, D filtered; row 3 collapsed (repeated twice: 3 and 4);
    # the value in B5 spans two rows, the cell below it covered.
    columns = (
        '<table:table-column table:number-columns-repeated="2"/>'
        '<table:table-column table:visibility="collapse"/>'
        '<table:table-column table:visibility="filter"/>'
    )
    spanned = (
        "<table:table-row>"
        + ods_cell("2.4")
        + '<table:table-cell table:number-rows-spanned="2" office:value-type="float" '
        'office:value="8"><text:p>8</text:p></table:table-cell></table:table-row>'
        "<table:table-row>" + ods_cell("2.5") + "<table:covered-table-cell/></table:table-row>"
    )
    body = (
        ods_row(["代码", "数值"])
        + ods_row(["2.6", 1])
        + ods_row(["2.7", 2], ' table:visibility="collapse" table:number-rows-repeated="2"')
        + spanned
    )
    (sheet,) = read_sheets(tmp_path / "s.ods", ods_table(body, columns))
    assert sheet.hidden_rows == {3, 4}
    assert sheet.hidden_columns == {2, 3}
    assert sheet.merges == (Merge(5, 1, 6, 1),)


def test_ods_merged_value_is_refused(cli: Cli, workdir: Path) -> None:
    body = (
        ods_row(["代码", "名称", "7月数值"])
        + "<table:table-row>"
        + ods_cell("2.4")
        + ods_cell("甲")
        + '<table:table-cell table:number-rows-spanned="2" office:value-type="float" '
        'office:value="8"><text:p>8</text:p></table:table-cell></table:table-row>'
        "<table:table-row>"
        + ods_cell("2.5")
        + ods_cell("乙")
        + "<table:covered-table-cell/></table:table-row>"
    )
    (workdir / "merged.ods").write_bytes(ods_table(body))
    assert_merged_refused(cli, "merged.ods", workdir)


def test_a_merge_reference_that_is_not_a_range_is_ignored(tmp_path: Path) -> None:
    from gxtrack.output.sheet_files import _a1_range

    assert _a1_range("D5:D6") == Merge(5, 3, 6, 3)
    assert _a1_range("$AA$10:$AB$12") == Merge(10, 26, 12, 27)
    for junk in ("", "D5", "D5:", "5D:6D", "D5:D6:D7", "ABCD1:A2"):
        assert _a1_range(junk) is None


def test_overlapping_merges_visit_each_row_once() -> None:
    from gxtrack.output.sheet_import import _spans

    # A crafted file: the same column merged over and over across the whole sheet.
    merges = [Merge(2, 3, 20_000, 3)] * 5 + [Merge(5, 3, 6, 3), Merge(20_001, 2, 20_002, 4)]
    assert _spans(merges, 3, left_edge=False) == [
        Merge(2, 3, 20_000, 3),
        Merge(20_001, 2, 20_002, 4),
    ]
    assert _spans(merges, 3, left_edge=True) == [Merge(2, 3, 20_000, 3)]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_sheet_of_merges_is_refused(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setattr("gxtrack.output.sheet_files.MAX_MERGES", 1)
    if kind == "xlsx":
        book(workdir / "m.xlsx", MERGED_ROWS, merges=["A2:A3", "D2:D3"])
    else:
        span = (
            '<table:table-cell table:number-rows-spanned="2" office:value-type="string">'
            "<text:p>2.4</text:p></table:table-cell>"
        )
        rows = ods_row(["代码", "数值"]) + f"<table:table-row>{span}{span}</table:table-row>"
        (workdir / "m.ods").write_bytes(ods_table(rows))
    result = cli("import", f"m.{kind}", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "a sheet has more than 1 merged ranges; a fill-in sheet has far fewer" in result.stderr


@needs_office
@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_libreoffice_keeps_what_the_reader_sees(cli: Cli, workdir: Path, kind: str) -> None:
    """The sheets re-saved by LibreOffice as .xls (xlrd: rowinfo_map, colinfo_map,
    merged_cells) and .ods (visibility, spans) read as the .xlsx did."""
    sources = [hidden_book(workdir / "hidden.xlsx"), merged_book(workdir / "merged.xlsx")]
    hidden, merged = soffice_convert(sources, kind, workdir / "out")
    assert_merged_refused(cli, str(merged), workdir)
    assert_hidden_import(cli, str(hidden))
