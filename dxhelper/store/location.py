"""Is the data folder somewhere SQLite's WAL cannot be trusted? (network drives, cloud sync)

WAL needs shared memory between the processes using the file; network file systems do not
provide it, and cloud-sync clients copy the database and its -wal file separately, so a synced
copy can be torn. dxhelper still works there, but the volunteer is told plainly.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath

# Folder names the sync clients create (Windows, macOS and Linux spellings).
SYNCED_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "マイドライブ": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "box": "Box",
}
NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "afs",
    "9p",
    "fuse.sshfs",
    "sshfs",
    "davfs",
    "fuse.davfs2",
    "ncpfs",
}


def synced_service(path: PurePath) -> str | None:
    """The cloud-sync service whose folder holds `path`, if any (by the folder's name)."""
    for part in path.parts:
        name = part.lower()
        for prefix, service in SYNCED_FOLDERS.items():
            # "OneDrive - 市役所" is how OneDrive for Business names its folder.
            if name == prefix or name.startswith(prefix + " - "):
                return service
    return None


def is_network_path(path: PurePath, mounts: str | None = None) -> bool:
    """A UNC path (\\\\server\\share), or a Linux mount of a network file system."""
    text = str(path)
    if text.startswith(("\\\\", "//")) or PureWindowsPath(text).drive.startswith("\\\\"):
        return True
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point, fs_type = fields[1].replace("\\040", " "), fields[2]
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, fs_type
    return best_type in NETWORK_FILE_SYSTEMS


def location_warning(folder: Path, lang: str = "ja", mounts: str | None = None) -> str:
    """A warning to show when the data folder is on a network drive or in a synced folder."""
    folder = Path(os.path.abspath(folder))
    service = synced_service(folder)
    if service:
        if lang == "en":
            return (
                f"The data folder is inside {service} ({folder}). Cloud sync can copy the "
                "database half-written and lose records. Choose a folder on this computer "
                "that is not synced, and use the backups and bundles to move records."
            )
        return (
            f"データの保存先が {service} の中にあります（{folder}）。クラウド同期は書きかけの"
            "データベースを写して記録を失うことがあります。同期されないこのパソコンの"
            "フォルダーを選び、記録の移動にはバックアップと書き出しファイルを使ってください。"
        )
    if is_network_path(folder, mounts):
        if lang == "en":
            return (
                f"The data folder is on a network drive ({folder}). SQLite cannot keep the "
                "database safe there. Choose a folder on this computer."
            )
        return (
            f"データの保存先がネットワークドライブにあります（{folder}）。そこでは"
            "データベースを安全に保てません。このパソコンの中のフォルダーを選んでください。"
        )
    return ""
