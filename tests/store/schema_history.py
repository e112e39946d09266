"""Taking a database back to an earlier schema, for tests of migrations and old backups."""

from __future__ import annotations

import sqlite3


def undo_m0005(conn: sqlite3.Connection) -> None:
    """What m0005 added goes: the removals table, the district and the given-name keys."""
    for index in ("residents_given_kana_seen", "residents_given_name_seen"):
        conn.execute(f"DROP INDEX {index}")
    for column in ("district", "given_name_key", "given_kana_key"):
        conn.execute(f"ALTER TABLE residents DROP COLUMN {column}")
    conn.execute("DROP TABLE removals")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0005_removals_and_finding'")
