"""Commands that record: record (one value, or the monthly session), undo."""

from typing import Annotated

import typer

from gxtrack.cli.app import (
    AreaOption,
    CodeArgument,
    DataOption,
    LangOption,
    MonthOption,
    TargetsOption,
    UnitOption,
    app,
    say,
    say_rewrite,
)
from gxtrack.cli.completion import indicator_codes
from gxtrack.cli.edge import NumbersMayBeNegative
from gxtrack.store.workspace import Paths


@app.command(cls=NumbersMayBeNegative)
def record(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="Indicator code, e.g. 2.4.",
            show_default=False,
            autocompletion=indicator_codes,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="[VALUE]",
            show_default=False,
            help="A number (-1.5 for a falling rate), or done for a milestone.",
        ),
    ] = None,
    month: MonthOption = ...,  # type: ignore[assignment]
    note: Annotated[str | None, typer.Option("--note", "-n", help="A note (情况说明).")] = None,
    ytd: Annotated[
        bool,
        typer.Option(
            "--ytd", help="Values are year-to-date totals (1—N月累计); record the month's part."
        ),
    ] = False,
    area: AreaOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record one month's value; a second value for the same month is a correction.

    With no CODE and VALUE, walks through every indicator (or one --area) for the
    month: Enter skips, a note follows after #, nothing is saved before you confirm.

    Examples:

      gxtrack record 2.4 55 --month 2024-06

      gxtrack record 5.2 2,610 --month 2024-06 --ytd

      gxtrack record 1.1 -1.5 --month 2024-02 --note "春节因素"

      gxtrack record 7.1 done --month 2024-05

      gxtrack record --month 2024-06 --area 5

      gxtrack record 3.4 1 --month 2024-12 --unit qiyang
    """
    from gxtrack.i18n import t
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import record_value

    paths = Paths.resolve(targets, data)
    if code is None and value is None:
        from gxtrack.cli.session import monthly_session

        monthly_session(paths, month, area=area, ytd=ytd, unit=unit)
        return
    if code is None or value is None:
        raise typer.BadParameter(t("session.code_without_value"))
    plan = load_plan(paths.targets)
    outcome = record_value(
        paths, plan, code, value, month, note=note, ytd=ytd, unit=unit, on_rewrite=say_rewrite
    )
    say(describe(outcome))


@app.command()
def undo(
    code: CodeArgument,
    month: MonthOption,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Withdraw the value in force for a month; the value before it counts again.

    Nothing is deleted: an undo record is appended, and `history` shows both.

    Example: gxtrack undo 2.4 --month 2024-06
    """
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import undo_value

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    say(describe(undo_value(paths, plan, code, month, unit=unit, on_rewrite=say_rewrite)))
