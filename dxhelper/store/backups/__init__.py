"""Backups of the records, inside the store package: taking and thinning (`taking`), listing
and checking files (`files`), vetting a file to restore (`vetting`), restoring (`restoring`),
saving a copy (`copies`) and erasing a resident from every backup (`erasure`).

Code outside `dxhelper/store/` reaches all of this through `dxhelper.store.Library`.
"""

from typing import TYPE_CHECKING

from dxhelper.store.backups.erasure import (
    ErasureResult,
    ResidentErasure,
    erase_from_backups,
    erase_resident,
)
from dxhelper.store.backups.files import (
    REASONS,
    BackupInfo,
    list_backups,
    newest_backup_time,
    verify_backup,
)
from dxhelper.store.backups.taking import (
    backup_before_migration,
    backup_database,
    backup_due,
    take_backup,
)
from dxhelper.store.lazy import lazy_exports

if TYPE_CHECKING:
    from dxhelper.store.backups.copies import save_copy
    from dxhelper.store.backups.restoring import RestoreResult, restore, restore_backup
    from dxhelper.store.backups.vetting import check_backup_file

# Saving a copy, restoring and vetting a file to restore are loaded when first asked for:
# opening the records needs none of them (issue 19 §8).
_LAZY = {
    "save_copy": "dxhelper.store.backups.copies",
    "RestoreResult": "dxhelper.store.backups.restoring",
    "restore": "dxhelper.store.backups.restoring",
    "restore_backup": "dxhelper.store.backups.restoring",
    "check_backup_file": "dxhelper.store.backups.vetting",
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "REASONS",
    "BackupInfo",
    "ErasureResult",
    "ResidentErasure",
    "RestoreResult",
    "backup_before_migration",
    "backup_database",
    "backup_due",
    "check_backup_file",
    "erase_from_backups",
    "erase_resident",
    "list_backups",
    "newest_backup_time",
    "restore",
    "restore_backup",
    "save_copy",
    "take_backup",
    "verify_backup",
]
