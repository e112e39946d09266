"""Every screen in both languages: translated, named for screen readers, large, nothing cut."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from dxhelper.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "dxhelper_ja.ts"
SCREENS = ["today", "session", "residents", "lessons", "reports", "settings", "follow_up"]


def _translations() -> dict[str, str]:
    pairs = {}
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        text = translation.text or translation.findtext("numerusform", "")
        if text and text != source:
            pairs[source] = text
    return pairs


@pytest.mark.parametrize("name", ["dxhelper_ja.ts", "dxhelper_en.ts"])
def test_the_shipped_ts_has_every_string_of_the_code_translated(tmp_path, name):
    """pyside6-lupdate over today's code finds nothing new, unfinished or vanished (English:
    the plural forms only, since English is the source language)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    copy = tmp_path / name
    shutil.copy(TS.with_name(name), copy)
    translations.I18N = tmp_path  # update the copy, never the shipped file
    translations.update(copy)
    assert translations.unfinished(copy) == []
    if name.endswith("_en.ts"):
        assert ET.parse(copy).getroot().iter("message")  # plurals such as "%n people"


def test_english_plurals_read_naturally(qtbot, make_services):
    from PySide6.QtCore import QCoreApplication

    make_services("en")
    one = QCoreApplication.translate("TodayScreen", "%n people", "", 1)
    assert (one, QCoreApplication.translate("TodayScreen", "%n people", "", 3)) == (
        "1 person",
        "3 people",
    )


def test_no_tr_call_hides_inside_an_f_string():
    """pyside6-lupdate cannot see tr() inside an f-string's braces: such text stays English."""
    import re

    hidden = re.compile(r"""f(["']).*?\{[^}]*\btr\(""")
    found = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "dxhelper" / "ui").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert found == []


def _window(qtbot, services, page: int = 0) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    screen = window.session
    screen.start_new()
    store = services.store
    for resident in store.list_residents()[:3]:
        screen.add_attendee(resident.id)
    screen.set_lessons(["mynumber-apply"])
    window.show_page(page)
    return window


def _visible(root: QWidget, kind) -> list:
    return [w for w in root.findChildren(kind) if w.isVisible()]


def _texts(root: QWidget) -> set[str]:
    texts = set()
    for widget in _visible(root, QLabel) + _visible(root, QAbstractButton):
        texts.add(widget.text().replace("&", ""))
    for widget in _visible(root, QLineEdit):
        texts.add(widget.placeholderText())
    return {t for t in texts if t}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_screen_speaks_one_language(qtbot, make_services, lang):
    pairs = _translations()
    english = {s.replace("&", "") for s in pairs}
    japanese = {t.replace("&", "") for t in pairs.values()}
    window = _window(qtbot, make_services(lang))
    for index, name in enumerate(SCREENS):
        window.show_page(index)
        shown = _texts(window.stack.currentWidget()) | {
            window.nav.item(i).text() for i in range(window.nav.count())
        }
        wrong = shown & (japanese if lang == "en" else english - japanese)
        assert not wrong, f"{name} in {lang} shows {wrong}"
        right = shown & (english if lang == "en" else japanese)
        assert right, f"{name} shows no {lang} interface text"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_control_is_named_and_big_enough_at_100_percent(qtbot, make_services, lang):
    window = _window(qtbot, make_services(lang))
    for index, name in enumerate(SCREENS):
        window.show_page(index)
        qtbot.wait(10)
        page = window.stack.currentWidget()
        controls = [
            *_visible(page, QAbstractButton),
            *_visible(page, QLineEdit),
            *_visible(page, QComboBox),
            *_visible(page, QAbstractSpinBox),
            *_visible(page, QAbstractItemView),
            *_visible(page, QPlainTextEdit),
        ]
        assert controls, name
        for control in controls:
            if control.objectName().startswith("qt_") or isinstance(control, QHeaderView):
                continue  # parts of a named table (its headers, its corner button)
            if control.parent() is not None and isinstance(control.parent(), QAbstractSpinBox):
                continue  # a spin box's own line edit
            if isinstance(control, QLineEdit) and isinstance(control.parent(), QComboBox):
                continue
            assert control.accessibleName() or (
                isinstance(control, QAbstractButton) and control.text()
            ), f"{name}: {control.metaObject().className()} has no accessible name"
        for target in _visible(page, QPushButton):
            assert target.height() >= 40 and target.width() >= 40, (
                f"{name}: '{target.text()}' is {target.width()}x{target.height()}"
            )


def _shown(label: QLabel) -> str:
    """What a sighted reader sees on a label: rich text as plain text, no mnemonic '&'."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText
    if rich or (label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_label_s_accessible_name_carries_its_visible_text(qtbot, make_services, lang):
    """Issue 19 §6: where a label has an accessible name, a screen reader hears what is shown
    (a figure's value with what it counts, not the caption alone)."""
    window = _window(qtbot, make_services(lang))
    for index, name in enumerate(SCREENS):
        window.show_page(index)
        qtbot.wait(10)
        for label in _visible(window.stack.currentWidget(), QLabel):
            named, shown = " ".join(label.accessibleName().split()), _shown(label)
            if named and shown:
                assert shown in named, f"{name}: label '{shown}' is named '{named}'"
    today = window.today
    for figure in today.figures.values():
        assert figure.accessibleName().endswith(" " + figure.text()), figure.accessibleName()
        assert len(figure.accessibleName()) > len(figure.text()) + 1  # and what it counts


@pytest.mark.parametrize(("lang", "scale"), [("ja", 150), ("en", 150), ("ja", 200), ("en", 200)])
def test_no_button_or_single_line_label_is_cut_at_large_text(qtbot, make_services, lang, scale):
    window = _window(qtbot, make_services(lang, text_scale=scale))
    for index, name in enumerate(SCREENS):
        window.show_page(index)
        qtbot.wait(10)
        page = window.stack.currentWidget()
        for widget in _visible(page, QPushButton):
            text = widget.text().replace("&", "")
            needed = widget.fontMetrics().horizontalAdvance(text)
            assert widget.width() >= needed, f"{name}: button '{text}' cut ({widget.width()})"
        for widget in _visible(page, QLabel):
            if widget.wordWrap() or not widget.text() or widget.pixmap() is not None:
                continue
            if "<" in widget.text():  # rich text measures differently
                continue
            needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
            assert widget.width() >= needed - 1, f"{name}: label '{widget.text()}' cut"
