"""One editor for a list of named records, used for the volunteers and for the venues: the list,
the field(s) to type in, add / rename / mark buttons, and a message for refusals.

What is edited comes from a `Records` (`Volunteers`, `Venues`: the store and settings calls);
what is said comes from a `NamedListTexts`, translated by the screen that shows the editor.
A refusal (a DxError, e.g. the store's "already in the list") is shown beside the fields and
nothing changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.fields import max_length
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    InlineMessage,
    button,
    button_row,
    error_text,
    fill_list,
    label,
    list_box,
    stacked_form,
)

Row = tuple[str, str, bool]  # id, text, marked
Values = dict[str, str]  # field key (as in dxhelper.core.fields) -> its text


class Records(Protocol):
    def rows(self) -> list[Row]: ...

    def values(self, ident: str) -> Values: ...

    def add(self, values: Values) -> str: ...  # the new record's id

    def rename(self, ident: str, values: Values) -> None: ...

    def mark(self, ident: str) -> None: ...


class Volunteers:
    """The volunteers; the marked one is "me", the volunteer using this laptop."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def rows(self) -> list[Row]:
        volunteers = self.services.store.list_volunteers()
        ids = [v.id for v in volunteers]
        # As Services.volunteer_id() decides, without creating anyone while just looking.
        chosen = self.services.settings.get("volunteer_id")
        me = chosen if chosen in ids else (ids[0] if ids else "")
        return [(v.id, v.display_name, v.id == me) for v in volunteers]

    def values(self, ident: str) -> Values:
        return {"volunteer_name": self.services.store.get_volunteer(ident).display_name}

    def add(self, values: Values) -> str:
        return self.services.store.add_volunteer(values["volunteer_name"]).id

    def rename(self, ident: str, values: Values) -> None:
        store = self.services.store
        current = store.get_volunteer(ident)
        store.update_volunteer(dataclasses.replace(current, display_name=values["volunteer_name"]))

    def mark(self, ident: str) -> None:
        self.services.settings.set("volunteer_id", ident)


class Venues:
    """The venues; the marked one is the default venue of a new session."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def rows(self) -> list[Row]:
        default = self.services.settings.get("default_venue_id")
        return [
            (v.id, f"{v.name}（{v.municipality}）" if v.municipality else v.name, v.id == default)
            for v in self.services.store.list_venues()
        ]

    def values(self, ident: str) -> Values:
        venue = self.services.store.get_venue(ident)
        return {"venue_name": venue.name, "municipality": venue.municipality}

    def add(self, values: Values) -> str:
        return self.services.store.add_venue(values["venue_name"], values["municipality"]).id

    def rename(self, ident: str, values: Values) -> None:
        store = self.services.store
        current = store.get_venue(ident)
        store.update_venue(
            dataclasses.replace(
                current, name=values["venue_name"], municipality=values["municipality"]
            )
        )

    def mark(self, ident: str) -> None:
        self.services.settings.set("default_venue_id", ident)


@dataclass(frozen=True)
class NamedField:
    key: str  # a field of dxhelper.core.fields: its length limit comes from there
    caption: str  # shown above the field
    accessible: str


@dataclass(frozen=True)
class NamedListTexts:
    title: str  # the list's accessible name
    fields: tuple[NamedField, ...]  # the first one is the name (cleared after an add)
    add: str
    rename: str
    rename_accessible: str
    mark: str  # "This is me", "Make default venue"
    marked: Callable[[str], str]  # a marked row's text from its plain text
    choose_to_rename: str  # said when rename is pressed with nothing chosen
    choose_to_mark: str


class NamedListEditor(QWidget):
    changed = Signal()  # a record was added or renamed, or the mark moved

    def __init__(self, records: Records, texts: NamedListTexts, lang: str) -> None:
        super().__init__()
        self.records = records
        self.texts = texts
        self.lang = lang
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)  # as in the screen around it

        self.list = list_box(texts.title)
        self.list.itemSelectionChanged.connect(self._selected)
        box.addWidget(self.list)
        self.edits: dict[str, QLineEdit] = {}
        form = stacked_form()
        for field in texts.fields:
            edit = QLineEdit()
            edit.setAccessibleName(field.accessible)
            edit.setMaxLength(max_length(field.key))
            form.addRow(label(field.caption, buddy=edit), edit)
            self.edits[field.key] = edit
        box.addLayout(form)
        self.add_button = button(texts.add, self.add, role="primary")
        self.rename_button = button(texts.rename, self.rename)
        self.rename_button.setAccessibleName(texts.rename_accessible)
        self.mark_button = button(texts.mark, self.mark)
        box.addLayout(button_row(self.add_button, self.rename_button, self.mark_button))
        self.message = InlineMessage()
        box.addWidget(self.message)

    @property
    def name_edit(self) -> QLineEdit:
        return self.edits[self.texts.fields[0].key]

    def refresh(self, select: str = "") -> None:
        """Show the records as saved; keeps the selection (or selects `select`) and the typing."""
        marked = self.texts.marked
        rows = [(i, marked(text) if mark else text, mark) for i, text, mark in self.records.rows()]
        fill_list(self.list, rows, select)

    def _selected(self) -> None:
        """Choosing a record fills the fields with it, ready to be renamed."""
        self.message.clear_text()
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return
        try:
            values = self.records.values(item.data(ID_ROLE))
        except DxError as exc:
            self.message.show_text(error_text(exc, self.lang))
            return
        for key, text in values.items():
            self.edits[key].setText(text)

    def _chosen(self, what: str) -> str:
        """The selected record's id, or "" after saying `what` to do first."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            self.message.show_text(what)
            return ""
        return item.data(ID_ROLE)

    def _typed(self) -> Values:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def _refused(self, exc: DxError) -> None:
        self.message.show_text(error_text(exc, self.lang))
        self.name_edit.setFocus()

    def add(self) -> None:
        try:
            ident = self.records.add(self._typed())
        except DxError as exc:
            self._refused(exc)
            return
        self.message.clear_text()
        self.name_edit.clear()  # the other fields stay: the next venue is often in the same town
        self._changed(ident)

    def rename(self) -> None:
        ident = self._chosen(self.texts.choose_to_rename)
        if not ident:
            return
        try:
            self.records.rename(ident, self._typed())
        except DxError as exc:
            self._refused(exc)
            return
        self.message.clear_text()
        self._changed(ident)

    def mark(self) -> None:
        ident = self._chosen(self.texts.choose_to_mark)
        if not ident:
            return
        try:
            self.records.mark(ident)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.lang))
            self.refresh()  # the list goes back to what is really saved
            return
        self.message.clear_text()
        self._changed(ident)

    def _changed(self, ident: str) -> None:
        self.refresh(select=ident)
        self.changed.emit()
