"""Shared fixtures: a fresh store in a temporary folder, and a fixed clock."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Most bundle tests are about the zip inside (parsing, merging, hostile members), so they
# write and read plain zips: the developer option (issue 16 §9). Subprocesses inherit it.
# The sealed path has its own tests (tests/exchange/test_envelope.py and others), which
# remove this variable where they test that a plain zip is refused.
os.environ.setdefault("DXHELPER_ALLOW_PLAIN", "1")

FIXED_NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=dt.UTC)  # 10:30 in Japan


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "dxhelper.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator:
    from dxhelper.store import Store

    with Store.open(db_path, clock=lambda: FIXED_NOW) as opened:
        yield opened


def erase_resident(store, resident_id: str) -> None:
    """Erase through the front door (database, WAL and every backup) for a test's open Store
    whose data folder is the one it lives in."""
    from dxhelper.paths import DataPaths
    from dxhelper.store import Library

    library = Library(DataPaths(Path(store.path).parent))
    library.adopt(store)
    library.erase_resident(resident_id).in_backups()


@pytest.fixture
def erase():
    return erase_resident


@pytest.fixture
def people(store):
    """A venue, a volunteer and two consenting residents."""
    venue = store.add_venue("中央公民館", "みどり市")
    volunteer = store.add_volunteer("推進委員 青木")
    yamada = store.add_resident(
        "山田 花子",
        kana="ヤマダ ハナコ",
        age_band="70s",
        consent_date=dt.date(2026, 11, 1),
        consent_version="2026-1",
    )
    sato = store.add_resident(
        "佐藤 茂",
        kana="さとう しげる",
        nickname="シゲさん",
        age_band="80plus",
        consent_date=dt.date(2026, 10, 1),
        consent_version="2026-1",
    )
    return venue, volunteer, yamada, sato


@contextlib.contextmanager
def made_read_only(source: Path) -> Iterator[Path]:
    """`source` made read-only for real; yields the path to use.

    As root, file modes are not enforced, so a read-only bind mount stands in (as a USB stick
    or a locked share would be); otherwise the write permissions are removed.
    """
    if os.geteuid() != 0:
        for path in source.iterdir():
            os.chmod(path, 0o444)
        os.chmod(source, 0o555)
        try:
            yield source
        finally:
            os.chmod(source, 0o755)
        return
    target = source.with_name(source.name + "-mounted")
    target.mkdir()
    subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


@pytest.fixture
def read_only():
    """`with read_only(folder) as path:` the folder, made read-only for real, at `path`."""
    return made_read_only
