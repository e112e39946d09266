"""Opening a database file safely, and turning SQLite's failures into messages a user can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from dxhelper.core.errors import ReadOnlyError, StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    # An empty file is a valid, empty SQLite database.
    return head == SQLITE_HEADER or head == b""


def read_only_error(path: Path) -> ReadOnlyError:
    return ReadOnlyError(
        f"データベースに書き込めません（読み取り専用の場所です）: {path}\n"
        "書き込みできるフォルダーを --data-dir で指定するか、フォルダーの権限を確認してください。",
        f"Cannot write the database (the location is read-only): {path}\n"
        "Choose a writable folder with --data-dir, or check the folder's permissions.",
    )


def not_a_database_error(path: Path) -> StoreError:
    return StoreError(
        f"このファイルは dxhelper のデータベースではありません: {path}\n"
        "ファイルはそのまま残してあります。別のデータフォルダーを指定してください。",
        f"This file is not a dxhelper database: {path}\n"
        "It has been left untouched. Choose another data folder.",
    )


def locked_error(path: Path) -> StoreError:
    return StoreError(
        f"データベースは別のプログラムが使用中です: {path}\n"
        "dxhelper がもう一つ開いていないか確認してから、もう一度お試しください。",
        f"The database is in use by another program: {path}\n"
        "Check that dxhelper is not already open, then try again.",
    )


def disk_full_error(path: Path) -> StoreError:
    return StoreError(
        f"ディスクの空きが足りないため保存できませんでした: {path}\n"
        "保存済みの記録は失われていません。空きを作ってからもう一度お試しください。",
        f"Could not save because the disk is full: {path}\n"
        "Records saved earlier are safe. Free some space and try again.",
    )


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """Map a sqlite3 exception to the user's message; unknown ones keep SQLite's own words."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return read_only_error(path)
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return not_a_database_error(path)
    if "locked" in text or "busy" in text:
        return locked_error(path)
    if "full" in text:
        return disk_full_error(path)
    if "unable to open" in text:
        return read_only_error(path)
    return StoreError(
        f"データベースの操作に失敗しました: {exc}", f"A database operation failed: {exc}"
    )


def _ensure_folder(folder: Path, path: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise disk_full_error(path) from exc
        raise read_only_error(path) from exc


def _probe_writable(folder: Path, path: Path) -> None:
    """WAL mode needs to create files beside the database, so the folder must be writable.

    Actually creating a file is the only honest test (os.access says yes to root on a
    read-only mount and is wrong on some network shares).
    """
    probe = folder / f".dxhelper-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise disk_full_error(path) from exc
        raise read_only_error(path) from exc
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except OSError as exc:
            raise read_only_error(path) from exc


def connect(path: Path, *, create: bool) -> Database:
    """Open (or create) the database file without changing it, and check it is SQLite.

    Pragmas that change the file (WAL) are applied by the caller only after the schema has
    been checked, so a foreign or newer file is left byte-for-byte as it was.
    """
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise not_a_database_error(path)
        try:
            if not _is_sqlite_file(path):
                raise not_a_database_error(path)
        except OSError as exc:
            raise read_only_error(path) from exc
        _probe_writable(path.parent, path)
    elif not create:
        raise StoreError(f"データベースが見つかりません: {path}", f"No database found at: {path}")
    else:
        _ensure_folder(path.parent, path)
        _probe_writable(path.parent, path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Reading the schema version fails at once on a file that only looks like SQLite.
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    return Database(conn, execute_plugins=False)


def connect_read_only(path: Path) -> Database:
    """Open an existing database for reading only, changing nothing on disk.

    For a data folder that cannot be written (a locked share, a read-only USB stick):
    `immutable` tells SQLite that nobody writes the file, so it needs no lock or -shm file.
    Every write then fails with the read-only message.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"データベースが見つかりません: {path}", f"No database found at: {path}")
    try:
        if not _is_sqlite_file(path):
            raise not_a_database_error(path)
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
    except OSError as exc:
        raise read_only_error(path) from exc
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    return Database(conn, execute_plugins=False)


def apply_pragmas(db: Database, path: Path) -> None:
    """The pragmas the design requires: FK enforcement, WAL, durable commits, zeroed deletes."""
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA synchronous = FULL")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    if str(mode).lower() != "wal":
        raise StoreError(
            f"データベースを安全なモード（WAL）で開けませんでした: {path}",
            f"Could not open the database in its safe (WAL) mode: {path}",
        )


# -- plain files: backups, staged restores, copies ------------------------------------------------
# Backup files are worked on with the sqlite3 module directly (no sqlite-utils, no pragmas of
# the live database); these are the only ways the store package opens one.


def open_file_read_only(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """A file opened for reading only; its views and triggers stay inert (a hostile file's
    schema can run no code)."""
    conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=timeout)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def open_file_unchanged(path: Path, *, timeout: float = 2.0) -> sqlite3.Connection:
    """A database file opened for reading only that leaves nothing behind: `immutable` when
    the file alone holds everything (no -wal or -journal with content), so no -wal or -shm is
    created beside it; otherwise read-only through them. Triggers and views stay inert."""
    path = Path(path)
    pending = any(
        Path(str(path) + side).is_file() and Path(str(path) + side).stat().st_size > 0
        for side in ("-wal", "-journal")
    )
    mode = "mode=ro" if pending else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True, timeout=timeout)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def open_file(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """A file opened for writing in autocommit mode: the caller writes BEGIN and COMMIT, so
    every step (VACUUM, journal_mode) is under its control."""
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


def open_copy_target(path: Path) -> sqlite3.Connection:
    """A new file that the backup API will fill (sqlite3's own transaction handling)."""
    return sqlite3.connect(path)
