"""`dxhelper keys`, and sealed `export` / `import` through the real executable (issue 16 §9)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

from test_cli import run

from dxhelper.store import Store

SEALED_ONLY = {"DXHELPER_ALLOW_PLAIN": "0"}  # the suite's developer option is off here
FINGERPRINT = re.compile(r"[0-9A-F]{4}(?:-[0-9A-F]{4}){7}")


def _volunteer(home: Path, name: str) -> None:
    home.mkdir(parents=True)
    with Store.open(home / "dxhelper.sqlite3") as store:
        store.update_installation(name=name)
        store.add_venue("中央公民館", "みどり市")
        store.add_volunteer("推進委員 青木")
        store.add_resident(
            "山田 花子",
            kana="ヤマダ ハナコ",
            age_band="70s",
            consent_date=dt.date(2026, 4, 1),
            consent_version="2026-1",
        )


def _sha(path: Path) -> str:
    with Store.open(path) as store:
        store.checkpoint()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str, home: Path):
    return run(*args, home=home, lang="en", **SEALED_ONLY)


def test_a_coordinator_key_a_sealed_export_and_a_first_import(tmp_path):
    coordinator, volunteer = tmp_path / "coordinator", tmp_path / "volunteer"
    _volunteer(volunteer, "青木のノートPC")
    key_file = tmp_path / "coordinator.dxkey"

    made = _run("keys", "create-coordinator", "-o", str(key_file), "--name", "みどり市",
                home=coordinator)  # fmt: skip
    assert made.returncode == 0, made.stderr
    (fingerprint,) = FINGERPRINT.findall(made.stdout)
    assert key_file.is_file() and fingerprint in key_file.read_text()
    again = _run("keys", "create-coordinator", "-o", str(key_file), home=coordinator)
    assert again.returncode == 1 and "already has a coordinator key" in again.stderr

    used = _run("keys", "use-coordinator", str(key_file), home=volunteer)
    assert used.returncode == 0 and fingerprint in used.stdout and "みどり市" in used.stdout

    bundle = tmp_path / "aoki.dxhelper"
    exported = _run("export", "-o", str(bundle), home=volunteer)
    assert exported.returncode == 0, exported.stderr
    assert f"Sealed to the coordinator key みどり市 ({fingerprint})" in exported.stdout
    assert bundle.read_bytes().startswith(b"DXHSEAL1")
    assert "山田".encode() not in bundle.read_bytes()

    shown = _run("keys", "show", home=volunteer)
    (device,) = [f for f in FINGERPRINT.findall(shown.stdout) if f != fingerprint]

    # The first import names the device and its fingerprint, and imports nothing.
    first = _run("import", str(bundle), home=coordinator)
    assert first.returncode == 1
    assert "青木のノートPC" in first.stderr and device in first.stderr
    assert "--trust-new" in first.stderr and len(first.stderr.strip().splitlines()) == 1
    trusted = _run("import", "--trust-new", str(bundle), home=coordinator)
    assert trusted.returncode == 0, trusted.stderr
    assert f"Trusted from now on: 青木のノートPC ({device})" in trusted.stdout
    assert _run("import", str(bundle), home=coordinator).returncode == 0  # known now

    listed = _run("keys", "show", home=coordinator)
    assert device in listed.stdout and "Trusted devices: 1" in listed.stdout
    assert f"This device's coordinator key: {fingerprint}" in listed.stdout
    forgot = _run("keys", "forget", "青木のノートPC", home=coordinator)
    assert forgot.returncode == 0 and device in forgot.stdout
    assert "Trusted devices: 0" in _run("keys", "show", home=coordinator).stdout
    assert _run("import", str(bundle), home=coordinator).returncode == 1
    missing = _run("keys", "forget", "nobody", home=coordinator)
    assert missing.returncode == 1 and "No trusted device" in missing.stderr


def test_without_a_coordinator_key_the_export_needs_a_passphrase(tmp_path):
    volunteer, laptop = tmp_path / "volunteer", tmp_path / "new-laptop"
    _volunteer(volunteer, "古いノートPC")
    target = tmp_path / "move.dxhelper"
    refused = _run("export", "-o", str(target), home=volunteer)
    assert refused.returncode == 1 and "use-coordinator" in refused.stderr
    assert not target.exists()

    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    too_short = _run("export", "-o", str(target), "--passphrase-file", str(short), home=volunteer)
    assert too_short.returncode == 1 and "too short" in too_short.stderr
    assert not target.exists()

    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("引っ越しの合言葉 2026\n", encoding="utf-8")
    exported = _run("export", "-o", str(target), "--passphrase-file", str(passphrase),
                    home=volunteer)  # fmt: skip
    assert exported.returncode == 0, exported.stderr

    no_passphrase = _run("import", "--trust-new", str(target), home=laptop)
    assert no_passphrase.returncode == 1 and "--passphrase-file" in no_passphrase.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("引っ越しの合言葉 2025\n", encoding="utf-8")
    bad = _run("import", "--trust-new", "--passphrase-file", str(wrong), str(target), home=laptop)
    assert bad.returncode == 1 and "passphrase is wrong" in bad.stderr
    good = _run("import", "--trust-new", "--passphrase-file", str(passphrase), str(target),
                home=laptop)  # fmt: skip
    assert good.returncode == 0, good.stderr
    with Store.open(laptop / "dxhelper.sqlite3") as store:
        assert store.count_residents() == 1


def test_plain_zips_only_with_the_developer_options(tmp_path):
    volunteer, coordinator = tmp_path / "volunteer", tmp_path / "coordinator"
    _volunteer(volunteer, "開発用")
    _volunteer(coordinator, "事務局")
    target = tmp_path / "plain.dxhelper"
    plain = _run("export", "--plain", "-o", str(target), home=volunteer)
    assert plain.returncode == 0 and zipfile.is_zipfile(target)
    before = _sha(coordinator / "dxhelper.sqlite3")
    refused = _run("import", str(target), home=coordinator)
    assert refused.returncode == 1 and "not sealed" in refused.stderr
    assert _sha(coordinator / "dxhelper.sqlite3") == before
    allowed = _run("import", "--allow-plain", str(target), home=coordinator)
    assert allowed.returncode == 0, allowed.stderr
