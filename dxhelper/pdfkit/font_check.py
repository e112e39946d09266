"""Judge a font file before reportlab touches it in this process (issue 16 §8).

reportlab trusts the counts and offsets inside a font: a truncated file raises a bare
`struct.error`, and a few flipped bytes (a cmap group that claims four billion characters) make
it allocate many gigabytes. So a font is judged in three steps, each only when the one before
passed:

1. In this process, cheaply and with bounded work: the file's table directory (every table
   inside the file, the tables reportlab needs present) and the cmap's group ranges. A truncated
   or garbled file and the known memory bomb are refused here without starting anything.
2. In a child process (spawned, so no thread or Qt state is copied) with a time limit and, on
   POSIX, an address-space limit: fontTools reads every table reportlab needs, the cmap must
   cover a few Japanese characters (for a Japanese document), `loca` must be in order, then
   reportlab loads the font for real and subsets every glyph the cmap maps, the same work a PDF
   does. Whatever goes wrong (an exception, MemoryError, a crash, the time running out) is a
   "damaged" verdict with its reason.
3. The verdict is cached by the file's SHA-256 (with size and modification time as a fast
   pre-key, so a known font costs a `stat`) in `fonts.json` in the user's cache folder (a fact
   about a file's bytes, not user data), so each font is judged once per machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import struct
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_NAME = "fonts.json"
CACHE_VERSION = 1
CACHE_LIMIT = 1_000_000  # bytes: the cache file is a local file too, and may be damaged
CACHE_ENTRIES = 256
TIME_LIMIT = 45.0  # seconds for the child; a good font takes about one
MEMORY_LIMIT = 1536 << 20  # address space of the child (POSIX), bytes
JA_SAMPLES = "あア日本語の漢字、。ー"
EN_SAMPLES = "Aa0"
NOT_CHECKED = "the font could not be checked"  # our trouble, not the font's: never cached
CFF_REASON = "CFF (PostScript) outlines cannot be embedded by reportlab"
REQUIRED = ("head", "hhea", "hmtx", "cmap", "maxp", "name", "OS/2", "post")
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"true")
_MAX_CODEPOINTS = 0x110000


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    reason: str = ""
    subfont: int = 0  # the sub-font to use (a .ttc: the one whose family matched)
    name: str = ""  # its family name
    damaged: bool = False  # refused for a broken file (not for being CFF, say)
    japanese: bool = False  # the cmap covers JA_SAMPLES


class _Bad(Exception):
    def __init__(self, reason: str, damaged: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


# -- step 1: the table directory, in this process ------------------------------------------------


def _table_directory(data: bytes, start: int, size: int) -> dict[bytes, tuple[int, int]]:
    if start + 12 > size:
        raise _Bad("the font file is cut short (no table directory)")
    version = data[start : start + 4]
    if version == b"OTTO":
        raise _Bad(CFF_REASON, damaged=False)
    if version not in _SFNT_VERSIONS:
        raise _Bad("not a TrueType font (unknown signature)")
    (count,) = struct.unpack_from(">H", data, start + 4)
    if count == 0 or start + 12 + 16 * count > size:
        raise _Bad("the font file is cut short (table directory)")
    tables: dict[bytes, tuple[int, int]] = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * i)
        if offset + length > size:
            name = tag.decode("latin-1").strip()
            raise _Bad(f"the font file is cut short (table '{name}' goes past the end)")
        tables[tag] = (offset, length)
    return tables


def _check_cmap(data: bytes, offset: int, length: int) -> None:
    """Refuse a cmap whose groups claim more characters than Unicode has: reportlab and
    fontTools both build a dictionary entry for each one."""
    end = offset + length
    if length < 4:
        raise _Bad("the cmap table is damaged")
    (count,) = struct.unpack_from(">H", data, offset + 2)
    if offset + 4 + 8 * count > end:
        raise _Bad("the cmap table is damaged")
    for i in range(count):
        _pid, _eid, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        at = offset + sub
        if at + 2 > end:
            raise _Bad("the cmap table is damaged")
        (fmt,) = struct.unpack_from(">H", data, at)
        if fmt not in (12, 13):
            continue
        if at + 16 > end:
            raise _Bad("the cmap table is damaged")
        (groups,) = struct.unpack_from(">I", data, at + 12)
        if at + 16 + 12 * groups > end:
            raise _Bad("the cmap table is damaged (more groups than bytes)")
        total = 0
        for g in range(groups):
            first, last, _glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            if first > last or last >= _MAX_CODEPOINTS:
                raise _Bad("the cmap table is damaged (a character range out of Unicode)")
            total += last - first + 1
            if total > _MAX_CODEPOINTS:
                raise _Bad("the cmap table is damaged (more characters than Unicode has)")


def precheck(path: Path) -> None:
    """Raise _Bad when the file is plainly unusable; bounded by the file's size."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _Bad(f"the font file cannot be read ({exc.strerror or exc})") from None
    size = len(data)
    starts = [0]
    if data[:4] == b"ttcf":
        if size < 12:
            raise _Bad("the font file is cut short (collection header)")
        (count,) = struct.unpack_from(">I", data, 8)
        if count == 0 or 12 + 4 * count > size:
            raise _Bad("the font file is cut short (collection header)")
        starts = list(struct.unpack_from(f">{count}I", data, 12))
    for start in starts:
        tables = _table_directory(data, start, size)
        if b"glyf" not in tables and b"CFF " in tables:
            raise _Bad(CFF_REASON, damaged=False)
        missing = [t for t in (*REQUIRED, "glyf", "loca") if t.encode("latin-1") not in tables]
        if missing:
            raise _Bad(f"the font lacks tables reportlab needs: {', '.join(missing)}")
        _check_cmap(data, *tables[b"cmap"])


# -- step 2: the real load, in a bounded child ---------------------------------------------------


def _limit_memory(limit: int) -> None:
    if sys.platform == "win32":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):  # some systems refuse; the timeout remains
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _family_of(face: Any) -> str:
    raw = face.familyName
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)


def _deep_check(path: str, family: str) -> Verdict:
    """fontTools' reading of the tables, then reportlab's own load and a subset of every
    glyph. Runs in the child."""
    from fontTools.ttLib import TTFont as FtFont
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

    font = TTFont("DxCheck", path, subfontIndex=0)
    index, name = 0, _family_of(font.face)
    if family:
        wanted = family.replace(" ", "").lower()
        for i in range(1, getattr(font.face, "numSubfonts", 1)):
            face = TTFontFile(path, validate=0, subfontIndex=i)
            if _family_of(face).replace(" ", "").lower() == wanted:
                index, name = i, _family_of(face)
                font = TTFont("DxCheck", path, subfontIndex=i)
                break
    ft = FtFont(path, fontNumber=index, lazy=True)
    if "glyf" not in ft and "CFF " in ft:
        return Verdict(False, CFF_REASON)
    for tag in (*REQUIRED, "glyf", "loca"):
        if tag not in ft:
            raise _Bad(f"the font lacks the '{tag}' table")
        if tag != "hmtx":  # decompiling hmtx costs a third of a second: its size is checked
            ft[tag]  # decompiles the table: a damaged one raises
    metrics = ft["hhea"].numberOfHMetrics
    glyphs = ft["maxp"].numGlyphs
    if not 0 < metrics <= glyphs or ft.reader.tables["hmtx"].length < 2 * (metrics + glyphs):
        raise _Bad("the font's metrics (hmtx) are damaged")
    offsets = list(ft["loca"].locations)
    glyf_length = ft.reader.tables["glyf"].length
    if any(b < a for a, b in itertools.pairwise(offsets)) or (
        offsets and offsets[-1] > glyf_length
    ):
        raise _Bad("the font's glyph index (loca) is damaged")
    cmap = ft.getBestCmap() or {}
    if any(ord(ch) not in cmap for ch in EN_SAMPLES):
        raise _Bad(f"the font has no glyphs for {EN_SAMPLES}", damaged=False)
    japanese = all(ord(ch) in cmap for ch in JA_SAMPLES)
    codes = sorted(font.face.charToGlyph)
    for i in range(0, len(codes), 256):  # a PDF embeds subsets of 256 characters
        font.face.makeSubset(codes[i : i + 256])
    return Verdict(True, "", index, name, japanese=japanese)


def _child(conn: Connection, path: str, family: str, memory: int) -> None:
    # Import first, then limit, then say "ready": a failure before that is the checker's,
    # not the font's, and the parent must not hold it against the file.
    import fontTools.ttLib  # noqa: F401
    import reportlab.pdfbase.ttfonts  # noqa: F401

    _limit_memory(memory)
    conn.send("ready")
    try:
        verdict = _deep_check(path, family)
    except _Bad as exc:
        verdict = Verdict(False, exc.reason, damaged=exc.damaged)
    except MemoryError:
        verdict = Verdict(False, "loading the font needs too much memory", damaged=True)
    except Exception as exc:
        text = str(exc)
        reason = CFF_REASON if "postscript outlines" in text.lower() else None
        verdict = Verdict(
            False,
            reason or f"the font file is damaged ({type(exc).__name__}: {text[:200]})",
            damaged=reason is None,
        )
    with contextlib.suppress(Exception):
        conn.send(asdict(verdict))
    conn.close()


class _Check:
    """One child judging one file; start several, then collect each `verdict()`."""

    def __init__(self, path: Path, family: str, timeout: float, memory: int) -> None:
        self.timeout = timeout
        self.started: Verdict | None = None
        context = multiprocessing.get_context("spawn")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_child,
            args=(send, str(path), family, memory),
            name="dxhelper-font-check",
            daemon=True,
        )
        try:
            self.process.start()
        except Exception as exc:  # cannot start a process at all
            self.started = Verdict(False, f"{NOT_CHECKED} ({exc})")
            self.receive.close()
        send.close()

    def verdict(self) -> Verdict:
        if self.started is not None:
            return self.started
        receive, process = self.receive, self.process
        try:
            try:
                ready = receive.poll(self.timeout) and receive.recv() == "ready"
            except (EOFError, OSError):
                ready = False
            if not ready:
                return Verdict(False, f"{NOT_CHECKED} (the checker did not start)")
            if not receive.poll(self.timeout):
                seconds = f"{self.timeout:.0f}"
                return Verdict(False, f"loading the font took over {seconds} s", damaged=True)
            try:
                return Verdict(**receive.recv())
            except (EOFError, OSError, TypeError):
                pass  # the child died while loading the font
        finally:
            if process.is_alive():
                process.kill()
            process.join(5)
            receive.close()
        code = process.exitcode
        return Verdict(False, f"loading the font stopped the checker (exit {code})", damaged=True)


def judge_in_child(
    path: Path,
    family: str = "",
    *,
    timeout: float = TIME_LIMIT,
    memory: int = MEMORY_LIMIT,
) -> Verdict:
    """The real load in a spawned child bounded by `timeout` seconds and `memory` bytes.

    When the child cannot be started or dies before it is ready (no multiprocessing in this
    program, say), the verdict's reason starts with NOT_CHECKED and nothing is said about
    the font."""
    return _Check(Path(path), family, timeout, memory).verdict()


# -- step 3: the verdicts, cached by content ------------------------------------------------------


def _default_folder() -> Path | None:
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("dxhelper", appauthor=False))
    except Exception:  # no home folder, say: memory only
        return None


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.folder: Path | None = _default_folder()
        self.files: dict[str, list[Any]] = {}  # path -> [size, mtime_ns, sha256]
        self.verdicts: dict[str, dict[str, Any]] = {}
        self.loaded_from: Path | None = None
        self.dirty = False

    def remember(self, key: str, verdict: Verdict) -> None:
        self.verdicts[key] = asdict(verdict)
        self.dirty = True

    def use(self, folder: Path | None) -> None:
        with self.lock:
            self.folder = folder
            self.loaded_from = None  # read again on next use

    def _load(self) -> None:
        if self.folder is None or self.loaded_from == self.folder:
            return
        self.loaded_from = self.folder
        path = self.folder / CACHE_NAME
        try:
            with path.open("rb") as fh:
                raw = fh.read(CACHE_LIMIT + 1)
            data = json.loads(raw) if len(raw) <= CACHE_LIMIT else None
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return
        files, verdicts = data.get("files"), data.get("verdicts")
        if isinstance(files, dict):
            for key, value in files.items():
                if (
                    isinstance(value, list)
                    and len(value) == 3
                    and all(isinstance(v, int) for v in value[:2])
                    and isinstance(value[2], str)
                ):
                    self.files.setdefault(key, value)
        if isinstance(verdicts, dict):
            for key, value in verdicts.items():
                with contextlib.suppress(TypeError, ValueError):
                    verdict = Verdict(**value)
                    if isinstance(verdict.ok, bool) and isinstance(verdict.subfont, int):
                        self.verdicts.setdefault(key, asdict(verdict))

    def _save(self) -> None:
        self.dirty = False
        if self.folder is None:
            return
        for table in (self.files, self.verdicts):
            for key in list(table)[: max(0, len(table) - CACHE_ENTRIES)]:
                del table[key]  # oldest first: dicts keep insertion order
        data = {"version": CACHE_VERSION, "files": self.files, "verdicts": self.verdicts}
        text = json.dumps(data)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".fonts-", dir=self.folder)
        except OSError as exc:  # a read-only data folder: the verdicts stay in memory
            log.debug("font verdicts not saved: %s", exc)
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, self.folder / CACHE_NAME)
        except OSError as exc:
            log.debug("font verdicts not saved: %s", exc)
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def digest(self, path: Path) -> str:
        stat = path.stat()
        key = str(path.resolve())
        known = self.files.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        sha = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                sha.update(block)
        self.files.pop(key, None)
        self.files[key] = [stat.st_size, stat.st_mtime_ns, sha.hexdigest()]
        self.dirty = True
        return sha.hexdigest()

    def forget(self) -> None:
        with self.lock:
            self.files.clear()
            self.verdicts.clear()
            self.loaded_from = None


_CACHE = _Cache()


def use_cache_folder(folder: Path | None) -> None:
    """Keep verdicts in `folder/fonts.json` instead; None: in memory only."""
    _CACHE.use(Path(folder) if folder is not None else None)


def forget_verdicts() -> None:
    """Drop the verdicts held in memory (tests)."""
    _CACHE.forget()


def judge(path: Path, family: str = "", lang: str = "ja") -> Verdict:
    """Whether `path` can be used (and which sub-font), judged once per file content; a
    Japanese document also needs the cmap to cover JA_SAMPLES."""
    return judge_many([(Path(path), family)], lang)[0]


def judge_many(items: Sequence[tuple[Path, str]], lang: str = "ja") -> list[Verdict]:
    """`judge` for several files (a regular face and its bold), their children run at once."""
    verdicts = _judge_many([(Path(p), f) for p, f in items])
    if lang != "ja":
        return verdicts
    return [
        Verdict(False, "the font has no Japanese characters", v.subfont, v.name)
        if v.ok and not v.japanese
        else v
        for v in verdicts
    ]


def _judge_many(items: list[tuple[Path, str]]) -> list[Verdict]:
    with _CACHE.lock:
        _CACHE._load()
        found: list[Verdict | None] = []
        pending: dict[int, tuple[str, _Check]] = {}
        for i, (path, family) in enumerate(items):
            try:
                sha = _CACHE.digest(path)
            except OSError as exc:
                found.append(Verdict(False, f"the font file cannot be read ({exc.strerror})"))
                continue
            key = f"{sha}|{family.replace(' ', '').lower()}"
            known = _CACHE.verdicts.get(key)
            if known is not None:
                found.append(Verdict(**known))
                continue
            try:
                precheck(path)
            except _Bad as exc:
                found.append(Verdict(False, exc.reason, damaged=exc.damaged))
                _CACHE.remember(key, found[-1])
                continue
            found.append(None)
            pending[i] = (key, _Check(path, family, TIME_LIMIT, MEMORY_LIMIT))
        for i, (key, check) in pending.items():
            verdict = check.verdict()
            if not verdict.ok and verdict.reason.startswith(NOT_CHECKED):
                # Our trouble, not the font's: the in-process check passed, so use it (the
                # sub-font is then picked in this process) and judge it again next time.
                log.warning("%s: %s", items[i][0], verdict.reason)
                found[i] = Verdict(True, verdict.reason, subfont=-1, japanese=True)
                continue
            found[i] = verdict
            _CACHE.remember(key, verdict)
        if _CACHE.dirty:
            _CACHE._save()
        return [v if v is not None else Verdict(False, NOT_CHECKED) for v in found]
