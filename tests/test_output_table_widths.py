"""Tables at 60, 80, 100 and 120 columns, in both languages:
columns give way in one documented order, names wrap between words, no line is wider
than the terminal, and bars without colour still show how far they are."""

from __future__ import annotations

import io
import re

import pytest

from gxtrack.i18n import t, use_language
from gxtrack.i18n.text import display_width
from gxtrack.model.plan import Plan
from gxtrack.output.present import present
from gxtrack.output.table import render_table
from gxtrack.reports.status import status_report
from tests.test_reports import JUNE

# Headers from left to right; each width keeps the ones listed.
KEPT = {
    60: ["code", "indicator", "actual", "schedule_pct", "status"],
    80: ["code", "indicator", "actual", "goal", "goal_pct", "schedule_pct", "status"],
    100: [
        "code",
        "indicator",
        "actual",
        "goal",
        "unit",
        "expected",
        "goal_pct",
        "schedule_pct",
        "status",
    ],
    120: [
        "code",
        "indicator",
        "actual",
        "goal",
        "unit",
        "expected",
        "goal_pct",
        "schedule_pct",
        "status",
        "progress",
    ],
}


def drawn(plan: Plan, lang: str, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    use_language(lang)
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    stream = io.StringIO()
    render_table(present(status_report(plan, JUNE, 6)), stream)
    return stream.getvalue()


@pytest.mark.parametrize("width", sorted(KEPT))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_columns_give_way_in_order(
    bundled_plan: Plan, lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = drawn(bundled_plan, lang, width, monkeypatch)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= width
    heading = next(line for line in lines if line.startswith(t("column.code")))
    shown = heading.split()
    expected = [t(f"column.{key}") for key in KEPT[width]]
    # English headers have spaces ("% goal"): compare the joined words
    assert " ".join(shown) == " ".join(expected)


def test_english_names_wrap_between_words(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name column's pieces, row by row, joined with spaces, give back each name:
    # every break fell at a space, none inside a word ("Smart-manufacturi/ng").
    text = drawn(bundled_plan, "en", 80, monkeypatch)
    lines = text.splitlines()
    heading = next(line for line in lines if line.startswith("Code"))
    start, end = heading.index("Indicator"), heading.index("Actual")
    names: dict[str, list[str]] = {}
    code = ""
    for line in lines:
        if re.match(r"\d\.\d+ ", line):
            code = line.split()[0]
            names[code] = []
        elif not line.startswith(" " * start) or not code:
            code = "" if not line.startswith(" ") else code
            continue
        names[code].append(line[start:end].strip())
    for indicator in bundled_plan.indicators:
        assert " ".join(names[indicator.code]) == indicator.name_en, indicator.code


def test_bars_without_colour_use_distinct_glyphs(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = drawn(bundled_plan, "en", 140, monkeypatch)
    # 2.4: 55 of 100 = 55% of 12 cells = 6.6: six full, a half (0.6 >= 0.5), five empty
    row = next(line for line in text.splitlines() if line.startswith("2.4 "))
    assert "██████▌░░░░░" in row
    assert "on track" in row
