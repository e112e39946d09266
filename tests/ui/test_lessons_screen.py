"""Lessons screen: browse by category, preview, print/save/present, check own lessons, folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from dxhelper.ui.lessons_screen import LessonsScreen

BROKEN = """+++
id = "broken"
title = "壊れた講座"
category = "other"

## 手順 {#step}

閉じる +++ がありません。
"""

GOOD = """+++
id = "bus-app"
title = "バスのアプリ <b>試し</b>"
category = "smartphone"
level = 1
minutes = 15
version = 1
checked = 2026-01-10
sources = ["https://www.digital.go.jp/"]
bring = ["スマートフォン"]
+++

バスの時刻を調べます。

## アプリを開く {#open}

1. ホーム画面でアプリを探します。
2. 開きます。

> うまくいかないとき：係の人に聞きます。
"""


def screen(qtbot, services) -> LessonsScreen:
    widget = LessonsScreen(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    return widget


def lesson_items(widget: LessonsScreen) -> dict[str, list[str]]:
    """Category text -> lesson ids under it, as the tree shows them."""
    found: dict[str, list[str]] = {}
    for top in range(widget.tree.topLevelItemCount()):
        parent = widget.tree.topLevelItem(top)
        found[parent.text(0)] = [
            parent.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(parent.childCount())
        ]
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_tree_lists_every_lesson_under_its_category(qtbot, make_services, lang):
    services = make_services(lang)
    widget = screen(qtbot, services)
    expected = {
        category.label(lang): [lesson.id for lesson in lessons]
        for category, lessons in services.catalogue.by_category(lang).items()
    }
    assert lesson_items(widget) == expected
    listed = [i for ids in expected.values() for i in ids]
    assert sorted(listed) == sorted(services.catalogue.ids())
    # Each row names the lesson, its level and its minutes.
    lesson = services.catalogue.lessons(lang)[0]
    widget.select_lesson(lesson.id)
    text = widget.tree.currentItem().text(0)
    assert lesson.title in text
    assert str(lesson.level) in text and str(lesson.minutes) in text


def test_selecting_a_lesson_previews_its_title_and_every_step(qtbot, make_services):
    services = make_services("ja")
    widget = screen(qtbot, services)
    for lesson in services.catalogue.lessons("ja"):
        assert widget.select_lesson(lesson.id)
        shown = widget.preview.toPlainText()
        assert lesson.title in shown
        for step in lesson.steps:
            assert step.title in shown
        for thing in lesson.bring:
            assert thing in shown
        for link in lesson.links:
            assert f"{link.label}: {link.url}" in shown
        if lesson.helpline:
            assert lesson.helpline.number in shown
    assert not widget.select_lesson("no-such-lesson")


def test_keyboard_moves_through_the_tree(qtbot, make_services):
    services = make_services("en")
    widget = screen(qtbot, services)
    widget.show()
    qtbot.waitExposed(widget)
    first, second = services.catalogue.ids()[:2]
    widget.select_lesson(first)
    widget.tree.setFocus()
    qtbot.keyClick(widget.tree, Qt.Key.Key_Down)
    # The next row is either the next lesson or the next category's heading.
    if widget.current_lesson_id() is None:
        assert widget.print_button.isEnabled() is False
        qtbot.keyClick(widget.tree, Qt.Key.Key_Down)
    assert widget.current_lesson_id() == second
    assert services.catalogue.get(second, "en").title in widget.preview.toPlainText()


def test_lesson_text_is_escaped_in_the_preview(qtbot, make_services):
    services = make_services("ja")
    folder = services.paths.user_lessons / "ja"
    folder.mkdir(parents=True)
    (folder / "bus-app.md").write_text(GOOD, encoding="utf-8")
    from dxhelper.core.lessons import Catalogue
    from dxhelper.paths import builtin_lessons_dir

    services.catalogue = Catalogue.load(builtin_lessons_dir(), services.paths.user_lessons)
    widget = screen(qtbot, services)
    assert widget.select_lesson("bus-app")
    shown = widget.preview.toPlainText()
    assert "バスのアプリ <b>試し</b>" in shown  # the markup is text, not bold
    assert "アプリを開く" in shown and "うまくいかないとき" in shown


def test_check_my_lessons_names_a_broken_file(qtbot, make_services):
    services = make_services("en")
    broken = services.paths.user_lessons / "ja" / "broken.md"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN, encoding="utf-8")
    widget = screen(qtbot, services)
    widget.show()
    qtbot.mouseClick(widget.check_button, Qt.MouseButton.LeftButton)
    lines = [widget.problems_list.item(i).text() for i in range(widget.problems_list.count())]
    assert any(str(broken) in line and "+++" in line for line in lines), lines
    assert widget.problems_list.isVisible()
    assert "Errors: 1," in widget.check_result()


def test_check_my_lessons_without_own_lessons_finds_nothing(qtbot, make_services):
    services = make_services("en")
    assert not services.paths.user_lessons.exists()
    widget = screen(qtbot, services)
    widget.show()
    widget.check_button.click()
    assert widget.check_result().startswith("No problems found")
    assert widget.problems_list.count() == 0
    assert not widget.problems_list.isVisible()


def test_open_my_lessons_folder_creates_and_opens_it(qtbot, make_services, monkeypatch):
    services = make_services("en")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    widget = screen(qtbot, services)
    assert widget.folder_field.text() == str(services.paths.user_lessons)
    assert widget.folder_field.isReadOnly()
    widget.open_folder_button.click()
    assert (services.paths.user_lessons / "ja").is_dir()
    assert [Path(url.toLocalFile()) for url in opened] == [services.paths.user_lessons]
    # An empty folder is not a problem worth reporting.
    widget.check_button.click()
    assert widget.check_result().startswith("No problems found")


def test_save_pdf_writes_the_guide(qtbot, make_services, tmp_path):
    services = make_services("ja")
    widget = screen(qtbot, services)
    widget.select_lesson("card-renewal")
    target = tmp_path / "guide.pdf"
    with qtbot.waitSignal(widget.pdf.saved, timeout=30_000) as saved:
        widget.save_pdf(target)
    assert Path(saved.args[0]) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in widget.pdf_message.text()


def test_print_guide_opens_the_print_preview(qtbot, make_services):
    services = make_services("en")
    widget = screen(qtbot, services)
    widget.show()
    widget.select_lesson("smartphone-basics")
    with qtbot.waitSignal(widget.pdf.previewing, timeout=30_000) as previewing:
        qtbot.mouseClick(widget.print_button, Qt.MouseButton.LeftButton)
    dialog = previewing.args[0]
    assert dialog.isVisible()
    dialog.close()


def test_present_emits_the_lesson_id(qtbot, make_services):
    services = make_services("en")
    widget = screen(qtbot, services)
    widget.select_lesson("fraud-safety")
    with qtbot.waitSignal(widget.present_requested, timeout=1000) as presented:
        qtbot.mouseClick(widget.present_button, Qt.MouseButton.LeftButton)
    assert presented.args == ["fraud-safety"]


def test_actions_need_a_lesson_and_everything_has_a_name(qtbot, make_services):
    services = make_services("en")
    widget = screen(qtbot, services)
    widget.tree.setCurrentItem(widget.tree.topLevelItem(0))  # a category, not a lesson
    for action in (widget.print_button, widget.save_button, widget.present_button):
        assert not action.isEnabled()
    with qtbot.assertNotEmitted(widget.present_requested):
        widget.present()
    for named in (
        widget.tree,
        widget.preview,
        widget.print_button,
        widget.save_button,
        widget.present_button,
        widget.open_folder_button,
        widget.check_button,
        widget.problems_list,
        widget.folder_field,
    ):
        assert named.accessibleName()


def test_refresh_keeps_the_chosen_lesson(qtbot, make_services):
    services = make_services("en")
    widget = screen(qtbot, services)
    widget.select_lesson("kokin-account")
    widget.refresh()
    assert widget.current_lesson_id() == "kokin-account"
