"""An asset tag scanned on the round (Ctrl+Shift+A, "Scan asset tag…"): a USB scanner types
the tag and presses Enter in the box that opens; the round's visit naming that device opens,
or the status bar says what the laptop knows of it. Read in the cache, so it works offline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow

from fieldapp.store.db import Store
from fieldapp.store.devices import DeviceFound, find_device
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text

SCAN_SHORTCUT = "Ctrl+Shift+A"
STATUS_MS = 15_000


class RoundScan(QObject):
    """The round's "Scan asset tag…" action and what it finds; `open_visit` opens a visit of
    the round by its id (the window's visit_opened.emit)."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        runner: BackgroundRunner,
        open_visit: Callable[[str], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._runner = runner
        self._open_visit = open_visit
        self.dialog: QInputDialog | None = None
        self.action = QAction(self.tr("Scan asset tag…"), window)
        self.action.setShortcut(QKeySequence(SCAN_SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setWhatsThis(self.tr("Scan asset tag"))
        self.action.setToolTip(
            self.tr("Scan or type an asset tag: open the visit of your round that names it")
        )
        self.action.triggered.connect(self.ask)
        window.addAction(self.action)

    def ask(self) -> QInputDialog:
        """The box the scanner types into (the focus is in it; its Enter looks the tag up)."""
        dialog = QInputDialog(self._window)
        dialog.setWindowTitle(self.tr("Scan asset tag"))
        dialog.setLabelText(self.tr("Scan the asset tag, or type it and press Enter:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(self.look_up)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def look_up(self, text: str) -> None:
        store = self._store

        def read() -> DeviceFound:
            with store.read_session() as session:
                return find_device(session, text)

        self._runner.run(read, self.on_found, self.on_failed)

    def on_found(self, found: DeviceFound) -> None:
        name = found.tag
        if found.asset is not None:
            name = " · ".join(
                p
                for p in (found.tag, found.asset.hostname, found.asset.model, found.asset.owner)
                if p
            )
        if found.visit_ids:
            self.say(self.tr("Found {device}: its visit is open.").format(device=name))
            self._open_visit(found.visit_ids[0])
            return
        if found.earlier:
            said = self.tr(
                "{device}: no visit of your round names it; this laptop keeps earlier visits of it."
            ).format(device=name)
        else:
            said = self.tr("{device}: no visit of your round names it.").format(device=name)
        self.say(said)

    def on_failed(self, error: Exception) -> None:
        self.say(error_text(error))

    def say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)
