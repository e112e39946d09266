"""One writer at a time across processes (issue 16 §1).

An import running while a restore ran used to be lost: it said "1 file imported" and exited 0,
but it had written into the file the restore had just renamed over. Now the data folder's
write lock serialises the two, and a restore copies the backup into the database file itself
(SQLite's backup API under an exclusive lock) instead of replacing the file, so no connection
can be left writing into a file that is no longer the database.

What "not lost" means for an import that exits 0 next to a restore that exits 0: its resident
is in the database (the restore ran first, or was refused), or, when the import finished
first, in the backup the restore took of the records just before it replaced them (the
"restore" backup it names). An import that did not get to run exits non-zero with a message.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dxhelper.core.errors import DxError
from dxhelper.paths import DataPaths
from dxhelper.store import (
    WAITING_EN,
    WAITING_JA,
    Library,
    Store,
    WriterBusyError,
)
from dxhelper.store import write_lock as write_lock_module  # the test reaches inside

CONSENT = {"consent_date": dt.date(2025, 5, 1), "consent_version": "2025-1"}
IMPORTED = "取込 太郎"
RACE_ROUNDS = [  # (which command starts first, seconds until the other starts)
    *(("import", delay) for delay in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)),
    *(("restore", delay) for delay in (0.0, 0.3)),
]


def _cli(data: Path, *args: str, lang: str = "en") -> subprocess.Popen:
    env = {**os.environ, "DXHELPER_LANG": lang}
    env.pop("DXHELPER_HOME", None)
    return subprocess.Popen(
        [sys.executable, "-m", "dxhelper", "--data-dir", str(data), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def _names(database: Path) -> set[str]:
    conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT display_name FROM residents")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A data folder with records and one backup, and a bundle from another device holding
    one resident the folder does not have."""
    from dxhelper.exchange import export_bundle

    root = tmp_path_factory.mktemp("write-lock")
    paths = DataPaths(root / "data")
    with Library.opened(paths) as library:
        store = library.store
        store.add_venue("中央公民館", "みどり市")
        store.add_volunteer("推進委員 青木")
        store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
        backup = library.backup("manual", force=True)
        assert backup is not None
        store.add_resident("佐藤 一郎", kana="サトウ イチロウ", **CONSENT)
    with Store.open(root / "other" / "dxhelper.sqlite3") as other:
        other.add_resident(IMPORTED, kana="トリコミ タロウ", **CONSENT)
        bundle = export_bundle(other, root / "other.dxhelper").path
    return paths.root, backup.path, bundle


@pytest.fixture
def folder(prepared, tmp_path) -> tuple[DataPaths, Path, Path]:
    """A fresh copy of the prepared folder: (paths, the backup in it, the bundle)."""
    root, backup, bundle = prepared
    copy = tmp_path / "data"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".write.lock"))
    return DataPaths(copy), copy / "backups" / backup.name, bundle


class Holder:
    """Holds the folder's write lock on a thread of its own until `release()`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._taken = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        with write_lock_module.holding(self.root):
            self._taken.set()
            self._release.wait(60)

    def __enter__(self) -> Holder:
        self._thread.start()
        assert self._taken.wait(10)
        return self

    def release(self) -> None:
        self._release.set()
        self._thread.join(10)

    def __exit__(self, *exc: object) -> None:
        self.release()


def _free(root: Path) -> bool:
    """Can another thread take the lock at once?"""
    result: list[bool] = []

    def probe() -> None:
        try:
            with write_lock_module.holding(root, wait=0):
                result.append(True)
        except WriterBusyError:
            result.append(False)

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(10)
    return result == [True]


# -- the race, with two real processes ------------------------------------------------------------


@pytest.mark.parametrize("first,delay", RACE_ROUNDS)
def test_an_import_racing_a_restore_is_never_reported_and_lost(folder, first, delay):
    paths, backup, bundle = folder
    # The second command starts `delay` seconds after the first: a sweep across the time the
    # other takes to start and run (about a second each), so the two overlap at every stage.
    jobs = {"import": ("import", str(bundle)), "restore": ("restore", str(backup))}
    second = "restore" if first == "import" else "import"
    one = _cli(paths.root, *jobs[first])
    time.sleep(delay)
    two = _cli(paths.root, *jobs[second])
    done = {first: _finish(one), second: _finish(two)}
    import_rc, import_out, import_err = done["import"]
    restore_rc, restore_out, restore_err = done["restore"]
    names = _names(paths.database)

    if import_rc != 0:
        assert import_err.strip(), "a failed import says why"
        assert "Traceback" not in import_err
        assert IMPORTED not in names or restore_rc == 0
    else:
        assert "1 file" in import_out or "imported" in import_out.lower(), import_out
        if IMPORTED not in names:
            # Only possible when the import finished first and the restore then put the
            # backup in place: the import's records are in the backup the restore took first.
            assert restore_rc == 0, restore_err
            found = re.search(r"backed up in: (.+)", restore_out)
            assert found, restore_out
            assert IMPORTED in _names(Path(found.group(1).strip())), "imported and lost"
    if restore_rc != 0:
        assert restore_err.strip() and "Traceback" not in restore_err
    else:
        assert "山田 花子" in names  # the backup's records are what the database holds now
    with Store.open(paths.database, create=False) as store:
        assert store.check().ok


def _writer(database: str, pipe, stop) -> None:
    """The child: like the window's small writes, no write lock: opens the database, adds a
    resident, closes; reports each name only once its write has returned."""
    n = 0
    while not stop.is_set():
        n += 1
        name = f"住民 {n}"
        try:
            with Store.open(database, create=False) as store:
                store.add_resident(name, kana="じゅうみん", **CONSENT)
        except DxError:
            continue  # the restore held the file for longer than SQLite waits: not written
        pipe.send(name)


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_writes_without_the_lock_are_never_lost_to_a_restore(folder):
    """A restore copies into the database file; it never renames over it. A process writing
    through the Store without the folder's lock (small writes rely on SQLite's locking) is
    either kept out by SQLite while the restore runs, or writes into the one database file:
    every write it saw succeed is in the database or in a backup a restore took before it."""
    from dxhelper.store.backups import restore  # the raw job: no folder lock at all

    paths, backup, _bundle = folder
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    stop = context.Event()
    child = context.Process(target=_writer, args=(str(paths.database), send, stop))
    child.start()
    restored = refused = 0
    try:
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            try:
                restore(paths.database, backup, paths.backups)
                restored += 1
            except DxError:
                refused += 1  # "in use": the writer had it open
            time.sleep(random.uniform(0, 0.05))
    finally:
        stop.set()
        child.join(20)
        if child.is_alive():
            child.kill()
    reported = []
    while receive.poll():
        reported.append(receive.recv())
    assert restored >= 3 and reported, (restored, refused, len(reported))
    kept = _names(paths.database)
    for taken in paths.backups.glob("*-restore*.sqlite3"):
        kept |= _names(taken)
    lost = [name for name in reported if name not in kept]
    assert not lost, f"{len(lost)} of {len(reported)} reported writes lost: {lost[:5]}"


# -- the lock itself ----------------------------------------------------------------------------


def test_a_second_writer_waits_then_refuses_with_a_message(folder):
    paths, backup, bundle = folder
    with Holder(paths.root):
        started = time.monotonic()
        code, out, err = _finish(_cli(paths.root, "import", str(bundle)))
        waited = time.monotonic() - started
        code_ja, _out_ja, err_ja = _finish(_cli(paths.root, "backup", lang="ja"))
    assert code != 0 and code_ja != 0
    assert WAITING_EN in err and "Another dxhelper" in err and "Nothing was changed" in err
    assert WAITING_JA in err_ja and "別の dxhelper" in err_ja and "何も変更していません" in err_ja
    assert waited >= write_lock_module.WAIT_SECONDS
    assert "imported" not in out.lower()
    assert IMPORTED not in _names(paths.database)
    assert not any(p.name.endswith("-manual.sqlite3") and p != backup for p in _backups(paths))


def _backups(paths: DataPaths) -> list[Path]:
    return sorted(paths.backups.glob("dxhelper-*.sqlite3"))


def test_the_refusal_says_it_in_both_languages_and_tells_the_waiting(folder, monkeypatch):
    paths, backup, _bundle = folder
    monkeypatch.setattr(write_lock_module, "WAIT_SECONDS", 0.3)
    told: list[str] = []
    library = Library(paths, on_wait=lambda: told.append("waiting"))
    before = _backups(paths)
    with Holder(paths.root):
        with pytest.raises(WriterBusyError) as caught:
            library.restore(backup)
        with library.worker() as opened, pytest.raises(WriterBusyError):
            opened.backup("manual", force=True)
    assert told == ["waiting", "waiting"]  # once for each writer that had to wait
    assert "Another dxhelper" in caught.value.message("en")
    assert "別の dxhelper" in caught.value.message("ja")
    assert isinstance(caught.value, DxError)
    assert _backups(paths) == before  # neither the restore nor the backup began


def test_the_lock_is_released_after_an_exception(folder, tmp_path):
    paths, _backup, _bundle = folder
    library = Library(paths)
    with pytest.raises(ValueError), library.writing():
        assert not _free(paths.root)
        raise ValueError("boom")
    assert _free(paths.root)
    # A refused restore (not a database) and a refused import hold nothing afterwards.
    bad = tmp_path / "not-a-backup.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DxError):
        library.restore(bad)
    assert _free(paths.root)
    with pytest.raises(DxError), Library.opened(paths, hold_writes=True) as held:
        assert not _free(paths.root)
        held.restore(bad)
    assert _free(paths.root)
    code, _out, err = _finish(_cli(paths.root, "import", str(bad)))
    assert code != 0 and err.strip()
    assert _free(paths.root)


def test_restore_takes_its_backup_under_the_same_lock_without_deadlock(folder):
    paths, backup, _bundle = folder
    with Library.opened(paths) as library:
        with library.writing():  # already held: the restore, its backup and reopening nest
            result = library.restore(backup)
            assert library.backup("manual", force=True) is not None
        assert result.previous is not None and "佐藤 一郎" in _names(result.previous)
        assert [r.display_name for r in library.store.list_residents()] == ["山田 花子"]
        erasure = library.erase_resident(library.store.list_residents()[0].id)
        assert erasure.data_root == paths.root
        erasure.in_backups()
    with Library.opened(paths, hold_writes=True) as held:  # an import's whole hold
        held.backup("import", force=True)
        held.restore(backup)
    assert _free(paths.root)


def test_erasing_from_the_backups_waits_for_the_writer(folder, monkeypatch):
    paths, _backup, _bundle = folder
    monkeypatch.setattr(write_lock_module, "WAIT_SECONDS", 0.3)
    with Library.opened(paths) as library:
        erasure = library.erase_resident(library.store.list_residents()[0].id)
    with Holder(paths.root), pytest.raises(WriterBusyError):
        erasure.in_backups()
    assert erasure.in_backups().rewritten


def test_check_never_needs_the_lock(folder):
    paths, _backup, _bundle = folder
    with Holder(paths.root):
        started = time.monotonic()
        code, out, err = _finish(_cli(paths.root, "check"))
        took = time.monotonic() - started
        assert code == 0, err
        assert "healthy" in out and WAITING_EN not in err
        assert took < write_lock_module.WAIT_SECONDS
        # Opening current records (to read, or for small writes) takes no lock either.
        with Library.opened(paths) as library:
            assert library.store.list_residents()


def test_creating_or_migrating_takes_the_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(write_lock_module, "WAIT_SECONDS", 0.2)
    paths = DataPaths(tmp_path / "fresh")
    paths.root.mkdir()
    with Holder(paths.root), pytest.raises(WriterBusyError):
        Library.opened(paths)  # would create the database
    assert not paths.database.exists()
    with Library.opened(paths):
        pass
    assert paths.database.is_file()


def test_demo_building_takes_the_lock(tmp_path):
    data = tmp_path / "demo"
    with Holder(data / "practice"):  # the practice records' own folder and lock (issue 16 §6)
        code, _out, err = _finish(_cli(data, "demo", "--residents", "3", "--sessions", "2"))
    assert code != 0 and WAITING_EN in err and "Another dxhelper" in err
    assert not (data / "practice" / "dxhelper.sqlite3").exists()
    code, _out, err = _finish(_cli(data, "demo", "--residents", "3", "--sessions", "2"))
    assert code == 0, err


def test_a_backup_of_another_page_size_is_copied_in(folder, tmp_path):
    """The backup API cannot write pages of one size into a WAL database of another: the
    staged copy is rewritten with the database's page size first."""
    paths, backup, _bundle = folder
    other = tmp_path / "dxhelper-20260101-000000Z-manual.sqlite3"
    shutil.copyfile(backup, other)
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    with Library.opened(paths) as library:
        size = library.store.handle.conn.execute("PRAGMA page_size").fetchone()[0]
        result = library.restore(other)
        assert [r.display_name for r in library.store.list_residents()] == ["山田 花子"]
        assert library.store.handle.conn.execute("PRAGMA page_size").fetchone()[0] == size
    assert result.previous is not None
