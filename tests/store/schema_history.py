"""Taking a database back to an earlier schema, for tests of migrations and old backups."""

from __future__ import annotations

import sqlite3

SYNCED = (
    "volunteers",
    "venues",
    "residents",
    "sessions",
    "attendance",
    "session_lessons",
    "progress",
    "handover",
    "tombstones",
    "removals",
)


def undo_m0009(conn: sqlite3.Connection) -> None:
    """What m0009 added goes: the planning tables (their indexes and triggers with them)."""
    if not conn.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE name = 'm0009_planning'"
    ).fetchone():
        return
    for table in ("resident_phones", "outcomes", "signups", "plans", "series"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0009_planning'")


def undo_m0008(conn: sqlite3.Connection) -> None:
    """What m0008 added goes (and what came after it first): the sessions' topic columns
    (and their trigger is m0006's)."""
    undo_m0009(conn)
    if not conn.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE name = 'm0008_consultation_topic'"
    ).fetchone():
        return
    columns = [
        row[1]
        for row in conn.execute("PRAGMA table_info(sessions)")
        if row[1] not in ("topic", "topic_note")
    ]
    conn.execute("DROP TRIGGER sessions_logs_update")
    conn.execute("ALTER TABLE sessions DROP COLUMN topic")
    conn.execute("ALTER TABLE sessions DROP COLUMN topic_note")
    conn.execute(
        f"CREATE TRIGGER sessions_logs_update AFTER UPDATE OF {', '.join(columns)} ON sessions"
        " BEGIN DELETE FROM change_log WHERE table_name = 'sessions' AND row_id = OLD.id"
        " AND OLD.id <> NEW.id; UPDATE change_counter SET seq = seq + 1;"
        " INSERT INTO change_log (table_name, row_id, seq)"
        " VALUES ('sessions', NEW.id, (SELECT seq FROM change_counter))"
        " ON CONFLICT (table_name, row_id) DO UPDATE SET seq = excluded.seq; END"
    )
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0008_consultation_topic'")


def undo_m0007(conn: sqlite3.Connection) -> None:
    """What m0007 added goes (and what came after it first): the session volunteers table,
    its index and triggers."""
    undo_m0008(conn)
    if not conn.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE name = 'm0007_session_volunteers'"
    ).fetchone():
        return
    conn.execute("DROP TABLE session_volunteers")  # its index and triggers go with it
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0007_session_volunteers'")


def undo_m0006(conn: sqlite3.Connection) -> None:
    """What m0006 added goes (and what came after it first): the change log, its counter and
    triggers, through_seq."""
    undo_m0007(conn)
    if not conn.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE name = 'm0006_change_sequence'"
    ).fetchone():
        return
    for table in SYNCED:
        for trigger in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER {table}_logs_{trigger}")
    conn.execute("DROP TABLE change_log")
    conn.execute("DROP TABLE change_counter")
    conn.execute("ALTER TABLE exports DROP COLUMN through_seq")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0006_change_sequence'")


def undo_m0005(conn: sqlite3.Connection) -> None:
    """What m0005 added goes: the removals table, the district and the given-name keys (and
    what came after m0005 first)."""
    undo_m0006(conn)
    for index in ("residents_given_kana_seen", "residents_given_name_seen"):
        conn.execute(f"DROP INDEX {index}")
    for column in ("district", "given_name_key", "given_kana_key"):
        conn.execute(f"ALTER TABLE residents DROP COLUMN {column}")
    conn.execute("DROP TABLE removals")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0005_removals_and_finding'")
