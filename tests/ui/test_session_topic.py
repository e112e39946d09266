"""A consultation's topic (issue 17): picked in the Session header, only for 個別相談."""

from __future__ import annotations

from dxhelper.core.categories import Category
from dxhelper.core.models import SessionKind
from dxhelper.ui.session import SessionScreen


def _screen(qtbot, services) -> SessionScreen:
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start_new()
    return screen


def _type(edit, text: str) -> None:
    """One character at a time, as typed (QTest.keyClicks aborts on non-Latin characters)."""
    edit.clear()
    for ch in text:
        edit.insert(ch)
        edit.textEdited.emit(edit.text())


def _stored(services, screen):
    return services.store.get_session(screen.session_id)


def test_the_topic_shows_for_a_consultation_and_is_saved(qtbot, make_services):
    services = make_services("ja")
    screen = _screen(qtbot, services)
    header = screen.header
    assert not header.topic_box.isVisible()  # a class has no topic

    header.kind.setCurrentIndex(header.kind.findData(SessionKind.CONSULTATION))
    assert header.topic_box.isVisible() and not header.topic_note.isVisible()
    labels = [header.topic.itemText(i) for i in range(header.topic.count())]
    assert labels[1:] == [c.label("ja") for c in Category] and labels[-1] == "その他"

    header.topic.setCurrentIndex(header.topic.findData(Category.MYNA_HOKENSHO.value))
    assert _stored(services, screen).topic == "myna-hokensho"

    header.topic.setCurrentIndex(header.topic.findData(Category.OTHER.value))
    assert header.topic_note.isVisible() and screen.focusWidget() is header.topic_note
    _type(header.topic_note, "年金の手続き")
    header.topic_note.editingFinished.emit()
    stored = _stored(services, screen)
    assert (stored.topic, stored.topic_note) == ("other", "年金の手続き")

    # A PIN in the words is refused in place; what was saved stays.
    _type(header.topic_note, "暗証番号1234")
    header.topic_note.editingFinished.emit()
    assert header.message.isVisible() and "暗証番号" in header.message.text()
    assert _stored(services, screen).topic_note == "年金の手続き"

    # Opened again, the header shows what is stored.
    screen.load(screen.session_id)
    assert header.topic.currentData() == "other" and header.topic_note.text() == "年金の手続き"
    header.kind.setCurrentIndex(header.kind.findData(SessionKind.CLASS))
    assert not header.topic_box.isVisible()


def test_the_words_are_typed_and_saved_a_moment_later(qtbot, make_services):
    services = make_services("en")
    screen = _screen(qtbot, services)
    header = screen.header
    header.kind.setCurrentIndex(header.kind.findData(SessionKind.CONSULTATION))
    assert header.topic.itemText(0) == "(not said)"
    header.topic.setCurrentIndex(header.topic.findData(Category.OTHER.value))
    _type(header.topic_note, "pension forms")
    assert header.pending()
    qtbot.waitUntil(lambda: _stored(services, screen).topic_note == "pension forms")
