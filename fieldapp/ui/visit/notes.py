"""Notes on a visit, at any time: general, out-of-scope and ICT-policy requests (with the polite
answer given), and shared equipment left out of order."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain import Event, EventType
from fieldapp.domain.events import NOTE_CATEGORIES
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.widgets import SPACING, local_time, text_edit, wrapped_label
from fieldapp.ui.visit.words import translate

ANSWERED = ("out_of_scope", "policy")  # requests recorded with the polite answer given


@dataclass(frozen=True, slots=True)
class Category:
    """How a note category reads on screen (English, marked for translation: `translate`
    each text in the "Notes" context where it is shown)."""

    words: str  # in the list of categories
    short: str  # in the list of notes
    hint: str
    placeholder: str
    missing: str  # the sentence when the note is empty
    answer_placeholder: str = QT_TRANSLATE_NOOP(
        "Notes", "Only for a request you answered (optional here)"
    )
    answer_missing: str = ""

    @property
    def shown_short(self) -> str:
        """`short` in the chosen language (every text here is marked in the "Notes" context)."""
        return translate("Notes", self.short)


CATEGORIES: dict[str, Category] = {
    "general": Category(
        QT_TRANSLATE_NOOP("Notes", "General note"),
        QT_TRANSLATE_NOOP("Notes", "Note"),
        QT_TRANSLATE_NOOP(
            "Notes", "Anything worth keeping on the visit's record; it syncs with the rest."
        ),
        QT_TRANSLATE_NOOP("Notes", "What you want on the record"),
        QT_TRANSLATE_NOOP("Notes", "Write the note."),
    ),
    "out_of_scope": Category(
        QT_TRANSLATE_NOOP("Notes", "Out-of-scope request (personal device, unsupported equipment)"),
        QT_TRANSLATE_NOOP("Notes", "Out of scope"),
        QT_TRANSLATE_NOOP(
            "Notes",
            "Personal devices and equipment IT does not support are out of scope. Neither do it "
            "quietly nor ignore it: record what was asked and the polite answer you gave.",
        ),
        QT_TRANSLATE_NOOP("Notes", "What the user asked for, e.g. to look at their own phone"),
        QT_TRANSLATE_NOOP("Notes", "Write what the user asked for."),
        QT_TRANSLATE_NOOP("Notes", "What you told them, politely, e.g. who can help instead"),
        QT_TRANSLATE_NOOP(
            "Notes",
            "Write the polite answer you gave: an out-of-scope request is recorded with it, not "
            "silently done or ignored.",
        ),
    ),
    "policy": Category(
        QT_TRANSLATE_NOOP("Notes", "Request against ICT policy"),
        QT_TRANSLATE_NOOP("Notes", "ICT policy"),
        QT_TRANSLATE_NOOP(
            "Notes",
            "A request that would break ICT policy is neither done quietly nor ignored: record "
            "what was asked and the polite answer you gave.",
        ),
        QT_TRANSLATE_NOOP(
            "Notes", "What the user asked for, e.g. to install software IT has not approved"
        ),
        QT_TRANSLATE_NOOP("Notes", "Write what the user asked for."),
        QT_TRANSLATE_NOOP(
            "Notes", "What you told them, politely, and where they can ask for it properly"
        ),
        QT_TRANSLATE_NOOP(
            "Notes",
            "Write the polite answer you gave: a request against ICT policy is recorded with it, "
            "not silently done or ignored.",
        ),
    ),
    "out_of_order": Category(
        QT_TRANSLATE_NOOP("Notes", "Shared equipment out of order"),
        QT_TRANSLATE_NOOP("Notes", "Out of order"),
        QT_TRANSLATE_NOOP(
            "Notes",
            "Flag shared equipment you leave out of order, so the next person is not caught out.",
        ),
        QT_TRANSLATE_NOOP("Notes", "Which equipment, where, and what is wrong with it"),
        QT_TRANSLATE_NOOP(
            "Notes", "Say which equipment is out of order, where, and what is wrong."
        ),
    ),
}
assert tuple(CATEGORIES) == NOTE_CATEGORIES


def _category_of(event: Event) -> Category:
    return CATEGORIES.get(str(event.payload.get("category", "general")), CATEGORIES["general"])


NOTE_COLUMNS: tuple[Column[Event], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda e: local_time(e.occurred_at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda e: _category_of(e).shown_short),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Note"), lambda e: " ".join(str(e.payload["text"]).split())
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Answer given"),
        lambda e: " ".join(str(e.payload.get("answer_given", "")).split()),
    ),
)


class NotesSection(Section):
    """Add a note with its category; the notes recorded so far, newest first."""

    draft_name = "notes"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Sections", "Notes"), context, parent)
        form = self.form()
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Note category"))
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category.setMinimumContentsLength(16)  # long category names elide, not widen
        for value, words in CATEGORIES.items():
            self.category.addItem(translate("Notes", words.words), value)
        self.hint = wrapped_label(muted=True)
        self.hint.setAccessibleName(self.tr("About this category"))
        chosen = QVBoxLayout()
        chosen.setSpacing(SPACING // 2)
        chosen.addWidget(self.add_field("category", self.category))
        chosen.addWidget(self.hint)
        label = QLabel(self.tr("Categor&y:"))
        label.setBuddy(self.category)
        form.addRow(label, chosen)
        self.text = text_edit(self.tr("Note"), lines=3)
        form.addRow(self.tr("&Note:"), self.add_field("text", self.text))
        self.answer = text_edit(self.tr("Polite answer given"), lines=2)
        form.addRow(self.tr("Polite &answer given:"), self.add_field("answer_given", self.answer))
        self.record_button = self.add_button(
            self.tr("&Record note"),
            EventType.NOTE,
            self.on_record_clicked,
            name=self.tr("Record the note"),
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        self.column.addLayout(row)
        self.model: TableModel[Event] = TableModel(NOTE_COLUMNS, key=lambda e: e.id, parent=self)
        self.list = RowsView(self.model, self.tr("Notes on this visit"), stretch=(2, 3), wrap=True)
        self.column.addWidget(self.list)
        self.empty_label = wrapped_label(self.tr("No notes on this visit yet."), muted=True)
        self.column.addWidget(self.empty_label)
        self.category.currentIndexChanged.connect(self.on_category_changed)
        self.on_category_changed()

    def chosen(self) -> str:
        return str(self.category.currentData() or "general")

    def on_category_changed(self, *_args: object) -> None:
        words = CATEGORIES[self.chosen()]
        self.hint.setText(translate("Notes", words.hint))
        self.text.setPlaceholderText(translate("Notes", words.placeholder))
        self.answer.setPlaceholderText(translate("Notes", words.answer_placeholder))
        self.answer.setAccessibleDescription(
            self.tr("The polite answer given (required)")
            if self.chosen() in ANSWERED
            else self.tr("The polite answer given (optional)")
        )

    def refresh(self) -> None:
        assert self.snapshot is not None
        notes = list(reversed(self.snapshot.events_of(EventType.NOTE)))
        self.model.set_rows(notes)
        self.list.setVisible(bool(notes))
        self.empty_label.setVisible(not notes)

    def reset(self) -> None:
        self.text.clear()
        self.answer.clear()
        self.category.setCurrentIndex(0)

    def default_button(self) -> QPushButton | None:
        return self.record_button

    def on_record_clicked(self) -> None:
        category = self.chosen()
        words = CATEGORIES[category]
        text = self.text.toPlainText()
        answer = self.answer.toPlainText()
        checks = [(text, translate("Notes", words.missing))]
        if category in ANSWERED:
            checks.append((answer, translate("Notes", words.answer_missing)))
        if self.missing(checks):
            (self.text if not text.strip() else self.answer).setFocus()
            return
        self.record(
            EventType.NOTE,
            {
                "text": text.strip(),
                "category": category,
                "answer_given": answer.strip() or None,
            },
            settles=True,
        )
