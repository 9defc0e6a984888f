"""output.present: typed reports put in words: headers, groups, summaries, footers, in
English and in Chinese; the JSON and CSV rows keep the report's keys and values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gxtrack.i18n import use_language
from gxtrack.output.cells import header
from gxtrack.output.csv import csv_text
from gxtrack.output.present import present
from gxtrack.output.present.history import sparkline
from gxtrack.reports.gaps import gaps_report
from gxtrack.reports.history import history_report
from gxtrack.reports.plan import plan_report
from gxtrack.reports.status import status_report
from gxtrack.reports.units import rank_report
from tests.reports_world import small_ledger, small_plan


@pytest.fixture
def chinese() -> Iterator[None]:
    use_language("zh")
    yield
    use_language("en")


def test_status_in_english() -> None:
    shown = present(status_report(small_plan(), small_ledger(), 6))
    assert (
        shown.title
        == "Test plan — status as of 2024-06, the latest month with a figure (6/12 of the year)"
    )
    assert [header(c) for c in shown.columns[:3]] == ["Code", "Indicator", "Actual"]
    assert shown.columns[1].key == "name_en" and shown.columns[1].fallback == "name"
    assert [(g.title, g.summary) for g in shown.groups] == [
        ("1  第一部分", "2 goals: at risk 1, behind 1"),
        ("2  第二部分", "1 goal: behind 1"),
    ]
    assert shown.footer == "Plan: 3 goals: at risk 1, behind 2"
    document = shown.document()
    assert list(document)[:4] == ["report", "plan", "year", "as_of"]
    assert document["as_of"] == "2024-06" and document["data_quality"] == []


def test_status_in_chinese(chinese: None) -> None:
    shown = present(status_report(small_plan(), small_ledger(), 6, unit="u1"))
    assert (
        shown.title == "测试计划 — 截至 2024-06（有数据的最近月份）进展情况（全年进度 6/12） — 甲县"
    )
    assert [header(c) for c in shown.columns[:3]] == ["代码", "指标", "实际完成"]
    assert shown.columns[1].key == "name"
    assert shown.groups[0].summary == "共 1 项：正常 1 项"  # A; R has no goal for u1
    assert shown.document()["unit"] == "u1"


def test_gaps_groups_and_footer_in_both_languages(chinese: None) -> None:
    report = gaps_report(small_plan(), small_ledger(), 6)
    zh = present(report)
    assert [g.title for g in zh.groups] == ["滞后或预警（由差到好）"]
    assert zh.footer == "滞后或预警 3 项，无数据 0 项，正常或已完成 0 项"
    assert header(zh.columns[-1]) == "2023"  # the baseline column is headed by its year
    use_language("en")
    en = present(report)
    assert en.footer == "3 lagging, 0 without data, 0 on track or achieved"
    assert en.document()["months_remaining"] == 6


def test_plan_goal_in_words_where_csv_has_it(chinese: None) -> None:
    zh = present(plan_report(small_plan()))
    assert [row["goal_text"] for row in zh.rows] == [">= 100 家", ">= 9 %", "完成"]
    keys = list(zh.rows[0])
    assert keys[keys.index("comparator") + 1] == "goal_text"
    assert (
        csv_text(zh.rows)
        .splitlines()[0]
        .startswith("code,area,name,name_en,unit,kind,goal,comparator,goal_text,combine")
    )


def test_history_sparkline_and_footer() -> None:
    shown = present(history_report(small_plan(), small_ledger(), "R"))
    assert shown.footer == "1 record, 1 in force\nMonth by month: ·····█······"
    assert shown.document()["sparkline"] == "·····█······"


def test_sparkline_heights() -> None:
    from decimal import Decimal as D

    # lowest 0 -> ▁, highest 7 -> █, 3.5 halfway -> the fourth of eight steps
    assert sparkline([D(0), None, D("3.5"), D(7)]) == "▁·▄█"
    assert sparkline([None, None]) == "··"


def test_rank_text_marks_ties(chinese: None) -> None:
    shown = present(rank_report(small_plan(), small_ledger(), 6, "A"))
    assert [row["rank_text"] for row in shown.rows] == ["1", "2"]
    assert [g.title for g in shown.groups] == ["按分解目标序时完成率排名"]
