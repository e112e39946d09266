"""How the progress grid is drawn: the two-tier lesson/step header and the cells' focus frame."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from dxhelper.core.lessons.model import Lesson
from dxhelper.ui.progress_model import COLOURS, EARLIER_INK, MARKS, OPEN_CELL, ProgressModel
from dxhelper.ui.style import ACCENT, BASE_POINTS, SOFT

BAND = QColor("#23364d")  # the lesson band, as the navigation bar
SECTION_FILL, SECTION_LINE = QColor(SOFT), QColor("#b8c2cc")  # as the style sheet's sections
# A step title wraps onto this many lines at most, then ends in "…" (Japanese says more a line).
TITLE_LINES = {"ja": 2, "en": 3}
COLUMN_CHARS = 5  # a step column is this many full-width characters wide
MARK_SCALE = 1.5  # ✓ and △ beside the names' text size


def wrap(font: QFont, text: str, width: int, max_lines: int) -> list[str]:
    """`text` broken into lines no wider than `width` (Japanese anywhere, English at spaces);
    beyond `max_lines` the last line ends in "…"."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1 :]).strip()
        elided = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
        lines = [*lines[: max_lines - 1], elided]
    return [line.strip() for line in lines]


def paint_section_frame(painter: QPainter, rect: QRect) -> None:
    """A header section's ground and border, as the style sheet draws them (background, 1 px
    border): drawn directly, because the style sheet's drawing of each section was most of a
    header's repaint, and an arrival repaints both headers of the grid."""
    painter.fillRect(rect, SECTION_FILL)
    painter.setPen(SECTION_LINE)
    painter.drawRect(rect.adjusted(0, 0, -1, -1))


def section_padding(font: QFont) -> int:
    """The style sheet's section padding (4 px at 100 %, growing with the text size)."""
    return round(4 * font.pointSizeF() / BASE_POINTS)


class QuietHeader(QHeaderView):
    """A header that never highlights: nothing to redraw when the current cell or the
    selection moves. Qt's header repaints the sections of the selected and current columns
    and rows to highlight them; that repaint was half of a tick (issue 19 §9)."""

    def currentChanged(self, current, old) -> None:
        if self.highlightSections():
            super().currentChanged(current, old)

    def selectionChanged(self, selected, deselected) -> None:
        if self.highlightSections():
            super().selectionChanged(selected, deselected)


class NameHeader(QuietHeader):
    """The grid's rows: each resident's name, bold on the sections' ground, shortened with "…"
    when the column is narrower than the name (the tooltip holds it whole)."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.setHighlightSections(False)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        painter.save()
        paint_section_frame(painter, rect)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        pad = section_padding(font) + 1
        text = str(self.model().headerData(logical, self.orientation()) or "")
        shown = rect.adjusted(pad, 0, -pad, 0)
        text = QFontMetrics(font).elidedText(text, self.textElideMode(), shown.width())
        painter.drawText(shown, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()


class LessonHeader(QuietHeader):
    """Two tiers: each lesson's title across its steps on top, the step titles below (wrapped,
    shortened with "…" when long; the tooltip holds the full title)."""

    def __init__(self, model: ProgressModel) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.progress = model
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self._wrapped: dict[tuple[str, int, int, str], list[str]] = {}

    def _pad(self) -> int:
        return max(3, self.fontMetrics().height() // 5)

    def band_height(self) -> int:
        return self.fontMetrics().height() + 2 * self._pad()

    def step_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(False)
        return font

    def step_lines(self, logical: int) -> list[str]:
        column = self.progress.columns[logical]
        text = f"{column.step_index + 1}. {column.step.title}"
        width = max(1, self.sectionSize(logical) - 2 * self._pad())
        lines = TITLE_LINES.get(self.progress.lang, max(TITLE_LINES.values()))
        font = self.step_font()
        # Laid out once per title, width and font: each repaint and size hint asks again.
        key = (text, width, lines, font.key())
        found = self._wrapped.get(key)
        if found is None:
            if len(self._wrapped) > 2000:
                self._wrapped.clear()
            found = self._wrapped[key] = wrap(font, text, width, lines)
        return found

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        count = len(self.progress.columns)
        lines = max((len(self.step_lines(i)) for i in range(count)), default=1)
        spacing = QFontMetrics(self.step_font()).lineSpacing()
        height = self.band_height() + lines * spacing + 2 * self._pad()
        return QSize(hint.width(), height)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        band = self.band_height()
        lower = QRect(rect.left(), rect.top() + band, rect.width(), rect.height() - band)
        painter.save()
        paint_section_frame(painter, lower)
        painter.setFont(self.step_font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        lines = self.step_lines(logical)
        pad = self._pad()
        painter.drawText(
            lower.adjusted(pad, pad, -pad, -pad),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            "\n".join(lines),
        )
        if self.progress.columns[logical].first_of_lesson and logical > 0:
            painter.setPen(QPen(BAND, 2))
            painter.drawLine(lower.left(), lower.top(), lower.left(), lower.bottom())
        painter.restore()

    def bands(self) -> list[tuple[Lesson, int, int]]:
        """Each lesson with its first and last column."""
        found: list[tuple[Lesson, int, int]] = []
        for i, column in enumerate(self.progress.columns):
            if found and found[-1][0] is column.lesson:
                found[-1] = (column.lesson, found[-1][1], i)
            else:
                found.append((column.lesson, i, i))
        return found

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        height = self.band_height()
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        pad = self._pad() * 2
        for lesson, start, end in self.bands():
            left = self.sectionViewportPosition(start)
            right = self.sectionViewportPosition(end) + self.sectionSize(end)
            band = QRect(left, 0, right - left, height)
            painter.fillRect(band, BAND)
            # The title stays in sight while the steps scroll sideways under it.
            shown = band.intersected(self.viewport().rect()).adjusted(pad, 0, -pad, 0)
            text = metrics.elidedText(
                lesson.title, Qt.TextElideMode.ElideRight, max(0, shown.width())
            )
            painter.setPen(QColor("white"))
            painter.drawText(shown, Qt.AlignmentFlag.AlignVCenter, text)
            painter.drawLine(right - 1, 0, right - 1, height)
        painter.end()


class StepDelegate(QStyledItemDelegate):
    """Paints a cell with its own colour and mark whether selected or not; the selected cell
    gets a frame in the accent colour instead of a fill that would hide ✓/△ and the pale hue."""

    def __init__(self, view: QWidget, model: ProgressModel) -> None:
        super().__init__(view)
        self.view = view
        self.progress = model
        self._mark_fonts: dict[str, QFont] = {}
        self._last: tuple[QFont, QFont] | None = None

    def mark_font(self, font: QFont) -> QFont:
        """✓ and △ a size up and bold, to be read at a glance."""
        if self._last is not None and self._last[0] == font:  # nearly always: the view's font
            return self._last[1]
        key = font.key()
        marked = self._mark_fonts.get(key)
        if marked is None:
            marked = QFont(font)
            marked.setBold(True)
            marked.setPointSizeF(font.pointSizeF() * MARK_SCALE)
            self._mark_fonts[key] = marked
        self._last = (QFont(font), marked)
        return marked

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.text:
            option.font = self.mark_font(option.font)

    def frame_width(self) -> int:
        return 3 if self.view.hasFocus() else 2

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # Drawn here from the model's cell rather than through the style: the style asks the
        # model for each of a dozen roles of every cell in sight, and a new row repaints every
        # row under it (most of an arrival's time in a class of 30).
        model = self.progress
        column = model.columns[index.column()]
        resident = model.residents[index.row()]
        cell = model.cells.get((resident.id, column.lesson.id, column.step.id), OPEN_CELL)
        earlier = model.is_earlier(cell)
        rect = option.rect
        colours = COLOURS.get(cell.state)
        painter.save()
        if colours is not None:
            painter.fillRect(rect, colours[1 if earlier else 0])
        mark = MARKS[cell.state]
        if mark:
            painter.setFont(self.mark_font(option.font))
            ink = EARLIER_INK if earlier else option.palette.color(QPalette.ColorRole.Text)
            painter.setPen(ink)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if column.first_of_lesson and index.column() > 0:  # where the next lesson starts
            painter.setPen(QPen(BAND, 2))
            rect = option.rect
            painter.drawLine(rect.left(), rect.top(), rect.left(), rect.bottom())
        if selected:
            width = self.frame_width()
            pen = QPen(QColor(ACCENT), width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = width // 2
            painter.drawRect(
                option.rect.adjusted(inset, inset, -inset - (width % 2), -inset - (width % 2))
            )
        painter.restore()
