"""Sheets as departments build them, through the CLI: a 台账 with the months across, a
sheet per county, codes and months a spreadsheet turned into numbers, blank words, words
in value cells, totals rows, a header far down, a semicolon CSV, Excel's used-range bloat.
Every test reads the figures back with `history --format json`."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from openpyxl import Workbook

from gxtrack.errors import ExitCode

from .conftest import ROOT, Cli, indicator, plan_document

sys.path.insert(0, str(ROOT / "bench"))
import bloated_sheet

SME = "新增省级专精特新中小企业"  # 2.4 in the bundled plan
ABOVE = "新增规模以上工业企业"  # 2.5


def workbook(path: Path, *sheets: tuple[str, Any]) -> Path:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def records(cli: Cli, code: str) -> list[tuple[str, str | None, Any, str | None]]:
    """(month, unit, value, note) of each record of `code`, as history --format json says."""
    result = cli("history", code, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["records"]
    return [(r["month"], r["unit"], r["value"], r["note"]) for r in rows]


def typed_and_parts(cli: Cli, code: str) -> list[tuple[str, Any, Any]]:
    """(month, the figure as typed, the month's own part derived from it) of each record."""
    result = cli("history", code, "-f", "json")
    assert result.exit_code == 0, result.output
    return [(r["month"], r["value"], r["part"]) for r in json.loads(result.output)["records"]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


# ── Months across ───────────────────────────────────────────────────────────────────────

ACROSS = [
    ["永州市2024年重点指标台账"],
    ["代码", "指标名称", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "备注"],
    ["2.4", SME, 3, 4, 5, 6, 7, 8, 9, "含迁入"],
    ["2.5", ABOVE, 2, None, "—", 1, None, None, 4, None],
]


def test_months_across_every_filled_cell_is_its_own_month(cli: Cli, workdir: Path) -> None:
    workbook(workdir / "ledger.xlsx", ("台账", ACROSS))
    result = cli("import", "ledger.xlsx")
    assert result.exit_code == 0, result.output
    # 2.4: seven months; 2.5: January, April and July (— is blank): 7 + 3 = 10 added.
    assert "10 to add, 0 to correct, 0 unchanged, 0 empty" in result.output
    assert "— 2024-01, 2024-02, 2024-03, 2024-04, 2024-05, 2024-06, 2024-07" in result.output
    assert "+ 2024-02 2.4" in result.output and "+ 2024-07 2.5" in result.output
    # The row's note goes with its first figure, not with all seven.
    assert records(cli, "2.4") == [
        ("2024-01", None, 3, "含迁入"),
        *[(f"2024-{m:02d}", None, m + 2, None) for m in range(2, 8)],  # Feb 4 … Jul 9
    ]
    assert records(cli, "2.5") == [
        ("2024-01", None, 2, None),
        ("2024-04", None, 1, None),
        ("2024-07", None, 4, None),
    ]


def test_month_picks_one_column_across(cli: Cli, workdir: Path) -> None:
    workbook(workdir / "ledger.xlsx", ("台账", ACROSS))
    result = cli("import", "ledger.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "2 to add" in result.output
    # The row's note goes with the one figure read.
    assert records(cli, "2.4") == [("2024-07", None, 9, "含迁入")]
    assert records(cli, "2.5") == [("2024-07", None, 4, None)]
    missing = cli("import", "ledger.xlsx", "--month", "2024-09")
    assert missing.exit_code == ExitCode.INVALID_INPUT
    assert "no column for --month 2024-09" in missing.stderr


@pytest.mark.parametrize("headings", [["2024-01", "2024-02"], ["2024年1月", "2024年2月"]])
def test_month_headings_as_years_write_them(cli: Cli, workdir: Path, headings: list[str]) -> None:
    rows: list[list[Any]] = [["代码", *headings], ["2.4", 3, 5]]
    (workdir / "in.csv").write_text("\n".join(",".join(map(str, r)) for r in rows), "utf-8")
    result = cli("import", "in.csv")
    assert result.exit_code == 0, result.output
    assert records(cli, "2.4") == [("2024-01", None, 3, None), ("2024-02", None, 5, None)]


# ── A sheet per unit ────────────────────────────────────────────────────────────────────


def county_book(path: Path, *, extra: tuple[str, Any] | None = None) -> Path:
    sheets = [
        ("填表说明", [["请各县市区于每月5日前报送"]]),
        ("祁阳市", [["代码", "数值"], ["2.4", 3]]),
        ("江华县", [["代码", "数值"], ["2.4", 2], ["2.5", 1]]),
        ("道县工信局", [["代码", "数值"], ["2.4", 4]]),
    ]
    return workbook(path, *sheets, *([extra] if extra else []))


def test_a_sheet_per_county_is_recorded_for_each(cli: Cli, workdir: Path) -> None:
    county_book(workdir / "counties.xlsx")
    result = cli("import", "counties.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "Reading sheet “江华县” for 江华瑶族自治县, header in row 1." in result.output
    assert "+ 2024-07 江华瑶族自治县 2.5" in result.output
    assert "1 to add, 0 to correct, 0 unchanged, 0 empty — 2024-07 道县" in result.output
    # 3 + 2 + 4 = 9 for 2.4 across the three counties; the city's own figure is theirs.
    assert records(cli, "2.4") == [
        ("2024-07", "qiyang", 3, None),
        ("2024-07", "jianghua", 2, None),
        ("2024-07", "daoxian", 4, None),
    ]
    assert records(cli, "2.5") == [("2024-07", "jianghua", 1, None)]
    status = json.loads(cli("status", "-f", "json").output)
    actual = {row["code"]: row["actual"] for row in status["indicators"]}
    assert actual["2.4"] == 9


def test_a_fill_in_sheet_named_for_no_unit_among_county_sheets_is_refused(
    cli: Cli, workdir: Path
) -> None:
    county_book(workdir / "counties.xlsx", extra=("Sheet1", [["代码", "数值"], ["2.4", 5]]))
    before = digest(workdir / "actuals.toml")
    result = cli("import", "counties.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "sheet “Sheet1” has a fill-in header but names no reporting unit" in result.stderr
    assert digest(workdir / "actuals.toml") == before


def test_unit_option_takes_a_name(cli: Cli, workdir: Path) -> None:
    (workdir / "in.csv").write_text("代码,数值,单位代码\n2.4,3,\n2.5,1,祁阳\n", "utf-8")
    result = cli("import", "in.csv", "--unit", "祁阳", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "+ 2024-07 祁阳市 2.4" in result.output
    assert records(cli, "2.4") == [("2024-07", "qiyang", 3, None)]
    assert records(cli, "2.5") == [("2024-07", "qiyang", 1, None)]
    other = workdir / "other.csv"
    other.write_text("代码,数值,单位代码\n2.4,3,道县\n", "utf-8")
    refused = cli("import", str(other), "--unit", "祁阳", "--month", "2024-07")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "other!C2: unit “道县” is not qiyang（祁阳市）" in refused.stderr


# ── Codes and names ─────────────────────────────────────────────────────────────────────


@pytest.fixture
def two_codes(workdir: Path) -> Path:
    """A plan with 2.1 and 2.10: a number cell holding 2.1 could be either."""
    document = plan_document(
        indicator("2.1", area="2", name="培育五十亿级企业", goal=10),
        indicator("2.10", area="2", name="新增上市企业", goal=10),
    )
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    return workdir


def test_a_number_code_that_fits_two_codes_is_refused_naming_its_cell(
    cli: Cli, two_codes: Path
) -> None:
    workbook(two_codes / "n.xlsx", ("填报", [["代码", "数值"], [2.1, 3]]))
    result = cli("import", "n.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "填报!A2: the number 2.1 could be code 2.1、2.10" in result.stderr


def test_a_name_column_settles_the_code(cli: Cli, two_codes: Path) -> None:
    rows = [["代码", "指标名称", "数值"], [2.1, "新增上市企业", 3], [2.1, "培育五十亿级企业", 1]]
    workbook(two_codes / "n.xlsx", ("填报", rows))
    result = cli("import", "n.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert records(cli, "2.10") == [("2024-07", None, 3, None)]
    assert records(cli, "2.1") == [("2024-07", None, 1, None)]


def test_a_shifted_row_is_refused_naming_both_cells(cli: Cli, workdir: Path) -> None:
    rows = [["代码", "指标名称", "数值"], ["2.4", ABOVE, 3], ["9.9", SME, 1]]
    workbook(workdir / "s.xlsx", ("填报", rows))
    result = cli("import", "s.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"填报!B2: the name “{ABOVE}” is not that of 2.4 in 填报!A2" in result.stderr
    assert "填报!A3: no indicator 9.9 in the plan" in result.stderr  # the code's cell


def test_a_sheet_of_names_without_codes(cli: Cli, workdir: Path) -> None:
    rows = [
        ["指标名称", "本月数"],
        [SME, 3],
        ["New industrial enterprises above designated size", 2],
    ]
    workbook(workdir / "names.xlsx", ("填报", rows))
    result = cli("import", "names.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert records(cli, "2.4") == [("2024-07", None, 3, None)]
    assert records(cli, "2.5") == [("2024-07", None, 2, None)]
    workbook(workdir / "typo.xlsx", ("填报", [["指标名称", "本月数"], ["新增省级专精特新企业", 3]]))
    refused = cli("import", "typo.xlsx", "--month", "2024-07")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert (
        "填报!A2: no indicator is named “新增省级专精特新企业”; nearest: “新增省级专精特新中小企业”"
        in (refused.stderr)
    )


# ── Months in cells ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "month", ["2024/7/1", "2024-7-31", "2024年7月", "7月", "202407", "2024-07", "2024年7月份"]
)
def test_months_as_people_write_them(cli: Cli, workdir: Path, month: str) -> None:
    (workdir / "in.csv").write_text(f"月份,代码,数值\n{month},2.4,3\n", "utf-8")
    result = cli("import", "in.csv")
    assert result.exit_code == 0, result.output
    assert "+ 2024-07 2.4" in result.output
    assert records(cli, "2.4") == [("2024-07", None, 3, None)]


def test_month_cells_as_numbers_dates_and_serials(cli: Cli, workdir: Path) -> None:
    from datetime import datetime

    rows: list[list[Any]] = [["月份", "代码", "数值"]]
    rows += [[datetime(2024, 3, 1), "2.4", 1], [45474, "2.4", 2], [202405, "2.4", 3]]
    rows += [[2024.1, "2.5", 4], [2024.1, "2.2", 1], [2024.6, "2.4", 5]]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    sheet["A6"].number_format = "0.00"  # 2024.10 as typed: October
    sheet["A5"].number_format = "0.0"  # 2024.1 as typed: January
    book.save(workdir / "m.xlsx")
    result = cli("import", "m.xlsx")
    assert result.exit_code == 0, result.output
    # 45474 days after 1899-12-30 is 2024-07-01.
    assert records(cli, "2.4") == [
        ("2024-03", None, 1, None),
        ("2024-05", None, 3, None),
        ("2024-06", None, 5, None),
        ("2024-07", None, 2, None),
    ]
    assert records(cli, "2.5") == [("2024-01", None, 4, None)]
    assert records(cli, "2.2") == [("2024-10", None, 1, None)]
    sheet["A5"].number_format = "General"
    book.save(workdir / "m.xlsx")
    refused = cli("import", "m.xlsx")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert "Sheet!A5: the number 2024.1 could be 2024-01 or 2024-10" in refused.stderr


# ── Cells as people fill them ───────────────────────────────────────────────────────────


def test_blank_words_words_and_dates_in_value_cells(cli: Cli, workdir: Path) -> None:
    from datetime import datetime

    rows: list[list[Any]] = [["代码", "数值", "备注"]]
    rows += [["2.1", "—", None], ["2.2", "/", None], ["2.3", "暂无", None]]
    rows += [["2.4", "待统计局反馈", None], ["2.5", 4, "无"], ["5.2", "-", "空"]]
    workbook(workdir / "w.xlsx", ("填报", rows))
    result = cli("import", "w.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    # 2.1–2.3 and 5.2 are blank (a blank word in the note too): 4 empty; 2.4 a note.
    assert "1 to add, 0 to correct, 0 unchanged, 4 empty, 1 note without a value" in result.output
    assert records(cli, "2.4") == [("2024-07", None, None, "待统计局反馈")]
    assert records(cli, "2.5") == [("2024-07", None, 4, None)]
    workbook(workdir / "d.xlsx", ("填报", [["代码", "数值"], ["2.4", datetime(2024, 1, 8)]]))
    dated = cli("import", "d.xlsx", "--month", "2024-07")
    assert dated.exit_code == ExitCode.INVALID_INPUT
    assert "填报!B2: the cell is formatted as a date" in dated.stderr


def test_a_value_with_digits_that_does_not_parse_names_its_cell(cli: Cli, workdir: Path) -> None:
    workbook(workdir / "v.xlsx", ("填报", [["代码", "数值"], ["2.4", "约3x家"]]))
    result = cli("import", "v.xlsx", "--month", "2024-07")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "填报!B2:" in result.stderr


# ── Totals ──────────────────────────────────────────────────────────────────────────────


def test_totals_rows_are_skipped_and_listed(cli: Cli, workdir: Path) -> None:
    rows = [
        ["代码", "填报单位代码", "数值"],
        ["2.4", "祁阳", 3],
        ["2.4", "道县", 4],
        ["2.4", "合计", 7],
        ["全市合计", None, 99],
    ]
    workbook(workdir / "t.xlsx", ("填报", rows))
    result = cli("import", "t.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "totals rows skipped: 填报!A4、填报!A5" in result.output
    assert "填报!C4: the total" not in result.output  # 3 + 4 = 7: it adds up
    assert records(cli, "2.4") == [("2024-07", "qiyang", 3, None), ("2024-07", "daoxian", 4, None)]


def test_a_total_that_does_not_add_up_is_a_warning_naming_the_cells(
    cli: Cli, workdir: Path
) -> None:
    rows = [["代码", "填报单位代码", "数值"], ["2.4", "祁阳", 3], ["2.4", "道县", 4]]
    rows += [["2.4", "合计", 8]]
    workbook(workdir / "t.xlsx", ("填报", rows))
    result = cli("import", "t.xlsx", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    # 3 + 4 = 7, not the 8 the 合计 row says.
    assert "! 填报!C4: the total 8 of 2.4 is not the sum of its rows (7: 填报!C2、填报!C3)" in (
        result.output
    )
    assert records(cli, "2.4") == [("2024-07", "qiyang", 3, None), ("2024-07", "daoxian", 4, None)]


# ── Finding the header ──────────────────────────────────────────────────────────────────


def test_a_semicolon_csv_with_its_header_in_row_25(cli: Cli, workdir: Path) -> None:
    lines = [f"说明第{n}行;;" for n in range(1, 25)] + ["代码;数值;备注", "2.4;3;含迁入"]
    (workdir / "in.csv").write_text("\n".join(lines) + "\n", "utf-8")
    result = cli("import", "in.csv", "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "header in row 25" in result.output
    assert records(cli, "2.4") == [("2024-07", None, 3, "含迁入")]


def test_no_header_says_what_it_looked_for_and_what_it_read(cli: Cli, workdir: Path) -> None:
    (workdir / "x.csv").write_bytes("甲;乙\n1;2\n".encode("gb18030"))
    result = cli("import", "x.csv")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no header row naming the code and value columns in the first 100 rows" in (
        result.stderr
    )
    assert "read as CSV, separator “;”, encoding GB18030/GBK" in result.stderr
    assert "the first non-empty row, 1: 甲 | 乙" in result.stderr


# ── Used-range bloat ────────────────────────────────────────────────────────────────────


def test_empty_styled_cells_far_down_cost_nothing(cli: Cli, workdir: Path) -> None:
    # 25 real rows, then empty styled cells to row 60,000: past the 20,000 rows a sheet's
    # content may reach, but nothing there is content.
    bloated_sheet.write(workdir / "b.xlsx", styled_cells=3, last_row=60_000)
    result = cli("import", "b.xlsx", "--month", "2024-07", "--force")
    assert result.exit_code == 0, result.output
    assert "24 to add" in result.output
    assert records(cli, "2.4") == [("2024-07", None, 1, None)]


def test_release_headings_across_are_year_to_date_totals(cli: Cli, workdir: Path) -> None:
    rows: list[list[Any]] = [["代码", "1—3月", "上半年"], ["2.4", 9, 21]]
    workbook(workdir / "r.xlsx", ("发布", rows))
    result = cli("import", "r.xlsx")
    assert result.exit_code == 0, result.output
    # 1—3月 9 is March's part (nothing before it); 上半年 21 less 9 is June's part: 12.
    assert typed_and_parts(cli, "2.4") == [("2024-03", 9, 9), ("2024-06", 21, 12)]


def test_a_period_label_in_a_month_cell(cli: Cli, workdir: Path) -> None:
    (workdir / "in.csv").write_text("月份,代码,数值\n2024年1—6月,2.4,6\n1-7月,2.4,10\n", "utf-8")
    result = cli("import", "in.csv")
    assert result.exit_code == 0, result.output
    # Year-to-date totals, kept as typed: June's part 6, July's 10 - 6 = 4.
    assert typed_and_parts(cli, "2.4") == [("2024-06", 6, 6), ("2024-07", 10, 4)]
