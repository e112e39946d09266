"""The screenshot tool draws every screen and dialog; each picture has real content."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def _load_script():
    """scripts/screenshots.py is a tool beside the package, not part of it: load it by path."""
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_tool_renders_every_screen(qapp, tmp_path):
    screenshots = _load_script()
    written = screenshots.render_all(tmp_path, langs=("en",), scales=(100,))
    names = {path.name for path in written}
    for screen in ("today", "session", "residents", "lessons", "settings", "presentation"):
        assert f"{screen}-en-100.png" in names
    for dialog in ("new-resident", "choose-lessons", "handover", "first-run-details"):
        assert f"{dialog}-en-100.png" in names
    session = QImage(str(tmp_path / "session-en-100.png"))
    assert (session.width(), session.height()) == screenshots.WINDOW
    # Not blank: the ticked grid cells and the text give many distinct colours.
    colours = {
        session.pixel(x, y)
        for x in range(0, session.width(), 7)
        for y in range(0, session.height(), 7)
    }
    assert len(colours) > 50
