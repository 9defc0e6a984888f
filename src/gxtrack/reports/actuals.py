"""The actuals report: every record in file order, and whether it is in force."""

from __future__ import annotations

from gxtrack.i18n import t
from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger
from gxtrack.reports.common import (
    Column,
    Report,
    plan_title,
)
from gxtrack.reports.history import history_columns, history_row


def actuals_columns() -> list[Column]:
    return [Column("code", "column.code"), *history_columns()]


def actuals_report(plan: Plan, ledger: Ledger) -> Report:
    """Every record in file order, with a column saying whether it is in force."""
    rows = [history_row(entry) for entry in ledger.entries()]
    return Report(
        name="actuals",
        title=t("report.actuals.title", plan=plan_title(plan)),
        columns=actuals_columns(),
        rows=rows,
        rows_key="records",
        meta={"plan": plan.plan.title, "year": plan.year},
    )
