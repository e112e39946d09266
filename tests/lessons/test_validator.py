"""Every validator message, at its exact line, from one hostile fixture file per case."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dxhelper.core.lessons import parse_lesson_file
from dxhelper.core.lessons.check import check_paths, new_lesson_text
from dxhelper.core.lessons.model import Image, ListBlock, Note, Paragraph

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("no-front-matter", 1, "front matter between '+++'"),
        ("unclosed-front-matter", 1, "no closing '+++'"),
        ("bad-toml", 5, "not valid TOML"),
        ("missing-field", 1, "required field 'title'"),
        ("wrong-type", 5, "'level' must be a whole number from 1 to 3"),
        ("unknown-category", 4, "Unknown category 'cooking'"),
        ("duplicate-step-id", 16, "'step-one' is already used on line 12"),
        ("malformed-step-id", 12, "Step id 'Scan_Form' must use lower-case"),
        ("step-without-id", 12, "has no {#id}"),
        ("step-without-text", 16, "has no text"),
        ("missing-image", 16, "Image not found"),
        ("image-outside", 16, "outside the lessons folder"),
        ("no-steps", 12, "has no steps"),
        ("id-mismatch", 2, "differs from the file name"),
        ("h1-heading", 12, "Do not use '#' headings"),
        ("bad-source", 9, "Sources must be https://"),
        ("not-utf8", 3, "not saved as UTF-8"),
        ("binary", 3, "not a text file"),
    ],
)
def test_each_error_is_reported_at_its_line(name, line, fragment):
    path = FIXTURES / "ja" / f"{name}.md"
    result = parse_lesson_file(path, builtin=True)
    assert result.lesson is None
    errors = [p for p in result.problems if p.is_error]
    assert [(p.line, fragment in p.en) for p in errors][:1] == [(line, True)], errors
    assert errors[0].ja and errors[0].ja != errors[0].en
    assert errors[0].format("en").startswith(f"{path}:{line}: error: ")
    assert errors[0].format("ja").startswith(f"{path}:{line}: エラー: ")


def test_a_link_off_policy_is_an_error_in_builtin_and_a_warning_in_user_lessons():
    path = FIXTURES / "ja" / "bad-link.md"
    builtin = parse_lesson_file(path, builtin=True)
    assert builtin.lesson is None
    assert [(p.line, p.severity) for p in builtin.problems] == [(14, "error")]
    user = parse_lesson_file(path, builtin=False)
    assert [(p.line, p.severity) for p in user.problems] == [(14, "warning")]
    assert user.lesson is not None and user.lesson.links[0].qr is False
    trusted = parse_lesson_file(path, builtin=False, trusted_domains=["example.com"])
    assert trusted.lesson is not None  # https is still required, so still no QR code
    assert trusted.lesson.links[0].qr is False


def test_unknown_field_is_a_warning_and_the_lesson_still_loads():
    result = parse_lesson_file(FIXTURES / "ja" / "unknown-field.md")
    assert result.lesson is not None
    assert [(p.line, p.severity) for p in result.problems] == [(11, "warning")]


def test_a_file_outside_ja_or_en_is_refused():
    result = parse_lesson_file(FIXTURES / "misplaced" / "misplaced.md")
    assert result.lesson is None and "ja/ or en/" in result.problems[0].en


def test_a_translation_with_other_step_ids_is_warned_about():
    problems = check_paths([FIXTURES / "pair"])
    assert [(p.path.name, p.line, p.severity) for p in problems] == [("paired.md", 12, "warning")]
    assert "step-two" in problems[0].en and "step-three" in problems[0].en


def test_crlf_and_bom_are_accepted():
    raw = (FIXTURES / "ja" / "crlf-bom.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is CRLF+BOM
    result = parse_lesson_file(FIXTURES / "ja" / "crlf-bom.md", builtin=True)
    assert result.problems == []
    assert result.lesson.id == "crlf-bom" and result.lesson.step_ids == ("step-one",)


def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "ja" / "huge.md"
    path.parent.mkdir()
    with path.open("wb") as fh:  # 50 MB, sparse: no time spent writing it
        fh.truncate(50 * 1024 * 1024)

    def no_reading(self, *args, **kwargs):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    result = parse_lesson_file(path)
    assert result.lesson is None
    assert result.problems[0].line == 1 and "too large" in result.problems[0].en


def test_a_missing_path_is_reported():
    problems = check_paths([FIXTURES / "no-such-folder"])
    assert len(problems) == 1 and "No such file" in problems[0].en


def test_the_body_becomes_the_intermediate_form():
    result = parse_lesson_file(FIXTURES / "ja" / "good-with-image.md", builtin=True)
    assert result.problems == []
    (step,) = result.lesson.steps
    assert (step.id, step.title, step.line) == ("step-one", "手順", 12)
    paragraph, image, note, numbered = step.blocks
    assert isinstance(paragraph, Paragraph) and paragraph.text == "本文です。"
    assert isinstance(image, Image) and image.alt == "申請書の見本" and image.path.is_file()
    assert (
        isinstance(note, Note) and note.blocks[0].text == "うまくいかないとき：係の人に聞きます。"
    )
    assert isinstance(numbered, ListBlock) and numbered.ordered and len(numbered.items) == 2
    first = numbered.items[0][0]
    assert [(s.text, s.bold) for s in first.spans] == [("一つ目", True), ("の操作", False)]
    nested = numbered.items[1][1]
    assert isinstance(nested, ListBlock) and not nested.ordered


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_new_lesson_template_passes_the_validator(tmp_path, lang):
    path = tmp_path / lang / "bus-app.md"
    path.parent.mkdir()
    path.write_text(new_lesson_text("bus-app", lang, "2026-11-24"), encoding="utf-8")
    result = parse_lesson_file(path)
    assert result.problems == [] and result.lesson.step_ids == ("first-step", "second-step")


def test_every_fixture_is_committed_as_is():
    # CRLF fixtures must not be normalised by git (see .gitattributes).
    attributes = (FIXTURES.parents[2] / ".gitattributes").read_text(encoding="utf-8")
    assert "tests/lessons/fixtures/** -text" in attributes
    assert os.path.getsize(FIXTURES / "ja" / "binary.md") > 0


def test_the_readme_example_lesson_is_valid(tmp_path):
    readme = (FIXTURES.parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing your own lesson") :]
    example = section[section.index("```markdown\n") + 12 : section.index("\n```\n")]
    path = tmp_path / "ja" / "bus-app.md"
    path.parent.mkdir()
    path.write_text(example + "\n", encoding="utf-8")
    result = parse_lesson_file(path)
    assert result.problems == []
    assert result.lesson.step_ids == ("open-map", "enter-destination")


def test_a_course_type_is_read_and_a_wrong_one_is_an_error_at_its_line(tmp_path):
    from dxhelper.core.categories import Course

    source = (FIXTURES / "ja" / "good-with-image.md").read_text(encoding="utf-8")
    folder = tmp_path / "ja"
    folder.mkdir()
    shutil.copytree(FIXTURES / "images", tmp_path / "images")
    for value, expected in (("applied", Course.APPLIED), ("basic", Course.BASIC)):
        path = folder / "good-with-image.md"
        path.write_text(source.replace("\nlevel =", f'\ncourse = "{value}"\nlevel =', 1), "utf-8")
        result = parse_lesson_file(path, builtin=True)
        assert result.lesson is not None and result.lesson.course == expected
    path.write_text(source.replace("\nlevel =", '\ncourse = "advanced"\nlevel =', 1), "utf-8")
    result = parse_lesson_file(path, builtin=True)
    assert result.lesson is None
    [problem] = [p for p in result.problems if p.is_error]
    line = source.split("\nlevel =")[0].count("\n") + 2
    assert problem.line == line and "advanced" in problem.en and "応用講座" in problem.ja
    # Without the field (a coordinator's older lesson): basic, and no complaint.
    without = parse_lesson_file(FIXTURES / "ja" / "good-with-image.md", builtin=False)
    assert without.lesson is not None and without.lesson.course == Course.BASIC
    assert not [p for p in without.problems if "course" in p.en]
