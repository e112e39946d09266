"""Merge benchmark: a coordinator imports 100 volunteers' bundles, 100,000 rows in all.

Compares `import_bundles` (read each zip, check every row and reference, back up, merge with
last-writer-wins in one transaction) with a raw `executemany` of the same rows, already in
memory, into an empty copy of the same database (same schema, triggers and pragmas). Then
imports everything again: the second pass must change nothing.

    python bench/merge_bench.py                          # 100 bundles, 100,000 rows
    python bench/merge_bench.py --bundles 10 --rows 10000    # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from dxhelper.core.text import search_key
from dxhelper.demo import DEMO_LESSONS, GIVEN_NAMES, NOTES, SURNAMES
from dxhelper.exchange import import_bundles
from dxhelper.exchange.bundle import parse_bundle, write_bundle
from dxhelper.exchange.references import check_references
from dxhelper.paths import DataPaths
from dxhelper.store import BUNDLE_COLUMNS, MERGE_ORDER, Library, Store, merge_rows, stamp
from dxhelper.store.backups import backup_database

RATIO_TARGET = 2.0
AGE_BANDS = ["u39", "40s", "50s", "60s", "70s", "80plus", "unknown"]
# Per 1,000 rows: the mix of a volunteer's year (a few venues, many progress ticks).
MIX = {
    "volunteers": 1,
    "venues": 2,
    "residents": 100,
    "sessions": 100,
    "attendance": 300,
    "session_lessons": 147,
    "progress": 350,
}


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(rng: random.Random, day: dt.date) -> str:
    moment = dt.datetime.combine(day, dt.time(rng.randint(0, 8), rng.randint(0, 59)), dt.UTC)
    return stamp(moment + dt.timedelta(microseconds=rng.randint(0, 999_999)))


def make_tables(rng: random.Random, rows: int) -> tuple[str, dict[str, list[tuple[Any, ...]]]]:
    """One volunteer's bundle of about `rows` rows (tuples in BUNDLE_COLUMNS order)."""
    origin = _uid(rng)
    n = {table: max(1, round(share * rows / 1000)) for table, share in MIX.items()}
    first = dt.date(2025, 4, 1)

    def day() -> dt.date:
        return first + dt.timedelta(days=rng.randint(0, 364))

    def shared(when: dt.date) -> tuple[str, str, str]:
        s = _stamp(rng, when)
        return s, s, origin

    volunteers = [(_uid(rng), f"推進委員 {rng.choice(SURNAMES)[0]}", *shared(first))]
    venues = [
        (_uid(rng), f"第{i + 1}公民館", "みどり市", *shared(first)) for i in range(n["venues"])
    ]
    residents = []
    for _ in range(n["residents"]):
        surname, surname_kana = rng.choice(SURNAMES)
        given, given_kana = rng.choice(GIVEN_NAMES)
        residents.append(
            (
                _uid(rng),
                f"{surname} {given}",
                f"{surname_kana} {given_kana}",
                "",
                rng.choice(AGE_BANDS),
                first.isoformat(),
                "2026-1",
                rng.choice(NOTES) if rng.random() < 0.3 else "",
                *shared(first),
            )
        )
    sessions = []
    for _ in range(n["sessions"]):
        when = day()
        unnamed = [rng.randint(0, 2) for _ in AGE_BANDS]
        sessions.append(
            (
                _uid(rng),
                when.isoformat(),
                "10:00",
                "12:00",
                rng.choice(venues)[0],
                volunteers[0][0],
                rng.choice(["class", "consultation", "outreach"]),
                *unnamed,
                rng.choice(["", "プロジェクターを使用。"]),
                *shared(when),
            )
        )
    pairs = set()
    while len(pairs) < n["attendance"]:
        pairs.add((rng.choice(sessions)[0], rng.choice(residents)[0]))
    attendance = [(_uid(rng), s, r, *shared(first)) for s, r in sorted(pairs)]
    lessons = list(DEMO_LESSONS)
    chosen = set()
    while len(chosen) < n["session_lessons"]:
        chosen.add((rng.choice(sessions)[0], rng.choice(lessons)))
    session_lessons = [(_uid(rng), s, lesson, 0, *shared(first)) for s, lesson in sorted(chosen)]
    steps = set()
    while len(steps) < n["progress"]:
        lesson = rng.choice(lessons)
        steps.add((rng.choice(residents)[0], lesson, rng.choice(DEMO_LESSONS[lesson])))
    progress = []
    for resident, lesson, step in sorted(steps):
        session = rng.choice(sessions)
        at = _stamp(rng, dt.date.fromisoformat(session[1]))
        progress.append(
            (
                _uid(rng),
                resident,
                lesson,
                step,
                rng.choice(["done", "done", "done", "help"]),
                session[0],
                volunteers[0][0],
                at,
                at,
                at,
                origin,
            )
        )
    tables = {
        "volunteers": volunteers,
        "venues": venues,
        "residents": residents,
        "sessions": sessions,
        "attendance": attendance,
        "session_lessons": session_lessons,
        "progress": progress,
    }
    return origin, tables


def raw_insert(db: Path, tables: dict[str, list[tuple[Any, ...]]]) -> float:
    """The floor: plain INSERTs of the same rows (search keys precomputed) in one transaction."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA secure_delete = ON")
    prepared = {
        table: [(*r, search_key(r[1]), search_key(r[2]), search_key(r[3])) for r in rows]
        if table == "residents"
        else rows
        for table, rows in tables.items()
    }
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table in MERGE_ORDER:
        columns = BUNDLE_COLUMNS[table]
        if table == "residents":
            columns = (*columns, "name_key", "kana_key", "nickname_key")
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        conn.executemany(sql, prepared.get(table, []))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def dump_digest(db: Path) -> str:
    conn = sqlite3.connect(db)
    digest = hashlib.sha256()
    for line in conn.iterdump():
        digest.update(line.encode())
    conn.close()
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--rows", type=int, default=100_000, help="rows in all bundles together")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of raw and import")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    python = sys.version.split()[0]
    print(f"dxhelper merge benchmark: python {python}, sqlite {sqlite3.sqlite_version}")

    with tempfile.TemporaryDirectory(prefix="dxhelper-merge-bench-") as folder:
        root = Path(folder)
        paths: list[Path] = []
        everything: dict[str, list[tuple[Any, ...]]] = {t: [] for t in MERGE_ORDER}
        start = time.perf_counter()
        for i in range(args.bundles):
            origin, tables = make_tables(rng, args.rows // args.bundles)
            path = root / "bundles" / f"volunteer-{i:03d}.dxhelper"
            path.parent.mkdir(exist_ok=True)
            write_bundle(
                path,
                installation_id=origin,
                installation_name=f"端末 {i:03d}",
                app_version="bench",
                created_at=stamp(dt.datetime(2026, 4, 1, tzinfo=dt.UTC)),
                since=None,
                tables=tables,
            )
            paths.append(path)
            for table, rows in tables.items():
                everything[table].extend(rows)
        total = sum(len(rows) for rows in everything.values())
        size = sum(p.stat().st_size for p in paths)
        print(
            f"  {len(paths)} bundles, {total:,} rows, {size / 2**20:.1f} MB of zips"
            f" (written in {time.perf_counter() - start:.1f} s)"
        )

        empty = root / "empty.sqlite3"
        Store.open(empty).close()

        def fresh(name: str) -> Path:
            copy = root / name / "dxhelper.sqlite3"
            copy.parent.mkdir()
            shutil.copyfile(empty, copy)
            return copy

        # Raw and import take turns, so a busy machine slows both alike; medians are reported.
        raw_runs: list[float] = []
        import_runs: list[float] = []
        for run in range(args.repeat):
            raw_runs.append(raw_insert(fresh(f"raw-{run}"), everything))
            with Library.opened(DataPaths(fresh(f"import-{run}").parent)) as library:
                start = time.perf_counter()
                first = import_bundles(library, paths)
                import_runs.append(time.perf_counter() - start)
        last = root / f"import-{args.repeat - 1}" / "dxhelper.sqlite3"
        with Library.opened(DataPaths(last.parent)) as library:
            store = library.store
            store.checkpoint()
            before = dump_digest(last)
            start = time.perf_counter()
            second = import_bundles(library, paths)
            second_s = time.perf_counter() - start
            store.checkpoint()
            after = dump_digest(last)
        added = sum(r.added for r in first.per_table.values())

        # The same import, phase by phase, to see where the time goes.
        phases: dict[str, float] = {}
        with Store.open(fresh("phases")) as store:
            start = time.perf_counter()
            bundles = [parse_bundle(p) for p in paths]
            phases["read and check rows"] = time.perf_counter() - start
            start = time.perf_counter()
            check_references(bundles, store)
            phases["resolve references"] = time.perf_counter() - start
            start = time.perf_counter()
            backup_database(store, root / "phases" / "backups")
            phases["verified backup"] = time.perf_counter() - start
            start = time.perf_counter()
            merge_rows(store, {t: [r for b in bundles for r in b.rows[t]] for t in BUNDLE_COLUMNS})
            phases["merge (SQL upserts)"] = time.perf_counter() - start

    raw_s, import_s = statistics.median(raw_runs), statistics.median(import_runs)
    runs = f"median of {args.repeat}"
    print(f"  raw executemany, rows already in memory     {raw_s:6.2f} s   ({runs})")
    print(f"  import_bundles, first pass                  {import_s:6.2f} s   ({added:,} added)")
    for label, seconds in phases.items():
        print(f"    {label:<40}{seconds:6.2f} s")
    unchanged = before == after and not second.changed
    print(
        f"  import_bundles, second pass                 {second_s:6.2f} s   "
        f"({'nothing changed: dump identical' if unchanged else 'CHANGED THE DATABASE'})"
    )
    ratio = import_s / raw_s
    verdict = "ok" if ratio <= RATIO_TARGET and unchanged and added == total else "TARGET MISSED"
    print(f"  ratio import / raw: {ratio:.2f}×  (target ≤ {RATIO_TARGET:.0f}×)  {verdict}")
    merge_ratio = phases["merge (SQL upserts)"] / raw_s
    print(f"  ratio merge SQL alone / raw: {merge_ratio:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
