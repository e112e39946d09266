"""Handouts from the records: a resident's sheet and a session's whole print run."""

from __future__ import annotations

from dxhelper.core.lessons import Catalogue, Lesson
from dxhelper.core.models import Resident
from dxhelper.handouts.sheet import Sheet, group_progress
from dxhelper.store import Store


def sheet_name(resident: Resident) -> str:
    """The name the resident goes by: their nickname when they gave one."""
    return resident.nickname.strip() or resident.display_name


def resident_sheet(store: Store, catalogue: Catalogue, resident_id: str, lang: str) -> Sheet:
    resident = store.get_resident(resident_id)
    lessons = {lesson.id: lesson for lesson in catalogue.lessons(lang)}
    return Sheet(sheet_name(resident), group_progress(store.progress_for(resident_id), lessons))


def session_print_run(
    store: Store, catalogue: Catalogue, session_id: str, lang: str
) -> tuple[list[Lesson], list[Sheet]]:
    """The lessons a session used (that still exist) and a sheet per named attendee."""
    store.get_session(session_id)  # an unknown id is a clear NotFoundError
    lessons = [
        catalogue.get(lesson_id, lang)
        for lesson_id in store.session_lessons(session_id)
        if lesson_id in catalogue
    ]
    sheets = [
        resident_sheet(store, catalogue, resident.id, lang)
        for resident in store.attendees(session_id)
    ]
    return lessons, sheets
