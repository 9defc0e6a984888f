"""The plan file, targets.toml: read, validated and located problems; a new one written.

`load_plan` reads the file (bounded, see `toml.read_bytes`), takes the validated plan from
the cache when the bytes are those it was validated from, and otherwise validates it with
the models of `model/plan.py`; every problem names the file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gxtrack.errors import FileProblemError
from gxtrack.i18n import t
from gxtrack.i18n.text import source_excerpt, text_lines
from gxtrack.model.plan import (
    PLAN_SCHEMA_VERSION,
    Area,
    Indicator,
    Plan,
    PlanInfo,
    ReferenceProblem,
    ReportingUnit,
    item_words,
    reference_problems,
)
from gxtrack.store import cache
from gxtrack.store.toml import (
    TomlText,
    invalid_document,
    locate_key,
    parse_toml,
    read_bytes,
)


def load_plan(path: Path) -> Plan:
    """Read and validate targets.toml; every problem names the file, line and field."""
    try:
        raw = read_bytes(path, what=t("file.plan"))
    except FileNotFoundError:
        raise FileProblemError(
            t("plan.not_found", path=path), hint=t("plan.not_found.hint")
        ) from None
    digest = cache.digest(raw)
    cached = cache.load_plan(path, digest)
    if cached is not None:
        return cached
    plan = plan_from_toml(parse_toml(raw, path))
    plan._digest = digest
    cache.save_plan(path, plan)
    return plan


def plan_from_toml(toml: TomlText) -> Plan:
    version = toml.document.get("schema_version")
    if isinstance(version, int) and version > PLAN_SCHEMA_VERSION:
        raise FileProblemError(
            t("plan.newer", path=toml.path, version=version, ours=PLAN_SCHEMA_VERSION),
            hint=t("upgrade.hint"),
        )
    try:
        plan = Plan.model_validate(toml.document)
    except ValidationError as error:
        # "seasonal" is a ScheduleKind word but written as a list of fractions
        words = {"schedule": (frozenset({"seasonal"}), t("file.schedule_list"))}
        raise invalid_document(
            _errors(error), toml, arrays=item_words(), known_fields=_known_fields(), words=words
        ) from None
    problem = next(reference_problems(plan), None)
    if problem is not None:
        raise _problem_at(toml, problem)
    return plan


def _errors(error: ValidationError) -> list[dict[str, Any]]:
    return [dict(item) for item in error.errors(include_url=False)]


def _known_fields() -> dict[str, list[str]]:
    return {
        "": list(Plan.model_fields),
        "indicators": list(Indicator.model_fields),
        "areas": list(Area.model_fields),
        "units": list(ReportingUnit.model_fields),
        "plan": list(PlanInfo.model_fields),
    }


def _problem_at(toml: TomlText, problem: ReferenceProblem) -> FileProblemError:
    """A check across items that failed, at the line and column of its key."""
    position = locate_key(toml.text, problem.array, problem.position, problem.key)
    if position is None:
        return FileProblemError(f"{toml.path}: {problem.message}", hint=problem.hint)
    return FileProblemError(
        f"{toml.path}:{position[0]}:{position[1]}: {problem.message}",
        hint=problem.hint,
        detail=source_excerpt(text_lines(toml.text), *position),
    )


# ── A new plan file ───────────────────────────────────────────────────────────────────

STARTER = """# gxtrack plan file. Documented in docs/reference/plan-file.*.md; `gxtrack validate`
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


def plan_text(document: dict[str, Any]) -> str:
    """A plan document (`model.nextyear.carried_forward`) as the text of a plan file."""
    import tomli_w

    return tomli_w.dumps(document)
