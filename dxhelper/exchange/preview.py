"""What a bundle holds, checked in full, before the user agrees to import it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dxhelper.exchange.bundle import ParsedBundle
from dxhelper.exchange.clocks import check_clocks
from dxhelper.exchange.envelope import Sender
from dxhelper.exchange.references import check_references
from dxhelper.exchange.sealing import Unsealing, read_bundle
from dxhelper.exchange.texts import local_time, names
from dxhelper.store import BUNDLE_COLUMNS, Store, existing_ids

_DATE_AT = BUNDLE_COLUMNS["sessions"].index("date")
_VENUE_NAME_AT = BUNDLE_COLUMNS["venues"].index("name")
_VOLUNTEER_NAME_AT = BUNDLE_COLUMNS["volunteers"].index("display_name")


@dataclass(frozen=True)
class BundlePreview:
    path: Path
    installation_id: str
    installation_name: str
    app_version: str
    created_at: str
    counts: dict[str, int]
    first_date: dt.date | None  # earliest session date in the bundle
    last_date: dt.date | None
    venues: tuple[str, ...]  # venue names
    volunteers: tuple[str, ...]  # volunteer names
    # Rows per table this database does not have yet; None when inspected without a database.
    new_counts: dict[str, int] | None = None
    since: str | None = None  # a partial bundle: only changes since this UTC stamp
    sender: Sender | None = None  # who signed it (None: a plain zip, developer option)
    sender_known: bool = False  # that device is trusted with this key already

    def describe(self, lang: str) -> str:
        """One line: "青木 at 中央公民館: adds 42 sessions, 2026-04…2026-09 (from 端末A)"."""
        who = names(self.volunteers, lang, unit_ja="人")
        where = names(self.venues, lang, unit_ja="か所")
        sessions = self.counts.get("sessions", 0)
        erasures = self.counts.get("tombstones", 0)
        adds = self.new_counts.get("sessions", 0) if self.new_counts is not None else None
        period = (
            f"{self.first_date:%Y-%m}…{self.last_date:%Y-%m}"
            if self.first_date and self.last_date
            else ""
        )
        source = self.installation_name
        if lang == "en":
            text = f"{who} at {where}" if who and where else who or source
            if adds is not None:
                text += f": adds {adds} session{'s' * (adds != 1)} (of {sessions})"
            else:
                text += f": {sessions} session{'s' * (sessions != 1)}"
            text += f", {period}" if period else ""
            if erasures:
                text += f", erases {erasures} resident{'s' * (erasures != 1)}"
            if self.since:
                text += f", changes since {local_time(self.since)}"
            return text + (f" (from {source})" if who else "")
        text = f"{who}（{where}）" if who and where else who or source
        if adds is not None:
            text += f": セッション{adds}件を追加（全{sessions}件）"
        else:
            text += f": セッション{sessions}件"
        text += f"、{period.replace('…', '〜')}" if period else ""
        if erasures:
            text += f"、住民{erasures}人を消去"
        if self.since:
            text += f"、{local_time(self.since)} 以降の変更"
        return text + (f"（{source}から）" if who else "")


def preview_of(bundle: ParsedBundle, store: Store | None = None) -> BundlePreview:
    manifest = bundle.manifest
    dates = sorted({row[_DATE_AT] for row in bundle.rows["sessions"]})
    new_counts = None
    if store is not None:
        new_counts = {
            table: len(rows) - len(existing_ids(store, table, [row[0] for row in rows]))
            for table, rows in bundle.rows.items()
        }
    return BundlePreview(
        path=bundle.path,
        installation_id=manifest.installation_id,
        installation_name=manifest.installation_name,
        app_version=manifest.app_version,
        created_at=manifest.created_at,
        counts={table: len(rows) for table, rows in bundle.rows.items()},
        first_date=dt.date.fromisoformat(dates[0]) if dates else None,
        last_date=dt.date.fromisoformat(dates[-1]) if dates else None,
        venues=tuple(sorted(row[_VENUE_NAME_AT] for row in bundle.rows["venues"])),
        volunteers=tuple(sorted(row[_VOLUNTEER_NAME_AT] for row in bundle.rows["volunteers"])),
        new_counts=new_counts,
        since=manifest.since,
    )


def inspect_bundle(
    path: Path, *, store: Store | None = None, unsealing: Unsealing | None = None
) -> BundlePreview:
    """Check a bundle completely, writing nothing, and say what it holds; raises BundleError.

    Without `store`, every reference must resolve inside the bundle (bundles dxhelper writes
    always do). With it, references may also resolve in that database, and `new_counts` says
    how many rows of each table it would add, and its stamps are checked against that database's
    clock as an import checks them. A sealed file is opened with `unsealing` (its keyring,
    passphrase) and its sender checked against the trusted devices, as an import does.
    """
    opened = read_bundle(path, unsealing or Unsealing())
    bundle = opened.bundle
    if store is not None:
        check_clocks([bundle], store.now())
    check_references([bundle], store)
    preview = preview_of(bundle, store)
    return dataclasses.replace(preview, sender=opened.sender, sender_known=opened.known)
