"""`dxhelper residents [QUERY]` and `dxhelper sheet NAME|ID` (issue 19 §3)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dxhelper.core.models import AgeBand, SessionKind
from dxhelper.store import Store

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXHELPER_HOME": str(home)}
    env.pop("DXHELPER_LANG", None)
    return subprocess.run(
        [EXE, "--lang", "en", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def home(tmp_path) -> tuple[Path, dict[str, str]]:
    """Two 山田 花子 (told apart by 地区) and 佐藤 茂, who came to one session."""
    ids = {}
    with Store.open(tmp_path / "dxhelper.sqlite3") as store:
        venue = store.add_venue("中央公民館", "みどり市")
        volunteer = store.add_volunteer("推進委員 青木")
        consent = {"consent_date": dt.date(2026, 11, 1), "consent_version": "2026-1"}
        ids["east"] = store.add_resident(
            "山田 花子", kana="ヤマダ ハナコ", age_band=AgeBand.SEVENTIES, **consent
        ).id
        west = store.add_resident(
            "山田 花子", kana="ヤマダ ハナコ", age_band=AgeBand.EIGHTY_PLUS, **consent
        )
        store.update_resident(_with_district(west, "西町"))
        ids["west"] = west.id
        ids["sato"] = store.add_resident(
            "佐藤 茂", kana="サトウ シゲル", age_band=AgeBand.SIXTIES, **consent
        ).id
        session = store.start_session(
            venue_id=venue.id,
            volunteer_id=volunteer.id,
            kind=SessionKind.CLASS,
            date=dt.date(2026, 11, 20),
        )
        store.add_attendee(session.id, ids["west"])
    return tmp_path, ids


def _with_district(resident, district: str):
    import dataclasses

    return dataclasses.replace(resident, district=district)


def test_residents_lists_everyone_with_id_reading_age_district_and_last_visit(home):
    folder, ids = home
    result = run(folder, "residents")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "reading", "age", "district", "last", "visit"]
    assert len(lines) == 4
    west = next(line for line in lines if line.startswith(ids["west"][:8]))
    assert "西町" in west and "80 and over" in west and "2026-11-20" in west
    east = next(line for line in lines if line.startswith(ids["east"][:8]))
    assert "70s" in east and east.endswith("never")


def test_residents_with_a_query_lists_only_the_matches(home):
    folder, _ = home
    result = run(folder, "residents", "yamada")  # romaji finds the reading
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert "佐藤" not in result.stdout
    assert run(folder, "residents", "鈴木").stdout.strip() == "No resident matches '鈴木'."


def test_sheet_by_name_when_several_match_lists_them_with_their_ids(home, tmp_path):
    folder, ids = home
    out = tmp_path / "sheet.pdf"
    result = run(folder, "sheet", "山田", "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "2 residents match '山田'" in result.stderr
    assert ids["west"][:8] in result.stderr and ids["east"][:8] in result.stderr
    assert "西町" in result.stderr and "2026-11-20" in result.stderr


@pytest.mark.parametrize("which", ["full", "short"])
def test_sheet_takes_the_full_id_or_the_short_one_the_list_shows(home, tmp_path, which):
    folder, ids = home
    out = tmp_path / "sheet.pdf"
    given = ids["west"] if which == "full" else ids["west"][:8]
    result = run(folder, "sheet", given, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_sheet_by_a_name_that_matches_one_person(home, tmp_path):
    folder, _ = home
    out = tmp_path / "sheet.pdf"
    assert run(folder, "sheet", "佐藤", "-o", str(out)).returncode == 0
    assert out.exists()
