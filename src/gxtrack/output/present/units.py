"""The unit reports in words: the list, the matrix with its legend, the ranking."""

from __future__ import annotations

from gxtrack.i18n import local_name, t
from gxtrack.model.months import month_label
from gxtrack.model.terms import Status
from gxtrack.output.present.common import name_column
from gxtrack.output.view import Column, Group, Report, Row, Style
from gxtrack.reports.units import MatrixReport, MatrixRow, RankReport, RankRow, UnitsReport


def present_units(report: UnitsReport) -> Report:
    return Report(
        name="units",
        title=t("report.units.title", plan=report.plan.title, count=len(report.rows)),
        columns=[
            Column("code", "column.code"),
            name_column(12, "column.unit_name"),
            Column("kind", "column.unit_kind", Style.WORD),
            Column("parent", "column.parent"),
        ],
        rows=report.rows,
        rows_key="units",
        meta={"plan": report.plan.title, "year": report.plan.year},
    )


def matrix_row(row: MatrixRow) -> Row:
    """A unit, then a column an indicator code (JSON and CSV keep this flat shape)."""
    return {"unit": row.unit, "name": row.name, "name_en": row.name_en, **row.marks}


def matrix_legend() -> str:
    """Every mark a matrix cell can hold, and the blank, with its meaning: the marks are
    the catalogue's own, so a new one cannot go without its word here."""
    statuses = [f"{t(f'mark.{s.value}')} {t(f'status.{s.value}')}" for s in Status]
    others = [f"{t('mark.data')} {t('matrix.legend.data')}", t("matrix.legend.blank")]
    return "  ".join(statuses) + "\n" + "  ".join(others)  # two lines: each fits 80 columns


def present_matrix(report: MatrixReport) -> Report:
    columns = [Column("unit", "column.code"), name_column(10, "column.unit_name")]
    columns += [Column(code, code, Style.MARK) for code in report.indicators]
    as_of = month_label(report.plan.year, report.as_of)
    return Report(
        name="matrix",
        title=t("report.matrix.title", plan=report.plan.title, month=as_of),
        columns=columns,
        rows=[matrix_row(row) for row in report.rows],
        rows_key="units",
        footer=matrix_legend(),
        meta={
            "plan": report.plan.title,
            "year": report.plan.year,
            "as_of": as_of,
            "indicators": report.indicators,
        },
        compact=True,
    )


def rank_row(row: RankRow) -> Row:
    """The row and its rank as shown: "2=" where the figure is shared."""
    return {**row, "rank_text": f"{row['rank']}{'=' if row['tied'] else ''}"}


def present_rank(report: RankReport) -> Report:
    groups = [
        Group(title, [rank_row(row) for row in rows])
        for title, rows in (
            (t("rank.by_schedule"), report.by_schedule),
            (t("rank.by_actual"), report.by_actual),
        )
        if rows
    ]
    as_of = month_label(report.plan.year, report.as_of)
    indicator = report.indicator
    return Report(
        name="rank",
        title=t("report.rank.title", code=indicator.code, name=local_name(indicator), month=as_of),
        columns=[
            Column("rank_text", "column.rank"),
            Column("unit", "column.code"),
            name_column(10, "column.unit_name"),
            Column("actual", "column.actual", Style.NUMBER),
            Column("goal", "column.goal", Style.NUMBER),
            Column("schedule_pct", "column.schedule_pct", Style.PERCENT),
            Column("status", "column.status", Style.STATUS),
        ],
        rows=[row for group in groups for row in group.rows],
        rows_key="ranking",
        groups=groups,
        footer=t("rank.footer", unranked=report.unranked),
        meta={
            "plan": report.plan.title,
            "year": report.plan.year,
            "as_of": as_of,
            "code": indicator.code,
        },
    )
