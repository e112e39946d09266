"""The Store API round-trips every dataclass and refuses bad input without changing anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest

from dxhelper.core.errors import NotFoundError, PrivacyError, ValidationError
from dxhelper.core.models import AgeBand, Resident, SessionKind, StepState

VALID_MY_NUMBER = "271828182840"


def _digest(store) -> str:
    """A fingerprint of every row, to prove a refused write changed nothing."""
    store.checkpoint()
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def test_installation_has_an_id_that_becomes_every_rows_origin(store, people):
    venue, volunteer, yamada, _ = people
    assert len(store.installation.id) == 36
    assert {venue.origin, volunteer.origin, yamada.origin} == {store.installation.id}
    renamed = store.update_installation(name="青木の端末", municipality="みどり市")
    assert (renamed.name, renamed.municipality, renamed.is_demo) == (
        "青木の端末",
        "みどり市",
        False,
    )


def test_venues_and_volunteers_round_trip(store, people):
    venue, volunteer, _, _ = people
    assert store.get_venue(venue.id) == venue
    assert store.list_venues() == [venue]
    moved = store.update_venue(dataclasses.replace(venue, name="北地区公民館"))
    assert moved.name == "北地区公民館" and moved.created_at == venue.created_at
    assert store.get_volunteer(volunteer.id) == volunteer
    renamed = store.update_volunteer(dataclasses.replace(volunteer, display_name="青木 一郎"))
    assert store.list_volunteers() == [renamed]


def test_resident_round_trip_keeps_every_field(store, people):
    _, _, yamada, sato = people
    assert store.get_resident(yamada.id) == yamada
    assert isinstance(yamada, Resident) and yamada.age_band is AgeBand.SEVENTIES
    assert yamada.consent_date == dt.date(2026, 11, 1) and yamada.consent_version == "2026-1"
    edited = store.update_resident(
        dataclasses.replace(sato, note="老眼鏡を持参", age_band=AgeBand.SEVENTIES)
    )
    assert store.get_resident(sato.id) == edited
    assert edited.note == "老眼鏡を持参" and edited.age_band is AgeBand.SEVENTIES
    assert store.count_residents() == 2
    assert [r.display_name for r in store.list_residents()] == ["佐藤 茂", "山田 花子"]


def test_session_lifecycle_with_attendees_counts_and_lessons(store, people):
    venue, volunteer, yamada, sato = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    assert session.is_open and session.date == dt.date(2026, 11, 24)
    assert session.start_time == FIXED_LOCAL_START and session.kind is SessionKind.CLASS
    assert store.open_sessions() == [session]

    store.add_attendee(session.id, yamada.id)
    store.add_attendee(session.id, sato.id)
    store.add_attendee(session.id, yamada.id)  # twice is still once
    assert [r.id for r in store.attendees(session.id)] == [yamada.id, sato.id]
    store.remove_attendee(session.id, sato.id)
    assert [r.id for r in store.attendees(session.id)] == [yamada.id]

    counted = store.set_unnamed_counts(session.id, {AgeBand.SEVENTIES: 3, AgeBand.EIGHTY_PLUS: 2})
    assert counted.unnamed_total == 5 and counted.unnamed[AgeBand.SIXTIES] == 0
    counted = store.set_unnamed_counts(session.id, {AgeBand.SIXTIES: 1})
    assert counted.unnamed[AgeBand.SEVENTIES] == 3 and counted.unnamed_total == 6

    store.set_session_lessons(session.id, ["mynumber-apply", "smartphone-basics"])
    store.set_session_lessons(session.id, ["smartphone-basics", "myna-hokensho"])
    assert store.session_lessons(session.id) == ["smartphone-basics", "myna-hokensho"]

    edited = store.update_session(
        dataclasses.replace(counted, kind=SessionKind.CONSULTATION, note="雨で少なめ")
    )
    assert edited.kind is SessionKind.CONSULTATION and edited.unnamed == counted.unnamed
    ended = store.end_session(session.id, "12:00")
    assert ended.end_time == "12:00" and not ended.is_open
    assert store.open_sessions() == [] and store.recent_sessions() == [ended]


FIXED_LOCAL_START = dt.datetime(2026, 11, 24, 1, 30, tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def test_step_state_cycles_and_keeps_who_and_where(store, people):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    done = store.set_step_state(
        yamada.id,
        "mynumber-apply",
        "scan-form",
        StepState.DONE,
        session_id=session.id,
        volunteer_id=volunteer.id,
    )
    assert (done.state, done.session_id, done.volunteer_id) == (
        StepState.DONE,
        session.id,
        volunteer.id,
    )
    helped = store.set_step_state(yamada.id, "mynumber-apply", "scan-form", "help")
    cleared = store.set_step_state(yamada.id, "mynumber-apply", "scan-form", StepState.OPEN)
    assert helped.id == done.id == cleared.id  # one row per resident × lesson × step
    assert cleared.state is StepState.OPEN
    assert store.progress_for(yamada.id) == [cleared]
    assert store.progress_for(yamada.id, "smartphone-basics") == []


def test_month_counts_add_up_sessions_named_unnamed_and_steps(store, people):
    venue, volunteer, yamada, sato = people
    s1 = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    s2 = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 11, 2), start_time="13:30"
    )
    old = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 10, 30), start_time="13:30"
    )
    for s in (s1, s2):
        store.add_attendee(s.id, yamada.id)
    store.add_attendee(s1.id, sato.id)
    store.add_attendee(old.id, sato.id)
    store.set_unnamed_counts(s1.id, {AgeBand.SEVENTIES: 4})
    store.set_unnamed_counts(old.id, {AgeBand.SEVENTIES: 9})
    store.set_step_state(yamada.id, "smartphone-basics", "power-on", "done")
    store.set_step_state(yamada.id, "smartphone-basics", "wifi", "help")

    counts = store.month_counts(2026, 11)
    assert (counts.sessions, counts.named_attendances, counts.unnamed_attendances) == (2, 3, 4)
    assert counts.distinct_residents == 2 and counts.steps_done == 1
    assert counts.attendances == 7
    october = store.month_counts(2026, 10)
    assert (october.sessions, october.named_attendances, october.unnamed_attendances) == (1, 1, 9)
    assert october.steps_done == 0


# -- bad input: one clear message in both languages, and the database unchanged -------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", f"山田 {VALID_MY_NUMBER}"),
        ("nickname", "１２３４ ５６７８ ９０１８"),
        ("note", "暗証番号は1234です"),
        ("note", f"番号 {VALID_MY_NUMBER[:4]}-{VALID_MY_NUMBER[4:8]}-{VALID_MY_NUMBER[8:]}"),
        ("kana", "パスワード: abc12345"),
    ],
)
def test_privacy_guard_refuses_numbers_and_pins_in_resident_fields(store, people, field, value):
    _, _, yamada, _ = people
    before = _digest(store)
    with pytest.raises(PrivacyError) as caught:
        store.update_resident(dataclasses.replace(yamada, **{field: value}))
    assert caught.value.field == field
    assert caught.value.ja and caught.value.en and caught.value.ja != caught.value.en
    fields = {"display_name": "新しい人", field: value}
    with pytest.raises(PrivacyError):
        store.add_resident(consent_date=dt.date(2026, 11, 1), consent_version="2026-1", **fields)
    assert _digest(store) == before
    assert store.get_resident(yamada.id) == yamada


def test_privacy_guard_covers_venue_volunteer_and_session_notes(store, people):
    venue, volunteer, _, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    before = _digest(store)
    with pytest.raises(PrivacyError):
        store.add_venue(f"会場 {VALID_MY_NUMBER}")
    with pytest.raises(PrivacyError):
        store.update_venue(dataclasses.replace(venue, municipality="PIN 0000"))
    with pytest.raises(PrivacyError):
        store.add_volunteer(f"青木 {VALID_MY_NUMBER}")
    with pytest.raises(PrivacyError):
        store.update_session(dataclasses.replace(session, note="暗証番号 9876 を聞いた"))
    with pytest.raises(PrivacyError):
        store.start_session(
            venue_id=venue.id, volunteer_id=volunteer.id, note=f"マイナンバー{VALID_MY_NUMBER}"
        )
    assert _digest(store) == before


def test_near_misses_are_stored(store, people):
    _, _, yamada, _ = people
    note = "電話 090-1234-5678、番号 271828182841、13桁 2718281828401、2026-11-24"
    assert store.update_resident(dataclasses.replace(yamada, note=note)).note == note


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("", "入力してください"), ("   ", "入力してください"), ("あ" * 41, "長すぎます")],
)
def test_empty_or_over_long_names_are_refused(store, people, name, fragment):
    before = _digest(store)
    with pytest.raises(ValidationError) as caught:
        store.add_resident(name, consent_date=dt.date(2026, 11, 1), consent_version="2026-1")
    assert fragment in caught.value.ja and "name" in caught.value.en
    with pytest.raises(ValidationError):
        store.add_venue(name)
    with pytest.raises(ValidationError):
        store.add_volunteer(name)
    assert _digest(store) == before


def test_no_named_record_without_consent(store):
    with pytest.raises(ValidationError) as caught:
        store.add_resident("山田 花子", consent_date=None, consent_version="2026-1")
    assert "同意" in caught.value.ja and "consent" in caught.value.en
    with pytest.raises(ValidationError):
        store.add_resident("山田 花子", consent_date=dt.date(2027, 1, 1), consent_version="2026-1")
    assert store.count_residents() == 0


def test_unknown_ids_are_named_in_the_message_and_change_nothing(store, people, erase):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    before = _digest(store)
    cases = [
        lambda: store.start_session(venue_id="no-such-venue", volunteer_id=volunteer.id),
        lambda: store.start_session(venue_id=venue.id, volunteer_id="nobody"),
        lambda: store.add_attendee(session.id, "no-such-resident"),
        lambda: store.add_attendee("no-such-session", yamada.id),
        lambda: store.get_resident("no-such-resident"),
        lambda: erase(store, "no-such-resident"),
        lambda: store.update_resident(dataclasses.replace(yamada, id="no-such-resident")),
        lambda: store.set_step_state("no-such-resident", "mynumber-apply", "scan-form", "done"),
        lambda: store.set_step_state(
            yamada.id, "mynumber-apply", "scan-form", "done", session_id="no-such-session"
        ),
        lambda: store.end_session("no-such-session"),
    ]
    for case in cases:
        with pytest.raises(NotFoundError) as caught:
            case()
        assert "見つかりません" in caught.value.ja and "No " in caught.value.en
    assert _digest(store) == before


@pytest.mark.parametrize(
    "call",
    [
        lambda s, r, sess: s.set_step_state(r.id, "Bad Lesson", "x", "done"),
        lambda s, r, sess: s.set_step_state(r.id, "mynumber-apply", "scan form", "done"),
        lambda s, r, sess: s.set_step_state(r.id, "mynumber-apply", "scan-form", "finished"),
        lambda s, r, sess: s.set_unnamed_counts(sess.id, {AgeBand.SEVENTIES: -1}),
        lambda s, r, sess: s.set_unnamed_counts(sess.id, {AgeBand.SEVENTIES: 1000}),
        lambda s, r, sess: s.end_session(sess.id, "25:00"),
        lambda s, r, sess: s.set_session_lessons(sess.id, ["a", "a"]),
        lambda s, r, sess: s.update_session(dataclasses.replace(sess, kind="party")),
    ],
)
def test_malformed_values_are_refused(store, people, call):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    before = _digest(store)
    with pytest.raises(ValidationError):
        call(store, yamada, session)
    assert _digest(store) == before
