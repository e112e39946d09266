"""A resident's progress rows grouped per lesson and step: what the Residents screen and the
personal sheet both show, each in its own way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dxhelper.core.lessons.model import Lesson, Step
from dxhelper.core.models import Progress, StepState


@dataclass(frozen=True, slots=True)
class LessonProgress:
    """One resident's steps in one lesson."""

    lesson_id: str
    lesson: Lesson | None  # None when the lesson is no longer in the catalogue
    states: Mapping[str, StepState]  # step id → state; a missing step is open

    def state(self, step_id: str) -> StepState:
        return self.states.get(step_id, StepState.OPEN)

    @property
    def title(self) -> str:
        """The lesson's title; its id when the lesson is gone."""
        return self.lesson.title if self.lesson is not None else self.lesson_id

    @property
    def total(self) -> int:
        """The lesson's step count; 0 when the lesson is no longer in the catalogue."""
        return len(self.lesson.steps) if self.lesson is not None else 0

    @property
    def done(self) -> int:
        return self._count(StepState.DONE)

    @property
    def needs_help(self) -> int:
        return self._count(StepState.NEEDS_HELP)

    @property
    def next_step(self) -> Step | None:
        """The first step not yet done ("needs help" counts as not done); None when all are
        done or the lesson is gone."""
        if self.lesson is None:
            return None
        return next((s for s in self.lesson.steps if self.state(s.id) != StepState.DONE), None)

    def _count(self, state: StepState) -> int:
        # Only steps the lesson still has count, so a step removed from a lesson file never
        # makes a lesson read more than done; a lesson that is gone counts every row it left.
        if self.lesson is None:
            return sum(1 for value in self.states.values() if value is state)
        return sum(1 for step in self.lesson.steps if self.states.get(step.id) is state)


def group_progress(
    progress: Iterable[Progress], lessons: Mapping[str, Lesson]
) -> list[LessonProgress]:
    """A resident's progress rows per lesson: the lessons of `lessons` (id → lesson, in the
    order to show) they have progress in, then lessons no longer there, by id."""
    by_lesson: dict[str, dict[str, StepState]] = {}
    for row in progress:
        by_lesson.setdefault(row.lesson_id, {})[row.step_id] = row.state
    known = [
        LessonProgress(lesson_id, lesson, by_lesson[lesson_id])
        for lesson_id, lesson in lessons.items()
        if lesson_id in by_lesson
    ]
    gone = [
        LessonProgress(lesson_id, None, by_lesson[lesson_id])
        for lesson_id in sorted(by_lesson)
        if lesson_id not in lessons
    ]
    return known + gone
