"""LibreOffice as the tests' spreadsheet and word processor: the program departments'
files really go through (it reads and writes what Excel and WPS do).

`soffice_convert` converts many files in ONE `soffice` run — starting LibreOffice takes
about a second, converting a file far less — with a profile folder of its own, so that
tests never touch the user's profile and never wait on one another's lock. Tests that
need it are marked `needs_office`: they skip with the reason when LibreOffice is absent,
unless GXTRACK_REQUIRE_OFFICE=1 (set by .ci/run), which makes its absence a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("GXTRACK_REQUIRE_OFFICE"),
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui "
    "libreoffice-writer-nogui); .ci/run installs it",
)

# Filters for `--convert-to`, by what the test wants to get. A bare extension lets
# LibreOffice choose; these pin what departments' programs write.
FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
    # CSV: field separator 44 (,), text delimiter 34 ("), and the character set as
    # LibreOffice numbers them (rtl/textenc.h): 76 UTF-8, 67 GBK (what Excel and WPS in
    # China save as "CSV").
    "csv-utf8": "csv:Text - txt - csv (StarCalc):44,34,76",
    "csv-gbk": "csv:Text - txt - csv (StarCalc):44,34,67",
    "pdf": "pdf",
}


def soffice_convert(
    files: Sequence[Path], to: str, outdir: Path, *, infilter: str | None = None
) -> list[Path]:
    """Convert `files` with one LibreOffice run into `outdir`; the converted paths, in
    the order given. `to` is a key of FILTERS or a filter string of `--convert-to`;
    `infilter` how LibreOffice reads the inputs (`--infilter`, e.g. CSV options).
    Fails with LibreOffice's own output when a file did not come out."""
    assert SOFFICE, "CI requires LibreOffice (GXTRACK_REQUIRE_OFFICE) but it is missing"
    assert files, "nothing to convert"
    outdir.mkdir(parents=True, exist_ok=True)
    spec = FILTERS.get(to, to)
    extension = spec.split(":", 1)[0]
    stems = [path.stem for path in files]
    # Two inputs with one stem would come out as one file, the second over the first.
    assert len(set(stems)) == len(stems), f"two files named {stems} would overwrite"
    converted = [outdir / f"{stem}.{extension}" for stem in stems]
    inputs = {path.resolve() for path in files}
    assert not inputs & {path.resolve() for path in converted}, "would overwrite an input"
    profile = outdir / ".office-profile"
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        spec,
        "--outdir",
        str(outdir),
        *(str(path) for path in files),
    ]
    # A generous bound, not a timing assertion: a hung LibreOffice fails the test.
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    missing = [path.name for path in converted if not path.is_file()]
    assert not missing, f"LibreOffice did not write {missing}: {done.stdout}{done.stderr}"
    return converted


PDFTOPPM = shutil.which("pdftoppm")  # poppler-utils


def page_blank_fractions(
    pdf: Path, *, top_mm: float = 37, bottom_mm: float = 35, dpi: int = 40
) -> list[float]:
    """Each page of `pdf` rendered (pdftoppm), and how much of its text block is blank
    below the last ink: 0 a full page, 1 an empty one. The text block is the page less
    its top and bottom margins (the bulletin's, GB/T 9704), so the footer's page number
    does not count as text."""
    from PIL import Image

    assert PDFTOPPM, "pdftoppm is missing (Debian: apt-get install poppler-utils)"
    out = pdf.parent / f"{pdf.stem}-pages"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [PDFTOPPM, "-r", str(dpi), "-gray", "-png", str(pdf), str(out / "page")],
        check=True,
        timeout=300,
    )
    fractions = []
    for page in sorted(out.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        image = Image.open(page).convert("L")
        width, height = image.size
        per_mm = height / 297
        top, bottom = int(top_mm * per_mm), int(height - bottom_mm * per_mm)
        grey = image.tobytes()  # one byte a pixel, row by row
        inked = [y for y in range(top, bottom) if min(grey[y * width : (y + 1) * width]) < 200]
        last = inked[-1] if inked else top
        fractions.append((bottom - last) / (bottom - top))
    return fractions
