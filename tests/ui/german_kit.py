"""Helpers for the tests that look at a window in German: the app in German for a test, and
the English left on screen (a catalogue's English source shown as it is, or common English
words once the data values are taken out)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from fieldapp.ui.languages import install_translation, remove_translation

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "translations"

# Words that are English and not German. Words both languages write alike (Online, Offline,
# Server, Sync, Problem, Normal, Update, Version, System, Design) are left out.
ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "to",
        "with",
        "your",
        "you",
        "this",
        "that",
        "visit",
        "visits",
        "now",
        "open",
        "search",
        "order",
        "round",
        "today",
        "tomorrow",
        "yesterday",
        "back",
        "at",
        "not",
        "confirmed",
        "rejected",
        "files",
        "file",
        "missing",
        "all",
        "done",
        "log",
        "out",
        "user",
        "switch",
        "find",
        "close",
        "view",
        "help",
        "about",
        "keyboard",
        "shortcuts",
        "settings",
        "promises",
        "promise",
        "since",
        "last",
        "never",
        "synced",
        "sent",
        "upcoming",
        "overdue",
        "scheduled",
        "arrived",
        "working",
        "completed",
        "priority",
        "high",
        "low",
        "critical",
        "customer",
        "location",
        "window",
        "step",
        "reference",
        "events",
        "event",
        "waiting",
        "assisting",
        "floor",
        "new",
        "walk",
        "is",
        "are",
        "no",
        "yet",
        "for",
        "on",
        "from",
        "by",
        "or",
        "reverse",
        "show",
        "hide",
        "changes",
        "changed",
        "nothing",
        "due",
        "when",
        "who",
        "where",
        "what",
        "keys",
        "copy",
        "cache",
        "attachments",
        "folder",
        "logged",
        "nobody",
        "every",
        "everything",
        "reached",
        "refused",
        "see",
        "why",
        "connected",
        "answered",
    }
)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The app in German for the test (build the window after asking for this)."""
    installed = install_translation(qapp, "de")
    assert installed
    try:
        yield
    finally:
        remove_translation(qapp, installed)


def differing_sources(*areas: str) -> set[str]:
    """The English texts, as written in the code, of the areas' German catalogues (all of
    them when none is named) whose German differs."""
    paths = [CATALOGUES / f"{area}_de.ts" for area in areas] or sorted(CATALOGUES.glob("*_de.ts"))
    found = set()
    for path in paths:
        for message in ET.parse(path).getroot().iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            forms = [] if translation is None else list(translation.iter("numerusform"))
            german = [f.text or "" for f in forms] or [getattr(translation, "text", "") or ""]
            if source not in german:
                found.add(source)
    return found


def english_sources(*areas: str) -> frozenset[str]:
    """differing_sources, as read (see plain)."""
    return frozenset(plain(source) for source in differing_sources(*areas))


def plain(text: str) -> str:
    """As read: no '&' accelerator, no trailing ellipsis, spaces folded."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.rstrip("\u2026").split())


def english_left(texts: Iterable[str], sources: frozenset[str], data: Iterable[str]) -> list[str]:
    """The texts that are still English: a catalogue's source as it is, or holding a common
    English word once the data values (`data`: references, names, places...) are removed."""
    values = sorted((value for value in data if value), key=len, reverse=True)
    left = []
    for text in texts:
        shown = plain(text)
        if not shown:
            continue
        if shown in sources:
            left.append(text)
            continue
        for value in values:
            shown = shown.replace(value, " ")
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", shown)}
        if words & ENGLISH_WORDS:
            left.append(text)
    return left


def widget_texts(top: QWidget) -> list[str]:
    """What `top` and every widget in it show or say of themselves: titles, texts, tooltips,
    accessible names, placeholders, combo items, tab and header titles."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                texts += [widget.tabText(index), widget.tabToolTip(index)]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    return texts
