"""The hostile corpus: bundles that must never get in, each built from a valid one.

Each case changes one thing and keeps the rest consistent (the manifest's checksums and row
counts are recomputed unless the checksum itself is the point), so the defect named is the
one the importer must find. Run this file to write the corpus into a folder and look at it:

    .venv/bin/python tests/exchange/corpus.py VALID.dxhelper OUT_DIR

VALID.dxhelper must hold at least two residents and one row in every other table but the
tombstones (bundletools.make_device builds such a device; demo databases have no handover).
"""

from __future__ import annotations

import hashlib
import json
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MY_NUMBER = "271828182840"  # 12 digits with a valid check digit
MISSING_VENUE = "0badc0de-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Case:
    name: str
    member: str | None  # the member the message must name (None: the file as a whole)
    line: int | None  # the line it must name (None: not about one line)
    build: Callable[[Path, Path], None]  # (valid bundle, where to write the hostile one)


def _members(valid: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(valid) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write(
    target: Path,
    members: list[tuple[str, bytes]] | dict[str, bytes],
    *,
    fix_manifest: bool = True,
    compression: int = zipfile.ZIP_DEFLATED,
) -> None:
    items = list(members.items()) if isinstance(members, dict) else list(members)
    if fix_manifest:
        data = dict(items)
        manifest = json.loads(data["manifest.json"])
        for name, content in data.items():
            if name in manifest["sha256"]:
                manifest["sha256"][name] = hashlib.sha256(content).hexdigest()
                lines = content.split(b"\n")
                manifest["counts"][name.removesuffix(".jsonl")] = len(lines) - (lines[-1] == b"")
        fixed = json.dumps(manifest, ensure_ascii=False).encode()
        items = [(n, fixed if n == "manifest.json" else c) for n, c in items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: that is the point
        with zipfile.ZipFile(target, "w", compression=compression) as zf:
            for name, content in items:
                zf.writestr(zipfile.ZipInfo(name, (2026, 5, 1, 0, 0, 0)), content, compression)


def _edit_line(members: dict[str, bytes], member: str, line: int, edit) -> dict[str, bytes]:
    lines = members[member].split(b"\n")
    if len(lines) <= line:
        raise SystemExit(f"the valid bundle needs at least {line} rows in {member}")
    row = json.loads(lines[line - 1])
    result = edit(row)
    lines[line - 1] = (
        result if isinstance(result, bytes) else json.dumps(result, ensure_ascii=False).encode()
    )
    return {**members, member: b"\n".join(lines)}


def zip_slip(valid: Path, target: Path) -> None:
    _write(target, [*_members(valid).items(), ("../../.bashrc", b"echo pwned\n")])


def absolute_path(valid: Path, target: Path) -> None:
    _write(target, [*_members(valid).items(), ("/etc/cron.d/dxhelper", b"* * * * * root x\n")])


def windows_path(valid: Path, target: Path) -> None:
    _write(target, [*_members(valid).items(), ("C:\\Windows\\evil.jsonl", b"{}\n")])


def zip_bomb(valid: Path, target: Path) -> None:
    # 64 MB of spaces deflate to about 64 KB: 1000×, ten times the ceiling. The manifest's
    # checksum is left as it was: the reader must stop long before it could compare one.
    members = _members(valid)
    members["sessions.jsonl"] = b" " * (64 * 2**20)
    _write(target, members, fix_manifest=False)


def truncated(valid: Path, target: Path) -> None:
    data = valid.read_bytes()
    target.write_bytes(data[: len(data) * 2 // 3])


def bad_checksum(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid), "residents.jsonl", 1, lambda r: {**r, "nickname": "改ざん"}
    )
    _write(target, members, fix_manifest=False)


def missing_manifest(valid: Path, target: Path) -> None:
    members = _members(valid)
    del members["manifest.json"]
    _write(target, members, fix_manifest=False)


def future_format(valid: Path, target: Path) -> None:
    members = _members(valid)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 99
    manifest["visits"] = "a table this version has never heard of"
    members["manifest.json"] = json.dumps(manifest).encode()
    _write(target, members)


def malformed_json(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid), "sessions.jsonl", 1, lambda r: json.dumps(r).encode()[:-9]
    )
    _write(target, members)


def unknown_column(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid), "residents.jsonl", 2, lambda r: {**r, "address": "みどり市1-2-3"}
    )
    _write(target, members)


def my_number_in_note(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid),
        "residents.jsonl",
        2,
        lambda r: {**r, "note": f"カードの番号 {MY_NUMBER} を控えた"},
    )
    _write(target, members)


def missing_venue(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid), "sessions.jsonl", 1, lambda r: {**r, "venue_id": MISSING_VENUE}
    )
    _write(target, members)


def nested_archive(valid: Path, target: Path) -> None:
    _write(target, [*_members(valid).items(), ("more.zip", valid.read_bytes())])


def archive_disguised_as_member(valid: Path, target: Path) -> None:
    members = _members(valid)
    members["venues.jsonl"] = valid.read_bytes()
    _write(target, members, compression=zipfile.ZIP_STORED)


def duplicate_member(valid: Path, target: Path) -> None:
    members = _members(valid)
    evil = _edit_line(members, "venues.jsonl", 1, lambda r: {**r, "name": "偽の会場"})
    _write(target, [*members.items(), ("venues.jsonl", evil["venues.jsonl"])], fix_manifest=False)


def wrong_type(valid: Path, target: Path) -> None:
    members = _edit_line(_members(valid), "sessions.jsonl", 1, lambda r: {**r, "unnamed_70s": "3"})
    _write(target, members)


def bad_enum(valid: Path, target: Path) -> None:
    members = _edit_line(_members(valid), "progress.jsonl", 1, lambda r: {**r, "state": "admin"})
    _write(target, members)


def pin_in_handover_reason(valid: Path, target: Path) -> None:
    members = _edit_line(
        _members(valid), "handover.jsonl", 1, lambda r: {**r, "done": 0, "reason": "暗証番号は1234"}
    )
    _write(target, members)


def row_count_lies(valid: Path, target: Path) -> None:
    members = _members(valid)
    manifest = json.loads(members["manifest.json"])
    manifest["counts"]["venues"] += 1
    members["manifest.json"] = json.dumps(manifest).encode()
    _write(target, members, fix_manifest=False)


def not_a_zip(valid: Path, target: Path) -> None:
    target.write_text("id,name\n1,山田\n", encoding="utf-8")


# The eleven first, then the others the importer also refuses.
CASES = [
    Case("zip-slip member", "../../.bashrc", None, zip_slip),
    Case("absolute path", "/etc/cron.d/dxhelper", None, absolute_path),
    Case("zip bomb", "sessions.jsonl", None, zip_bomb),
    Case("truncated zip", None, None, truncated),
    Case("bad checksum", "residents.jsonl", None, bad_checksum),
    Case("missing manifest", None, None, missing_manifest),
    Case("future format version", "manifest.json", None, future_format),
    Case("malformed JSON line", "sessions.jsonl", 1, malformed_json),
    Case("unknown column", "residents.jsonl", 2, unknown_column),
    Case("個人番号 in a note", "residents.jsonl", 2, my_number_in_note),
    Case("session pointing at a missing venue", "sessions.jsonl", 1, missing_venue),
    Case("Windows path", "C:\\Windows\\evil.jsonl", None, windows_path),
    Case("nested archive", "more.zip", None, nested_archive),
    Case("archive disguised as a member", "venues.jsonl", None, archive_disguised_as_member),
    Case("duplicate member", "venues.jsonl", None, duplicate_member),
    Case("text where a number belongs", "sessions.jsonl", 1, wrong_type),
    Case("value outside the enum", "progress.jsonl", 1, bad_enum),
    Case("PIN in a handover reason", "handover.jsonl", 1, pin_in_handover_reason),
    Case("row count differs from the manifest", "venues.jsonl", None, row_count_lies),
    Case("not a zip at all", None, None, not_a_zip),
]


def build_corpus(valid: Path, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for number, case in enumerate(CASES, start=1):
        target = out_dir / f"{number:02d}-{case.build.__name__.replace('_', '-')}.dxhelper"
        case.build(valid, target)
        paths[case.name] = target
    return paths


if __name__ == "__main__":
    for name, path in build_corpus(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{path}  ({name})")
