"""The plan: areas and indicators with their annual goals (the models of targets.toml).

Reading the file, and saying where in it a problem is, is `store/plan_file.py`'s job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal, NamedTuple, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import local_name, t
from gxtrack.model.fields import Code, TomlNumber
from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.numbers import check_magnitude, check_value
from gxtrack.model.terms import (
    Combine,
    Comparator,
    EntryKind,
    Frequency,
    Kind,
    ScheduleKind,
    ScheduleSource,
    UnitKind,
)

PLAN_SCHEMA_VERSION = 1


Name = Annotated[StrictStr, Field(min_length=1)]
SeasonalFractions = Annotated[list[TomlNumber], Field(min_length=12, max_length=12)]
# A month number as a TOML key (`previous_year = { 1 = 0.8 }`): TOML keys are text.
MonthKey = Annotated[StrictStr, Field(pattern=r"^(1[0-2]|[1-9])$")]
NonNegative = Annotated[TomlNumber, Field(ge=0)]
Points = Annotated[TomlNumber, Field(gt=0)]


Item = TypeVar("Item")


def normal_code(text: str) -> str:
    """A code as typed to the code it names: spaces around it ignored, full-width forms
    read as the plain ones (`２．４` and `2。4` are 2.4), as a Chinese input method types them."""
    return unicodedata.normalize("NFKC", text).strip().replace("。", ".")


def _look_up(by_code: dict[str, Item], code: str, missing: str, hint: str) -> Item:
    """The item with `code` (`normal_code`), or the error `missing` with `hint`."""
    try:
        return by_code[normal_code(code)]
    except KeyError:
        raise InvalidInputError(t(missing, code=code), hint=hint) from None


class _PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PlanInfo(_PlanModel):
    """The `[plan]` table."""

    title: Name
    title_en: StrictStr = ""
    year: Annotated[StrictInt, Field(ge=2000, le=2100)]
    baseline_year: StrictInt | None = None
    at_risk_threshold: Annotated[TomlNumber, Field(gt=0, le=1)] = Decimal("0.9")
    # The warning band of rate and share goals in percentage points (0.5), instead of
    # (1 - at_risk_threshold) of the goal's value: 10% of a 3% CPI goal is 0.3 points.
    at_risk_points: Points | None = None
    source: StrictStr | None = None


class Area(_PlanModel):
    """One `[[areas]]` table: a task area grouping indicators."""

    code: Code
    name: Name
    name_en: StrictStr = ""


class Indicator(_PlanModel):
    """One `[[indicators]]` table: a numeric goal for the year."""

    code: Code
    area: StrictStr
    name: Name
    name_en: StrictStr = ""
    kind: Kind
    unit: StrictStr = ""
    goal: TomlNumber
    comparator: Comparator = Comparator.AT_LEAST
    combine: Combine
    schedule: ScheduleKind | SeasonalFractions
    due_month: Annotated[StrictInt, Field(ge=1, le=12)] | None = None
    stretch: StrictBool = False
    # 力争: a second, higher mark beside the goal; the status is against `goal`.
    stretch_goal: TomlNumber | None = None
    # 左右: a figure short by no more than this (in the indicator's unit) meets the goal.
    tolerance: NonNegative = Decimal(0)
    at_risk_points: Points | None = None
    frequency: Frequency = Frequency.MONTHLY
    # entry = "ytd": record, the session and import take 1—N月累计 totals (a sum only)
    entry: EntryKind = EntryKind.MONTH
    # 上年同期: last year's figure by month, in the indicator's own terms.
    previous_year: dict[MonthKey, TomlNumber] = {}
    schedule_source: ScheduleSource | None = None
    baseline: TomlNumber | None = None
    baseline_note: StrictStr | None = None
    lead: StrictStr | None = None
    note: StrictStr | None = None
    source_text: StrictStr | None = None
    # 目标分解: the goal split among reporting units, by unit code.
    unit_goals: dict[Code, TomlNumber] = {}
    # False for a goal only the city as a whole delivers (an expo): no unit goals or records.
    by_unit: StrictBool = True
    # A share or rate the city computes from two summed indicators (numerator / denominator
    # x 100), when it has no figure of its own for the month: units' shares never add up.
    numerator: Code | None = None
    denominator: Code | None = None
    # A relative goal (居民收入增长和经济增长同步): at each period, that indicator's figure
    # for the same period, plus `goal_offset`; the plan writes no `goal` of its own.
    goal_from: Code | None = None
    goal_offset: TomlNumber = Decimal(0)

    @model_validator(mode="before")
    @classmethod
    def _goal_of_a_relative_goal(cls, data: object) -> object:
        # The goal is another indicator's figure, known only when reading the book.
        if isinstance(data, dict) and "goal_from" in data and "goal" not in data:
            return {**data, "goal": 0}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.schedule == ScheduleKind.SEASONAL:
            raise ValueError(t("plan.seasonal_list"))
        if self.due_month is not None and self.schedule != ScheduleKind.DUE:
            raise ValueError(t("plan.due_month"))
        if self.schedule == ScheduleKind.FLAT and self.combine is Combine.SUM:
            raise ValueError(t("plan.flat_sum"))
        if self.entry is EntryKind.YTD and self.combine is Combine.LAST:
            raise ValueError(t("plan.entry_ytd"))
        if isinstance(self.schedule, list):
            fractions = self.schedule
            if any(not 0 <= f <= 1 for f in fractions) or fractions != sorted(fractions):
                raise ValueError(t("plan.seasonal_rise"))
            if fractions[-1] != 1:
                raise ValueError(t("plan.seasonal_end"))
        if self.kind is Kind.MILESTONE and (self.goal != 1 or self.combine is not Combine.LAST):
            raise ValueError(t("plan.milestone"))
        try:
            check_value(self.goal, self.kind)
            for unit_goal in self.unit_goals.values():
                check_value(unit_goal, self.kind)
        except InvalidInputError as error:
            raise ValueError(t("plan.goal", reason=error.message)) from None
        try:
            if self.baseline is not None:
                check_magnitude(self.baseline)
        except InvalidInputError as error:
            raise ValueError(t("plan.baseline", reason=error.message)) from None
        _check_new_fields(self)
        if self.unit_goals and not self.by_unit:
            raise ValueError(t("plan.unit_goals_forbidden"))
        if (self.numerator is None) != (self.denominator is None):
            raise ValueError(t("plan.ratio_pair"))
        if self.numerator is not None and self.combine is not Combine.LAST:
            raise ValueError(t("plan.ratio_last"))
        return self

    @property
    def schedule_kind(self) -> ScheduleKind:
        return ScheduleKind.SEASONAL if isinstance(self.schedule, list) else self.schedule

    @property
    def is_percent(self) -> bool:
        return self.kind in (Kind.RATE, Kind.SHARE) or self.unit == "%"

    @property
    def effective_due_month(self) -> int:
        return self.due_month or MONTHS_IN_YEAR

    @property
    def previous_by_month(self) -> dict[int, Decimal]:
        return {int(month): value for month, value in self.previous_year.items()}


def _check_new_fields(indicator: Indicator) -> None:
    """力争, 左右, points and frequency: values that fit the goal they go with."""
    stretch = indicator.stretch_goal
    if stretch is not None:
        beyond = stretch > indicator.goal
        if indicator.comparator is Comparator.AT_MOST:
            beyond = stretch < indicator.goal
        if not beyond:
            raise ValueError(t("plan.stretch_goal_side", stretch=stretch, goal=indicator.goal))
    if indicator.at_risk_points is not None and indicator.kind not in (Kind.RATE, Kind.SHARE):
        raise ValueError(t("plan.points_kind"))
    if indicator.kind is Kind.MILESTONE and (
        indicator.tolerance or indicator.frequency is not Frequency.MONTHLY
    ):
        raise ValueError(t("plan.milestone_extras"))
    try:
        for value in [*indicator.previous_year.values(), indicator.tolerance]:
            check_magnitude(value)
    except InvalidInputError as error:
        raise ValueError(t("plan.previous_year", reason=error.message)) from None


class ReportingUnit(_PlanModel):
    """One `[[units]]` table: a county, district, park or department that reports."""

    code: Code
    name: Name
    name_en: StrictStr = ""
    kind: UnitKind
    parent: Code | None = None  # a park may sit inside a county
    # Other names the unit's sheets and clerks use (经开区 for 永州经济技术开发区); matched
    # by the same rule as the name (model/unit_names.py).
    aliases: list[Name] = []


class Plan(_PlanModel):
    """The whole targets.toml."""

    schema_version: Literal[1]
    plan: PlanInfo
    areas: Annotated[list[Area], Field(min_length=1)]
    units: list[ReportingUnit] = []
    indicators: Annotated[list[Indicator], Field(min_length=1)]

    _digest: str = PrivateAttr(default="")

    @property
    def digest(self) -> str:
        """SHA-256 of the plan file's bytes: what cached data was validated against."""
        return self._digest

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        return {indicator.code: indicator for indicator in self.indicators}

    @cached_property
    def area_by_code(self) -> dict[str, Area]:
        return {area.code: area for area in self.areas}

    @cached_property
    def unit_by_code(self) -> dict[str, ReportingUnit]:
        return {unit.code: unit for unit in self.units}

    @cached_property
    def top_units(self) -> list[ReportingUnit]:
        """Units with no parent: their figures add up to the city's."""
        return [unit for unit in self.units if unit.parent is None]

    @cached_property
    def _children(self) -> dict[str | None, list[ReportingUnit]]:
        by_parent: dict[str | None, list[ReportingUnit]] = {}
        for unit in self.units:
            by_parent.setdefault(unit.parent, []).append(unit)
        return by_parent

    def children(self, unit: str) -> list[ReportingUnit]:
        return self._children.get(unit, [])

    def unit(self, code: str) -> ReportingUnit:
        """The reporting unit with `code`, or a clear error listing the units there are
        (a unit as a clerk names it: `unit_names.find_unit`)."""
        codes = ", ".join(self.unit_by_code) or "—"
        return _look_up(self.unit_by_code, code, "plan.no_unit", t("plan.units.hint", codes=codes))

    @property
    def year(self) -> int:
        return self.plan.year

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`, or a clear error listing the codes there are."""
        named = [f"{i.code} {local_name(i)}" for i in self.indicators[:5]]
        codes = t("list.separator").join(named)
        hint = t("plan.no_indicator.hint", codes=codes)
        return _look_up(self.indicator_by_code, code, "plan.no_indicator", hint)

    def indicators_in(self, area: str) -> list[Indicator]:
        return [indicator for indicator in self.indicators if indicator.area == area]


class ReferenceProblem(NamedTuple):
    """A check across items that failed, and where: item `position` (from 0) of `array`,
    at `key`."""

    array: str
    position: int
    key: str
    message: str
    hint: str


def item_words() -> dict[str, str]:
    """The word for one item of each array of tables, for messages."""
    return {"indicators": t("word.indicator"), "areas": t("word.area"), "units": t("word.unit")}


def reference_problems(plan: Plan) -> Iterator[ReferenceProblem]:
    """Checks across items, in the order a reader meets them: unique codes, every
    indicator in a known area with known ratio parts and unit goals, units' parents."""
    yield from _duplicate_codes(plan)
    yield from _indicator_references(plan)
    yield from _unit_parents(plan)


def _duplicate_codes(plan: Plan) -> Iterator[ReferenceProblem]:
    code_lists = (
        ("areas", [area.code for area in plan.areas]),
        ("units", [unit.code for unit in plan.units]),
        ("indicators", [indicator.code for indicator in plan.indicators]),
    )
    for array, codes in code_lists:
        seen: dict[str, int] = {}
        for index, code in enumerate(codes):
            if code in seen:
                yield ReferenceProblem(
                    array,
                    index,
                    "code",
                    t(
                        "plan.duplicate_code",
                        item=item_words()[array],
                        code=code,
                        first=seen[code] + 1,
                        second=index + 1,
                    ),
                    hint=t("plan.duplicate_code.hint"),
                )
            seen[code] = index


def _indicator_references(plan: Plan) -> Iterator[ReferenceProblem]:
    for index, indicator in enumerate(plan.indicators):
        if indicator.area not in plan.area_by_code:
            yield ReferenceProblem(
                "indicators",
                index,
                "area",
                t("plan.unknown_area", code=indicator.code, area=indicator.area),
                hint=t("plan.areas.hint", codes=", ".join(plan.area_by_code)),
            )
        for part in (indicator.numerator, indicator.denominator):
            if part is None:
                continue
            other = plan.indicator_by_code.get(part)
            if other is None or other.combine is not Combine.SUM:
                yield ReferenceProblem(
                    "indicators",
                    index,
                    "numerator" if part == indicator.numerator else "denominator",
                    t("plan.ratio_part", code=indicator.code, part=part),
                    hint=t("plan.ratio_part.hint"),
                )
        if indicator.goal_from is not None and (
            indicator.goal_from == indicator.code
            or indicator.goal_from not in plan.indicator_by_code
        ):
            yield ReferenceProblem(
                "indicators",
                index,
                "goal_from",
                t("plan.goal_from", code=indicator.code, other=indicator.goal_from),
                hint=t("plan.goal_from.hint"),
            )
        for unit_code in indicator.unit_goals:
            if unit_code not in plan.unit_by_code:
                yield ReferenceProblem(
                    "indicators",
                    index,
                    "unit_goals",
                    t("plan.unknown_unit_goal", code=indicator.code, unit=unit_code),
                    hint=t("plan.units.hint", codes=", ".join(plan.unit_by_code) or "—"),
                )


def _unit_parents(plan: Plan) -> Iterator[ReferenceProblem]:
    for index, unit in enumerate(plan.units):
        seen_parents = {unit.code}
        parent = unit.parent
        while parent is not None:
            if parent not in plan.unit_by_code or parent in seen_parents:
                yield ReferenceProblem(
                    "units",
                    index,
                    "parent",
                    t("plan.bad_parent", code=unit.code, parent=unit.parent),
                    hint=t("plan.units.hint", codes=", ".join(plan.unit_by_code)),
                )
                break  # a missing parent or a loop: nothing further up to check
            seen_parents.add(parent)
            parent = plan.unit_by_code[parent].parent


def check_area(plan: Plan, area: str | None) -> None:
    """Refuse an area code the plan does not have, naming the ones it has."""
    if area is not None and area not in plan.area_by_code:
        raise InvalidInputError(
            t("plan.no_area", code=area),
            hint=t("plan.areas.hint", codes=", ".join(plan.area_by_code)),
        )


def unit_goal_total(plan: Plan, indicator: Indicator, unit: str) -> Decimal | None:
    """A unit's goal: its own, else what its children's goals add up to."""
    if unit in indicator.unit_goals:
        return indicator.unit_goals[unit]
    totals = [unit_goal_total(plan, indicator, child.code) for child in plan.children(unit)]
    present = [total for total in totals if total is not None]
    return sum(present, Decimal(0)) if present else None


def goal_for(plan: Plan, indicator: Indicator, unit: str | None) -> Indicator | None:
    """The indicator as the city's (unit None) or a unit's goal: for a unit, a copy
    carrying its own goal; None where the unit has none."""
    if unit is None:
        return indicator
    goal = unit_goal_total(plan, indicator, unit)
    if goal is None:
        return None
    # Last year's figures and the 力争 value are the city's, not the unit's.
    return indicator.model_copy(update={"goal": goal, "previous_year": {}, "stretch_goal": None})


def plan_warnings(plan: Plan) -> list[str]:
    """What `validate` warns about without refusing the plan: unit goals of a summed
    indicator that add up to less than the city goal."""
    warnings = []
    for indicator in plan.indicators:
        if not indicator.unit_goals or indicator.combine is not Combine.SUM:
            continue
        totals = [unit_goal_total(plan, indicator, unit.code) for unit in plan.top_units]
        split = sum((total for total in totals if total is not None), Decimal(0))
        if split < indicator.goal:
            warnings.append(
                t("plan.split_short", code=indicator.code, split=split, goal=indicator.goal)
            )
    return warnings
