"""Issue 16 §3: volunteers → municipal coordinator → prefecture with `--since-last-to` at every
hop. What a coordinator imported is relayed by their next incremental export (an edit, an
erasure, a removal, a discarded session), and every tier ends with the same figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from bundletools import START, Ticking, import_into, make_device

from dxhelper.core.lessons import Catalogue
from dxhelper.exchange import export_bundle
from dxhelper.paths import DataPaths
from dxhelper.reports.build import build_report
from dxhelper.reports.model import ReportFilter
from dxhelper.store import Library, Store

PERIOD = ReportFilter(dt.date(2026, 4, 1), dt.date(2027, 3, 1))


def _figures(store: Store, catalogue: Catalogue, volunteer_id: str | None = None) -> list:
    """Every table of the report, as plain values (titles and rows), for one store."""
    report = build_report(store, catalogue, dataclasses.replace(PERIOD, volunteer_id=volunteer_id))
    return [dataclasses.astuple(table) for table in report.tables]


def _erase(store: Store, resident_id: str) -> None:
    library = Library(DataPaths(Path(store.path).parent))
    library.adopt(store)
    library.erase_resident(resident_id).in_backups()


def _send(store: Store, path: Path, to: str) -> dict[str, int]:
    return export_bundle(store, path, since_last_to=to).counts


def test_a_relay_loses_nothing_and_a_second_relay_sends_nothing(tmp_path, catalogue_all):
    a = make_device(tmp_path, "a", START)
    b = make_device(tmp_path, "b", START + dt.timedelta(hours=1))
    # b also starts a second session by mistake (discarded after the first relay).
    venue, volunteer = b.list_venues()[0], b.list_volunteers()[0]
    # Another person (reports take one name on many devices as one volunteer).
    b.update_volunteer(dataclasses.replace(volunteer, display_name="推進委員 鈴木"))
    mistake = b.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 5, 2), start_time="13:00"
    )
    b.add_attendee(mistake.id, b.list_residents()[0].id)
    city = Store.open(
        tmp_path / "city" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(3))
    )
    pref = Store.open(
        tmp_path / "pref" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(5))
    )
    city_backups, pref_backups = tmp_path / "city" / "backups", tmp_path / "pref" / "backups"
    sent: list[dict[str, dict[str, int]]] = []

    def relay(round_: int) -> None:
        hop = {
            "a": _send(a, tmp_path / f"a{round_}.dxhelper", "みどり市"),
            "b": _send(b, tmp_path / f"b{round_}.dxhelper", "みどり市"),
        }
        files = [tmp_path / f"a{round_}.dxhelper", tmp_path / f"b{round_}.dxhelper"]
        import_into(city, files, backups_dir=city_backups)
        hop["city"] = _send(city, tmp_path / f"city{round_}.dxhelper", "県")
        import_into(pref, [tmp_path / f"city{round_}.dxhelper"], backups_dir=pref_backups)
        sent.append(hop)

    try:
        relay(1)
        assert sent[0]["city"]["residents"] == 4 and sent[0]["city"]["sessions"] == 3

        # After the first relay: an edit, an erasure, a removed attendee, a discarded session.
        hanako = next(r for r in a.list_residents() if r.display_name == "山田 花子")
        a.update_resident(dataclasses.replace(hanako, display_name="山田 はな子"))
        shigeru = next(r for r in a.list_residents() if r.display_name == "佐藤 茂")
        _erase(a, shigeru.id)
        session = next(s for s in b.list_sessions() if s.id != mistake.id)
        gone = b.attendees(session.id)[0]
        b.remove_attendee(session.id, gone.id)
        b.discard_session(mistake.id)

        relay(2)
        second = sent[1]
        # Only what changed travels, at both hops: the coordinator's rows carry the volunteers'
        # (older) stamps, and are relayed all the same.
        assert second["a"]["residents"] == 1 and second["a"]["tombstones"] == 1
        assert second["b"]["removals"] == 2  # the attendee, and the discarded session
        assert second["city"]["residents"] == 1 and second["city"]["tombstones"] == 1
        assert second["city"]["removals"] == 2
        assert second["city"]["sessions"] == 0  # nothing of an unchanged session comes again

        for store in (city, pref):
            names = sorted(r.display_name for r in store.list_residents())
            assert names == ["佐藤 茂", "山田 はな子", "山田 花子"], store.path
            assert shigeru.id in store.tombstones()
            assert session.id in {s.id for s in store.list_sessions()}
            assert mistake.id not in {s.id for s in store.list_sessions()}
            assert gone.id not in {r.id for r in store.attendees(session.id)}

        # The figures: the same at the city and the prefecture, and each volunteer's own
        # figures are what both coordinators count for that volunteer.
        assert _figures(city, catalogue_all) == _figures(pref, catalogue_all)
        for device in (a, b):
            own = device.list_volunteers()[0].id
            mine = _figures(device, catalogue_all)
            assert _figures(city, catalogue_all, own) == mine
            assert _figures(pref, catalogue_all, own) == mine
        assert _figures(city, catalogue_all) != _figures(a, catalogue_all)  # a and b together

        # A second relay with nothing changed sends nothing at any hop, and changes nothing.
        relay(3)
        for hop in ("a", "b", "city"):
            assert sum(sent[2][hop].values()) == 0, (hop, sent[2][hop])
        assert _figures(city, catalogue_all) == _figures(pref, catalogue_all)
    finally:
        for store in (a, b, city, pref):
            store.close()
