"""The bulletin's chart: goals in each area by status, as a PNG (matplotlib, Agg).

matplotlib is imported here only, when a document is written, so other commands do not
pay for it. Chinese labels need a CJK font: one is looked up among the fonts matplotlib
knows, then, as matplotlib builds its list of fonts once and keeps it (a font installed
later is not in it), among the font files in the system's and the user's font folders.
Without one, the chart is drawn with the areas' codes and English words, with no
warning (matplotlib's would be hundreds, one per missing glyph), and the CLI says in one
line what to install (`Chart.coded`).
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import textwrap
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gxtrack.i18n import current_language, t, use_language
from gxtrack.output.docx.content import AreaChart
from gxtrack.output.html.charts import STATUS_COLOURS

# Hatching as well as colour, so the chart reads when printed in greyscale.
_HATCHES = {"achieved": "", "on_track": "", "at_risk": "///", "behind": "xxx", "no_data": ".."}
# Simplified Chinese first; a collection (.ttc) known by its first face's name last.
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Hiragino Sans GB",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "AR PL SungtiL GB",
    "AR PL KaitiM GB",
    "SimSun",
    "NSimSun",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "Droid Sans Fallback",
)
# The files those fonts come in, by name (fonts-noto-cjk, fonts-wqy-zenhei,
# fonts-arphic-*, msyh.ttc, simhei.ttf, simsun.ttc, PingFang.ttc, STHeiti Light.ttc…).
_CJK_FILES = re.compile(
    r"notosanscjk|notoserifcjk|notosanssc|sourcehansans|wqy-?zenhei|wqy-?microhei|uming|ukai"
    r"|gbsn00lp|gkai00mp|msyh|simhei|simsun|pingfang|stheiti|hiragino ?sans ?gb|droidsansfallback",
    re.IGNORECASE,
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_DPI = 200


@dataclass(frozen=True)
class Chart:
    """The chart as a PNG; `coded`: drawn with codes, as no Chinese font was found."""

    png: bytes
    coded: bool


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first CJK font installed, or None: among those matplotlib knows, else among
    the font files of the font folders (added to matplotlib's list for this run)."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = _first_known(manager)
    if known is not None:
        return known
    for path in _font_files():
        if _CJK_FILES.search(path.name):
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue  # unreadable or not a font: another may be
    return _first_known(manager)


def _first_known(manager: object) -> str | None:
    """The first of `_CJK_FONTS` in matplotlib's list that it also draws with (with
    MPL_IGNORE_SYSTEM_FONTS it draws with its own fonts only)."""
    from matplotlib.font_manager import FontManager, FontProperties

    assert isinstance(manager, FontManager)
    installed = {font.name for font in manager.ttflist}
    for name in (name for name in _CJK_FONTS if name in installed):
        try:
            manager.findfont(FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        return name
    return None


def font_folders() -> list[Path]:
    """Where the system keeps fonts (Windows, macOS; on Linux the XDG data folders)."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        system = Path("/System/Library")
        return [
            system / "Fonts",
            system / "AssetsV2",
            Path("/Library/Fonts"),
            home / "Library/Fonts",
        ]
    data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    folders = [Path(data_home) / "fonts", home / ".fonts"]
    return folders + [Path(folder) / "fonts" for folder in data_dirs.split(":") if folder]


def _font_files() -> Iterator[Path]:
    for folder in font_folders():
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith(_FONT_SUFFIXES):
                    yield Path(root) / name


def needs_cjk(texts: list[str]) -> bool:
    """Whether any text has a character beyond Latin (matplotlib's own font has those)."""
    return any(ord(char) > 0x2FF for text in texts for char in text)


def status_chart(chart: AreaChart, *, width_cm: float = 15.5) -> Chart:
    """A horizontal stacked bar per area (its goals by status); with no CJK font for
    Chinese labels, the areas' codes and the English words instead."""
    font = cjk_font()
    words = [*chart.areas, *chart.words.values(), t("docx.chart_axis")]
    coded = font is None and needs_cjk(words)
    if not coded:
        return Chart(_png(chart, font, width_cm, t("docx.chart_axis")), coded=False)
    interface = current_language()
    use_language("en")  # words matplotlib's own font can draw
    try:
        english = {status: t(f"status.{status}") for status in chart.words}
        axis = t("docx.chart_axis")
    finally:
        use_language(interface)
    plain = AreaChart(chart.codes, chart.counts, english, chart.codes)
    return Chart(_png(plain, None, width_cm, axis), coded=True)


def _png(chart: AreaChart, font: str | None, width_cm: float, axis: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display: a file only
    from matplotlib import pyplot

    # A Chinese character is about two Latin letters wide.
    width = 12 if needs_cjk(chart.areas) else 24
    labels = ["\n".join(textwrap.wrap(name, width)) or " " for name in chart.areas]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    height_cm = 1.6 + (0.5 + 0.35 * lines) * len(labels)
    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    with matplotlib.rc_context(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing is not the user's to read
        quiet.setLevel(logging.ERROR)
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["font.size"] = 9
        matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
        figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
        try:
            _draw(axes, chart, labels, axis)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
        finally:
            pyplot.close(figure)
            quiet.setLevel(level)
    return buffer.getvalue()


def _draw(axes: object, chart: AreaChart, labels: list[str], axis: str) -> None:
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
    axes.set_xlabel(axis)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # goals are whole
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5, frameon=False, fontsize=8)
