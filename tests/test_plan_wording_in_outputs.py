"""Plans as written, in the outputs: the gaps footer's 未完成, workbooks that word caps and
decreases, the report's 力争 mark, a correction's previous value worded. Numbers by hand."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from openpyxl import load_workbook

from gxtrack.i18n import use_language
from gxtrack.output.goals import for_a_sheet
from gxtrack.output.html.charts import progress_bar
from tests.conftest import Cli, plan_document
from tests.inmemory import indicator


@pytest.fixture
def city(cli: Cli, tmp_path: Path) -> str:
    """The bundled city example; its plan's path."""
    folder = tmp_path / "city"
    assert cli("init", str(folder), "--example", "city").exit_code == 0
    return str(folder / "targets.toml")


# ── 1. The gaps footer ──────────────────────────────────────────────────────────────────


def test_the_gaps_footer_says_missed_goals_apart(cli: Cli, city: str) -> None:
    # December: 9 goals; jobs (35,300 of 36,000) and grain (151.2 of 152) not achieved,
    # the other 7 achieved; nothing can still catch up, nothing without data.
    zh = cli("gaps", "--targets", city, "--lang", "zh").output.splitlines()[-1]
    assert zh == "未完成 2 项，滞后或预警 0 项，无数据 0 项，正常或已完成 7 项"
    en = cli("gaps", "--targets", city, "--lang", "en").output.splitlines()[-1]
    assert en == "2 not achieved, 0 lagging, 0 without data, 7 on track or achieved"
    # August, nothing missed yet: the footer as it always was (3 at risk, 2 annual
    # figures not in, 4 on track).
    august = cli("gaps", "--targets", city, "--as-of", "2024-08", "--lang", "zh")
    assert august.output.splitlines()[-1] == "滞后或预警 3 项，无数据 2 项，正常或已完成 4 项"


# ── 2. Workbooks ────────────────────────────────────────────────────────────────────────


def _sheet(
    cli: Cli, city: str, tmp_path: Path, lang: str, *month: str
) -> dict[str, dict[str, Any]]:
    """The status sheet of an exported workbook with its details sheet (the columns
    it is judged by), by code, each row by header."""
    out = tmp_path / f"status-{lang}.xlsx"
    args = ("export", "status", "--targets", city, "-o", str(out), "--lang", lang, *month)
    assert cli(*args).exit_code == 0
    sheet, details = load_workbook(out).worksheets[:2]
    rows = list(sheet.iter_rows(values_only=True))
    cells = list(sheet.iter_rows(min_row=2))
    header = [str(h) for h in rows[0]]
    table: dict[str, dict[str, Any]] = {
        str(row[0]): dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    more = list(details.iter_rows(values_only=True))
    for row in more[1:]:
        table[str(row[0])].update(zip([str(h) for h in more[0]], row, strict=True))
    status = header.index("状态" if lang == "zh" else "Status")
    for cell_row in cells:
        table[str(cell_row[0].value)]["fill"] = cell_row[status].fill.fgColor.rgb
    return table


def test_a_workbook_words_caps_decreases_and_about_as_tables_do(
    cli: Cli, city: str, tmp_path: Path
) -> None:
    zh = _sheet(cli, city, tmp_path, "zh", "--as-of", "2024-08")
    assert zh["B1"]["全年目标"] == "5.5%以内"  # unemployment: a cap
    assert zh["C3"]["全年目标"] == "下降2.5%以上"  # energy: goal -2.5 with <=
    assert zh["A1"]["全年目标"] == "6%左右"  # GDP: tolerance 0.3
    assert zh["B3"]["全年目标"] == 36000  # a plain goal stays a number to compute with
    assert zh["A2"]["全年目标"] == 7 and zh["A2"]["力争值"] == 7.5  # 力争 in its own column
    # The cap's 完成率 is its headroom: 5.5 - 5.4 = 0.1 left; no 序时完成率 for a cap.
    assert zh["B1"]["完成率"] == "余0.1" and zh["B1"]["序时完成率"] is None
    assert zh["B1"]["距上限余量"] == 0.1
    # CPI 3左右 is a ceiling too: 3 - 0.6 = 2.4 left.
    assert zh["B2"]["完成率"] == "余2.4"
    # GDP 5.9 against 6 左右: on track because of the tolerance, said so.
    assert zh["A1"]["状态"] == "基本正常" and zh["A1"]["发布频率"] == "季度"
    en = _sheet(cli, city, tmp_path, "en", "--as-of", "2024-08")
    assert en["B1"]["Annual goal"] == "at most 5.5%"
    assert en["C3"]["Annual goal"] == "down at least 2.5%"
    assert en["B1"]["% of goal"] == "0.1 under cap"


def test_a_workbook_shows_not_achieved_in_its_own_colour(
    cli: Cli, city: str, tmp_path: Path
) -> None:
    december = _sheet(cli, city, tmp_path, "zh")
    assert december["B3"]["状态"] == "未完成" and december["B3"]["fill"] == "00FF9DA7"
    assert december["A1"]["状态"] == "基本完成"  # 5.8 against 6 左右 (0.2 short <= 0.3)


def test_a_cap_passed_reads_as_over_in_a_sheet() -> None:
    # 5.7 against a cap of 5.5: headroom 5.5 - 5.7 = -0.2, shown as 0.2 over.
    row = {"goal": D("5.5"), "comparator": "<=", "unit": "%", "tolerance": D(0)}
    row |= {"goal_pct": D("103.6"), "schedule_pct": D("103.6"), "headroom": D("-0.2")}
    use_language("zh")  # the autouse fixture sets English back for the next test
    shown = for_a_sheet(row)
    assert shown["goal"] == "5.5%以内" and shown["goal_pct"] == "超0.2"
    assert shown["schedule_pct"] is None
    # A cap with no figure yet: no headroom, an empty cell rather than a dash.
    assert for_a_sheet({**row, "headroom": None})["goal_pct"] is None


# ── 3. The report's 力争 mark, and the report read right ────────────────────────────────


def _card(html: str, code: str) -> str:
    match = re.search(rf'<div class="indicator" data-code="{code}".*?</svg>\s*<svg', html, re.S)
    assert match, code
    return match.group()


def test_the_report_marks_the_stretch_value_on_the_bar(cli: Cli, city: str) -> None:
    html = cli("report", "--targets", city, "--as-of", "2024-08", "-o", "-").output
    # Industry: 7.4, goal 7, 力争 7.5. The bar's scale is the largest of them:
    # 258 / 7.5 = 34.4 a point, so the 力争 mark is at 1 + 7.5 x 34.4 = 259.0 and the
    # schedule's (7, flat) at 1 + 7 x 34.4 = 241.8.
    industry = _card(html, "A2")
    assert 'class="stretch-mark"><line x1="259.0"' in industry
    assert '<line x1="241.8"' in industry
    assert "虚线与空心三角为力争值" not in html and "stretch value (力争)" in html
    # GDP has no 力争 value: no second mark.
    assert "stretch-mark" not in _card(html, "A1")


def test_a_plan_without_stretch_values_has_no_mark_and_no_legend(cli: Cli, workdir: Path) -> None:
    (workdir / "targets.toml").write_text(tomli_w.dumps(plan_document(indicator("1"))), "utf-8")
    html = cli("report", "-o", "-").output
    assert "stretch-mark" not in html and "stretch value" not in html


def test_the_report_words_decreases_levels_and_tolerance(cli: Cli, city: str) -> None:
    august = cli("report", "--targets", city, "--as-of", "2024-08", "-o", "-", "--lang", "zh")
    # Before the annual figures: the goal in its own words and unit, never "-2.5%" or
    # "152%" (grain is in 万吨).
    assert "暂无数据，目标 下降2.5%以上" in _card(august.output, "C3")
    assert "暂无数据，目标 152万吨" in _card(august.output, "C4")
    december = cli("report", "--targets", city, "-o", "-", "--lang", "zh").output
    # Energy -2.6 against 下降2.5%以上: 0.1 points beyond the goal.
    assert "实际 下降2.6%，目标 下降2.5%以上，超过目标 0.1 个百分点" in _card(december, "C3")
    # Grain 151.2 against 152: 0.8 万吨 short, in 万吨, not percentage points.
    assert "实际 151.2万吨，目标 152万吨，低于目标 0.8万吨" in _card(december, "C4")
    # GDP 5.8 against 6 左右: achieved because of the tolerance, and the badge says so.
    assert "基本完成" in _card(december, "A1")
    # The decrease's bar is drawn by size: 2.6 fills the whole 258 (scale 258 / 2.6),
    # the goal's 2.5 is 2.5 x 258 / 2.6 = 248.08 -> 248.1.
    energy = _card(december, "C3")
    assert 'width="258.0" height="12" fill="#1a7f37"' in energy
    assert '<rect x="1" y="5" width="248.1"' in energy


def test_a_cap_passed_turns_red_past_it() -> None:
    # Actual 6 against a cap of 5: scale 258 / 6 = 43; the part past the cap starts at
    # 1 + 5 x 43 = 216.0 and is 1 x 43 = 43.0 wide, in the behind colour.
    bar = progress_bar(D(6), D(5), D(5), "at_risk", label="x", cap=True)
    assert '<rect class="over-cap" x="216.0" y="5" width="43.0" height="12" fill="#cf222e"/>' in bar
    # Under the cap: nothing red.
    assert "over-cap" not in progress_bar(D("4.5"), D(5), D(5), "on_track", label="x", cap=True)


# ── 4. A correction's previous value ────────────────────────────────────────────────────


def test_a_corrections_previous_value_is_worded_like_the_new_one(cli: Cli, workdir: Path) -> None:
    energy = indicator("1", kind="rate", unit="%", goal=D("-2.5"), comparator="<=", combine="last")
    energy["schedule"] = "flat"
    (workdir / "targets.toml").write_text(tomli_w.dumps(plan_document(energy)), "utf-8")
    assert cli("record", "1", "2.6", "-m", "2024-03").exit_code == 0
    corrected = cli("record", "1", "下降2.6", "-m", "2024-03").output
    # 2.6 was taken as typed (up 2.6); the correction to 下降2.6 reads both ways.
    assert "up 2.6% → down 2.6%" in corrected
    zh = cli("record", "1", "下降2.7", "-m", "2024-03", "--lang", "zh").output
    assert "下降2.6% → 下降2.7%" in zh
    data = json.loads(cli("status", "--as-of", "2024-03", "-f", "json").output)
    assert data["indicators"][0]["actual"] == -2.7
