"""The server names the newest laptop app in GET /info: a laptop hears of it and syncs on, one
below the minimum is refused in a sentence saying where to get the update, and a laptop of
the first info shape (strict about fields) still reads the answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pydantic import BaseModel, ConfigDict

from fieldapp import protocol
from fieldapp.server.app import create_app
from fieldapp.server.settings import ServerSettings
from fieldapp.store import open_store
from fieldapp.sync import SyncEngine
from fieldapp.sync.errors import ClientTooOldError
from fieldapp.sync.headless import describe
from fieldapp.sync.updates import update_offer
from tests.support.servers import running_uvicorn
from tests.sync.fakes import ScriptedServer, info_reply
from tests.sync.harness import Server, cheap_settings, fast_client, laptop_for

DOWNLOAD = "https://it.example.org/fieldapp/"


@pytest.fixture
def announcing_server(tmp_path: Path) -> Iterator[Server]:
    settings = cheap_settings(tmp_path / "server").model_copy(
        update={"latest_client_version": "99.1.0", "client_download_url": DOWNLOAD}
    )
    app = create_app(settings)
    with running_uvicorn(app) as url:
        yield Server(url, app)


class FirstInfoShape(BaseModel):
    """GET /info as laptops up to 0.1.0 read it: any field they do not know is an error."""

    model_config = ConfigDict(extra="forbid")

    api_version: int
    server_version: str
    min_client_version: str
    server_time: str


def test_a_newer_app_is_announced_and_the_sync_goes_on(
    announcing_server: Server, tmp_path: Path
) -> None:
    username, password = announcing_server.add_technician()
    visit = announcing_server.create_visit(username)
    with laptop_for(
        announcing_server.base_url, tmp_path / "cache.sqlite3", username, password
    ) as lap:
        summary = lap.engine.sync()
        assert summary.pulled >= 1, visit
        assert summary.update is not None
        assert summary.update.version == "99.1.0"
        assert summary.update.url == DOWNLOAD
        line = describe(summary)
        assert line.startswith("Sync done:")
        assert f"FieldApp 99.1.0 is available (this laptop has {protocol.CLIENT_VERSION})" in line
        assert DOWNLOAD in line


def test_laptops_of_the_first_info_shape_get_the_answer_they_can_read(
    announcing_server: Server,
) -> None:
    url = f"{announcing_server.base_url}{protocol.API_PREFIX}/info"
    first = requests.get(url, headers={protocol.CLIENT_VERSION_HEADER: "0.1.0"}, timeout=5)
    FirstInfoShape.model_validate(first.json())  # no field it would refuse
    asked = requests.get(url, headers={protocol.INFO_SHAPE_HEADER: "2"}, timeout=5).json()
    assert asked["latest_client_version"] == "99.1.0"
    assert asked["client_download_url"] == DOWNLOAD
    # A future server's fields are ignored by this laptop rather than refused.
    info = protocol.ServerInfo.model_validate({**asked, "a_later_field": {"x": 1}})
    assert info.latest_client_version == "99.1.0"


def test_a_server_announcing_nothing_or_this_version_offers_no_update(tmp_path: Path) -> None:
    server_app = create_app(cheap_settings(tmp_path / "plain"))
    with running_uvicorn(server_app) as url, fast_client(url) as client:
        info = client.info()
        assert info.latest_client_version is None
        assert update_offer(info) is None
    same = info.model_copy(update={"latest_client_version": protocol.CLIENT_VERSION})
    assert update_offer(same) is None
    older = info.model_copy(update={"latest_client_version": "0.0.1"})
    assert update_offer(older) is None


def test_an_app_below_the_minimum_is_refused_with_where_to_get_the_update(
    tmp_path: Path,
) -> None:
    fake = ScriptedServer()
    fake.route(
        "GET",
        "/info",
        info_reply(
            min_client_version="99.0.0",
            latest_client_version="99.1.0",
            client_download_url=DOWNLOAD,
        ),
    )
    with fake.running(), fast_client(fake.base_url) as client:
        store = open_store(tmp_path / "cache.sqlite3")
        try:
            with pytest.raises(ClientTooOldError) as refused:
                SyncEngine(store, client).sync()
        finally:
            store.dispose()
    sentence = str(refused.value)
    assert "cannot sync until it is updated" in sentence
    assert DOWNLOAD in sentence


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latest_client_version", "0.2 beta"),
        ("latest_client_version", "v1"),
        ("client_download_url", "ftp://it.example.org/app"),
        ("client_download_url", "https://it.example.org/a b"),
    ],
)
def test_the_server_refuses_a_malformed_announcement(
    tmp_path: Path, field: str, value: str
) -> None:
    with pytest.raises(ValueError, match=field):
        ServerSettings(data_dir=tmp_path, **{field: value})


def test_an_app_below_the_minimum_is_told_where_the_update_is_even_before_reading_info(
    announcing_server: Server,
) -> None:
    """A laptop of the first info shape never sees the download address in /info: the 426
    every other call answers names it."""
    answer = requests.get(
        f"{announcing_server.base_url}{protocol.API_PREFIX}/sync/changes",
        headers={protocol.CLIENT_VERSION_HEADER: "0.0.1"},
        timeout=5,
    )
    assert answer.status_code == 426
    assert answer.json()["message"].endswith(
        f"please update to version {protocol.MIN_CLIENT_VERSION} or newer from {DOWNLOAD}."
    )
