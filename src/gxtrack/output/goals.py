"""Goals, caps, decreases and 同比 in words, as the source document writes them.

A goal reads by its sign and comparator together: `goal = -2.5, comparator = "<="` is
"下降2.5以上" (down at least 2.5), never "-2.5以内"; a cap (`<=` on a figure of 0 or
more) is "5.5以内" (at most 5.5) with its headroom instead of a 完成率 that would read
as if more were better; a tolerance is "6左右" (about 6); a 力争 value follows as a
second mark.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gxtrack.i18n import t
from gxtrack.output.formats import format_number
from gxtrack.output.view import Row


def is_cap(goal: object, comparator: object) -> bool:
    """A ceiling not to pass (unemployment within 5.5%), not a decrease to reach."""
    return comparator == "<=" and isinstance(goal, Decimal) and goal >= 0


def goal_text(row: Row, unit: str = "") -> str:
    """The goal in words, `unit` after each number ("" in a table, with its unit column)."""
    goal, comparator = row.get("goal"), row.get("comparator")
    source = row.get("goal_from")
    if isinstance(source, str):
        return relative_goal_text(row, source, unit)
    if not isinstance(goal, Decimal):
        return "—"
    tolerance = row.get("tolerance")
    about = isinstance(tolerance, Decimal) and tolerance > 0
    number = f"{format_number(abs(goal))}{unit}"
    if goal < 0:
        key = "about_down" if about else "down_at_least" if comparator == "<=" else "down_at_most"
    elif about:
        key = "about"
    elif comparator == "<=":
        key = "at_most"
    else:
        key = "plain"
    text = t(f"goal.{key}", number=number)
    stretch = row.get("stretch_goal")
    if isinstance(stretch, Decimal):
        text += t("goal.stretch_mark", number=_signed_goal(stretch, unit))
    return text


def relative_goal_text(row: Row, source: str, unit: str = "") -> str:
    """A goal that is another indicator's figure, with the value in force at this period:
    "不低于 1.1 的 5%" / "at least 1.1's 5%"; with an offset, the figure and the offset
    ("不低于 1.1 的 5.6% −0.5（5.1%）"); "不低于 1.1 的同期数" until it is known."""
    goal, offset = row.get("goal"), row.get("goal_offset")
    side = "at_most" if row.get("comparator") == "<=" else "at_least"
    if not isinstance(goal, Decimal):
        return t(f"goal.relative_{side}_unknown", code=source)
    number = f"{format_number(goal)}{unit}"
    if not isinstance(offset, Decimal) or offset == 0:
        return t(f"goal.relative_{side}", code=source, number=number)
    sign = "+" if offset > 0 else "−"
    return t(
        f"goal.relative_{side}_offset",
        code=source,
        figure=f"{format_number(goal - offset)}{unit}",
        offset=f"{sign}{format_number(abs(offset))}",
        number=number,
    )


def for_a_sheet(row: Row) -> Row:
    """A row as a person's spreadsheet shows it, as tables do: a cap, a decrease or an
    "about" goal in words ("5.5%以内", "下降2.5%以上", "6%左右"), with "%" written as the
    source writes it (other units have their own column); a cap's 完成率 as its headroom
    (余0.1 / 超0.2) and no 序时完成率. A plain goal stays a number to compute with, and
    the 力争 value keeps its own column. JSON and CSV for programs keep the numbers."""
    goal, comparator = row.get("goal"), row.get("comparator")
    if not isinstance(goal, Decimal) or comparator is None or "goal_text" in row:
        return row  # no goal, or the plan sheet, which words it in a column of its own
    tolerance = row.get("tolerance")
    about = isinstance(tolerance, Decimal) and tolerance > 0
    shown = dict(row)
    if goal < 0 or comparator == "<=" or about or row.get("goal_from") is not None:
        unit = "%" if row.get("unit") == "%" else ""
        shown["goal"] = goal_text({**row, "stretch_goal": None}, unit)
    if is_cap(goal, comparator):
        if "goal_pct" in row:
            has_figure = isinstance(row.get("headroom"), Decimal)
            shown["goal_pct"] = attainment_text(row) if has_figure else None
        if "schedule_pct" in row:
            shown["schedule_pct"] = None
    return shown


def _signed_goal(value: Decimal, unit: str) -> str:
    """A 力争 value: a decrease as "下降3" / "down 3"."""
    if value < 0:
        return t("goal.down", number=f"{format_number(-value)}{unit}")
    return f"{format_number(value)}{unit}"


def attainment_text(row: Row) -> str:
    """完成率 for a goal to reach; for a cap, the room left under it (or how far past)."""
    goal, comparator = row.get("goal"), row.get("comparator")
    if is_cap(goal, comparator):
        headroom = row.get("headroom")
        if not isinstance(headroom, Decimal):
            return "—"
        key = "goal.headroom" if headroom >= 0 else "goal.over_cap"
        return t(key, number=format_number(abs(headroom)))
    from gxtrack.output.formats import format_percent

    return format_percent(row.get("goal_pct"))


def change_text(row: Row) -> str:
    """同比 in words: "高0.3个百分点" / "+0.3 pp" for a rate or share, "增长5%" / "+5%"
    for a count or amount; "—" without last year's figure."""
    change = row.get("change_vs_previous")
    if not isinstance(change, Decimal):
        return "—"
    points = row.get("kind") in ("rate", "share") or row.get("gap_unit") == "pp"
    key = (
        ("points_up" if change >= 0 else "points_down")
        if points
        else ("growth_up" if change >= 0 else "growth_down")
    )
    return t(f"change.{key}", number=format_number(abs(change)))


def period_text(row: Row, as_of: str | None = None) -> str:
    """The period a figure is for, where it is not simply the as-of month: "Q2", "H1",
    "6月" (a monthly figure older than the as-of month), and "待更新" while a quarterly
    figure, or December's, is due and not in."""
    frequency, period = row.get("frequency"), row.get("period")
    latest = row.get("latest_month")
    text = ""
    if isinstance(period, str) and frequency not in (None, "monthly"):
        month = int(period[-2:])
        text = t(f"period.{frequency}", quarter=month // 3, half=month // 6, month=month)
    elif isinstance(latest, str) and latest != (as_of or period):
        text = t("period.month", month=int(latest[-2:]))
    # 待更新 where a later figure is due: a quarterly one, or December's (the year's end).
    due = frequency not in (None, "monthly") or (isinstance(period, str) and period[-2:] == "12")
    if row.get("pending") and row.get("actual") is not None and due:
        text = t("period.pending", period=text) if text else t("period.pending_bare")
    return text


def figure_text(row: Row, value: object, unit: str = "") -> str:
    """A figure in a sentence, read by the goal's sign: against a decrease goal
    (下降2.5%以上) a fall is "下降2.6%" and a rise "增长2.6%", as the bulletin words them
    (the recording confirmation says the same); any other figure as a number."""
    if not isinstance(value, Decimal):
        return format_number(value)
    goal = row.get("goal")
    if isinstance(goal, Decimal) and goal < 0 and value != 0:
        return up_or_down(value, lambda size: f"{format_number(size)}{unit}")
    return f"{format_number(value)}{unit}"


def up_or_down(value: Decimal, shown: Callable[[Decimal], str]) -> str:
    """A non-zero figure under a decrease goal, worded by the way it went: "下降2.6%" /
    "down 2.6%" for −2.6, "增长2.6%" / "up 2.6%" for 2.6; `shown` writes the size. The one
    rule for tables' sentences, the reports and the recording confirmation."""
    key = "outcome.rate_down" if value < 0 else "outcome.rate_up"
    return t(key, value=shown(abs(value)))
