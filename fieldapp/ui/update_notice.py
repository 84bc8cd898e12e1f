"""How the app says that the server announces a newer FieldApp: a line in the status bar and
in the settings dialog, never a dialog in the way of the work."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from fieldapp import protocol
from fieldapp.sync.updates import UpdateOffer
from fieldapp.ui.laptop_words import said

LABEL_NAME = "update_label"
translate = QCoreApplication.translate


def offer_sentence(offer: UpdateOffer) -> str:
    """The offer's sentence in the app's language."""
    template, values = offer.words
    return said("SyncError", template, values)


def version_html(offer: UpdateOffer | None) -> str:
    """The app's version and, when the server names a newer one, where to get it (a link)."""
    mine = html.escape(protocol.CLIENT_VERSION)
    if offer is None:
        return translate("UpdateNotice", "FieldApp {mine}: the newest the server knows of.").format(
            mine=mine
        )
    version = html.escape(offer.version)
    if not offer.url:
        return translate(
            "UpdateNotice",
            "FieldApp {mine}. <b>FieldApp {version} is available</b> (ask IT how to install it).",
        ).format(mine=mine, version=version)
    url = html.escape(offer.url, quote=True)
    link = f'<a href="{url}">{html.escape(offer.url)}</a>'
    return translate(
        "UpdateNotice", "FieldApp {mine}. <b>FieldApp {version} is available</b> from {link}."
    ).format(mine=mine, version=version, link=link)


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
        label.setAccessibleName(translate("UpdateNotice", "Update available"))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setContentsMargins(8, 0, 8, 0)
        bar.insertPermanentWidget(0, label)
    version = html.escape(offer.version)
    if offer.url:
        label.setText(
            translate(
                "UpdateNotice", 'Update: FieldApp {version} <a href="{url}">Get it</a>'
            ).format(version=version, url=html.escape(offer.url, quote=True))
        )
    else:
        label.setText(
            translate("UpdateNotice", "Update: FieldApp {version}").format(version=version)
        )
    label.setToolTip(offer_sentence(offer))
    label.show()
    return label
