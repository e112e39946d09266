"""A missing .qm: English with one warning, not a window that fails (issue 19 §1)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from dxhelper.ui import i18n


def test_a_missing_qm_shows_english_with_one_warning(qapp, monkeypatch, caplog, tmp_path):
    monkeypatch.setattr(i18n, "qm_path", lambda lang: str(tmp_path / f"dxhelper_{lang}.qm"))
    with caplog.at_level(logging.WARNING, logger="dxhelper.ui.i18n"):
        translators = i18n.install_translators(qapp, "ja")
    assert translators == []
    assert QCoreApplication.translate("MainWindow", "Today") == "Today"
    (record,) = caplog.records
    assert "dxhelper_ja.qm is missing" in record.getMessage()
    assert "\n" not in record.getMessage()
    monkeypatch.undo()
    i18n.install_translators(qapp, "ja")  # leave the app as the other tests expect it
