"""Find a Japanese TrueType font that reportlab can embed, or fall back to a built-in CID font.

Handouts, the report PDF and the report chart all draw with the FontChoice found here.

Order: the font named in settings, BIZ UDGothic (Windows 10+ and Debian's
fonts-morisawa-bizud-gothic), Yu Gothic and Meiryo (Windows `.ttc` collections: the right
sub-font is picked by family name, not by a guessed index), then IPAexGothic. CFF-outline fonts
(Noto CJK, Source Han) cannot be embedded by reportlab; they are skipped with the reason kept.

Every file is judged by font_check before reportlab loads it here (issue 16 §8): a truncated or
damaged font is skipped with a warning and the next candidate used, never a crash or gigabytes
of memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from dxhelper.pdfkit.font_check import Verdict, judge_many

log = logging.getLogger(__name__)

CID_FALLBACK = "HeiseiKakuGo-W5"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One font we know by its file names (regular, bold) and its family name inside the file."""

    family: str
    regular: tuple[str, ...]
    bold: tuple[str, ...] = ()


# File names as shipped by Windows, Debian and the vendors (matched case-insensitively).
KNOWN_FONTS: tuple[Candidate, ...] = (
    Candidate(
        "BIZ UDGothic",
        ("BIZUDGothic-Regular.ttf", "BIZ-UDGothicR.ttc"),
        ("BIZUDGothic-Bold.ttf", "BIZ-UDGothicB.ttc"),
    ),
    Candidate("Yu Gothic", ("YuGothM.ttc", "YuGothR.ttc"), ("YuGothB.ttc",)),
    Candidate("Meiryo", ("meiryo.ttc",), ("meiryob.ttc",)),
    Candidate("IPAexGothic", ("ipaexg.ttf",)),
)
# English reads better in proportional Latin: BIZ UDPGothic is the same design with it.
PROPORTIONAL = Candidate(
    "BIZ UDPGothic",
    ("BIZUDPGothic-Regular.ttf", "BIZ-UDGothicR.ttc"),
    ("BIZUDPGothic-Bold.ttf", "BIZ-UDGothicB.ttc"),
)


@dataclass(frozen=True, slots=True)
class Skipped:
    path: Path
    reason: str
    damaged: bool = False  # a broken file (the user is told), not merely unsuitable


class FontRejected(Exception):
    def __init__(self, reason: str, damaged: bool) -> None:
        super().__init__(reason)
        self.damaged = damaged


@dataclass(frozen=True, slots=True)
class FontChoice:
    """The registered font family a PDF uses, and how it was found."""

    family: str  # reportlab name to use in styles (bold maps through the registered family)
    bold: str
    path: Path | None  # None for the CID fallback
    subfont: int = 0
    display_name: str = ""
    embedded: bool = True
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    @property
    def damaged(self) -> tuple[Path, ...]:
        """Font files that were skipped because they are broken."""
        return tuple(s.path for s in self.skipped if s.damaged)

    @property
    def warning_ja(self) -> str:
        parts = []
        if self.damaged:
            names = "、".join(_shown(p) for p in self.damaged)
            parts.append(f"壊れているフォントファイルを使わずに飛ばしました: {names}")
        if not self.embedded:
            parts.append(
                "日本語のフォント（BIZ UDゴシックなど）が見つからないため、PDFに埋め込まない"
                "代わりのフォントを使いました。ほかのパソコンで文字が正しく出ないことがあります。"
            )
        return "\n".join(parts)

    @property
    def warning_en(self) -> str:
        parts = []
        if self.damaged:
            names = ", ".join(_shown(p) for p in self.damaged)
            parts.append(f"Damaged font files were skipped: {names}")
        if not self.embedded:
            parts.append(
                "No Japanese font (such as BIZ UDGothic) was found, so a fallback font that is "
                "not embedded in the PDF was used; text may not show correctly on other computers."
            )
        return "\n".join(parts)

    def warning(self, lang: str = "ja") -> str:
        return self.warning_en if lang == "en" else self.warning_ja


FONT_DIRS_ENV = "DXHELPER_FONT_DIRS"  # folders to search instead (os.pathsep-separated)


def default_font_dirs() -> list[Path]:
    """Where fonts live on this platform, the user's own folder first."""
    override = os.environ.get(FONT_DIRS_ENV)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.insert(0, Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]


def _index_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-case file name → first path found, so each candidate is one dictionary lookup."""
    found: dict[str, Path] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _subdirs, files in os.walk(base):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _shown(path: Path) -> str:
    """A path for a message: a name that is not valid text is shown with escapes."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _family(face: TTFontFile) -> str:
    raw = face.familyName
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)


def _open_face(path: Path, family: str | None) -> tuple[int, str]:
    """The sub-font index whose family matches (0 for a plain .ttf) and its family name."""
    first = TTFontFile(str(path), validate=0, subfontIndex=0)
    if family:
        wanted = family.replace(" ", "").lower()
        for index in range(1, getattr(first, "numSubfonts", 1)):
            face = TTFontFile(str(path), validate=0, subfontIndex=index)
            if _family(face).replace(" ", "").lower() == wanted:
                return index, _family(face)
    return 0, _family(first)


def _register(path: Path, family: str | None, verdict: Verdict) -> tuple[str, int, str]:
    """Load the judged sub-font into reportlab (once per file and sub-font).

    Raises FontRejected with the judge's reason (e.g. PostScript/CFF outlines, a damaged
    file)."""
    if not verdict.ok:
        if verdict.damaged:
            log.warning("skipping damaged font %s: %s", _shown(path), verdict.reason)
        raise FontRejected(verdict.reason, verdict.damaged)
    index, name = verdict.subfont, verdict.name
    if index < 0:  # the checker could not run: pick the sub-font here, as before
        index, name = _open_face(path, family)
    # reportlab's font registry is global: the key must differ for every distinct file.
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    key = f"DxJa-{path.stem}-{index}-{digest}"
    if key not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(key, str(path), subfontIndex=index))
    return key, index, name


_LOAD_ERRORS = (TTFError, OSError, ValueError, IndexError, KeyError, struct.error, MemoryError)


def _try(
    regular: Path, bold: Path | None, family: str | None, skipped: list[Skipped], lang: str
) -> FontChoice | None:
    files = [regular] if bold is None else [regular, bold]
    verdicts = judge_many([(f, family or "") for f in files], lang)  # checked side by side
    try:
        key, index, name = _register(regular, family, verdicts[0])
    except FontRejected as exc:
        skipped.append(Skipped(regular, str(exc), exc.damaged))
        return None
    except _LOAD_ERRORS as exc:  # judged good, yet failing here (changed since?): skip it
        skipped.append(Skipped(regular, _reason(exc), True))
        return None
    bold_key = key
    if bold is not None:
        try:
            bold_key, _i, _n = _register(bold, family, verdicts[1])
        except FontRejected as exc:
            skipped.append(Skipped(bold, str(exc), exc.damaged))
        except _LOAD_ERRORS as exc:
            skipped.append(Skipped(bold, _reason(exc), True))
    pdfmetrics.registerFontFamily(key, normal=key, bold=bold_key, italic=key, boldItalic=bold_key)
    return FontChoice(key, bold_key, regular, index, name, True, tuple(skipped))


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "postscript outlines" in text.lower():
        return "CFF (PostScript) outlines cannot be embedded by reportlab"
    return text or type(exc).__name__


def _cid_fallback(skipped: list[Skipped]) -> FontChoice:
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontChoice(CID_FALLBACK, CID_FALLBACK, None, 0, CID_FALLBACK, False, tuple(skipped))


def find_font(
    configured: str | None = None, dirs: Sequence[Path] | None = None, lang: str = "ja"
) -> FontChoice:
    """Register and return the best Japanese font available.

    `configured` is a file path or a family name from settings. `dirs` overrides where to look
    (tests simulate a Windows fonts folder with it). For English, BIZ UDPGothic comes first.
    """
    return _find_font_cached(configured or "", tuple(dirs) if dirs is not None else None, lang)


@functools.lru_cache(maxsize=16)
def _find_font_cached(configured: str, dirs: tuple[Path, ...] | None, lang: str) -> FontChoice:
    files = _index_files(default_font_dirs() if dirs is None else dirs)
    skipped: list[Skipped] = []
    if configured:
        as_path = Path(configured)
        if as_path.is_file():
            choice = _try(as_path, None, None, skipped, lang)
            if choice:
                return choice
        else:
            for candidate in KNOWN_FONTS:
                if candidate.family.lower() == configured.lower():
                    choice = _try_candidate(candidate, files, skipped, lang)
                    if choice:
                        return choice
            skipped.append(Skipped(as_path, "the font named in settings was not found"))
    order = (PROPORTIONAL, *KNOWN_FONTS) if lang == "en" else KNOWN_FONTS
    for candidate in order:
        choice = _try_candidate(candidate, files, skipped, lang)
        if choice:
            return choice
    return _cid_fallback(skipped)


def _try_candidate(
    candidate: Candidate, files: dict[str, Path], skipped: list[Skipped], lang: str
) -> FontChoice | None:
    bold = next((files[n.lower()] for n in candidate.bold if n.lower() in files), None)
    for name in candidate.regular:
        path = files.get(name.lower())
        if path is not None:
            choice = _try(path, bold, candidate.family, skipped, lang)
            if choice:
                return choice
    return None


def forget_fonts() -> None:
    """Drop the cached choice (after settings change, and between tests)."""
    _find_font_cached.cache_clear()
