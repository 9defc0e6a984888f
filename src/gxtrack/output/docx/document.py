"""The bulletin laid out as a Word document (python-docx): text as text, a Word table,
named styles, the chart as an embedded PNG, page numbers in the footer.

Every text goes in through python-docx's run text, which XML-escapes it: a name or a
note holding `<w:t>` or `<script>` stays those characters. Controls were removed when
the content was worded (`content.clean`).
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from gxtrack.i18n.text import display_width
from gxtrack.output.docx.content import Bulletin
from gxtrack.output.docx.styles import STYLE_NAMES, set_up, table_font_size

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Row

_TEXT_BLOCK_MM = 156  # the table spans the text block
_CELL_MARGIN_MM = 1.0  # each side of a cell's text (Word's default is 1.9)
_PT_MM = 25.4 / 72
_NAME = 1  # the indicator's column: the rest of the width is its
_NUMERIC = {2, 3, 5, 6}  # right-aligned columns: actual, goal, expected, % of goal
_STATUS_COLOURS = {"behind": "B42318", "missed": "B42318", "at_risk": "8A5A00"}


def docx_bytes(
    content: Bulletin, chart_png: bytes, *, issued: date, chart_labels: list[str]
) -> bytes:
    """The bulletin as a .docx file's bytes; `chart_labels`, the chart's area labels,
    are its picture's description."""
    import docx

    document = docx.Document()
    set_up(document, content.language)
    _properties(document, content, issued)
    _front(document, content)
    _heading(document, content.summary_heading, 1)
    _paragraph(document, content.summary, "body")
    _chart(document, chart_png, content.chart_caption, chart_labels)
    for heading, text in content.areas:
        _heading(document, heading, 2)
        _paragraph(document, text, "body")
    _heading(document, content.table_heading, 1)
    _paragraph(document, content.table_caption, "caption")
    _table(document, content)
    _heading(document, content.attention_heading, 1)
    for line in content.attention:
        _paragraph(document, line, "body")
    _heading(document, content.notes_heading, 1)
    for line in content.notes:
        _paragraph(document, line, "body")
    _paragraph(document, content.generated, "small")
    _page_numbers(document, content.page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document: Document, content: Bulletin, issued: date) -> None:
    """File properties: the title and gxtrack, dated the day of issue (not the
    template's), so the same figures on the same day make the same document."""
    properties = document.core_properties
    moment = datetime.combine(issued, time(0, 0))
    properties.title = content.title
    properties.author = properties.last_modified_by = "gxtrack"
    properties.language = "zh-CN" if content.language == "zh" else "en-GB"
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""


def _front(document: Document, content: Bulletin) -> None:
    _paragraph(document, content.title, "title")
    _paragraph(document, content.period, "period")
    _paragraph(document, content.date_line, "date")


def _paragraph(document: Document, text: str, role: str) -> None:
    """A paragraph of one style; a line break in `text` (only the title has one, from the
    catalogue) is a break within it."""
    first, *more = text.split("\n")
    paragraph = document.add_paragraph(first, style=STYLE_NAMES[role])
    for line in more:
        run = paragraph.add_run()
        run.add_break()
        run.add_text(line)


def _heading(document: Document, text: str, level: int) -> None:
    document.add_paragraph(text, style=STYLE_NAMES[f"heading{level}"])


def _chart(document: Document, png: bytes, caption: str, labels: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    paragraph = document.add_paragraph(style=STYLE_NAMES["caption"])
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True  # the caption under its picture
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(150))
    # The picture's description (alt text): what it shows, read out by a screen reader.
    shape._inline.docPr.set("descr", "; ".join(labels))
    _paragraph(document, caption, "caption")


def _table(document: Document, content: Bulletin) -> None:
    """Every indicator: a header row repeated on each page, no row split by a page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = document.add_table(rows=0, cols=len(content.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths = column_widths(content.header, content.rows, table_font_size(content.language))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid: LibreOffice lays out by it, Word by cells
    _row(table, content.header, widths, head=True)
    for cells, status in zip(content.rows, content.row_status, strict=True):
        if len(cells) == 1:
            _area_row(table, cells[0])
        else:
            _row(table, cells, widths, status=status)


def column_widths(header: list[str], rows: list[list[str]], size_pt: float) -> list[float]:
    """Column widths in millimetres: each column as wide as its widest cell, heading
    included, so no heading word (序时进度) and no figure (`1（5月）`) is broken; the
    indicator's names get the rest of the text block and wrap only past it."""
    cells = [row for row in rows if len(row) == len(header)]  # not an area's row
    widths = []
    for index, heading in enumerate(header):
        texts = [heading] if index == _NAME else [heading, *(row[index] for row in cells)]
        widest = max(display_width(text) for text in texts)
        # A Chinese character is one em, a Latin letter or digit about half of one.
        widths.append((widest + 1) * size_pt / 2 * _PT_MM + 2 * _CELL_MARGIN_MM)
    widths[_NAME] = max(widths[_NAME], _TEXT_BLOCK_MM - sum(widths) + widths[_NAME])
    return [round(width, 1) for width in widths]


def _cell_margins(table: Table) -> None:
    """Narrow left and right cell margins (w:tblCellMar): the text block holds more."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    properties = table._tbl.tblPr
    margins = properties.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        twips = str(int(Mm(_CELL_MARGIN_MM).twips))
        margins.append(
            margins.makeelement(qn(f"w:{side}"), {qn("w:w"): twips, qn("w:type"): "dxa"})
        )
    properties.append(margins)


def _row(
    table: Table,
    cells: list[str],
    widths: list[float],
    *,
    head: bool = False,
    status: str | None = None,
) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, RGBColor

    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    _row_properties(row, head=head)
    for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
        cell.width = Mm(widths[index])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.style = STYLE_NAMES["table_head" if head else "table"]
        run = paragraph.add_run(text)
        if head:
            continue
        if index in _NUMERIC:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif index in (0, 4, 7):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if index == 7 and status in _STATUS_COLOURS:
            # The status word in colour; the word itself says it in greyscale.
            run.font.color.rgb = RGBColor.from_string(_STATUS_COLOURS[status])


def _area_row(table: Table, name: str) -> None:
    """An area's name across the table, shaded, kept with the rows under it."""
    from docx.oxml.ns import qn

    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    _row_properties(row, head=False)
    merged = row.cells[0].merge(row.cells[-1])
    paragraph = merged.paragraphs[0]
    paragraph.style = STYLE_NAMES["table_head"]
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(name)
    shading = merged._tc.get_or_add_tcPr().makeelement(
        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "EDEFF2"}
    )
    merged._tc.get_or_add_tcPr().append(shading)


def _row_properties(row: _Row, *, head: bool) -> None:
    """w:cantSplit on every row; w:tblHeader on the header (repeated on each page)."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {}))
    if head:
        properties.append(properties.makeelement(qn("w:tblHeader"), {}))


def _page_numbers(document: Document, around: tuple[str, str]) -> None:
    """The page number in the footer, as a PAGE field Word and WPS keep up to date."""
    from docx.oxml.ns import qn

    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = STYLE_NAMES["footer"]
    before, after = around
    if before:
        paragraph.add_run(before)
    field = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): " PAGE "})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    if after:
        paragraph.add_run(after)
