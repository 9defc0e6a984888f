"""`report --output FILE.docx`: the bulletin's words, its chart, then the document."""

from __future__ import annotations

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


def render_docx(
    plan: Plan,
    ledger: Ledger,
    month: int,
    *,
    data_name: str,
    issued: date,
    unit: str | None = None,
) -> bytes:
    """The monthly bulletin for `month` (the city's, or one unit's) as .docx bytes."""
    from gxtrack.output.docx.chart import status_chart
    from gxtrack.output.docx.content import bulletin
    from gxtrack.output.docx.document import docx_bytes

    content = bulletin(plan, ledger, month, data_name=data_name, issued=issued, unit=unit)
    return docx_bytes(content, status_chart(content.chart), issued=issued)
