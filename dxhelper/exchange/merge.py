"""Import bundles: check every file, back up, then merge them all in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dxhelper.exchange.bundle import TABLES, ParsedBundle
from dxhelper.exchange.clocks import check_clocks
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.keys import Keyring, UntrustedDevices
from dxhelper.exchange.references import check_references
from dxhelper.exchange.sealing import Unsealing, read_bundle, untrusted
from dxhelper.exchange.texts import table_label
from dxhelper.store import Library, merge_rows

Progress = Callable[[int, int], None]  # (steps done, steps in all)
WAITS_JA = (
    "消去の知らせがありました。別のプログラムがデータベースを読んでいるため、ファイルからの"
    "完全な消去は次に dxhelper を開いたときに終わります。"
)
WAITS_EN = (
    "Erasures arrived. Another program is reading the database, so they will be wiped from "
    "the file the next time dxhelper opens it."
)


@dataclass(frozen=True)
class TableResult:
    added: int
    updated: int
    erased: int
    skipped: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.erased)


@dataclass(frozen=True)
class ImportResult:
    per_table: dict[str, TableResult]
    backup: Path | None
    files: tuple[Path, ...] = field(default=())
    # Another program was reading the database: an erasure reaches the file at the next open.
    erasure_waits: bool = False

    @property
    def changed(self) -> bool:
        return any(result.changed for result in self.per_table.values())

    def describe(self, lang: str) -> str:
        """A heading, then one line per table: added, updated, erased, skipped."""
        width = max((len(table_label(t, lang)) for t in self.per_table), default=0)
        lines = []
        if lang == "en":
            lines.append(
                f"Imported {len(self.files)} file{'s' * (len(self.files) != 1)}."
                if self.changed
                else "Nothing changed: these files hold nothing newer than this database."
            )
            if self.backup:
                lines.append(f"Backup taken before the import: {self.backup}")
            for table, r in self.per_table.items():
                lines.append(
                    f"  {table_label(table, lang):<{width}}  {r.added} added, {r.updated} "
                    f"updated, {r.erased} erased, {r.skipped} skipped"
                )
            if self.erasure_waits:
                lines.append(WAITS_EN)
            return "\n".join(lines)
        lines.append(
            f"{len(self.files)}個のファイルを取り込みました。"
            if self.changed
            else "変更はありません（このデータベースより新しい記録はありませんでした）。"
        )
        if self.backup:
            lines.append(f"取り込み前のバックアップ: {self.backup}")
        for table, r in self.per_table.items():
            label = table_label(table, lang)
            pad = "　" * (width - len(label))  # full-width spaces keep Japanese labels aligned
            lines.append(
                f"  {label}{pad}  追加 {r.added}、更新 {r.updated}、消去 {r.erased}、"
                f"スキップ {r.skipped}"
            )
        if self.erasure_waits:
            lines.append(WAITS_JA)
        return "\n".join(lines)


def import_bundles(
    library: Library,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    allow_demo: bool = False,
    unsealing: Unsealing | None = None,
) -> ImportResult:
    """Import bundles into the library's records: all of them, or (on any problem) none.

    Files are sealed (issue 16 §9): opened with this data folder's coordinator key or the
    passphrase of `unsealing`, their signatures verified, and their senders checked against
    the trusted devices. A device trusted with another key is refused; a new one raises
    UntrustedDevices unless `unsealing.trust` covers it, and is trusted from then on. Plain
    zips only with `unsealing.allow_plain` (or DXHELPER_ALLOW_PLAIN=1).

    A bundle made from practice (demo) records is refused by real records (issue 16 §6), and
    accepted by practice records; `allow_demo` lets it in anyway (for tests).

    Every file is checked in full first (its stamps and dates against this device's clock
    too: one stamped more than a day ahead refuses the import), and references are resolved
    across the files and the database; a BundleError names the first problem and nothing has
    been written. Then a verified backup is taken and everything is merged in one transaction.
    Importing the same files again changes nothing.
    """
    files = tuple(Path(p) for p in paths)
    if not files:
        raise BundleError(
            "取り込むファイルが指定されていません。", "No bundle files were given to import."
        )
    steps = len(files) + 2

    def step(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    if unsealing is None:
        unsealing = Unsealing(Keyring(library.paths))
    opened = []
    for done, path in enumerate(files, start=1):
        opened.append(read_bundle(path, unsealing))
        step(done)
    new_senders = untrusted(opened, unsealing)
    if new_senders:
        raise UntrustedDevices(new_senders)
    bundles = [item.bundle for item in opened]
    store = library.store
    if not allow_demo and not store.installation.is_demo:
        _refuse_practice(bundles)
    check_clocks(bundles, store.now())
    check_references(bundles, store)
    # Verified and thinned like every automatic backup; when nothing changed since the newest
    # one, that one already is the copy to go back to.
    taken = library.backup("import")
    backup = taken.path if taken is not None else library.list_backups()[0].path
    step(len(files) + 1)
    tables = {table: [row for b in bundles for row in b.rows[table]] for table in TABLES}
    # Erasures that arrive reach every copy (issue 16 §4): the residents they erase here are
    # put on the erasure journal first; after the merge the WAL goes into the file and they
    # are erased from every backup (the one just taken too), or at the next open if cut off.
    erasing = library.erasing([row[0] for row in tables["tombstones"] if row[1] == "residents"])
    counts = merge_rows(store, tables)
    finished = erasing.finish()
    if unsealing.keyring is not None:  # trusted from now on, with these keys
        unsealing.keyring.pin(item.sender for item in opened if item.sender and not item.known)
    step(steps)
    per_table = {
        table: TableResult(c.added, c.updated, c.erased, c.skipped)
        for table in TABLES
        if (c := counts.get(table)) is not None
    }
    return ImportResult(per_table, backup, files, erasure_waits=not finished)


def _refuse_practice(bundles: Sequence[ParsedBundle]) -> None:
    """Made-up sessions must never reach a coordinator's figures: refused before any write."""
    for bundle in bundles:
        if bundle.manifest.demo:
            device = bundle.manifest.installation_name
            raise BundleError(
                f"練習用データ（架空の記録）のファイルです（端末「{device}」）。実際の記録には"
                "取り込みません。送った人に、実際の記録に切り替えてから書き出し直すよう"
                "伝えてください。",
                f"this bundle holds practice data (made-up records) from the device "
                f"'{device}'. It is not imported into real records. Ask the sender to switch "
                "to their real records and export again.",
                file=bundle.path,
            )
