"""Store benchmark: bulk load a large database, then time the lookups the screens make.

Compares the Store API with raw sqlite3 running the same SQL on the same file, so the figures
show what the Store adds (key folding, validation, dataclasses) on top of SQLite itself.

    python bench/store_bench.py                      # 100k residents, 200k sessions, 1M progress
    python bench/store_bench.py --residents 2000 --sessions 4000 --progress 20000   # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import jaconv

from dxhelper.core.models import AgeBand, Progress, Resident, Session, SessionKind, StepState
from dxhelper.core.text import PREFIX_END, search_key
from dxhelper.demo import DEMO_LESSONS, GIVEN_NAMES, SURNAMES
from dxhelper.store import Store
from dxhelper.store.store import MONTH_COUNTS_SQL, UPSERT_PROGRESS_SQL, _search_sql, stamp

BATCH = 20_000
SEARCH_RATIO_TARGET = 1.5
SEARCH_P95_TARGET_MS = 20.0
WRITE_RATIO_TARGET = 1.5
AGE_BANDS = [b for b in AgeBand if b is not AgeBand.UNKNOWN]
KINDS = list(SessionKind)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _batched(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _residents(rng: random.Random, count: int, ids: list[str]) -> Iterator[Resident]:
    base = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    for index in range(count):
        surname, surname_kana = rng.choice(SURNAMES)
        given, given_kana = rng.choice(GIVEN_NAMES)
        rid = _uid(rng)
        ids.append(rid)
        created = stamp(base + dt.timedelta(minutes=index))
        yield Resident(
            id=rid,
            display_name=f"{surname} {given}",
            kana=f"{surname_kana} {given_kana}",
            nickname="",
            age_band=rng.choice(AGE_BANDS),
            consent_date=dt.date(2024, 4, 1),
            consent_version="2026-1",
            note="",
            created_at=created,
            updated_at=created,
            origin="",
        )


def _sessions(
    rng: random.Random, count: int, venue: str, volunteer: str, resident_ids: list[str]
) -> Iterator[tuple[Session, list[str]]]:
    first = dt.date(2024, 4, 1)
    for index in range(count):
        day = first + dt.timedelta(days=rng.randrange(0, 3 * 365))
        created = stamp(dt.datetime(day.year, day.month, day.day, 1, 0, tzinfo=dt.UTC))
        session = Session(
            id=_uid(rng),
            date=day,
            start_time="10:00",
            end_time="12:00",
            venue_id=venue,
            volunteer_id=volunteer,
            kind=KINDS[index % len(KINDS)],
            unnamed={rng.choice(AGE_BANDS): rng.randint(0, 5)},
            created_at=created,
            updated_at=created,
            origin="",
        )
        attendees = rng.sample(resident_ids, k=min(len(resident_ids), rng.randint(1, 5)))
        yield session, attendees


def _progress(rng: random.Random, count: int, resident_ids: list[str]) -> Iterator[Progress]:
    """`count` unique resident × lesson × step rows, residents working through lessons in order."""
    lessons = list(DEMO_LESSONS.items())
    made = 0
    start = dt.datetime(2024, 4, 1, 1, 0, tzinfo=dt.UTC)
    for resident_id in rng.sample(resident_ids, k=len(resident_ids)):
        at = stamp(start + dt.timedelta(days=rng.randrange(0, 3 * 365)))
        for lesson_id, steps in rng.sample(lessons, k=rng.randint(2, 8)):
            for step_id in steps[: rng.randint(1, len(steps))]:
                if made == count:
                    return
                made += 1
                yield Progress(
                    id=_uid(rng),
                    resident_id=resident_id,
                    lesson_id=lesson_id,
                    step_id=step_id,
                    state=StepState.DONE if rng.random() < 0.85 else StepState.NEEDS_HELP,
                    session_id=None,
                    volunteer_id=None,
                    at=at,
                    created_at=at,
                    updated_at=at,
                    origin="",
                )


def _timed(label: str, job: Callable[[], int]) -> None:
    start = time.perf_counter()
    rows = job()
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {rows:>10,} rows  {seconds:7.1f} s  {rows / max(seconds, 1e-9):>9,.0f}/s")


def load(store: Store, args: argparse.Namespace, rng: random.Random) -> list[str]:
    venue = store.add_venue("ベンチ公民館", "みどり市").id
    volunteer = store.add_volunteer("推進委員 ベンチ").id
    ids: list[str] = []

    def residents() -> int:
        return sum(
            store.bulk_add_residents(b) for b in _batched(_residents(rng, args.residents, ids))
        )

    def sessions() -> int:
        total = 0
        for batch in _batched(_sessions(rng, args.sessions, venue, volunteer, ids)):
            attendance = [(s.id, r) for s, people in batch for r in people]
            lessons = [(s.id, rng.choice(list(DEMO_LESSONS))) for s, _people in batch]
            total += store.bulk_add_sessions([s for s, _ in batch], attendance, lessons)
        return total

    def progress() -> int:
        return sum(store.bulk_set_progress(b) for b in _batched(_progress(rng, args.progress, ids)))

    print("Bulk load through the Store:")
    _timed("residents", residents)
    _timed("sessions (+attendance)", sessions)
    _timed("progress", progress)
    return ids


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]


def _measure(job: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _queries(rng: random.Random, store: Store, repeat: int) -> list[str]:
    """1–3 leading characters of real readings, typed as katakana, hiragana or half-width."""
    kana = [k for (_s, k) in SURNAMES]
    queries = []
    for _ in range(repeat):
        text = rng.choice(kana)[: rng.randint(1, 3)]
        form = rng.randrange(3)
        if form == 1:
            text = jaconv.kata2hira(text)
        elif form == 2:
            text = jaconv.z2h(text, kana=True)
        queries.append(text)
    return queries


SEARCH_SQL = _search_sql(["q"])  # the same statement the Store runs for a kana query


def bench_search(store: Store, raw: sqlite3.Connection, queries: list[str]) -> dict[str, float]:
    # Warm both paths so neither pays for a cold page cache.
    for q in queries[:20]:
        store.search_residents(q)
    store_ms = []
    raw_ms = []
    for q in queries:
        key = search_key(q)
        params = {"q": key, "q_end": key + PREFIX_END, "limit": 20, "session_id": None}
        raw_ms += _measure(lambda p=params: raw.execute(SEARCH_SQL, p).fetchall(), 1)
        store_ms += _measure(lambda q=q: store.search_residents(q), 1)
    return _report(
        "search by kana prefix", store_ms, raw_ms, SEARCH_RATIO_TARGET, SEARCH_P95_TARGET_MS
    )


def bench_writes(
    store: Store, raw: sqlite3.Connection, ids: list[str], rng: random.Random, repeat: int
) -> dict[str, float]:
    lesson_id = "mynumber-receive"
    steps = DEMO_LESSONS[lesson_id]
    store_ms: list[float] = []
    raw_ms: list[float] = []
    origin = store.installation.id
    for i in range(repeat):
        resident = rng.choice(ids)
        step = steps[i % len(steps)]
        state = (StepState.DONE, StepState.NEEDS_HELP, StepState.OPEN)[i % 3]
        store_ms += _measure(
            lambda r=resident, s=step, st=state: store.set_step_state(r, lesson_id, s, st), 1
        )
        now = stamp(dt.datetime.now(dt.UTC))
        params = {
            "id": str(uuid.uuid4()),
            "resident_id": rng.choice(ids),
            "lesson_id": lesson_id,
            "step_id": step,
            "state": state.value,
            "session_id": None,
            "volunteer_id": None,
            "at": now,
            "created_at": now,
            "updated_at": now,
            "origin": origin,
        }

        def raw_write(p: dict = params) -> None:
            with raw:
                raw.execute(UPSERT_PROGRESS_SQL, p).fetchall()

        raw_ms += _measure(raw_write, 1)
    return _report("set_step_state (one tick)", store_ms, raw_ms, WRITE_RATIO_TARGET, None)


def _report(
    label: str,
    store_ms: list[float],
    raw_ms: list[float],
    ratio_target: float,
    p95_target: float | None,
) -> dict[str, float]:
    s50, s95 = percentiles(store_ms)
    r50, r95 = percentiles(raw_ms)
    ratio = s50 / r50 if r50 else float("inf")
    ratio95 = s95 / r95 if r95 else float("inf")
    print(f"  {label}")
    print(f"    Store   p50 {s50:7.3f} ms   p95 {s95:7.3f} ms   (n={len(store_ms)})")
    print(f"    sqlite3 p50 {r50:7.3f} ms   p95 {r95:7.3f} ms")
    verdict = "ok" if max(ratio, ratio95) <= ratio_target else "TARGET MISSED"
    print(
        f"    Store/raw: {ratio:.2f}x at p50, {ratio95:.2f}x at p95 "
        f"(target <= {ratio_target}x) {verdict}"
    )
    if p95_target is not None:
        verdict = "ok" if s95 < p95_target else "TARGET MISSED"
        print(f"    Store p95 {s95:.3f} ms (target < {p95_target} ms) {verdict}")
    return {"p50": s50, "p95": s95, "raw_p50": r50, "raw_p95": r95, "ratio": ratio}


def bench_month_counts(store: Store, raw: sqlite3.Connection, repeat: int) -> dict[str, float]:
    months = [(2024 + (m // 12), m % 12 + 1) for m in range(3, 3 + 36)]
    store_ms: list[float] = []
    raw_ms: list[float] = []
    for i in range(repeat):
        year, month = months[i % len(months)]
        params = store.month_params(year, month)
        raw_ms += _measure(lambda p=params: raw.execute(MONTH_COUNTS_SQL, p).fetchone(), 1)
        store_ms += _measure(lambda y=year, m=month: store.month_counts(y, m), 1)
    return _report("month_counts (Today screen)", store_ms, raw_ms, WRITE_RATIO_TARGET, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--progress", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="dxhelper-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.sqlite3"
        if path.exists():
            sys.exit(f"{path} exists: give a new path")
        python = sys.version.split()[0]
        print(f"dxhelper store benchmark: python {python}, sqlite {sqlite3.sqlite_version}")
        with Store.open(path) as store:
            ids = load(store, args, rng)
            store.checkpoint()
            raw = sqlite3.connect(path, isolation_level=None)
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA busy_timeout = 5000")
            raw.isolation_level = ""  # `with raw:` commits, like the Store's one transaction
            print(f"Lookups ({args.repeat} each, same file, same SQL):")
            bench_search(store, raw, _queries(rng, store, args.repeat))
            bench_writes(store, raw, ids, rng, args.repeat)
            bench_month_counts(store, raw, min(args.repeat, 200))
            raw.close()
            store.checkpoint()
        size = path.stat().st_size
        wal = path.with_name(path.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"Database {size / 1e6:.1f} MB (+ WAL {wal_size / 1e6:.1f} MB); peak RSS {peak:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
