"""Taking a backup: a verified copy under a new name, then thinning the folder by the rotation
rule. A copy that fails its check never replaces (or thins away) a good one."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import dxhelper.store.connection as connection
from dxhelper.core.errors import StoreError
from dxhelper.store.backups.files import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    BackupInfo,
    check_reason,
    file_fingerprint,
    fingerprint,
    info_of,
    named_backups,
    newest_backup_time,
    parse_name,
    remove_file,
    row_counts,
    verify_backup,
)
from dxhelper.store.handle import HasHandle

DUE_AFTER = dt.timedelta(days=1)


def _reserve(backups_dir: Path, moment: str, reason: str) -> Path:
    """Create an empty file under a name nobody else has. Two backups in one second (whatever
    their reasons) are numbered -2, -3…, so each has its own place in time for the thinning."""
    taken = {
        n.seq
        for n in map(parse_name, backups_dir.glob(f"{BACKUP_PREFIX}{moment}*"))
        if n is not None
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


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the whole database into `target` and make it a single self-contained file."""
    copy = connection.open_copy_target(target)
    try:
        source.backup(copy)
        # The source is in WAL mode and the copy would inherit it; a backup is one file.
        copy.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        copy.close()


def _make_folder(backups_dir: Path) -> None:
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"バックアップ用のフォルダーを作れません: {backups_dir}（{exc.strerror}）",
            f"Cannot create the backups folder: {backups_dir} ({exc.strerror})",
        ) from exc


def write_backup(
    source: sqlite3.Connection,
    snapshot: Callable[[], contextlib.AbstractContextManager[Any]],
    backups_dir: Path,
    moment: dt.datetime,
    reason: str,
) -> Path:
    """Copy `source` into a new, named, verified file in `backups_dir`; return its path."""
    check_reason(reason)
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
            expected = row_counts(source)
            copy_database(source, target)
        verify_backup(target, expected)
    except sqlite3.Error as exc:
        remove_file(target)
        raise connection.translate(exc, target) from exc
    except BaseException:
        remove_file(target)
        raise
    return target


def backup_database(
    store: HasHandle,
    backups_dir: Path,
    reason: str = "import",
    *,
    moment: dt.datetime | None = None,
) -> Path:
    """Copy the open database into `backups_dir` under a timestamped name, and verify it.

    Always writes a file (no "nothing changed" test, no thinning): `take_backup` does both.
    """
    return write_backup(
        store.handle.conn, store.handle.snapshot, backups_dir, moment or store.handle.now(), reason
    )


def backup_before_migration(db: Database, path: Path, moment: dt.datetime) -> Path:
    """For `Store.open`: a verified copy of the database as it is, before its schema changes."""
    return write_backup(db.conn, db.atomic, Path(path).parent / "backups", moment, "migration")


def _thin(backups_dir: Path, keep: Path) -> None:
    """Delete what the rotation rule does not keep; never `keep` (the backup just taken)."""
    from dxhelper.store.rotation import backups_to_keep  # after a backup, never at start

    named = named_backups(backups_dir)
    kept = backups_to_keep([n.key for n in named])
    for n in named:
        if n.key not in kept and n.path != keep:
            remove_file(n.path)


def take_backup(
    store: HasHandle,
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
    check_reason(reason)
    backups_dir = Path(backups_dir)
    if not force:
        named = named_backups(backups_dir)
        if named:
            try:
                current = fingerprint(store.handle.conn)
            except sqlite3.Error as exc:
                raise connection.translate(exc, store.path) from exc
            if file_fingerprint(named[0].path) == current:
                return None
    moment = (clock or store.handle.clock)()
    path = write_backup(store.handle.conn, store.handle.snapshot, backups_dir, moment, reason)
    _thin(backups_dir, keep=path)
    named_new = parse_name(path)
    assert named_new is not None
    return info_of(named_new)


def backup_due(backups_dir: Path, now: dt.datetime) -> bool:
    """True when there is no backup, or the newest is more than a day old."""
    newest = newest_backup_time(backups_dir)
    return newest is None or now - newest > DUE_AFTER
