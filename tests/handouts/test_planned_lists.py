"""Issue 18's printables: the door list (受付名簿) of a planned session and the reminder call
list, which holds only residents who consented to their phone number being kept."""

from __future__ import annotations

import datetime as dt

import pytest
from pdftools import flat, page_texts

from dxhelper.handouts.planned_lists import (
    WALK_IN_ROWS,
    call_list_pdf,
    door_list_pdf,
    plan_call_list,
    plan_door_list,
)
from dxhelper.store import Store

D = dt.date
CONSENT = {"consent_date": D(2026, 11, 1), "consent_version": "2026-1"}


@pytest.fixture
def planned(tmp_path):
    store = Store.open(tmp_path / "dxhelper.sqlite3")
    venue = store.add_venue("中央公民館")
    plan = store.planning.add_plan(
        date=D(2026, 12, 8),
        start_time="10:00",
        end_time="12:00",
        venue_id=venue.id,
        title="はじめてのスマホ教室",
        capacity=3,
    )
    people = [
        store.add_resident(name, kana=kana, **CONSENT)
        for name, kana in [
            ("青木 花子", "あおき はなこ"),
            ("佐藤 一郎", "さとう いちろう"),
            ("鈴木 次郎", "すずき じろう"),
            ("田中 三郎", "たなか さぶろう"),
        ]
    ]
    for person in people:
        store.planning.sign_up(plan.id, person.id)
    store.planning.set_phone(people[0].id, "090-1111-2222", consent_date=D(2026, 11, 1))
    store.planning.set_phone(people[3].id, "080-3333-4444", consent_date=D(2026, 11, 1))
    yield store, plan, people
    store.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_door_list_holds_the_signed_up_names_readings_and_walk_in_rows(planned, lang):
    store, plan, people = planned
    door = plan_door_list(store, plan.id, lang)
    assert [row.name for row in door.rows] == [p.display_name for p in people]
    assert [row.waiting for row in door.rows] == [0, 0, 0, 1]
    text = flat("".join(page_texts(door_list_pdf(door, lang).data)))
    for person in people:
        assert flat(person.display_name) in text and flat(person.kana) in text
    assert ("受付名簿" if lang == "ja" else "Doorlist") in text
    assert ("キャンセル待ち1番" if lang == "ja" else "Waitinglist1") in text
    # Numbered rows go on past the sign-ups for the walk-ins.
    assert str(len(people) + WALK_IN_ROWS) in text
    assert "090" not in text  # no phone numbers at the door


def test_the_call_list_holds_only_consented_phones(planned):
    store, plan, people = planned
    calls = plan_call_list(store, plan.id, "ja")
    assert [(row.name, row.phone) for row in calls.rows] == [
        ("青木 花子", "090-1111-2222"),
        ("田中 三郎", "080-3333-4444"),
    ]
    text = flat("".join(page_texts(call_list_pdf(calls, "ja").data)))
    assert "090-1111-2222" in text and "080-3333-4444" in text
    assert flat("青木 花子") in text and flat("田中 三郎") in text
    assert flat("佐藤 一郎") not in text and flat("鈴木 次郎") not in text
    for box in ("電話した", "出ない", "取り消し"):
        assert box in text
    # A phone withdrawn is gone from the next list.
    store.planning.forget_phone(people[0].id)
    again = flat("".join(page_texts(call_list_pdf(plan_call_list(store, plan.id, "ja")).data)))
    assert "090-1111-2222" not in again and flat("青木 花子") not in again


def test_an_empty_call_list_says_so():
    from dxhelper.handouts.planned_lists import CallList

    text = flat("".join(page_texts(call_list_pdf(CallList("x"), "ja").data)))
    assert "電話番号を記録している方はいません" in text
