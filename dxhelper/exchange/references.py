"""Every reference in a batch of bundles must resolve: within the batch, or in the database."""

from __future__ import annotations

from collections.abc import Sequence

from dxhelper.exchange.bundle import ParsedBundle
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.validate import REFERENCES
from dxhelper.store import BUNDLE_COLUMNS, Store, existing_ids, tombstone_ids

_KIND = {
    "venues": ("会場", "venue"),
    "volunteers": ("推進委員", "volunteer"),
    "residents": ("住民", "resident"),
    "sessions": ("セッション", "session"),
    "series": ("教室のシリーズ", "class series"),
    "plans": ("予定のセッション", "planned session"),
}


def check_references(bundles: Sequence[ParsedBundle], store: Store | None = None) -> None:
    """Raise BundleError at the first row whose reference resolves nowhere.

    A row may point at a resident who has been erased (a tombstone in the batch or the
    database): that is not an error, the merge skips the row.
    """
    known: dict[str, set[str]] = {table: set() for table in BUNDLE_COLUMNS}
    for bundle in bundles:
        for table, rows in bundle.rows.items():
            known[table].update(row[0] for row in rows)
    known["residents"] |= known["tombstones"]
    if store is not None:
        known["residents"] |= tombstone_ids(store)

    for table, refs in REFERENCES.items():
        columns = BUNDLE_COLUMNS[table]
        for column, parent in refs:
            at = columns.index(column)
            missing = {
                row[at]
                for bundle in bundles
                for row in bundle.rows[table]
                if row[at] is not None and row[at] not in known[parent]  # null: checked per row
            }
            if missing and store is not None:
                found = existing_ids(store, parent, missing)
                known[parent] |= found
                missing -= found
            if missing:
                _raise_first(bundles, table, at, column, parent, missing)


def _raise_first(
    bundles: Sequence[ParsedBundle],
    table: str,
    at: int,
    column: str,
    parent: str,
    missing: set[str],
) -> None:
    kind_ja, kind_en = _KIND[parent]
    for bundle in bundles:
        for row, line in zip(bundle.rows[table], bundle.lines[table], strict=True):
            if row[at] in missing:
                raise BundleError(
                    f"{column} が指す{kind_ja}（ID {row[at]}）が、このファイルにも"
                    "データベースにもありません。",
                    f"{column} refers to a {kind_en} (id {row[at]}) that is neither in the "
                    "bundle nor in this database.",
                    file=bundle.path,
                    member=f"{table}.jsonl",
                    line=line,
                )
