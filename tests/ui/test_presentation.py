"""Presentation mode: stepping with keys, closing, the step's QR code, full screen, presenter."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image as PilImage
from PySide6.QtCore import Qt

from dxhelper.core.lessons.model import Link, Paragraph, Span
from dxhelper.ui.lesson_html import blocks_plain
from dxhelper.ui.presentation import AudienceView, PresentationWindow
from dxhelper.ui.presenter import PresenterPanel, open_presentation

LESSON = "mynumber-apply"
STEP_URL = "https://www.digital.go.jp/policies/mynumber"


def decode(image, path: Path) -> list[str]:
    """What a phone would read: the QR codes zxing finds in the picture saved as PNG."""
    assert image.save(str(path))
    return [result.text for result in zxingcpp.read_barcodes(PilImage.open(path))]


def shown(qtbot, lesson, lang: str, start: int = 0) -> PresentationWindow:
    window = PresentationWindow(lesson, lang, start)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_keys_step_through_every_step_and_stop_at_both_ends(qtbot, make_services, lang):
    lesson = make_services(lang).catalogue.get(LESSON, lang)
    total = len(lesson.steps)
    assert total > 2
    window = shown(qtbot, lesson, lang)
    view = window.view

    def assert_at(index: int) -> None:
        step = lesson.steps[index]
        assert window.index == index
        assert view.position_label.text() == view.tr("{n} / {total}").format(
            n=index + 1, total=total
        )
        assert view.position_label.text().replace(" ", "") == f"{index + 1}/{total}"
        assert view.title_label.text() == step.title
        assert view.text_label.accessibleDescription() == blocks_plain(step.blocks)
        assert view.text_label.accessibleDescription()

    assert_at(0)
    forward = [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space]
    for index in range(1, total):
        with qtbot.waitSignal(window.step_changed, timeout=1000) as changed:
            qtbot.keyClick(window, forward[index % len(forward)])
        assert changed.args == [index]
        assert_at(index)

    # At the last step every "next" key does nothing, and says nothing.
    with qtbot.assertNotEmitted(window.step_changed):
        for key in forward:
            qtbot.keyClick(window, key)
    assert_at(total - 1)

    backward = [Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace]
    for index in range(total - 2, -1, -1):
        with qtbot.waitSignal(window.step_changed, timeout=1000):
            qtbot.keyClick(window, backward[index % len(backward)])
        assert_at(index)
    with qtbot.assertNotEmitted(window.step_changed):
        for key in backward:
            qtbot.keyClick(window, key)
    assert_at(0)

    qtbot.keyClick(window, Qt.Key.Key_End)
    assert_at(total - 1)
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert_at(0)
    window.go_to(99)
    assert_at(total - 1)
    window.go_to(-5)
    assert_at(0)


def test_starts_at_the_chosen_step(qtbot, make_services):
    lesson = make_services("en").catalogue.get(LESSON, "en")
    window = shown(qtbot, lesson, "en", start=3)
    assert window.index == 3
    assert window.view.title_label.text() == lesson.steps[3].title


def test_escape_closes_and_emits_closed(qtbot, make_services):
    lesson = make_services("ja").catalogue.get(LESSON, "ja")
    window = shown(qtbot, lesson, "ja")
    with qtbot.waitSignal(window.closed, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_a_step_link_becomes_a_qr_code_that_reads_back(qtbot, make_services, tmp_path):
    lesson = make_services("ja").catalogue.get(LESSON, "ja")
    linked = Paragraph((Span("デジタル庁のページ", href=STEP_URL), Span(" を開きます。")))
    step = dataclasses.replace(lesson.steps[1], blocks=(linked, *lesson.steps[1].blocks))
    lesson = dataclasses.replace(lesson, steps=(lesson.steps[0], step, *lesson.steps[2:]))
    window = shown(qtbot, lesson, "ja", start=1)
    view = window.view

    assert view.qr_url == STEP_URL
    assert view.qr_box.isVisible()
    assert view.address_label.text().replace("\u200b", "") == STEP_URL
    assert view.address_label.accessibleDescription() == STEP_URL
    assert view.qr_caption.text() == "デジタル庁のページ"
    pixmap = view.qr_pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert pixmap.width() == pixmap.height() >= 200  # big enough to scan across a room
    assert decode(pixmap.toImage(), tmp_path / "step.png") == [STEP_URL]
    # The whole screen as the room sees it reads back too, quiet zone and all.
    assert decode(window.grab().toImage(), tmp_path / "screen.png") == [STEP_URL]

    # A step without a link of its own shows the lesson's first link.
    qtbot.keyClick(window, Qt.Key.Key_Right)
    first = lesson.links[0]
    assert view.qr_url == first.url
    assert view.qr_caption.text() == first.label
    assert decode(view.qr_pixmap().toImage(), tmp_path / "lesson.png") == [first.url]


def test_only_official_https_addresses_get_a_qr_code(qtbot, make_services):
    lesson = make_services("en").catalogue.get(LESSON, "en")
    unofficial = Paragraph((Span("a shop", href="https://example.com/phone"),))
    plain_http = Paragraph((Span("old page", href="http://www.digital.go.jp/"),))
    step = dataclasses.replace(lesson.steps[0], blocks=(unofficial, plain_http))
    # Neither step link qualifies, so the lesson's own (official) link is used instead.
    window = shown(qtbot, dataclasses.replace(lesson, steps=(step,)), "en")
    assert window.view.qr_url == lesson.links[0].url

    # No acceptable address anywhere: no QR code at all, and the text has the room.
    bare = dataclasses.replace(
        lesson, steps=(step,), links=(Link("shop", "https://example.com/", qr=False),)
    )
    view = AudienceView(bare, "en")
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    assert view.qr_url is None
    assert view.qr_pixmap() is None
    assert not view.qr_box.isVisible()
    assert view.position_label.text().replace(" ", "") == "1/1"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("text_scale", [100, 200])
def test_every_step_of_every_lesson_fits_a_720p_projector(qtbot, make_services, lang, text_scale):
    """Very large text, yet nothing cut: no step of a built-in lesson needs scrolling."""
    services = make_services(lang, demo=False, text_scale=text_scale)
    for lesson in services.catalogue.lessons(lang):
        view = AudienceView(lesson, lang)
        qtbot.addWidget(view)
        view.resize(1280, 720)
        view.show()
        for index in range(len(lesson.steps)):
            view.set_index(index)
            view.grab()  # runs the layouts as a screenshot would
            bar = view.scroll.verticalScrollBar()
            assert bar.maximum() == 0, (lesson.id, index, view.fit)
            text_points = view.text_label.font().pointSizeF()
            assert text_points >= view.font().pointSizeF()  # never below the app's own size
            assert view.title_label.font().pointSizeF() > text_points
        view.close()


def test_present_on_one_screen_is_full_screen_here(qtbot, make_services):
    lesson = make_services("en").catalogue.get(LESSON, "en")
    window = PresentationWindow(lesson, "en")
    qtbot.addWidget(window)
    assert window.present() is False
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert window.isFullScreen()
    assert window.projector is False


def test_opening_a_presentation_on_one_screen_needs_no_presenter_panel(qtbot, make_services):
    lesson = make_services("en").catalogue.get(LESSON, "en")
    window, panel = open_presentation(lesson, "en", start=2)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.isFullScreen() and not window.projector
    assert window.index == 2
    assert panel is None


PROJECTOR_SCRIPT = textwrap.dedent(
    """
    import os
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from dxhelper.core.lessons import Catalogue
    from dxhelper.paths import builtin_lessons_dir
    from dxhelper.ui.presenter import open_presentation
    catalogue = Catalogue.load(builtin_lessons_dir(), Path(os.environ["USER_LESSONS"]))
    window, panel = open_presentation(catalogue.get("mynumber-apply", "en"), "en")
    app.processEvents()
    print(window.projector, window.screen().name(), window.isFullScreen(), panel.screen().name())
    os._exit(0)
    """
)


def test_present_with_a_projector_goes_full_screen_on_the_second_screen(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(
        '{"screens": ['
        '{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},'
        '{"name": "projector", "x": 1366, "y": 0, "width": 1280, "height": 720,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        USER_LESSONS=str(tmp_path / "lessons"),
    )
    done = subprocess.run(
        [sys.executable, "-c", PROJECTOR_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "projector", "True", "laptop"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_presenter_panel_steers_and_follows_the_window(qtbot, make_services, lang, tmp_path):
    lesson = make_services(lang).catalogue.get(LESSON, lang)
    total = len(lesson.steps)
    window = PresentationWindow(lesson, lang)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    panel = PresenterPanel(window)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)

    def current(n: int) -> str:
        return panel.tr("Step {n} / {total}: {title}").format(
            n=n, total=total, title=lesson.steps[n - 1].title
        )

    assert panel.current_label.text() == current(1)
    assert lesson.steps[0].title in panel.current_label.text()
    assert panel.next_label.text() == panel.tr("Next: {title}").format(title=lesson.steps[1].title)
    assert not panel.previous_button.isEnabled()
    assert panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull()
    assert panel.preview.accessibleDescription() == lesson.steps[1].title

    with qtbot.waitSignal(window.step_changed):
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert window.index == 1
    assert panel.current_label.text() == current(2)
    assert panel.previous_button.isEnabled()

    # The window moving (keys on the projector) moves the panel too.
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert panel.current_label.text() == current(total)
    assert not panel.next_button.isEnabled()
    assert panel.preview.isHidden()

    # The panel takes the same keys, so the volunteer's laptop keyboard steers.
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert window.index == total - 2
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert window.index == total - 3

    for widget in (panel, panel.previous_button, panel.next_button, panel.end_button):
        assert widget.accessibleName()
    for button in (panel.previous_button, panel.next_button, panel.end_button):
        assert button.width() >= button.sizeHint().width()  # no cut button text
        assert button.height() >= 40

    with qtbot.waitSignal(window.closed):
        qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert not panel.next_button.isEnabled()


def test_everything_has_an_accessible_name(qtbot, make_services):
    lesson = make_services("en").catalogue.get(LESSON, "en")
    window = shown(qtbot, lesson, "en")
    view = window.view
    for widget in (
        window,
        view,
        view.lesson_label,
        view.position_label,
        view.title_label,
        view.text_label,
        view.qr_picture,
        view.qr_caption,
        view.address_label,
    ):
        assert widget.accessibleName(), widget
    assert view.text_label.accessibleDescription() == view.step_text()
    assert lesson.links[0].url in view.qr_picture.accessibleDescription()
