"""Issue 16 §7: a bundle cannot carry a 個人番号 in an id column or split across a resident's
fields. Every id column has a shape (UUIDs as store.new_id writes them, lesson and step ids as
lesson files spell them), and an id that fits the shape but holds a secret is refused too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bundletools import digest, import_into, make_device
from corpus import _edit_line, _members, _write

from dxhelper.exchange import BundleError, export_bundle
from dxhelper.exchange.validate import RowProblem, check_row

NUMBER = "123456789018"  # a valid check digit


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ids")
    device = make_device(root, "source")
    try:
        return export_bundle(device, root / "valid.dxhelper").path
    finally:
        device.close()


def _row(valid: Path, member: str, line: int = 1) -> dict:
    return json.loads(_members(valid)[member].split(b"\n")[line - 1])


def test_the_writer_emits_what_the_checks_accept(valid):
    """Every id the bundle writer emits passes the id checks (no false refusals)."""
    for member in ("progress.jsonl", "session_lessons.jsonl", "residents.jsonl"):
        table = member.removesuffix(".jsonl")
        for line in _members(valid)[member].split(b"\n"):
            if line:
                check_row(table, json.loads(line), 2)


@pytest.mark.parametrize(
    ("member", "column", "value"),
    [
        ("progress.jsonl", "step_id", NUMBER),
        ("progress.jsonl", "step_id", f"{NUMBER[:4]}-{NUMBER[4:8]}-{NUMBER[8:]}"),
        ("progress.jsonl", "step_id", f"step-{NUMBER}"),
        ("progress.jsonl", "step_id", "pin-1234"),
        ("progress.jsonl", "lesson_id", NUMBER),
        ("session_lessons.jsonl", "lesson_id", f"{NUMBER[:4]}-{NUMBER[4:8]}-{NUMBER[8:]}"),
        ("progress.jsonl", "step_id", "scan--form"),  # not a lesson-file id
        ("progress.jsonl", "step_id", "scan-form-"),
        ("progress.jsonl", "step_id", "a" * 65),
        ("progress.jsonl", "resident_id", NUMBER),
    ],
)
def test_an_id_holding_a_secret_or_of_the_wrong_shape_is_refused(
    valid, tmp_path, coordinator, backups, member, column, value
):
    members = _edit_line(_members(valid), member, 1, lambda r: {**r, column: value})
    path = tmp_path / "id.dxhelper"
    _write(path, members)
    before = digest(coordinator)

    with pytest.raises(BundleError) as refused:
        import_into(coordinator, [path], backups_dir=backups)

    for lang in ("ja", "en"):
        message = refused.value.message(lang)
        assert column in message and member in message
        assert NUMBER not in message and NUMBER[:4] not in message and "1234" not in message
    assert refused.value.line == 1
    assert digest(coordinator) == before  # nothing written
    assert not backups.exists() or not any(backups.iterdir())


def test_a_resident_row_with_a_number_split_across_fields_is_refused(
    valid, tmp_path, coordinator, backups
):
    members = _edit_line(
        _members(valid),
        "residents.jsonl",
        1,
        lambda r: {**r, "kana": f"やまだ {NUMBER[:6]}", "note": f"メモ {NUMBER[6:]}"},
    )
    path = tmp_path / "split.dxhelper"
    _write(path, members)
    before = digest(coordinator)

    with pytest.raises(BundleError) as refused:
        import_into(coordinator, [path], backups_dir=backups)

    message = refused.value.message("en")
    assert "residents.jsonl" in message and "My Number" in message
    assert NUMBER[:6] not in message and NUMBER[6:] not in message
    assert digest(coordinator) == before


def test_removal_keys_are_uuids_or_lesson_ids():
    uuid = "0badc0de-0000-4000-8000-000000000000"
    row = {
        "id": uuid,
        "table_name": "session_lessons",
        "removed_at": "2026-05-01T00:00:00.000000Z",
        "origin": uuid,
    }
    check_row("removals", {**row, "key": f"{uuid} smartphone-basics"})
    check_row("removals", {**row, "key": f"{uuid} {uuid}"})
    for key in (f"{uuid} {NUMBER}", f"{NUMBER} {uuid}", f"smartphone-basics {uuid}", NUMBER):
        with pytest.raises(RowProblem) as caught:
            check_row("removals", {**row, "key": key})
        assert NUMBER not in caught.value.en + caught.value.ja
