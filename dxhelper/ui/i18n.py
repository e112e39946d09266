"""Qt's translation system: our .qm (built from resources/i18n/*.ts) and Qt's own dialogs'."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dxhelper.paths import resources_dir

# English is the source language of the strings in the code; Japanese comes from the .qm.
SOURCE_LANGUAGE = "en"

log = logging.getLogger(__name__)


def qm_path(lang: str) -> str:
    return str(resources_dir() / "i18n" / f"dxhelper_{lang}.qm")


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Replace the installed translators with those for `lang`; returns them (keep a ref).

    A missing .qm (an install that skipped the build step) is no reason to refuse to start:
    the window falls back to its source language, English, with a one-line warning."""
    for old in getattr(app, "_dx_translators", []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    # English has a .qm too: it holds only the plural forms of the English source strings.
    ours = QTranslator(app)
    if not ours.load(qm_path(lang)):
        log.warning(
            "%s is missing: showing English (build it with scripts/translations.py build)",
            Path(qm_path(lang)).name,
        )
        lang = SOURCE_LANGUAGE
    else:
        translators.append(ours)
    if lang != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(QLocale(lang), "qtbase", "_", qt_dir):
            translators.append(qt_own)
    for translator in translators:
        app.installTranslator(translator)
    app._dx_translators = translators  # type: ignore[attr-defined]
    QLocale.setDefault(
        QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English)
    )
    return translators


def tr(context: str, text: str) -> str:
    """For code outside a QObject; `context` must be a literal so pyside6-lupdate finds it."""
    return QCoreApplication.translate(context, text)
