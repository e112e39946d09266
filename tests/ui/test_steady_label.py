"""SteadyLabel: a count that changes at each arrival lays nothing out again unless it needs
more room; when it does, it gets the room (nothing cut)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from dxhelper.ui.widgets import SteadyLabel


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _page(qtbot, text_widget: QWidget) -> tuple[QWidget, LayoutRequests]:
    page = QWidget()
    box = QVBoxLayout(page)
    box.addWidget(text_widget)
    box.addWidget(QListWidget(), 1)
    page.resize(400, 300)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(20)  # the first layout done
    requests = LayoutRequests()
    page.installEventFilter(requests)
    return page, requests


def test_a_new_count_of_the_same_size_lays_nothing_out(qtbot, qapp):
    steady = SteadyLabel("Total 3 (by name 3, counted 0)")
    _page_widget, requests = _page(qtbot, steady)
    before = steady.geometry()
    for n in range(4, 12):
        steady.setText(f"Total {n} (by name {n}, counted 0)")
        qapp.processEvents()
    assert requests.count == 0
    assert steady.geometry() == before
    assert steady.text() == "Total 11 (by name 11, counted 0)"
    assert steady.label.geometry() == steady.rect()


def test_a_plain_label_lays_the_page_out_at_each_new_text(qtbot, qapp):
    """Why SteadyLabel exists: the same changes through a QLabel ask the page for a layout."""
    plain = QLabel("Total 3 (3 by name, 0 counted)")
    plain.setWordWrap(True)
    _page_widget, requests = _page(qtbot, plain)
    for n in range(4, 12):
        plain.setText(f"Total {n} (by name {n}, counted 0)")
        qapp.processEvents()
    assert requests.count >= 8


def test_a_longer_text_gets_its_lines(qtbot, qapp):
    steady = SteadyLabel("Short")
    _page_widget, requests = _page(qtbot, steady)
    one_line = steady.height()
    notice = "受講者 9 人に、講師・アシスタントが 2 人です。4人に1人の目安では 3 人必要です。"
    steady.setText(notice * 3)
    qtbot.waitUntil(lambda: steady.height() > one_line)
    assert requests.count >= 1
    assert steady.height() >= steady.label.heightForWidth(steady.width())
    assert steady.label.geometry() == steady.rect()
    # And back: the room it no longer needs is given back.
    steady.setText("Short")
    qtbot.waitUntil(lambda: steady.height() == one_line)


def test_a_text_changed_while_hidden_shows_whole(qtbot, qapp):
    steady = SteadyLabel("Short")
    _page_widget, _requests = _page(qtbot, steady)
    steady.hide()
    steady.setText("A much longer notice that needs several lines at this width. " * 4)
    steady.show()
    qtbot.waitUntil(lambda: steady.height() >= steady.label.heightForWidth(steady.width()))
    assert steady.label.geometry() == steady.rect()
    steady.setAccessibleName("Staffing guideline")
    assert steady.label.accessibleName() == "Staffing guideline"


def test_digits_of_another_width_lay_nothing_out(qtbot, qapp):
    """A Japanese total's narrowest width is its widest number ("12人"); digits differ in
    width, but while the label is wider than that, nothing needs laying out."""
    steady = SteadyLabel("合計 9人（名前 9・人数のみ 0）")
    _page_widget, requests = _page(qtbot, steady)
    before = steady.geometry()
    for n in (10, 11, 12, 20, 21, 22, 111):
        steady.setText(f"合計 {n}人（名前 {n}・人数のみ 0）")
        qapp.processEvents()
    assert requests.count == 0 and steady.geometry() == before
