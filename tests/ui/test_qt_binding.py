"""The Qt binding itself: a release that corrupts Python's reference counts must not ship."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_returning_nothing_keep_pythons_references():
    """PySide6 6.12.0 on Python 3.11 loses a reference to None on every such call; some
    thousands later Python aborts. pyproject.toml excludes it; this proves the installed one."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 5
