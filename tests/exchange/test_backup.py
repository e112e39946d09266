"""A backup is a complete, checked, single-file copy; a copy that fails its check is removed."""

from __future__ import annotations

import sqlite3

import pytest

from dxhelper.core.errors import DxError
from dxhelper.store.backups import taking as backup_taking
from dxhelper.store.backups.taking import backup_database


def _tables(path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def test_a_backup_holds_every_row_in_one_file(store, people, tmp_path):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    store.add_attendee(session.id, yamada.id)  # still in the WAL, not yet in the main file

    path = backup_database(store, tmp_path / "backups")

    assert path.parent == tmp_path / "backups"
    assert path.name.startswith("dxhelper-20261124-") and path.suffix == ".sqlite3"
    assert _tables(path) == _tables(store.path) and _tables(path)["attendance"] == 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no -shm


def test_two_backups_in_the_same_second_get_different_names(store, tmp_path):
    first = backup_database(store, tmp_path)
    second = backup_database(store, tmp_path)
    assert first != second and first.exists() and second.exists()


def test_a_copy_that_fails_its_check_is_removed_and_reported(store, people, tmp_path, monkeypatch):
    def broken_copy(source, target):
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a header and nothing else

    monkeypatch.setattr(backup_taking, "copy_database", broken_copy)
    with pytest.raises(DxError) as caught:
        backup_database(store, tmp_path / "backups")
    assert "removed" in caught.value.message("en") and "削除" in caught.value.message("ja")
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_copy_missing_rows_is_removed(store, people, tmp_path, monkeypatch):
    real_copy = backup_taking.copy_database

    def lossy_copy(source, target):
        real_copy(source, target)
        conn = sqlite3.connect(target)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM residents WHERE rowid = (SELECT max(rowid) FROM residents)")
        conn.commit()
        conn.close()

    monkeypatch.setattr(backup_taking, "copy_database", lossy_copy)
    with pytest.raises(DxError) as caught:
        backup_database(store, tmp_path / "backups")
    assert "row counts differ" in caught.value.message("en")
    assert list((tmp_path / "backups").iterdir()) == []


def test_an_unwritable_backups_folder_is_a_clear_message(store, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(DxError) as caught:
        backup_database(store, blocker / "backups")
    assert "backups folder" in caught.value.message("en")
