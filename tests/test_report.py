"""The monthly HTML report: content and escaping, then a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, Cli

DEMO = ROOT / "examples" / "demo-2024" / "actuals.toml"
CODES = [
    "1.1",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "2.5",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "5.1",
    "5.2",
    "5.3",
    "5.4",
    "5.5",
    "5.6",
    "6.1",
    "6.2",
    "6.3",
    "7.1",
    "7.2",
]


def make_report(cli: Cli, workdir: Path, *extra: str) -> str:
    result = cli("report", "-d", str(DEMO), "--as-of", "2024-06", "-o", "r.html", *extra)
    assert result.exit_code == 0, result.output
    return (workdir / "r.html").read_text("utf-8")


def test_report_content_in_chinese(cli: Cli, workdir: Path) -> None:
    html = make_report(cli, workdir, "--lang", "zh")
    assert '<html lang="zh-CN">' in html
    assert "月度进展通报" in html and "截至 2024-06 · 全年进度 6/12（50%）" in html
    for code in CODES:
        assert f'data-code="{code}"' in html
    # The number in words, worked by hand from the demo data: 6+4+12+9+11+13 = 55 by June.
    assert "完成 55家，目标 100家，序时进度 50家" in html
    assert "实际 8.3%，目标 9%，低于目标 0.7 个百分点" in html  # a rate: percentage points
    assert "已完成" in html and "滞后与预警指标" in html and "数据说明" in html


def test_report_is_self_contained_and_escaped(cli: Cli, workdir: Path) -> None:
    html = make_report(cli, workdir)
    assert "<script" not in html  # no script of ours, and the demo note's is escaped
    assert "&lt;script&gt;alert(&#39;not run&#39;)&lt;/script&gt;" in html
    links = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assert links == set()
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"] * len(
        re.findall(r"<svg", html)
    )
    assert "@page" in html and "break-inside: avoid" in html


def test_css_strings_cannot_close_the_style(tmp_path: Path) -> None:
    from gxtrack.output.html.report import css_string

    assert (
        str(css_string('计划 "2024" </style><b>'))
        == '"计划 \\22 2024\\22  \\3c /style\\3e \\3c b\\3e "'
    )


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("GXTRACK_REQUIRE_BROWSER"),
    reason="Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk); "
    ".ci/run installs it",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "CI requires Chromium (GXTRACK_REQUIRE_BROWSER) but it is missing"
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@needs_browser
def test_report_in_a_real_browser(cli: Cli, workdir: Path, tmp_path: Path) -> None:
    from PIL import Image

    make_report(cli, workdir, "--lang", "zh")
    page = (workdir / "r.html").as_uri()
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1100,1600", f"--screenshot={shot}", page)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 1600)
    colours: list[Any] = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50  # text, bars and charts: not a blank page
    red = sum(count for count, (r, g, b) in colours if r > 180 and g < 80 and b < 80)
    assert red > 200  # the "behind" bars are drawn in red
    dom = chromium(tmp_path, "--dump-dom", page).stdout
    for code in CODES:
        assert f'data-code="{code}"' in dom
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert 2 <= pages <= 8, pages  # 25 goals on A4: a few pages, not one or dozens
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points


def test_report_shows_units_against_their_goals(cli: Cli, workdir: Path) -> None:
    import tomli_w

    from .test_units import unit_plan

    (workdir / "targets.toml").write_text(tomli_w.dumps(unit_plan()), "utf-8")
    cli("record", "A", "12", "-m", "2024-06", "--unit", "d1")
    cli("record", "A", "1", "-m", "2024-06", "--unit", "k1")
    result = cli("report", "-o", "u.html")
    assert result.exit_code == 0, result.output
    html = (workdir / "u.html").read_text("utf-8")
    assert "Units against their own goals" in html
    row = re.search(r"<tr><td>Unit d1</td>(.*?)</tr>", html)
    assert row is not None and 'class="status-on_track">●' in row.group(1)
    k1 = re.search(r"<tr><td>Unit k1</td>(.*?)</tr>", html)
    assert k1 is not None and 'class="status-behind">✖' in k1.group(1)


def test_a_plan_without_units_has_no_unit_section(cli: Cli, workdir: Path) -> None:
    assert "Units against their own goals" not in make_report(cli, workdir)


def test_a_units_own_report(cli: Cli, workdir: Path) -> None:
    import tomli_w

    from .test_units import unit_plan

    (workdir / "targets.toml").write_text(tomli_w.dumps(unit_plan()), "utf-8")
    cli("record", "A", "3", "-m", "2024-06", "--unit", "p1", "--note", "园区<b>新增</b>")
    cli("record", "A", "9", "-m", "2024-06", "--note", "全市口径")
    result = cli("report", "--unit", "k1", "-o", "k1.html")
    assert result.exit_code == 0, result.output
    html = (workdir / "k1.html").read_text("utf-8")
    assert "<title>测试计划 — Unit k1" in html
    # k1 answers for A (goal 10) and R? No: only A has a goal for k1. By June it has its
    # park's 3 against the 5 expected: behind.
    assert re.findall(r'data-code="([^"]+)"', html) == ["A"]
    assert 'data-code="A" data-status="behind"' in html
    assert "3 of 10 家 done; 5 家 expected by now" in html
    assert "园区&lt;b&gt;新增&lt;/b&gt;" in html and "全市口径" not in html  # its own notes
    refused = cli("report", "--unit", "zz", "-o", "zz.html")
    assert refused.exit_code == 3
