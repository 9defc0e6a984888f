"""reports.history and reports.actuals: records as typed rows, values in force a month."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.records import EntryState, Ledger
from gxtrack.reports.actuals import actuals_report
from gxtrack.reports.history import history_report
from tests.reports_world import record, small_ledger, small_plan


def test_history_rows_and_values_in_force() -> None:
    ledger = Ledger.of(
        [record("R", "2024-06", "7"), record("R", "2024-02", "6.5"), record("R", "2024-06", "7.2")]
    )
    report = history_report(small_plan(), ledger, "R")
    assert [(r["month"], r["value"], r["state"], r["position"]) for r in report.rows] == [
        ("2024-02", D("6.5"), EntryState.IN_FORCE, 2),
        ("2024-06", D(7), EntryState.SUPERSEDED, 1),
        ("2024-06", D("7.2"), EntryState.IN_FORCE, 3),
    ]
    assert report.in_force == 2 and report.unit == "%"
    assert report.monthly == [None, D("6.5"), None, None, None, D("7.2")] + [None] * 6


def test_actuals_in_file_order() -> None:
    report = actuals_report(small_plan(), small_ledger())
    assert [(r["code"], r["unit"], r["value"]) for r in report.rows] == [
        ("A", "u1", 18),
        ("A", "u1", 18),
        ("A", "u2", 10),
        ("R", None, D("7.2")),
    ]
    assert report.rows[2]["note"] == "late" and report.plan.year == 2024
