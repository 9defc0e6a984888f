"""Departments' own sheets through LibreOffice Calc: values typed through Calc's input
handling (a CSV opened in Calc reads each cell as typing would: 2.10 becomes the number
2.1, 2024.10 becomes 2024.1, 2024-7-31 a date, 7.2% a percentage), and openpyxl layouts
re-saved by Calc as .xlsx, .xls and .ods. Every test reads back `history --format json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from openpyxl import Workbook

from gxtrack.errors import ExitCode

from .conftest import Cli, indicator, plan_document
from .office import needs_office, soffice_convert

pytestmark = needs_office

# Calc's CSV import as typing: UTF-8 (76), from line 1, US English (1033), quoted cells
# not forced to text, special numbers (dates) detected.
TYPED = "xlsx:Calc MS Excel 2007 XML"
TYPED_FILTER = "CSV:44,34,76,1,,1033,false,true"

SME = "新增省级专精特新中小企业"
ACROSS_CSV = (
    "代码,指标名称,1月,2月,3月,4月,5月,6月,7月\n"
    f"2.4,{SME},3,4,5,6,7,8,9\n"
    "2.5,新增规模以上工业企业,2,,—,1,,,4\n"
)
MONTHS_CSV = (
    "月份,代码,数值\n"
    "2024-7-31,2.1,1\n"  # Calc: a date cell
    "202407,2.2,1\n"  # Calc: the number 202407
    "2024/7/1,2.3,1\n"  # Calc (US English): text, as Chinese Excel writes a date to CSV
    "7月,2.4,1\n"
    "2024年7月,2.5,1\n"
    "2024-07-01,1.1,7.2%\n"  # a date cell; 7.2% a percentage cell holding 0.072
)
AMBIGUOUS_MONTH_CSV = "月份,代码,数值\n2024.10,2.4,3\n"
CODES_CSV = "代码,指标名称,数值\n2.10,新增上市企业,3\n2.1,培育五十亿级企业,1\n"
BARE_CODES_CSV = "代码,数值\n2.10,3\n"


def _county_book(path: Path) -> Path:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows in (
        ("说明", [["各县市区填报"]]),
        ("祁阳市", [["代码", "数值"], ["2.4", 3]]),
        ("江华县", [["代码", "数值"], ["2.4", 2]]),
        ("道县", [["代码", "数值"], ["2.4", 4]]),
    ):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _calc_typed(sources: list[Path], outdir: Path) -> list[Path]:
    """CSV files opened in Calc with its input handling, saved as .xlsx."""
    return soffice_convert(sources, TYPED, outdir, infilter=TYPED_FILTER)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("departments")
    texts = {
        "across": ACROSS_CSV,
        "months": MONTHS_CSV,
        "ambiguous": AMBIGUOUS_MONTH_CSV,
        "codes": CODES_CSV,
        "bare": BARE_CODES_CSV,
    }
    sources = []
    for name, text in texts.items():
        (folder / f"{name}.csv").write_text(text, "utf-8")
        sources.append(folder / f"{name}.csv")
    typed = dict(zip(texts, _calc_typed(sources, folder / "typed"), strict=True))
    county = _county_book(folder / "counties.xlsx")
    resave = [typed["across"], county]
    files: dict[str, Path] = {f"{name}.xlsx": path for name, path in typed.items()}
    files["across.csv"] = folder / "across.csv"
    files["counties.xlsx"] = county
    for kind in ("xls", "ods"):
        for path in soffice_convert(resave, kind, folder / kind):
            files[f"{path.stem}.{kind}"] = path
    return files


def _records(cli: Cli, code: str) -> list[tuple[str, str | None, Any]]:
    result = cli("history", code, "-f", "json")
    assert result.exit_code == 0, result.output
    return [(r["month"], r["unit"], r["value"]) for r in json.loads(result.output)["records"]]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xls", "ods"])
def test_months_across_in_every_format(
    cli: Cli, workdir: Path, office: dict[str, Path], kind: str
) -> None:
    result = cli("import", str(office[f"across.{kind}"]))
    assert result.exit_code == 0, result.output
    # 2.4: January to July (7); 2.5: January, April, July (— is blank): 10 in all.
    assert "10 to add, 0 to correct, 0 unchanged, 0 empty" in result.output
    assert _records(cli, "2.4") == [(f"2024-{m:02d}", None, m + 2) for m in range(1, 8)]
    assert _records(cli, "2.5") == [
        ("2024-01", None, 2),
        ("2024-04", None, 1),
        ("2024-07", None, 4),
    ]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_county_workbook_in_every_format(
    cli: Cli, workdir: Path, office: dict[str, Path], kind: str
) -> None:
    result = cli("import", str(office[f"counties.{kind}"]), "--month", "2024-07")
    assert result.exit_code == 0, result.output
    assert "Reading sheet “江华县” for 江华瑶族自治县" in result.output
    assert _records(cli, "2.4") == [
        ("2024-07", "qiyang", 3),
        ("2024-07", "jianghua", 2),
        ("2024-07", "daoxian", 4),
    ]


def test_months_calc_made_into_dates_numbers_and_text(
    cli: Cli, workdir: Path, office: dict[str, Path]
) -> None:
    result = cli("import", str(office["months.xlsx"]))
    assert result.exit_code == 0, result.output
    for code in ("2.1", "2.2", "2.3", "2.4", "2.5"):
        assert _records(cli, code) == [("2024-07", None, 1)], code
    # Typed 7.2%: Calc holds 0.072 under a percentage format; the figure is 7.2 (%).
    assert _records(cli, "1.1") == [("2024-07", None, 7.2)]


def test_2024_10_typed_into_calc_is_refused_naming_its_cell(
    cli: Cli, workdir: Path, office: dict[str, Path]
) -> None:
    result = cli("import", str(office["ambiguous.xlsx"]))
    assert result.exit_code == ExitCode.INVALID_INPUT
    # Calc stored 2024.1 under General: January or October, nobody can tell.
    assert "ambiguous!A2: the number 2024.1 could be 2024-01 or 2024-10" in result.stderr
    assert not (workdir / "actuals.toml").exists()


def test_codes_calc_made_into_numbers(cli: Cli, workdir: Path, office: dict[str, Path]) -> None:
    document = plan_document(
        indicator("2.1", area="2", name="培育五十亿级企业", goal=10),
        indicator("2.10", area="2", name="新增上市企业", goal=10),
    )
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    bare = cli("import", str(office["bare.xlsx"]), "--month", "2024-07")
    assert bare.exit_code == ExitCode.INVALID_INPUT
    assert "bare!A2: the number 2.1 could be code 2.1、2.10" in bare.stderr
    named = cli("import", str(office["codes.xlsx"]), "--month", "2024-07")
    assert named.exit_code == 0, named.output
    # Both rows' codes are the number 2.1 now; the names say which is which.
    assert _records(cli, "2.10") == [("2024-07", None, 3)]
    assert _records(cli, "2.1") == [("2024-07", None, 1)]
