"""`dxhelper handout` and `dxhelper sheet` through the real entry point."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from dxhelper.core.models import StepState
from dxhelper.store import Store

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DXHELPER_HOME": str(home), **env}
    environ.pop("DXHELPER_LANG", None)
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=environ, timeout=120)


def test_handout_writes_a_pdf(tmp_path):
    out = tmp_path / "受け取り.pdf"
    result = run("handout", "mynumber-receive", "--large", "-o", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF") and "保存しました" in result.stdout
    assert result.stderr == ""


def test_handout_all_and_english_a5(tmp_path):
    out = tmp_path / "all.pdf"
    result = run("--lang", "en", "handout", "--all", "--paper", "a5", "-o", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000 and "Saved" in result.stdout


def test_unknown_lesson_is_one_line_and_no_file(tmp_path):
    out = tmp_path / "x.pdf"
    result = run("handout", "no-such-lesson", "-o", str(out), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["講座「no-such-lesson」が見つかりません。"]
    assert not out.exists()


def test_unwritable_output_is_one_line(tmp_path):
    result = run("handout", "card-renewal", "-o", str(tmp_path / "no" / "x.pdf"), home=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("PDFを保存できません")


def test_a_pin_in_the_venue_line_is_refused(tmp_path):
    out = tmp_path / "x.pdf"
    result = run(
        "handout", "card-renewal", "--venue", "暗証番号は4821", "-o", str(out), home=tmp_path
    )
    assert result.returncode == 1 and "4821" not in result.stderr
    assert not out.exists()


def test_without_a_japanese_font_the_pdf_is_made_and_the_warning_shown(tmp_path):
    out = tmp_path / "x.pdf"
    empty = tmp_path / "fonts"
    empty.mkdir()
    result = run(
        "handout", "card-renewal", "-o", str(out), home=tmp_path, DXHELPER_FONT_DIRS=str(empty)
    )
    assert result.returncode == 0
    assert "日本語のフォント" in result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_sheet_by_name_and_by_id(tmp_path):
    with Store.open(tmp_path / "dxhelper.sqlite3") as store:
        hanako = store.add_resident(
            "山田 花子",
            kana="やまだ はなこ",
            consent_date=dt.date(2026, 11, 1),
            consent_version="2026-1",
        )
        store.add_resident(
            "山田 太郎",
            kana="やまだ たろう",
            consent_date=dt.date(2026, 11, 1),
            consent_version="2026-1",
        )
        store.set_step_state(hanako.id, "card-renewal", "know-dates", StepState.DONE)
    out = tmp_path / "sheet.pdf"
    by_name = run("sheet", "やまだ　は", "-o", str(out), home=tmp_path)
    assert by_name.returncode == 0, by_name.stderr
    assert out.exists()
    ambiguous = run("sheet", "やまだ", "-o", str(out), home=tmp_path)
    assert ambiguous.returncode == 1 and "複数" in ambiguous.stderr
    missing = run("sheet", "すずき", "-o", str(out), home=tmp_path)
    assert missing.returncode == 1 and "見つかりません" in missing.stderr
    by_id = run("--lang", "en", "sheet", hanako.id, "-o", str(tmp_path / "b.pdf"), home=tmp_path)
    assert by_id.returncode == 0, by_id.stderr


def test_handout_takes_paper_size_from_the_apps_settings(tmp_path):
    from pypdf import PdfReader

    (tmp_path / "settings.json").write_text('{"paper": "A5"}', encoding="utf-8")
    out = tmp_path / "a5.pdf"
    assert run("handout", "smartphone-basics", "-o", str(out), home=tmp_path).returncode == 0
    width = float(PdfReader(out).pages[0].mediabox.width)
    assert round(width) == 420  # A5: 148 mm
    explicit = tmp_path / "a4.pdf"
    args = ("handout", "smartphone-basics", "--paper", "A4", "-o", str(explicit))
    assert run(*args, home=tmp_path).returncode == 0
    assert round(float(PdfReader(explicit).pages[0].mediabox.width)) == 595
