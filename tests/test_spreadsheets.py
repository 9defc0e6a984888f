"""Excel both ways: workbooks read back with openpyxl, templates filled and imported."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from gxtrack.errors import ExitCode

from .conftest import Cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def june(cli: Cli) -> None:
    for code, value in (("2.4", "55"), ("2.5", "35"), ("5.2", "2300"), ("1.1", "-3.1")):
        assert cli("record", code, value, "-m", "2024-06").exit_code == 0


def test_export_status_workbook(cli: Cli, workdir: Path) -> None:
    june(cli)
    result = cli("export", "status", "-o", "status.xlsx", "--lang", "zh")
    assert result.exit_code == 0, result.output
    book = load_workbook(workdir / "status.xlsx")
    assert book.sheetnames == ["进展情况", "进展情况（判定依据）"]
    sheet = book["进展情况"]
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["代码", "指标名称", "单位"]  # 任务领域: on the details sheet
    assert all(cell.font.bold for cell in sheet[1])
    column = {header: index for index, header in enumerate(headers)}
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    sme = rows["2.4"]
    assert sme[column["累计完成"]].value == 55  # a number, not text
    assert sme[column["完成率"]].value == 55
    assert sme[column["完成率"]].number_format == '0.0"%"'
    assert rows["1.1"][column["累计完成"]].value == -3.1
    status = rows["2.5"][column["状态"]]
    assert status.value == "滞后"
    assert status.fill.fgColor.rgb.endswith("FFC7CE")
    # The name column is wide enough for the longest Chinese name (two units a character).
    name_letter = get_column_letter(column["指标名称"] + 1)
    assert sheet.column_dimensions[name_letter].width >= 2 * len("新增省级专精特新中小企业")


def test_export_all_has_a_sheet_per_report(cli: Cli, workdir: Path) -> None:
    june(cli)
    assert cli("export", "all", "-o", "all.xlsx").exit_code == 0
    book = load_workbook(workdir / "all.xlsx")
    assert book.sheetnames == [
        "Status",
        "Gaps",
        "Records",
        "Plan",
        "Units",
        "Units by indicator",
        "Status details",
    ]
    assert book["Records"].max_row == 5  # a header and four records
    refused = cli("export", "all", "-o", "all.csv")
    assert refused.exit_code == ExitCode.INVALID_INPUT


def fill_workbook(path: Path, values: dict[str, Any]) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    code_column, value_column = headers.index(headers[2]), len(headers) - 2
    for row in sheet.iter_rows(min_row=2):
        if row[code_column].value in values:
            row[value_column].value = values[str(row[code_column].value)]
    book.save(path)


def test_template_import_round_trip_xlsx(cli: Cli, workdir: Path) -> None:
    june(cli)
    result = cli("template", "--month", "2024-07", "-o", "fill.xlsx", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "25" in result.output
    sheet = load_workbook(workdir / "fill.xlsx").worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "月份",
        "填报单位",
        "代码",
        "指标名称",
        "单位",
        "全年目标",
        "上次数值",
        "上次月份",
        "序时进度",
        "数值",
        "备注",
    ]
    sme = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[2] == "2.4")
    assert sme[0] == "2024-07" and sme[1] is None  # the city: no reporting unit
    assert sme[6] == 55 and sme[7] == "2024-06"
    assert sme[8] == pytest.approx(100 * 7 / 12)
    fill_workbook(workdir / "fill.xlsx", {"2.4": 8, "1.1": 1.5, "7.1": "完成"})
    data = workdir / "actuals.toml"
    before = digest(data)
    dry = cli("import", "fill.xlsx", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "3 to add, 0 to correct, 0 unchanged, 22 empty" in dry.output
    assert "Dry run" in dry.output and digest(data) == before
    done = cli("import", "fill.xlsx")
    assert done.exit_code == 0, done.output
    status = json.loads(cli("status", "-f", "json").output)
    actual = {row["code"]: row["actual"] for row in status["indicators"]}
    assert actual["2.4"] == 63 and actual["1.1"] == 1.5 and actual["7.1"] == 1
    after = digest(data)
    again = cli("import", "fill.xlsx")
    assert "0 to add, 0 to correct, 3 unchanged" in again.output
    assert digest(data) == after  # importing twice changes nothing


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030", "gbk"])
def test_import_csv_as_excel_and_wps_save_it(cli: Cli, workdir: Path, encoding: str) -> None:
    text = "月份,代码,指标名称,数值,备注\r\n2024-05,2.4,新增省级专精特新中小企业,12,含两家迁入\r\n"
    text += '2024-05,5.2,推动中小企业“上云”,"1,200",\r\n'
    (workdir / "in.csv").write_bytes(text.encode(encoding))
    result = cli("import", "in.csv")
    assert result.exit_code == 0, result.output
    history = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    assert [(r["value"], r["note"]) for r in history] == [(12, "含两家迁入")]
    assert json.loads(cli("history", "5.2", "-f", "json").output)["records"][0]["value"] == 1200


def test_import_recognises_english_headers_and_a_month_option(cli: Cli, workdir: Path) -> None:
    (workdir / "in.csv").write_text("Code,Value\n2.4,7\n", "utf-8")
    assert cli("import", "in.csv", "--month", "2024-03").exit_code == 0
    history = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    assert history[0]["month"] == "2024-03"


def test_bad_rows_are_all_named_and_nothing_is_written(cli: Cli, workdir: Path) -> None:
    june(cli)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["month", "code", "value"])
    sheet.append(["2024-07", "2.4", 5])
    sheet.append(["2024-07", "9.9", 5])
    sheet.append(["2024-07", "2.5", -2])
    sheet.append(["2024-13", "2.5", 2])
    book.save(workdir / "bad.xlsx")
    before = digest(workdir / "actuals.toml")
    result = cli("import", "bad.xlsx")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "3 rows rejected; nothing was written" in result.output
    # Each refusal names the cell that is wrong: the code's, the value's, the month's.
    assert "Sheet!B3: no indicator 9.9 in the plan" in result.output
    assert "Sheet!C4: -2 is negative" in result.output
    assert "Sheet!A5: month '2024-13'" in result.output
    assert digest(workdir / "actuals.toml") == before


def test_a_sheet_without_the_columns_is_refused(cli: Cli, workdir: Path) -> None:
    (workdir / "x.csv").write_text("a,b\n1,2\n", "utf-8")
    result = cli("import", "x.csv")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no header row" in result.output


def test_csv_template_in_english(cli: Cli, workdir: Path) -> None:
    assert cli("template", "-m", "2024-02", "-o", "t.csv").exit_code == 0
    raw = (workdir / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "Month",
        "Reporting unit",
        "Code",
        "Indicator",
        "Unit",
        "Annual goal",
        "Last value",
        "Last month",
        "Expected to date",
        "Value",
        "Note",
    ]
    assert rows[0]["Code"] == "1.1" and rows[0]["Indicator"].startswith("Value-added")
