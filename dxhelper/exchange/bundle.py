"""The bundle file: a zip of manifest.json and one JSON-lines member per table.

Writing is straightforward. Reading treats the file as hostile until proven otherwise: member
names, sizes and compression ratios are checked on the bytes actually read (never the zip
header's claims), every member's SHA-256 must match the manifest, every line is size-capped
before `json.loads`, and every row is checked against the schema.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.validate import (
    RowProblem,
    check_row,
    natural_key,
    safe_to_show,
    stamp_value,
    text_value,
    uuid_value,
)
from dxhelper.store import BUNDLE_COLUMNS

FORMAT = "dxhelper-bundle"
# 2: removals travel; residents carry a district. 3: a session's volunteers and their roles,
# and a consultation's topic.
# 4: plans, series, sign-ups, outcomes (and phone numbers when the coordinator allows).
FORMAT_VERSION = 4
# What a bundle of an earlier format holds: format 1 had no removals, 1 and 2 no session
# volunteers (the merge gives each of their sessions its volunteer as 講師), 1 to 3 no plans.
_PLANNING = ("series", "plans", "signups", "outcomes", "resident_phones")
TABLES_OF_FORMAT = {
    1: tuple(t for t in BUNDLE_COLUMNS if t not in ("removals", "session_volunteers", *_PLANNING)),
    2: tuple(t for t in BUNDLE_COLUMNS if t not in ("session_volunteers", *_PLANNING)),
    3: tuple(t for t in BUNDLE_COLUMNS if t not in _PLANNING),
}
MANIFEST = "manifest.json"
SUFFIX = ".dxhelper"
TABLES = tuple(BUNDLE_COLUMNS)
MEMBERS = {f"{table}.jsonl": table for table in TABLES}

# Limits. A volunteer's year is a few thousand rows (well under 10 MB); 256 MB holds about
# 800,000 rows, a large town's records. The total also bounds the memory an import can take
# (the rows are checked in memory before any is written). Beyond these a file is refused.
MAX_FILE_BYTES = 128 * 2**20  # the zip on disk
MAX_MEMBER_BYTES = 192 * 2**20  # one member, decompressed
MAX_TOTAL_BYTES = 256 * 2**20  # all members, decompressed
MAX_MANIFEST_BYTES = 2**20
MAX_LINE_BYTES = 64 * 2**10  # one row; the longest real row (a 2,000-character note) is ~7 KB
MAX_RATIO = 100  # decompressed / compressed, per member
RATIO_FLOOR = 2**20  # members smaller than this may compress any amount: no bomb is that small
MAX_ENTRIES = 64
_CHUNK = 2**16

_ARCHIVE_SUFFIXES = (".zip", ".dxhelper", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar")
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf")
_DRIVE = re.compile(r"^[A-Za-z]:")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    format_version: int
    installation_id: str
    installation_name: str
    app_version: str
    created_at: str
    since: str | None
    counts: dict[str, int]
    sha256: dict[str, str]
    demo: bool = False  # made from practice (demo) records: never merged into real ones


@dataclass(frozen=True)
class ParsedBundle:
    """A bundle that passed every check that needs no database. Rows are tuples in
    BUNDLE_COLUMNS order; `lines` gives each row's line in its member, for messages."""

    path: Path
    manifest: Manifest
    rows: dict[str, list[tuple[Any, ...]]]
    lines: dict[str, list[int]]


# -- writing -------------------------------------------------------------------------------------


def _zip_time(stamp: str) -> tuple[int, int, int, int, int, int]:
    return (
        max(1980, int(stamp[0:4])),
        int(stamp[5:7]),
        int(stamp[8:10]),
        int(stamp[11:13]),
        int(stamp[14:16]),
        int(stamp[17:19]),
    )


def write_bundle(
    path: Path | IO[bytes],
    *,
    installation_id: str,
    installation_name: str,
    app_version: str,
    created_at: str,
    since: str | None,
    tables: Mapping[str, Iterable[Sequence[Any]]],
    demo: bool = False,
) -> dict[str, int]:
    """Write the bundle atomically (a temporary file renamed into place); return row counts.

    `tables` maps each table to rows in BUNDLE_COLUMNS order; a missing table is empty.
    `path` may be a binary file object (a BytesIO): a bundle to be sealed (envelope.py) is
    built in memory, so the readable zip never touches the disk.
    """
    in_memory = isinstance(path, io.IOBase)
    if not in_memory:
        path = Path(path)  # type: ignore[arg-type]
    temp = path if in_memory else path.with_name(path.name + ".partial")  # type: ignore[union-attr]
    counts: dict[str, int] = {}
    digests: dict[str, str] = {}
    when = _zip_time(created_at)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for member, table in MEMBERS.items():
                columns = BUNDLE_COLUMNS[table]
                digest = hashlib.sha256()
                count = 0
                info = zipfile.ZipInfo(member, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                with zf.open(info, "w") as out:
                    batch: list[str] = []
                    for row in tables.get(table, ()):
                        batch.append(
                            json.dumps(
                                dict(zip(columns, row, strict=True)),
                                ensure_ascii=False,
                                separators=(",", ":"),
                            )
                        )
                        count += 1
                        if len(batch) == 1000:
                            _write_lines(out, digest, batch)
                    _write_lines(out, digest, batch)
                counts[table] = count
                digests[member] = digest.hexdigest()
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "installation": {"id": installation_id, "name": installation_name},
                "app_version": app_version,
                "created_at": created_at,
                "since": since,
                "counts": counts,
                "sha256": digests,
            }
            if demo:
                # Only practice bundles carry the key: a real bundle stays readable by older
                # versions (they refuse unknown keys, so they refuse a practice bundle too).
                manifest["demo"] = True
            info = zipfile.ZipInfo(MANIFEST, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        if not in_memory:
            with temp.open("rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(temp, path)
    except OSError as exc:
        if not in_memory:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise BundleError(
            f"書き出せませんでした（{exc.strerror or exc}）。",
            f"Could not write the bundle ({exc.strerror or exc}).",
            file=path if not in_memory else None,
        ) from exc
    return counts


def _write_lines(out: Any, digest: Any, batch: list[str]) -> None:
    if batch:
        data = ("\n".join(batch) + "\n").encode("utf-8")
        digest.update(data)
        out.write(data)
        batch.clear()


# -- reading -------------------------------------------------------------------------------------


def _name_problem(name: str) -> tuple[str, str] | None:
    """Why a member name is unsafe or unexpected, or None. Checked before anything is read."""
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name):
        return "絶対パスの名前は使えません。", "absolute paths are not allowed."
    if "\\" in name:
        return "「\\」を含む名前は使えません。", "backslashes are not allowed in names."
    if ".." in parts:
        return "「..」を含む名前は使えません。", "'..' is not allowed in names."
    if name.endswith("/"):
        return "フォルダーは入れられません。", "folders are not allowed."
    if any(ord(ch) < 32 for ch in name) or "" in parts or "." in parts or len(name) > 255:
        return "名前が正しくありません。", "the name is not valid."
    if name.lower().endswith(_ARCHIVE_SUFFIXES):
        return "アーカイブの中のアーカイブは読めません。", "nested archives are not allowed."
    return None


class _Reader:
    """Reads members with caps on the bytes actually decompressed."""

    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path = path
        self.zf = zf
        self.budget = MAX_TOTAL_BYTES

    def error(self, member: str | None, ja: str, en: str, line: int | None = None) -> BundleError:
        return BundleError(ja, en, file=self.path, member=member, line=line)

    def read(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        name = info.filename
        if info.flag_bits & 0x1:
            raise self.error(name, "暗号化されています。", "it is encrypted.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise self.error(name, "対応していない圧縮形式です。", "unsupported compression.")
        limit = min(cap, self.budget, max(MAX_RATIO * info.compress_size, RATIO_FLOOR))
        chunks: list[bytes] = []
        total = 0
        try:
            with self.zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise self._too_big(name, limit, cap)
                    chunks.append(chunk)
        except BundleError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise self.error(
                name,
                f"壊れています（{type(exc).__name__}）。",
                f"it is damaged ({type(exc).__name__}: {exc}).",
            ) from None
        self.budget -= total
        data = b"".join(chunks)
        if data.startswith(_ARCHIVE_MAGIC):
            raise self.error(
                name, "アーカイブの中のアーカイブは読めません。", "nested archives are not allowed."
            )
        return data

    def _too_big(self, name: str, limit: int, cap: int) -> BundleError:
        if limit == self.budget and limit < cap:
            return self.error(
                name,
                f"展開後の合計が上限（{MAX_TOTAL_BYTES // 2**20} MB）を超えます。",
                f"the members together expand beyond {MAX_TOTAL_BYTES // 2**20} MB.",
            )
        if limit < cap:
            return self.error(
                name,
                f"圧縮率が異常です（{MAX_RATIO}倍を超えます）。zip爆弾の可能性があるため読みません。",
                f"it expands more than {MAX_RATIO}× its compressed size (a zip bomb?); not read.",
            )
        return self.error(
            name,
            f"大きすぎます（上限 {cap // 2**10:,} KB）。",
            f"it is too large (at most {cap // 2**10:,} KB).",
        )


def _open_zip(path: Path, data: bytes | None = None) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size if data is None else len(data)
    except OSError as exc:
        raise BundleError(
            f"ファイルを読めません（{exc.strerror}）。",
            f"Cannot read the file ({exc.strerror}).",
            file=path,
        ) from None
    if size > MAX_FILE_BYTES:
        raise BundleError(
            f"ファイルが大きすぎます（上限 {MAX_FILE_BYTES // 2**20} MB）。",
            f"The file is too large (at most {MAX_FILE_BYTES // 2**20} MB).",
            file=path,
        )
    try:
        return zipfile.ZipFile(path if data is None else io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise BundleError(
            "dxhelper の書き出しファイルではないか、途中で切れているか壊れています。",
            f"This is not a dxhelper bundle, or it is truncated or damaged ({exc}).",
            file=path,
        ) from None


def parse_bundle(path: str | Path, *, data: bytes | None = None) -> ParsedBundle:
    """Read and check a bundle completely without touching any database.

    With `data`, the zip is those bytes (a sealed bundle opened in memory, envelope.py) and
    `path` only names the file in messages."""
    path = Path(path)
    with _open_zip(path, data) as zf:
        reader = _Reader(path, zf)
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise reader.error(
                None,
                f"中身のファイルが多すぎます（{len(infos)}個）。",
                f"it holds too many members ({len(infos)}).",
            )
        seen: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            shown = safe_to_show(name)
            problem = _name_problem(name)
            if problem:
                raise reader.error(shown, *problem)
            if name in seen:
                raise reader.error(shown, "同じ名前が二つあります。", "the name appears twice.")
            seen[name] = info
        if MANIFEST not in seen:
            raise reader.error(
                None,
                f"{MANIFEST} がありません。dxhelper の書き出しファイルではありません。",
                f"{MANIFEST} is missing: this is not a dxhelper bundle.",
            )
        manifest = _parse_manifest(reader, reader.read(seen[MANIFEST], MAX_MANIFEST_BYTES))
        members = _members(manifest.format_version)
        expected = {MANIFEST, *members}
        for name in seen:
            if name not in expected:
                raise reader.error(
                    safe_to_show(name), "予期しないファイルです。", "unexpected member in a bundle."
                )
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
        lines: dict[str, list[int]] = {table: [] for table in TABLES}
        for member, table in members.items():
            if member not in seen:
                raise reader.error(member, "表のファイルがありません。", "the member is missing.")
            data = reader.read(seen[member], MAX_MEMBER_BYTES)
            if hashlib.sha256(data).hexdigest() != manifest.sha256[member]:
                raise reader.error(
                    member,
                    "チェックサム（SHA-256）が manifest と一致しません。ファイルが壊れているか、"
                    "書き換えられています。",
                    "its SHA-256 does not match the manifest: the file is damaged or was altered.",
                )
            rows[table], lines[table] = _parse_rows(
                reader, member, table, data, manifest.format_version
            )
            if len(rows[table]) != manifest.counts[table]:
                raise reader.error(
                    member,
                    f"行数が manifest（{manifest.counts[table]}行）と違います"
                    f"（{len(rows[table])}行）。",
                    f"it has {len(rows[table])} row{'s' * (len(rows[table]) != 1)} but the "
                    f"manifest says {manifest.counts[table]}.",
                )
    return ParsedBundle(path, manifest, rows, lines)


def _members(version: int) -> dict[str, str]:
    """Member name → table, for a bundle of that format."""
    return {f"{table}.jsonl": table for table in TABLES_OF_FORMAT.get(version, TABLES)}


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


# One decoder for every line (json.loads would build a new one per call with these options).
_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def _loads(reader: _Reader, member: str, data: bytes, line: int | None = None) -> Any:
    try:
        return _DECODER.decode(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise reader.error(
            member, "UTF-8 の文字として読めません。", "it is not UTF-8 text.", line
        ) from None
    except ValueError as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        column = f", column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise reader.error(
            member,
            f"JSON として正しくありません（{detail}）。",
            f"not valid JSON ({detail}{column}).",
            line,
        ) from None


def _parse_manifest(reader: _Reader, data: bytes) -> Manifest:
    raw = _loads(reader, MANIFEST, data)

    def bad(what_ja: str, what_en: str) -> BundleError:
        return reader.error(MANIFEST, what_ja, what_en)

    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise bad("dxhelper の manifest ではありません。", "not a dxhelper bundle manifest.")
    version = raw.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise bad("形式の版（format_version）が正しくありません。", "format_version is not valid.")
    if version > FORMAT_VERSION:
        raise bad(
            f"新しい版の dxhelper で作られたファイルです（形式 {version}、この版が読めるのは "
            f"{FORMAT_VERSION} まで）。dxhelper を更新してから取り込んでください。",
            f"made by a newer dxhelper (format {version}; this version reads up to "
            f"{FORMAT_VERSION}). Please update dxhelper, then import it again.",
        )
    keys = {
        "format",
        "format_version",
        "installation",
        "app_version",
        "created_at",
        "since",
        "counts",
        "sha256",
    }
    if set(raw) - {"demo"} != keys:
        odd = sorted((set(raw) - {"demo"}) ^ keys)[0][:40]
        raise bad(f"項目「{odd}」が正しくありません。", f"unexpected or missing key '{odd}'.")
    installation = raw["installation"]
    if not isinstance(installation, dict) or set(installation) != {"id", "name"}:
        raise bad("installation が正しくありません。", "installation is not valid.")
    try:
        installation_id = uuid_value("installation.id", installation["id"])
        name = text_value("installation_name")("installation.name", installation["name"])
        created_at = stamp_value("created_at", raw["created_at"])
        since = None if raw["since"] is None else stamp_value("since", raw["since"])
    except RowProblem as exc:
        raise bad(exc.ja, exc.en) from None
    app_version = raw["app_version"]
    if not isinstance(app_version, str) or not 0 < len(app_version) <= 40:
        raise bad("app_version が正しくありません。", "app_version is not valid.")
    demo = raw.get("demo", False)  # older bundles have no key: real records
    if not isinstance(demo, bool):
        raise bad("demo が正しくありません。", "demo is not valid.")
    counts, digests = raw["counts"], raw["sha256"]
    if (
        not isinstance(counts, dict)
        or set(counts) != set(_members(version).values())
        or not all(type(n) is int and n >= 0 for n in counts.values())
    ):
        raise bad("counts（行数）が正しくありません。", "counts is not valid.")
    if (
        not isinstance(digests, dict)
        or set(digests) != set(_members(version))
        or not all(isinstance(d, str) and _HEX64.match(d) for d in digests.values())
    ):
        raise bad("sha256（チェックサム）の一覧が正しくありません。", "sha256 is not valid.")
    return Manifest(
        format_version=version,
        installation_id=installation_id,
        installation_name=name,
        app_version=app_version,
        created_at=created_at,
        since=since,
        counts=counts,
        sha256=digests,
        demo=demo,
    )


def _parse_rows(
    reader: _Reader, member: str, table: str, data: bytes, version: int
) -> tuple[list[tuple[Any, ...]], list[int]]:
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    ids: set[str] = set()
    keys: set[tuple[Any, ...]] = set()
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()  # the newline that ends the last line
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise reader.error(
                member,
                f"行が長すぎます（上限 {MAX_LINE_BYTES // 2**10} KB）。",
                f"the line is too long (at most {MAX_LINE_BYTES // 2**10} KB).",
                number,
            )
        value = _loads(reader, member, raw, number)
        if not isinstance(value, dict):
            raise reader.error(
                member,
                "行がJSONオブジェクトではありません。",
                "the line is not a JSON object.",
                number,
            )
        try:
            row = check_row(table, value, version)
        except RowProblem as exc:
            raise reader.error(member, exc.ja, exc.en, number) from None
        if row[0] in ids:
            raise reader.error(
                member, "同じIDの行が二つあります。", "the same id appears twice.", number
            )
        ids.add(row[0])
        key = natural_key(table, row)
        if key is not None:
            if key in keys:
                raise reader.error(
                    member,
                    "同じ内容の行が別のIDで二つあります。",
                    "the same record appears twice under different ids.",
                    number,
                )
            keys.add(key)
        rows.append(row)
        numbers.append(number)
    return rows, numbers
