"""A dismissible notice across the top of a window, in the palette's tooltip colours."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from fieldapp.ui.resources import icon


class NoticeBar(QFrame):
    """One sentence with an optional action button and a close button; hidden until shown.

    Its colours are the palette's tooltip colours, which every palette (light or dark)
    keeps readable.

    Signals:
        dismissed(): the technician closed the notice.
    """

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setAccessibleName(self.tr("Notice"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._action: Callable[[], object] | None = None
        self.icon_label = QLabel(self)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName(self.tr("Notice text"))
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(self.on_action_clicked)
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss this notice"))
        self.close_button.setAccessibleName(self.tr("Dismiss notice"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        # Roles, not colours: they follow the palette, light or dark, when it changes.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        for widget in (self, self.icon_label, self.text_label):
            widget.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.hide()

    def show_notice(
        self,
        text: str,
        *,
        icon_name: str = "warning",
        action_text: str = "",
        action: Callable[[], object] | None = None,
    ) -> None:
        """Show `text`; with `action_text`, a button that runs `action` and closes the notice."""
        pixmap = icon(icon_name).pixmap(20, 20)
        self.icon_label.setPixmap(pixmap)
        self.icon_label.setVisible(not pixmap.isNull())
        self.text_label.setText(text)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text) and action is not None)
        self.show()

    @property
    def text(self) -> str:
        return self.text_label.text()

    def on_action_clicked(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
