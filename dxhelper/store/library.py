"""The front door to one data folder's records: `Library(paths)`.

It owns the open `Store`, knows the data folder, and does the jobs that span the database and
the files beside it: backups (take, list, restore, save a copy, thin), the start-up mark and
check, a second connection for a worker thread, and erasing a resident from the database, its
WAL and every backup. The window, the command line and the self-test all hold a Library.

One writer at a time across processes (issue 16 §1): backup, restore, erasure, and opening a
database that must be created or migrated hold the data folder's write lock (`writing()`, see
`write_lock.py`); an import holds it for as long as its Library is open (`hold_writes`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import dxhelper.store.backups as backups
import dxhelper.store.backups.erasure as erasure_journal
import dxhelper.store.clock_check as clock_check
import dxhelper.store.connection as connection
import dxhelper.store.integrity as integrity
import dxhelper.store.location as location
import dxhelper.store.startup as startup
import dxhelper.store.write_lock as write_lock
from dxhelper.core.errors import ReadOnlyError, StoreError
from dxhelper.paths import DataPaths
from dxhelper.store.backups import BackupInfo, ResidentErasure
from dxhelper.store.handle import Clock, utc_now
from dxhelper.store.integrity import SchemaDifference, SchemaMismatchError
from dxhelper.store.startup import StartupCheck
from dxhelper.store.store import Store

if TYPE_CHECKING:
    from dxhelper.store.backups import RestoreResult

log = logging.getLogger(__name__)


class Library:
    """The records of one data folder. Open the Store with `open()` (or `Library.opened`);
    everything that touches backups or the start-up mark goes through here."""

    def __init__(
        self,
        paths: DataPaths,
        *,
        clock: Clock | None = None,
        on_wait: write_lock.Notice | None = None,
    ) -> None:
        self.paths = paths
        self.clock = clock or utc_now
        self.on_wait = on_wait  # said once when a write must wait for another dxhelper
        self._store: Store | None = None
        self._held: contextlib.ExitStack | None = None  # the write lock, held until __exit__
        self.read_only_reason: ReadOnlyError | None = None  # why it opened read-only

    @classmethod
    def opened(
        cls,
        paths: DataPaths,
        *,
        create: bool = True,
        clock: Clock | None = None,
        on_wait: write_lock.Notice | None = None,
        hold_writes: bool = False,
    ) -> Library:
        """A Library with its Store open (created and migrated as needed). With `hold_writes`
        the folder's write lock is taken before the Store opens and held until the Library is
        left (`with`): for a job such as an import that writes all the way through."""
        library = cls(paths, clock=clock, on_wait=on_wait)
        if hold_writes:
            library.hold_writes()
        try:
            library.open(create=create)
        except BaseException:
            library.release_writes()
            raise
        return library

    # -- one writer at a time --------------------------------------------------------------------

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the data folder's write lock for a block (`with library.writing():`).

        Re-entrant in a thread; another thread or process waits a few seconds (`on_wait` is
        told) and then gets a WriterBusyError, having changed nothing."""
        return write_lock.holding(self.paths.root, notice=self.on_wait)

    def hold_writes(self) -> None:
        """Take the write lock now and keep it until the Library is left or
        `release_writes()`: everything done through it runs as one writer."""
        if self._held is None:
            held = contextlib.ExitStack()
            held.enter_context(self.writing())
            self._held = held

    def release_writes(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()

    # -- the Store -------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:
            raise StoreError("データベースが開かれていません。", "The database is not open.")
        return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def read_only(self) -> bool:
        return self._store is not None and self._store.read_only

    def open(self, *, create: bool = True) -> Store:
        """Open (creating and migrating as needed) the data folder's database.

        A database whose schema is not what dxhelper's migrations made (a trigger, view,
        column or index they did not create) is refused with a SchemaMismatchError (a
        ReadOnlyError) before anything opens it for writing: no migration, pragma or row
        touches it. `open_for_use` then opens it for reading only."""
        self.close()
        # Creating the database or migrating it rewrites it: one writer at a time. Opening
        # records that are already current needs no lock (`dxhelper check` never waits).
        lock = self.writing() if self._opening_writes(create) else contextlib.nullcontext()
        with lock:
            self._refuse_differing_schema()
            self._store = Store.open(self.paths.database, create=create, clock=self.clock)
        self.read_only_reason = None
        self.remove_leftovers()
        self._finish_erasures_at_open()
        return self._store

    def _finish_erasures_at_open(self) -> None:
        """An erasure cut off (a kill, a busy reader, a backup that failed) is finished now,
        while nobody else writes; if something still stands in the way, at the next open."""
        if not self.erasure_pending():
            return
        try:
            with write_lock.holding(self.paths.root, wait=0):
                self.finish_erasures()
        except (write_lock.WriterBusyError, StoreError) as exc:
            log.warning("an unfinished erasure waits for the next open: %s", exc)

    def remove_leftovers(self) -> list[Path]:
        """Delete the temporary copies a killed restore or erasure left behind (they may hold
        an erased resident's name, and a restore's is as large as the database). Only while
        nobody is writing: every such operation holds the write lock, so whatever is found
        while we hold it is a leftover. Busy: left for the next start. Returns what went."""
        removed: list[Path] = []
        if not any(_temp_copies(f) for f in (self.paths.root, self.paths.backups)):
            return removed  # nearly always: nothing to remove, no lock to take
        try:
            with write_lock.holding(self.paths.root, wait=0):
                for folder in (self.paths.root, self.paths.backups):
                    removed += _remove_temp_copies(folder)
        except (write_lock.WriterBusyError, StoreError):
            return removed
        if removed:
            log.info("removed %d leftover temporary copies", len(removed))
        return removed

    def _opening_writes(self, create: bool) -> bool:
        """Would opening create the database or run a migration? Read without writing."""
        database = self.paths.database
        try:
            if not database.is_file() or database.stat().st_size == 0:
                return create
            conn = connection.open_file_unchanged(database)
            try:
                applied = integrity.applied_migrations(conn)
                empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
            finally:
                conn.close()
        except (OSError, sqlite3.Error):
            return False  # opening says what is wrong with it (and writes nothing)
        if applied is None:
            # An empty database is set up by opening; tables without dxhelper's record of
            # migrations are another program's, refused without writing anything.
            return empty
        return bool(set(integrity.known_migrations()) - set(applied))

    def open_read_only(self, reason: ReadOnlyError | None = None) -> Store:
        """Open for reading only (a folder that cannot be written, or a schema dxhelper did
        not make): every write is refused. A differing schema becomes the reason."""
        self.close()
        store = Store.open_read_only(self.paths.database, clock=self.clock)
        if not isinstance(reason, SchemaMismatchError):
            try:
                differences = integrity.schema_differences(store.handle.conn)
            except sqlite3.Error as exc:
                store.close()
                raise connection.translate(exc, self.paths.database) from exc
            if differences:
                reason = self._mismatch(differences)
        self._store = store
        self.read_only_reason = reason
        return self._store

    def open_for_use(self, *, create: bool = True) -> Store:
        """Open for writing; where the folder cannot be written, or the schema is not one
        dxhelper made, but the records exist, open them for reading and keep the reason (the
        window says why nothing can be saved, and offers restoring a backup)."""
        try:
            return self.open(create=create)
        except ReadOnlyError as exc:
            if not self.paths.database.is_file():
                raise
            try:
                return self.open_read_only(exc)
            except StoreError:
                if isinstance(exc, SchemaMismatchError):
                    raise exc from None  # e.g. also needs an update: the schema is the news
                raise

    def schema_differences(self) -> list[SchemaDifference]:
        """How the database's schema differs from what its version's migrations make (empty:
        it is exactly theirs), read through the open Store, else from the file."""
        database = self.paths.database
        try:
            if self._store is not None:
                return integrity.schema_differences(self._store.handle.conn)
            return integrity.file_differences(database)
        except sqlite3.Error as exc:
            raise connection.translate(exc, database) from exc

    def _refuse_differing_schema(self) -> None:
        """Before the Store opens the file for writing: compare its schema with the
        migrations', reading it without changing or creating anything."""
        database = self.paths.database
        try:
            if not database.is_file() or database.stat().st_size == 0:
                return  # nothing yet (created and migrated by Store.open), or not a file
            differences = integrity.file_differences(database)
        except OSError:
            return  # Store.open says what is wrong with a file it cannot reach
        except sqlite3.Error as exc:
            raise connection.translate(exc, database) from exc
        if differences:
            raise self._mismatch(differences)

    def _mismatch(self, differences: list[SchemaDifference]) -> SchemaMismatchError:
        newest = startup.newest_good_backup(self.paths.backups)
        return SchemaMismatchError(
            self.paths.database, tuple(differences), newest.path.name if newest else None
        )

    def adopt(self, store: Store) -> Store:
        """Take over a Store opened elsewhere on this folder's database (e.g. by first run)."""
        if store is not self._store:
            self.close()
            self._store = store
        return store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.close()
        finally:
            self.release_writes()

    @contextlib.contextmanager
    def worker(self) -> Iterator[Library]:
        """The same records for a worker thread: a Library with a connection of its own (SQLite
        connections stay on the thread that made them), closed when the work is done."""
        library = Library(self.paths, clock=self.clock, on_wait=self.on_wait)
        library.open(create=False)
        try:
            yield library
        finally:
            library.close()

    def has_records(self) -> bool:
        database = self.paths.database
        return database.exists() and database.stat().st_size > 0

    # -- start-up and the folder -------------------------------------------------------------

    def begin_run(self) -> StartupCheck:
        """Before opening: check after an unclean stop (damaged files are kept aside), then
        mark this run as started."""
        return startup.begin_run(self.paths)

    def end_run(self) -> None:
        """At a clean stop, after closing: remove the mark."""
        startup.end_run(self.paths)

    def location_warning(self, lang: str = "ja") -> str:
        """Why this folder is a risky place (a network drive, a synced folder), or ""."""
        return location.location_warning(self.paths.root, lang)

    def clock_warning(self, lang: str = "ja") -> str:
        """Why this computer's clock cannot be trusted (impossible, or behind the newest record
        written here), or "". Read from the open records; "" when none are open."""
        if self._store is None:
            return ""
        store = self._store
        try:
            warning = clock_check.clock_warning(
                store.handle.conn, store.installation.id, self.clock()
            )
        except sqlite3.Error as exc:
            log.warning("clock check skipped: %s", exc)
            return ""
        return warning.message(lang) if warning else ""

    # -- backups -------------------------------------------------------------------------------

    def backup(self, reason: str, *, force: bool = False) -> BackupInfo | None:
        """A verified backup, then thinning; None when nothing changed since the newest
        (unless `force`). A failed copy raises StoreError and deletes nothing. Records whose
        schema dxhelper did not make are never backed up: the copy would count as a good
        backup and thinning could delete a good one for it (the reason is raised)."""
        if isinstance(self.read_only_reason, SchemaMismatchError):
            raise self.read_only_reason
        store = self.store
        with self.writing():
            return backups.take_backup(store, self.paths.backups, reason, force=force)

    def backup_due(self, now: dt.datetime | None = None) -> bool:
        """True when there is no backup, or the newest is more than a day old."""
        return backups.backup_due(self.paths.backups, now or self.clock())

    def list_backups(self, *, include_problems: bool = False) -> list[BackupInfo]:
        """Backups newest first (with `include_problems`, the unreadable ones too)."""
        return backups.list_backups(self.paths.backups, include_problems=include_problems)

    def restore(self, backup: Path) -> RestoreResult:
        """Put a backup in place of the records: the Store is closed for the swap and opened
        again afterwards if it was open (on the restored records, or, when the file was
        refused, on the records as they were). All of it under the write lock: no import,
        backup or erasure of another dxhelper runs in between."""
        with self.writing():
            was_open, was_read_only = self.is_open, self.read_only
            self.close()
            try:
                return backups.restore(
                    self.paths.database, Path(backup), self.paths.backups, clock=self.clock
                )
            finally:
                if was_open:
                    # Read-only before (a folder that cannot be written, a schema dxhelper
                    # did not make): read-only again if the restore was refused.
                    if was_read_only:
                        self.open_for_use()
                    else:
                        self.open()

    def save_copy(self, target: Path) -> Path:
        """A verified copy of the records at a place the user chose."""
        return backups.save_copy(self.store, Path(target))

    # -- erasure ------------------------------------------------------------------------------

    def erase_resident(self, resident_id: str) -> ResidentErasure:
        """Erase a resident everywhere. On return they are gone from the database and its WAL;
        the returned job's `in_backups()` removes them from every backup (run it at once, or
        in a worker: it touches only files). Running this again for someone already erased
        finishes an erasure that was cut off. Both parts hold the write lock."""
        store = self.store
        with self.writing():
            erasure = backups.erase_resident(
                store, resident_id, self.paths.backups, data_root=self.paths.root
            )
            self.remove_leftovers()  # an earlier killed restore's copy may still hold the name
        return erasure

    def erasing(self, resident_ids: Sequence[str]) -> Erasing:
        """Before writes that may erase residents (an import bringing erasures): note those of
        `resident_ids` recorded here on the erasure journal and keep their texts; after the
        writes, `finish()` empties the WAL into the file and erases them from every backup.
        A kill in between leaves the journal, and the next open finishes the job."""
        store = self.store
        ids = [
            row[0]
            for row in store.handle.db.execute(
                "SELECT id FROM residents WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(list(resident_ids))],
            ).fetchall()
        ]
        with self.writing():
            erasure_journal.mark_pending(self.paths.root, ids)
        return Erasing(self, ids, erasure_journal.needles_of(store, ids))

    def erasure_pending(self) -> bool:
        """Is an erasure not yet finished everywhere (the journal is not empty)?"""
        return erasure_journal.read_pending(self.paths.root) != []

    def finish_erasures(self, needles: Sequence[bytes] = ()) -> bool:
        """Finish every erasure on the journal: the WAL into the database file (its freed pages
        are zeroed), the residents out of every backup, leftover copies removed. True when
        all is done (the journal is then empty); False when another program's read still
        holds the WAL (the next open tries again). A backup that cannot be rewritten raises
        the StoreError that names it, the journal kept."""
        pending = erasure_journal.read_pending(self.paths.root)
        if pending == []:
            return True
        store = self.store
        with self.writing():
            if not store.checkpoint():
                log.warning("an erasure waits: another program is reading the database")
                return False
            # Unreadable journal: finish every erasure the records know (rewriting a backup
            # that already has them costs nothing).
            rows = store.handle.db.execute(
                "SELECT id, table_name, erased_at, origin FROM tombstones"
                " WHERE table_name = 'residents'"
                + ("" if pending is None else " AND id IN (SELECT value FROM json_each(?))"),
                [] if pending is None else [json.dumps(pending)],
            ).fetchall()
            backups.erase_from_backups(self.paths.backups, [tuple(r) for r in rows], needles)
            self.remove_leftovers()
            erasure_journal.clear_pending(self.paths.root, None if pending is None else pending)
        return True


@dataclasses.dataclass(frozen=True)
class Erasing:
    """Erasures under way (see Library.erasing)."""

    library: Library
    resident_ids: list[str]
    needles: tuple[bytes, ...]

    def finish(self) -> bool:
        """Finish them (and any other erasure on the journal); False: the next open will."""
        if not self.resident_ids and not self.library.erasure_pending():
            return self.library.store.checkpoint()
        return self.library.finish_erasures(self.needles)


# `.{name}.{restore|erase}-{12 hex}.tmp` (backups.temp_beside) and SQLite's files beside them.
_TEMP_COPY = re.compile(r"^\..+\.(restore|erase)-[0-9a-f]{12}\.tmp(-wal|-shm|-journal)?$")


def _temp_copies(folder: Path) -> list[str]:
    """The paths of a killed restore's or erasure's temporary copies in `folder`."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        entry.path
        for entry in entries
        if _TEMP_COPY.match(entry.name) and entry.is_file(follow_symlinks=False)
    ]


def _remove_temp_copies(folder: Path) -> list[Path]:
    removed: list[Path] = []
    for path in _temp_copies(folder):
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed.append(Path(path))
    return removed
