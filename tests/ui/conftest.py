"""UI fixtures: a demo database copied per test, services in either language, built .qm files."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dxhelper.paths import resources_dir

I18N = resources_dir() / "i18n"


def build_translations() -> None:
    """Build .qm from the shipped .ts exactly as setup does (pyside6-lrelease)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in I18N.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run(
                [str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True
            )


@pytest.fixture(scope="session", autouse=True)
def _translations_built() -> None:
    build_translations()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from dxhelper.demo import DemoSpec, build_demo

    path = tmp_path_factory.mktemp("demo") / "dxhelper.sqlite3"
    this_month = dt.date.today().replace(day=1)
    build_demo(path, DemoSpec(residents=40, sessions=30, seed=11, end_month=this_month))
    return path


@pytest.fixture
def make_services(qapp, tmp_path, demo_template) -> Iterator[Callable[..., object]]:
    """make_services(lang="ja", demo=True, text_scale=100) -> Services on a private data folder."""
    from dxhelper.core.lessons import Catalogue
    from dxhelper.core.settings import Settings
    from dxhelper.paths import DataPaths, builtin_lessons_dir
    from dxhelper.store import Library
    from dxhelper.ui.i18n import install_translators
    from dxhelper.ui.services import Services
    from dxhelper.ui.style import apply_style
    from dxhelper.ui.tasks import TaskRunner

    made: list[Services] = []

    def make(lang: str = "ja", demo: bool = True, text_scale: int = 100) -> Services:
        paths = DataPaths(tmp_path / f"data{len(made)}")
        paths.root.mkdir(parents=True)
        if demo:
            shutil.copy(demo_template, paths.database)
        settings = Settings.load(paths.root)
        library = Library.opened(paths)
        store = library.store
        volunteers = store.list_volunteers() or [store.add_volunteer("推進委員 青木")]
        settings.update(
            language=lang,
            first_run_done=True,
            text_scale=text_scale,
            volunteer_id=volunteers[0].id,
        )
        install_translators(qapp, lang)
        apply_style(qapp, text_scale)
        catalogue = Catalogue.load(builtin_lessons_dir(), paths.user_lessons)
        services = Services(library, catalogue, settings, TaskRunner())
        made.append(services)
        return services

    yield make
    for services in made:
        services.tasks.pool.waitForDone(30_000)
        services.library.close()
