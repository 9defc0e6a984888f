"""Outputs for people through the installed `gxtrack`: CSV for people rounded as the
table rounds while CSV for programs and records stay exact, workbooks whose cells keep
exact values under the table's rounding, office formats gxtrack does not write refused,
and the printed workbook and the Word bulletin as LibreOffice prints them.

Figures are the synthetic demo data's at 2024-06 (examples/demo-2024), worked by hand in
the comments.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gxtrack.errors import ExitCode

from .conftest import ROOT
from .office import needs_office, page_blank_fractions, soffice_convert

SCRIPT = Path(sys.executable).with_name("gxtrack")
DEMO = ROOT / "examples" / "demo-2024" / "actuals.toml"
PLAN = ROOT / "targets.toml"


def gxtrack(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a clerk runs it (Chinese unless told)."""
    environment = {**os.environ, "GXTRACK_LANG": "zh", **(env or {})}
    command = [str(SCRIPT), *args, "-t", str(PLAN), "-d", str(DEMO)]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


# ── CSV for people and for programs ────────────────────────────────────────────────────


def test_csv_for_people_rounds_as_the_table_for_programs_exact(tmp_path: Path) -> None:
    people = gxtrack("export", "status", "--as-of", "2024-06", "--headers", "zh", cwd=tmp_path)
    assert people.returncode == 0, people.stderr
    header, *rows = csv_rows(people.stdout)
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    # 1.1: 8.3 of 9 = 92.2222…% -> 92.2 (the table's one decimal).
    assert by_code["1.1"]["完成率"] == "92.2"
    # 2.2: 1 of 3 = 33.333…%; of the 1.5 expected (3 x 6/12) 66.666…% -> 66.7.
    assert (by_code["2.2"]["完成率"], by_code["2.2"]["序时完成率"]) == ("33.3", "66.7")
    assert by_code["2.2"]["序时进度"] == "1.5"
    assert "3333" not in people.stdout and "6666" not in people.stdout
    programs = gxtrack("export", "status", "--as-of", "2024-06", "--lang", "zh", cwd=tmp_path)
    header, *rows = csv_rows(programs.stdout)
    assert header[:3] == ["code", "area", "name"]  # keys, whatever the language
    exact = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert exact["2.2"]["goal_pct"] == "33.33333333333333333333333333"


def test_the_templates_expected_is_rounded(tmp_path: Path) -> None:
    done = gxtrack("template", "-m", "2024-07", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    header, *rows = csv_rows(done.stdout)
    row = next(dict(zip(header, r, strict=True)) for r in rows if r[2] == "2.3")
    # 2.3: goal 2, linear: 2 x 7/12 = 1.1666… -> 1.17.
    assert row["序时进度"] == "1.17"
    assert "1.166666" not in done.stdout


def test_records_stay_exact_in_every_form(tmp_path: Path) -> None:
    data = tmp_path / "actuals.toml"
    text = DEMO.read_text("utf-8").replace("value = 6.8", "value = 6.8125", 1)
    assert text != DEMO.read_text("utf-8")
    data.write_text(text, "utf-8")
    command = [str(SCRIPT), "export", "actuals", "-t", str(PLAN), "-d", str(data)]
    env = {**os.environ, "GXTRACK_LANG": "zh"}
    for extra in ([], ["--headers", "zh"], ["--headers", "en"]):
        done = subprocess.run([*command, *extra], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert ",6.8125," in done.stdout  # not 6.81: a book takes its records back
    wrote = subprocess.run([*command, "-o", str(tmp_path / "a.xlsx")], env=env)
    assert wrote.returncode == 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "a.xlsx").worksheets[0]
    values = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 6.8125 in values
    cell = next(c for c in sheet["D"][1:] if c.value == 6.8125)
    assert cell.number_format == "#,##0.##########"  # shown whole, as recorded


def test_workbook_cells_exact_under_the_tables_rounding(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    done = gxtrack("export", "all", "--as-of", "2024-06", "-o", "all.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    book = load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames[0] == "进展情况" and book.sheetnames[-1] == "进展情况（判定依据）"
    main, details = book["进展情况"], book["进展情况（判定依据）"]
    header = [c.value for c in main[1]]
    assert header == [
        "代码",
        "指标名称",
        "单位",
        "全年目标",
        "累计完成",
        "最新月份",
        "序时进度",
        "完成率",
        "序时完成率",
        "状态",
        "比上年同期",
    ]
    row = next(r for r in main.iter_rows(min_row=2) if r[0].value == "2.2")
    # 33.333…% kept as a double, shown with one decimal as the table shows it.
    assert isinstance(row[7].value, float) and math.isclose(row[7].value, 100 / 3)
    assert row[7].number_format == '0.0"%"'
    assert row[6].value == 1.5 and row[6].number_format == "#,##0.##"
    assert main.print_title_rows == "$1:$1"  # the header row on every printed page
    technical = [c.value for c in details[1]]
    assert technical[0] == "代码" and {"比较方式", "容差（左右）", "英文名称"} <= set(technical)
    assert not {"比较方式", "容差（左右）", "英文名称"} & set(header)
    english = gxtrack(
        "export", "all", "--as-of", "2024-06", "-o", "en.xlsx", "--lang", "en", cwd=tmp_path
    )
    assert english.returncode == 0, english.stderr
    sheet = load_workbook(tmp_path / "en.xlsx").worksheets[0]
    names = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=2)}
    assert names["1.1"] == "Value-added growth of industry above designated size"


# ── Formats gxtrack does not write ─────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("command", "name", "formats"),
    [
        (("report",), "r.pdf", ".html、.docx"),
        (("report",), "r.doc", ".html、.docx"),
        (("report",), "r.docm", ".html、.docx"),
        (("report",), "r.odt", ".html、.docx"),
        (("export", "status"), "s.xls", ".csv、.xlsx"),
        (("export", "status"), "s.xlsm", ".csv、.xlsx"),
        (("export", "status"), "s.pdf", ".csv、.xlsx"),
        (("export", "actuals"), "a.xls", ".csv、.xlsx、.toml"),
    ],
)
def test_an_office_format_gxtrack_does_not_write_is_refused(
    tmp_path: Path, command: tuple[str, ...], name: str, formats: str
) -> None:
    before = b"the user's own file\n"
    (tmp_path / name).write_bytes(before)
    done = gxtrack(*command, "-o", name, cwd=tmp_path)
    assert done.returncode == ExitCode.INVALID_INPUT, done.stderr
    extension = Path(name).suffix
    first = done.stderr.splitlines()[0]
    assert first == f"gxtrack：错误：{name}：gxtrack 不生成 {extension} 文件；此命令可写 {formats}"
    assert (tmp_path / name).read_bytes() == before  # unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing else written
    fresh = gxtrack(*command, "-o", f"new{extension}", cwd=tmp_path)
    assert fresh.returncode == ExitCode.INVALID_INPUT
    assert not (tmp_path / f"new{extension}").exists()


def test_a_pdf_refusal_says_how_to_get_one(tmp_path: Path) -> None:
    done = gxtrack("report", "-o", "r.pdf", "--lang", "en", cwd=tmp_path)
    assert done.stderr.splitlines() == [
        "gxtrack: error: r.pdf: gxtrack does not write .pdf files; this command writes"
        " .html, .docx",
        "hint: write report.docx, open it in Word, WPS or a browser and print or save it as PDF",
    ]


def test_no_extension_a_fifo_and_dev_fd_keep_writing(tmp_path: Path) -> None:
    plain = gxtrack("export", "status", "--as-of", "2024-06", "-o", "status", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert (tmp_path / "status").read_bytes().startswith("\ufeffcode,".encode())
    fifo = tmp_path / "pipe.pdf"  # a stream, named as it may be: written as CSV
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    streamed = gxtrack("export", "status", "--as-of", "2024-06", "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert streamed.returncode == 0, streamed.stderr
    assert got and got[0].startswith("\ufeffcode,".encode())
    descriptor = gxtrack("export", "status", "--as-of", "2024-06", "-o", "/dev/fd/1", cwd=tmp_path)
    assert descriptor.returncode == 0 and descriptor.stdout.startswith("\ufeffcode,")


# ── As LibreOffice prints them ────────────────────────────────────────────────────────


@needs_office
def test_the_printed_workbook_fits_a4_landscape_at_a_readable_size(tmp_path: Path) -> None:
    from pypdf import PdfReader

    done = gxtrack("export", "all", "--as-of", "2024-06", "-o", "all.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (pdf,) = soffice_convert([tmp_path / "all.xlsx"], "pdf", tmp_path / "pdf")
    first = PdfReader(pdf).pages[0]
    box = first.mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        297,
        210,
    )
    sizes = text_sizes(pdf, 0)
    words = {text for _size, text in sizes}
    # The main sheet whole on its first page, all 25 goals: 1.1 … 7.2.
    assert {"代码", "指标名称", "序时进度", "状态", "1.1", "7.2"} <= words
    assert "比较方式" not in words and "容差（左右）" not in words
    assert min(size for size, _text in sizes) >= 9, sorted({s for s, _ in sizes})


@needs_office
def test_an_english_workbook_with_worded_goals_prints_as_readable(tmp_path: Path) -> None:
    """The city example in English: goals in words ("down at least 2.5%"), headers of
    several words; they wrap, and the sheet still prints at 9 pt or more."""
    city = ROOT / "examples" / "city-work-report"
    command = [str(SCRIPT), "export", "all", "--as-of", "2024-08", "-o", "all.xlsx"]
    command += ["-t", str(city / "targets.toml"), "-d", str(city / "actuals.toml")]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (pdf,) = soffice_convert([tmp_path / "all.xlsx"], "pdf", tmp_path / "pdf")
    sizes = text_sizes(pdf, 0)
    assert {"Code", "Indicator", "A1", "C4"} <= {text for _size, text in sizes}
    assert min(size for size, _text in sizes) >= 9, sorted({s for s, _ in sizes})


def text_sizes(pdf: Path, page: int) -> list[tuple[float, str]]:
    """Each text run of a PDF page with its size as printed, points (the font's size
    scaled by the text and page matrices: a sheet fitted to the page is scaled down)."""
    from pypdf import PdfReader

    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            found.append((round(size * scale, 2), text.strip()))

    PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return found


@needs_office
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_table_as_printed(tmp_path: Path, lang: str) -> None:
    pytest.importorskip("docx")
    done = gxtrack("report", "--as-of", "2024-06", "-o", "r.docx", "--lang", lang, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (pdf,) = soffice_convert([tmp_path / "r.docx"], "pdf", tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext puts a space where a Latin run meets a Chinese one ("5 月"); the cell's
    # own text has none (python-docx reads "1（5月）"); a space between digits stays.
    text = re.sub(r"(?<=\d) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=\d)", "", text)
    if lang == "zh":
        # 2.1: 1 in May, as of June; 2.2: 1 in April; 7.1 done in May.
        assert "1（5月）" in text and "1（4月）" in text and "完成（5月）" in text
        assert "1 5月" not in text
        header = next(line for line in text.splitlines() if "代码" in line and "状态" in line)
        assert header.split() == [
            "代码",
            "指标",
            "实际完成",
            "全年目标",
            "单位",
            "序时进度",
            "完成率",
            "状态",
        ]  # one line: no heading word broken (序时进/度)
    else:
        assert "1 (m5)" in text and "1 (m4)" in text  # the status table's "m5"
    blank = page_blank_fractions(pdf)
    # No page before the last more than half blank (measured on the rendered pages).
    assert max(blank[:-1]) <= 0.5, blank


# ── The chart's font ───────────────────────────────────────────────────────────────────

NOTO = [
    Path(p)
    for p in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    )
    if Path(p).is_file()
]


@pytest.mark.skipif(not NOTO, reason="a CJK font file to install (fonts-noto-cjk)")
def test_a_chinese_font_installed_after_the_font_cache_was_built(tmp_path: Path) -> None:
    """With a font path without CJK fonts (matplotlib told to ignore the system's, the
    XDG font folders empty), the chart shows codes and one line says what to install;
    then a font is added to the user's font folder: matplotlib's cache, built without
    it, is stale, and the chart finds it all the same."""
    pytest.importorskip("docx")
    import docx

    home, data, dirs, config = (tmp_path / name for name in ("home", "data", "dirs", "mpl"))
    for folder in (home, data, dirs, config):
        folder.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": str(dirs)}
    env |= {"MPLCONFIGDIR": str(config)}
    bare = gxtrack(
        "report",
        "--as-of",
        "2024-06",
        "-o",
        "a.docx",
        cwd=tmp_path,
        env={**env, "MPL_IGNORE_SYSTEM_FONTS": "1"},
    )
    assert bare.returncode == 0, bare.stderr
    assert bare.stderr.splitlines() == [
        "gxtrack：未找到中文字体，图表以领域代码代替名称；如需显示名称，请安装中文字体"
        "（Debian/Ubuntu：apt install fonts-noto-cjk；Windows 和 macOS 已自带）",
        "已写入 a.docx",
    ]  # no matplotlib warning (one per missing glyph, some 200)
    assert chart_description(docx.Document(str(tmp_path / "a.docx"))) == "1; 2; 3; 4; 5; 6; 7"
    cache = next(config.glob("fontlist-*.json")).read_text("utf-8")
    assert "CJK" not in cache and "WenQuanYi" not in cache  # built without one
    (data / "fonts").mkdir()
    shutil.copy(NOTO[0], data / "fonts" / NOTO[0].name)  # installed after the cache
    found = gxtrack("report", "--as-of", "2024-06", "-o", "b.docx", cwd=tmp_path, env=env)
    assert found.returncode == 0, found.stderr
    assert found.stderr.splitlines() == ["已写入 b.docx"]
    described = chart_description(docx.Document(str(tmp_path / "b.docx")))
    assert described.startswith("全力推动工业经济稳增长; 大力实施优质企业培育工程")
    assert next(config.glob("fontlist-*.json")).read_text("utf-8") == cache  # still stale


def chart_description(document: object) -> str:
    """The chart picture's description (alt text): the labels it was drawn with."""
    body = document.element.body  # type: ignore[attr-defined]
    (found,) = [
        element.get("descr")
        for element in body.iter()
        if element.tag.endswith("}docPr") and element.get("descr") is not None
    ]
    return str(found)
