"""The bilingual interface: a complete catalogue, and Chinese where it is asked for."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from gxtrack.i18n import MESSAGES, language_from_environment, t, use_language
from gxtrack.model.records import EntryState
from gxtrack.model.terms import Kind, Status, UnitKind

from .conftest import ROOT, Cli

SOURCE = ROOT / "src" / "gxtrack"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages(key: str) -> None:
    english, chinese = MESSAGES[key]
    assert english.strip() and chinese.strip()
    assert placeholders(english) == placeholders(chinese)


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]+)"', path.read_text("utf-8")))
    # Keys built from a word: every word of those vocabularies must be there too.
    used |= {f"status.{s.value}" for s in Status} | {f"kind.{k.value}" for k in Kind}
    used |= {f"state.{s.value}" for s in EntryState}
    used |= {f"sheet.{n}" for n in ("status", "gaps", "actuals", "plan", "units", "matrix")}
    used |= {f"kind.{kind.value}" for kind in UnitKind}
    used |= {f"mark.{s.value}" for s in Status} | {"mark.data"}
    missing = sorted(used - set(MESSAGES))
    assert not missing, missing


def test_language_comes_from_gxtrack_lang_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("GXTRACK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert language_from_environment() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language_from_environment() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG
    assert language_from_environment() == "en"
    monkeypatch.setenv("GXTRACK_LANG", "zh")
    assert language_from_environment() == "zh"
    use_language("zh")
    assert t("status.behind") == "滞后"
    use_language("en")


def test_status_in_chinese(cli: Cli) -> None:
    cli("record", "2.4", "55", "-m", "2024-06")
    cli("record", "1.1", "7.2", "-m", "2024-06")
    result = cli("status", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "截至 2024-06（有数据的最近月份）进展情况（全年进度 6/12）" in result.output
    for word in ("代码", "指标", "实际完成", "全年目标", "序时进度", "状态"):
        assert word in result.output
    assert "新增省级专精特新中小企业" in result.output
    assert "正常" in result.output and "滞后" in result.output and "无数据" in result.output
    # 2.4 and the two milestones (not due before December) on track; 1.1 behind.
    assert "全部：共 25 项：正常 3 项，滞后 1 项，无数据 21 项" in result.output


def test_locale_chooses_chinese(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GXTRACK_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "全部：共 25 项" in cli("status").output


def test_errors_in_chinese(cli: Cli, workdir: Path) -> None:
    result = cli("record", "9.9", "5", "-m", "2024-06", "--lang", "zh")
    assert result.exit_code == 3
    assert "gxtrack：错误：计划中没有指标“9.9”" in result.output
    assert "提示：" in result.output
    bad = cli("record", "2.4", "-3", "-m", "2024-06", "--lang", "zh")
    assert "-3 是负数，但个数不能为负" in bad.output


def test_record_message_in_chinese(cli: Cli) -> None:
    result = cli("record", "5.2", "2,610", "-m", "2024-06", "--lang", "zh", "--ytd")
    assert result.output.strip() == (
        # The total as typed, then June's own part: 2,610 less nothing before it.
        "已录入 5.2 推动中小企业“上云” 2024-06：2,610家（1—N月累计数；2024-06 当月数 2,610家）。"
    )


def test_unknown_language_is_a_usage_error(cli: Cli) -> None:
    assert cli("status", "--lang", "fr").exit_code == 2


def test_chinese_columns_line_up(cli: Cli) -> None:
    from rich.cells import cell_len

    for code, value in (("2.4", "55"), ("2.5", "35"), ("5.2", "2300"), ("1.1", "7.2")):
        cli("record", code, value, "-m", "2024-06")
    lines = cli("status", "--lang", "zh").output.splitlines()
    header = next(line for line in lines if line.startswith("代码"))
    status_column = cell_len(header[: header.index("状态")])
    rows = [line for line in lines if line[:4] in ("1.1 ", "2.4 ", "2.5 ", "5.2 ")]
    assert len(rows) == 4
    for row in rows:
        words = [w for w in ("滞后", "正常", "预警") if w in row]
        assert words, row
        assert cell_len(row[: row.index(words[0])]) == status_column, row
