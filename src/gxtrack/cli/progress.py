"""A progress display for the commands that may run for seconds (a large sheet's import,
the Word report, `db load`): a Rich spinner on stderr saying what is being done and the
time so far, when stderr is a terminal; nothing at all otherwise (a pipe, a file, a
script), and Rich is then not even imported.

The display is transient: it is gone when the work is done, and it stops before any
question is asked (a doubt's "record anyway?") or any error is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


def shows_progress() -> bool:
    """A person watches stderr: a terminal, not a pipe or a file."""
    return sys.stderr.isatty()


@contextmanager
def working(what: str) -> Iterator[None]:
    """Show `what` (already worded) with a spinner and the time elapsed, while the block
    runs, on a terminal only."""
    if not shows_progress():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from gxtrack.i18n.safe_text import terminal_safe

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # a file name is no markup
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        progress.add_task(terminal_safe(what), total=None)
        yield
