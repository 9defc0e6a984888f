"""The monthly entry session, end to end with scripted input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from gxtrack.store.plan_file import load_plan
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

from .conftest import Cli

AREA_2 = ["2.1", "2.2", "2.3", "2.4", "2.5"]


def values(cli: Cli, month: str = "2024-06") -> dict[str, Any]:
    history = {}
    for code in AREA_2:
        records = json.loads(cli("history", code, "-f", "json").output)["records"]
        history[code] = [(r["month"], r["value"], r["note"]) for r in records]
    return history


def test_a_month_typed_in_with_skips_a_bad_value_and_a_note(cli: Cli) -> None:
    # 2.1 skipped; 2.2 "abc" refused then 1; 2.3 skipped; 2.4 55 with a note; 2.5 -3
    # refused then 40; then confirm.
    typed = "\nabc\n1\n\n55 # 含两家迁入\n-3\n40\ny\n"
    result = cli("record", "--month", "2024-06", "--area", "2", input=typed)
    assert result.exit_code == 0, result.output
    assert "Monthly entry for 2024-06: 5 indicators" in result.output
    assert "'abc' is not a number" in result.output
    assert "-3 is negative" in result.output
    assert "[4/5] 2.4 New provincial specialised SMEs — goal 100 家, expected by now 50 家" in (
        result.output
    )
    assert "Error" not in result.output  # a re-prompt with the reason, not an error line
    assert "  ↳ 2.2: 'abc' is not a number; type it again, or Enter to skip" in result.output
    assert "Save 3 answers? (a code changes that answer) [Y/n]" in result.output
    assert "  + 2.4 New provincial specialised SMEs: 55 家  # 含两家迁入" in result.output
    assert "Saved 3 answers." in result.output
    assert values(cli) == {
        "2.1": [],
        "2.2": [("2024-06", 1, None)],
        "2.3": [],
        "2.4": [("2024-06", 55, "含两家迁入")],
        "2.5": [("2024-06", 40, None)],
    }


def test_a_whole_month_is_one_command_25_answers_and_one_confirmation(cli: Cli) -> None:
    # Plan order: 23 numeric goals, then the two milestones (7.1, 7.2). 1 is plausible
    # for every goal (the smallest are 2): no second question, so 25 answers + 1 Enter.
    typed = "\n".join(["1"] * 23 + ["done", "done", ""]) + "\n"
    result = cli("record", "--month", "2024-06", input=typed)
    assert result.exit_code == 0, result.output
    assert all(f"[{n}/25]" in result.output for n in range(1, 26))
    assert result.output.count("Save 25 answers? (a code changes that answer) [Y/n]") == 1
    assert "Saved 25 answers." in result.output
    status = json.loads(cli("status", "-f", "json").output)
    assert {row["actual"] for row in status["indicators"]} == {1}


def test_ctrl_c_or_end_of_input_saves_nothing(cli: Cli, workdir: Path) -> None:
    cli("record", "2.4", "10", "-m", "2024-05")
    before = hashlib.sha256((workdir / "actuals.toml").read_bytes()).hexdigest()
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n2\n")
    assert result.exit_code == 130
    assert "Nothing saved to the data file; 2 answers kept in the draft" in result.output
    after = hashlib.sha256((workdir / "actuals.toml").read_bytes()).hexdigest()
    assert after == before


def test_declining_saves_nothing(cli: Cli, workdir: Path) -> None:
    # n at the confirmation asks again; y discards
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n\n\n\n\nn\ny\n")
    assert result.exit_code == 0
    assert "Discard 1 answer and delete the draft? [y/N]" in result.output
    assert "Nothing saved: 1 answer discarded." in result.output
    assert not (workdir / "actuals.toml").exists()


def test_ytd_totals_in_a_session(cli: Cli) -> None:
    cli("record", "2.4", "30", "-m", "2024-03")
    result = cli("record", "--month", "2024-06", "--area", "2", "--ytd", input="\n\n\n55\n\ny\n")
    assert result.exit_code == 0, result.output
    assert "year-to-date total" in result.output
    # The total 55 is kept as typed; June's own part is 55 - 30 = 25.
    assert values(cli)["2.4"] == [("2024-03", 30, None), ("2024-06", 55, None)]
    june = json.loads(cli("history", "2.4", "-f", "json").output)["records"][-1]
    assert (june["basis"], june["part"]) == ("ytd", 25)


def test_someone_else_records_meanwhile(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the user types, a colleague records 2.4; at save the user is asked."""
    from gxtrack.cli import session

    paths = Paths.resolve(workdir / "targets.toml", None)
    confirmation = session._confirmation

    def colleague_records_then(*args: Any) -> bool | str:
        answer = confirmation(*args)
        record_value(paths, load_plan(paths.targets), "2.4", "60", "2024-06")
        return answer

    monkeypatch.setattr(session, "_confirmation", colleague_records_then)
    # 2.4: 55, 2.5: 7; Enter saves; n keeps the colleague's value
    result = cli("record", "--month", "2024-06", "--area", "2", input="\n\n\n55\n7\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "someone else recorded 60 while you were typing; you entered 55" in result.output
    history = values(cli)
    assert history["2.4"] == [("2024-06", 60, None)]  # theirs kept
    assert history["2.5"] == [("2024-06", 7, None)]  # the rest saved
    assert "Saved 1 answer." in result.output


def test_enter_at_the_final_question_saves(cli: Cli) -> None:
    # 2.1 gets 1, the other four skipped, then a bare Enter at [Y/n]
    result = cli("record", "--month", "2024-06", "--area", "2", input="1\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Save 1 answer? (a code changes that answer) [Y/n]" in result.output
    assert values(cli)["2.1"] == [("2024-06", 1, None)]


def test_a_sum_shows_its_total_so_far_and_asks_for_the_months_new_figure(cli: Cli) -> None:
    cli("record", "2.4", "30", "-m", "2024-04")
    cli("record", "2.4", "13", "-m", "2024-05")
    result = cli("record", "--month", "2024-06", "--area", "2", input="\n\n\n\n\n")
    # total so far: 30 + 13 = 43; the last figure is May's 13
    assert "total so far 43 家 (last 13 家 (2024-05))" in result.output
    assert "this month's new figure (本月新增) (< back):" in result.output
    zh = cli("record", "--month", "2024-06", "--area", "2", "--lang", "zh", input="\n" * 5)
    assert "累计已完成 43家（上次 13家 (2024-05)）" in zh.output
    assert "本月新增（< 返回上一项）:" in zh.output


def test_a_correction_has_its_unit_on_both_sides(cli: Cli) -> None:
    cli("record", "2.4", "30", "-m", "2024-06")
    result = cli("record", "--month", "2024-06", "--area", "2", input="\n\n\n55\n\n\n")
    assert "  ~ 2.4 New provincial specialised SMEs: 30 家 → 55 家" in result.output


def test_a_milestone_done_is_not_asked_again(cli: Cli) -> None:
    cli("record", "7.1", "done", "-m", "2024-05")
    result = cli("record", "--month", "2024-07", "--area", "7", input="done\n\n")
    assert result.exit_code == 0, result.output
    assert "[1/2] 7.1" in result.output and "done (2024-05); not asked again" in result.output
    assert result.output.count("done? (done, or Enter to skip)") == 1  # only 7.2 asked
    assert "  + 7.2 " in result.output and ": done" in result.output  # not ": 1"
    everything = cli("record", "--month", "2024-08", "--area", "7", "--all", input="\n\n")
    assert everything.output.count("done? (done, or Enter to skip)") == 2
    assert "last done (2024-05)" in everything.output


def test_a_note_without_a_value_is_kept_listed_and_saved(cli: Cli) -> None:
    # 2.1 a note alone, 2.2-2.5 skipped, Enter saves
    result = cli("record", "--month", "2024-07", "--area", "2", input="# 待统计局反馈\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Save 1 answer? (a code changes that answer) [Y/n]" in result.output
    assert "2.1 " in result.output and "# 待统计局反馈" in result.output.split("Save 1")[0]
    history = json.loads(cli("history", "2.1", "-f", "json").output)["records"]
    assert [(r["month"], r["value"], r["note"]) for r in history] == [
        ("2024-07", None, "待统计局反馈")
    ]
    status = json.loads(cli("status", "--as-of", "2024-07", "-f", "json").output)
    assert {r["code"]: r["actual"] for r in status["indicators"]}["2.1"] is None  # no number


def draft_of(workdir: Path, month: str = "2024-06") -> Path:
    return workdir / f"actuals.toml.draft-{month}"


def test_ctrl_c_keeps_the_answers_in_a_draft_and_the_next_session_resumes_it(
    cli: Cli, workdir: Path
) -> None:
    cli("record", "2.4", "10", "-m", "2024-05")
    before = hashlib.sha256((workdir / "actuals.toml").read_bytes()).hexdigest()
    # 2.1: 1, 2.2: 2 # 待核, then end of input (Ctrl-C / a closed terminal)
    cut = cli("record", "--month", "2024-06", "--area", "2", input="1\n2 # 待核\n")
    assert cut.exit_code == 130
    assert hashlib.sha256((workdir / "actuals.toml").read_bytes()).hexdigest() == before
    draft = json.loads(draft_of(workdir).read_text("utf-8"))
    assert draft["answers"] == [
        {"code": "2.1", "value": "1", "note": None, "ytd": False},
        {"code": "2.2", "value": "2", "note": "待核", "ytd": False},
    ]
    assert draft["asked"] == ["2.1", "2.2"]
    # Enter resumes; 2.3-2.5 are asked (Enter skips them), Enter saves
    again = cli("record", "--month", "2024-06", "--area", "2", input="\n\n\n\n\n")
    assert again.exit_code == 0, again.output
    assert "A draft of this month's entry holds 2 answers (2 of 5 indicators asked)" in (
        again.output
    )
    assert "Resumed: 2 answers kept; asking the rest." in again.output
    assert "[1/5]" not in again.output and "[3/5] 2.3" in again.output
    assert "Save 2 answers? (a code changes that answer) [Y/n]" in again.output
    assert values(cli)["2.2"] == [("2024-06", 2, "待核")]
    assert not draft_of(workdir).exists()  # saved: the draft is gone


def test_a_draft_declined_or_discarded_is_removed(cli: Cli, workdir: Path) -> None:
    cli("record", "--month", "2024-06", "--area", "2", input="1\n")
    assert draft_of(workdir).exists()
    # n: start afresh (asked from [1/5]); then the new answer is discarded at the end
    # n at the confirmation, then y: discard it and the draft
    fresh = cli("record", "--month", "2024-06", "--area", "2", input="n\n1\n\n\n\n\nn\ny\n")
    assert "[1/5] 2.1" in fresh.output
    assert "Nothing saved: 1 answer discarded." in fresh.output
    assert not draft_of(workdir).exists()
    assert not (workdir / "actuals.toml").exists()


def test_a_draft_is_offered_only_for_its_own_month_and_never_when_damaged(
    cli: Cli, workdir: Path
) -> None:
    cli("record", "--month", "2024-06", "--area", "2", input="1\n")
    july = cli("record", "--month", "2024-07", "--area", "2", input="\n" * 5)
    assert "A draft of" not in july.output
    draft_of(workdir).write_text('{"version": 1, "month": "2024-06", "evil": "\\u001b[2J"}')
    damaged = cli("record", "--month", "2024-06", "--area", "2", input="\n" * 5)
    assert damaged.exit_code == 0, damaged.output
    assert "A draft" not in damaged.output and "\x1b" not in damaged.output


def test_a_plan_taking_year_to_date_totals_says_so_and_records_the_months_part(
    cli: Cli, workdir: Path
) -> None:
    plan = workdir / "targets.toml"
    text = plan.read_text("utf-8")
    start = text.index('code = "2.4"')
    plan.write_text(text[:start] + 'entry = "ytd"\n' + text[start:], "utf-8")
    assert cli("validate").exit_code == 0
    # record takes the total: 1—3月累计 30 is March's part (nothing before it)
    first = cli("record", "2.4", "30", "-m", "2024-03").output
    assert "30 家 (year-to-date total; 2024-03's own part 30 家)" in first
    # July after March is a jump of four months: asked once, y goes on
    result = cli("record", "--month", "2024-07", "--area", "2", input="y\n\n\n\n62\n\n\n")
    # the prompt asks for the total; 62 - 30 = 32 is July's part
    assert "year-to-date total (1—7月累计) (< back):" in result.output
    assert (
        "  + 2.4 New provincial specialised SMEs: 62 家 (year-to-date total; 2024-07's own part "
        "32 家)"
    ) in result.output
    # Kept as typed: the totals 30 and 62.
    assert values(cli)["2.4"] == [("2024-03", 30, None), ("2024-07", 62, None)]
    zh = cli("record", "--month", "2024-08", "--area", "2", "--lang", "zh", input="\n" * 5)
    assert "1—8月累计数（< 返回上一项）:" in zh.output


def test_entry_ytd_on_an_indicator_that_is_not_summed_is_refused(cli: Cli, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    text = plan.read_text("utf-8")
    start = text.index('code = "1.1"')
    plan.write_text(text[:start] + 'entry = "ytd"\n' + text[start:], "utf-8")
    result = cli("validate")
    assert result.exit_code == 4
    assert 'use combine = "sum" (or "average" for a release' in result.output
    assert "or leave entry out" in result.output
