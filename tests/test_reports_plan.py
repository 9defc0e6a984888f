"""reports.plan: the goals as data, by area (the words are output's)."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.terms import Kind
from gxtrack.reports.plan import plan_report
from tests.reports_world import small_plan


def test_plan_rows_by_area() -> None:
    report = plan_report(small_plan())
    assert [(a.area.code, [r["code"] for r in a.rows]) for a in report.areas] == [
        ("1", ["A", "R"]),
        ("2", ["M"]),
    ]
    rows = {row["code"]: row for row in report.rows}
    assert rows["M"]["kind"] is Kind.MILESTONE and rows["M"]["schedule"] == "due 6"
    assert (rows["A"]["goal"], rows["A"]["schedule"], rows["A"]["baseline"]) == (
        D(100),
        "linear",
        D(80),
    )
    assert "goal_text" not in rows["A"]  # worded by output
    assert (report.indicators, report.baseline_year) == (3, 2023)
