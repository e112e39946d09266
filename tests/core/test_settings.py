"""Settings: declared once with defaults; bad values are refused, a damaged file is survived."""

from __future__ import annotations

import json

import pytest

from dxhelper.core.errors import DxError, PrivacyError
from dxhelper.core.settings import OPTIONS, Settings


def test_defaults_then_saved_values_survive_a_reload(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.get("text_scale") == 100 and settings.language == "ja"
    assert settings.get("language") == ""  # not chosen yet: the first run asks
    settings.update(language="en", text_scale=150, trusted_domains=["city.example.jp"])
    again = Settings.load(tmp_path)
    assert again.language == "en" and again.get("text_scale") == 150
    assert again.get("trusted_domains") == ["city.example.jp"]
    assert set(again) == set(OPTIONS)


def test_bad_values_are_refused_and_change_nothing(tmp_path):
    settings = Settings.load(tmp_path)
    settings.set("paper", "A5")
    with pytest.raises(DxError):
        settings.set("text_scale", 175)
    with pytest.raises(DxError):
        settings.set("trusted_domains", ["https://evil.example/"])
    with pytest.raises(PrivacyError):
        settings.set("municipality", "暗証番号 1234")
    assert json.loads((tmp_path / "settings.json").read_text()) == {"paper": "A5"}


def test_a_damaged_or_hand_edited_file_falls_back_to_defaults(tmp_path):
    (tmp_path / "settings.json").write_text('{"text_scale": 175, "paper": "A5", "x": 1')
    assert Settings.load(tmp_path).get("paper") == "A4"  # not JSON: all defaults
    (tmp_path / "settings.json").write_text('{"text_scale": 175, "paper": "A5"}')
    loaded = Settings.load(tmp_path)
    assert loaded.get("text_scale") == 100 and loaded.get("paper") == "A5"


def test_ids_are_kept_whatever_their_digits_and_only_ids_are(tmp_path):
    """A volunteer's or venue's id is a UUID, not text: one whose last group is twelve digits
    (about one id in 280) or whose middle groups read 1234-5678-9012 is still kept; anything
    that is not an id is refused, so no text (a number, a name) gets in through these."""
    settings = Settings.load(tmp_path)
    digits = "0f1e2d3c-4b5a-4978-8695-123456789012"
    grouped = "0f1e2d3c-1234-5678-9012-a1b2c3d4e5f6"
    settings.update(volunteer_id=digits, default_venue_id=grouped)
    again = Settings.load(tmp_path)
    assert again.get("volunteer_id") == digits and again.get("default_venue_id") == grouped
    for bad in ("123456789012", "推進委員 青木", "0f1e2d3c-4b5a-4978-8695-12345678901"):
        with pytest.raises(DxError):
            settings.set("volunteer_id", bad)
    settings.set("volunteer_id", "")  # none chosen
    assert Settings.load(tmp_path).get("volunteer_id") == ""
