"""What every screen is given through its constructor: the records (through the Library), the
lessons, the settings, the task runner, and one "data changed" notification."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths
from dxhelper.store import Library, Store
from dxhelper.ui.tasks import TaskRunner

if TYPE_CHECKING:  # reportlab and markdown-it load when first needed: a faster start
    from dxhelper.core.lessons import Catalogue
    from dxhelper.handouts import HandoutOptions


class DataEvents(QObject):
    """One notification for every screen: a screen that changed records says so once, and
    every screen that shows records listens (instead of wiring screens to each other)."""

    changed = Signal(object)  # the screen (or None) that made the change


class Services:
    """The catalogue may be given as a loader: it is read the first time a screen needs it,
    so the window paints before 22 lesson files are parsed."""

    def __init__(
        self,
        library: Library,
        catalogue: Catalogue | Callable[[], Catalogue],
        settings: Settings,
        tasks: TaskRunner,
    ) -> None:
        self.library = library
        self.events = DataEvents()
        self._catalogue: Catalogue | None = None
        self._load_catalogue: Callable[[], Catalogue] | None = None
        if callable(catalogue):
            self._load_catalogue = catalogue
        else:
            self._catalogue = catalogue
        self.settings = settings
        self.tasks = tasks

    @property
    def store(self) -> Store:
        """The open records (the same object until a restore reopens them)."""
        return self.library.store

    @property
    def paths(self) -> DataPaths:
        return self.library.paths

    def worker(self) -> contextlib.AbstractContextManager[Library]:
        """For work on a worker thread: the records on a connection of their own, closed when
        done. Enter it inside the worker function (`with services.worker() as library:`)."""
        return self.library.worker()

    def data_changed(self, source: QObject | None = None) -> None:
        """Tell every screen that records changed (`source` need not refresh itself)."""
        self.events.changed.emit(source)

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            assert self._load_catalogue is not None
            self._catalogue = self._load_catalogue()
        return self._catalogue

    @catalogue.setter
    def catalogue(self, value: Catalogue) -> None:  # e.g. after the user's lessons changed
        self._catalogue = value

    @property
    def lang(self) -> str:
        return self.settings.language

    def handout_options(self, *, venue: str = "", next_session: str = "") -> HandoutOptions:
        """Handout options from the settings (paper, large print, font, trusted domains)."""
        from dxhelper.handouts import HandoutOptions

        return HandoutOptions(
            paper=self.settings.get("paper"),
            large=self.settings.get("large_print"),
            venue=venue,
            next_session=next_session,
            font=self.settings.get("font") or None,
            trusted_domains=tuple(self.settings.get("trusted_domains")),
        )

    def volunteer_id(self) -> str:
        """The volunteer using this laptop; the first one on record if none is chosen."""
        chosen = self.settings.get("volunteer_id")
        volunteers = self.store.list_volunteers()
        if any(v.id == chosen for v in volunteers):
            return chosen
        if volunteers:
            return volunteers[0].id
        return self.store.add_volunteer(self.tr_default_volunteer()).id

    def tr_default_volunteer(self) -> str:
        return "Volunteer" if self.lang == "en" else "推進委員"
