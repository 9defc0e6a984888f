"""A report's typed data (`gxtrack.reports`) in words: the `Report` the renderers take.

One module a report, as in `reports/`: headers, group titles, summaries and footers in
the interface's language; JSON and CSV keep the rows' keys and values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from gxtrack.output.view import Report

if TYPE_CHECKING:
    from gxtrack.reports.actuals import ActualsReport
    from gxtrack.reports.gaps import GapsReport
    from gxtrack.reports.history import HistoryReport
    from gxtrack.reports.plan import PlanReport
    from gxtrack.reports.status import StatusReport
    from gxtrack.reports.units import MatrixReport, RankReport, UnitsReport

# Written as text: the classes are imported for the type checker only.
AnyReport: TypeAlias = (
    "StatusReport | GapsReport | HistoryReport | ActualsReport | PlanReport | UnitsReport"
    " | MatrixReport | RankReport"
)


def present(report: AnyReport) -> Report:
    """The report in words, for any renderer.

    Told apart by their `name` (a tagged union), not by class: `status`, run most, then
    imports neither the other reports nor their presentations.
    """
    if report.name == "status":
        from gxtrack.output.present.status import present_status

        return present_status(report)
    if report.name == "gaps":
        from gxtrack.output.present.gaps import present_gaps

        return present_gaps(report)
    if report.name == "plan":
        from gxtrack.output.present.plan import present_plan

        return present_plan(report)
    from gxtrack.output.present import history, units

    if report.name == "history":
        return history.present_history(report)
    if report.name == "actuals":
        return history.present_actuals(report)
    if report.name == "units":
        return units.present_units(report)
    return units.present_matrix(report) if report.name == "matrix" else units.present_rank(report)
