"""County to city by file, through the installed `gxtrack`: the city imports the county's
`export actuals` (CSV and xlsx, English and Chinese) by its rows in force, with their
units, and says what it took; `import actuals.toml --unit U` merges a county's data
file, all or none."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .installed import gxtrack, plan_folder


def ok(folder: Path, *args: str, lang: str = "zh") -> str:
    done = gxtrack(folder, *args, lang=lang)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """Qiyang's own book: 2.4 June 5 corrected to 6 (with a note), 2.5 July 2, all
    recorded without a unit (the county is its own "city")."""
    folder = plan_folder(tmp_path / "county")
    ok(folder, "record", "2.4", "5", "-m", "2024-06")
    ok(folder, "record", "2.4", "6", "-m", "2024-06", "-n", "更正")
    ok(folder, "record", "2.5", "2", "-m", "2024-07")
    return folder


@pytest.fixture
def city(tmp_path: Path) -> Path:
    return plan_folder(tmp_path / "city")


def qiyang(city: Path) -> dict[str, list[tuple[str, str | None, object]]]:
    found = {}
    for code in ("2.4", "2.5"):
        records = json.loads(ok(city, "history", code, "-f", "json"))["records"]
        found[code] = [(r["month"], r["unit"], r["value"]) for r in records]
    return found


@pytest.mark.parametrize(
    ("name", "lang", "headers"),
    [
        ("book.csv", "zh", ()),  # CSV for programs: JSON keys
        ("book-zh.csv", "zh", ("--headers", "zh")),
        ("book.xlsx", "zh", ()),  # a Chinese workbook: 代码, 月份, 有效 是/否
        ("book-en.xlsx", "en", ()),
    ],
)
def test_the_city_imports_the_countys_export_by_its_rows_in_force(
    county: Path, city: Path, name: str, lang: str, headers: tuple[str, ...]
) -> None:
    ok(county, "export", "actuals", "--output", name, *headers, lang=lang)
    said = ok(city, "import", str(county / name), "--unit", "祁阳")
    # 3 records in the export; 2 in force (6 for June, 2 for July); 5 superseded
    assert "共 3 条；取有效的 2 条（祁阳市），未取已更正、已撤回或仅备注的 1 条" in said
    assert "新增 2 项，更正 0 项" in said
    assert qiyang(city) == {
        "2.4": [("2024-06", "qiyang", 6)],
        "2.5": [("2024-07", "qiyang", 2)],
    }


def test_an_export_with_units_keeps_them_and_needs_no_unit(county: Path, city: Path) -> None:
    ok(county, "record", "2.4", "1", "-m", "2024-06", "-u", "qiyang")
    ok(county, "export", "actuals", "--output", "book.csv")
    said = ok(city, "import", str(county / "book.csv"))
    assert "取有效的 3 条（全市、祁阳市）" in said
    assert qiyang(city)["2.4"] == [("2024-06", None, 6), ("2024-06", "qiyang", 1)]


def test_a_countys_data_file_is_merged_for_its_unit(county: Path, city: Path) -> None:
    said = ok(city, "import", str(county / "actuals.toml"), "--unit", "qiyang")
    assert "取其中有效的数值和备注 2 条（祁阳市）" in said
    assert qiyang(city) == {
        "2.4": [("2024-06", "qiyang", 6)],
        "2.5": [("2024-07", "qiyang", 2)],
    }
    # the same book again changes nothing
    again = ok(city, "import", str(county / "actuals.toml"), "--unit", "qiyang")
    assert "新增 0 项，更正 0 项，未变化 2 项" in again


def test_a_data_file_without_unit_is_refused(county: Path, city: Path) -> None:
    refused = gxtrack(city, "import", str(county / "actuals.toml"))
    assert refused.returncode == 4
    assert "合并数据文件须指明单位：请加 --unit" in refused.stderr
    assert not (city / "actuals.toml").exists()


def test_a_row_for_another_unit_refuses_the_whole_book(county: Path, city: Path) -> None:
    ok(county, "record", "2.4", "1", "-m", "2024-06", "-u", "dongan")
    ok(city, "record", "2.2", "1", "-m", "2024-06")
    before = hashlib.sha256((city / "actuals.toml").read_bytes()).hexdigest()
    refused = gxtrack(city, "import", str(county / "actuals.toml"), "--unit", "qiyang")
    assert refused.returncode == 3
    assert "有 1 行不属于 qiyang 及其园区；未导入任何内容" in refused.stderr
    assert hashlib.sha256((city / "actuals.toml").read_bytes()).hexdigest() == before


def test_a_figure_kept_twice_for_the_unit_refuses_the_book(county: Path, city: Path) -> None:
    ok(county, "record", "2.5", "3", "-m", "2024-07", "-u", "qiyang")
    ok(county, "export", "actuals", "--output", "book.csv")
    refused = gxtrack(city, "import", str(county / "book.csv"), "--unit", "qiyang")
    assert refused.returncode == 3
    assert "对 qiyang 记了两次" in refused.stderr
    assert not (city / "actuals.toml").exists()


def test_unit_on_a_fill_in_sheet_records_it_for_that_unit(city: Path) -> None:
    (city / "sheet.csv").write_text("code,value,month\n2.4,3,2024-06\n", "utf-8")
    done = gxtrack(city, "import", "sheet.csv", "--unit", "qiyang")
    assert done.returncode == 0, done.stderr
    # the line names its month and unit: the sheet's 3 is 祁阳市's, not the city's
    assert "+ 2024-06 祁阳市 2.4" in done.stdout
