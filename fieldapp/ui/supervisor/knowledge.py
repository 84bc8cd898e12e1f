"""Knowledge: the articles every laptop keeps (edit, retire, restore) and the incidents' known
fixes (set, clear); articles are promoted from a visit's timeline (ArticleDialog)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import TimelineEntry, VisitPublic
from fieldapp.protocol.knowledge import ArticlePublic, ArticleUpdate, KnownFixPublic
from fieldapp.sync import knowledge_admin
from fieldapp.sync.supervisor import SupervisorClient
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.moments import counted
from fieldapp.ui.resources import icon
from fieldapp.ui.supervisor.categories import visit_category_name
from fieldapp.ui.supervisor.common import Loader, Table, local, translate
from fieldapp.ui.supervisor.tab import ReadingTab, filter_row, follow_selection
from fieldapp.ui.table_model import Column, TableModel

SEARCH_MIN_WIDTH = 260
SEARCH_ROOM = 48  # the frame's padding and the clear button
SEARCH_PAUSE_MS = 400
ARTICLE_TEXTS = ("problem", "findings", "resources_used", "fix")


@dataclass(frozen=True, slots=True)
class Knowledge:
    articles: list[ArticlePublic]
    known_fixes: list[KnownFixPublic]


def read_knowledge(client: SupervisorClient, q: str, include_retired: bool) -> Knowledge:
    return Knowledge(
        knowledge_admin.articles(client, q, include_retired=include_retired),
        knowledge_admin.known_fixes(client),
    )


def _status(article: ArticlePublic) -> str:
    if article.retired_at is None:
        return translate("KnowledgeTab", "In force")
    return translate("KnowledgeTab", "Retired {time}").format(time=local(article.retired_at))


def article_columns() -> tuple[Column[ArticlePublic], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda a: a.title),
        # Sorted as read: by the name in the supervisor's language.
        Column(
            QT_TRANSLATE_NOOP("Columns", "Category"),
            lambda a: visit_category_name(a.category),
            sort=lambda a: visit_category_name(a.category).casefold(),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "From visit"), lambda a: a.source_reference),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Changed"),
            lambda a: local(a.updated_at),
            sort=lambda a: a.updated_at,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "By"), lambda a: a.updated_by),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), _status),
    )


def known_fix_columns() -> tuple[Column[KnownFixPublic], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Incident"), lambda k: k.incident_ref),
        Column(QT_TRANSLATE_NOOP("Columns", "Known fix"), lambda k: k.known_fix),
        Column(QT_TRANSLATE_NOOP("Columns", "Set by"), lambda k: k.set_by),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Changed"),
            lambda k: local(k.updated_at),
            sort=lambda k: k.updated_at,
        ),
    )


def promote_values(visit: VisitPublic, entries: Sequence[TimelineEntry]) -> dict[str, str]:
    """What an article promoted from this visit starts as: its problem, the newest
    diagnosis's findings and resources, the newest resolution's explanation."""

    def newest(kind: EventType, name: str) -> str:
        for entry in reversed(entries):
            if entry.type == kind:
                value = entry.payload.get(name, "")
                return value if isinstance(value, str) else ""
        return ""

    problem = visit.problem.strip()
    return {
        "title": problem.splitlines()[0][:500] if problem else visit.reference,
        "problem": problem,
        "findings": newest(EventType.DIAGNOSED, "findings"),
        "resources_used": newest(EventType.DIAGNOSED, "resources_used"),
        "fix": newest(EventType.RESOLVED, "explanation"),
    }


def _text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class ArticleDialog(QDialog):
    """An article's title and texts, to promote a fix or edit an article."""

    def __init__(self, title: str, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowIcon(icon("report"))
        self.title_edit = QLineEdit(values.get("title", ""))
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setMaxLength(500)
        self.texts = {
            "problem": _text_box(self.tr("The problem, as users tell it")),
            "findings": _text_box(self.tr("The cause found")),
            "resources_used": _text_box(self.tr("Resources used"), 2),
            "fix": _text_box(self.tr("The fix, step by step"), 5),
        }
        for name, box in self.texts.items():
            box.setPlainText(values.get(name, ""))
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("&Title:"), self.title_edit),
            (self.tr("&Problem:"), self.texts["problem"]),
            (self.tr("&Cause found:"), self.texts["findings"]),
            (self.tr("&Resources:"), self.texts["resources_used"]),
            (self.tr("&Fix:"), self.texts["fix"]),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

    def values(self) -> dict[str, str]:
        found = {name: box.toPlainText().strip() for name, box in self.texts.items()}
        return {"title": self.title_edit.text().strip(), **found}

    def on_accepted(self) -> None:
        if not self.values()["title"]:
            self.error.setText(self.tr("Give the article a title."))
            self.title_edit.setFocus()
            return
        self.accept()


class KnownFixDialog(QDialog):
    """An incident and its known fix (empty text clears it)."""

    def __init__(self, incident: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Known fix of an incident"))
        self.setWindowIcon(icon("promise"))
        self.incident_edit = QLineEdit(incident)
        self.incident_edit.setAccessibleName(self.tr("Incident"))
        self.incident_edit.setPlaceholderText(self.tr("e.g. INC-4471"))
        self.incident_edit.setMaxLength(500)
        self.fix_edit = _text_box(self.tr("Known fix"), 6)
        self.fix_edit.setPlainText(text)
        form = QFormLayout()
        incident_label = QLabel(self.tr("&Incident:"))
        incident_label.setBuddy(self.incident_edit)
        fix_label = QLabel(self.tr("&Known fix:"))
        fix_label.setBuddy(self.fix_edit)
        form.addRow(incident_label, self.incident_edit)
        form.addRow(fix_label, self.fix_edit)
        hint = QLabel(
            self.tr(
                "Technicians with a visit of this incident see it on the Diagnose page after "
                "their next sync. Leave it empty to clear it."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)  # quiet text, readable on any palette
        self.error = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def incident(self) -> str:
        return self.incident_edit.text().strip()

    def known_fix(self) -> str:
        return self.fix_edit.toPlainText().strip()

    def on_accepted(self) -> None:
        if not self.incident():
            self.error.setText(self.tr("Name the incident."))
            self.incident_edit.setFocus()
            return
        self.accept()


class KnowledgeTab(ReadingTab[Knowledge]):
    """Articles (search, retired ones on request) and the incidents' known fixes.

    Args:
        open_timeline: opens a visit's timeline (where a fix is promoted to an article).
        ask: runs a dialog and says whether it was accepted (tests answer it themselves).
    """

    def __init__(
        self,
        client: SupervisorClient,
        runner: BackgroundRunner,
        *,
        open_timeline: Callable[[str], Any],
        ask: Callable[[QDialog], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._client = client
        self._open_timeline = open_timeline
        self._ask = ask or (lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted)
        self.action_loader: Loader[object] = Loader(runner, self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setAccessibleName(self.tr("Search the articles"))
        self.search_edit.setPlaceholderText(self.tr("Words in the title or the text"))
        self.search_edit.setClearButtonEnabled(True)
        # Wide enough for its hint and a few words typed (in the filter row it got its
        # default ~120 px, which cut the hint to "Words in the title ...").
        hint = self.search_edit.fontMetrics().horizontalAdvance(self.search_edit.placeholderText())
        self.search_edit.setMinimumWidth(max(SEARCH_MIN_WIDTH, hint + SEARCH_ROOM))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._pause.start())
        self.retired_check = QCheckBox(self.tr("Show &all, retired too"), self)
        self.retired_check.toggled.connect(lambda _on: self.refresh())
        self.summary = QLabel(self)
        about = QLabel(
            self.tr(
                "Articles reach every technician's laptop at its next sync and come first in the "
                "Diagnose page's suggestions. Promote a fix from a visit's timeline."
            ),
            self,
        )
        about.setWordWrap(True)
        about.setEnabled(False)  # quiet text, readable on any palette
        self.model: TableModel[ArticlePublic] = TableModel(article_columns(), self)
        self.table = Table(self.model, self.tr("Articles"), stretch=0)
        self.table.set_empty_text(self.tr("No article yet: promote a fix from a visit's timeline."))
        self.table.activated.connect(lambda _index: self.open_edit_dialog())
        self.edit_button = QPushButton(icon("report"), self.tr("&Edit\u2026"), self)
        self.edit_button.setAccessibleName(self.tr("Edit the selected article"))
        self.edit_button.clicked.connect(self.open_edit_dialog)
        self.retire_button = QPushButton(icon("remove"), self.tr("Ret&ire"), self)
        self.retire_button.setAccessibleName(self.tr("Retire or restore the selected article"))
        self.retire_button.clicked.connect(self.on_retire_clicked)
        self.visit_button = QPushButton(icon("timeline"), self.tr("O&pen visit\u2026"), self)
        self.visit_button.setAccessibleName(self.tr("Open the timeline of the article's visit"))
        self.visit_button.clicked.connect(self.on_visit_clicked)
        self.known_model: TableModel[KnownFixPublic] = TableModel(known_fix_columns(), self)
        self.known_table = Table(self.known_model, self.tr("Incidents' known fixes"), stretch=1)
        self.known_table.set_empty_text(self.tr("No incident has a known fix."))
        self.known_table.activated.connect(lambda _index: self.open_known_fix_dialog())
        self.known_button = QPushButton(icon("promise"), self.tr("Set &known fix\u2026"), self)
        self.known_button.setAccessibleName(self.tr("Set the known fix of an incident"))
        self.known_button.clicked.connect(self.open_known_fix_dialog)

        layout = QVBoxLayout(self)
        filters: list[tuple[str, QWidget] | QWidget] = [
            (self.tr("&Search:"), self.search_edit),
            self.retired_check,
        ]
        layout.addLayout(filter_row(self, filters, self.summary))
        layout.addWidget(about)
        layout.addWidget(self.table, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.visit_button, self.edit_button, self.retire_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        known_label = QLabel(self.tr("Incidents' known fixes"), self)
        layout.addWidget(known_label)
        layout.addWidget(self.known_table, 2)
        known_row = QHBoxLayout()
        known_row.addStretch(1)
        known_row.addWidget(self.known_button)
        layout.addLayout(known_row)
        follow_selection(self.update_buttons, self.table, self.action_loader)

    def reader(self) -> Callable[[], Knowledge]:
        q, retired = self.search_edit.text().strip(), self.retired_check.isChecked()
        return lambda: read_knowledge(self._client, q, retired)

    def on_loaded(self, data: Knowledge) -> None:
        self.model.set_rows(data.articles)
        self.known_model.set_rows(data.known_fixes)
        articles = counted(
            len(data.articles), self.tr("{count} article"), self.tr("{count} articles")
        )
        known = counted(
            len(data.known_fixes), self.tr("{count} known fix"), self.tr("{count} known fixes")
        )
        self.summary.setText(f"{articles}, {known}")
        self.update_buttons()

    def update_buttons(self) -> None:
        article = self.table.selected()
        idle = not self.action_loader.busy
        self.edit_button.setEnabled(article is not None and idle)
        self.retire_button.setEnabled(article is not None and idle)
        self.visit_button.setEnabled(article is not None and bool(article.source_visit_id))
        retired = article is not None and article.retired_at is not None
        self.retire_button.setText(self.tr("Bri&ng back") if retired else self.tr("Ret&ire"))
        self.known_button.setEnabled(idle)

    def _act(self, work: Callable[[], object]) -> None:
        self.action_loader.start(work, lambda _result: self.refresh())

    def open_edit_dialog(self) -> None:
        article = self.table.selected()
        if article is None or self.action_loader.busy:
            return
        values = {"title": article.title, **{n: getattr(article, n) for n in ARTICLE_TEXTS}}
        dialog = ArticleDialog(self.tr("Edit the article"), values, self)
        if not self._ask(dialog):
            return
        change = ArticleUpdate.model_validate(dialog.values())
        client, article_id = self._client, article.id
        self._act(lambda: knowledge_admin.update_article(client, article_id, change))

    def on_retire_clicked(self) -> None:
        article = self.table.selected()
        if article is None or self.action_loader.busy:
            return
        client, article_id, retire = self._client, article.id, article.retired_at is None
        self._act(lambda: knowledge_admin.retire_article(client, article_id, retired=retire))

    def on_visit_clicked(self) -> None:
        article = self.table.selected()
        if article is not None and article.source_visit_id:
            self._open_timeline(article.source_visit_id)

    def open_known_fix_dialog(self) -> None:
        if self.action_loader.busy:
            return
        chosen = self.known_table.selected()
        dialog = KnownFixDialog(
            chosen.incident_ref if chosen else "", chosen.known_fix if chosen else "", self
        )
        if not self._ask(dialog):
            return
        client, incident, text = self._client, dialog.incident(), dialog.known_fix()
        self._act(lambda: knowledge_admin.set_known_fix(client, incident, text))
