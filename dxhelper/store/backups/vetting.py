"""Is a file fit to be restored? It must open, pass integrity_check, carry exactly a schema
that dxhelper wrote (no extra tables, views or triggers), keep its references, and hold no
個人番号 or PIN in its free text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import dxhelper.store.connection as connection
import dxhelper.store.integrity as integrity
from dxhelper.core.errors import DxError, PrivacyError
from dxhelper.core.fields import field_label
from dxhelper.core.privacy import check_free_text
from dxhelper.store.backups.files import counted, table_names
from dxhelper.store.integrity import SchemaDifference

# Free text a restored file could carry past the privacy guard: (table, column, field name).
_FREE_TEXT = (
    ("residents", "display_name", "display_name"),
    ("residents", "kana", "kana"),
    ("residents", "nickname", "nickname"),
    ("residents", "note", "note"),
    ("residents", "district", "district"),
    ("sessions", "note", "note"),
    ("volunteers", "display_name", "volunteer_name"),
    ("venues", "name", "venue_name"),
    ("venues", "municipality", "municipality"),
    ("handover", "reason", "reason"),
    ("installation", "name", "installation_name"),
    ("installation", "municipality", "municipality"),
    ("exports", "recipient", "recipient"),
)


def schema_verdict(conn: sqlite3.Connection) -> tuple[str, list[SchemaDifference]]:
    """("foreign" | "newer" | "", the differences found). The schema must be exactly what
    dxhelper's migrations make at the version the file records (an older backup is compared
    with that version's migrations): an extra table, column, index, view or trigger (code a
    hostile file could run) makes it foreign."""
    try:
        applied = integrity.applied_migrations(conn)
    except sqlite3.Error:  # a bookkeeping table of another shape
        return "foreign", []
    if not applied:
        return "foreign", []
    if set(applied) - set(integrity.known_migrations()):
        return "newer", []
    differences = integrity.schema_differences(conn)
    return ("foreign" if differences else ""), differences


def schema_problem(conn: sqlite3.Connection) -> str:
    """What is wrong with the schema: "foreign", "newer", or an empty string when it is
    exactly one a dxhelper wrote."""
    return schema_verdict(conn)[0]


def _said(differences: list[SchemaDifference], lang: str) -> str:
    shown = [d.message(lang).rstrip("。.") for d in differences[:3]]
    more = len(differences) - len(shown)
    if lang == "en":
        return "; ".join(shown) + (f"; and {more} more" if more else "")
    return "。".join(shown) + (f"。ほか {more} 件" if more else "")


def _privacy_problem(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """(field, what) for the first free text that must never be stored, or that is not text."""
    tables = set(table_names(conn))
    for table, column, field_name in _FREE_TEXT:
        if table not in tables:
            continue
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if column not in columns:  # a backup from before the column was added
            continue
        for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}"'):
            if not isinstance(value, str):
                return field_name, "type"
            try:
                check_free_text(field_name, value)
            except PrivacyError:
                return field_name, "privacy"
    return None


def refusal(source: Path, ja_why: str, en_why: str) -> DxError:
    return DxError(
        f"このファイルは復元できません（{ja_why}）。今のデータベースは変更していません: {source}",
        f"This file cannot be restored ({en_why}); your database has not been changed: {source}",
    )


def vet(staged: Path, source: Path) -> dict[str, int]:
    """Check the staged copy of a file to restore; make it one file. Returns its counts."""
    try:
        conn = connection.open_file(staged)
    except sqlite3.Error as exc:
        raise refusal(source, "開けません", f"it cannot be opened: {exc}") from exc
    try:
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA schema_version").fetchone()
            # A copied -wal is folded in here, so what is checked is what is swapped in.
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.Error as exc:
            raise refusal(
                source,
                "壊れているか、SQLite のデータベースではありません",
                "it is damaged or not a database",
            ) from exc
        if integrity != ["ok"]:
            raise refusal(source, "ファイルが壊れています", f"it is damaged: {integrity[0]}")
        problem, differences = schema_verdict(conn)
        if problem == "newer":
            raise refusal(
                source,
                "新しい版の dxhelper で作られたファイルです。dxhelper を更新してください",
                "it was made by a newer dxhelper; please update dxhelper",
            )
        if differences:
            raise refusal(
                source,
                "dxhelper のバックアップではありません: 構造が違います。"
                + _said(differences, "ja"),
                f"it is not a dxhelper backup: its structure differs: {_said(differences, 'en')}",
            )
        if problem:
            raise refusal(
                source, "dxhelper のバックアップではありません", "it is not a dxhelper backup"
            )
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            raise refusal(source, "記録の参照が壊れています", "its records point at missing ones")
        found = _privacy_problem(conn)
        if found:
            name, what = found
            if what == "type":
                raise refusal(
                    source,
                    f"「{field_label(name)}」に文字でない値があります",
                    f"its {field_label(name, 'en')} holds something that is not text",
                )
            raise refusal(
                source,
                f"「{field_label(name)}」に個人番号や暗証番号のような保存できない情報があります",
                f"its {field_label(name, 'en')} holds a My Number or PIN, which is never stored",
            )
        return counted(conn)
    except sqlite3.Error as exc:
        raise refusal(source, "読めません", f"it cannot be read: {exc}") from exc
    finally:
        conn.close()


def check_backup_file(path: Path) -> str:
    """Why `path` could not be restored (English, for logs), or an empty string when it is a
    sound dxhelper backup. Reads the file only."""
    try:
        conn = connection.open_file_read_only(path)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                return f"damaged: {integrity[0]}"
            problem, differences = schema_verdict(conn)
            if differences:
                return f"{problem} schema: {_said(differences, 'en')}"
            return f"{problem} schema" if problem else ""
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
