"""The eleven built-in lessons: complete, in both languages, clean, and in step with demo data."""

from __future__ import annotations

import pytest

from dxhelper.core.lessons import Catalogue, Note
from dxhelper.core.lessons.check import check_lessons
from dxhelper.core.qr_policy import check_url
from dxhelper.demo import DEMO_LESSONS
from dxhelper.paths import builtin_lessons_dir

BUILTIN_IDS = sorted(DEMO_LESSONS)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


def test_every_builtin_lesson_passes_the_validator_with_no_warnings():
    report = check_lessons([builtin_lessons_dir()], builtin_root=builtin_lessons_dir())
    # Readability warnings count too (issue 15): the lessons were rewritten to pass them.
    assert [p.format("en") for p in report.problems] == []


def test_the_eleven_lessons_exist_in_japanese_and_english(catalogue):
    assert sorted(catalogue.ids()) == BUILTIN_IDS
    for lesson_id in BUILTIN_IDS:
        assert catalogue.languages(lesson_id) == ["ja", "en"], lesson_id


@pytest.mark.parametrize("lesson_id", BUILTIN_IDS)
def test_step_ids_match_the_demo_data_and_the_translation(catalogue, lesson_id):
    ja, en = catalogue.get(lesson_id, "ja"), catalogue.get(lesson_id, "en")
    assert ja.step_ids == en.step_ids == DEMO_LESSONS[lesson_id]
    assert 4 <= len(ja.steps) <= 10


@pytest.mark.parametrize("lesson_id", BUILTIN_IDS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_lesson_is_sourced_checked_and_links_only_official_pages(catalogue, lesson_id, lang):
    lesson = catalogue.get(lesson_id, lang)
    assert lesson.lang == lang and not lesson.is_user
    assert lesson.sources and lesson.checked.year >= 2026
    assert lesson.links, "each lesson gives the resident at least one official page"
    for link in lesson.links:
        assert check_url(link.url) is None and link.qr
    assert lesson.bring, "say what the resident should bring"
    assert all(step.blocks for step in lesson.steps)


def test_lessons_say_what_to_do_when_it_goes_wrong(catalogue):
    """Most steps carry a call-out (what to do if it goes wrong, a warning)."""
    for lesson in catalogue.lessons("ja"):
        with_note = sum(any(isinstance(b, Note) for b in s.blocks) for s in lesson.steps)
        assert with_note >= len(lesson.steps) // 2, lesson.id


def test_japanese_text_holds_no_pin_like_example_digits(catalogue):
    from dxhelper.core.privacy import find_my_number, find_pin_disclosure

    for lesson in catalogue.lessons("ja") + catalogue.lessons("en"):
        text = lesson.path.read_text(encoding="utf-8")
        assert find_my_number(text) is None, lesson.path
        assert find_pin_disclosure(text) is None, lesson.path


# Issue 17 §2: the standard course set's two kinds, as the coordinators report them.
BASIC = {"smartphone-basics", "fraud-safety"}


def test_every_builtin_lesson_says_its_course_type_in_both_languages():
    import tomllib

    from dxhelper.core.categories import Course

    for path in sorted(builtin_lessons_dir().glob("*/*.md")):
        front = path.read_text(encoding="utf-8").split("+++")[1]
        course = tomllib.loads(front).get("course")
        expected = "basic" if path.stem in BASIC else "applied"
        assert course == expected, path
        assert Course(course).label("ja") in ("基本講座", "応用講座")


def test_the_catalogue_carries_the_course_type(catalogue):
    from dxhelper.core.categories import Course

    for lesson_id in DEMO_LESSONS:
        for lang in ("ja", "en"):
            lesson = catalogue.get(lesson_id, lang)
            assert lesson.course == (Course.BASIC if lesson_id in BASIC else Course.APPLIED)
