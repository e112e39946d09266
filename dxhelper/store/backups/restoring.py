"""Restoring a backup in place of the database: staged beside it, vetted, the current records
backed up first, erasures made since then applied again, then copied into the database file
itself with SQLite's backup API.

Why copied in, not renamed over (issue 16 §1): a rename leaves a moment between closing the
current file and putting the new one in place. Another dxhelper that opened the database in
that moment (an import waiting on SQLite's lock) kept writing into the old file, which the
rename then unlinked: its records reached neither the database nor any backup. Now the
database file is never replaced while it holds records. One connection takes SQLite's
EXCLUSIVE lock on it and keeps it (locking_mode EXCLUSIVE) from before the backup of the
current records until the restored pages are written, so no other connection can read or
write in between; any connection opened before or after works on this same file, and sees
either the records before (then they are in the "restore" backup) or the restored ones. The
data folder's write lock (write_lock.py, taken by Library.restore) keeps other dxhelper writers
out for the whole job and makes them wait with a message instead of failing on SQLite's lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import dxhelper.store.connection as connection
from dxhelper.core.errors import DxError, StoreError
from dxhelper.store.backups.files import (
    BURY_SQL,
    SIDE_FILES,
    remove_file,
    row_counts,
    same_file,
    temp_beside,
)
from dxhelper.store.backups.taking import write_backup
from dxhelper.store.backups.vetting import refusal, vet


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


def _stage(source: Path, store_path: Path) -> Path:
    """Copy the chosen file (and its -wal, if any) next to the database, under a temporary
    name: the checks and the swap work on this copy, so the file checked is the file used."""
    staged = temp_beside(store_path, "restore")
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staged)
        wal = Path(str(source) + "-wal")
        if wal.is_file() and wal.stat().st_size:
            shutil.copyfile(wal, str(staged) + "-wal")
    except OSError as exc:
        remove_file(staged)
        if exc.filename and Path(exc.filename) in (source, Path(str(source) + "-wal")):
            raise refusal(
                source, f"読めません: {exc.strerror}", f"cannot read it: {exc.strerror}"
            ) from exc
        raise StoreError(
            f"復元の準備ができません（{exc.strerror}）。"
            f"今のデータベースは変更していません: {store_path.parent}",
            f"Cannot prepare the restore ({exc.strerror}); "
            f"your database has not been changed: {store_path.parent}",
        ) from exc
    return staged


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[sqlite3.Connection]:
    """The current database, opened so that nobody else has it open (or a clear message),
    in a read transaction. The EXCLUSIVE lock is kept until the connection closes, also
    after the read transaction ends (`_end_read`)."""
    conn = connection.open_file(path, timeout=1.0)
    try:
        try:
            # An exclusive write lock, kept after COMMIT in EXCLUSIVE locking mode: it fails
            # while anyone else (the window, another dxhelper) has the file open, and nobody
            # else can open it until this connection closes. Then a read transaction, not a
            # write one: the backup API cannot copy from a connection that is writing.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise connection.locked_error(path) from exc
            raise
        yield conn
    finally:
        _end_read(conn)
        conn.close()


def _end_read(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _residents_erased(conn: sqlite3.Connection) -> list[tuple]:
    with contextlib.suppress(sqlite3.Error):
        return conn.execute(
            "SELECT id, table_name, erased_at, origin FROM tombstones"
            " WHERE table_name = 'residents'"
        ).fetchall()
    return []


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "encrypted" in text


def _keep_aside(store_path: Path) -> Path:
    """A damaged database: nothing in it can be copied with confidence, so the whole file is
    kept aside (renamed; the restored file then takes its name)."""
    from dxhelper.store.startup import keep_damaged

    try:
        return keep_damaged(store_path)
    except OSError as exc:
        raise connection.locked_error(store_path) from exc


def _match_page_size(staged: Path, page_size: int) -> None:
    """The backup API cannot copy into a WAL database of another page size: rewrite the staged
    copy (not in WAL mode since `vet`) with the database's page size."""
    conn = connection.open_file(staged)
    try:
        if conn.execute("PRAGMA page_size").fetchone()[0] != page_size:
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            conn.execute(f"PRAGMA page_size = {int(page_size)}")
            conn.execute("VACUUM")
    finally:
        conn.close()


def _copy_in(staged: Path, live: sqlite3.Connection, store_path: Path) -> None:
    """Write the staged records into the database file through `live` (which holds the
    exclusive lock): every page, in one transaction, so it is all or nothing."""
    page_size = live.execute("PRAGMA page_size").fetchone()[0]
    _match_page_size(staged, page_size)
    source = connection.open_file_read_only(staged)
    try:
        expected = row_counts(source)
        source.backup(live)
    finally:
        source.close()
    if row_counts(live) != expected:
        raise StoreError(
            f"復元したファイルを確認できませんでした: {store_path}",
            f"The restored records failed their check: {store_path}",
        )


def _put_in_place(staged: Path, store_path: Path) -> None:
    """No database to copy into (none yet, or the damaged one was kept aside): the staged
    file takes its place with one rename, with no -wal left beside it to be replayed."""
    for suffix in SIDE_FILES:
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


def _erase_again(staged: Path, erased: list[tuple]) -> int:
    """Residents erased after the backup was taken stay erased: apply the current tombstones."""
    if not erased:
        return 0
    conn = connection.open_file(staged)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        removed = 0
        for row in erased:
            removed += conn.execute("DELETE FROM residents WHERE id = ?", [row[0]]).rowcount
            conn.execute(BURY_SQL, row)
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
    if same_file(source, store_path):
        raise DxError(
            f"使用中のデータベースそのものは復元に使えません: {source}",
            f"This is the database in use; choose a backup instead: {source}",
        )
    staged = _stage(source, store_path)
    try:
        counts = vet(staged, source)
        moment = (clock or (lambda: dt.datetime.now(dt.UTC)))()
        previous: Path | None = None
        kept: Path | None = None
        erased_again = 0
        copied = False
        if store_path.is_file() and store_path.stat().st_size > 0:
            try:
                with _exclusive(store_path) as live:
                    integrity = [r[0] for r in live.execute("PRAGMA integrity_check").fetchall()]
                    if integrity == ["ok"]:
                        erased = _residents_erased(live)
                        previous = write_backup(
                            live, contextlib.nullcontext, Path(backups_dir), moment, "restore"
                        )
                        _end_read(live)  # the lock stays: nobody writes until it closes
                        erased_again = _erase_again(staged, erased)
                        if erased_again:
                            counts = vet(staged, source)
                        _copy_in(staged, live, store_path)
                        copied = True
            except sqlite3.DatabaseError as exc:
                if previous is not None or not _is_damage(exc):
                    raise connection.translate(exc, store_path) from exc
            if not copied:
                kept = _keep_aside(store_path)  # damaged: it could not be read or checked
        if not copied:
            _put_in_place(staged, store_path)
    except BaseException:
        remove_file(staged)
        raise
    remove_file(staged)
    return RestoreResult(store_path, source, previous, kept, counts, erased_again)


def restore_backup(store_path: Path, backup: Path, backups_dir: Path) -> Path:
    """`restore`, returning the database's path (the caller reopens it)."""
    return restore(store_path, backup, backups_dir).database
