"""After an unclean shutdown the whole database is checked before it is opened; a damaged one
is kept as *.damaged (never deleted) and the newest good backup is offered."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from dxhelper.paths import DataPaths
from dxhelper.store import Store
from dxhelper.store.backups import restore, take_backup
from dxhelper.store.startup import RUNNING_MARK, begin_run, end_run

START = dt.datetime(2025, 6, 1, 0, 0, tzinfo=dt.UTC)
CONSENT = {"consent_date": dt.date(2025, 5, 1), "consent_version": "2025-1"}


@pytest.fixture
def data(tmp_path) -> DataPaths:
    return DataPaths(tmp_path / "data")


def _build(data: DataPaths, backups: int = 2) -> list:
    """A database with enough pages to damage in the middle, and `backups` backups."""
    now = [START]
    infos = []
    with Store.open(data.database, clock=lambda: now[0]) as store:
        venue = store.add_venue("中央公民館")
        volunteer = store.add_volunteer("推進委員 青木")
        for i in range(300):
            resident = store.add_resident(
                f"住民 {i:03d}", kana="じゅうみん", note="メモ" * 40, **CONSENT
            )
            if i % 10 == 0:
                session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
                store.add_attendee(session.id, resident.id)
        for _ in range(backups):
            now[0] += dt.timedelta(hours=6)
            store.add_venue(f"会場 {now[0].hour}")
            infos.append(take_backup(store, data.backups, "close"))
    return infos


def _damage(path: Path, seed: int = 7) -> None:
    """Overwrite a few pages in the middle of the file with garbage, as a torn write would."""
    rng = random.Random(seed)
    raw = bytearray(path.read_bytes())
    pages = len(raw) // 4096
    assert pages > 20
    for page in range(pages // 2 - 2, pages // 2 + 2):
        raw[page * 4096 : (page + 1) * 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(raw))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clean_run_writes_the_mark_and_removes_it_at_close(data):
    _build(data, backups=0)
    check = begin_run(data)
    assert not check.unclean and check.damaged is None and check.newest_backup is None
    assert (data.root / RUNNING_MARK).exists()
    end_run(data)
    assert not (data.root / RUNNING_MARK).exists()
    assert not begin_run(data).unclean


def test_an_unclean_shutdown_with_a_healthy_database_moves_nothing(data):
    _build(data)
    (data.root / RUNNING_MARK).write_text("1234")
    before = _sha(data.database)
    check = begin_run(data)
    assert check.unclean and check.damaged is None and check.problems == ()
    assert check.newest_backup is None  # nothing to offer: nothing was wrong
    assert _sha(data.database) == before
    assert not list(data.root.glob("*.damaged"))
    with Store.open(data.database) as store:
        assert store.count_residents() == 300


def test_an_unclean_shutdown_with_a_damaged_database_keeps_it_and_offers_the_newest_backup(data):
    infos = _build(data)
    (data.root / RUNNING_MARK).write_text("1234")
    _damage(data.database)
    # A -wal beside it (as a crash leaves one) goes with it.
    Path(str(data.database) + "-wal").write_bytes(b"stale wal frames")
    damaged_bytes = _sha(data.database)

    check = begin_run(data)

    assert check.unclean and check.damaged == data.root / "dxhelper.sqlite3.damaged"
    assert _sha(check.damaged) == damaged_bytes  # kept byte for byte, never deleted
    assert (data.root / "dxhelper.sqlite3-wal.damaged").read_bytes() == b"stale wal frames"
    assert not data.database.exists() and not Path(str(data.database) + "-wal").exists()
    assert check.problems
    assert check.newest_backup is not None and check.newest_backup.path == infos[-1].path
    assert (data.root / RUNNING_MARK).exists()
    # The offer, accepted: the records come back as they were at the newest backup.
    result = restore(data.database, check.newest_backup.path, data.backups)
    assert result.previous is None  # nothing was left to back up
    with Store.open(data.database) as store:
        assert store.count_residents() == 300 and store.check().ok


def test_a_damaged_newest_backup_is_passed_over_for_an_older_good_one(data):
    infos = _build(data, backups=3)
    _damage(infos[-1].path, seed=3)
    (data.root / RUNNING_MARK).write_text("1234")
    _damage(data.database)
    check = begin_run(data)
    assert check.damaged is not None
    assert check.newest_backup is not None and check.newest_backup.path == infos[-2].path


def test_no_backup_to_offer(data):
    _build(data, backups=0)
    (data.root / RUNNING_MARK).write_text("1234")
    _damage(data.database)
    check = begin_run(data)
    assert check.damaged is not None and check.newest_backup is None


def test_a_second_damaged_file_never_replaces_the_first(data):
    _build(data, backups=0)
    for expected in ("dxhelper.sqlite3.damaged", "dxhelper.sqlite3.2.damaged"):
        (data.root / RUNNING_MARK).write_text("1234")
        if not data.database.exists():
            _build(data, backups=0)
        _damage(data.database)
        check = begin_run(data)
        assert check.damaged == data.root / expected
    kept = {p.name for p in data.root.glob("*.damaged")}
    assert {"dxhelper.sqlite3.damaged", "dxhelper.sqlite3.2.damaged"} <= kept
    assert all(".damaged" in name for name in kept)


def test_a_file_that_is_not_a_database_at_all_counts_as_damaged(data):
    data.root.mkdir(parents=True)
    data.database.write_bytes(b"\x00" * 8192)
    (data.root / RUNNING_MARK).write_text("1234")
    check = begin_run(data)
    assert check.damaged is not None and check.damaged.read_bytes() == b"\x00" * 8192


def test_a_database_held_by_another_program_is_not_called_damaged(data):
    _build(data, backups=0)
    (data.root / RUNNING_MARK).write_text("1234")
    holder = sqlite3.connect(data.database, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        check = begin_run(data)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert check.unclean and check.damaged is None and data.database.exists()
