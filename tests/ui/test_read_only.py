"""A data folder that cannot be written still opens: every record readable, nothing changed."""

from __future__ import annotations

import hashlib
import json

import pytest

from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store
from dxhelper.ui import app as app_module


@pytest.fixture
def read_only_data(tmp_path, demo_template, read_only):
    source = tmp_path / "source"
    source.mkdir()
    (source / "dxhelper.sqlite3").write_bytes(demo_template.read_bytes())
    with Store.open(source / "dxhelper.sqlite3"):
        pass  # migrated and checkpointed, as after a normal close
    (source / "settings.json").write_text(json.dumps({"first_run_done": True, "language": "ja"}))
    with read_only(source) as folder:
        yield folder


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_the_app_opens_a_read_only_folder_for_reading(qtbot, qapp, read_only_data):
    before = _digest(read_only_data)
    paths = DataPaths(read_only_data)
    settings = Settings.load(paths.root)
    library = Library(paths)
    try:
        assert app_module._open_library(qapp, library, settings)
        store = library.store
        assert store.read_only and library.read_only
        assert "read-only" in library.read_only_reason.en
        assert store.count_residents() > 0
        from dxhelper.ui.main_window import MainWindow
        from dxhelper.ui.services import Services
        from dxhelper.ui.tasks import TaskRunner

        services = Services(library, lambda: None, settings, TaskRunner())
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
        window.show_page(2)  # the residents can be looked up
        assert window.residents.list.count() > 0
        window.show_page(1)
        window.session.start_new()  # a write: refused with the read-only message, no crash
        assert window.session.session_id is None
    finally:
        library.close()
    assert _digest(read_only_data) == before
