"""`gxtrack cache clear`: empty the cache folder (the store's entries and the answer memo)."""

import typer

from gxtrack.cli.app import LangOption, app, say
from gxtrack.cli.edge import GxtrackCommand, TranslatedGroup
from gxtrack.i18n import t

cache_app = typer.Typer(
    cls=TranslatedGroup,
    help=t("cache.help"),
    short_help=t("help.cmd.cache.short"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


@cache_app.command(
    "clear",
    cls=GxtrackCommand,
    help=t("cache.clear.help"),
    short_help=t("help.cmd.cache.clear.short"),
)
def clear(lang: LangOption = None) -> None:
    from gxtrack.store import memo

    folder, removed = memo.clear()
    if folder is None:
        say(t("cache.clear.off"), err=True)
    else:
        say(t("cache.clear.done", count=removed, folder=folder), err=True)
