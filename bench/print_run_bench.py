"""Print-run benchmark: a class of 30 named residents and 2 lessons, previewed and printed.

    QT_QPA_PLATFORM=offscreen python bench/print_run_bench.py [--people 30] [--copies 30]

Before (issue 15 §4): one batch PDF painted by Qt's QPrintPreviewDialog on the GUI thread,
every page at once; the window is frozen until the last page is drawn. After: the guides once
(printed with a copy count) and one sheet per resident; the preview renders the pages in view
in a worker thread, printing runs in a worker too. Figures: time to the first preview page,
time to all pages, and the longest the GUI thread went without handling an event (frozen).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dxhelper.core.lessons import Catalogue
from dxhelper.demo import DemoSpec, build_demo
from dxhelper.handouts import HandoutOptions, batch_pdf
from dxhelper.handouts.records import session_print_run
from dxhelper.paths import builtin_lessons_dir
from dxhelper.store import Store
from dxhelper.ui import printing

LESSONS = ["smartphone-basics", "mynumber-apply"]


class Stalls:
    """The longest gap between two ticks of a 10 ms timer: how long the window froze."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0


def wait(app: QApplication, done, limit: float = 600) -> None:
    deadline = time.perf_counter() + limit
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)


def the_run(folder: Path, people: int):
    path = folder / "bench.sqlite3"
    build_demo(path, DemoSpec(residents=max(40, people), sessions=5, seed=3))
    store = Store.open(path)
    catalogue = Catalogue.load(builtin_lessons_dir())
    session = store.start_session(
        venue_id=store.list_venues()[0].id, volunteer_id=store.list_volunteers()[0].id
    )
    for resident in store.list_residents()[:people]:
        store.add_attendee(session.id, resident.id)
    store.set_session_lessons(session.id, LESSONS)
    lessons, sheets = session_print_run(store, catalogue, session.id, "ja")
    store.close()
    return lessons, sheets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--dpi", type=int, default=300, help="printing resolution")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="dxhelper-print-bench-"))
    try:
        lessons, sheets = the_run(folder, args.people)
        options = HandoutOptions()
        start = time.perf_counter()
        guides, sheet_pdf = batch_pdf(lessons, [], "ja", options), batch_pdf([], sheets, "ja")
        build = time.perf_counter() - start
        old_pdf = batch_pdf(lessons, sheets, "ja", options)
        guide_pages, sheet_pages = (printing.page_count(p.data) for p in (guides, sheet_pdf))
        old_pages = printing.page_count(old_pdf.data)
        new_pages = guide_pages * args.copies + sheet_pages
        print(f"{args.people} residents, {len(lessons)} lessons, {args.copies} copies")
        print(
            f"  PDFs made in a worker: {build:.2f} s (guides {guide_pages} p, sheets "
            f"{sheet_pages} p; {new_pages} pages printed)"
        )
        stalls = Stalls()

        # Before: QPrintPreviewDialog painting the batch PDF on the GUI thread.
        dialog = printing.preview_dialog(old_pdf.data)
        painted: list[float] = []
        dialog.paintRequested.connect(lambda _p: painted.append(time.perf_counter()))
        stalls.reset()
        start = time.perf_counter()
        dialog.open()
        wait(app, lambda: bool(painted))
        wait(app, lambda: False, 0.2)
        before_seen = time.perf_counter() - start - 0.2
        print(
            f"before: preview of {old_pages} pages: first page and all pages together at "
            f"{before_seen:.2f} s; window frozen {stalls.worst:.2f} s"
        )
        dialog.close()

        # After: the lazy preview (first page), then every page through the same renderer.
        jobs = [
            printing.PrintJob(guides.data, args.copies, "guides"),
            printing.PrintJob(sheet_pdf.data, 1, "sheets"),
        ]
        stalls.reset()
        start = time.perf_counter()
        preview = printing.PreviewDialog(jobs)
        shown: list[float] = []
        preview.first_page_shown.connect(lambda: shown.append(time.perf_counter()))
        preview.show()
        wait(app, lambda: bool(shown))
        first = shown[0] - start
        print(
            f"after:  preview: first page at {first:.2f} s "
            f"(window frozen at most {stalls.worst:.2f} s)"
        )
        preview.reject()
        renderer = printing.PageRenderer(
            [guides.data, sheet_pdf.data], preview.renderer.dpi, render_all=True
        )
        count: list[int] = []
        renderer.rendered.connect(lambda n, _i: count.append(n))
        stalls.reset()
        start = time.perf_counter()
        renderer.start()
        wait(app, lambda: renderer.isFinished())
        wait(app, lambda: False, 0.05)
        print(
            f"        preview: all {len(count)} pages rendered at "
            f"{time.perf_counter() - start:.2f} s (window frozen at most "
            f"{stalls.worst:.2f} s)"
        )

        # Printing at the printer's resolution, before (GUI thread) and after (worker).
        target = folder / "before.pdf"
        printer = printing.file_printer(target, args.dpi)
        stalls.reset()
        start = time.perf_counter()
        printing.paint_pdf(old_pdf.data, printer)
        app.processEvents()
        print(
            f"before: printing {old_pages} pages at {args.dpi} dpi: "
            f"{time.perf_counter() - start:.2f} s, window frozen {stalls.worst:.2f} s"
        )
        target = folder / "after.pdf"
        native = [printing.PrintJob(guides.data, 1), printing.PrintJob(sheet_pdf.data, 1)]
        worker = printing.PrintWorker(native, printing.file_printer(target, args.dpi))
        stalls.reset()
        start = time.perf_counter()
        worker.start()
        wait(app, worker.isFinished)
        print(
            f"after:  printing {guide_pages + sheet_pages} pages (guides ×{args.copies} as a "
            f"copy count) at {args.dpi} dpi: {time.perf_counter() - start:.2f} s in a worker, "
            f"window frozen at most {stalls.worst:.2f} s"
        )
        worker.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
