"""The progress grid records what the volunteer meant: the cycle starts from what a cell shows,
the way back restores the earlier row exactly, the selected cell keeps its mark and colour, and
the headers say who and what. Checked through the Store API and on the painted pixels."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from dxhelper.core.errors import NotFoundError, StoreError
from dxhelper.core.models import AgeBand, StepState
from dxhelper.ui.progress_grid import ProgressGrid
from dxhelper.ui.progress_model import COLOURS
from dxhelper.ui.progress_view import BAND
from dxhelper.ui.style import ACCENT

EARLIER_AT = "2025-01-15T01:30:00.000000Z"
LESSON = "smartphone-basics"


class Class:
    """A store with a volunteer, an earlier session by another volunteer and today's session."""

    def __init__(self, services) -> None:
        self.services = services
        store = self.store = services.store
        self.volunteer = services.volunteer_id()
        self.other = store.add_volunteer("推進委員 井上").id
        venue = store.add_venue("中央公民館", "みどり市").id
        self.earlier = store.start_session(
            venue_id=venue, volunteer_id=self.other, date=dt.date(2025, 1, 15), start_time="10:00"
        ).id
        self.session = store.start_session(venue_id=venue, volunteer_id=self.volunteer).id
        self.lesson = services.catalogue.get(LESSON, services.lang)
        self.residents = []

    def resident(self, name: str, **fields):
        fields.setdefault("consent_version", "2024-04")
        resident = self.store.add_resident(name, consent_date=dt.date(2025, 1, 15), **fields)
        self.store.add_attendee(self.session, resident.id)
        self.residents.append(resident)
        return resident

    def done_earlier(self, resident, step: int = 0):
        return self.store.set_step_state(
            resident.id,
            self.lesson.id,
            self.lesson.steps[step].id,
            StepState.DONE,
            session_id=self.earlier,
            volunteer_id=self.other,
            at=EARLIER_AT,
        )

    def row(self, resident, step: int = 0):
        """(state, session, volunteer, at) of one step as the Store holds it, or None."""
        step_id = self.lesson.steps[step].id
        for p in self.store.progress_for(resident.id, self.lesson.id):
            if p.step_id == step_id:
                return (p.state, p.session_id, p.volunteer_id, p.at)
        return None

    def grid(self, qtbot, lessons=None) -> ProgressGrid:
        grid = ProgressGrid(self.store, self.services.lang)
        qtbot.addWidget(grid)
        grid.resize(900, 520)
        grid.show()
        qtbot.waitExposed(grid)
        self.load(grid, lessons)
        return grid

    def load(self, grid, lessons=None) -> None:
        grid.load(self.session, self.volunteer, self.residents, lessons or [self.lesson])


def _click(qtbot, grid, row: int, column: int) -> None:
    rect = grid.visualRect(grid.model().index(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def lesson_class(make_services) -> Class:
    return Class(make_services("ja", demo=False))


def test_a_pale_tick_is_confirmed_today_then_helped_then_put_back_exactly(qtbot, lesson_class):
    c = lesson_class
    hanako = c.resident("山田 花子", nickname="はなちゃん")
    earlier = c.done_earlier(hanako)
    grid = c.grid(qtbot)
    model = grid.model()
    index = model.index(0, 0)
    pale = COLOURS[StepState.DONE][1]
    assert model.data(index) == "✓" and model.data(index, Qt.BackgroundRole).color() == pale

    before = c.row(hanako)
    assert before == (StepState.DONE, c.earlier, c.other, EARLIER_AT)
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "山田 花子（はなちゃん）" in tip and "以前の回" in tip and "今日できた" in tip
    _click(qtbot, grid, 0, 0)  # one click on a pale ✓: done today, never △
    first = c.row(hanako)
    assert first[:3] == (StepState.DONE, c.session, c.volunteer) and first[3] > EARLIER_AT
    assert model.data(index, Qt.BackgroundRole).color() == COLOURS[StepState.DONE][0]
    _click(qtbot, grid, 0, 0)
    second = c.row(hanako)
    assert second[:3] == (StepState.NEEDS_HELP, c.session, c.volunteer)
    assert model.data(index) == "△"
    assert "以前の回の記録に戻す" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    _click(qtbot, grid, 0, 0)  # back to the pale ✓ exactly as the earlier session left it
    assert c.row(hanako) == before
    assert [p.id for p in c.store.progress_for(hanako.id, c.lesson.id)] == [earlier.id]
    assert model.data(index) == "✓" and model.data(index, Qt.BackgroundRole).color() == pale

    # Undo walks back through each step exactly (moments included); redo walks forward again.
    for expected in (second, first, before):
        grid.undo_stack.undo()
        assert c.row(hanako) == expected
    assert not grid.undo_stack.canUndo()
    for expected in (first, second, before):
        grid.undo_stack.redo()
        assert c.row(hanako) == expected
    # The cycle goes on from there: the pale ✓ is confirmed today again.
    _click(qtbot, grid, 0, 0)
    assert c.row(hanako)[:3] == (StepState.DONE, c.session, c.volunteer)


def test_an_empty_cell_goes_done_needs_help_empty(qtbot, lesson_class):
    c = lesson_class
    taro = c.resident("佐藤 太郎")
    grid = c.grid(qtbot)
    assert c.row(taro) is None and grid.model().data(grid.model().index(0, 0)) == ""
    _click(qtbot, grid, 0, 0)
    assert c.row(taro)[:3] == (StepState.DONE, c.session, c.volunteer)
    _click(qtbot, grid, 0, 0)
    assert c.row(taro)[:3] == (StepState.NEEDS_HELP, c.session, c.volunteer)
    assert "空欄に戻す" in grid.model().data(grid.model().index(0, 0), Qt.ItemDataRole.ToolTipRole)
    _click(qtbot, grid, 0, 0)
    assert c.row(taro)[0] is StepState.OPEN
    assert grid.model().data(grid.model().index(0, 0)) == ""
    assert grid.model().data(grid.model().index(0, 0), Qt.BackgroundRole) is None
    _click(qtbot, grid, 0, 0)
    assert c.row(taro)[:3] == (StepState.DONE, c.session, c.volunteer)


def test_reloading_the_same_session_keeps_the_way_back_to_the_earlier_row(qtbot, lesson_class):
    c = lesson_class
    hanako = c.resident("山田 花子")
    c.done_earlier(hanako)
    grid = c.grid(qtbot)
    _click(qtbot, grid, 0, 0)
    c.resident("佐藤 太郎")  # someone arrives: the screen reloads the grid
    c.load(grid)
    _click(qtbot, grid, 0, 0)
    _click(qtbot, grid, 0, 0)
    assert c.row(hanako) == (StepState.DONE, c.earlier, c.other, EARLIER_AT)


def test_a_resumed_session_counts_todays_ticks_as_having_been_empty(qtbot, lesson_class):
    c = lesson_class
    hanako = c.resident("山田 花子")
    c.done_earlier(hanako)
    c.store.set_step_state(  # ticked today before the laptop was restarted
        hanako.id,
        c.lesson.id,
        c.lesson.steps[0].id,
        StepState.DONE,
        session_id=c.session,
        volunteer_id=c.volunteer,
    )
    grid = c.grid(qtbot)
    _click(qtbot, grid, 0, 0)
    assert c.row(hanako)[0] is StepState.NEEDS_HELP
    _click(qtbot, grid, 0, 0)
    assert c.row(hanako)[0] is StepState.OPEN


def test_the_selected_cell_keeps_its_mark_and_colour_inside_a_frame(qtbot, lesson_class):
    c = lesson_class
    hanako = c.resident("山田 花子")
    c.done_earlier(hanako, 0)
    c.done_earlier(hanako, 1)
    grid = c.grid(qtbot)
    model = grid.model()
    selected, other = model.index(0, 0), model.index(0, 1)
    grid.setCurrentIndex(selected)
    grid.setFocus()
    qtbot.waitUntil(lambda: grid.selectionModel().isSelected(selected))
    pale = COLOURS[StepState.DONE][1]
    for index in (selected, other):
        assert model.data(index) == "✓"
        assert model.data(index, Qt.BackgroundRole).color() == pale

    image = grid.viewport().grab().toImage()
    sel, oth = grid.visualRect(selected), grid.visualRect(other)

    def inside(rect):  # beside the mark, clear of the frame
        return image.pixelColor(rect.left() + rect.width() // 5, rect.center().y())

    assert inside(sel) == inside(oth) == pale  # no selection fill over the pale colour
    # The mark is still painted in the selected cell: some dark pixels in its middle.
    middle = [
        image.pixelColor(x, y)
        for x in range(sel.center().x() - 8, sel.center().x() + 9)
        for y in range(sel.center().y() - 8, sel.center().y() + 9)
    ]
    assert any(colour.lightness() < 150 for colour in middle)
    # …and the frame: the accent colour on the selected cell's edge, not on the other's.
    edge = image.pixelColor(sel.left() + 1, sel.center().y())
    assert edge.name() == ACCENT.lower()
    assert image.pixelColor(oth.left() + 1, oth.center().y()).name() != ACCENT.lower()

    # An empty cell, selected, stays as white as its unselected neighbour.
    empty, blank = model.index(0, 2), model.index(0, 3)
    grid.setCurrentIndex(empty)
    qtbot.waitUntil(lambda: grid.selectionModel().isSelected(empty))
    image = grid.viewport().grab().toImage()
    assert inside(grid.visualRect(empty)) == inside(grid.visualRect(blank))
    assert inside(grid.visualRect(empty)).lightness() == 255


def test_row_headers_name_people_as_they_are_called_and_tell_namesakes_apart(qtbot, lesson_class):
    c = lesson_class
    c.resident("山田 花子", nickname="はなちゃん", kana="やまだ はなこ")
    c.resident("鈴木 一郎", age_band=AgeBand.SEVENTIES)
    c.resident("鈴木 一郎", age_band=AgeBand.EIGHTY_PLUS)
    c.resident("田中 和子", age_band=AgeBand.SEVENTIES)
    c.resident("田中　和子", age_band=AgeBand.SEVENTIES)  # the same name with a wide space
    grid = c.grid(qtbot)
    labels = [
        grid.model().headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        for row in range(5)
    ]
    assert labels[0] == "山田 花子（はなちゃん）"
    assert len(set(labels)) == 5
    assert "70代" in labels[1] and "80代以上" in labels[2]
    assert labels[3].endswith("①") and labels[4].endswith("②")
    tip = grid.model().headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "はなちゃん" in tip and "やまだ はなこ" in tip


def test_column_headers_hold_step_titles_under_their_lesson(qtbot, make_services):
    services = make_services("en", demo=False)
    c = Class(services)
    c.resident("Hanako Yamada")
    second = services.catalogue.get("myna-hokensho", "en")
    grid = c.grid(qtbot, [c.lesson, second])
    grid.resize(2400, 520)
    header = grid.horizontalHeader()
    first_count = len(c.lesson.steps)
    columns = [(c.lesson, i, s) for i, s in enumerate(c.lesson.steps)]
    columns += [(second, i, s) for i, s in enumerate(second.steps)]
    for column, (lesson, number, step) in enumerate(columns):
        tip = grid.model().headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
        assert step.title in tip and lesson.title in tip
        shown = " ".join(header.step_lines(column))
        assert shown.startswith(f"{number + 1}. {step.title.split()[0]}")
    assert [(lesson.id, a, b) for lesson, a, b in header.bands()] == [
        (c.lesson.id, 0, first_count - 1),
        (second.id, first_count, first_count + len(second.steps) - 1),
    ]
    # The band is painted over each lesson's steps, the step titles below it.
    qtbot.wait(10)
    image = header.grab().toImage()
    for column in (0, first_count):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        assert image.pixelColor(x, 2) == BAND
        assert image.pixelColor(x, header.height() - 3) != BAND


def test_a_refused_write_is_said_and_changes_neither_cell_nor_undo_stack(
    qtbot, lesson_class, monkeypatch
):
    c = lesson_class
    hanako = c.resident("山田 花子")
    c.done_earlier(hanako)
    grid = c.grid(qtbot)
    model = grid.model()
    _click(qtbot, grid, 0, 0)
    today = c.row(hanako)
    failures = []
    grid.failed.connect(failures.append)

    def refuse(*args, **kwargs):
        raise StoreError("ディスクがいっぱいです", "The disk is full")

    monkeypatch.setattr(c.store, "set_step_state", refuse)
    cell = model.cell(model.index(0, 0))
    _click(qtbot, grid, 0, 0)  # a tick
    grid.undo_stack.undo()  # an undo
    assert len(failures) == 2 and all(isinstance(f, StoreError) for f in failures)
    assert model.cell(model.index(0, 0)) == cell and c.row(hanako) == today
    assert grid.undo_stack.count() == 1 and grid.undo_stack.index() == 1

    def missing(*args, **kwargs):
        raise NotFoundError("住民が見つかりません", "No such resident")

    monkeypatch.setattr(c.store, "set_step_state", missing)
    _click(qtbot, grid, 0, 0)
    assert isinstance(failures[-1], NotFoundError)
    assert grid.undo_stack.count() == 1 and model.cell(model.index(0, 0)) == cell

    monkeypatch.undo()  # the disk has room again: the undo goes through
    grid.undo_stack.undo()
    assert c.row(hanako) == (StepState.DONE, c.earlier, c.other, EARLIER_AT)
    assert grid.undo_stack.index() == 0


def test_an_arrival_adds_one_row_reading_only_that_residents_progress(
    qtbot, lesson_class, monkeypatch
):
    """Issue 18's tick-list: each arrival changes one row, not the whole grid (a tick under a
    frame with 30 people); cells, the way back and the names that tell people apart stay right."""
    c = lesson_class
    hanako = c.resident("山田 花子", age_band=AgeBand.SEVENTIES)
    c.done_earlier(hanako)
    grid = c.grid(qtbot)
    _click(qtbot, grid, 0, 1)  # ticked today before anyone else came
    reads: list[str] = []
    original = c.store.progress_for
    monkeypatch.setattr(
        c.store, "progress_for", lambda rid, *a: reads.append(rid) or original(rid, *a)
    )
    namesake = c.resident("山田 花子", age_band=AgeBand.EIGHTY_PLUS)  # another of the name
    c.done_earlier(namesake, step=2)
    c.load(grid)
    model = grid.model()
    assert reads == [namesake.id]  # only the newcomer's progress was read
    assert model.rowCount() == 2
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)]
    assert labels[0] != labels[1] and "70代" in labels[0] and "80代以上" in labels[1]
    assert model.data(model.index(0, 0)) == "✓" and model.data(model.index(1, 2)) == "✓"
    # The way back of today's tick survived the arrival: two clicks restore the empty cell.
    _click(qtbot, grid, 0, 1)
    _click(qtbot, grid, 0, 1)
    assert c.row(hanako, step=1) is None or c.row(hanako, step=1)[0] is StepState.OPEN
    # Someone taken off: their row goes, the others stay as they were.
    c.store.remove_attendee(c.session, hanako.id)
    c.residents.remove(hanako)
    reads.clear()
    c.load(grid)
    assert reads == [] and model.rowCount() == 1
    assert model.data(model.index(0, 2)) == "✓"
