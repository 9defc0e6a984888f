"""A relative goal in words (不低于 1.1 的 5.6%) and a quarterly indicator's schedule mark,
in memory for the wording and through the installed `gxtrack` for the status table, its
JSON and the HTML and Word reports, in Chinese and English.

The plan: 1.1 (GDP growth, goal 5), 1.2 (income growth, goal_from 1.1), 1.3 (goal_from
1.1, goal_offset -0.5), Q (a quarterly count, goal 1,200). Recorded for 2024-06: 1.1 5.6,
1.2 5.8, 1.3 5.3. Hand-worked at 2024-06: 1.2's goal is 5.6 + 0 = 5.6; 1.3's is
5.6 - 0.5 = 5.1.
"""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w

from gxtrack.i18n import use_language
from gxtrack.output.goals import goal_text

from .conftest import indicator, plan_document
from .installed import gxtrack

RATE = {"kind": "rate", "unit": "%", "combine": "last", "schedule": "flat"}


def _relative(code: str, **fields: object) -> dict[str, object]:
    row = indicator(code, **RATE, goal_from="1.1", **fields)
    del row["goal"]  # the goal is 1.1's figure: no number of its own
    return row


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    document = plan_document(
        indicator("1.1", **RATE, goal=5),
        _relative("1.2"),
        _relative("1.3", goal_offset=-0.5),
        indicator("Q", goal=1200, frequency="quarterly"),
    )
    (tmp_path / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    for code, value in (("1.1", "5.6"), ("1.2", "5.8"), ("1.3", "5.3")):
        done = gxtrack(tmp_path, "record", code, value, "-m", "2024-06")
        assert done.returncode == 0, done.stderr
    return tmp_path


# ── In memory: the wording ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("language", "row", "unit", "expected"),
    [
        ("zh", {"goal": Decimal("5.6"), "comparator": ">="}, "%", "不低于 1.1 的 5.6%"),
        ("en", {"goal": Decimal("5.6"), "comparator": ">="}, "%", "at least 1.1's 5.6%"),
        ("zh", {"goal": Decimal("3"), "comparator": "<="}, "", "不高于 1.1 的 3"),
        ("en", {"goal": Decimal("3"), "comparator": "<="}, "", "at most 1.1's 3"),
        # 5.1 in force with an offset of -0.5: 1.1's figure was 5.1 + 0.5 = 5.6.
        (
            "zh",
            {"goal": Decimal("5.1"), "goal_offset": Decimal("-0.5"), "comparator": ">="},
            "%",
            "不低于 1.1 的 5.6% −0.5（5.1%）",
        ),
        (
            "en",
            {"goal": Decimal("5.1"), "goal_offset": Decimal("-0.5"), "comparator": ">="},
            "%",
            "at least 1.1's 5.6% −0.5 (5.1%)",
        ),
        # Not known yet: no number.
        ("zh", {"goal": None, "comparator": ">="}, "", "不低于 1.1 的同期数"),
        ("en", {"goal": None, "comparator": ">="}, "", "at least 1.1's figure"),
    ],
)
def test_a_relative_goal_is_worded_with_its_source_and_the_goal_in_force(
    language: str, row: dict[str, object], unit: str, expected: str
) -> None:
    use_language(language)
    assert goal_text({**row, "goal_from": "1.1"}, unit) == expected


def test_a_goal_of_its_own_keeps_its_words() -> None:
    use_language("zh")
    assert goal_text({"goal": Decimal("5.5"), "comparator": "<=", "goal_from": None}) == "5.5以内"


# ── Through the installed gxtrack ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("language", "columns", "words"),
    [
        ("zh", 120, ["不低于 1.1 的 5.6", "不低于 1.1 的 5.6 −0.5（5.1）"]),
        ("en", 120, ["at least 1.1's 5.6", "at least 1.1's 5.6 −0.5 (5.1)"]),
    ],
)
def test_the_status_table_words_a_relative_goal(
    folder: Path, language: str, columns: int, words: list[str]
) -> None:
    shown = gxtrack(folder, "status", "--as-of", "2024-06", lang=language, columns=columns)
    assert shown.returncode == 0, shown.stderr
    lines = {line.split()[0]: line for line in shown.stdout.splitlines() if line.strip()}
    assert words[0] in lines["1.2"] and words[1] in lines["1.3"]


def test_the_status_table_at_80_columns_says_the_long_goal_is_hidden(folder: Path) -> None:
    # "at least 1.1's 5.6 −0.5 (5.1)" is too wide beside the others: the column goes,
    # and the table says so rather than cutting the words.
    shown = gxtrack(folder, "status", "--as-of", "2024-06", lang="en", columns=80)
    assert shown.returncode == 0, shown.stderr
    assert "hidden at this width: Goal" in shown.stdout
    assert "at least 1.1's 5." not in shown.stdout


def test_status_json_says_where_the_goal_comes_from(folder: Path) -> None:
    shown = gxtrack(folder, "status", "--as-of", "2024-06", "-f", "json")
    rows = {row["code"]: row for row in json.loads(shown.stdout)["indicators"]}
    assert (rows["1.2"]["goal_from"], rows["1.2"]["goal_offset"], rows["1.2"]["goal"]) == (
        "1.1",
        0,
        5.6,  # 5.6 + 0
    )
    assert (rows["1.3"]["goal_offset"], rows["1.3"]["goal"]) == (-0.5, 5.1)  # 5.6 - 0.5
    assert (rows["1.1"]["goal_from"], rows["1.1"]["goal_offset"]) == (None, None)
    # In May nothing is in: no goal in force (not the placeholder 0), and words without one.
    may = gxtrack(folder, "status", "--as-of", "2024-05", "-f", "json")
    assert {r["code"]: r for r in json.loads(may.stdout)["indicators"]}["1.2"]["goal"] is None
    table = gxtrack(folder, "status", "--as-of", "2024-05", lang="zh")
    assert "不低于 1.1 的同期数" in table.stdout


def test_the_reports_word_a_relative_goal(folder: Path) -> None:
    for name, language in (("r.html", "zh"), ("e.html", "en"), ("r.docx", "zh")):
        done = gxtrack(folder, "report", "--as-of", "2024-06", "-o", name, lang=language)
        assert done.returncode == 0, done.stderr
    chinese = (folder / "r.html").read_text("utf-8")
    # 5.8 against 5.6: above by 0.2 points.
    assert "实际 5.8%，目标 不低于 1.1 的 5.6%，高于目标 0.2 个百分点" in chinese
    assert "不低于 1.1 的 5.6% −0.5（5.1%）" in chinese
    assert "at least 1.1&#39;s 5.6%" in (folder / "e.html").read_text("utf-8")
    with zipfile.ZipFile(folder / "r.docx") as document:
        text = re.sub(r"<[^>]+>", "", document.read("word/document.xml").decode("utf-8"))
    assert "不低于 1.1 的 5.6%" in text


def _bar_of(html: str, code: str) -> str:
    card = html[html.index(f'data-code="{code}"') :]
    return card[card.index('<svg class="bar"') : card.index("</svg>")]


def test_a_quarterly_bar_has_no_schedule_mark_before_its_first_quarter(folder: Path) -> None:
    for month in ("02", "03"):
        done = gxtrack(folder, "report", "--as-of", f"2024-{month}", "-o", f"{month}.html")
        assert done.returncode == 0, done.stderr
    february = (folder / "02.html").read_text("utf-8")
    # February: Q publishes first in March, so no mark (it drew 1200 x 2/12 = 200, at x=44).
    assert "<line" not in _bar_of(february, "Q") and "<polygon" not in _bar_of(february, "Q")
    assert "暂无数据，目标 1,200家" in february  # and no "序时进度 200"
    # March: 1200 x 3/12 = 300 expected, at x = 1 + 300 x 258 / 1200 = 65.5.
    march = (folder / "03.html").read_text("utf-8")
    assert '<line x1="65.5"' in _bar_of(march, "Q")
