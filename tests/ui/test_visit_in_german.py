"""A whole desk visit walked in German: at every step, nothing the visit window shows is left in
English once the visit's own data (customer, reference, what the test typed) is set aside, and
no Alt key on screen is taken twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from enum import Enum
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.domain import Event, EventType, InvalidEvent, WorkflowViolation, validate_payload
from fieldapp.domain.customer import check as customer_check
from fieldapp.domain.state import VisitState
from fieldapp.domain.team import check_team_event
from fieldapp.store import Store
from fieldapp.store.attention import open_promises
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.languages import install_translation, remove_translation
from fieldapp.ui.promises import PromisesModel, PromisesPanel
from fieldapp.ui.visit import StepKey, VisitFlow
from fieldapp.ui.visit.pages_after import AnythingElsePage, ResolvePage, TeachPage
from fieldapp.ui.visit.pages_before import ArrivePage, ConfirmPage
from fieldapp.ui.visit.pages_close import SignOffPage
from fieldapp.ui.visit.pages_options import OptionsPage
from fieldapp.ui.visit.pages_permission import PermissionPage
from fieldapp.ui.visit.pages_work import DiagnosePage
from fieldapp.ui.visit.words import domain_sentence
from fieldapp.ui.visit_window import VisitWindow
from fieldapp.ui.walk_up import WalkUpDialog
from tests.store.factories import T0
from tests.ui.german_kit import differing_sources
from tests.ui.test_alt_keys import mnemonic
from tests.ui.test_visit_flow import (
    VISIT,
    WAIT_MS,
    Clock,
    click,
    clock_fixture,
    page,
    store_fixture,
    tick,
)

__all__ = ["clock_fixture", "store_fixture"]  # the fixtures used here

# Words a German screen does not say: what is left of an English sentence or label, and the
# English names of days and months (a date not written through QLocale).
ENGLISH = re.compile(
    r"\b(the|and|of|to|at|by|from|with|for|on|is|are|this|that|your|you|its|not|"
    r"no|yes|none|all|any|new|next|what|who|why|how|when|where|which|here|there|now|"
    r"visits?|users?|customers?|records?|recorded|steps?|notes?|files?|promises?|parts?|"
    r"loans?|choices?|options?|sign|signed|signature|done|diagnosis|resolve|"
    r"resolved|teach|anything|else|escalate|leave|reopen|arrive|arrival|permission|confirm|"
    r"confirmed|synced|waiting|desk|trips?|minutes?|about|ago|due|kept|made|open|closed|"
    r"completed|when|time|back|later|agreed|add|"
    r"sun|mon|tue|wed|thu|fri|sat|mar|may|jun|jul|oct|dec)\b",
    re.IGNORECASE,
)
# Words the same in both languages (Diagnose, Laptop, Server, was, in, IT are German too) are
# left out of ENGLISH; these are English words that German borrows.
SAME = {"chat", "online", "offline"}


def english_sources() -> set[str]:
    """The English texts of every catalogue whose German differs."""
    return differing_sources()


def bare(text: str) -> str:
    """A text as compared: no accelerator, no trailing colon or ellipsis, no edge spaces."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":\u2026")


def model_texts(model: Any) -> Iterator[str]:
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(model.rowCount()):
            index = model.index(row, column)
            yield str(index.data() or "")
            yield str(index.data(Qt.ItemDataRole.ToolTipRole) or "")


def shown_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) of everything visible in the window that carries words, tooltips and the
    names read to a screen reader included."""
    yield "title", top.windowTitle()
    if isinstance(top, QMainWindow):
        yield "status bar", top.statusBar().currentMessage()
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        kind = type(widget).__name__
        yield f"{kind} name", widget.accessibleName()
        yield f"{kind} description", widget.accessibleDescription()
        yield f"{kind} tip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QComboBox):
            yield from ((kind, widget.itemText(i)) for i in range(widget.count()))
            line = widget.lineEdit()
            if line is not None:
                yield f"{kind} placeholder", line.placeholderText()
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QAbstractSpinBox):
            yield kind, widget.text()  # a date's day and month names, a minutes suffix
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield kind, widget.tabText(index)
                yield f"{kind} tip", widget.tabToolTip(index)
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                item = widget.item(index)
                yield kind, item.text()
                yield f"{kind} tip", item.toolTip()
                yield f"{kind} name", str(item.data(Qt.ItemDataRole.AccessibleTextRole) or "")
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from ((kind, text) for text in model_texts(widget.model()))


def mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every Alt key shown: tabs, buttons, boxes, labels of a field."""
    texts: list[str] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None  # Alt jumps to the buddy
        ):
            texts.append(widget.text())
    return [(letter, text) for text in texts if (letter := mnemonic(text))]


def clashes(top: QWidget) -> list[str]:
    """The Alt keys shown twice at once (each must do one thing, in German too)."""
    shown = mnemonics(top)
    counts = Counter(letter for letter, _ in shown)
    return sorted(f"Alt+{letter.upper()}: {text!r}" for letter, text in shown if counts[letter] > 1)


def english_left(top: QWidget, data: set[str], sources: set[str]) -> list[str]:
    """What still reads as English: a catalogue's English source shown as it is (but for its
    accelerator, colon or ellipsis), or an English word once the data values are taken out."""
    wanted = {bare(source) for source in sources} - {""}
    longest_first = sorted(data, key=len, reverse=True)
    left = []
    for what, text in shown_texts(top):
        if not text.strip() or text in data:
            continue
        if bare(text) in wanted:
            left.append(f"{what}: {text!r} is a catalogue's English")
            continue
        rest = text
        for value in longest_first:
            rest = rest.replace(value, " ")
        words = {w.lower() for w in ENGLISH.findall(rest)} - SAME
        if words:
            left.append(f"{what}: {text!r} has {sorted(words)}")
    return left


# What the test types or chooses that the window shows back as it is: data, not words.
TYPED = (
    "Ada Park",
    "Kyra Lane",
    "kyra",
    "Nothing prints, the report is due.",
    "The queue is stuck since the print server restarted.",
    "Clear the queue",
    "Use the floor 3 printer today",
    "The print queue was stuck; I cleared it.",
    "How to see the print queue.",
    "Clear the print queue, about half an hour.",
    "The paper tray sticks.",
)


@pytest.fixture(name="german")
def german_fixture(qapp: QApplication) -> Iterator[None]:
    installed = install_translation(qapp, "de")
    assert installed
    try:
        yield
    finally:
        remove_translation(qapp, installed)


@pytest.fixture(name="window")
def window_fixture(qtbot: QtBot, store: Any, clock: Clock, german: None) -> Iterator[VisitWindow]:
    runner = BackgroundRunner()
    flow = VisitFlow(store, runner, VISIT, author="kyra", technician_name="Kyra Lane", clock=clock)
    window = VisitWindow(flow)
    qtbot.addWidget(window)
    window.resize(1200, 900)
    window.show()
    qtbot.waitUntil(lambda: flow.snapshot is not None, timeout=WAIT_MS)
    try:
        yield window
    finally:
        window.close()
        runner.wait()


class Walk:
    """Collects, step by step, what the window still says in English."""

    def __init__(self, window: VisitWindow) -> None:
        self.window = window
        self.flow = window.flow
        self.sources = english_sources()
        self.left: dict[str, list[str]] = {}

    def data(self) -> set[str]:
        snapshot = self.flow.snapshot
        assert snapshot is not None
        visit = snapshot.detail.visit
        values = visit.model_dump().values()
        found = {v for v in values if isinstance(v, str) and not isinstance(v, Enum) and v}
        found |= {f.filename for f in snapshot.files} | {f.media_type for f in snapshot.files}
        return found | set(TYPED) | {"FieldApp"}

    def check(self, where: str) -> None:
        QApplication.processEvents()
        found = english_left(self.window, self.data(), self.sources) + clashes(self.window)
        if found:
            self.left[where] = found

    def check_other(self, top: QWidget, where: str) -> None:
        """What another window of the visit's (the promises, a walk-up) leaves in English."""
        QApplication.processEvents()
        found = english_left(top, self.data(), self.sources) + clashes(top)
        if found:
            self.left[where] = found

    def check_every_tab(self, where: str) -> None:
        for index in range(self.flow.tabs.count()):
            self.flow.tabs.setCurrentIndex(index)
            self.check(f"{where}, tab {self.flow.tabs.tabText(index)!r}")
        self.flow.tabs.setCurrentIndex(0)


def test_a_whole_visit_in_german_leaves_nothing_in_english(
    qtbot: QtBot, window: VisitWindow, clock: Clock, store: Store
) -> None:
    assert QLocale().language() == QLocale.Language.German
    flow = window.flow
    walk = Walk(window)
    assert flow.tabs.tabText(0) == "Schritte"
    walk.check_every_tab("opened")

    confirm: ConfirmPage = page(flow, StepKey.CONFIRM, ConfirmPage)
    assert "Guten Tag Ada Park," in confirm.message.toPlainText()
    confirm.channel.setCurrentIndex(confirm.channel.findData("phone"))
    qtbot.keyClicks(confirm.confirmed_with, "Ada Park")
    walk.check("confirm")
    clock.now = T0 + timedelta(minutes=40)  # late at the desk: the page says so
    click(qtbot, flow, confirm.record_button)

    arrive: ArrivePage = page(flow, StepKey.ARRIVE, ArrivePage)
    assert arrive.late_banner.isVisible()
    walk.check("arrive, late")
    tick(qtbot, arrive.greeting)
    tick(qtbot, arrive.late_notice)
    click(qtbot, flow, arrive.record_button)

    permission: PermissionPage = page(flow, StepKey.PERMISSION, PermissionPage)
    for number in range(len(permission.outcome_buttons)):  # each outcome's form
        permission.outcome_buttons[number].setChecked(True)
        walk.check(f"permission, outcome {number + 1}")
    permission.outcome_buttons[0].setChecked(True)
    qtbot.keyClicks(permission.explanation, "Clear the print queue, about half an hour.")
    click(qtbot, flow, permission.record_button)

    diagnose: DiagnosePage = page(flow, StepKey.DIAGNOSE, DiagnosePage)
    walk.check("diagnose")
    diagnose.perspective.clear()
    qtbot.keyClicks(diagnose.perspective, "Nothing prints, the report is due.")
    diagnose.source.setCurrentIndex(diagnose.source.findData("network"))
    qtbot.keyClicks(diagnose.findings, "The queue is stuck since the print server restarted.")
    diagnose.record_button.click()  # the two questions not asked yet: refused, in German
    assert diagnose.error_banner.text() == "Fragen Sie den Benutzer, seit wann das Problem besteht."
    walk.check("diagnose, refused")
    diagnose.intake.since.setCurrentIndex(diagnose.intake.since.findData("today"))
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("no"))
    walk.check("diagnose, not shown")
    diagnose.intake.shown.setCurrentIndex(diagnose.intake.shown.findData("yes"))
    click(qtbot, flow, diagnose.record_button)

    options: OptionsPage = page(flow, StepKey.OPTIONS, OptionsPage)
    walk.check("offer choices")
    qtbot.keyClicks(options.editor.rows[0][1], "Clear the queue")
    qtbot.keyClicks(options.editor.rows[1][1], "Use the floor 3 printer today")
    click(qtbot, flow, options.offer_button)
    walk.check("choices offered")
    tick(qtbot, options.choices.group.buttons()[0])
    click(qtbot, flow, options.choose_button)

    resolve: ResolvePage = page(flow, StepKey.RESOLVE, ResolvePage)
    assert resolve.choice_label.text() == "Der Benutzer hat gewählt: Clear the queue"
    qtbot.keyClicks(resolve.explanation, "The print queue was stuck; I cleared it.")
    click(qtbot, flow, resolve.record_button)  # not shown to work yet: incomplete, said why
    flow.go_to(StepKey.RESOLVE)
    walk.check("resolved without a demonstration")
    tick(qtbot, resolve.demonstrated)
    tick(qtbot, resolve.confirmed)
    click(qtbot, flow, resolve.record_button)

    teach: TeachPage = page(flow, StepKey.TEACH, TeachPage)
    walk.check("teach")
    qtbot.keyClicks(teach.topic, "How to see the print queue.")
    click(qtbot, flow, teach.record_button)

    anything: AnythingElsePage = page(flow, StepKey.ANYTHING_ELSE, AnythingElsePage)
    walk.check("anything else")
    click(qtbot, flow, anything.record_button)

    sign_off: SignOffPage = page(flow, StepKey.SIGN_OFF, SignOffPage)
    walk.check("sign-off")
    qtbot.mousePress(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 200, 10):
        qtbot.mouseMove(sign_off.pad, QPoint(x, 40 + x % 30))
    qtbot.mouseRelease(sign_off.pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 60))
    tick(qtbot, sign_off.satisfaction.button(4))
    qtbot.keyClicks(sign_off.comment, "The paper tray sticks.")
    tick(qtbot, sign_off.follow_up)
    walk.check("sign-off, filled in")
    click(qtbot, flow, sign_off.record_button)

    # Done: the header, every page (done or unavailable, with why), the timeline and the
    # notes with the follow-up call promised.
    assert flow.header.step.text() == "Abgeschlossen"
    walk.check_every_tab("signed off")
    for key in StepKey:
        flow.go_to(key)
        walk.check(f"signed off, page {key.value}")

    # The round's promises panel with the follow-up call, and a walk-up asked for meanwhile.
    host = QMainWindow()
    qtbot.addWidget(host)
    model = PromisesModel(clock, host)
    with store.read_session() as session:
        model.set_promises(open_promises(session))
    host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, PromisesPanel(model, host))
    host.show()
    assert model.rowCount() == 1
    walk.check_other(host, "the promises panel")
    walk_up = WalkUpDialog(store, BackgroundRunner(), author="kyra", clock=clock)
    qtbot.addWidget(walk_up)
    walk_up.show()
    walk_up.open_button.click()  # nobody named: refused, in German
    walk.check_other(walk_up, "a walk-up, refused")
    said = [f"{where}: {text}" for where, found in walk.left.items() for text in found]
    assert not said, "\n".join(said)


def test_the_domains_refusals_are_said_in_german(german: None) -> None:
    """A refusal built with values keeps its English message and reads as German on screen."""
    with pytest.raises(InvalidEvent) as invalid:
        validate_payload(EventType.NOTE, {"text": "", "category": "general"})
    assert invalid.value.message == "The field 'text' must not be empty."
    assert domain_sentence(invalid.value) == "Das Feld 'text' darf nicht leer sein."
    with pytest.raises(WorkflowViolation) as refused:
        check_team_event(
            ["tony"], Event("e", VISIT, EventType.ASSISTANT_ADDED, T0, {"username": "tony"})
        )
    assert refused.value.message == "tony is already helping on this visit."
    assert domain_sentence(refused.value) == "tony hilft bei diesem Besuch bereits mit."
    # The customer's loop's refusals too ('On my way' at the desk was said in English).
    with pytest.raises(WorkflowViolation) as at_desk:
        customer_check(
            VisitState(present=frozenset({"kyra"})),
            Event("e", VISIT, EventType.ON_MY_WAY, T0, {}, author="kyra"),
        )
    assert domain_sentence(at_desk.value) == (
        "Sie sind bereits vor Ort; der Benutzer weiß, dass Sie da sind."
    )


def test_the_tag_fields_hint_fits_in_german(window: VisitWindow, qtbot: QtBot) -> None:
    """At the width the visit window gets on a 1366 px screen, the asset tag field's hint is
    read whole (it was cut after "Eingabe dr")."""
    window.resize(1100, 700)
    window.flow.show_scan()
    field = window.flow.panel.device.scan
    qtbot.waitUntil(field.isVisible, timeout=WAIT_MS)
    hint = field.placeholderText()
    assert hint == "Scannen oder eintippen, dann Eingabetaste"
    room = (
        field.width()
        - 2 * field.style().pixelMetric(field.style().PixelMetric.PM_DefaultFrameWidth)
        - 8
    )
    assert field.fontMetrics().horizontalAdvance(hint) <= room
