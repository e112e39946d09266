"""A calm, high-contrast look with large text and large targets, scaled by the text-size setting."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

# Families to try for the interface, best first (BIZ UDGothic is made for legibility).
UI_FAMILIES = ("BIZ UDPGothic", "BIZ UDGothic", "Yu Gothic UI", "Meiryo UI", "IPAexGothic")
BASE_POINTS = 11.0  # one step above Qt's usual 10 pt (the "one step larger")
MIN_TARGET_PX = 40

INK = "#1a1a1a"
PAPER = "#fbfaf7"
ACCENT = "#0b5cad"
ACCENT_DARK = "#08427d"
LINE = "#8a8a8a"
SOFT = "#e8eef6"
DANGER = "#a4161a"
OK = "#1b6e20"
HELP = "#9a5b00"
PRACTICE = "#fff1c2"  # the practice-data band: pale amber, dark brown text (contrast > 9:1)
PRACTICE_INK = "#4d2f00"


def ui_family() -> str:
    available = set(QFontDatabase.families())
    return next((f for f in UI_FAMILIES if f in available), QGuiApplication.font().family())


def scale_factor(text_scale: int) -> float:
    return max(100, min(200, text_scale)) / 100


# An application made with Fusion already (app.application() passes "-style Fusion"): the first
# apply_style leaves it as it is.
FUSION_FROM_START = "dxhelperFusionFromStart"


def apply_style(app: QApplication, text_scale: int) -> None:
    factor = scale_factor(text_scale)
    font = QFont(ui_family())
    font.setPointSizeF(BASE_POINTS * factor)
    app.setFont(font)
    if app.property(FUSION_FROM_START):
        app.setProperty(FUSION_FROM_START, None)
    else:
        app.setStyle("Fusion")  # the same calm look on every platform
    app.setStyleSheet(style_sheet(factor))


def style_sheet(factor: float) -> str:
    px = lambda n: f"{round(n * factor)}px"  # noqa: E731 - sizes scale with the text
    target = px(MIN_TARGET_PX)
    return f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {PAPER}; }}
QPushButton, QToolButton {{
    min-height: {target}; padding: {px(4)} {px(14)};
    border: 2px solid {LINE}; border-radius: {px(6)}; background: white;
}}
QPushButton:hover, QToolButton:hover {{ background: {SOFT}; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus,
QPlainTextEdit:focus, QTableView:focus, QListWidget:focus, QCheckBox:focus, QDateEdit:focus,
QTimeEdit:focus, QTreeWidget:focus {{
    border: 3px solid {ACCENT};
}}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; font-weight: bold;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="danger"] {{ color: {DANGER}; border-color: {DANGER}; }}
QPushButton:disabled {{ color: #777; background: #eee; border-color: #bbb; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit {{
    min-height: {target}; padding: 0 {px(6)}; border: 2px solid {LINE};
    border-radius: {px(4)}; background: white;
}}
QSpinBox::up-button, QSpinBox::down-button, QTimeEdit::up-button, QTimeEdit::down-button {{
    width: {px(28)};
}}
QPlainTextEdit, QTextBrowser, QTableView, QListWidget, QTreeWidget {{
    border: 2px solid {LINE}; background: white;
}}
QCheckBox, QRadioButton {{ min-height: {target}; spacing: {px(10)}; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {px(24)}; height: {px(24)}; }}
QRadioButton:focus {{ border: 3px solid {ACCENT}; }}
QTreeView::indicator, QListView::indicator {{ width: {px(24)}; height: {px(24)}; }}
QListWidget::item {{ padding: {px(6)} {px(4)}; }}
QListWidget#nav {{
    background: #23364d; color: white; border: none; padding-top: {px(8)};
    show-decoration-selected: 1; outline: 0;
}}
QListWidget#nav::item {{ padding: 0 {px(16)}; color: white; }}
QListWidget#nav::item:selected {{ background: {PAPER}; color: {INK}; font-weight: bold; }}
QListWidget#nav:focus {{ border: 3px solid #ffd24d; }}
QLabel[role="title"] {{ font-size: {px(26)}; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {px(19)}; font-weight: bold; }}
QLabel[role="figure"] {{ font-size: {px(34)}; font-weight: bold; color: {ACCENT_DARK}; }}
QLabel[role="muted"] {{ color: #4a4a4a; }}
QLabel[role="error"] {{
    color: {DANGER}; background: #fdecea; border: 2px solid {DANGER};
    border-radius: {px(4)}; padding: {px(6)};
}}
QLabel[role="ok"] {{ color: {OK}; }}
QFrame[role="card"] {{
    background: white; border: 2px solid #cfd6de; border-radius: {px(8)};
}}
/* The progress grid frames its selected cell instead: a fill would hide ✓/△ and the pale hue. */
QTableView#progressGrid {{
    selection-background-color: transparent; selection-color: {INK};
    show-decoration-selected: 0;
}}
QHeaderView::section {{
    background: {SOFT}; padding: {px(4)}; border: 1px solid #b8c2cc; font-weight: bold;
}}
QProgressBar {{
    min-height: {px(22)}; border: 2px solid {LINE}; border-radius: {px(4)}; text-align: center;
    background: white;
}}
QProgressBar::chunk {{ background: {OK}; }}
QStatusBar {{ background: {SOFT}; }}
/* Practice data (issue 16 §6): a calm amber band over every screen while it is open. */
QFrame#practiceBand {{ background: {PRACTICE}; border-bottom: 3px solid {HELP}; }}
QLabel[role="practice"] {{ font-size: {px(19)}; font-weight: bold; color: {PRACTICE_INK}; }}
"""
