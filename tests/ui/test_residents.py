"""The Residents screen: search, detail (progress and history), sheet PDF, edit, erase."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc

import jaconv
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from dxhelper.core.errors import NotFoundError
from dxhelper.core.fields import MAX_KANA, MAX_NAME
from dxhelper.core.models import AgeBand, Resident, StepState
from dxhelper.ui.erase_resident import same_name
from dxhelper.ui.new_resident import NewResidentDialog
from dxhelper.ui.residents import ResidentsScreen, pdf_file_name

MY_NUMBER = "271828182840"  # passes the 個人番号 check digit: the store must refuse it


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    """Collect cyclic garbage here, before and after each test.

    A screen made by a test has no parent, so Python owns it; its wrapper is in a cycle
    (screen → PdfActions → screen). If the garbage collector ran first inside a PDF worker
    thread it would delete those widgets off the GUI thread and crash the run.
    """
    gc.collect()
    yield
    gc.collect()


def make_screen(qtbot, services) -> ResidentsScreen:
    screen = ResidentsScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1100, 800)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def listed_ids(screen: ResidentsScreen) -> list[str]:
    return [
        screen.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(screen.list.count())
    ]


def type_text(edit: QLineEdit, text: str) -> None:
    """Type one character at a time (QTest.keyClicks aborts on non-Latin characters)."""
    for ch in text:
        edit.insert(ch)


def busiest(services) -> Resident:
    """The demo resident with the most progress rows and at least one session."""
    store = services.store
    residents = [r for r in store.list_residents() if store.resident_sessions(r.id)]
    return max(residents, key=lambda r: len(store.progress_for(r.id)))


def test_the_list_shows_every_resident_until_a_kana_prefix_narrows_it(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    everyone = services.store.list_residents()
    assert listed_ids(screen) == [r.id for r in everyone]
    first = screen.list.item(0).text()
    assert everyone[0].display_name in first and everyone[0].age_band.label("en") in first

    target = busiest(services)
    prefix = jaconv.kata2hira(target.kana.replace(" ", "")[:2])  # typed in hiragana
    type_text(screen.search, prefix)
    shown = listed_ids(screen)
    assert target.id in shown
    assert 0 < len(shown) < len(everyone)
    assert shown == [r.id for r in services.store.search_residents(prefix, limit=200)]
    # The same prefix in half-width katakana finds the same people.
    screen.search.setText(jaconv.z2h(jaconv.hira2kata(prefix)))
    assert listed_ids(screen) == shown

    screen.search.setText("ゑゑゑ")
    assert screen.list.count() == 0
    assert screen.finder.empty.isVisible() and "ゑゑゑ" in screen.finder.empty.text()
    screen.search.clear()
    assert screen.list.count() == len(everyone)


def test_up_down_from_the_search_box_move_in_the_list_and_enter_opens_the_detail(
    qtbot, make_services
):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.search.setFocus()
    qtbot.waitUntil(screen.search.hasFocus)
    assert screen.current_id is None and not screen.detail.isVisible()

    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search, Qt.Key.Key_Up)
    ids = listed_ids(screen)
    assert screen.list.currentRow() == 1
    assert screen.current_id == ids[1]
    assert screen.search.hasFocus()  # typing can go on

    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.detail.isVisible()
    assert screen.name.text() == services.store.get_resident(ids[1]).display_name
    qtbot.waitUntil(screen.detail_scroll.hasFocus)


def test_the_detail_shows_progress_bars_matching_the_store_and_the_history(qtbot, make_services):
    services = make_services("en")
    store, catalogue = services.store, services.catalogue
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    assert screen.current_id == resident.id
    assert screen.list.currentItem().data(Qt.ItemDataRole.UserRole) == resident.id

    progress = store.progress_for(resident.id)
    lessons = {row.lesson_id for row in progress}
    assert lessons and set(screen.progress_bars) == lessons
    for lesson_id, bar in screen.progress_bars.items():
        rows = [row for row in progress if row.lesson_id == lesson_id]
        done = sum(row.state is StepState.DONE for row in rows)
        helping = sum(row.state is StepState.NEEDS_HELP for row in rows)
        steps = len(catalogue.get(lesson_id, "en").steps)
        assert (bar.minimum(), bar.maximum(), bar.value()) == (0, steps, done)
        assert screen.progress_marks[lesson_id].text() == f"✓ {done}  △ {helping}"
        assert bar.accessibleName()

    sessions = store.resident_sessions(resident.id)
    assert len(screen.history_rows) == len(sessions)
    newest = sessions[0]
    venue = store.get_venue(newest.venue_id).name
    row = screen.history_rows[0]
    assert newest.start_time in row and venue in row and newest.kind.label("en") in row
    assert str(newest.date.year) in row

    assert screen.kana.text() == resident.kana
    assert screen.age_band.text() == resident.age_band.label("en")
    assert str(resident.consent_date.year) in screen.consent.text()


def test_japanese_labels_come_from_the_domain(qtbot, make_services):
    services = make_services("ja")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    assert screen.age_band.text() == resident.age_band.label("ja")
    assert "年" in screen.consent.text()
    sessions = services.store.resident_sessions(resident.id)
    for row, session in zip(screen.history_rows, sessions, strict=True):
        assert session.kind.label("ja") in row
        assert f"{session.date.year}年{session.date.month}月{session.date.day}日" in row
    assert resident.age_band.label("ja") in screen.list.currentItem().text()


def test_select_resident_clears_a_search_that_hides_them(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    everyone = services.store.list_residents()
    screen.search.setText("ゑ")
    assert screen.list.count() == 0
    screen.select_resident(everyone[3].id)
    assert screen.search.text() == ""
    assert screen.current_id == everyone[3].id
    assert screen.list.currentRow() == 3


def test_edit_saves_through_the_store(qtbot, make_services):
    services = make_services("en")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.edit_button.click()
    dialog = screen.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.display_name.text() == resident.display_name

    dialog.form.nickname.setText("はなちゃん")
    dialog.form.kana.setText("テスト ハナコ")
    dialog.form.age_band.setCurrentIndex(dialog.form.age_band.findData(AgeBand.EIGHTY_PLUS.value))
    dialog.form.note.setPlainText("Prefers large text.")
    with qtbot.waitSignal(services.events.changed, timeout=2000):
        dialog.save_button.click()
    assert not dialog.isVisible()

    saved = services.store.get_resident(resident.id)
    assert saved.nickname == "はなちゃん"
    assert saved.kana == "テスト ハナコ"
    assert saved.age_band is AgeBand.EIGHTY_PLUS
    assert saved.note == "Prefers large text."
    assert saved.display_name == resident.display_name
    assert saved.consent_date == resident.consent_date
    # The screen shows the new values at once and the resident stays chosen.
    assert screen.current_id == resident.id
    assert screen.nickname.text() == "はなちゃん"
    assert screen.age_band.text() == AgeBand.EIGHTY_PLUS.label("en")
    assert "はなちゃん" in screen.list.currentItem().text()
    assert screen.notice.isVisible()
    # The new reading is searchable.
    screen.search.setText("てすと")
    assert listed_ids(screen) == [resident.id]


def test_an_edit_tells_the_other_screens_once_and_the_screen_hears_the_others(qtbot, make_services):
    services = make_services("en")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    sources: list[object] = []
    services.events.changed.connect(sources.append)
    screen.edit()
    screen.edit_dialog.form.nickname.setText("Hana")
    screen.edit_dialog.save_button.click()
    assert sources == [screen]

    # Another screen renames her: this screen shows the new name without being asked to.
    services.store.update_resident(dataclasses.replace(resident, nickname="Hanako-san"))
    assert screen.nickname.text() == "Hana"
    services.data_changed(None)
    assert screen.nickname.text() == "Hanako-san"
    assert "Hanako-san" in screen.list.currentItem().text()
    # Its own notification does not make it reload (the notice it just showed stays).
    screen.notice.show_text("kept")
    services.store.update_resident(dataclasses.replace(resident, nickname="Not yet"))
    services.data_changed(screen)
    assert screen.nickname.text() == "Hanako-san" and screen.notice.text() == "kept"


def test_both_resident_dialogs_take_what_the_store_takes(qtbot, make_services):
    services = make_services("en")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.edit()
    new = NewResidentDialog(services.store, "en", "Arai Sumi", screen)
    qtbot.addWidget(new)
    for form in (screen.edit_dialog.form, new.form):
        assert form.display_name.maxLength() == MAX_NAME
        assert form.nickname.maxLength() == MAX_NAME
        assert form.kana.maxLength() == MAX_KANA
    assert new.form.note is None and screen.edit_dialog.form.note is not None

    long_kana = "あ" * MAX_KANA
    new.kana.setText(long_kana + "い")  # one more than the store takes is cut off
    new.form.nickname.setText("Sumi")
    new.form.age_band.setCurrentIndex(new.form.age_band.findData(AgeBand.EIGHTY_PLUS.value))
    new.consent.setChecked(True)
    new.add.click()
    added = new.resident
    assert added is not None and services.store.get_resident(added.id) == added
    assert (added.display_name, added.kana, added.nickname) == ("Arai Sumi", long_kana, "Sumi")
    assert added.age_band is AgeBand.EIGHTY_PLUS and added.note == ""


def test_a_my_number_in_the_note_is_refused_inline_and_nothing_is_saved(qtbot, make_services):
    services = make_services("en")
    resident = busiest(services)
    before = services.store.get_resident(resident.id)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    changed: list[bool] = []
    services.events.changed.connect(lambda _source: changed.append(True))
    screen.edit()
    dialog = screen.edit_dialog
    dialog.form.nickname.setText("New nickname")
    dialog.form.note.setPlainText(f"Card number {MY_NUMBER}, keep it")
    dialog.save_button.click()

    assert dialog.isVisible()  # still open, with the reason in place
    assert dialog.message.isVisible()
    assert "My Number" in dialog.message.text()
    assert dialog.form.note.hasFocus() or dialog.focusWidget() is dialog.form.note
    assert services.store.get_resident(resident.id) == before
    assert MY_NUMBER not in services.store.get_resident(resident.id).note
    assert not changed

    dialog.form.note.setPlainText("Card renewed")  # fixing it saves
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert services.store.get_resident(resident.id).note == "Card renewed"
    assert changed == [True]


def test_an_empty_name_is_refused_inline(qtbot, make_services):
    services = make_services("ja")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.edit()
    dialog = screen.edit_dialog
    dialog.form.display_name.setText("   ")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.message.isVisible() and dialog.message.text()
    assert services.store.get_resident(resident.id).display_name == resident.display_name
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_erase_needs_the_exact_name_then_the_resident_is_gone_with_a_tombstone(
    qtbot, make_services
):
    services = make_services("en")
    store = services.store
    resident = busiest(services)
    assert store.progress_for(resident.id) and store.resident_sessions(resident.id)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.erase_button.click()
    dialog = screen.erase_dialog
    assert dialog is not None and dialog.isVisible()
    text = " ".join(w.text() for w in dialog.findChildren(QWidget) if hasattr(w, "text"))
    assert "cannot be undone" in text and "attendance" in text and "progress" in text

    assert not dialog.erase_button.isEnabled()
    type_text(dialog.confirm, resident.display_name[:-1])
    assert not dialog.erase_button.isEnabled()
    dialog.erase()  # even a direct call does nothing without the name
    assert store.get_resident(resident.id)
    dialog.confirm.setText(resident.display_name + "x")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setText(resident.display_name.replace(" ", "　"))  # IME's full-width space
    assert dialog.erase_button.isEnabled()
    dialog.confirm.setText(resident.display_name)
    assert dialog.erase_button.isEnabled()

    with qtbot.waitSignal(services.events.changed, timeout=2000):
        dialog.erase_button.click()
    assert not dialog.isVisible()
    with pytest.raises(NotFoundError):
        store.get_resident(resident.id)
    assert resident.id in store.tombstones()
    assert store.progress_for(resident.id) == []
    assert store.resident_sessions(resident.id) == []
    assert resident.id not in listed_ids(screen)
    assert screen.current_id is None and not screen.detail.isVisible()
    assert not screen.erase_button.isEnabled()
    assert screen.notice.isVisible()


def test_cancelling_erase_keeps_the_resident(qtbot, make_services):
    services = make_services("en")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.erase()
    screen.erase_dialog.confirm.setText(resident.display_name)
    qtbot.keyClick(screen.erase_dialog, Qt.Key.Key_Escape)
    assert not screen.erase_dialog.isVisible()
    assert services.store.get_resident(resident.id) == resident
    assert resident.id not in services.store.tombstones()


def test_save_sheet_writes_a_pdf(qtbot, make_services, tmp_path):
    services = make_services("ja")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    target = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(screen.pdf.saved, timeout=30000) as blocker:
        screen.save_sheet(target=target)
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")


def test_print_opens_a_preview_of_the_sheet(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.select_resident(busiest(services).id)
    with qtbot.waitSignal(screen.pdf.previewing, timeout=30000) as blocker:
        screen.print_button.click()
    dialog = blocker.args[0]
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: services.tasks.running == 0)


def test_refresh_picks_up_progress_recorded_elsewhere(qtbot, make_services):
    services = make_services("en")
    store = services.store
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    lesson_id = next(iter(screen.progress_bars))
    lesson = services.catalogue.get(lesson_id, "en")
    open_step = next(
        (
            s.id
            for s in lesson.steps
            if all(
                p.step_id != s.id or p.state is not StepState.DONE
                for p in store.progress_for(resident.id, lesson_id)
            )
        ),
        None,
    )
    if open_step is None:
        pytest.skip("the demo resident finished this lesson")
    before = screen.progress_bars[lesson_id].value()
    store.set_step_state(resident.id, lesson_id, open_step, StepState.DONE)
    screen.refresh()
    assert screen.progress_bars[lesson_id].value() == before + 1
    assert screen.current_id == resident.id


def test_interactive_widgets_have_accessible_names(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.select_resident(busiest(services).id)
    screen.edit()
    screen.erase()
    kinds = (QAbstractButton, QLineEdit, QComboBox, QListWidget, QPlainTextEdit)
    for root in (screen, screen.edit_dialog, screen.erase_dialog):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, kinds) and widget.isVisibleTo(root):
                assert widget.accessibleName(), f"{type(widget).__name__} {widget!r}"
    for button in (
        screen.print_button,
        screen.save_button,
        screen.edit_button,
        screen.erase_button,
    ):
        assert button.height() >= 40 and button.width() >= 40


def test_plain_helpers():
    assert same_name("山田　花子", "山田 花子")  # the IME's full-width space
    assert same_name("山田 花子", "山田 花子")
    assert not same_name("山田 花", "山田 花子")
    assert not same_name("", "")
    assert pdf_file_name("山田 花子", dt.date(2026, 1, 2)) == "山田_花子_2026-01-02.pdf"
    assert pdf_file_name('a/b:c*"d', dt.date(2026, 1, 2)) == "a_b_c_d_2026-01-02.pdf"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("scale", [150, 200])
def test_no_text_is_cut_at_large_text_sizes(qtbot, make_services, lang, scale):
    services = make_services(lang, text_scale=scale)
    screen = make_screen(qtbot, services)
    screen.resize(950, 800)  # the default window less the navigation at 200%
    resident = busiest(services)
    services.store.update_resident(
        dataclasses.replace(resident, note="スマホはAndroid。文字を大きく設定済み。" * 3)
    )
    screen.select_resident(resident.id)

    def cut() -> list[tuple[str, int, int]]:
        found = []
        for widget in screen.findChildren(QLabel):
            if widget.isVisibleTo(screen) and widget.text() and widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if widget.height() < needed:
                    found.append((widget.text(), widget.height(), needed))
        found += [
            (button.text(), button.width(), button.sizeHint().width())
            for button in screen._action_buttons()
            if button.width() < button.sizeHint().width()
        ]
        return found

    # Waits for the layouts to settle (the font changed since the previous test's screen).
    try:
        qtbot.waitUntil(lambda: not cut(), timeout=3000)
    except qtbot.TimeoutError:
        pytest.fail(f"cut text: {cut()}")
    # Every row of the list is tall enough for its wrapped text.
    metrics = screen.list.fontMetrics()
    for row in range(screen.list.count()):
        item = screen.list.item(row)
        assert screen.list.visualItemRect(item).height() >= metrics.height() * 2


def test_keyboard_escape_clears_the_search_and_enter_in_the_list_opens(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.search.setFocus()
    qtbot.waitUntil(screen.search.hasFocus)
    screen.search.setText("ゑ")
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)
    assert screen.search.text() == "" and screen.list.count() == 40

    screen.list.setFocus()
    qtbot.waitUntil(screen.list.hasFocus)
    screen.list.setCurrentRow(2)
    qtbot.keyClick(screen.list, Qt.Key.Key_Return)
    assert screen.current_id == listed_ids(screen)[2]
    qtbot.waitUntil(screen.detail_scroll.hasFocus)

    qtbot.keyClick(screen.detail_scroll, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.search.hasFocus)


def test_the_district_is_shown_to_tell_namesakes_apart(qtbot, make_services):
    services = make_services("ja")
    resident = busiest(services)
    services.store.update_resident(dataclasses.replace(resident, district="緑ヶ丘"))
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    assert screen.district.text() == "緑ヶ丘"


def test_erasing_while_another_program_reads_says_it_finishes_at_the_next_start(
    qtbot, make_services, monkeypatch
):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    services = make_services("en")
    resident = busiest(services)
    screen = make_screen(qtbot, services)
    screen.select_resident(resident.id)
    screen.erase_button.click()
    dialog = screen.erase_dialog
    dialog.confirm.setText(resident.display_name)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    reader = sqlite3.connect(services.store.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM residents").fetchone()
        with qtbot.waitSignal(services.events.changed, timeout=15000):
            dialog.erase_button.click()
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert len(told) == 1 and "next time dxhelper starts" in told[0]
    assert services.library.erasure_pending()
    qtbot.waitUntil(lambda: services.tasks.running == 0, timeout=15000)
