"""Verified backups: taking them, thinning them, listing, restoring, saving a copy, erasing.

A backup nobody has checked is a hope, not a backup: each copy is opened again, must pass
`PRAGMA integrity_check` and hold exactly the rows the source held, or it is deleted and the
caller hears why. A copy that fails its check never replaces (or thins away) a good one.

Backups live in the data folder's `backups/`, one self-contained file each, named by the moment
(UTC) and the reason: `dxhelper-20261124-013000Z-close.sqlite3` (`-2`, `-3`… when two fall in one
second). Only files named like that are ever listed, thinned or rewritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from dxhelper.core.errors import DxError, NotFoundError, PrivacyError, StoreError
from dxhelper.core.fields import field_label
from dxhelper.core.privacy import check_free_text
from dxhelper.store import connection
from dxhelper.store.rotation import backups_to_keep

if TYPE_CHECKING:
    from dxhelper.store.store import Store

BACKUP_PREFIX = "dxhelper-"
BACKUP_SUFFIX = ".sqlite3"
REASONS = ("start", "close", "manual", "migration", "import", "restore")
COUNTED = ("residents", "sessions", "attendance", "progress")
DUE_AFTER = dt.timedelta(days=1)

# dxhelper-YYYYMMDD-HHMMSS[Z][-reason][-n].sqlite3; names without the Z (local time, no reason)
# were written by import backups before backups had reasons.
_NAME = re.compile(r"^dxhelper-(\d{8})-(\d{6})(Z?)(?:-([a-z]+))?(?:-(\d+))?\.sqlite3$")
_SIDE_FILES = ("-journal", "-wal", "-shm")
_BURY_SQL = (
    "INSERT OR REPLACE INTO tombstones (id, table_name, erased_at, origin) VALUES (?, ?, ?, ?)"
)

# Free text a restored file could carry past the privacy guard: (table, column, field name).
_FREE_TEXT = (
    ("residents", "display_name", "display_name"),
    ("residents", "kana", "kana"),
    ("residents", "nickname", "nickname"),
    ("residents", "note", "note"),
    ("sessions", "note", "note"),
    ("volunteers", "display_name", "volunteer_name"),
    ("venues", "name", "venue_name"),
    ("venues", "municipality", "municipality"),
    ("handover", "reason", "reason"),
    ("installation", "name", "installation_name"),
    ("installation", "municipality", "municipality"),
    ("exports", "recipient", "recipient"),
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as the Settings screen and `dxhelper backup --list` show it."""

    path: Path
    taken_at: dt.datetime  # UTC, from the file name
    size: int  # bytes
    counts: dict[str, int]  # rows in residents, sessions, attendance, progress
    reason: str  # one of REASONS
    problem: str = ""  # why the file cannot be read; "" when it can

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class RestoreResult:
    database: Path  # the database now holding the restored records
    source: Path  # the file restored from
    previous: Path | None  # the backup of what the database held before (None: nothing there)
    kept_damaged: Path | None  # the old database, kept aside because it could not be read
    counts: dict[str, int]  # rows in residents, sessions, attendance, progress after
    erased_again: int = 0  # residents erased since the backup was taken, erased again

    def describe(self, lang: str = "ja") -> str:
        c = self.counts
        if lang == "en":
            lines = [
                f"Restored from: {self.source}",
                f"Now: {c.get('residents', 0)} residents, {c.get('sessions', 0)} sessions, "
                f"{c.get('attendance', 0)} attendances, {c.get('progress', 0)} progress records.",
            ]
            if self.previous:
                lines.append(f"The records as they were before are backed up in: {self.previous}")
            if self.kept_damaged:
                lines.append(
                    f"The old database could not be read; it is kept as: {self.kept_damaged}"
                )
            if self.erased_again:
                lines.append(f"{self.erased_again} residents erased since then stay erased.")
            return "\n".join(lines)
        lines = [
            f"復元しました: {self.source}",
            f"現在: 住民 {c.get('residents', 0)} 人、セッション {c.get('sessions', 0)} 回、"
            f"参加 {c.get('attendance', 0)} 件、進み具合 {c.get('progress', 0)} 件。",
        ]
        if self.previous:
            lines.append(f"復元前の記録はバックアップしました: {self.previous}")
        if self.kept_damaged:
            lines.append(f"以前のデータベースは読めないため、残してあります: {self.kept_damaged}")
        if self.erased_again:
            lines.append(f"その後に消去した住民 {self.erased_again} 人は消去したままです。")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Named:
    """A file whose name says it is one of our backups."""

    path: Path
    taken_at: dt.datetime
    reason: str
    seq: int

    @property
    def key(self) -> dt.datetime:
        # Two backups in one second (`-2`) still need distinct, ordered times for thinning.
        return self.taken_at + dt.timedelta(microseconds=self.seq - 1)


# -- names -----------------------------------------------------------------------------------


def _parse(path: Path) -> _Named | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    day, clock, zulu, reason, seq = m.groups()
    try:
        moment = dt.datetime.strptime(day + clock, "%Y%m%d%H%M%S")
    except ValueError:
        return None
    # Names without the Z are older ones, written in local time.
    local = moment.astimezone().astimezone(dt.UTC)
    taken_at = moment.replace(tzinfo=dt.UTC) if zulu else local
    reason = reason or "import"
    if reason not in REASONS:
        return None
    return _Named(path, taken_at, reason, int(seq or 1))


def _named(backups_dir: Path) -> list[_Named]:
    """Our backups in `backups_dir`, newest first (by name: no file is opened)."""
    try:
        entries = list(Path(backups_dir).iterdir())
    except OSError:
        return []
    found = [n for n in map(_parse, entries) if n is not None and n.path.is_file()]
    return sorted(found, key=lambda n: n.key, reverse=True)


def _check_reason(reason: str) -> None:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason: {reason!r}")


# -- reading a file ----------------------------------------------------------------------------


def _connect_ro(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")  # a hostile file's views and triggers stay inert
    return conn


def _table_names(conn: sqlite3.Connection) -> list[str]:
    return sorted(
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    )


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: _count(conn, t) for t in _table_names(conn)}


def _counted(conn: sqlite3.Connection) -> dict[str, int]:
    present = set(_table_names(conn))
    return {t: _count(conn, t) for t in COUNTED if t in present}


_TIME_COLUMNS = ("updated_at", "erased_at", "exported_at")


def _fingerprint(conn: sqlite3.Connection) -> str:
    """What changes whenever a record does, cheaply: per table the row count, the latest
    change and the sum of all change times (a merge can move an older row forward without
    touching the latest); small tables without a time column are read whole."""
    parts = []
    for table in _table_names(conn):
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]
        time = next((c for c in _TIME_COLUMNS if c in columns), None)
        if time:
            # Days since 2023 keep the float sum exact to well under a second at a million rows.
            stats = f'max("{time}"), total(julianday("{time}") - 2460000)'
        else:
            cells = " || '|' || ".join(f'quote("{c}")' for c in columns)
            stats = f"group_concat({cells}, ','), NULL"
        parts.append(f"SELECT '{table}', count(*), {stats} FROM \"{table}\"")
    if not parts:
        return ""
    return repr(conn.execute(" UNION ALL ".join(parts)).fetchall())


def _file_fingerprint(path: Path) -> str | None:
    try:
        conn = _connect_ro(path)
        try:
            return _fingerprint(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _info(named: _Named) -> BackupInfo:
    try:
        size = named.path.stat().st_size
    except OSError as exc:
        return BackupInfo(named.path, named.taken_at, 0, {}, named.reason, exc.strerror or "")
    problem = ""
    counts: dict[str, int] = {}
    try:
        conn = _connect_ro(named.path)
        try:
            counts = _counted(conn)
        finally:
            conn.close()
        if not counts:
            problem = "not a dxhelper database"
    except sqlite3.Error as exc:
        problem = str(exc)
    return BackupInfo(named.path, named.taken_at, size, counts, named.reason, problem)


# -- writing a backup --------------------------------------------------------------------------


def _reserve(backups_dir: Path, moment: str, reason: str) -> Path:
    """Create an empty file under a name nobody else has. Two backups in one second (whatever
    their reasons) are numbered -2, -3…, so each has its own place in time for the thinning."""
    taken = {
        n.seq for n in map(_parse, backups_dir.glob(f"{BACKUP_PREFIX}{moment}*")) if n is not None
    }
    for n in range(1, 1000):
        if n in taken:
            continue
        stem = f"{BACKUP_PREFIX}{moment}-{reason}"
        candidate = backups_dir / f"{stem}{'' if n == 1 else f'-{n}'}{BACKUP_SUFFIX}"
        try:
            candidate.open("xb").close()
        except FileExistsError:
            continue
        return candidate
    raise StoreError(
        f"バックアップの名前を決められません: {backups_dir}",
        f"Could not choose a name for the backup in: {backups_dir}",
    )


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the whole database into `target` and make it a single self-contained file."""
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # The source is in WAL mode and the copy would inherit it; a backup is one file.
        copy.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        copy.close()


def _remove(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()


def verify_backup(path: Path, expected: dict[str, int]) -> None:
    """Raise StoreError unless `path` opens, passes integrity_check and has `expected` rows."""
    problem = ""
    try:
        conn = _connect_ro(path)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            counts = _row_counts(conn)
        finally:
            conn.close()
        if integrity != ["ok"]:
            problem = "; ".join(integrity[:3])
        elif counts != expected:
            problem = "row counts differ" if counts else "empty copy"
    except sqlite3.Error as exc:
        problem = str(exc)
    if problem:
        raise StoreError(
            f"バックアップを確認できなかったため削除しました（{problem}）: {path}",
            f"The backup failed its check and was removed ({problem}): {path}",
        )


def _make_folder(backups_dir: Path) -> None:
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"バックアップ用のフォルダーを作れません: {backups_dir}（{exc.strerror}）",
            f"Cannot create the backups folder: {backups_dir} ({exc.strerror})",
        ) from exc


def _write_backup(
    source: sqlite3.Connection,
    snapshot: Callable[[], contextlib.AbstractContextManager[Any]],
    backups_dir: Path,
    moment: dt.datetime,
    reason: str,
) -> Path:
    """Copy `source` into a new, named, verified file in `backups_dir`; return its path."""
    _check_reason(reason)
    backups_dir = Path(backups_dir)
    _make_folder(backups_dir)
    when = moment.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%SZ")
    try:
        target = _reserve(backups_dir, when, reason)
    except OSError as exc:
        raise StoreError(
            f"バックアップを書けません: {backups_dir}（{exc.strerror}）",
            f"Cannot write a backup in: {backups_dir} ({exc.strerror})",
        ) from exc
    try:
        # Count and copy inside one read transaction: the same snapshot of the source.
        with snapshot():
            expected = _row_counts(source)
            _copy(source, target)
        verify_backup(target, expected)
    except sqlite3.Error as exc:
        _remove(target)
        raise connection.translate(exc, target) from exc
    except BaseException:
        _remove(target)
        raise
    return target


def backup_database(
    store: Store, backups_dir: Path, reason: str = "import", *, moment: dt.datetime | None = None
) -> Path:
    """Copy the open database into `backups_dir` under a timestamped name, and verify it.

    Always writes a file (no "nothing changed" test, no thinning): `take_backup` does both.
    """
    return _write_backup(
        store._db.conn, store._db.atomic, backups_dir, moment or store._clock(), reason
    )


def backup_before_migration(db: Database, path: Path, moment: dt.datetime) -> Path:
    """For `Store.open`: a verified copy of the database as it is, before its schema changes."""
    return _write_backup(db.conn, db.atomic, Path(path).parent / "backups", moment, "migration")


def _thin(backups_dir: Path, keep: Path) -> None:
    """Delete what the rotation rule does not keep; never `keep` (the backup just taken)."""
    named = _named(backups_dir)
    kept = backups_to_keep([n.key for n in named])
    for n in named:
        if n.key not in kept and n.path != keep:
            _remove(n.path)


def take_backup(
    store: Store,
    backups_dir: Path,
    reason: str,
    *,
    force: bool = False,
    clock: Callable[[], dt.datetime] | None = None,
) -> BackupInfo | None:
    """Take a verified backup, then thin the folder. None when nothing changed since the
    newest backup (unless `force`: "back up now").

    A failed copy raises StoreError and deletes nothing: the good backups stay as they were.
    """
    _check_reason(reason)
    backups_dir = Path(backups_dir)
    if not force:
        named = _named(backups_dir)
        if named:
            try:
                current = _fingerprint(store._db.conn)
            except sqlite3.Error as exc:
                raise connection.translate(exc, store.path) from exc
            if _file_fingerprint(named[0].path) == current:
                return None
    moment = (clock or store._clock)()
    path = _write_backup(store._db.conn, store._db.atomic, backups_dir, moment, reason)
    _thin(backups_dir, keep=path)
    named_new = _parse(path)
    assert named_new is not None
    return _info(named_new)


def list_backups(backups_dir: Path, *, include_problems: bool = False) -> list[BackupInfo]:
    """Backups newest first, with size and counts read from each file. Files that cannot be
    read are left out, unless `include_problems` (then their `problem` says why)."""
    infos = [_info(n) for n in _named(Path(backups_dir))]
    return infos if include_problems else [i for i in infos if i.ok]


def newest_backup_time(backups_dir: Path) -> dt.datetime | None:
    named = _named(Path(backups_dir))
    return named[0].taken_at if named else None


def backup_due(backups_dir: Path, now: dt.datetime) -> bool:
    """True when there is no backup, or the newest is more than a day old."""
    newest = newest_backup_time(backups_dir)
    return newest is None or now - newest > DUE_AFTER


# -- checking a file to restore ----------------------------------------------------------------


def _registered_migrations() -> list[str]:
    from dxhelper.store.schema import migrations

    # Every migration is pending on an empty database, in the order they were registered.
    return [m.name for m in migrations.pending(Database(memory=True))]


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str | None]:
    schema: dict[tuple[str, str], str | None] = {}
    for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall():
        # sqlite-utils writes its own bookkeeping table; its wording may differ by version.
        text = None if table == "_sqlite_migrations" or sql is None else " ".join(sql.split())
        schema[(kind, name)] = text
    return schema


def _schema_problem(conn: sqlite3.Connection) -> str:
    """What is wrong with the schema: "foreign", "newer", or an empty string when it is
    exactly one a dxhelper wrote. Extra tables, views or triggers (code a hostile file could
    run) make it foreign."""
    from dxhelper.store.schema import MIGRATION_SET, migrations

    if "_sqlite_migrations" not in _table_names(conn):
        return "foreign"
    try:
        applied = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            ).fetchall()
        ]
    except sqlite3.Error:
        return "foreign"
    known = _registered_migrations()
    if not applied:
        return "foreign"
    if set(applied) - set(known):
        return "newer"
    if set(applied) != set(known[: len(applied)]) or len(set(applied)) != len(applied):
        return "foreign"
    reference = Database(memory=True)
    try:
        stop = known[len(applied)] if len(applied) < len(known) else None
        migrations.apply(reference, stop_before=stop)
        expected = _schema_of(reference.conn)
    finally:
        reference.close()
    return "" if _schema_of(conn) == expected else "foreign"


def _privacy_problem(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """(field, what) for the first free text that must never be stored, or that is not text."""
    tables = set(_table_names(conn))
    for table, column, field_name in _FREE_TEXT:
        if table not in tables:
            continue
        for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}"'):
            if not isinstance(value, str):
                return field_name, "type"
            try:
                check_free_text(field_name, value)
            except PrivacyError:
                return field_name, "privacy"
    return None


def _refusal(source: Path, ja_why: str, en_why: str) -> DxError:
    return DxError(
        f"このファイルは復元できません（{ja_why}）。今のデータベースは変更していません: {source}",
        f"This file cannot be restored ({en_why}); your database has not been changed: {source}",
    )


def _vet(staged: Path, source: Path) -> dict[str, int]:
    """Check the staged copy of a file to restore; make it one file. Returns its counts."""
    try:
        conn = sqlite3.connect(staged, isolation_level=None)
    except sqlite3.Error as exc:
        raise _refusal(source, "開けません", f"it cannot be opened: {exc}") from exc
    try:
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA schema_version").fetchone()
            # A copied -wal is folded in here, so what is checked is what is swapped in.
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.Error as exc:
            raise _refusal(
                source,
                "壊れているか、SQLite のデータベースではありません",
                "it is damaged or not a database",
            ) from exc
        if integrity != ["ok"]:
            raise _refusal(source, "ファイルが壊れています", f"it is damaged: {integrity[0]}")
        problem = _schema_problem(conn)
        if problem == "newer":
            raise _refusal(
                source,
                "新しい版の dxhelper で作られたファイルです。dxhelper を更新してください",
                "it was made by a newer dxhelper; please update dxhelper",
            )
        if problem:
            raise _refusal(
                source, "dxhelper のバックアップではありません", "it is not a dxhelper backup"
            )
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            raise _refusal(source, "記録の参照が壊れています", "its records point at missing ones")
        found = _privacy_problem(conn)
        if found:
            name, what = found
            if what == "type":
                raise _refusal(
                    source,
                    f"「{field_label(name)}」に文字でない値があります",
                    f"its {field_label(name, 'en')} holds something that is not text",
                )
            raise _refusal(
                source,
                f"「{field_label(name)}」に個人番号や暗証番号のような保存できない情報があります",
                f"its {field_label(name, 'en')} holds a My Number or PIN, which is never stored",
            )
        return _counted(conn)
    except sqlite3.Error as exc:
        raise _refusal(source, "読めません", f"it cannot be read: {exc}") from exc
    finally:
        conn.close()


def check_backup_file(path: Path) -> str:
    """Why `path` could not be restored (English, for logs), or an empty string when it is a
    sound dxhelper backup. Reads the file only."""
    try:
        conn = _connect_ro(path)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                return f"damaged: {integrity[0]}"
            problem = _schema_problem(conn)
            return f"{problem} schema" if problem else ""
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)


# -- restore -----------------------------------------------------------------------------------


def _temp_beside(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{uuid.uuid4().hex[:12]}.tmp")


def _stage(source: Path, store_path: Path) -> Path:
    """Copy the chosen file (and its -wal, if any) next to the database, under a temporary
    name: the checks and the swap work on this copy, so the file checked is the file used."""
    staged = _temp_beside(store_path, "restore")
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staged)
        wal = Path(str(source) + "-wal")
        if wal.is_file() and wal.stat().st_size:
            shutil.copyfile(wal, str(staged) + "-wal")
    except OSError as exc:
        _remove(staged)
        if exc.filename and Path(exc.filename) in (source, Path(str(source) + "-wal")):
            raise _refusal(
                source, f"読めません: {exc.strerror}", f"cannot read it: {exc.strerror}"
            ) from exc
        raise StoreError(
            f"復元の準備ができません（{exc.strerror}）。"
            f"今のデータベースは変更していません: {store_path.parent}",
            f"Cannot prepare the restore ({exc.strerror}); "
            f"your database has not been changed: {store_path.parent}",
        ) from exc
    return staged


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[sqlite3.Connection]:
    """The current database, opened so that nobody else has it open (or a clear message)."""
    conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
    try:
        try:
            # The first read takes a lock held until close; it fails while anyone else (the
            # window, another dxhelper) has the file open. A read transaction, not a write
            # one: the backup API cannot copy from a connection that is writing.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise connection.locked_error(path) from exc
            raise
        yield conn
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()


def _residents_erased(conn: sqlite3.Connection) -> list[tuple]:
    with contextlib.suppress(sqlite3.Error):
        return conn.execute(
            "SELECT id, table_name, erased_at, origin FROM tombstones"
            " WHERE table_name = 'residents'"
        ).fetchall()
    return []


def _backup_current(
    store_path: Path, backups_dir: Path, moment: dt.datetime
) -> tuple[Path | None, Path | None, list[tuple]]:
    """Back up the database being replaced. Returns (its backup, where it was kept aside if it
    could not be read, its erasures)."""
    if not store_path.is_file() or store_path.stat().st_size == 0:
        return None, None, []
    try:
        with _exclusive(store_path) as conn:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity == ["ok"]:
                erased = _residents_erased(conn)
                backup = _write_backup(conn, contextlib.nullcontext, backups_dir, moment, "restore")
                return backup, None, erased
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if not ("not a database" in text or "malformed" in text or "encrypted" in text):
            raise connection.translate(exc, store_path) from exc
    # Damaged: nothing in it can be copied with confidence, so the whole file is kept aside.
    from dxhelper.store.startup import keep_damaged

    try:
        return None, keep_damaged(store_path), []
    except OSError as exc:
        raise connection.locked_error(store_path) from exc


def _erase_again(staged: Path, erased: list[tuple]) -> int:
    """Residents erased after the backup was taken stay erased: apply the current tombstones."""
    if not erased:
        return 0
    conn = sqlite3.connect(staged, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        removed = 0
        for row in erased:
            removed += conn.execute("DELETE FROM residents WHERE id = ?", [row[0]]).rowcount
            conn.execute(_BURY_SQL, row)
        conn.execute("COMMIT")
        if removed:
            conn.execute("VACUUM")
        return removed
    finally:
        conn.close()


def restore(
    store_path: Path,
    backup: Path,
    backups_dir: Path,
    *,
    clock: Callable[[], dt.datetime] | None = None,
) -> RestoreResult:
    """Put `backup` in place of the database at `store_path` (whose Store must be closed).

    The file is copied beside the database and checked (opens, integrity_check, a schema
    dxhelper wrote, references, no 個人番号 or PIN); only then is the current database backed
    up (reason "restore") and the checked copy swapped in with os.replace. A damaged, foreign
    or newer file is refused with a DxError and nothing is changed.
    """
    store_path, source = Path(store_path), Path(backup)
    if not source.is_file():
        raise DxError(
            f"復元するファイルが見つかりません: {source}", f"No file to restore at: {source}"
        )
    if _same_file(source, store_path):
        raise DxError(
            f"使用中のデータベースそのものは復元に使えません: {source}",
            f"This is the database in use; choose a backup instead: {source}",
        )
    staged = _stage(source, store_path)
    try:
        counts = _vet(staged, source)
        moment = (clock or (lambda: dt.datetime.now(dt.UTC)))()
        previous, kept, erased = _backup_current(store_path, Path(backups_dir), moment)
        try:
            erased_again = _erase_again(staged, erased)
            if erased_again:
                counts = _vet(staged, source)
        except sqlite3.Error as exc:
            raise connection.translate(exc, store_path) from exc
        # A -wal left beside the new file would be replayed into it: remove it first. What it
        # held is in the backup just taken (the database was checkpointed when it closed).
        for suffix in _SIDE_FILES:
            side = Path(str(store_path) + suffix)
            try:
                side.unlink(missing_ok=True)
            except OSError as exc:
                raise connection.locked_error(store_path) from exc
        try:
            os.replace(staged, store_path)
        except OSError as exc:
            raise StoreError(
                f"復元したファイルを置けませんでした: {store_path}（{exc.strerror}）",
                f"Could not put the restored file in place: {store_path} ({exc.strerror})",
            ) from exc
    except BaseException:
        _remove(staged)
        raise
    return RestoreResult(store_path, source, previous, kept, counts, erased_again)


def restore_backup(store_path: Path, backup: Path, backups_dir: Path) -> Path:
    """`restore`, returning the database's path (the caller reopens it)."""
    return restore(store_path, backup, backups_dir).database


# -- save a copy -------------------------------------------------------------------------------


def save_copy(store: Store, target: Path) -> Path:
    """Write a verified copy of the records to a file the user chose (a USB stick, say).

    The copy is written under a temporary name beside the target and moved into place only
    once it has passed its check, so a failed copy never replaces an earlier good one.
    """
    target = Path(target)
    if target.is_dir():
        raise DxError(
            f"フォルダーではなく、ファイルの名前を指定してください: {target}",
            f"Choose a file name, not a folder: {target}",
        )
    beside_database = _same_file(target.parent, store.path.parent) and target.name in {
        store.path.name + suffix for suffix in _SIDE_FILES
    }
    if _same_file(target, store.path) or beside_database:
        raise DxError(
            f"使用中のデータベースには上書きできません: {target}",
            f"Cannot write over the database in use: {target}",
        )
    temp = _temp_beside(target, "copy")
    try:
        temp.open("xb").close()
    except OSError as exc:
        raise DxError(
            f"コピーを保存できません: {target}（{exc.strerror}）",
            f"Cannot save a copy at: {target} ({exc.strerror})",
        ) from exc
    try:
        with store._db.atomic():
            expected = _row_counts(store._db.conn)
            _copy(store._db.conn, temp)
        try:
            verify_backup(temp, expected)
        except StoreError as exc:
            raise DxError(
                f"コピーを確認できなかったため保存しませんでした: {target}",
                f"The copy failed its check and was not saved: {target}",
            ) from exc
        os.replace(temp, target)
    except sqlite3.Error as exc:
        _remove(temp)
        if "full" in str(exc).lower():
            raise connection.disk_full_error(target) from exc
        raise DxError(
            f"コピーを保存できません: {target}（{exc}）", f"Cannot save a copy at: {target} ({exc})"
        ) from exc
    except OSError as exc:
        _remove(temp)
        raise DxError(
            f"コピーを保存できません: {target}（{exc.strerror}）",
            f"Cannot save a copy at: {target} ({exc.strerror})",
        ) from exc
    except BaseException:
        _remove(temp)
        raise
    return target


# -- erasure in backups ------------------------------------------------------------------------


class _Damaged(Exception):
    """A backup that cannot be read, so cannot be rewritten."""


def _needles(store: Store, resident_id: str) -> list[bytes]:
    row = store._one(
        "SELECT display_name, kana, nickname, note FROM residents WHERE id = ?", [resident_id]
    )
    if row is None:
        return []
    return [v.encode() for v in row.values() if isinstance(v, str) and len(v) >= 2]


def _erase_in(path: Path, tombstone: tuple, needles: list[bytes]) -> bool:
    """Rewrite one backup with the erasure applied; False when it needed nothing."""
    resident_id = tombstone[0]
    try:
        conn = _connect_ro(path)
        try:
            present = conn.execute("SELECT 1 FROM residents WHERE id = ?", [resident_id]).fetchone()
            buried = conn.execute("SELECT 1 FROM tombstones WHERE id = ?", [resident_id]).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _Damaged(str(exc)) from exc
    data = path.read_bytes()
    if not present and not any(n in data for n in needles):
        # Taken before they were recorded: nothing of them to remove, only the tombstone to
        # add, so that a restore of this backup cannot let a bundle bring them back. One
        # small transaction in place (its rollback journal keeps it all-or-nothing).
        if not buried:
            _bury(path, tombstone)
            return True
        return False
    temp = _temp_beside(path, "erase")
    try:
        shutil.copyfile(path, temp)
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            # quick_check here (is it readable at all?); the full check runs on the result.
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise _Damaged("quick_check failed")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM residents WHERE id = ?", [resident_id])
            conn.execute(_BURY_SQL, tombstone)
            conn.execute("COMMIT")
            expected = _row_counts(conn)
            # VACUUM writes every page afresh: no freed page keeps a byte of the name.
            conn.execute("VACUUM")
        finally:
            conn.close()
        verify_backup(temp, expected)
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    return True


def _bury(path: Path, tombstone: tuple) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_BURY_SQL, tombstone)
        conn.execute("COMMIT")
    finally:
        conn.close()


@dataclass(frozen=True)
class ErasureResult:
    rewritten: list[Path] = field(default_factory=list)  # backups the erasure was applied to
    removed: list[Path] = field(default_factory=list)  # damaged backups, deleted (unreadable)


def erase_from_backups(
    backups_dir: Path, tombstone: tuple, needles: Sequence[bytes] = ()
) -> ErasureResult:
    """Apply one erasure (`tombstone`: id, table_name, erased_at, origin) to every backup.

    A backup too damaged to rewrite is deleted: it could never be restored, and it may still
    hold the person's name. Any other failure leaves that backup as it was and raises a
    StoreError naming it, after the others are done; running again finishes the job.
    """
    result = ErasureResult()
    failed: list[tuple[Path, str]] = []
    for named in _named(Path(backups_dir)):
        try:
            if _erase_in(named.path, tombstone, list(needles)):
                result.rewritten.append(named.path)
        except _Damaged:
            _remove(named.path)
            result.removed.append(named.path)
        except (sqlite3.Error, OSError, StoreError) as exc:
            failed.append((named.path, getattr(exc, "strerror", None) or str(exc)))
    if failed:
        names = "\n".join(f"{p.name}: {why}" for p, why in failed)
        raise StoreError(
            "記録からは消去しましたが、次のバックアップからは消去できませんでした。"
            f"もう一度消去してください。\n{names}",
            "Erased from the records, but not yet from these backups. Erase again to finish.\n"
            + names,
        )
    return result


def erase_resident_now(store: Store, resident_id: str) -> tuple[tuple, list[bytes]]:
    """Erase a resident from the database; returns what `erase_from_backups` needs (the
    tombstone and the bytes to look for), so the backups can be done off the GUI thread.
    Safe to run again for someone already erased."""
    needles = _needles(store, resident_id)
    try:
        store.erase_resident(resident_id)
    except NotFoundError:
        if resident_id not in store.tombstones():
            raise
    row = store._one(
        "SELECT id, table_name, erased_at, origin FROM tombstones WHERE id = ?", [resident_id]
    )
    assert row is not None
    return (row["id"], row["table_name"], row["erased_at"], row["origin"]), needles


def erase_resident_everywhere(store: Store, resident_id: str, backups_dir: Path) -> int:
    """Erase a resident from the database and from every backup; returns how many backups
    were rewritten. Safe to run again for someone already erased (it finishes the backups)."""
    tombstone, needles = erase_resident_now(store, resident_id)
    return len(erase_from_backups(backups_dir, tombstone, needles).rewritten)
