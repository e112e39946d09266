"""Issue 16 §2 and §8 in the window: at start one calm message says what the volunteer should
know (a clock that cannot be right, a settings file that could not be used); while another
dxhelper holds the write lock, the status bar says this one is waiting."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

from dxhelper.core.settings import Settings
from dxhelper.ui.app import WaitNotice, start_warnings
from dxhelper.ui.main_window import MainWindow


def test_nothing_to_say_on_a_sound_start(make_services):
    services = make_services("ja")
    assert start_warnings(services.library, services.settings) == []


def test_a_clock_behind_the_records_and_a_broken_settings_file_are_said_in_one_go(
    make_services, tmp_path
):
    services = make_services("en")
    library = services.library
    library.clock = lambda: dt.datetime(2026, 1, 2, tzinfo=dt.UTC)  # before the demo's records
    folder = tmp_path / "settings"
    folder.mkdir()
    (folder / "settings.json").write_text("[" * 100_000, encoding="utf-8")
    broken = Settings.load(folder)
    broken.set("language", "en")
    said = start_warnings(library, broken)
    assert len(said) == 2
    assert "clock" in said[0] and "earlier than records saved" in said[0]
    assert "settings" in said[1].lower()


def test_the_status_bar_says_the_window_waits_for_another_writer(qtbot, make_services):
    services = make_services("en")
    window = MainWindow(services)
    qtbot.addWidget(window)
    notice = WaitNotice()
    notice.waiting.connect(window.show_waiting)
    services.library.on_wait = notice
    root = services.library.paths.root
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from dxhelper.store import write_lock
                with write_lock.holding(Path({str(root)!r})):
                    print("held", flush=True)
                    time.sleep(1.5)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        services.library.backup("manual", force=True)  # waits, then succeeds
    finally:
        holder.wait(timeout=30)
    assert "waiting" in window.statusBar().currentMessage()
