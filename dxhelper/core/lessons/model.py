"""A lesson in one small intermediate form that the screens (Qt rich text) and the handouts
(reportlab paragraphs) both render from, so the two never disagree about the content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dxhelper.core.categories import Category, Course


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class Note:
    """A call-out box: what to do when it goes wrong, a warning, a tip."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Image:
    path: Path
    alt: str


Block = Paragraph | ListBlock | Note | Image


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    title: str
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    qr: bool = True  # False when the address failed the QR policy (a user lesson's warning)


@dataclass(frozen=True, slots=True)
class Helpline:
    label: str
    number: str
    hours: str = ""


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    lang: str
    title: str
    category: Category
    level: int
    minutes: int
    version: int
    checked: dt.date
    sources: tuple[str, ...]
    bring: tuple[str, ...]
    links: tuple[Link, ...]
    helpline: Helpline | None
    intro: tuple[Block, ...]
    steps: tuple[Step, ...]
    path: Path
    is_user: bool = False
    overrides_builtin: bool = False
    course: Course = Course.BASIC  # 基本講座 / 応用講座, for the coordinators' report

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True, slots=True)
class Problem:
    """One validator finding, reported like a compiler: `file:line: severity: message`."""

    path: Path
    line: int
    ja: str
    en: str
    severity: str = "error"  # or "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja

    def format(self, lang: str = "ja") -> str:
        word = {("error", "ja"): "エラー", ("warning", "ja"): "警告"}.get(
            (self.severity, lang), self.severity
        )
        return f"{self.path}:{self.line}: {word}: {self.message(lang)}"


@dataclass
class ParseResult:
    lesson: Lesson | None
    problems: list[Problem] = field(default_factory=list)
