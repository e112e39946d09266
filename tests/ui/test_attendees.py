"""Adding attendees that cannot add the wrong person (issue 14): the session's attendee panel.

Enter adds only when it is plain who is meant; the hits tell people apart; "New resident…"
takes what was typed into the right field; last time's people come back in one go; a removal
can be undone; at least eight hits are in sight on a 1366×768 screen at 100 %.
"""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from PySide6.QtCore import Qt

from dxhelper.core.fields import MAX_DISTRICT
from dxhelper.core.models import CONSENT_VERSION, AgeBand, SessionKind
from dxhelper.ui.attendee_panel import AttendeePanel
from dxhelper.ui.new_resident import NewResidentDialog

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    gc.collect()
    yield
    gc.collect()


def add(store, name: str, kana: str, **more):
    return store.add_resident(
        name, kana=kana, consent_date=TODAY, consent_version=CONSENT_VERSION, **more
    )


@pytest.fixture
def numajiri(make_services):
    """Services (Japanese) with three 沼尻: two share the surname, one goes by a nickname."""
    services = make_services("ja")
    store = services.store
    people = {
        "hanako": add(
            store, "沼尻 花子", "ぬまじり はなこ", district="東町", age_band=AgeBand.SEVENTIES
        ),
        "haruo": add(store, "沼尻 春男", "ぬまじり はるお", age_band=AgeBand.EIGHTY_PLUS),
        "kikuyo": add(store, "沼尻 喜久代", "ぬまじり きくよ", nickname="きくちゃん"),
    }
    return services, people


def session_screen(qtbot, services):
    from dxhelper.ui.session import SessionScreen

    screen = SessionScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1366, 720)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)  # the focus is checked
    screen.start_new()
    return screen


def here(services, screen) -> list[str]:
    return [r.id for r in services.store.attendees(screen.session_id)]


def hit_ids(panel: AttendeePanel) -> list[str]:
    return [hit.resident.id for hit in panel.hits.hits]


def enter(qtbot, panel: AttendeePanel) -> None:
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)


def test_an_ambiguous_prefix_and_enter_adds_nobody_and_highlights_the_first(qtbot, numajiri):
    services, _people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setText("ぬまじり")  # QTest types ASCII only; an IME gives kana this way
    assert len(panel.hits.hits) == 3 and panel.hits.isVisible()
    assert panel.hits.highlighted() == -1

    enter(qtbot, panel)
    assert here(services, screen) == []
    assert panel.hits.highlighted() == 0
    assert panel.message.isVisible() and "3人" in panel.message.text()
    assert "↑↓" in panel.message.text()
    first = panel.hits.hits[0].resident.id

    enter(qtbot, panel)  # the second Enter adds the highlighted one
    assert here(services, screen) == [first]
    assert panel.search.text() == "" and panel.search.hasFocus()
    assert panel.attendees.currentItem().data(Qt.ItemDataRole.UserRole) == first


def test_the_number_shown_on_a_row_adds_that_row(qtbot, numajiri):
    services, _people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setFocus()
    panel.search.setText("ぬまじり")
    first_line = panel.hits.item(1).data(Qt.ItemDataRole.UserRole + 1)[0]
    assert first_line.startswith("2  ")  # the number is on the row
    second = panel.hits.hits[1].resident.id
    qtbot.keyClick(panel.search, Qt.Key.Key_2)  # one key
    assert here(services, screen) == [second]
    assert panel.search.text() == ""
    # A full-width digit, as an IME confirms it, does the same; a number past the rows shown
    # adds nobody and leaves the name as typed.
    panel.search.setText("ぬまじり")
    third = next(h.resident.id for h in panel.hits.hits if not h.present)
    panel.search.setText("ぬまじり９")
    assert here(services, screen) == [second]
    assert panel.search.text() == "ぬまじり"
    row = next(i for i, h in enumerate(panel.hits.hits) if h.resident.id == third)
    panel.search.setText(f"ぬまじり{chr(0xFF11 + row)}")
    assert sorted(here(services, screen)) == sorted([second, third])


def test_down_chooses_another_row_and_enter_adds_it(qtbot, numajiri):
    services, _people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setFocus()
    panel.search.setText("ぬまじり")
    for _ in range(3):
        qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search, Qt.Key.Key_Up)
    assert panel.hits.highlighted() == 1 and panel.search.hasFocus()
    second = panel.hits.hits[1].resident.id
    enter(qtbot, panel)
    assert here(services, screen) == [second]
    # Typing more drops the highlight: a stale choice is never added.
    panel.search.setText("ぬまじり")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    panel.search.setText("ぬまじりは")
    assert panel.hits.highlighted() == -1


def test_a_unique_hit_and_enter_adds_that_person(qtbot, numajiri):
    services, people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setText("ぬまじりはる")
    assert hit_ids(panel) == [people["haruo"].id]
    enter(qtbot, panel)
    assert here(services, screen) == [people["haruo"].id]
    assert screen.attendee_list == services.store.attendees(screen.session_id)
    assert panel.search.text() == ""
    assert "沼尻 春男" in panel.message.text()


def test_someone_already_present_and_enter_adds_nobody_and_says_so(qtbot, numajiri):
    services, people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    everyone = [r for r in services.store.list_residents() if r.id != people["haruo"].id]
    for resident in everyone[:5]:
        screen.add_attendee(resident.id)
    screen.add_attendee(people["haruo"].id)
    before = here(services, screen)

    panel.search.setText("ぬまじりはる")
    assert [hit.present for hit in panel.hits.hits] == [True]
    assert "（出席済み）" in panel.hits.item(0).text() and "今日" in panel.hits.item(0).text()
    enter(qtbot, panel)
    assert here(services, screen) == before
    assert "沼尻 春男さんはもう出席に入っています" in panel.message.text()
    assert panel.attendees.isVisible()
    assert panel.attendees.currentItem().data(Qt.ItemDataRole.UserRole) == people["haruo"].id

    # Present people come last, greyed; the one match not here yet is plain: Enter adds them.
    panel.search.setText("ぬまじりは")
    assert [hit.present for hit in panel.hits.hits] == [False, True]
    enter(qtbot, panel)
    assert here(services, screen) == [*before, people["hanako"].id]


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("はるお", "haruo"),  # the given name alone
        ("きくちゃん", "kikuyo"),  # the nickname
        ("numajiri haruo", "haruo"),  # romaji, Hepburn
        ("ﾇﾏｼﾞﾘｷｸ", "kikuyo"),  # half-width katakana
        ("沼尻 花", "hanako"),  # the name in kanji
    ],
)
def test_the_given_name_a_nickname_and_romaji_find_the_person(qtbot, numajiri, typed, who):
    services, people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setText(typed)
    assert people[who].id in hit_ids(panel)
    row = hit_ids(panel).index(people[who].id)
    first, second = panel.hits.item(row).data(Qt.ItemDataRole.UserRole + 1)
    assert people[who].display_name in first and people[who].kana in second


def test_each_hit_tells_people_apart(qtbot, numajiri):
    services, people = numajiri
    store = services.store
    venue = store.list_venues()[0]
    earlier = store.start_session(
        venue_id=venue.id,
        volunteer_id=store.list_volunteers()[0].id,
        date=dt.date(TODAY.year, 1, 20) if TODAY.month > 1 else TODAY,
        start_time="10:00",
    )
    store.add_attendee(earlier.id, people["hanako"].id)
    store.end_session(earlier.id, end_time="11:00")
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    panel.search.setText("ぬまじり")
    rows = dict(zip(hit_ids(panel), panel.hits.hits, strict=True))
    lines = {
        rid: panel.hits.item(i).data(Qt.ItemDataRole.UserRole + 1) for i, rid in enumerate(rows)
    }
    first, second = lines[people["hanako"].id]
    day = earlier.date
    number, first = first.split("  ", 1)  # rows 1–9 carry their number
    assert number.isdigit() and first.startswith("沼尻 花子") and "70代" in first
    assert "東町" in second and f"前回 {day.month}/{day.day} {venue.name}" in second
    assert "（きくちゃん）" in lines[people["kikuyo"].id][0]
    assert "80代以上" in lines[people["haruo"].id][0]


def test_new_resident_puts_kana_in_the_reading_and_kanji_in_the_name(qtbot, numajiri):
    services, _people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    for typed, name, kana in (
        ("ゆずりは", "", "ゆずりは"),
        ("ユズリハ ミツ", "", "ユズリハ ミツ"),
        ("ﾕｽﾞﾘﾊ", "", "ユズリハ"),  # half-width katakana, made full-width
        ("譲葉 みつ", "譲葉 みつ", ""),
        ("Yuzuriha", "Yuzuriha", ""),  # romaji stays as typed, in the name
    ):
        panel.search.setText(typed)
        dialog = panel.new_resident()
        qtbot.addWidget(dialog)
        assert (dialog.name.text(), dialog.kana.text()) == (name, kana), typed
        dialog.reject()

    panel.search.setText("ゆずりは")
    dialog = panel.new_resident()
    qtbot.addWidget(dialog)
    dialog.name.setText("譲葉 みつ")
    dialog.form.district.setText("西町")
    dialog.consent.setChecked(True)
    dialog.add.click()
    added = services.store.attendees(screen.session_id)
    assert [(r.display_name, r.kana, r.district) for r in added] == [
        ("譲葉 みつ", "ゆずりは", "西町")
    ]
    assert panel.search.text() == ""


def test_the_district_is_in_both_resident_dialogs_with_the_core_limit(qtbot, numajiri):
    from dxhelper.ui.edit_resident import EditResidentDialog

    services, people = numajiri
    new = NewResidentDialog(services.store, "ja", "", None)
    qtbot.addWidget(new)
    edit = EditResidentDialog(services, people["hanako"])
    qtbot.addWidget(edit)
    for form in (new.form, edit.form):
        assert form.district.maxLength() == MAX_DISTRICT
        assert form.district.accessibleName()
    assert edit.form.district.text() == "東町"
    edit.form.district.setText("本町")
    edit.save()
    assert services.store.get_resident(people["hanako"].id).district == "本町"


def test_last_times_people_come_back_ticked_ones_only(qtbot, numajiri):
    services, people = numajiri
    store = services.store
    screen = session_screen(qtbot, services)
    session = store.get_session(screen.session_id)
    earlier = store.start_session(
        venue_id=session.venue_id,
        volunteer_id=session.volunteer_id,
        kind=SessionKind.CLASS,
        date=TODAY - dt.timedelta(days=7),
        start_time="10:00",
    )
    for person in people.values():
        store.add_attendee(earlier.id, person.id)
    store.end_session(earlier.id, end_time="11:30")
    screen.add_attendee(people["kikuyo"].id)

    dialog = screen.attendee_panel.bring_back()
    assert dialog is not None
    qtbot.addWidget(dialog)
    items = {
        dialog.list.item(i).data(Qt.ItemDataRole.UserRole): dialog.list.item(i)
        for i in range(dialog.list.count())
    }
    assert {r.id for r in people.values()} <= set(items)
    kikuyo = items[people["kikuyo"].id]
    assert kikuyo.checkState() == Qt.CheckState.Checked
    assert not kikuyo.flags() & Qt.ItemFlag.ItemIsEnabled  # already here: ticked, fixed
    assert not dialog.add_button.isEnabled()
    dialog.set_checked(people["hanako"].id)
    dialog.set_checked(people["haruo"].id)
    dialog.set_checked(people["haruo"].id, False)
    assert dialog.chosen() == [people["hanako"].id]
    dialog.add_button.click()
    assert here(services, screen) == [people["kikuyo"].id, people["hanako"].id]
    assert [r.id for r in screen.attendee_list] == here(services, screen)


def test_removing_an_attendee_can_be_undone(qtbot, numajiri):
    services, people = numajiri
    screen = session_screen(qtbot, services)
    panel = screen.attendee_panel
    for key in ("hanako", "haruo", "kikuyo"):
        screen.add_attendee(people[key].id)
    assert not panel.undo_button.isVisible()

    panel.attendees.setCurrentRow(1)
    panel.remove_button.click()
    assert here(services, screen) == [people["hanako"].id, people["kikuyo"].id]
    assert panel.undo_button.isVisible() and "沼尻 春男" in panel.message.text()
    assert panel.attendees.currentRow() == -1  # a second click removes nobody
    panel.undo_button.click()
    assert set(here(services, screen)) == {r.id for r in people.values()}
    assert [r.id for r in screen.attendee_list] == here(services, screen)
    assert not panel.undo_button.isVisible()

    # Ctrl+Z with the attendee list in focus puts back the last one removed.
    panel.attendees.setFocus()
    panel.attendees.setCurrentRow(0)
    removed = panel.attendees.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(panel.attendees, Qt.Key.Key_Delete)
    assert removed not in here(services, screen)
    qtbot.keyClick(panel.attendees, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert removed in here(services, screen)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_at_least_eight_hits_are_in_sight_at_100_percent_on_1366x768(qtbot, make_services, lang):
    from dxhelper.ui.main_window import MainWindow

    services = make_services(lang)
    store = services.store
    for i in range(12):
        add(store, f"沼尻 {i}", f"ぬまじり {'かきくけこさしすせそたち'[i]}", district="東町")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(1)
    screen = window.session
    screen.start_new()
    for resident in store.list_residents()[:30]:
        screen.add_attendee(resident.id)
    panel = screen.attendee_panel
    panel.search.setText("ぬまじり")
    qtbot.wait(20)
    assert panel.hits.count() >= 12
    assert panel.hits.rows_in_sight() >= 8
