"""Bundles: export this device's records, import and merge others' (no Qt).

A bundle (*.dxhelper) is a zip of manifest.json and one JSON-lines member per table,
tombstones included. Importing checks every file in full before writing anything, takes a
verified backup, and merges all files in one transaction with last-writer-wins per row.
"""

from dxhelper.exchange.bundle import FORMAT_VERSION, SUFFIX
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.export import ExportSummary, export_bundle
from dxhelper.exchange.merge import ImportResult, TableResult, import_bundles
from dxhelper.exchange.preview import BundlePreview, inspect_bundle

__all__ = [
    "FORMAT_VERSION",
    "SUFFIX",
    "BundleError",
    "BundlePreview",
    "ExportSummary",
    "ImportResult",
    "TableResult",
    "export_bundle",
    "import_bundles",
    "inspect_bundle",
]
