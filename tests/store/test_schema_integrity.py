"""Issue 16 §5: a database's schema must be exactly what the migrations make.

A trigger, view, column or index the migrations did not create is reported by `dxhelper
check`, keeps the app from writing (the records open read-only with the reason and a restore
offered), keeps a backup from being restored, and so cannot empty the residents at the next
import. An older backup whose schema is what its own version's migrations made still restores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from schema_history import undo_m0005

from dxhelper.cli.root import cli
from dxhelper.core.errors import DxError, ReadOnlyError
from dxhelper.exchange import export_bundle, import_bundles
from dxhelper.paths import DataPaths
from dxhelper.store import Library, SchemaMismatchError, Store
from dxhelper.store.backups import restore, take_backup
from dxhelper.store.integrity import expected_schema, file_differences, known_migrations

CONSENT = {"consent_date": dt.date(2026, 11, 1), "consent_version": "2026-1"}
ATTACK = "CREATE TRIGGER t AFTER INSERT ON venues BEGIN DELETE FROM residents; END"


@pytest.fixture
def data(tmp_path) -> DataPaths:
    paths = DataPaths(tmp_path / "data")
    with Library.opened(paths) as library:
        store = library.store
        venue = store.add_venue("中央公民館", "みどり市")
        volunteer = store.add_volunteer("推進委員 青木")
        for name in ("山田 花子", "佐藤 一郎"):
            resident = store.add_resident(name, kana="ヤマダ", **CONSENT)
        session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
        store.add_attendee(session.id, resident.id)
    return paths


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        with conn:
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


def _rebuild_venues_without_municipality() -> tuple[str, ...]:
    return (
        "CREATE TABLE venues_new (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL)",
        "INSERT INTO venues_new SELECT id, name, created_at, updated_at, origin FROM venues",
        "DROP TABLE venues",
        "ALTER TABLE venues_new RENAME TO venues",
    )


def _folder(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _residents(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM residents").fetchone()[0]
    finally:
        conn.close()


# -- what is found -----------------------------------------------------------------------------


def test_a_fresh_database_has_no_differences(data, tmp_path):
    assert file_differences(data.database) == []
    with Library.opened(data) as library:
        assert library.schema_differences() == []
        assert not library.read_only and library.read_only_reason is None
    # A new, empty data folder: created and migrated, nothing to report.
    with Library.opened(DataPaths(tmp_path / "new")) as fresh:
        assert fresh.schema_differences() == []


def test_the_expected_schema_is_what_the_migrations_make_and_is_kept_per_version(data):
    latest = expected_schema(len(known_migrations()))
    assert "venues" in latest.tables and "attendance_sets_last_seen" in latest.triggers
    assert expected_schema(len(known_migrations())) is latest  # computed once per version
    before_m0005 = expected_schema(4)
    assert "removals" not in before_m0005.tables and "removals" in latest.tables


@pytest.mark.parametrize(
    ("statements", "en", "ja"),
    [
        pytest.param(
            (ATTACK,),
            "Unexpected trigger t on venues.",
            "想定外のトリガー t（venues）があります。",
            id="trigger",
        ),
        pytest.param(
            _rebuild_venues_without_municipality(),
            "Column municipality is missing from table venues.",
            "表 venues に列 municipality がありません。",
            id="dropped-column",
        ),
        pytest.param(
            ("ALTER TABLE residents ADD COLUMN my_number TEXT",),
            "Unexpected column my_number in table residents.",
            "表 residents に想定外の列 my_number があります。",
            id="extra-column",
        ),
        pytest.param(
            ("DROP INDEX sessions_date", "CREATE INDEX sessions_date ON sessions(venue_id)"),
            "Index sessions_date on sessions differs (columns venue_id).",
            "索引 sessions_date（sessions）の定義が違います（列 venue_id）。",
            id="changed-index",
        ),
        pytest.param(
            ("DROP INDEX sessions_open", "CREATE INDEX sessions_open ON sessions(date)"),
            "Index sessions_open on sessions differs (WHERE clause).",
            "索引 sessions_open（sessions）の定義が違います（WHERE 条件）。",
            id="partial-index-made-full",
        ),
        pytest.param(
            ("CREATE UNIQUE INDEX names ON residents(display_name)",),
            "Unexpected index names on residents.",
            "想定外の索引 names（residents）があります。",
            id="extra-index",
        ),
        pytest.param(
            ("DROP INDEX residents_kana_seen",),
            "Index residents_kana_seen on residents is missing.",
            "索引 residents_kana_seen（residents）がありません。",
            id="missing-index",
        ),
        pytest.param(
            ("CREATE VIEW everyone AS SELECT display_name, note FROM residents",),
            "Unexpected view everyone.",
            "想定外のビュー everyone があります。",
            id="extra-view",
        ),
        pytest.param(
            ("DROP TRIGGER attendance_sets_last_seen",),
            "Trigger attendance_sets_last_seen on attendance is missing.",
            "トリガー attendance_sets_last_seen（attendance）がありません。",
            id="missing-trigger",
        ),
        pytest.param(
            (
                "DROP TRIGGER attendance_sets_last_seen",
                "CREATE TRIGGER attendance_sets_last_seen AFTER INSERT ON attendance"
                " BEGIN DELETE FROM progress; END",
            ),
            "Trigger attendance_sets_last_seen on attendance differs from the one dxhelper made.",
            "トリガー attendance_sets_last_seen（attendance）の内容が"
            " dxhelper の作ったものと違います。",
            id="replaced-trigger",
        ),
        pytest.param(
            (
                "CREATE TABLE handover_new (id TEXT PRIMARY KEY,"
                " session_id TEXT NOT NULL, item TEXT NOT NULL, done INTEGER NOT NULL,"
                " reason TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
                " updated_at TEXT NOT NULL, origin TEXT NOT NULL)",
                "DROP TABLE handover",
                "ALTER TABLE handover_new RENAME TO handover",
            ),
            "The constraints of table handover (CHECK, references, UNIQUE) differ.",
            "表 handover の制約（CHECK・参照・UNIQUE など）が違います。",
            id="constraints-dropped",
        ),
        pytest.param(
            ("CREATE TABLE notes (body TEXT)",),
            "Unexpected table notes.",
            "想定外の表 notes があります。",
            id="extra-table",
        ),
    ],
)
def test_each_difference_is_reported_in_both_languages(data, statements, en, ja):
    _sql(data.database, *statements)
    differences = file_differences(data.database)
    assert en in [d.en for d in differences]
    assert ja in [d.ja for d in differences]
    assert [d.message("en") for d in differences] == [d.en for d in differences]


def test_a_name_with_control_characters_is_shown_safely(data):
    _sql(data.database, 'CREATE VIEW "x\nDELETE" AS SELECT 1')
    (difference,) = file_differences(data.database)
    assert "\n" not in difference.en and "x\\x0aDELETE" in difference.en


def test_the_check_at_opening_is_cheap(data):
    file_differences(data.database)  # the expected schema is built once per process
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        assert file_differences(data.database) == []
    each = (time.perf_counter() - started) / rounds
    assert each < 0.05, f"{each * 1000:.1f} ms"  # a few ms in practice; generous for slow CI


# -- dxhelper check ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dxhelper_check_reports_each_difference_and_exits_1(data, lang):
    _sql(data.database, ATTACK, "CREATE VIEW everyone AS SELECT display_name FROM residents")
    before = _folder(data.root)
    result = CliRunner().invoke(cli, ["--data-dir", str(data.root), "--lang", lang, "check"])
    assert result.exit_code == 1, result.output
    if lang == "en":
        assert "Schema difference: Unexpected trigger t on venues." in result.output
        assert "Schema difference: Unexpected view everyone." in result.output
        assert "restore a backup" in result.output and "healthy" not in result.output
    else:
        assert "構造の違い: 想定外のトリガー t（venues）があります。" in result.output
        assert "問題はありません" not in result.output
    assert _folder(data.root) == before


def test_dxhelper_check_still_passes_a_sound_database(data):
    result = CliRunner().invoke(cli, ["--data-dir", str(data.root), "--lang", "en", "check"])
    assert result.exit_code == 0 and "healthy" in result.output


# -- opening -------------------------------------------------------------------------------------


def test_opening_refuses_to_write_and_opens_read_only_with_the_reason(data):
    with Library.opened(data) as library:
        library.backup("manual", force=True)  # a good backup, taken before the tampering
    _sql(data.database, ATTACK)
    before = _folder(data.root)

    library = Library(data)
    with pytest.raises(SchemaMismatchError) as refused:
        library.open()
    assert isinstance(refused.value, ReadOnlyError)
    assert "Unexpected trigger t on venues." in refused.value.en
    assert "想定外のトリガー t（venues）があります。" in refused.value.ja
    assert not library.is_open

    store = library.open_for_use()
    try:
        assert library.read_only and store.read_only
        reason = library.read_only_reason
        assert isinstance(reason, SchemaMismatchError)
        assert "Unexpected trigger t on venues." in reason.en and "restore" in reason.en
        assert "復元" in reason.ja
        assert store.count_residents() == 2  # every record can still be read
        with pytest.raises(DxError):
            store.add_venue("新しい会場")
        with pytest.raises(SchemaMismatchError):
            library.backup("manual", force=True)  # a tampered copy never joins the backups
    finally:
        library.close()
    assert _folder(data.root) == before  # nothing written, nothing created


def test_the_offered_backup_is_named_when_there_is_a_good_one(data):
    with Library.opened(data) as library:
        good = library.backup("manual", force=True)
    assert good is not None
    _sql(data.database, ATTACK)
    with pytest.raises(SchemaMismatchError) as refused:
        Library(data).open()
    assert good.path.name in refused.value.en and good.path.name in refused.value.ja
    assert refused.value.backup == good.path.name


def test_a_worker_connection_is_refused_too(data):
    with Library.opened(data) as library:
        _sql(data.database, ATTACK)
        with pytest.raises(SchemaMismatchError), library.worker():
            pass


def test_an_older_database_opens_and_is_migrated(data):
    conn = sqlite3.connect(data.database)
    try:
        undo_m0005(conn)
        conn.commit()
    finally:
        conn.close()
    assert file_differences(data.database) == []  # compared with what m0001…m0004 make
    with Library.opened(data) as library:
        assert not library.read_only and library.schema_differences() == []
        assert [r.district for r in library.store.list_residents()] == ["", ""]


def test_an_older_database_with_a_foreign_trigger_is_refused_before_migrating(data):
    conn = sqlite3.connect(data.database)
    try:
        undo_m0005(conn)
        conn.execute(ATTACK)
        conn.commit()
    finally:
        conn.close()
    before = _folder(data.root)
    with pytest.raises(SchemaMismatchError):
        Library(data).open()
    assert _folder(data.root) == before  # not migrated, not backed up


def test_the_trigger_attack_empties_no_one_after_the_check_refuses(data, tmp_path):
    # A bundle from another device, with a venue: importing it inserts into venues.
    other = tmp_path / "other" / "dxhelper.sqlite3"
    with Store.open(other) as device:
        device.add_venue("北公民館", "みどり市")
        bundle = export_bundle(device, tmp_path / "from-other.dxhelper").path
    _sql(data.database, ATTACK)

    # The attack is real: without the check, one insert into venues empties the residents.
    victim = tmp_path / "victim.sqlite3"
    victim.write_bytes(data.database.read_bytes())
    _sql(victim, "INSERT INTO venues VALUES ('v', 'x', '', 'a', 'a', 'o')")
    assert _residents(victim) == 0

    library = Library(data)
    library.open_for_use()
    try:
        with pytest.raises(DxError):
            import_bundles(library, [bundle])
    finally:
        library.close()
    assert _residents(data.database) == 2

    # The command line refuses before opening for writing.
    result = CliRunner().invoke(
        cli, ["--data-dir", str(data.root), "--lang", "en", "import", str(bundle)]
    )
    assert result.exit_code == 1 and isinstance(result.exception, SchemaMismatchError)
    assert _residents(data.database) == 2


# -- restore ------------------------------------------------------------------------------------


def test_a_tampered_backup_is_refused_by_restore(data):
    with Store.open(data.database) as live:
        info = take_backup(live, data.backups, "manual", force=True)
    _sql(info.path, ATTACK)
    before = _folder(data.root)
    with pytest.raises(DxError) as refused:
        restore(data.database, info.path, data.backups)
    assert "not a dxhelper backup" in refused.value.en
    assert "Unexpected trigger t on venues" in refused.value.en
    assert "想定外のトリガー t（venues）があります" in refused.value.ja
    assert _folder(data.root) == before


def test_an_older_backup_that_its_migrations_made_is_accepted(data):
    with Store.open(data.database) as live:
        info = take_backup(live, data.backups, "manual", force=True)
    conn = sqlite3.connect(info.path)
    try:
        undo_m0005(conn)
        conn.commit()
    finally:
        conn.close()
    result = restore(data.database, info.path, data.backups)
    assert result.counts["residents"] == 2
    with Library.opened(data) as library:
        assert not library.read_only and library.schema_differences() == []


def test_an_older_backup_with_a_foreign_trigger_is_refused(data):
    with Store.open(data.database) as live:
        info = take_backup(live, data.backups, "manual", force=True)
    conn = sqlite3.connect(info.path)
    try:
        undo_m0005(conn)
        conn.execute(ATTACK)
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(DxError) as refused:
        restore(data.database, info.path, data.backups)
    assert "Unexpected trigger t on venues" in refused.value.en


def test_restoring_a_good_backup_over_tampered_records_makes_them_writable_again(data):
    with Library.opened(data) as library:
        good = library.backup("manual", force=True)
    assert good is not None
    _sql(data.database, ATTACK)
    library = Library(data)
    library.open_for_use()
    try:
        assert library.read_only
        library.restore(good.path)
        assert not library.read_only and library.read_only_reason is None
        assert library.schema_differences() == []
        library.store.add_venue("北公民館")
        assert library.store.count_residents() == 2
    finally:
        library.close()


def test_a_refused_restore_leaves_tampered_records_read_only(data, tmp_path):
    _sql(data.database, ATTACK)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(data.database.read_bytes())
    library = Library(data)
    library.open_for_use()
    try:
        with pytest.raises(DxError):
            library.restore(bad)
        assert library.read_only
        assert isinstance(library.read_only_reason, SchemaMismatchError)
    finally:
        library.close()


def test_in_a_read_only_folder_the_differing_schema_is_the_reason(data, read_only):
    _sql(data.database, ATTACK)
    with read_only(data.root) as folder:
        library = Library(DataPaths(folder))
        try:
            store = library.open_for_use()
            assert store.read_only
            assert isinstance(library.read_only_reason, SchemaMismatchError)
            assert "Unexpected trigger t on venues." in library.read_only_reason.en
        finally:
            library.close()
