"""Report benchmark: the coordinators' 12-month report against the same SQL through raw sqlite3.

Builds (or reuses, with --db) a database through the Store's bulk loaders from store_bench.py,
then times `build_report` (every table and the chart, titles mapped, dataclasses built) and the
very same SQL strings with the same parameters run through a plain sqlite3 connection on the
same file. Median of several runs each, taken in turns after one warm-up of each.

    python bench/report_bench.py                        # 100k residents, 200k sessions, 1M progress
    python bench/report_bench.py --quick                # 2k residents, 4k sessions, 20k progress
    python bench/report_bench.py --db /tmp/big.sqlite3  # build once, then reuse the file
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import store_bench

from dxhelper.core.lessons import Catalogue
from dxhelper.paths import builtin_lessons_dir
from dxhelper.reports import ReportFilter, build_report
from dxhelper.reports.build import lesson_categories, lesson_courses
from dxhelper.store import Store, report_queries, report_scope

RATIO_TARGET = 1.2
QUICK = {"residents": 2_000, "sessions": 4_000, "progress": 20_000}


def _median_ms(job: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    job()  # warm the page cache and the statement cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def _paired_medians(
    raw_job: Callable[[], object], store_job: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median ms of each, run in turns so that a busy moment on the machine hits both alike."""
    raw_job()
    store_job()  # warm the page cache and the statement cache
    raw_times, store_times = [], []
    for _ in range(repeat):
        for job, times in ((raw_job, raw_times), (store_job, store_times)):
            start = time.perf_counter()
            job()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(raw_times), statistics.median(store_times)


def _case(
    label: str,
    store: Store,
    raw: sqlite3.Connection,
    catalogue: Catalogue,
    filt: ReportFilter,
    repeat: int,
) -> float:
    scope = report_scope(
        store,
        filt.first,
        filt.last,
        venue_id=filt.venue_id,
        volunteer_id=filt.volunteer_id,
        kind=filt.kind.value if filt.kind else None,
    )
    queries = report_queries(scope, lesson_categories(catalogue), lesson_courses(catalogue))

    def raw_run() -> list[list[tuple]]:
        return [raw.execute(q.sql, q.params).fetchall() for q in queries.values()]

    def store_run() -> object:
        return build_report(store, catalogue, filt)

    raw_ms, store_ms = _paired_medians(raw_run, store_run, repeat)
    report = build_report(store, catalogue, filt)
    ratio = store_ms / raw_ms if raw_ms else float("inf")
    verdict = "ok" if ratio <= RATIO_TARGET else "TARGET MISSED"
    print(f"  {label}")
    print(
        f"    {report.figure('sessions'):,} sessions, {report.figure('hours'):,} hours, "
        f"{report.figure('attendances'):,} attendances, {report.figure('steps_done'):,} "
        f"steps done, {report.figure('needs_help'):,} needing help; "
        f"{len(report.tables)} tables"
    )
    print(f"    build_report  median {store_ms:8.1f} ms   (n={repeat})")
    print(f"    raw sqlite3   median {raw_ms:8.1f} ms   (same {len(queries)} statements)")
    print(f"    build_report / raw: {ratio:.2f}x (target <= {RATIO_TARGET}x) {verdict}")
    per_query = []
    for key, query in queries.items():
        ms, _ = _median_ms(lambda q=query: raw.execute(q.sql, q.params).fetchall(), 3)
        rows = len(raw.execute(query.sql, query.params).fetchall())
        per_query.append(f"{key:<20} {ms:8.1f}  ({rows:,} rows)")
    print("    per table (raw sqlite3, median of 3, ms):")
    for line in per_query:
        print(f"      {line}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--progress", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="small sizes for a quick look")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--first", default="2025-04", help="first month (store_bench's data spans 2024-04…2027-03)"
    )
    parser.add_argument("--db", type=Path, help="build here, or reuse the file if it exists")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    first = dt.date.fromisoformat(args.first + "-01")
    last = dt.date(first.year + (first.month + 10) // 12, (first.month + 10) % 12 + 1, 1)
    filt = ReportFilter(first, last)
    print(
        f"dxhelper report benchmark: python {sys.version.split()[0]}, "
        f"sqlite {sqlite3.sqlite_version}"
    )
    with tempfile.TemporaryDirectory(prefix="dxhelper-report-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.sqlite3"
        reuse = path.exists()
        with Store.open(path) as store:
            if reuse:
                print(f"Reusing {path}")
            else:
                store_bench.load(store, args, random.Random(args.seed))
                store.checkpoint()
            counts = {
                table: store.handle.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("residents", "sessions", "attendance", "session_lessons", "progress")
            }
            print("Rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
            catalogue = Catalogue.load(builtin_lessons_dir())
            raw = sqlite3.connect(path)
            raw.execute("PRAGMA busy_timeout = 5000")
            span = f"{filt.month_labels()[0]}…{filt.month_labels()[-1]}"
            print(f"Report for {span} ({filt.months} months), median of {args.repeat}:")
            _case("all sessions", store, raw, catalogue, filt, args.repeat)
            classes = ReportFilter(filt.first, filt.last, kind="class")
            _case(
                "classes only (progress must come from a matching session)",
                store,
                raw,
                catalogue,
                classes,
                args.repeat,
            )
            raw.close()
        size = path.stat().st_size
        print(f"Database {size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
