"""The monthly bulletin as a Word document (`report --output FILE.docx`): read back with
python-docx, then converted by a real LibreOffice to PDF and read again.

The figures are the synthetic demo data's at 2024-06, worked by hand in the comments.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from gxtrack.errors import ExitCode

from .conftest import ROOT, Cli
from .test_report import CODES, DEMO
from .test_units import unit_plan

docx = pytest.importorskip("docx", reason="python-docx: pip install -e '.[dev]'")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_docx(cli: Cli, workdir: Path, *extra: str, data: Path = DEMO) -> Any:
    result = cli("report", "-d", str(data), "--as-of", "2024-06", "-o", "r.docx", *extra)
    assert result.exit_code == 0, result.output
    return docx.Document(str(workdir / "r.docx"))


def texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_summary_counts_equal_status_json(cli: Cli, workdir: Path) -> None:
    status = json.loads(cli("status", "-d", str(DEMO), "--as-of", "2024-06", "-f", "json").output)
    document = make_docx(cli, workdir, "--lang", "zh")
    # status --format json: achieved 1, on track 10, at risk 4, behind 6, no data 4 (= 25).
    summary = "截至6月底，25项指标中，已完成1项，序时推进10项，预警4项，滞后6项，暂无数据4项。"
    assert summary in texts(document)
    words = {"已完成": "achieved", "序时推进": "on_track", "预警": "at_risk"}
    words |= {"滞后": "behind", "暂无数据": "no_data"}
    found = dict(re.findall(r"(已完成|序时推进|预警|滞后|暂无数据)(\d+)项", summary))
    # The sentence names the statuses that have goals (missed: 0 in June is left out).
    shown = {word: count for word, count in status["summary"].items() if count}
    assert {words[w]: int(n) for w, n in found.items()} == shown
    assert "25项指标中" in summary and sum(status["summary"].values()) == 25


def test_title_table_and_attention_in_chinese(cli: Cli, workdir: Path) -> None:
    document = make_docx(cli, workdir, "--lang", "zh")
    assert styled(document, "Title") == ["永州市2024年工业和信息化重点工作目标\n进展情况通报"]
    assert styled(document, "Bulletin Period") == ["（2024年6月）"]
    assert styled(document, "Heading 1") == [
        "一、总体情况",
        "二、各项指标完成情况",
        "三、需要关注的指标",
        "四、数据说明",
    ]
    assert styled(document, "Heading 2")[:2] == [
        "（一）全力推动工业经济稳增长",
        "（二）大力实施优质企业培育工程",
    ]
    # Area 2: 2.2 has 1 of 1.5 expected (3 x 6/12), 2.5 has 35 of 50 (100 x 6/12).
    assert (
        "5项指标中，序时推进3项，滞后2项。滞后的有：新增国家专精特新“小巨人”企业（完成1家，"
        "序时进度1.5家）、新增规模以上工业企业（完成35家，序时进度50家）。"
    ) in texts(document)
    (table,) = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["代码", "指标", "实际完成", "全年目标", "单位", "序时进度", "完成率", "状态"]
    codes = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text in CODES]
    assert codes == CODES  # every indicator, in the plan's order
    row_24 = next(r for r in table.rows if r.cells[0].text == "2.4")
    # 2.4: 55 of 100, 50 expected by June; 55% of the goal.
    assert [c.text for c in row_24.cells] == [
        "2.4", "新增省级专精特新中小企业", "55", "100", "家", "50", "55%", "正常",
    ]  # fmt: skip


def test_lagging_list_worst_first_with_shortfall_pace_and_2023(cli: Cli, workdir: Path) -> None:
    gaps = json.loads(cli("gaps", "-d", str(DEMO), "--as-of", "2024-06", "-f", "json").output)
    document = make_docx(cli, workdir, "--lang", "zh")
    paragraphs = texts(document)
    start = paragraphs.index("三、需要关注的指标")
    listed = paragraphs[start + 1 : paragraphs.index("四、数据说明")]
    lagging = [r["code"] for r in gaps["gaps"] if r["status"] in ("behind", "at_risk")]
    assert len(listed) == len(lagging) == 10  # 6 behind + 4 at risk
    assert [re.search(r"（([\d.]+)，", line)[1] for line in listed] == lagging  # type: ignore[index]
    # 5.3 is worst: 115 of 225 expected (450 x 6/12), 110 short; (450 - 115) / 6 months
    # = 55.83 a month; 2023: 1,171.
    assert listed[0] == (
        "1. 推动中小企业“上平台”（5.3，滞后）：完成115家，序时进度225家，差110家；"
        "完成全年目标450家，剩余6个月须月均完成55.83家。2023年为1,171家。"
    )
    # 1.1, a rate: 8.3% against 9%, 0.7 points short; 2023: 2.5%.
    assert "实际8.3%，目标9%，低于目标0.7个百分点。2023年为2.5%。" in listed[8]


def test_english_reads_in_english(cli: Cli, workdir: Path) -> None:
    document = make_docx(cli, workdir, "--lang", "en")
    paragraphs = texts(document)
    assert (
        "By the end of June, of 25 goals, 1 achieved, 10 on track, 4 at risk, 6 behind and"
        " 4 without data yet."
    ) in paragraphs
    assert styled(document, "Title") == [
        "Yongzhou industry and information technology: 2024 goals\nProgress bulletin"
    ]
    assert "June 2024" in paragraphs
    assert "3. Indicators needing attention" in paragraphs
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[:3] == ["Code", "Indicator", "Actual"]
    assert not any(re.search(r"[\u4e00-\u9fff]", h) for h in header)


def test_office_styles_page_and_footer(cli: Cli, workdir: Path) -> None:
    """A4, GB/T 9704 margins, named styles carrying the fonts, a PAGE field, a chart."""
    document = make_docx(cli, workdir, "--lang", "zh")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) for m in (*margins, section.right_margin)] == [37, 35, 28, 26]

    def east_asian(name: str) -> str:
        fonts = document.styles[name].element.rPr.find(f"{W}rFonts")
        assert fonts.get(f"{W}asciiTheme") is None  # a theme font would win over the name
        return str(fonts.get(f"{W}eastAsia"))

    assert east_asian("Normal") == "仿宋" and document.styles["Normal"].font.size.pt == 16
    assert east_asian("Title") == "方正小标宋简体" and document.styles["Title"].font.size.pt == 22
    assert east_asian("Heading 1") == "黑体" and east_asian("Heading 2") == "楷体"
    # The body is Normal with no direct font: editing the style restyles it.
    body = [p for p in document.paragraphs if p.text.startswith("截至6月底")]
    assert body[0].style.name == "Normal"
    assert all(run.font.name is None and run.font.size is None for run in body[0].runs)
    footer = section.footer.paragraphs[0]._p
    assert footer.find(f"{W}fldSimple").get(f"{W}instr").strip() == "PAGE"
    assert "".join(t.text for t in footer.iter(f"{W}t")) == "— 1 —"
    (table,) = document.tables
    rows = table._tbl.findall(f"{W}tr")
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None
    assert "图1  各任务领域指标状态分布" in styled(document, "Caption")
    (picture,) = document.inline_shapes
    with zipfile.ZipFile(workdir / "r.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and archive.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="方正小标宋简体"' in fonts and 'w:altName w:val="宋体"' in fonts
    assert picture.width.mm > 100


def test_notes_are_text_and_controls_are_removed(cli: Cli, workdir: Path) -> None:
    data = workdir / "actuals.toml"
    shutil.copy(DEMO, data)
    note = "ESC\x1b[2J here, \u202egnp.exe, bell\x07 <w:t>x</w:t> & <b>"
    result = cli("record", "2.1", "1", "-m", "2024-07", "-d", str(data), "--note", note)
    assert result.exit_code == 0, result.output
    result = cli("report", "-d", str(data), "--as-of", "2024-07", "-o", "r.docx")
    assert result.exit_code == 0, result.output
    paragraphs = texts(docx.Document(str(workdir / "r.docx")))
    assert (
        "July, 2.1 Enterprises reaching 5 billion yuan: "
        "ESC[2J here, gnp.exe, bell <w:t>x</w:t> & <b>" in paragraphs
    )
    assert any("<script>alert('not run')</script>" in p for p in paragraphs)  # the demo's note
    with zipfile.ZipFile(workdir / "r.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "&lt;w:t&gt;x&lt;/w:t&gt; &amp; &lt;b&gt;" in xml
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", xml)


def test_a_units_own_goals_and_figures(cli: Cli, workdir: Path) -> None:
    (workdir / "targets.toml").write_text(tomli_w.dumps(unit_plan()), "utf-8")
    for args in (("A", "12", "-m", "2024-06", "--unit", "d1"), ("A", "3", "-m", "2024-05")):
        assert cli("record", *args).exit_code == 0
    result = cli("report", "--unit", "d1", "-o", "d1.docx", "--lang", "zh")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(workdir / "d1.docx"))
    assert styled(document, "Title") == ["测试计划（单位d1）\n进展情况通报"]
    row_a = next(r for r in document.tables[0].rows if r.cells[0].text == "A")
    # d1's own goal for A is 20: by June 10 expected (20 x 6/12); it has 12, 60% of 20.
    assert [c.text for c in row_a.cells][2:] == ["12", "20", "家", "10", "60%", "正常"]


def test_refusals_write_nothing(cli: Cli, workdir: Path) -> None:
    data = workdir / "actuals.toml"
    shutil.copy(DEMO, data)
    before = data.read_bytes()
    result = cli("report", "-d", str(data), "-o", str(data))  # its own data file
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert data.read_bytes() == before
    result = cli("report", "-d", str(data), "--unit", "nowhere", "-o", "u.docx")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert not (workdir / "u.docx").exists()


BLOCK_DOCX = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("docx", "matplotlib"):
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
from gxtrack.launch import main
sys.argv = ["gxtrack", *sys.argv[1:]]
main()
"""


def test_without_the_extra_it_says_what_to_install(workdir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", BLOCK_DOCX, "report", "-d", str(DEMO), "-o", "r.docx"],
        capture_output=True,
        text=True,
        env={**os.environ, "GXTRACK_LANG": "en"},
        timeout=60,
    )
    assert run.returncode == ExitCode.INVALID_INPUT, run.stderr
    assert "pip install 'gxtrack[docx]'" in run.stderr and "Traceback" not in run.stderr
    assert not (workdir / "r.docx").exists()


# ── LibreOffice: the document converts, and the PDF holds what the document says ──

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("GXTRACK_REQUIRE_OFFICE"),
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk); .ci/run installs it",
)


def soffice_convert(files: list[Path], to: str, outdir: Path) -> list[Path]:
    """LibreOffice headless, with a profile of its own (a running LibreOffice or another
    test's profile cannot interfere). Until issue 13's tests/office.py lands."""
    assert SOFFICE, "CI requires LibreOffice (GXTRACK_REQUIRE_OFFICE) but it is missing"
    profile = (outdir / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to]
    run = subprocess.run(
        [*command, "--outdir", str(outdir), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = [outdir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    assert run.returncode == 0 and all(c.exists() for c in converted), run.stderr
    return converted


@needs_office
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_converts_it_to_pdf(cli: Cli, workdir: Path, lang: str) -> None:
    from pypdf import PdfReader

    make_docx(cli, workdir, "--lang", lang)
    (pdf,) = soffice_convert([workdir / "r.docx"], "pdf", workdir)
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    for code in CODES:
        assert code in text
    # Six pages in Chinese at 16 pt, four in English at 12 pt, with this data.
    assert 3 <= len(reader.pages) <= 8
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210,
        297,
    )
    if lang == "zh":
        assert "进展情况通报" in text and "需要关注的指标" in text


def test_demo_picture_is_in_the_readme() -> None:
    assert (ROOT / "docs" / "report-docx.png").exists()
    assert "docs/report-docx.png" in (ROOT / "README.md").read_text("utf-8")
