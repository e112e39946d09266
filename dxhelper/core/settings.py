"""Every option the app and the command line share, declared once with its default and type.

Values live in `settings.json` in the data folder (plain JSON, so the command line reads the same
paper size and trusted domains as the window). A value of the wrong type or out of range is
ignored and the default used: a hand-edited file never stops the app from starting.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxhelper.core.errors import DxError
from dxhelper.core.privacy import check_free_text

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"
MAX_BYTES = 1_000_000  # a settings file is a few hundred bytes
MAX_DEPTH = 20  # the options nest two deep (a list in the object)
TEXT_SCALES = (100, 125, 150, 200)
LANGUAGES = ("ja", "en")
PAPERS = ("A4", "A5")
RECORDS = ("real", "practice")  # issue 16 §6: the practice records live in a folder of their own


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
    free_text: bool = True  # a string typed by someone: the privacy guard reads it


def _str(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 200


# A record's id as the Store makes it (str(uuid4())), or empty.
_ID = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?")


def _id(value: Any) -> bool:
    """An id, not text: checked for its shape only. Its hex digits can run to twelve (one id
    in a few hundred), which the privacy guard would take for a 個人番号."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option("language", "", lambda v: v in ("", *LANGUAGES), "ja or en; empty until chosen"),
        Option("first_run_done", False, lambda v: isinstance(v, bool), "first-run finished"),
        Option("text_scale", 100, lambda v: v in TEXT_SCALES, "text size in percent"),
        Option("paper", "A4", lambda v: v in PAPERS, "handout paper size"),
        Option("large_print", False, lambda v: isinstance(v, bool), "large print by default"),
        Option("trusted_domains", [], _domain_list, "extra domains allowed in QR codes"),
        Option("volunteer_id", "", _id, "the volunteer using this laptop", free_text=False),
        Option(
            "default_venue_id",
            "",
            _id,
            "the venue preselected for a new session",
            free_text=False,
        ),
        Option("municipality", "", _str, "the municipality shown on handouts and reports"),
        Option("font", "", _str, "a font file or family for handouts; empty: look for one"),
        Option(
            "records", "real", lambda v: v in RECORDS, "the window opens real or practice records"
        ),
        Option(
            "bundle_phones",
            False,
            lambda v: isinstance(v, bool),
            "bundles carry residents' phone numbers (a coordinator's decision; off by default)",
        ),
    )
}


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit` (json would recurse)."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _unreadable(path: Path, why: str) -> DxError:
    shown = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    return DxError(
        f"設定ファイルを読めないため、初期設定で動きます（{shown}：{why}）。"
        "設定画面で保存し直すと新しいファイルになります。",
        f"The settings file cannot be used, so the defaults are in force ({shown}: {why}). "
        "Saving the settings again writes a new file.",
    )


def _read(path: Path) -> tuple[Any, DxError | None]:
    """The parsed file (None when missing) and why it could not be used, if it could not."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, _unreadable(path, exc.strerror or str(exc))
    if len(data) > MAX_BYTES:
        return None, _unreadable(path, f"larger than {MAX_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _unreadable(path, "not UTF-8 text")
    if _too_deep(text):
        return None, _unreadable(path, f"nested deeper than {MAX_DEPTH}")
    try:
        return json.loads(text), None
    except (ValueError, RecursionError) as exc:
        return None, _unreadable(path, f"not valid JSON: {str(exc)[:80]}")


class Settings:
    """Typed access to the options; `set` writes the file at once (atomically)."""

    def __init__(self, path: Path, values: dict[str, Any]) -> None:
        self.path = path
        self._values = values
        self.problem: DxError | None = None  # why the file was not used (defaults instead)

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        """The saved options; a missing file gives the defaults, and so does a damaged, huge
        or deeply nested one, with `problem` saying why (logged too)."""
        path = Path(data_dir) / SETTINGS_NAME
        raw, problem = _read(path)
        values = {}
        if isinstance(raw, dict):
            for name, option in OPTIONS.items():
                if name in raw and option.valid(raw[name]):
                    values[name] = raw[name]
        elif raw is not None and problem is None:
            problem = _unreadable(path, "not a JSON object")
        if problem is not None:
            log.warning("%s", problem.en)
        settings = cls(path, values)
        settings.problem = problem
        return settings

    def warning(self, lang: str = "ja") -> str:
        """Non-empty when the file could not be used and the defaults are in force."""
        return self.problem.message(lang) if self.problem is not None else ""

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
        if isinstance(value, str) and option.free_text:
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
