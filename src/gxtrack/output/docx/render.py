"""`report --output FILE.docx`: the bulletin's words, its chart, then the document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger


def missing_libraries() -> list[str]:
    """The libraries a Word document needs that are not installed (the `docx` extra)."""
    missing = []
    for name in ("docx", "matplotlib"):
        try:  # imported, not looked up: a broken install counts as missing too
            __import__(name)
        except ImportError:
            missing.append(name)
    return missing


@dataclass(frozen=True)
class WordReport:
    """The document's bytes; `chart_coded`: its chart shows codes, for want of a
    Chinese font (the CLI says what to install)."""

    content: bytes
    chart_coded: bool


def render_docx(
    plan: Plan,
    ledger: Ledger,
    month: int,
    *,
    data_name: str,
    issued: date,
    unit: str | None = None,
) -> WordReport:
    """The monthly bulletin for `month` (the city's, or one unit's) as a .docx file."""
    from gxtrack.output.docx.chart import status_chart
    from gxtrack.output.docx.content import bulletin
    from gxtrack.output.docx.document import docx_bytes

    content = bulletin(plan, ledger, month, data_name=data_name, issued=issued, unit=unit)
    chart = status_chart(content.chart)
    labels = content.chart.codes if chart.coded else content.chart.areas
    document = docx_bytes(content, chart.png, issued=issued, chart_labels=labels)
    return WordReport(document, chart.coded)
