"""Help and usage errors in the interface language, wrapped to fit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main

from gxtrack.cli import app
from gxtrack.i18n import MESSAGES, use_language
from gxtrack.i18n.text import display_width, wrap_cells


def help_entries(prefix: str = "help.") -> dict[str, tuple[str, str]]:
    return {key: pair for key, pair in MESSAGES.items() if key.startswith(prefix)}


def test_every_command_and_option_has_its_help_in_both_languages() -> None:
    # The suite builds the commands in English: each help shown is a catalogue entry's
    # English text, and that entry has a Chinese text of its own.
    english = {pair[0]: key for key, pair in help_entries().items()}
    english |= {MESSAGES[key][0]: key for key in ("cache.help", "cache.clear.help")}
    group = typer.main.get_command(app)
    assert group.help in english
    # subgroups (db, cache) and their commands too: `gxtrack db grant --help`
    commands = dict(group.commands)  # type: ignore[attr-defined]
    assert len(commands) >= 17
    while commands:
        name, command = commands.popitem()
        commands.update({f"{name} {sub}": c for sub, c in getattr(command, "commands", {}).items()})
        assert command.help in english, name
        assert command.short_help in english, name
        for param in command.params:
            assert getattr(param, "help", None) in english, (name, param.name)
    for key, (en, zh) in help_entries().items():
        assert en.strip() and zh.strip() and en != zh, key


def gxtrack(*args: str, lang: str = "zh", columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GXTRACK_LANG": lang, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "gxtrack", *args], capture_output=True, text=True, env=env
    )


def test_chinese_help_from_the_language_setting() -> None:
    result = gxtrack("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：gxtrack [选项] 命令 [参数]...")
    for text in ("选项：", "命令：", "录入某月数值，或逐项填报整月。", "显示本帮助并退出。"):
        assert text in result.stdout
    assert "Show this message" not in result.stdout
    # --lang on the command line wins over GXTRACK_LANG, for the help too
    assert "Record a month's value" in gxtrack("--lang", "en", "--help", lang="zh").stdout
    assert "录入某月数值" in gxtrack("record", "--help", "--lang", "zh", lang="en").stdout


def test_the_locale_chooses_chinese_when_nothing_else_does() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("GXTRACK_LANG", "LC_ALL")}
    env.update(LANG="zh_CN.UTF-8", LC_MESSAGES="zh_CN.UTF-8")
    result = subprocess.run(
        [sys.executable, "-m", "gxtrack", "status", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "各项目标对照序时进度的完成情况，按领域分组。" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--fomat", "x"], "错误：没有选项：--fomat（可能想输入：--data, --format）"),
        (["history"], "错误：缺少参数 'CODE'。"),
        (
            ["status", "-f", "foo"],
            "错误：'--format' / '-f' 的值无效：应为 table、csv、json、markdown 之一",
        ),
        (["status", "--as-of"], "错误：选项 '--as-of' 需要一个值。"),
        (["frobnicate"], "错误：没有命令 'frobnicate'。"),
        (["init", "d", "--year", "1"], "错误：'--year' 的值无效：应为 2000 至 2100 之间的整数"),
        (["check", "--strict=1"], "错误：选项 '--strict' 不接受值。"),
        (["record", "1", "2", "3", "-m", "2024-01"], "错误：多余的参数（3）"),
        (["undo", "1"], "错误：缺少选项 '--month' / '-m'。"),
        (
            ["export"],
            "错误：缺少参数 'what'。可选：status、gaps、actuals、plan、units、matrix、all",
        ),
        (["record", "--mnth", "3"], "错误：没有选项：--mnth（可能想输入：--month"),
    ],
)
def test_usage_errors_in_chinese(args: list[str], message: str) -> None:
    result = gxtrack(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["record", "--help"], "用法：gxtrack record [选项] [代码] [数值]"),
        (["import", "--help"], "用法：gxtrack import [选项] 文件"),
        (["init", "--help"], "用法：gxtrack init [选项] 文件夹"),
        (["db", "--help"], "用法：gxtrack db [选项] 命令 [参数]..."),
        (["history"], "用法：gxtrack history [选项] 代码"),
    ],
)
def test_the_usage_line_and_metavars_in_chinese(args: list[str], usage: str) -> None:
    result = gxtrack(*args)
    assert (result.stdout or result.stderr).splitlines()[0] == usage
    if "--help" in args:
        assert "OPTIONS" not in result.stdout and "<str>" not in result.stdout
        assert "{" not in result.stdout.splitlines()[0]


def test_options_in_chinese_help_name_their_values_and_notes_in_chinese() -> None:
    lines = gxtrack("record", "--help", columns=100).stdout.splitlines()
    assert "  -m, --month YYYY-MM   数值所属月份。  ［必填］" in lines
    assert "  -n, --note <文本>     情况说明（备注）。" in lines
    assert any(line.startswith("  -d, --data 文件|地址  ") for line in lines)
    init = gxtrack("init", "--help", columns=100).stdout
    assert "［2000 至 2100］" in init and "[2000<=x<=2100]" not in init
    export = gxtrack("export", "--help", columns=100).stdout
    assert "［默认：keys］" in export.replace("\n", "").replace(" ", "")


def test_usage_errors_in_english_read_as_typer_wrote_them() -> None:
    result = gxtrack("status", "--fomat", "x", lang="en")
    assert result.returncode == 2
    assert result.stderr == (
        "Usage: gxtrack status [OPTIONS]\n"
        "Try 'gxtrack status --help' for help.\n\n"
        "Error: No such option: --fomat (Possible options: --data, --format)\n"
    )


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_the_terminal(lang: str, columns: int) -> None:
    # Click wraps at min(columns, 80) - 2 characters; a Chinese character takes two cells.
    for command in ("--help", "record", "status", "import"):
        args = [command] if command == "--help" else [command, "--help"]
        lines = gxtrack(*args, lang=lang, columns=columns).stdout.splitlines()
        widest = max(display_width(line) for line in lines)
        assert widest <= min(columns, 80) - 2, (command, widest)


def test_wrapping_breaks_between_words_and_between_chinese_characters() -> None:
    assert wrap_cells("Smart-manufacturing demonstration factories", 20) == [
        "Smart-manufacturing",
        "demonstration",
        "factories",
    ]
    # 5 characters of 2 cells fill 10; a closing ，。 stays with the character before it
    assert wrap_cells("各项目标对照序时进度的完成情况，按领域分组。", 10) == [
        "各项目标对",
        "照序时进度",
        "的完成情",
        "况，按领域",
        "分组。",
    ]
    # an option stays with its value
    assert wrap_cells("use --format csv for every column", 12) == [
        "use",
        "--format csv",
        "for every",
        "column",
    ]
    # an opening （ stays with what follows it
    assert wrap_cells("询问（全部）", 4) == ["询问", "（全", "部）"]


@pytest.fixture(autouse=True)
def _english() -> None:
    use_language("en")
    # an ASCII comma after a Chinese unit stays with it: "0 家" then ", total" was the bug
    assert wrap_cells("by now 0 家, total so far", 10) == ["by now 0", "家, total", "so far"]
