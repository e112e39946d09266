"""Erasing a resident is real: no byte of their name stays in the database or its WAL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

NAME = "消去確認用 長谷川ツネヨ"
KANA = "ハセガワ ツネヨ"
NOTE = "合言葉は「つくしんぼ」"


def _files(db_path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        f = Path(str(db_path) + suffix)
        if f.exists():
            data += f.read_bytes()
    return data


def test_erasing_a_resident_leaves_only_a_tombstone(store, people, db_path, erase):
    venue, volunteer, yamada, _ = people
    target = store.add_resident(
        NAME, kana=KANA, note=NOTE, consent_date=dt.date(2026, 11, 1), consent_version="2026-1"
    )
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    store.add_attendee(session.id, target.id)
    store.add_attendee(session.id, yamada.id)
    store.set_step_state(target.id, "mynumber-apply", "scan-form", "done", session_id=session.id)
    store.set_step_state(yamada.id, "mynumber-apply", "scan-form", "done", session_id=session.id)
    store.checkpoint()
    needles = [s.encode() for s in (NAME, KANA, NOTE, "はせがわつねよ")]
    assert all(n in _files(db_path) for n in needles)  # the test can see the name before

    erase(store, target.id)

    remaining = _files(db_path)
    for needle in needles:
        assert needle not in remaining
    assert store.tombstones() == [target.id]
    assert [r.id for r in store.attendees(session.id)] == [yamada.id]
    assert store.progress_for(target.id) == []
    assert len(store.progress_for(yamada.id)) == 1  # others keep theirs
    assert store.check().ok
