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


def _real_records(services):
    """A volunteer's real records: a venue and two residents."""
    store = services.store
    store.add_venue("中央公民館", "みどり市")
    for name, kana in (("山田 花子", "ヤマダ ハナコ"), ("佐藤 茂", "サトウ シゲル")):
        store.add_resident(
            name,
            kana=kana,
            age_band="70s",
            consent_date=dt.date(2026, 4, 1),
            consent_version="2026-1",
        )
    return services


def test_export_then_import_with_a_preview_and_confirmation(qtbot, make_services, tmp_path):
    """Sealed (issue 16 §9): the coordinator's key file loaded on the volunteer's laptop; the
    preview names the new device and its fingerprint, and the yes trusts it."""
    from dxhelper.exchange.keys import Keyring, public_key_file

    volunteer = _real_records(make_services("en", demo=False))  # practice records stay home
    coordinator = make_services("en", demo=False)
    key_file = tmp_path / "coordinator.dxkey"
    key_file.write_bytes(public_key_file(Keyring(coordinator.paths).create_coordinator("Midori")))
    Keyring(volunteer.paths).use_coordinator(key_file)
    screen = _screen(qtbot, volunteer)
    bundle = tmp_path / "aoki.dxhelper"
    with qtbot.waitSignal(screen.exported, timeout=30_000):
        screen.export_bundle(bundle)
    assert bundle.read_bytes().startswith(b"DXHSEAL1")

    assert coordinator.store.count_residents() == 0
    inbox = _screen(qtbot, coordinator)
    inbox.preview_imports([bundle])
    qtbot.waitUntil(lambda: getattr(inbox, "preview_dialog", None) is not None, timeout=30_000)
    preview = inbox.preview_dialog
    assert preview.files.count() == 1 and "aoki.dxhelper" in preview.files.item(0).text()
    device = Keyring(volunteer.paths).device_fingerprint()
    assert preview.new_devices is not None and preview.new_devices.count() == 1
    assert device in preview.new_devices.item(0).text()
    assert preview.confirm.text() == "Trust and import"
    assert coordinator.store.count_residents() == 0  # nothing written before the yes
    told = []
    coordinator.events.changed.connect(told.append)
    with qtbot.waitSignal(inbox.imported, timeout=60_000):
        preview.confirm.click()
    assert told == [inbox]  # every other screen hears of the imported records
    assert coordinator.store.count_residents() == volunteer.store.count_residents()
    assert inbox.bundle_result.text()
    assert any(coordinator.paths.backups.iterdir())  # a backup was taken first
    assert [d.fingerprint for d in Keyring(coordinator.paths).pinned()] == [device]


def test_without_a_coordinator_key_a_passphrase_is_asked_for(qtbot, make_services, tmp_path):
    import dxhelper.exchange.envelope as envelope

    envelope.SCRYPT_N, saved = 2**14, envelope.SCRYPT_N  # the lowest accepted cost: fast
    try:
        volunteer = _real_records(make_services("en", demo=False))
        screen = _screen(qtbot, volunteer)
        bundle = tmp_path / "move.dxhelper"
        screen.export_bundle(bundle)
        dialog = screen.passphrase_dialog
        qtbot.waitUntil(dialog.isVisible)
        dialog.first.setText("short")
        dialog.second.setText("short")
        dialog.ok.click()
        assert dialog.isVisible() and dialog.message.isVisible()  # too short
        dialog.first.setText("引っ越しの合言葉 2026")
        dialog.second.setText("引っ越しの合言葉 2025")
        dialog.ok.click()
        assert dialog.isVisible() and "differ" in dialog.message.text()
        dialog.second.setText("引っ越しの合言葉 2026")
        with qtbot.waitSignal(screen.exported, timeout=30_000):
            dialog.ok.click()
        assert bundle.read_bytes().startswith(b"DXHSEAL1")

        laptop = make_services("en", demo=False)
        inbox = _screen(qtbot, laptop)
        inbox.preview_imports([bundle])
        asked = inbox.passphrase_dialog
        qtbot.waitUntil(asked.isVisible)
        assert not asked.second.isVisible()
        asked.first.setText("wrong passphrase")
        asked.ok.click()
        qtbot.waitUntil(inbox.bundle_message.isVisible, timeout=30_000)
        assert "passphrase is wrong" in inbox.bundle_message.text()
        inbox.preview_imports([bundle])
        inbox.passphrase_dialog.first.setText("引っ越しの合言葉 2026")
        inbox.passphrase_dialog.ok.click()
        qtbot.waitUntil(lambda: getattr(inbox, "preview_dialog", None) is not None, timeout=30_000)
        assert inbox.preview_dialog.new_devices.count() == 1
    finally:
        envelope.SCRYPT_N = saved


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


# -- quick periods and typed months (issue 17 §4) ----------------------------------------------


def _months(screen) -> tuple[str, str]:
    return (screen.first.date().toString("yyyy-MM"), screen.last.date().toString("yyyy-MM"))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            dt.date(2027, 4, 1),  # the first day of a fiscal year
            {
                "this-month": ("2027-04", "2027-04"),
                "last-month": ("2027-03", "2027-03"),
                "this-fiscal-year": ("2027-04", "2027-04"),
                "last-fiscal-year": ("2026-04", "2027-03"),
            },
        ),
        (
            dt.date(2027, 3, 31),  # its last day
            {
                "this-month": ("2027-03", "2027-03"),
                "last-month": ("2027-02", "2027-02"),
                "this-fiscal-year": ("2026-04", "2027-03"),
                "last-fiscal-year": ("2025-04", "2026-03"),
            },
        ),
        (
            dt.date(2027, 1, 15),  # January: last month is in the previous calendar year
            {
                "this-month": ("2027-01", "2027-01"),
                "last-month": ("2026-12", "2026-12"),
                "this-fiscal-year": ("2026-04", "2027-01"),
                "last-fiscal-year": ("2025-04", "2026-03"),
            },
        ),
    ],
)
def test_quick_periods_choose_the_months_in_one_click(qtbot, make_services, today, expected):
    from PySide6.QtCore import Qt

    services = make_services("ja")
    screen = _screen(qtbot, services)
    screen.today = lambda: today
    labels = {"this-month": "今月", "last-month": "先月"}
    labels |= {"this-fiscal-year": "今年度", "last-fiscal-year": "前年度"}
    for period, months in expected.items():
        choice = screen.period_buttons[period]
        assert choice.text() == labels[period]
        qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
        assert choice.isChecked()
        assert _months(screen) == months
    _settled(qtbot, screen)  # counted at once: the report follows the last click
    first, last = months
    assert screen.report.filter.first == dt.date(int(first[:4]), int(first[5:]), 1)
    assert screen.report.filter.last == dt.date(int(last[:4]), int(last[5:]), 1)


def test_a_month_is_typed_after_one_click(qtbot, make_services):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    services = make_services("en")
    screen = _screen(qtbot, services)
    screen.activateWindow()
    screen.today = lambda: dt.date(2027, 1, 15)
    qtbot.mouseClick(screen.period_buttons["this-month"], Qt.MouseButton.LeftButton)
    _settled(qtbot, screen)
    assert screen.first.calendarPopup() is False
    # One click anywhere in the field (on the month here), then the month as people write it.
    for edit, typed, shown in (
        (screen.first, "2026-04", "2026-04"),
        (screen.last, "2026/9", "2026-09"),
    ):
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() // 2, 10))
        qtbot.wait(20)
        QTest.keyClicks(edit, typed)
        QTest.keyClick(edit, Qt.Key.Key_Tab)
        assert edit.date().toString("yyyy-MM") == shown
    assert screen.period_buttons["custom"].isChecked()
    _settled(qtbot, screen)
    assert screen.report.filter.first == dt.date(2026, 4, 1)
    assert screen.report.filter.last == dt.date(2026, 9, 1)
    # The arrow keys step whole months, over the year's end.
    screen.last.setFocus()
    screen.last.setDate(QDate(2026, 12, 1))
    QTest.keyClick(screen.last, Qt.Key.Key_Up)
    assert screen.last.date().toString("yyyy-MM") == "2027-01"


def test_total_rows_stand_out_and_notes_show_under_their_table(qtbot, make_services):
    from PySide6.QtCore import Qt

    from dxhelper.reports import Table
    from dxhelper.ui.reports_screen import ReportTableModel

    table = Table(
        key="by_venue",
        title="会場別",
        columns=("会場", "回数"),
        kinds=("text", "int"),
        rows=(("みどり図書館", 1200), ("中央公民館", 3), ("合計", 1203)),
    )
    model = ReportTableModel(table)
    assert [model.is_total(r) for r in range(3)] == [False, False, True]
    assert model.data(model.index(2, 1)) == "1,203"
    assert model.data(model.index(2, 0), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None

    services = make_services("ja")
    screen = _screen(qtbot, services)
    for table in screen.report.tables:
        note = getattr(table, "note", "")
        if note:
            shown = screen.notes[table.key]
            assert shown.text() == note
        if getattr(table, "totals", 0):
            model = screen.model(table.key)
            assert model.is_total(model.rowCount() - 1)


def test_a_volunteers_activity_record_is_saved_as_a_pdf(qtbot, make_services, tmp_path):
    from PySide6.QtCore import Qt

    from dxhelper.ui.reports_screen import activity_available

    if not activity_available():
        pytest.skip("the reports have no activity record yet")
    services = make_services("ja")
    screen = _screen(qtbot, services)
    assert screen.activity_button.isVisible()
    assert screen.activity_button.text() == "活動記録（PDF）…"
    qtbot.mouseClick(screen.activity_button, Qt.MouseButton.LeftButton)  # nobody chosen
    assert screen.message.isVisible() and "推進委員" in screen.message.text()

    screen.volunteer.setCurrentIndex(1)
    _settled(qtbot, screen)
    target = tmp_path / "activity.pdf"
    with qtbot.waitSignal(screen.exported, timeout=30_000) as saved:
        screen.export_activity(target)
    assert saved.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert not screen.message.isVisible()
