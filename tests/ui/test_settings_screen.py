"""Settings: language and text size are only asked for; the rest is saved at once or refused."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dxhelper.core.settings import Settings
from dxhelper.ui import settings_screen
from dxhelper.ui.settings_screen import SettingsScreen
from dxhelper.ui.widgets import ID_ROLE


def make_screen(qtbot, services) -> SettingsScreen:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    screen.resize(900, 700)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def saved(services) -> Settings:
    """The settings as a fresh start of the app would read them from the data folder."""
    return Settings.load(services.paths.root)


def rows(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def tells_everyone(qtbot, services, screen):
    """Waits for the one data-changed notification, said by the Settings screen."""
    return qtbot.waitSignal(
        services.events.changed, timeout=2000, check_params_cb=lambda source: source is screen
    )


def select(widget, ident: str) -> None:
    for i in range(widget.count()):
        if widget.item(i).data(ID_ROLE) == ident:
            widget.setCurrentRow(i)
            return
    raise AssertionError(f"{ident} not in the list")


def test_shows_what_is_saved(qtbot, make_services):
    services = make_services("ja", text_scale=150)
    screen = make_screen(qtbot, services)
    assert screen.language_ja.isChecked()
    assert screen.language_ja.text() == "日本語" and screen.language_en.text() == "English"
    assert screen.scale_buttons[150].isChecked()
    assert screen.paper_buttons["A4"].isChecked()
    assert not screen.large_print.isChecked()
    assert str(services.paths.root) in screen.folder_label.text()
    assert screen.volunteers.list.count() == len(services.store.list_volunteers())
    assert screen.venues.list.count() == len(services.store.list_venues())


def test_choosing_english_asks_the_app_and_saves_nothing(qtbot, make_services):
    services = make_services("ja")
    screen = make_screen(qtbot, services)
    with qtbot.waitSignal(screen.language_chosen) as blocker:
        qtbot.mouseClick(screen.language_en, Qt.MouseButton.LeftButton)
    assert blocker.args == ["en"]
    assert services.settings.get("language") == "ja"
    assert saved(services).get("language") == "ja"


def test_choosing_the_current_language_asks_nothing(qtbot, make_services):
    screen = make_screen(qtbot, make_services("en"))
    with qtbot.assertNotEmitted(screen.language_chosen):
        qtbot.mouseClick(screen.language_en, Qt.MouseButton.LeftButton)


def test_text_size_150_asks_the_app_and_saves_nothing(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    with qtbot.waitSignal(screen.text_scale_chosen) as blocker:
        qtbot.mouseClick(screen.scale_buttons[150], Qt.MouseButton.LeftButton)
    assert blocker.args == [150]
    assert saved(services).get("text_scale") == 100


def test_paper_a5_and_large_print_persist(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    qtbot.mouseClick(screen.paper_buttons["A5"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.large_print, Qt.MouseButton.LeftButton)
    again = saved(services)
    assert again.get("paper") == "A5"
    assert again.get("large_print") is True
    assert services.handout_options().paper == "A5"
    qtbot.mouseClick(screen.large_print, Qt.MouseButton.LeftButton)
    assert saved(services).get("large_print") is False


def test_trusted_domain_added_and_removed_and_persists(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    qtbot.keyClicks(screen.domain_edit, " City.Example.JP ")
    qtbot.keyClick(screen.domain_edit, Qt.Key.Key_Return)  # Enter adds, like the button
    assert rows(screen.domain_list) == ["city.example.jp"]
    assert screen.domain_edit.text() == ""
    assert not screen.domains_message.isVisible()
    assert saved(services).get("trusted_domains") == ["city.example.jp"]

    screen.domain_edit.setText("www.town.example.jp")
    qtbot.mouseClick(screen.domain_add, Qt.MouseButton.LeftButton)
    assert saved(services).get("trusted_domains") == ["city.example.jp", "www.town.example.jp"]

    screen.domain_list.setCurrentRow(0)
    qtbot.mouseClick(screen.domain_remove, Qt.MouseButton.LeftButton)
    assert rows(screen.domain_list) == ["www.town.example.jp"]
    assert saved(services).get("trusted_domains") == ["www.town.example.jp"]
    assert services.handout_options().trusted_domains == ("www.town.example.jp",)


def test_url_instead_of_domain_is_refused_inline(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    for bad in ("https://x/", "city example.jp", "", "city.example.jp/page"):
        screen.domain_edit.setText(bad)
        qtbot.mouseClick(screen.domain_add, Qt.MouseButton.LeftButton)
        assert screen.domains_message.isVisible(), bad
        assert screen.domains_message.text()
        assert screen.domain_list.count() == 0
    assert saved(services).get("trusted_domains") == []


def test_official_and_repeated_domains_are_not_added(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.domain_edit.setText("www.city.example.lg.jp")
    screen.add_domain()
    assert "always trusted" in screen.domains_message.text()
    screen.domain_edit.setText("city.example.jp")
    screen.add_domain()
    screen.domain_edit.setText("city.example.jp")
    screen.add_domain()
    assert "already" in screen.domains_message.text()
    assert saved(services).get("trusted_domains") == ["city.example.jp"]


def test_remove_without_a_choice_explains(qtbot, make_services):
    screen = make_screen(qtbot, make_services("en"))
    screen.remove_domain()
    assert screen.domains_message.isVisible()


def test_adding_a_venue_and_a_volunteer(qtbot, make_services):
    services = make_services("ja")
    screen = make_screen(qtbot, services)
    with tells_everyone(qtbot, services, screen):
        screen.venues.edits["venue_name"].setText("東公民館")
        screen.venues.edits["municipality"].setText("みどり市")
        qtbot.mouseClick(screen.venues.add_button, Qt.MouseButton.LeftButton)
    venue = next(v for v in services.store.list_venues() if v.name == "東公民館")
    assert venue.municipality == "みどり市"
    assert any("東公民館" in text for text in rows(screen.venues.list))
    assert screen.venues.list.currentItem().data(ID_ROLE) == venue.id

    with tells_everyone(qtbot, services, screen):
        screen.volunteers.edits["volunteer_name"].setText("推進委員 山田")
        qtbot.mouseClick(screen.volunteers.add_button, Qt.MouseButton.LeftButton)
    assert "推進委員 山田" in [v.display_name for v in services.store.list_volunteers()]
    assert "推進委員 山田" in rows(screen.volunteers.list)
    assert not screen.volunteers.message.isVisible()


def test_pin_in_a_venue_name_is_refused_inline_and_nothing_saved(qtbot, make_services):
    services = make_services("ja")
    screen = make_screen(qtbot, services)
    before = services.store.list_venues()
    shown = rows(screen.venues.list)
    with qtbot.assertNotEmitted(services.events.changed):
        screen.venues.edits["venue_name"].setText("暗証番号1234")
        qtbot.mouseClick(screen.venues.add_button, Qt.MouseButton.LeftButton)
    assert screen.venues.message.isVisible()
    assert "暗証番号" in screen.venues.message.text()  # the Japanese refusal from the store
    assert "1234" not in screen.venues.message.text()  # never repeats the secret
    assert services.store.list_venues() == before
    assert rows(screen.venues.list) == shown


def test_pin_in_a_rename_is_refused_and_the_name_kept(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    volunteer = services.store.list_volunteers()[0]
    select(screen.volunteers.list, volunteer.id)
    name = screen.volunteers.edits["volunteer_name"]
    assert name.text() == volunteer.display_name  # choosing fills the field
    name.setText("PIN 1234")
    screen.volunteers.rename()
    assert screen.volunteers.message.isVisible()
    assert services.store.get_volunteer(volunteer.id).display_name == volunteer.display_name


def test_rename_volunteer_and_venue(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    volunteer = services.store.list_volunteers()[0]
    select(screen.volunteers.list, volunteer.id)
    screen.volunteers.edits["volunteer_name"].setText("推進委員 新井")
    with tells_everyone(qtbot, services, screen):
        qtbot.mouseClick(screen.volunteers.rename_button, Qt.MouseButton.LeftButton)
    assert services.store.get_volunteer(volunteer.id).display_name == "推進委員 新井"
    assert any(text.startswith("推進委員 新井") for text in rows(screen.volunteers.list))

    venue = services.store.list_venues()[0]
    select(screen.venues.list, venue.id)
    assert screen.venues.edits["venue_name"].text() == venue.name
    screen.venues.edits["venue_name"].setText("新しい会場")
    with tells_everyone(qtbot, services, screen):
        qtbot.mouseClick(screen.venues.rename_button, Qt.MouseButton.LeftButton)
    renamed = services.store.get_venue(venue.id)
    assert renamed.name == "新しい会場"
    assert renamed.municipality == venue.municipality


def test_rename_without_a_choice_explains(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    names = [v.display_name for v in services.store.list_volunteers()]
    screen.volunteers.edits["volunteer_name"].setText("Someone")
    screen.volunteers.rename()
    assert screen.volunteers.message.isVisible()
    assert [v.display_name for v in services.store.list_volunteers()] == names


def test_default_venue_and_this_is_me_persist(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    volunteer = services.store.add_volunteer("推進委員 山田")
    venue = services.store.add_venue("東公民館", "みどり市")
    screen.refresh()

    select(screen.volunteers.list, volunteer.id)
    qtbot.mouseClick(screen.volunteers.mark_button, Qt.MouseButton.LeftButton)
    select(screen.venues.list, venue.id)
    qtbot.mouseClick(screen.venues.mark_button, Qt.MouseButton.LeftButton)

    again = saved(services)
    assert again.get("volunteer_id") == volunteer.id
    assert again.get("default_venue_id") == venue.id
    assert services.volunteer_id() == volunteer.id
    me = screen.volunteers.list.currentItem()
    assert "this is me" in me.text() and me.font().bold()
    assert "default venue" in screen.venues.list.currentItem().text()
    assert sum("this is me" in text for text in rows(screen.volunteers.list)) == 1


def test_refresh_keeps_the_selection_and_typing(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    venue = services.store.list_venues()[-1]
    select(screen.venues.list, venue.id)
    screen.venues.edits["venue_name"].setText("half typed")
    screen.refresh()
    assert screen.venues.list.currentItem().data(ID_ROLE) == venue.id
    assert screen.venues.edits["venue_name"].text() == "half typed"


def test_open_folder_opens_the_data_folder(qtbot, make_services, monkeypatch):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    opened = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url) -> bool:
            opened.append(url.toLocalFile())
            return False

    monkeypatch.setattr(settings_screen, "QDesktopServices", FakeDesktop)
    qtbot.mouseClick(screen.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(services.paths.root)]
    assert screen.folder_message.isVisible()  # it could not open: say so, path still shown


def test_every_control_has_an_accessible_name(qtbot, make_services):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget

    screen = make_screen(qtbot, make_services("en", text_scale=200))
    for kind in (QAbstractButton, QLineEdit, QListWidget):
        for widget in screen.findChildren(kind):
            assert widget.accessibleName(), widget


def test_keyboard_arrows_choose_a_text_size_and_delete_removes_a_domain(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.scale_buttons[100].setFocus()
    with qtbot.waitSignal(screen.text_scale_chosen) as blocker:
        qtbot.keyClick(screen.scale_buttons[100], Qt.Key.Key_Right)
    assert blocker.args == [125]

    services.settings.set("trusted_domains", ["city.example.jp"])
    screen.refresh()
    screen.domain_list.setFocus()
    screen.domain_list.setCurrentRow(0)
    qtbot.keyClick(screen.domain_list, Qt.Key.Key_Delete)
    assert saved(services).get("trusted_domains") == []


def test_a_name_already_listed_is_refused_with_the_stores_words(qtbot, make_services):
    services = make_services("en")
    screen = make_screen(qtbot, services)
    volunteer = services.store.list_volunteers()[0]
    venue = services.store.add_venue("東公民館", "みどり市")
    screen.refresh()
    shown = (rows(screen.volunteers.list), rows(screen.venues.list))
    with qtbot.assertNotEmitted(services.events.changed):
        screen.volunteers.edits["volunteer_name"].setText(volunteer.display_name)
        screen.volunteers.add()
        screen.venues.edits["venue_name"].setText(venue.name)
        screen.venues.edits["municipality"].setText(venue.municipality)
        screen.venues.add()
    assert screen.volunteers.message.text() == f"{volunteer.display_name} is already in the list."
    assert screen.venues.message.text() == f"{venue.name} is already in the list."
    assert (rows(screen.volunteers.list), rows(screen.venues.list)) == shown
    # The same name in another municipality is another venue.
    screen.venues.edits["municipality"].setText("あおば町")
    with tells_everyone(qtbot, services, screen):
        screen.venues.add()
    assert not screen.venues.message.isVisible()


def test_fields_take_what_the_store_takes(qtbot, make_services):
    from dxhelper.core.fields import MAX_DOMAIN, MAX_NAME

    screen = make_screen(qtbot, make_services("en"))
    assert screen.domain_edit.maxLength() == MAX_DOMAIN
    for edit in (*screen.volunteers.edits.values(), *screen.venues.edits.values()):
        assert edit.maxLength() == MAX_NAME, edit.accessibleName()


def test_tab_goes_through_the_screen_in_reading_order(qtbot, make_services):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget

    screen = make_screen(qtbot, make_services("en"))
    order, widget = [], screen.nextInFocusChain()
    while widget is not screen and len(order) < 100:
        if isinstance(widget, QAbstractButton | QLineEdit | QListWidget):
            order.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
    assert order == [
        *["日本語", "English", "Text size 100%", "Text size 125%", "Text size 150%"],
        *["Text size 200%", "Real records", "Practice data"],
        *["Paper size A4", "Paper size A5", "Large print by default"],
        *["Trusted QR domains", "New trusted domain", "Add domain", "Remove selected domain"],
        *["Volunteers", "Volunteer name", "Add volunteer", "Rename selected volunteer"],
        *["This is me", "Venues", "Venue name", "Venue municipality", "Add venue"],
        *["Rename selected venue", "Make default venue", "Open the data folder"],
        *["Backups, newest first", "Back up now", "Restore selected…", "Save a copy to…"],
        "Check database",
        *["Load coordinator key file…", "Stop using this key", "Create coordinator key…"],
        *["Save key file to hand out…", "Trusted devices", "Forget selected device…"],
    ]


def test_the_keys_panel_sits_after_the_backups_and_follows_refresh(qtbot, make_services):
    from dxhelper.ui.keys_panel import KeysPanel

    services = make_services("ja")
    screen = make_screen(qtbot, services)
    assert isinstance(screen.keys, KeysPanel)
    order = [screen.box.itemAt(i).widget() for i in range(screen.box.count())]
    assert order.index(screen.keys) > order.index(screen.backups)
    qtbot.waitUntil(lambda: bool(screen.keys.device_label.text()), timeout=10_000)
    assert screen.keys.state is not None
    screen.keys.state = None
    screen.refresh()  # e.g. after an import, or on coming back to Settings
    qtbot.waitUntil(lambda: screen.keys.state is not None, timeout=10_000)
