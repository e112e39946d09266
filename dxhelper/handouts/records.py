"""Handouts from the records: a resident's sheet, a session's whole print run, and what the
sign-in sheet, the next-session notice and the certificates of attendance take from a session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dxhelper.core.lessons import Catalogue, Lesson
from dxhelper.core.lessons.model import Helpline
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
    lessons = session_lessons(store, catalogue, session_id, lang)
    sheets = [
        resident_sheet(store, catalogue, resident.id, lang)
        for resident in store.attendees(session_id)
    ]
    return lessons, sheets


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """What the sign-in sheet and the next-session notice take from a session."""

    date: dt.date
    start_time: str
    end_time: str | None
    venue: str
    municipality: str  # the venue's; empty when it has none
    volunteer: str
    lesson_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Certificate:
    """One 受講証明: a named attendee (the name they go by), the session and who certifies it."""

    name: str
    date: dt.date
    venue: str
    lessons: tuple[str, ...]  # lesson titles, in the session's order
    volunteer: str
    municipality: str


def session_facts(store: Store, session_id: str) -> SessionFacts:
    """A session's date, times, venue (and its municipality), volunteer and lessons."""
    session = store.get_session(session_id)  # an unknown id is a clear NotFoundError
    venue = store.get_venue(session.venue_id)
    volunteer = store.get_volunteer(session.volunteer_id)
    return SessionFacts(
        date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
        venue=venue.name,
        municipality=venue.municipality,
        volunteer=volunteer.display_name,
        lesson_ids=tuple(store.session_lessons(session_id)),
    )


def session_lessons(store: Store, catalogue: Catalogue, session_id: str, lang: str) -> list[Lesson]:
    """The lessons a session used that the catalogue still has."""
    store.get_session(session_id)
    return [
        catalogue.get(lesson_id, lang)
        for lesson_id in store.session_lessons(session_id)
        if lesson_id in catalogue
    ]


def bring_list(lessons: Sequence[Lesson]) -> list[str]:
    """What to bring for these lessons: every lesson's `bring`, in order, each item once."""
    seen: dict[str, None] = {}
    for lesson in lessons:
        for item in lesson.bring:
            seen.setdefault(item.strip(), None)
    seen.pop("", None)
    return list(seen)


def first_helpline(lessons: Sequence[Lesson]) -> Helpline | None:
    return next((lesson.helpline for lesson in lessons if lesson.helpline), None)


def session_certificates(
    store: Store, catalogue: Catalogue, session_id: str, lang: str, municipality: str = ""
) -> list[Certificate]:
    """A certificate per named attendee (every named attendee consented to being recorded).

    The municipality is the venue's, else `municipality` (the settings'), else this
    installation's. A lesson the catalogue no longer has is named by its id.
    """
    facts = session_facts(store, session_id)
    titles = tuple(
        catalogue.get(lesson_id, lang).title if lesson_id in catalogue else lesson_id
        for lesson_id in facts.lesson_ids
    )
    town = facts.municipality or municipality.strip() or store.installation.municipality
    return [
        Certificate(
            name=sheet_name(resident),
            date=facts.date,
            venue=facts.venue,
            lessons=titles,
            volunteer=facts.volunteer,
            municipality=town,
        )
        for resident in store.attendees(session_id)
    ]
