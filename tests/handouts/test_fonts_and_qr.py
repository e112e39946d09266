"""Font discovery (Linux, simulated Windows folders, CFF fonts, no font at all) and QR drawings."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from pdftools import page_texts
from reportlab.lib.units import mm

from dxhelper.core.lessons import Catalogue
from dxhelper.handouts import HandoutOptions, guide_pdf
from dxhelper.handouts.qr import QUIET_ZONE, QrCode, dark_runs, qr_matrix
from dxhelper.paths import builtin_lessons_dir
from dxhelper.pdfkit.fonts import CID_FALLBACK, find_font, forget_fonts

BIZ = Path("/usr/share/fonts/truetype/bizud-gothic")
IPAEX = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")


@pytest.fixture(autouse=True)
def _fresh_fonts():
    forget_fonts()
    yield
    forget_fonts()


def test_biz_ud_gothic_is_found_first_on_this_machine():
    # .ci/run installs fonts-morisawa-bizud-gothic and fonts-ipaexfont-gothic.
    choice = find_font()
    assert choice.embedded
    assert choice.display_name == "BIZ UDGothic"
    assert choice.bold != choice.family  # the bold face is registered too


def test_a_configured_font_file_wins():
    choice = find_font(str(IPAEX))
    assert choice.display_name == "IPAexGothic" and choice.path == IPAEX


def _ttc(fonts: list[Path], target: Path) -> Path:
    """Pack TrueType files into one collection, as Windows ships Yu Gothic and Meiryo."""
    blobs = [f.read_bytes() for f in fonts]
    header = 12 + 4 * len(blobs)
    out = bytearray(b"ttcf" + struct.pack(">II", 0x00010000, len(blobs)))
    offsets, body, position = [], bytearray(), header
    # each font: its table directory rewritten to absolute offsets, then its tables
    for blob in blobs:
        num_tables = struct.unpack(">H", blob[4:6])[0]
        directory_size = 12 + 16 * num_tables
        font_start = position + len(body)
        offsets.append(font_start)
        shift = font_start + directory_size
        directory = bytearray(blob[:12])
        tables = bytearray()
        for i in range(num_tables):
            entry = blob[12 + 16 * i : 28 + 16 * i]
            tag, checksum, offset, length = struct.unpack(">4sIII", entry)
            new_offset = shift + len(tables)
            directory += struct.pack(">4sIII", tag, checksum, new_offset, length)
            tables += blob[offset : offset + length]
            tables += b"\0" * (-len(tables) % 4)
        body += directory + tables
    for offset in offsets:
        out += struct.pack(">I", offset)
    out += body
    target.write_bytes(bytes(out))
    return target


def test_windows_collection_picks_the_sub_font_by_family_name(tmp_path):
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    # The proportional face first, so index 0 would be the wrong one.
    _ttc(
        [BIZ / "BIZUDPGothic-Regular.ttf", BIZ / "BIZUDGothic-Regular.ttf"],
        fonts / "BIZ-UDGothicR.ttc",
    )
    choice = find_font(dirs=[fonts])
    assert choice.embedded and choice.subfont == 1 and choice.display_name == "BIZ UDGothic"
    lesson = Catalogue.load(builtin_lessons_dir()).get("smartphone-basics", "ja")
    pdf = guide_pdf(lesson, HandoutOptions(font_dirs=(fonts,)))
    assert lesson.title in page_texts(pdf.data)[0].replace("\n", "")


def test_windows_meiryo_file_name_is_recognised_case_insensitively(tmp_path):
    shutil.copy(IPAEX, tmp_path / "MEIRYO.TTC")  # a plain TrueType inside still loads
    choice = find_font(dirs=[tmp_path])
    assert choice.embedded and choice.path == tmp_path / "MEIRYO.TTC"


def test_cff_outline_fonts_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "BIZUDGothic-Regular.ttf").write_bytes(b"OTTO" + b"\0" * 200)
    shutil.copy(IPAEX, tmp_path / "ipaexg.ttf")
    choice = find_font(dirs=[tmp_path])
    assert choice.display_name == "IPAexGothic"
    assert [s.reason for s in choice.skipped] == [
        "CFF (PostScript) outlines cannot be embedded by reportlab"
    ]


def test_without_any_japanese_font_the_fallback_is_used_and_a_warning_given(tmp_path):
    choice = find_font(dirs=[tmp_path])
    assert not choice.embedded and choice.family == CID_FALLBACK
    assert "BIZ UD" in choice.warning("ja") and "not embedded" in choice.warning("en")
    lesson = Catalogue.load(builtin_lessons_dir()).get("card-renewal", "ja")
    pdf = guide_pdf(lesson, HandoutOptions(font_dirs=(tmp_path,)))
    assert pdf.data.startswith(b"%PDF") and pdf.warning("en")


def test_qr_is_a_vector_path_with_a_quiet_zone_and_at_least_22_mm():
    url = "https://www.kojinbango-card.go.jp/uketori/"
    matrix = qr_matrix(url)
    n = len(matrix)
    for i in range(QUIET_ZONE):
        assert not any(matrix[i]) and not any(matrix[n - 1 - i])
        assert not any(row[i] or row[n - 1 - i] for row in matrix)
    code = QrCode(url, code_width=10 * mm)  # asks for less than the minimum
    assert code.code_width >= 22 * mm - 0.01
    assert code.wrap(500, 500) == (code.width, code.height)
    # Every dark module is covered by exactly one run, and no light module by any.
    covered = {
        (row, col) for row, start, length in dark_runs(url) for col in range(start, start + length)
    }
    dark = {(r, c) for r in range(n) for c in range(n) if matrix[r][c]}
    assert covered == dark


def test_english_handouts_prefer_the_proportional_face():
    assert find_font(lang="en").display_name == "BIZ UDPGothic"
    assert find_font(lang="ja").display_name == "BIZ UDGothic"
