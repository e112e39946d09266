"""Issue 16 §8: bad local files never stop the app.

A truncated or byte-flipped font is skipped with a warning and the next font used (the flipped
one judged in a child bounded in time and memory); a settings file nested 100,000 deep or of
5 MB gives the defaults with a warning; an export to a file name that is not valid text is
refused before anything is written; leftovers of interrupted writes go at start.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dxhelper.cli import cli
from dxhelper.core.errors import DxError
from dxhelper.core.files import clean_partials
from dxhelper.core.settings import Settings
from dxhelper.pdfkit import font_check
from dxhelper.pdfkit.fonts import find_font, forget_fonts

BIZ = Path("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf")
IPAEX = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")


@pytest.fixture
def fresh_verdicts(tmp_path):
    """Every font judged anew, the verdicts kept in this test's own folder."""
    forget_fonts()
    font_check.forget_verdicts()
    font_check.use_cache_folder(tmp_path / "font-cache")
    yield tmp_path / "font-cache"
    font_check.forget_verdicts()
    font_check.use_cache_folder(font_check._default_folder())
    forget_fonts()


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    (count,) = struct.unpack_from(">H", data, 4)
    return {
        tag: (offset, length)
        for tag, _c, offset, length in (
            struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count)
        )
    }


def _guide(fonts: Path):
    from dxhelper.core.lessons import Catalogue
    from dxhelper.handouts import HandoutOptions, guide_pdf
    from dxhelper.paths import builtin_lessons_dir

    lesson = Catalogue.load(builtin_lessons_dir()).get("smartphone-basics", "ja")
    return guide_pdf(lesson, HandoutOptions(font_dirs=(fonts,)))


def test_a_truncated_font_is_skipped_with_a_warning_and_the_next_used(tmp_path, fresh_verdicts):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    data = BIZ.read_bytes()
    (fonts / BIZ.name).write_bytes(data[: len(data) // 2])  # cut off mid-glyf
    shutil.copy(IPAEX, fonts / IPAEX.name)
    choice = find_font(dirs=[fonts])
    assert choice.embedded and choice.display_name == "IPAexGothic"
    assert choice.damaged == (fonts / BIZ.name,)
    assert "cut short" in choice.skipped[0].reason
    assert BIZ.name in choice.warning("en") and "Damaged font" in choice.warning("en")
    assert "壊れている" in choice.warning("ja")
    pdf = _guide(fonts)
    assert pdf.data.startswith(b"%PDF") and pdf.font.display_name == "IPAexGothic"
    assert BIZ.name in pdf.warning("en")
    # judged once: the verdict is on disk, keyed by the file's SHA-256
    assert (fresh_verdicts / font_check.CACHE_NAME).is_file()


def test_a_byte_flipped_font_is_judged_in_a_bounded_child_and_skipped(tmp_path, fresh_verdicts):
    data = bytearray(BIZ.read_bytes())
    tables = _tables(bytes(data))
    loca, _length = tables[b"loca"]
    for i in range(40):  # glyph offsets out of order: garbage for every glyph after them
        data[loca + 400 + 4 * i] ^= 0xFF
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / BIZ.name).write_bytes(bytes(data))
    shutil.copy(IPAEX, fonts / IPAEX.name)
    started = time.monotonic()
    choice = find_font(dirs=[fonts])
    assert time.monotonic() - started < 2 * font_check.TIME_LIMIT
    assert choice.display_name == "IPAexGothic" and choice.damaged == (fonts / BIZ.name,)
    # once judged, the verdict comes from the cache: no child, a fraction of a second
    forget_fonts()
    started = time.monotonic()
    again = find_font(dirs=[fonts])
    assert again.damaged == choice.damaged and time.monotonic() - started < 5


def test_a_cmap_memory_bomb_is_refused_before_and_inside_the_child(tmp_path, fresh_verdicts):
    """A cmap group claiming ~250 million characters made reportlab allocate gigabytes."""
    data = bytearray(BIZ.read_bytes())
    cmap, _length = _tables(bytes(data))[b"cmap"]
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(count):
        _p, _e, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if struct.unpack_from(">H", data, cmap + sub)[0] == 12:
            data[cmap + sub + 16 + 4] ^= 0x0F  # the first group's last character, high byte
    bomb = tmp_path / "bomb.ttf"
    bomb.write_bytes(bytes(data))
    verdict = font_check.judge(bomb)
    assert not verdict.ok and verdict.damaged and "cmap" in verdict.reason
    if sys.platform == "win32":
        return  # no address-space limit there: only the in-process check guards
    # Without the in-process check the child hits its memory limit (kept small here).
    started = time.monotonic()
    inside = font_check.judge_in_child(bomb, timeout=30, memory=600 << 20)
    assert not inside.ok and inside.damaged, inside
    assert time.monotonic() - started < 40


def _settings_dir(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("deep", "[" * 100_000 + "]" * 100_000),
        ("deep-object", '{"paper": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001),
        ("huge", '{"paper": "A5", "pad": "' + "x" * 5_000_000 + '"}'),
    ],
)
def test_a_hostile_settings_file_gives_the_defaults_with_a_warning(tmp_path, kind, text):
    data = _settings_dir(tmp_path, text)
    settings = Settings.load(data)
    assert settings.get("paper") == "A4"
    assert settings.problem is not None
    assert "defaults" in settings.warning("en") and "初期設定" in settings.warning("ja")
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "lessons", "list"])
    assert result.exit_code == 0, result.output
    assert "smartphone-basics" in result.output


def test_a_good_settings_file_still_loads_without_a_warning(tmp_path):
    data = _settings_dir(tmp_path, '{"paper": "A5", "trusted_domains": ["example.jp"]}')
    settings = Settings.load(data)
    assert settings.get("paper") == "A5" and settings.warning() == ""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="POSIX byte file names")
def test_an_export_to_a_name_that_is_not_text_writes_nothing_and_records_nothing(tmp_path, store):
    from dxhelper.exchange import export_bundle
    from dxhelper.store import last_export_to

    store.add_venue("中央公民館", "みどり市")
    out = tmp_path / "out"
    out.mkdir()
    target = Path(os.fsdecode(os.fsencode(out) + b"/records\xff.dxhelper"))
    with pytest.raises(DxError) as caught:
        export_bundle(store, target, since_last_to="青木")
    assert "not readable text" in caught.value.message("en")
    assert "使えません" in caught.value.message("ja")
    caught.value.message("en").encode("utf-8")  # printable as it is
    assert list(out.iterdir()) == []
    assert last_export_to(store, "青木") is None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="POSIX byte file names")
def test_the_export_command_says_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    CliRunner().invoke(cli, ["--data-dir", str(data), "demo"])
    target = os.fsencode(tmp_path) + b"/r\xff.dxhelper"  # as a shell passes it: bytes
    command = [sys.executable, "-m", "dxhelper", "--data-dir", str(data), "--lang", "en"]
    result = subprocess.run(
        [*command, "--practice", "export", "-o", target],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    err = result.stderr.decode("utf-8")
    assert "not readable text" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("r")]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="POSIX byte file names")
def test_a_pdf_save_to_a_name_that_is_not_text_writes_nothing(tmp_path):
    from dxhelper.pdfkit.fonts import FontChoice
    from dxhelper.pdfkit.result import Pdf

    pdf = Pdf(b"%PDF-1.4\n", FontChoice("F", "F", None))
    with pytest.raises(DxError, match="使えません"):
        pdf.save(os.fsdecode(os.fsencode(tmp_path) + b"/guide\xff.pdf"))
    with pytest.raises(DxError, match="PDF"):
        pdf.save(tmp_path / "missing-folder" / "guide.pdf")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_interrupted_writes_are_removed_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    old = time.time() - 3600
    stale = [data / "records.dxhelper.partial", data / ".dxhelper-abc123.pdf"]
    for path in stale:
        path.write_bytes(b"PK\x03\x04 half")
        os.utime(path, (old, old))
    fresh = data / "other.dxhelper.partial"  # another dxhelper may be writing it right now
    fresh.write_bytes(b"PK\x03\x04")
    keep = data / "notes.txt"
    keep.write_text("mine")
    os.utime(keep, (old, old))
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "lessons", "list"])
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and keep.exists()
    assert clean_partials(tmp_path / "nowhere") == []  # a missing folder is no error
