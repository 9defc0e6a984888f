"""Charts as inline SVG, drawn by gxtrack itself: no plotting stack, no network, no script.

Every chart states its numbers in text beside it; the shapes only show them. Colours
come with a status word or shape, so a greyscale print still reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from gxtrack.i18n.safe_text import document_safe

STATUS_COLOURS = {
    "achieved": "#1a7f37",
    "on_track": "#2da44e",
    "at_risk": "#d4a72c",
    "behind": "#cf222e",
    "missed": "#82071e",
    "no_data": "#8c959f",
}
GRID = "#d0d7de"
TEXT = "#24292f"


def _attribute(text: str) -> str:
    """Text for a quoted SVG attribute: markup characters and quotes escaped, controls
    shown as visible escapes (an inline SVG is parsed as HTML)."""
    return escape(document_safe(text), quote=True)


def _n(value: Decimal | float) -> str:
    return f"{float(value):.1f}"


def progress_bar(
    actual: Decimal | None,
    goal: Decimal,
    expected: Decimal | None,
    status: str,
    *,
    label: str,
    stretch: Decimal | None = None,
    cap: bool = False,
    width: int = 260,
    height: int = 22,
) -> str:
    """Actual against the goal, with a tick at expected-to-date (序时进度), a dashed
    second mark at the 力争 value, and for a cap the part past it in red."""
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])
    top = max(goal, actual or Decimal(0), expected or Decimal(0), stretch or Decimal(0), Decimal(1))
    scale = Decimal(width - 2) / top if goal > 0 else Decimal(0)
    parts = [
        f'<svg class="bar" role="img" aria-label="{_attribute(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="1" y="5" width="{_n(goal * scale)}" height="12" fill="#f6f8fa" '
        f'stroke="{GRID}"/>',
    ]
    if actual is not None and actual > 0:
        parts.append(
            f'<rect x="1" y="5" width="{_n(actual * scale)}" height="12" fill="{colour}"/>'
        )
        if cap and actual > goal:  # past the ceiling: that part is red, whatever the band
            parts.append(
                f'<rect class="over-cap" x="{_n(1 + goal * scale)}" y="5" '
                f'width="{_n((actual - goal) * scale)}" height="12" '
                f'fill="{STATUS_COLOURS["behind"]}"/>'
            )
    if stretch is not None and stretch > 0 and scale:
        parts.append(_stretch_mark(1 + stretch * scale))
    if expected is not None and expected > 0:
        x = _n(1 + expected * scale)
        # The schedule mark: a line across the bar with a small triangle on top.
        parts.append(f'<line x1="{x}" y1="2" x2="{x}" y2="21" stroke="{TEXT}" stroke-width="2"/>')
        parts.append(
            f'<polygon points="{float(x) - 4:.1f},0 {float(x) + 4:.1f},0 {x},5" fill="{TEXT}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _stretch_mark(x: Decimal) -> str:
    """The 力争 value: a dashed line with an open triangle below the bar, unlike the
    schedule's solid line and filled triangle above it, so the two read apart in grey."""
    at = float(x)
    return (
        f'<g class="stretch-mark"><line x1="{at:.1f}" y1="2" x2="{at:.1f}" y2="19" '
        f'stroke="{TEXT}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        f'<polygon points="{at - 4:.1f},22 {at + 4:.1f},22 {at:.1f},17" fill="white" '
        f'stroke="{TEXT}" stroke-width="1"/></g>'
    )


def trend(
    actuals: Sequence[Decimal | None],
    schedule: Sequence[Decimal],
    status: str,
    *,
    label: str,
    width: int = 220,
    height: int = 70,
) -> str:
    """Twelve months: the actual to date as dots joined by a line, the schedule dashed."""
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])
    values = [v for v in actuals if v is not None] + list(schedule)
    low = min([Decimal(0), *values])
    high = max([Decimal(1), *values])
    span = high - low or Decimal(1)
    left, right, top, bottom = 4, width - 4, 6, height - 14

    def x(month: int) -> float:
        return left + (right - left) * (month - 1) / 11

    def y(value: Decimal) -> float:
        return bottom - float((value - low) / span) * (bottom - top)

    parts = [
        f'<svg class="trend" role="img" aria-label="{_attribute(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{y(Decimal(0)):.1f}" x2="{right}" y2="{y(Decimal(0)):.1f}" '
        f'stroke="{GRID}"/>',
    ]
    for month in (1, 6, 12):
        parts.append(
            f'<text x="{x(month):.1f}" y="{height - 2}" font-size="9" '
            f'text-anchor="middle" fill="#57606a">{month}</text>'
        )
    plan_points = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in enumerate(schedule, start=1))
    parts.append(
        f'<polyline points="{plan_points}" fill="none" stroke="#57606a" '
        f'stroke-dasharray="4 3" stroke-width="1.5"/>'
    )
    points = [(m, v) for m, v in enumerate(actuals, start=1) if v is not None]
    if len(points) > 1:
        line = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for month, value in points:
        parts.append(f'<circle cx="{x(month):.1f}" cy="{y(value):.1f}" r="2.8" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)
