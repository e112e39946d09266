"""Records that can be corrected: an ended session's times and attendees, a session discarded,
a step put back as an earlier session left it, and finding the right person to add."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dxhelper.core.errors import DxError, NotFoundError, StoreError, ValidationError
from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import StepState
from dxhelper.paths import builtin_lessons_dir
from dxhelper.reports import ReportFilter, build_report
from dxhelper.store import stamp

CONSENT = {"consent_date": dt.date(2026, 10, 1), "consent_version": "2026-1"}
NOVEMBER = dt.date(2026, 11, 1)


@pytest.fixture
def ended(store, people):
    venue, volunteer, yamada, sato = people
    session = store.start_session(
        venue_id=venue.id,
        volunteer_id=volunteer.id,
        date=dt.date(2026, 11, 20),
        start_time="10:00",
    )
    for resident in (yamada, sato):
        store.add_attendee(session.id, resident.id)
    store.end_session(session.id, "11:30")
    return session, yamada, sato


def _report(store):
    catalogue = Catalogue.load(builtin_lessons_dir(), None)
    return build_report(store, catalogue, ReportFilter(NOVEMBER, NOVEMBER))


def test_an_ended_session_is_corrected_and_the_report_follows(store, ended):
    session, yamada, sato = ended
    assert _report(store).figure("attendances") == 2
    store.remove_attendee(session.id, sato.id)
    corrected = store.update_session(
        dataclasses.replace(store.get_session(session.id), start_time="09:30", end_time="12:00")
    )
    assert (corrected.start_time, corrected.end_time) == ("09:30", "12:00")
    assert [r.id for r in store.attendees(session.id)] == [yamada.id]
    assert _report(store).figure("attendances") == 1
    assert store.month_counts(2026, 11).named_attendances == 1


def test_an_end_before_the_start_is_refused_and_changes_nothing(store, ended):
    session, *_ = ended
    before = store.get_session(session.id)
    with pytest.raises(ValidationError) as caught:
        store.update_session(dataclasses.replace(before, end_time="09:00"))
    assert "before the start" in caught.value.en and "開始時刻" in caught.value.ja
    assert store.get_session(session.id) == before


def test_a_past_session_is_entered_with_its_real_date_and_times(store, people):
    venue, volunteer, yamada, _ = people
    session = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 11, 2), start_time="13:00"
    )
    store.add_attendee(session.id, yamada.id)
    ended = store.end_session(session.id, "15:00")
    assert (ended.date, ended.start_time, ended.end_time) == (
        dt.date(2026, 11, 2),
        "13:00",
        "15:00",
    )


def test_a_discarded_session_vanishes_from_counts_reports_and_lists(store, ended):
    session, yamada, _ = ended
    assert store.month_counts(2026, 11).sessions == 1
    store.discard_session(session.id)
    assert store.month_counts(2026, 11).sessions == 0
    assert _report(store).figure("sessions") == 0
    assert store.recent_sessions() == [] and store.list_sessions(month=NOVEMBER) == []
    assert store.resident_sessions(yamada.id) == []
    with pytest.raises(NotFoundError):
        store.get_session(session.id)


def test_sessions_are_listed_by_month_venue_and_kind(store, people, ended):
    _venue, volunteer, *_ = people
    other = store.add_venue("北公民館")
    store.start_session(
        venue_id=other.id,
        volunteer_id=volunteer.id,
        kind="consultation",
        date=dt.date(2026, 10, 5),
        start_time="10:00",
    )
    assert len(store.list_sessions()) == 2
    assert [s.id for s in store.list_sessions(month=NOVEMBER)] == [ended[0].id]
    assert [s.venue_id for s in store.list_sessions(venue_id=other.id)] == [other.id]
    assert [s.kind.value for s in store.list_sessions(kind="consultation")] == ["consultation"]


def test_last_times_people_come_back_from_this_venue_and_kind(store, people, ended):
    venue, volunteer, _yamada, _sato = people
    today = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    names = [r.display_name for r in store.last_attendees(venue.id, "class", but=today.id)]
    assert names == ["佐藤 茂", "山田 花子"]  # reading order
    assert store.last_attendees(venue.id, "consultation", but=today.id) == []


def test_a_step_put_back_keeps_the_earlier_moment_and_session(store, ended):
    session, yamada, _ = ended
    earlier = store.set_step_state(
        yamada.id, "mynumber-apply", "scan-form", "done", session_id=session.id
    )
    store.set_step_state(yamada.id, "mynumber-apply", "scan-form", "help")
    back = store.set_step_state(
        yamada.id,
        "mynumber-apply",
        "scan-form",
        StepState.DONE,
        session_id=earlier.session_id,
        at=earlier.at,
    )
    assert (back.state, back.session_id, back.at) == (StepState.DONE, session.id, earlier.at)
    assert back.updated_at == stamp(store.now())  # the change itself is stamped: it travels
    with pytest.raises(ValidationError):
        store.set_step_state(yamada.id, "mynumber-apply", "scan-form", "done", at="yesterday")


def test_a_missing_row_while_ticking_is_our_own_error(store, ended):
    _, yamada, _ = ended
    with pytest.raises(DxError) as caught:
        store.set_step_state(
            yamada.id, "mynumber-apply", "scan-form", "done", volunteer_id="no-such-volunteer"
        )
    assert isinstance(caught.value, (NotFoundError, StoreError))


@pytest.fixture
def namesakes(store, people):
    venue, volunteer, *_ = people
    found = {
        "hiroshi": store.add_resident("佐藤 浩", kana="さとう ひろし", district="東町", **CONSENT),
        "hiroko": store.add_resident("佐藤 弘子", kana="さとう ひろこ", **CONSENT),
        "kimura1": store.add_resident("木村 勝", kana="きむら まさる", district="東町", **CONSENT),
        "kimura2": store.add_resident("木村 勝", kana="きむら まさる", district="西町", **CONSENT),
    }
    session = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 11, 1), start_time="10:00"
    )
    store.add_attendee(session.id, found["kimura2"].id)
    return found


def _hits(store, query, session_id):
    return [(h.resident.display_name, h.present) for h in store.search_attendees(query, session_id)]


@pytest.mark.parametrize("query", ["ひろし", "浩", "satou hiroshi", "sato", "hirosi", "ﾋﾛｼ"])
def test_given_names_romaji_and_widths_find_the_person(store, people, namesakes, query):
    venue, volunteer, *_ = people
    today = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    found = [h.resident.id for h in store.search_attendees(query, today.id)]
    assert namesakes["hiroshi"].id in found


def test_whole_name_first_then_surname_then_given_name_and_present_people_last(
    store, people, namesakes
):
    venue, volunteer, _yamada, _sato = people
    today = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    hits = store.search_attendees("さとうひろし", today.id)
    assert hits[0].resident.id == namesakes["hiroshi"].id and hits[0].exact
    store.add_attendee(today.id, namesakes["hiroshi"].id)
    # "さとう": three 佐藤; the one already here goes last, marked present.
    names = _hits(store, "さとう", today.id)
    assert names[-1] == ("佐藤 浩", True)
    assert {n for n, _ in names[:-1]} == {"佐藤 弘子", "佐藤 茂"}
    # A surname start outranks a given name start: "ひろ" is 浩/弘子's given name only.
    assert [n for n, _ in _hits(store, "ひろ", today.id)][:1] == ["佐藤 弘子"]


def test_namesakes_are_told_apart_by_district_and_last_visit(store, people, namesakes):
    venue, volunteer, *_ = people
    today = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    hits = store.search_attendees("きむら", today.id)
    assert len(hits) == 2
    came, never = (hits[0], hits[1])
    assert came.resident.district == "西町" and came.last_date == dt.date(2026, 11, 1)
    assert came.last_venue == "中央公民館"
    assert never.resident.district == "東町" and never.last_date is None and not never.last_venue
