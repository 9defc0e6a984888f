"""The plan report in words: each goal as a phrase, a group an area."""

from __future__ import annotations

from gxtrack.i18n import t
from gxtrack.model.numbers import plain_text
from gxtrack.model.terms import Kind
from gxtrack.output.present.common import area_title, name_column, plan_title
from gxtrack.output.view import Column, Group, Report, Row, Style
from gxtrack.reports.plan import PlanReport, PlanRow


def plan_columns() -> list[Column]:
    return [
        Column("code", "column.code"),
        name_column(),
        Column("goal_text", "column.goal"),
        Column("kind", "column.kind", Style.WORD, drop=1),
        Column("combine", "column.combine", drop=2),
        Column("schedule", "column.schedule"),
        Column("baseline", "column.baseline", Style.NUMBER, drop=3),
    ]


def goal_text(row: PlanRow) -> str:
    """The goal in words: ">= 100 家"; "done" for a milestone; "(stretch)" after one."""
    if row["kind"] is Kind.MILESTONE:
        text = t("goal.done")
    else:
        text = f"{row['comparator']} {plain_text(row['goal'])} {row['unit']}".strip()
    return text + t("goal.stretch") if row["stretch"] else text


def plan_row(row: PlanRow) -> Row:
    """The row with its goal in words after the comparator (where JSON and CSV have it)."""
    shown: dict[str, object] = {}
    for key, value in row.items():
        shown[key] = value
        if key == "comparator":
            shown["goal_text"] = goal_text(row)
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
        meta={
            "plan": report.plan.title,
            "title_en": report.plan.title_en,
            "year": report.plan.year,
            "baseline_year": report.baseline_year,
            "at_risk_threshold": report.at_risk_threshold,
            "areas": [
                {"code": a.area.code, "name": a.area.name, "name_en": a.area.name_en}
                for a in report.areas
            ],
        },
    )
