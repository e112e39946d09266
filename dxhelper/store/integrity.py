"""Is a database's schema exactly the one dxhelper's migrations make? (Issue 16 §5.)

The expected schema is never a hand-kept copy: it is read from a fresh in-memory database on
which the migrations ran, up to the version the checked database records (an older database or
backup is compared with what that version's migrations made), and kept per version for the
life of the process. The comparison covers the tables and their columns (PRAGMA table_xinfo:
name, type, NOT NULL, default, primary key, hidden), each table's constraints (its normalised
CREATE TABLE), the named indexes (table, columns, UNIQUE, the partial WHERE clause), and every
trigger and view: anything the migrations did not create is a difference, because a trigger or
a view is code that runs inside the database (`AFTER INSERT ON venues BEGIN DELETE FROM
residents; END` would empty the residents at the next import).

SQLite's own objects (`sqlite_%`: autoindexes, sqlite_sequence, sqlite_stat1) are left out;
autoindexes follow from the table definitions, which are compared. sqlite-utils' bookkeeping
table `_sqlite_migrations` must exist, but its wording and indexes may differ between
sqlite-utils versions, so only triggers on it count.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

import dxhelper.store.connection as connection
from dxhelper.core.errors import ReadOnlyError
from dxhelper.store.schema import MIGRATION_SET, migrations

_BOOKKEEPING = "_sqlite_migrations"
_WHERE = re.compile(r"\sWHERE\s(.*)$", re.IGNORECASE | re.DOTALL)

# -- what a schema is -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    default: str | None
    pk: int
    hidden: int


@dataclass(frozen=True)
class Index:
    table: str
    columns: tuple[str, ...]  # "name" / "name DESC"; an expression is "(expression)"
    unique: bool
    where: str  # the partial clause, normalised; "" for a full index
    sql: str


@dataclass(frozen=True)
class Code:
    """A trigger or a view: the table it is on (a view's own name) and its normalised SQL."""

    table: str
    sql: str


@dataclass(frozen=True)
class Schema:
    objects: tuple[tuple[str, str, str, str], ...]  # (type, name, table, normalised SQL)
    tables: Mapping[str, str]  # name -> normalised CREATE TABLE
    columns: Mapping[str, tuple[Column, ...] | None]  # None: the columns could not be read
    indexes: Mapping[str, Index]
    triggers: Mapping[str, Code]
    views: Mapping[str, Code]


@dataclass(frozen=True)
class SchemaDifference:
    """One way a database's schema is not what the migrations make, said for a user."""

    kind: str  # table, column, index, trigger, view, migrations
    name: str
    ja: str
    en: str

    def message(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja


class SchemaMismatchError(ReadOnlyError):
    """The database's schema is not what dxhelper's migrations made: nothing is written to it
    (it is opened for reading only, where it can be), and restoring a backup is offered."""

    def __init__(
        self, path: Path, differences: tuple[SchemaDifference, ...], backup: str | None = None
    ) -> None:
        self.path = Path(path)
        self.differences = differences
        self.backup = backup  # the newest good backup's file name, offered for the restore
        shown = differences[:8]
        more = len(differences) - len(shown)
        ja_lines = "\n".join(f"・{d.ja}" for d in shown) + (f"\n・ほか {more} 件" if more else "")
        en_lines = "\n".join(f"- {d.en}" for d in shown) + (f"\n- and {more} more" if more else "")
        if backup:
            ja_offer = (
                f"最新の正常なバックアップ {backup} から復元できます"
                f"（設定 → バックアップから復元、または dxhelper restore {backup}）。"
            )
            en_offer = (
                f"You can restore the newest good backup, {backup} "
                f"(Settings → Restore from a backup, or: dxhelper restore {backup})."
            )
        else:
            ja_offer = "バックアップから復元してください（設定 → バックアップから復元）。"
            en_offer = "Please restore a backup (Settings → Restore from a backup)."
        super().__init__(
            f"データベースの構造が dxhelper の作ったものと違います。記録を守るため、"
            f"読み取り専用で開き、何も書き込みません: {path}\n{ja_lines}\n{ja_offer}",
            f"The database's structure is not the one dxhelper made. To keep the records safe "
            f"it is opened for reading only and nothing is written: {path}\n{en_lines}\n"
            f"{en_offer}",
        )


# -- reading a schema -------------------------------------------------------------------------


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _shown(name: str) -> str:
    """A name as a message shows it: control characters (a hostile file's) made visible."""
    clean = "".join(
        ch if unicodedata.category(ch)[0] != "C" else f"\\x{ord(ch):02x}" for ch in name
    )
    return clean[:60] + ("…" if len(clean) > 60 else "")


_OURS = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"


def _column(row: tuple) -> Column:
    name, type_, notnull, default, pk, hidden = row
    return Column(name, (type_ or "").upper(), bool(notnull), default, pk, hidden)


def _table_columns(
    conn: sqlite3.Connection, tables: list[str]
) -> dict[str, tuple[Column, ...] | None]:
    """Every table's columns in one query; table by table when one cannot be read (a virtual
    table whose module is missing), which is then None."""
    found: dict[str, list[Column]] = {name: [] for name in tables}
    try:
        rows = conn.execute(
            'SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden'
            " FROM sqlite_master m, pragma_table_xinfo(m.name) p"
            f" WHERE m.type = 'table' AND {_OURS} ORDER BY m.name, p.cid"
        ).fetchall()
    except sqlite3.Error:
        columns: dict[str, tuple[Column, ...] | None] = {}
        for name in tables:
            try:
                columns[name] = tuple(
                    _column(row[1:])
                    for row in conn.execute(
                        "SELECT * FROM pragma_table_xinfo(?) ORDER BY cid", [name]
                    ).fetchall()
                )
            except sqlite3.Error:
                columns[name] = None
        return columns
    for table, *row in rows:
        if table in found:
            found[table].append(_column(tuple(row)))
    return {name: tuple(found[name]) for name in tables}


def _index_columns(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Every named index's key columns in one query ("name", "name DESC", "(expression)")."""
    found: dict[str, list[str]] = {}
    with contextlib.suppress(sqlite3.Error):
        for index, cid, column, desc in conn.execute(
            'SELECT m.name, p.cid, p.name, p."desc"'
            " FROM sqlite_master m, pragma_index_xinfo(m.name) p"
            f" WHERE m.type = 'index' AND {_OURS} AND p.key ORDER BY m.name, p.seqno"
        ).fetchall():
            label = column if column is not None else ("(rowid)" if cid == -1 else "(expression)")
            found.setdefault(index, []).append(f"{label} DESC" if desc else label)
    return {name: tuple(columns) for name, columns in found.items()}


def read_objects(conn: sqlite3.Connection) -> tuple[tuple[str, str, str, str], ...]:
    """Every object of the schema as (type, name, table, normalised SQL), in one query; the
    wording of sqlite-utils' bookkeeping table and its indexes left out."""
    objects = []
    for kind, name, table, sql in conn.execute(
        f"SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m WHERE {_OURS}"
        " ORDER BY m.type, m.name"
    ).fetchall():
        if table == _BOOKKEEPING and kind in ("table", "index"):
            if kind == "index":
                continue
            sql = ""
        objects.append((kind, name, table, _normal(sql)))
    return tuple(objects)


def read_schema(
    conn: sqlite3.Connection,
    tables: set[str] | None = None,
    objects: tuple[tuple[str, str, str, str], ...] | None = None,
) -> Schema:
    """The schema of an open database, in three queries. Columns are read for `tables` only
    (all when None): a table that should not be there needs no detail, and may be a virtual
    table whose module is missing."""
    if objects is None:
        objects = read_objects(conn)
    table_sql: dict[str, str] = {}
    indexes: dict[str, Index] = {}
    triggers: dict[str, Code] = {}
    views: dict[str, Code] = {}
    index_sql: dict[str, tuple[str, str]] = {}
    for kind, name, table, text in objects:
        if kind == "table":
            table_sql[name] = text
        elif kind == "index":
            index_sql[name] = (table, text)
        elif kind == "trigger":
            triggers[name] = Code(table, text)
        elif kind == "view":
            views[name] = Code(table, text)
    wanted = [name for name in table_sql if tables is None or name in tables]
    columns = _table_columns(conn, wanted)
    index_columns = _index_columns(conn) if index_sql else {}
    for name, (table, text) in index_sql.items():
        where = _WHERE.search(text)
        indexes[name] = Index(
            table,
            index_columns.get(name, ()),
            text.upper().startswith("CREATE UNIQUE"),
            where.group(1) if where else "",
            text,
        )
    return Schema(objects, table_sql, columns, indexes, triggers, views)


@functools.cache
def known_migrations() -> tuple[str, ...]:
    # Every migration is pending on an empty database, in the order they were registered.
    # No sqlite-utils plugins (as for the records themselves): looking for them scans every
    # installed package's entry points, 40 ms of each start (issue 19 §7).
    return tuple(m.name for m in migrations.pending(Database(memory=True, execute_plugins=False)))


@functools.cache
def expected_schema(steps: int) -> Schema:
    """What the first `steps` migrations make, read from a fresh in-memory database; kept for
    the life of the process (one per schema version)."""
    known = known_migrations()
    if not 0 < steps <= len(known):
        raise ValueError(steps)
    reference = Database(memory=True, execute_plugins=False)
    try:
        migrations.apply(reference, stop_before=known[steps] if steps < len(known) else None)
        return read_schema(reference.conn)
    finally:
        reference.close()


# -- comparing ----------------------------------------------------------------------------------

_COLUMN_FIELDS = (
    ("type", "型", "type"),
    ("notnull", "NOT NULL", "NOT NULL"),
    ("default", "既定値", "default"),
    ("pk", "主キー", "primary key"),
    ("hidden", "生成・隠し列", "generated or hidden"),
)


def _column_differences(
    table: str, expected: tuple[Column, ...], actual: tuple[Column, ...] | None
) -> list[SchemaDifference]:
    t = _shown(table)
    if actual is None:
        return [
            SchemaDifference(
                "table",
                table,
                f"表 {t} の列を読めません。",
                f"The columns of table {t} cannot be read.",
            )
        ]
    found: list[SchemaDifference] = []
    wanted = {c.name: c for c in expected}
    have = {c.name: c for c in actual}
    for name, column in wanted.items():
        c = _shown(name)
        other = have.get(name)
        if other is None:
            found.append(
                SchemaDifference(
                    "column",
                    f"{table}.{name}",
                    f"表 {t} に列 {c} がありません。",
                    f"Column {c} is missing from table {t}.",
                )
            )
            continue
        changed = [
            (ja, en)
            for field, ja, en in _COLUMN_FIELDS
            if getattr(column, field) != getattr(other, field)
        ]
        if changed:
            found.append(
                SchemaDifference(
                    "column",
                    f"{table}.{name}",
                    f"表 {t} の列 {c} の定義が違います（{'、'.join(j for j, _ in changed)}）。",
                    f"Column {c} of table {t} differs ({', '.join(e for _, e in changed)}).",
                )
            )
    for name in have.keys() - wanted.keys():
        c = _shown(name)
        found.append(
            SchemaDifference(
                "column",
                f"{table}.{name}",
                f"表 {t} に想定外の列 {c} があります。",
                f"Unexpected column {c} in table {t}.",
            )
        )
    if not found and [c.name for c in expected] != [c.name for c in actual]:
        found.append(
            SchemaDifference(
                "column",
                table,
                f"表 {t} の列の順序が違います。",
                f"The columns of table {t} are in another order.",
            )
        )
    return found


def _table_differences(expected: Schema, actual: Schema) -> list[SchemaDifference]:
    found: list[SchemaDifference] = []
    for table in sorted(expected.tables.keys() - actual.tables.keys()):
        t = _shown(table)
        found.append(
            SchemaDifference("table", table, f"表 {t} がありません。", f"Table {t} is missing.")
        )
    for table in sorted(actual.tables.keys() - expected.tables.keys()):
        t = _shown(table)
        found.append(
            SchemaDifference(
                "table", table, f"想定外の表 {t} があります。", f"Unexpected table {t}."
            )
        )
    for table in sorted(expected.tables.keys() & actual.tables.keys()):
        if table == _BOOKKEEPING:  # sqlite-utils' own wording, which its versions change
            continue
        want, have = expected.columns[table] or (), actual.columns.get(table)
        columns = [] if want == have else _column_differences(table, want, have)
        found.extend(columns)
        if not columns and expected.tables[table] != actual.tables[table]:
            t = _shown(table)
            found.append(
                SchemaDifference(
                    "table",
                    table,
                    f"表 {t} の制約（CHECK・参照・UNIQUE など）が違います。",
                    f"The constraints of table {t} (CHECK, references, UNIQUE) differ.",
                )
            )
    return found


def _index_differences(expected: Schema, actual: Schema) -> list[SchemaDifference]:
    found: list[SchemaDifference] = []
    for name in sorted(expected.indexes.keys() | actual.indexes.keys()):
        want, have = expected.indexes.get(name), actual.indexes.get(name)
        if want == have:
            continue
        i = _shown(name)
        if have is None:
            assert want is not None
            t = _shown(want.table)
            found.append(
                SchemaDifference(
                    "index", name, f"索引 {i}（{t}）がありません。", f"Index {i} on {t} is missing."
                )
            )
            continue
        t = _shown(have.table)
        if want is None:
            found.append(
                SchemaDifference(
                    "index",
                    name,
                    f"想定外の索引 {i}（{t}）があります。",
                    f"Unexpected index {i} on {t}.",
                )
            )
            continue
        changed = []
        if want.table != have.table:
            changed.append(("表", "table"))
        if want.columns != have.columns:
            changed.append((f"列 {', '.join(have.columns)}", f"columns {', '.join(have.columns)}"))
        if want.unique != have.unique:
            changed.append(("UNIQUE", "UNIQUE"))
        if want.where != have.where:
            changed.append(("WHERE 条件", "WHERE clause"))
        if not changed and want.sql != have.sql:
            changed.append(("定義", "definition"))
        if changed:
            found.append(
                SchemaDifference(
                    "index",
                    name,
                    f"索引 {i}（{t}）の定義が違います（{'、'.join(j for j, _ in changed)}）。",
                    f"Index {i} on {t} differs ({', '.join(e for _, e in changed)}).",
                )
            )
    return found


def _code_differences(
    kind: str, expected: Mapping[str, Code], actual: Mapping[str, Code]
) -> list[SchemaDifference]:
    ja_kind = "トリガー" if kind == "trigger" else "ビュー"
    found: list[SchemaDifference] = []
    for name in sorted(expected.keys() | actual.keys()):
        want, have = expected.get(name), actual.get(name)
        if want == have:
            continue
        n = _shown(name)
        code = have or want
        assert code is not None
        on_ja = f"（{_shown(code.table)}）" if kind == "trigger" else " "
        on_en = f" on {_shown(code.table)}" if kind == "trigger" else ""
        if want is None:
            found.append(
                SchemaDifference(
                    kind,
                    name,
                    f"想定外の{ja_kind} {n}{on_ja}があります。",
                    f"Unexpected {kind} {n}{on_en}.",
                )
            )
        elif have is None:
            found.append(
                SchemaDifference(
                    kind,
                    name,
                    f"{ja_kind} {n}{on_ja}がありません。",
                    f"{kind.capitalize()} {n}{on_en} is missing.",
                )
            )
        elif want != have:
            found.append(
                SchemaDifference(
                    kind,
                    name,
                    f"{ja_kind} {n}{on_ja}の内容が dxhelper の作ったものと違います。",
                    f"{kind.capitalize()} {n}{on_en} differs from the one dxhelper made.",
                )
            )
    return found


def compare(expected: Schema, actual: Schema) -> list[SchemaDifference]:
    """Every way `actual` is not `expected`: tables and columns, indexes, triggers, views."""
    return [
        *_table_differences(expected, actual),
        *_index_differences(expected, actual),
        *_code_differences("trigger", expected.triggers, actual.triggers),
        *_code_differences("view", expected.views, actual.views),
    ]


def applied_migrations(conn: sqlite3.Connection) -> list[str] | None:
    """The dxhelper migrations a database records, in order; None when it has no record."""
    has_record = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [_BOOKKEEPING]
    ).fetchone()
    if not has_record:
        return None
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {_BOOKKEEPING} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    ]


def schema_differences(conn: sqlite3.Connection) -> list[SchemaDifference]:
    """How the schema of an open database differs from what its version's migrations make.

    Empty for a database that is exactly what dxhelper made, and also for one this check
    cannot judge and that opening refuses anyway: an empty file, another program's database
    (no migration record), or one made by a newer dxhelper (unknown migrations)."""
    applied = applied_migrations(conn)
    if not applied:
        return []
    known = known_migrations()
    if set(applied) - set(known):
        return []  # newer: refused as such when opened or restored
    if applied != list(known[: len(applied)]):
        return [
            SchemaDifference(
                "migrations",
                _BOOKKEEPING,
                "記録されたスキーマ変更が dxhelper のものと違います（順序か重複）。",
                "The recorded schema steps are not dxhelper's (their order, or a repeat).",
            )
        ]
    expected = expected_schema(len(applied))
    objects = read_objects(conn)
    if objects == expected.objects:
        # The same SQL, word for word, makes the same columns, indexes, triggers and views:
        # the column-by-column reading (a millisecond more) is only needed to say what differs.
        return []
    return compare(expected, read_schema(conn, set(expected.tables), objects))


def file_differences(path: Path) -> list[SchemaDifference]:
    """`schema_differences` of a database file, read without writing (or creating) anything.
    Raises sqlite3.Error when the file cannot be read."""
    conn = connection.open_file_unchanged(Path(path))
    try:
        return schema_differences(conn)
    finally:
        conn.close()
