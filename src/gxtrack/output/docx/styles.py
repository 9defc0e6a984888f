"""Page and named styles of the bulletin, after GB/T 9704 (党政机关公文格式).

A4 portrait; margins that give the standard's 156 × 225 mm text block (top 37 mm,
bottom 35 mm, left 28 mm, right 26 mm); a 小标宋 title at 二号 (22 pt); the body in 仿宋 at
三号 (16 pt) on a fixed 28 pt line, each paragraph indented two characters; first-level
headings in 黑体, second-level in 楷体, both at 三号; page numbers "— 1 —" in 宋体 四号.

Fonts are named as Word and WPS on a Chinese Windows know them (仿宋, 黑体, 楷体, 宋体 ship
with Windows; 方正小标宋简体 with most offices' font packs). Each name goes into the
document's font table with the font it may be replaced by (`w:altName`) and the GB2312
character set, so a machine without it substitutes a Chinese font of that kind rather
than a Latin one. Latin letters and digits are in Times New Roman, as offices set them.

An English bulletin uses the same page with Latin typography (Times New Roman body at
12 pt, Arial headings), keeping the Chinese fonts for any Chinese text it holds.

Every text in the document carries one of these named styles and no direct formatting
of its font, so editing a style (the body's, say) restyles every paragraph of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle


@dataclass(frozen=True)
class Look:
    """One style's font and spacing."""

    latin: str
    chinese: str
    size: float  # points
    bold: bool = False
    align: str = "left"  # left | center | right | justify
    indent: float = 0  # first-line indent, points
    before: float = 0
    after: float = 0
    line: float | None = None  # exact line height, points; None: single


# The fonts each Chinese face falls back to where it is missing (w:altName).
FALLBACKS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}

STYLE_NAMES = {
    "title": "Title",
    "period": "Bulletin Period",
    "date": "Bulletin Date",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "body": "Normal",  # 正文: editing it restyles the body
    "caption": "Caption",
    "table_head": "Table Heading",
    "table": "Table Text",
    "small": "Bulletin Source",
    "footer": "Footer",
}

_ZH = {
    "body": Look("Times New Roman", "仿宋", 16, align="justify", indent=32, line=28),
    "title": Look("Times New Roman", "方正小标宋简体", 22, align="center", line=35, after=6),
    "period": Look("Times New Roman", "楷体", 16, align="center", line=28),
    "date": Look("Times New Roman", "楷体", 16, align="center", line=28, after=16),
    "heading1": Look("Times New Roman", "黑体", 16, indent=32, line=28, before=6),
    "heading2": Look("Times New Roman", "楷体", 16, indent=32, line=28),
    "caption": Look("Times New Roman", "黑体", 12, align="center", before=3, after=6),
    "table_head": Look("Times New Roman", "黑体", 10.5, align="center"),
    "table": Look("Times New Roman", "仿宋", 10.5),
    "small": Look("Times New Roman", "仿宋", 10.5, align="right", before=12),
    "footer": Look("Times New Roman", "宋体", 14, align="center"),
}
_EN = {
    "body": Look("Times New Roman", "仿宋", 12, align="justify", after=6, line=16),
    "title": Look("Times New Roman", "黑体", 18, bold=True, align="center", after=4),
    "period": Look("Times New Roman", "楷体", 13, align="center"),
    "date": Look("Times New Roman", "楷体", 11, align="center", after=14),
    "heading1": Look("Arial", "黑体", 13, bold=True, before=12, after=4),
    "heading2": Look("Arial", "黑体", 11.5, bold=True, before=6, after=2),
    "caption": Look("Arial", "黑体", 10, bold=True, align="center", before=3, after=6),
    "table_head": Look("Arial", "黑体", 9, bold=True, align="center"),
    "table": Look("Times New Roman", "仿宋", 9.5),
    "small": Look("Times New Roman", "仿宋", 9, align="right", before=12),
    "footer": Look("Times New Roman", "宋体", 10, align="center"),
}


def table_font_size(language: str) -> float:
    """The table's largest text (its heading's or its cells'), points."""
    looks = _ZH if language == "zh" else _EN
    return max(looks["table"].size, looks["table_head"].size)


def set_up(document: Document, language: str) -> None:
    """A4 portrait with the standard's margins, and every named style the bulletin uses."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    looks = _ZH if language == "zh" else _EN
    _defaults(document, looks["body"], language)
    for role, look in looks.items():
        name = STYLE_NAMES[role]
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
            style.quick_style = True
        _apply(style, look)
    _keep_headings_with_next(document)
    _font_table(document, {look.chinese for look in looks.values()})


def _defaults(document: Document, body: Look, language: str) -> None:
    """Normal (what every style is based on) in the body's fonts, and the document's
    languages, so spelling and line breaking follow them."""
    from docx.oxml.ns import qn

    normal = document.styles["Normal"]
    _apply(normal, body)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")  # Latin text: Latin line breaking, not a break in "12.17"
    lang.set(qn("w:eastAsia"), "zh-CN")
    # The template's default run properties name theme fonts, which win over a style's
    # named fonts in Word: they are dropped so the named styles decide.
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)


def _apply(style: ParagraphStyle, look: Look) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style.font
    font.name = look.latin
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = False
    font.color.rgb = None
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attribute}"), None)
    rfonts.set(qn("w:eastAsia"), look.chinese)
    rfonts.set(qn("w:cs"), look.latin)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        style.element.rPr.remove(color)
    ppr = style.element.get_or_add_pPr()
    for unwanted in ("w:pBdr", "w:numPr", "w:contextualSpacing"):
        found = ppr.find(qn(unwanted))
        if found is not None:
            ppr.remove(found)
    paragraph = style.paragraph_format
    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, look.align.upper())
    paragraph.first_line_indent = Pt(look.indent)  # 0 too: not Normal's
    paragraph.space_before, paragraph.space_after = Pt(look.before), Pt(look.after)
    if look.line is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph.line_spacing = Pt(look.line)
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _keep_headings_with_next(document: Document) -> None:
    for name in ("Heading 1", "Heading 2", "Caption", "Table Heading"):
        document.styles[name].paragraph_format.keep_with_next = True


def _font_table(document: Document, chinese: set[str]) -> None:
    """Each Chinese face in the font table: GB2312 character set and its stand-in."""
    from docx.oxml.ns import qn

    part = document.part
    table = next(
        (rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if table is None:
        return
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

    root = etree.fromstring(table.blob)
    named = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name in sorted(chinese - named):
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        if name in FALLBACKS:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): FALLBACKS[name]})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "fixed"})
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
