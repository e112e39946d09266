"""Who did the work (issue 17 §1): the Session screen's team line, driven through its widgets
and checked through the Store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dxhelper.core.models import AgeBand, SessionKind, VolunteerRole
from dxhelper.ui.session import SessionScreen


class Clicks:
    """Counts the clicks a test makes, as a user would make them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def button(self, widget) -> None:
        self.count += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def menu_item(self, menu, text: str) -> None:
        self.qtbot.waitUntil(menu.isVisible)
        action = next(a for a in menu.actions() if a.text() == text)
        self.count += 1
        self.qtbot.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )
        self.qtbot.waitUntil(lambda: not menu.isVisible())

    def choose(self, combo, text: str) -> None:
        """Open a combo box (one click) and pick a row (a second)."""
        self.count += 2
        combo.setFocus()
        combo.setCurrentIndex(combo.findText(text))


def _type(edit, text: str) -> None:
    """One character at a time (QTest.keyClicks aborts on non-Latin characters)."""
    for ch in text:
        edit.insert(ch)


def _screen(qtbot, services) -> SessionScreen:
    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start_new()
    return screen


def _roles(store, session_id) -> dict[str, VolunteerRole]:
    return {m.display_name: m.role for m in store.session_team(session_id)}


def test_the_starter_is_lead_and_an_assistant_is_added_in_two_clicks(qtbot, make_services):
    services = make_services("ja")
    store = services.store
    me = store.get_volunteer(services.volunteer_id()).display_name
    store.add_volunteer("井上 花子")
    screen = _screen(qtbot, services)
    team = screen.team
    assert team.chip_texts() == [f"{me}（講師）"]

    clicks = Clicks(qtbot)
    clicks.button(team.add_button)
    clicks.menu_item(team.add_menu, "井上 花子")
    assert clicks.count == 2  # the aim was three at most
    assert _roles(store, screen.session_id) == {
        me: VolunteerRole.LEAD,
        "井上 花子": VolunteerRole.ASSISTANT,
    }
    assert team.chip_texts() == [f"{me}（講師）", "井上 花子（アシスタント）"]
    # The menu offers only those not on the team yet.
    assert "井上 花子" not in [name for _id, name in team.candidates()]


def test_a_new_name_is_typed_in_place_and_the_privacy_guard_applies(qtbot, make_services):
    services = make_services("ja")
    store = services.store
    screen = _screen(qtbot, services)
    team = screen.team
    clicks = Clicks(qtbot)
    clicks.button(team.add_button)
    clicks.menu_item(team.add_menu, "新しい名前…")
    assert team.new_name.isVisible() and screen.focusWidget() is team.new_name

    _type(team.new_name, "暗証番号1234")  # a PIN in a name: refused
    QTest.keyClick(team.new_name, Qt.Key.Key_Return)
    assert team.message.isVisible() and team.message.text()
    assert len(store.session_team(screen.session_id)) == 1
    assert "暗証番号" in team.message.text()
    assert all("1234" not in v.display_name for v in store.list_volunteers())

    team.new_name.clear()
    _type(team.new_name, "上田 一郎")
    QTest.keyClick(team.new_name, Qt.Key.Key_Return)
    assert _roles(store, screen.session_id)["上田 一郎"] is VolunteerRole.ASSISTANT
    assert not team.new_name.isVisible() and not team.message.isVisible()
    # Typing a name already on record adds that person, no second row.
    before = len(store.list_volunteers())
    clicks.button(team.add_button)
    clicks.menu_item(team.add_menu, "新しい名前…")
    store.remove_session_volunteer(screen.session_id, team.chips[1].member.volunteer_id)
    _type(team.new_name, "上田 一郎")
    QTest.keyClick(team.new_name, Qt.Key.Key_Return)
    assert len(store.list_volunteers()) == before
    assert "上田 一郎" in _roles(store, screen.session_id)


def test_change_a_role_remove_one_and_the_last_one_stays(qtbot, make_services):
    services = make_services("ja")
    store = services.store
    me_id = services.volunteer_id()
    me = store.get_volunteer(me_id).display_name
    other = store.add_volunteer("井上 花子")
    screen = _screen(qtbot, services)
    team = screen.team
    team.add(other.id)

    chip = team.chip(other.id)
    Clicks(qtbot).choose(chip.role, "受付")
    assert _roles(store, screen.session_id)["井上 花子"] is VolunteerRole.RECEPTION
    assert team.chip_texts() == [f"{me}（講師）", "井上 花子（受付）"]
    assert screen.focusWidget() is team.chip(other.id).role  # the focus stays in place

    qtbot.mouseClick(team.chip(other.id).remove, Qt.MouseButton.LeftButton)
    assert _roles(store, screen.session_id) == {me: VolunteerRole.LEAD}
    assert team.chip_texts() == [f"{me}（講師）"]

    qtbot.mouseClick(team.chip(me_id).remove, Qt.MouseButton.LeftButton)
    assert team.message.isVisible()
    assert "推進委員が1人以上必要" in team.message.text()
    assert _roles(store, screen.session_id) == {me: VolunteerRole.LEAD}
    assert team.chip_texts() == [f"{me}（講師）"]


def test_the_one_to_four_notice_follows_learners_and_helpers(qtbot, make_services):
    services = make_services("ja")
    store = services.store
    screen = _screen(qtbot, services)
    team = screen.team
    assert screen.session.kind is SessionKind.CLASS
    assistant = store.add_volunteer("井上 花子")
    third = store.add_volunteer("上田 一郎")
    team.add(assistant.id)
    for resident in store.list_residents()[:5]:
        screen.add_attendee(resident.id)
    assert not team.notice.isVisible()  # 5 learners, 2 helpers
    screen.unnamed[AgeBand.SEVENTIES].setValue(4)  # 9 learners: 2 helpers are too few
    assert team.notice.isVisible()
    assert "受講者 9 人" in team.notice.text() and "3 人必要" in team.notice.text()

    # Reception does not teach: still too few.
    team.add(third.id, VolunteerRole.RECEPTION)
    assert team.notice.isVisible()
    Clicks(qtbot).choose(team.chip(third.id).role, "アシスタント")
    assert not team.notice.isVisible()  # a third helper: the notice goes

    # One-to-one help is not a class: no guideline.
    qtbot.mouseClick(team.chip(third.id).remove, Qt.MouseButton.LeftButton)
    assert team.notice.isVisible()
    screen.kind.setCurrentIndex(screen.kind.findData(SessionKind.CONSULTATION))
    assert not team.notice.isVisible()


def test_an_ended_session_shows_its_team_read_only_until_corrected(qtbot, make_services):
    services = make_services("en")
    screen = _screen(qtbot, services)
    session_id = screen.session_id
    from dxhelper.core.models import HandoverCheck, HandoverItem

    services.store.end_session(
        session_id, end_time="23:59", handover=[HandoverCheck(i, True, "") for i in HandoverItem]
    )
    screen.load(session_id)
    team = screen.team
    assert team.chip_texts()[0].endswith("（instructor）")
    assert not team.add_button.isEnabled() and not team.chips[0].isEnabled()
    qtbot.mouseClick(screen.correct_button, Qt.MouseButton.LeftButton)
    assert team.add_button.isEnabled() and team.chips[0].isEnabled()
