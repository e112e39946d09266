"""Did the last run close cleanly? If not, check the whole database before anything opens it.

A mark file is written when the app starts and removed when it closes. Finding it at start
means the last run was cut off (power, a crash, a killed process). Then a full
`integrity_check` runs: `quick_check` skips the index checks that catch a page torn by a stale
WAL. A damaged database is never deleted: it and its -wal/-shm are renamed to `*.damaged` and
the newest good backup is offered in its place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import dxhelper.store.connection as connection
from dxhelper.paths import DataPaths
from dxhelper.store.backups.files import BackupInfo, list_backups

RUNNING_MARK = "dxhelper.running"
DAMAGED_SUFFIX = ".damaged"
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class StartupCheck:
    unclean: bool  # the last run did not close cleanly
    damaged: Path | None  # where the damaged database was moved (None: not damaged, or kept)
    newest_backup: BackupInfo | None  # the newest good backup, offered when damaged
    problems: tuple[str, ...] = ()  # what the check found (integrity_check's first lines)


def _check(database: Path) -> tuple[bool, tuple[str, ...]]:
    """(damaged, problems) from a full integrity_check. A database that cannot be checked
    (held by another program, a read-only folder) is not called damaged: it is left alone."""
    try:
        # Read-only: the check reads through the -wal but never checkpoints or deletes it, so
        # a damaged database and its -wal are kept exactly as the crash left them.
        conn = connection.open_file_read_only(database, timeout=2.0)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        damaged = "not a database" in text or "malformed" in text or "encrypted" in text
        return damaged, (str(exc),)
    if rows == ["ok"]:
        return False, ()
    return True, tuple(rows[:5])


def _damaged_name(database: Path, suffix: str, n: int) -> Path:
    count = "" if n == 1 else f".{n}"
    return database.with_name(f"{database.name}{suffix}{count}{DAMAGED_SUFFIX}")


def keep_damaged(database: Path) -> Path:
    """Rename the database and its -wal/-shm to `*.damaged` (never over an earlier one);
    returns the database's new path. The side files go first: a -wal left beside a missing
    database would be replayed into the fresh one created in its place."""
    database = Path(database)
    n = 1
    while any(_damaged_name(database, s, n).exists() for s in ("", *_SIDE_FILES)):
        n += 1
    for suffix in _SIDE_FILES:
        side = Path(str(database) + suffix)
        if side.exists():
            os.replace(side, _damaged_name(database, suffix, n))
    target = _damaged_name(database, "", n)
    os.replace(database, target)
    return target


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest backup that passes a full check (damage or a foreign schema rule it out)."""
    from dxhelper.store.backups.vetting import check_backup_file  # only after a problem

    for info in list_backups(backups_dir):
        if not check_backup_file(info.path):
            return info
    return None


def begin_run(paths: DataPaths) -> StartupCheck:
    """Call before opening the Store. Checks after an unclean shutdown, then writes the mark."""
    mark = paths.root / RUNNING_MARK
    unclean = mark.exists()
    damaged: Path | None = None
    newest: BackupInfo | None = None
    problems: tuple[str, ...] = ()
    database = paths.database
    if unclean and database.is_file() and database.stat().st_size > 0:
        is_damaged, problems = _check(database)
        if is_damaged:
            try:
                damaged = keep_damaged(database)
            except OSError as exc:  # held open elsewhere (Windows): opening it will say so
                problems = (*problems, f"could not rename: {exc.strerror}")
            else:
                newest = newest_good_backup(paths.backups)
    with contextlib.suppress(OSError):  # a read-only folder: the app opens read-only anyway
        paths.root.mkdir(parents=True, exist_ok=True)
        mark.write_text(f"{os.getpid()} {dt.datetime.now(dt.UTC).isoformat()}\n", encoding="utf-8")
    return StartupCheck(unclean, damaged, newest, problems)


def end_run(paths: DataPaths) -> None:
    """Call at a clean close, after the Store is closed."""
    with contextlib.suppress(OSError):
        (paths.root / RUNNING_MARK).unlink(missing_ok=True)
