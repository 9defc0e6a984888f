"""Commands about reporting units: units, rank."""

from gxtrack.cli.app import (
    AsOfOption,
    CodeArgument,
    DataOption,
    FormatOption,
    LangOption,
    TargetsOption,
    app,
    as_of_month,
    load,
    plan_only,
    show,
)
from gxtrack.output.formats import OutputFormat


@app.command()
def units(
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's reporting units: counties, districts, parks, departments.

    Example: gxtrack units --lang zh
    """
    from gxtrack.reports.units import units_report

    show(units_report(plan_only(targets, data)), output_format)


@app.command()
def rank(
    code: CodeArgument,
    as_of: AsOfOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Units ranked for one indicator (排名): by % of their own schedule, else by actual.

    Example: gxtrack rank 2.4 --as-of 2024-06
    """
    from gxtrack.reports.units import rank_report

    plan, datafile = load(targets, data)
    month = as_of_month(plan, datafile, as_of)
    show(rank_report(plan, datafile.ledger, month, code), output_format)
