"""Three volunteers' records reach a coordinator intact, twice is once, and erasures travel."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from bundletools import SEEDS, digest, dump, import_into, months, shared_dump

from dxhelper.exchange import (
    BundleError,
    ImportResult,
    TableResult,
    export_bundle,
    inspect_bundle,
)
from dxhelper.exchange.bundle import write_bundle
from dxhelper.store import Store
from dxhelper.store.merge import BUNDLE_COLUMNS, export_rows


def _totals(store: Store) -> dict:
    """Figures a coordinator reports, all through the Store API."""
    per_month = {ym: store.month_counts(*ym) for ym in months()}
    return {
        "sessions": sum(c.sessions for c in per_month.values()),
        "named": sum(c.named_attendances for c in per_month.values()),
        "unnamed": sum(c.unnamed_attendances for c in per_month.values()),
        "distinct": sum(c.distinct_residents for c in per_month.values()),
        "steps_done": sum(c.steps_done for c in per_month.values()),
        "residents": store.count_residents(),
        "all_sessions": len(store.recent_sessions(limit=100_000)),
        "progress": sum(n for _, _, n in store.progress_steps()),
        "venues": len(store.list_venues()),
        "volunteers": len(store.list_volunteers()),
    }


def _export_all(volunteers: dict[int, Path], out: Path, **options) -> list[Path]:
    paths = []
    out.mkdir(parents=True, exist_ok=True)
    for seed, db in volunteers.items():
        with Store.open(db) as device:
            paths.append(export_bundle(device, out / f"v{seed}.dxhelper", **options).path)
    return paths


def _last_seen(db: Path) -> dict[str, str | None]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, last_seen FROM residents").fetchall())
    finally:
        conn.close()


def test_a_coordinator_gets_exactly_the_sum_of_three_volunteers(
    volunteers, coordinator, backups, tmp_path
):
    expected: dict = {}
    for db in volunteers.values():
        with Store.open(db) as device:
            for key, value in _totals(device).items():
                expected[key] = expected.get(key, 0) + value
    assert expected["sessions"] == 150 and expected["residents"] == 120  # the demo's size

    bundles = _export_all(volunteers, tmp_path)
    result = import_into(coordinator, bundles, backups_dir=backups)

    assert _totals(coordinator) == expected
    assert result.per_table["sessions"] == TableResult(added=150, updated=0, erased=0, skipped=0)
    assert result.changed and result.backup is not None and result.backup.exists()
    assert coordinator.check().ok
    # last_seen is not in bundles: the triggers rebuild it, equal to each device's own.
    seen = _last_seen(coordinator.path)
    for db in volunteers.values():
        assert _last_seen(db).items() <= seen.items()


def test_importing_the_same_bundles_again_changes_nothing(
    volunteers, coordinator, backups, tmp_path
):
    bundles = _export_all(volunteers, tmp_path)
    import_into(coordinator, bundles, backups_dir=backups)
    coordinator.checkpoint()
    before = dump(coordinator.path)

    again = import_into(coordinator, list(reversed(bundles)), backups_dir=backups)

    coordinator.checkpoint()
    assert dump(coordinator.path) == before
    assert not again.changed
    assert all(r.added == r.updated == r.erased == 0 for r in again.per_table.values())
    assert again.per_table["progress"].skipped > 0
    assert "Nothing changed" in again.describe("en") and "変更はありません" in again.describe("ja")


def test_the_order_of_bundles_does_not_matter(volunteers, tmp_path):
    bundles = _export_all(volunteers, tmp_path)
    dumps = []
    for name, order in (("forward", bundles), ("backward", bundles[::-1])):
        with Store.open(tmp_path / name / "dxhelper.sqlite3") as store:
            for path in order:  # one at a time, not in one batch
                import_into(store, [path], backups_dir=tmp_path / name / "backups")
            store.checkpoint()
            dumps.append(shared_dump(store.path))
    assert dumps[0] == dumps[1]


def test_an_erasure_on_one_device_erases_the_resident_at_the_coordinator(
    volunteers, coordinator, backups, tmp_path, erase
):
    seed = SEEDS[0]
    first = _export_all(volunteers, tmp_path / "first", since_last_to="市役所 佐々木")
    import_into(coordinator, first, backups_dir=backups)
    with Store.open(volunteers[seed]) as device:
        gone = max(device.list_residents(), key=lambda r: len(device.resident_sessions(r.id)))
        sessions_before = device.resident_sessions(gone.id)
        assert sessions_before and device.progress_for(gone.id)
        erase(device, gone.id)
        later = export_bundle(device, tmp_path / "later.dxhelper", since_last_to="市役所 佐々木")
    # Only what changed: the erasure and nothing else.
    assert later.counts["tombstones"] == 1
    assert sum(later.counts.values()) == 1
    attended_before = len(coordinator.attendees(sessions_before[0].id))

    result = import_into(coordinator, [later.path], backups_dir=backups)

    assert result.per_table["residents"].erased == 1
    assert result.per_table["attendance"].erased == len(sessions_before)
    assert result.per_table["progress"].erased > 0
    assert coordinator.tombstones() == [gone.id]
    assert gone.id not in {r.id for r in coordinator.list_residents()}
    assert coordinator.progress_for(gone.id) == []
    assert len(coordinator.attendees(sessions_before[0].id)) == attended_before - 1
    assert coordinator.check().ok

    # The older bundle still holds the resident: importing it again must not bring them back.
    coordinator.checkpoint()
    before = dump(coordinator.path)
    again = import_into(coordinator, first, backups_dir=backups)
    coordinator.checkpoint()
    assert dump(coordinator.path) == before
    assert again.per_table["residents"].skipped >= 1 and not again.changed
    if all(r.display_name != gone.display_name for r in coordinator.list_residents()):
        assert gone.display_name.encode() not in coordinator.path.read_bytes()


def test_a_newer_edit_wins_and_an_older_copy_is_skipped(
    small_device, coordinator, backups, tmp_path
):
    device = small_device("a")
    try:
        full = export_bundle(device, tmp_path / "full.dxhelper", since_last_to="佐々木")
        import_into(coordinator, [full.path], backups_dir=backups)
        hanako = next(r for r in device.list_residents() if r.display_name == "山田 花子")
        device.update_resident(type(hanako)(**{**_fields(hanako), "note": "次回はマイナ保険証"}))
        delta = export_bundle(device, tmp_path / "delta.dxhelper", since_last_to="佐々木")
    finally:
        device.close()
    assert delta.counts["residents"] == 1 and delta.counts["sessions"] == 0

    result = import_into(coordinator, [delta.path], backups_dir=backups)
    assert result.per_table["residents"] == TableResult(added=0, updated=1, erased=0, skipped=0)
    assert coordinator.get_resident(hanako.id).note == "次回はマイナ保険証"
    assert coordinator.search_residents("やまだ")[0].id == hanako.id  # search keys rebuilt

    older = import_into(coordinator, [full.path], backups_dir=backups)
    assert older.per_table["residents"].skipped == 2 and not older.changed
    assert coordinator.get_resident(hanako.id).note == "次回はマイナ保険証"


def _fields(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__slots__}


def _rows(store: Store) -> dict[str, list[tuple]]:
    return export_rows(store)[1]


def _bundle(path: Path, origin: str, tables: dict[str, list[tuple]]) -> Path:
    write_bundle(
        path,
        installation_id=origin,
        installation_name="テスト端末",
        app_version="0.1.0",
        created_at="2026-06-01T00:00:00.000000Z",
        since=None,
        tables=tables,
    )
    return path


def _replace(row: tuple, table: str, **values) -> tuple:
    columns = BUNDLE_COLUMNS[table]
    return tuple(values.get(c, v) for c, v in zip(columns, row, strict=True))


def test_equal_times_are_broken_by_origin_and_the_result_is_order_free(small_device, tmp_path):
    device = small_device("a")
    try:
        tables = _rows(device)
    finally:
        device.close()
    venue = tables["venues"][0]
    low, high = "00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"
    a = _bundle(
        tmp_path / "a.dxhelper",
        low,
        {
            **tables,
            "venues": [
                _replace(
                    venue,
                    "venues",
                    name="低い方",
                    updated_at="2026-07-01T00:00:00.000000Z",
                    origin=low,
                )
            ],
        },
    )
    b = _bundle(
        tmp_path / "b.dxhelper",
        high,
        {
            **tables,
            "venues": [
                _replace(
                    venue,
                    "venues",
                    name="高い方",
                    updated_at="2026-07-01T00:00:00.000000Z",
                    origin=high,
                )
            ],
        },
    )
    for name, order in (("ab", [a, b]), ("ba", [b, a])):
        with Store.open(tmp_path / name / "dxhelper.sqlite3") as store:
            import_into(store, order, backups_dir=tmp_path / name / "backups")
            assert [v.name for v in store.list_venues()] == ["高い方"]


def test_the_same_step_recorded_on_two_devices_keeps_the_newer_record(small_device, tmp_path):
    device = small_device("a")
    try:
        tables = _rows(device)
    finally:
        device.close()
    progress = tables["progress"][0]
    other = "0b6e7f9c-0000-4000-8000-00000000000b"
    theirs = _replace(
        progress,
        "progress",
        id="0b6e7f9c-1111-4000-8000-00000000000b",
        state="done",
        updated_at="2026-06-01T00:00:00.000000Z",
        origin=other,
    )
    a = _bundle(tmp_path / "a.dxhelper", tables["volunteers"][0][-1], tables)
    b = _bundle(tmp_path / "b.dxhelper", other, {**tables, "progress": [theirs]})
    dumps = []
    for name, order in (("ab", [a, b]), ("ba", [b, a])):
        with Store.open(tmp_path / name / "dxhelper.sqlite3") as store:
            for path in order:
                import_into(store, [path], backups_dir=tmp_path / name / "backups")
            rows = store.progress_for(progress[1], progress[2])
            assert [(p.id, p.state.value) for p in rows] == [(theirs[0], "done")]
            store.checkpoint()
            dumps.append(shared_dump(store.path))
    assert dumps[0] == dumps[1]


def test_handover_and_lessons_travel_with_their_session(
    small_device, coordinator, backups, tmp_path
):
    device = small_device("a")
    try:
        session = device.recent_sessions(1)[0]
        bundle = export_bundle(device, tmp_path / "a.dxhelper")
        expected = (device.handover(session.id), device.session_lessons(session.id))
    finally:
        device.close()
    import_into(coordinator, [bundle.path], backups_dir=backups)
    assert (coordinator.handover(session.id), coordinator.session_lessons(session.id)) == expected
    assert coordinator.get_session(session.id).note == "プロジェクターを使用"


def test_a_partial_export_holds_what_changed_and_what_that_refers_to(small_device, tmp_path):
    device = small_device("a")
    try:
        first = export_bundle(device, tmp_path / "1.dxhelper", since_last_to="Sasaki")
        assert first.since is None and first.counts["sessions"] == 1  # the first one is whole
        nothing = export_bundle(device, tmp_path / "2.dxhelper", since_last_to="ＳＡＳＡＫＩ")
        assert nothing.since is not None and sum(nothing.counts.values()) == 0

        # One more attendee at the old session: the new attendance row, plus its resident and
        # session, plus the session's venue and volunteer, so the bundle stands on its own.
        newcomer = device.add_resident(
            "高橋 幸子", consent_date=dt.date(2026, 4, 2), consent_version="2026-1"
        )
        session = device.recent_sessions(1)[0]
        device.add_attendee(session.id, newcomer.id)
        delta = export_bundle(device, tmp_path / "3.dxhelper", since_last_to="sasaki")
        # Another coordinator has had nothing yet: they get everything.
        other = export_bundle(device, tmp_path / "4.dxhelper", since_last_to="鈴木")
    finally:
        device.close()
    assert delta.counts == {
        "volunteers": 1,
        "venues": 1,
        "residents": 1,
        "sessions": 1,
        "session_volunteers": 0,
        "attendance": 1,
        "session_lessons": 0,
        "progress": 0,
        "handover": 0,
        "series": 0,
        "plans": 0,
        "signups": 0,
        "outcomes": 0,
        "resident_phones": 0,
        "tombstones": 0,
        "removals": 0,
    }
    preview = inspect_bundle(delta.path)  # references resolve inside the bundle alone
    assert preview.since is not None and preview.counts["attendance"] == 1
    assert other.since is None and other.counts["residents"] == 3


def test_a_recipient_name_holding_a_my_number_is_refused(small_device, tmp_path):
    device = small_device("a")
    try:
        with pytest.raises(BundleError) as caught:
            export_bundle(device, tmp_path / "x.dxhelper", since_last_to="271828182840")
    finally:
        device.close()
    assert "271828182840" not in caught.value.message("en")
    assert not (tmp_path / "x.dxhelper").exists()


def test_references_may_resolve_in_the_database(small_device, coordinator, backups, tmp_path):
    device = small_device("a")
    try:
        tables = _rows(device)
    finally:
        device.close()
    whole = _bundle(tmp_path / "whole.dxhelper", tables["volunteers"][0][-1], tables)
    # A hand-made bundle of sessions only: its venue and volunteer are in the database.
    sessions_only = _bundle(
        tmp_path / "sessions.dxhelper",
        tables["volunteers"][0][-1],
        {
            "sessions": [
                _replace(
                    tables["sessions"][0],
                    "sessions",
                    note="更新",
                    updated_at="2026-06-01T00:00:00.000000Z",
                )
            ]
        },
    )
    with pytest.raises(BundleError) as caught:
        inspect_bundle(sessions_only)
    assert "sessions.jsonl" in caught.value.message("en") and "line 1" in caught.value.message("en")

    import_into(coordinator, [whole], backups_dir=backups)
    preview = inspect_bundle(sessions_only, store=coordinator)
    assert preview.new_counts is not None and preview.new_counts["sessions"] == 0
    result = import_into(coordinator, [sessions_only], backups_dir=backups)
    assert result.per_table["sessions"].updated == 1


def test_a_batch_is_all_or_nothing(small_device, coordinator, backups, tmp_path):
    device = small_device("a")
    try:
        good = export_bundle(device, tmp_path / "good.dxhelper").path
    finally:
        device.close()
    bad = tmp_path / "bad.dxhelper"
    bad.write_bytes(good.read_bytes()[:200])
    before = digest(coordinator)
    with pytest.raises(BundleError) as caught:
        import_into(coordinator, [good, bad], backups_dir=backups)
    assert "bad.dxhelper" in caught.value.message("ja")
    assert digest(coordinator) == before
    assert not backups.exists() or not any(backups.iterdir())


def test_preview_describes_the_bundle_in_both_languages(volunteers, coordinator, tmp_path):
    (bundle, *_) = _export_all(volunteers, tmp_path)
    preview = inspect_bundle(bundle, store=coordinator)
    assert preview.counts["sessions"] == 50 and preview.new_counts["sessions"] == 50
    assert preview.first_date and preview.last_date and preview.first_date <= preview.last_date
    assert preview.last_date < dt.date(2026, 10, 1) and preview.venues and preview.volunteers
    en, ja = preview.describe("en"), preview.describe("ja")
    assert "adds 50 sessions" in en and f"{preview.last_date:%Y-%m}" in en
    assert "セッション50件を追加" in ja and "デモ端末" in ja
    assert preview.volunteers[0] in en and preview.venues[0] in ja
    bare = inspect_bundle(bundle)
    assert bare.new_counts is None and "50 sessions" in bare.describe("en")


def test_import_result_describes_every_table(volunteers, coordinator, backups, tmp_path):
    result = import_into(coordinator, _export_all(volunteers, tmp_path), backups_dir=backups)
    assert isinstance(result, ImportResult) and len(result.files) == 3
    en, ja = result.describe("en"), result.describe("ja")
    assert "150 added" in en and "追加 150" in ja
    assert en.count("\n") == len(result.per_table) + 1
    assert str(result.backup) in en


def test_progress_is_reported(small_device, coordinator, backups, tmp_path):
    device = small_device("a")
    try:
        bundle = export_bundle(device, tmp_path / "a.dxhelper").path
    finally:
        device.close()
    steps: list[tuple[int, int]] = []
    import_into(
        coordinator, [bundle], backups_dir=backups, progress=lambda d, t: steps.append((d, t))
    )
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_exporting_records_the_export_and_writes_atomically(small_device, tmp_path):
    device = small_device("a")
    try:
        target = tmp_path / "out" / "a.dxhelper"
        with pytest.raises(BundleError) as caught:  # the folder does not exist
            export_bundle(device, target)
        assert "a.dxhelper" in caught.value.message("en")
        target.parent.mkdir()
        summary = export_bundle(device, target)
    finally:
        device.close()
    assert summary.path == target and not list(target.parent.glob("*.partial"))
    assert summary.counts["handover"] == 2 and summary.counts["progress"] == 2
    assert "a.dxhelper" in summary.describe("en") and "書き出しました" in summary.describe("ja")


def test_an_erasure_removes_records_other_devices_made_of_that_resident(
    erase, small_device, coordinator, backups, tmp_path
):
    device = small_device("a")
    try:
        import_into(
            coordinator, [export_bundle(device, tmp_path / "1.dxhelper").path], backups_dir=backups
        )
        hanako = next(r for r in device.list_residents() if r.display_name == "山田 花子")
        # The coordinator helps 花子 too, at a session of their own.
        venue = coordinator.add_venue("市役所")
        volunteer = coordinator.add_volunteer("職員 佐々木")
        own = coordinator.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
        coordinator.add_attendee(own.id, hanako.id)
        coordinator.set_step_state(hanako.id, "fraud-safety", "sms-links", "done")
        erase(device, hanako.id)
        erasure = export_bundle(device, tmp_path / "2.dxhelper")
    finally:
        device.close()

    result = import_into(coordinator, [erasure.path], backups_dir=backups)

    assert result.per_table["residents"].erased == 1
    assert result.per_table["attendance"].erased == 2  # the device's session and the coordinator's
    assert result.per_table["progress"].erased == 2
    assert coordinator.attendees(own.id) == [] and coordinator.progress_for(hanako.id) == []
    assert coordinator.tombstones() == [hanako.id]
