"""Issue 16 §7: a lesson file holding a 個人番号 or a PIN phrase is an error of `lessons check`
(file:line) and never loads, so no guide, sheet or projector page can print it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dxhelper.core.lessons import Catalogue
from dxhelper.core.lessons.check import check_paths, new_lesson_text
from dxhelper.core.lessons.parser import parse_lesson_file

NUMBER = "123456789018"  # a valid check digit
EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def lesson_with(root: Path, line: str, lesson_id: str = "my-lesson") -> tuple[Path, int]:
    """A user lesson (the `lessons new` template) with `line` added after the intro; the
    line number it landed on."""
    text = new_lesson_text(lesson_id, "ja", "2026-11-24")
    lines = text.split("\n")
    at = next(i for i, t in enumerate(lines) if t.startswith("この講座で")) + 1
    lines[at:at] = ["", line]
    path = root / "ja" / f"{lesson_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 2


SECRETS = {
    "plain": (f"見本の番号は{NUMBER}です。", "個人番号"),
    "grouped with middle dots": (
        f"カードの番号 {NUMBER[:4]}・{NUMBER[4:8]}・{NUMBER[8:]}",
        "個人番号",
    ),
    "zero-width spaces": (f"番号 {NUMBER[:4]}\u200b{NUMBER[4:8]}\u200b{NUMBER[8:]}", "個人番号"),
    "Arabic-Indic digits": ("".join(chr(0x660 + int(d)) for d in NUMBER), "個人番号"),
    "PIN phrase": ("暗証番号は1234にしておきます。", "暗証番号"),
    "PIN with spaced digits": ("暗証番号は 1 2 3 4 です。", "暗証番号"),
    "PIN in kanji digits": ("暗証番号は一二三四です。", "暗証番号"),
}


@pytest.mark.parametrize(("line", "word"), SECRETS.values(), ids=SECRETS.keys())
def test_a_secret_in_a_lesson_is_an_error_on_its_line_and_the_lesson_does_not_load(
    tmp_path: Path, line: str, word: str
) -> None:
    path, at = lesson_with(tmp_path / "user", line)

    result = parse_lesson_file(path)
    assert result.lesson is None
    errors = [p for p in result.problems if p.is_error]
    assert [p.line for p in errors] == [at]
    assert word in errors[0].ja
    assert "My Number" in errors[0].en or "PIN" in errors[0].en
    for message in (errors[0].ja, errors[0].en):
        assert NUMBER not in message and "1234" not in message

    catalogue = Catalogue.load(tmp_path / "no-builtin", tmp_path / "user")
    assert "my-lesson" not in catalogue.ids()
    assert [p.line for p in check_paths([tmp_path / "user"]) if p.is_error] == [at]


def test_a_secret_in_the_front_matter_or_a_step_id_is_found_too(tmp_path: Path) -> None:
    text = new_lesson_text("my-lesson", "ja", "2026-11-24")
    text = text.replace('bring = ["スマートフォン"]', f'bring = ["カード {NUMBER}"]')
    text = text.replace("{#second-step}", f"{{#{NUMBER[:4]}-{NUMBER[4:8]}-{NUMBER[8:]}}}")
    path = tmp_path / "ja" / "my-lesson.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    result = parse_lesson_file(path)
    assert result.lesson is None
    lines = text.split("\n")
    expected = [i + 1 for i, t in enumerate(lines) if NUMBER[:4] in t]
    assert len(expected) == 2
    privacy = [p.line for p in result.problems if "個人番号" in p.ja]
    assert privacy == expected


def test_harmless_numbers_in_a_lesson_still_load(tmp_path: Path) -> None:
    for i, line in enumerate(
        [
            "困ったときは 0120-95-0178（マイナンバー総合フリーダイヤル）へ。",
            "申請書ID（23桁）は 1234 5678 9012 3456 7890 123 のように書かれています。",
            "受付は 2026-12-01 10:00〜11:30、〒100-0001 の会場です。",
            "暗証番号は数字4桁、署名用のパスワードは英数字6〜16文字です。",
            f"見本の番号 {NUMBER[:11]}2 は実在しない番号です。",
        ]
    ):
        path, _ = lesson_with(tmp_path / "user", line, f"ok-{i}")
        result = parse_lesson_file(path)
        assert result.lesson is not None, result.problems
        assert not [p for p in result.problems if p.is_error]


@pytest.mark.skipif(EXE is None, reason="the dxhelper command is not installed")
def test_lessons_check_and_handout_refuse_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path, at = lesson_with(data / "lessons", f"番号 {NUMBER[:4]} {NUMBER[4:8]}  {NUMBER[8:]}")
    env = {k: v for k, v in os.environ.items() if k not in ("DXHELPER_HOME", "DXHELPER_LANG")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(EXE), "--data-dir", str(data), "--lang", "en", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    checked = run("lessons", "check", str(path))
    assert checked.returncode == 1
    assert f"{path.name}:{at}: error:" in checked.stdout
    assert "My Number" in checked.stdout
    assert NUMBER[:4] not in checked.stdout + checked.stderr

    handout = run("handout", "my-lesson", "-o", str(tmp_path / "out.pdf"))
    assert handout.returncode != 0
    assert not (tmp_path / "out.pdf").exists()
