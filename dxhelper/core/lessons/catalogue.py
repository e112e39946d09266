"""All lessons: the built-in ones merged with a coordinator's own folder.

A user lesson with the same id as a built-in one replaces it (and is marked so). The ja and en
files of a lesson are paired by id; asking for a lesson in one language falls back to the other.
A broken file is skipped and reported, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from dxhelper.core.categories import Category
from dxhelper.core.errors import NotFoundError
from dxhelper.core.lessons.model import Lesson, Problem
from dxhelper.core.lessons.parser import LANGUAGES, parse_lesson_file


def lesson_files(root: Path) -> list[Path]:
    """The lesson files under a lessons folder: <root>/ja/*.md and <root>/en/*.md."""
    return [f for lang in LANGUAGES for f in sorted((root / lang).glob("*.md")) if f.is_file()]


def translation_problems(lessons: dict[str, Lesson]) -> list[Problem]:
    """Warn where a translation's step ids differ from its partner's (progress would not match)."""
    ja, en = lessons.get("ja"), lessons.get("en")
    if ja is None or en is None or ja.step_ids == en.step_ids:
        return []
    only_ja = sorted(set(ja.step_ids) - set(en.step_ids))
    only_en = sorted(set(en.step_ids) - set(ja.step_ids))
    detail = f"ja のみ: {only_ja}, en のみ: {only_en}" if only_ja or only_en else "順番が違います"
    detail_en = (
        f"only in ja: {only_ja}, only in en: {only_en}"
        if only_ja or only_en
        else "the order differs"
    )
    line = en.steps[0].line if en.steps else 1
    return [
        Problem(
            en.path,
            line,
            f"翻訳と手順のIDが一致しません（{detail}）。",
            f"The step ids differ from the translation ({detail_en}).",
            "warning",
        )
    ]


class Catalogue:
    """Lessons by id and language. Build with `Catalogue.load(...)`."""

    def __init__(self, lessons: dict[str, dict[str, Lesson]], problems: list[Problem]) -> None:
        self._lessons = lessons
        self.problems = problems

    @classmethod
    def load(
        cls,
        builtin_dir: Path,
        user_dir: Path | None = None,
        trusted_domains: Iterable[str] = (),
    ) -> Catalogue:
        trusted = tuple(trusted_domains)
        lessons: dict[str, dict[str, Lesson]] = {}
        problems: list[Problem] = []
        roots = [(builtin_dir, True)] + ([(user_dir, False)] if user_dir else [])
        for root, builtin in roots:
            for path in lesson_files(root):
                result = parse_lesson_file(path, builtin=builtin, trusted_domains=trusted)
                problems.extend(result.problems)
                lesson = result.lesson
                if lesson is None:
                    continue
                by_lang = lessons.setdefault(lesson.id, {})
                if not builtin and lesson.lang in by_lang and not by_lang[lesson.lang].is_user:
                    lesson = replace(lesson, overrides_builtin=True)
                by_lang[lesson.lang] = lesson
        for by_lang in lessons.values():
            problems.extend(translation_problems(by_lang))
        return cls(lessons, problems)

    def ids(self) -> list[str]:
        """Every lesson id, by category (in the fixed order) and then by id."""
        order = {c: i for i, c in enumerate(Category)}
        return sorted(self._lessons, key=lambda i: (order[self.get(i).category], i))

    def __contains__(self, lesson_id: object) -> bool:
        return lesson_id in self._lessons

    def __len__(self) -> int:
        return len(self._lessons)

    def languages(self, lesson_id: str) -> list[str]:
        return [lang for lang in LANGUAGES if lang in self._lessons.get(lesson_id, {})]

    def get(self, lesson_id: str, lang: str = "ja") -> Lesson:
        """The lesson in `lang`, or in the other language when it has no such translation."""
        by_lang = self._lessons.get(lesson_id)
        if not by_lang:
            raise NotFoundError(
                f"講座「{lesson_id}」が見つかりません。", f"No lesson '{lesson_id}'."
            )
        if lang in by_lang:
            return by_lang[lang]
        return next(by_lang[other] for other in LANGUAGES if other in by_lang)

    def lessons(self, lang: str = "ja") -> list[Lesson]:
        return [self.get(i, lang) for i in self.ids()]

    def by_category(self, lang: str = "ja") -> dict[Category, list[Lesson]]:
        grouped: dict[Category, list[Lesson]] = {}
        for lesson in self.lessons(lang):
            grouped.setdefault(lesson.category, []).append(lesson)
        return grouped

    def step_ids(self, lesson_id: str) -> set[str]:
        """Every step id the lesson has in any language (what progress may point at)."""
        return {s for lesson in self._lessons.get(lesson_id, {}).values() for s in lesson.step_ids}
