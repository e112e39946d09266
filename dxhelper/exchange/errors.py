"""The one error a bundle raises: it says which file, which member and which line."""

from __future__ import annotations

from pathlib import Path

from dxhelper.core.errors import DxError


def _one_line(text: str) -> str:
    # The CLI prints every error as one line; a message must not break it.
    return " ".join(text.split())


class BundleError(DxError):
    """A bundle that cannot be read or must not be imported. Nothing has been written.

    `file`, `member` and `line` say where (each None when it does not apply), for a screen
    that wants to show them apart; the messages already start with them.
    """

    def __init__(
        self,
        ja: str,
        en: str,
        *,
        file: str | Path | None = None,
        member: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = Path(file).name if file is not None else None
        self.member = member
        self.line = line
        where_ja = [p for p in (self.file, member) if p]
        where_en = list(where_ja)
        if line is not None:
            where_ja.append(f"{line}行目")
            where_en.append(f"line {line}")
        prefix_ja = " ".join(where_ja) + ": " if where_ja else ""
        prefix_en = ", ".join(where_en) + ": " if where_en else ""
        super().__init__(_one_line(prefix_ja + ja), _one_line(prefix_en + en))
