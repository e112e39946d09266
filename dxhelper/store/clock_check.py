"""Is this computer's clock plausible? (issue 16 §2)

Merges are last-writer-wins by the rows' stamps, so a clock set back (a laptop whose battery
went flat, a wrong time zone after a repair) makes today's corrections lose to yesterday's
records, and a clock years ahead freezes rows for ever. At start the app compares the clock
with the newest stamp this installation wrote itself (rows from other devices may honestly be
a little ahead) and with dates no real clock shows today.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from dxhelper.store.schema import SYNCED

# No dxhelper record was written before this, and none will be after the last year here:
# a clock outside them is simply wrong.
EARLIEST = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
# Behind its own newest record by more than this (a clock adjusted by a few minutes is fine).
SLACK = dt.timedelta(minutes=10)
# Only the newest rows of each table are read (by insertion order): start-up stays fast on a
# coordinator's 200,000 sessions, and a clock that went back shows in what was written last.
_RECENT = 500
_STAMPED = {"tombstones": "erased_at", "removals": "removed_at"}


@dataclass(frozen=True)
class ClockWarning:
    now: dt.datetime  # the computer's clock (UTC)
    newest: dt.datetime | None  # the newest stamp written here, when the clock is behind it

    def message(self, lang: str) -> str:
        now = _local(self.now)
        if self.newest is not None:
            newest = _local(self.newest)
            if lang == "en":
                return (
                    f"This computer's clock says {now}, earlier than records saved on it at "
                    f"{newest}. Please set the date and time correctly (Windows: Settings → "
                    "Time & language). Until then, changes made now may lose to older ones "
                    "when records are merged."
                )
            return (
                f"このパソコンの時計は {now} ですが、このパソコンでは {newest} に記録が"
                "保存されています。日付と時刻を正しく合わせてください（Windows の「設定」→"
                "「時刻と言語」）。合わせるまでは、今の変更が記録をまとめるときに古い記録に"
                "負けることがあります。"
            )
        if lang == "en":
            return (
                f"This computer's clock says {now}, which cannot be right. Please set the "
                "date and time correctly (Windows: Settings → Time & language) before "
                "recording: records carry the time they were made."
            )
        return (
            f"このパソコンの時計は {now} になっていて、正しくありません。記録には作った"
            "日時が残るので、記録する前に日付と時刻を正しく合わせてください（Windows の"
            "「設定」→「時刻と言語」）。"
        )


def _local(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _parse(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def newest_own_stamp(conn: sqlite3.Connection, installation_id: str) -> dt.datetime | None:
    """The newest stamp among the rows this installation wrote last (see _RECENT)."""
    newest: dt.datetime | None = None
    for table in SYNCED:
        column = _STAMPED.get(table, "updated_at")
        row = conn.execute(
            f"SELECT max({column}) FROM (SELECT {column}, origin FROM {table}"
            f" ORDER BY rowid DESC LIMIT {_RECENT}) WHERE origin = ?",
            [installation_id],
        ).fetchone()
        moment = _parse(row[0] if row else None)
        if moment is not None and (newest is None or moment > newest):
            newest = moment
    return newest


def clock_warning(
    conn: sqlite3.Connection, installation_id: str, now: dt.datetime
) -> ClockWarning | None:
    """A warning when `now` is impossible or behind this installation's newest record."""
    if not EARLIEST <= now < LATEST:
        return ClockWarning(now, None)
    newest = newest_own_stamp(conn, installation_id)
    if newest is not None and now < newest - SLACK:
        return ClockWarning(now, newest)
    return None
