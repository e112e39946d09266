"""Lessons: browse by category, preview a lesson's steps, print or present it, check own lessons."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.lessons.catalogue import lesson_files
from dxhelper.core.lessons.model import Lesson, Problem
from dxhelper.paths import builtin_lessons_dir
from dxhelper.ui.lesson_html import PREVIEW_LOOK, blocks_html
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.services import Services
from dxhelper.ui.style import ACCENT_DARK, DANGER, HELP
from dxhelper.ui.widgets import InlineMessage, button, card, label

LESSON_ID = Qt.ItemDataRole.UserRole
PREVIEW_FONT_FACTOR = 1.2  # the preview is read aloud-ish with a resident: a step larger
WIDE_LINES = 36  # side by side from this many text lines' height of width


class LessonsScreen(QWidget):
    present_requested = Signal(str)  # lesson id; the window opens presentation mode

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.pdf = PdfActions(services, self)
        self._build()
        self.refresh()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        box = QVBoxLayout(inner)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(14)

        box.addWidget(label(self.tr("Lessons"), "title"))
        line = self.fontMetrics().height()

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Lessons by category"))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAllColumnsShowFocus(True)
        # Long titles wrap; row heights follow the tree's width (QTreeView alone would elide).
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setMinimumWidth(line * 12)
        self.tree.currentItemChanged.connect(self._current_changed)

        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Lesson preview"))
        self.preview.setOpenLinks(False)  # addresses are shown as text, never opened from here
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = self.preview.font()
        font.setPointSizeF(QApplication.font().pointSizeF() * PREVIEW_FONT_FACTOR)
        self.preview.setFont(font)
        self.preview.document().setDocumentMargin(line * 0.8)
        self.preview.document().setDefaultStyleSheet(
            f"h1, h2, h3 {{ color: {ACCENT_DARK}; }} p, li {{ line-height: 140%; }}"
        )
        self.preview.setMinimumWidth(line * 14)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.tree)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        box.addWidget(self.split, 1)
        self._arrange()

        actions = QHBoxLayout()
        self.print_button = button(self.tr("Print guide"), self.print_guide, role="primary")
        self.print_button.setToolTip(self.tr("Preview and print the lesson guide (Ctrl+P)"))
        self.save_button = button(self.tr("Save PDF"), self.save_pdf)
        self.save_button.setToolTip(self.tr("Save the lesson guide as a PDF file (Ctrl+S)"))
        self.present_button = button(self.tr("Present"), self.present)
        self.present_button.setToolTip(self.tr("Show the lesson one step at a time (F5)"))
        for widget in (self.print_button, self.save_button, self.present_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        box.addLayout(actions)
        self.pdf_message = InlineMessage("ok")
        self.pdf.saved.connect(
            lambda path: self.pdf_message.show_text(self.tr("Saved: {path}").format(path=path))
        )
        box.addWidget(self.pdf_message)

        # Shortcuts only while this screen (or a child) has focus, so other screens keep theirs.
        for keys, slot in (("Ctrl+P", self.print_guide), ("Ctrl+S", self.save_pdf)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        present_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        present_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        present_key.activated.connect(self.present)

        box.addWidget(self._own_lessons_card())

        self.setTabOrder(self.tree, self.preview)
        self.setTabOrder(self.preview, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.present_button)
        self.setTabOrder(self.present_button, self.folder_field)
        self.setTabOrder(self.folder_field, self.open_folder_button)
        self.setTabOrder(self.open_folder_button, self.check_button)
        self.setTabOrder(self.check_button, self.problems_list)

    def _arrange(self) -> None:
        """Tree beside the preview when there is room; above it with very large text."""
        line = self.fontMetrics().height()
        wide = self.width() >= line * WIDE_LINES
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() == orientation and self.split.minimumHeight() > 0:
            return
        self.split.setOrientation(orientation)
        self.tree.setMinimumHeight(line * (12 if wide else 14))
        self.preview.setMinimumHeight(line * (12 if wide else 22))
        self.split.setMinimumHeight(line * 24 if wide else line * 36)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _own_lessons_card(self) -> QWidget:
        heading = label(self.tr("Your own lessons"), "heading")
        hint = label(
            self.tr(
                "Put your own lesson files in the ja or en folder inside this folder. New or "
                "changed lessons appear after dxhelper is started again."
            ),
            "muted",
        )
        self.folder_field = QLineEdit(str(self.services.paths.user_lessons))
        self.folder_field.setReadOnly(True)  # selectable and copyable, never cut off
        self.folder_field.setAccessibleName(self.tr("Your lessons folder"))
        folder_label = label(self.tr("Your lessons folder:"), buddy=self.folder_field)

        self.open_folder_button = button(self.tr("Open my lessons folder"), self.open_folder)
        self.check_button = button(self.tr("Check my lessons"), self.check_lessons)
        self.check_button.setToolTip(
            self.tr("Look for mistakes in the lesson files, like `dxhelper lessons check`")
        )
        row = QHBoxLayout()
        row.addWidget(self.open_folder_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)

        self.folder_message = InlineMessage("error")
        # Errors get the boxed error look; the style sheet cannot add a box to a shown label.
        self.check_summary = label("", "ok")
        self.check_summary.setAccessibleName(self.tr("Check result"))
        self.check_summary.hide()
        self.check_errors = InlineMessage("error")
        self.check_errors.setAccessibleName(self.tr("Check result"))
        self.problems_list = QListWidget()
        self.problems_list.setAccessibleName(self.tr("Problems in the lesson files"))
        self.problems_list.setWordWrap(True)  # long paths wrap anywhere rather than get cut
        self.problems_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.problems_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems_list.setMinimumHeight(self.fontMetrics().height() * 10)
        self.problems_list.hide()
        return card(
            heading,
            hint,
            folder_label,
            self.folder_field,
            holder,
            self.folder_message,
            self.check_summary,
            self.check_errors,
            self.problems_list,
        )

    # -- the tree ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the tree from the catalogue, keeping the chosen lesson."""
        chosen = self.current_lesson_id()
        lang = self.services.lang
        self.tree.blockSignals(True)
        self.tree.clear()
        for category, lessons in self.services.catalogue.by_category(lang).items():
            parent = QTreeWidgetItem([category.label(lang)])
            parent.setData(0, LESSON_ID, None)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            for lesson in lessons:
                parent.addChild(self._lesson_item(lesson))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if not (chosen and self.select_lesson(chosen)):
            first = self.tree.topLevelItem(0)
            target = first.child(0) if first is not None and first.childCount() else first
            if target is not None:
                self.tree.setCurrentItem(target)
            else:
                self._current_changed(None, None)

    def _lesson_item(self, lesson: Lesson) -> QTreeWidgetItem:
        title = lesson.title
        if lesson.overrides_builtin:
            title += " " + self.tr("(your own, replaces the built-in one)")
        elif lesson.is_user:
            title += " " + self.tr("(your own)")
        level = self.tr("Level {n}").format(n=lesson.level)
        minutes = self.tr("{n} min").format(n=lesson.minutes)
        item = QTreeWidgetItem([f"{title}\n{level}  ·  {minutes}"])
        item.setData(0, LESSON_ID, lesson.id)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}, {level}, {minutes}")
        item.setToolTip(0, title)
        return item

    def current_lesson_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, LESSON_ID) if item is not None else None

    def current_lesson(self) -> Lesson | None:
        lesson_id = self.current_lesson_id()
        if lesson_id is None or lesson_id not in self.services.catalogue:
            return None
        return self.services.catalogue.get(lesson_id, self.services.lang)

    def select_lesson(self, lesson_id: str) -> bool:
        """Choose a lesson in the tree (and so show it); False if there is no such lesson."""
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            for index in range(parent.childCount()):
                item = parent.child(index)
                if item.data(0, LESSON_ID) == lesson_id:
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
                    return True
        return False

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        lesson = self.current_lesson()
        for widget in (self.print_button, self.save_button, self.present_button):
            widget.setEnabled(lesson is not None)
        self.pdf_message.clear_text()
        if lesson is not None:
            self.preview.setHtml(self.lesson_html(lesson))
        elif current is not None:
            self.preview.setHtml(self._category_html(current))
        else:
            empty = self.tr("There are no lessons yet.")
            self.preview.setHtml(f"<p>{html.escape(empty)}</p>")
        self.preview.verticalScrollBar().setValue(0)

    # -- preview -------------------------------------------------------------------------------

    def _category_html(self, item: QTreeWidgetItem) -> str:
        titles = [item.child(i).text(0) for i in range(item.childCount())]
        hint = self.tr("Choose a lesson to see its steps here.")
        rows = "".join(f"<li>{html.escape(t)}</li>" for t in titles)
        return f"<h1>{html.escape(item.text(0))}</h1><ul>{rows}</ul><p>{html.escape(hint)}</p>"

    def lesson_html(self, lesson: Lesson) -> str:
        """The lesson as Qt rich text: every piece of lesson text is escaped."""
        lang = self.services.lang
        e = html.escape
        bring_title = self.tr("What to bring")
        steps_title = self.tr("Steps")
        links_title = self.tr("Links")
        helpline_title = self.tr("Helpline")
        parts = [f"<h1>{e(lesson.title)}</h1>"]
        facts = [
            lesson.category.label(lang),
            self.tr("Level {n}").format(n=lesson.level),
            self.tr("About {n} minutes").format(n=lesson.minutes),
        ]
        if lesson.is_user:
            facts.append(self.tr("Your own lesson"))
        parts.append(f"<p style='color:#4a4a4a'>{e('  ·  '.join(facts))}</p>")
        parts.append(blocks_html(lesson.intro, PREVIEW_LOOK))

        if lesson.bring:
            parts.append(f"<h2>{e(bring_title)}</h2>")
            parts.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in lesson.bring) + "</ul>")

        if lesson.steps:
            parts.append(f"<h2>{e(steps_title)}</h2>")
        for number, step in enumerate(lesson.steps, start=1):
            parts.append(f"<h3>{number}. {e(step.title)}</h3>")
            parts.append(blocks_html(step.blocks, PREVIEW_LOOK))

        if lesson.links:
            parts.append(f"<h2>{e(links_title)}</h2><ul>")
            for link in lesson.links:
                text = f"{e(link.label)}: {e(link.url)}"
                if not link.qr:
                    no_qr = self.tr("no QR code: not an official address")
                    text += f" <i>({e(no_qr)})</i>"
                parts.append(f"<li>{text}</li>")
            parts.append("</ul>")

        if lesson.helpline is not None:
            helpline = lesson.helpline
            parts.append(f"<h2>{e(helpline_title)}</h2>")
            parts.append(f"<p><b>{e(helpline.label)}</b>: {e(helpline.number)}")
            if helpline.hours:
                parts.append(f"<br>{e(helpline.hours)}")
            parts.append("</p>")
        return "".join(parts)

    # -- actions -------------------------------------------------------------------------------

    def print_guide(self) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            return
        options = self.services.handout_options()  # read settings here, on the GUI thread
        self.pdf.preview(lambda: _guide_pdf(lesson, options))

    def save_pdf(self, target: Path | None = None) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            return
        options = self.services.handout_options()
        self.pdf_message.clear_text()
        self.pdf.save(lambda: _guide_pdf(lesson, options), f"{lesson.id}-{lesson.lang}.pdf", target)

    def present(self) -> None:
        lesson_id = self.current_lesson_id()
        if lesson_id is not None:
            self.present_requested.emit(lesson_id)

    def open_folder(self) -> None:
        self.folder_message.clear_text()
        folder = self.services.paths.user_lessons
        try:
            # The ja and en folders show where lesson files belong.
            for lang in ("ja", "en"):
                (folder / lang).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.folder_message.show_text(
                self.tr("Could not make the folder {path}: {reason}").format(
                    path=folder, reason=exc.strerror or exc
                )
            )
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.folder_message.show_text(
                self.tr("Could not open the folder. Its place is shown above.")
            )

    def check_lessons(self) -> list[Problem]:
        """Validate the built-in lessons and the user's own, as `dxhelper lessons check` does."""
        from dxhelper.core.lessons.check import check_paths

        builtin = builtin_lessons_dir()
        user = self.services.paths.user_lessons
        targets = [builtin]
        # An empty folder (made by "Open my lessons folder") is not worth a warning.
        if user.exists() and any(user.rglob("*.md")):
            targets.append(user)
        trusted = self.services.settings.get("trusted_domains")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problems = check_paths(targets, builtin_root=builtin, trusted_domains=trusted)
        except OSError as exc:
            self.check_summary.hide()
            self.check_errors.clear_text()
            self.problems_list.hide()
            self.folder_message.show_text(
                self.tr("Could not read the lessons: {reason}").format(reason=exc)
            )
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.folder_message.clear_text()
        self._show_problems(problems, sum(len(lesson_files(t)) for t in targets))
        return problems

    def check_result(self) -> str:
        """The summary line of the last check (empty before one has run)."""
        if self.check_errors.isVisibleTo(self):
            return self.check_errors.text()
        return self.check_summary.text() if self.check_summary.isVisibleTo(self) else ""

    def _show_problems(self, problems: list[Problem], files: int) -> None:
        lang = self.services.lang
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        if problems:
            summary = self.tr("Problems found. Errors: {errors}, warnings: {warnings}.").format(
                errors=errors, warnings=warnings
            )
        else:
            summary = self.tr("No problems found ({files} lesson files checked).").format(
                files=files
            )
        if errors:
            self.check_summary.hide()
            self.check_errors.show_text(summary)
        else:
            self.check_errors.clear_text()
            # Only the colour changes with the role, which a re-polish does apply.
            self.check_summary.setProperty("role", "" if problems else "ok")
            self.check_summary.style().unpolish(self.check_summary)
            self.check_summary.style().polish(self.check_summary)
            self.check_summary.setText(summary)
            self.check_summary.show()
        self.problems_list.clear()
        for problem in problems:
            item = QListWidgetItem(problem.format(lang))
            item.setForeground(QColor(DANGER if problem.is_error else HELP))
            item.setToolTip(str(problem.path))
            self.problems_list.addItem(item)
        self.problems_list.setVisible(bool(problems))


class _WrappingDelegate(QStyledItemDelegate):
    """Rows tall enough for their wrapped text at the tree's current width, and never small."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        depth = 1
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        metrics = option.fontMetrics
        margin = metrics.height()  # the style's text margins, with room to spare
        width = self.tree.viewport().width() - self.tree.indentation() * depth - margin
        text = str(index.data() or "")
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        bounds = metrics.boundingRect(QRect(0, 0, max(width, margin * 4), 1_000_000), flags, text)
        line = metrics.height()
        height = max(hint.height(), bounds.height() + line, round(line * 2.7))  # >= 40 px at 100%
        return QSize(hint.width(), height)


def _guide_pdf(lesson: Lesson, options):
    """Runs in the worker; reportlab is imported there, not at start-up."""
    from dxhelper.handouts import guide_pdf

    return guide_pdf(lesson, options)
