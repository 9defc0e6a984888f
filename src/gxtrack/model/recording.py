"""Recording a value: what it means (new, correction, unchanged, undone). Pure.

Writing it, under the data file's lock, is `store/transactions.py`; telling the user
what it did is `output/outcomes.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from gxtrack.errors import ImplausibleValueError, InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.months import month_label, parse_month
from gxtrack.model.numbers import parse_value, plain_text
from gxtrack.model.plan import Indicator, Plan, goal_for
from gxtrack.model.records import Ledger, Record, Standing, check_unit
from gxtrack.model.redating import Figure, YearMonth, redating_doubt
from gxtrack.model.rollup import Monthly, city_values, unit_values
from gxtrack.model.terms import Combine, EntryKind, Kind, ScheduleKind


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
    part: Decimal | None = None  # a year-to-date total's month part, derived
    moved: tuple[MovedPart, ...] = ()  # other months whose derived part this changes


class MovedPart(NamedTuple):
    """A month whose derived part a record changes (a revised 1—3月 total moves June's)."""

    month: int
    before: Decimal
    after: Decimal


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
    value = parse_value(
        entry.value_text, indicator.kind, percent=indicator.is_percent, unit=indicator.unit
    )
    # An average typed year to date (entry = "ytd") is the release's 1—N月平均, as it is.
    summed = indicator.combine is Combine.SUM
    ytd = entry.ytd or (indicator.entry is EntryKind.YTD and summed)
    if ytd and not summed:
        raise InvalidInputError(
            t("record.ytd_not_sum", code=indicator.code), hint=t("record.ytd_not_sum.hint")
        )
    clean_note = note.strip() if note is not None and note.strip() else None
    in_force = ledger.value_in_force(indicator.code, month, unit)
    typed = ledger.typed_total(indicator.code, month, unit)
    record = Record(
        code=indicator.code,
        unit=unit,
        month=month_label(plan.year, month),
        value=value,
        note=clean_note,
        recorded_at=now or _now(),
        basis="ytd" if ytd else None,
    )
    # What was typed before, as it was typed: a total beside a total, a part beside a part.
    previous = typed if typed is not None else (None if in_force is None else in_force.value)
    if in_force is None:
        action = Action.RECORDED
    elif previous == value and (typed is not None) == ytd and clean_note in (None, in_force.note):
        action = Action.UNCHANGED
    else:
        action = Action.CORRECTED
    outcome = RecordOutcome(action, indicator, record, previous, value if ytd else None)
    if action is Action.UNCHANGED or indicator.combine is not Combine.SUM:
        return outcome
    return _with_derived_parts(plan, ledger, outcome)


def _series_figures(plan: Plan, ledger: Ledger, indicator: Indicator, unit: str | None) -> Monthly:
    """What status counts month by month for the city (units rolled up) or for a unit."""
    if unit is None:
        return city_values(plan, ledger, indicator)[0]
    return unit_values(plan, ledger, indicator, unit)


def _with_derived_parts(plan: Plan, ledger: Ledger, outcome: RecordOutcome) -> RecordOutcome:
    """The outcome with the month part its record gives and the other months it moves.

    Worked on the ledger with the record appended, so a total is a checkpoint: 1—3月 303
    revised to 305 with 1—6月 690 typed moves June's part from 387 to 385 (690 - 305) and
    leaves the 690 as it was.
    """
    indicator, unit, month = outcome.indicator, outcome.record.unit, outcome.record.month_number
    before = _series_figures(plan, ledger, indicator, unit)
    after = _series_figures(plan, ledger.with_value_records([outcome.record]), indicator, unit)
    moved = tuple(
        MovedPart(m, before[m], after[m])
        for m in sorted(after)
        if m != month and m in before and before[m] != after[m]
    )
    part = after.get(month) if outcome.year_to_date is not None else None
    return replace(outcome, part=part, moved=moved)


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
    # A release's 当月 cell beside the 累计 one typed: (its text, where it is). The month
    # part the total gives must equal it.
    part: tuple[str, str] | None = None


def as_year_to_date(plan: Plan, entries: Sequence[Entry], *, every: bool = True) -> list[Entry]:
    """Entries read as year-to-date totals (import --ytd, or `every` False: those whose
    sheet said so): a summed indicator's value is its 1—N月累计 total; a rate's or
    share's is a year-to-date figure already and is taken as it is (its 当月 cell then
    unused), as in the monthly session. An unknown code is left to be refused."""
    summed = {i.code for i in plan.indicators if i.combine is Combine.SUM}
    read = []
    for entry in entries:
        is_summed = entry.code.strip() in summed
        ytd = (every or entry.ytd) and is_summed
        read.append(entry._replace(ytd=ytd, part=entry.part if ytd else None))
    return read


# Asked when someone else recorded the same indicator and month during a session:
# (the outcome of our entry, their record in force now) -> replace theirs with ours?
ConflictResolver = Callable[[RecordOutcome, Standing], bool]


def prepare_batch(
    plan: Plan,
    ledger: Ledger,
    entries: Sequence[Entry],
    *,
    source: str,
    single: bool = False,
    against_book: bool = True,
) -> list[RecordOutcome]:
    """Check every entry first and decide what each means; all or nothing.

    Entries are applied in order, so a batch may hold several months of one indicator
    (a year-to-date total then counts the months before it in the same batch). With
    `single`, the one entry's own error is raised as it is. Without `against_book` (a
    first check of the input alone, on an empty ledger), a release's 当月 cell is not yet
    compared with the part its total gives.
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
        disagreement = _part_disagrees(plan, ledger, entry, outcome) if against_book else None
        if disagreement is not None:
            problems.append(disagreement)
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


def _part_disagrees(plan: Plan, ledger: Ledger, entry: Entry, outcome: RecordOutcome) -> str | None:
    """Where a release's 当月 cell disagrees with the part its 累计 cell gives, both named.

    1—6月累计 690 with 303 recorded before June gives June 690 - 303 = 387: a 当月 cell
    saying 380 is refused, naming both cells; one saying 387 agrees.
    """
    if entry.part is None:
        return None
    text, where = entry.part
    indicator = outcome.indicator
    month_value = parse_value(
        text, indicator.kind, percent=indicator.is_percent, unit=indicator.unit
    )
    figures = _series_figures(
        plan, ledger.with_value_records([outcome.record]), indicator, entry.unit
    )
    part = figures.get(outcome.record.month_number)
    if part == month_value:
        return None
    return t(
        "import.parts_disagree",
        total_cell=entry.origin,
        ytd_total=plain_text(outcome.record.amount),
        month_cell=where,
        month_value=plain_text(month_value),
        part=plain_text(part) if part is not None else "—",
    )


# A month's figure more than this many times the largest monthly figure so far looks
# like a slip of the keyboard (an extra 0, 万 typed as 元): asked about before it counts.
FAR_ABOVE = 5
# A year-to-date total more than this many times the whole year's goal: 1—6月累计 12,000
# against 1,200 is an extra 0, while 1,256 (the goal beaten) is a good year.
TOTAL_ABOVE_GOAL = 2
# A rate more than this many times the goal's size and this many points from it: 72 typed
# for a 9% goal (7.2 meant), 1,234 for a growth rate. 12 against 9 is a real year.
RATE_TIMES, RATE_POINTS = 3, Decimal(10)


class DoubtKind(StrEnum):
    """Why a figure is asked about before it counts; each one --force waives."""

    OVER_GOAL = "over_goal"  # one month's part more than the year's goal
    TOTAL_OVER_GOAL = "total_over_goal"  # a year-to-date total far over the year's goal
    FAR_ABOVE = "far_above"  # far above every other month's figure
    NEGATIVE_PART = "negative_part"  # a smaller later total: a month's part below zero
    RATE_FAR_OFF = "rate_far_off"  # a rate far from its goal's size


class Doubt(NamedTuple):
    kind: DoubtKind
    message: str


def doubt(plan: Plan, ledger: Ledger, outcome: RecordOutcome) -> str | None:
    """The first reason a recorded figure looks wrong, or None (what the session asks)."""
    found = outcome_doubts(plan, ledger, outcome)
    return "; ".join(d.message for d in found) if found else None


def outcome_doubts(plan: Plan, ledger: Ledger, outcome: RecordOutcome) -> list[Doubt]:
    """Why a recorded figure looks wrong (empty: plausible). Pure.

    Counts and amounts: a month's part more than the whole annual goal (the unit's own,
    for a unit) unless the goal is met in one batch by design (a `due` schedule); a
    year-to-date total more than TOTAL_ABOVE_GOAL times the goal; any month part below
    zero (a later total smaller than an earlier one); a month FAR_ABOVE times the largest
    other month. Rates: more than RATE_TIMES the goal's size and RATE_POINTS from it. A
    cap (goal <= 0 or no figure yet) gives no yardstick, so nothing is said.
    """
    indicator, value = outcome.indicator, outcome.record.value
    if value is None or outcome.action in (Action.UNCHANGED, Action.NOTED, Action.UNDONE):
        return []
    if indicator.kind is Kind.RATE:
        return _rate_doubts(plan, indicator, outcome, value)
    if indicator.kind not in (Kind.COUNT, Kind.AMOUNT):
        return []
    label = outcome.record.month
    shown = {"code": indicator.code, "value": _amount(value, indicator), "month": label}
    found = _negative_parts(plan, indicator, outcome)
    own = goal_for(plan, indicator, outcome.record.unit)
    goal = own.goal if own is not None else Decimal(0)
    if outcome.year_to_date is not None:
        if goal > 0 and value > TOTAL_ABOVE_GOAL * goal:
            text = t("doubt.total_over_goal", **shown, goal=_amount(goal, indicator))
            found.append(Doubt(DoubtKind.TOTAL_OVER_GOAL, text))
        return found
    # A goal due in one month (单项冠军 named in December) is met in one batch there.
    in_one_batch = (
        indicator.schedule_kind is ScheduleKind.DUE
        and outcome.record.month_number >= indicator.effective_due_month
    )
    if indicator.combine is Combine.SUM and not in_one_batch and 0 < goal < value:
        text = t("doubt.over_goal", **shown, goal=_amount(goal, indicator))
        return [*found, Doubt(DoubtKind.OVER_GOAL, text)]
    far = _far_above(plan, ledger, outcome, value, shown)
    return [*found, far] if far is not None else found


def _negative_parts(plan: Plan, indicator: Indicator, outcome: RecordOutcome) -> list[Doubt]:
    """A month part a total makes negative: 1—6月 290 after 1—3月 303 is June -13."""
    parts = [(outcome.record.month_number, outcome.part)] if outcome.part is not None else []
    parts += [(moved.month, moved.after) for moved in outcome.moved if moved.before >= 0]
    return [
        Doubt(
            DoubtKind.NEGATIVE_PART,
            t(
                "doubt.negative_part",
                code=indicator.code,
                month=month_label(plan.year, month),
                part=_amount(part, indicator),
            ),
        )
        for month, part in parts
        if part < 0
    ]


def _far_above(
    plan: Plan, ledger: Ledger, outcome: RecordOutcome, value: Decimal, shown: dict[str, str]
) -> Doubt | None:
    indicator, unit = outcome.indicator, outcome.record.unit
    month = outcome.record.month_number
    figures = _series_figures(plan, ledger, indicator, unit)
    others = {m: v for m, v in figures.items() if m != month}
    largest = max(others, key=lambda m: others[m], default=None)
    if largest is None or others[largest] <= 0 or value <= FAR_ABOVE * others[largest]:
        return None
    text = t(
        "doubt.far_above",
        **shown,
        times=FAR_ABOVE,
        largest=_amount(others[largest], indicator),
        largest_month=month_label(plan.year, largest),
    )
    return Doubt(DoubtKind.FAR_ABOVE, text)


def _rate_doubts(
    plan: Plan, indicator: Indicator, outcome: RecordOutcome, value: Decimal
) -> list[Doubt]:
    """72 for a 9% goal: |72| > 3 x 9 = 27 and 72 - 9 = 63 > 10 points. 12: neither."""
    own = goal_for(plan, indicator, outcome.record.unit)
    goal = own.goal if own is not None else indicator.goal
    if abs(value) <= RATE_TIMES * abs(goal) or abs(value - goal) <= RATE_POINTS:
        return []
    text = t(
        "doubt.rate_far_off",
        code=indicator.code,
        value=_amount(value, indicator),
        month=outcome.record.month,
        goal=_amount(goal, indicator),
    )
    return [Doubt(DoubtKind.RATE_FAR_OFF, text)]


def doubts(
    plan: Plan,
    ledger: Ledger,
    outcomes: Sequence[RecordOutcome],
    *,
    today: YearMonth | None = None,
) -> list[str]:
    """Why any of a batch's values look wrong, one line each (empty: all plausible):
    each value's own doubts, then the batch's months that would re-date the reports
    (`redating`; `today` is this month, from the clock unless given)."""
    reasons = [d.message for o in outcomes for d in outcome_doubts(plan, ledger, o)]
    figures = [
        Figure(o.indicator, parse_month(o.record.month, plan.year))
        for o in outcomes
        if o.record.value is not None and o.action in (Action.RECORDED, Action.CORRECTED)
    ]
    redating = redating_doubt(plan, ledger, figures, today or now_month())
    return reasons if redating is None else [*reasons, redating]


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
