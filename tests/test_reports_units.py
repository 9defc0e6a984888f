"""reports.units: the unit list, the status matrix and the ranking, as data."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.records import Ledger
from gxtrack.model.terms import Status, UnitKind
from gxtrack.reports.units import matrix_report, rank_report, units_report
from tests.reports_world import record, small_ledger, small_plan


def test_units_list() -> None:
    rows = units_report(small_plan()).rows
    assert [(r["code"], r["kind"], r["parent"]) for r in rows] == [
        ("u1", UnitKind.COUNTY, None),
        ("u2", UnitKind.COUNTY, None),
    ]


def test_matrix_marks_each_unit_against_its_goal() -> None:
    report = matrix_report(small_plan(), small_ledger(), 6)
    assert report.indicators == ["A"]  # only A is split among units by goals
    assert [(r.unit, r.marks) for r in report.rows] == [
        ("u1", {"A": Status.ON_TRACK}),  # 36 of an expected 30
        ("u2", {"A": Status.BEHIND}),  # 10 of an expected 20
    ]


def test_rank_by_share_of_schedule() -> None:
    report = rank_report(small_plan(), small_ledger(), 6, "A")
    assert [(r["unit"], r["schedule_pct"], r["rank"], r["tied"]) for r in report.by_schedule] == [
        ("u1", D(120), 1, False),
        ("u2", D(50), 2, False),
    ]
    assert report.by_actual == [] and report.unranked == 0


def test_equal_figures_share_a_rank_and_units_without_figures_are_unranked() -> None:
    ledger = Ledger.of([record("R", "2024-06", "5", "u1"), record("R", "2024-06", "5", "u2")])
    report = rank_report(small_plan(), ledger, 6, "R")  # R has no unit goals: by actual
    assert [(r["unit"], r["rank"], r["tied"], r["ranked_by"]) for r in report.by_actual] == [
        ("u1", 1, True, "actual"),
        ("u2", 1, True, "actual"),
    ]
    assert rank_report(small_plan(), Ledger.of([]), 6, "R").unranked == 2
