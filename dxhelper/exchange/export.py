"""Export this device's records as a bundle, whole or only what changed since the last one."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from dxhelper import __version__
from dxhelper.core.errors import ValidationError
from dxhelper.core.fields import max_length
from dxhelper.core.files import check_target, shown, write_atomically
from dxhelper.core.privacy import check_free_text
from dxhelper.core.text import require_text
from dxhelper.exchange.bundle import write_bundle
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.sealing import Sealing, plain_allowed
from dxhelper.exchange.texts import local_time, table_label
from dxhelper.store import Store, export_rows, last_export_to, new_id, record_export


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    counts: dict[str, int]  # rows per table, tombstones included
    since: str | None = None  # UTC stamp: only rows changed since then (None: everything)
    recipient: str | None = None
    sealed_to: str | None = None  # the coordinator key's name and fingerprint, or None

    def describe(self, lang: str) -> str:
        parts = [
            f"{table_label(t, lang)} {n}" if lang != "en" else f"{n} {table_label(t, lang)}"
            for t, n in self.counts.items()
            if n
        ]
        if lang == "en":
            head = f"Exported to {self.path}"
            body = ", ".join(parts) or "no records"
            tail = f" (only changes since {local_time(self.since)})" if self.since else ""
            return f"{head}: {body}{tail}." + (
                f"\nSealed to the coordinator key {self.sealed_to}." if self.sealed_to else ""
            )
        head = f"書き出しました: {self.path}"
        body = "、".join(parts) or "記録なし"
        tail = f"（{local_time(self.since)} 以降の変更のみ）" if self.since else ""
        sealed = (
            f"\nコーディネーターの鍵 {self.sealed_to} あてに封印しました。"
            if self.sealed_to
            else ""
        )
        return f"{head}\n{body}{tail}{sealed}"


def _recipient(name: str) -> str:
    try:
        cleaned = require_text("recipient", name, max_len=max_length("recipient"))
        check_free_text("recipient", cleaned)
    except ValidationError as exc:
        raise BundleError(f"送り先の名前: {exc.ja}", f"Recipient's name: {exc.en}") from None
    return cleaned


def _unwritable(target: Path, exc: OSError) -> BundleError:
    why = exc.strerror or str(exc)
    return BundleError(
        f"書き出せません（{shown(target)}）：保存先のフォルダーがあるか、書き込めるかを"
        f"確かめてください。（{why}）何も書き出していません。",
        f"Cannot export to {shown(target)}: check that the folder exists and is writable. "
        f"({why}) Nothing was written.",
    )


def export_bundle(
    store: Store,
    path: Path,
    *,
    since_last_to: str | None = None,
    sealing: Sealing | None = None,
    plain: bool = False,
    phones: bool = False,
) -> ExportSummary:
    """Write this device's records to `path` (conventionally *.dxhelper), sealed (issue 16
    §9): encrypted to the coordinator key in use or the passphrase of `sealing` and signed by
    this device. A plain zip only with the developer option (`plain`, DXHELPER_ALLOW_PLAIN=1)
    and no `sealing`.

    With `since_last_to`, only the rows written here since the last export to that coordinator
    (names compared as search keys: width and kana script do not matter), by this device's
    change sequence, so rows imported from others are relayed however old their stamps, plus
    the rows they refer to so the bundle stands on its own; the first export to a name is
    whole. Every export is remembered, so the next one can start where this one ended.
    """
    # A name that cannot be written or kept in the export log is refused before anything is
    # read or written (issue 16 §8), so a refused export leaves no file and no log entry.
    path = check_target(path, _unwritable)
    check_free_text("file_name", path.name)  # the name is kept in the export log
    coordinator = None
    if sealing is not None:
        coordinator = sealing.ready()  # no key, no passphrase: refused before anything is read
    elif not plain_allowed(plain):
        raise BundleError(
            "書き出すファイルを守る鍵かパスフレーズを指定してください。",
            "Give a coordinator key or a passphrase to seal the bundle with.",
        )
    recipient = _recipient(since_last_to) if since_last_to is not None else ""
    last = last_export_to(store, recipient) if recipient else None
    # By the local change sequence, never the rows' stamps (issue 16 §3): rows imported from
    # others since the last export carry older stamps and must still be relayed. An export
    # logged before the sequence existed has none: this one is then whole.
    if last is not None and last.through_seq is None:
        last = None
    since = last.exported_at if last is not None else None
    # Residents' phone numbers only when the coordinator's setting says so (`phones`).
    exported_at, tables, through_seq = export_rows(
        store, last.through_seq if last is not None else None, phones=phones
    )
    # A sealed bundle's zip is built in memory: the readable names never touch the disk.
    buffer = io.BytesIO() if sealing is not None else None
    counts = write_bundle(
        buffer or path,
        installation_id=store.installation.id,
        installation_name=store.installation.name,
        app_version=__version__,
        created_at=exported_at,
        since=since,
        tables=tables,
        demo=store.installation.is_demo,  # an import of real records refuses it (issue 16 §6)
    )
    if sealing is not None and buffer is not None:
        installation = store.installation
        sealed = sealing.seal(buffer.getvalue(), installation.id, installation.name)
        write_atomically(sealed, path, _unwritable)
    # A read-only data folder (issue 19 §2) cannot keep the export log: the bundle is whole
    # (the CLI refuses --since-last-to there), only its line in the log is missing.
    if not store.read_only:
        record_export(
            store,
            export_id=new_id(),
            recipient=recipient,
            since=since,
            exported_at=exported_at,
            file_name=path.name,
            row_count=sum(counts.values()),
            through_seq=through_seq,
        )
    sealed_to = f"{coordinator.name} ({coordinator.fingerprint})" if coordinator else None
    return ExportSummary(path, counts, since, recipient or None, sealed_to)
