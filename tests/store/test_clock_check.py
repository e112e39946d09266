"""Issue 16 §2: at start the app warns when the computer's clock is behind the newest record
written on it, or impossible; a clock a few minutes off, or rows from devices slightly ahead,
raise no warning."""

from __future__ import annotations

import datetime as dt

import pytest

from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store

WRITTEN = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
CONSENT = {"consent_date": dt.date(2026, 11, 1), "consent_version": "2026-1"}


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def records(tmp_path):
    clock = Clock(WRITTEN)
    paths = DataPaths(tmp_path / "data")
    library = Library.opened(paths, clock=clock)
    library.store.add_resident("山田 花子", kana="ヤマダ ハナコ", **CONSENT)
    library.store.add_venue("中央公民館")
    yield library, clock
    library.close()


def test_a_clock_behind_the_newest_own_record_is_warned_about_in_both_languages(records):
    library, clock = records
    clock.now = WRITTEN - dt.timedelta(days=3)
    ja, en = library.clock_warning("ja"), library.clock_warning("en")
    assert "時計" in ja and "2026-11-17" in ja and "2026-11-20" in ja
    assert "clock" in en and "earlier than records saved" in en


@pytest.mark.parametrize(
    "offset", [dt.timedelta(minutes=-5), dt.timedelta(0), dt.timedelta(days=40)]
)
def test_a_clock_at_or_after_the_records_or_a_few_minutes_off_is_fine(records, offset):
    library, clock = records
    clock.now = WRITTEN + offset
    assert library.clock_warning("ja") == ""


@pytest.mark.parametrize(
    "now", [dt.datetime(2001, 1, 1, tzinfo=dt.UTC), dt.datetime(2999, 1, 1, tzinfo=dt.UTC)]
)
def test_an_impossible_clock_is_warned_about_even_with_no_records(tmp_path, now):
    with Library.opened(DataPaths(tmp_path / "empty"), clock=Clock(now)) as library:
        assert "正しくありません" in library.clock_warning("ja")
        assert "cannot be right" in library.clock_warning("en")


def test_rows_from_another_device_ahead_of_this_clock_raise_no_warning(records, tmp_path):
    library, clock = records
    # A row merged from a device whose clock ran an hour ahead (within the import's slack).
    other = Store.open(tmp_path / "other.sqlite3", clock=Clock(WRITTEN + dt.timedelta(hours=5)))
    venue = other.add_venue("北公民館")
    other.close()
    conn = library.store.handle.conn
    conn.execute(
        "INSERT INTO venues (id, name, municipality, created_at, updated_at, origin)"
        " VALUES (?, '北公民館', '', ?, ?, ?)",
        [venue.id, "2026-11-20T14:00:00.000000Z", "2026-11-20T14:00:00.000000Z", "x" * 36],
    )
    clock.now = WRITTEN + dt.timedelta(hours=1)
    assert library.clock_warning("en") == ""
