"""The store's front door: Library(paths) owns the Store, the data folder's backups, restore,
the start-up mark, a worker's own connection and erasure everywhere."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from dxhelper.core.errors import DxError, NotFoundError, StoreError, ValidationError
from dxhelper.core.fields import MAX_KANA, MAX_NAME, max_length
from dxhelper.paths import DataPaths
from dxhelper.store import Library

START = dt.datetime(2026, 6, 1, 0, 0, tzinfo=dt.UTC)
CONSENT = {"consent_date": dt.date(2026, 5, 1), "consent_version": "2026-1"}
NAME = "前田 ツル子"


@pytest.fixture
def data(tmp_path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def library(data):
    opened = Library.opened(data, clock=lambda: START)
    opened.store.add_venue("中央公民館", "みどり市")
    opened.store.add_volunteer("推進委員 青木")
    yield opened
    opened.close()


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_the_library_opens_the_data_folders_database_and_closes_it(data):
    library = Library(data)
    assert not library.is_open
    with pytest.raises(StoreError):
        library.store  # noqa: B018 - the property is what is tested
    store = library.open()
    assert store.path == data.database and data.database.is_file()
    assert library.store is store and library.is_open and not library.read_only
    library.close()
    assert not library.is_open


def test_backups_are_taken_listed_and_due_through_the_library(library, data):
    assert library.backup_due()
    info = library.backup("manual")
    assert info is not None and info.path.parent == data.backups
    assert library.backup("close") is None  # nothing changed since
    assert [b.path for b in library.list_backups()] == [info.path]
    assert not library.backup_due(START + dt.timedelta(hours=23))
    assert library.backup_due(START + dt.timedelta(hours=25))


def test_a_restore_reopens_the_records_as_they_were_in_the_backup(library):
    info = library.backup("manual")
    library.store.add_venue("後で足した会場")
    result = library.restore(info.path)
    assert library.is_open  # reopened on the restored file
    assert [v.name for v in library.store.list_venues()] == ["中央公民館"]
    assert result.previous is not None  # what was there was backed up first
    assert "後で足した会場" in _venue_names(result.previous)


def _venue_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM venues")}
    finally:
        conn.close()


def test_a_refused_restore_leaves_the_records_open_and_unchanged(library, tmp_path):
    bogus = tmp_path / "not-a-backup.sqlite3"
    bogus.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(DxError):
        library.restore(bogus)
    assert library.is_open
    assert [v.name for v in library.store.list_venues()] == ["中央公民館"]


def test_a_worker_gets_a_connection_of_its_own(library):
    results: list[object] = []

    def work() -> None:
        try:
            with library.worker() as own:
                assert own.store is not library.store
                results.append(own.store.list_venues()[0].name)
                results.append(own.backup("manual", force=True))
        except Exception as exc:  # reported to the test below
            results.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert results[0] == "中央公民館"
    assert results[1] is not None and results[1].ok
    assert library.list_backups()[0].path == results[1].path


def test_erase_resident_reaches_the_database_at_once_and_every_backup_with_its_job(library, data):
    store = library.store
    person = store.add_resident(NAME, kana="マエダ ツルコ", **CONSENT)
    library.backup("manual")
    needle = NAME.encode()
    assert _files_holding(data.root, needle)  # the test can see the name

    erasure = library.erase_resident(person.id)

    left = _files_holding(data.root, needle)
    assert left and all(name.startswith("dxhelper-") for name in left)  # only backups now
    assert person.id in store.tombstones()
    result = erasure.in_backups()
    assert len(result.rewritten) == 1
    assert _files_holding(data.root, needle) == []
    # Again for someone already erased: finishes (here: nothing left to do), refuses no one.
    assert library.erase_resident(person.id).in_backups().rewritten == []


def test_erasing_nobody_is_refused_and_changes_nothing(library, data):
    library.backup("manual")
    before = {p.name: p.read_bytes() for p in data.backups.iterdir()}
    with pytest.raises(NotFoundError):
        library.erase_resident("no-such-resident")
    assert {p.name: p.read_bytes() for p in data.backups.iterdir()} == before


def test_the_running_mark_is_set_and_removed(data):
    library = Library(data)
    check = library.begin_run()
    assert not check.unclean and (data.root / "dxhelper.running").exists()
    assert Library(data).begin_run().unclean  # a second start sees the first never ended
    library.end_run()
    assert not (data.root / "dxhelper.running").exists()


def test_a_read_only_folder_opens_for_reading_with_the_reason(data, read_only):
    with Library.opened(data) as library:
        library.store.add_venue("読み取り確認")
    with read_only(data.root) as folder:
        library = Library(DataPaths(folder))
        store = library.open_for_use()
        try:
            assert library.read_only and store.read_only
            assert "read-only" in library.read_only_reason.en
            assert "読み取り確認" in {v.name for v in store.list_venues()}
        finally:
            library.close()


def test_find_resident_by_id_name_or_reading(library):
    store = library.store
    maeda = store.add_resident(NAME, kana="マエダ ツルコ", **CONSENT)
    store.add_resident("前川 一郎", kana="マエカワ イチロウ", **CONSENT)
    assert store.find_resident(maeda.id) == maeda
    assert store.find_resident("まえだ") == maeda
    with pytest.raises(NotFoundError) as several:
        store.find_resident("まえ")
    assert "前川 一郎" in several.value.message("ja") and "More than one" in several.value.en
    with pytest.raises(NotFoundError) as nobody:
        store.find_resident("すずき")
    assert "No resident" in nobody.value.en


def test_a_volunteer_or_venue_already_listed_is_refused_by_the_store(library):
    store = library.store
    with pytest.raises(ValidationError) as twice:
        store.add_volunteer(" 推進委員  青木 ")  # cleaned the same way, so the same name
    assert twice.value.en == "推進委員 青木 is already in the list."
    with pytest.raises(ValidationError):
        store.add_venue("中央公民館", "みどり市")
    other_town = store.add_venue("中央公民館", "あおば町")  # another town's hall is another
    assert other_town.municipality == "あおば町"
    assert len(store.list_volunteers()) == 1 and len(store.list_venues()) == 2


def test_field_limits_are_the_ones_declared_in_core(library):
    store = library.store
    assert max_length("kana") == MAX_KANA == 2 * MAX_NAME
    store.add_resident("長い読み", kana="あ" * MAX_KANA, **CONSENT)
    with pytest.raises(ValidationError) as too_long:
        store.add_resident("長すぎる読み", kana="あ" * (MAX_KANA + 1), **CONSENT)
    assert f"at most {MAX_KANA}" in too_long.value.en
    with pytest.raises(ValidationError):
        store.add_venue("会" * (max_length("venue_name") + 1))


def _leftovers(data: DataPaths) -> list[Path]:
    """What a restore and an erasure killed half-way leave: temporary copies holding a name."""
    data.backups.mkdir(parents=True, exist_ok=True)
    made = [
        data.root / f".{data.database.name}.restore-0123456789ab.tmp",
        data.root / f".{data.database.name}.restore-0123456789ab.tmp-wal",
        data.backups / ".dxhelper-20261201.sqlite3.erase-ba9876543210.tmp",
    ]
    for path in made:
        path.write_bytes(b"SQLite format 3\x00" + NAME.encode("utf-8"))
    return made


def test_leftover_temporary_copies_go_at_the_next_open_and_with_every_erasure(library, data):
    kept = data.root / "notes.tmp"  # not ours: stays
    kept.write_bytes(b"x")
    made = _leftovers(data)
    library.close()
    library.open()
    assert not any(p.exists() for p in made) and kept.exists()
    assert _files_holding(data.root, NAME.encode("utf-8")) == []
    resident = library.store.add_resident(
        "山田 花子", kana="やまだ はなこ", consent_date=START.date(), consent_version="2026-2"
    )
    made = _leftovers(data)
    library.erase_resident(resident.id).in_backups()
    assert not any(p.exists() for p in made)


def test_leftovers_stay_while_another_writer_holds_the_lock(library, data):
    made = _leftovers(data)
    held, release = threading.Event(), threading.Event()

    def writer() -> None:  # another thread is another writer: the lock is per thread
        with library.writing():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(10)
        assert library.remove_leftovers() == []
        assert all(p.exists() for p in made)  # maybe a restore's copy still in use
    finally:
        release.set()
        thread.join(10)
    assert sorted(library.remove_leftovers()) == sorted(made)
