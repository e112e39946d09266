"""Ending a session stores the handover checklist: ticks, and skips with their reasons."""

from __future__ import annotations

import hashlib

import pytest

from dxhelper.core.errors import PrivacyError, ValidationError
from dxhelper.core.models import HandoverCheck, HandoverItem

VALID_MY_NUMBER = "271828182840"


def _digest(store) -> str:
    store.checkpoint()
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def _session(store, people):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    store.add_attendee(session.id, yamada.id)
    return session


def test_end_session_stores_each_tick_and_each_skip_reason(store, people):
    session = _session(store, people)
    checks = [
        HandoverCheck(HandoverItem.CARD_RETURNED, False, "カードは持参されなかった"),
        HandoverCheck(HandoverItem.PHONE_RETURNED, True),
        HandoverCheck(HandoverItem.LOGGED_OUT, True),
        HandoverCheck(HandoverItem.NOTHING_WRITTEN, True),
    ]
    ended = store.end_session(session.id, "11:30", checks)
    assert ended.end_time == "11:30" and not ended.is_open
    assert store.handover(session.id) == checks
    assert store.open_sessions() == []


def test_a_skip_without_reason_or_with_a_card_number_writes_nothing(store, people):
    session = _session(store, people)
    before = _digest(store)
    with pytest.raises(ValidationError) as no_reason:
        store.end_session(session.id, "11:30", [HandoverCheck(HandoverItem.PHONE_RETURNED, False)])
    assert "理由" in no_reason.value.message("ja")
    with pytest.raises(PrivacyError):
        store.end_session(
            session.id,
            "11:30",
            [HandoverCheck(HandoverItem.CARD_RETURNED, False, f"番号 {VALID_MY_NUMBER} をメモ")],
        )
    assert _digest(store) == before
    assert store.get_session(session.id).is_open and store.handover(session.id) == []


def test_resident_sessions_lists_their_history_newest_first(store, people):
    import datetime as dt

    venue, volunteer, yamada, sato = people
    older = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 5, 1), start_time="10:00"
    )
    newer = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 6, 1), start_time="10:00"
    )
    for s in (older, newer):
        store.add_attendee(s.id, yamada.id)
    assert [s.id for s in store.resident_sessions(yamada.id)] == [newer.id, older.id]
    assert store.resident_sessions(sato.id) == []
