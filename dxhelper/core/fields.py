"""Names of the free-text fields, as a user sees them, for messages that name the field."""

from __future__ import annotations

_LABELS: dict[str, tuple[str, str]] = {
    "display_name": ("名前", "name"),
    "nickname": ("呼び名", "nickname"),
    "kana": ("ふりがな", "kana reading"),
    "note": ("メモ", "note"),
    "venue_name": ("会場名", "venue name"),
    "municipality": ("市区町村", "municipality"),
    "volunteer_name": ("推進委員の名前", "volunteer name"),
    "installation_name": ("この端末の名前", "device name"),
    "consent_version": ("同意文の版", "consent text version"),
    "reason": ("理由", "reason"),
    "recipient": ("送り先", "recipient"),
    "file_name": ("ファイル名", "file name"),
    "volunteer": ("お名前", "your name"),
    "venue": ("会場名", "venue name"),
}


def field_label(field: str, lang: str = "ja") -> str:
    ja, en = _LABELS.get(field, (field, field))
    return en if lang == "en" else ja
