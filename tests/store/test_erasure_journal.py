"""Issue 16 §4: an erasure reaches every copy, always. An erasure cut off by a kill at any
point, or held up by another program's open read, is finished at the next open; once it is
finished no file in the data folder holds the name, in UTF-8 or UTF-16."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dxhelper.paths import DataPaths
from dxhelper.store import Library

CONSENT = {"consent_date": dt.date(2025, 5, 1), "consent_version": "2025-1"}
NAME = "消去確認用 長谷川ツネヨ"
KANA = "ハセガワ ツネヨ"
NOTE = "合言葉は「つくしんぼ」"
TEXTS = (NAME, KANA, NOTE)


def _holders(root: Path) -> list[str]:
    """Every file under the data folder that still holds one of the person's texts."""
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        for text in TEXTS:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if text.encode(encoding) in content:
                    found.append(f"{path.relative_to(root)} ({encoding}: {text})")
    return found


@pytest.fixture
def data(tmp_path) -> DataPaths:
    """Records with the person in the database and in three backups."""
    paths = DataPaths(tmp_path / "data")
    with Library.opened(paths) as library:
        store = library.store
        store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
        library.backup("manual", force=True)
        target = store.add_resident(NAME, kana=KANA, note=NOTE, **CONSENT)
        library.backup("manual", force=True)
        store.add_venue("中央公民館")
        library.backup("manual", force=True)
    (paths.root / "target-id").write_text(target.id)
    assert _holders(paths.root)  # the test can see the name where it is
    return paths


def _target(data: DataPaths) -> str:
    return (data.root / "target-id").read_text()


def test_an_erasure_held_up_by_another_programs_read_is_finished_at_the_next_open(data):
    reader = sqlite3.connect(data.database, isolation_level=None)
    library = Library.opened(data)
    try:
        # Another program (a spreadsheet's ODBC link, a second dxhelper's report) is in the
        # middle of a read: the WAL cannot be emptied into the file while it lasts.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM residents").fetchone()
        erasure = library.erase_resident(_target(data))
        erasure.in_backups()
        assert erasure.file_pending
        assert library.erasure_pending()  # kept on the journal, not forgotten
        assert _target(data) not in {r.id for r in library.store.list_residents()}
    finally:
        reader.execute("COMMIT")
        reader.close()
        library.close()
    with Library.opened(data) as reopened:
        assert not reopened.erasure_pending()
    assert _holders(data.root) == []


def test_an_erasure_finished_at_once_leaves_nothing_and_an_empty_journal(data):
    with Library.opened(data) as library:
        erasure = library.erase_resident(_target(data))
        assert not erasure.file_pending and library.erasure_pending()  # backups still to do
        erasure.in_backups()
        assert not library.erasure_pending()
    assert _holders(data.root) == []
    assert not (data.root / "erasures-pending.json").exists()


def test_a_damaged_journal_finishes_every_erasure_the_records_know(data):
    with Library.opened(data) as library:
        library.erase_resident(_target(data))  # the backups part never runs (a crash)
    (data.root / "erasures-pending.json").write_bytes(b"\x00{[not json" * 50)
    with Library.opened(data) as library:
        assert not library.erasure_pending()
    assert _holders(data.root) == []


# A child process erases the person and dies (os._exit, like a kill: nothing is cleaned up)
# at one point of the erasure.
_CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import dxhelper.store.backups.erasure as erasure
    import dxhelper.store.backups.files as files
    import dxhelper.store.store as store_module
    from dxhelper.paths import DataPaths
    from dxhelper.store import Library

    root, point = Path(sys.argv[1]), sys.argv[2]

    def die(*args, **kwargs):
        os._exit(9)

    def after(original, count=1):
        calls = []
        def wrapped(*args, **kwargs):
            result = original(*args, **kwargs)
            calls.append(1)
            if len(calls) >= count:
                os._exit(9)
            return result
        return wrapped

    if point == "journal":  # on the journal, before the row goes
        erasure.mark_pending = after(erasure.mark_pending)
    elif point == "checkpoint":  # the row gone, the WAL not yet in the file
        store_module.Store.checkpoint = die
    elif point == "first-backup":  # one backup rewritten, the others not
        erasure._erase_in = after(erasure._erase_in)
    elif point == "mid-copy":  # a backup's temporary copy made, not yet in place
        erasure.verify_backup = die
    elif point == "journal-clear":  # everything done but taking it off the journal
        erasure.clear_pending = die
    library = Library.opened(DataPaths(root))
    library.erase_resident((root / "target-id").read_text()).in_backups()
    os._exit(0)
    """
)


@pytest.mark.parametrize(
    "point", ["journal", "checkpoint", "first-backup", "mid-copy", "journal-clear"]
)
def test_an_erasure_killed_at_any_point_is_finished_and_leaves_nothing(data, point):
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data.root), point], capture_output=True, timeout=120
    )
    assert child.returncode == 9, child.stderr.decode()
    with Library.opened(data) as library:
        # Opening finished what was cut off. Killed before the row went, the erasure never
        # happened: the volunteer sees the person still there and erases again.
        if _target(data) in {r.id for r in library.store.list_residents()}:
            assert point == "journal"
            library.erase_resident(_target(data)).in_backups()
        assert not library.erasure_pending()
        assert library.store.check().ok
    assert _holders(data.root) == []
