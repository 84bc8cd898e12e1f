"""The app's look: a light or dark palette (or the system's, made readable), every text at
least 4.5:1 against what it is drawn on, a focus frame that can be seen, and the choice kept
in the app's settings (View > Theme)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.window_place import app_settings

SYSTEM, LIGHT, DARK = "system", "light", "dark"
# The choices and their menu words, translated where shown (context "Theme").
THEMES: tuple[tuple[str, str], ...] = (
    (SYSTEM, QT_TRANSLATE_NOOP("Theme", "&System")),
    (LIGHT, QT_TRANSLATE_NOOP("Theme", "&Light")),
    (DARK, QT_TRANSLATE_NOOP("Theme", "&Dark")),
)
SETTINGS_KEY = "view/theme"
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text

R = QPalette.ColorRole
G = QPalette.ColorGroup

# Which text role is drawn on which background roles, as the app's widgets use them.
TEXT_ON: tuple[tuple[QPalette.ColorRole, tuple[QPalette.ColorRole, ...]], ...] = (
    (R.WindowText, (R.Window,)),
    (R.Text, (R.Base, R.AlternateBase)),
    (R.ButtonText, (R.Button,)),
    (R.HighlightedText, (R.Highlight,)),
    (R.ToolTipText, (R.ToolTipBase,)),
    (R.PlaceholderText, (R.Window, R.Base, R.AlternateBase)),  # help and muted text
    (R.Link, (R.Window, R.Base)),
    (R.BrightText, (R.Dark,)),
)
GROUPS = (G.Active, G.Inactive, G.Disabled)

_LIGHT = {
    R.Window: "#f3f3f3",
    R.WindowText: "#1a1a1a",
    R.Base: "#ffffff",
    R.AlternateBase: "#f2f4f7",
    R.Text: "#1a1a1a",
    R.Button: "#e9e9e9",
    R.ButtonText: "#1a1a1a",
    R.Highlight: "#2a62a8",
    R.HighlightedText: "#ffffff",
    R.PlaceholderText: "#5c5c5c",
    R.Link: "#1a5aa6",
    R.LinkVisited: "#6a3d9a",
    R.ToolTipBase: "#fffbe0",
    R.ToolTipText: "#1a1a1a",
    R.BrightText: "#ffffff",
    R.Light: "#ffffff",
    R.Midlight: "#f6f6f6",
    R.Mid: "#c4c4c4",
    R.Dark: "#8a8a8a",
    R.Shadow: "#5a5a5a",
}
_DARK = {
    R.Window: "#202124",
    R.WindowText: "#e8eaed",
    R.Base: "#17181a",
    R.AlternateBase: "#25272b",
    R.Text: "#e8eaed",
    R.Button: "#2f3034",
    R.ButtonText: "#e8eaed",
    R.Highlight: "#8ab4f8",
    R.HighlightedText: "#17181a",
    R.PlaceholderText: "#a9adb3",
    R.Link: "#8ab4f8",
    R.LinkVisited: "#c58af9",
    R.ToolTipBase: "#2f3034",
    R.ToolTipText: "#e8eaed",
    R.BrightText: "#ffffff",
    R.Light: "#3c3d41",
    R.Midlight: "#333438",
    R.Mid: "#5f6368",
    R.Dark: "#111214",
    R.Shadow: "#000000",
}
# Disabled text stays readable too (the greyed steps, quiet notes): a softer foreground.
_DISABLED_TEXT = {LIGHT: "#666666", DARK: "#9aa0a6"}


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(foreground: QColor, background: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    first, second = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (first + 0.05) / (second + 0.05)


def _readable_against(color: QColor, backgrounds: list[QColor]) -> QColor:
    """`color`, moved towards black or white just enough to be 4.5:1 on every background."""
    if all(contrast(color, b) >= MIN_CONTRAST for b in backgrounds):
        return color
    target = max(
        (QColor("#000000"), QColor("#ffffff")),
        key=lambda end: min(contrast(end, b) for b in backgrounds),
    )
    for step in range(1, 21):
        share = step / 20
        mixed = QColor.fromRgbF(
            color.redF() + (target.redF() - color.redF()) * share,
            color.greenF() + (target.greenF() - color.greenF()) * share,
            color.blueF() + (target.blueF() - color.blueF()) * share,
        )
        if all(contrast(mixed, b) >= MIN_CONTRAST for b in backgrounds):
            return mixed
    return target


def readable(palette: QPalette) -> QPalette:
    """The palette with every text role raised to 4.5:1 on the backgrounds it is drawn on
    (a system palette often has grey help text or disabled text near 3:1 or less)."""
    fixed = QPalette(palette)
    for group in GROUPS:
        for text, grounds in TEXT_ON:
            backgrounds = [fixed.color(group, g) for g in grounds]
            fixed.setColor(group, text, _readable_against(fixed.color(group, text), backgrounds))
    return fixed


def palette_for(name: str, system: QPalette) -> QPalette:
    """The palette of a theme; `system` is the one the platform gave the app."""
    if name not in (LIGHT, DARK):
        return readable(system)
    colors = _LIGHT if name == LIGHT else _DARK
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QColor(_DISABLED_TEXT[name])
    for role in (R.WindowText, R.Text, R.ButtonText):
        palette.setColor(G.Disabled, role, disabled)
    return readable(palette)


class FocusStyle(QProxyStyle):
    """The platform's style, with a keyboard focus frame that can be seen: a 2-pixel line
    in the highlight colour around the focused tab, list row, button or box."""

    def drawPrimitive(  # noqa: N802
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _frame(option, painter, 1)
            return
        super().drawPrimitive(element, option, painter, widget)
        # Fusion outlines check boxes and radio buttons a shade darker than the window,
        # which vanishes on a dark palette: outline them in the muted text colour.
        box = element == QStyle.PrimitiveElement.PE_IndicatorCheckBox
        if box or element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, not box)
            painter.setPen(QPen(option.palette.color(R.PlaceholderText), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect.adjusted(0, 0, -1, -1)
            if box:
                painter.drawRect(rect)
            else:
                painter.drawEllipse(rect)
            painter.restore()

    def drawControl(  # noqa: N802
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        # Fusion draws no focus at all on a tab.
        if element == QStyle.ControlElement.CE_TabBarTab and (
            option.state & QStyle.StateFlag.State_HasFocus
        ):
            _frame(option, painter, 3)


def _frame(option: QStyleOption, painter: QPainter, inset: int) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(option.palette.color(R.Highlight), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect: QRect = option.rect.adjusted(inset, inset, -inset, -inset)
    painter.drawRect(rect)
    painter.restore()


def saved_theme() -> str:
    value = app_settings().value(SETTINGS_KEY, SYSTEM)
    return value if value in (SYSTEM, LIGHT, DARK) else SYSTEM


def _system_palette(app: QApplication) -> QPalette:
    """The platform's own palette, kept from before any theme replaced it."""
    kept = app.property("fieldapp_system_palette")
    if isinstance(kept, QPalette):
        return kept
    palette = QPalette(app.palette())
    app.setProperty("fieldapp_system_palette", palette)
    return palette


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Give the app the theme `name` (default: the one kept in the settings); returns it."""
    chosen = name or saved_theme()
    system = _system_palette(app)
    if not isinstance(app.style(), FocusStyle):
        base = app.style().name()
        # Light and dark are drawn with Fusion, which follows the palette everywhere.
        app.setStyle(FocusStyle("fusion" if chosen != SYSTEM else base))
    app.setPalette(palette_for(chosen, system))
    return chosen


def choose_theme(app: QApplication, name: str) -> None:
    """The person chose a theme: show it now and keep it for the next start."""
    apply_theme(app, name)
    settings = app_settings()
    settings.setValue(SETTINGS_KEY, name)
    settings.sync()


def add_theme_menu(menu: QMenu, parent: QObject) -> QActionGroup:
    """A Theme submenu (System, Light, Dark) in `menu`, ticked on the current choice."""
    submenu = menu.addMenu(QCoreApplication.translate("Theme", "&Theme"))
    group = QActionGroup(parent)
    group.setExclusive(True)
    current = saved_theme()
    for name, text in THEMES:
        action = QAction(QCoreApplication.translate("Theme", text), parent)
        action.setCheckable(True)
        action.setChecked(name == current)
        action.setData(name)
        group.addAction(action)
        submenu.addAction(action)

    def chosen(action: QAction) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            choose_theme(app, str(action.data()))

    group.triggered.connect(chosen)

    def tick_current() -> None:  # Settings may have changed it since
        current = saved_theme()
        for action in group.actions():
            action.setChecked(action.data() == current)

    submenu.aboutToShow.connect(tick_current)
    return group
