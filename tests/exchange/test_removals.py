"""Every deletion travels: an attendee or a lesson taken off a session, and a discarded session,
reach the coordinator whatever order the bundles come in, and an older bundle never brings a
removed row back."""

from __future__ import annotations

import datetime as dt

from bundletools import import_into, shared_dump

from dxhelper.exchange import export_bundle
from dxhelper.paths import DataPaths
from dxhelper.reports import ReportFilter, build_report
from dxhelper.store import Library

MAY = dt.date(2026, 5, 1)


def _figures(store, catalogue) -> tuple[int, int, int]:
    report = build_report(store, catalogue, ReportFilter(MAY, MAY))
    month = store.month_counts(2026, 5)
    return report.figure("sessions"), report.figure("attendances"), month.named_attendances


def test_removals_after_an_export_reach_the_coordinator_in_either_order(
    small_device, tmp_path, catalogue_all
):
    device = small_device("a")
    try:
        (session,) = device.recent_sessions()
        first = export_bundle(device, tmp_path / "1.dxhelper").path
        shigeru = next(r for r in device.attendees(session.id) if r.display_name == "佐藤 茂")
        device.remove_attendee(session.id, shigeru.id)
        device.set_session_lessons(session.id, ["mynumber-apply"])  # smartphone-basics goes
        second = export_bundle(device, tmp_path / "2.dxhelper").path
        device.checkpoint()
    finally:
        device.close()

    dumps = []
    for name, order in (("forward", [first, second]), ("backward", [second, first])):
        with Library.opened(DataPaths(tmp_path / name)) as coordinator:
            store = coordinator.store
            import_into(store, order[:1], backups_dir=coordinator.paths.backups)
            import_into(store, order[1:], backups_dir=coordinator.paths.backups)
            assert [r.display_name for r in store.attendees(session.id)] == ["山田 花子"]
            assert store.session_lessons(session.id) == ["mynumber-apply"]
            assert _figures(store, catalogue_all) == (1, 1, 1)
            # The older bundle once more changes nothing.
            again = import_into(store, [first], backups_dir=coordinator.paths.backups)
            assert not again.changed
            assert _figures(store, catalogue_all) == (1, 1, 1)
            store.checkpoint()
            dumps.append(shared_dump(store.path))
    assert dumps[0] == dumps[1]


def test_someone_added_again_after_a_removal_stays(small_device, tmp_path, coordinator, backups):
    device = small_device("a")
    try:
        (session,) = device.recent_sessions()
        shigeru = next(r for r in device.attendees(session.id) if r.display_name == "佐藤 茂")
        device.remove_attendee(session.id, shigeru.id)
        removed = export_bundle(device, tmp_path / "removed.dxhelper").path
        device.add_attendee(session.id, shigeru.id)  # the volunteer changed their mind
        back = export_bundle(device, tmp_path / "back.dxhelper").path
    finally:
        device.close()
    import_into(coordinator, [back], backups_dir=backups)
    import_into(coordinator, [removed], backups_dir=backups)  # late, older: loses
    assert len(coordinator.attendees(session.id)) == 2


def test_a_discarded_session_leaves_every_count_here_and_at_the_coordinator(
    small_device, tmp_path, coordinator, backups, catalogue_all
):
    device = small_device("a")
    try:
        (session,) = device.recent_sessions()
        first = export_bundle(device, tmp_path / "1.dxhelper").path
        assert _figures(device, catalogue_all) == (1, 2, 2)
        device.discard_session(session.id)
        assert _figures(device, catalogue_all) == (0, 0, 0)
        assert device.recent_sessions() == [] and device.list_sessions() == []
        second = export_bundle(device, tmp_path / "2.dxhelper").path
    finally:
        device.close()
    import_into(coordinator, [second], backups_dir=backups)
    import_into(coordinator, [first], backups_dir=backups)  # the older one cannot revive it
    assert coordinator.list_sessions() == []
    assert _figures(coordinator, catalogue_all) == (0, 0, 0)
    assert len(coordinator.list_residents()) == 2  # the people are still on record
