"""The plan: areas and indicators with their annual goals, read from targets.toml."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from gxtrack.errors import FileProblemError, InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.fields import Code, TomlNumber
from gxtrack.model.months import MONTHS_IN_YEAR
from gxtrack.model.numbers import check_magnitude, check_value
from gxtrack.model.terms import Combine, Comparator, Kind, ScheduleKind, UnitKind
from gxtrack.store.toml import (
    TomlText,
    invalid_document,
    locate_key,
    parse_toml,
    read_bytes,
    source_excerpt,
    toml_lines,
)

PLAN_SCHEMA_VERSION = 1


Name = Annotated[StrictStr, Field(min_length=1)]
SeasonalFractions = Annotated[list[TomlNumber], Field(min_length=12, max_length=12)]


class _PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PlanInfo(_PlanModel):
    """The `[plan]` table."""

    title: Name
    title_en: StrictStr = ""
    year: Annotated[StrictInt, Field(ge=2000, le=2100)]
    baseline_year: StrictInt | None = None
    at_risk_threshold: Annotated[TomlNumber, Field(gt=0, le=1)] = Decimal("0.9")
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

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.schedule == ScheduleKind.SEASONAL:
            raise ValueError(t("plan.seasonal_list"))
        if self.due_month is not None and self.schedule != ScheduleKind.DUE:
            raise ValueError(t("plan.due_month"))
        if self.schedule == ScheduleKind.FLAT and self.combine is Combine.SUM:
            raise ValueError(t("plan.flat_sum"))
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


class ReportingUnit(_PlanModel):
    """One `[[units]]` table: a county, district, park or department that reports."""

    code: Code
    name: Name
    name_en: StrictStr = ""
    kind: UnitKind
    parent: Code | None = None  # a park may sit inside a county


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
        """The reporting unit with `code`, or a clear error listing the units there are."""
        try:
            return self.unit_by_code[code.strip()]
        except KeyError:
            raise InvalidInputError(
                t("plan.no_unit", code=code),
                hint=t("plan.units.hint", codes=", ".join(self.unit_by_code) or "—"),
            ) from None

    @property
    def year(self) -> int:
        return self.plan.year

    def indicator(self, code: str) -> Indicator:
        """The indicator with `code`, or a clear error listing the codes there are."""
        try:
            return self.indicator_by_code[code.strip()]
        except KeyError:
            raise InvalidInputError(
                t("plan.no_indicator", code=code),
                hint=t("plan.no_indicator.hint", codes=", ".join(list(self.indicator_by_code)[:5])),
            ) from None

    def indicators_in(self, area: str) -> list[Indicator]:
        return [indicator for indicator in self.indicators if indicator.area == area]


def _arrays() -> dict[str, str]:
    return {"indicators": t("word.indicator"), "areas": t("word.area"), "units": t("word.unit")}


def load_plan(path: Path) -> Plan:
    """Read and validate targets.toml; every problem names the file, line and field."""
    try:
        raw = read_bytes(path, what=t("file.plan"))
    except FileNotFoundError:
        raise FileProblemError(
            t("plan.not_found", path=path), hint=t("plan.not_found.hint")
        ) from None
    from gxtrack.store import cache

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
        raise invalid_document(
            _errors(error), toml, arrays=_arrays(), known_fields=_known_fields()
        ) from None
    _check_references(plan, toml)
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


def _check_references(plan: Plan, toml: TomlText) -> None:
    """Checks across items: unique codes, and every indicator in a known area."""
    code_lists = (
        ("areas", [area.code for area in plan.areas]),
        ("units", [unit.code for unit in plan.units]),
        ("indicators", [indicator.code for indicator in plan.indicators]),
    )
    for array, codes in code_lists:
        seen: dict[str, int] = {}
        for index, code in enumerate(codes):
            if code in seen:
                raise _problem_at(
                    toml,
                    array,
                    index,
                    "code",
                    t(
                        "plan.duplicate_code",
                        item=_arrays()[array],
                        code=code,
                        first=seen[code] + 1,
                        second=index + 1,
                    ),
                    hint=t("plan.duplicate_code.hint"),
                )
            seen[code] = index
    for index, indicator in enumerate(plan.indicators):
        if indicator.area not in plan.area_by_code:
            raise _problem_at(
                toml,
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
                raise _problem_at(
                    toml,
                    "indicators",
                    index,
                    "numerator" if part == indicator.numerator else "denominator",
                    t("plan.ratio_part", code=indicator.code, part=part),
                    hint=t("plan.ratio_part.hint"),
                )
        for unit_code in indicator.unit_goals:
            if unit_code not in plan.unit_by_code:
                raise _problem_at(
                    toml,
                    "indicators",
                    index,
                    "unit_goals",
                    t("plan.unknown_unit_goal", code=indicator.code, unit=unit_code),
                    hint=t("plan.units.hint", codes=", ".join(plan.unit_by_code) or "—"),
                )
    for index, unit in enumerate(plan.units):
        seen_parents = {unit.code}
        parent = unit.parent
        while parent is not None:
            if parent not in plan.unit_by_code or parent in seen_parents:
                raise _problem_at(
                    toml,
                    "units",
                    index,
                    "parent",
                    t("plan.bad_parent", code=unit.code, parent=unit.parent),
                    hint=t("plan.units.hint", codes=", ".join(plan.unit_by_code)),
                )
            seen_parents.add(parent)
            parent = plan.unit_by_code[parent].parent


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
    return None if goal is None else indicator.model_copy(update={"goal": goal})


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


def _problem_at(
    toml: TomlText, array: str, index: int, key: str, message: str, *, hint: str
) -> FileProblemError:
    position = locate_key(toml.text, array, index, key)
    if position is None:
        return FileProblemError(f"{toml.path}: {message}", hint=hint)
    return FileProblemError(
        f"{toml.path}:{position[0]}:{position[1]}: {message}",
        hint=hint,
        detail=source_excerpt(toml_lines(toml.text), *position),
    )
