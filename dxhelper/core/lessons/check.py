"""`dxhelper lessons check`: validate lesson files given as files or folders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dxhelper.core.lessons.catalogue import lesson_files, translation_problems
from dxhelper.core.lessons.model import Lesson, Problem
from dxhelper.core.lessons.parser import LANGUAGES, parse_lesson_file
from dxhelper.core.lessons.readability import LessonStats, measure


def _expand(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.name in LANGUAGES:  # a lessons/ja folder itself
        return sorted(f for f in path.glob("*.md") if f.is_file())
    return lesson_files(path)


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    stats: list[LessonStats] = field(default_factory=list)  # one per lesson that loaded


def check_paths(
    paths: Iterable[Path], *, builtin_root: Path | None = None, trusted_domains: Iterable[str] = ()
) -> list[Problem]:
    """Every problem in the lesson files under `paths`. Files under `builtin_root` are held to
    the built-in standard (a link that fails the QR policy is an error, not a warning)."""
    return check_lessons(paths, builtin_root=builtin_root, trusted_domains=trusted_domains).problems


def check_lessons(
    paths: Iterable[Path], *, builtin_root: Path | None = None, trusted_domains: Iterable[str] = ()
) -> CheckReport:
    """`check_paths` plus the readability figures of every lesson that loaded; readability
    findings are warnings (readability.py says what is measured)."""
    trusted = tuple(trusted_domains)
    builtin = builtin_root.resolve() if builtin_root else None
    report = CheckReport()
    problems = report.problems
    pairs: dict[tuple[Path, str], dict[str, Lesson]] = {}
    for path in paths:
        if not path.exists():
            problems.append(
                Problem(
                    path, 1, "ファイルまたはフォルダーがありません。", "No such file or folder."
                )
            )
            continue
        files = _expand(path)
        if not files:
            problems.append(
                Problem(
                    path,
                    1,
                    "レッスンのファイル（ja/*.md, en/*.md）がありません。",
                    "No lesson files (ja/*.md, en/*.md) found.",
                    "warning",
                )
            )
        for file in files:
            is_builtin = builtin is not None and file.resolve().is_relative_to(builtin)
            result = parse_lesson_file(file, builtin=is_builtin, trusted_domains=trusted)
            problems.extend(result.problems)
            if result.lesson:
                stats = _readability(result.lesson, file)
                if stats is not None:
                    report.stats.append(stats)
                    problems.extend(stats.problems())
                root = file.resolve().parent.parent
                pairs.setdefault((root, result.lesson.id), {})[result.lesson.lang] = result.lesson
    for by_lang in pairs.values():
        problems.extend(translation_problems(by_lang))
    return report


def _readability(lesson: Lesson, file: Path) -> LessonStats | None:
    try:
        # Read again for line numbers: the parsed lesson keeps only each step's line.
        source = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):  # changed under us since it was parsed
        return None
    return measure(lesson, source)


TEMPLATE = """+++
# A lesson of your own. Lines starting with # are comments. Check it with:
#   dxhelper lessons check
id = "{id}"                      # must equal the file name; never change it once used
title = "{title}"
category = "other"               # smartphone, mynumber-card, myna-hokensho, mynaportal,
                                 # online-health, safety, other
course = "basic"                 # basic (基本講座) or applied (応用講座)
level = 1                        # 1 (first steps) to 3 (harder)
minutes = 20                     # about how long with a volunteer
version = 1                      # raise it when you change the content
checked = {today}                # the day you last checked the facts
sources = ["https://www.digital.go.jp/"]   # the official pages your facts come from
bring = ["{bring}"]

# Each [[links]] entry becomes a QR code on the handout. Only official addresses
# (go.jp, lg.jp, or domains trusted in Settings) get a QR code.
[[links]]
label = "{link_label}"
url = "https://www.digital.go.jp/"
+++

{intro}

## {step1} {{#first-step}}

{body1}

> {note1}

## {step2} {{#second-step}}

1. {item1}
2. {item2}
"""

_TEMPLATE_TEXT = {
    "ja": {
        "title": "新しい講座",
        "bring": "スマートフォン",
        "link_label": "デジタル庁",
        "intro": "この講座で何ができるようになるかを、1〜2文で書きます。",
        "step1": "最初の手順",
        "body1": "する操作を短い文で書きます。画面に何が出るかも書きます。",
        "note1": "うまくいかないとき：どうすればよいかを書きます。",
        "step2": "次の手順",
        "item1": "一つ目の操作",
        "item2": "二つ目の操作",
    },
    "en": {
        "title": "A new lesson",
        "bring": "Smartphone",
        "link_label": "Digital Agency",
        "intro": "Say in one or two sentences what the resident will be able to do.",
        "step1": "The first step",
        "body1": "Say what to do in short sentences, and what the screen will show.",
        "note1": "If it does not work: say what to do.",
        "step2": "The next step",
        "item1": "The first action",
        "item2": "The second action",
    },
}


def new_lesson_text(lesson_id: str, lang: str, today: str) -> str:
    return TEMPLATE.format(id=lesson_id, today=today, **_TEMPLATE_TEXT[lang])
