"""What every screen is given through its constructor: the store, the lessons, the settings."""

from __future__ import annotations

from dataclasses import dataclass

from dxhelper.core.lessons import Catalogue
from dxhelper.core.settings import Settings
from dxhelper.handouts import HandoutOptions
from dxhelper.paths import DataPaths
from dxhelper.store import Store
from dxhelper.ui.tasks import TaskRunner


@dataclass
class Services:
    store: Store
    catalogue: Catalogue
    settings: Settings
    paths: DataPaths
    tasks: TaskRunner

    @property
    def lang(self) -> str:
        return self.settings.language

    def handout_options(self, *, venue: str = "", next_session: str = "") -> HandoutOptions:
        """Handout options from the settings (paper, large print, font, trusted domains)."""
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
