"""Commands about reporting units: units, rank."""

from gxtrack.cli.app import (
    AsOfOption,
    CodeArgument,
    DataOption,
    FormatOption,
    LangOption,
    TargetsOption,
    as_of_month,
    command,
    load,
    plan_only,
    show,
)
from gxtrack.output.formats import OutputFormat


@command("units")
def units(
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's reporting units: counties, districts, parks, departments."""
    from gxtrack.reports.units import units_report

    show(units_report(plan_only(targets, data)), output_format)


@command("rank")
def rank(
    code: CodeArgument,
    as_of: AsOfOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Units ranked for one indicator (排名): by % of their own schedule, else by actual."""
    from gxtrack.reports.units import rank_report

    plan, datafile = load(targets, data)
    month = as_of_month(plan, datafile, as_of)
    show(rank_report(plan, datafile.ledger, month, code), output_format)
