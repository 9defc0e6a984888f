"""Sheets as departments fill them — title rows, renamed headers, the data on a
second sheet, two clerks on one sheet, notes without values, formulas never computed,
.xls/.ods, files whose name lies — read or refused in one clear line naming the cell."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gxtrack.errors import ExitCode, InvalidInputError
from gxtrack.model.recording import Action, prepare_batch
from gxtrack.model.records import Ledger
from gxtrack.output.sheet_cells import Kind
from gxtrack.output.sheet_files import read_sheets
from gxtrack.output.sheet_import import column_of, entries_from, find_headers
from tests.inmemory import indicator, plan_of

from .conftest import Cli

TITLE = "永州市工信局2024年7月重点指标填报表"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def workbook(path: Path, *sheets: tuple[str, list[list[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("数值", ("value", None, False)),
        ("本月数", ("value", None, False)),
        ("本月完成", ("value", None, False)),
        ("7月数值", ("value", 7, False)),
        ("2024年7月完成", ("value", 7, False)),
        (" 7 月 ", ("value", 7, False)),
        ("1—7月累计", ("value", 7, True)),
        ("1-7月累计完成", ("value", 7, True)),
        ("累计数", ("value", None, True)),
        ("Value", ("value", None, False)),
        ("指标代码", ("code", None, False)),
        ("情况说明", ("note", None, False)),
        ("上次数值", None),  # the template's last value: not what is being reported
        ("全年目标", None),
        ("13月数值", None),
    ],
)
def test_header_words_departments_use(header: str, named: object) -> None:
    assert column_of(header) == named


def test_a_title_a_merged_title_and_a_renamed_header_on_a_second_sheet(
    cli: Cli, workdir: Path
) -> None:
    path = workbook(
        workdir / "dept.xlsx",
        ("填报说明", [["请于每月5日前报送"], ["联系人：张三"]]),
        (
            "7月",
            [
                [TITLE],
                ["填报单位：市工信局", None, None, "单位：家"],
                ["代码", "指标名称", "7月数值", "备注"],
                ["2.4", "新增省级专精特新中小企业", 8, "含两家迁入"],
                ["2.5", "新增规模以上工业企业", None, "本月无新增"],
                ["填表人：李四"],
            ],
        ),
    )
    book = __import__("openpyxl").load_workbook(path)
    book["7月"].merge_cells("A1:D1")
    book.save(path)
    result = cli("import", "dept.xlsx")
    assert result.exit_code == 0, result.output
    assert "Reading sheet “7月”, header in row 3." in result.output
    # 2.4 recorded; 2.5 a note without a value; the signature row is empty (no value, no note).
    assert "1 to add, 0 to correct, 0 unchanged, 1 empty, 1 note without a value" in result.output
    assert "✎ 2024-07 2.5" in result.output and "本月无新增" in result.output
    history = json.loads(cli("history", "2.5", "-f", "json").output)["records"]
    assert [(r["month"], r["value"], r["state"], r["note"]) for r in history] == [
        ("2024-07", None, "note", "本月无新增")  # July, from the header 7月数值
    ]
    before = digest(workdir / "actuals.toml")
    again = cli("import", "dept.xlsx")
    assert "0 to add, 0 to correct, 2 unchanged" in again.output
    assert digest(workdir / "actuals.toml") == before  # the same sheet twice changes nothing


def test_two_fill_in_sheets_ask_for_one_and_sheet_picks_it(cli: Cli, workdir: Path) -> None:
    # Sheets named for no unit: which one is meant is the clerk's to say.
    rows: list[list[Any]] = [["代码", "数值"], ["2.4", 3]]
    workbook(workdir / "two.xlsx", ("初稿", rows), ("定稿", [["代码", "数值"], ["2.4", 4]]))
    result = cli("import", "two.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "several sheets look like fill-in sheets: “初稿”、“定稿”" in result.stderr
    assert "--sheet 初稿" in result.stderr
    picked = cli("import", "two.xlsx", "--month", "2024-07", "--sheet", "定稿")
    assert picked.exit_code == 0, picked.output
    assert json.loads(cli("history", "2.4", "-f", "json").output)["records"][0]["value"] == 4
    missing = cli("import", "two.xlsx", "--month", "2024-07", "--sheet", "零陵")
    assert "no sheet named “零陵”; the sheets are “初稿”、“定稿”" in missing.stderr


def test_two_clerks_one_sheet_same_value_is_one_different_values_are_refused(
    cli: Cli, workdir: Path
) -> None:
    same: list[list[Any]] = [
        ["代码", "数值", "备注"],
        ["2.4", 8, "甲"],
        ["2.4", "8", "乙"],
        ["2.5", 1, None],
    ]
    workbook(workdir / "same.xlsx", ("填报", same))
    result = cli("import", "same.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "2 to add" in result.output
    records = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    assert [(r["value"], r["note"]) for r in records] == [(8, "甲；乙")]  # one record
    before = digest(workdir / "actuals.toml")
    assert (
        "0 to add, 0 to correct, 2 unchanged" in cli("import", "same.xlsx", "-m", "2024-07").output
    )
    assert digest(workdir / "actuals.toml") == before
    other: list[list[Any]] = [["代码", "数值"], ["2.4", 8], ["2.5", 1], ["2.4", 9]]
    workbook(workdir / "other.xlsx", ("填报", other))
    refused = cli("import", "other.xlsx", "--month", "2024-07")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "填报!B2 and 填报!B4: two rows for 2.4 in the same month, 8 and 9" in refused.stderr
    assert digest(workdir / "actuals.toml") == before


def test_a_formula_never_computed_is_refused_naming_its_cell(cli: Cli, workdir: Path) -> None:
    # openpyxl writes the formula and no value, as a script would: Excel never opened it.
    workbook(workdir / "f.xlsx", ("Sheet1", [[TITLE], ["代码", "数值"], ["2.4", "=3+4"]]))
    result = cli("import", "f.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Sheet1!B3: a formula whose value was never computed" in result.stderr
    assert "open and save it in Excel or WPS first" in result.stderr
    assert not (workdir / "actuals.toml").exists()


def test_a_year_to_date_header_records_each_months_part(cli: Cli, workdir: Path) -> None:
    assert cli("record", "2.4", "55", "-m", "2024-06").exit_code == 0
    workbook(workdir / "ytd.xlsx", ("累计", [["代码", "1—7月累计"], ["2.4", 63]]))
    result = cli("import", "ytd.xlsx")
    assert result.exit_code == 0, result.output
    assert "year-to-date totals (累计)" in result.output
    # 63 to date is kept as typed; less June's 55 already recorded, July's part is 8.
    july = json.loads(cli("history", "2.4", "-f", "json").output)["records"][-1]
    assert (july["month"], july["value"], july["basis"], july["part"]) == ("2024-07", 63, "ytd", 8)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("ods", "the file is an OpenDocument spreadsheet (.ods), not .xlsx"),
        ("html", "the file is a web page (HTML), not .xlsx"),
        ("docx", "the file is a Word document (.docx), not .xlsx"),
    ],
)
def test_a_file_whose_name_lies_is_named_for_what_it_is(
    cli: Cli, workdir: Path, content: str, words: str
) -> None:
    raw = {
        "ods": ods_bytes([["代码", "数值"], ["2.4", 8]]),
        "html": "<html><table><tr><td>代码</td></tr></table></html>".encode(),
        "docx": zip_bytes({"word/document.xml": b"<w:document/>"}),
    }[content]
    (workdir / "in.xlsx").write_bytes(raw)
    result = cli("import", "in.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.splitlines()[0] == f"gxtrack: error: in.xlsx: {words} as its name says"
    assert "Traceback" not in result.output


def test_a_month_the_csv_turned_into_text_says_to_use_month(cli: Cli, workdir: Path) -> None:
    (workdir / "m.csv").write_text("月份,代码,数值\nJul-24,2.4,8\n", "utf-8")
    result = cli("import", "m.csv")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "m!A2: month “Jul-24” is a date as the spreadsheet showed it" in result.stderr
    assert "--month YYYY-MM" in result.stderr
    (workdir / "n.csv").write_text("代码,数值\n2.4,8\n", "utf-8")
    none = cli("import", "n.csv")
    assert "sheet “n” has no month column and its header names no month" in none.stderr
    assert "hint: say which month the values are for: --month YYYY-MM" in none.stderr


def test_a_header_month_and_another_month_option_disagree(cli: Cli, workdir: Path) -> None:
    workbook(workdir / "h.xlsx", ("S", [["代码", "7月数值"], ["2.4", 8]]))
    result = cli("import", "h.xlsx", "--month", "2024-08")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "S!B1: the header “7月数值” names another month than --month 2024-08" in result.stderr


# ── .ods read from its own XML ──────────────────────────────────────────────────────────

ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    "<office:body><office:spreadsheet>"
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ods_cell(value: Any) -> str:
    if isinstance(value, str) and value.startswith("<table:"):
        return value  # written out by the test
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def ods_bytes(rows: list[list[Any]], *, extra: str = "", content: str | None = None) -> bytes:
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    xml = content or (
        ODS_HEAD + f'<table:table table:name="填报">{body}{extra}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": xml.encode("utf-8"),
        }
    )


def test_ods_value_types_repeats_and_uncomputed_formulas(tmp_path: Path) -> None:
    # A percentage held as 0.072 (shown 7.2%), runs of spaces, empty rows written as one
    # element (counted, never built), then a formula with no value, then the million
    # empty rows LibreOffice writes to the sheet's end, 16,384 columns wide.
    empty_rows = (
        '<table:table-row table:number-rows-repeated="{n}"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    extra = (
        empty_rows.format(n=5) + "<table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>2.5</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float"/>'
        "</table:table-row>" + empty_rows.format(n=1048000)
    )
    percent = (
        '<table:table-cell office:value-type="percentage" office:value="0.072">'
        "<text:p>7.2%</text:p></table:table-cell>"
    )
    note = '一<text:s text:c="2"/>二'
    rows: list[list[Any]] = [["代码", "数值", "备注"], ["2.4", percent, note]]
    (sheet,) = read_sheets(tmp_path / "a.ods", ods_bytes(rows, extra=extra))
    assert sheet.name == "填报"
    (n1, _), (n2, row), (n3, formula) = sheet.rows
    assert (n1, n2, n3) == (1, 2, 8)  # rows 3-7 empty, still counted
    assert [c.text for c in row if c] == ["2.4", "7.2%", "一  二"]
    assert formula[1] is not None and formula[1].kind is Kind.UNCOMPUTED
    # Content far below any fill-in sheet is refused, not read for minutes.
    far = empty_rows.format(n=30000) + "<table:table-row>" + ods_cell("x") + "</table:table-row>"
    with pytest.raises(InvalidInputError) as caught:
        read_sheets(tmp_path / "a.ods", ods_bytes(rows, extra=far))
    assert "content beyond row 20,000" in caught.value.message


def test_an_ods_with_a_dtd_is_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + ODS_HEAD[len('<?xml version="1.0" encoding="UTF-8"?>') :]
        + '<table:table table:name="x"><table:table-row><table:table-cell><text:p>&b;</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with pytest.raises(InvalidInputError) as caught:
        read_sheets(tmp_path / "b.ods", ods_bytes([], content=bomb))
    assert "cannot be read as .ods: the file is damaged or incomplete" in caught.value.message


# ── Importing any sheet a second time changes nothing ───────────────────────────────────

PLAN = plan_of(
    indicator("A"), indicator("B", kind="amount"), indicator("C"), indicator("D", kind="rate")
)
cells = st.one_of(
    st.none(),
    st.integers(0, 500),
    st.decimals(0, 1000, places=2).map(str),
    st.sampled_from(["本月无新增", "待统计局反馈", " 含补报 "]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.booleans(),
    header=st.sampled_from(["数值", "本月数", "7月数值", "value", "本月完成"]),
    fills=st.lists(
        st.tuples(st.sampled_from("ABCD"), cells, st.sampled_from([None, "说明", "待核实"])),
        max_size=8,
    ),
    as_csv=st.booleans(),
)
def test_importing_any_fill_twice_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    title: bool,
    header: str,
    fills: list[tuple[str, Any, str | None]],
    as_csv: bool,
) -> None:
    # Rows that conflict are refused as a whole; any sheet that is read, applied once,
    # then read again, is all unchanged.
    rows: list[list[Any]] = [[TITLE]] if title else []
    rows.append(["代码", header, "备注"])
    rows += [[code, value, note] for code, value, note in fills]
    folder = tmp_path_factory.mktemp("fill")
    if as_csv:
        path = folder / "fill.csv"
        text = "\n".join(",".join("" if c is None else str(c) for c in r) for r in rows)
        path.write_text(text + "\n", "utf-8")
    else:
        path = workbook(folder / "fill.xlsx", ("填报", rows))
    try:
        sheets = read_sheets(path, path.read_bytes())
        header_found = find_headers(str(path), sheets, None, PLAN, None)[0]
        read = entries_from(header_found, "2024-07", PLAN)
        if read.problems:
            return
        first = prepare_batch(PLAN, Ledger.of([]), read.entries, source="s")
    except InvalidInputError:
        return  # a value the plan refuses (a rate typed with a note only is fine)
    written = [o.record for o in first if o.action is not Action.UNCHANGED]
    ledger = Ledger.of(written)
    again = prepare_batch(PLAN, ledger, read.entries, source="s")
    assert all(o.action is Action.UNCHANGED for o in again), again
    values = {o.record.code: o.record.value for o in first if o.record.value is not None}
    assert all(isinstance(v, D) for v in values.values())
