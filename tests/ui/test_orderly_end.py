"""SIGTERM closes the window as cleanly as the close button (issue 19 §4): the running mark
goes and the last backup is taken. A real `dxhelper` process, offscreen, on a temp folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths
from dxhelper.store import Library
from dxhelper.store.startup import RUNNING_MARK

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_window_cleanly(tmp_path, sig):
    paths = DataPaths(tmp_path / "data")
    paths.root.mkdir()
    with Library.opened(paths) as library:
        volunteer = library.store.add_volunteer("推進委員 青木")
    Settings.load(paths.root).update(language="ja", first_run_done=True, volunteer_id=volunteer.id)
    env = {**os.environ, "DXHELPER_HOME": str(paths.root), "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        [EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        mark = paths.root / RUNNING_MARK
        library = Library(paths)
        # Up and idle: the running mark is there and the start's daily backup is taken.
        _wait_for(lambda: mark.exists() and library.list_backups(), 60, "the window to start")
        # Something changes while it runs (another dxhelper writing): the close backup has it.
        with Library.opened(paths, hold_writes=True) as writer:
            writer.store.add_resident(
                "山田 花子",
                kana="ヤマダ ハナコ",
                consent_date=dt.date(2026, 11, 1),
                consent_version="2026-1",
            )
        window.send_signal(sig)
        output, _ = window.communicate(timeout=60)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
    assert window.returncode == 0, output
    assert not mark.exists(), "the running mark was left: the next start would check for damage"
    reasons = [info.reason for info in library.list_backups()]
    assert reasons[0] == "close", reasons
    assert library.list_backups()[0].counts.get("residents") == 1
    assert "Traceback" not in output
