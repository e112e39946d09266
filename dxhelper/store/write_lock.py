"""One writer at a time across processes (issue 16 §1): the data folder's write lock.

Every job that rewrites the records or the backups as a whole (import, restore, backup, erasing
a resident and erasing them from the backups, building the demo, creating or migrating the
database) holds `.write.lock` in the data folder while it runs, whether it runs in the window or
in a `dxhelper` command. A second writer waits a few seconds (the command line says so on
stderr) and then gives up with a WriterBusyError: it never starts, so it never reports a
success it did not have. Small writes through the Store (ticking a step) are left to SQLite's
own locking.

The lock is `filelock.FileLock` (flock on POSIX, LockFileEx on Windows). There is one lock
object per lock file in a process, shared by every Library on the folder. It is re-entrant
within a thread (a restore takes a backup, and reopening after it may migrate, all under the
one hold) and exclusive between threads and between processes.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import dxhelper.store.connection as connection
from dxhelper.core.errors import StoreError

if TYPE_CHECKING:
    from filelock import FileLock

# filelock is imported when a lock is first taken: opening the records for the window takes
# none (its import is 25-30 ms of a start, issue 19 §8).

LOCK_NAME = ".write.lock"
WAIT_SECONDS = 5.0  # how long a second writer waits before it gives up

WAITING_JA = "別の dxhelper が書き込み中です。待っています…"
WAITING_EN = "Another dxhelper is writing; waiting…"

Notice = Callable[[], None]  # called once when a writer has to wait (the CLI writes to stderr)

_locks: dict[str, FileLock] = {}
_locks_guard = threading.Lock()


class WriterBusyError(StoreError):
    """Another dxhelper (the window or a command) held the write lock for too long."""

    def __init__(self, root: Path, waited: float) -> None:
        seconds = f"{waited:g}"
        super().__init__(
            f"別の dxhelper（ウィンドウかコマンド）がこのデータフォルダーに書き込み中のため、"
            f"{seconds} 秒待ちましたが始められませんでした。何も変更していません。"
            f"そちらが終わってから、もう一度お試しください: {root}",
            f"Another dxhelper (a window or a command) is writing to this data folder; "
            f"waited {seconds} seconds and did not start. Nothing was changed. "
            f"Try again when it has finished: {root}",
        )
        self.root = root


def lock_path(root: Path) -> Path:
    return Path(root) / LOCK_NAME


def _lock_for(root: Path) -> FileLock:
    """The process's one lock object for this folder (re-entrant per thread)."""
    path = lock_path(root).absolute()
    key = str(path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            from filelock import FileLock

            lock = _locks[key] = FileLock(path, thread_local=True)
        return lock


def _acquire(lock: FileLock, root: Path, timeout: float) -> None:
    from filelock import Timeout

    try:
        Path(root).mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=timeout)
    except Timeout:
        raise
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise connection.read_only_error(lock_path(root)) from exc
        raise StoreError(
            f"書き込み用のロックを取れません: {lock_path(root)}（{exc.strerror}）",
            f"Cannot take the write lock: {lock_path(root)} ({exc.strerror})",
        ) from exc


@contextlib.contextmanager
def holding(
    root: Path, *, wait: float | None = None, notice: Notice | None = None
) -> Iterator[None]:
    """Hold the folder's write lock for the block. Already held by this thread: at once.
    Held elsewhere: `notice()`, then wait up to `wait` seconds (WAIT_SECONDS), then raise
    WriterBusyError. Released however the block ends."""
    from filelock import Timeout

    root = Path(root)
    lock = _lock_for(root)
    waited = WAIT_SECONDS if wait is None else wait
    try:
        _acquire(lock, root, 0)
    except Timeout:
        if notice is not None:
            notice()
        try:
            _acquire(lock, root, waited)
        except Timeout:
            raise WriterBusyError(root, waited) from None
    try:
        yield
    finally:
        lock.release()


def held_here(root: Path) -> bool:
    """True when this thread holds the folder's write lock."""
    return _lock_for(Path(root)).is_locked
