"""The device and person history reaches the laptop with each sync and is read offline: a
colleague's earlier visits on the user's laptop (diagnosis, fix, parts, promises), the device
attached here before any sync, and a history replaced whole at the next sync."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType as E
from fieldapp.protocol import AssetRecord, RoundHistory, VisitCreate, VisitHistory
from fieldapp.server.devices import import_assets
from fieldapp.server.dispatch import create_visit
from fieldapp.store import open_store
from fieldapp.store.devices import HISTORY_REFRESH, device_panel, find_asset, replace_history
from fieldapp.store.visit_detail import visit_state
from fieldapp.sync import TokenStore, log_in
from fieldapp.sync.engine import SyncEngine
from tests.domain.factories import MINIMAL
from tests.sync.harness import Laptop, Server, fast_client, laptop_for


def _visit(server: Server, assignee: str, customer: str, start: datetime) -> str:
    data = VisitCreate(
        reference=f"INC-{uuid.uuid4().hex[:8]}",
        customer_name=customer,
        window_start=start,
        window_end=start + timedelta(hours=1),
        problem="Slow laptop.",
        assignee=assignee,
    )
    with server.db() as session:
        return create_visit(session, data, datetime.now(UTC)).id


def _push(
    laptop: Laptop, visit_id: str, start: datetime, kinds: list[tuple[E, dict[str, Any]]]
) -> None:
    for kind, payload in kinds:
        laptop.record(visit_id, kind, {**MINIMAL[kind], **payload})
    laptop.engine.sync()


def test_the_round_keeps_its_devices_history_and_shows_it_offline(
    server: Server, laptop: Laptop, tmp_path: Any
) -> None:
    now = datetime.now(UTC)
    tag = f"LT-{uuid.uuid4().hex[:6].upper()}"
    with server.db() as session:
        import_assets(
            session,
            [("item 1", {"asset_tag": tag, "model": "EliteBook 840", "owner": "Mary Smith"})],
            now,
        )
    # A colleague worked on Mary's laptop last month and promised to call back.
    colleague_name, password = server.add_technician()
    earlier = _visit(server, colleague_name, "Mary Smith", now - timedelta(days=30))
    with laptop_for(
        server.base_url, tmp_path / "colleague.sqlite3", colleague_name, password
    ) as lap:
        lap.engine.sync()
        _push(
            lap,
            earlier,
            now,
            [
                (E.DEVICE_ATTACHED, {"asset_tag": tag, "how": "typed"}),
                (E.ARRIVED, {}),
                (E.PERMISSION_GRANTED, {}),
                (E.DIAGNOSED, {"findings": "Disk nearly full", "borrowed_parts": ["USB drive"]}),
                (E.RESOLVED, {"explanation": "Moved the old files to the share."}),
                (
                    E.PROMISE_MADE,
                    {
                        "promise_id": "p1",
                        "kind": "call_back",
                        "due_at": (now + timedelta(days=1)).isoformat(),
                        "description": "Call Mary about a bigger disk",
                    },
                ),
            ],
        )
    today = _visit(server, laptop.username, "mary  smith", now + timedelta(hours=1))

    laptop.engine.sync()
    with laptop.store.read_session() as session:
        panel = device_panel(session, today, visit_state(session, today).device)
        found = find_asset(session, tag.lower())

    assert panel.known
    assert panel.tag is None
    assert [a.asset_tag for a in panel.owned] == [tag]
    assert found is not None
    assert found.model == "EliteBook 840"
    (past,) = panel.past
    assert past.visit_id == earlier
    assert past.by == "device"
    assert past.diagnosis == "software: Disk nearly full"
    assert past.fix == "Moved the old files to the share."
    assert past.parts == ("USB drive",)
    assert past.promises == ("Call Mary about a bigger disk (open)",)
    assert past.technician == colleague_name

    # Offline (the server is not asked): the scanned tag attaches at once and its history
    # stays with the visit.
    laptop.record(today, E.DEVICE_ATTACHED, {"asset_tag": tag, "how": "scanner"})
    with laptop.store.read_session() as session:
        attached = device_panel(session, today, visit_state(session, today).device)
    assert attached.tag == tag
    assert attached.asset is not None
    assert attached.asset.owner == "Mary Smith"
    assert [p.visit_id for p in attached.past] == [earlier]

    # The next sync pushes the attachment and replaces the history whole.
    laptop.engine.sync()
    with laptop.store.read_session() as session:
        again = device_panel(session, today, None)
    assert again.tag == tag  # the server now says so too
    assert [p.visit_id for p in again.past] == [earlier]


def test_another_user_logging_in_does_not_inherit_the_device_history(
    server: Server, tmp_path: Path
) -> None:
    first, first_password = server.add_technician()
    second, second_password = server.add_technician()
    store = open_store(tmp_path / "shared" / "cache.sqlite3")
    try:
        client = fast_client(server.base_url)
        try:
            log_in(store, client, TokenStore(DemoKeyring()), first, first_password)
        finally:
            client.close()
        history = RoundHistory(
            server_time=datetime.now(UTC),
            assets=[AssetRecord(asset_tag="LT-1", owner="Ann")],
            visits=[VisitHistory(visit_id="v-1", asset_tag="LT-1", owned=["LT-1"], past=[])],
            past=[],
        )
        with store.session() as session, session.begin():
            assert replace_history(session, history)
        later = history.model_copy(update={"server_time": datetime.now(UTC)})
        with store.session() as session, session.begin():
            assert not replace_history(session, later)  # the same history: nothing written
        client = fast_client(server.base_url)
        try:
            log_in(store, client, TokenStore(DemoKeyring()), second, second_password)
        finally:
            client.close()
        with store.read_session() as session:
            assert find_asset(session, "LT-1") is None
            assert not device_panel(session, "v-1", None).known
    finally:
        store.dispose()


def test_a_sync_that_changed_nothing_reads_the_history_again_only_when_it_is_old(
    server: Server, laptop: Laptop
) -> None:
    now = datetime.now(UTC)
    moments = [now]
    engine = SyncEngine(laptop.store, laptop.client, clock=lambda: moments[-1])
    today = _visit(server, laptop.username, "Bo Lind", now + timedelta(hours=1))
    engine.sync()  # the first sync reads it (and brings the visit)
    with server.db() as session:
        import_assets(session, [("item 1", {"asset_tag": "LT-77", "owner": "Bo Lind"})], now)

    def owned() -> list[str]:
        with laptop.store.read_session() as session:
            return [a.asset_tag for a in device_panel(session, today, None).owned]

    moments.append(now + timedelta(minutes=1))
    engine.sync()  # nothing changed: the history kept is recent enough
    assert owned() == []
    moments.append(now + HISTORY_REFRESH + timedelta(minutes=1))
    engine.sync()
    assert owned() == ["LT-77"]


def test_a_push_brings_the_history_it_changed_in_the_same_sync(
    server: Server, laptop: Laptop
) -> None:
    """The history is fetched beside the feed's echo of a push (while it is applied): what
    the push changed on the server is in it, here the diagnosis of the same user's earlier
    visit today, shown in the history of their next one."""
    now = datetime.now(UTC)
    earlier = _visit(server, laptop.username, "Ann Berg", now - timedelta(hours=2))
    later = _visit(server, laptop.username, "Ann Berg", now + timedelta(hours=2))
    laptop.engine.sync()
    _push(
        laptop,
        earlier,
        now,
        [
            (E.ARRIVED, {}),
            (E.PERMISSION_GRANTED, {}),
            (E.DIAGNOSED, {"findings": "Fan full of dust"}),
        ],
    )
    with laptop.store.read_session() as session:
        panel = device_panel(session, later, None)
    (past,) = panel.past
    assert (past.visit_id, past.by) == (earlier, "person")
    assert past.diagnosis == "software: Fan full of dust"
