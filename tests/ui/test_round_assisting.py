"""The round marks the visits its technician assists on (another technician holds them), so
they are not mistaken for the technician's own."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp.store import open_store
from fieldapp.store.feed import apply_changes_page
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_rows import STEP
from fieldapp.ui.round_window import RoundWindow
from tests.store.factories import TECH, PageBuilder
from tests.ui.test_round_window import NOW, WAIT_MS, Clock, _visit, at


def test_a_visit_held_by_a_colleague_says_assisting(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    try:
        builder = PageBuilder()
        builder.visit(_visit("v-own", at(9), reference="HP-001", customer_name="Ada Park"))
        builder.visit(
            _visit("v-help", at(11), reference="HP-002", customer_name="Ben Ode", assignee="jb")
        )
        with store.session() as session, session.begin():
            apply_changes_page(session, builder.page())
        window = RoundWindow(
            store, BackgroundRunner(), lambda: "", author=TECH, clock=Clock(NOW), use_tray=False
        )
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.round_loaded, timeout=WAIT_MS):
            window.refresh()

        rows = {row.reference: number for number, row in enumerate(window.model.rows())}
        step = {ref: window.model.index(n, STEP).data() for ref, n in rows.items()}
        assert step["HP-002"].startswith("Assisting")
        assert not step["HP-001"].startswith("Assisting")
        assert [row.assisting for row in window.model.rows()] == [False, True]
        window.close()
    finally:
        store.dispose()
