"""The app's languages: every catalogue is current with the code, complete and compiled, its
placeholders and keyboard accelerators kept, and a chosen language reaches the widgets."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QApplication

from fieldapp.ui.languages import available_languages, install_translation, remove_translation

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402 - packaging/translations.py, as `make translations` runs it

# {name} for str.format, %n for a count, %1..%9 for QString's arg().
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n|%[1-9]")


def _messages() -> list[tuple[str, str, str, list[str]]]:
    found = []
    for path in sorted(translations.CATALOGUES.glob("*.ts")):
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                translation = message.find("translation")
                assert translation is not None, (path.name, source)
                forms = [f.text or "" for f in translation.iter("numerusform")]
                found.append((path.name, name, source, forms or [translation.text or ""]))
    return found


@pytest.mark.slow
def test_every_catalogue_is_current_complete_and_compiled() -> None:
    assert translations.check() == []


def test_translations_keep_placeholders_and_accelerators() -> None:
    wrong = []
    for catalogue, context, source, forms in _messages():
        wanted = sorted(set(PLACEHOLDER.findall(source)) - {"%n"})
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(form)) - {"%n"}) != wanted:
                wrong.append((catalogue, context, source, form))
            # An accelerator in the source (&Save) needs one in the translation, and only one.
            if re.search(r"&[^&\s]", source) and len(re.findall(r"&[^&\s]", form)) != 1:
                wrong.append((catalogue, context, source, form))
    assert wrong == []


def test_german_is_offered_and_reaches_the_app(qapp: QApplication) -> None:
    assert ("de", "Deutsch") in available_languages()
    installed = install_translation(qapp, "de")
    try:
        assert installed
        assert QCoreApplication.translate("SettingsDialog", "&Language:") == "&Sprache:"
        # Qt's own words (standard buttons) come with it, and dates follow the language.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
        assert QLocale().toString(QDate(2026, 12, 6), "dddd") == "Sonntag"
    finally:
        remove_translation(qapp, installed)
    assert QCoreApplication.translate("SettingsDialog", "&Language:") == "&Language:"


def test_english_installs_nothing(qapp: QApplication) -> None:
    assert install_translation(qapp, "en") == []
