"""paths.py finds bundled files in a source tree, an installed wheel and a frozen build."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dxhelper import paths

ROOT = Path(__file__).resolve().parents[1]


def test_source_checkout_finds_lessons_and_resources_beside_the_package():
    assert paths.builtin_lessons_dir() == ROOT / "lessons"
    assert paths.resources_dir() == ROOT / "resources"


def test_frozen_build_looks_in_meipass_first(tmp_path, monkeypatch):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.builtin_lessons_dir() == tmp_path / "lessons"
    assert paths.resources_dir() == tmp_path / "resources"


def test_a_missing_bundle_names_every_place_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "_bundle_roots", lambda: [tmp_path / "a", tmp_path / "b"])
    with pytest.raises(FileNotFoundError, match=r"lessons.*a.*b"):
        paths.builtin_lessons_dir()


def test_data_dir_option_beats_environment_which_beats_platform_default(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    default = paths.DataPaths.resolve()
    assert default.root.name == "dxhelper" and default.root.is_absolute()
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "env"))
    assert paths.DataPaths.resolve().root == tmp_path / "env"
    chosen = paths.DataPaths.resolve(tmp_path / "option")
    assert chosen.root == tmp_path / "option"
    assert chosen.database == tmp_path / "option" / "dxhelper.sqlite3"
    assert chosen.backups == tmp_path / "option" / "backups"
    assert chosen.user_lessons == tmp_path / "option" / "lessons"


def test_paths_with_spaces_and_japanese_work(tmp_path):
    from dxhelper.store import Store

    folder = tmp_path / "Taro Yamada" / "推進委員 データ"
    data = paths.DataPaths.resolve(folder)
    with Store.open(data.database) as store:
        store.add_venue("中央公民館")
    assert data.database.exists()


def test_installed_wheel_carries_lessons_and_resources(tmp_path):
    """Build the real wheel, install it into a bare folder and ask it where its lessons are."""
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("dxhelper-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dxhelper/_data/lessons/README.md" in names
    assert "dxhelper/_data/resources/README.md" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    probe = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(target)!r});"
            "from dxhelper import paths; print(paths.builtin_lessons_dir());"
            "print(paths.resources_dir())",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    lessons, resources = probe.stdout.split()
    assert Path(lessons) == target / "dxhelper" / "_data" / "lessons"
    assert Path(resources) == target / "dxhelper" / "_data" / "resources"


def test_the_version_constant_matches_pyproject():
    import tomllib

    from dxhelper import __version__

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]
