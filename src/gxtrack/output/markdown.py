"""Reports as GitHub-style Markdown."""

from __future__ import annotations

from typing import IO

from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.output.cells import cell_text, header
from gxtrack.output.view import Group, Report, Style


def render_markdown(report: Report, stream: IO[str]) -> None:
    """GitHub-style Markdown: a heading, then a table per group with its summary."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(terminal_safe(c).replace("|", "\\|") for c in cells) + " |"

    columns = [c for c in report.columns if c.style is not Style.BAR]
    out = [f"## {terminal_safe(report.title)}", ""]
    for group in report.groups or [Group("", report.rows)]:
        if group.title:
            out += [f"### {terminal_safe(group.title)}", ""]
        out.append(line([header(c) for c in columns]))
        out.append(
            "|"
            + "|".join(
                "---:" if c.style in (Style.NUMBER, Style.PERCENT) else "---" for c in columns
            )
            + "|"
        )
        out += [line([cell_text(c, row) for c in columns]) for row in group.rows]
        out.append("")
        if group.summary:
            out += [f"*{terminal_safe(group.summary)}*", ""]
    if report.footer:
        out += [terminal_safe(report.footer, one_line=False), ""]
    stream.write("\n".join(out))
