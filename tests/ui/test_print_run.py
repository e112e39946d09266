"""The Session screen's print run: guides once with a copy count, a sheet per named attendee,
the paper count, printing and previewing in worker threads, cancelling."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from dxhelper.core.models import AgeBand
from dxhelper.handouts import guide_pdf
from dxhelper.ui import printing
from dxhelper.ui.print_run import PrintRunDialog, attendee_count
from dxhelper.ui.session import SessionScreen

LESSONS = ["smartphone-basics", "mynumber-apply"]


def _session(services, named: int = 3, counted: int = 4) -> str:
    store = services.store
    session = store.start_session(
        venue_id=store.list_venues()[0].id, volunteer_id=services.volunteer_id()
    )
    for resident in store.list_residents()[:named]:
        store.add_attendee(session.id, resident.id)
    if counted:
        store.set_unnamed_counts(session.id, {AgeBand.SEVENTIES: counted - 1, AgeBand.SIXTIES: 1})
    store.set_session_lessons(session.id, LESSONS)
    return session.id


def _run_dialog(qtbot, services, session_id: str) -> PrintRunDialog:
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.load(session_id)
    dialog = screen.print_handouts()
    qtbot.waitUntil(lambda: dialog.run is not None, timeout=60_000)
    return dialog


def _pages(path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_copies_default_to_everybody_and_the_paper_count_matches(qtbot, make_services):
    services = make_services("en")
    session_id = _session(services, named=3, counted=4)
    assert attendee_count(services.store, session_id) == 7
    dialog = _run_dialog(qtbot, services, session_id)
    assert dialog.copies.value() == 7
    assert [box.isChecked() for box in dialog.guide_boxes.values()] == [True, True]
    assert dialog.sheets_box.isChecked()
    run = dialog.run
    # The guides PDF has each guide once; the sheets PDF one sheet per named attendee.
    options = services.handout_options()
    guides = sum(
        printing.page_count(guide_pdf(services.catalogue.get(lesson_id, "en"), options).data)
        for lesson_id in LESSONS
    )
    assert run.guide_pages == guides
    sheets_reader = PdfReader(io.BytesIO(run.sheets.data))
    assert run.sheet_pages == len(sheets_reader.pages) >= 3
    names = [r.nickname.strip() or r.display_name for r in services.store.attendees(session_id)]
    sheet_text = "".join(page.extract_text() for page in sheets_reader.pages)
    for name in names:
        assert sheet_text.count(name.split()[0]) >= 1
    pages, paper = dialog.pages_and_paper()
    assert pages == guides * 7 + run.sheet_pages
    assert f"{pages} pages" in dialog.count.text() and f"{paper} sheets" in dialog.count.text()
    dialog.copies.setValue(2)
    assert f"{guides * 2 + run.sheet_pages} pages" in dialog.count.text()
    # Unticking a guide and the sheets makes a smaller run.
    dialog.guide_boxes["mynumber-apply"].setChecked(False)
    dialog.sheets_box.setChecked(False)
    qtbot.waitUntil(lambda: dialog.run.key == dialog.key(), timeout=60_000)
    assert dialog.run.sheets is None and dialog.run.guide_pages < guides
    dialog.reject()


def test_each_named_attendee_gets_one_sheet(qtbot, make_services):
    services = make_services("en")
    session_id = _session(services, named=4, counted=0)
    dialog = _run_dialog(qtbot, services, session_id)
    assert dialog.copies.value() == 4
    # Each sheet starts on a new page and carries one name: 4 names, in order, on ≥ 4 pages.
    reader = PdfReader(io.BytesIO(dialog.run.sheets.data))
    firsts = [page.extract_text() for page in reader.pages]
    named = services.store.attendees(session_id)
    starts = [
        i
        for i, page_text in enumerate(firsts)
        if any((r.nickname.strip() or r.display_name) in page_text for r in named)
    ]
    assert len(reader.pages) >= 4 and len(starts) >= 4
    dialog.reject()


def test_the_next_session_line_is_checked_and_printed(qtbot, make_services):
    services = make_services("en")
    dialog = _run_dialog(qtbot, services, _session(services, named=1, counted=0))
    dialog.next_session.setText("PIN 1234")
    assert dialog.message.isVisible() and not dialog.print_button.isEnabled()
    dialog.next_session.setText("Wed 10 Dec 10:00 Chuo Hall")
    assert not dialog.message.isVisible()
    qtbot.waitUntil(lambda: dialog.run.key == dialog.key(), timeout=60_000)
    assert dialog.print_button.isEnabled()
    assert "10 Dec" in PdfReader(io.BytesIO(dialog.run.guides.data)).pages[0].extract_text()
    dialog.reject()


def test_printing_to_a_pdf_file_gives_every_copy_and_every_sheet(qtbot, make_services, tmp_path):
    services = make_services("ja")
    dialog = _run_dialog(qtbot, services, _session(services, named=2, counted=1))
    dialog.copies.setValue(3)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "printed.pdf"
    expected = dialog.run.guide_pages * 3 + dialog.run.sheet_pages
    with qtbot.waitSignal(dialog.printed, timeout=120_000) as printed:
        dialog.print_run(printing.file_printer(target, resolution=72))
    assert printed.args == [expected]
    assert _pages(target) == expected
    assert [p.name for p in target.parent.iterdir()] == ["printed.pdf"]  # no partial file left


def test_a_real_printer_gets_two_jobs_with_copy_counts(make_services, qapp, monkeypatch):
    services = make_services("en")

    pdf = guide_pdf(services.catalogue.get("smartphone-basics", "en"), services.handout_options())
    seen = []

    class FakePrinter(printing.QPrinter):
        def supportsMultipleCopies(self) -> bool:
            return True

        def setCopyCount(self, count: int) -> None:
            seen.append(count)
            super().setCopyCount(count)

        def outputFormat(self):  # painted like a printer, though it writes a PDF underneath
            return printing.QPrinter.OutputFormat.NativeFormat

    printer = FakePrinter(printing.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName("")
    printer.setResolution(72)
    jobs = [printing.PrintJob(pdf.data, 5), printing.PrintJob(pdf.data, 1)]
    try:
        pages = printing.paint_jobs(jobs, printer)
    except OSError:
        pytest.skip("no printer to open on this machine")
    assert seen == [5, 1]
    assert pages == 2 * printing.page_count(pdf.data)  # each page rendered once per job


def test_cancelling_a_print_stops_it_and_leaves_no_file(qtbot, make_services, tmp_path):
    services = make_services("en")

    pdf = guide_pdf(services.catalogue.get("smartphone-basics", "en"), services.handout_options())
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "cancelled.pdf"
    worker = printing.PrintWorker(
        [printing.PrintJob(pdf.data, 40)], printing.file_printer(target, 300)
    )
    steps: list[int] = []
    worker.progress.connect(lambda done, total: steps.append(done))
    with qtbot.waitSignal(worker.progress, timeout=60_000):
        worker.start()
    with qtbot.waitSignal(worker.cancelled, timeout=60_000):
        worker.cancel()
    worker.wait()
    stopped_at = len(steps)
    QApplication.processEvents()
    assert stopped_at < 40 * printing.page_count(pdf.data)
    assert len(steps) == stopped_at  # no progress after the cancel was honoured
    assert list(target.parent.iterdir()) == []  # neither the target nor a partial file


def test_the_preview_shows_its_first_page_before_the_rest_are_rendered(qtbot, make_services):
    services = make_services("en")
    dialog = _run_dialog(qtbot, services, _session(services, named=12, counted=10))
    with qtbot.waitSignal(dialog.previewing, timeout=60_000) as opened:
        started = time.perf_counter()
        dialog.preview()
    preview = opened.args[0]
    with qtbot.waitSignal(preview.first_page_shown, timeout=10_000):
        pass
    first = time.perf_counter() - started
    assert preview.pages[0].has_image
    rendered = sum(page.has_image for page in preview.pages)
    assert rendered < len(preview.pages)  # only what is in view, not the whole run
    assert first < 5  # 1 s on a desktop; generous for a loaded test machine
    # The captions name the copies; the Print button is on screen.
    assert "× 22" in preview.captions[0]
    assert preview.print_button.isVisible()
    # Scrolling to the end renders the last page.
    last = len(preview.pages) - 1
    preview.scroll.ensureWidgetVisible(preview.pages[last])
    qtbot.waitUntil(lambda: preview.pages[last].has_image, timeout=10_000)
    preview.reject()
    dialog.reject()


def test_other_screens_preview_still_opens(qtbot, make_services):
    services = make_services("en")
    from dxhelper.handouts import guide_pdf
    from dxhelper.ui.pdf_actions import PdfActions

    holder = printing.QWidget()
    qtbot.addWidget(holder)
    actions = PdfActions(services, holder)
    lesson = services.catalogue.get("smartphone-basics", "en")
    with qtbot.waitSignal(actions.previewing, timeout=60_000) as opened:
        actions.preview(lambda: guide_pdf(lesson, services.handout_options()))
    preview = opened.args[0]
    with qtbot.waitSignal(preview.first_page_shown, timeout=10_000):
        pass
    assert preview.isVisible()
    preview.reject()
