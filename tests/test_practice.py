"""The practice-data sandbox (issue 16 §6), without a screen: its own folder, a demo builder
that knows exactly what it wrote and never deletes anything else, and the settings switch."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from dxhelper.core.errors import DxError
from dxhelper.core.settings import Settings
from dxhelper.demo import DemoChangesError, DemoSpec, build_demo, build_practice, demo_changes
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store

SMALL = DemoSpec(residents=12, sessions=10, seed=5, end_month=dt.date(2026, 11, 1))


@pytest.fixture
def practice(tmp_path) -> DataPaths:
    paths = DataPaths(tmp_path / "data").practice
    build_practice(Library(paths), SMALL)
    return paths


def test_practice_paths_are_a_folder_inside_the_real_one(tmp_path):
    real = DataPaths(tmp_path)
    practice = real.practice
    assert practice.root == tmp_path / "practice" and practice.is_practice
    assert practice.database == tmp_path / "practice" / "dxhelper.sqlite3"
    assert practice.backups == tmp_path / "practice" / "backups"
    # Settings and the user's lessons are shared with the real records.
    assert practice.settings_dir == real.settings_dir == tmp_path
    assert practice.user_lessons == real.user_lessons == tmp_path / "lessons"
    assert practice.real == real and practice.practice == practice and not real.is_practice


def test_every_row_the_builder_writes_is_stamped_no_later_than_the_build(tmp_path, monkeypatch):
    """Sessions are stamped at their own time, which can be later than the build (today's
    classes, built just after midnight): the builder's clock stands at 00:00:01 today, and the
    sessions fall between the first of this month and today (200 of them: today has some)."""
    today = dt.date.today()
    early = dt.datetime.combine(today, dt.time(0, 0, 1)).astimezone()
    monkeypatch.setattr("dxhelper.store.store.utc_now", lambda: early)
    month = today.replace(day=1)
    end = month.replace(
        year=month.year + (month.month + 11 > 12), month=(month.month + 10) % 12 + 1
    )
    path = tmp_path / "dxhelper.sqlite3"
    build_demo(path, DemoSpec(residents=30, sessions=200, seed=3, end_month=end))
    monkeypatch.undo()
    with Store.open(path) as store:
        assert store.installation.is_demo
        assert demo_changes(store) == {}
        sessions = store.recent_sessions(limit=1000)
        assert {s.date for s in sessions} <= {month + dt.timedelta(d) for d in range(31)}


def test_a_fresh_build_has_no_changes_and_is_replaced_quietly(practice):
    with Store.open(practice.database) as store:
        assert demo_changes(store) == {}
    build_practice(Library(practice), dataclasses.replace(SMALL, residents=7))
    with Store.open(practice.database) as store:
        assert store.count_residents() == 7
    assert not practice.backups.exists()  # nothing to keep: no backup either


def test_changes_of_every_kind_are_found(practice):
    with Store.open(practice.database) as store:
        first, second, third, *_ = store.list_residents()
        store.update_resident(dataclasses.replace(first, note="本人が入力した"))
        added = store.add_resident(
            "本物 花子", consent_date=dt.date(2026, 11, 2), consent_version="2026-1"
        )
        foreign = dataclasses.replace(
            second,
            id="0d7c6a55-5c59-4c7b-9a0c-5b8a3f2f1b11",
            display_name="他端末 太郎",
            origin="0b0e6f3e-1111-4222-8333-944455556666",
        )
        store.bulk_add_residents([foreign])  # old stamps, another device's origin
        session = store.recent_sessions(limit=1)[0]
        store.discard_session(session.id)
        changes = demo_changes(store)
    assert set(changes["residents"]) == {first.display_name, added.display_name, "他端末 太郎"}
    assert third.display_name not in changes["residents"]
    assert "removals" in changes or "sessions" in changes  # the discarded session
    library = Library.opened(practice)
    library.erase_resident(added.id)
    library.close()
    with Store.open(practice.database) as store:
        assert len(demo_changes(store)["tombstones"]) == 1  # an erasure is someone's change


def test_build_demo_alone_refuses_to_replace_changed_practice_data(practice):
    with Store.open(practice.database) as store:
        store.add_resident("本物 一郎", consent_date=dt.date(2026, 11, 2), consent_version="x")
        store.checkpoint()
    before = practice.database.read_bytes()
    with pytest.raises(DemoChangesError) as caught:
        build_demo(practice.database, SMALL)
    assert caught.value.changes == {"residents": ["本物 一郎"]}
    assert practice.database.read_bytes() == before


def test_build_practice_backs_up_then_refuses_then_replaces_only_when_told(practice):
    names = [f"本物 {n}郎" for n in range(12)]
    with Store.open(practice.database) as store:
        for name in names:
            store.add_resident(name, consent_date=dt.date(2026, 11, 2), consent_version="x")
    with pytest.raises(DemoChangesError) as caught:
        build_practice(Library(practice), SMALL)
    error = caught.value
    assert error.backup is not None and error.backup.parent == practice.backups
    assert all(name in error.ja for name in names[:10]) and names[10] not in error.ja
    assert "ほか 2 人" in error.ja and "and 2 more" in error.en and "住民 12 件" in error.ja
    assert "--discard-changes" in error.en and str(error.backup) in error.en
    with Store.open(error.backup) as copy:
        assert {r.display_name for r in copy.list_residents()} >= set(names)
    with Store.open(practice.database) as store:
        assert store.count_residents() == 12 + len(names)  # nothing deleted

    build_practice(Library(practice), SMALL, discard_changes=True)
    with Store.open(practice.database) as store:
        assert store.count_residents() == 12 and demo_changes(store) == {}
    assert len(list(practice.backups.glob("*-demo*.sqlite3"))) == 2  # one more, first


def test_real_records_are_never_replaced(tmp_path):
    paths = DataPaths(tmp_path).practice
    with Store.open(paths.database) as store:  # real records where practice data belongs
        store.add_venue("本物の会場")
    with pytest.raises(DxError, match="上書きしません"):
        build_practice(Library(paths), SMALL, discard_changes=True)
    with Store.open(paths.database) as store:
        assert [v.name for v in store.list_venues()] == ["本物の会場"]


def test_the_records_setting_is_real_unless_practice(tmp_path):
    assert Settings.load(tmp_path).get("records") == "real"
    (tmp_path / "settings.json").write_text(json.dumps({"records": "demo"}))
    assert Settings.load(tmp_path).get("records") == "real"  # a wrong value: the default
    settings = Settings.load(tmp_path)
    settings.set("records", "practice")
    assert Settings.load(tmp_path).get("records") == "practice"
    with pytest.raises(DxError):
        settings.set("records", "demo")
