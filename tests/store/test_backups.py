"""Automatic backups: verified, skipped when nothing changed, thinned to the promised set;
restore puts back exactly what was backed up and refuses what it must not use."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from schema_history import undo_m0005

from dxhelper.cli.backup import backup_command, restore_command
from dxhelper.cli.context import Context
from dxhelper.core.errors import DxError, StoreError
from dxhelper.paths import DataPaths
from dxhelper.store import Store, stamp
from dxhelper.store.backups import (
    backup_due,
    erase_resident,
    list_backups,
    restore,
    restore_backup,
    save_copy,
    take_backup,
)
from dxhelper.store.backups import files as backup_files
from dxhelper.store.backups import taking as backup_taking
from dxhelper.store.backups.vetting import check_backup_file
from dxhelper.store.rotation import backups_to_keep
from dxhelper.store.schema import migrations

START = dt.datetime(2025, 6, 1, 0, 0, tzinfo=dt.UTC)
CONSENT = {"consent_date": dt.date(2025, 5, 1), "consent_version": "2025-1"}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def data(tmp_path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def live(data, clock):
    with Store.open(data.database, clock=clock) as opened:
        venue = opened.add_venue("中央公民館", "みどり市")
        volunteer = opened.add_volunteer("推進委員 青木")
        yamada = opened.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
        session = opened.start_session(
            venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2025, 5, 30)
        )
        opened.add_attendee(session.id, yamada.id)
        opened.set_step_state(yamada.id, "smartphone-basics", "wifi", "done")
        yield opened


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


# -- taking backups ----------------------------------------------------------------------------


def test_a_backup_is_named_verified_and_counted(live, data):
    info = take_backup(live, data.backups, "close")
    assert info is not None and info.ok
    assert info.path.name == "dxhelper-20250601-000000Z-close.sqlite3"
    assert info.taken_at == START and info.reason == "close"
    assert info.counts == {"residents": 1, "sessions": 1, "attendance": 1, "progress": 1}
    assert info.size == info.path.stat().st_size > 0
    conn = sqlite3.connect(info.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert _files(data.backups) == {info.path.name}  # one file: no -wal, no -shm


def test_no_backup_when_nothing_changed(live, data, clock):
    first = take_backup(live, data.backups, "start")
    clock.tick(hours=3)
    assert take_backup(live, data.backups, "close") is None
    assert take_backup(live, data.backups, "start") is None
    # "Back up now" always writes one.
    forced = take_backup(live, data.backups, "manual", force=True)
    assert forced is not None and forced.path != first.path
    clock.tick(minutes=5)
    # An edit (same counts, a later change time) is a change.
    resident = live.list_residents()[0]
    live.update_resident(dataclasses.replace(resident, note="次回は写真"))
    assert take_backup(live, data.backups, "close") is not None
    assert take_backup(live, data.backups, "close") is None
    # A merge can move an older row forward without touching the newest: still a change.
    clock.tick(minutes=5)
    live.add_venue("駅前図書館")  # the newest venue
    assert take_backup(live, data.backups, "close") is not None
    first_venue = min(live.list_venues(), key=lambda v: v.created_at)
    live.handle.db.execute(
        "UPDATE venues SET name = 'merged', updated_at = ? WHERE id = ?",
        [stamp(START + dt.timedelta(minutes=1)), first_venue.id],
    )
    live.handle.conn.commit()
    assert take_backup(live, data.backups, "close") is not None
    # Erasing someone is a change (one fewer row, one more tombstone); the database phase
    # alone here, as the backups would otherwise be rewritten to match.
    erase_resident(live, resident.id, data.backups)
    assert take_backup(live, data.backups, "close") is not None
    assert len(list_backups(data.backups)) == 6


def test_rotation_over_a_simulated_year_keeps_exactly_the_promised_files(live, data, clock):
    # The app starts each morning and closes each evening, with work in between; every 50
    # days it is also backed up by hand. Every backup goes through take_backup.
    expected: set[dt.datetime] = set()  # backups_to_keep's choice, applied after each backup
    for day in range(365):
        for hour, reason in ((8, "start"), (17, "close"), (17, "manual")):
            if reason == "manual" and day % 50:
                continue
            clock.now = START + dt.timedelta(days=day, hours=hour)
            live.add_venue(f"会場 {day}-{hour}-{reason}")
            info = take_backup(live, data.backups, reason)
            assert info is not None
            # A second backup in the same second is named -2 and ordered one µs later.
            key = info.taken_at + dt.timedelta(microseconds=reason == "manual")
            expected = backups_to_keep(expected | {key})
            on_disk = {n.key for n in backup_files.named_backups(data.backups)}
            assert on_disk == expected, clock.now
    assert _files(data.backups) == {n.path.name for n in backup_files.named_backups(data.backups)}
    # The promised shape: the last 10; then 12 days, 10 ISO weeks and 9 months, each one
    # backup, each older than everything kept before it.
    kept = sorted(expected, reverse=True)
    assert len(kept) == 10 + 12 + 10 + 9
    assert kept[0] == START + dt.timedelta(days=364, hours=17)
    recent, daily, weekly, monthly = kept[:10], kept[10:22], kept[22:32], kept[32:]
    assert len({t.date() for t in daily}) == 12
    assert not {t.date() for t in daily} & {t.date() for t in recent}
    week = lambda t: tuple(t.isocalendar()[:2])  # noqa: E731
    assert len({week(t) for t in weekly}) == 10
    assert not {week(t) for t in weekly} & {week(t) for t in kept[:22]}
    month = lambda t: (t.year, t.month)  # noqa: E731
    assert len({month(t) for t in monthly}) == 9
    assert not {month(t) for t in monthly} & {month(t) for t in kept[:32]}
    assert backups_to_keep(expected) == expected  # thinning again deletes nothing more
    # Every kept file is sound, and the newest holds the records of its moment.
    for named in backup_files.named_backups(data.backups):
        assert not check_backup_file(named.path)
    newest = list_backups(data.backups)[0]
    venues = sqlite3.connect(newest.path).execute("SELECT count(*) FROM venues").fetchone()[0]
    assert venues == 1 + 365 * 2 + 8


def test_a_failed_backup_deletes_nothing(live, data, clock, monkeypatch):
    for i in range(15):
        clock.tick(days=1)
        live.add_venue(f"会場 {i}")
        take_backup(live, data.backups, "close")
    before = {p.name: _sha(p) for p in data.backups.iterdir()}

    def broken_copy(source, target):
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)

    monkeypatch.setattr(backup_taking, "copy_database", broken_copy)
    clock.tick(days=40)
    live.add_venue("もう一つ")
    with pytest.raises(StoreError):
        take_backup(live, data.backups, "close")
    assert {p.name: _sha(p) for p in data.backups.iterdir()} == before


def test_a_backup_is_due_after_a_day(live, data, clock):
    assert backup_due(data.backups, START)
    take_backup(live, data.backups, "start")
    assert not backup_due(data.backups, START + dt.timedelta(hours=23))
    assert backup_due(data.backups, START + dt.timedelta(hours=25))


def test_list_backups_is_newest_first_and_leaves_out_unreadable_files(live, data, clock):
    first = take_backup(live, data.backups, "start")
    clock.tick(hours=2)
    live.add_resident("佐藤 茂", **CONSENT)
    second = take_backup(live, data.backups, "close")
    broken = data.backups / "dxhelper-20250602-000000Z-close.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    (data.backups / "notes.txt").write_text("not ours")
    listed = list_backups(data.backups)
    assert [i.path for i in listed] == [second.path, first.path]
    assert [i.counts["residents"] for i in listed] == [2, 1]
    everything = list_backups(data.backups, include_problems=True)
    assert everything[0].path == broken and everything[0].problem and not everything[0].ok
    assert len(everything) == 3  # notes.txt is not a backup


def test_an_older_import_backup_name_is_still_listed(live, data):
    path = backup_taking.backup_database(live, data.backups)  # as the import does
    legacy = data.backups / "dxhelper-20250101-093000.sqlite3"
    path.rename(legacy)
    (info,) = list_backups(data.backups)
    assert info.reason == "import" and info.taken_at.tzinfo is not None


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    from sqlite_utils import Database

    path = tmp_path / "data" / "dxhelper.sqlite3"
    path.parent.mkdir()
    old = Database(path)
    migrations.apply(old, stop_before="m0004_export_log")  # a database from an older version
    old.close()
    before = _dump(path)
    with Store.open(path) as opened:
        assert opened.check().pending_migrations == []
    (info,) = list_backups(tmp_path / "data" / "backups")
    assert info.reason == "migration"
    assert _dump(info.path) == before  # the schema as it was, before m0004
    with Store.open(path):
        pass
    assert len(list_backups(tmp_path / "data" / "backups")) == 1  # nothing pending: no backup
    fresh = tmp_path / "fresh" / "dxhelper.sqlite3"
    Store.open(fresh).close()
    assert not (fresh.parent / "backups").exists()  # a new database needs none


# -- restore -----------------------------------------------------------------------------------


def test_a_restored_backup_equals_its_source(live, data, clock):
    info = take_backup(live, data.backups, "close")
    clock.tick(hours=1)
    live.add_resident("佐藤 茂", **CONSENT)
    live.add_venue("駅前図書館")
    live.close()
    before_restore = _dump(data.database)

    result = restore(data.database, info.path, data.backups)

    assert result.database == data.database
    assert _dump(data.database) == _dump(info.path)
    assert result.counts == info.counts
    # What was there before was backed up first, and is exactly what was there.
    assert result.previous is not None and result.previous.name.endswith("-restore.sqlite3")
    assert _dump(result.previous) == before_restore
    assert not Path(str(data.database) + "-wal").exists()
    assert [p.name for p in data.root.iterdir() if p.name.startswith(".")] == []  # no temp left
    with Store.open(data.database) as reopened:
        assert [r.display_name for r in reopened.list_residents()] == ["山田 花子"]
        assert reopened.check().ok


def test_restore_while_another_program_holds_the_database_is_refused(live, data):
    info = take_backup(live, data.backups, "close", force=True)
    live.checkpoint()
    before = _sha(data.database)
    with pytest.raises(StoreError) as caught:
        restore_backup(data.database, info.path, data.backups)  # `live` is still open
    assert "in use" in caught.value.message("en")
    assert _sha(data.database) == before
    assert _files(data.backups) == {info.path.name}


def test_restore_after_the_database_was_moved_away(live, data):
    info = take_backup(live, data.backups, "close")
    live.close()
    data.database.rename(data.root / "elsewhere.sqlite3")
    result = restore(data.database, info.path, data.backups)
    assert result.previous is None and _dump(data.database) == _dump(info.path)


def _hostile_files(folder: Path, good: Path) -> dict[str, Path]:
    folder.mkdir()
    files: dict[str, Path] = {}

    def write(name: str, data: bytes) -> Path:
        files[name] = folder / name
        files[name].write_bytes(data)
        return files[name]

    write("garbage.sqlite3", os.urandom(8192))
    write("header-only.sqlite3", b"SQLite format 3\x00" + os.urandom(8192))
    write("empty.sqlite3", b"")
    raw = good.read_bytes()
    write("truncated.sqlite3", raw[: len(raw) // 3])
    # Pages in the middle overwritten: still opens, fails integrity_check.
    mangled = bytearray(raw)
    middle = (len(raw) // 4096 // 2) * 4096
    mangled[middle : middle + 3 * 4096] = os.urandom(3 * 4096)
    write("mangled.sqlite3", bytes(mangled))

    def variant(name: str, *sql: str) -> None:
        target = write(name, raw)
        conn = sqlite3.connect(target)
        for statement in sql:
            conn.execute(statement)
        conn.commit()
        conn.close()

    conn = sqlite3.connect(write("foreign.sqlite3", b""))
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('山田', '03-1234-5678')")
    conn.commit()
    conn.close()
    variant(
        "trigger.sqlite3",
        "CREATE TRIGGER spy AFTER INSERT ON residents BEGIN DELETE FROM sessions; END",
    )
    variant("extra-table.sqlite3", "CREATE TABLE notes (body TEXT)")
    variant(
        "newer.sqlite3",
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('dxhelper', 'm9999_future', '2030-01-01')",
    )
    variant("my-number.sqlite3", "UPDATE residents SET note = '番号 2718 2818 2840'")
    variant("pin.sqlite3", "UPDATE sessions SET note = '暗証番号1234'")
    variant("blob-name.sqlite3", "UPDATE residents SET display_name = x'00ff'")
    variant(
        "dangling.sqlite3",
        "PRAGMA foreign_keys = OFF",
        "DELETE FROM residents",
    )
    return files


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("garbage.sqlite3", "damaged or not a database"),
        ("header-only.sqlite3", "damaged or not a database"),
        ("empty.sqlite3", "not a dxhelper backup"),
        ("truncated.sqlite3", "damaged or not a database"),
        ("mangled.sqlite3", "damaged"),
        ("foreign.sqlite3", "not a dxhelper backup"),
        ("trigger.sqlite3", "not a dxhelper backup"),
        ("extra-table.sqlite3", "not a dxhelper backup"),
        ("newer.sqlite3", "newer dxhelper"),
        ("my-number.sqlite3", "My Number or PIN"),
        ("pin.sqlite3", "My Number or PIN"),
        ("blob-name.sqlite3", "not text"),
        ("dangling.sqlite3", "point at missing ones"),
    ],
)
def test_a_file_that_must_not_be_restored_is_refused_and_nothing_changes(
    name, why, live, data, tmp_path
):
    good = take_backup(live, data.backups, "close")
    hostile = _hostile_files(tmp_path / "hostile", good.path)[name]
    live.close()
    database_before = _sha(data.database)
    folder_before = _files(data.root)
    backups_before = _files(data.backups)

    with pytest.raises(DxError) as caught:
        restore_backup(data.database, hostile, data.backups)

    for lang in ("ja", "en"):
        message = caught.value.message(lang)
        assert str(hostile) in message
    assert why in caught.value.message("en")
    assert "has not been changed" in caught.value.message("en")
    assert "変更していません" in caught.value.message("ja")
    assert _sha(data.database) == database_before
    assert _files(data.root) == folder_before
    assert _files(data.backups) == backups_before


def test_a_missing_file_or_the_database_itself_is_refused(live, data, tmp_path):
    live.close()
    before = _sha(data.database)
    with pytest.raises(DxError):
        restore_backup(data.database, tmp_path / "nowhere.sqlite3", data.backups)
    with pytest.raises(DxError) as caught:
        restore_backup(data.database, data.database, data.backups)
    assert "in use" in caught.value.message("en")
    assert _sha(data.database) == before


# -- save a copy -------------------------------------------------------------------------------


def test_save_a_copy_writes_a_checked_file_where_asked(live, data, tmp_path):
    stick = tmp_path / "USB スティック"
    stick.mkdir()
    target = save_copy(live, stick / "記録のコピー.sqlite3")
    assert target == stick / "記録のコピー.sqlite3"
    assert _dump(target) == _dump_via_store(live)
    assert sorted(p.name for p in stick.iterdir()) == [target.name]
    # Overwriting an earlier copy replaces it whole.
    live.add_venue("駅前図書館")
    save_copy(live, target)
    assert len(sqlite3.connect(target).execute("SELECT * FROM venues").fetchall()) == 2


def _dump_via_store(store) -> list[str]:
    return list(store.handle.conn.iterdump())


def test_save_a_copy_refuses_folders_and_the_database_and_explains_unwritable_places(
    live, data, tmp_path
):
    with pytest.raises(DxError):
        save_copy(live, tmp_path)
    with pytest.raises(DxError):
        save_copy(live, data.database)
    with pytest.raises(DxError) as caught:
        save_copy(live, tmp_path / "missing-folder" / "copy.sqlite3")
    assert "Cannot save a copy" in caught.value.message("en")


# -- CLI ---------------------------------------------------------------------------------------


def _run(command, data: DataPaths, *args: str, lang: str = "en"):
    return CliRunner().invoke(command, list(args), obj=Context(data, lang))


def test_cli_backup_takes_one_and_lists_them(live, data):
    live.close()
    result = _run(backup_command, data)
    assert result.exit_code == 0, result.output
    assert "Backed up and checked" in result.output and "1 residents" in result.output
    listed = _run(backup_command, data, "--list")
    assert listed.exit_code == 0
    assert "by hand" in listed.output
    assert "1 backups" in listed.output
    ja = _run(backup_command, data, "--list", lang="ja")
    assert "手動" in ja.output and "住民 1 人" in ja.output


def test_cli_restore_says_what_it_did(live, data):
    info = take_backup(live, data.backups, "close")
    live.add_venue("駅前図書館")
    live.close()
    result = _run(restore_command, data, info.path.name)  # a name from `backup --list`
    assert result.exit_code == 0, result.output
    assert "Restored from" in result.output and "backed up in" in result.output
    assert _dump(data.database) == _dump(info.path)


def test_cli_restore_of_a_corrupt_file_is_one_line_and_exit_1(live, data, tmp_path):
    live.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    before = _sha(data.database)
    # The real entry point (main), with the commands as dxhelper.cli registers them.
    script = "from dxhelper.cli import main; main()"
    args = ["--data-dir", str(data.root), "--lang", "en", "restore", str(bad)]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "cannot be restored" in done.stderr and "Traceback" not in done.stderr
    assert _sha(data.database) == before


def _back_to_m0004(path: Path) -> None:
    """Make a backup look as one taken before m0005 (no removals, no district)."""
    conn = sqlite3.connect(path)
    try:
        undo_m0005(conn)
        conn.commit()
    finally:
        conn.close()


def test_a_backup_from_before_the_district_restores_and_is_brought_up_to_date(live, data):
    info = take_backup(live, data.backups, "manual", force=True)
    _back_to_m0004(info.path)
    live.close()
    result = restore(data.database, info.path, data.backups)
    assert result.counts["residents"] == 1
    with Store.open(data.database) as reopened:
        assert reopened.check().applied_migrations[-5:] == [
            "m0005_removals_and_finding",
            "m0006_change_sequence",
            "m0007_session_volunteers",
            "m0008_consultation_topic",
            "m0009_planning",
        ]
        assert [r.district for r in reopened.list_residents()] == [""]


def test_a_my_number_in_a_district_keeps_a_file_from_being_restored(live, data):
    info = take_backup(live, data.backups, "manual", force=True)
    conn = sqlite3.connect(info.path)
    conn.execute("UPDATE residents SET district = '271828182840'")
    conn.commit()
    conn.close()
    live.close()
    with pytest.raises(DxError) as refused:
        restore(data.database, info.path, data.backups)
    assert "district" in refused.value.message("en")
