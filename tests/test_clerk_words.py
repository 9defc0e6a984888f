"""Small words through the installed `gxtrack`: 已写入标准输出 for -, a unit view without
goals of its own says why it is empty and how to set them, and the matrix's legend
names every mark a cell can hold."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gxtrack.i18n import t, use_language
from gxtrack.model.terms import Status
from gxtrack.output.present.units import matrix_legend

from .conftest import BUNDLED_PLAN
from .installed import gxtrack as run
from .installed import plan_folder


def gxtrack(folder: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    return run(folder, *args, lang=lang, columns=80)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return plan_folder(tmp_path)


def test_a_template_on_stdout_says_standard_output(folder: Path) -> None:
    done = gxtrack(folder, "template", "-m", "2024-08", "--output", "-")
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("\n已写入标准输出：2024-08 待填报指标 25 项。\n")
    assert "已写入 -" not in done.stderr
    english = gxtrack(folder, "template", "-m", "2024-08", "--output", "-", lang="en")
    assert english.stderr.endswith(
        "\nWrote to standard output: 25 indicators to fill in for 2024-08.\n"
    )


def test_a_unit_without_goals_says_why_its_view_is_empty(folder: Path) -> None:
    # the bundled plan splits no goal among its units
    shown = gxtrack(folder, "status", "--unit", "祁阳")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.replace("\n", "")
    assert "计划中没有给祁阳市分解目标，因此这里各项都没有状态" in text
    assert "unit_goals = { qiyang = … }" in text
    assert "共 0 项：" not in text  # no dangling colon
    english = gxtrack(folder, "status", "--unit", "qiyang", lang="en").stdout.replace("\n", " ")
    assert "has no goals of its own in the plan" in english


def test_a_unit_with_goals_has_no_such_line(tmp_path: Path) -> None:
    text = BUNDLED_PLAN.read_text("utf-8")
    start = text.index('code = "2.4"')
    (tmp_path / "targets.toml").write_text(
        text[:start] + "unit_goals = { qiyang = 10 }\n" + text[start:], "utf-8"
    )
    shown = gxtrack(tmp_path, "status", "--unit", "qiyang")
    assert shown.returncode == 0, shown.stderr
    assert "分解目标" not in shown.stdout


def test_the_matrix_legend_names_every_mark(folder: Path) -> None:
    shown = gxtrack(folder, "status", "--by", "unit")
    assert shown.returncode == 0, shown.stderr
    legend = shown.stdout.replace("\n", "")
    for mark, word in [
        ("完", "已完成"),
        ("正", "正常"),
        ("警", "预警"),
        ("滞", "滞后"),
        ("未", "未完成"),
        ("无", "无数据"),
        ("〇", "有数据无分解目标"),
    ]:
        assert f"{mark} {word}" in legend
    assert "空白：无数据也无目标" in legend


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_status_mark_is_in_the_legend(language: str) -> None:
    use_language(language)
    try:
        legend = matrix_legend()
        for status in Status:
            assert f"{t(f'mark.{status.value}')} {t(f'status.{status.value}')}" in legend
        assert t("mark.data") in legend
    finally:
        use_language("en")
