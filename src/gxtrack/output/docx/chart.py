"""The bulletin's chart: goals in each area by status, as a PNG (matplotlib, Agg).

matplotlib is imported here only, when a document is written, so other commands do not
pay for it. Chinese labels need a CJK font: one is looked up among the fonts matplotlib
finds (Noto Sans CJK, Source Han Sans, the Windows and macOS Chinese fonts); without
one, labels fall back to matplotlib's default and the caption still says what it shows.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache

from gxtrack.i18n import current_language, t
from gxtrack.output.docx.content import AreaChart
from gxtrack.output.html.charts import STATUS_COLOURS

# Hatching as well as colour, so the chart reads when printed in greyscale.
_HATCHES = {"achieved": "", "on_track": "", "at_risk": "///", "behind": "xxx", "no_data": ".."}
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)
_DPI = 200


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed CJK font matplotlib knows, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in installed), None)


def status_chart(chart: AreaChart, *, width_cm: float = 15.5) -> bytes:
    """A horizontal stacked bar per area (its goals by status), PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a file only
    from matplotlib import pyplot

    font = cjk_font()
    # A Chinese character is about two Latin letters wide.
    width = 12 if current_language() == "zh" else 24
    labels = ["\n".join(textwrap.wrap(name, width)) or " " for name in chart.areas]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    height_cm = 1.8 + (0.6 + 0.35 * lines) * len(labels)
    with matplotlib.rc_context():
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["font.size"] = 9
        if font:
            matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
        try:
            _draw(axes, chart, labels)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
        finally:
            pyplot.close(figure)
    return buffer.getvalue()


def _draw(axes: object, chart: AreaChart, labels: list[str]) -> None:
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator

    assert isinstance(axes, Axes)
    positions = list(range(len(labels)))[::-1]  # the first area at the top
    left = [0] * len(labels)
    for status, word in chart.words.items():
        values = [counts.get(status, 0) for counts in chart.counts]
        if not any(values):
            continue
        axes.barh(
            positions,
            values,
            left=left,
            height=0.6,
            label=word,
            color=STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"]),
            hatch=_HATCHES.get(status, ""),
            edgecolor="white",
            linewidth=0.8,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels)
    axes.set_xlabel(t("docx.chart_axis"))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # goals are whole
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5, frameon=False, fontsize=8)
