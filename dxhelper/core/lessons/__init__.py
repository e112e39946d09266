"""Lessons: the file format, its parser and validator, and the catalogue of all lessons."""

from dxhelper.core.lessons.catalogue import Catalogue
from dxhelper.core.lessons.model import (
    Block,
    Helpline,
    Image,
    Lesson,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Problem,
    Span,
    Step,
)
from dxhelper.core.lessons.parser import parse_lesson_file

__all__ = [
    "Block",
    "Catalogue",
    "Helpline",
    "Image",
    "Lesson",
    "Link",
    "ListBlock",
    "Note",
    "Paragraph",
    "Problem",
    "Span",
    "Step",
    "parse_lesson_file",
]
