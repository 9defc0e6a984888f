"""The monthly session forgives: going back one item, changing an answer at the
confirmation, No that keeps the draft, 是 and 否 for yes and no, a far month asked about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gxtrack.cli.ask import yes_or_no
from gxtrack.cli.session import is_back

from .conftest import Cli


def history(cli: Cli, code: str) -> list[tuple[str, Any]]:
    records = json.loads(cli("history", code, "-f", "json").output)["records"]
    return [(r["month"], r["value"]) for r in records]


@pytest.mark.parametrize("word", ["y", "Y", "yes", "是", "好", "对", "是的", "Ｙ", " 是 ", "好。"])
def test_yes_words(word: str) -> None:
    assert yes_or_no(word) is True


@pytest.mark.parametrize("word", ["n", "N", "no", "否", "不", "不是", "Ｎ"])
def test_no_words(word: str) -> None:
    assert yes_or_no(word) is False


@pytest.mark.parametrize("word", ["", "maybe", "是不是", "2.4", "\x1b[2J"])
def test_other_answers_are_neither(word: str) -> None:
    assert yes_or_no(word) is None


@pytest.mark.parametrize("word", ["<", "＜", "back", "BACK", "返回", " < "])
def test_back_words(word: str) -> None:
    assert is_back(word)


def test_going_back_forgets_the_previous_answer_and_asks_it_again(cli: Cli) -> None:
    # 2.1: 1; 2.2-2.3 skipped; 2.4: 70 (meant 7); at 2.5 "<" goes back to 2.4, which
    # is asked anew: 7; 2.5 skipped; Enter saves 2.1 = 1 and 2.4 = 7, never 70.
    typed = "1\n\n\n70\n<\n7\n\n\n"
    result = cli("record", "--month", "2024-06", "--area", "2", input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.count("[4/5] 2.4") == 2 and result.output.count("[5/5] 2.5") == 2
    assert "this month's new figure (本月新增) (< back):" in result.output
    assert "Saved 2 answers." in result.output
    assert history(cli, "2.4") == [("2024-06", 7)]
    assert history(cli, "2.1") == [("2024-06", 1)]


def test_back_at_the_first_item_says_so_and_asks_it_again(cli: Cli) -> None:
    result = cli("record", "--month", "2024-06", "--area", "2", input="<\n1\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "this is the first item: nothing to go back to" in result.output
    assert history(cli, "2.1") == [("2024-06", 1)]


def test_going_back_twice_reaches_two_items_back(cli: Cli) -> None:
    # 2.1: 1, 2.2: 1, at 2.3 "<" twice -> 2.1 asked anew: 2; then 2.2 asked anew: 3
    # (2 and 3 are their goals: no doubt)
    typed = "1\n1\n<\n<\n2\n3\n\n\n\n\n"
    result = cli("record", "--month", "2024-06", "--area", "2", input=typed)
    assert result.exit_code == 0, result.output
    assert history(cli, "2.1") == [("2024-06", 2)]
    assert history(cli, "2.2") == [("2024-06", 3)]


def test_a_code_at_the_confirmation_changes_that_answer(cli: Cli) -> None:
    # 2.1: 1, 2.2: 2, rest skipped; at the confirmation "２．２" (full-width) asks 2.2
    # again: 3; the summary is shown again with 3; Enter saves.
    typed = "1\n2\n\n\n\n２．２\n3\n\n"
    result = cli("record", "--month", "2024-06", "--area", "2", input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.count("To save for 2024-06:") == 2
    second_summary = result.output.split("To save for 2024-06:")[2]
    assert "2.2" in second_summary and ": 3 家" in second_summary
    assert second_summary.index("+ 2.1") < second_summary.index("+ 2.2")  # plan order
    assert history(cli, "2.2") == [("2024-06", 3)]
    assert history(cli, "2.1") == [("2024-06", 1)]


def test_a_code_at_the_confirmation_can_add_a_skipped_answer(cli: Cli) -> None:
    # 2.1: 1, the rest skipped; at the confirmation 2.4 asks it: 9; save.
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n\n\n\n\n2.4\n9\n\n")
    assert result.exit_code == 0, result.output
    assert "Saved 2 answers." in result.output
    assert history(cli, "2.4") == [("2024-06", 9)]


def test_an_answer_that_is_neither_asks_again(cli: Cli) -> None:
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n\n\n\n\nmaybe\ny\n")
    assert result.exit_code == 0, result.output
    assert "answer y or n (是 or 否), or type the code of an answer to change it" in result.output
    assert history(cli, "2.1") == [("2024-06", 1)]


def test_no_then_no_keeps_the_draft(cli: Cli, workdir: Path) -> None:
    # n at the confirmation; Enter (No) at "discard?": nothing saved, the draft kept
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n2\n\n\n\nn\n\n")
    assert result.exit_code == 0, result.output
    assert "Discard 2 answers and delete the draft? [y/N]" in result.output
    assert "Nothing saved; 2 answers kept in the draft" in result.output
    assert not (workdir / "actuals.toml").exists()
    draft = json.loads((workdir / "actuals.toml.draft-2024-06").read_text("utf-8"))
    assert [a["value"] for a in draft["answers"]] == ["1", "2"]
    # the next session offers it; 是 resumes, 好 saves
    again = cli(
        "record", "--month", "2024-06", "--area", "2", "--lang", "zh", input="是\n\n\n\n好\n"
    )
    assert again.exit_code == 0, again.output
    assert "已保存 2 项。" in again.output
    assert history(cli, "2.2") == [("2024-06", 2)]


def test_chinese_yes_and_no_at_every_question(cli: Cli) -> None:
    # 2.1: 3 is over its goal of 2: asked; 否 asks for it again: 1; 对 saves
    result = cli(
        "record",
        "--month",
        "2024-06",
        "--area",
        "2",
        "--lang",
        "zh",
        input="3\n否\n1\n\n\n\n\n对\n",
    )
    assert result.exit_code == 0, result.output
    assert "Error" not in result.output and "invalid input" not in result.output
    assert history(cli, "2.1") == [("2024-06", 1)]


def test_going_back_over_the_only_answer_leaves_no_draft(cli: Cli, workdir: Path) -> None:
    # 2.1: 1; at 2.2 "<": 2.1 forgotten; then end of input
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n<\n")
    assert result.exit_code == 130
    assert not (workdir / "actuals.toml.draft-2024-06").exists()


def test_a_far_month_in_the_session_is_asked_about_once(cli: Cli) -> None:
    cli("record", "2.4", "10", "-m", "2024-07")
    # December after July: 5 months at once. Enter (No): nothing asked, exit 3
    declined = cli("record", "--month", "2024-12", "--area", "2", input="\n")
    assert declined.exit_code == 3
    assert (
        "2024-12 would move the latest month with figures from 2024-07 to 2024-12 "
        "(5 months at once): every report would then be as of 2024-12"
    ) in declined.output
    assert "[1/5]" not in declined.output
    # 是 goes on; --force does not ask
    taken = cli(
        "record", "--month", "2024-12", "--area", "2", "--lang", "zh", input="是\n\n\n\n\n\n"
    )
    assert taken.exit_code == 0 and "[1/5] 2.1" in taken.output
    forced = cli("record", "--month", "2024-12", "--area", "2", "--force", input="\n" * 5)
    assert forced.exit_code == 0 and "would move" not in forced.output


def test_status_says_which_month_it_is_as_of_and_why(cli: Cli) -> None:
    empty = cli("status", "--lang", "zh").output
    assert "截至 2024-12（尚无数据）进展情况" in empty.replace("\n", "")
    cli("record", "2.4", "10", "-m", "2024-07")
    latest = cli("status", "--lang", "zh").output.replace("\n", "")
    assert "截至 2024-07（有数据的最近月份）进展情况（全年进度 7/12）" in latest
    asked = cli("status", "--as-of", "2024-05").output.replace("\n", " ")
    assert "status as of 2024-05, as asked by --as-of (5/12 of the year)" in asked
