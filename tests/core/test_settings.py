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
