"""The supervisors' knowledge base over a real server: a resolved visit's fix promoted from its
timeline, edited, retired and brought back on the Knowledge tab; an incident's known fix set."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from fieldapp.protocol.knowledge import ArticleCreate, ArticleUpdate
from fieldapp.sync import knowledge_admin
from fieldapp.ui.languages import install_translation, remove_translation
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.knowledge import ArticleDialog, KnownFixDialog
from tests.sync.supervisor_kit import Team
from tests.ui.supervisor_kit import WAIT_MS, chooser_fixture, team_fixture, window_fixture
from tests.ui.test_supervisor_window import texts

__all__ = ["chooser_fixture", "team_fixture", "window_fixture"]  # the fixtures used here


def test_a_fix_promoted_from_the_timeline_is_managed_on_the_knowledge_tab(
    qtbot: QtBot, window: SupervisorWindow, team: Team
) -> None:
    timeline = window.open_timeline(team.ids["done"])
    qtbot.waitUntil(timeline.promote_button.isEnabled, timeout=WAIT_MS)
    seen: list[dict[str, str]] = []

    def write_it(dialog: QDialog) -> bool:
        assert isinstance(dialog, ArticleDialog)
        seen.append(dialog.values())
        dialog.title_edit.setText("Adware from a PDF tool")
        return True

    timeline.ask = write_it
    with qtbot.waitSignal(timeline.article_promoted, timeout=WAIT_MS) as promoted:
        qtbot.mouseClick(timeline.promote_button, Qt.MouseButton.LeftButton)
    assert promoted.args == ["Adware from a PDF tool"]
    assert seen[0]["findings"] == "Adware installed with a PDF tool."  # from the diagnosis
    assert seen[0]["fix"] == "Removed the adware; the PDF tool is replaced."  # the resolution
    timeline.close()

    tab = window.knowledge
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(tab)  # (read again: the promotion made it stale)
    assert texts(tab.model, "Title") == ["Adware from a PDF tool"]
    assert texts(tab.model, "Status") == ["In force"]

    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    assert texts(tab.model, "Title") == []  # retired: not listed unless asked
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.retired_check.setChecked(True)
    assert texts(tab.model, "Status")[0].startswith("Retired")
    tab.table.selectRow(0)
    assert tab.retire_button.text() == "Bri&ng back"
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    assert texts(tab.model, "Status") == ["In force"]

    def retitle(dialog: QDialog) -> bool:
        assert isinstance(dialog, ArticleDialog)
        dialog.title_edit.setText("Fake alerts: adware from a PDF tool")
        return True

    tab._ask = retitle
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert texts(tab.model, "Title") == ["Fake alerts: adware from a PDF tool"]

    # The search field is wide enough to read its hint whole.
    field = tab.search_edit
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.placeholderText()) + 24
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(tab.search_edit, "nothing-like-this")
    assert texts(tab.model, "Title") == []
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.search_edit.setText("fake ADWARE")
    assert texts(tab.model, "Title") == ["Fake alerts: adware from a PDF tool"]


def test_an_incidents_known_fix_is_set_and_cleared(qtbot: QtBot, window: SupervisorWindow) -> None:
    tab = window.knowledge
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(tab)
    answers = [("INC-4471", "Run the cleanup tool."), ("INC-4471", "")]

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, KnownFixDialog)
        incident, text = answers.pop(0)
        dialog.incident_edit.setText(incident)
        dialog.fix_edit.setPlainText(text)
        return True

    tab._ask = answer
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.known_button, Qt.MouseButton.LeftButton)
    assert texts(tab.known_model, "Known fix") == ["Run the cleanup tool."]
    assert texts(tab.known_model, "Incident") == ["INC-4471"]
    tab.known_table.selectRow(0)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.known_button, Qt.MouseButton.LeftButton)
    assert texts(tab.known_model, "Known fix") == []


def test_the_days_are_shown_only_over_the_tabs_they_apply_to(
    qtbot: QtBot, window: SupervisorWindow
) -> None:
    """The knowledge base (like conflicts and equipment out) is the same whatever the days:
    its tab shows no date bar; the board's shows it again. Refresh stays on every tab."""
    days = (window.from_edit, window.to_edit, window.today_button, window.week_button)
    assert all(widget.isVisible() for widget in days)
    with qtbot.waitSignal(window.knowledge.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.knowledge
    assert not any(widget.isVisible() for widget in days)
    assert window.refresh_button.isVisible()
    with qtbot.waitSignal(window.knowledge.loaded, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_F5)  # Refresh still reads the tab again
    for key, dated in ((Qt.Key.Key_5, False), (Qt.Key.Key_7, False), (Qt.Key.Key_1, True)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert all(widget.isVisible() is dated for widget in days), key


def test_an_articles_category_is_said_in_the_supervisors_language(
    qtbot: QtBot, qapp: QApplication, window: SupervisorWindow, team: Team
) -> None:
    """Dispatch often types a source category's code ("network", "user knowledge") as the
    visit's category, which an article keeps: the Category column says it by its name, in
    German too, sorts by what it shows, and shows other text as typed."""
    for name, category in (("done", "network"), ("unhappy", "user knowledge"), ("done", "printer")):
        made = knowledge_admin.promote(team.client, ArticleCreate(visit_id=team.ids[name]))
        knowledge_admin.update_article(team.client, made.id, ArticleUpdate(category=category))
    tab = window.knowledge
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(tab)
    assert sorted(texts(tab.model, "Category")) == ["Network", "User knowledge", "printer"]

    installed = install_translation(qapp, "de")
    try:
        with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
            tab.refresh()
        assert sorted(texts(tab.model, "Category")) == ["Benutzerwissen", "Netzwerk", "printer"]
        column = next(i for i, c in enumerate(tab.model.columns) if c.title == "Category")
        tab.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        proxy = tab.table.model()
        shown = [proxy.index(row, column).data() for row in range(proxy.rowCount())]
        assert shown == ["Benutzerwissen", "Netzwerk", "printer"]
    finally:
        remove_translation(qapp, installed)
