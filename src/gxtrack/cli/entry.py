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
    command,
    say,
    say_rewrite,
    unit_named,
)
from gxtrack.cli.completion import indicator_codes
from gxtrack.cli.edge import NumbersMayBeNegative
from gxtrack.cli.helptext import WordedBadParameter
from gxtrack.i18n import t
from gxtrack.store.workspace import Paths


@command("record", cls=NumbersMayBeNegative)
def record(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help=t("help.opt.code"),
            show_default=False,
            autocompletion=indicator_codes,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="[VALUE]",
            show_default=False,
            help=t("help.opt.value"),
        ),
    ] = None,
    month: MonthOption = ...,  # type: ignore[assignment]
    note: Annotated[str | None, typer.Option("--note", "-n", help=t("help.opt.note"))] = None,
    ytd: Annotated[
        bool,
        typer.Option("--ytd", help=t("help.opt.ytd")),
    ] = False,
    ask_all: Annotated[bool, typer.Option("--all", help=t("help.opt.all"))] = False,
    force: Annotated[bool, typer.Option("--force", help=t("help.opt.force"))] = False,
    area: AreaOption = None,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record one month's value; a second value for the same month is a correction."""
    from functools import partial

    from gxtrack.cli.changes import confirm_doubts, say_waived
    from gxtrack.errors import ImplausibleValueError
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import record_value

    paths = Paths.resolve(targets, data)
    if code is None and value is None:
        from gxtrack.cli.session import monthly_session

        monthly_session(paths, month, area=area, ytd=ytd, unit=unit, ask_all=ask_all, force=force)
        return
    if code is None or value is None:
        raise WordedBadParameter(t("session.code_without_value"))
    plan = load_plan(paths.targets)
    unit = unit_named(plan, unit)
    write = partial(record_value, paths, plan, code, value, month, note=note, ytd=ytd, unit=unit)
    waived: list[str] = []
    try:
        outcome = write(on_rewrite=say_rewrite, plausible=not force, waived=waived)
    except ImplausibleValueError as error:
        confirm_doubts(error)  # asked again on a terminal; refused without one
        outcome = write(on_rewrite=say_rewrite)
    say(describe(outcome))
    say_waived(waived)


@command("undo")
def undo(
    code: CodeArgument,
    month: MonthOption,
    unit: UnitOption = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Withdraw the value in force for a month; the value before it counts again."""
    from gxtrack.output.outcomes import describe
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import undo_value

    paths = Paths.resolve(targets, data)
    plan = load_plan(paths.targets)
    unit = unit_named(plan, unit)
    say(describe(undo_value(paths, plan, code, month, unit=unit, on_rewrite=say_rewrite)))
