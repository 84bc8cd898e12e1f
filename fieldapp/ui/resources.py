"""Icons and other files from the project's resources/ folder."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def _resources_dir() -> Path:
    # An installed wheel and the frozen app carry them inside the package (setup.py and
    # packaging/fieldapp.spec put them there); a checkout has them beside the package.
    packaged = Path(__file__).resolve().parents[1] / "resources"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "resources"


RESOURCES_DIR = _resources_dir()


@cache
def icon(name: str) -> QIcon:
    """The SVG icon `resources/icons/<name>.svg`; an empty icon if it is missing, which the
    log notes (once per name) so a broken install shows up with the support desk."""
    path = RESOURCES_DIR / "icons" / f"{name}.svg"
    if not path.exists():
        log.warning("icon %r is missing: %s does not exist", name, path)
        return QIcon()
    return QIcon(str(path))


def is_dark(widget: QWidget) -> bool:
    """True when the widget's palette is a dark one."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def error_color(widget: QWidget) -> str:
    """A red that stays readable on the widget's palette, light or dark."""
    return "#ff8a80" if is_dark(widget) else "#b3261e"
