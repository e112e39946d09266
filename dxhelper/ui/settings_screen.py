"""Settings: language, text size, records, handouts, trusted QR domains, volunteers, venues,
data folder, backups and keys.

Language and text size are only asked for (signals): the app saves them and rebuilds the window
in the new language or size. Everything else is saved at once; a refusal is shown beside the
field that caused it and nothing changes. The volunteers and the venues are two NamedListEditors
(named_list.py); the backups are a BackupsPanel (backups_panel.py), the keys a KeysPanel
(keys_panel.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import max_length
from dxhelper.core.qr_policy import OFFICIAL_SUFFIXES, normalise_domain
from dxhelper.core.settings import PAPERS, RECORDS, TEXT_SCALES
from dxhelper.ui.backups_panel import BackupsPanel
from dxhelper.ui.keys_panel import KeysPanel
from dxhelper.ui.named_list import (
    NamedField,
    NamedListEditor,
    NamedListTexts,
    Records,
    Venues,
    Volunteers,
)
from dxhelper.ui.services import Services
from dxhelper.ui.style import ACCENT, MIN_TARGET_PX, scale_factor
from dxhelper.ui.widgets import (
    ID_ROLE,
    FlowLayout,
    InlineMessage,
    button,
    button_row,
    error_text,
    fill_list,
    follow_data_changes,
    label,
    list_box,
    stacked_form,
)

# The language names are never translated: someone who chose the wrong language by mistake
# must still find their own.
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


class SettingsScreen(QWidget):
    language_chosen = Signal(str)
    restore_requested = Signal(str)  # a backup's path: the app closes, swaps and reopens
    text_scale_chosen = Signal(int)
    records_chosen = Signal(str)  # "real" or "practice": the app closes these, opens those

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._build()
        self.refresh()
        follow_data_changes(self, services)  # e.g. an import brought volunteers and venues

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
        self._records_section()
        self._handouts_section()
        self._domains_section()
        self._volunteers_section()
        self._venues_section()
        self._folder_section()
        self._backups_section()
        self._keys_section()
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

    def _records_section(self) -> None:
        self._heading(
            self.tr("Records"),
            self.tr(
                "Practice data is made up: try every screen with it. It is kept in a folder of "
                "its own and never mixed with the real records."
            ),
        )
        texts = {"real": self.tr("Real records"), "practice": self.tr("Practice data")}
        self.records_group, self.records_buttons = self._radio_group(
            RECORDS, texts, lambda r: texts[str(r)]
        )
        self.records_group.buttonClicked.connect(self._records_clicked)

    def _records_clicked(self, radio: QAbstractButton) -> None:
        records = radio.property("value")
        current = self._records_open()
        _check(self.records_buttons, current)  # until the app has opened the others
        if records != current:
            self.records_chosen.emit(records)

    def _records_open(self) -> str:
        return "practice" if self.services.paths.is_practice else "real"

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
        self.domain_list = list_box(self.tr("Trusted QR domains"), rows=3)
        self.box.addWidget(self.domain_list)
        self.domain_edit = QLineEdit()
        self.domain_edit.setAccessibleName(self.tr("New trusted domain"))
        self.domain_edit.setPlaceholderText(self.tr("e.g. www.city.example.jp"))
        self.domain_edit.setMaxLength(max_length("domain"))
        self.domain_edit.returnPressed.connect(self.add_domain)
        self.domain_add = button(self.tr("Add domain"), self.add_domain, role="primary")
        self.domain_remove = button(
            self.tr("Remove selected domain"), self.remove_domain, role="danger"
        )
        # Delete in the list does what the button does.
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.domain_list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_domain)
        form = stacked_form()
        form.addRow(label(self.tr("Domain:"), buddy=self.domain_edit), self.domain_edit)
        self.box.addLayout(form)
        self.box.addLayout(button_row(self.domain_add, self.domain_remove))
        self.domains_message = InlineMessage()
        self.box.addWidget(self.domains_message)

    def _volunteers_section(self) -> None:
        self._heading(
            self.tr("Volunteers"),
            self.tr("Choose yourself and press “This is me”: your name goes on your sessions."),
        )
        texts = NamedListTexts(
            title=self.tr("Volunteers"),
            fields=(NamedField("volunteer_name", self.tr("Name:"), self.tr("Volunteer name")),),
            add=self.tr("Add volunteer"),
            rename=self.tr("Rename selected"),
            rename_accessible=self.tr("Rename selected volunteer"),
            mark=self.tr("This is me"),
            marked=lambda name: self.tr("{name}  — this is me").format(name=name),
            choose_to_rename=self.tr(
                "Choose a volunteer in the list first, then type the new name."
            ),
            choose_to_mark=self.tr("Choose your name in the list first."),
        )
        self.volunteers = self._editor(Volunteers(self.services), texts)

    def _venues_section(self) -> None:
        self._heading(
            self.tr("Venues"),
            self.tr("The default venue is chosen for you when a new session starts."),
        )
        texts = NamedListTexts(
            title=self.tr("Venues"),
            fields=(
                NamedField("venue_name", self.tr("Venue:"), self.tr("Venue name")),
                NamedField("municipality", self.tr("Municipality:"), self.tr("Venue municipality")),
            ),
            add=self.tr("Add venue"),
            rename=self.tr("Rename selected"),
            rename_accessible=self.tr("Rename selected venue"),
            mark=self.tr("Make default venue"),
            marked=lambda venue: self.tr("{venue}  — default venue").format(venue=venue),
            choose_to_rename=self.tr("Choose a venue in the list first, then type the new name."),
            choose_to_mark=self.tr("Choose a venue in the list first."),
        )
        self.venues = self._editor(Venues(self.services), texts)

    def _editor(self, records: Records, texts: NamedListTexts) -> NamedListEditor:
        editor = NamedListEditor(records, texts, self.services.lang)
        # Other screens show volunteers and venues too (the session's venue, the reports).
        editor.changed.connect(lambda: self.services.data_changed(self))
        self.box.addWidget(editor)
        return editor

    def _folder_section(self) -> None:
        self._heading(
            self.tr("Data folder"),
            self.tr("Your records, settings and your own lessons are kept in this folder."),
        )
        self.folder_label = label(str(self.services.paths.real.root))  # practice is inside
        self.folder_label.setAccessibleName(
            self.tr("Data folder") + ": " + self.folder_label.text()
        )
        self.folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.box.addWidget(self.folder_label)
        self.open_folder = button(self.tr("Open folder"), self.open_data_folder)
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        self.box.addLayout(button_row(self.open_folder))
        self.folder_message = InlineMessage()
        self.box.addWidget(self.folder_message)

    def _backups_section(self) -> None:
        self.box.addSpacing(12)  # as before every heading; the panel brings its own
        self.backups = BackupsPanel(self.services)
        self.backups.restore_requested.connect(self.restore_requested)
        self.box.addWidget(self.backups)

    def _keys_section(self) -> None:
        """This device's key, the coordinator key exports are sealed to, trusted devices.
        They belong to the records open now: after a switch between real and practice
        records the window is built again, and this panel with it."""
        self.box.addSpacing(12)
        self.keys = KeysPanel(self.services)
        self.box.addWidget(self.keys)

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is saved now; keeps the selection and whatever is being typed."""
        settings = self.services.settings
        _check(self.language_buttons, self.services.lang)
        _check(self.scale_buttons, settings.get("text_scale"))
        _check(self.records_buttons, self._records_open())
        _check(self.paper_buttons, settings.get("paper"))
        self.large_print.setChecked(bool(settings.get("large_print")))
        municipality = self.venues.edits["municipality"]
        if not municipality.text():
            # New venues are usually in the volunteer's own municipality.
            municipality.setText(settings.get("municipality"))
        self._fill_domains()
        self.volunteers.refresh()
        self.venues.refresh()
        self.backups.refresh()
        self.keys.refresh()

    def _fill_domains(self, select: str = "") -> None:
        domains = self.services.settings.get("trusted_domains")
        fill_list(self.domain_list, [(d, d, False) for d in domains], select)

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

    # -- data folder ---------------------------------------------------------------------------

    def open_data_folder(self) -> None:
        root = self.services.paths.real.root
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
