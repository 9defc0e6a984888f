"""examples/statistics-release/ (synthetic): a year of releases, imported month by month
through the installed `gxtrack`, as a clerk would the day each release comes out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).parent.parent / "examples" / "statistics-release"
GXTRACK = Path(sys.executable).with_name("gxtrack")


def gxtrack(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "GXTRACK_LANG": "en"}
    return subprocess.run(
        [str(GXTRACK), *args], cwd=folder, env=env, capture_output=True, text=True, check=False
    )


def status(folder: Path, month: str) -> dict[str, Any]:
    result = gxtrack(folder, "status", "--as-of", month, "-f", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout, parse_float=Decimal)
    return {row["code"]: row for row in document["indicators"]}


def test_a_year_of_releases_imported_month_by_month(tmp_path: Path) -> None:
    folder = tmp_path / "statistics-release"
    shutil.copytree(EXAMPLE, folder)
    assert "SYNTHETIC" in (folder / "targets.toml").read_text("utf-8")
    for month in range(2, 13):
        result = gxtrack(folder, "import", f"releases/2024-{month:02d}.csv")
        assert result.returncode == 0, result.stdout + result.stderr
        if month == 2:
            # 1—2月 published together; GDP is quarterly: nothing expected before March.
            early = status(folder, "2024-02")
            assert (early["1.1"]["expected"], early["1.1"]["period"]) == (None, None)
            # The unemployment rate's 1—2月 5.3 counts for both months: the mean is 5.3.
            assert early["1.3"]["actual"] == Decimal("5.3")
        if month == 3:
            march = status(folder, "2024-03")
            # (5.3 x 2 + 5.2) / 3 = 15.8 / 3 = 5.2666… (28 digits, rounded once)
            assert march["1.3"]["actual"] == Decimal("5.266666666666666666666666667")
            # 1—3月累计 303 万人 is March's part; income's 同比增长5.2% read as 5.2.
            assert march["1.4"]["actual"] == 303
            assert march["1.5"]["actual"] == Decimal("5.2")
    june = status(folder, "2024-06")
    # Income 4.5 against GDP's 5.0 for the same period: short of its relative goal.
    assert (june["1.5"]["goal"], june["1.5"]["actual"]) == (Decimal("5.0"), Decimal("4.5"))
    assert june["1.4"]["actual"] == 690  # the published 1—6月 total
    year = status(folder, "2024-12")
    # Unemployment: Feb 5.3 twice + Mar..Dec 5.2+5.0+5.0+5.0+5.2+5.3+5.1+5.0+5.0+5.1 = 50.9:
    # (10.6 + 50.9) / 12 = 61.5 / 12 = 5.125 <= 5.5.
    assert year["1.3"]["actual"] == Decimal("5.125")
    # 1256万 for an indicator in 万人 is 1256; the year is the published 1—12月 total.
    assert year["1.4"]["actual"] == 1256
    assert year["1.2"]["actual"] == Decimal("5.8")  # the latest 1—12月 rate
    history = json.loads(gxtrack(folder, "history", "1.4", "-f", "json").stdout)
    # Typed 303, 690, 1049, 1256; parts 303, 690-303 = 387, 1049-690 = 359, 1256-1049 = 207.
    assert [(r["value"], r["basis"], r["part"]) for r in history["records"]] == [
        (303, "ytd", 303),
        (690, "ytd", 387),
        (1049, "ytd", 359),
        (1256, "ytd", 207),
    ]
    # Importing the same release again changes nothing.
    again = gxtrack(folder, "import", "releases/2024-12.csv")
    assert "0 to add, 0 to correct, 5 unchanged" in again.stdout
