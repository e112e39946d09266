"""Resident search as Japanese users expect: kana script, width and case folded; ranked."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from schema_history import undo_m0005

CONSENT = {"consent_date": dt.date(2026, 1, 10), "consent_version": "2026-1"}


@pytest.fixture
def town(store):
    venue = store.add_venue("中央公民館")
    volunteer = store.add_volunteer("推進委員 青木")
    residents = {
        "yamada": store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT),
        "yama": store.add_resident("山 一郎", kana="やま いちろう", **CONSENT),
        "yamamoto": store.add_resident("山本 茂", kana="ヤマモト シゲル", **CONSENT),
        "sato": store.add_resident(
            "佐藤 和子", kana="サトウ カズコ", nickname="カズさん", **CONSENT
        ),
        "smith": store.add_resident("Mary Smith", kana="メアリー スミス", **CONSENT),
    }
    # 山本 came yesterday, 山田 last month, 山 never: the ranking after exact hits.
    for day, who in ((dt.date(2026, 11, 23), "yamamoto"), (dt.date(2026, 10, 20), "yamada")):
        session = store.start_session(
            venue_id=venue.id, volunteer_id=volunteer.id, date=day, start_time="10:00"
        )
        store.add_attendee(session.id, residents[who].id)
    return residents


def _names(found) -> list[str]:
    return [r.display_name for r in found]


@pytest.mark.parametrize("query", ["やま", "ﾔﾏ", "ヤマ", "ﾔﾏﾀﾞ", "やまだ", "やマ", "山"])
def test_yamada_is_found_by_hiragana_katakana_and_half_width(store, town, query):
    assert "山田 花子" in _names(store.search_residents(query))


def test_exact_reading_first_then_most_recent_attendee_then_reading_order(store, town):
    assert _names(store.search_residents("やまいちろう")) == ["山 一郎"]
    # No exact hit for "やま" alone: recent attendees first, the never-seen last.
    assert _names(store.search_residents("やま")) == ["山本 茂", "山田 花子", "山 一郎"]
    store.update_resident(dataclasses.replace(town["yama"], kana="やま"))
    assert _names(store.search_residents("ヤマ"))[0] == "山 一郎"  # exact reading wins


def test_matches_the_start_of_name_nickname_or_reading_only(store, town):
    assert _names(store.search_residents("山田")) == ["山田 花子"]
    assert _names(store.search_residents("山田花")) == ["山田 花子"]  # spaces are ignored
    assert _names(store.search_residents("かず")) == ["佐藤 和子"]  # nickname カズさん
    assert _names(store.search_residents("mary")) == ["Mary Smith"]  # Latin, any case
    assert _names(store.search_residents("ＭＡＲＹ")) == ["Mary Smith"]  # full-width Latin
    assert _names(store.search_residents("はなこ")) == ["山田 花子"]  # the given reading
    assert _names(store.search_residents("和子")) == ["佐藤 和子"]  # the given name
    assert store.search_residents("なこ") == []  # not the start of anything
    assert store.search_residents("   ") == []
    assert store.search_residents("%") == [] and store.search_residents("_") == []


def test_limit_is_respected(store, town):
    assert len(store.search_residents("や", limit=2)) == 2


def test_a_search_reflects_edits_and_erasure(store, town, erase):
    erase(store, town["yamada"].id)
    assert "山田 花子" not in _names(store.search_residents("やま"))


def test_recency_follows_attendance_added_removed_and_sessions_moved(store, town):
    """The search ranks by a last_seen date the database keeps right by itself (m0002)."""
    venue, volunteer = store.list_venues()[0], store.list_volunteers()[0]
    # 山 comes today: now the most recent of the three.
    today = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 11, 24), start_time="10:00"
    )
    store.add_attendee(today.id, town["yama"].id)
    assert _names(store.search_residents("やま")) == ["山 一郎", "山本 茂", "山田 花子"]
    # Recorded by mistake: taking them off puts them back to never seen.
    store.remove_attendee(today.id, town["yama"].id)
    assert _names(store.search_residents("やま")) == ["山本 茂", "山田 花子", "山 一郎"]
    # 山田's session was really in December: moving its date moves 山田 up.
    yamada_session = next(
        s
        for s in store.recent_sessions(10)
        if town["yamada"].id in {r.id for r in store.attendees(s.id)}
    )
    store.update_session(dataclasses.replace(yamada_session, date=dt.date(2026, 12, 1)))
    assert _names(store.search_residents("やま")) == ["山田 花子", "山本 茂", "山 一郎"]


def test_migration_fills_last_seen_for_an_existing_database(tmp_path):
    """A database made before m0002 gets last_seen from its attendance when it is opened."""
    import sqlite3

    from sqlite_utils import Database

    from dxhelper.store import Store
    from dxhelper.store.schema import m0001_initial

    path = tmp_path / "old.sqlite3"
    with Store.open(path) as store:
        venue = store.add_venue("中央公民館")
        volunteer = store.add_volunteer("推進委員 青木")
        old = store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
        new = store.add_resident("山本 茂", kana="ヤマモト シゲル", **CONSENT)
        session = store.start_session(
            venue_id=venue.id,
            volunteer_id=volunteer.id,
            date=dt.date(2026, 5, 1),
            start_time="10:00",
        )
        store.add_attendee(session.id, new.id)
    # Take the database back to how m0001 left it (m0005's additions go first).
    conn = sqlite3.connect(path)
    undo_m0005(conn)
    for trigger in [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
    ]:
        conn.execute(f"DROP TRIGGER {trigger}")
    for index in ("residents_kana_seen", "residents_name_seen", "residents_nickname_seen"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE residents DROP COLUMN last_seen")
    for statement in (
        "CREATE INDEX residents_name_key ON residents(name_key)",
        "CREATE INDEX residents_kana_key ON residents(kana_key)",
        "CREATE INDEX residents_nickname_key ON residents(nickname_key)",
    ):
        conn.execute(statement)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0002_resident_last_seen'")
    conn.commit()
    conn.close()
    assert m0001_initial  # the first migration stays as shipped
    with Store.open(path) as store:
        applied = store.check().applied_migrations
        assert applied[-6:] == [
            "m0002_resident_last_seen",
            "m0005_removals_and_finding",
            "m0006_change_sequence",
            "m0007_session_volunteers",
            "m0008_consultation_topic",
            "m0009_planning",
        ]
        assert _names(store.search_residents("やま")) == ["山本 茂", "山田 花子"]
    seen = dict(Database(path).execute("SELECT id, last_seen FROM residents").fetchall())
    assert seen == {old.id: None, new.id: "2026-05-01"}
