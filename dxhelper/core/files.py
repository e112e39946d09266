"""Writing the files a user asked for (PDFs, reports) without ever leaving half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from dxhelper.core.errors import DxError


def write_atomically(
    data: bytes, target: Path, unwritable: Callable[[Path, OSError], DxError]
) -> Path:
    """Write beside the target and rename over it: a full disk or a locked file never leaves
    half a file, and an old file of the same name stays until the new one is complete.
    `unwritable` turns the OSError into the message the user sees."""
    target = Path(target)
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
    return target


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
