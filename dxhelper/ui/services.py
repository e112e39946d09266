"""What every screen is given through its constructor: the store, the lessons, the settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths
from dxhelper.store import Store
from dxhelper.ui.tasks import TaskRunner

if TYPE_CHECKING:  # reportlab and markdown-it load when first needed: a faster start
    from dxhelper.core.lessons import Catalogue
    from dxhelper.handouts import HandoutOptions


class Services:
    """The catalogue may be given as a loader: it is read the first time a screen needs it,
    so the window paints before 22 lesson files are parsed."""

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue | Callable[[], Catalogue],
        settings: Settings,
        paths: DataPaths,
        tasks: TaskRunner,
    ) -> None:
        self.store = store
        self._catalogue: Catalogue | None = None
        self._load_catalogue: Callable[[], Catalogue] | None = None
        if callable(catalogue):
            self._load_catalogue = catalogue
        else:
            self._catalogue = catalogue
        self.settings = settings
        self.paths = paths
        self.tasks = tasks

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
