"""The command line: parse, call the core, pick a renderer.

Commands live by group in the modules below; each registers itself on `app`.

The command modules do not use `from __future__ import annotations`: Typer would then
evaluate every parameter's annotation from its text on every run: more than half of the
time it spent building our 15 commands (shell completion pays it on every Tab).
"""

from __future__ import annotations

# Each module registers its commands on `app`; `--help` lists them in this order.
# isort: off
from gxtrack.cli import entry, sheets, planning, reading, export, units, database, cache  # noqa: F401

# isort: on
from gxtrack.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the app directly; the console script is `gxtrack.launch:main`, which sets up
    Ctrl-C, the output encoding and the language before importing this module."""
    app(prog_name="gxtrack")
