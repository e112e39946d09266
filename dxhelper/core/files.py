"""Writing the files a user asked for (PDFs, reports, bundles) without ever leaving half a
file, and refusing a target that cannot be written before anything is written (issue 16 §8)."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dxhelper.core.errors import DxError

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"  # a bundle being written (exchange/bundle.py)
STALE_AFTER = 10 * 60  # seconds without a write: a leftover, not a file still being written


class UnusableNameError(DxError):
    """A file name this computer cannot write or dxhelper cannot record (not valid text)."""


def shown(path: str | os.PathLike[str]) -> str:
    """A path for a message: bytes that are not valid text appear as escapes, so printing
    the message can never fail."""
    return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")


def check_target(
    target: str | os.PathLike[str], unwritable: Callable[[Path, OSError], DxError]
) -> Path:
    """Refuse, before anything is written, a file name that is not valid text (bytes such
    as 0xFF in a POSIX name) or that this system cannot encode, and a target whose folder is
    missing or cannot be written (`unwritable` turns that into the caller's message)."""
    target = Path(target)
    try:
        os.fsencode(target)
        os.fspath(target).encode("utf-8")
    except (UnicodeError, ValueError):
        raise UnusableNameError(
            f"このファイル名は使えません（{shown(target)}）：文字として読めない部分があります。"
            "英数字やかな・漢字だけの名前を付け直してください。何も保存していません。",
            f"This file name cannot be used ({shown(target)}): part of it is not readable "
            "text. Choose a name made of ordinary letters and digits. Nothing was saved.",
        ) from None
    if "\0" in os.fspath(target):
        raise UnusableNameError(
            f"このファイル名は使えません（{shown(target)}）。何も保存していません。",
            f"This file name cannot be used ({shown(target)}). Nothing was saved.",
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise unwritable(target, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
    if target.is_dir():
        raise unwritable(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if not os.access(folder, os.W_OK):
        raise unwritable(target, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    return target


def clean_partials(root: str | os.PathLike[str], *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove what an interrupted write left in the data folder: bundles being written
    (`*.partial`) and the temporary files of atomic writes (`.dxhelper-*`, `.settings-*`),
    only when untouched for `older_than` seconds (another dxhelper may be writing right now).
    Never raises; returns what was removed."""
    removed: list[Path] = []
    folder = Path(root)
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        ours = name.endswith(PARTIAL_SUFFIX) or name.startswith((".dxhelper-", ".settings-"))
        if not ours:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    if removed:
        log.info("removed leftovers of interrupted writes: %s", [shown(p) for p in removed])
    return removed


def write_atomically(
    data: bytes, target: Path, unwritable: Callable[[Path, OSError], DxError]
) -> Path:
    """Write beside the target and rename over it: a full disk or a locked file never leaves
    half a file, and an old file of the same name stays until the new one is complete.
    `unwritable` turns the OSError into the message the user sees. A name that cannot be
    written is refused first (check_target), before any file is made."""
    target = check_target(target, unwritable)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=".dxhelper-", suffix=target.suffix or ".tmp", dir=folder
        )
    except OSError as exc:
        raise unwritable(target, exc) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, _file_mode())  # mkstemp makes 0600; these are ordinary files
        os.replace(temp_name, target)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise unwritable(target, exc) from exc
    except BaseException:  # interrupted (Ctrl+C, a crash below): no temporary file is left
        with contextlib.suppress(OSError):
            Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
