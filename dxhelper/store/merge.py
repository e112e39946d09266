"""The SQL side of bundles: the rows an export carries, and merging imported rows.

A bundle carries every shared table's own columns and none of the derived ones: the residents'
search keys are recomputed here and `last_seen` is kept right by m0002's triggers. Merging
upserts by UUID with last-writer-wins on `updated_at` (ties go to the larger origin id), so the
result does not depend on the order bundles arrive in, and a second import changes nothing.
An incremental export selects by the local change sequence (m0006's `change_log`, kept by
triggers on every insert and every real update, merged rows included), so whatever a
coordinator imports is relayed by their next export, erasures and removals too.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxhelper.core.text import resident_search_keys, search_key
from dxhelper.store.schema import REMOVABLE, UNNAMED_COLUMNS, lead_row_id

if TYPE_CHECKING:
    from dxhelper.store.store import Store

SHARED = ("created_at", "updated_at", "origin")

# Parents before children: the merge runs in this order, so every reference exists when the
# row that makes it arrives.
BUNDLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "volunteers": ("id", "display_name", *SHARED),
    "venues": ("id", "name", "municipality", *SHARED),
    "residents": (
        "id",
        "display_name",
        "kana",
        "nickname",
        "age_band",
        "consent_date",
        "consent_version",
        "note",
        "district",
        *SHARED,
    ),
    "sessions": (
        "id",
        "date",
        "start_time",
        "end_time",
        "venue_id",
        "volunteer_id",
        "kind",
        *UNNAMED_COLUMNS.values(),
        "note",
        "topic",
        "topic_note",
        *SHARED,
    ),
    "session_volunteers": ("id", "session_id", "volunteer_id", "role", "removed", *SHARED),
    "attendance": ("id", "session_id", "resident_id", *SHARED),
    "session_lessons": ("id", "session_id", "lesson_id", "position", *SHARED),
    "progress": (
        "id",
        "resident_id",
        "lesson_id",
        "step_id",
        "state",
        "session_id",
        "volunteer_id",
        "at",
        *SHARED,
    ),
    "handover": ("id", "session_id", "item", "done", "reason", *SHARED),
    "series": (
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
    ),
    "plans": (
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
    ),
    "signups": ("id", "plan_id", "resident_id", "status", "attended", "signed_up_at", *SHARED),
    "outcomes": ("id", "resident_id", "lesson_id", "state", "reason", "reason_note", *SHARED),
    # Only when the coordinator's setting allows (export_rows leaves it empty otherwise).
    "resident_phones": ("id", "phone", "consent_date", *SHARED),
    "tombstones": ("id", "table_name", "erased_at", "origin"),
    "removals": ("id", "table_name", "key", "removed_at", "origin"),
}
# Tables whose rows are upserted; tombstones and removals are applied around them.
MERGE_ORDER = tuple(t for t in BUNDLE_COLUMNS if t not in ("tombstones", "removals"))

# Two devices can record the same thing under different UUIDs (the same resident's progress on
# one step): the table's UNIQUE key is then the row's identity, and the newer row wins it.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "session_volunteers": ("session_id", "volunteer_id"),
    "attendance": ("session_id", "resident_id"),
    "session_lessons": ("session_id", "lesson_id"),
    "progress": ("resident_id", "lesson_id", "step_id"),
    "handover": ("session_id", "item"),
    "signups": ("plan_id", "resident_id"),
    "outcomes": ("resident_id", "lesson_id"),
}

# The rows that belong to one resident: an erasure removes them, and a bundle's copy is skipped.
RESIDENT_COLUMN: dict[str, str] = {
    "residents": "id",
    "attendance": "resident_id",
    "progress": "resident_id",
    "signups": "resident_id",
    "outcomes": "resident_id",
    "resident_phones": "id",
}

_DERIVED_RESIDENT_KEYS = (
    "name_key",
    "kana_key",
    "nickname_key",
    "given_name_key",
    "given_kana_key",
)


@dataclass(frozen=True)
class MergeCounts:
    added: int = 0
    updated: int = 0
    erased: int = 0
    skipped: int = 0


def _stored_columns(table: str) -> tuple[str, ...]:
    columns = BUNDLE_COLUMNS[table]
    return columns + _DERIVED_RESIDENT_KEYS if table == "residents" else columns


def _upsert_sql(table: str) -> str:
    columns = _stored_columns(table)
    newer = f"(excluded.updated_at, excluded.origin) > ({table}.updated_at, {table}.origin)"
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (id) DO UPDATE SET {sets} WHERE {newer}"
    )
    if table in NATURAL_KEYS:
        # The winner's id comes along, so every coordinator ends with the same row whatever
        # the order of the bundles. Nothing refers to these rows' ids.
        sql += (
            f" ON CONFLICT ({', '.join(NATURAL_KEYS[table])})"
            f" DO UPDATE SET id = excluded.id, {sets} WHERE {newer}"
        )
    return sql


UPSERT_SQL: dict[str, str] = {table: _upsert_sql(table) for table in MERGE_ORDER}
# New rows go in first through this: SQLite inserts about twice as fast without a DO UPDATE
# clause (measured in bench/merge_bench.py), and most of an import is new rows.
INSERT_NEW_SQL: dict[str, str] = {
    table: f"INSERT INTO {table} ({', '.join(_stored_columns(table))})"
    f" VALUES ({', '.join('?' * len(_stored_columns(table)))}) ON CONFLICT DO NOTHING"
    for table in MERGE_ORDER
}


def _check_table(table: str) -> str:
    if table not in BUNDLE_COLUMNS:  # table names are ours, never a bundle's text
        raise ValueError(table)
    return table


# -- export ------------------------------------------------------------------------------------

# Rows changed here since :since (m0006's change log, by sequence number), plus every row they
# refer to, so a partial bundle is still whole: its references resolve inside it (unchanged
# parents merge as no-ops). Never the rows' own stamps: a row imported today may be stamped
# last month, and a coordinator relaying it must still send it.
_LOGGED = ",\n".join(
    f"  chg_{table} AS (SELECT row_id FROM change_log WHERE table_name = '{table}'"
    " AND seq > :since)"
    for table in BUNDLE_COLUMNS
)
_CHANGED = f"""
WITH
{_LOGGED},
  att AS (SELECT session_id, resident_id FROM attendance WHERE id IN chg_attendance),
  prog AS (SELECT session_id, resident_id, volunteer_id FROM progress WHERE id IN chg_progress),
  sgn AS (SELECT plan_id, resident_id FROM signups WHERE id IN chg_signups),
  pln AS (SELECT id FROM plans WHERE id IN chg_plans UNION SELECT plan_id FROM sgn),
  ser AS (
    SELECT id FROM series WHERE id IN chg_series
    UNION SELECT series_id FROM plans WHERE id IN pln AND series_id IS NOT NULL
  ),
  ses AS (
    SELECT id FROM sessions WHERE id IN chg_sessions
    UNION SELECT session_id FROM att
    UNION SELECT session_id FROM prog WHERE session_id IS NOT NULL
    UNION SELECT session_id FROM session_lessons WHERE id IN chg_session_lessons
    UNION SELECT session_id FROM handover WHERE id IN chg_handover
    UNION SELECT session_id FROM session_volunteers WHERE id IN chg_session_volunteers
    UNION SELECT session_id FROM plans WHERE id IN pln AND session_id IS NOT NULL
  ),
  res AS (
    SELECT id FROM residents WHERE id IN chg_residents
    UNION SELECT resident_id FROM att
    UNION SELECT resident_id FROM prog
    UNION SELECT resident_id FROM sgn
    UNION SELECT resident_id FROM outcomes WHERE id IN chg_outcomes
    UNION SELECT id FROM resident_phones WHERE id IN chg_resident_phones
  ),
  ven AS (
    SELECT id FROM venues WHERE id IN chg_venues
    UNION SELECT venue_id FROM sessions WHERE id IN ses
    UNION SELECT venue_id FROM plans WHERE id IN pln
    UNION SELECT venue_id FROM series WHERE id IN ser
  ),
  vol AS (
    SELECT id FROM volunteers WHERE id IN chg_volunteers
    UNION SELECT volunteer_id FROM sessions WHERE id IN ses
    UNION SELECT volunteer_id FROM prog WHERE volunteer_id IS NOT NULL
    UNION SELECT volunteer_id FROM session_volunteers WHERE id IN chg_session_volunteers
  )
"""

_CHANGED_WHERE = {
    "volunteers": "id IN vol",
    "venues": "id IN ven",
    "residents": "id IN res",
    "sessions": "id IN ses",
    "session_volunteers": "id IN chg_session_volunteers",
    "attendance": "id IN chg_attendance",
    "session_lessons": "id IN chg_session_lessons",
    "progress": "id IN chg_progress",
    "handover": "id IN chg_handover",
    "series": "id IN ser",
    "plans": "id IN pln",
    "signups": "id IN chg_signups",
    "outcomes": "id IN chg_outcomes",
    "resident_phones": "id IN chg_resident_phones",
    "tombstones": "id IN chg_tombstones",
    "removals": "id IN chg_removals",
}


def export_rows(
    store: Store, since: int | None = None, *, phones: bool = False
) -> tuple[str, dict[str, list[tuple[Any, ...]]], int]:
    """The moment of the snapshot (a UTC stamp), every bundle table's rows (tuples in
    BUNDLE_COLUMNS order by id) and the change sequence they were read at, all in one
    transaction.

    With `since` (a change sequence an earlier export returned), only rows written here after
    it (a local edit, or a row merged from someone's bundle) and the rows those refer to.
    Residents' phone numbers only with `phones` (the coordinator's setting): by default the
    member is empty.
    """
    # Stamped before reading: a change made while the file is written goes in the next one.
    exported_at = store.handle.stamp()
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with store.handle.write() as db:  # one read snapshot for all the tables and the counter
        through = db.execute("SELECT seq FROM change_counter").fetchone()[0]
        for table, columns in BUNDLE_COLUMNS.items():
            if table == "resident_phones" and not phones:
                tables[table] = []
                continue
            select = f"SELECT {', '.join(columns)} FROM {table}"
            if since is None:
                sql, params = f"{select} ORDER BY id", {}
            else:
                sql = f"{_CHANGED} {select} WHERE {_CHANGED_WHERE[table]} ORDER BY id"
                params = {"since": since}
            tables[table] = [tuple(row) for row in db.execute(sql, params).fetchall()]
    return exported_at, tables, through


@dataclass(frozen=True)
class LastExport:
    """The last export to a recipient: when (a UTC stamp), and the change sequence it was read
    at (None for an export made before m0006: the next one to that recipient is whole)."""

    exported_at: str
    through_seq: int | None


def last_export_to(store: Store, recipient: str) -> LastExport | None:
    """This device's export to that recipient that reached furthest (the highest change
    sequence), or None. Names match as search keys, so width, kana script and spaces do not
    matter."""
    row = store.handle.db.execute(
        "SELECT exported_at, through_seq FROM exports WHERE recipient_key = ?"
        " ORDER BY through_seq IS NULL, through_seq DESC, exported_at DESC LIMIT 1",
        [search_key(recipient)],
    ).fetchone()
    return LastExport(row[0], row[1]) if row else None


def record_export(
    store: Store,
    *,
    export_id: str,
    recipient: str,
    since: str | None,
    exported_at: str,
    file_name: str,
    row_count: int,
    through_seq: int | None = None,
) -> None:
    """Remember an export: `since` is the stamp of the one before it (what the bundle's
    manifest says), `through_seq` the change sequence export_rows read it at."""
    with store.handle.write() as db:
        db.execute(
            "INSERT INTO exports (id, recipient, recipient_key, since, exported_at, file_name,"
            " row_count, through_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                export_id,
                recipient,
                search_key(recipient),
                since,
                exported_at,
                file_name,
                row_count,
                through_seq,
            ],
        )
        db.execute(_PRUNE_LOG)


# A row's number is needed only while some recipient's last export is below it: entries at or
# below the lowest recipient's number go (with no numbered recipient, all of them: the next
# export to anyone is whole). So the log holds what changed since the least recent recipient.
_PRUNE_LOG = """
DELETE FROM change_log WHERE seq <= (
  SELECT coalesce(min(reached), (SELECT seq FROM change_counter)) FROM (
    SELECT max(through_seq) AS reached FROM exports WHERE recipient_key <> ''
    GROUP BY recipient_key
  )
)"""


# -- lookups for validation ----------------------------------------------------------------------


def existing_ids(store: Store, table: str, ids: Collection[str]) -> set[str]:
    """Which of `ids` the table already holds (to resolve a bundle's references)."""
    if not ids:
        return set()
    rows = store.handle.db.execute(
        f"SELECT id FROM {_check_table(table)} WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(ids))],
    ).fetchall()
    return {row[0] for row in rows}


def tombstone_ids(store: Store) -> set[str]:
    return {row[0] for row in store.handle.db.execute("SELECT id FROM tombstones").fetchall()}


# -- merge ---------------------------------------------------------------------------------------


def _count(db: Any, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _with_search_keys(row: Sequence[Any]) -> tuple[Any, ...]:
    # display_name, kana, nickname are columns 1–3 of a bundle's resident row.
    keys = resident_search_keys(row[1], row[2], row[3])
    return (*row, *(keys[k] for k in _DERIVED_RESIDENT_KEYS))


def _present(conn: Any, table: str, ids: str) -> set[str]:
    rows = conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [ids]
    ).fetchall()
    return {row[0] for row in rows}


def _insert_then_upsert(conn: Any, table: str, rows: Sequence[Sequence[Any]]) -> tuple[int, int]:
    """(added, updated): insert what is new, then upsert the rest with last-writer-wins.

    A row went in on the first pass if its id was absent before, is present after, and no
    earlier row of the batch had that id. Every other row (an id already here, a natural key
    already here under another id, a second copy within the batch) takes the upsert.
    """
    ids = json.dumps([row[0] for row in rows])
    before = _present(conn, table, ids)
    added = conn.executemany(INSERT_NEW_SQL[table], rows).rowcount
    after = _present(conn, table, ids) if added < len(rows) else None
    if after is None:
        return added, 0
    rest, seen = [], set()
    for row in rows:
        if row[0] in before or row[0] not in after or row[0] in seen:
            rest.append(row)
        else:
            seen.add(row[0])
    if not rest:
        return added, 0
    count = _count(conn, table)
    changed = conn.executemany(UPSERT_SQL[table], rest).rowcount
    also_added = _count(conn, table) - count  # only if an update moved a natural key
    return added + also_added, changed - also_added


def merge_rows(
    store: Store, tables: Mapping[str, Sequence[Sequence[Any]]]
) -> dict[str, MergeCounts]:
    """Merge validated rows (tuples in BUNDLE_COLUMNS order) in one transaction.

    Tombstones go first: each erases its resident with their attendance and progress (by
    cascade), and any bundle row of an erased resident is skipped. Removals come next: a
    bundle row older than its row's removal is skipped (and rows of a discarded session with
    it), every table is upserted, parents first, and then rows already here that are older
    than their removal go. Counts come from SQLite's change counts, not from guessing.
    """
    result: dict[str, MergeCounts] = {}
    with store.handle.write() as db:
        conn = db.conn
        stones = list(tables.get("tombstones", ()))
        ids = json.dumps([stone[0] for stone in stones])
        erased_by_cascade = {
            table: conn.execute(
                f"SELECT count(*) FROM {table}"
                " WHERE resident_id IN (SELECT value FROM json_each(?))",
                [ids],
            ).fetchone()[0]
            for table in ("attendance", "progress")
        }
        added = (
            conn.executemany(
                "INSERT INTO tombstones (id, table_name, erased_at, origin) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                stones,
            ).rowcount
            if stones
            else 0
        )
        result["tombstones"] = MergeCounts(added=added, skipped=len(stones) - added)
        erased_residents = conn.execute(
            "DELETE FROM residents WHERE id IN (SELECT value FROM json_each(?))", [ids]
        ).rowcount
        erased = tombstone_ids(store)
        removals = list(tables.get("removals", ()))
        stored = conn.executemany(_UPSERT_REMOVAL_SQL, removals).rowcount if removals else 0
        result["removals"] = MergeCounts(added=stored, skipped=len(removals) - stored)
        removed = _removals(conn)
        gone_sessions: set[str] = set()

        for table in MERGE_ORDER:
            rows = tables.get(table, ())
            kept: Sequence[Sequence[Any]] = rows
            if table in RESIDENT_COLUMN and erased:
                at = BUNDLE_COLUMNS[table].index(RESIDENT_COLUMN[table])
                kept = [row for row in rows if row[at] not in erased]
            if table in REMOVABLE and removed.get(table):
                kept = [row for row in kept if not _older_than_removal(table, row, removed)]
            if table == "sessions" and removed.get("sessions"):
                gone_sessions = set(removed["sessions"]) - _present(
                    conn, "sessions", json.dumps(list(removed["sessions"]))
                )
            if gone_sessions and table in _SESSION_CHILDREN:
                kept = _without_gone_sessions(table, kept, gone_sessions)
            if table == "residents":
                kept = [_with_search_keys(row) for row in kept]
            added, updated = _insert_then_upsert(conn, table, kept) if kept else (0, 0)
            result[table] = MergeCounts(
                added=added,
                updated=updated,
                erased=erased_residents
                if table == "residents"
                else erased_by_cascade.get(table, 0),
                skipped=len(rows) - added - updated,
            )
        _give_lone_sessions_a_lead(conn, [row[0] for row in tables.get("sessions", ())])
        for table in REMOVABLE:
            gone = conn.execute(_APPLY_REMOVALS_SQL[table]).rowcount
            if gone:
                before = result[table]
                result[table] = MergeCounts(
                    before.added, before.updated, before.erased + gone, before.skipped
                )
    return result


_SESSION_CHILDREN = (
    "session_volunteers",
    "attendance",
    "session_lessons",
    "handover",
    "progress",
    "plans",
)


def _give_lone_sessions_a_lead(conn: Any, session_ids: Sequence[str]) -> None:
    """A bundle from before sessions had volunteers (format 1 or 2) brings sessions without
    them: each gets its recording volunteer as 講師, the row m0007 makes on every device (the
    same id, the session's stamps), so it merges with the sender's own once they upgrade."""
    if not session_ids:
        return
    lone = conn.execute(
        "SELECT id, volunteer_id, created_at, updated_at, origin FROM sessions s"
        " WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS"
        " (SELECT 1 FROM session_volunteers v WHERE v.session_id = s.id)",
        [json.dumps(list(session_ids))],
    ).fetchall()
    conn.executemany(
        "INSERT INTO session_volunteers"
        " (id, session_id, volunteer_id, role, removed, created_at, updated_at, origin)"
        " VALUES (?, ?, ?, 'lead', 0, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(lead_row_id(sid, vid), sid, vid, c, u, o) for sid, vid, c, u, o in lone],
    )


def _removals(conn: Any) -> dict[str, dict[str, tuple[str, str]]]:
    """Every stored removal: table → row identity → (removed_at, origin)."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for table, key, removed_at, origin in conn.execute(
        "SELECT table_name, key, removed_at, origin FROM removals"
    ):
        found.setdefault(table, {})[key] = (removed_at, origin)
    return found


def _older_than_removal(
    table: str, row: Sequence[Any], removed: Mapping[str, Mapping[str, tuple[str, str]]]
) -> bool:
    columns = BUNDLE_COLUMNS[table]
    key = " ".join(row[columns.index(c)] for c in REMOVABLE[table])
    removal = removed[table].get(key)
    stamp = (row[columns.index("updated_at")], row[columns.index("origin")])
    return removal is not None and removal > stamp


def _without_gone_sessions(
    table: str, rows: Sequence[Sequence[Any]], gone: set[str]
) -> list[Sequence[Any]]:
    """Rows of a discarded session: attendance, lessons and checklist go with it; a step's
    progress stays, without the session (as the discard left it where it was made)."""
    at = BUNDLE_COLUMNS[table].index("session_id")
    if table not in ("progress", "plans"):
        return [row for row in rows if row[at] not in gone]
    return [(*row[:at], None, *row[at + 1 :]) if row[at] in gone else row for row in rows]


# A removal is kept per row identity, newest wins (ties to the larger origin, as rows do).
_NEWER_REMOVAL = "(excluded.removed_at, excluded.origin) > (removals.removed_at, removals.origin)"
_UPSERT_REMOVAL_SQL = (
    "INSERT INTO removals (id, table_name, key, removed_at, origin) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET table_name = excluded.table_name, key = excluded.key,"
    f" removed_at = excluded.removed_at, origin = excluded.origin WHERE {_NEWER_REMOVAL}"
    " ON CONFLICT (table_name, key) DO UPDATE SET id = excluded.id,"
    f" removed_at = excluded.removed_at, origin = excluded.origin WHERE {_NEWER_REMOVAL}"
)


# After every upsert: a row older than its removal goes (a session's go with it by cascade);
# a row written after the removal (someone added again) stays. So the result is the newest of
# the row and its removal, whatever order the bundles came in.
def _apply_removals_sql(table: str, key: tuple[str, ...]) -> str:
    # Driven from the (few) removals, each row found through its table's unique index.
    if len(key) == 1:
        match = f"t.{key[0]} = r.key"
    else:
        space = "instr(r.key, ' ')"
        match = (
            f"t.{key[0]} = substr(r.key, 1, {space} - 1)"
            f" AND t.{key[1]} = substr(r.key, {space} + 1)"
        )
    return (
        f"DELETE FROM {table} WHERE rowid IN (SELECT t.rowid FROM removals r"
        f" JOIN {table} t ON {match} WHERE r.table_name = '{table}'"
        " AND (r.removed_at, r.origin) > (t.updated_at, t.origin))"
    )


_APPLY_REMOVALS_SQL = {table: _apply_removals_sql(table, key) for table, key in REMOVABLE.items()}
