"""The Reports screen: the numbers on screen are the numbers in every export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from PySide6.QtCore import QDate

from dxhelper.ui.reports_screen import ReportsScreen


def _screen(qtbot, services) -> ReportsScreen:
    screen = ReportsScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1200, 900)
    screen.show()
    today = dt.date.today()
    screen.first.setDate(QDate(today.year - 1, today.month, 1))
    screen.last.setDate(QDate(today.year, today.month, 1))
    _settled(qtbot, screen)
    return screen


def _settled(qtbot, screen) -> None:
    """Reports are counted off the GUI thread: wait for the one matching the filters."""
    qtbot.waitUntil(
        lambda: (
            screen.services.tasks.running == 0
            and screen.report is not None
            and screen.report.filter == screen.current_filter()
        ),
        timeout=30_000,
    )


def _shown(screen, key: str) -> list[list[str]]:
    model = screen.model(key)
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _plain(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def test_tables_and_chart_show_the_period_and_filters_narrow_them(qtbot, make_services):
    services = make_services("ja")
    screen = _screen(qtbot, services)
    report = screen.report
    assert [screen.tabs.tabText(i) for i in range(screen.tabs.count())] == [
        t.title for t in report.tables
    ]
    assert screen.chart.renderer().isValid()
    months = screen.model("by_month")
    total = sum(months.value(r, 1) for r in range(months.rowCount()))  # sessions per month
    assert total > 0
    from dxhelper.reports import venue_choices

    venue_id = venue_choices(services.store)[0][0]
    screen.venue.setCurrentIndex(screen.venue.findData(venue_id))
    _settled(qtbot, screen)
    narrowed = screen.model("by_month")
    assert sum(narrowed.value(r, 1) for r in range(narrowed.rowCount())) < total
    assert screen.report.filter.venue_id == venue_id


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_read_back_equal_what_the_screen_shows(qtbot, make_services, tmp_path, fmt):
    services = make_services("ja")
    screen = _screen(qtbot, services)
    target = tmp_path / f"report.{fmt}"
    with qtbot.waitSignal(screen.exported, timeout=30_000):
        screen.export_report(fmt, target)
    assert screen.open_folder_button.isEnabled()
    for key in ("by_month", "by_age_band", "by_venue"):
        table = screen.report.table(key)
        shown = [[_plain(v) for v in row] for row in screen.model(key).table.rows]
        if fmt == "csv":
            text = target.read_bytes().decode("utf-8-sig")
            assert "\r\n" in text
            rows = list(csv.reader(io.StringIO(text)))
            start = rows.index(list(table.columns))
            read = rows[start + 1 : start + 1 + len(shown)]
        else:
            book = openpyxl.load_workbook(target)
            sheet = next(s for s in book.worksheets if s["A1"].value == table.columns[0])
            sheet = book[sheet.title]
            read = [
                [_plain(c) for c in row]
                for row in sheet.iter_rows(min_row=2, max_row=1 + len(shown), values_only=True)
                if any(c is not None for c in row)
            ]
            # numbers came back as numbers
            ints = [i for i, kind in enumerate(table.kinds) if kind == "int"]
            assert (
                all(isinstance(sheet.cell(row=2, column=i + 1).value, int) for i in ints)
                or not shown
            )
        assert read == shown, key
    # and the screen's display text is those same numbers
    months = screen.model("by_month")
    assert months.data(months.index(0, 1)).replace(",", "") == str(months.value(0, 1))


def test_export_then_import_with_a_preview_and_confirmation(qtbot, make_services, tmp_path):
    volunteer = make_services("en")
    screen = _screen(qtbot, volunteer)
    bundle = tmp_path / "aoki.dxhelper"
    with qtbot.waitSignal(screen.exported, timeout=30_000):
        screen.export_bundle(bundle)
    assert bundle.exists()

    coordinator = make_services("en", demo=False)
    assert coordinator.store.count_residents() == 0
    inbox = _screen(qtbot, coordinator)
    inbox.preview_imports([bundle])
    qtbot.waitUntil(lambda: getattr(inbox, "preview_dialog", None) is not None, timeout=30_000)
    preview = inbox.preview_dialog
    assert preview.files.count() == 1 and "aoki.dxhelper" in preview.files.item(0).text()
    assert coordinator.store.count_residents() == 0  # nothing written before the yes
    told = []
    coordinator.events.changed.connect(told.append)
    with qtbot.waitSignal(inbox.imported, timeout=60_000):
        preview.confirm.click()
    assert told == [inbox]  # every other screen hears of the imported records
    assert coordinator.store.count_residents() == volunteer.store.count_residents()
    assert inbox.bundle_result.text()
    assert any(coordinator.paths.backups.iterdir())  # a backup was taken first


def test_a_hostile_file_is_refused_in_place_and_nothing_changes(qtbot, make_services, tmp_path):
    services = make_services("ja")
    screen = _screen(qtbot, services)
    bad = tmp_path / "bad.dxhelper"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    before = services.store.count_residents()
    screen.preview_imports([bad])
    qtbot.waitUntil(screen.bundle_message.isVisible, timeout=30_000)
    assert "bad.dxhelper" in screen.bundle_message.text()
    assert services.store.count_residents() == before
