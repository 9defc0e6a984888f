"""An .xlsx as Excel leaves it after someone formats whole columns: a header and 24 rows
of figures, then empty formatted rows down to row 1,048,576 (Excel's last), optionally
each with empty styled cells. Written straight as the package's XML (openpyxl would take
minutes for a million rows).

    python bench/bloated_sheet.py out.xlsx [--styled-cells 3]
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

LAST_ROW = 1_048_576
# The bundled plan's first 24 indicators (2.1 … 7.1), a figure each: 25 real rows.
CODES = [
    "1.1", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2",
    "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "6.1", "6.2", "6.3", "7.1",
]  # fmt: skip

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}">'
        f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'
        '<sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}">'
        f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0" applyFill="1"/></cellXfs>'
        "</styleSheet>"
    ),
}


def _inline(column: str, row: int, text: str) -> str:
    return f'<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def write(path: Path, *, styled_cells: int = 0, last_row: int = LAST_ROW) -> None:
    """The workbook at `path`: 25 real rows, then empty formatted rows to `last_row`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
            sheet.write(f'{head}<dimension ref="A1:C{last_row}"/><sheetData>'.encode())
            header = _inline("A", 1, "代码") + _inline("B", 1, "数值")
            sheet.write(f'<row r="1">{header}</row>'.encode())
            for number, code in enumerate(CODES, start=2):
                cells = _inline("A", number, code) + f'<c r="B{number}"><v>1</v></c>'
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            columns = "ABCDEFGHIJ"[:styled_cells]
            batch = []
            for number in range(len(CODES) + 2, last_row + 1):
                empty = "".join(f'<c r="{c}{number}" s="1"/>' for c in columns)
                batch.append(f'<row r="{number}" s="1" customFormat="1">{empty}</row>')
                if len(batch) == 10_000:
                    sheet.write("".join(batch).encode())
                    batch = []
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--styled-cells", type=int, default=0)
    arguments = parser.parse_args()
    write(arguments.out, styled_cells=arguments.styled_cells)


if __name__ == "__main__":
    main()
