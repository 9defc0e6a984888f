"""The fixed words of the model: they appear in targets.toml, JSON and CSV as they are."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an indicator counts, which decides the values it accepts."""

    COUNT = "count"  # whole, non-negative (家, 个, 条)
    AMOUNT = "amount"  # non-negative, decimals allowed (亿元)
    RATE = "rate"  # a growth rate in percent; may be negative
    SHARE = "share"  # a share in percent, 0 to 100
    MILESTONE = "milestone"  # done (1) or not (0)


class EntryKind(StrEnum):
    """How a summed indicator's figures arrive (`entry` in the plan)."""

    MONTH = "month"  # each month's own figure (本月新增)
    YTD = "ytd"  # the 1—N月累计 total, as statistics offices publish it; the month's
    # increment is recorded (the total less the months before it)


class Combine(StrEnum):
    """How an indicator's monthly values make its actual to date."""

    SUM = "sum"  # monthly increments add up
    LAST = "last"  # the latest year-to-date figure counts
    AVERAGE = "average"  # the mean of the months' figures to date (城镇调查失业率 1—N月平均)


class Comparator(StrEnum):
    """Which side of the goal is success."""

    AT_LEAST = ">="
    AT_MOST = "<="


class ScheduleKind(StrEnum):
    """How much of the goal is expected by a month (序时进度)."""

    LINEAR = "linear"  # goal x N/12 by month N
    FLAT = "flat"  # the goal holds every month (rates)
    DUE = "due"  # nothing before the due month, the goal from it on
    SEASONAL = "seasonal"  # an explicit list of 12 cumulative fractions


class UnitKind(StrEnum):
    """What a reporting unit is (县市区、管理区、经开区、园区、部门)."""

    DISTRICT = "district"  # 区
    COUNTY_CITY = "county_city"  # 县级市
    COUNTY = "county"  # 县 (and autonomous county)
    MANAGEMENT_AREA = "management_area"  # 管理区
    DEVELOPMENT_ZONE = "development_zone"  # 经开区、高新区
    PARK = "park"  # 园区
    DEPARTMENT = "department"  # 部门


class Status(StrEnum):
    """Where an indicator stands; JSON and CSV carry exactly these words."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    MISSED = "missed"  # the year's final figure is in and the goal was not reached
    NO_DATA = "no_data"


class Frequency(StrEnum):
    """How often an indicator's figure is published (GDP quarterly, most monthly)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    ANNUAL = "annual"

    @property
    def months(self) -> tuple[int, ...]:
        """The months a figure is published for: the only months that can hold one."""
        return _PUBLICATION_MONTHS[self]


_PUBLICATION_MONTHS = {
    Frequency.MONTHLY: tuple(range(1, 13)),
    Frequency.QUARTERLY: (3, 6, 9, 12),
    Frequency.HALF_YEARLY: (6, 12),
    Frequency.ANNUAL: (12,),
}


class ScheduleSource(StrEnum):
    """Whether a schedule is the source document's or the plan writer's assumption."""

    SOURCE = "source"
    ASSUMED = "assumed"
