"""Erasing a resident from every backup: each file that holds them is rewritten without them
(and VACUUMed, so no freed page keeps a byte of the name); each that never held them gets the
tombstone, so restoring it cannot let a bundle bring them back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dxhelper.store.connection as connection
import dxhelper.store.write_lock as write_lock
from dxhelper.core.errors import NotFoundError, StoreError
from dxhelper.store.backups.files import (
    BURY_SQL,
    named_backups,
    remove_file,
    row_counts,
    temp_beside,
    verify_backup,
)
from dxhelper.store.handle import HasHandle


class _Damaged(Exception):
    """A backup that cannot be read, so cannot be rewritten."""


def _erase_in(path: Path, tombstone: tuple, needles: list[bytes]) -> bool:
    """Rewrite one backup with the erasure applied; False when it needed nothing."""
    resident_id = tombstone[0]
    try:
        conn = connection.open_file_read_only(path)
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
    temp = temp_beside(path, "erase")
    try:
        shutil.copyfile(path, temp)
        conn = connection.open_file(temp)
        try:
            # quick_check here (is it readable at all?); the full check runs on the result.
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise _Damaged("quick_check failed")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM residents WHERE id = ?", [resident_id])
            conn.execute(BURY_SQL, tombstone)
            conn.execute("COMMIT")
            expected = row_counts(conn)
            # VACUUM writes every page afresh: no freed page keeps a byte of the name.
            conn.execute("VACUUM")
        finally:
            conn.close()
        verify_backup(temp, expected)
        os.replace(temp, path)
    except BaseException:
        remove_file(temp)
        raise
    return True


def _bury(path: Path, tombstone: tuple) -> None:
    conn = connection.open_file(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(BURY_SQL, tombstone)
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
    for named in named_backups(Path(backups_dir)):
        try:
            if _erase_in(named.path, tombstone, list(needles)):
                result.rewritten.append(named.path)
        except _Damaged:
            remove_file(named.path)
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


@dataclass(frozen=True)
class ResidentErasure:
    """A resident erased from the database (and its WAL); `in_backups()` finishes the job in
    every backup. Plain data, so the slow part may run on a worker thread."""

    resident_id: str
    tombstone: tuple  # (id, table_name, erased_at, origin), as in the tombstones table
    needles: tuple[bytes, ...]  # the person's texts, to find backups that still hold them
    backups_dir: Path
    data_root: Path | None = None  # whose write lock rewriting the backups holds (Library's)

    def in_backups(self) -> ErasureResult:
        """Rewrite every backup; under the data folder's write lock when `data_root` is set
        (no restore reads, and no backup is taken or thinned, while they are rewritten)."""
        if self.data_root is None:
            return erase_from_backups(self.backups_dir, self.tombstone, self.needles)
        with write_lock.holding(self.data_root):
            return erase_from_backups(self.backups_dir, self.tombstone, self.needles)


def erase_resident(store: HasHandle, resident_id: str, backups_dir: Path) -> ResidentErasure:
    """Erase a resident from the database now: their row, attendance and progress go, a
    tombstone stays, freed pages are zeroed and the WAL is emptied. Returns what finishes the
    erasure in the backups. Safe to run again for someone already erased (so an erasure cut
    off before its backups were done can be finished)."""
    handle = store.handle
    row = handle.one(
        "SELECT display_name, kana, nickname, note FROM residents WHERE id = ?", [resident_id]
    )
    needles = tuple(v.encode() for v in (row or {}).values() if isinstance(v, str) and len(v) >= 2)
    with handle.write() as db:
        if row is not None:
            db.execute("DELETE FROM residents WHERE id = ?", [resident_id])
            db["tombstones"].insert(
                {
                    "id": resident_id,
                    "table_name": "residents",
                    "erased_at": handle.stamp(),
                    "origin": store.installation.id,
                },
                replace=True,
            )
    store.checkpoint()  # the WAL held the name too
    buried = handle.one(
        "SELECT id, table_name, erased_at, origin FROM tombstones"
        " WHERE id = ? AND table_name = 'residents'",
        [resident_id],
    )
    if buried is None:
        raise NotFoundError(
            f"住民が見つかりません（ID: {resident_id}）。", f"No resident with id {resident_id}."
        )
    tombstone = (buried["id"], buried["table_name"], buried["erased_at"], buried["origin"])
    return ResidentErasure(resident_id, tombstone, needles, Path(backups_dir))
