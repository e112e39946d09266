"""Practice data never reaches real records (issue 16 §6): a practice installation's bundle says
so in its manifest, and an import into real records refuses it before writing anything."""

from __future__ import annotations

import json
import zipfile

import pytest
from bundletools import dump, import_into

from dxhelper.exchange import BundleError, export_bundle
from dxhelper.exchange.bundle import MANIFEST, parse_bundle


@pytest.fixture
def practice_bundle(small_device, tmp_path):
    device = small_device("practice")
    device.update_installation(is_demo=True)
    path = export_bundle(device, tmp_path / "practice.dxhelper").path
    device.close()
    return path


def _manifest(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(MANIFEST))


def test_the_manifest_says_practice(practice_bundle, small_device, tmp_path):
    assert _manifest(practice_bundle)["demo"] is True
    assert parse_bundle(practice_bundle).manifest.demo is True
    real = small_device("real")
    path = export_bundle(real, tmp_path / "real.dxhelper").path
    real.close()
    # A real bundle has no key (as bundles before issue 16 §6): it reads as real.
    assert "demo" not in _manifest(path)
    assert parse_bundle(path).manifest.demo is False


def test_real_records_refuse_a_practice_bundle_and_write_nothing(
    practice_bundle, coordinator, backups
):
    before = dump(coordinator.path)
    with pytest.raises(BundleError) as caught:
        import_into(coordinator, [practice_bundle], backups_dir=backups)
    assert caught.value.file == "practice.dxhelper"
    assert "端末 practice" in caught.value.ja and "練習用データ" in caught.value.ja
    assert "practice data" in caught.value.en and "端末 practice" in caught.value.en
    assert dump(coordinator.path) == before
    assert not backups.exists() or not any(backups.iterdir())  # refused before the backup


def test_one_practice_bundle_among_real_ones_refuses_them_all(
    practice_bundle, small_device, coordinator, backups, tmp_path
):
    real = small_device("real")
    real_bundle = export_bundle(real, tmp_path / "real.dxhelper").path
    real.close()
    before = dump(coordinator.path)
    with pytest.raises(BundleError):
        import_into(coordinator, [real_bundle, practice_bundle], backups_dir=backups)
    assert dump(coordinator.path) == before


def test_practice_records_take_a_practice_bundle(practice_bundle, coordinator, backups):
    coordinator.update_installation(is_demo=True)
    result = import_into(coordinator, [practice_bundle], backups_dir=backups)
    assert result.per_table["residents"].added == 2


def test_allow_demo_lets_it_in_for_tests(practice_bundle, coordinator, backups):
    result = import_into(coordinator, [practice_bundle], backups_dir=backups, allow_demo=True)
    assert result.per_table["residents"].added == 2
    assert not coordinator.installation.is_demo  # importing does not make them practice


def test_a_manifest_demo_value_that_is_not_true_or_false_is_refused(practice_bundle, tmp_path):
    altered = tmp_path / "altered.dxhelper"
    with zipfile.ZipFile(practice_bundle) as src, zipfile.ZipFile(altered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == MANIFEST:
                manifest = json.loads(data)
                manifest["demo"] = "no"
                data = json.dumps(manifest).encode()
            dst.writestr(info, data)
    with pytest.raises(BundleError, match="demo"):
        parse_bundle(altered)
