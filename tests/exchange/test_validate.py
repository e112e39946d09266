"""The reader's limits and the row checks, one at a time."""

from __future__ import annotations

import json
import zipfile

import pytest
from bundletools import make_device
from corpus import _members, _write

from dxhelper.core.errors import PrivacyError
from dxhelper.core.privacy import check_free_text
from dxhelper.exchange import BundleError, export_bundle, inspect_bundle
from dxhelper.exchange import bundle as bundle_module
from dxhelper.exchange.validate import RowProblem, check_row, may_hold_secret


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    root = tmp_path_factory.mktemp("valid")
    device = make_device(root, "source")
    try:
        return export_bundle(device, root / "valid.dxhelper").path
    finally:
        device.close()


def _refused(path) -> str:
    with pytest.raises(BundleError) as caught:
        inspect_bundle(path)
    return caught.value.message("en")


def test_the_bundle_is_a_zip_of_a_manifest_and_one_member_per_table(valid):
    with zipfile.ZipFile(valid) as zf:
        names = sorted(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        lines = zf.read("residents.jsonl").decode().splitlines()
    assert names == sorted(
        [
            "manifest.json",
            "volunteers.jsonl",
            "venues.jsonl",
            "residents.jsonl",
            "sessions.jsonl",
            "session_volunteers.jsonl",
            "attendance.jsonl",
            "session_lessons.jsonl",
            "progress.jsonl",
            "handover.jsonl",
            "series.jsonl",
            "plans.jsonl",
            "signups.jsonl",
            "outcomes.jsonl",
            "resident_phones.jsonl",
            "tombstones.jsonl",
            "removals.jsonl",
        ]
    )
    assert manifest["format"] == "dxhelper-bundle" and manifest["format_version"] == 4
    assert manifest["installation"]["name"] == "端末 source"
    assert set(manifest["sha256"]) == set(names) - {"manifest.json"}
    assert manifest["counts"]["residents"] == len(lines) == 2
    resident = json.loads(lines[0])
    # Derived columns stay home: search keys are rebuilt, last_seen comes from the triggers.
    assert not {"last_seen", "name_key", "kana_key", "nickname_key"} & set(resident)


def test_a_line_longer_than_the_cap_is_refused_before_parsing(valid, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_module, "MAX_LINE_BYTES", 100)
    message = _refused(valid)
    assert "line 1" in message and "too long" in message


def test_a_member_bigger_than_its_cap_is_refused(valid, monkeypatch):
    monkeypatch.setattr(bundle_module, "MAX_MEMBER_BYTES", 200)
    assert "too large" in _refused(valid)


def test_the_total_of_all_members_is_capped(valid, monkeypatch):
    monkeypatch.setattr(bundle_module, "MAX_TOTAL_BYTES", 3000)
    assert "together" in _refused(valid)


def test_a_file_bigger_than_the_cap_is_not_opened(valid, monkeypatch):
    monkeypatch.setattr(bundle_module, "MAX_FILE_BYTES", 100)
    assert "too large" in _refused(valid)


def test_small_members_may_compress_well_but_large_ones_may_not(valid, tmp_path):
    members = _members(valid)
    # 500 KB of blank lines compress 1000× but stay under the 1 MB floor: only the JSON
    # check objects (to an empty line), not the ratio.
    members["tombstones.jsonl"] = b"\n" * 500_000
    _write(tmp_path / "small.dxhelper", members)
    assert "not valid JSON" in _refused(tmp_path / "small.dxhelper")


def test_a_header_that_lies_about_the_size_is_caught(valid, tmp_path):
    target = tmp_path / "lying.dxhelper"
    target.write_bytes(valid.read_bytes())
    raw = bytearray(target.read_bytes())
    name = b"venues.jsonl"
    at = raw.find(b"PK\x01\x02")  # central directory entries
    while raw[at + 46 : at + 46 + len(name)] != name:
        at = raw.find(b"PK\x01\x02", at + 4)
    raw[at + 24 : at + 28] = (10).to_bytes(4, "little")  # claim 10 bytes uncompressed
    target.write_bytes(bytes(raw))
    message = _refused(target)
    assert "venues.jsonl" in message and "damaged" in message


@pytest.mark.parametrize(
    "row, column",
    [
        ({"id": "NOT-A-UUID"}, "id"),
        ({"created_at": "2026-05-01 10:00"}, "created_at"),
        ({"age_band": "90s"}, "age_band"),
        ({"consent_date": "2026-02-30"}, "consent_date"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "あ" * 41}, "display_name"),
        ({"kana": "ヤマダ\x07"}, "kana"),
        ({"note": "暗証番号は 4321 です"}, "note"),
        ({"nickname": None}, "nickname"),
    ],
)
def test_each_resident_column_is_checked(row, column):
    good = {
        "id": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f",
        "display_name": "山田 花子",
        "kana": "ヤマダ ハナコ",
        "nickname": "",
        "age_band": "70s",
        "consent_date": "2026-04-01",
        "consent_version": "2026-1",
        "note": "",
        "created_at": "2026-05-01T01:00:00.000000Z",
        "updated_at": "2026-05-01T01:00:00.000000Z",
        "origin": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e60",
    }
    assert check_row("residents", good, 1)[1] == "山田 花子"  # format 1 had no district
    with pytest.raises(RowProblem) as caught:
        check_row("residents", {**good, **row}, 1)
    assert caught.value.column == column
    with pytest.raises(RowProblem) as missing:  # the current format carries it
        check_row("residents", good)
    assert missing.value.column == "district"


def test_a_district_is_checked_like_any_free_text():
    row = {
        "id": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f",
        "display_name": "山田 花子",
        "kana": "",
        "nickname": "",
        "age_band": "70s",
        "consent_date": "2026-04-01",
        "consent_version": "2026-1",
        "note": "",
        "district": "東町",
        "created_at": "2026-05-01T01:00:00.000000Z",
        "updated_at": "2026-05-01T01:00:00.000000Z",
        "origin": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e60",
    }
    assert "東町" in check_row("residents", row)
    for bad in ("暗証番号 1234", "東" * 21):
        with pytest.raises(RowProblem) as caught:
            check_row("residents", {**row, "district": bad})
        assert caught.value.column == "district"


@pytest.mark.parametrize(
    "key",
    ["", "a b c", "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f ../x", "DROP TABLE", 7],
)
def test_a_removal_names_a_row_by_ids_only(key):
    row = {
        "id": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f",
        "table_name": "attendance",
        "key": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f 6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e60",
        "removed_at": "2026-05-01T01:00:00.000000Z",
        "origin": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e60",
    }
    assert check_row("removals", row)[2] == row["key"]
    with pytest.raises(RowProblem) as caught:
        check_row("removals", {**row, "key": key})
    assert caught.value.column == "key"
    with pytest.raises(RowProblem):
        check_row("removals", {**row, "table_name": "residents"})  # erasures are tombstones


def test_a_bundle_of_the_first_format_still_reads(valid, tmp_path):
    """A volunteer on the previous version hands over a format 1 bundle: no removals member,
    residents without a district. It reads, with the district empty."""
    members = _members(valid)
    planning = ("series", "plans", "signups", "outcomes", "resident_phones")
    for table in ("removals", "session_volunteers", *planning):
        del members[f"{table}.jsonl"]
    residents = [json.loads(line) for line in members["residents.jsonl"].splitlines()]
    for resident in residents:
        del resident["district"]
    members["residents.jsonl"] = "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in residents
    ).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 1
    for table in ("removals", "session_volunteers", *planning):
        del manifest["counts"][table], manifest["sha256"][f"{table}.jsonl"]
    members["manifest.json"] = json.dumps(manifest).encode()
    old = tmp_path / "old.dxhelper"
    _write(old, members)
    parsed = bundle_module.parse_bundle(old)
    assert parsed.manifest.format_version == 1 and parsed.rows["removals"] == []
    district_at = bundle_module.BUNDLE_COLUMNS["residents"].index("district")
    assert [row[district_at] for row in parsed.rows["residents"]] == ["", ""]
    manifest["format_version"] = 2  # the same files claiming the new format are refused
    members["manifest.json"] = json.dumps(manifest).encode()
    _write(tmp_path / "lying.dxhelper", members)
    assert "counts" in _refused(tmp_path / "lying.dxhelper")


def test_the_checkers_cover_exactly_the_columns_a_bundle_carries_in_order():
    from dxhelper.exchange.validate import COLUMN_CHECKS
    from dxhelper.store.merge import BUNDLE_COLUMNS

    assert {t: tuple(c) for t, c in COLUMN_CHECKS.items()} == BUNDLE_COLUMNS


def test_a_missing_column_is_named():
    with pytest.raises(RowProblem) as caught:
        check_row("venues", {"id": "6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f"})
    assert caught.value.column == "name"


@pytest.mark.parametrize(
    "text, refused",
    [
        ("山田 花子", False),
        ("ｶｰﾄﾞ番号 ２７１８２８１８２８４０", True),
        ("２７１８-２８１８-２８４０", True),
        ("暗証番号は１２３４", True),
        ("PIN: ⑫⑬⑭⑮", True),
        ("パスワード abc123", True),
        ("10時に来館", False),
        ("老眼鏡を持参", False),
    ],
)
def test_the_fast_path_never_skips_text_the_guard_would_refuse(text, refused):
    try:
        check_free_text("note", text)
        assert not refused
    except PrivacyError:
        assert refused and may_hold_secret(text)


def test_names_from_a_bundle_are_never_echoed_if_they_hold_a_secret(valid, tmp_path):
    with pytest.raises(RowProblem) as caught:
        check_row("venues", {"271828182840": 1})
    assert "271828182840" not in caught.value.en + caught.value.ja

    _write(tmp_path / "named.dxhelper", [*_members(valid).items(), ("271828182840.txt", b"")])
    message = _refused(tmp_path / "named.dxhelper")
    assert "unexpected member" in message and "271828182840" not in message


def test_a_bundle_of_erasures_only_is_described_by_its_device(tmp_path):
    from dxhelper.exchange.preview import BundlePreview

    preview = BundlePreview(
        path=tmp_path / "x.dxhelper",
        installation_id="6f1c3b1e-8f7a-4c7e-9c1d-0a1b2c3d4e5f",
        installation_name="端末A",
        app_version="0.1.0",
        created_at="2026-05-01T01:00:00.000000Z",
        counts={"sessions": 0, "tombstones": 1},
        first_date=None,
        last_date=None,
        venues=(),
        volunteers=(),
    )
    assert preview.describe("en") == "端末A: 0 sessions, erases 1 resident"
    assert preview.describe("ja") == "端末A: セッション0件、住民1人を消去"


def test_an_export_file_named_with_a_my_number_is_refused(store, people, tmp_path):
    import pytest

    from dxhelper.core.errors import PrivacyError
    from dxhelper.exchange import export_bundle

    target = tmp_path / "山田_271828182840.dxhelper"
    with pytest.raises(PrivacyError) as caught:
        export_bundle(store, target)
    assert "ファイル名" in caught.value.ja and not target.exists()
