"""The Session screen's "More printing" menu: the blank sign-in sheet, the next-session slips
(with their dialog) and the certificates of attendance, read back from the PDFs they make."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader

from dxhelper.core.models import AgeBand
from dxhelper.handouts.records import bring_list, session_lessons
from dxhelper.ui.session import SessionScreen

LESSONS = ["smartphone-basics", "mynumber-apply"]
VALID_MY_NUMBER = "271828182840"
DAY = dt.date(2026, 11, 7)  # a Saturday


def _session(services, named: int = 2, counted: int = 3, ended: bool = True) -> str:
    store = services.store
    session = store.start_session(
        venue_id=store.list_venues()[0].id,
        volunteer_id=services.volunteer_id(),
        date=DAY,
        start_time="10:00",
    )
    for resident in store.list_residents()[:named]:
        store.add_attendee(session.id, resident.id)
    if counted:
        store.set_unnamed_counts(session.id, {AgeBand.SEVENTIES: counted})
    store.set_session_lessons(session.id, LESSONS)
    if ended:
        stored = store.get_session(session.id)
        store.update_session(dataclasses.replace(stored, end_time="12:00"))
    return session.id


def _screen(qtbot, services, session_id: str) -> SessionScreen:
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.load(session_id)
    return screen


def _captured(screen: SessionScreen, monkeypatch) -> list:
    """The build callables handed to the preview, instead of opening it."""
    builds: list = []
    monkeypatch.setattr(screen.pdf, "preview", lambda build, title="": builds.append(build))
    return builds


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return "".join("".join((page.extract_text() or "").split()) for page in pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_the_menu_keeps_its_entries_in_order(qtbot, make_services):
    services = make_services("en")
    screen = _screen(qtbot, services, _session(services))
    texts = [a.text() or "-" for a in screen.more_button.menu().actions()]
    assert texts == [
        "Save PDF…",
        "Open PDF",
        "Sheet for the selected resident",
        "-",
        "Blank sign-in sheet…",
        "Next-session slips…",
        "Certificates of attendance…",
    ]


def test_the_blank_sign_in_sheet_names_the_venue_and_opens_the_preview(qtbot, make_services):
    services = make_services("ja")
    screen = _screen(qtbot, services, _session(services))
    venue = screen.venue.currentText()
    with qtbot.waitSignal(screen.pdf.previewing, timeout=60_000) as opened:
        screen.signin_action.trigger()
    preview = opened.args[0]
    data = preview.jobs[0].data
    preview.reject()
    text = _text(data)
    assert _pages(data) == 1
    assert "受付票" in text
    assert "".join(venue.split()) in text


def test_the_next_notice_dialog_takes_its_defaults_from_the_session(qtbot, make_services):
    services = make_services("ja")
    session_id = _session(services)
    screen = _screen(qtbot, services, session_id)
    dialog = screen.next_notice()
    qtbot.addWidget(dialog)
    assert dialog.date.date().toPython() == DAY + dt.timedelta(days=7)
    assert dialog.date.calendarPopup()
    assert dialog.time.text() == "10:00〜12:00"
    assert dialog.venue.text() == screen.venue.currentText()
    lessons = session_lessons(services.store, services.catalogue, session_id, "ja")
    expected = bring_list(lessons)
    assert expected and list(dialog.bring_items()) == expected
    assert dialog.note.text() == ""
    assert dialog.per_page_buttons[4].isChecked()
    dialog.reject()


def test_the_next_notice_slips_hold_what_the_dialog_says(qtbot, make_services):
    services = make_services("en")
    screen = _screen(qtbot, services, _session(services, ended=False))
    dialog = screen.next_notice()
    assert dialog.time.text() == "10:00"  # still running: no end time yet
    dialog.time.setText("13:30–15:00")
    dialog.venue.setText("Midori Library")
    dialog.bring.setPlainText("Your smartphone\n\n  Reading glasses  ")
    dialog.note.setText("Charge your phone")
    with (
        qtbot.waitSignal(screen.pdf.previewing, timeout=60_000) as opened,
        qtbot.waitSignal(dialog.built, timeout=60_000) as built,
    ):
        dialog.preview_button.click()
    opened.args[0].reject()
    assert not dialog.isVisible()
    data = built.args[0].data
    text = _text(data)
    assert _pages(data) == 1
    assert text.count("MidoriLibrary") == 4  # four identical slips
    for words in ("13:30–15:00", "Yoursmartphone", "Readingglasses", "Chargeyourphone"):
        assert words in text
    assert "14November2026" in text


def test_a_my_number_in_the_note_is_refused_inline_and_nothing_is_made(
    qtbot, make_services, monkeypatch
):
    services = make_services("ja")
    screen = _screen(qtbot, services, _session(services))
    dialog = screen.next_notice()
    qtbot.addWidget(dialog)
    made: list = []
    monkeypatch.setattr(services.tasks, "run", lambda *args, **kwargs: made.append(args))
    dialog.built.connect(made.append)
    dialog.note.setText(f"番号 {VALID_MY_NUMBER}")
    dialog.preview_button.click()
    assert made == []
    assert dialog.isVisible() and dialog.message.isVisible()
    assert "12桁" in dialog.message.text() and VALID_MY_NUMBER not in dialog.message.text()
    # …and so is a PIN in what to bring.
    dialog.note.setText("")
    dialog.bring.setPlainText("スマートフォン\n暗証番号は1234")
    dialog.preview_button.click()
    assert made == [] and "暗証番号" in dialog.message.text()
    dialog.reject()


def test_too_many_words_for_eight_slips_are_said_in_the_users_language(qtbot, make_services):
    services = make_services("ja")
    screen = _screen(qtbot, services, _session(services))
    dialog = screen.next_notice()
    qtbot.addWidget(dialog)
    dialog.bring.setPlainText(
        "\n".join(f"持ち物その{n}（忘れずにお持ちください）" for n in range(14))
    )
    dialog.per_page_buttons[8].setChecked(True)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=60_000)
    assert "8つ入りません" in dialog.message.text()
    assert dialog.isVisible() and dialog.preview_button.isEnabled()
    dialog.reject()


def test_certificates_are_one_page_per_named_attendee(qtbot, make_services, monkeypatch):
    services = make_services("en")
    session_id = _session(services, named=3)
    screen = _screen(qtbot, services, session_id)
    builds = _captured(screen, monkeypatch)
    screen.certificates_action.trigger()
    assert len(builds) == 1
    data = builds[0]().data
    assert _pages(data) == 3
    text = _text(data)
    assert text.count("CertificateofAttendance") >= 3
    for resident in services.store.attendees(session_id):
        name = resident.nickname.strip() or resident.display_name
        assert "".join(name.split()) in text


def test_certificates_with_nobody_named_say_so_and_print_nothing(qtbot, make_services, monkeypatch):
    services = make_services("en")
    screen = _screen(qtbot, services, _session(services, named=0, counted=5))
    builds = _captured(screen, monkeypatch)
    screen.certificates_action.trigger()
    assert builds == []
    assert not screen.grid_message.isHidden()
    assert "no certificate" in screen.grid_message.text()
