"""The schema as append-only sqlite-utils migrations. Never edit one that has shipped: add one.

Every shared row has a UUID text key, `created_at` / `updated_at` (UTC ISO 8601) and `origin`
(the installation that wrote it) so bundles from many devices merge without collisions.
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from dxhelper.core.categories import Category
from dxhelper.core.models import AgeBand, HandoverItem, SessionKind, StepState, VolunteerRole
from dxhelper.core.planning import (
    Attended,
    Every,
    OutcomeReason,
    OutcomeState,
    PlanStatus,
    SignupStatus,
)

MIGRATION_SET = "dxhelper"
migrations = Migrations(MIGRATION_SET)

# Per-age-band counts of residents who came but were not recorded by name.
UNNAMED_COLUMNS: dict[AgeBand, str] = {band: f"unnamed_{band.value}" for band in AgeBand}

_SHARED = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    origin TEXT NOT NULL"""


def _in_list(column: str, values: list[str]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"CHECK ({column} IN ({quoted}))"


@migrations()
def m0001_initial(db: Database) -> None:
    unnamed = ",\n".join(
        f"    {col} INTEGER NOT NULL DEFAULT 0 CHECK ({col} >= 0)"
        for col in UNNAMED_COLUMNS.values()
    )
    statements = [
        """CREATE TABLE installation (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    municipality TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL,
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1)
)""",
        f"""CREATE TABLE volunteers (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,{_SHARED}
)""",
        f"""CREATE TABLE venues (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    municipality TEXT NOT NULL DEFAULT '',{_SHARED}
)""",
        f"""CREATE TABLE residents (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    kana TEXT NOT NULL DEFAULT '',
    nickname TEXT NOT NULL DEFAULT '',
    age_band TEXT NOT NULL {_in_list("age_band", [b.value for b in AgeBand])},
    consent_date TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    name_key TEXT NOT NULL,
    kana_key TEXT NOT NULL,
    nickname_key TEXT NOT NULL,{_SHARED}
)""",
        "CREATE INDEX residents_name_key ON residents(name_key)",
        "CREATE INDEX residents_kana_key ON residents(kana_key)",
        "CREATE INDEX residents_nickname_key ON residents(nickname_key)",
        f"""CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT,
    venue_id TEXT NOT NULL REFERENCES venues(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    kind TEXT NOT NULL {_in_list("kind", [k.value for k in SessionKind])},
{unnamed},
    note TEXT NOT NULL DEFAULT '',{_SHARED}
)""",
        "CREATE INDEX sessions_date ON sessions(date)",
        "CREATE INDEX sessions_venue_date ON sessions(venue_id, date)",
        "CREATE INDEX sessions_volunteer_date ON sessions(volunteer_id, date)",
        "CREATE INDEX sessions_open ON sessions(date) WHERE end_time IS NULL",
        f"""CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,{_SHARED},
    UNIQUE (session_id, resident_id)
)""",
        "CREATE INDEX attendance_resident ON attendance(resident_id, session_id)",
        f"""CREATE TABLE session_lessons (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,{_SHARED},
    UNIQUE (session_id, lesson_id)
)""",
        "CREATE INDEX session_lessons_lesson ON session_lessons(lesson_id)",
        f"""CREATE TABLE progress (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    state TEXT NOT NULL {_in_list("state", [s.value for s in StepState])},
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    volunteer_id TEXT REFERENCES volunteers(id),
    at TEXT NOT NULL,{_SHARED},
    UNIQUE (resident_id, lesson_id, step_id)
)""",
        "CREATE INDEX progress_session ON progress(session_id)",
        "CREATE INDEX progress_lesson_step ON progress(lesson_id, step_id, state)",
        "CREATE INDEX progress_state_at ON progress(state, at)",
        # An erased resident leaves only this: the id, so the erasure travels in bundles.
        """CREATE TABLE tombstones (
    id TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    erased_at TEXT NOT NULL,
    origin TEXT NOT NULL
)""",
    ]
    for sql in statements:
        db.execute(sql)


_LATEST_SESSION_OF = """(SELECT max(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
      WHERE a.resident_id = {who})"""


@migrations()
def m0002_resident_last_seen(db: Database) -> None:
    """Keep each resident's latest session date on their row, kept right by triggers.

    The attendee search ranks by "seen most recently"; computing that with a subquery per
    match took 300 ms at 100k residents. With the date on the row, covering indexes answer a
    prefix search from the index alone. The column is derived: bundles need not carry it.
    """
    statements = [
        "ALTER TABLE residents ADD COLUMN last_seen TEXT",
        "UPDATE residents SET last_seen = " + _LATEST_SESSION_OF.format(who="residents.id"),
        "DROP INDEX residents_name_key",
        "DROP INDEX residents_kana_key",
        "DROP INDEX residents_nickname_key",
        "CREATE INDEX residents_kana_seen ON residents(kana_key, last_seen, name_key)",
        "CREATE INDEX residents_name_seen ON residents(name_key, last_seen, kana_key)",
        "CREATE INDEX residents_nickname_seen"
        " ON residents(nickname_key, last_seen, kana_key, name_key)",
        """CREATE TRIGGER attendance_sets_last_seen AFTER INSERT ON attendance BEGIN
    UPDATE residents SET last_seen = (SELECT date FROM sessions WHERE id = NEW.session_id)
    WHERE id = NEW.resident_id
      AND (last_seen IS NULL OR last_seen < (SELECT date FROM sessions WHERE id = NEW.session_id));
END""",
        f"""CREATE TRIGGER attendance_removal_resets_last_seen AFTER DELETE ON attendance BEGIN
    UPDATE residents SET last_seen = {_LATEST_SESSION_OF.format(who="OLD.resident_id")}
    WHERE id = OLD.resident_id;
END""",
        f"""CREATE TRIGGER session_date_moves_last_seen AFTER UPDATE OF date ON sessions BEGIN
    UPDATE residents SET last_seen = {_LATEST_SESSION_OF.format(who="residents.id")}
    WHERE id IN (SELECT resident_id FROM attendance WHERE session_id = NEW.id);
END""",
    ]
    for sql in statements:
        db.execute(sql)


@migrations()
def m0003_session_handover(db: Database) -> None:
    """The end-of-session checklist: each item ticked, or skipped with the reason given."""
    db.execute(
        f"""CREATE TABLE handover (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    item TEXT NOT NULL {_in_list("item", [i.value for i in HandoverItem])},
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    reason TEXT NOT NULL DEFAULT '',{_SHARED},
    UNIQUE (session_id, item)
)"""
    )


@migrations()
def m0004_export_log(db: Database) -> None:
    """Each bundle this device wrote, and for whom, so the next export to the same coordinator
    can hold only what changed since (`dxhelper export --since-last-to NAME`)."""
    db.execute(
        """CREATE TABLE exports (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    since TEXT,
    exported_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    row_count INTEGER NOT NULL CHECK (row_count >= 0)
)"""
    )
    db.execute("CREATE INDEX exports_recipient ON exports(recipient_key, exported_at)")


# What a removal names, per table: the row's identity, as merge matches it.
REMOVABLE: dict[str, tuple[str, ...]] = {
    "sessions": ("id",),
    "attendance": ("session_id", "resident_id"),
    "session_lessons": ("session_id", "lesson_id"),
}


@migrations()
def m0005_removals_and_finding(db: Database) -> None:
    """Deletions that travel, and residents that are easy to find and tell apart.

    `removals` records a discarded session, an attendee taken off a session and a lesson taken
    off a session, by the row's identity (`key`: its values joined by a space) and moment, so
    a merge removes the older row and an older bundle cannot bring it back. Residents get an
    optional 地区 (district) and search keys for the given name and given reading alone
    (derived, like the other keys: bundles do not carry them).
    """
    from dxhelper.core.text import resident_search_keys

    tables = ", ".join(f"'{t}'" for t in REMOVABLE)
    db.execute(
        f"""CREATE TABLE removals (
    id TEXT PRIMARY KEY,
    table_name TEXT NOT NULL CHECK (table_name IN ({tables})),
    key TEXT NOT NULL,
    removed_at TEXT NOT NULL,
    origin TEXT NOT NULL,
    UNIQUE (table_name, key)
)"""
    )
    db.execute("CREATE INDEX removals_removed_at ON removals(removed_at)")
    db.execute("ALTER TABLE residents ADD COLUMN district TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE residents ADD COLUMN given_name_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE residents ADD COLUMN given_kana_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, display_name, kana, nickname FROM residents").fetchall()
    for rid, name, kana, nickname in rows:
        keys = resident_search_keys(name, kana, nickname)
        db.execute(
            "UPDATE residents SET given_name_key = ?, given_kana_key = ? WHERE id = ?",
            [keys["given_name_key"], keys["given_kana_key"], rid],
        )
    db.execute(
        "CREATE INDEX residents_given_kana_seen ON residents(given_kana_key, last_seen, kana_key)"
    )
    db.execute(
        "CREATE INDEX residents_given_name_seen ON residents(given_name_key, last_seen, kana_key)"
    )


# The tables m0006 numbered changes for (frozen: a migration must build the same schema
# whenever it runs); later migrations add their own tables' triggers.
_SYNCED_BY_M0006 = (
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
# Every table a bundle carries, parents first.
SYNCED = (
    "volunteers",
    "venues",
    "residents",
    "sessions",
    "session_volunteers",
    "attendance",
    "session_lessons",
    "progress",
    "handover",
    "series",
    "plans",
    "signups",
    "outcomes",
    "resident_phones",
    "tombstones",
    "removals",
)
# Columns no write changes on purpose: derived ones (m0002's last_seen; the search keys, which
# end in _key). A change to only these is no change to send.
_DERIVED = ("last_seen",)


def _log_change(table: str) -> str:
    return (
        "UPDATE change_counter SET seq = seq + 1;"
        " INSERT INTO change_log (table_name, row_id, seq)"
        f" VALUES ('{table}', NEW.id, (SELECT seq FROM change_counter))"
        " ON CONFLICT (table_name, row_id) DO UPDATE SET seq = excluded.seq;"
    )


@migrations()
def m0006_change_sequence(db: Database) -> None:
    """A local change sequence, so an incremental export sends what changed *here*.

    Selecting by the rows' own `updated_at` lost relays: a coordinator who imports a volunteer's
    rows (stamped days ago) and then exports "since the last export to the prefecture" sent
    none of them, nor the erasures. Now each insert and each update of a column a bundle
    carries, on every synced table (a local write, a merged row, a tombstone, a removal,
    whichever code writes it), takes the next number from `change_counter` and files it in
    `change_log` against the row, by triggers. The log is a table of its own, not a column, so
    the rows read as before. An export remembers the number it read (`exports.through_seq`);
    the next one to the same recipient sends the rows numbered above it. Existing rows take the
    numbers up to the counter's start; exports made before this have no number (the next
    export to that recipient is whole). The log keeps only numbers some recipient's next
    export still needs (merge.py prunes it at each export). A later migration that adds a
    column to a synced table must recreate that table's update trigger so the column counts as
    a change.
    """
    db.execute(
        "CREATE TABLE change_counter ("
        " id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL CHECK (seq >= 0))"
    )
    db.execute(
        """CREATE TABLE change_log (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX change_log_seq ON change_log(table_name, seq)")
    total = 0
    for table in _SYNCED_BY_M0006:
        # Existing rows are numbered 1…total. No export has a number yet (the next export to
        # anyone is whole), so none of these numbers is needed in the log: see merge.py's
        # _PRUNE_LOG.
        total += db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        _create_change_triggers(db, table)
    db.execute("INSERT INTO change_counter (id, seq) VALUES (1, ?)", [total])
    db.execute("ALTER TABLE exports ADD COLUMN through_seq INTEGER")


def _create_change_triggers(db: Database, table: str) -> None:
    """m0006's three triggers, for a synced table made later."""
    db.execute(
        f"CREATE TRIGGER {table}_logs_insert AFTER INSERT ON {table} BEGIN {_log_change(table)} END"
    )
    _create_update_trigger(db, table)
    db.execute(
        f"CREATE TRIGGER {table}_logs_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM change_log WHERE table_name = '{table}' AND row_id = OLD.id; END"
    )


def _create_update_trigger(db: Database, table: str) -> None:
    """The change-log trigger for updates of every column a bundle carries (made again by a
    migration that adds such a column)."""
    columns = [
        row[1]
        for row in db.execute(f"PRAGMA table_info({table})").fetchall()
        if row[1] not in _DERIVED and not row[1].endswith("_key")
    ]
    db.execute(
        f"CREATE TRIGGER {table}_logs_update AFTER UPDATE OF {', '.join(columns)}"
        f" ON {table} BEGIN"
        f" DELETE FROM change_log WHERE table_name = '{table}' AND row_id = OLD.id"
        f" AND OLD.id <> NEW.id; {_log_change(table)} END"
    )


# Every device makes the same id for a session's first volunteer (the migration, an import of
# an older bundle), so the copies merge as one row.
_LEAD_NAMESPACE = uuid.UUID("5f0c2b1e-8f7a-4d3c-9a61-0d6c1e2b7a40")


def lead_row_id(session_id: str, volunteer_id: str) -> str:
    return str(uuid.uuid5(_LEAD_NAMESPACE, f"{session_id} {volunteer_id}"))


ROLES = tuple(role.value for role in VolunteerRole)


@migrations()
def m0007_session_volunteers(db: Database) -> None:
    """More than one volunteer per session, each with a role (講師 / アシスタント / 受付).

    `sessions.volunteer_id` stays: the volunteer who recorded the session. Who worked at it is
    `session_volunteers`, one row per volunteer; taking someone off sets `removed` (a soft
    deletion with its own stamp, so it travels and merges like any edit). Every existing
    session gets its volunteer as 講師, with an id every device computes alike and the
    session's own stamps and origin, so two devices' migrated copies are the same row.
    """
    db.execute(
        f"""CREATE TABLE session_volunteers (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    role TEXT NOT NULL {_in_list("role", list(ROLES))},
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),{_SHARED},
    UNIQUE (session_id, volunteer_id)
)"""
    )
    db.execute(
        "CREATE INDEX session_volunteers_volunteer ON session_volunteers(volunteer_id, session_id)"
    )
    # Triggers first: the rows made here are numbered, so the next incremental export sends
    # them to a recipient whose copy of a session predates its migration.
    _create_change_triggers(db, "session_volunteers")
    rows = db.execute(
        "SELECT id, volunteer_id, created_at, updated_at, origin FROM sessions"
    ).fetchall()
    db.conn.executemany(
        "INSERT INTO session_volunteers"
        " (id, session_id, volunteer_id, role, removed, created_at, updated_at, origin)"
        " VALUES (?, ?, ?, 'lead', 0, ?, ?, ?)",
        [(lead_row_id(sid, vid), sid, vid, c, u, o) for sid, vid, c, u, o in rows],
    )


TOPICS = (*(c.value for c in Category), "other")


@migrations()
def m0008_consultation_topic(db: Database) -> None:
    """What a 個別相談 was about: a lesson category, or "other" with a few words
    (`topic_note`, privacy-checked like every free text). Bundles carry both; the sessions'
    change trigger is made again so a change to them counts as a change to send."""
    topics = ", ".join(f"'{t}'" for t in TOPICS)
    db.execute(
        "ALTER TABLE sessions ADD COLUMN topic TEXT NOT NULL DEFAULT ''"
        f" CHECK (topic IN ('', {topics}))"
    )
    db.execute("ALTER TABLE sessions ADD COLUMN topic_note TEXT NOT NULL DEFAULT ''")
    db.execute("DROP TRIGGER sessions_logs_update")
    _create_update_trigger(db, "sessions")


# The tables m0009 adds, parents first (their order in SYNCED and in bundles).
PLANNING_TABLES = ("series", "plans", "signups", "outcomes", "resident_phones")


@migrations()
def m0009_planning(db: Database) -> None:
    """Between sessions (issue 18): planned sessions and weekly or monthly series, sign-ups
    with a waiting list and who came, each resident's outcome per lesson, and a phone number
    kept only with its own consent.

    A series' dates are plans of their own (an id every device computes from the series and
    the date), so a cancelled date is one plan marked cancelled. A plan that starts points at
    its session. Sign-ups keep the moment they were made (`signed_up_at`): the waiting list is
    in that order. A phone number lives in `resident_phones` (its id is the resident's), so a
    bundle leaves it out unless the coordinator's setting says otherwise, and an erasure takes
    it with the resident (ON DELETE CASCADE).
    """
    kinds = [k.value for k in SessionKind]
    statements = [
        f"""CREATE TABLE series (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL {_in_list("kind", kinds)},
    venue_id TEXT NOT NULL REFERENCES venues(id),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    every TEXT NOT NULL {_in_list("every", [e.value for e in Every])},
    first_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    lessons TEXT NOT NULL DEFAULT '',
    team TEXT NOT NULL DEFAULT '',{_SHARED}
)""",
        f"""CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    series_id TEXT REFERENCES series(id),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    venue_id TEXT NOT NULL REFERENCES venues(id),
    kind TEXT NOT NULL {_in_list("kind", kinds)},
    title TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    lessons TEXT NOT NULL DEFAULT '',
    team TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL {_in_list("status", [s.value for s in PlanStatus])},
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,{_SHARED}
)""",
        "CREATE INDEX plans_date ON plans(date, start_time)",
        "CREATE INDEX plans_series ON plans(series_id, date)",
        "CREATE INDEX plans_session ON plans(session_id)",
        f"""CREATE TABLE signups (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    status TEXT NOT NULL {_in_list("status", [s.value for s in SignupStatus])},
    attended TEXT NOT NULL DEFAULT '' {_in_list("attended", [a.value for a in Attended])},
    signed_up_at TEXT NOT NULL,{_SHARED},
    UNIQUE (plan_id, resident_id)
)""",
        "CREATE INDEX signups_resident ON signups(resident_id, plan_id)",
        f"""CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL,
    state TEXT NOT NULL {_in_list("state", [s.value for s in OutcomeState])},
    reason TEXT NOT NULL DEFAULT '' {_in_list("reason", [r.value for r in OutcomeReason])},
    reason_note TEXT NOT NULL DEFAULT '',{_SHARED},
    UNIQUE (resident_id, lesson_id)
)""",
        "CREATE INDEX outcomes_state ON outcomes(state, reason, lesson_id)",
        f"""CREATE TABLE resident_phones (
    id TEXT PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    consent_date TEXT NOT NULL,{_SHARED}
)""",
    ]
    for sql in statements:
        db.execute(sql)
    for table in PLANNING_TABLES:
        _create_change_triggers(db, table)


def known_migration_names() -> set[str]:
    # Every migration is pending on an empty database: the public way to list them all.
    return {m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))}
