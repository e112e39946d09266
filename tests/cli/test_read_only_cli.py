"""Every command that only reads works on a data folder that cannot be written (issue 19 §2);
one that writes says the folder is read-only, and nothing in the folder changes.

What this proves: the folder is read-only for real, as root too: `made_read_only` (tests/
conftest.py) puts a read-only bind mount over it when running as root (file modes do not stop
root), or removes the write permissions otherwise. The kernel refuses every write; the
commands run in their own processes through the real entry point."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dxhelper.demo import DemoSpec, build_demo
from dxhelper.store import Store

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ro-template") / "dxhelper.sqlite3"
    build_demo(path, DemoSpec(residents=12, sessions=15, seed=5, end_month=dt.date(2026, 11, 1)))
    with Store.open(path) as store:
        store.update_installation(is_demo=False)  # real records: the commands' default
    return path


@pytest.fixture
def folder(tmp_path, template, read_only):
    source = tmp_path / "data"
    source.mkdir()
    shutil.copy(template, source / "dxhelper.sqlite3")
    with Store.open(source / "dxhelper.sqlite3"):
        pass  # checkpointed, as after a normal close: no -wal left beside it
    with read_only(source) as path:
        before = _digest(path)
        yield path
        assert _digest(path) == before, "a command changed the read-only folder"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _first(folder: Path, sql: str) -> str:
    import sqlite3

    uri = f"file:{folder / 'dxhelper.sqlite3'}?immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXHELPER_HOME": str(folder)}
    env.pop("DXHELPER_LANG", None)
    return subprocess.run(
        [EXE, "--lang", "en", *args], capture_output=True, text=True, env=env, timeout=180
    )


def test_reading_commands_work_on_a_read_only_folder(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    resident = _first(folder, "SELECT id FROM residents WHERE display_name != '' LIMIT 1")
    session = _first(
        folder, "SELECT session_id FROM attendance GROUP BY session_id ORDER BY count(*) DESC"
    )
    commands = [
        ("check",),
        ("lessons", "check"),
        ("lessons", "list"),
        ("report", "--from", "2025-12", "--to", "2026-11", "-o", str(out / "r.xlsx")),
        ("sheet", resident, "-o", str(out / "sheet.pdf")),
        ("handout", "--session", session, "-o", str(out / "run.pdf")),
        ("handout", "mynumber-apply", "-o", str(out / "guide.pdf")),
        ("export", "--plain", "-o", str(out / "all.dxhelper")),
    ]
    for args in commands:
        result = run(folder, *args)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        assert "read-only" not in result.stdout + result.stderr, args
    for name in ("r.xlsx", "sheet.pdf", "run.pdf", "guide.pdf", "all.dxhelper"):
        assert (out / name).stat().st_size > 1000, name


def test_a_command_that_writes_says_read_only(folder, tmp_path):
    for args in (
        ("export", "--plain", "--since-last-to", "city", "-o", str(tmp_path / "x.dxhelper")),
        ("backup",),
    ):
        result = run(folder, *args)
        assert result.returncode == 1, args
        assert "read-only" in result.stderr, f"{args}: {result.stderr}"
        assert len(result.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "x.dxhelper").exists()
