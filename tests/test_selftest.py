"""`dxhelper --self-test` from source: every check passes, and a failing check fails the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from dxhelper import selftest

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def test_self_test_passes_from_source():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [EXE, "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("ok ") for line in lines) == len(selftest.CHECKS)
    assert lines[-1] == "self-test passed"


def test_a_failing_check_is_reported_and_fails_the_run(monkeypatch):
    def broken(test):
        raise RuntimeError("simulated")

    checks = [selftest.CHECKS[0], ("broken: always fails", broken), selftest.CHECKS[1]]
    monkeypatch.setattr(selftest, "CHECKS", checks)
    said: list[str] = []
    assert selftest.run(said.append) == 1
    assert said[1] == "FAILED  broken: always fails: RuntimeError: simulated"
    assert said[2].startswith("ok      lessons")  # the next check still ran
    assert said[-1] == "self-test FAILED: 1 of 3"
