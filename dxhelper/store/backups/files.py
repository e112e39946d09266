"""The backups folder and the files in it: names, listing, counts, fingerprints, the check.

Backups live in the data folder's `backups/`, one self-contained file each, named by the moment
(UTC) and the reason: `dxhelper-20261124-013000Z-close.sqlite3` (`-2`, `-3`… when two fall in one
second). Only files named like that are ever listed, thinned or rewritten.

A backup nobody has checked is a hope, not a backup: `verify_backup` opens a copy again; it must
pass `PRAGMA integrity_check` and hold exactly the rows the source held.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import dxhelper.store.connection as connection
from dxhelper.core.errors import StoreError

BACKUP_PREFIX = "dxhelper-"


BACKUP_SUFFIX = ".sqlite3"


REASONS = ("start", "close", "manual", "migration", "import", "restore", "demo")


COUNTED = ("residents", "sessions", "attendance", "progress")


# dxhelper-YYYYMMDD-HHMMSS[Z][-reason][-n].sqlite3; names without the Z (local time, no reason)
# were written by import backups before backups had reasons.
_NAME = re.compile(r"^dxhelper-(\d{8})-(\d{6})(Z?)(?:-([a-z]+))?(?:-(\d+))?\.sqlite3$")


SIDE_FILES = ("-journal", "-wal", "-shm")


BURY_SQL = (
    "INSERT OR REPLACE INTO tombstones (id, table_name, erased_at, origin) VALUES (?, ?, ?, ?)"
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
class Named:
    """A file whose name says it is one of our backups."""

    path: Path
    taken_at: dt.datetime
    reason: str
    seq: int

    @property
    def key(self) -> dt.datetime:
        # Two backups in one second (`-2`) still need distinct, ordered times for thinning.
        return self.taken_at + dt.timedelta(microseconds=self.seq - 1)


def parse_name(path: Path) -> Named | None:
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
    return Named(path, taken_at, reason, int(seq or 1))


def named_backups(backups_dir: Path) -> list[Named]:
    """Our backups in `backups_dir`, newest first (by name: no file is opened)."""
    try:
        entries = list(Path(backups_dir).iterdir())
    except OSError:
        return []
    found = [n for n in map(parse_name, entries) if n is not None and n.path.is_file()]
    return sorted(found, key=lambda n: n.key, reverse=True)


def check_reason(reason: str) -> None:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason: {reason!r}")


def table_names(conn: sqlite3.Connection) -> list[str]:
    return sorted(
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    )


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: _count(conn, t) for t in table_names(conn)}


def counted(conn: sqlite3.Connection) -> dict[str, int]:
    present = set(table_names(conn))
    return {t: _count(conn, t) for t in COUNTED if t in present}


_TIME_COLUMNS = ("updated_at", "erased_at", "exported_at")


def fingerprint(conn: sqlite3.Connection) -> str:
    """What changes whenever a record does, cheaply: per table the row count, the latest
    change and the sum of all change times (a merge can move an older row forward without
    touching the latest); small tables without a time column are read whole."""
    parts = []
    for table in table_names(conn):
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


def file_fingerprint(path: Path) -> str | None:
    try:
        conn = connection.open_file_read_only(path)
        try:
            return fingerprint(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def info_of(named: Named) -> BackupInfo:
    try:
        size = named.path.stat().st_size
    except OSError as exc:
        return BackupInfo(named.path, named.taken_at, 0, {}, named.reason, exc.strerror or "")
    problem = ""
    counts: dict[str, int] = {}
    try:
        conn = connection.open_file_read_only(named.path)
        try:
            counts = counted(conn)
        finally:
            conn.close()
        if not counts:
            problem = "not a dxhelper database"
    except sqlite3.Error as exc:
        problem = str(exc)
    return BackupInfo(named.path, named.taken_at, size, counts, named.reason, problem)


def remove_file(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()


def verify_backup(path: Path, expected: dict[str, int]) -> None:
    """Raise StoreError unless `path` opens, passes integrity_check and has `expected` rows."""
    problem = ""
    try:
        conn = connection.open_file_read_only(path)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            counts = row_counts(conn)
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


def temp_beside(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{uuid.uuid4().hex[:12]}.tmp")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def list_backups(backups_dir: Path, *, include_problems: bool = False) -> list[BackupInfo]:
    """Backups newest first, with size and counts read from each file. Files that cannot be
    read are left out, unless `include_problems` (then their `problem` says why)."""
    infos = [info_of(n) for n in named_backups(Path(backups_dir))]
    return infos if include_problems else [i for i in infos if i.ok]


def newest_backup_time(backups_dir: Path) -> dt.datetime | None:
    named = named_backups(Path(backups_dir))
    return named[0].taken_at if named else None
