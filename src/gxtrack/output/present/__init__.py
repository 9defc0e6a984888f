"""A report's typed data (`gxtrack.reports`) in words: the `Report` the renderers take.

One module a report, as in `reports/`: headers, group titles, summaries and footers in
the interface's language; JSON and CSV keep the rows' keys and values.
"""

from __future__ import annotations

from gxtrack.output.view import Report
from gxtrack.reports.actuals import ActualsReport
from gxtrack.reports.gaps import GapsReport
from gxtrack.reports.history import HistoryReport
from gxtrack.reports.plan import PlanReport
from gxtrack.reports.status import StatusReport
from gxtrack.reports.units import MatrixReport, RankReport, UnitsReport

AnyReport = (
    StatusReport
    | GapsReport
    | HistoryReport
    | ActualsReport
    | PlanReport
    | UnitsReport
    | MatrixReport
    | RankReport
)


def present(report: AnyReport) -> Report:
    """The report in words, for any renderer. Each presentation is imported when used:
    `status` loads its own only."""
    if isinstance(report, StatusReport):
        from gxtrack.output.present.status import present_status

        return present_status(report)
    if isinstance(report, GapsReport):
        from gxtrack.output.present.gaps import present_gaps

        return present_gaps(report)
    if isinstance(report, PlanReport):
        from gxtrack.output.present.plan import present_plan

        return present_plan(report)
    if isinstance(report, HistoryReport | ActualsReport):
        from gxtrack.output.present.history import present_actuals, present_history

        return present_history(report) if isinstance(report, HistoryReport) else (
            present_actuals(report)
        )
    from gxtrack.output.present.units import present_matrix, present_rank, present_units

    if isinstance(report, UnitsReport):
        return present_units(report)
    return present_matrix(report) if isinstance(report, MatrixReport) else present_rank(report)
