"""Hatch build hook: compile the Qt translations (resources/i18n/*.ts -> .qm) into every wheel.

The .qm files are build products (git ignores them), so without this hook `pip install .` or
`pipx install` would give a window with no Japanese. lrelease comes from PySide6-Essentials in
the build environment ([build-system] requires).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _lrelease() -> list[str]:
    """The lrelease command: PySide6's own binary, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        exe = Path(spec.origin).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
        if exe.is_file():
            return [str(exe)]
    on_path = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if on_path:
        return [on_path]
    raise RuntimeError(
        "pyside6-lrelease was not found: the build environment needs PySide6-Essentials "
        "to compile resources/i18n/*.ts"
    )


class TranslationsBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return  # the sdist carries the .ts sources; its wheel compiles them
        sources = sorted((Path(self.root) / "resources" / "i18n").glob("*.ts"))
        if version == "editable":
            # An editable install runs from the checkout: paths.py finds resources/ there.
            out_dir = sources[0].parent if sources else Path(self.root)
        else:
            self._tmp = tempfile.mkdtemp(prefix="dxhelper-qm-")
            out_dir = Path(self._tmp)
        command = _lrelease()
        for ts in sources:
            qm = out_dir / ts.with_suffix(".qm").name
            subprocess.run([*command, "-silent", str(ts), "-qm", str(qm)], check=True)
            if version != "editable":
                # Takes precedence over a stale .qm that force-include copies from the checkout.
                build_data["force_include"][str(qm)] = f"dxhelper/_data/resources/i18n/{qm.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def get_build_hook() -> type[BuildHookInterface]:
    return TranslationsBuildHook


if __name__ == "__main__":  # pragma: no cover - a manual check: python hatch_build.py
    print(_lrelease(), file=sys.stderr)
