"""The catalogue merges built-in and user lessons, pairs languages, and survives broken files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dxhelper.core.categories import Category
from dxhelper.core.errors import NotFoundError
from dxhelper.core.lessons import Catalogue
from dxhelper.core.lessons.check import new_lesson_text


def write(
    root: Path, lang: str, lesson_id: str, *, title: str | None = None, text: str | None = None
) -> Path:
    path = root / lang / f"{lesson_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text or new_lesson_text(lesson_id, lang, "2026-11-24")
    if title:
        body = body.replace('title = "新しい講座"', f'title = "{title}"').replace(
            'title = "A new lesson"', f'title = "{title}"'
        )
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def roots(tmp_path):
    builtin, user = tmp_path / "builtin", tmp_path / "user"
    write(builtin, "ja", "bus-app", title="バスのアプリ")
    write(builtin, "en", "bus-app", title="The bus app")
    write(builtin, "ja", "only-ja", title="日本語だけ")
    write(user, "ja", "bus-app", title="バスのアプリ（市の版）")
    write(user, "en", "own-lesson", title="Our own lesson")
    (user / "ja").mkdir(parents=True, exist_ok=True)
    (user / "ja" / "broken.md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    return builtin, user


def test_user_lessons_override_builtins_and_are_marked(roots):
    catalogue = Catalogue.load(*roots)
    assert set(catalogue.ids()) == {"bus-app", "only-ja", "own-lesson"}
    overridden = catalogue.get("bus-app", "ja")
    assert overridden.title == "バスのアプリ（市の版）"
    assert overridden.is_user and overridden.overrides_builtin
    english = catalogue.get("bus-app", "en")
    assert english.title == "The bus app" and not english.is_user
    own = catalogue.get("own-lesson", "en")
    assert own.is_user and not own.overrides_builtin


def test_a_lesson_falls_back_to_the_other_language(roots):
    catalogue = Catalogue.load(*roots)
    assert catalogue.get("only-ja", "en").lang == "ja"
    assert catalogue.get("own-lesson", "ja").lang == "en"
    assert catalogue.languages("bus-app") == ["ja", "en"]
    assert catalogue.languages("only-ja") == ["ja"]
    with pytest.raises(NotFoundError):
        catalogue.get("no-such-lesson")


def test_a_broken_file_is_skipped_and_reported_not_a_crash(roots):
    catalogue = Catalogue.load(*roots)
    assert "broken" not in catalogue
    assert [p.path.name for p in catalogue.problems if p.is_error] == ["broken.md"]


def test_lessons_are_grouped_by_category_in_the_fixed_order(roots):
    catalogue = Catalogue.load(*roots)
    grouped = catalogue.by_category("ja")
    assert list(grouped) == [Category.OTHER]
    assert [lesson.id for lesson in grouped[Category.OTHER]] == ["bus-app", "only-ja", "own-lesson"]


def test_progress_survives_edits_and_a_removed_step_is_reported(tmp_path, store):
    """Reword and reorder a lesson: progress keyed by step id stays; a removed id is reported."""
    data = tmp_path / "home"
    user = data / "lessons"
    path = write(user, "ja", "bus-app")
    catalogue = Catalogue.load(tmp_path / "no-builtin", user)
    resident = store.add_resident(
        "山田 花子", consent_date=dt.date(2026, 11, 1), consent_version="2026-1"
    )
    for step in catalogue.get("bus-app").step_ids:
        store.set_step_state(resident.id, "bus-app", step, "done")
    before = {(p.step_id, p.state) for p in store.progress_for(resident.id)}

    text = path.read_text(encoding="utf-8")
    first = text[text.index("## 最初の手順") : text.index("## 次の手順")]
    second = text[text.index("## 次の手順") :]
    edited = (
        text[: text.index("## 最初の手順")]
        + second.replace("次の手順", "バスを探す")
        + "\n"
        + first.replace("最初の手順", "アプリを開く")
    )
    path.write_text(edited, encoding="utf-8")
    reloaded = Catalogue.load(tmp_path / "no-builtin", user)
    assert reloaded.get("bus-app").step_ids == ("second-step", "first-step")
    assert [s.title for s in reloaded.get("bus-app").steps] == ["バスを探す", "アプリを開く"]
    after = {(p.step_id, p.state) for p in store.progress_for(resident.id)}
    assert after == before
    assert all(step in reloaded.step_ids("bus-app") for step, _ in after)

    # Remove a step: `dxhelper check` names the orphaned progress and keeps it.
    path.write_text(edited[: edited.index("## アプリを開く")], encoding="utf-8")
    store_path = store.path
    store.close()
    shutil.copy(store_path, data / "dxhelper.sqlite3")
    env = {**os.environ, "DXHELPER_HOME": str(data), "DXHELPER_LANG": "en"}
    exe = Path(sys.executable).parent / "dxhelper"
    result = subprocess.run(
        [str(exe), "check"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "step 'first-step'" in result.stdout and "They are kept" in result.stdout
