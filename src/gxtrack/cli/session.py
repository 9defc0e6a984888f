"""The monthly entry session (`record --month M` with no CODE): ask, show, confirm, save.

No lock is held while the user types; at save the data file is read again under the
lock (`store/transactions.record_batch`), and a value someone else recorded meanwhile
is shown and asked about. Ctrl-C (or end of input) saves nothing to the data file: exit
130. Every answer is kept at once in a draft beside it (`store/drafts`), which the next
session for the month offers to resume; saving or discarding removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gxtrack.cli.app import load, say, say_rewrite, unit_named
from gxtrack.cli.ask import ask_yes_no, yes_or_no
from gxtrack.cli.changes import change_line, shown_name

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.model.plan import Indicator, Plan
    from gxtrack.model.recording import ConflictResolver, Entry, RecordOutcome
    from gxtrack.model.records import Ledger, Standing
    from gxtrack.store.workspace import Paths

Seen = dict[tuple[str, int], "Decimal | None"]  # what the user was shown, by (code, month)


class Back(Enum):
    """The answer that goes back one item."""

    BACK = "<"


BACK = Back.BACK
BACK_WORDS = frozenset({"<", "back", "返回", "上一项", "上一个"})


def is_back(answer: str) -> bool:
    """`<` (full-width ＜ too), `back` or 返回: go back one item."""
    import unicodedata

    return unicodedata.normalize("NFKC", answer).strip().lower() in BACK_WORDS


@dataclass(frozen=True)
class Session:
    """What a session asks about: the indicators of one month (and area, unit)."""

    plan: Plan
    ledger: Ledger
    month: int
    label: str  # the month as the user typed it back, e.g. 2024-07
    unit: str | None
    ytd: bool
    indicators: list[Indicator]
    draft: Path  # where the answers wait until saved (store/drafts)
    ask_all: bool = False  # also milestones already done
    force: bool = False  # no second question for a value that looks wrong


@dataclass
class Answers:
    """What the session was told so far; written to the draft after every answer."""

    entries: list[Entry] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # codes asked, skipped ones too
    seen: Seen = field(default_factory=dict)
    draft_failed: bool = False  # said once: the draft could not be written


def monthly_session(
    paths: Paths,
    month_text: str,
    *,
    area: str | None,
    ytd: bool,
    unit: str | None = None,
    ask_all: bool = False,
    force: bool = False,
) -> None:
    """Ask for each indicator's value, show what will change, save once on confirmation."""
    from gxtrack.i18n import t
    from gxtrack.model.recording import Action
    from gxtrack.store.drafts import remove_draft
    from gxtrack.store.transactions import record_batch

    session = _start(paths, month_text, area=area, ytd=ytd, unit=unit, ask_all=ask_all)
    session = replace(session, force=force)
    _say_wrapped(t("session.heading", month=session.label, count=len(session.indicators)))
    answers = Answers()
    try:
        _check_month(session)
        answers = _resume(session)
        if not _answers_to_save(session, answers):
            return
        saved = record_batch(
            paths,
            session.plan,
            answers.entries,
            source=session.label,
            seen=answers.seen,
            resolve_conflict=_ask_about_conflict(session.label),
            on_rewrite=say_rewrite,
        )
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _leave(session, answers)
        raise typer.Exit(130) from None
    remove_draft(session.draft)
    say(t("session.saved", count=sum(o.action is not Action.UNCHANGED for o in saved)))


def _answers_to_save(session: Session, answers: Answers) -> bool:
    """Ask every indicator, then confirm: True to save the answers. An indicator's code
    at the confirmation asks it again and confirms anew; No asks once more before the
    answers are discarded, and keeps them in the draft unless the user says discard."""
    from gxtrack.i18n import t
    from gxtrack.i18n.safe_text import terminal_safe
    from gxtrack.store.drafts import remove_draft

    while True:
        _ask_all(session, answers)
        if not answers.entries:
            remove_draft(session.draft)
            say(t("session.nothing"))
            return False
        choice = _confirmation(session, answers.entries)
        if choice is True:
            return True
        if isinstance(choice, str):
            _change(session, answers, choice)
            continue
        count = len(answers.entries)
        if ask_yes_no(t("session.discard.ask", count=count), default=False):
            remove_draft(session.draft)
            say(t("session.discarded", count=count))
            return False
        if answers.draft_failed:  # no draft to keep them in: back to the confirmation
            continue
        path = terminal_safe(str(session.draft))
        _say_wrapped(t("draft.kept_unsaved", count=count, path=path, month=session.label))
        return False


def _check_month(session: Session) -> None:
    """A month that would re-date every report (far after the latest, or after today's)
    is asked about once, before the first question (No by default; --force: not asked)."""
    from gxtrack.errors import ExitCode
    from gxtrack.i18n import t
    from gxtrack.model.recording import now_month
    from gxtrack.model.redating import Figure, redating_doubt

    if session.force:
        return
    figures = [Figure(i, session.month) for i in session.indicators]
    reason = redating_doubt(session.plan, session.ledger, figures, now_month())
    if reason is None:
        return
    _say_wrapped(t("session.doubt", reason=reason))
    if not ask_yes_no(t("redate.session_ask", month=session.label), default=False):
        say(t("doubt.declined"))
        raise typer.Exit(int(ExitCode.INVALID_INPUT))


def _leave(session: Session, answers: Answers) -> None:
    """Ctrl-C or end of input: the data file untouched; the answers wait in the draft
    (none typed: no draft to offer)."""
    from gxtrack.i18n import t
    from gxtrack.i18n.safe_text import terminal_safe
    from gxtrack.store.drafts import remove_draft

    if answers.entries and not answers.draft_failed:
        path = terminal_safe(str(session.draft))
        count = len(answers.entries)
        say("\n" + t("draft.kept", count=count, path=path, month=session.label), err=True)
        return
    if not answers.entries:
        remove_draft(session.draft)
    say("\n" + t("session.cancelled"), err=True)


def _resume(session: Session) -> Answers:
    """The answers of a draft for this month (and unit), if the user takes it up."""
    from gxtrack.i18n import t
    from gxtrack.i18n.safe_text import terminal_safe
    from gxtrack.store.drafts import load_draft, remove_draft

    draft = load_draft(session.draft, session.label, session.unit)
    if draft is None or not draft.answers:
        return Answers()
    shown = {
        "count": len(draft.answers),
        "asked": len(draft.asked),
        "total": len(session.indicators),
        "path": terminal_safe(str(session.draft)),
    }
    _say_wrapped(t("draft.found", **shown))
    if not ask_yes_no(t("draft.resume"), default=True):
        remove_draft(session.draft)
        return Answers()
    known = {i.code for i in session.plan.indicators}
    entries = [e for e in draft.entries() if e.code in known]
    seen: Seen = {
        (e.code, session.month): session.ledger.monthly_values(e.code, session.unit).get(
            session.month
        )
        for e in entries
    }
    say(t("draft.resumed", count=len(entries)))
    return Answers(entries, list(draft.asked), seen)


def _start(
    paths: Paths, month_text: str, *, area: str | None, ytd: bool, unit: str | None, ask_all: bool
) -> Session:
    """Read the plan and data file and check the month, area and unit, before any question."""
    from gxtrack.model.months import month_label, parse_month
    from gxtrack.reports.common import check_area

    plan, datafile = load(paths.targets, paths.url or str(paths.data))
    month = parse_month(month_text, plan.year)
    check_area(plan, area)
    unit = unit_named(plan, unit)
    indicators = [
        i
        for i in plan.indicators
        if (area is None or i.area == area)
        and (unit is None or i.by_unit)
        and month in i.frequency.months  # a quarterly figure only in its publication months
    ]
    from gxtrack.store.drafts import draft_path

    label = month_label(plan.year, month)
    draft = draft_path(paths.data, label, unit)
    return Session(plan, datafile.ledger, month, label, unit, ytd, indicators, draft, ask_all)


def _ask_all(session: Session, answers: Answers) -> None:
    """Every indicator's answer (skipped ones left out) and the value the user saw, each
    kept in the draft as soon as it is given; those asked before (a resumed draft, or
    before going back) are not asked again. `<` goes back one item: its answer is
    forgotten and it is asked anew."""
    from gxtrack.i18n import t

    count = len(session.indicators)
    position = 0
    while position < count:
        indicator = session.indicators[position]
        index = position + 1
        if indicator.code in answers.asked:
            position += 1
            continue
        values = session.ledger.monthly_values(indicator.code, session.unit)
        done = _done_in(session, indicator, values)
        if done is not None and not session.ask_all:
            _say_wrapped(_done_line(session, indicator, index, count, done))
            position += 1
            continue
        _say_wrapped(_indicator_line(session, indicator, index, count, values))
        entry = _ask_one(session, indicator, answers.entries)
        if entry is BACK:
            previous = _previous_asked(session, answers, position)
            if previous is None:
                say(t("session.back.first"))
                continue
            _forget(session, answers, session.indicators[previous].code)
            position = previous
            continue
        _keep(session, answers, indicator, entry, values)
        position += 1


def _keep(
    session: Session,
    answers: Answers,
    indicator: Indicator,
    entry: Entry | None,
    values: dict[int, Decimal],
) -> None:
    """Note an answer (None: skipped) and write the draft."""
    if entry is not None:
        answers.entries.append(entry)
        answers.seen[(indicator.code, session.month)] = values.get(session.month)
    answers.asked.append(indicator.code)
    _keep_draft(session, answers)


def _previous_asked(session: Session, answers: Answers, position: int) -> int | None:
    """The position of the item asked last before `position`, if any."""
    for earlier in range(position - 1, -1, -1):
        if session.indicators[earlier].code in answers.asked:
            return earlier
    return None


def _forget(session: Session, answers: Answers, code: str) -> None:
    """An item to be asked anew: its answer (if any) is no longer kept."""
    answers.entries = [e for e in answers.entries if e.code != code]
    answers.seen.pop((code, session.month), None)
    answers.asked.remove(code)
    _keep_draft(session, answers)


def _change(session: Session, answers: Answers, code: str) -> None:
    """At the confirmation, an indicator's code: ask it again (Enter leaves it out, as
    when first asked; `<` keeps the answer as it was)."""
    position = next(i for i, ind in enumerate(session.indicators) if ind.code == code)
    indicator = session.indicators[position]
    values = session.ledger.monthly_values(code, session.unit)
    count = len(session.indicators)
    _say_wrapped(_indicator_line(session, indicator, position + 1, count, values))
    others = [e for e in answers.entries if e.code != code]
    entry = _ask_one(session, indicator, others)
    if entry is BACK:
        return
    if code in answers.asked:
        _forget(session, answers, code)
    _keep(session, answers, indicator, entry, values)
    order = {ind.code: i for i, ind in enumerate(session.indicators)}
    answers.entries.sort(key=lambda e: order[e.code])  # the summary stays in plan order


def _keep_draft(session: Session, answers: Answers) -> None:
    """Write the answers so far to the draft; a folder that refuses it is said once and
    the session goes on (the answers then live only in it)."""
    from gxtrack.errors import GxtrackError
    from gxtrack.i18n import t
    from gxtrack.store.drafts import remove_draft, save_draft

    if answers.draft_failed:
        return
    if not answers.entries:  # gone back over the only answer: no draft to offer
        remove_draft(session.draft)
        return
    try:
        save_draft(session.draft, session.label, session.unit, answers.entries, answers.asked)
    except GxtrackError as error:
        answers.draft_failed = True
        _say_wrapped(t("draft.unwritable", reason=error.message))


def _ask_one(session: Session, indicator: Indicator, before: list[Entry]) -> Entry | Back | None:
    """Ask until the answer is empty (skip), `<` (BACK) or a value the batch accepts."""
    from gxtrack.errors import InvalidInputError
    from gxtrack.i18n import t
    from gxtrack.model.recording import Entry, prepare_batch
    from gxtrack.model.terms import Combine, EntryKind

    # --ytd, or the plan's entry = "ytd": the 1—N月累计 total, whose month part is recorded
    year_to_date = session.ytd or indicator.entry is EntryKind.YTD
    cumulative = year_to_date and indicator.combine is Combine.SUM
    prompt = t(_prompt_key(indicator, cumulative), month=session.month) + t("session.back_hint")
    while True:
        answer: str = typer.prompt(prompt, default="", show_default=False)
        if is_back(answer):
            return BACK
        text, _, note = answer.partition("#")
        if not text.strip() and not note.strip():
            return None  # a note alone ("# 待统计局反馈") is kept: a note-only record
        code = indicator.code
        label, unit = session.label, session.unit
        entry = Entry(code, code, text.strip(), label, note.strip() or None, cumulative, unit)
        try:
            outcomes = prepare_batch(session.plan, session.ledger, [*before, entry], source=label)
        except InvalidInputError as error:
            # The batch names the entry that failed: this one, the others passed.
            # Not an "error:" line: the session goes on, and asks again.
            problem = error.detail[-1].strip() if error.detail else error.message
            say(t("session.problem", message=problem))
            continue
        if _kept_despite_doubt(session, outcomes[-1]):
            return entry


def _kept_despite_doubt(session: Session, outcome: RecordOutcome) -> bool:
    """A value that looks wrong is kept only when the user says so again (No by default:
    a declined one is asked for anew)."""
    from gxtrack.i18n import t
    from gxtrack.model.recording import doubt

    reason = None if session.force else doubt(session.plan, session.ledger, outcome)
    if reason is None:
        return True
    _say_wrapped(t("session.doubt", reason=reason))
    return ask_yes_no(t("session.doubt.keep"), default=False)


def _confirmation(session: Session, entries: list[Entry]) -> bool | str:
    """Show what will be added or corrected, and ask: True to save, False for No, or
    the code of an indicator to change (asked until it is one of these)."""
    from gxtrack.i18n import t
    from gxtrack.model.plan import normal_code
    from gxtrack.model.recording import prepare_batch

    outcomes = prepare_batch(session.plan, session.ledger, entries, source=session.label)
    say(t("session.summary", month=session.label))
    for outcome in outcomes:
        say(change_line(outcome))
    codes = {indicator.code for indicator in session.indicators}
    # Enter saves: after 25 answers a reflexive Enter must not throw them away.
    question = t("session.confirm", count=len(entries)) + " [Y/n]"
    while True:
        answer: str = typer.prompt(question, default="", show_default=False)
        if not answer.strip():
            return True
        meaning = yes_or_no(answer)
        if meaning is not None:
            return meaning
        if normal_code(answer) in codes:
            return normal_code(answer)
        say(t("session.confirm.again"))


def _say_wrapped(text: str) -> None:
    """A line of the session broken between words to fit the terminal: the terminal
    itself would break anywhere, a date ("2/024-07") or a word included."""
    import shutil

    from gxtrack.i18n.text import wrap_cells

    width = shutil.get_terminal_size().columns
    say("\n".join(wrap_cells(text, max(width - 1, 20))))


def _ask_about_conflict(label: str) -> ConflictResolver:
    """At save: someone else recorded a value since the user saw it; ask whose stays."""
    from gxtrack.i18n import t
    from gxtrack.output.formats import format_number

    def replace_theirs(mine: RecordOutcome, theirs: Standing) -> bool:
        subject = f"{mine.indicator.code} {shown_name(mine.indicator)} {label}"
        say(
            t(
                "session.conflict",
                subject=subject,
                theirs=format_number(theirs.value),
                mine=format_number(mine.record.value),
            )
        )
        return ask_yes_no(t("session.conflict.ask"), default=False)

    return replace_theirs


def _indicator_line(
    session: Session, indicator: Indicator, index: int, count: int, values: dict[int, Decimal]
) -> str:
    """What the session shows before asking for an indicator's value (a unit's own goal);
    for a summed indicator, the total so far beside the cumulative schedule."""
    from gxtrack.cli.changes import shown_value
    from gxtrack.i18n import t
    from gxtrack.model.months import month_label
    from gxtrack.model.plan import goal_for
    from gxtrack.model.progress import expected_to_date
    from gxtrack.model.terms import Combine
    from gxtrack.output.formats import format_number, with_unit

    split = goal_for(session.plan, indicator, session.unit)
    goal = None if split is None else split.goal
    expected = None if split is None else expected_to_date(split, session.month)
    last = max((m for m in values if m <= session.month), default=None)
    last_text = "—"
    if last is not None:
        amount = shown_value(indicator, values[last])
        last_text = f"{amount} ({month_label(session.plan.year, last)})"
    summed = indicator.combine is Combine.SUM
    total = sum((v for m, v in values.items() if m <= session.month), start=Decimal(0))
    return t(
        "session.indicator_sum" if summed else "session.indicator",
        index=index,
        count=count,
        code=indicator.code,
        name=shown_name(indicator),
        goal=with_unit(format_number(goal), indicator.unit),
        expected=with_unit(format_number(expected), indicator.unit),
        last=last_text,
        total=with_unit(format_number(total), indicator.unit),
    )


def _prompt_key(indicator: Indicator, cumulative: bool) -> str:
    """The prompt says what is asked: a milestone's done, a sum's 本月新增 or 1—N月累计."""
    from gxtrack.model.terms import Combine, Kind

    if indicator.kind is Kind.MILESTONE:
        return "session.prompt_milestone"
    if indicator.combine is Combine.SUM:
        return "session.prompt_ytd" if cumulative else "session.prompt_month"
    return "session.prompt"


def _done_in(session: Session, indicator: Indicator, values: dict[int, Decimal]) -> int | None:
    """The month a milestone was done (its value in force by this month is 1), if it was."""
    from gxtrack.model.terms import Kind

    if indicator.kind is not Kind.MILESTONE:
        return None
    done = [m for m, v in values.items() if m < session.month and v == 1]
    later = [m for m, v in values.items() if m < session.month and m > max(done, default=0)]
    return max(done) if done and not later else None


def _done_line(session: Session, indicator: Indicator, index: int, count: int, month: int) -> str:
    from gxtrack.i18n import t
    from gxtrack.model.months import month_label

    return t(
        "session.milestone_done",
        index=index,
        count=count,
        code=indicator.code,
        name=shown_name(indicator),
        month=month_label(session.plan.year, month),
    )
