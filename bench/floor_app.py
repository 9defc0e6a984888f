"""The framework floor: a minimal Typer app whose one command takes options like `status`.

`bench/run.py` times its no-op command, `--help` and completion; gxtrack cannot go below
what Typer itself costs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def complete_code(incomplete: str) -> list[str]:
    return [code for code in ("1.1", "2.1", "2.4", "5.2") if code.startswith(incomplete)]


@app.command()
def status(
    code: Annotated[str | None, typer.Argument(autocompletion=complete_code)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    area: Annotated[str | None, typer.Option("--area", "-a")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    targets: Annotated[Path | None, typer.Option("--targets", "-t")] = None,
    data: Annotated[Path | None, typer.Option("--data", "-d")] = None,
) -> None:
    """Do nothing, with options like gxtrack status."""


@app.command()
def other() -> None:
    """A second command, so that `status` is a subcommand as in gxtrack."""


if __name__ == "__main__":
    app(prog_name="floor")
