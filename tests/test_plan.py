"""The bundled plan, and the messages a broken plan file gets."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pytest

from gxtrack.errors import FileProblemError
from gxtrack.model.plan import Plan
from gxtrack.model.terms import Combine, Comparator, Kind, ScheduleKind
from gxtrack.store.plan_file import load_plan

from .conftest import BUNDLED_PLAN, indicator

# Read by hand from shared/seed/2024-work-conference.txt: code -> (goal, unit, kind,
# combine, schedule, stretch, 2023 figure).
SOURCE_GOALS = {
    "1.1": (9, "%", "rate", "last", "flat", False, D("2.5")),
    "2.1": (2, "家", "count", "sum", "due", False, None),
    "2.2": (3, "家", "count", "sum", "linear", False, D(3)),
    "2.3": (2, "家", "count", "sum", "linear", False, D(6)),
    "2.4": (100, "家", "count", "sum", "linear", False, D(105)),
    "2.5": (100, "家", "count", "sum", "linear", False, D(156)),
    "3.1": (3, "个", "count", "sum", "due", False, None),
    "3.2": (5, "个", "count", "sum", "due", True, D(5)),
    "3.3": (5, "个", "count", "sum", "due", False, None),
    "3.4": (2, "个", "count", "sum", "due", True, None),
    "4.1": (10, "个", "count", "sum", "linear", False, None),
    "4.2": (20, "个", "count", "sum", "linear", False, None),
    "4.3": (15, "%", "rate", "last", "flat", False, D("8.5")),
    "4.4": (15, "%", "rate", "last", "flat", False, D("16.77")),
    "5.1": (20, "%", "share", "last", "linear", True, None),
    "5.2": (5000, "家", "count", "sum", "linear", False, D(9064)),
    "5.3": (450, "家", "count", "sum", "linear", False, D(1171)),
    "5.4": (20, "家", "count", "sum", "linear", False, D(46)),
    "5.5": (50, "条", "count", "sum", "linear", False, D(71)),
    "5.6": (300, "个", "count", "sum", "linear", False, D(458)),
    "6.1": (120, "家", "count", "sum", "linear", False, None),
    "6.2": (10, "个", "count", "sum", "linear", False, None),
    "6.3": (2, "个", "count", "sum", "due", False, None),
    "7.1": (1, "", "milestone", "last", "due", False, None),
    "7.2": (1, "", "milestone", "last", "due", False, None),
}


def test_bundled_plan_has_the_seven_areas_and_25_goals(bundled_plan: Plan) -> None:
    assert bundled_plan.year == 2024
    assert [area.code for area in bundled_plan.areas] == ["1", "2", "3", "4", "5", "6", "7"]
    assert len(bundled_plan.indicators) == 25
    assert set(bundled_plan.indicator_by_code) == set(SOURCE_GOALS)


@pytest.mark.parametrize("code", sorted(SOURCE_GOALS))
def test_bundled_goal_matches_the_source(bundled_plan: Plan, code: str) -> None:
    goal, unit, kind, combine, schedule, stretch, baseline = SOURCE_GOALS[code]
    item = bundled_plan.indicator(code)
    assert (item.goal, item.unit, item.kind, item.combine) == (
        D(goal),
        unit,
        Kind(kind),
        Combine(combine),
    )
    assert item.schedule_kind is ScheduleKind(schedule)
    assert item.stretch is stretch
    assert item.baseline == baseline
    assert item.comparator is Comparator.AT_LEAST  # every 2024 goal is a floor
    assert item.area == code.split(".")[0]


def test_source_text_is_in_the_seed_document(bundled_plan: Plan) -> None:
    seed = BUNDLED_PLAN.parent.parent / "shared" / "seed" / "2024-work-conference.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not beside this checkout")
    # The seed is in traditional characters with pinyin glued on: compare the digits.
    text = seed.read_text("utf-8")
    for item in bundled_plan.indicators:
        digits = "".join(ch for ch in (item.source_text or "") if ch.isdigit())
        assert digits in "".join(ch for ch in text if ch.isdigit()), item.code


def problem(path: Path) -> FileProblemError:
    with pytest.raises(FileProblemError) as caught:
        load_plan(path)
    return caught.value


def test_missing_plan_suggests_targets(tmp_path: Path) -> None:
    error = problem(tmp_path / "targets.toml")
    assert "not found" in error.message
    assert error.hint is not None and "--targets" in error.hint


def test_duplicate_codes_name_the_code_and_line(make_plan: Callable[..., Path]) -> None:
    path = make_plan(indicator("2.4"), indicator("2.4", name="又一个"))
    error = problem(path)
    assert "'2.4' is used twice" in error.message
    line = error.message.split(":")[1]
    assert path.read_text("utf-8").splitlines()[int(line) - 1].startswith("code")
    assert error.detail[1].strip() == "^"


def test_wrong_type_names_file_line_indicator_and_field(make_plan: Callable[..., Path]) -> None:
    path = make_plan(indicator("1.1"), indicator("2.4", goal="100"))
    error = problem(path)
    assert error.message.startswith(f"{path}:")
    assert "indicator 2.4: goal: " in error.message
    assert "without quotes" in error.message
    assert 'goal = "100"' in error.detail[0]


def test_unknown_field_is_named_with_the_known_ones(make_plan: Callable[..., Path]) -> None:
    path = make_plan(indicator("2.4", goall=5))
    error = problem(path)
    assert "indicator 2.4: goall: unknown field" in error.message
    assert error.hint is not None and "goal" in error.hint


def test_unknown_area(make_plan: Callable[..., Path]) -> None:
    error = problem(make_plan(indicator("9.1", area="9")))
    assert "area '9' is not in [[areas]]" in error.message


def test_count_goal_must_be_whole(make_plan: Callable[..., Path]) -> None:
    error = problem(make_plan(indicator("2.4", goal=D("2.5"))))
    assert "whole" in error.message


def test_flat_sum_is_refused(make_plan: Callable[..., Path]) -> None:
    error = problem(make_plan(indicator("2.4", schedule="flat")))
    assert 'combine = "last"' in error.message


def test_seasonal_fractions_must_end_at_one(make_plan: Callable[..., Path]) -> None:
    error = problem(make_plan(indicator("2.4", schedule=[D("0.05")] * 12)))
    assert "must be 1" in error.message


def test_malformed_toml_shows_line_column_and_caret(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    text = BUNDLED_PLAN.read_text("utf-8").replace("goal = 100\n", "goal = 1OO\n", 1)
    path.write_text(text, "utf-8")
    error = problem(path)
    line_number = next(n for n, line in enumerate(text.splitlines(), 1) if "1OO" in line)
    # tomllib reads the value 1, then stops at the letter O in column 9.
    assert error.message.startswith(f"{path}:{line_number}:9: invalid TOML")
    assert error.detail == (f"{line_number:>5} | goal = 1OO", " " * 8 + " " * 8 + "^")


def test_caret_accounts_for_wide_characters(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text('schema_version = 1\n[plan]\ntitle = "计划" x\n', "utf-8")
    error = problem(path)
    source, caret = error.detail
    # The caret sits under the x: the two Chinese characters take four cells.
    from rich.cells import cell_len

    assert cell_len(source[: source.index("x")]) == len(caret) - 1


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(BUNDLED_PLAN.read_text("utf-8")[:300] + '\nname = "半', "utf-8")
    assert "invalid TOML" in problem(path).message


def test_bom_from_notepad_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BUNDLED_PLAN.read_bytes())
    assert len(load_plan(path).indicators) == 25


def test_gbk_bytes_are_named(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_bytes(BUNDLED_PLAN.read_text("utf-8").encode("gb18030"))
    error = problem(path)
    assert "not UTF-8" in error.message
    assert error.hint is not None and "GBK" in error.hint


def test_newer_plan_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(
        BUNDLED_PLAN.read_text("utf-8").replace("schema_version = 1", "schema_version = 2"), "utf-8"
    )
    assert "newer" in problem(path).message
