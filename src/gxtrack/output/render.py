"""Rendering reports: the one dispatch on `OutputFormat`.

Tables are for people (`table.py`, `markdown.py`); CSV and JSON for programs and
spreadsheets (`csv.py`, `json.py`).
"""

from __future__ import annotations

import sys
from typing import IO

from gxtrack.output.formats import OutputFormat
from gxtrack.output.json import render_json
from gxtrack.output.markdown import render_markdown
from gxtrack.output.table import render_table
from gxtrack.output.view import Report


def render(report: Report, output_format: OutputFormat, stream: IO[str] | None = None) -> None:
    """Write `report` to `stream` (stdout by default) in `output_format`."""
    out = stream or sys.stdout
    if output_format is OutputFormat.TABLE:
        render_table(report, out)
    elif output_format is OutputFormat.JSON:
        render_json(report, out)
    elif output_format is OutputFormat.MARKDOWN:
        render_markdown(report, out)
    else:
        from gxtrack.output.csv import render_csv  # the csv module costs start-up time

        render_csv(report, out)
