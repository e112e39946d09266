"""The wheel is the app (issue 19 §1): built from a checkout with no .qm files, installed into a
fresh venv, its `dxhelper --self-test` passes, window and Japanese translations included.

Slow (the wheel's build environment and the fresh venv each install PySide6-Essentials; pip's
cache makes that a copy, not a download): about 60 s here (2 cores, warm cache). Marked
`packaging`, which CI runs; `-m "not packaging"` leaves it out of a quick local run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dxhelper import selftest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.packaging


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_installs_into_a_fresh_venv_and_passes_its_self_test(tmp_path):
    # A checkout without the built .qm: the wheel must compile them itself.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "data", "tests", "bench", "__pycache__", "*.qm"
        ),
    )
    assert not list(source.rglob("*.qm"))
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)])
    (wheel,) = wheels.glob("dxhelper-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("ja", "en"):
        assert f"dxhelper/_data/resources/i18n/dxhelper_{lang}.qm" in names
    assert not list(source.rglob("*.qm")), "a wheel build must not write into the checkout"

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)])

    home = tmp_path / "home"
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }  # nothing from this checkout may leak into the installed app
    env.update(QT_QPA_PLATFORM="offscreen", DXHELPER_HOME=str(home), HOME=str(home))
    result = _run([str(bindir / "dxhelper"), "--self-test"], env=env, cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-test passed", result.stdout
    assert sum(line.startswith("ok ") for line in lines) == len(selftest.CHECKS)
    assert any(line.startswith("ok      window") for line in lines)
    # And it ran the installed copy, not this checkout.
    where = _run(
        [str(bindir / "python"), "-c", "import dxhelper.paths as p; print(p.resources_dir())"],
        env=env,
        cwd=tmp_path,
    )
    assert "site-packages" in where.stdout
