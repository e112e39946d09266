"""Volunteers' devices and a coordinator's, each a real database file in a temporary folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundletools import END_MONTH, SEEDS, START, make_device

from dxhelper.demo import DemoSpec, build_demo
from dxhelper.store import Store


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory) -> dict[int, Path]:
    """Three volunteers' demo databases (different seeds: different devices and records)."""
    root = tmp_path_factory.mktemp("demo-templates")
    paths = {}
    for seed in SEEDS:
        path = root / f"volunteer-{seed}" / "dxhelper.sqlite3"
        build_demo(path, DemoSpec(residents=40, sessions=50, seed=seed, end_month=END_MONTH))
        # Made with the demo builder, but they play volunteers' real records: real records
        # refuse a practice bundle (issue 16 §6; tested in test_practice_bundles.py).
        with Store.open(path) as store:
            store.update_installation(is_demo=False)
        paths[seed] = path
    return paths


@pytest.fixture
def volunteers(demo_templates, tmp_path) -> dict[int, Path]:
    """Fresh copies of the three volunteers' databases, for tests that change them."""
    copies = {}
    for seed, template in demo_templates.items():
        target = tmp_path / f"volunteer-{seed}" / "dxhelper.sqlite3"
        target.parent.mkdir(parents=True)
        target.write_bytes(template.read_bytes())
        copies[seed] = target
    return copies


@pytest.fixture
def coordinator(tmp_path) -> Iterator[Store]:
    with Store.open(tmp_path / "coordinator" / "dxhelper.sqlite3") as store:
        yield store


@pytest.fixture
def backups(tmp_path) -> Path:
    return tmp_path / "coordinator" / "backups"


@pytest.fixture
def small_device(tmp_path) -> Callable[..., Store]:
    """A factory for small devices (see bundletools.make_device); the caller closes each."""

    def make(name: str, start: dt.datetime = START) -> Store:
        return make_device(tmp_path, name, start)

    return make


@pytest.fixture(scope="session")
def catalogue_all():
    """The built-in lessons (the reports count lessons by their category)."""
    from dxhelper.core.lessons import Catalogue
    from dxhelper.paths import builtin_lessons_dir

    return Catalogue.load(builtin_lessons_dir(), None)
