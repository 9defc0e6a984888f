"""LibreOffice Calc as the departments' spreadsheet program.

A template is filled the way departments fill it (a merged title row above the header, a
renamed value header 7月数值, a formula, a multi-line note, a note without a value, the
same row typed by two clerks, an instructions sheet in front), re-saved by LibreOffice as
.xlsx, .xls, .ods and UTF-8 and GBK CSV, and imported; a second import changes nothing.
An exported workbook printed to PDF by LibreOffice shows every code and the numbers as
formatted. Conversions run in batches (one `soffice` run a target format, many files).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from gxtrack.errors import ExitCode

from .conftest import BUNDLED_PLAN, Cli
from .office import needs_office, soffice_convert

pytestmark = needs_office

DEMO = Path(__file__).parent.parent / "examples" / "demo-2024" / "actuals.toml"
TITLE = "永州市工信局2024年7月重点指标填报表"
FILLS: dict[str, tuple[Any, str | None]] = {  # code -> (value, note), as typed
    "2.4": (8, "含两家迁入"),
    "2.5": ("=3+4", None),  # a formula: LibreOffice computes 7 when it saves
    "5.3": (20, "含补报\n两家园区"),  # a note on two lines (Alt+Enter)
    "6.2": (None, "待统计局反馈"),  # a note without a value
    "1.1": (1.5, None),
}
FORMATS = ("xlsx", "xls", "ods", "csv-utf8", "csv-gbk")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def department_sheet(template: Path, out: Path, *, instructions: bool) -> Path:
    """The template as a department sends it back."""
    book = load_workbook(template)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    code, value, note = headers.index("代码"), headers.index("数值"), headers.index("备注")
    sheet.cell(row=1, column=value + 1).value = "7月数值"
    for row in sheet.iter_rows(min_row=2):
        typed = FILLS.get(str(row[code].value))
        if typed is not None:
            row[value].value, row[note].value = typed
    second_clerk = [cell.value for cell in sheet[2 + list(FILLS).index("2.4")]]
    sheet.append(second_clerk)  # the same row again, the same value: one record
    sheet.insert_rows(1, amount=2)
    sheet["A1"] = TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A2"] = "填报单位：市工信局　　填报日期：2024年8月5日"
    if instructions:
        guide = book.create_sheet("填报说明", 0)
        guide.append(["请于每月5日前报送；数值列只填当月数。"])
    book.save(out)
    return out


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The department's sheet as written by a script, and as LibreOffice saved it in
    each format (five soffice runs in all)."""
    folder = tmp_path_factory.mktemp("office")
    shutil.copy(BUNDLED_PLAN, folder / "targets.toml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GXTRACK_NO_CACHE", "1")  # a module fixture: no test's private cache
        made = Cli()(
            "template",
            "--month",
            "2024-07",
            "-o",
            str(folder / "template.xlsx"),
            "--targets",
            str(folder / "targets.toml"),
            "--lang",
            "zh",
        )
    assert made.exit_code == 0, made.output
    script = department_sheet(folder / "template.xlsx", folder / "dept.xlsx", instructions=True)
    # CSV keeps one sheet (the first): the CSV department has no instructions sheet.
    plain = department_sheet(folder / "template.xlsx", folder / "dept1.xlsx", instructions=False)
    files = {"script": script}
    for kind in ("xlsx", "xls", "ods"):
        files[kind] = soffice_convert([script], kind, folder / kind)[0]
    for kind in ("csv-utf8", "csv-gbk"):
        files[kind] = soffice_convert([plain], kind, folder / kind)[0]
    yield files


def history(cli: Cli, code: str, data: Path) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads(
        cli("history", code, "-f", "json", "--data", str(data)).output
    )["records"]
    return records


@pytest.mark.parametrize("kind", FORMATS)
def test_a_sheet_libreoffice_saved_imports_and_imports_again_unchanged(
    cli: Cli, workdir: Path, office: dict[str, Path], kind: str
) -> None:
    data = workdir / f"{kind}.toml"
    result = cli("import", str(office[kind]), "--data", str(data))
    assert result.exit_code == 0, result.output
    # The header is under the title and the unit line: row 3 (a CSV keeps the rows).
    assert "header in row 3." in result.output
    assert "4 to add, 0 to correct, 0 unchanged" in result.output
    assert "1 note without a value" in result.output
    assert [(r["month"], r["value"], r["note"]) for r in history(cli, "2.4", data)] == [
        ("2024-07", 8, "含两家迁入")  # two clerks' rows, one record
    ]
    assert [r["value"] for r in history(cli, "2.5", data)] == [7]  # computed by LibreOffice
    assert [r["note"] for r in history(cli, "5.3", data)] == ["含补报\n两家园区"]
    assert [r["value"] for r in history(cli, "1.1", data)] == [1.5]
    (note,) = history(cli, "6.2", data)
    assert (note["value"], note["state"], note["note"]) == (None, "note", "待统计局反馈")
    before = digest(data)
    again = cli("import", str(office[kind]), "--data", str(data))
    assert again.exit_code == 0, again.output
    assert "0 to add, 0 to correct, 5 unchanged" in again.output
    assert digest(data) == before  # importing the same sheet twice changes nothing


def test_a_sheet_a_script_wrote_is_refused_until_a_spreadsheet_computes_it(
    cli: Cli, workdir: Path, office: dict[str, Path]
) -> None:
    result = cli("import", str(office["script"]), "--data", str(workdir / "s.toml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    # 2.5 is the sixth indicator (1.1, 2.1 … 2.5): row 3 + 6 = 9; the value is column J.
    assert "填报!J9: a formula whose value was never computed" in result.stderr
    assert not (workdir / "s.toml").exists()


def test_an_exported_workbook_prints_every_code_and_formatted_numbers(
    cli: Cli, workdir: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out = workdir / "all.xlsx"
    result = cli("export", "all", "-o", str(out), "--data", str(DEMO), "--lang", "zh")
    assert result.exit_code == 0, result.output
    (pdf,) = soffice_convert([out], "pdf", tmp_path / "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    plan = (BUNDLED_PLAN).read_text("utf-8")
    codes = [line.split('"')[1] for line in plan.splitlines() if line.startswith('code = "')]
    indicator_codes = [c for c in codes if c[0].isdigit() and "." in c]
    assert len(indicator_codes) == 25
    missing = [code for code in indicator_codes if code not in text]
    assert not missing
    # 6.2 needs 7 more in 6 months: 7 / 6 = 1.1666…, shown 1.17 (never the double).
    assert "1.17" in text and "1.1666" not in text
    # 1.1 stands at 8.3 of 9: 8.3 / 9 = 92.22…%, shown with one decimal.
    assert "92.2%" in text
    assert "1,171" in text  # 5.3's baseline, with the thousands separator
