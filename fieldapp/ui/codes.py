"""The listed values stored as codes (fieldapp.domain.codes) said in the app's language, and
chosen from a list that shows them so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from fieldapp.domain.codes import CODES_CONTEXT, ESCALATION_TEAMS, SKILL_LEVELS


def code_words(value: str, codes: tuple[str, ...]) -> str:
    """A stored value as the screen says it: a listed code in the app's language, anything
    else (typed by hand, or recorded before the codes) as it is."""
    if value in codes:
        return QCoreApplication.translate(CODES_CONTEXT, value)
    return value


def team_words(value: str) -> str:
    """The team a visit was escalated to, in the app's language."""
    return code_words(value, ESCALATION_TEAMS)


def skill_words(value: str) -> str:
    """A user's skill level, in the app's language."""
    return code_words(value, SKILL_LEVELS)


def fill_codes(combo: QComboBox, codes: tuple[str, ...]) -> None:
    """Offer `codes` in the app's language, each item's data its code."""
    for code in codes:
        combo.addItem(code_words(code, codes), code)


def chosen_code(combo: QComboBox) -> str:
    """The code of the item shown in an editable combo, or the text typed when it is none
    of them (a team or a level not on the list)."""
    typed = combo.currentText().strip()
    index = combo.findText(typed)
    listed = combo.itemData(index) if index >= 0 else None
    return str(listed) if listed else typed
