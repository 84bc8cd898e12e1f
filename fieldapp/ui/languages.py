"""The app's languages: the German (and any later) catalogues under resources/translations,
installed with Qt's own for its standard buttons, and the locale dates and numbers follow."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldapp.ui.resources import RESOURCES_DIR

log = logging.getLogger(__name__)

ENGLISH = "en"  # the language the source is written in: no catalogue
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
# Qt's catalogues for its own words (Cancel, OK, Yes on standard buttons and dialogs).
QT_CATALOGUES = ("qtbase",)


def translation_files(folder: Path = RESOURCES_DIR) -> dict[str, list[Path]]:
    """The app's compiled catalogues under `folder`, `<area>_<code>.qm`, by language code.

    The app's words are split into a catalogue per part of the code (the visit window, the
    supervisors' screens...) so each part's translators work on their own file."""
    found: dict[str, list[Path]] = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*.qm")):
            code = path.stem.rpartition("_")[2] if "_" in path.stem else path.stem
            found.setdefault(code, []).append(path)
    return found


def language_name(code: str) -> str:
    """A language's name in itself ("Deutsch"), or its code when Qt does not know it."""
    if code == ENGLISH:
        return "English"
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


def available_languages(folder: Path = RESOURCES_DIR) -> list[tuple[str, str]]:
    """(code, name) of English and of every translation found in resources/."""
    codes = [ENGLISH, *(code for code in translation_files(folder) if code != ENGLISH)]
    return [(code, language_name(code)) for code in codes]


def install_translation(
    app: QCoreApplication, language: str, folder: Path = RESOURCES_DIR
) -> list[QTranslator]:
    """Translate the app into `language` when resources/ has it, Qt's own words included,
    and make it the locale of dates and numbers; the translators installed (none in English
    or for a language with no catalogue)."""
    paths = translation_files(folder).get(language, [])
    if language == ENGLISH or not paths:
        return []
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt_paths = [qt_folder / f"{name}_{language}.qm" for name in QT_CATALOGUES]
    installed: list[QTranslator] = []
    for path in [*paths, *(p for p in qt_paths if p.is_file())]:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("the translation %s could not be loaded", path)
    if installed:
        QLocale.setDefault(QLocale(language))
    return installed


def remove_translation(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Back to the source language (English) and the system's locale."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
