"""`dxhelper export` and `dxhelper import` through the real executable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from test_cli import run

from dxhelper.demo import DemoSpec, build_demo
from dxhelper.store import Store

_END = dt.date(2026, 9, 1)


def _demo(home: Path, seed: str) -> None:
    """A volunteer's (real) records, made by the demo builder: practice records' bundles are
    refused by real ones (issue 16 §6; see test_a_practice_bundle_is_refused_by_real_records)."""
    path = home / "dxhelper.sqlite3"
    build_demo(path, DemoSpec(residents=20, sessions=25, seed=int(seed), end_month=_END))
    with Store.open(path) as store:
        store.update_installation(is_demo=False)


def _sha(path: Path) -> str:
    with Store.open(path) as store:
        store.checkpoint()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_then_import_prints_what_changed_per_table(tmp_path):
    a, b, coordinator = tmp_path / "a", tmp_path / "b", tmp_path / "coordinator"
    _demo(a, "1")
    _demo(b, "2")
    files = []
    for home in (a, b):
        target = tmp_path / f"{home.name}.dxhelper"
        exported = run("export", "-o", str(target), home=home, lang="en")
        assert exported.returncode == 0, exported.stderr
        assert "25 sessions" in exported.stdout and target.exists()
        files.append(str(target))

    imported = run("import", *files, home=coordinator, lang="en")
    assert imported.returncode == 0, imported.stderr
    assert "Imported 2 files." in imported.stdout
    assert "sessions" in imported.stdout and "50 added, 0 updated, 0 erased, 0 skipped" in (
        imported.stdout
    )
    assert len(list((coordinator / "backups").iterdir())) == 1

    again = run("import", *files, home=coordinator)  # Japanese by default
    assert again.returncode == 0, again.stderr
    assert "変更はありません" in again.stdout and "スキップ 50" in again.stdout


def test_export_since_last_to_holds_only_the_changes(tmp_path):
    _demo(tmp_path, "3")
    first = run("export", "-o", str(tmp_path / "1.dxhelper"), "--since-last-to", "佐々木",
                home=tmp_path, lang="en")  # fmt: skip
    second = run("export", "-o", str(tmp_path / "2.dxhelper"), "--since-last-to", "佐々木",
                 home=tmp_path, lang="en")  # fmt: skip
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "25 sessions" in first.stdout
    assert "no records" in second.stdout and "only changes since" in second.stdout
    with zipfile.ZipFile(tmp_path / "2.dxhelper") as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert sum(manifest["counts"].values()) == 0 and manifest["since"]


def test_a_hostile_bundle_is_one_line_exit_1_and_changes_nothing(tmp_path):
    _demo(tmp_path / "a", "4")
    good = tmp_path / "good.dxhelper"
    assert run("export", "-o", str(good), home=tmp_path / "a").returncode == 0
    with zipfile.ZipFile(good) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    evil = tmp_path / "evil.dxhelper"
    with zipfile.ZipFile(evil, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("../../escape.txt", b"x")
    coordinator = tmp_path / "coordinator"
    _demo(coordinator, "5")
    before = _sha(coordinator / "dxhelper.sqlite3")

    result = run("import", str(good), str(evil), home=coordinator, lang="en")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "evil.dxhelper" in lines[0] and "../../escape.txt" in lines[0]
    assert "Traceback" not in result.stderr
    assert _sha(coordinator / "dxhelper.sqlite3") == before
    assert not (coordinator / "backups").exists()


def test_missing_file_and_missing_database_are_one_line_each(tmp_path):
    missing = run("import", str(tmp_path / "nowhere.dxhelper"), home=tmp_path, lang="en")
    assert missing.returncode == 1 and "nowhere.dxhelper" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1

    empty = tmp_path / "empty"
    nothing = run("export", "-o", str(tmp_path / "x.dxhelper"), home=empty, lang="en")
    assert nothing.returncode == 1 and "No database" in nothing.stderr
    assert not (tmp_path / "x.dxhelper").exists()


def test_a_practice_bundle_is_refused_by_real_records(tmp_path):
    practice = tmp_path / "volunteer"
    built = run("demo", "--residents", "5", "--sessions", "5", home=practice)
    assert built.returncode == 0, built.stderr
    bundle = tmp_path / "practice.dxhelper"
    exported = run("--practice", "export", "-o", str(bundle), home=practice)
    assert exported.returncode == 0, exported.stderr
    coordinator = tmp_path / "coordinator"
    _demo(coordinator, "6")
    before = _sha(coordinator / "dxhelper.sqlite3")

    refused = run("import", str(bundle), home=coordinator, lang="en")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "practice.dxhelper" in refused.stderr and "practice data" in refused.stderr
    assert "デモ端末" in refused.stderr  # the device that made it
    assert _sha(coordinator / "dxhelper.sqlite3") == before
    assert not (coordinator / "backups").exists()

    # Practice records take it; and the explicit option (for tests) lets real ones take it.
    into_practice = run("--practice", "import", str(bundle), home=coordinator)
    assert into_practice.returncode == 1  # no practice records there yet: made only by demo
    assert run("demo", "--residents", "2", "--sessions", "2", home=coordinator).returncode == 0
    into_practice = run("--practice", "import", str(bundle), home=coordinator)
    assert into_practice.returncode == 0, into_practice.stderr
    allowed = run("import", "--allow-demo", str(bundle), home=coordinator, lang="en")
    assert allowed.returncode == 0, allowed.stderr
    assert "--allow-demo" not in run("import", "--help", home=coordinator).stdout  # hidden
