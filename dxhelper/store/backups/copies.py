"""Saving a verified copy of the records to a file the user chose (a USB stick, say)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import dxhelper.store.connection as connection
from dxhelper.core.errors import DxError, StoreError
from dxhelper.store.backups.files import (
    SIDE_FILES,
    remove_file,
    row_counts,
    same_file,
    temp_beside,
    verify_backup,
)
from dxhelper.store.backups.taking import copy_database
from dxhelper.store.handle import HasHandle


def save_copy(store: HasHandle, target: Path) -> Path:
    """Write a verified copy of the records to a file the user chose (a USB stick, say).

    The copy is written under a temporary name beside the target and moved into place only
    once it has passed its check, so a failed copy never replaces an earlier good one.
    """
    target = Path(target)
    if target.is_dir():
        raise DxError(
            f"フォルダーではなく、ファイルの名前を指定してください: {target}",
            f"Choose a file name, not a folder: {target}",
        )
    beside_database = same_file(target.parent, store.handle.path.parent) and target.name in {
        store.handle.path.name + suffix for suffix in SIDE_FILES
    }
    if same_file(target, store.handle.path) or beside_database:
        raise DxError(
            f"使用中のデータベースには上書きできません: {target}",
            f"Cannot write over the database in use: {target}",
        )
    temp = temp_beside(target, "copy")
    try:
        temp.open("xb").close()
    except OSError as exc:
        raise DxError(
            f"コピーを保存できません: {target}（{exc.strerror}）",
            f"Cannot save a copy at: {target} ({exc.strerror})",
        ) from exc
    try:
        with store.handle.snapshot():
            expected = row_counts(store.handle.conn)
            copy_database(store.handle.conn, temp)
        try:
            verify_backup(temp, expected)
        except StoreError as exc:
            raise DxError(
                f"コピーを確認できなかったため保存しませんでした: {target}",
                f"The copy failed its check and was not saved: {target}",
            ) from exc
        os.replace(temp, target)
    except sqlite3.Error as exc:
        remove_file(temp)
        if "full" in str(exc).lower():
            raise connection.disk_full_error(target) from exc
        raise DxError(
            f"コピーを保存できません: {target}（{exc}）", f"Cannot save a copy at: {target} ({exc})"
        ) from exc
    except OSError as exc:
        remove_file(temp)
        raise DxError(
            f"コピーを保存できません: {target}（{exc.strerror}）",
            f"Cannot save a copy at: {target} ({exc.strerror})",
        ) from exc
    except BaseException:
        remove_file(temp)
        raise
    return target
