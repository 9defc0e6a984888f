"""Next year's plan, check for pipelines, filters, formats, completion."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from gxtrack.errors import ExitCode
from gxtrack.store.plan_file import load_plan

from .conftest import Cli


def test_init_starter_validates(cli: Cli, workdir: Path) -> None:
    result = cli("init", "new", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert "3 indicators for 2025" in result.output
    check = cli("validate", "-t", str(workdir / "new" / "targets.toml"))
    assert check.exit_code == 0, check.output
    again = cli("init", "new", "--year", "2025")
    assert again.exit_code == ExitCode.INVALID_INPUT
    assert "exists already" in again.output


def test_init_from_this_year_carries_final_actuals(cli: Cli, workdir: Path) -> None:
    for code, value, month in (
        ("2.4", "30", "2024-03"),
        ("2.4", "75", "2024-12"),
        ("1.1", "7.2", "2024-06"),
        ("1.1", "8.9", "2024-12"),
        ("7.1", "done", "2024-05"),
    ):
        # December after June is a jump of six months: the year's final figures, --force
        assert cli("record", code, value, "-m", month, "--force").exit_code == 0
    result = cli("init", "plans/2025", "--from", "targets.toml")
    assert result.exit_code == 0, result.output
    assert "25 indicators for 2025, 2 baselines carried from 2024" in result.output
    plan = load_plan(workdir / "plans" / "2025" / "targets.toml")
    assert plan.year == 2025 and plan.plan.baseline_year == 2024
    assert plan.plan.title == "永州市2025年工业和信息化重点工作目标"
    assert plan.indicator("2.4").baseline == 105  # 30 + 75, the year's total
    assert plan.indicator("1.1").baseline == D("8.9")  # the December year-to-date rate
    assert plan.indicator("2.2").baseline is None  # nothing recorded: no baseline
    assert plan.indicator("7.1").baseline is None  # a milestone has none
    assert plan.indicator("2.4").goal == 100  # goals are the user's to set
    assert cli("validate", "-t", str(workdir / "plans" / "2025" / "targets.toml")).exit_code == 0


def test_check_for_cron(cli: Cli) -> None:
    ok = cli("check", "--as-of", "2024-01")
    assert (ok.exit_code, ok.output) == (0, "")
    cli("record", "1.1", "8.5", "-m", "2024-01")  # 8.5 of 9: 94% -> at risk
    assert cli("check", "--as-of", "2024-01").exit_code == 0
    strict = cli("check", "--as-of", "2024-01", "--strict")
    assert (strict.exit_code, strict.output) == (ExitCode.CHECK_FAILED, "")
    cli("record", "1.1", "7.2", "-m", "2024-01")  # 80% -> behind
    assert cli("check", "--as-of", "2024-01").exit_code == ExitCode.CHECK_FAILED


def test_status_filter(cli: Cli) -> None:
    cli("record", "1.1", "7.2", "-m", "2024-06")
    cli("record", "2.4", "55", "-m", "2024-06")
    result = cli("status", "--status", "behind", "--status", "on_track", "-f", "json")
    rows = json.loads(result.output)["indicators"]
    assert sorted(row["code"] for row in rows) == ["1.1", "2.4", "7.1", "7.2"]
    assert cli("status", "--status", "lagging").exit_code == 2


# The bundled plan has reporting units: its status carries the data-quality notes too.
STATUS_KEYS = ["report", "plan", "year", "as_of", "summary", "areas", "data_quality", "indicators"]
STATUS_ROW_KEYS = [
    "code",
    "area",
    "name",
    "name_en",
    "unit",
    "kind",
    "stretch",
    "goal",
    "comparator",
    "actual",
    "latest_month",
    "expected",
    "goal_pct",
    "schedule_pct",
    "status",
    # How the figure is judged and what it is set against
    "frequency",
    "period",
    "pending",
    "tolerance",
    "within_tolerance",
    "stretch_goal",
    "stretch_pct",
    "headroom",
    "previous",
    "change_vs_previous",
    "goal_from",
    "goal_offset",
    "baseline",
]
GAP_ROW_KEYS = [
    "code",
    "area",
    "name",
    "name_en",
    "unit",
    "goal",
    "comparator",
    "actual",
    "latest_month",
    "expected",
    "goal_pct",
    "schedule_pct",
    "status",
    # How the figure is judged and what it is set against
    "frequency",
    "period",
    "pending",
    "tolerance",
    "within_tolerance",
    "stretch_goal",
    "stretch_pct",
    "headroom",
    "previous",
    "change_vs_previous",
    "goal_from",
    "goal_offset",
    "shortfall_to_schedule",
    "shortfall_to_goal",
    "gap_unit",
    "months_remaining",
    "pace_needed",
    "projection",
    "baseline",
]


def test_json_shape_is_pinned(cli: Cli) -> None:
    cli("record", "1.1", "-1.5", "-m", "2024-02")
    status = json.loads(cli("status", "-f", "json").output)
    assert list(status) == STATUS_KEYS
    assert list(status["indicators"][0]) == STATUS_ROW_KEYS
    first = status["indicators"][0]
    assert first["actual"] == -1.5 and first["latest_month"] == "2024-02"
    assert first["status"] == "behind" and isinstance(first["goal"], int)
    gaps = json.loads(cli("gaps", "-f", "json").output)
    assert list(gaps) == ["report", "plan", "year", "as_of", "months_remaining", "gaps"]
    assert list(gaps["gaps"][0]) == GAP_ROW_KEYS
    # The interface language never changes the JSON.
    assert json.loads(cli("status", "-f", "json", "--lang", "zh").output) == status


@pytest.mark.parametrize("command", [("status",), ("gaps",), ("plan",), ("history", "1.1")])
def test_markdown(cli: Cli, command: tuple[str, ...]) -> None:
    cli("record", "1.1", "7.2", "-m", "2024-06")
    result = cli(*command, "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## ")
    assert "| Code |" in result.output or "| Month |" in result.output
    assert "\x1b[" not in result.output


def test_history_sparkline(cli: Cli) -> None:
    for month, value in (("2024-01", "1"), ("2024-03", "8"), ("2024-04", "4")):
        cli("record", "2.4", value, "-m", month, "--force")  # 8 is 8x January's 1: insisted
    result = cli("history", "2.4")
    # 1 is the lowest, 8 the highest: 4 sits at (4-1)/(8-1) = 3/7 of the way: ▄.
    assert "Month by month: ▁·█▄········" in result.output


def test_completion_of_codes_and_areas(workdir: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_GXTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "gxtrack history 5.",
        "COMP_CWORD": "2",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gxtrack"], env=env, capture_output=True, text=True, cwd=workdir
    )
    assert result.stdout.split() == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    env["COMP_WORDS"], env["COMP_CWORD"] = "gxtrack status --area ", "3"
    result = subprocess.run(
        [sys.executable, "-m", "gxtrack"], env=env, capture_output=True, text=True, cwd=workdir
    )
    assert result.stdout.split() == ["1", "2", "3", "4", "5", "6", "7"]


def test_completion_reads_other_layouts_too(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from gxtrack.cli.completion import area_codes, indicator_codes

    context = SimpleNamespace(params={"targets": str(tmp_path / "plan.toml")})

    # Inline tables and an escaped quote: the line scan steps aside for tomllib.
    (tmp_path / "plan.toml").write_text(
        'areas = [{ code = "1", name = "一" }]\n'
        'indicators = [{ code = "1.1", name = "增长\\"率\\"" }, { code = "1.2", name = "x" }]\n',
        "utf-8",
    )
    assert indicator_codes(context, "1.") == [("1.1", '增长"率"'), ("1.2", "x")]
    assert area_codes(context, "") == [("1", "一")]
    (tmp_path / "plan.toml").write_text("not toml [", "utf-8")
    assert indicator_codes(context, "") == []
