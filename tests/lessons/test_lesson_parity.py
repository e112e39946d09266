"""Each built-in lesson says the same things in Japanese and English.

Per lesson id: the same step ids in the same order, the same link URLs, the same sources, the
same helpline number, and the same numbers (digit runs, after NFKC and English month names turned
into numbers) in each step.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from dxhelper.core.lessons import Catalogue
from dxhelper.core.lessons.model import Image, ListBlock, Note, Paragraph, Span
from dxhelper.demo import DEMO_LESSONS
from dxhelper.paths import builtin_lessons_dir

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {m: str(i) for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
# Only a month name next to a number is a date ("31 March 2026", "May 2023"), not "you may".
_MONTH = re.compile(
    r"(?<=\d )(" + "|".join(_MONTHS) + r")\b|\b(" + "|".join(_MONTHS) + r")(?= \d)",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _text(node) -> str:
    """The words a resident reads in a step: span texts and image alt texts, nothing else."""
    if isinstance(node, Span):
        return node.text
    if isinstance(node, Image):
        return node.alt
    if isinstance(node, (tuple, list)):
        return " ".join(_text(child) for child in node)
    if isinstance(node, Paragraph):
        return _text(node.spans)
    if isinstance(node, Note):
        return _text(node.blocks)
    if isinstance(node, ListBlock):
        return _text(node.items)
    return ""


def numbers(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    text = _MONTH.sub(lambda m: _MONTHS[(m.group(1) or m.group(2)).lower()], text)
    return sorted(_DIGITS.findall(text))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


@pytest.mark.parametrize("lesson_id", sorted(DEMO_LESSONS))
def test_japanese_and_english_say_the_same_things(catalogue, lesson_id):
    ja, en = catalogue.get(lesson_id, "ja"), catalogue.get(lesson_id, "en")
    assert ja.step_ids == en.step_ids
    assert [link.url for link in ja.links] == [link.url for link in en.links]
    assert ja.sources == en.sources
    assert ja.checked == en.checked and ja.version == en.version
    assert ja.course == en.course and ja.category == en.category
    assert (ja.helpline.number if ja.helpline else None) == (
        en.helpline.number if en.helpline else None
    )
    for ja_step, en_step in zip(ja.steps, en.steps, strict=True):
        assert numbers(_text(ja_step.blocks)) == numbers(_text(en_step.blocks)), ja_step.id
