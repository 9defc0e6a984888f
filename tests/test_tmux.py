"""The installed gxtrack in a real terminal: tmux at 80 columns, keys typed
with send-keys, the screen read with capture-pane.

Each step waits for the text it expects on the screen (a bounded loop of captures, no
sleeps). Skips when tmux is missing, unless GXTRACK_REQUIRE_TMUX=1 (set by .ci/run).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gxtrack.i18n.text import display_width

from .conftest import BUNDLED_PLAN

TMUX = shutil.which("tmux")
REQUIRED = bool(os.environ.get("GXTRACK_REQUIRE_TMUX"))
GXTRACK = Path(sys.executable).with_name("gxtrack")  # the venv's console script
POLLS = 4000  # captures before giving up: each one is a tmux round trip (a few ms)

pytestmark = pytest.mark.skipif(
    TMUX is None and not REQUIRED,
    reason="tmux is not installed (Debian package tmux; CI sets GXTRACK_REQUIRE_TMUX=1)",
)


class Terminal:
    """One tmux session on a private server socket, 80 columns by 40 lines."""

    def __init__(self, socket: str, folder: Path) -> None:
        assert TMUX, "CI requires tmux (GXTRACK_REQUIRE_TMUX) but it is missing"
        self.base = [TMUX, "-u", "-L", socket, "-f", "/dev/null"]
        env = f"PATH={shlex.quote(str(GXTRACK.parent))}:$PATH GXTRACK_LANG=zh LANG=C.UTF-8 PS1='$ '"
        shell = f"env {env} bash --norc --noprofile"
        self.tmux("new-session", "-d", "-x", "80", "-y", "40", "-c", str(folder), shell)

    def tmux(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def type(self, text: str) -> None:
        if text:
            self.tmux("send-keys", "-l", text)
        self.tmux("send-keys", "Enter")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str) -> str:
        """The screen once `text` shows on it."""
        for _ in range(POLLS):
            screen = self.screen()
            if text in screen:
                return screen
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def wait_for_count(self, text: str, count: int) -> str:
        """The screen once `text` shows on it `count` times."""
        for _ in range(POLLS):
            screen = self.screen()
            if screen.count(text) >= count:
                return screen
        raise AssertionError(f"{text!r} never showed {count} times:\n{self.screen()}")

    def close(self) -> None:
        """As a closed terminal window: the shell and gxtrack get SIGHUP."""
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    shutil.copy(BUNDLED_PLAN, tmp_path / "targets.toml")
    term = Terminal(f"gxtrack-test-{os.getpid()}-{tmp_path.name}", tmp_path)
    yield term
    term.close()


def test_a_month_typed_in_a_real_terminal_at_80_columns(terminal: Terminal, tmp_path: Path) -> None:
    assert GXTRACK.exists(), f"the installed console script {GXTRACK} is missing"
    terminal.type("gxtrack record --month 2024-06 --area 2")
    terminal.wait_for("[1/5] 2.1")
    terminal.type("1")
    terminal.wait_for("[2/5] 2.2")
    terminal.type("# 待统计局反馈")  # a note without a value
    terminal.wait_for("[3/5] 2.3")
    terminal.type("")
    terminal.wait_for("[4/5] 2.4")
    terminal.type("55 # 含两家迁入")
    terminal.wait_for("[5/5] 2.5")
    terminal.type("")
    screen = terminal.wait_for("[Y/n]")
    # the prompt says what is asked, and the total so far; a date is never broken
    assert "本月新增（< 返回上一项）:" in screen and "累计已完成 0家" in screen
    assert "2024-06" in screen and "2/024" not in screen
    # the summary lists every answer, the note alone too, before the one question
    assert "待统计局反馈" in screen.split("待保存")[1]
    assert "55家  # 含两家迁入" in screen
    assert "保存这 3 项？（输入代码可修改该项） [Y/n]:" in screen
    terminal.type("")  # Enter saves
    terminal.wait_for("已保存")
    terminal.type("clear")
    terminal.type("gxtrack status --as-of 2024-06 --area 2")
    screen = terminal.wait_for("第2领域：")
    header = next(line for line in screen.splitlines() if line.lstrip().startswith("代码"))
    assert "完成率" in header and "序时完成率" in header and "状态" in header
    assert all(display_width(line) <= 80 for line in screen.splitlines())
    assert (tmp_path / "actuals.toml").exists()


def test_a_closed_terminal_keeps_the_answers_in_a_draft(terminal: Terminal, tmp_path: Path) -> None:
    terminal.type("gxtrack record --month 2024-07 --area 2")
    terminal.wait_for("[1/5] 2.1")
    terminal.type("1 # 七月")
    terminal.wait_for("[2/5] 2.2")  # the answer is in the draft before the next question
    terminal.close()  # the window closed mid-session
    draft = tmp_path / "actuals.toml.draft-2024-07"
    assert '"value": "1"' in draft.read_text("utf-8") and "七月" in draft.read_text("utf-8")
    assert not (tmp_path / "actuals.toml").exists()  # nothing in the data file


def test_going_back_and_changing_an_answer_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.type("gxtrack record --month 2024-06 --area 2")
    screen = terminal.wait_for("[1/5] 2.1")
    assert "输入 < 返回上一项" in screen  # the heading says how to go back
    terminal.type("1")
    terminal.wait_for("[2/5] 2.2")
    terminal.type("")
    terminal.wait_for("[3/5] 2.3")
    terminal.type("")
    terminal.wait_for("[4/5] 2.4")
    terminal.type("70")  # meant 7
    screen = terminal.wait_for("[5/5] 2.5")
    assert "本月新增（< 返回上一项）:" in screen  # the prompt says it too
    terminal.type("<")  # back to 2.4, asked anew
    terminal.wait_for_count("[4/5] 2.4", 2)
    terminal.type("7")
    terminal.wait_for_count("[5/5] 2.5", 2)
    terminal.type("")  # 2.5 skipped
    screen = terminal.wait_for("输入代码可修改该项")
    assert "+ 2.4 新增省级专精特新中小企业：7家" in screen
    terminal.type("2.1")  # change 2.1 at the confirmation: asked again
    terminal.wait_for_count("[1/5] 2.1", 2)
    terminal.type("2")
    terminal.wait_for("+ 2.1 培育五十亿级企业：2家")
    terminal.wait_for_count("[Y/n]:", 2)
    summaries = terminal.screen().split("待保存（2024-06）：")
    assert len(summaries) >= 3  # shown again after the change
    assert "2家" in summaries[-1] and "7家" in summaries[-1] and "70家" not in summaries[-1]
    terminal.type("是")
    terminal.wait_for("已保存 2 项")
    text = (tmp_path / "actuals.toml").read_text("utf-8")
    assert '"2.4"' in text and "70" not in text
    assert all(display_width(line) <= 80 for line in terminal.screen().splitlines())


def test_no_at_the_confirmation_keeps_the_draft_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.type("gxtrack record --month 2024-06 --area 2")
    terminal.wait_for("[1/5] 2.1")
    for answer in ["1", "", "", "55", ""]:
        terminal.type(answer)
    terminal.wait_for("输入代码可修改该项")
    terminal.type("n")
    terminal.wait_for("放弃这 2 项输入并删除草稿吗？ [y/N]:")
    terminal.type("")  # Enter: No, keep them
    terminal.wait_for("已留作草稿")
    draft = tmp_path / "actuals.toml.draft-2024-06"
    assert '"value": "55"' in draft.read_text("utf-8")
    assert not (tmp_path / "actuals.toml").exists()
    terminal.type("clear")
    terminal.type("gxtrack record --month 2024-06 --area 2")
    terminal.wait_for("是否接着填？ [Y/n]:")
    terminal.type("是")
    terminal.wait_for("已接着填：保留 2 项输入")
    terminal.wait_for("输入代码可修改该项")
    terminal.type("好")
    terminal.wait_for("已保存 2 项")
    assert not draft.exists()


def test_a_far_month_is_asked_about_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.type("gxtrack record 2.4 10 --month 2024-07")
    terminal.wait_for("$ ")
    terminal.type("gxtrack record --month 2024-12 --area 2")
    screen = terminal.wait_for("仍要填报 2024-12 吗？ [y/N]:")
    assert "从 2024-07 跳到 2024-12（一次跳 5 个月）" in screen.replace("\n", "")
    terminal.type("否")
    terminal.wait_for("未录入任何数值。")
    assert "[1/5]" not in terminal.screen()
    terminal.type("clear")
    terminal.type("gxtrack record 2.4 3 --month 2024-12")  # one value: asked on a terminal
    terminal.wait_for("仍然录入这 1 个数值吗？ [y/N]:")
    terminal.type("不")
    terminal.wait_for("未录入任何数值。")
    terminal.type("clear")
    terminal.type("gxtrack record 2.4 3 --month 2024-12 --force")
    terminal.wait_for("$ ")
    terminal.type("gxtrack status --area 2")
    screen = terminal.wait_for("第2领域")
    assert "2024-12（有数据的最近月份）" in screen  # re-dated, as asked with --force
