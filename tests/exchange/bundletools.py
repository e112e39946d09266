"""Helpers for the bundle tests: months, database dumps and digests, a ticking clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import sqlite3
from pathlib import Path

from dxhelper.core.models import HandoverCheck, HandoverItem
from dxhelper.exchange import ImportResult, import_bundles
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store

END_MONTH = dt.date(2026, 9, 1)
SEEDS = (11, 22, 33)
START = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)


def months(end: dt.date = END_MONTH, count: int = 12) -> list[tuple[int, int]]:
    out = []
    year, month = end.year, end.month
    for _ in range(count):
        out.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(out)


def dump(db_path: Path) -> str:
    """The whole database as SQL text (schema and every row), for "nothing changed" checks."""
    conn = sqlite3.connect(db_path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def import_into(store: Store, files, *, backups_dir: Path, **options) -> ImportResult:
    """import_bundles into an open Store whose data folder holds `backups_dir` (the tests keep
    their stores open across imports, so the Library here adopts it and is not closed)."""
    paths = DataPaths(Path(backups_dir).parent)
    assert store.path == paths.database, "the backups belong beside the database"
    library = Library(paths)
    library.adopt(store)
    return import_bundles(library, files, **options)


def digest(store: Store) -> str:
    """SHA-256 of the database file once the WAL is folded into it."""
    store.checkpoint()
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


class Ticking:
    """A clock that moves a second on every reading: every write gets a later stamp."""

    def __init__(self, start: dt.datetime) -> None:
        self._ticks = itertools.count()
        self._start = start

    def __call__(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=next(self._ticks))


def shared_dump(db_path: Path) -> list[str]:
    """The dump's lines, sorted, without what differs between any two installations (their
    own id, when their migrations ran, and the local change log's numbers, which follow the
    order the bundles came in): two coordinators with the same records match."""
    own = (
        'INSERT INTO "installation"',
        'INSERT INTO "_sqlite_migrations"',
        'INSERT INTO "change_counter"',
        'INSERT INTO "change_log"',
    )
    return sorted(line for line in dump(db_path).splitlines() if not line.startswith(own))


def make_device(root: Path, name: str, start: dt.datetime = START) -> Store:
    """A small device: a venue, a volunteer, two residents, one ended session with
    attendance, lessons, progress, a handover checklist and a note. The caller closes it."""
    store = Store.open(root / name / "dxhelper.sqlite3", clock=Ticking(start))
    store.update_installation(name=f"端末 {name}")
    venue = store.add_venue("中央公民館", "みどり市")
    volunteer = store.add_volunteer("推進委員 田中")
    hanako = store.add_resident(
        "山田 花子",
        kana="ヤマダ ハナコ",
        age_band="70s",
        consent_date=dt.date(2026, 4, 1),
        consent_version="2026-1",
        note="老眼鏡を持参",
    )
    shigeru = store.add_resident(
        "佐藤 茂",
        kana="サトウ シゲル",
        age_band="80plus",
        consent_date=dt.date(2026, 4, 1),
        consent_version="2026-1",
    )
    session = store.start_session(
        venue_id=venue.id,
        volunteer_id=volunteer.id,
        date=dt.date(2026, 5, 1),
        start_time="10:00",
        note="プロジェクターを使用",
    )
    for resident in (hanako, shigeru):
        store.add_attendee(session.id, resident.id)
    store.set_session_lessons(session.id, ["mynumber-apply", "smartphone-basics"])
    store.set_step_state(hanako.id, "mynumber-apply", "scan-form", "done", session_id=session.id)
    store.set_step_state(
        shigeru.id,
        "mynumber-apply",
        "scan-form",
        "help",
        session_id=session.id,
        volunteer_id=volunteer.id,
    )
    store.end_session(
        session.id,
        "12:00",
        [
            HandoverCheck(HandoverItem.CARD_RETURNED, True),
            HandoverCheck(HandoverItem.PHONE_RETURNED, False, "スマホは持参されなかった"),
        ],
    )
    return store
