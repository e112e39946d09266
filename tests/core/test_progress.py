"""A resident's progress grouped per lesson: counts, the next step, lessons that are gone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dxhelper.core.categories import Category
from dxhelper.core.lessons import Lesson, Step
from dxhelper.core.models import Progress, StepState
from dxhelper.core.progress import LessonProgress, group_progress

DONE, HELP, OPEN = StepState.DONE, StepState.NEEDS_HELP, StepState.OPEN


def lesson(lesson_id: str, *step_ids: str) -> Lesson:
    steps = tuple(Step(s, f"Step {s}", (), i) for i, s in enumerate(step_ids, 1))
    return Lesson(
        id=lesson_id,
        lang="en",
        title=f"Lesson {lesson_id}",
        category=Category.OTHER,
        level=1,
        minutes=30,
        version=1,
        checked=dt.date(2026, 1, 1),
        sources=(),
        bring=(),
        links=(),
        helpline=None,
        intro=(),
        steps=steps,
        path=Path(f"{lesson_id}.en.md"),
    )


def row(lesson_id: str, step_id: str, state: StepState) -> Progress:
    return Progress(
        f"{lesson_id}/{step_id}", "r1", lesson_id, step_id, state, None, None, "", "", "", ""
    )


LESSONS = {
    "apply": lesson("apply", "a1", "a2", "a3", "a4"),
    "portal": lesson("portal", "p1", "p2"),
    "unused": lesson("unused", "u1"),
}


def test_rows_are_grouped_per_lesson_in_the_given_order_with_done_and_help_counted():
    rows = [
        row("portal", "p1", DONE),
        row("apply", "a1", DONE),
        row("apply", "a2", HELP),
        row("apply", "a3", DONE),
        row("portal", "p2", DONE),
    ]
    grouped = group_progress(rows, LESSONS)
    assert [g.lesson_id for g in grouped] == ["apply", "portal"]  # "unused" has no rows
    apply, portal = grouped
    assert (apply.title, apply.total, apply.done, apply.needs_help) == ("Lesson apply", 4, 2, 1)
    assert (portal.total, portal.done, portal.needs_help) == (2, 2, 0)
    assert apply.state("a2") is HELP and apply.state("a4") is OPEN
    assert apply.lesson is LESSONS["apply"]


def test_the_next_step_is_the_first_not_done_and_none_when_all_are():
    grouped = group_progress(
        [
            row("apply", "a1", DONE),
            row("apply", "a2", HELP),  # needing help is not done: start here next time
            row("apply", "a3", DONE),
            row("portal", "p1", DONE),
            row("portal", "p2", DONE),
        ],
        LESSONS,
    )
    apply, portal = grouped
    assert apply.next_step is not None and apply.next_step.id == "a2"
    assert portal.next_step is None

    only_later = group_progress([row("apply", "a3", DONE)], LESSONS)[0]
    assert only_later.next_step is not None and only_later.next_step.id == "a1"


def test_a_later_row_for_the_same_step_wins():
    grouped = group_progress([row("portal", "p1", HELP), row("portal", "p1", DONE)], LESSONS)
    assert (grouped[0].done, grouped[0].needs_help) == (1, 0)


def test_steps_a_lesson_no_longer_has_are_not_counted():
    grouped = group_progress(
        [row("portal", "p1", DONE), row("portal", "removed", DONE), row("portal", "old", HELP)],
        LESSONS,
    )
    (portal,) = grouped
    assert (portal.total, portal.done, portal.needs_help) == (2, 1, 0)
    assert portal.next_step is not None and portal.next_step.id == "p2"


def test_lessons_no_longer_in_the_catalogue_come_last_by_id_with_every_row_counted():
    grouped = group_progress(
        [
            row("zzz-gone", "x", DONE),
            row("apply", "a1", DONE),
            row("gone", "x", DONE),
            row("gone", "y", HELP),
            row("gone", "z", DONE),
        ],
        LESSONS,
    )
    assert [g.lesson_id for g in grouped] == ["apply", "gone", "zzz-gone"]
    gone = grouped[1]
    assert gone.lesson is None and gone.title == "gone"
    assert (gone.total, gone.done, gone.needs_help) == (0, 2, 1)
    assert gone.next_step is None
    assert gone.state("y") is HELP and gone.state("w") is OPEN


def test_no_rows_no_lessons():
    assert group_progress([], LESSONS) == []
    assert group_progress([row("apply", "a1", DONE)], {}) == [
        LessonProgress("apply", None, {"a1": DONE})
    ]
