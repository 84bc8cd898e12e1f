"""Icons and other files from the project's resources/ folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QWidget

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"


@cache
def icon(name: str) -> QIcon:
    """The SVG icon `resources/icons/<name>.svg` (an empty icon if it is missing)."""
    path = RESOURCES_DIR / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def is_dark(widget: QWidget) -> bool:
    """True when the widget's palette is a dark one."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def error_color(widget: QWidget) -> str:
    """A red that stays readable on the widget's palette, light or dark."""
    return "#ff8a80" if is_dark(widget) else "#b3261e"
