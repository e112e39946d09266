"""Issue 16 §4: an erasure that arrives by import reaches every copy at the coordinator's too:
the database file, its WAL and every backup (the one the import itself took included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bundletools import START, Ticking, import_into, make_device

from dxhelper.exchange import export_bundle
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store

TEXTS = ("山田 花子", "ヤマダ ハナコ", "老眼鏡を持参")


def _holders(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for text in TEXTS:
                for encoding in ("utf-8", "utf-16-le"):
                    if text.encode(encoding) in content:
                        found.append(f"{path.relative_to(root)}: {text} ({encoding})")
    return found


def test_an_erasure_arriving_by_import_leaves_the_name_in_no_file_of_the_coordinator(tmp_path):
    volunteer = make_device(tmp_path, "volunteer", START)
    hanako = next(r for r in volunteer.list_residents() if r.display_name == "山田 花子")
    city_paths = DataPaths(tmp_path / "city")
    city = Store.open(city_paths.database, clock=Ticking(START + dt.timedelta(days=3)))
    city_library = Library(city_paths)
    city_library.adopt(city)
    try:
        export_bundle(volunteer, tmp_path / "first.dxhelper")
        import_into(city, [tmp_path / "first.dxhelper"], backups_dir=city_paths.backups)
        city_library.backup("manual", force=True)  # a second backup holding the name
        assert len(_holders(city_paths.backups)) >= 2

        # The volunteer erases her (a real erasure, with its backups) and sends it on.
        volunteer_library = Library(DataPaths(tmp_path / "volunteer"))
        volunteer_library.adopt(volunteer)
        volunteer_library.erase_resident(hanako.id).in_backups()
        export_bundle(volunteer, tmp_path / "second.dxhelper")
        result = import_into(city, [tmp_path / "second.dxhelper"], backups_dir=city_paths.backups)

        assert result.per_table["residents"].erased == 1 and not result.erasure_waits
        assert hanako.id not in {r.id for r in city.list_residents()}
        assert not city_library.erasure_pending()
        # Every backup of the coordinator's is sound and carries the tombstone.
        backups = city_library.list_backups(include_problems=True)
        assert len(backups) >= 2 and all(b.ok for b in backups)
    finally:
        city.close()
        volunteer.close()
    assert _holders(city_paths.root) == []
    assert _holders(tmp_path / "volunteer") == []


def test_an_import_without_erasures_rewrites_no_backup(tmp_path):
    volunteer = make_device(tmp_path, "volunteer", START)
    city_paths = DataPaths(tmp_path / "city")
    city = Store.open(city_paths.database, clock=Ticking(START + dt.timedelta(days=3)))
    try:
        export_bundle(volunteer, tmp_path / "first.dxhelper")
        import_into(city, [tmp_path / "first.dxhelper"], backups_dir=city_paths.backups)
        before = {p: p.stat().st_mtime_ns for p in city_paths.backups.iterdir()}
        volunteer.add_venue("北公民館")
        export_bundle(volunteer, tmp_path / "second.dxhelper")
        import_into(city, [tmp_path / "second.dxhelper"], backups_dir=city_paths.backups)
        after = {p: p.stat().st_mtime_ns for p in city_paths.backups.iterdir() if p in before}
        assert after == before
    finally:
        city.close()
        volunteer.close()
