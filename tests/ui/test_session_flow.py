"""A whole session driven through the widgets, checked through the Store API at each stage."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import AgeBand, HandoverItem, StepState
from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths, builtin_lessons_dir
from dxhelper.store import Library
from dxhelper.ui.app import apply_first_run
from dxhelper.ui.first_run import FirstRunDialog
from dxhelper.ui.i18n import install_translators
from dxhelper.ui.main_window import MainWindow
from dxhelper.ui.services import Services
from dxhelper.ui.tasks import TaskRunner

VALID_MY_NUMBER = "271828182840"


def _first_run(qtbot, qapp, tmp_path) -> Services:
    paths = DataPaths(tmp_path / "data")
    settings = Settings.load(paths.root)
    dialog = FirstRunDialog(demo_possible=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language_chosen.connect(lambda lang: install_translators(qapp, lang))
    dialog.choose_language("en")
    dialog.finish()  # no name yet: refused inline, dialog stays
    assert dialog.choices is None and dialog.message.isVisible()
    qtbot.keyClicks(dialog.volunteer, "Aoki")
    qtbot.keyClicks(dialog.municipality, "Midori")
    qtbot.keyClicks(dialog.venue, "Chuo Hall")
    dialog.demo.setChecked(True)
    dialog.finish()
    assert dialog.choices is not None
    library = Library(paths)
    store = apply_first_run(dialog.choices, library, settings)
    saved = Settings.load(paths.root)
    assert saved.get("first_run_done") is True and saved.get("records") == "practice"
    # Practice data in its own folder (issue 16 §6); the answers went into the real records.
    assert library.paths == paths.practice and store.installation.is_demo
    assert store.count_residents() > 10  # the practice database
    with Library.opened(paths, create=False) as real:
        assert [v.name for v in real.store.list_venues()] == ["Chuo Hall"]
        assert [v.display_name for v in real.store.list_volunteers()] == ["Aoki"]
        assert real.store.installation.municipality == "Midori"
        assert real.store.count_residents() == 0 and not real.store.installation.is_demo
    catalogue = Catalogue.load(builtin_lessons_dir(), paths.user_lessons)
    return Services(library, catalogue, settings, TaskRunner())


def _click_cell(qtbot, grid, row: int, column: int) -> None:
    rect = grid.visualRect(grid.model().index(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_whole_session_from_first_run_to_todays_counts(qtbot, qapp, tmp_path):
    services = _first_run(qtbot, qapp, tmp_path)
    store = services.store
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    today = dt.date.today()
    before = store.month_counts(today.year, today.month)

    # Start: the big button on Today opens a new session at the usual venue.
    qtbot.mouseClick(window.today.start, Qt.MouseButton.LeftButton)
    screen = window.session
    assert window.stack.currentWidget() is screen and screen.session_id
    session = store.get_session(screen.session_id)
    assert session.is_open and store.get_venue(session.venue_id)  # a practice venue

    # Two known residents by search: a few keystrokes, ↓ to their row when several match
    # (the first ↓ highlights the first row), then Enter adds the highlighted one.
    panel = screen.attendee_panel
    known = [r for r in store.list_residents() if r.kana][:2]
    for resident in known:
        prefix = resident.kana.replace(" ", "")[:3]
        panel.search.setText(prefix)  # QTest types ASCII only; an IME gives kana this way
        row = [hit.resident.id for hit in panel.hits.hits].index(resident.id)
        for _ in range(row + 1 if len(panel.hits.hits) > 1 else 0):
            qtbot.keyClick(panel.search, Qt.Key.Key_Down)
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
        assert resident.id in {r.id for r in store.attendees(session.id)}
    # One new resident, with consent (the Add button stays off until consent is ticked).
    dialog = screen.new_resident()
    dialog.name.setText("新井 すみ")
    dialog.kana.setText("あらい すみ")
    assert not dialog.add.isEnabled()
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    attendees = store.attendees(session.id)
    assert len(attendees) == 3 and attendees[-1].display_name == "新井 すみ"
    assert attendees[-1].consent_date == dt.date.today()
    # Five more counted by age band, not by name.
    screen.unnamed[AgeBand.SEVENTIES].setValue(3)
    screen.unnamed[AgeBand.EIGHTY_PLUS].setValue(2)
    assert store.get_session(session.id).unnamed_total == 5

    # Choose a lesson: the grid gets a column per step.
    picker = screen.choose_lessons()
    picker.set_checked("mynumber-apply")
    picker.accept()
    assert store.session_lessons(session.id) == ["mynumber-apply"]
    grid = screen.grid
    steps = services.catalogue.get("mynumber-apply", "en").steps
    assert grid.model().rowCount() == 3 and grid.model().columnCount() == len(steps)

    # Tick by mouse: one click done, two clicks needs help.
    new_id = attendees[-1].id
    _click_cell(qtbot, grid, 2, 0)
    _click_cell(qtbot, grid, 2, 1)
    _click_cell(qtbot, grid, 2, 1)
    states = {p.step_id: p.state for p in store.progress_for(new_id, "mynumber-apply")}
    assert states == {steps[0].id: StepState.DONE, steps[1].id: StepState.NEEDS_HELP}
    # …and by keyboard: arrows move, Space ticks.
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(2, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert {p.step_id: p.state for p in store.progress_for(new_id)}[steps[2].id] is StepState.DONE
    assert grid.model().data(grid.model().index(2, 2)) == "✓"

    # A note holding a valid 個人番号 is refused inline and nothing is saved.
    qtbot.keyClicks(screen.notes, f"No. {VALID_MY_NUMBER}")
    assert screen.note_message.isVisible() and "12" in screen.note_message.text()
    assert not screen.save_note()
    assert store.get_session(session.id).note == ""
    screen.notes.setPlainText("老眼鏡を忘れずに")
    assert screen.save_note() and store.get_session(session.id).note == "老眼鏡を忘れずに"

    # Print the session's handouts to a PDF file.
    target = tmp_path / "handouts.pdf"
    with qtbot.waitSignal(screen.pdf.saved, timeout=60_000):
        screen.save_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")

    # End with the checklist: one item skipped with a reason.
    checklist = screen.end_session()
    for item in HandoverItem:
        if item is not HandoverItem.CARD_RETURNED:
            checklist.ticks[item].setChecked(True)
    assert not checklist.finish.isEnabled()
    checklist.reasons[HandoverItem.CARD_RETURNED].setText("カードは持参なし")
    assert checklist.finish.isEnabled()
    with qtbot.waitSignal(screen.session_ended):
        qtbot.mouseClick(checklist.finish, Qt.MouseButton.LeftButton)
    ended = store.get_session(session.id)
    assert not ended.is_open
    handover = {c.item: c for c in store.handover(session.id)}
    assert handover[HandoverItem.CARD_RETURNED].reason == "カードは持参なし"
    assert "3 by name, 5 counted, 2 steps done, 1 need help" in screen.summary.text()

    # Today shows the new counts.
    window.show_page(0)
    after = store.month_counts(today.year, today.month)
    assert after.sessions == before.sessions + 1
    assert after.unnamed_attendances == before.unnamed_attendances + 5
    assert window.today.figures["sessions"].text() == f"{after.sessions:,}"
    assert window.today.figures["steps"].text() == f"{after.steps_done:,}"
    services.tasks.pool.waitForDone(30_000)
    store.close()


def test_undo_and_redo_restore_the_previous_state(qtbot, make_services):
    services = make_services("en")
    store = services.store
    from dxhelper.ui.session import SessionScreen

    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.start_new()
    resident = store.list_residents()[0]
    screen.add_attendee(resident.id)
    screen.set_lessons(["smartphone-basics"])
    step = services.catalogue.get("smartphone-basics", "en").steps[0].id

    def recorded() -> tuple[StepState, str | None]:
        """The step's state and the session it was recorded in (a pale ✓ and a ✓ today are
        the same state from different sessions)."""
        rows = {p.step_id: p for p in store.progress_for(resident.id, "smartphone-basics")}
        row = rows.get(step)
        return (row.state, row.session_id) if row else (StepState.OPEN, None)

    grid = screen.grid
    first = recorded()
    grid.cycle(grid.model().index(0, 0))
    grid.cycle(grid.model().index(0, 0))
    assert recorded() != first
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)  # shortcuts reach the active window only
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert recorded() == first or (first[0] is StepState.OPEN and recorded()[0] is first[0])
    grid.undo_stack.redo()
    assert recorded() != first


def test_present_from_the_session_shows_the_chosen_lesson_full_screen(qtbot, make_services):
    services = make_services("ja")
    from dxhelper.ui.session import SessionScreen

    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.start_new()
    assert not screen.present_button.isEnabled()  # nothing to present before a lesson
    screen.set_lessons(["myna-hokensho"])
    window = screen.present()
    qtbot.addWidget(window)
    assert window.isVisible() and window.isFullScreen()
    lesson = services.catalogue.get("myna-hokensho", "ja")
    for _ in lesson.steps:
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.index == len(lesson.steps) - 1
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and screen.presentation is None


def test_a_full_disk_during_a_tick_is_said_in_place_and_nothing_changes(qtbot, make_services):
    services = make_services("ja")
    store = services.store
    from dxhelper.ui.session import SessionScreen

    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.start_new()
    # People with no progress in these lessons yet: each tick is a new row, needing space.
    lessons = ["smartphone-basics", "mynumber-apply"]
    fresh = [
        r for r in store.list_residents() if not any(store.progress_for(r.id, x) for x in lessons)
    ]
    for resident in fresh[:6]:
        screen.add_attendee(resident.id)
    screen.set_lessons(lessons)
    import pytest

    from dxhelper.core.errors import StoreError

    store.handle.db.execute(f"PRAGMA max_page_count = {store.pragma('page_count') + 2}")
    with pytest.raises(StoreError):  # fill the tiny "disk" to the brim
        for i in range(100_000):
            store.add_venue(f"会場 {i:06d}" + "あ" * 30)
    grid = screen.grid
    model = grid.model()
    cells = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    for row, column in cells:  # new progress rows need space sooner or later
        state_before = model.cell(model.index(row, column)).state
        undo_depth = grid.undo_stack.count()
        grid.cycle(model.index(row, column))
        if screen.grid_message.isVisible():
            break
    assert "ディスク" in screen.grid_message.text()
    # The refused tick changed nothing: the cell and the undo stack are as they were.
    assert model.cell(model.index(row, column)).state is state_before
    assert grid.undo_stack.count() == undo_depth
    assert store.pragma("integrity_check") == "ok"
