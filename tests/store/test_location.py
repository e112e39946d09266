"""The data folder's location: cloud-synced folders and network drives get a clear warning."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from dxhelper.store.location import is_network_path, location_warning, synced_service

MOUNTS = """\
/dev/vda / ext4 rw 0 0
server:/export /mnt/share nfs4 rw 0 0
//nas/records /media/records\\040office cifs rw 0 0
"""


def test_synced_folders_are_named_by_their_service():
    assert synced_service(PureWindowsPath(r"C:\\Users\\Aoki\\OneDrive\\dxhelper")) == "OneDrive"
    business = PureWindowsPath(r"C:\\Users\\Aoki\\OneDrive - みどり市\\dxhelper")
    assert synced_service(business) == "OneDrive"
    assert synced_service(Path("/home/aoki/Dropbox/dxhelper")) == "Dropbox"
    assert synced_service(PureWindowsPath(r"G:\\マイドライブ\\dxhelper")) == "Google Drive"
    assert synced_service(Path("/home/aoki/.local/share/dxhelper")) is None
    assert synced_service(Path("/home/aoki/boxes/dxhelper")) is None  # "boxes" is not Box


def test_network_paths_by_unc_and_by_mount_type():
    assert is_network_path(PureWindowsPath(r"\\nas\share\dxhelper"), MOUNTS)
    assert is_network_path(Path("/mnt/share/dxhelper"), MOUNTS)
    assert is_network_path(Path("/media/records office/dx"), MOUNTS)
    assert not is_network_path(Path("/home/aoki/dxhelper"), MOUNTS)
    assert not is_network_path(Path("/mnt/shared/dxhelper"), MOUNTS)  # a different folder


def test_the_warning_says_what_to_do_in_either_language(tmp_path):
    assert location_warning(tmp_path) == ""
    onedrive = tmp_path / "OneDrive" / "dxhelper"
    assert "OneDrive" in location_warning(onedrive, "ja") and "同期" in location_warning(onedrive)
    assert "network drive" in location_warning(Path("/mnt/share/x"), "en", MOUNTS)
