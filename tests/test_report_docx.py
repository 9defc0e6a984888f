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
from .office import needs_office, soffice_convert
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
    # Area 2: 2.2 has 1 of 1.5 expected (3 x 6/12), its latest figure April's (the status
    # table's "1 4月"); 2.5 has 35 of 50 (100 x 6/12).
    assert (
        "5项指标中，序时推进3项，滞后2项。滞后的有：新增国家专精特新“小巨人”企业（4月，完成1家，"
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
    assert "实际8.3%，目标9%，差0.7个百分点。2023年为2.5%。" in listed[8]


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


def test_demo_picture_is_in_the_docs() -> None:
    assert (ROOT / "docs" / "images" / "report-docx.png").exists()
    for language in ("zh", "en"):
        page = ROOT / "docs" / "how-to" / f"report.{language}.md"
        assert "../images/report-docx.png" in page.read_text("utf-8")


# ── The city example: goals, caps, periods and status words as the status table has them ──

CITY = ROOT / "examples" / "city-work-report"


def city_docx(cli: Cli, workdir: Path, as_of: str, edits: dict[str, str] | None = None) -> Any:
    """The city example's bulletin at `as_of`, its data file edited line by line first."""
    shutil.copy(CITY / "targets.toml", workdir / "targets.toml")
    text = (CITY / "actuals.toml").read_text("utf-8")
    for old, new in (edits or {}).items():
        assert old in text
        text = text.replace(old, new)
    (workdir / "actuals.toml").write_text(text, "utf-8")
    result = cli("report", "-d", "actuals.toml", "--as-of", as_of, "-o", "r.docx", "--lang", "zh")
    assert result.exit_code == 0, result.output
    return docx.Document(str(workdir / "r.docx"))


def table_rows(document: Any) -> dict[str, list[str]]:
    return {r.cells[0].text: [c.text for c in r.cells] for r in document.tables[0].rows[1:]}


def test_city_goals_caps_and_periods_as_the_status_table(cli: Cli, workdir: Path) -> None:
    document = city_docx(cli, workdir, "2024-08")
    status = json.loads(
        cli("status", "-d", "actuals.toml", "--as-of", "2024-08", "-f", "json").output
    )
    headroom = {r["code"]: r["headroom"] for r in status["indicators"]}
    assert (headroom["B1"], headroom["B2"]) == (0.1, 2.4)
    rows = table_rows(document)
    # A1: Q2's 5.9 (quarterly; no Q3 figure in August) of 6左右 (tolerance 0.3): short by
    # 0.1, inside the tolerance: 基本正常; 5.9 / 6 = 98.3%.
    assert rows["A1"][2:] == ["5.9（2季度）", "6左右", "%", "6", "98.3%", "基本正常"]
    assert rows["A2"][3] == "7（力争7.5）"
    # Caps: headroom, not a 完成率 (B1 5.5 − 5.4 = 0.1; B2 3 − 0.6 = 2.4).
    assert rows["B1"][2:] == ["5.4（2季度）", "5.5以内", "%", "5.5", "余0.1", "正常"]
    assert rows["B2"][2:] == ["0.6", "3左右", "%", "3", "余2.4", "正常"]
    assert rows["C3"][3:5] == ["下降2.5以上", "%"]  # goal −2.5 with <=: a decrease
    paragraphs = texts(document)
    assert (
        "截至8月底，9项指标中，序时推进4项（其中基本正常1项），预警3项，暂无数据2项。" in paragraphs
    )
    assert (
        "2项指标中，序时推进2项（其中基本正常1项）。"
        "基本正常的有：地区生产总值增长（2季度，实际5.9%，目标6%左右）。"
    ) in paragraphs
    area_c = next(p for p in paragraphs if p.startswith("4项指标中"))
    assert "重点项目开工（2季度，完成70个，序时进度72个）" in area_c
    assert "单位地区生产总值能耗下降（目标下降2.5%以上）" in area_c
    assert "2. 重点项目开工（C2，预警，2季度）：完成70个，序时进度72个，差2个；" in "".join(
        paragraphs
    )


def test_city_in_december_missed_and_decreases(cli: Cli, workdir: Path) -> None:
    document = city_docx(cli, workdir, "2024-12")
    rows, paragraphs = table_rows(document), texts(document)
    # B3: 35,300 of 36,000 with December in: the year is over, 未完成.
    assert rows["B3"][2:] == ["35,300", "36,000", "人", "36,000", "98.1%", "未完成"]
    assert rows["A1"][-1] == "基本完成"  # 5.8 of 6左右: 0.2 short, within 0.3
    assert "截至12月底，9项指标中，已完成7项（其中基本完成1项），未完成2项。" in paragraphs
    area_b = next(p for p in paragraphs if p.startswith("3项指标中"))
    assert "未完成的有：城镇新增就业（完成35,300人，全年目标36,000人）。" in area_b
    area_c = next(p for p in paragraphs if p.startswith("4项指标中"))
    assert "单位地区生产总值能耗下降（全年，实际下降2.6%，目标下降2.5%以上）" in area_c
    # 36,000 − 35,300 = 700 short; no pace with no month left.
    assert "1. 城镇新增就业（B3，未完成）：完成35,300人，全年目标36,000人，差700人。" in paragraphs
    # Energy use down only 2.0 against 下降2.5以上: missed, 0.5 points short.
    document = city_docx(
        cli,
        workdir,
        "2024-12",
        {'month = "2024-12", value = -2.6': 'month = "2024-12", value = -2.0'},
    )
    found = [p for p in texts(document) if "（C3，未完成，全年）" in p]
    assert found and found[0].endswith("实际下降2%，目标下降2.5%以上，差0.5个百分点。")


def test_city_pending_figure_and_a_cap_passed(cli: Cli, workdir: Path) -> None:
    # Q3's GDP figure not in by October: judged on Q2's 5.9, 待更新. B1 5.8 in Q3 is
    # past its cap of 5.5 by 0.3.
    edits = {
        '  { code = "A1", month = "2024-09", value = 5.6, recorded_at = 2024-10-05'
        " 09:30:00+08:00 },\n": "",
        '"B1", month = "2024-09", value = 5.6': '"B1", month = "2024-09", value = 5.8',
    }
    document = city_docx(cli, workdir, "2024-10", edits)
    rows, paragraphs = table_rows(document), texts(document)
    assert rows["A1"][2] == "5.9（2季度，待更新）"
    assert rows["B1"][2:] == ["5.8（3季度）", "5.5以内", "%", "5.5", "超0.3", "预警"]
    assert paragraphs[paragraphs.index("一、总体情况") + 1].endswith(
        "最新一期数据尚未报送、按上一期评价的有：地区生产总值增长（2季度）。"
    )
    assert (
        "1. 城镇调查失业率（B1，预警，3季度）：实际5.8%，目标5.5%以内，超出0.3个百分点。"
        in paragraphs
    )
