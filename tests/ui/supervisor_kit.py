"""Fixtures of the supervisor window tests: a seeded real server, the window on it, and a file
chooser that answers with paths the test gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.supervisor import SupervisorWindow
from fieldapp.ui.supervisor.common import FileRequest
from tests.sync.supervisor_kit import Team, seeded_team

WAIT_MS = 15_000


class Chooser:
    """Stands in for the file dialog: answers each request with the next path queued."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # where the test keeps the files it chooses
        self.answers: list[Path | None] = []
        self.requests: list[FileRequest] = []

    def __call__(self, _parent: object, request: FileRequest) -> Path | None:
        self.requests.append(request)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture(name="team")
def team_fixture(tmp_path: Path) -> Iterator[Team]:
    with seeded_team(tmp_path / "server") as team:
        yield team


@pytest.fixture(name="chooser")
def chooser_fixture(tmp_path: Path) -> Chooser:
    folder = tmp_path / "chosen"
    folder.mkdir()
    return Chooser(folder)


@pytest.fixture(name="window")
def window_fixture(qtbot: QtBot, team: Team, chooser: Chooser) -> Iterator[SupervisorWindow]:
    """The window over the seeded team, its board read for the team's period."""
    runner = BackgroundRunner()
    window = SupervisorWindow(team.client, runner, "Sue Visor (sue)", choose_file=chooser)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.board.loaded, window.team.changed], timeout=WAIT_MS):
        window.set_period(team.date_from, team.date_to)
    try:
        yield window
    finally:
        window.close()
        runner.wait()
