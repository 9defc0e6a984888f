"""A plan for a new year: a documented starter, or this year's plan carried forward.

Carried forward, every area and indicator stays as it is (goals are the user's to set
for the new year) and each indicator's final actual of the old year becomes its
baseline, and its monthly figures become next year's `previous_year` (上年同期). A data
file belongs to one plan year, so the new plan gets its own folder.
The documented starter plan, and the text of the new file, are `store/plan_file.py`'s.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gxtrack.i18n import t
from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.numbers import to_plain
from gxtrack.model.plan import Plan
from gxtrack.model.progress import actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.rollup import city_values
from gxtrack.model.terms import Kind


def carried_forward(plan: Plan, ledger: Ledger, year: int) -> tuple[dict[str, Any], int]:
    """The old plan as a document for `year`, baselines from the old year's final actuals,
    and how many baselines were carried."""
    document = plan.model_dump(mode="python", exclude_none=True, exclude_defaults=False)
    info = document["plan"]
    info["year"] = year
    info["baseline_year"] = plan.year
    if info.get("title", "").count(str(plan.year)):
        info["title"] = info["title"].replace(str(plan.year), str(year))
    if info.get("title_en", "").count(str(plan.year)):
        info["title_en"] = info["title_en"].replace(str(plan.year), str(year))
    carried = 0
    for item, indicator in zip(document["indicators"], plan.indicators, strict=True):
        for key in ("baseline", "baseline_note", "source_text", "previous_year"):
            item.pop(key, None)
        monthly = city_values(plan, ledger, indicator)[0]
        if monthly and indicator.kind is not Kind.MILESTONE:
            # 上年同期 for next year: this year's figures, in the indicator's own terms.
            item["previous_year"] = {str(month): value for month, value in sorted(monthly.items())}
        final, _ = actual_to_date(indicator, ledger.monthly_values(indicator.code), MONTHS_IN_YEAR)
        if final is not None and indicator.kind is not Kind.MILESTONE:
            item["baseline"] = final
            item["baseline_note"] = t("init.baseline_note", year=plan.year)
            carried += 1
    return _toml_ready(document), carried


def _toml_ready(value: Any) -> Any:
    """Model dump -> TOML-ready values: enums as their words, whole decimals as ints."""
    if isinstance(value, dict):
        return {key: _toml_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_toml_ready(item) for item in value]
    if isinstance(value, Decimal):
        return to_plain(value)
    if hasattr(value, "value") and isinstance(value.value, str):  # an enum
        return value.value
    return value
