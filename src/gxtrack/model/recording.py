"""Recording a value: what it means (new, correction, unchanged, undone). Pure.

Writing it, under the data file's lock, is `store/transactions.py`; telling the user
what it did is `output/outcomes.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from gxtrack.errors import ImplausibleValueError, InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.months import month_label, parse_month
from gxtrack.model.numbers import check_value, parse_value, plain_text
from gxtrack.model.plan import Indicator, Plan, goal_for
from gxtrack.model.records import Ledger, Record, Standing, check_unit
from gxtrack.model.redating import Figure, YearMonth, redating_doubt
from gxtrack.model.rollup import city_values, unit_values
from gxtrack.model.terms import Combine, EntryKind, Kind


class Action(StrEnum):
    RECORDED = "recorded"  # the first value for this indicator and month
    CORRECTED = "corrected"  # a new value replaces the one in force; the old one stays
    UNCHANGED = "unchanged"  # the same value is already in force: nothing written
    UNDONE = "undone"  # the value in force was withdrawn; the one before it counts again
    NOTED = "noted"  # a note for a month, with no value: it changes no number


@dataclass(frozen=True)
class RecordOutcome:
    action: Action
    indicator: Indicator
    record: Record  # the record appended (or that would have been)
    previous: Decimal | None  # the value in force before, if any
    year_to_date: Decimal | None = None  # the total typed with --ytd
    restored: Decimal | None = None  # after an undo: the value in force again, if any


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def now_month() -> YearMonth:
    """This month, by the clock: a figure for a later month re-dates the reports."""
    now = _now()
    return YearMonth(now.year, now.month)


def prepare_record(
    plan: Plan, ledger: Ledger, entry: Entry, *, now: datetime | None = None
) -> RecordOutcome:
    """Check one value typed by a user and decide what recording it means. Pure.

    An entry with a `unit` records the value for a reporting unit (county, park) instead
    of the city. An entry with no value but a note is a note for the month (a note-only
    record, which changes no number).
    """
    indicator = plan.indicator(entry.code)
    unit, note = entry.unit, entry.note
    if unit is not None:
        check_unit(plan, indicator.code, unit)
        unit = plan.unit(unit).code
    month = parse_month(entry.month_text, plan.year)
    if not entry.value_text.strip() and note is not None and note.strip():
        return _prepare_note(plan, ledger, indicator, unit, month, note.strip(), now or _now())
    check_publication_month(plan, indicator, month)
    value = parse_value(entry.value_text, indicator.kind, percent=indicator.is_percent)
    year_to_date = None
    if entry.ytd or indicator.entry is EntryKind.YTD:
        year_to_date = value
        value = _month_part(plan, ledger, indicator, unit, month, year_to_date)
    clean_note = note.strip() if note is not None and note.strip() else None
    in_force = ledger.value_in_force(indicator.code, month, unit)
    record = Record(
        code=indicator.code,
        unit=unit,
        month=month_label(plan.year, month),
        value=value,
        note=clean_note,
        recorded_at=now or _now(),
    )
    if in_force is None:
        action = Action.RECORDED
    elif in_force.value == value and clean_note in (None, in_force.note):
        action = Action.UNCHANGED
    else:
        action = Action.CORRECTED
    previous = None if in_force is None else in_force.value
    return RecordOutcome(action, indicator, record, previous, year_to_date)


def _prepare_note(
    plan: Plan,
    ledger: Ledger,
    indicator: Indicator,
    unit: str | None,
    month: int,
    note: str,
    now: datetime,
) -> RecordOutcome:
    """A note with no value: a note-only record, unless this very note already stands
    for the month (as a note, or on the value in force)."""
    record = Record(
        code=indicator.code,
        unit=unit,
        month=month_label(plan.year, month),
        note=note,
        note_only=True,
        recorded_at=now,
    )
    in_force = ledger.value_in_force(indicator.code, month, unit)
    standing = ledger.month_note(indicator.code, month, unit)
    unchanged = note == standing or (in_force is not None and note == in_force.note)
    action = Action.UNCHANGED if unchanged else Action.NOTED
    return RecordOutcome(action, indicator, record, None if in_force is None else in_force.value)


def check_publication_month(plan: Plan, indicator: Indicator, month: int) -> None:
    """Refuse a figure for a month the indicator is not published for (GDP in May)."""
    months = indicator.frequency.months
    if month not in months:
        raise InvalidInputError(
            t(
                "record.not_published",
                code=indicator.code,
                month=month_label(plan.year, month),
                frequency=t(f"frequency.{indicator.frequency.value}"),
            ),
            hint=t("record.not_published.hint", months=", ".join(map(str, months))),
        )


def _month_part(
    plan: Plan,
    ledger: Ledger,
    indicator: Indicator,
    unit: str | None,
    month: int,
    year_to_date: Decimal,
) -> Decimal:
    """The month's part of a year-to-date total: the total less the figures before it.

    The figures before it are those status adds up for the city (or the unit): units
    rolled up, or its own records in the months it has them. Counting only the city's
    own records would take units' 30 by May for nothing and record 55 - 0 for June.
    """
    if indicator.combine is not Combine.SUM:
        raise InvalidInputError(
            t("record.ytd_not_sum", code=indicator.code), hint=t("record.ytd_not_sum.hint")
        )
    if unit is None:
        figures = city_values(plan, ledger, indicator)[0]
    else:
        figures = unit_values(plan, ledger, indicator, unit)
    earlier = sum((v for m, v in figures.items() if m < month), Decimal(0))
    part = year_to_date - earlier
    if part < 0:
        raise InvalidInputError(
            t(
                "record.ytd_below",
                total=plain_text(year_to_date),
                earlier=plain_text(earlier),
                code=indicator.code,
                month=month_label(plan.year, month),
            ),
            hint=t("record.ytd_below.hint"),
        )
    return check_value(part, indicator.kind)


def prepare_undo(
    plan: Plan,
    ledger: Ledger,
    code: str,
    month_text: str,
    *,
    unit: str | None = None,
    now: datetime | None = None,
) -> RecordOutcome:
    """Withdraw the value in force for an indicator and month, by an undo record. Pure."""
    indicator = plan.indicator(code)
    if unit is not None:
        check_unit(plan, indicator.code, unit)
    month = parse_month(month_text, plan.year)
    in_force = ledger.value_in_force(indicator.code, month, unit)
    label = month_label(plan.year, month)
    if in_force is None:
        raise InvalidInputError(
            t("undo.nothing", code=indicator.code, month=label),
            hint=t("undo.nothing.hint", code=indicator.code),
        )
    record = Record(
        code=indicator.code, month=label, unit=unit, undo=True, recorded_at=now or _now()
    )
    # What counts after the undo: the ledger with the undo record appended.
    assert ledger.records is not None, "an undo needs the full history"
    after = Ledger.of([*ledger.records, record]).value_in_force(indicator.code, month, unit)
    restored = None if after is None else after.value
    return RecordOutcome(Action.UNDONE, indicator, record, in_force.value, restored=restored)


class Entry(NamedTuple):
    """One value to record, as typed in a session or read from a spreadsheet row."""

    origin: str  # where it came from, for messages: "row 5", "2.4"
    code: str
    value_text: str
    month_text: str
    note: str | None = None
    ytd: bool = False
    unit: str | None = None  # a reporting unit; None is the city as a whole


def as_year_to_date(plan: Plan, entries: Sequence[Entry]) -> list[Entry]:
    """Entries read as year-to-date totals (import --ytd): a summed indicator's value is
    its 1—N月累计 total; a rate's or share's is a year-to-date figure already and is
    taken as it is, as in the monthly session. An unknown code is left to be refused."""
    summed = {i.code for i in plan.indicators if i.combine is Combine.SUM}
    return [entry._replace(ytd=entry.code.strip() in summed) for entry in entries]


# Asked when someone else recorded the same indicator and month during a session:
# (the outcome of our entry, their record in force now) -> replace theirs with ours?
ConflictResolver = Callable[[RecordOutcome, Standing], bool]


def prepare_batch(
    plan: Plan, ledger: Ledger, entries: Sequence[Entry], *, source: str, single: bool = False
) -> list[RecordOutcome]:
    """Check every entry first and decide what each means; all or nothing.

    Entries are applied in order, so a batch may hold several months of one indicator
    (a year-to-date total then counts the months before it in the same batch). With
    `single`, the one entry's own error is raised as it is.
    """
    outcomes: list[RecordOutcome] = []
    problems: list[str] = []
    for entry in entries:
        try:
            outcome = prepare_record(plan, ledger, entry)
        except InvalidInputError as error:
            if single:
                raise
            problems.append(f"{entry.origin}: {error.message}")
            continue
        if outcome.action is not Action.UNCHANGED:
            ledger = ledger.with_value_records([outcome.record])
        outcomes.append(outcome)
    if problems:
        raise InvalidInputError(
            t("import.rejected", path=source, count=len(problems)),
            detail=tuple(f"  {problem}" for problem in problems),
            hint=t("import.rejected.hint"),
        )
    return outcomes


# A month's figure more than this many times the largest monthly figure so far looks
# like a slip of the keyboard (an extra 0, 万 typed as 元): asked about before it counts.
FAR_ABOVE = 5


def doubt(plan: Plan, ledger: Ledger, outcome: RecordOutcome) -> str | None:
    """Why a recorded count or amount looks wrong, or None. Pure.

    A summed indicator's month more than the whole annual goal (the unit's own, for a
    unit), or any figure more than FAR_ABOVE times the largest monthly figure of the
    other months: 5,000 champions in a month against a goal of 2. Rates and shares
    swing for real and are never doubted; a cap (goal <= 0 or no figure yet) gives no
    yardstick, so nothing is said.
    """
    indicator, value = outcome.indicator, outcome.record.value
    if value is None or outcome.action in (Action.UNCHANGED, Action.NOTED, Action.UNDONE):
        return None
    if indicator.kind not in (Kind.COUNT, Kind.AMOUNT):
        return None
    unit = outcome.record.unit
    month = parse_month(outcome.record.month, plan.year)
    own = goal_for(plan, indicator, unit)
    label = month_label(plan.year, month)
    shown = {"code": indicator.code, "value": _amount(value, indicator), "month": label}
    if indicator.combine is Combine.SUM and own is not None and 0 < own.goal < value:
        return t("doubt.over_goal", **shown, goal=_amount(own.goal, indicator))
    if unit is None:
        figures = city_values(plan, ledger, indicator)[0]
    else:
        figures = unit_values(plan, ledger, indicator, unit)
    others = {m: v for m, v in figures.items() if m != month}
    largest = max(others, key=lambda m: others[m], default=None)
    if largest is None or others[largest] <= 0 or value <= FAR_ABOVE * others[largest]:
        return None
    return t(
        "doubt.far_above",
        **shown,
        times=FAR_ABOVE,
        largest=_amount(others[largest], indicator),
        largest_month=month_label(plan.year, largest),
    )


def doubts(
    plan: Plan,
    ledger: Ledger,
    outcomes: Sequence[RecordOutcome],
    *,
    today: YearMonth | None = None,
) -> list[str]:
    """Why any of a batch's values look wrong, one line each (empty: all plausible):
    each value's own doubt, then the batch's months that would re-date the reports
    (`redating`; `today` is this month, from the clock unless given)."""
    reasons = [doubt(plan, ledger, outcome) for outcome in outcomes]
    figures = [
        Figure(o.indicator, parse_month(o.record.month, plan.year))
        for o in outcomes
        if o.record.value is not None and o.action in (Action.RECORDED, Action.CORRECTED)
    ]
    reasons.append(redating_doubt(plan, ledger, figures, today or now_month()))
    return [reason for reason in reasons if reason is not None]


def _amount(value: Decimal, indicator: Indicator) -> str:
    return f"{plain_text(value)} {indicator.unit}".strip()


def refuse_doubts(reasons: Sequence[str]) -> None:
    """Refuse a batch whose values look wrong (exit 3), saying why and how to insist."""
    if reasons:
        raise ImplausibleValueError(
            t("doubt.refused", count=len(reasons)),
            detail=tuple(f"  {reason}" for reason in reasons),
            hint=t("doubt.hint"),
        )
