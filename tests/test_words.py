"""Words: plan in the interface's language; plan errors for people."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Cli


def test_plan_speaks_chinese_enum_words(cli: Cli) -> None:
    zh = cli("plan", "--lang", "zh").output
    # 1.1 a rate (last, flat), 2.1 due in December, 2.2 linear: no plan-file words
    assert "取最新累计" in zh and "全年持平（假定）" in zh
    assert "12月到期（假定）" in zh and "按月均衡（假定）" in zh and "逐月累加" in zh
    for word in (" last ", " sum ", "flat", "linear", "due 12"):
        assert word not in zh, word


def break_plan(workdir: Path, good: str, broken: str) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text("utf-8").replace(good, broken, 1), "utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_schedule_word_lists_only_what_is_allowed_with_line_and_caret(
    cli: Cli, workdir: Path, lang: str
) -> None:
    break_plan(workdir, 'schedule = "linear"', 'schedule = "weekly"')
    before = (workdir / "targets.toml").read_bytes()
    result = cli("validate", "--lang", lang)
    assert result.exit_code == 4
    first = result.output.splitlines()[0]
    assert ":188:12: " in first  # FILE:LINE:COL of the value
    assert '  188 | schedule = "weekly"' in result.output
    assert "\n                   ^" in result.output  # the caret under the value
    if lang == "en":
        assert first.endswith(
            'indicator 2.2: schedule: "weekly" is not allowed; use linear, flat, due, '
            "or a list of 12 cumulative fractions [0.05, …, 1]"
        )
    else:
        assert first.endswith(
            "不能填“weekly”，可填：linear, flat, due，或 12 个累计比例的列表 [0.05, …, 1]"
        )
    for internal in ("str-enum", "ScheduleKind", "seasonal", "more problem", "Input should"):
        assert internal not in result.output
    assert (workdir / "targets.toml").read_bytes() == before


def test_type_errors_read_as_words_in_both_languages(cli: Cli, workdir: Path) -> None:
    break_plan(workdir, "year = 2024", 'year = "2024"')
    en = cli("validate").output
    zh = cli("validate", "--lang", "zh").output
    assert "should be a whole number" in en and "应为整数" in zh
    assert "Input should" not in en + zh
