"""Sessions that can be found, corrected, discarded and entered afterwards, driven through the
widgets and checked through the Store (and the report) at each stage."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from dxhelper.core.models import AgeBand, HandoverCheck, HandoverItem, SessionKind
from dxhelper.reports import ReportFilter, build_report
from dxhelper.ui.main_window import MainWindow
from dxhelper.ui.session import SessionScreen

ALL_DONE = [HandoverCheck(item, True, "") for item in HandoverItem]


def _ended_session(
    services,
    *,
    day=None,
    start="10:00",
    end="12:00",
    people=3,
    venue_id=None,
    kind=SessionKind.CLASS,
    lessons=("smartphone-basics",),
    counted=0,
):
    store = services.store
    session = store.start_session(
        venue_id=venue_id or store.list_venues()[0].id,
        volunteer_id=services.volunteer_id(),
        kind=kind,
        date=day or dt.date.today(),
        start_time=start,
    )
    for resident in store.list_residents()[:people]:
        store.add_attendee(session.id, resident.id)
    store.set_session_lessons(session.id, list(lessons))
    if counted:
        store.set_unnamed_counts(session.id, {AgeBand.SEVENTIES: counted})
    return store.end_session(session.id, end_time=end, handover=ALL_DONE)


def _window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _click_recent(qtbot, window, session_id: str) -> None:
    recent = window.today.recent
    row = next(
        i
        for i in range(recent.count())
        if recent.item(i).data(Qt.ItemDataRole.UserRole) == session_id
    )
    rect = recent.visualItemRect(recent.item(row))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_cell(qtbot, grid, row: int, column: int) -> None:
    rect = grid.visualRect(grid.model().index(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _progress(store, resident_id):
    return {
        (p.lesson_id, p.step_id): (p.state, p.updated_at) for p in store.progress_for(resident_id)
    }


def _named(report) -> int:
    return report.figure("named")  # "of which named residents"


def test_an_ended_session_opens_read_only_and_is_corrected_after_confirming(qtbot, make_services):
    services = make_services("en")
    store = services.store
    ended = _ended_session(services)
    today = dt.date.today()
    month = ReportFilter(first=today, last=today)
    named_before = _named(build_report(store, services.catalogue, month, "en"))
    window = _window(qtbot, services)

    # Today lists it; one click opens it on the Session screen, under the banner.
    _click_recent(qtbot, window, ended.id)
    screen = window.session
    assert window.stack.currentWidget() is screen and screen.session_id == ended.id
    assert screen.banner.isVisible() and screen.locked
    assert screen.banner_text.text() == "This session has ended. Correct it?"
    assert screen.correct_button.isVisible()
    assert screen.end_time.isVisible() and screen.end_time.time() == QTime(12, 0)

    # Read-only: a click or Space on the grid ticks nothing; the fields cannot be changed.
    first = store.attendees(ended.id)[0]
    before = _progress(store, first.id)
    _click_cell(qtbot, screen.grid, 0, 0)
    screen.grid.setCurrentIndex(screen.grid.model().index(0, 1))
    qtbot.keyClick(screen.grid, Qt.Key.Key_Space)
    assert _progress(store, first.id) == before
    assert screen.grid.undo_stack.count() == 0
    assert not screen.attendee_panel.isEnabled()
    assert not screen.date.isEnabled() and not screen.end_time.isEnabled()
    assert not screen.choose_lessons_button.isEnabled() and screen.notes.isReadOnly()
    assert not screen.end_button.isVisible()

    # "Correct it": now everything can be changed, each change through the store.
    qtbot.mouseClick(screen.correct_button, Qt.MouseButton.LeftButton)
    assert not screen.locked and screen.attendee_panel.isEnabled()
    assert "Correcting" in screen.banner_text.text() and screen.done_button.isVisible()
    _click_cell(qtbot, screen.grid, 0, 0)
    assert _progress(store, first.id) != before

    panel = screen.attendee_panel
    panel.attendees.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert first.id not in {r.id for r in store.attendees(ended.id)}
    assert screen.grid.model().rowCount() == 2

    screen.end_time.setFocus()
    screen.end_time.setTime(QTime(12, 30))
    qtbot.waitUntil(lambda: store.get_session(ended.id).end_time == "12:30")  # a moment later
    # An end before the start is refused in place, and the stored time stays.
    screen.end_time.setTime(QTime(9, 0))
    assert not screen.header.save()
    assert screen.header_message.isVisible() and store.get_session(ended.id).end_time == "12:30"
    screen.end_time.setTime(QTime(12, 30))
    assert screen.header.save() and not screen.header_message.isVisible()

    corrected = store.get_session(ended.id)
    assert (corrected.start_time, corrected.end_time) == ("10:00", "12:30")
    assert len(store.attendees(ended.id)) == 2
    assert _named(build_report(store, services.catalogue, month, "en")) == named_before - 1

    # Done: back to Today, which shows the corrected session.
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.today and screen.session_id is None
    texts = [window.today.recent.item(i).text() for i in range(window.today.recent.count())]
    assert any("10:00–12:30" in text and "2 people" in text for text in texts)


def test_a_discarded_session_vanishes_from_todays_counts_recent_sessions_and_the_list(
    qtbot, make_services
):
    services = make_services("ja")
    store = services.store
    mistake = _ended_session(services, people=2, counted=4)
    today = dt.date.today()
    counts = store.month_counts(today.year, today.month)
    window = _window(qtbot, services)
    assert window.today.figures["sessions"].text() == f"{counts.sessions:,}"

    _click_recent(qtbot, window, mistake.id)
    screen = window.session
    dialog = screen.discard()
    qtbot.addWidget(dialog)
    assert not dialog.discard_button.isEnabled()
    qtbot.keyClicks(dialog.word, "yes")
    assert not dialog.discard_button.isEnabled()
    dialog.discard()  # Enter with the wrong word: said in place, nothing discarded
    assert dialog.message.isVisible() and store.get_session(mistake.id)
    dialog.word.setText("削除")  # as an IME gives it
    assert dialog.discard_button.isEnabled()
    with qtbot.waitSignal(services.events.changed):
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)

    # Back to Today, refreshed: the month's figures, the recent sessions, the list.
    assert window.stack.currentWidget() is window.today
    after = store.month_counts(today.year, today.month)
    assert after.sessions == counts.sessions - 1
    assert after.unnamed_attendances == counts.unnamed_attendances - 4
    assert window.today.figures["sessions"].text() == f"{after.sessions:,}"
    assert window.today.figures["named"].text() == f"{after.named_attendances:,}"
    recent = window.today.recent
    shown = {recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(recent.count())}
    assert mistake.id not in shown
    listing = window.today.show_sessions()
    qtbot.addWidget(listing)
    assert mistake.id not in listing.session_ids()
    assert screen.session_id is None and screen.summary.text()


@pytest.mark.parametrize("word", ["削除", "さくじょ", "discard", " Discard "])
def test_the_discard_word_is_forgiving_of_form_but_not_of_meaning(word):
    from dxhelper.ui.discard_session import confirmed

    assert confirmed(word)
    assert not confirmed("") and not confirmed("はい") and not confirmed("delete")


def test_the_sessions_list_filters_by_month_venue_and_kind_and_opens_one(qtbot, make_services):
    services = make_services("en")
    store = services.store
    hall = store.add_venue("Filter Hall")
    annex = store.add_venue("Filter Annex")
    march, april = dt.date(2019, 3, 12), dt.date(2019, 4, 2)
    made = {
        "march_hall_class": _ended_session(services, day=march, venue_id=hall.id),
        "march_annex_one": _ended_session(
            services, day=march, venue_id=annex.id, kind=SessionKind.CONSULTATION
        ),
        "april_hall_one": _ended_session(
            services, day=april, venue_id=hall.id, kind=SessionKind.CONSULTATION
        ),
    }
    ids = {name: session.id for name, session in made.items()}
    window = _window(qtbot, services)
    dialog = window.today.show_sessions()  # "All sessions…" on Today
    qtbot.addWidget(dialog)
    months = [dialog.month.itemText(i) for i in range(dialog.month.count())]
    assert "March 2019" in months and "April 2019" in months

    dialog.choose(month=march)
    assert set(dialog.session_ids()) == {ids["march_hall_class"], ids["march_annex_one"]}
    dialog.choose(month=march, venue_id=hall.id)
    assert dialog.session_ids() == [ids["march_hall_class"]]
    dialog.choose(venue_id=hall.id, kind=SessionKind.CONSULTATION)
    assert dialog.session_ids() == [ids["april_hall_one"]]
    dialog.choose(venue_id=hall.id)
    assert dialog.session_ids() == [ids["april_hall_one"], ids["march_hall_class"]]  # newest first
    dialog.choose(month=april, venue_id=annex.id)
    assert dialog.session_ids() == [] and "No session matches" in dialog.count.text()
    assert not dialog.open_button.isEnabled()

    # Keyboard: the list has the focus; Down and Enter open the second one.
    dialog.choose(venue_id=hall.id)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.stack.currentWidget() is window.session
    assert window.session.session_id == ids["march_hall_class"] and window.session.locked

    # The Session screen has the list too.
    again = window.session.show_sessions()
    qtbot.addWidget(again)
    again.choose(month=april)
    again.open_chosen()
    assert window.session.session_id == ids["april_hall_one"]


def _wheel(widget, steps: int = 1) -> None:
    """A wheel turn over the middle of `widget`, as the window system sends it (so Qt passes
    an ignored one on to the parent, as for a real mouse)."""
    window = widget.window()
    where = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), QPointF(where), QPoint(0, 120 * steps))


def test_the_wheel_over_an_unfocused_count_changes_nothing(qtbot, make_services):
    services = make_services("en")
    store = services.store
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1000, 520)  # small enough for the attendee panel to scroll
    screen.show()
    screen.start_new()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    spin = screen.unnamed[AgeBand.SEVENTIES]
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    screen.notes.setFocus()
    qtbot.waitUntil(screen.notes.hasFocus)
    before = store.get_session(screen.session_id).updated_at

    # The scroll area around the count that has something to scroll (above the grid, the page
    # itself: the attendee panel is as tall as its parts there).
    scrolls, parent = [], spin.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.verticalScrollBar().maximum() > 0:
            scrolls.append(parent.verticalScrollBar())
        parent = parent.parentWidget()
    assert len(scrolls) == 1  # one scroll area to scroll, not one inside another
    panel_scroll = scrolls[0]
    panel_scroll.setValue(panel_scroll.maximum())
    _wheel(spin)  # up: the panel scrolls instead
    assert spin.value() == 0
    assert panel_scroll.value() < panel_scroll.maximum()
    assert store.get_session(screen.session_id).unnamed.get(AgeBand.SEVENTIES, 0) == 0
    assert store.get_session(screen.session_id).updated_at == before
    assert not spin.hasFocus()  # the wheel does not give it the focus either

    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin)
    assert spin.value() == 1
    assert store.get_session(screen.session_id).unnamed[AgeBand.SEVENTIES] == 1


def test_a_past_session_is_entered_with_its_real_date_and_times(qtbot, make_services):
    services = make_services("en")
    store = services.store
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    held = dt.date.today() - dt.timedelta(days=20)

    # Before starting: the idle page takes the date and start time from the paper record.
    screen.past_date.setDate(QDate(held.year, held.month, held.day))
    screen.past_start.setTime(QTime(13, 30))
    qtbot.mouseClick(screen.past_button, Qt.MouseButton.LeftButton)
    session = store.get_session(screen.session_id)
    assert (session.date, session.start_time, session.end_time) == (held, "13:30", None)
    screen.add_attendee(store.list_residents()[0].id)

    # Ending: the end time is asked for (it starts at the start time and must be set).
    checklist = screen.end_session()
    qtbot.addWidget(checklist)
    for tick in checklist.ticks.values():
        tick.setChecked(True)
    assert checklist.end_time == "13:30" and not checklist.finish.isEnabled()
    checklist.end.setTime(QTime(15, 0))
    assert checklist.finish.isEnabled()
    with qtbot.waitSignal(screen.session_ended):
        qtbot.mouseClick(checklist.finish, Qt.MouseButton.LeftButton)
    stored = store.get_session(session.id)
    assert (stored.date, stored.start_time, stored.end_time) == (held, "13:30", "15:00")
    assert "13:30–15:00" in screen.summary.text()


def test_the_date_and_start_can_be_set_after_starting_and_the_end_on_ending(qtbot, make_services):
    services = make_services("en")
    store = services.store
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.start_new()
    session_id = screen.session_id
    held = dt.date.today() - dt.timedelta(days=3)
    screen.date.setDate(QDate(held.year, held.month, held.day))
    screen.start_time.setTime(QTime(9, 30))
    qtbot.waitUntil(lambda: store.get_session(session_id).start_time == "09:30")
    assert store.get_session(session_id).date == held

    checklist = screen.end_session()
    qtbot.addWidget(checklist)
    for tick in checklist.ticks.values():
        tick.setChecked(True)
    checklist.end.setTime(QTime(8, 0))  # before the start: refused in place
    assert not checklist.finish.isEnabled() and checklist.message.isVisible()
    checklist.end.setTime(QTime(11, 45))
    checklist.accept_checks()
    stored = store.get_session(session_id)
    assert (stored.date, stored.start_time, stored.end_time) == (held, "09:30", "11:45")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "合計 10人（名前 3・人数のみ 7）"), ("en", "Total 10 (3 by name, 7 counted)")],
)
def test_the_days_total_shows_named_and_counted(qtbot, make_services, lang, expected):
    services = make_services(lang)
    store = services.store
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.start_new()
    for resident in store.list_residents()[:3]:
        screen.add_attendee(resident.id)
    screen.unnamed[AgeBand.SEVENTIES].setValue(5)
    screen.unnamed[AgeBand.EIGHTY_PLUS].setValue(2)
    assert screen.total.text() == expected
    assert store.get_session(screen.session_id).unnamed_total == 7
