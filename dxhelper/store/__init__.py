"""The only code that touches SQLite, behind one front door.

`Library(paths)` owns a data folder's records: the open `Store` (the records API the screens,
the command line and imports call), backups, restore, the start-up check and erasure from the
database and every backup. Code outside `dxhelper/store/` imports only the names below, never a
submodule, and never an underscored member. Inside: `store.py` (the Store), `handle.py` (the
connection the package's modules share), `connection.py` (opening files safely), `schema.py`
(migrations), `integrity.py` (a database's schema compared with what the migrations make),
`backups/` (taking, restoring, copies, erasure), `write_lock.py` (one writer at a time across
processes: the data folder's write lock), `merge.py` (bundle rows in and out),
`reporting.py` (the coordinators' counts), `startup.py`, `location.py`, `rotation.py`.
"""

from typing import TYPE_CHECKING

from dxhelper.core.models import CheckReport
from dxhelper.store.backups import BackupInfo, ErasureResult, ResidentErasure
from dxhelper.store.handle import new_id, stamp
from dxhelper.store.integrity import SchemaDifference, SchemaMismatchError
from dxhelper.store.lazy import lazy_exports
from dxhelper.store.library import Library
from dxhelper.store.location import location_warning
from dxhelper.store.schema import REMOVABLE, TOPICS, UNNAMED_COLUMNS
from dxhelper.store.startup import StartupCheck
from dxhelper.store.store import Store
from dxhelper.store.write_lock import WAITING_EN, WAITING_JA, WriterBusyError

if TYPE_CHECKING:
    from dxhelper.store.backups import RestoreResult
    from dxhelper.store.merge import (
        BUNDLE_COLUMNS,
        MERGE_ORDER,
        NATURAL_KEYS,
        MergeCounts,
        existing_ids,
        export_rows,
        last_export_to,
        merge_rows,
        record_export,
        tombstone_ids,
    )
    from dxhelper.store.reporting import (
        CATEGORY_ORDER,
        NEEDS_HELP_LIMIT,
        NO_LESSON,
        Query,
        ReportScope,
        activity_query,
        report_queries,
        report_scope,
        run_queries,
        venue_ids_named,
        venue_places,
        volunteer_ids_named,
        volunteer_people,
    )

# Bundles (merge), reports (reporting) and restoring are loaded when one of their names is
# first asked for: the window's start needs none of them (issue 19 §8).
_LAZY = {
    "RestoreResult": "dxhelper.store.backups",
    **dict.fromkeys(
        (
            "BUNDLE_COLUMNS",
            "MERGE_ORDER",
            "NATURAL_KEYS",
            "MergeCounts",
            "existing_ids",
            "export_rows",
            "last_export_to",
            "merge_rows",
            "record_export",
            "tombstone_ids",
        ),
        "dxhelper.store.merge",
    ),
    **dict.fromkeys(
        (
            "CATEGORY_ORDER",
            "NEEDS_HELP_LIMIT",
            "NO_LESSON",
            "Query",
            "ReportScope",
            "activity_query",
            "report_queries",
            "report_scope",
            "run_queries",
            "venue_ids_named",
            "venue_places",
            "volunteer_ids_named",
            "volunteer_people",
        ),
        "dxhelper.store.reporting",
    ),
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "BUNDLE_COLUMNS",
    "CATEGORY_ORDER",
    "MERGE_ORDER",
    "NATURAL_KEYS",
    "NEEDS_HELP_LIMIT",
    "NO_LESSON",
    "REMOVABLE",
    "TOPICS",
    "UNNAMED_COLUMNS",
    "WAITING_EN",
    "WAITING_JA",
    "BackupInfo",
    "CheckReport",
    "ErasureResult",
    "Library",
    "MergeCounts",
    "Query",
    "ReportScope",
    "ResidentErasure",
    "RestoreResult",
    "SchemaDifference",
    "SchemaMismatchError",
    "StartupCheck",
    "Store",
    "WriterBusyError",
    "activity_query",
    "existing_ids",
    "export_rows",
    "last_export_to",
    "location_warning",
    "merge_rows",
    "new_id",
    "record_export",
    "report_queries",
    "report_scope",
    "run_queries",
    "stamp",
    "tombstone_ids",
    "venue_ids_named",
    "venue_places",
    "volunteer_ids_named",
    "volunteer_people",
]
