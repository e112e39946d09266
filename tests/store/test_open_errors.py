"""Files that must not be opened are refused with a clear message and left byte-for-byte."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from dxhelper.core.errors import StoreError
from dxhelper.store import Store


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "dxhelper.sqlite3"
    path.write_text("名前,年代\n山田,70代\n", encoding="utf-8")
    before = _fingerprint(tmp_path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "データベースではありません" in caught.value.ja
    assert "not a dxhelper database" in caught.value.en
    assert _fingerprint(tmp_path) == before


def test_a_file_with_a_sqlite_header_but_garbage_after_is_refused(tmp_path):
    path = tmp_path / "dxhelper.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = _fingerprint(tmp_path)
    with pytest.raises(StoreError):
        Store.open(path)
    assert _fingerprint(tmp_path) == before


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "dxhelper.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _fingerprint(tmp_path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "not a dxhelper database" in caught.value.en
    assert _fingerprint(tmp_path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "dxhelper.sqlite3"
    with Store.open(path) as store:
        store.add_venue("中央公民館")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('dxhelper', 'm0999_from_the_future', '2030-01-01')"
        )
    conn.close()
    before = _fingerprint(tmp_path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "新しい版" in caught.value.ja and "newer version" in caught.value.en
    assert _fingerprint(tmp_path) == before


def test_a_folder_that_cannot_be_created_gives_the_read_only_message():
    with pytest.raises(StoreError) as caught:
        Store.open(Path("/proc/dxhelper-cannot-exist/dxhelper.sqlite3"))
    assert "書き込めません" in caught.value.ja and "read-only" in caught.value.en


@pytest.fixture
def read_only_folder(tmp_path, read_only):
    """A folder holding a real dxhelper database, then made read-only for real.

    As root, file modes are not enforced, so mount it read-only (as a USB stick or a locked
    share would be); otherwise remove the write permissions.
    """
    source = tmp_path / "source"
    with Store.open(source / "dxhelper.sqlite3") as store:
        store.add_venue("中央公民館")
    with read_only(source) as folder:
        yield folder


def test_a_database_on_a_read_only_path_is_refused_with_a_clear_message(read_only_folder):
    before = _fingerprint(read_only_folder)
    with pytest.raises(StoreError) as caught:
        Store.open(read_only_folder / "dxhelper.sqlite3")
    assert "読み取り専用" in caught.value.ja and "read-only" in caught.value.en
    assert _fingerprint(read_only_folder) == before


def test_a_missing_database_is_not_created_when_create_is_false(tmp_path):
    with pytest.raises(StoreError):
        Store.open(tmp_path / "none.sqlite3", create=False)
    assert not (tmp_path / "none.sqlite3").exists()


def test_a_read_only_folder_can_still_be_read_and_nothing_changes(read_only_folder):
    before = _fingerprint(read_only_folder)
    with Store.open_read_only(read_only_folder / "dxhelper.sqlite3") as store:
        assert store.read_only
        assert [v.name for v in store.list_venues()] == ["中央公民館"]
        assert store.month_counts(2026, 11).sessions == 0
        with pytest.raises(StoreError) as caught:
            store.add_venue("北公民館")
        assert "読み取り専用" in caught.value.ja and "read-only" in caught.value.en
    assert _fingerprint(read_only_folder) == before
