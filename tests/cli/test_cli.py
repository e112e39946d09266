"""The `dxhelper` command: every job through the real entry point; every failure one line."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dxhelper.store import Store

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def run(*args: str, home: Path | None = None, lang: str | None = None, **env: str):
    environ = {**os.environ, **env}
    environ.pop("DXHELPER_HOME", None)
    environ.pop("DXHELPER_LANG", None)
    if home is not None:
        environ["DXHELPER_HOME"] = str(home)
    if lang is not None:
        environ["DXHELPER_LANG"] = lang
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=environ, timeout=120)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_console_script_is_installed():
    assert EXE, "the dxhelper console script is not on the venv's PATH"


def test_version(tmp_path):
    from dxhelper import __version__

    result = run("--version", home=tmp_path)
    assert result.returncode == 0 and __version__ in result.stdout


def test_python_dash_m_runs_the_same_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "dxhelper", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "demo" in result.stdout and "check" in result.stdout


def test_importing_the_command_line_loads_no_heavy_module():
    # --version and opening the window must not pay for the store, PDFs, spreadsheets or Qt.
    heavy = ("reportlab", "openpyxl", "markdown_it", "sqlite_utils", "PySide6", "dxhelper.store")
    code = (
        "import sys, dxhelper.cli\n"
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_demo_then_check_passes(tmp_path):
    built = run("demo", "--seed", "7", "--end-month", "2026-11", home=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "練習用データベース" in built.stdout and "--practice" in built.stdout
    checked = run("--practice", "check", home=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "問題はありません" in checked.stdout


def test_data_dir_option_beats_the_environment(tmp_path):
    chosen, other = tmp_path / "chosen", tmp_path / "other"
    result = run(
        "--data-dir", str(chosen), "demo", "--residents", "5", "--sessions", "5", home=other
    )
    assert result.returncode == 0, result.stderr
    assert (chosen / "practice" / "dxhelper.sqlite3").exists() and not other.exists()


def test_demo_is_deterministic_and_realistic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for home in (first, second):
        assert run("demo", "--seed", "3", "--end-month", "2026-11", home=home).returncode == 0

    def dump(home: Path) -> list:
        """Every row's content; venues and volunteers by name (their ids are fresh UUIDs)."""
        conn = sqlite3.connect(home / "practice" / "dxhelper.sqlite3")
        names = dict(
            conn.execute(
                "SELECT id, name FROM venues UNION ALL SELECT id, display_name FROM volunteers"
            )
        )
        rows = []
        for table in ("residents", "sessions", "attendance", "session_lessons", "progress"):
            skip = (
                {"id", "created_at", "updated_at", "origin"}
                if table in ("attendance", "session_lessons")
                else {"origin"}
            )
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
            found = conn.execute(f"SELECT {', '.join(cols)} FROM {table}")
            rows.append(sorted(tuple(names.get(v, v) for v in row) for row in found))
        return rows

    assert dump(first) == dump(second)

    from dxhelper.demo import DEMO_LESSONS

    assert not (first / "dxhelper.sqlite3").exists()  # never in the real records' place
    with Store.open(first / "practice" / "dxhelper.sqlite3") as store:
        assert store.installation.is_demo
        residents = store.list_residents()
        assert len(residents) == 60
        old = sum(r.age_band.value in ("70s", "80plus") for r in residents)
        assert old > len(residents) / 2  # skewed old, as at real sessions
        assert all(r.kana and r.consent_version for r in residents)
        sessions = store.recent_sessions(limit=1000)
        assert len(sessions) == 80
        assert {s.kind.value for s in sessions} == {"class", "consultation", "outreach"}
        months = {(s.date.year, s.date.month) for s in sessions}
        assert len(months) >= 10 and max(months) == (2026, 11)
        assert all(
            "公民館" in v.name or "センター" in v.name or "図書館" in v.name
            for v in store.list_venues()
        )
        steps = {(p.lesson_id, p.step_id) for r in residents for p in store.progress_for(r.id)}
        assert steps and all(step in DEMO_LESSONS[lesson] for lesson, step in steps)
        assert store.check().ok


def test_demo_builds_beside_real_records_and_never_touches_them(tmp_path):
    db = tmp_path / "dxhelper.sqlite3"
    with Store.open(db) as store:
        store.add_venue("本物の会場")
    before = _sha(db)
    result = run("demo", "--residents", "3", "--sessions", "2", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "practice" / "dxhelper.sqlite3") in result.stdout
    assert _sha(db) == before


def test_demo_refuses_to_overwrite_real_records_in_the_practice_folder(tmp_path):
    db = tmp_path / "practice" / "dxhelper.sqlite3"
    with Store.open(db) as store:
        store.add_venue("本物の会場")
    before = _sha(db)
    result = run("demo", home=tmp_path)
    assert result.returncode == 1
    assert "上書きしません" in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in result.stderr
    assert _sha(db) == before


def test_demo_never_touches_an_old_demo_database_in_the_real_folder(tmp_path):
    """Before issue 16 §6 the demo went into the real folder, and people entered real residents
    in it: `dxhelper demo` now leaves that database alone (the window shows it as practice)."""
    import datetime as dt

    from dxhelper.demo import DemoSpec, build_demo

    db = tmp_path / "dxhelper.sqlite3"
    build_demo(db, DemoSpec(residents=3, sessions=2))
    with Store.open(db) as store:
        store.add_resident("本物 一郎", consent_date=dt.date.today(), consent_version="2026-1")
        store.checkpoint()
    before = _sha(db)
    assert run("demo", "--residents", "3", "--sessions", "2", home=tmp_path).returncode == 0
    assert _sha(db) == before


def test_demo_backs_up_and_refuses_when_someone_entered_records(tmp_path):
    import datetime as dt

    practice = tmp_path / "practice"
    assert run("demo", "--residents", "3", "--sessions", "2", home=tmp_path).returncode == 0
    with Store.open(practice / "dxhelper.sqlite3") as store:
        store.add_resident("本物 一郎", consent_date=dt.date.today(), consent_version="2026-1")
    refused = run("demo", "--residents", "3", "--sessions", "2", home=tmp_path, lang="en")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "本物 一郎" in refused.stderr and "--discard-changes" in refused.stderr
    backups = list((practice / "backups").glob("dxhelper-*-demo*.sqlite3"))
    assert len(backups) == 1 and str(backups[0]) in refused.stderr
    with Store.open(practice / "dxhelper.sqlite3") as store:
        assert store.find_resident("本物 一郎")  # nothing deleted
    with Store.open(backups[0]) as copy:
        assert copy.find_resident("本物 一郎")  # and it is in the backup
    replaced = run(
        "demo", "--residents", "3", "--sessions", "2", "--discard-changes", home=tmp_path
    )
    assert replaced.returncode == 0, replaced.stderr
    with Store.open(practice / "dxhelper.sqlite3") as store:
        assert store.count_residents() == 3
        assert "本物 一郎" not in [r.display_name for r in store.list_residents()]
    assert len(list((practice / "backups").glob("dxhelper-*-demo*.sqlite3"))) == 2


def test_demo_replaces_a_demo_database_and_if_missing_keeps_it(tmp_path):
    assert run("demo", "--residents", "5", "--sessions", "5", home=tmp_path).returncode == 0
    again = run("demo", "--residents", "9", "--sessions", "5", home=tmp_path)
    assert again.returncode == 0, again.stderr  # nothing entered since: replaced quietly
    with Store.open(tmp_path / "practice" / "dxhelper.sqlite3") as store:
        assert store.count_residents() == 9
    assert not (tmp_path / "practice" / "backups").exists()
    kept = run("demo", "--if-missing", "--residents", "3", home=tmp_path)
    assert kept.returncode == 0 and "そのまま" in kept.stdout
    with Store.open(tmp_path / "practice" / "dxhelper.sqlite3") as store:
        assert store.count_residents() == 9


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_check_on_a_file_that_is_not_a_database_is_one_line(tmp_path, lang):
    db = tmp_path / "dxhelper.sqlite3"
    db.write_bytes(b"PK\x03\x04 not a database at all")
    result = run("check", home=tmp_path, lang=lang)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first_line = result.stderr.strip().splitlines()[0]
    expected = "データベースではありません" if lang == "ja" else "not a dxhelper database"
    assert expected in first_line
    assert db.read_bytes() == b"PK\x03\x04 not a database at all"


def test_check_without_a_database_says_so(tmp_path):
    result = run("check", home=tmp_path)
    assert result.returncode == 1 and "見つかりません" in result.stderr
    assert not (tmp_path / "dxhelper.sqlite3").exists()


def test_check_finds_a_broken_reference(tmp_path):
    db = tmp_path / "practice" / "dxhelper.sqlite3"
    assert run("demo", "--residents", "3", "--sessions", "3", home=tmp_path).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        conn.execute("UPDATE sessions SET venue_id = 'vanished'")
    conn.close()
    result = run("--practice", "check", home=tmp_path, lang="en")
    assert result.returncode == 1 and "Broken reference" in result.stdout


def test_english_messages_with_lang_option(tmp_path):
    result = run("--lang", "en", "demo", "--residents", "2", "--sessions", "2", home=tmp_path)
    assert result.returncode == 0 and "Practice database written" in result.stdout


def test_bare_command_opens_the_window_and_keeps_running(tmp_path):
    """`dxhelper` alone starts the app on the data folder (first run done) and stays open; on
    the practice records when Settings → Records says so (no real database is made)."""
    import json
    import time

    assert run("demo", "--sessions", "5", "--residents", "5", home=tmp_path).returncode == 0
    settings = {"first_run_done": True, "records": "practice"}
    (tmp_path / "settings.json").write_text(json.dumps(settings))
    environ = {**os.environ, "DXHELPER_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([EXE], env=environ, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (tmp_path / "dxhelper.lock").exists():
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            time.sleep(0.1)
        time.sleep(1.5)  # the window is built after the lock is taken
        assert app.poll() is None, app.stderr.read() if app.stderr else ""
        assert (tmp_path / "dxhelper.lock").exists()
        assert (tmp_path / "practice" / "dxhelper.running").exists()
        assert not (tmp_path / "dxhelper.sqlite3").exists()
    finally:
        app.kill()
        app.wait()


def test_bad_month_and_unknown_command_are_one_clear_line(tmp_path):
    bad = run("demo", "--end-month", "2026/13", home=tmp_path)
    assert bad.returncode == 1 and "2026-04" in bad.stderr and "Traceback" not in bad.stderr
    unknown = run("frobnicate", home=tmp_path)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_unexpected_errors_are_logged_not_shown(tmp_path, monkeypatch, capsys):
    from dxhelper import cli

    def boom(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr("dxhelper.demo.build_demo", boom)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--data-dir", str(tmp_path), "demo"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "simulated fault" in err and "Traceback" not in err
    log = (tmp_path / "logs" / "dxhelper-error.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "simulated fault" in log


def test_check_warns_about_a_data_folder_inside_a_synced_folder(tmp_path):
    home = tmp_path / "OneDrive" / "dxhelper"
    assert run("demo", "--residents", "3", "--sessions", "2", home=home).returncode == 0
    result = run("--practice", "check", home=home)
    assert result.returncode == 0 and "OneDrive" in result.stderr
