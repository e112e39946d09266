"""Erasure is complete: after Library.erase_resident (and its backup phase) no byte of the person
is left in the database, its WAL, or any backup; a restore cannot bring them back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from dxhelper.core.errors import NotFoundError, StoreError
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store
from dxhelper.store.backups import erasure as erasure_module
from dxhelper.store.backups import list_backups, restore
from dxhelper.store.backups.vetting import check_backup_file

START = dt.datetime(2025, 6, 1, 0, 0, tzinfo=dt.UTC)
CONSENT = {"consent_date": dt.date(2025, 5, 1), "consent_version": "2025-1"}
NAME = "消去確認用 長谷川ツネヨ"
KANA = "ハセガワ ツネヨ"
NICKNAME = "ツネさん"
NOTE = "合言葉は「つくしんぼ」"
NEEDLES = [s.encode() for s in (NAME, KANA, NICKNAME, NOTE, "はせがわつねよ", "長谷川")]


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def data(tmp_path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def world(data):
    """A store with backups from before the person came, while they came, and after."""
    clock = Clock()
    library = Library.opened(data, clock=clock)
    store = library.store
    venue = store.add_venue("中央公民館")
    volunteer = store.add_volunteer("推進委員 青木")
    yamada = store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
    library.backup("close")  # before the person was recorded
    clock.now += dt.timedelta(days=1)
    target = store.add_resident(NAME, kana=KANA, nickname=NICKNAME, note=NOTE, **CONSENT)
    session = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2025, 6, 2)
    )
    store.add_attendee(session.id, target.id)
    store.add_attendee(session.id, yamada.id)
    store.set_step_state(target.id, "smartphone-basics", "wifi", "done", session_id=session.id)
    store.set_step_state(yamada.id, "smartphone-basics", "wifi", "done", session_id=session.id)
    library.backup("close")
    for day in range(2, 6):  # a few more days of work, a backup each
        clock.now = START + dt.timedelta(days=day)
        store.add_venue(f"会場 {day}")
        library.backup("start")
    yield library, clock, target, yamada
    library.close()


def erase_everywhere(library: Library, resident_id: str) -> int:
    """The whole erasure, as the window runs it (the backup phase would be in a worker)."""
    return len(library.erase_resident(resident_id).in_backups().rewritten)


def _everything(data: DataPaths) -> dict[Path, bytes]:
    files = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(str(data.database) + suffix)
        if path.exists():
            files[path] = path.read_bytes()
    for path in data.backups.iterdir():
        files[path] = path.read_bytes()
    return files


def test_the_erased_name_is_nowhere_in_the_database_its_wal_or_any_backup(world, data):
    library, _, target, yamada = world
    store = library.store
    before = _everything(data)
    holding = [p for p, b in before.items() if any(n in b for n in NEEDLES)]
    assert len([p for p in holding if p.parent == data.backups]) == 5  # the test can see them

    rewritten = erase_everywhere(library, target.id)

    assert rewritten == 6  # every backup, including the one from before they came
    for path, content in _everything(data).items():
        for needle in NEEDLES:
            assert needle not in content, (path.name, needle.decode())
    # Every backup is sound, carries the tombstone, and everyone else is still there.
    for info in list_backups(data.backups, include_problems=True):
        assert info.ok and not check_backup_file(info.path)
        conn = sqlite3.connect(info.path)
        try:
            assert conn.execute("SELECT id FROM tombstones").fetchall() == [(target.id,)]
            others = conn.execute("SELECT id FROM residents").fetchall()
            assert others == [(yamada.id,)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    assert len(list_backups(data.backups)) == 6  # none lost
    assert store.tombstones() == [target.id]
    assert len(store.progress_for(yamada.id)) == 1


def test_restoring_any_backup_after_an_erasure_does_not_bring_the_person_back(world, data):
    library, _, target, _ = world
    store = library.store
    oldest_with_them = list_backups(data.backups)[-2].path
    erase_everywhere(library, target.id)
    store.close()
    restore(data.database, oldest_with_them, data.backups)
    with Store.open(data.database) as reopened:
        assert target.id not in {r.id for r in reopened.list_residents()}
        assert reopened.tombstones() == [target.id]


def test_a_copy_saved_before_the_erasure_is_restored_without_the_person(world, data, tmp_path):
    library, _, target, yamada = world
    store = library.store
    (tmp_path / "usb").mkdir()
    outside = library.save_copy(tmp_path / "usb" / "copy.sqlite3")
    erase_everywhere(library, target.id)
    store.close()
    result = restore(data.database, outside, data.backups)
    assert result.erased_again == 1
    content = data.database.read_bytes()
    assert not any(n in content for n in NEEDLES)
    with Store.open(data.database) as reopened:
        assert [r.id for r in reopened.list_residents()] == [yamada.id]


def test_a_damaged_backup_that_cannot_be_cleaned_is_removed(world, data):
    library, _, target, _ = world
    damaged = data.backups / "dxhelper-20250601-120000Z-close.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + NAME.encode() * 300)
    rewritten = erase_everywhere(library, target.id)
    assert rewritten == 6 and not damaged.exists()


def test_a_backup_that_cannot_be_rewritten_is_named_and_the_erasure_can_be_finished(
    world, data, monkeypatch
):
    library, _, target, _ = world
    store = library.store
    real = erasure_module._erase_in
    calls = {"n": 0}

    def failing_once(path, tombstone, needles):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(path, tombstone, needles)

    monkeypatch.setattr(erasure_module, "_erase_in", failing_once)
    with pytest.raises(StoreError) as caught:
        erase_everywhere(library, target.id)
    assert "Erase again" in caught.value.message("en")
    assert "No space left" in caught.value.message("en")
    assert target.id in store.tombstones()  # the records themselves are done
    # Running again finishes the job for the one left behind, touching no other.
    assert erase_everywhere(library, target.id) == 1
    for path, content in _everything(data).items():
        assert not any(n in content for n in NEEDLES), path.name


def test_erasing_nobody_is_refused(world, data):
    library, *_ = world
    with pytest.raises(NotFoundError):
        erase_everywhere(library, "no-such-id")
