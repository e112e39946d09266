"""Readable by a 75-year-old: measure a parsed lesson and warn where it is hard to read.

What is measured (the body only: the intro, every step heading and every block under it; the
front matter, code and images are not read):

* Sentences end at 。！？ (or . ! ? before a capital, digit or quote in English), at a hard line
  break and at the end of a heading, paragraph or list item. A soft-wrapped source line does not
  end a sentence: the screen joins the lines again. 。 inside （…） or 「…」 ends nothing.
* Japanese sentence length = its characters, punctuation included, without spaces, URLs and
  without the text in brackets （…） / (…): a bracket is an aside read on its own, and the
  plain-words glosses this module asks for are written that way. Warn over 60 characters.
* English sentence length = its words (runs of letters or digits; a Japanese term counts as one
  word), without URLs. Warn over 25 words.
* Kanji share = kanji / (kanji + hiragana + katakana + Latin letters) over the whole body,
  URLs left out, digits and punctuation not counted (々 is a kanji, ー a kana). Warn over 35 %,
  only for a lesson with at least 200 such letters (a few short lines say nothing).
* Several actions in one numbered item: within one sentence of an ordered-list item that ends
  in a verb in ます/ください, each join 〜て、 / 〜んで、 / 〜し、 (so 〜して、 too) adds an
  action; 〜して without a comma mostly says how (タップして入れます) and is not counted. Joins that
  only say how or with what (について、 によって、 として、 に沿って、 を使って、 を持って、)
  and ただし、 しかし、 もし、 少し、 are not actions. Warn at two actions or more.
* Unexplained terms: a term of `GLOSSARY` used in a Japanese lesson that is never glossed in it.
  A gloss is the term followed by （…） (at least two characters), by とは, or by ：/: and an
  explanation; or plain words followed by the term in brackets (代わりの人（代理人）); or a
  sentence that defines it (「電子証明書は、…です。」). The warning points at the first use.
  English lessons are not checked for terms: there the Japanese term is itself the gloss.

Line numbers: the parsed lesson keeps only each step's line, so each sentence is found again in
the file's text (markup and spaces ignored), searching on from the previous one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dxhelper.core.lessons.model import Lesson, ListBlock, Note, Paragraph, Problem

JA_MAX_CHARS = 60
EN_MAX_WORDS = 25
MAX_KANJI_SHARE = 0.35
MIN_LETTERS_FOR_SHARE = 200
MAX_ACTIONS = 1

# Terms a resident meets on forms and screens but cannot be expected to know.
GLOSSARY = (
    "電子証明書",
    "利用者証明用",
    "署名用",
    "券面事項入力補助用",
    "住民基本台帳用",
    "資格情報のお知らせ",
    "資格確認書",
    "名義",
    "2ファクタ認証",
    "交付通知書",
    "交付申請書",
    "有効期限通知書",
    "公金受取口座",
    "顔認証付きカードリーダー",
    "代理人",
    "委任状",
)

_URL = re.compile(r"https?://[\x21-\x7e]+")
_OPEN = "（(「『"
_CLOSE = "）)」』"
_JA_ENDS = "。！？!?"
_EN_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[A-Z0-9\"“'‘(]|\s*$)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*|[\u3040-\u30ff\u3400-\u9fff々]+")
# How the line finder matches text to the source: no spaces, no Markdown markers.
_MARKUP = re.compile(r"[\s*_`\\\[\]>#]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HEADING_ID = re.compile(r"\{#[^}]*\}")
_WINDOW = 4000
_MAX_GLOSS = 100

# A join needs its comma: without one, 〜して mostly says how (タップして入れます).
_JOIN = re.compile(r"(?:て|んで|し)、")
_NOT_ACTIONS = (
    "について",
    "によって",
    "として",
    "に対して",
    "に沿って",
    "にそって",
    "を使って",
    "を持って",
    "ただし",
    "しかし",
    "もし",
    "少し",
)
_ENDS_IN_VERB = re.compile(r"(?:ます|ません|ましょう|ください)[。！]?$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    line: int
    length: int  # characters (ja) or words (en), as counted above
    actions: int = 1  # only counted in a numbered item of a Japanese lesson


@dataclass(frozen=True, slots=True)
class LessonStats:
    """The figures of one lesson; `problems()` turns them into warnings."""

    path: Path
    lang: str
    body_line: int
    sentences: tuple[Sentence, ...]
    kanji: int
    letters: int
    unexplained: tuple[tuple[str, int], ...]  # (term, line of its first use)

    @property
    def longest(self) -> int:
        return max((s.length for s in self.sentences), default=0)

    @property
    def average(self) -> float:
        return sum(s.length for s in self.sentences) / len(self.sentences) if self.sentences else 0

    @property
    def kanji_share(self) -> float | None:
        if self.lang != "ja" or not self.letters:
            return None
        return self.kanji / self.letters

    @property
    def multi_action(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.actions > MAX_ACTIONS)

    @property
    def long_sentences(self) -> tuple[Sentence, ...]:
        limit = JA_MAX_CHARS if self.lang == "ja" else EN_MAX_WORDS
        return tuple(s for s in self.sentences if s.length > limit)

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for s in self.long_sentences:
            head = _excerpt(s.text)
            if self.lang == "ja":
                out.append(
                    _warn(
                        self.path,
                        s.line,
                        f"文が長すぎます（{s.length}字、目安は{JA_MAX_CHARS}字まで）。"
                        f"2つの文に分けます: 「{head}」",
                        f"The sentence is too long ({s.length} characters; aim for at most "
                        f"{JA_MAX_CHARS}). Split it: “{head}”",
                    )
                )
            else:
                out.append(
                    _warn(
                        self.path,
                        s.line,
                        f"文が長すぎます（{s.length}語、目安は{EN_MAX_WORDS}語まで）。"
                        f"2つの文に分けます: “{head}”",
                        f"The sentence is too long ({s.length} words; aim for at most "
                        f"{EN_MAX_WORDS}). Split it: “{head}”",
                    )
                )
        share = self.kanji_share
        if share is not None and self.letters >= MIN_LETTERS_FOR_SHARE and share > MAX_KANJI_SHARE:
            pct, limit = f"{share:.0%}", f"{MAX_KANJI_SHARE:.0%}"
            out.append(
                _warn(
                    self.path,
                    self.body_line,
                    f"漢字が多すぎます（本文の文字の{pct}、目安は{limit}まで）。"
                    "ひらがなで書ける言葉は、ひらがなにします。",
                    f"Too many kanji ({pct} of the letters; aim for at most {limit}). "
                    "Write words in hiragana where you can.",
                )
            )
        for s in self.multi_action:
            out.append(
                _warn(
                    self.path,
                    s.line,
                    f"1つの番号に操作が{s.actions}つあります。1つの番号には1つの操作を書きます: "
                    f"「{_excerpt(s.text)}」",
                    f"This numbered item holds {s.actions} actions; give each action its own "
                    f"number: “{_excerpt(s.text)}”",
                )
            )
        for term, line in self.unexplained:
            out.append(
                _warn(
                    self.path,
                    line,
                    f"「{term}」の説明がありません。やさしい言葉の説明を添えます"
                    f"（例: {term}（…））。",
                    f"'{term}' is never explained in plain words in this lesson. Add a short "
                    f"gloss, e.g. {term}（…）.",
                )
            )
        out.sort(key=lambda p: p.line)
        return out


def _warn(path: Path, line: int, ja: str, en: str) -> Problem:
    return Problem(path, line, ja, en, "warning")


def _excerpt(text: str, size: int = 20) -> str:
    return text if len(text) <= size else text[:size] + "…"


# -- the text of a lesson, unit by unit -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """A heading, paragraph or list item's paragraph: sentences never cross its end."""

    text: str
    line: int  # where to point if the text cannot be found in the source
    numbered: bool


def _paragraph_text(paragraph: Paragraph) -> str:
    # Code (an address written out, a fenced block) is not prose to be read aloud.
    return "".join(s.text for s in paragraph.spans if not s.code)


def _units(blocks: Iterable[object], line: int, numbered: bool = False) -> Iterator[_Unit]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield _Unit(_paragraph_text(block), line, numbered)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _units(item, line, block.ordered)
        elif isinstance(block, Note):
            yield from _units(block.blocks, line, numbered)


def _lesson_units(lesson: Lesson, body_line: int) -> Iterator[_Unit]:
    yield from _units(lesson.intro, body_line)
    for step in lesson.steps:
        yield _Unit(step.title, step.line, False)
        yield from _units(step.blocks, step.line)


# -- sentences ---------------------------------------------------------------------------------


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of one unit, as described in the module's docstring."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(_split_ja(line) if lang == "ja" else _split_en(line))
    return [s for s in (s.strip() for s in out) if _WORD.search(s)]


def _split_ja(line: str) -> list[str]:
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(line):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _JA_ENDS and depth == 0:
            parts.append(line[start : i + 1])
            start = i + 1
    parts.append(line[start:])
    return parts


def _split_en(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _EN_END.finditer(line):
        parts.append(line[start : match.end()])
        start = match.end()
    parts.append(line[start:])
    return parts


def _without_brackets(text: str) -> str:
    kept: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif not depth:
            kept.append(ch)
    # A bracket left open is a typo, not an aside: it must not hide the rest of the sentence.
    return text if depth else "".join(kept)


def ja_length(sentence: str) -> int:
    text = _without_brackets(_URL.sub("", sentence))
    return sum(not ch.isspace() for ch in text)


def en_length(sentence: str) -> int:
    return len(_WORD.findall(_URL.sub("", sentence)))


def actions(sentence: str) -> int:
    """How many actions a Japanese sentence joins (1 for a plain one, 0 for no verb in ます)."""
    if not _ENDS_IN_VERB.search(sentence):
        return 0
    joins = 0
    for match in _JOIN.finditer(sentence):
        before = sentence[: match.end()].rstrip("、")
        if not before.endswith(_NOT_ACTIONS):
            joins += 1
    return joins + 1


# -- letters -----------------------------------------------------------------------------------


def _is_kanji(ch: str) -> bool:
    return ch == "々" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _is_kana(ch: str) -> bool:
    return (
        "\u3041" <= ch <= "\u309f"
        or ("\u30a0" <= ch <= "\u30ff" and ch != "・")
        or ("\uff66" <= ch <= "\uff9f")
    )


def _is_latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalpha()) or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ"


def letter_counts(text: str) -> tuple[int, int]:
    """(kanji, letters) of a text: letters are kanji, kana and Latin letters; URLs left out."""
    kanji = letters = 0
    for ch in _URL.sub("", text):
        if _is_kanji(ch):
            kanji += 1
            letters += 1
        elif _is_kana(ch) or _is_latin(ch):
            letters += 1
    return kanji, letters


# -- glosses -----------------------------------------------------------------------------------


def _gloss_patterns(term: str) -> tuple[re.Pattern[str], ...]:
    t = re.escape(term)
    return (
        # Bounded: an unclosed （ after every use must not cost a scan to the end each time.
        re.compile(rf"{t}[」』]?[（(][^）)]{{2,{_MAX_GLOSS}}}[）)]"),
        re.compile(rf"{t}[」』]?とは"),
        re.compile(rf"{t}[」』]?[：:][^（(]{{2}}"),
        re.compile(rf"[^\s（(]{{2}}[（(]{t}[）)]"),
    )


def is_glossed(term: str, units: Iterable[str]) -> bool:
    patterns = _gloss_patterns(term)
    definition = re.compile(rf"^「?{re.escape(term)}」?は、.*です[。！]?$")
    for text in units:
        flat = re.sub(r"\s+", "", text)
        if any(p.search(flat) for p in patterns):
            return True
        if any(definition.match(s) for s in split_sentences(flat, "ja")):
            return True
    return False


# -- where in the file -------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return _MARKUP.sub("", text)


class _LineFinder:
    """Finds a sentence's line in the source: the model keeps only each step's line."""

    def __init__(self, source: str, body_line: int) -> None:
        self.chars: list[str] = []
        self.lines: list[int] = []
        for number, raw in enumerate(source.splitlines()[body_line - 1 :], start=body_line):
            flat = _normalise(_HEADING_ID.sub("", _LINK_TARGET.sub("]", raw)))
            self.chars.extend(flat)
            self.lines.extend([number] * len(flat))
        self.text = "".join(self.chars)
        self.cursor = 0

    def find(self, text: str, fallback: int) -> tuple[int, int]:
        """(line, position) of `text`, searching on from the last one found."""
        needle = _normalise(text)[:12]
        # A bounded search: text that differs from its source (an entity like &amp;) must not
        # cost a scan of the whole file per sentence.
        at = self.text.find(needle, self.cursor, self.cursor + _WINDOW) if needle else -1
        if at >= 0:
            self.cursor = at + 1
            return self.lines[at], at
        if self.cursor < len(self.lines):  # near the last sentence found
            return max(fallback, self.lines[self.cursor]), self.cursor
        return fallback, -1

    def line_of(self, term: str, start: int, fallback: int) -> int:
        at = self.text.find(_normalise(term), max(start, 0))
        return self.lines[at] if at >= 0 else fallback


def body_start(source: str) -> int:
    """The first written line after the front matter's closing +++ (1 if there is none)."""
    lines = source.splitlines()
    fences = [i for i, line in enumerate(lines) if line.strip() == "+++"][:2]
    if len(fences) < 2:
        return 1
    first = fences[1] + 1
    return next((i + 1 for i in range(first, len(lines)) if lines[i].strip()), first + 1)


# -- the lesson --------------------------------------------------------------------------------


def measure(lesson: Lesson, source: str) -> LessonStats:
    """The figures of one parsed lesson; `source` is its file's text, for line numbers."""
    body_line = body_start(source)
    finder = _LineFinder(source, body_line)
    units = list(_lesson_units(lesson, body_line))
    sentences: list[Sentence] = []
    first_use: dict[str, int] = {}
    kanji = letters = 0
    for unit in units:
        k, n = letter_counts(unit.text)
        kanji, letters = kanji + k, letters + n
        for text in split_sentences(unit.text, lesson.lang):
            line, at = finder.find(text, unit.line)
            if lesson.lang == "ja":
                count = actions(text) if unit.numbered else 1
                sentences.append(Sentence(text, line, ja_length(text), count))
                for term in GLOSSARY:
                    if term in text and term not in first_use:
                        first_use[term] = finder.line_of(term, at, line)
            else:
                sentences.append(Sentence(text, line, en_length(text)))
    texts = [u.text for u in units]
    unexplained = tuple(
        (term, line) for term, line in first_use.items() if not is_glossed(term, texts)
    )
    return LessonStats(
        lesson.path,
        lesson.lang,
        body_line,
        tuple(sentences),
        kanji,
        letters,
        tuple(sorted(unexplained, key=lambda t: t[1])),
    )


# -- the --stats table -------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def stats_table(stats: Iterable[LessonStats], lang: str = "ja", base: Path | None = None) -> str:
    """An aligned table of the figures, one lesson a row."""
    ja = lang != "en"
    header = (
        ("ファイル", "文の数", "最長", "平均", "漢字", "複数の操作", "説明なしの語")
        if ja
        else ("file", "sentences", "longest", "average", "kanji", "multi-action", "unexplained")
    )
    rows = [header]
    for s in stats:
        unit = ("字" if ja else " ch") if s.lang == "ja" else ("語" if ja else " w")
        share = s.kanji_share
        rows.append(
            (
                _display_path(s.path, base),
                str(len(s.sentences)),
                f"{s.longest}{unit}",
                f"{s.average:.1f}{unit}",
                "-" if share is None else f"{share:.1%}",
                str(len(s.multi_action)) if s.lang == "ja" else "-",
                str(len(s.unexplained)) if s.lang == "ja" else "-",
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(_pad(cell, widths[i], right=i > 0) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


def _display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)
