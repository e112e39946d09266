"""Handouts from the records: a resident's sheet and a session's whole print run."""

from __future__ import annotations

from dxhelper.core.errors import NotFoundError
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


def find_resident(store: Store, query: str) -> Resident:
    """A resident by id, or by a name search that matches exactly one person."""
    try:
        return store.get_resident(query)
    except NotFoundError:
        pass
    hits = store.search_residents(query, limit=6)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(
            f"「{query}」に当てはまる方が見つかりません。",
            f"No resident matches '{query}'.",
        )
    names = "、".join(h.display_name for h in hits[:5])
    raise NotFoundError(
        f"「{query}」に当てはまる方が複数います（{names}…）。もっと詳しく入れるか、IDで指定してください。",
        f"More than one resident matches '{query}' ({', '.join(h.display_name for h in hits[:5])}"
        "…): type more of the name or give the id.",
    )


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
