"""Nothing hostile gets in: every bundle of the corpus is refused, named, and changes nothing."""

from __future__ import annotations

import pytest
from bundletools import digest, import_into, make_device
from corpus import CASES, MY_NUMBER, Case, build_corpus

from dxhelper.exchange import BundleError, export_bundle, inspect_bundle


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus, built once from a valid bundle of a small device."""
    root = tmp_path_factory.mktemp("corpus")
    device = make_device(root, "source")
    try:
        valid = export_bundle(device, root / "valid.dxhelper").path
    finally:
        device.close()
    return valid, build_corpus(valid, root / "hostile")


def test_the_valid_bundle_the_corpus_starts_from_is_accepted(corpus, coordinator, backups):
    valid, _ = corpus
    result = import_into(coordinator, [valid], backups_dir=backups)
    assert result.per_table["sessions"].added == 1 and result.per_table["handover"].added == 2


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_bundle_is_refused_by_name_and_changes_nothing(
    case: Case, corpus, coordinator, backups, people_at_coordinator
):
    _, paths = corpus
    path = paths[case.name]
    before = digest(coordinator)

    with pytest.raises(BundleError) as refused:
        import_into(coordinator, [path], backups_dir=backups)
    with pytest.raises(BundleError) as inspected:
        inspect_bundle(path, store=coordinator)

    error = refused.value
    for lang in ("ja", "en"):
        message = error.message(lang)
        assert "\n" not in message
        assert path.name in message
        if case.member:
            assert case.member in message
        if case.line:
            assert (f"{case.line}行目" if lang == "ja" else f"line {case.line}") in message
        assert MY_NUMBER not in message and "1234" not in message  # never echo a secret
    assert (error.file, error.member, error.line) == (path.name, case.member, case.line)
    assert inspected.value.message("en") == error.message("en")
    assert digest(coordinator) == before  # byte for byte, after a checkpoint
    assert not backups.exists() or not any(backups.iterdir())  # no backup: nothing was merged


@pytest.fixture
def people_at_coordinator(coordinator):
    """The coordinator already holds records of their own, which must stay as they are."""
    venue = coordinator.add_venue("市役所 本庁舎")
    volunteer = coordinator.add_volunteer("推進委員 鈴木")
    coordinator.start_session(venue_id=venue.id, volunteer_id=volunteer.id)


def test_the_future_format_asks_for_an_update(corpus, coordinator):
    _, paths = corpus
    with pytest.raises(BundleError) as refused:
        inspect_bundle(paths["future format version"])
    assert "update dxhelper" in refused.value.message("en")
    assert "dxhelper を更新" in refused.value.message("ja")


def test_the_zip_bomb_is_stopped_by_the_bytes_read(corpus):
    _, paths = corpus
    with pytest.raises(BundleError) as refused:
        inspect_bundle(paths["zip bomb"])
    assert "100×" in refused.value.message("en")
