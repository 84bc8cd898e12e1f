"""Whether the server can be reached and what of this visit still waits to be sent, shown in
the visit window itself (not only in the round's status bar)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from fieldapp.ui.resources import icon
from fieldapp.ui.visit.words import translate


def sync_words(online: bool | None, pending: int) -> tuple[str, str]:
    """(what the badge says, its tooltip) for the connection and this visit's unsent events."""
    if online is False:
        text = (
            translate("SyncBadge", "Offline \u00b7 %n change(s) kept on this laptop", "", pending)
            if pending
            else translate("SyncBadge", "Offline")
        )
        tip = translate(
            "SyncBadge",
            "The server does not answer: you can carry on; what you record is kept on this "
            "laptop and sent when the server answers again.",
        )
    elif online is None:
        text = (
            translate("SyncBadge", "Not connected yet \u00b7 %n change(s) to send", "", pending)
            if pending
            else translate("SyncBadge", "Not connected yet")
        )
        tip = translate(
            "SyncBadge",
            "The app has not reached the server yet; what you record is kept on this laptop.",
        )
    else:
        text = (
            translate("SyncBadge", "Online \u00b7 %n change(s) to send", "", pending)
            if pending
            else translate("SyncBadge", "Online \u00b7 all sent")
        )
        tip = (
            translate(
                "SyncBadge", "%n change(s) to this visit wait for the next sync.", "", pending
            )
            if pending
            else translate("SyncBadge", "Everything recorded on this visit reached the server.")
        )
    return text, tip


class SyncBadge(QWidget):
    """An icon and a few words: online or offline, and this visit's changes still to send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        self.icon_label = QLabel()
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Connection and changes waiting to be sent"))
        row.addWidget(self.icon_label)
        row.addWidget(self.label)
        self.online: bool | None = None
        self.pending = 0
        self._show()

    def set_online(self, online: bool | None) -> None:
        self.online = online
        self._show()

    def set_pending(self, pending: int) -> None:
        self.pending = pending
        self._show()

    def text(self) -> str:
        return self.label.text()

    def _show(self) -> None:
        text, tip = sync_words(self.online, self.pending)
        self.label.setText(text)
        self.setToolTip(tip)
        self.label.setAccessibleDescription(tip)
        self.icon_label.setPixmap(icon("online" if self.online else "offline").pixmap(16, 16))
