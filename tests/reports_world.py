"""A small plan and ledger, built in memory, for the tests of reports and their words.

Worked by hand, as of June 2024 (half the year gone):
- A, a count, goal 100 split u1 60 / u2 40, linear: u1 18 + 18 = 36 of 60, expected 30
  (120% of schedule, on track); u2 10 of 40, expected 20 (50%, behind); the city is
  their sum, 46 of 100, expected 50 (92%: at risk, the threshold being 90%).
- R, a rate, goal 9 %, flat: 7.2 in June, 80% of goal: behind.
- M, a milestone due in June, area 2, not split: nothing recorded by June: behind.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger, Record
from tests.conftest import indicator, plan_document

WHEN = datetime(2024, 7, 2, 9, 0)


def small_plan() -> Plan:
    document = plan_document(
        indicator("A", unit_goals={"u1": 60, "u2": 40}, baseline=80, name_en="Firms"),
        indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
        indicator(
            "M",
            area="2",
            kind="milestone",
            unit="",
            goal=1,
            combine="last",
            schedule="due",
            due_month=6,
            by_unit=False,
        ),
        title_en="Test plan",
        baseline_year=2023,
    )
    document["units"] = [
        {"code": "u1", "name": "甲县", "name_en": "Jia", "kind": "county"},
        {"code": "u2", "name": "乙县", "name_en": "Yi", "kind": "county"},
    ]
    return Plan.model_validate(document)


def record(
    code: str, month: str, value: str, unit: str | None = None, note: str | None = None
) -> Record:
    return Record(
        code=code, month=month, value=Decimal(value), unit=unit, note=note, recorded_at=WHEN
    )


def small_ledger() -> Ledger:
    return Ledger.of(
        [
            record("A", "2024-03", "18", "u1"),
            record("A", "2024-06", "18", "u1"),
            record("A", "2024-06", "10", "u2", note="late"),
            record("R", "2024-06", "7.2"),
        ]
    )
