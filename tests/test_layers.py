"""Only dxhelper.ui may import Qt: everything else must import with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

BLOCKER = """
import importlib.abc, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
        return None

sys.meta_path.insert(0, BlockQt())
import importlib
for module in {modules!r}:
    importlib.import_module(module)
leaked = sorted(m for m in sys.modules if m.startswith("PySide6"))
assert not leaked, leaked
print("ok")
"""

PLAIN_MODULES = [
    "dxhelper.core.errors",
    "dxhelper.core.fields",
    "dxhelper.core.models",
    "dxhelper.core.privacy",
    "dxhelper.core.text",
    "dxhelper.paths",
    "dxhelper.store",
    "dxhelper.store.schema",
    "dxhelper.handouts",
    "dxhelper.reports",
    "dxhelper.exchange",
    "dxhelper.demo",
    "dxhelper.cli",
]


def test_everything_but_ui_imports_with_pyside6_blocked():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=PLAIN_MODULES)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_blocker_really_blocks():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=["PySide6.QtCore"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "blocked" in result.stderr


def test_core_imports_nothing_of_ours_outside_core():
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "dxhelper" / "core"
    for source in core.glob("*.py"):
        for line in source.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import dxhelper", "from dxhelper")):
                assert stripped.startswith("from dxhelper.core"), f"{source.name}: {stripped}"
