"""The Help menu: About (version, server, cache and log places, Copy diagnostics for the
support desk) and Keyboard shortcuts (F1), listed from the window's own actions and
shortcuts (a QShortcut says what it does in its whatsThis) so the list cannot go stale."""

from __future__ import annotations

import platform
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp import __version__
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.logs import log_folder, redact
from fieldapp.store import Store, get_meta
from fieldapp.store.meta import LAST_SYNC_AT
from fieldapp.sync import current_account
from fieldapp.ui.moments import moment_text
from fieldapp.ui.resources import icon

SHORTCUTS_KEY = "F1"  # the usual key for help
translate = QCoreApplication.translate


def _plain(text: str) -> str:
    """An action's text as read: no '&' mnemonic, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("\u2026.")


def about_facts(store: Store, *, said: bool = True) -> list[tuple[str, str]]:
    """What the About box shows and Copy diagnostics copies, as (label, value); `said`:
    in the app's language (the box), else in English (the support desk's copy)."""

    def tr(text: str) -> str:
        return translate("AboutDialog", text) if said else text

    account = current_account(store)
    with store.read_session() as session:
        last_sync = get_meta(session, LAST_SYNC_AT)
    logs = log_place(store)
    if last_sync and said:
        last_sync = moment_text(datetime.fromisoformat(last_sync))
    return [
        (tr(QT_TRANSLATE_NOOP("AboutDialog", "Version")), f"FieldApp {__version__}"),
        (
            tr(QT_TRANSLATE_NOOP("AboutDialog", "Server")),
            account.server_url
            if account
            else tr(QT_TRANSLATE_NOOP("AboutDialog", "not logged in yet")),
        ),
        (
            tr(QT_TRANSLATE_NOOP("AboutDialog", "Logged in as")),
            (account.full_name or account.username)
            if account
            else tr(QT_TRANSLATE_NOOP("AboutDialog", "nobody")),
        ),
        (tr(QT_TRANSLATE_NOOP("AboutDialog", "Cache")), str(store.db_path)),
        (tr(QT_TRANSLATE_NOOP("AboutDialog", "Attachments")), str(store.attachments_dir)),
        (
            tr(QT_TRANSLATE_NOOP("AboutDialog", "Log folder")),
            str(logs)
            if logs is not None
            else tr(QT_TRANSLATE_NOOP("AboutDialog", "no log file in this run")),
        ),
        (
            tr(QT_TRANSLATE_NOOP("AboutDialog", "Last sync")),
            last_sync or tr(QT_TRANSLATE_NOOP("AboutDialog", "never")),
        ),
    ]


def diagnostics(store: Store) -> str:
    """The text Copy diagnostics puts on the clipboard: no secret (the log's redaction); in
    English, whatever the app's language, for the support desk."""
    lines = [f"{label}: {value}" for label, value in about_facts(store, said=False)]
    lines += [
        f"Python {platform.python_version()}, Qt {qVersion()}",
        f"System: {platform.platform()}",
        f"Copied: {datetime.now(UTC).isoformat(timespec='seconds')}",
    ]
    return redact("\n".join(lines))


class AboutDialog(QDialog):
    """Version, server, where the cache and logs are, and a Copy diagnostics button."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(self.tr("About FieldApp"))
        self.setWindowIcon(icon("app"))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in about_facts(store):
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(label)
            shown.setWordWrap(True)
            form.addRow(self.tr("{label}:").format(label=label), shown)
            self.values[label] = shown
        self.copy_button = QPushButton(icon("copy"), self.tr("&Copy diagnostics"), self)
        self.copy_button.setToolTip(
            self.tr(
                "Put the version, server, cache and log places on the clipboard for the "
                "support desk"
            )
        )
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(self.tr("Copy status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        # Room for a cache path on one line, in any language.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 64)
        self.copy_button.setFocus()

    def copy_diagnostics(self) -> str:
        text = diagnostics(self._store)
        QGuiApplication.clipboard().setText(text)
        self.status_label.setText(
            self.tr("Copied: paste it into your message to the support desk.")
        )
        return text


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) of every action of the window and its menus that has a shortcut, in
    menu order, each once: read from the actions themselves, so never out of date."""
    seen: set[int] = set()
    rows: list[tuple[str, str]] = []

    def take(action: QAction) -> None:
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            rows.append((_plain(action.text()), shown))

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
            else:
                take(action)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
    for action in window.findChildren(QAction):  # toolbar and window-wide ones
        take(action)
    rows += quick_key_rows(window)
    return rows


def quick_key_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) of the QShortcuts in `window` (keys with no menu entry, such as the visit
    window's Ctrl+Shift+N), by what they do (their whatsThis), the keys of one purpose
    together, in the order they were made."""
    keys: dict[str, list[str]] = {}
    for shortcut in window.findChildren(QShortcut):
        what = shortcut.whatsThis()
        sequence = shortcut.key()
        owner = shortcut.parent()
        # Not a dialog's of this window: its keys work only there.
        mine = isinstance(owner, QWidget) and owner.window() is window.window()
        if what and mine and not sequence.isEmpty():
            shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if shown not in keys.setdefault(what, []):
                keys[what].append(shown)
    return [(what, ", ".join(shown)) for what, shown in keys.items()]


def add_shortcuts_key(window: QWidget) -> QAction:
    """F1 in a window with no Help menu (the visit window keeps its height for small
    screens): opens the same list of its keyboard shortcuts."""
    action = QAction(translate("ShortcutsDialog", "Keyboard shortcuts"), window)
    action.setShortcut(QKeySequence(SHORTCUTS_KEY))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def show() -> None:
        dialog = ShortcutsDialog(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(lambda _checked=False: show())
    window.addAction(action)
    return action


class ShortcutsDialog(QDialog):
    """The window's keyboard shortcuts, as a table of what and which keys."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setWindowIcon(icon("app"))
        self.resize(520, 480)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        intro = QLabel(
            self.tr("Shortcuts of this window. A visit window lists its own (F1 there).")
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.table.model().index(r, 0).data(), self.table.model().index(r, 1).data())
            for r in range(self.table.rowCount())
        ]


class HelpMenu:
    """Adds Help > Keyboard shortcuts (F1) and Help > About FieldApp to `window`'s menu bar
    (call last, so it is the rightmost menu)."""

    def __init__(self, window: QMainWindow, store: Store) -> None:
        self._window = window
        self._store = store
        self.menu = window.menuBar().addMenu(translate("HelpMenu", "&Help"))
        self.shortcuts_action = QAction(translate("HelpMenu", "&Keyboard shortcuts\u2026"), window)
        self.shortcuts_action.setShortcut(QKeySequence(SHORTCUTS_KEY))
        self.shortcuts_action.setToolTip(
            translate("HelpMenu", "List this window's keyboard shortcuts ({keys})").format(
                keys=SHORTCUTS_KEY
            )
        )
        self.shortcuts_action.triggered.connect(lambda _checked=False: self.show_shortcuts())
        self.about_action = QAction(translate("HelpMenu", "&About FieldApp\u2026"), window)
        self.about_action.triggered.connect(lambda _checked=False: self.show_about())
        window.addAction(self.shortcuts_action)
        self.menu.addAction(self.shortcuts_action)
        self.menu.addAction(self.about_action)
        self.about_dialog: AboutDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def show_about(self) -> AboutDialog:
        if self.about_dialog is not None:
            self.about_dialog.deleteLater()
        self.about_dialog = AboutDialog(self._store, self._window)
        self.about_dialog.open()
        return self.about_dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self._window)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog


def log_place(store: Store) -> Path | None:
    """Where the log is written (for tests and the About box)."""
    paths = store.paths
    return log_folder() or (paths.log_dir if paths is not None else None)
