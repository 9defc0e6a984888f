"""The plan report in words: each goal as a phrase, a group an area."""

from __future__ import annotations

from gxtrack.i18n import MESSAGES, t
from gxtrack.model.numbers import plain_text
from gxtrack.model.terms import Kind
from gxtrack.output.goals import goal_text as worded_goal
from gxtrack.output.present.common import area_title, name_column, plan_title
from gxtrack.output.view import Column, Group, Report, Row, Style
from gxtrack.reports.plan import PlanReport, PlanRow


def plan_columns() -> list[Column]:
    return [
        Column("code", "column.code"),
        name_column(),
        Column("goal_text", "column.goal"),
        Column("kind", "column.kind", Style.WORD, drop=1),
        Column("combine", "column.combine", Style.WORD, drop=2),
        Column("schedule_text", "column.schedule"),
        Column("baseline", "column.baseline", Style.NUMBER, drop=3),
    ]


def goal_text(row: PlanRow) -> str:
    """The goal in words: ">= 100 家"; "done" for a milestone; "(stretch)" after one; a
    cap, a decrease, an "about" goal or a 力争 value as the source writes it."""
    if row["kind"] is Kind.MILESTONE:
        text = t("goal.done")
    elif row["comparator"] == "<=" or row["goal"] < 0 or row["tolerance"] or row["stretch_goal"]:
        text = worded_goal(row, row["unit"])
    else:
        text = f"{row['comparator']} {plain_text(row['goal'])} {row['unit']}".strip()
    return text + t("goal.stretch") if row["stretch"] else text


def schedule_text(row: PlanRow) -> str:
    """The schedule in the interface's words (按月均衡, 12月到期), how often the figure
    comes, and whether the source says so."""
    text = _schedule_word(str(row["schedule"]))
    if row["frequency"] != "monthly":
        text += t("plan.frequency_mark", frequency=t(f"frequency.{row['frequency']}"))
    if row["schedule_source"] == "assumed":
        text += t("plan.assumed_mark")
    return text


def _schedule_word(schedule: str) -> str:
    kind, _, month = schedule.partition(" ")  # "due 12"
    key = f"schedule.{kind}"
    if key not in MESSAGES:
        return schedule
    return t(key, month=month) if month else t(key)


def plan_row(row: PlanRow) -> Row:
    """The row with its goal in words after the comparator (where JSON and CSV have it)."""
    shown: dict[str, object] = {}
    for key, value in row.items():
        shown[key] = value
        if key == "comparator":
            shown["goal_text"] = goal_text(row)
        if key == "schedule":
            shown["schedule_text"] = schedule_text(row)
    return shown


def present_plan(report: PlanReport) -> Report:
    groups = [Group(area_title(a.area), [plan_row(row) for row in a.rows]) for a in report.areas]
    title = t(
        "report.plan.title",
        plan=plan_title(report.plan),
        year=report.plan.year,
        areas=len(report.areas),
        indicators=report.indicators,
    )
    return Report(
        name="plan",
        title=title,
        columns=plan_columns(),
        rows=[row for group in groups for row in group.rows],
        rows_key="indicators",
        groups=groups,
        footer=_footer(report),
        meta={
            "plan": report.plan.title,
            "title_en": report.plan.title_en,
            "year": report.plan.year,
            "baseline_year": report.baseline_year,
            "at_risk_threshold": report.at_risk_threshold,
            "at_risk_points": report.at_risk_points,
            "source": report.plan_source,
            "areas": [
                {"code": a.area.code, "name": a.area.name, "name_en": a.area.name_en}
                for a in report.areas
            ],
        },
    )


def _footer(report: PlanReport) -> str | None:
    """What the source document is, and which schedules are assumed, not the source's."""
    lines = []
    if report.plan_source:
        lines.append(t("plan.source_line", source=report.plan_source))
    if any(row["schedule_source"] == "assumed" for row in report.rows):
        lines.append(t("plan.assumed_note"))
    return "\n".join(lines) or None
