"""Uploads: streamed to disk, counted against a per-user quota, swept when no event names them."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.domain import EventType
from fieldapp.server.app import create_app
from fieldapp.server.blobs import BlobStore
from fieldapp.server.db import make_engine, make_sessionmaker, write_transaction
from fieldapp.server.migrate import upgrade_engine
from fieldapp.server.models import User
from fieldapp.server.models_files import Attachment, Upload
from fieldapp.server.uploads import stale_uploads, sweep_uploads
from tests.server.helpers import Live, cheap_settings, create_visit, event
from tests.support.servers import running_uvicorn

QUOTA = 1000


@pytest.fixture
def small_quota(database_url: str, tmp_path: Path) -> Iterator[Live]:
    """A server of its own whose users may each keep QUOTA bytes of uploads."""
    settings = cheap_settings(tmp_path, database_url, attachment_quota_bytes=QUOTA)
    app = create_app(settings)
    with running_uvicorn(app) as base_url:
        server = Live(base_url, app, settings)
        yield server
        server.close_clients()


def _bytes(size: int) -> tuple[bytes, str]:
    data = (uuid.uuid4().bytes * (size // 16 + 1))[:size]
    return data, hashlib.sha256(data).hexdigest()


def _stored_files(blobs: BlobStore) -> set[str]:
    return {p.name for p in blobs.root.glob("??/*")}


def _in_progress(blobs: BlobStore) -> list[Path]:
    return list(blobs.incoming.iterdir())


def test_an_upload_is_stored_as_a_file_named_by_its_hash(live: Live) -> None:
    tech = live.technician()
    data, sha = _bytes(300_000)

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        for start in range(0, len(data), 65_536):
            yield data[start : start + 65_536]

    response = tech.put(f"/attachments/{sha}", data=chunks())

    assert response.status_code == 201, response.text
    assert live.app.state.blobs.path(sha).read_bytes() == data
    with live.db() as session:
        assert session.get_one(Attachment, sha).data == b""  # not in the database


def test_the_quota_counts_each_users_uploads(small_quota: Live) -> None:
    live = small_quota
    tech, colleague = live.technician(), live.technician()
    first, first_sha = _bytes(600)
    second, second_sha = _bytes(600)

    stored = tech.put(f"/attachments/{first_sha}", data=first)
    declared = tech.put(f"/attachments/{second_sha}", data=second)
    streamed = tech.put(f"/attachments/{second_sha}", data=iter([second[:300], second[300:]]))
    repeated = tech.put(f"/attachments/{first_sha}", data=first)
    colleagues = colleague.put(f"/attachments/{second_sha}", data=second)

    assert stored.status_code == 201
    for refused in (declared, streamed):
        assert refused.status_code == 507
        assert refused.json()["error"] == "quota_exceeded"
    assert repeated.status_code == 200  # the same file again is not counted twice
    assert colleagues.status_code == 201
    with live.db() as session:
        tech_id = session.query(User.id).filter(User.username == tech.username).scalar()
        assert {u.sha256 for u in session.query(Upload).filter(Upload.uploader_id == tech_id)} == {
            first_sha
        }
    assert _in_progress(live.app.state.blobs) == []


def test_a_wrong_hash_or_an_oversized_stream_leaves_nothing_behind(live: Live) -> None:
    tech = live.technician()
    data, _ = _bytes(1000)
    wrong = hashlib.sha256(b"other").hexdigest()

    response = tech.put(f"/attachments/{wrong}", data=iter([data]))

    assert response.status_code == 400
    assert not live.app.state.blobs.path(wrong).exists()
    assert _in_progress(live.app.state.blobs) == []


def test_the_sweep_removes_uploads_no_event_names_after_the_grace_period(
    fresh_live: Live,
) -> None:
    live = fresh_live
    supervisor, tech, colleague = live.supervisor(), live.technician(), live.technician()
    visit_id = create_visit(supervisor, tech.username)
    attached, attached_sha = _bytes(500)
    loose, loose_sha = _bytes(500)
    for sha, data in ((attached_sha, attached), (loose_sha, loose)):
        assert tech.put(f"/attachments/{sha}", data=data).status_code == 201
    # The colleague sent the attached file's bytes too, but never attached them himself.
    assert colleague.put(f"/attachments/{attached_sha}", data=attached).status_code == 201
    photo = {"filename": "a.jpg", "media_type": "image/jpeg", "kind": "photo"}
    payload = {**photo, "sha256": attached_sha, "size": len(attached)}
    (result,) = tech.push(event(visit_id, EventType.ATTACHMENT_ADDED, payload))
    assert result["status"] == "accepted"
    blobs: BlobStore = live.app.state.blobs
    grace = timedelta(hours=live.settings.orphan_upload_grace_hours)
    now = datetime.now(UTC)

    later = now + grace + timedelta(hours=1)

    def sweep(at: datetime) -> int:
        with live.db() as session:
            stale = stale_uploads(session, at, grace)
        with live.db() as session:
            return sweep_uploads(session, blobs, stale, at, grace)

    within_grace = sweep(now)
    after_grace = sweep(later)

    assert (within_grace, after_grace) == (0, 1)
    assert _stored_files(blobs) == {attached_sha}
    assert live.count(Attachment) == 1
    assert live.count(Upload) == 1  # the colleague's upload went; it no longer counts for him
    assert tech.get(f"/attachments/{attached_sha}").content == attached
    assert tech.get(f"/attachments/{loose_sha}").status_code == 404
    assert colleague.get(f"/attachments/{attached_sha}").status_code == 404


def test_files_kept_in_the_database_move_to_disk_when_the_server_starts(
    database_url: str, tmp_path: Path
) -> None:
    data, sha = _bytes(2000)
    engine = make_engine(database_url)
    try:
        upgrade_engine(engine, "0003")
        with make_sessionmaker(engine)() as session, write_transaction(session):
            user = User(
                username="old-timer",
                role="technician",
                password_hash="x",
                created_at=datetime.now(UTC),
            )
            session.add(user)
            session.flush()
            session.execute(
                Attachment.__table__.insert().values(
                    sha256=sha,
                    size=len(data),
                    media_type="image/png",
                    data=data,
                    uploaded_by=user.id,
                    created_at=datetime.now(UTC),
                )
            )
    finally:
        engine.dispose()

    app = create_app(cheap_settings(tmp_path, database_url))
    try:
        with app.state.sessionmaker() as session, session.begin():
            stored = session.get_one(Attachment, sha)
            upload = session.get(Upload, (sha, stored.uploaded_by))
            kept = stored.data
    finally:
        app.state.engine.dispose()

    assert app.state.blobs.path(sha).read_bytes() == data
    assert kept == b""
    assert upload is not None
    assert upload.size == len(data)


def test_a_file_an_open_conflict_names_outlives_the_sweep(fresh_live: Live) -> None:
    live = fresh_live
    supervisor, before, after = live.supervisor(), live.technician(), live.technician()
    visit_id = create_visit(supervisor, before.username)
    supervisor.patch(f"/visits/{visit_id}", json={"assignee": after.username})
    photo, sha = _bytes(700)
    assert before.put(f"/attachments/{sha}", data=photo).status_code == 201
    payload = {"filename": "a.jpg", "media_type": "image/jpeg", "kind": "photo"}
    late = event(visit_id, EventType.ATTACHMENT_ADDED, {**payload, "sha256": sha, "size": 700})
    (result,) = before.push(late)
    assert result["code"] == "visit_reassigned"
    grace = timedelta(hours=live.settings.orphan_upload_grace_hours)
    later = datetime.now(UTC) + grace + timedelta(hours=1)
    with live.db() as session:
        stale = stale_uploads(session, later, grace)
    with live.db() as session:
        swept = sweep_uploads(session, live.app.state.blobs, stale, later, grace)
    (conflict,) = supervisor.get("/conflicts", params={"technician": before.username}).json()[
        "conflicts"
    ]
    cannot_yet = after.get(f"/attachments/{sha}")

    accepted = supervisor.post(
        f"/conflicts/{conflict['id']}/resolve", json={"resolution": "accept"}
    )

    assert (stale, swept) == ([], 0)
    assert cannot_yet.status_code == 404
    assert accepted.status_code == 200, accepted.text
    assert after.get(f"/attachments/{sha}").content == photo


def test_sending_a_file_lost_from_the_disk_again_restores_it(live: Live) -> None:
    tech = live.technician()
    data, sha = _bytes(800)
    assert tech.put(f"/attachments/{sha}", data=data).status_code == 201
    live.app.state.blobs.path(sha).unlink()

    lost = tech.get(f"/attachments/{sha}")
    again = tech.put(f"/attachments/{sha}", data=data)

    assert lost.status_code == 404
    assert again.status_code == 200
    assert tech.get(f"/attachments/{sha}").content == data


def test_uploads_left_half_written_by_a_crash_are_removed(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "attachments")
    crashed = blobs.receive(100)
    crashed.write(b"half")
    in_progress = blobs.receive(100)
    day_ago = datetime.now(UTC).timestamp() - 24 * 3600
    os.utime(crashed.path, (day_ago, day_ago))

    removed = blobs.drop_stale_incoming(older_than_seconds=3600)

    assert removed == 1
    assert _in_progress(blobs) == [in_progress.path]
    in_progress.discard()
    crashed.discard()
