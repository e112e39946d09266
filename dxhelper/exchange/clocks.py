"""A bundle's dates and stamps against this device's clock, before anything is written.

Last-writer-wins trusts `updated_at`: one row stamped in 2999 (a laptop whose clock is wrong,
or a file altered by hand) would win every later merge and freeze the record for ever. So a
stamp more than a day after this device's clock (the Store's clock, which tests fix) refuses
the whole import, and the dates a volunteer types are held to the rules the Store holds them
to: a consent date is not in the future (as `Store.add_resident` checks it, on the local
calendar) and none is before MIN_DATE; a session date is not before MIN_DATE nor more than
SESSION_DAYS_AHEAD ahead; a row is not updated before it was created (issue 16 §2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dxhelper.exchange.bundle import ParsedBundle
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.texts import local_time
from dxhelper.store import BUNDLE_COLUMNS, stamp

# How far ahead of this device's clock a stamp may be: clocks drift and time zones are set
# wrong, but a day is beyond any honest mistake that matters to last-writer-wins.
CLOCK_SLACK = dt.timedelta(hours=24)
# Nothing dxhelper records happened before this: the app, and the digital promotion volunteers,
# are far younger. An earlier date is a wrong clock or a typing slip, never a record.
MIN_DATE = dt.date(2000, 1, 1)
MIN_STAMP = stamp(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
# Sessions may be planned ahead (series, sign-ups), but not by more than two years.
SESSION_DAYS_AHEAD = 731

# Every UTC stamp a bundle row carries, per table.
STAMP_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(
        c for c in columns if c in ("created_at", "updated_at", "at", "erased_at", "removed_at")
    )
    for table, columns in BUNDLE_COLUMNS.items()
}
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "residents": ("consent_date",),
    "sessions": ("date",),
}


def check_clocks(bundles: Sequence[ParsedBundle], now: dt.datetime) -> None:
    """Raise BundleError at the first stamp or date no honest clock could have written.

    `now` is this device's clock (`store.now()`, UTC). The error names the file, member and
    line, the device that made the bundle (and the one that recorded the row, when the row
    was relayed from another device), and the date.
    """
    latest = stamp(now + CLOCK_SLACK)
    today = now.astimezone().date()  # the Store checks a consent date on the local calendar
    consent_latest = (now + CLOCK_SLACK).astimezone().date()
    session_latest = today + dt.timedelta(days=SESSION_DAYS_AHEAD)
    for bundle in bundles:
        manifest = bundle.manifest
        device = _Device(bundle, now)
        if manifest.created_at > latest:
            raise device.ahead("created_at", manifest.created_at, "manifest.json", None, None)
        for table, rows in bundle.rows.items():
            columns = BUNDLE_COLUMNS[table]
            stamps = [(c, columns.index(c)) for c in STAMP_COLUMNS[table]]
            dates = [(c, columns.index(c)) for c in DATE_COLUMNS.get(table, ())]
            origin_at = columns.index("origin")
            created_at = columns.index("created_at") if "created_at" in columns else None
            updated_at = columns.index("updated_at") if "updated_at" in columns else None
            member = f"{table}.jsonl"
            for row, line in zip(rows, bundle.lines[table], strict=True):
                origin = row[origin_at]
                for column, at in stamps:
                    value = row[at]
                    if value > latest:
                        raise device.ahead(column, value, member, line, origin)
                    if value < MIN_STAMP:
                        raise device.too_early(column, value[:10], member, line, origin)
                for column, at in dates:
                    value = row[at]
                    if value < MIN_DATE.isoformat():
                        raise device.too_early(column, value, member, line, origin)
                    if column == "consent_date" and value > consent_latest.isoformat():
                        raise device.future_consent(value, member, line, origin)
                    if column == "date" and value > session_latest.isoformat():
                        raise device.far_session(value, member, line, origin)
                if (
                    created_at is not None
                    and updated_at is not None
                    and row[created_at] > row[updated_at]
                ):
                    raise device.updated_before_created(
                        row[created_at], row[updated_at], member, line, origin
                    )


def _when(value: str) -> str:
    """A stamp as local time, or as UTC when the local time would leave the calendar."""
    try:
        return local_time(value)
    except (OverflowError, ValueError):
        return f"{value[:10]} {value[11:16]} UTC"


class _Device:
    """Messages that name the device a bundle came from."""

    def __init__(self, bundle: ParsedBundle, now: dt.datetime) -> None:
        self.bundle = bundle
        self.name = bundle.manifest.installation_name
        self.id = bundle.manifest.installation_id
        self.now = local_time(stamp(now))

    def _error(self, ja: str, en: str, member: str, line: int | None) -> BundleError:
        return BundleError(ja, en, file=self.bundle.path, member=member, line=line)

    def _who(self, origin: str | None) -> tuple[str, str]:
        if origin is None or origin == self.id:
            return f"端末「{self.name}」", f"the device '{self.name}'"
        return (
            f"端末「{self.name}」が取り込んだ記録（記録した端末のID {origin}）",
            f"a record the device '{self.name}' relayed (recorded on the device {origin})",
        )

    def ahead(
        self, column: str, value: str, member: str, line: int | None, origin: str | None
    ) -> BundleError:
        who_ja, who_en = self._who(origin)
        when = _when(value)
        return self._error(
            f"{who_ja}の {column} が {when} になっていて、この端末の時計（{self.now}）より"
            "24時間以上先です。その端末の時計が狂っているか、ファイルが書き換えられています。"
            "時計を直して書き出し直してもらってください。何も取り込んでいません。",
            f"{who_en} stamped {column} {when}, more than 24 hours after this device's clock "
            f"({self.now}): that device's clock is wrong, or the file was altered. Ask for the "
            "clock to be set right and the bundle exported again. Nothing was imported.",
            member,
            line,
        )

    def too_early(
        self, column: str, value: str, member: str, line: int | None, origin: str | None
    ) -> BundleError:
        who_ja, who_en = self._who(origin)
        return self._error(
            f"{who_ja}の {column} が {value} で、{MIN_DATE.year}年より前です。その端末の"
            "時計が狂っているか、ファイルが書き換えられています。何も取り込んでいません。",
            f"{who_en} recorded {column} as {value}, before {MIN_DATE.year}: that device's "
            "clock is wrong, or the file was altered. Nothing was imported.",
            member,
            line,
        )

    def future_consent(
        self, value: str, member: str, line: int | None, origin: str | None
    ) -> BundleError:
        who_ja, who_en = self._who(origin)
        return self._error(
            f"{who_ja}の同意日（consent_date）が {value} で、未来の日付です（この端末の時計:"
            f" {self.now}）。入力では受け付けない日付です。何も取り込んでいません。",
            f"{who_en} recorded a consent date (consent_date) of {value}, in the future (this "
            f"device's clock: {self.now}); typed in, it would be refused. Nothing was imported.",
            member,
            line,
        )

    def far_session(
        self, value: str, member: str, line: int | None, origin: str | None
    ) -> BundleError:
        who_ja, who_en = self._who(origin)
        years = SESSION_DAYS_AHEAD // 365
        return self._error(
            f"{who_ja}のセッションの日付（date）が {value} で、{years}年以上先です（この端末の"
            f"時計: {self.now}）。何も取り込んでいません。",
            f"{who_en} dated a session {value}, more than {years} years ahead (this device's "
            f"clock: {self.now}). Nothing was imported.",
            member,
            line,
        )

    def updated_before_created(
        self, created: str, updated: str, member: str, line: int | None, origin: str | None
    ) -> BundleError:
        who_ja, who_en = self._who(origin)
        return self._error(
            f"{who_ja}の記録の更新日時（updated_at {_when(updated)}）が作成日時"
            f"（created_at {_when(created)}）より前です。ファイルが書き換えられています。"
            "何も取り込んでいません。",
            f"{who_en} has a record updated ({_when(updated)}) before it was created "
            f"({_when(created)}): the file was altered. Nothing was imported.",
            member,
            line,
        )
