"""Every text at least 4.5:1 in the light, dark and system palettes, and the theme chosen in
View > Theme kept for the next start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.ui import theme, window_place
from fieldapp.ui.resources import error_color
from fieldapp.ui.supervisor.common import attention_color, good_color

R, G = QPalette.ColorRole, QPalette.ColorGroup


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(window_place.CONFIG_DIR_ENV, str(tmp_path / "config"))


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """Put back the app's palette and style after a test that applies a theme."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setProperty("fieldapp_system_palette", None)


def washed_out() -> QPalette:
    """A system palette as some desktops give it: grey help text, faint disabled text."""
    palette = QPalette(QColor("#efefef"))
    palette.setColor(R.PlaceholderText, QColor("#8c8c8c"))  # ~3.1:1
    palette.setColor(G.Disabled, R.WindowText, QColor("#c8c8c8"))  # ~1.6:1
    palette.setColor(G.Disabled, R.Text, QColor("#d0d0d0"))
    return palette


def palettes(qapp: QApplication) -> dict[str, QPalette]:
    return {
        "light": theme.palette_for(theme.LIGHT, qapp.palette()),
        "dark": theme.palette_for(theme.DARK, qapp.palette()),
        "system": theme.palette_for(theme.SYSTEM, qapp.palette()),
        "washed-out system": theme.palette_for(theme.SYSTEM, washed_out()),
    }


def test_every_text_role_is_readable_on_what_it_is_drawn_on(qapp: QApplication) -> None:
    assert theme.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast(QColor("#8c8c8c"), QColor("#efefef")) < 3.5  # the bad input is bad
    for name, palette in palettes(qapp).items():
        for group in theme.GROUPS:
            for text, grounds in theme.TEXT_ON:
                for ground in grounds:
                    ratio = theme.contrast(palette.color(group, text), palette.color(group, ground))
                    assert ratio >= theme.MIN_CONTRAST, (name, group, text, ground, ratio)


def test_the_apps_own_colours_are_readable_on_both_themes(qtbot: QtBot, qapp: QApplication) -> None:
    for name in ("light", "dark"):
        palette = palettes(qapp)[name]
        widget = QWidget()
        qtbot.addWidget(widget)
        widget.setPalette(palette)
        previous = QPalette(qapp.palette())
        qapp.setPalette(palette)  # attention_color and good_color read the app's palette
        try:
            colours = [QColor(error_color(widget)), attention_color(), good_color()]
        finally:
            qapp.setPalette(previous)
        for colour in colours:
            for ground in (R.Window, R.Base):
                ratio = theme.contrast(colour, palette.color(ground))
                assert ratio >= theme.MIN_CONTRAST, (name, colour.name(), ground, ratio)


def test_the_chosen_theme_is_applied_and_kept(app_palette: QApplication) -> None:
    assert theme.saved_theme() == theme.SYSTEM
    theme.choose_theme(app_palette, theme.DARK)
    assert app_palette.palette().color(R.Window).lightness() < 64
    assert isinstance(app_palette.style(), theme.FocusStyle)
    assert theme.saved_theme() == theme.DARK  # read back from the settings file
    theme.choose_theme(app_palette, theme.LIGHT)
    assert app_palette.palette().color(R.Window).lightness() > 200
    assert theme.apply_theme(app_palette) == theme.LIGHT  # as at the next start
