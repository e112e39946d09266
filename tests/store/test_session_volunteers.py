"""Issue 17 §1: a session has one or more volunteers, each with a role; the migration keeps
every existing session's volunteer (as 講師); the 1:4 rule is checked."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from schema_history import undo_m0007

from dxhelper.core.errors import ValidationError
from dxhelper.core.models import VolunteerRole, staffing_warning
from dxhelper.store import Store

LEAD, ASSISTANT, RECEPTION = VolunteerRole.LEAD, VolunteerRole.ASSISTANT, VolunteerRole.RECEPTION


@pytest.fixture
def world(tmp_path):
    store = Store.open(tmp_path / "dxhelper.sqlite3")
    venue = store.add_venue("中央公民館")
    aoki, suzuki, kato = (store.add_volunteer(n) for n in ("青木", "鈴木", "加藤"))
    session = store.start_session(
        venue_id=venue.id, volunteer_id=aoki.id, date=dt.date(2026, 11, 2), start_time="10:00"
    )
    yield store, session, aoki, suzuki, kato
    store.close()


def _team(store: Store, session_id: str) -> list[tuple[str, VolunteerRole]]:
    return [(m.display_name, m.role) for m in store.session_team(session_id)]


def test_who_starts_a_session_is_its_instructor(world):
    store, session, *_ = world
    assert _team(store, session.id) == [("青木", LEAD)]


def test_volunteers_are_added_with_roles_changed_and_taken_off(world):
    store, session, aoki, suzuki, kato = world
    store.set_session_volunteer(session.id, kato.id, RECEPTION)
    store.set_session_volunteer(session.id, suzuki.id, ASSISTANT)
    assert _team(store, session.id) == [("青木", LEAD), ("鈴木", ASSISTANT), ("加藤", RECEPTION)]
    store.set_session_volunteer(session.id, suzuki.id, LEAD)  # two teach
    assert _team(store, session.id) == [("青木", LEAD), ("鈴木", LEAD), ("加藤", RECEPTION)]
    store.remove_session_volunteer(session.id, aoki.id)
    assert _team(store, session.id) == [("鈴木", LEAD), ("加藤", RECEPTION)]
    store.set_session_volunteer(session.id, aoki.id, ASSISTANT)  # back again
    assert ("青木", ASSISTANT) in _team(store, session.id)


def test_saying_the_same_role_again_writes_nothing(world):
    store, session, aoki, *_ = world
    before = store.handle.db.execute("SELECT seq FROM change_counter").fetchone()[0]
    store.set_session_volunteer(session.id, aoki.id, LEAD)
    after = store.handle.db.execute("SELECT seq FROM change_counter").fetchone()[0]
    assert after == before


def test_the_last_volunteer_cannot_be_taken_off_and_a_bad_role_is_refused(world):
    store, session, aoki, suzuki, _ = world
    with pytest.raises(ValidationError) as caught:
        store.remove_session_volunteer(session.id, aoki.id)
    assert "1人以上" in caught.value.ja and "at least one" in caught.value.en
    with pytest.raises(ValidationError):
        store.set_session_volunteer(session.id, suzuki.id, "boss")
    assert _team(store, session.id) == [("青木", LEAD)]


def test_the_migration_keeps_every_sessions_volunteer_with_the_same_id_on_every_device(
    tmp_path, world
):
    store, session, _, suzuki, _ = world
    second = store.start_session(
        venue_id=store.list_venues()[0].id, volunteer_id=suzuki.id, date=dt.date(2026, 11, 3)
    )
    store.checkpoint()
    copies = []
    for name in ("a", "b"):  # two devices holding the same sessions from before m0007
        path = tmp_path / f"{name}.sqlite3"
        shutil.copy(store.path, path)
        conn = sqlite3.connect(path)
        undo_m0007(conn)
        conn.commit()
        conn.close()
        copies.append(path)
    teams = []
    for path in copies:
        with Store.open(path) as migrated:
            assert migrated.check().ok
            rows = migrated.handle.db.execute(
                "SELECT id, session_id, volunteer_id, role, created_at, updated_at, origin"
                " FROM session_volunteers ORDER BY session_id"
            ).fetchall()
            teams.append(rows)
            assert _team(migrated, session.id) == [("青木", LEAD)]
            assert _team(migrated, second.id) == [("鈴木", LEAD)]
            # The rows carry their session's stamps and origin, and count as changes to send.
            for _id, sid, _vid, _role, created, updated, origin in rows:
                own = migrated.get_session(sid)
                assert (created, updated, origin) == (own.created_at, own.updated_at, own.origin)
            logged = migrated.handle.db.execute(
                "SELECT count(*) FROM change_log WHERE table_name = 'session_volunteers'"
            ).fetchone()[0]
            assert logged == 2
    assert teams[0] == teams[1] and len(teams[0]) == 2


@pytest.mark.parametrize(
    ("learners", "roles", "warned"),
    [
        (8, [LEAD, ASSISTANT], False),  # 8 learners, 2 helpers: exactly the rule
        (9, [LEAD, ASSISTANT], True),  # one too many
        (9, [LEAD, ASSISTANT, ASSISTANT], False),
        (9, [LEAD, ASSISTANT, RECEPTION], True),  # reception does not help learners
        (3, [ASSISTANT], True),  # nobody teaches
        (0, [RECEPTION], False),  # nobody came yet
        (4, [LEAD], False),
    ],
)
def test_the_one_helper_per_four_learners_rule(learners, roles, warned):
    warning = staffing_warning(learners, roles)
    assert (warning is not None) == warned
    if warning and VolunteerRole.LEAD in roles:
        assert f"{learners}" in warning[0] and f"{learners} learners" in warning[1]


# Issue 17 §6: what a 個別相談 was about.


def test_a_consultation_keeps_its_topic_and_a_few_words_only_for_other(world):
    import dataclasses

    from dxhelper.core.errors import PrivacyError

    store, session, *_ = world
    saved = store.update_session(
        dataclasses.replace(session, kind="consultation", topic="myna-hokensho", topic_note="x")
    )
    assert (saved.topic, saved.topic_note) == ("myna-hokensho", "")  # words only with other
    saved = store.update_session(
        dataclasses.replace(saved, topic="other", topic_note="年金の手続き")
    )
    assert (saved.topic, saved.topic_note) == ("other", "年金の手続き")
    with pytest.raises(ValidationError):
        store.update_session(dataclasses.replace(saved, topic="pension"))
    with pytest.raises(PrivacyError):
        store.update_session(dataclasses.replace(saved, topic_note="暗証番号は1234"))
    with pytest.raises(ValidationError):
        store.update_session(dataclasses.replace(saved, topic_note="長" * 31))
    assert store.get_session(session.id).topic_note == "年金の手続き"
