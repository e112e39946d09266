"""The hostile corpus: what is committed under corpus/, and what is generated at test time.

Text inputs (lesson files, a text "backup", the formula and secret payloads, and each folder's
cases.toml that says what must happen) are committed; binary or bulky ones (garbage, a 1.2 MB
lesson, truncated or foreign SQLite files, bundles) are written into a temporary folder by the
generators here. The hostile bundles themselves come from tests/exchange/corpus.py, so both
suites share one definition of them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import shutil
import sqlite3
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from dxhelper.core.privacy import my_number_check_digit

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXCHANGE_TESTS = HERE.parent / "exchange"


def _load(name: str, path: Path) -> ModuleType:
    """A helper module of another test folder, by path (test folders are not packages)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle_corpus = _load("hostile_exchange_corpus", EXCHANGE_TESTS / "corpus.py")
bundletools = _load("hostile_exchange_bundletools", EXCHANGE_TESTS / "bundletools.py")


def sha256_of(path: Path) -> str:
    """A file's SHA-256; for a folder, of its listing and its files' contents."""
    path = Path(path)
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(path.rglob("*")):
            digest.update(str(child.relative_to(path)).encode())
            if child.is_file():
                digest.update(child.read_bytes())
        return digest.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def database_digest(path: Path) -> str:
    """SHA-256 of a database file once its WAL is folded in (PRAGMA wal_checkpoint(TRUNCATE))."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    return sha256_of(path)


# -- lessons -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    ja: str
    en: str
    line: int | None = None
    severity: str = "error"


@dataclass(frozen=True)
class LessonCase:
    name: str
    exit: int
    expect: tuple[Expected, ...]
    file: str | None = None  # under the user lessons folder, e.g. "ja/bad-toml.md"
    generator: str | None = None
    command: tuple[str, ...] = ()
    builtin_error: bool = False

    def write(self, user_lessons: Path) -> Path:
        """Put the hostile file into a user lessons folder; return where it is."""
        assert self.file
        target = user_lessons / self.file
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.generator:
            LESSON_GENERATORS[self.generator](target)
        else:
            shutil.copyfile(CORPUS / "lessons" / self.file, target)
        return target


def lesson_cases() -> list[LessonCase]:
    raw = tomllib.loads((CORPUS / "lessons" / "cases.toml").read_text(encoding="utf-8"))
    return [
        LessonCase(
            name=c["name"],
            exit=c["exit"],
            expect=tuple(Expected(**e) for e in c["expect"]),
            file=c.get("file"),
            generator=c.get("generator"),
            command=tuple(c.get("command", ())),
            builtin_error=c.get("builtin_error", False),
        )
        for c in raw["case"]
    ]


def _good_lesson(lesson_id: str) -> str:
    """A valid lesson (the corpus's unknown-key file without its unknown key)."""
    text = (CORPUS / "lessons" / "ja" / "unknown-key.md").read_text(encoding="utf-8")
    return text.replace('address = "みどり市1-2-3"', "").replace("unknown-key", lesson_id)


def binary_garbage(target: Path) -> None:
    # A PNG header: two line feeds, then NUL bytes (line 3), then noise.
    noise = random.Random(8).randbytes(4096)
    target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)


def shift_jis(target: Path) -> None:
    # The title on line 3 is the first non-ASCII text.
    target.write_bytes(_good_lesson(target.stem).encode("cp932"))


def huge(target: Path) -> None:
    padding = "\n\n" + ("スマホの画面を指でなぞります。" * 40 + "\n\n") * 1100
    target.write_text(_good_lesson(target.stem) + padding, encoding="utf-8")
    assert target.stat().st_size > 1_100_000


def _with_line_11(target: Path, line: str) -> None:
    lines = _good_lesson(target.stem).split("\n")
    assert lines[10] == ""  # line 11 is the blank line before [[links]]
    lines[10] = line
    target.write_text("\n".join(lines), encoding="utf-8")


def toml_nesting(target: Path) -> None:
    _with_line_11(target, "x = " + "[" * 5000 + "]" * 5000)


def dotted_key(target: Path) -> None:
    # tomllib's time grows with the square of a dotted key's length: this one took ~90 s.
    _with_line_11(target, "x." * 100_000 + "y = 1")


def symlink_to_passwd(target: Path) -> None:
    outside = Path("/etc/passwd")
    if not outside.is_file():
        outside = Path(__file__)  # any file outside the lessons folder will do
    target.symlink_to(outside)


LESSON_GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (binary_garbage, shift_jis, huge, toml_nesting, dotted_key, symlink_to_passwd)
}


# -- restore files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreCase:
    name: str
    refused_by: str  # "open" or "open-or-check"
    ja: str = ""
    en: str = ""
    file: str | None = None
    generator: str | None = None

    def write(self, target: Path, template_db: Path, valid_bundle: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.generator:
            RESTORE_GENERATORS[self.generator](target, template_db, valid_bundle)
        else:
            assert self.file
            shutil.copyfile(CORPUS / "restore" / self.file, target)
        return target


def restore_cases() -> list[RestoreCase]:
    raw = tomllib.loads((CORPUS / "restore" / "cases.toml").read_text(encoding="utf-8"))
    return [RestoreCase(**c) for c in raw["case"]]


def header_then_garbage(target: Path, template: Path, bundle: Path) -> None:
    target.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(8192))


def truncated_first_page(target: Path, template: Path, bundle: Path) -> None:
    target.write_bytes(template.read_bytes()[:4096])


def truncated_half(target: Path, template: Path, bundle: Path) -> None:
    data = template.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def other_program(target: Path, template: Path, bundle: Path) -> None:
    """A browser history file: SQLite, WAL mode, tables dxhelper has never heard of."""
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    conn.execute("INSERT INTO moz_places (url, title) VALUES ('https://www.digital.go.jp/', 'x')")
    conn.commit()
    conn.close()


def no_migration_record(target: Path, template: Path, bundle: Path) -> None:
    shutil.copyfile(template, target)
    conn = sqlite3.connect(target)
    conn.execute("DROP TABLE _sqlite_migrations")
    conn.commit()
    conn.close()


def newer_schema(target: Path, template: Path, bundle: Path) -> None:
    shutil.copyfile(template, target)
    conn = sqlite3.connect(target)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('dxhelper', 'm0999_from_a_newer_dxhelper', '2030-01-01 00:00:00+00:00')"
    )
    conn.commit()
    conn.close()


def bundle_file(target: Path, template: Path, bundle: Path) -> None:
    shutil.copyfile(bundle, target)


def folder(target: Path, template: Path, bundle: Path) -> None:
    target.mkdir()
    (target / "readme.txt").write_text("a folder, not a database\n", encoding="utf-8")


def damaged_page(target: Path, template: Path, bundle: Path) -> None:
    """Noise over the page that holds the installation row: the file still says SQLite."""
    data = bytearray(template.read_bytes())
    conn = sqlite3.connect(template)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'installation'"
        ).fetchone()
    finally:
        conn.close()
    start = (root - 1) * page_size
    noise = random.Random(5).randbytes(page_size - 16)
    data[start + 8 : start + 8 + len(noise)] = noise
    target.write_bytes(bytes(data))


RESTORE_GENERATORS: dict[str, Callable[[Path, Path, Path], None]] = {
    f.__name__: f
    for f in (
        header_then_garbage,
        truncated_first_page,
        truncated_half,
        other_program,
        no_migration_record,
        newer_schema,
        bundle_file,
        folder,
        damaged_page,
    )
}


# -- payloads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    name: str
    text: str


def formula_payloads() -> list[Payload]:
    raw = tomllib.loads((CORPUS / "payloads" / "formula.toml").read_text(encoding="utf-8"))
    return [Payload(**p) for p in raw["payload"]]


@dataclass(frozen=True)
class SecretForm:
    kind: str  # "my_number" or "pin"
    name: str
    template: str

    def render(self, seed: int) -> tuple[str, str]:
        """(the text to type, the bare secret a message must never repeat)."""
        if self.kind == "pin":
            digits = "".join(ch for ch in self.template if ch.isdigit())
            return self.template, digits or self.template
        number = my_number(seed)
        return self.template.format(**my_number_forms(number)), number


def secret_forms() -> list[SecretForm]:
    raw = tomllib.loads((CORPUS / "payloads" / "secrets.toml").read_text(encoding="utf-8"))
    return [
        SecretForm(kind, entry["name"], entry["text"])
        for kind in ("my_number", "pin")
        for entry in raw[kind]
    ]


def my_number(seed: int) -> str:
    """A valid 12-digit 個人番号 (its 12th digit is the check digit of the first 11)."""
    first11 = f"{random.Random(seed).randrange(10**10, 10**11):011d}"
    return first11 + str(my_number_check_digit(first11))


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def my_number_forms(number: str) -> dict[str, str]:
    a, b, c = number[:4], number[4:8], number[8:]
    wide = number.translate(_FULL_WIDTH)
    wa, wb, wc = wide[:4], wide[4:8], wide[8:]
    return {
        "plain": number,
        "fullwidth": wide,
        "spaced": f"{a} {b} {c}",
        "hyphenated": f"{a}-{b}-{c}",
        "fullwidth_hyphenated": f"{wa}－{wb}－{wc}",
        "ideographic_spaced": f"{a}\u3000{b}\u3000{c}",
        "long_vowel_hyphenated": f"{a}ー{b}ー{c}",
    }


# -- bundles carrying a secret -------------------------------------------------------------------


@dataclass(frozen=True)
class BundleField:
    """A free-text column of a bundle: where it is and the field name its message uses."""

    member: str
    line: int | None  # None: the manifest
    column: str
    field: str  # the Store's field name (dxhelper.core.fields label key)
    extra: dict[str, Any] = field(default_factory=dict)  # other values the row needs

    @property
    def label(self) -> str:
        return f"{self.member.split('.')[0]}.{self.column}"


BUNDLE_FIELDS = (
    BundleField("volunteers.jsonl", 1, "display_name", "volunteer_name"),
    BundleField("venues.jsonl", 1, "name", "venue_name"),
    BundleField("venues.jsonl", 1, "municipality", "municipality"),
    BundleField("residents.jsonl", 2, "display_name", "display_name"),
    BundleField("residents.jsonl", 2, "kana", "kana"),
    BundleField("residents.jsonl", 1, "nickname", "nickname"),
    BundleField("residents.jsonl", 1, "note", "note"),
    BundleField("residents.jsonl", 2, "consent_version", "consent_version"),
    BundleField("sessions.jsonl", 1, "note", "note"),
    BundleField("handover.jsonl", 1, "reason", "reason", {"done": 0}),
    BundleField("manifest.json", None, "installation.name", "installation_name"),
)


def bundle_with(valid: Path, target: Path, where: BundleField, text: str) -> Path:
    """The valid bundle with `text` in one field; checksums and counts kept consistent."""
    members = bundle_corpus._members(valid)
    if where.line is None:
        manifest = json.loads(members["manifest.json"])
        manifest["installation"]["name"] = text
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    else:
        members = bundle_corpus._edit_line(
            members,
            where.member,
            where.line,
            lambda row: {**row, **where.extra, where.column: text},
        )
    bundle_corpus._write(target, members)
    return target
