"""The open database as the store package's own modules share it.

`Store` keeps one `Handle`; the sibling modules (backups, merge, reporting) reach the database
through `store.handle` rather than the Store's private members. Nothing outside
`dxhelper/store/` uses a handle: a test checks it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlite_utils import Database

import dxhelper.store.connection as connection
from dxhelper.core.models import Installation

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """UTC ISO 8601 with a Z, fixed width, so text order is time order."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return str(uuid.uuid4())


class Handle:
    """One connection, its file and its clock; reads as dicts, writes in one transaction."""

    def __init__(self, db: Database, path: Path, clock: Clock) -> None:
        self.db = db
        self.path = path
        self.clock = clock

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def now(self) -> dt.datetime:
        return self.clock()

    def stamp(self) -> str:
        """Now, as stored in `created_at` / `updated_at`."""
        return stamp(self.clock())

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction; SQLite's failures become a StoreError and nothing is half-written."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:
            raise connection.translate(exc, self.path) from exc

    def snapshot(self) -> contextlib.AbstractContextManager[Any]:
        """One read transaction: what is read inside it is one moment's records."""
        return self.db.atomic()

    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict]:
        """Read rows as dicts. (sqlite-utils' query() wraps each read in a savepoint; reads
        need none, and search and the grid read often.)"""
        try:
            cursor = self.db.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise connection.translate(exc, self.path) from exc

    def one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> dict | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def tuples(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple]:
        """Read rows as plain tuples (reports read many)."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise connection.translate(exc, self.path) from exc


class HasHandle(Protocol):
    """What the backup modules take: an open Store (they need its handle, not its API)."""

    handle: Handle
    installation: Installation

    def checkpoint(self) -> bool: ...
