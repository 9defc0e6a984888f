"""Chinese where a clerk types it, through the installed `gxtrack`: units by name
(祁阳 for 祁阳市), statuses by their words (滞后), indicator codes in full-width forms
(２．４), and hints that list names beside codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gxtrack.model.status_words import parse_status
from gxtrack.model.terms import Status

from .installed import gxtrack, plan_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return plan_folder(tmp_path)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("滞后", Status.BEHIND),
        ("behind", Status.BEHIND),
        ("预警", Status.AT_RISK),
        ("at risk", Status.AT_RISK),
        ("at_risk", Status.AT_RISK),
        ("警", Status.AT_RISK),
        ("已完成", Status.ACHIEVED),
        ("完成", Status.ACHIEVED),
        ("正常", Status.ON_TRACK),
        ("无数据", Status.NO_DATA),
        ("未完成", Status.MISSED),
        ("ＢＥＨＩＮＤ", Status.BEHIND),
    ],
)
def test_status_words_in_either_language(word: str, status: Status) -> None:
    assert parse_status(word) is status


def test_a_unit_by_its_name_without_suffix(folder: Path) -> None:
    recorded = gxtrack(folder, "record", "2.4", "3", "-m", "2024-06", "--unit", "祁阳")
    assert recorded.returncode == 0, recorded.stderr
    assert "(qiyang)" in recorded.stdout
    shown = gxtrack(folder, "status", "--unit", "祁阳市", "-f", "json")
    rows = json.loads(shown.stdout)["indicators"]
    assert next(r for r in rows if r["code"] == "2.4")["actual"] == 3
    # the autonomous county by its short name; a bureau's own name
    assert gxtrack(folder, "gaps", "--unit", "江华县").returncode == 0
    assert gxtrack(folder, "gaps", "--unit", "冷水滩区工信局").returncode == 0


def test_an_unknown_unit_lists_names_beside_codes(folder: Path) -> None:
    refused = gxtrack(folder, "status", "--unit", "长沙")
    assert refused.returncode == 3
    assert "计划中没有填报单位“长沙”" in refused.stderr
    assert "qiyang（祁阳市）" in refused.stderr and "jianghua（江华瑶族自治县）" in refused.stderr


def test_statuses_by_their_chinese_words(folder: Path) -> None:
    assert gxtrack(folder, "record", "2.4", "10", "-m", "2024-06").returncode == 0
    # 2.4: 10 of 100 by June, expected 50: 20% of schedule, behind
    behind = gxtrack(folder, "status", "--status", "滞后", "-f", "json")
    assert behind.returncode == 0, behind.stderr
    codes = [r["code"] for r in json.loads(behind.stdout)["indicators"]]
    assert "2.4" in codes
    assert all(r["status"] == "behind" for r in json.loads(behind.stdout)["indicators"])
    refused = gxtrack(folder, "status", "--status", "坏")
    assert refused.returncode == 2  # a word the option does not take: a usage error
    assert "没有“坏”这种状态" in refused.stderr and "滞后" in refused.stderr


def test_indicator_codes_in_full_width_forms(folder: Path) -> None:
    recorded = gxtrack(folder, "record", "２．４", "12", "-m", "2024-06")
    assert recorded.returncode == 0, recorded.stderr
    assert "2.4 新增省级专精特新中小企业" in recorded.stdout
    history = gxtrack(folder, "history", "2。4", "-f", "json")
    assert [r["value"] for r in json.loads(history.stdout)["records"]] == [12]


def test_an_unknown_code_lists_names_beside_codes(folder: Path) -> None:
    refused = gxtrack(folder, "history", "9.9")
    assert refused.returncode == 3
    assert "2.1 培育五十亿级企业" in refused.stderr
