"""Errors that reach a user. Each carries its message in Japanese (first) and English."""

from __future__ import annotations

LANGUAGES = ("ja", "en")


class DxError(Exception):
    """A problem the user can act on; never a crash. `str()` gives the Japanese text."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(ja)
        self.ja = ja
        self.en = en

    def message(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja


class ValidationError(DxError):
    """A field's value is not acceptable (empty, too long, wrong kind)."""

    def __init__(self, field: str, ja: str, en: str) -> None:
        super().__init__(ja, en)
        self.field = field


class PrivacyError(ValidationError):
    """Free text that contains something we must never store (個人番号, PIN, password)."""


class NotFoundError(DxError):
    """An id or name that names nothing in the database."""


class StoreError(DxError):
    """The database cannot be opened or written (read-only, corrupt, newer, locked, full)."""


class ReadOnlyError(StoreError):
    """The data folder or database cannot be written; the records can still be read."""
