"""Issue 17 §1: a session's volunteers travel in bundles and merge: two devices that each add
a volunteer to the same session end with both; taking one off travels too; a bundle from
before (format 2) gives its sessions their volunteer as 講師."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile

from bundletools import START, Ticking, import_into, make_device

from dxhelper.core.models import VolunteerRole
from dxhelper.exchange import export_bundle
from dxhelper.store import Store

LEAD, ASSISTANT, RECEPTION = VolunteerRole.LEAD, VolunteerRole.ASSISTANT, VolunteerRole.RECEPTION


def _team(store: Store, session_id: str) -> set[tuple[str, VolunteerRole]]:
    return {(m.display_name, m.role) for m in store.session_team(session_id)}


def _copy_device(tmp_path, source: Store, name: str) -> Store:
    """A second device holding the same records (as after an import), with its own clock."""
    export_bundle(source, tmp_path / f"to-{name}.dxhelper")
    other = Store.open(
        tmp_path / name / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(hours=1))
    )
    import_into(other, [tmp_path / f"to-{name}.dxhelper"], backups_dir=tmp_path / name / "backups")
    return other


def test_two_devices_each_adding_a_volunteer_to_one_session_merge_to_both(tmp_path):
    a = make_device(tmp_path, "a", START)
    session = a.recent_sessions(1)[0]
    b = _copy_device(tmp_path, a, "b")
    try:
        suzuki = a.add_volunteer("推進委員 鈴木")
        a.set_session_volunteer(session.id, suzuki.id, ASSISTANT)
        kato = b.add_volunteer("推進委員 加藤")
        b.set_session_volunteer(session.id, kato.id, RECEPTION)
        export_bundle(a, tmp_path / "a2.dxhelper")
        export_bundle(b, tmp_path / "b2.dxhelper")
        import_into(a, [tmp_path / "b2.dxhelper"], backups_dir=tmp_path / "a" / "backups")
        import_into(b, [tmp_path / "a2.dxhelper"], backups_dir=tmp_path / "b" / "backups")
        expected = {
            ("推進委員 田中", LEAD),
            ("推進委員 鈴木", ASSISTANT),
            ("推進委員 加藤", RECEPTION),
        }
        assert _team(a, session.id) == _team(b, session.id) == expected
        # Taking someone off travels: a removes 鈴木, b hears of it.
        a.remove_session_volunteer(session.id, suzuki.id)
        export_bundle(a, tmp_path / "a3.dxhelper", since_last_to="b")
        import_into(b, [tmp_path / "a3.dxhelper"], backups_dir=tmp_path / "b" / "backups")
        assert ("推進委員 鈴木", ASSISTANT) not in _team(b, session.id)
        assert _team(a, session.id) == _team(b, session.id)
    finally:
        a.close()
        b.close()


def test_the_same_volunteer_added_on_two_devices_is_one_row_the_newer_role_winning(tmp_path):
    a = make_device(tmp_path, "a", START)
    session = a.recent_sessions(1)[0]
    b = _copy_device(tmp_path, a, "b")
    try:
        suzuki = a.add_volunteer("推進委員 鈴木")
        export_bundle(a, tmp_path / "a1.dxhelper")
        import_into(b, [tmp_path / "a1.dxhelper"], backups_dir=tmp_path / "b" / "backups")
        a.set_session_volunteer(session.id, suzuki.id, ASSISTANT)  # different ids, one pair
        b.set_session_volunteer(session.id, suzuki.id, LEAD)  # later (b's clock is now)
        export_bundle(a, tmp_path / "a2.dxhelper")
        import_into(b, [tmp_path / "a2.dxhelper"], backups_dir=tmp_path / "b" / "backups")
        rows = b.handle.db.execute(
            "SELECT role FROM session_volunteers WHERE session_id = ? AND volunteer_id = ?",
            [session.id, suzuki.id],
        ).fetchall()
        assert rows == [("lead",)]
    finally:
        a.close()
        b.close()


def test_a_bundle_of_format_2_gives_each_session_its_volunteer_as_instructor(tmp_path):
    a = make_device(tmp_path, "a", START)
    session = a.recent_sessions(1)[0]
    try:
        export_bundle(a, tmp_path / "new.dxhelper")
    finally:
        a.close()
    # The same bundle as a volunteer on the previous version would write it.
    old = tmp_path / "old.dxhelper"
    with zipfile.ZipFile(tmp_path / "new.dxhelper") as source:
        members = {name: source.read(name) for name in source.namelist()}
    planning = ("series", "plans", "signups", "outcomes", "resident_phones")
    for table in ("session_volunteers", *planning):
        del members[f"{table}.jsonl"]
    sessions = [json.loads(line) for line in members["sessions.jsonl"].splitlines()]
    for row in sessions:  # format 2 had no consultation topic either
        del row["topic"], row["topic_note"]
    members["sessions.jsonl"] = "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in sessions
    ).encode()
    manifest_sha = hashlib.sha256(members["sessions.jsonl"]).hexdigest()
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 2
    for table in ("session_volunteers", *planning):
        del manifest["counts"][table], manifest["sha256"][f"{table}.jsonl"]
    manifest["sha256"]["sessions.jsonl"] = manifest_sha
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(old, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    city = Store.open(
        tmp_path / "city" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(1))
    )
    try:
        import_into(city, [old], backups_dir=tmp_path / "city" / "backups")
        assert _team(city, session.id) == {("推進委員 田中", LEAD)}
        # When the sender upgrades, their migrated row is the same row: nothing doubles.
        import_into(city, [tmp_path / "new.dxhelper"], backups_dir=tmp_path / "city" / "backups")
        count = city.handle.db.execute("SELECT count(*) FROM session_volunteers").fetchone()[0]
        assert count == 1
    finally:
        city.close()


def test_a_consultations_topic_travels(tmp_path):
    import dataclasses

    a = make_device(tmp_path, "a", START)
    session = a.recent_sessions(1)[0]
    try:
        a.update_session(
            dataclasses.replace(
                session, kind="consultation", topic="other", topic_note="年金の手続き"
            )
        )
        export_bundle(a, tmp_path / "a.dxhelper")
    finally:
        a.close()
    city = Store.open(
        tmp_path / "city" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(1))
    )
    try:
        import_into(city, [tmp_path / "a.dxhelper"], backups_dir=tmp_path / "city" / "backups")
        got = city.get_session(session.id)
        assert (got.topic, got.topic_note) == ("other", "年金の手続き")
    finally:
        city.close()
