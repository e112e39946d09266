"""The backups part of Settings: back up now, the list of backups, restore one (through the
app), save a copy elsewhere, check the database.

Backing up and checking read the whole database: they run in a worker on a connection of
their own (`services.worker()`), so the window stays usable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    InlineMessage,
    button,
    button_row,
    date_text,
    error_text,
    fill_list,
    label,
    list_box,
)


class BackupsPanel(QWidget):
    restore_requested = Signal(str)  # a backup's path: the app closes, swaps and reopens
    backed_up = Signal(str)  # "back up now" finished (the new file)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.confirm_restore: QMessageBox | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)  # as the screen around it
        box.addWidget(label(self.tr("Backups"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "dxhelper backs up your records by itself when it starts (once a day), when "
                    "it closes and before any import or restore, and checks every copy. Older "
                    "copies are thinned out: the last 10, then one a day, a week and a month."
                ),
                "muted",
            )
        )
        self.list = list_box(self.tr("Backups, newest first"), rows=6)
        box.addWidget(self.list)
        self.back_up_button = button(self.tr("Back up now"), self.take_backup_now)
        self.restore_button = button(self.tr("Restore selected…"), self.restore_selected)
        self.save_copy_button = button(self.tr("Save a copy to…"), self.save_copy_to)
        self.check_button = button(self.tr("Check database"), self.check_database)
        box.addLayout(
            button_row(
                self.back_up_button, self.restore_button, self.save_copy_button, self.check_button
            )
        )
        self.message = InlineMessage()
        box.addWidget(self.message)
        self.result = label("", "ok")
        box.addWidget(self.result)

    def refresh(self) -> None:
        lang = self.services.lang
        rows = []
        for info in self.services.library.list_backups():
            local = info.taken_at.astimezone()
            when = date_text(local.date(), lang) + local.strftime(" %H:%M")
            people = info.counts.get("residents", 0)
            sessions = info.counts.get("sessions", 0)
            text = self.tr(
                "{when}  ·  {size} KB  ·  {people} residents, {sessions} sessions"
            ).format(when=when, size=max(1, info.size // 1024), people=people, sessions=sessions)
            rows.append((str(info.path), text, False))
        fill_list(self.list, rows)
        self.restore_button.setEnabled(bool(rows))

    def _failed(self, exc: Exception) -> None:
        self.message.show_text(error_text(exc, self.services.lang))

    def take_backup_now(self) -> None:
        """Back up now, checked; in a worker on its own connection so the window stays live."""
        services = self.services

        def work():
            with services.worker() as library:
                return library.backup("manual", force=True)

        self.services.tasks.run(work, self._backed_up, self._failed, self.tr("Backing up…"))

    def _backed_up(self, info) -> None:
        self.message.clear_text()
        self.result.setText(self.tr("Backed up and checked: {name}").format(name=info.path.name))
        self.refresh()
        self.backed_up.emit(str(info.path))

    def restore_selected(self) -> QMessageBox | None:
        """Ask first (window-modal, not blocking); "Yes" asks the app to restore."""
        item = self.list.currentItem()
        if item is None:
            self.message.show_text(self.tr("Choose a backup in the list first."))
            return None
        path = item.data(ID_ROLE)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore a backup"),
            self.tr(
                "Go back to the records as they were in this backup?\n{backup}\n\nYour "
                "records as they are now are backed up first, so this can be undone."
            ).format(backup=item.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.restore_requested.emit(path))
        self.confirm_restore = box
        box.open()
        return box

    def save_copy_to(self, target: Path | None = None) -> None:
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save a copy of your records"),
                str(Path.home() / f"dxhelper-copy-{dt.date.today().isoformat()}.sqlite3"),
                self.tr("dxhelper database (*.sqlite3)"),
            )
            if not chosen:
                return
            target = Path(chosen)
        try:
            saved = self.services.library.save_copy(target)
        except DxError as exc:
            self._failed(exc)
            return
        self.message.clear_text()
        self.result.setText(self.tr("Saved and checked: {path}").format(path=saved))

    def check_database(self) -> None:
        """integrity_check reads the whole file: in a worker, on its own connection."""
        services, lang = self.services, self.services.lang

        def work() -> list[str]:
            with services.worker() as library:
                report = library.store.check()
            lines = [*report.integrity, *report.foreign_keys, *report.pending_migrations]
            where = services.library.location_warning(lang)
            return [*lines, where] if where else lines

        self.services.tasks.run(
            work, self._checked, self._failed, self.tr("Checking the database…")
        )

    def _checked(self, problems: list[str]) -> None:
        if problems:
            self.message.show_text("\n".join(problems))
            self.result.setText("")
        else:
            self.message.clear_text()
            self.result.setText(self.tr("The database is healthy."))
