"""The Settings… action (Ctrl+,) of a window's menu, without the dialog it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

SHORTCUT = "Ctrl+,"  # the usual one for settings (macOS' Preferences, many Linux apps)


def settings_action(parent: QWidget, slot: Callable[[], object]) -> QAction:
    """The Settings… action (Ctrl+,) of a window's menu."""
    action = QAction(QCoreApplication.translate("SettingsDialog", "Setti&ngs\u2026"), parent)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setToolTip(
        QCoreApplication.translate(
            "SettingsDialog", "Server, certificates, theme, language and sync interval ({keys})"
        ).format(keys=SHORTCUT)
    )
    action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action
