"""Issue 16 §2: a bundle stamped in the far future, or with dates no one could type, is refused
whole before anything is written; a clock a little ahead is not."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundletools import digest, import_into, make_device
from corpus import _members, _write

from dxhelper.exchange import BundleError, export_bundle, inspect_bundle
from dxhelper.store import Store

# The coordinator's clock: a month after the devices' (bundletools.START, 2026-05-01).
NOW = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def here(tmp_path) -> Iterator[Store]:
    """The importing device, its clock fixed at NOW."""
    with Store.open(tmp_path / "coordinator" / "dxhelper.sqlite3", clock=lambda: NOW) as store:
        yield store


@pytest.fixture
def backups(tmp_path) -> Path:
    return tmp_path / "coordinator" / "backups"


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clocks")
    device = make_device(root, "aoki")  # installation name "端末 aoki"
    try:
        return export_bundle(device, root / "valid.dxhelper").path
    finally:
        device.close()


def _edited(valid: Path, target: Path, member: str, line: int, edit: Callable) -> Path:
    members = _members(valid)
    lines = members[member].decode().splitlines()
    row = json.loads(lines[line - 1])
    edit(row)
    lines[line - 1] = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    members[member] = ("\n".join(lines) + "\n").encode()
    _write(target, members)
    return target


def _counts(store: Store) -> dict[str, int]:
    tables = ("residents", "sessions", "attendance", "progress", "tombstones", "removals")
    return {t: store.handle.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _refused(store: Store, path: Path, backups: Path) -> BundleError:
    before, counts = digest(store), _counts(store)
    with pytest.raises(BundleError) as refused:
        import_into(store, [path], backups_dir=backups)
    with pytest.raises(BundleError) as inspected:
        inspect_bundle(path, store=store)
    assert inspected.value.message("en") == refused.value.message("en")
    assert digest(store) == before  # byte for byte, after a checkpoint
    assert _counts(store) == counts
    assert not backups.exists() or not any(backups.iterdir())  # nothing was merged
    return refused.value


def test_a_row_stamped_in_2999_is_refused_by_device_and_date(valid, here, backups, tmp_path):
    def far_future(row: dict) -> None:
        row["updated_at"] = "2999-01-01T00:00:00.000000Z"

    path = _edited(valid, tmp_path / "tampered.dxhelper", "residents.jsonl", 1, far_future)
    error = _refused(here, path, backups)
    ja, en = error.message("ja"), error.message("en")
    assert (error.member, error.line) == ("residents.jsonl", 1)
    for message in (ja, en):
        assert "端末 aoki" in message and "2999-01-01" in message and "updated_at" in message
        assert "\n" not in message
    assert "24時間以上先" in ja and "何も取り込んでいません" in ja
    assert "more than 24 hours after this device's clock" in en and "Nothing was imported" in en


def test_a_consent_date_in_2999_is_refused(valid, here, backups, tmp_path):
    def consent_later(row: dict) -> None:
        row["consent_date"] = "2999-01-01"

    path = _edited(valid, tmp_path / "consent.dxhelper", "residents.jsonl", 2, consent_later)
    error = _refused(here, path, backups)
    assert (error.member, error.line) == ("residents.jsonl", 2)
    assert "2999-01-01" in error.message("ja") and "未来の日付" in error.message("ja")
    assert "consent date" in error.message("en") and "端末 aoki" in error.message("en")


@pytest.mark.parametrize(
    ("member", "column", "value", "words"),
    [
        ("residents.jsonl", "consent_date", "1999-12-31", "before 2000"),
        ("sessions.jsonl", "date", "2999-05-01", "years ahead"),
        ("progress.jsonl", "at", "2999-05-01T00:00:00.000000Z", "more than 24 hours"),
        ("attendance.jsonl", "created_at", "2026-12-01T00:00:00.000000Z", "more than 24 hours"),
        ("attendance.jsonl", "created_at", "2026-05-31T00:00:00.000000Z", "updated (2026-05-01"),
    ],
)
def test_every_stamp_and_typed_date_is_checked(
    valid, here, backups, tmp_path, member, column, value, words
):
    def edit(row: dict) -> None:
        row[column] = value

    path = _edited(valid, tmp_path / "odd.dxhelper", member, 1, edit)
    error = _refused(here, path, backups)
    assert error.member == member and words in error.message("en")


def test_a_bundle_written_days_ahead_is_refused_at_its_manifest(here, backups, tmp_path):
    ahead = make_device(tmp_path, "late", NOW + dt.timedelta(days=3))
    try:
        session = ahead.recent_sessions(1)[0]
        ahead.discard_session(session.id)
        path = export_bundle(ahead, tmp_path / "late.dxhelper").path
    finally:
        ahead.close()
    error = _refused(here, path, backups)
    assert error.member == "manifest.json" and "端末 late" in error.message("en")


def test_a_clock_23_hours_ahead_is_accepted(here, backups, tmp_path):
    # Its stamps run from 23 h minus a minute ahead to a few seconds later: all within a day.
    ahead = make_device(tmp_path, "ahead", NOW + dt.timedelta(hours=23, minutes=-1))
    try:
        path = export_bundle(ahead, tmp_path / "ahead.dxhelper").path
    finally:
        ahead.close()
    result = import_into(here, [path], backups_dir=backups)
    assert result.per_table["residents"].added == 2
    assert result.per_table["sessions"].added == 1


def test_a_clock_25_hours_ahead_is_refused(here, backups, tmp_path):
    ahead = make_device(tmp_path, "ahead", NOW + dt.timedelta(hours=25))
    try:
        path = export_bundle(ahead, tmp_path / "ahead.dxhelper").path
    finally:
        ahead.close()
    error = _refused(here, path, backups)
    assert "端末 ahead" in error.message("ja") and "2026-06-02" in error.message("ja")
