"""Erasing a resident from every backup: each file that holds them is rewritten without them
(and VACUUMed, so no freed page keeps a byte of the name); each that never held them gets the
tombstone, so restoring it cannot let a bundle bring them back."""

from __future__ import annotations

import json
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


def _erase_in(path: Path, tombstones: Sequence[tuple], needles: Sequence[bytes]) -> bool:
    """Rewrite one backup with the erasures (tombstone tuples) applied; False when it needed
    nothing."""
    ids = json.dumps([stone[0] for stone in tombstones])
    try:
        conn = connection.open_file_read_only(path)
        try:
            present = conn.execute(
                "SELECT count(*) FROM residents WHERE id IN (SELECT value FROM json_each(?))",
                [ids],
            ).fetchone()[0]
            buried = conn.execute(
                "SELECT count(*) FROM tombstones WHERE id IN (SELECT value FROM json_each(?))",
                [ids],
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _Damaged(str(exc)) from exc
    data = path.read_bytes()
    if not present and not any(n in data for n in needles):
        # Taken before they were recorded: nothing of them to remove, only the tombstones to
        # add, so that a restore of this backup cannot let a bundle bring them back. One
        # small transaction in place (its rollback journal keeps it all-or-nothing).
        if buried < len(tombstones):
            _bury(path, tombstones)
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
            conn.execute(
                "DELETE FROM residents WHERE id IN (SELECT value FROM json_each(?))", [ids]
            )
            conn.executemany(BURY_SQL, tombstones)
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


def _bury(path: Path, tombstones: Sequence[tuple]) -> None:
    conn = connection.open_file(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(BURY_SQL, tombstones)
        conn.execute("COMMIT")
    finally:
        conn.close()


@dataclass(frozen=True)
class ErasureResult:
    rewritten: list[Path] = field(default_factory=list)  # backups the erasure was applied to
    removed: list[Path] = field(default_factory=list)  # damaged backups, deleted (unreadable)


def erase_from_backups(
    backups_dir: Path, tombstones: Sequence[tuple], needles: Sequence[bytes] = ()
) -> ErasureResult:
    """Apply erasures (tombstone tuples: id, table_name, erased_at, origin) to every backup,
    rewriting each backup once however many there are (an import may bring several).

    A backup too damaged to rewrite is deleted: it could never be restored, and it may still
    hold the person's name. Any other failure leaves that backup as it was and raises a
    StoreError naming it, after the others are done; running again finishes the job.
    """
    stones = [tuple(stone) for stone in tombstones]
    result = ErasureResult()
    if not stones:
        return result
    failed: list[tuple[Path, str]] = []
    for named in named_backups(Path(backups_dir)):
        try:
            if _erase_in(named.path, stones, list(needles)):
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


# -- the journal of erasures not yet finished everywhere ------------------------------------------
#
# An erasure has parts that cannot share one transaction: the database row, the WAL (emptied
# by a checkpoint, which another program's open read can hold up), and every backup file. The
# ids of residents being erased are written here first and taken off only when every part is
# done, so an erasure cut off by a kill, a busy reader or a failed backup is finished at the
# next open (Library.finish_erasures). Only ids: the file never holds a name.

PENDING_NAME = "erasures-pending.json"
_MAX_PENDING_BYTES = 4 * 2**20  # ~100,000 ids; a bigger file is not ours


def pending_path(root: Path) -> Path:
    return Path(root) / PENDING_NAME


def read_pending(root: Path) -> list[str] | None:
    """The ids still to finish ([] when none). None when the journal exists but cannot be
    read (damaged, too big): the caller then finishes every erasure the records know of."""
    path = pending_path(root)
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_PENDING_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    try:
        ids = json.loads(data) if len(data) <= _MAX_PENDING_BYTES else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) and len(i) <= 64 for i in ids):
        return None
    return ids


def _write_pending(root: Path, ids: Sequence[str]) -> None:
    path = pending_path(root)
    if not ids:
        remove_file(path)
        return
    temp = temp_beside(path, "pending")
    try:
        with open(temp, "w", encoding="utf-8") as out:
            json.dump(sorted(set(ids)), out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        remove_file(temp)
        raise


def mark_pending(root: Path, ids: Sequence[str]) -> None:
    """Add ids to the journal (before their erasure starts)."""
    if ids:
        known = read_pending(root) or []
        _write_pending(root, [*known, *ids])


def clear_pending(root: Path, ids: Sequence[str] | None = None) -> None:
    """Take ids (None: all) off the journal, once their erasure is done everywhere."""
    if ids is None:
        _write_pending(root, [])
        return
    known = read_pending(root)
    if known is None:
        return  # unreadable: the next open finishes every erasure, then clears it
    done = set(ids)
    _write_pending(root, [i for i in known if i not in done])


@dataclass(frozen=True)
class ResidentErasure:
    """A resident erased from the database; `in_backups()` finishes the job in every backup.
    Plain data, so the slow part may run on a worker thread. `file_pending`: another program
    was reading the database, so the freed pages could not yet be written into the database
    file (the journal keeps the erasure; the next open finishes it)."""

    resident_id: str
    tombstone: tuple  # (id, table_name, erased_at, origin), as in the tombstones table
    needles: tuple[bytes, ...]  # the person's texts, to find backups that still hold them
    backups_dir: Path
    data_root: Path | None = None  # whose write lock rewriting the backups holds (Library's)
    file_pending: bool = False

    def in_backups(self) -> ErasureResult:
        """Rewrite every backup; under the data folder's write lock when `data_root` is set
        (no restore reads, and no backup is taken or thinned, while they are rewritten), and
        then take the erasure off the journal unless the database file still waits."""
        if self.data_root is None:
            return erase_from_backups(self.backups_dir, [self.tombstone], self.needles)
        with write_lock.holding(self.data_root):
            result = erase_from_backups(self.backups_dir, [self.tombstone], self.needles)
            if not self.file_pending:
                clear_pending(self.data_root, [self.resident_id])
            return result


def needles_of(store: HasHandle, resident_ids: Sequence[str]) -> tuple[bytes, ...]:
    """The texts of residents (name, kana, nickname, note, phone) that mark a file still
    holding them."""
    rows = store.handle.db.execute(
        "SELECT r.display_name, r.kana, r.nickname, r.note, ph.phone FROM residents r"
        " LEFT JOIN resident_phones ph ON ph.id = r.id"
        " WHERE r.id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(resident_ids))],
    ).fetchall()
    return tuple(v.encode() for row in rows for v in row if isinstance(v, str) and len(v) >= 2)


def erase_resident(
    store: HasHandle, resident_id: str, backups_dir: Path, data_root: Path | None = None
) -> ResidentErasure:
    """Erase a resident from the database now: their row, attendance and progress go, a
    tombstone stays, freed pages are zeroed and the WAL is emptied. Returns what finishes the
    erasure in the backups. Safe to run again for someone already erased (so an erasure cut
    off before its backups were done can be finished). With `data_root`, the erasure is on
    the journal from before the row goes until every part is done."""
    handle = store.handle
    present = handle.one("SELECT id FROM residents WHERE id = ?", [resident_id]) is not None
    needles = needles_of(store, [resident_id])
    if data_root is not None and present:
        mark_pending(data_root, [resident_id])
    with handle.write() as db:
        if present:
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
    written = store.checkpoint()  # the WAL held the name too
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
    return ResidentErasure(
        resident_id, tombstone, needles, Path(backups_dir), data_root, file_pending=not written
    )
