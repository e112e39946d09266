"""A verified copy of the database, taken with SQLite's online backup API.

A backup nobody has checked is a hope, not a backup: each copy is opened again, must pass
`PRAGMA integrity_check` and hold exactly the rows the source held, or it is deleted and the
caller hears why.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from dxhelper.core.errors import StoreError
from dxhelper.store import connection

if TYPE_CHECKING:
    from dxhelper.store.store import Store

BACKUP_PREFIX = "dxhelper-"
BACKUP_SUFFIX = ".sqlite3"


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}


def _reserve(backups_dir: Path, stem: str) -> Path:
    """Create an empty file under a name nobody else has (two backups in one second)."""
    for n in range(1, 1000):
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
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()


def verify_backup(path: Path, expected: dict[str, int]) -> None:
    """Raise StoreError unless `path` opens, passes integrity_check and has `expected` rows."""
    problem = ""
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
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


def backup_database(store: Store, backups_dir: Path) -> Path:
    """Copy the open database into `backups_dir` under a timestamped name, and verify it."""
    backups_dir = Path(backups_dir)
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"バックアップ用のフォルダーを作れません: {backups_dir}（{exc.strerror}）",
            f"Cannot create the backups folder: {backups_dir} ({exc.strerror})",
        ) from exc
    stem = BACKUP_PREFIX + store._clock().astimezone().strftime("%Y%m%d-%H%M%S")
    try:
        target = _reserve(backups_dir, stem)
    except OSError as exc:
        raise StoreError(
            f"バックアップを書けません: {backups_dir}（{exc.strerror}）",
            f"Cannot write a backup in: {backups_dir} ({exc.strerror})",
        ) from exc
    source = store._db.conn
    try:
        # Count and copy inside one read transaction: the same snapshot of the source.
        with store._db.atomic():
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
