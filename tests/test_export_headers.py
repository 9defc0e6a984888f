"""`export … --lang zh` CSV keeps the JSON keys for programs; `--headers
zh` gives Chinese headers, status words and 是/否 for people."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .conftest import Cli


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def test_keys_by_default_words_with_headers_zh(cli: Cli, workdir: Path) -> None:
    assert cli("record", "2.4", "55", "-m", "2024-06").exit_code == 0
    assert cli("record", "2.4", "56", "-m", "2024-06").exit_code == 0
    assert cli("export", "actuals", "-o", "keys.csv", "--lang", "zh").exit_code == 0
    keys = rows_of(workdir / "keys.csv")
    assert keys[0][:5] == ["code", "month", "unit", "value", "basis"]  # for programs
    assert keys[1][11] == "superseded" and keys[1][6] == "false"
    result = cli("export", "actuals", "-o", "people.csv", "--headers", "zh")
    assert result.exit_code == 0, result.output
    people = rows_of(workdir / "people.csv")
    assert people[0] == [
        "代码", "月份", "单位", "数值", "口径", "当月数", "撤回", "仅备注", "备注", "录入时间",
        "有效", "状态", "序号"
    ]  # fmt: skip
    # The first 55 was corrected by 56: 已更正, not in force (否); the second 有效 (是).
    assert [(r[3], r[10], r[11]) for r in people[1:]] == [
        ("55", "否", "已更正"),
        ("56", "是", "有效"),
    ]
    assert cli("export", "status", "-o", "s.csv", "--headers", "zh").exit_code == 0
    status = rows_of(workdir / "s.csv")
    sme = next(row for row in status if row[0] == "2.4")
    assert sme[status[0].index("状态")] in ("正常", "预警", "滞后", "已完成")
    # The interface stayed English: the confirmation line is not Chinese.
    assert "Wrote" in cli("export", "status", "-o", "t.csv", "--headers", "zh").stderr
