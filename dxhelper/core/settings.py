"""Every option the app and the command line share, declared once with its default and type.

Values live in `settings.json` in the data folder (plain JSON, so the command line reads the same
paper size and trusted domains as the window). A value of the wrong type or out of range is
ignored and the default used: a hand-edited file never stops the app from starting.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxhelper.core.errors import DxError
from dxhelper.core.privacy import check_free_text

SETTINGS_NAME = "settings.json"
TEXT_SCALES = (100, 125, 150, 200)
LANGUAGES = ("ja", "en")
PAPERS = ("A4", "A5")


def _domain_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(d, str) and d and " " not in d and "/" not in d for d in value
    )


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    default: Any
    valid: Callable[[Any], bool]
    doc: str


def _str(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 200


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option("language", "", lambda v: v in ("", *LANGUAGES), "ja or en; empty until chosen"),
        Option("first_run_done", False, lambda v: isinstance(v, bool), "first-run finished"),
        Option("text_scale", 100, lambda v: v in TEXT_SCALES, "text size in percent"),
        Option("paper", "A4", lambda v: v in PAPERS, "handout paper size"),
        Option("large_print", False, lambda v: isinstance(v, bool), "large print by default"),
        Option("trusted_domains", [], _domain_list, "extra domains allowed in QR codes"),
        Option("volunteer_id", "", _str, "the volunteer using this laptop"),
        Option("default_venue_id", "", _str, "the venue preselected for a new session"),
        Option("municipality", "", _str, "the municipality shown on handouts and reports"),
        Option("font", "", _str, "a font file or family for handouts; empty: look for one"),
    )
}


class Settings:
    """Typed access to the options; `set` writes the file at once (atomically)."""

    def __init__(self, path: Path, values: dict[str, Any]) -> None:
        self.path = path
        self._values = values

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = Path(data_dir) / SETTINGS_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}  # missing or damaged: start from the defaults
        values = {}
        if isinstance(raw, dict):
            for name, option in OPTIONS.items():
                if name in raw and option.valid(raw[name]):
                    values[name] = raw[name]
        return cls(path, values)

    def get(self, name: str) -> Any:
        option = OPTIONS[name]
        value = self._values.get(name, option.default)
        return list(value) if isinstance(value, list) else value

    def __iter__(self) -> Iterator[str]:
        return iter(OPTIONS)

    def set(self, name: str, value: Any) -> None:
        option = OPTIONS[name]
        if not option.valid(value):
            raise DxError(
                f"設定「{name}」の値が正しくありません: {value!r}",
                f"Setting '{name}' cannot be {value!r}.",
            )
        if isinstance(value, str):
            check_free_text(name, value)
        self._values[name] = list(value) if isinstance(value, list) else value
        self._save()

    def update(self, **values: Any) -> None:
        for name, value in values.items():
            self.set(name, value)

    @property
    def language(self) -> str:
        return self.get("language") or "ja"

    def _save(self) -> None:
        data = json.dumps(self._values, ensure_ascii=False, indent=2, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data + "\n")
            os.replace(temp, self.path)
        except OSError as exc:
            raise DxError(
                f"設定を保存できませんでした（{self.path}）: {exc.strerror or exc}",
                f"Could not save the settings ({self.path}): {exc.strerror or exc}",
            ) from exc
