"""How the app says that the server announces a newer FieldApp: a line in the status bar and
in the settings dialog, never a dialog in the way of the work."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from fieldapp import protocol
from fieldapp.sync.updates import UpdateOffer

LABEL_NAME = "update_label"


def version_html(offer: UpdateOffer | None) -> str:
    """The app's version and, when the server names a newer one, where to get it (a link)."""
    line = f"FieldApp {html.escape(protocol.CLIENT_VERSION)}"
    if offer is None:
        return f"{line}: the newest the server knows of."
    return f"{line}. <b>FieldApp {html.escape(offer.version)} is available</b>{_where(offer)}."


def _where(offer: UpdateOffer) -> str:
    if not offer.url:
        return " (ask IT how to install it)"
    url = html.escape(offer.url, quote=True)
    return f' from <a href="{url}">{html.escape(offer.url)}</a>'


def show_update(bar: QStatusBar, offer: UpdateOffer | None) -> QLabel | None:
    """Show (or hide, when there is none) the update line at the right of `bar`."""
    label = bar.findChild(QLabel, LABEL_NAME)
    if offer is None:
        if label is not None:
            label.hide()
        return label
    if label is None:
        label = QLabel(bar)
        label.setObjectName(LABEL_NAME)
        label.setAccessibleName("Update available")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setContentsMargins(8, 0, 8, 0)
        bar.insertPermanentWidget(0, label)
    link = f' <a href="{html.escape(offer.url, quote=True)}">Get it</a>' if offer.url else ""
    label.setText(f"Update: FieldApp {html.escape(offer.version)}{link}")
    label.setToolTip(offer.sentence())
    label.show()
    return label
