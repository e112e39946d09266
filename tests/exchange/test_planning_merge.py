"""Issue 18 §6: plans, series, sign-ups and outcomes travel in bundles and merge from two
devices idempotently; a phone number travels only when the coordinator's setting allows,
and is gone, bytes and all, after an erasure."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from bundletools import START, Ticking, import_into, make_device, shared_dump

from dxhelper.core.planning import Every, SignupStatus
from dxhelper.exchange import export_bundle
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store

PHONE = "090-8765-4321"


def _plan_world(store: Store) -> None:
    venue = store.list_venues()[0]
    _series, plans = store.planning.add_series(
        title="スマホ教室",
        first_date=dt.date(2026, 6, 2),
        until=dt.date(2026, 6, 30),
        every=Every.WEEK,
        start_time="10:00",
        end_time="11:00",
        venue_id=venue.id,
        capacity=1,
        lesson_ids=["smartphone-basics"],
    )
    hanako, shigeru = store.list_residents()[:2]
    store.planning.sign_up(plans[0].id, hanako.id)
    store.planning.sign_up(plans[0].id, shigeru.id)  # waiting
    store.planning.set_outcome(hanako.id, "myna-hokensho", "not_yet", "card_not_arrived")
    store.planning.set_phone(hanako.id, PHONE, consent_date=dt.date(2026, 5, 1))


def test_plans_sign_ups_and_outcomes_merge_from_two_devices_idempotently(tmp_path):
    a = make_device(tmp_path, "a", START)
    b = make_device(tmp_path, "b", START + dt.timedelta(hours=1))
    try:
        _plan_world(a)
        _plan_world(b)
        export_bundle(a, tmp_path / "a.dxhelper")
        export_bundle(b, tmp_path / "b.dxhelper")
        city = Store.open(
            tmp_path / "city" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(2))
        )
        other = Store.open(
            tmp_path / "other" / "dxhelper.sqlite3", clock=Ticking(START + dt.timedelta(2))
        )
        try:
            import_into(
                city,
                [tmp_path / "a.dxhelper", tmp_path / "b.dxhelper"],
                backups_dir=tmp_path / "city" / "backups",
            )
            import_into(
                other, [tmp_path / "b.dxhelper"], backups_dir=tmp_path / "other" / "backups"
            )
            import_into(
                other, [tmp_path / "a.dxhelper"], backups_dir=tmp_path / "other" / "backups"
            )
            again = import_into(
                city,
                [tmp_path / "a.dxhelper", tmp_path / "b.dxhelper"],
                backups_dir=tmp_path / "city" / "backups",
            )
            assert not again.changed  # the same files again change nothing
            for store in (city, other):
                counts = {
                    t: store.handle.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("series", "plans", "signups", "outcomes", "resident_phones")
                }
                assert counts == {
                    "series": 2,
                    "plans": 10,
                    "signups": 4,
                    "outcomes": 2,
                    "resident_phones": 0,
                }
                waiting = store.handle.db.execute(
                    "SELECT count(*) FROM signups WHERE status = ?", [SignupStatus.WAITING.value]
                ).fetchone()[0]
                assert waiting == 2
            city.checkpoint()
            other.checkpoint()
            assert shared_dump(city.path) == shared_dump(other.path)  # order does not matter
        finally:
            city.close()
            other.close()
    finally:
        a.close()
        b.close()


def _holds_phone(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return any(PHONE.encode() in zf.read(name) for name in zf.namelist())


def test_a_phone_number_travels_only_when_allowed_and_an_erasure_takes_it_everywhere(tmp_path):
    a = make_device(tmp_path, "a", START)
    try:
        _plan_world(a)
        export_bundle(a, tmp_path / "default.dxhelper")
        export_bundle(a, tmp_path / "allowed.dxhelper", phones=True)
    finally:
        a.close()
    assert not _holds_phone(tmp_path / "default.dxhelper")
    assert _holds_phone(tmp_path / "allowed.dxhelper")

    paths = DataPaths(tmp_path / "city")
    city = Store.open(paths.database, clock=Ticking(START + dt.timedelta(2)))
    library = Library(paths)
    library.adopt(city)
    try:
        import_into(city, [tmp_path / "allowed.dxhelper"], backups_dir=paths.backups)
        hanako = next(r for r in city.list_residents() if city.planning.phone(r.id))
        library.backup("manual", force=True)
        library.erase_resident(hanako.id).in_backups()
        assert city.planning.phone(hanako.id) == ""
    finally:
        city.close()
    for path in paths.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PHONE.encode() not in data and PHONE.encode("utf-16-le") not in data, path
