"""Year-to-date totals as statistics bureaus publish them, through the CLI: what was typed
is kept, the month parts are derived, and a revised total moves no other total.

The figures: 一季度 303, 上半年 690, 前三季度 1049, 全年 1256 (1—N月累计), then 一季度
revised to 305. Hand-worked, the derived month parts after the revision are
  March 305 - 0 = 305, June 690 - 305 = 385, September 1049 - 690 = 359,
  December 1256 - 1049 = 207 (and 305 + 385 + 359 + 207 = 1256: the year stays 1256).
Before the revision June was 690 - 303 = 387; the bug this guards against re-added the
old parts, giving 305 + 387 = 692 for 上半年 and 1258 for the year.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from .conftest import Cli, indicator, plan_document
from .test_postgres import cluster

__all__ = ["cluster"]  # the session's throwaway PostgreSQL cluster, shared with test_postgres

TOTALS = [("2024-03", "303"), ("2024-06", "690"), ("2024-09", "1049"), ("2024-12", "1256")]
TYPED = [305, 690, 1049, 1256]
PARTS = [305, 385, 359, 207]


def release_plan(folder: Path) -> Path:
    """One quarterly count, goal 1,200 a year, published as 1—N月 totals."""
    path = folder / "targets.toml"
    document = plan_document(indicator("G", goal=1200, frequency="quarterly"))
    path.write_text(tomli_w.dumps(document), "utf-8")
    return path


def in_force(history: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    return [
        (row["month"], row["value"], row["basis"], row["part"])
        for row in history["records"]
        if row["in_force"]
    ]


def check_book(run: Callable[..., Any]) -> None:
    """status at 2024-06 says 690 and at 2024-12 says 1256; history shows both sides."""
    june = json.loads(run("status", "--as-of", "2024-06", "-f", "json").output)
    december = json.loads(run("status", "--as-of", "2024-12", "-f", "json").output)
    assert june["indicators"][0]["actual"] == 690  # 305 + 385, the published 上半年
    assert december["indicators"][0]["actual"] == 1256  # 305 + 385 + 359 + 207
    history = json.loads(run("history", "G", "-f", "json").output)
    assert in_force(history) == [
        (month, typed, "ytd", part)
        for (month, _), typed, part in zip(TOTALS, TYPED, PARTS, strict=True)
    ]
    # The revised 303 stays in the history as typed, superseded.
    superseded = [r for r in history["records"] if r["state"] == "superseded"]
    assert [(r["month"], r["value"], r["basis"]) for r in superseded] == [("2024-03", 303, "ytd")]


@pytest.fixture
def run(cli: Cli, workdir: Path) -> Callable[..., Any]:
    targets = release_plan(workdir)

    def invoke(*args: str, input: str | None = None) -> Any:
        return cli(*args, "--targets", str(targets), input=input)

    return invoke


def test_record_ytd_keeps_each_total_and_a_revision_moves_only_parts(
    run: Callable[..., Any], workdir: Path
) -> None:
    for month, total in TOTALS:
        result = run("record", "G", total, "-m", month, "--ytd")
        assert result.exit_code == 0, result.output
    result = run("record", "G", "305", "-m", "2024-03", "--ytd")
    assert result.exit_code == 0, result.output
    # The confirmation names the part that moved: June 690 - 305 = 385, was 690 - 303 = 387.
    assert "2024-06's own part is now 385 家 (was 387 家)" in result.output
    assert "303 → 305" in result.output
    assert 'value = 1256, basis = "ytd"' in (workdir / "actuals.toml").read_text("utf-8")
    check_book(run)


def test_the_session_keeps_each_total(run: Callable[..., Any]) -> None:
    for month, total in TOTALS:
        result = run("record", "--month", month, "--ytd", input=f"{total}\ny\n")
        assert result.exit_code == 0, result.output
    result = run("record", "--month", "2024-03", "--ytd", "--all", input="305\ny\n")
    assert result.exit_code == 0, result.output
    check_book(run)


def test_a_smaller_later_total_is_refused_without_force(
    run: Callable[..., Any], workdir: Path
) -> None:
    run("record", "G", "303", "-m", "2024-03", "--ytd")
    before = (workdir / "actuals.toml").read_bytes()
    # 1—6月 290 after 1—3月 303: June's part would be 290 - 303 = -13.
    result = run("record", "G", "290", "-m", "2024-06", "--ytd")
    assert result.exit_code == 3, result.output
    assert "2024-06's own part would be -13 家" in result.output
    assert (workdir / "actuals.toml").read_bytes() == before
    forced = run("record", "G", "290", "-m", "2024-06", "--ytd", "--force")
    assert forced.exit_code == 0, forced.output
    # The confirmation lists the doubt it waived.
    assert "Recorded despite a doubt (--force): G: 2024-06's own part would be -13 家" in (
        forced.output
    )


def test_a_once_a_year_batch_due_in_december_and_a_first_total_are_not_doubted(
    cli: Cli, workdir: Path
) -> None:
    path = workdir / "targets.toml"
    document = plan_document(
        indicator("C", goal=100, schedule="due", due_month=12), indicator("G", goal=1200)
    )
    path.write_text(tomli_w.dumps(document), "utf-8")
    # 单项冠军 105 named in December, due in December: met in one batch, not doubted.
    assert cli("record", "C", "105", "-m", "2024-12").exit_code == 0
    # A first 1—12月累计 1256 against 1200: a total, not "in 2024-12 alone"; 1256 is
    # under twice the goal (2400), so not doubted either.
    assert cli("record", "G", "1256", "-m", "2024-12", "--ytd").exit_code == 0
    # 1—12月累计 12,560 (an extra 0) is more than 2 x 1200 = 2400: doubted, as a total.
    doubted = cli("record", "G", "12560", "-m", "2024-12", "--ytd")
    assert doubted.exit_code == 3
    assert "the year-to-date total 12560 家 up to 2024-12 is more than twice" in doubted.output


# ── The same on PostgreSQL ─────────────────────────────────────────────────────────────


@pytest.fixture
def on_database(cluster: Any, cli: Cli, workdir: Path) -> Callable[..., Any]:
    """A new database owned by `bureau`, initialised for the release plan."""
    targets = release_plan(workdir)
    name = f"release{abs(hash(workdir)) % 10**8}"
    cluster.sql(f"CREATE DATABASE {name} OWNER bureau")
    url = cluster.url("bureau", name)

    def invoke(*args: str, input: str | None = None) -> Any:
        return cli(*args, "--targets", str(targets), "--data", url, input=input)

    assert invoke("db", "init").exit_code == 0
    return invoke


def test_on_postgresql_each_total_is_kept_and_round_trips(
    on_database: Callable[..., Any], run: Callable[..., Any], workdir: Path
) -> None:
    for month, total in TOTALS:
        assert on_database("record", "G", total, "-m", month, "--ytd").exit_code == 0
    result = on_database("record", "G", "305", "-m", "2024-03", "--ytd")
    assert "2024-06's own part is now 385 家 (was 387 家)" in result.output
    check_book(on_database)
    # export actuals, then db load into a file-backed book: the same figures, the same bytes.
    exported = workdir / "exported.toml"
    assert on_database("export", "actuals", "--output", str(exported)).exit_code == 0
    text = exported.read_text("utf-8")
    assert text.count('basis = "ytd"') == 5  # 303, 690, 1049, 1256 and the revised 305
    (workdir / "actuals.toml").write_bytes(exported.read_bytes())
    check_book(run)


# ── Release sheets: the headings and month cells releases use ─────────────────────────


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8-sig")
    return path


def test_importing_release_csvs_keeps_each_total(run: Callable[..., Any], workdir: Path) -> None:
    # Each quarter's release heads its column with the period, as a 统计局 does.
    headings = ["一季度", "1—6月", "前三季度", "全年"]
    for heading, (_, total) in zip(headings, TOTALS, strict=True):
        sheet = write_csv(workdir, f"{heading}.csv", f"指标代码,{heading}\nG,{total}\n")
        result = run("import", str(sheet))
        assert result.exit_code == 0, result.output
    revised = write_csv(workdir, "revised.csv", "代码,月份,数值\nG,2024年1—3月,305\n")
    result = run("import", str(revised))
    assert result.exit_code == 0, result.output
    # June's part moves from 690 - 303 = 387 to 690 - 305 = 385; the 690 stays.
    assert "2024-06's own part is now 385 家 (was 387 家)" in result.output
    check_book(run)


def test_a_month_column_says_the_period_of_each_row(run: Callable[..., Any], workdir: Path) -> None:
    # 1—3月 303, 1-6月 690, 1至9月 1049, 1～12月 1256 as totals: parts 303, 387, 359, 207.
    rows = "\n".join(
        f"G,{m},{v}"
        for m, v in zip(
            ["1—3月", "1-6月", "1至9月", "1～12月"], ["303", "690", "1049", "1256"], strict=True
        )
    )
    sheet = write_csv(workdir, "year.csv", f"代码,月份,数值\n{rows}\n")
    result = run("import", str(sheet))
    assert result.exit_code == 0, result.output
    history = json.loads(run("history", "G", "-f", "json").output)
    assert [(r["value"], r["part"]) for r in history["records"]] == [
        (303, 303),
        (690, 387),
        (1049, 359),
        (1256, 207),
    ]


@pytest.fixture
def two_columns(cli: Cli, workdir: Path) -> Callable[..., Any]:
    path = workdir / "targets.toml"
    document = plan_document(
        indicator("S", goal=1200),
        indicator("R", kind="rate", unit="%", goal=5, combine="last", schedule="flat"),
    )
    path.write_text(tomli_w.dumps(document), "utf-8")

    def invoke(*args: str) -> Any:
        return cli(*args, "--targets", str(path))

    return invoke


def test_a_month_and_a_total_column_are_both_read(
    two_columns: Callable[..., Any], workdir: Path
) -> None:
    two_columns("record", "S", "303", "-m", "2024-05", "--ytd")
    # S: 1—6月累计 690 with 303 before June gives June 690 - 303 = 387, and 6月 says 387:
    # they agree. R (a rate, `last`): 6月 0.2 and 1—6月累计 0.1: the year-to-date 0.1 is its figure.
    sheet = write_csv(workdir, "june.csv", "代码,6月,1—6月累计\nS,387,690\nR,0.2,0.1\n")
    result = two_columns("import", str(sheet))
    assert result.exit_code == 0, result.output
    status = json.loads(two_columns("status", "--as-of", "2024-06", "-f", "json").output)
    actual = {row["code"]: row["actual"] for row in status["indicators"]}
    assert actual == {"S": 690, "R": 0.1}


def test_a_month_cell_that_disagrees_with_its_total_is_refused_naming_both(
    two_columns: Callable[..., Any], workdir: Path
) -> None:
    two_columns("record", "S", "303", "-m", "2024-05", "--ytd")
    before = (workdir / "actuals.toml").read_bytes()
    # 690 - 303 = 387 for June, but the 6月 cell says 380.
    sheet = write_csv(workdir, "june.csv", "代码,6月,1—6月累计\nS,380,690\n")
    result = two_columns("import", str(sheet))
    assert result.exit_code == 3, result.output
    assert "june!C2: the year-to-date total 690 gives 387 for the month, but june!B2 says 380" in (
        result.output
    )
    assert (workdir / "actuals.toml").read_bytes() == before


# ── Frequencies: nothing expected before the first publication ─────────────────────────


def test_a_quarterly_indicator_expects_nothing_before_its_first_quarter(
    cli: Cli, workdir: Path
) -> None:
    path = workdir / "targets.toml"
    document = plan_document(
        indicator("Q", goal=1200, frequency="quarterly"), indicator("M", goal=120)
    )
    path.write_text(tomli_w.dumps(document), "utf-8")
    assert cli("record", "Q", "290", "-m", "2024-03").exit_code == 0  # after February
    february = json.loads(cli("status", "--as-of", "2024-02", "-f", "json").output)
    rows = {row["code"]: row for row in february["indicators"]}
    # Q: no publication month by February (its first is March): no 200 (1200 x 2/12).
    assert (rows["Q"]["expected"], rows["Q"]["period"]) == (None, None)
    # M: monthly, no figure: no period; its schedule still expects 120 x 2/12 = 20.
    assert (rows["M"]["expected"], rows["M"]["period"]) == (20, None)
    march = json.loads(cli("status", "--as-of", "2024-03", "-f", "json").output)
    # Q at March: 1200 x 3/12 = 300 expected at the 2024-03 period (290 recorded).
    q = {row["code"]: row for row in march["indicators"]}["Q"]
    assert (q["expected"], q["period"]) == (300, "2024-03")


# ── Relative goals: 居民收入增长和经济增长同步 ───────────────────────────────────────────


def test_a_goal_that_is_another_indicators_figure(cli: Cli, workdir: Path) -> None:
    path = workdir / "targets.toml"
    rate = {"kind": "rate", "unit": "%", "combine": "last", "schedule": "flat"}
    income = indicator("1.2", **rate, goal_from="1.1", goal_offset=0)
    del income["goal"]  # no number of its own
    document = plan_document(indicator("1.1", **rate, goal=5), income)
    path.write_text(tomli_w.dumps(document), "utf-8")
    assert cli("record", "1.1", "5.0", "-m", "2024-06").exit_code == 0

    def row(code: str) -> Any:
        status = json.loads(cli("status", "--as-of", "2024-06", "-f", "json").output)
        return {r["code"]: r for r in status["indicators"]}[code]

    assert row("1.2")["status"] == "no_data"  # GDP is in, income is not: no judgement
    assert cli("record", "1.2", "5.3", "-m", "2024-06").exit_code == 0
    # The goal for 2024-06 is 1.1's 5.0 + 0: 5.3 >= 5.0 (on track; achieved only in December).
    judged = row("1.2")
    assert (judged["goal"], judged["actual"], judged["status"]) == (5, 5.3, "on_track")
    assert cli("record", "1.1", "5.6", "-m", "2024-06").exit_code == 0
    # GDP revised to 5.6: income's 5.3 is now short of its goal by 0.3 points.
    assert row("1.2")["goal"] == 5.6
    assert row("1.2")["status"] in ("at_risk", "behind")


def test_a_relative_goal_naming_no_indicator_is_refused(cli: Cli, workdir: Path) -> None:
    path = workdir / "targets.toml"
    document = plan_document(indicator("1.2", goal_from="9.9"))
    path.write_text(tomli_w.dumps(document), "utf-8")
    result = cli("validate")
    assert result.exit_code == 4, result.output
    assert 'goal_from = "9.9" names no other indicator' in result.output
