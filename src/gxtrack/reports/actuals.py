"""The actuals report: every record in file order, and whether it is in force."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger
from gxtrack.reports.common import PlanRef
from gxtrack.reports.history import HistoryRow, history_row


@dataclass(frozen=True)
class ActualsReport:
    name: ClassVar[Literal["actuals"]] = "actuals"  # tells `output.present` which it is
    plan: PlanRef
    rows: list[HistoryRow]  # file order


def actuals_report(plan: Plan, ledger: Ledger) -> ActualsReport:
    """Every record in file order, with a column saying whether it is in force."""
    return ActualsReport(PlanRef.of(plan), [history_row(entry) for entry in ledger.entries()])
