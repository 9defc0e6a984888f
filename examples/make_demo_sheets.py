"""Write the SYNTHETIC sheets of examples/demo-2024/ that the docs import.

- 填报-2024-07.xlsx: July's fill-in sheet (`gxtrack template`) as a department returns it:
  four values, a note, and a note without a value;
- 台账-2024.xlsx: a months-across ledger (台账) under a title row: 2.4 and 2.5 by month,
  January to July (January to June as the demo data has them, July new);
- 各县-2024-07.xlsx: a county workbook, a sheet per unit (祁阳市, 江华县) and an
  instructions sheet with no fill-in header.

The figures are invented. Run from the repository: `python examples/make_demo_sheets.py`.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

HERE = Path(__file__).resolve().parent / "demo-2024"
ROOT = HERE.parent.parent

RETURNED = {  # code -> (value, note) as the department typed them
    "1.1": (8.5, None),
    "2.4": (9, None),
    "2.5": (7, None),
    "5.3": (20, "上云企业含2家县级园区"),
    "6.2": (None, "待统计局反馈"),
}
LEDGER = [
    ("2.4", "新增省级专精特新中小企业", [6, 4, 12, 9, 11, 13, 9], None),
    ("2.5", "新增规模以上工业企业", [3, 2, 9, 8, 6, 7, None], None),
]
COUNTIES = {"祁阳市": {"2.4": 2, "2.5": 1}, "江华县": {"2.4": 1, "2.5": 0}}


def fill_in_sheet(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        blank = Path(folder) / "template.xlsx"
        shutil.copy(ROOT / "targets.toml", Path(folder) / "targets.toml")
        template = ["template", "--month", "2024-07", "--output", str(blank), "--lang", "zh"]
        subprocess.run(
            [sys.executable, "-m", "gxtrack", *template],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        book = load_workbook(blank)
        sheet = book["填报"]
        for row in sheet.iter_rows(min_row=2):
            if row[2].value in RETURNED:
                row[9].value, row[10].value = RETURNED[str(row[2].value)]
        book.save(target)


def ledger(target: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    sheet.append(["2024年优质企业培育台账（示例数据）"])
    sheet.append(["代码", "指标名称", *[f"{month}月" for month in range(1, 8)], "备注"])
    for code, name, months, note in LEDGER:
        sheet.append([code, name, *months, note])
    book.save(target)


def county_workbook(target: Path) -> None:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["各县市区请在本县工作表中填写 7 月新增数（示例数据）"])
    for county, figures in COUNTIES.items():
        sheet = book.create_sheet(county)
        sheet.append(["月份", "代码", "指标名称", "数值", "备注"])
        names = {code: name for code, name, _, _ in LEDGER}
        for code, value in figures.items():
            sheet.append(["2024-07", code, names[code], value, None])
    book.save(target)


if __name__ == "__main__":
    fill_in_sheet(HERE / "填报-2024-07.xlsx")
    ledger(HERE / "台账-2024.xlsx")
    county_workbook(HERE / "各县-2024-07.xlsx")
