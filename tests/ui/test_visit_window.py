"""Visit windows: one per visit, and a service report made (offline) once a visit is signed off."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.store import Store
from fieldapp.store.models import AttachmentRow
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.visit_window import VisitWindows
from tests.ui.test_report import VISIT, completed_visit  # noqa: F401 - the `store` fixture


def test_a_second_open_raises_the_same_window(qtbot: QtBot, store: Store) -> None:
    windows = VisitWindows(store, BackgroundRunner(), author="kyra", technician_name="Kyra")
    first = windows.open(VISIT)
    assert windows.open(VISIT) is first
    qtbot.waitUntil(lambda: "INC-20417" in first.windowTitle())
    first.close()
    qtbot.waitUntil(lambda: VISIT not in windows.windows)


def test_sign_off_makes_the_service_report_as_an_attachment(qtbot: QtBot, store: Store) -> None:
    runner = BackgroundRunner()
    windows = VisitWindows(store, runner, author="kyra", technician_name="Kyra Jones")
    with qtbot.waitSignal(windows.event_recorded, timeout=20_000) as recorded:
        windows.on_event_recorded(VISIT, "signed_off")
    assert recorded.args == ["attachment_added"]
    with store.read_session() as session:
        kinds = session.scalars(select(AttachmentRow.filename)).all()
    assert "INC-20417-service-report.pdf" in kinds
    runner.wait()
