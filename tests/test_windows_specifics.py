"""What a Windows laptop does differently, checked here with simulated Windows paths.

The build runs on Linux in CI; these tests pin the behaviour that differs on Windows: where the
data and the fonts are looked for, Japanese file names, CRLF lesson files, spaces in user names.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path, PureWindowsPath

import platformdirs.windows

from dxhelper import paths
from dxhelper.core.lessons.parser import parse_lesson_file
from dxhelper.handouts import HandoutOptions, guide_pdf
from dxhelper.pdfkit.fonts import default_font_dirs, find_font, forget_fonts
from dxhelper.store import Store

USER = r"C:\Users\Taro Yamada"  # a user name with a space, as many Windows accounts have


def test_data_folder_is_local_appdata_on_windows(monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", USER + r"\AppData\Local")
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    monkeypatch.setattr(
        paths.platformdirs,
        "user_data_dir",
        lambda name, appauthor=None, roaming=False: (
            platformdirs.windows.Windows(name, appauthor=appauthor, roaming=roaming).user_data_dir
        ),
    )
    folder = PureWindowsPath(str(paths.default_data_dir()))
    assert folder == PureWindowsPath(USER + r"\AppData\Local\dxhelper")


def test_windows_font_folders_are_searched_user_first(monkeypatch):
    monkeypatch.delenv("DXHELPER_FONT_DIRS", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", USER + r"\AppData\Local")
    dirs = [PureWindowsPath(str(d)) for d in default_font_dirs()]
    assert dirs == [
        PureWindowsPath(USER + r"\AppData\Local\Microsoft\Windows\Fonts"),
        PureWindowsPath(r"C:\Windows\Fonts"),
    ]


def test_biz_ud_gothic_under_its_windows_file_name_is_embedded(tmp_path):
    """Windows ships BIZ UDGothic as BIZ-UDGothicR.ttc; a folder laid out like C:\\Windows\\Fonts
    with that name (and nothing else) gives an embedded font."""
    source = next(Path("/usr/share/fonts").rglob("BIZUDGothic-Regular.ttf"))
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    shutil.copy(source, fonts / "BIZ-UDGothicR.ttc")  # a TrueType file under the Windows name
    forget_fonts()
    try:
        choice = find_font(None, [fonts], "ja")
        assert choice.embedded and choice.path == fonts / "BIZ-UDGothicR.ttc"
    finally:
        forget_fonts()


def test_japanese_file_names_and_spaces_in_the_data_path(tmp_path):
    home = tmp_path / "Taro Yamada" / "AppData" / "Local" / "dxhelper"
    with Store.open(home / "dxhelper.sqlite3") as store:
        store.add_venue("中央公民館")
    from dxhelper.core.lessons import Catalogue

    lesson = Catalogue.load(paths.builtin_lessons_dir(), None).get("smartphone-basics", "ja")
    (home / "配布資料").mkdir()
    saved = guide_pdf(lesson, HandoutOptions()).save(home / "配布資料" / "スマホの基本 第1回.pdf")
    assert saved.exists() and saved.read_bytes().startswith(b"%PDF")


def test_a_lesson_saved_with_windows_line_endings_reads_the_same(tmp_path):
    original = paths.builtin_lessons_dir() / "ja" / "smartphone-basics.md"
    crlf = tmp_path / "ja" / "smartphone-basics.md"
    crlf.parent.mkdir()
    crlf.write_bytes(original.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    a = parse_lesson_file(original)
    b = parse_lesson_file(crlf)
    assert not [p for p in b.problems if p.is_error]
    assert a.lesson.steps == b.lesson.steps and a.lesson.title == b.lesson.title
