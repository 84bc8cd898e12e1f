"""The Diagnose page's memory: the incident's known fix, and similar past fixes and articles
suggested as the technician types (looked up offline, on the background runner)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store.db import Store
from fieldapp.store.knowledge import Suggestion, known_fix, suggest
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.widgets import SPACING, Banner, heading, qdatetime, wrapped_label

DEBOUNCE_MS = 400  # a pause in typing, not every key, asks the cache
SHOWN = 6
_KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class Found:
    """One lookup's answer: the incident's known fix (empty: none) and the suggestions."""

    known_fix: str
    known_fix_by: str
    suggestions: list[Suggestion]


def look_up(store: Store, visit_id: str, incident_ref: str, typed: str) -> Found:
    """Run on a worker thread: the known fix and the best matches for `typed`."""
    with store.read_session() as session:
        known = known_fix(session, incident_ref)
        found = suggest(session, typed, exclude_visit_id=visit_id, limit=SHOWN)
    return Found(known.known_fix if known else "", known.set_by if known else "", found)


def _when(suggestion: Suggestion) -> str:
    if suggestion.resolved_at is None:
        return ""
    # A named month, as the visit window's other dates: the locale's short format is "5 12 2026"
    # in the C locale and "12/5/26" in en_US, neither read at a glance.
    return QLocale().toString(
        qdatetime(suggestion.resolved_at).date(),
        QCoreApplication.translate("PastFixes", "dd MMM yyyy", "a day (QLocale format)"),
    )


def item_text(suggestion: Suggestion) -> str:
    """A suggestion's line in the list: an article by its title, a fix by its problem."""
    title = suggestion.title.strip().splitlines()[0] if suggestion.title.strip() else ""
    if suggestion.is_article:
        return QCoreApplication.translate("PastFixes", "Article: {title}").format(title=title)
    return QCoreApplication.translate("PastFixes", "Past fix {reference} ({when}): {title}").format(
        reference=suggestion.reference, when=_when(suggestion), title=title
    )


def detail_text(suggestion: Suggestion) -> str:
    """The whole suggestion, as plain paragraphs (no markup from what was typed)."""
    parts = [
        (QCoreApplication.translate("PastFixes", "Problem"), suggestion.problem),
        (QCoreApplication.translate("PastFixes", "The user's view"), suggestion.user_perspective),
        (QCoreApplication.translate("PastFixes", "Findings"), suggestion.findings),
        (QCoreApplication.translate("PastFixes", "Resources used"), suggestion.resources_used),
        (QCoreApplication.translate("PastFixes", "What fixed it"), suggestion.explanation),
    ]
    lines = [item_text(suggestion)]
    if suggestion.site:
        lines.append(
            QCoreApplication.translate("PastFixes", "Site: {site}").format(site=suggestion.site)
        )
    lines += [f"{label}: {value.strip()}" for label, value in parts if value.strip()]
    return "\n\n".join(lines)


class PastFixesBox(QWidget):
    """Known fix, suggestions list, the chosen one in full, and "Used this fix".

    Signals:
        wanted(str): the technician paused typing; look this text up (the flow runs it on
            the background runner and answers with `show_found`).
    """

    wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._suggestions: dict[str, Suggestion] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.on_timer_timeout)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING)
        self.known_banner = Banner("promise", self.tr("The incident's known fix"))
        layout.addWidget(self.known_banner)
        layout.addWidget(heading(self.tr("Similar past fixes"), 1.1))
        self.hint = wrapped_label(
            self.tr("Articles and fixes from this site, as you describe the problem."), muted=True
        )
        layout.addWidget(self.hint)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Similar past fixes"))
        self.list.setMaximumHeight(140)
        self.list.currentItemChanged.connect(self.on_list_current_item_changed)
        layout.addWidget(self.list)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("The chosen past fix"))
        self.detail.setOpenLinks(False)
        self.detail.setMaximumHeight(180)
        self.detail.hide()
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        self.use_button = QPushButton(icon("done"), self.tr("I used this fi&x"))
        self.use_button.setAccessibleName(self.tr("I used this fix"))
        self.use_button.setToolTip(self.tr("The diagnosis records which fix helped."))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.on_use_clicked)
        self.used_label = QLabel()
        self.used_label.setAccessibleName(self.tr("Fix used"))
        self.clear_button = QPushButton(icon("clear"), self.tr("Not used"))
        self.clear_button.setAccessibleName(self.tr("The fix was not used after all"))
        self.clear_button.clicked.connect(self.on_clear_clicked)
        self.clear_button.hide()
        row.addWidget(self.use_button)
        row.addWidget(self.used_label, 1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        # The key of the fix used, kept in the page's draft (registered by the page).
        self.used_field = QLineEdit()
        self.used_field.setAccessibleName(self.tr("Fix used"))
        self.used_field.hide()
        self.used_field.textChanged.connect(self._show_used)

    # --- asking ---------------------------------------------------------------------------

    def ask(self, typed: str) -> None:
        """Look `typed` up after a pause (each call restarts the wait)."""
        self._typed = typed
        self.timer.start()

    def ask_now(self, typed: str) -> None:
        self._typed = typed
        self.timer.stop()
        self.wanted.emit(typed)

    def on_timer_timeout(self) -> None:
        self.wanted.emit(self._typed)

    # --- answers --------------------------------------------------------------------------

    def show_found(self, found: Found) -> None:
        if found.known_fix:
            by = (
                self.tr(" (set by {name})").format(name=found.known_fix_by)
                if found.known_fix_by
                else ""
            )
            self.known_banner.show_text(
                self.tr("Known fix for this incident{by}: {fix}").format(by=by, fix=found.known_fix)
            )
        else:
            self.known_banner.clear()
        chosen = self._chosen()
        keep = chosen.key if chosen is not None else None
        self.list.clear()
        self._suggestions = {s.key: s for s in found.suggestions}
        for suggestion in found.suggestions:
            item = QListWidgetItem(
                icon("report" if suggestion.is_article else "done"), item_text(suggestion)
            )
            item.setData(_KEY_ROLE, suggestion.key)
            item.setToolTip(suggestion.explanation[:300])
            self.list.addItem(item)
            if suggestion.key == keep:
                self.list.setCurrentItem(item)
        if not found.suggestions:
            self.hint.setText(
                self.tr("No similar past fix yet.")
                if self._typed.strip()
                else self.tr("Articles and fixes from this site, as you describe the problem.")
            )
        else:
            self.hint.setText(self.tr("Choose one to read it in full."))
        self._show_chosen()
        self._show_used()

    def show_failed(self) -> None:
        self.hint.setText(self.tr("Past fixes could not be read; try typing again."))

    def suggestion_keys(self) -> list[str]:
        return [str(self.list.item(i).data(_KEY_ROLE)) for i in range(self.list.count())]

    def on_list_current_item_changed(self, *_args: object) -> None:
        self._show_chosen()

    def _chosen(self) -> Suggestion | None:
        row = self.list.currentRow()  # -1: none chosen (currentItem() is then None)
        if row < 0:
            return None
        return self._suggestions.get(str(self.list.item(row).data(_KEY_ROLE)))

    def _show_chosen(self) -> None:
        chosen = self._chosen()
        self.detail.setVisible(chosen is not None)
        # A closed visit disables its fields (the page's show_read_only): nothing to record.
        self.use_button.setEnabled(chosen is not None and self.used_field.isEnabled())
        if chosen is not None:
            self.detail.setPlainText(detail_text(chosen))

    # --- "I used this fix" ----------------------------------------------------------------

    def on_use_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.used_field.setText(chosen.key)

    def on_clear_clicked(self) -> None:
        self.used_field.clear()

    def used_key(self) -> str:
        return self.used_field.text().strip()

    def used_title(self) -> str:
        """How the fix used reads in the resources ("Article: ...", "Past fix HP-...")."""
        used = self._suggestions.get(self.used_key())
        return item_text(used) if used is not None else ""

    def _show_used(self) -> None:
        key = self.used_key()
        used = self._suggestions.get(key)
        if not key:
            self.used_label.clear()
        elif used is not None:
            self.used_label.setText(self.tr("Used: {what}").format(what=item_text(used)))
        else:
            self.used_label.setText(self.tr("A past fix was used."))
        self.clear_button.setVisible(bool(key))
