"""A plan for a new year: a documented starter, or this year's plan carried forward.

Carried forward, every area and indicator stays as it is (goals are the user's to set
for the new year) and each indicator's final actual of the old year becomes its
baseline. A data file belongs to one plan year, so the new plan gets its own folder.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gxtrack.i18n import t
from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.plan import Plan
from gxtrack.model.progress import actual_to_date
from gxtrack.model.records import Ledger
from gxtrack.model.terms import Kind

STARTER = """# gxtrack plan file. Documented in README.md ("The plan file"); `gxtrack validate`
# checks it. Replace the examples with your goals.

schema_version = 1

[plan]
title = "{year}年重点工作目标"
title_en = "{year} goals"
year = {year}
baseline_year = {previous}
at_risk_threshold = 0.9   # at least 90% of the schedule is "at risk", below is "behind"

[[areas]]
code = "1"
name = "工业经济"
name_en = "Industrial economy"

# A growth rate: the latest year-to-date figure must meet the goal every month.
[[indicators]]
code = "1.1"
area = "1"
name = "规模工业增加值增长"
name_en = "Value-added growth of industry above designated size"
kind = "rate"            # count | amount | rate | share | milestone
unit = "%"
goal = 8
combine = "last"         # sum: monthly increments add up; last: the latest year-to-date figure
schedule = "flat"        # linear: goal x N/12 by month N; flat; due; or 12 cumulative fractions

# A count of new items in the year, expected to grow evenly (序时进度 goal x N/12).
[[indicators]]
code = "1.2"
area = "1"
name = "新增规模以上工业企业"
name_en = "New industrial enterprises above designated size"
kind = "count"
unit = "家"
goal = 100
combine = "sum"
schedule = "linear"
# baseline = 120         # last year's figure, shown beside the year-end projection

# A milestone: done (1) or not, due in December unless due_month says otherwise.
[[indicators]]
code = "1.3"
area = "1"
name = "举办产业博览会"
name_en = "Hold the industry expo"
kind = "milestone"
goal = 1
combine = "last"
schedule = "due"
due_month = 10
"""


def starter(year: int) -> str:
    """The documented starter plan for `year`."""
    return STARTER.replace("{year}", str(year)).replace("{previous}", str(year - 1))


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
        for key in ("baseline", "baseline_note", "source_text"):
            item.pop(key, None)
        final, _ = actual_to_date(indicator, ledger.monthly_values(indicator.code), MONTHS_IN_YEAR)
        if final is not None and indicator.kind is not Kind.MILESTONE:
            item["baseline"] = final
            item["baseline_note"] = t("init.baseline_note", year=plan.year)
            carried += 1
    return _plain(document), carried


def _plain(value: Any) -> Any:
    """Model dump -> TOML-ready values: enums as their words, whole decimals as ints."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if hasattr(value, "value") and isinstance(value.value, str):  # an enum
        return value.value
    return value
