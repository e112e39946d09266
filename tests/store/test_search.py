"""Resident search as Japanese users expect: kana script, width and case folded; ranked."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

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
    assert store.search_residents("はなこ") == []  # not the start of anything
    assert store.search_residents("   ") == []
    assert store.search_residents("%") == [] and store.search_residents("_") == []


def test_limit_is_respected(store, town):
    assert len(store.search_residents("や", limit=2)) == 2


def test_a_search_reflects_edits_and_erasure(store, town):
    store.erase_resident(town["yamada"].id)
    assert "山田 花子" not in _names(store.search_residents("やま"))
