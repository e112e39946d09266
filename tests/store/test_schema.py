"""The migrations build exactly the designed schema, and the pragmas are in force."""

from __future__ import annotations

import sqlite3

SHARED = ["created_at", "updated_at", "origin"]
UNNAMED = [f"unnamed_{b}" for b in ("u39", "40s", "50s", "60s", "70s", "80plus", "unknown")]

DESIGNED = {
    "installation": ["id", "name", "municipality", "is_demo", "created_at", "singleton"],
    "volunteers": ["id", "display_name", *SHARED],
    "venues": ["id", "name", "municipality", *SHARED],
    "residents": [
        "id",
        "display_name",
        "kana",
        "nickname",
        "age_band",
        "consent_date",
        "consent_version",
        "note",
        "name_key",
        "kana_key",
        "nickname_key",
        *SHARED,
        "last_seen",  # m0002: derived from attendance by triggers
        "district",  # m0005: optional, tells two people of one name apart
        "given_name_key",  # m0005: derived search keys for the given name alone
        "given_kana_key",
    ],
    "sessions": [
        "id",
        "date",
        "start_time",
        "end_time",
        "venue_id",
        "volunteer_id",
        "kind",
        *UNNAMED,
        "note",
        *SHARED,
        "topic",  # m0008: what a consultation was about
        "topic_note",
    ],
    "attendance": ["id", "session_id", "resident_id", *SHARED],
    "session_lessons": ["id", "session_id", "lesson_id", "position", *SHARED],
    # m0007: who worked at a session, with their role (removed: taken off, and it travels)
    "session_volunteers": ["id", "session_id", "volunteer_id", "role", "removed", *SHARED],
    "progress": [
        "id",
        "resident_id",
        "lesson_id",
        "step_id",
        "state",
        "session_id",
        "volunteer_id",
        "at",
        *SHARED,
    ],
    "tombstones": ["id", "table_name", "erased_at", "origin"],
    "handover": ["id", "session_id", "item", "done", "reason", *SHARED],  # m0003
    "exports": [  # m0004: what was exported to whom, for "only what changed since"
        "id",
        "recipient",
        "recipient_key",
        "since",
        "exported_at",
        "file_name",
        "row_count",
        "through_seq",  # m0006: the change sequence the export was read at
    ],
    "removals": ["id", "table_name", "key", "removed_at", "origin"],  # m0005
    # m0009: planned sessions and series, sign-ups, outcomes, phone numbers with consent
    "series": [
        "id",
        "title",
        "kind",
        "venue_id",
        "start_time",
        "end_time",
        "capacity",
        "every",
        "first_date",
        "until_date",
        "lessons",
        "team",
        *SHARED,
    ],
    "plans": [
        "id",
        "series_id",
        "date",
        "start_time",
        "end_time",
        "venue_id",
        "kind",
        "title",
        "capacity",
        "lessons",
        "team",
        "status",
        "session_id",
        *SHARED,
    ],
    "signups": ["id", "plan_id", "resident_id", "status", "attended", "signed_up_at", *SHARED],
    "outcomes": ["id", "resident_id", "lesson_id", "state", "reason", "reason_note", *SHARED],
    "resident_phones": ["id", "phone", "consent_date", *SHARED],
    "change_counter": ["id", "seq"],  # m0006: the last change sequence handed out
    "change_log": ["table_name", "row_id", "seq"],  # m0006: each synced row's latest change
    "_sqlite_migrations": ["id", "migration_set", "name", "applied_at"],
}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_blank_database_has_exactly_the_designed_tables_and_columns(store, db_path):
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(DESIGNED)
    for table, columns in DESIGNED.items():
        assert _columns(conn, table) == columns, table


def test_every_shared_table_has_uuid_key_timestamps_and_origin(store, db_path):
    conn = sqlite3.connect(db_path)
    for table in (
        "volunteers",
        "venues",
        "residents",
        "sessions",
        "attendance",
        "session_lessons",
        "session_volunteers",
        "progress",
    ):
        info = {row[1]: row for row in conn.execute(f"PRAGMA table_info({table})")}
        assert info["id"][2] == "TEXT" and info["id"][5] == 1, table  # text primary key
        for column in SHARED:
            assert info[column][3] == 1, f"{table}.{column} must be NOT NULL"


def test_lookups_the_screens_make_have_indexes(store, db_path):
    conn = sqlite3.connect(db_path)
    plans = [
        (
            "SELECT * FROM residents WHERE kana_key >= 'や' AND kana_key < 'や\U0010ffff'",
            "INDEX residents_kana_seen",
        ),
        (
            "SELECT * FROM sessions WHERE date >= '2026-11-01' AND date < '2026-12-01'",
            "sessions_date",
        ),
        ("SELECT * FROM attendance WHERE resident_id = 'x'", "attendance_resident"),
        ("SELECT * FROM progress WHERE resident_id = 'x' AND lesson_id = 'y'", "autoindex"),
        ("SELECT * FROM progress WHERE session_id = 'x'", "progress_session"),
        ("SELECT * FROM sessions WHERE end_time IS NULL", "sessions_open"),
        (
            "SELECT * FROM session_volunteers WHERE volunteer_id = 'x'",
            "session_volunteers_volunteer",
        ),
        ("SELECT * FROM session_volunteers WHERE session_id = 'x'", "autoindex"),
    ]
    for sql, index in plans:
        plan = " ".join(str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert index in plan, (sql, plan)


def test_pragmas_are_in_force(store):
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("journal_mode") == "wal"
    assert store.pragma("synchronous") == 2  # FULL
    assert store.pragma("secure_delete") == 1
    assert store.pragma("busy_timeout") >= 1000


def test_migrations_are_recorded_and_reopening_applies_nothing_new(store, db_path):
    from dxhelper.store import Store

    first = store.check().applied_migrations
    assert first == [
        "m0001_initial",
        "m0002_resident_last_seen",
        "m0003_session_handover",
        "m0004_export_log",
        "m0005_removals_and_finding",
        "m0006_change_sequence",
        "m0007_session_volunteers",
        "m0008_consultation_topic",
        "m0009_planning",
    ]
    store.close()
    with Store.open(db_path) as again:
        assert again.check().applied_migrations == first
        assert again.installation.id == store.installation.id


def test_check_reports_a_healthy_database(store):
    report = store.check()
    assert report.ok
    assert report.integrity == [] and report.foreign_keys == []
    assert report.pending_migrations == [] and report.unknown_migrations == []


def test_search_reads_only_covering_indexes_for_its_candidates(store, db_path):
    from dxhelper.store.store import _search_sql

    conn = sqlite3.connect(db_path)
    params = {"q": "や", "q_end": "や\U0010ffff", "limit": 20, "session_id": None}
    sql = _search_sql(["q"])
    plan = [str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    for index in (
        "residents_kana_seen",
        "residents_name_seen",
        "residents_nickname_seen",
        "residents_given_kana_seen",
        "residents_given_name_seen",
    ):
        assert any(f"COVERING INDEX {index}" in step for step in plan), plan
