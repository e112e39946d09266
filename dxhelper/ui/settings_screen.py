"""Settings: language, text size, handouts, trusted QR domains, volunteers, venues, data folder.

Language and text size are only asked for (signals): the app saves them and rebuilds the window
in the new language or size. Everything else is saved at once; a refusal is shown beside the
field that caused it and nothing changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.qr_policy import OFFICIAL_SUFFIXES, normalise_domain
from dxhelper.core.settings import PAPERS, TEXT_SCALES
from dxhelper.ui.services import Services
from dxhelper.ui.style import ACCENT, MIN_TARGET_PX, scale_factor
from dxhelper.ui.widgets import FlowLayout, InlineMessage, button, date_text, error_text, label

ID_ROLE = Qt.ItemDataRole.UserRole
# The language names are never translated: someone who chose the wrong language by mistake
# must still find their own.
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


class SettingsScreen(QWidget):
    language_chosen = Signal(str)
    restore_requested = Signal(str)  # a backup's path: the app closes, swaps and reopens
    backed_up = Signal(str)  # "back up now" finished (the new file)
    text_scale_chosen = Signal(int)
    data_changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._build()
        self.refresh()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        inner.setStyleSheet(self._radio_style())
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.box = QVBoxLayout(inner)
        self.box.setContentsMargins(24, 20, 24, 20)
        self.box.setSpacing(12)

        self.box.addWidget(label(self.tr("Settings"), "title"))
        self._language_section()
        self._text_size_section()
        self._handouts_section()
        self._domains_section()
        self._volunteers_section()
        self._venues_section()
        self._folder_section()
        self._backups_section()
        self.box.addStretch(1)

    def _radio_style(self) -> str:
        # The shared style sheet sizes check boxes but not radio buttons: same targets here.
        factor = scale_factor(self.services.settings.get("text_scale"))
        px = lambda n: f"{round(n * factor)}px"  # noqa: E731 - sizes scale with the text
        return (
            f"QRadioButton {{ min-height: {px(MIN_TARGET_PX)}; spacing: {px(10)}; }}"
            f"QRadioButton::indicator {{ width: {px(22)}; height: {px(22)}; }}"
            f"QRadioButton:focus {{ border: 3px solid {ACCENT}; }}"
        )

    def _heading(self, text: str, explanation: str = "") -> None:
        self.box.addSpacing(12)
        self.box.addWidget(label(text, "heading"))
        if explanation:
            self.box.addWidget(label(explanation, "muted"))

    def _radio_group(
        self, choices: dict, texts: dict, accessible: Callable[[object], str]
    ) -> tuple[QButtonGroup, dict]:
        """One exclusive row of radio buttons, keyed by the value each one stands for."""
        group = QButtonGroup(self)
        buttons = {}
        # A clear gap between one choice and the next; the row wraps when the window is narrow.
        row = FlowLayout(gap=self.fontMetrics().height())
        for value in choices:
            radio = QRadioButton(texts[value])
            radio.setAccessibleName(accessible(value))
            radio.setProperty("value", value)
            group.addButton(radio)
            row.addWidget(radio)
            buttons[value] = radio
        self.box.addLayout(row)
        return group, buttons

    def _language_section(self) -> None:
        # Both languages in the heading for the same reason as the names.
        self._heading("言語 / Language")
        self.language_group, self.language_buttons = self._radio_group(
            LANGUAGE_NAMES, LANGUAGE_NAMES, lambda lang: LANGUAGE_NAMES[str(lang)]
        )
        self.language_ja = self.language_buttons["ja"]
        self.language_en = self.language_buttons["en"]
        self.language_group.buttonClicked.connect(self._language_clicked)

    def _text_size_section(self) -> None:
        self._heading(
            self.tr("Text size"), self.tr("The window is drawn again at once in the new size.")
        )
        self.scale_group, self.scale_buttons = self._radio_group(
            TEXT_SCALES,
            {n: f"{n}%" for n in TEXT_SCALES},
            lambda n: self.tr("Text size {n}%").format(n=n),
        )
        self.scale_group.buttonClicked.connect(self._scale_clicked)

    def _handouts_section(self) -> None:
        self._heading(self.tr("Handouts"), self.tr("Paper size for printed guides and sheets."))
        texts = {"A4": self.tr("A4"), "A5": self.tr("A5 (half of A4)")}
        self.paper_group, self.paper_buttons = self._radio_group(
            PAPERS, texts, lambda p: self.tr("Paper size {paper}").format(paper=p)
        )
        self.paper_group.buttonClicked.connect(self._paper_clicked)
        self.large_print = QCheckBox(self.tr("Large print by default"))
        self.large_print.setAccessibleName(self.large_print.text())
        self.large_print.clicked.connect(self._large_print_clicked)
        # Only as wide as its text, so a click beside it does not look like a missed toggle.
        self.box.addWidget(self.large_print, 0, Qt.AlignmentFlag.AlignLeft)
        self.handouts_message = InlineMessage()
        self.box.addWidget(self.handouts_message)

    def _domains_section(self) -> None:
        self._heading(
            self.tr("Trusted QR domains"),
            self.tr(
                "Sites on go.jp and lg.jp are always trusted. Add other official domains whose "
                "pages may be printed as QR codes."
            ),
        )
        self.domain_list = self._list(self.tr("Trusted QR domains"), rows=3)
        self.box.addWidget(self.domain_list)
        self.domain_edit = QLineEdit()
        self.domain_edit.setAccessibleName(self.tr("New trusted domain"))
        self.domain_edit.setPlaceholderText(self.tr("e.g. www.city.example.jp"))
        self.domain_edit.setMaxLength(200)
        self.domain_edit.returnPressed.connect(self.add_domain)
        self.domain_add = button(self.tr("Add domain"), self.add_domain, role="primary")
        self.domain_remove = button(
            self.tr("Remove selected domain"), self.remove_domain, role="danger"
        )
        # Delete in the list does what the button does.
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.domain_list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_domain)
        form = _form()
        form.addRow(label(self.tr("Domain:"), buddy=self.domain_edit), self.domain_edit)
        self.box.addLayout(form)
        self.box.addLayout(_button_row(self.domain_add, self.domain_remove))
        self.domains_message = InlineMessage()
        self.box.addWidget(self.domains_message)

    def _volunteers_section(self) -> None:
        self._heading(
            self.tr("Volunteers"),
            self.tr("Choose yourself and press “This is me”: your name goes on your sessions."),
        )
        self.volunteer_list = self._list(self.tr("Volunteers"))
        self.volunteer_list.itemSelectionChanged.connect(self._volunteer_selected)
        self.box.addWidget(self.volunteer_list)
        self.volunteer_edit = QLineEdit()
        self.volunteer_edit.setAccessibleName(self.tr("Volunteer name"))
        self.volunteer_edit.setMaxLength(40)
        form = _form()
        form.addRow(label(self.tr("Name:"), buddy=self.volunteer_edit), self.volunteer_edit)
        self.box.addLayout(form)
        self.volunteer_add = button(self.tr("Add volunteer"), self.add_volunteer, role="primary")
        self.volunteer_rename = button(self.tr("Rename selected"), self.rename_volunteer)
        self.volunteer_rename.setAccessibleName(self.tr("Rename selected volunteer"))
        self.volunteer_me = button(self.tr("This is me"), self.choose_me)
        self.box.addLayout(
            _button_row(self.volunteer_add, self.volunteer_rename, self.volunteer_me)
        )
        self.volunteers_message = InlineMessage()
        self.box.addWidget(self.volunteers_message)

    def _venues_section(self) -> None:
        self._heading(
            self.tr("Venues"),
            self.tr("The default venue is chosen for you when a new session starts."),
        )
        self.venue_list = self._list(self.tr("Venues"))
        self.venue_list.itemSelectionChanged.connect(self._venue_selected)
        self.box.addWidget(self.venue_list)
        self.venue_name_edit = QLineEdit()
        self.venue_name_edit.setAccessibleName(self.tr("Venue name"))
        self.venue_name_edit.setMaxLength(40)
        self.venue_municipality_edit = QLineEdit()
        self.venue_municipality_edit.setAccessibleName(self.tr("Venue municipality"))
        self.venue_municipality_edit.setMaxLength(40)
        form = _form()
        form.addRow(label(self.tr("Venue:"), buddy=self.venue_name_edit), self.venue_name_edit)
        form.addRow(
            label(self.tr("Municipality:"), buddy=self.venue_municipality_edit),
            self.venue_municipality_edit,
        )
        self.box.addLayout(form)
        self.venue_add = button(self.tr("Add venue"), self.add_venue, role="primary")
        self.venue_rename = button(self.tr("Rename selected"), self.rename_venue)
        self.venue_rename.setAccessibleName(self.tr("Rename selected venue"))
        self.venue_default = button(self.tr("Make default venue"), self.choose_default_venue)
        self.box.addLayout(_button_row(self.venue_add, self.venue_rename, self.venue_default))
        self.venues_message = InlineMessage()
        self.box.addWidget(self.venues_message)

    def _folder_section(self) -> None:
        self._heading(
            self.tr("Data folder"),
            self.tr("Your records, settings and your own lessons are kept in this folder."),
        )
        self.folder_label = label(str(self.services.paths.root))
        self.folder_label.setAccessibleName(self.tr("Data folder"))
        self.folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.box.addWidget(self.folder_label)
        self.open_folder = button(self.tr("Open folder"), self.open_data_folder)
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        self.box.addLayout(_button_row(self.open_folder))
        self.folder_message = InlineMessage()
        self.box.addWidget(self.folder_message)

    def _backups_section(self) -> None:
        self._heading(
            self.tr("Backups"),
            self.tr(
                "dxhelper backs up your records by itself when it starts (once a day), when it "
                "closes and before any import or restore, and checks every copy. Older copies "
                "are thinned out: the last 10, then one a day, a week and a month."
            ),
        )
        self.backup_list = self._list(self.tr("Backups, newest first"), rows=6)
        self.box.addWidget(self.backup_list)
        self.backup_now = button(self.tr("Back up now"), self.take_backup_now)
        self.restore_button = button(self.tr("Restore selected…"), self.restore_selected)
        self.save_copy_button = button(self.tr("Save a copy to…"), self.save_copy_to)
        self.check_button = button(self.tr("Check database"), self.check_database)
        self.box.addLayout(
            _button_row(
                self.backup_now, self.restore_button, self.save_copy_button, self.check_button
            )
        )
        self.backup_message = InlineMessage()
        self.box.addWidget(self.backup_message)
        self.backup_result = label("", "ok")
        self.box.addWidget(self.backup_result)

    def _fill_backups(self) -> None:
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
        _fill(self.backup_list, rows)
        self.restore_button.setEnabled(bool(rows))

    def take_backup_now(self) -> None:
        """Back up now, checked; in a worker on its own connection so the window stays live."""
        services = self.services

        def work():
            with services.worker() as library:
                return library.backup("manual", force=True)

        self.services.tasks.run(
            work,
            self._backed_up,
            lambda exc: self.backup_message.show_text(error_text(exc, self.services.lang)),
            self.tr("Backing up…"),
        )

    def _backed_up(self, info) -> None:
        self.backup_message.clear_text()
        self.backup_result.setText(
            self.tr("Backed up and checked: {name}").format(name=info.path.name)
        )
        self._fill_backups()
        self.backed_up.emit(str(info.path))

    def restore_selected(self) -> QMessageBox | None:
        item = self.backup_list.currentItem()
        if item is None:
            self.backup_message.show_text(self.tr("Choose a backup in the list first."))
            return None
        path = item.data(Qt.ItemDataRole.UserRole)
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
            self.backup_message.show_text(error_text(exc, self.services.lang))
            return
        self.backup_message.clear_text()
        self.backup_result.setText(self.tr("Saved and checked: {path}").format(path=saved))

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
            work,
            self._checked,
            lambda exc: self.backup_message.show_text(error_text(exc, lang)),
            self.tr("Checking the database…"),
        )

    def _checked(self, problems: list[str]) -> None:
        if problems:
            self.backup_message.show_text("\n".join(problems))
            self.backup_result.setText("")
        else:
            self.backup_message.clear_text()
            self.backup_result.setText(self.tr("The database is healthy."))

    def _list(self, accessible: str, rows: int = 5) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(accessible)
        # Room for a few rows at any text size; the list scrolls beyond that.
        widget.setMinimumHeight(round(widget.fontMetrics().height() * (rows * 1.5 + 0.5)))
        return widget

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is saved now; keeps the selection and whatever is being typed."""
        settings = self.services.settings
        _check(self.language_buttons, self.services.lang)
        _check(self.scale_buttons, settings.get("text_scale"))
        _check(self.paper_buttons, settings.get("paper"))
        self.large_print.setChecked(bool(settings.get("large_print")))
        if not self.venue_municipality_edit.text():
            # New venues are usually in the volunteer's own municipality.
            self.venue_municipality_edit.setText(settings.get("municipality"))
        self._fill_domains()
        self._fill_volunteers()
        self._fill_venues()
        self._fill_backups()

    def _fill_domains(self, select: str = "") -> None:
        domains = self.services.settings.get("trusted_domains")
        _fill(self.domain_list, [(d, d, False) for d in domains], select)

    def _fill_volunteers(self, select: str = "") -> None:
        volunteers = self.services.store.list_volunteers()
        me = self._my_volunteer_id([v.id for v in volunteers])
        rows = []
        for v in volunteers:
            text = v.display_name
            if v.id == me:
                text = self.tr("{name}  — this is me").format(name=v.display_name)
            rows.append((v.id, text, v.id == me))
        _fill(self.volunteer_list, rows, select)

    def _my_volunteer_id(self, ids: list[str]) -> str:
        # As Services.volunteer_id() decides, without creating anyone while just looking.
        chosen = self.services.settings.get("volunteer_id")
        if chosen in ids:
            return chosen
        return ids[0] if ids else ""

    def _fill_venues(self, select: str = "") -> None:
        default = self.services.settings.get("default_venue_id")
        rows = []
        for v in self.services.store.list_venues():
            text = f"{v.name}（{v.municipality}）" if v.municipality else v.name
            if v.id == default:
                text = self.tr("{venue}  — default venue").format(venue=text)
            rows.append((v.id, text, v.id == default))
        _fill(self.venue_list, rows, select)

    # -- language and text size: asked for, saved by the app -----------------------------------

    def _language_clicked(self, radio: QAbstractButton) -> None:
        lang = radio.property("value")
        if lang != self.services.lang:
            self.language_chosen.emit(lang)

    def _scale_clicked(self, radio: QAbstractButton) -> None:
        scale = int(radio.property("value"))
        if scale != self.services.settings.get("text_scale"):
            self.text_scale_chosen.emit(scale)

    # -- handouts ------------------------------------------------------------------------------

    def _paper_clicked(self, radio: QAbstractButton) -> None:
        self._save(self.handouts_message, "paper", radio.property("value"))

    def _large_print_clicked(self, checked: bool) -> None:
        self._save(self.handouts_message, "large_print", bool(checked))

    def _save(self, message: InlineMessage, name: str, value: object) -> bool:
        try:
            self.services.settings.set(name, value)
        except DxError as exc:
            message.show_text(error_text(exc, self.services.lang))
            self.refresh()  # the controls go back to what is really saved
            return False
        message.clear_text()
        return True

    # -- trusted domains -----------------------------------------------------------------------

    def add_domain(self) -> None:
        self.domains_message.clear_text()
        domain = normalise_domain(self.domain_edit.text())
        problem = self._domain_problem(domain)
        if problem:
            self.domains_message.show_text(problem)
            self.domain_edit.setFocus()
            return
        domains = self.services.settings.get("trusted_domains")
        if self._save(self.domains_message, "trusted_domains", [*domains, domain]):
            self.domain_edit.clear()
            self._fill_domains(select=domain)

    def _domain_problem(self, domain: str) -> str:
        """Why `domain` cannot be trusted, or "" when it can."""
        if not domain:
            return self.tr("Type a domain first, for example www.city.example.jp.")
        if not _bare_domain(domain):
            return self.tr(
                "Type only the domain, like www.city.example.jp: no https://, no / and no spaces."
            )
        if any(domain == s or domain.endswith("." + s) for s in OFFICIAL_SUFFIXES):
            return self.tr("{domain} is always trusted; there is no need to add it.").format(
                domain=domain
            )
        if domain in self.services.settings.get("trusted_domains"):
            return self.tr("{domain} is already in the list.").format(domain=domain)
        return ""

    def remove_domain(self) -> None:
        self.domains_message.clear_text()
        item = self.domain_list.currentItem()
        if item is None or not item.isSelected():
            self.domains_message.show_text(self.tr("Choose a domain in the list first."))
            return
        domain = item.data(ID_ROLE)
        row = self.domain_list.row(item)
        domains = [d for d in self.services.settings.get("trusted_domains") if d != domain]
        if self._save(self.domains_message, "trusted_domains", domains):
            self._fill_domains()
            # Stay on the neighbouring row so Delete can be pressed again.
            if self.domain_list.count():
                self.domain_list.setCurrentRow(min(row, self.domain_list.count() - 1))

    # -- volunteers ----------------------------------------------------------------------------

    def _volunteer_selected(self) -> None:
        self.volunteers_message.clear_text()
        item = self.volunteer_list.currentItem()
        if item is None or not item.isSelected():
            return
        try:
            volunteer = self.services.store.get_volunteer(item.data(ID_ROLE))
        except DxError as exc:
            self.volunteers_message.show_text(error_text(exc, self.services.lang))
            return
        self.volunteer_edit.setText(volunteer.display_name)

    def _selected_id(self, widget: QListWidget, message: InlineMessage, what: str) -> str:
        item = widget.currentItem()
        if item is None or not item.isSelected():
            message.show_text(what)
            return ""
        return item.data(ID_ROLE)

    def add_volunteer(self) -> None:
        name = self.volunteer_edit.text().strip()
        try:
            volunteer = self.services.store.add_volunteer(name)
        except DxError as exc:
            self.volunteers_message.show_text(error_text(exc, self.services.lang))
            self.volunteer_edit.setFocus()
            return
        self.volunteers_message.clear_text()
        self.volunteer_edit.clear()
        self._fill_volunteers(select=volunteer.id)
        self.data_changed.emit()

    def rename_volunteer(self) -> None:
        ident = self._selected_id(
            self.volunteer_list,
            self.volunteers_message,
            self.tr("Choose a volunteer in the list first, then type the new name."),
        )
        if not ident:
            return
        try:
            store = self.services.store
            current = store.get_volunteer(ident)
            store.update_volunteer(
                dataclasses.replace(current, display_name=self.volunteer_edit.text().strip())
            )
        except DxError as exc:
            self.volunteers_message.show_text(error_text(exc, self.services.lang))
            self.volunteer_edit.setFocus()
            return
        self.volunteers_message.clear_text()
        self._fill_volunteers(select=ident)
        self.data_changed.emit()

    def choose_me(self) -> None:
        ident = self._selected_id(
            self.volunteer_list,
            self.volunteers_message,
            self.tr("Choose your name in the list first."),
        )
        if ident and self._save(self.volunteers_message, "volunteer_id", ident):
            self._fill_volunteers(select=ident)
            self.data_changed.emit()

    # -- venues --------------------------------------------------------------------------------

    def _venue_selected(self) -> None:
        self.venues_message.clear_text()
        item = self.venue_list.currentItem()
        if item is None or not item.isSelected():
            return
        try:
            venue = self.services.store.get_venue(item.data(ID_ROLE))
        except DxError as exc:
            self.venues_message.show_text(error_text(exc, self.services.lang))
            return
        self.venue_name_edit.setText(venue.name)
        self.venue_municipality_edit.setText(venue.municipality)

    def add_venue(self) -> None:
        name = self.venue_name_edit.text().strip()
        municipality = self.venue_municipality_edit.text().strip()
        try:
            venue = self.services.store.add_venue(name, municipality)
        except DxError as exc:
            self.venues_message.show_text(error_text(exc, self.services.lang))
            self.venue_name_edit.setFocus()
            return
        self.venues_message.clear_text()
        self.venue_name_edit.clear()
        self._fill_venues(select=venue.id)
        self.data_changed.emit()

    def rename_venue(self) -> None:
        ident = self._selected_id(
            self.venue_list,
            self.venues_message,
            self.tr("Choose a venue in the list first, then type the new name."),
        )
        if not ident:
            return
        try:
            store = self.services.store
            current = store.get_venue(ident)
            store.update_venue(
                dataclasses.replace(
                    current,
                    name=self.venue_name_edit.text().strip(),
                    municipality=self.venue_municipality_edit.text().strip(),
                )
            )
        except DxError as exc:
            self.venues_message.show_text(error_text(exc, self.services.lang))
            self.venue_name_edit.setFocus()
            return
        self.venues_message.clear_text()
        self._fill_venues(select=ident)
        self.data_changed.emit()

    def choose_default_venue(self) -> None:
        ident = self._selected_id(
            self.venue_list, self.venues_message, self.tr("Choose a venue in the list first.")
        )
        if ident and self._save(self.venues_message, "default_venue_id", ident):
            self._fill_venues(select=ident)
            self.data_changed.emit()

    # -- data folder ---------------------------------------------------------------------------

    def open_data_folder(self) -> None:
        root = self.services.paths.root
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(root))):
            self.folder_message.clear_text()
        else:
            self.folder_message.show_text(
                self.tr("The folder could not be opened. Its place is shown above.")
            )


# -- helpers -----------------------------------------------------------------------------------


def _bare_domain(domain: str) -> bool:
    """A host name only: dot-separated labels of letters, digits and inner hyphens."""
    labels = domain.split(".")
    return len(labels) >= 2 and all(
        0 < len(part) <= 63
        and all(ch.isalnum() or ch == "-" for ch in part)
        and not part.startswith("-")
        and not part.endswith("-")
        for part in labels
    )


def _check(buttons: dict, value: object) -> None:
    radio = buttons.get(value)
    if radio is not None:
        radio.setChecked(True)


def _fill(widget: QListWidget, rows: list[tuple[str, str, bool]], select: str = "") -> None:
    """Replace the rows (id, text, marked); keep the selected id unless told which to select."""
    current = widget.currentItem()
    keep = select or (current.data(ID_ROLE) if current is not None and current.isSelected() else "")
    widget.blockSignals(True)  # refilling is not the user choosing a row
    widget.clear()
    for ident, text, marked in rows:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, ident)
        if marked:
            font = QFont(widget.font())
            font.setBold(True)
            item.setFont(font)
        widget.addItem(item)
        if ident == keep:
            widget.setCurrentItem(item)
    widget.blockSignals(False)


def _form() -> QFormLayout:
    form = QFormLayout()
    # Each label above its field: nothing to line up, and room for long words at 200%.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form


def _button_row(*buttons: QWidget) -> QLayout:
    row = FlowLayout()
    for widget in buttons:
        row.addWidget(widget)
    return row
