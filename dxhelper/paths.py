"""Where things live: bundled lessons/resources, and the user's data folder.

This is the one module that knows the three layouts: a source checkout (lessons/ beside the
package), an installed wheel (dxhelper/_data/), and a PyInstaller build (sys._MEIPASS).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "dxhelper"
HOME_ENV = "DXHELPER_HOME"
DATABASE_NAME = "dxhelper.sqlite3"


def _bundle_roots() -> list[Path]:
    package_dir = Path(__file__).resolve().parent
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(package_dir / "_data")  # installed wheel
    roots.append(package_dir.parent)  # source checkout
    return roots


def _find_bundled(name: str) -> Path:
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    # Report the layout we expected rather than a path that silently does not exist.
    raise FileNotFoundError(
        f"dxhelper's bundled '{name}' folder was not found in: "
        + ", ".join(str(r) for r in _bundle_roots())
    )


def builtin_lessons_dir() -> Path:
    return _find_bundled("lessons")


def resources_dir() -> Path:
    return _find_bundled("resources")


def default_data_dir() -> Path:
    """The data folder: $DXHELPER_HOME if set, else the platform's per-user data folder."""
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


PRACTICE_FOLDER = "practice"


@dataclass(frozen=True)
class DataPaths:
    """Everything dxhelper writes on its own lives under one folder.

    The practice records (issue 16 §6) are a DataPaths of their own, `paths.practice`, in a
    folder inside the real one: their own database, backups, lock and logs. Settings and the
    user's lessons stay with the real records (`home`), so a volunteer who switches finds
    their name, municipality and lessons on both sides."""

    root: Path
    home: Path | None = None  # the real records' folder, when these are the practice ones

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
        """`--data-dir` wins over $DXHELPER_HOME, which wins over the platform default."""
        root = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(root.absolute())

    @property
    def practice(self) -> DataPaths:
        """The practice (made-up) records that belong with these real ones."""
        real = self.real
        return DataPaths(real.root / PRACTICE_FOLDER, home=real.root)

    @property
    def real(self) -> DataPaths:
        return DataPaths(self.home) if self.home is not None else self

    @property
    def is_practice(self) -> bool:
        return self.home is not None

    @property
    def settings_dir(self) -> Path:
        """Where settings.json lives: always with the real records."""
        return self.home if self.home is not None else self.root

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def user_lessons(self) -> Path:
        return self.settings_dir / "lessons"

    @property
    def logs(self) -> Path:
        return self.root / "logs"
