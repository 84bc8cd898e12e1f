"""Attachments: idempotent content-addressed upload, hash check, size cap, download scope."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from fieldapp import protocol
from fieldapp.domain import EventType
from fieldapp.server import feed
from fieldapp.server.models import EventRecord
from fieldapp.server.models_files import Attachment
from tests.server.helpers import T0, Client, Live, create_visit, event


def test_upload_is_idempotent(live: Live) -> None:
    tech = live.technician()
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100 + tech.username.encode()
    sha = hashlib.sha256(data).hexdigest()

    first = tech.put(f"/attachments/{sha}", data=data, headers={"Content-Type": "image/png"})
    again = tech.put(f"/attachments/{sha}", data=data)
    download = tech.get(f"/attachments/{sha}")

    assert first.status_code == 201
    assert protocol.AttachmentReceipt.model_validate(first.json()).created
    assert again.status_code == 200
    assert again.json() == {"sha256": sha, "size": len(data), "created": False}
    assert download.content == data
    assert download.headers["content-type"] == "image/png"
    assert live.count(Attachment, Attachment.sha256 == sha) == 1


def test_hash_mismatch_is_refused(live: Live) -> None:
    tech = live.technician()
    wrong = hashlib.sha256(b"something else").hexdigest()

    response = tech.put(f"/attachments/{wrong}", data=b"these bytes")

    assert response.status_code == 400
    assert response.json()["error"] == "hash_mismatch"
    assert live.count(Attachment, Attachment.sha256 == wrong) == 0


def test_malformed_hash_is_refused(live: Live) -> None:
    tech = live.technician()

    response = tech.put("/attachments/NOT-A-HASH", data=b"x")

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_too_large_attachment_is_refused(live: Live) -> None:
    tech = live.technician()
    data = b"x" * (protocol.MAX_ATTACHMENT_BYTES + 1)
    sha = hashlib.sha256(data).hexdigest()

    response = tech.put(f"/attachments/{sha}", data=data)

    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert live.count(Attachment, Attachment.sha256 == sha) == 0


def test_another_technicians_upload_is_not_visible(live: Live) -> None:
    tech_a, tech_b = live.technician(), live.technician()
    data = b"A's photo " + tech_a.username.encode()
    sha = hashlib.sha256(data).hexdigest()
    tech_a.put(f"/attachments/{sha}", data=data)

    assert tech_b.get(f"/attachments/{sha}").status_code == 404
    assert tech_b.get(f"/attachments/{'0' * 64}").status_code == 404
    assert live.anonymous().get(f"/attachments/{sha}").status_code == 401


def _photo(sha: str, size: int) -> dict[str, Any]:
    return {
        "sha256": sha,
        "filename": "desk.jpg",
        "media_type": "image/jpeg",
        "size": size,
        "kind": "photo",
    }


def _attach(tech: Client, visit_id: str, sha: str, size: int) -> dict[str, Any]:
    (result,) = tech.push(event(visit_id, EventType.ATTACHMENT_ADDED, _photo(sha, size)))
    return result


def test_who_may_read_a_file(live: Live) -> None:
    """The access rule as a matrix: uploader, a colleague who can see a visit on which the
    uploader attached it, a colleague who named its hash on his own visit, a supervisor."""
    supervisor = live.supervisor()
    uploader, holder, namer = live.technician(), live.technician(), live.technician()
    handed_over = create_visit(supervisor, uploader.username)
    namers_visit = create_visit(supervisor, namer.username)
    photo = b"\xff\xd8 photo of the desk " + uuid.uuid4().bytes
    sha = hashlib.sha256(photo).hexdigest()
    assert uploader.put(f"/attachments/{sha}", data=photo).status_code == 201
    assert _attach(uploader, handed_over, sha, len(photo))["status"] == "accepted"
    reassigned = supervisor.patch(f"/visits/{handed_over}", json={"assignee": holder.username})
    assert reassigned.status_code == 200, reassigned.text

    named = _attach(namer, namers_visit, sha, len(photo))
    unknown = _attach(namer, namers_visit, hashlib.sha256(uuid.uuid4().bytes).hexdigest(), 1)
    # Even an event that names the hash on the namer's visit (stored before this rule, say)
    # grants him nothing: he never sent the bytes.
    with live.db() as session:
        (seq,) = feed.stamp(session, 1)
        session.add(
            EventRecord(
                id=str(uuid.uuid4()),
                visit_id=namers_visit,
                type=EventType.ATTACHMENT_ADDED.value,
                occurred_at=T0,
                payload=_photo(sha, len(photo)),
                author=namer.username,
                attachment_sha256=sha,
                server_seq=seq,
                received_at=T0,
            )
        )

    readers = {"uploader": uploader, "holder": holder, "namer": namer, "supervisor": supervisor}
    answers = {role: client.get(f"/attachments/{sha}") for role, client in readers.items()}

    assert {role: a.status_code for role, a in answers.items()} == {
        "uploader": 200,
        "holder": 200,
        "namer": 404,
        "supervisor": 200,
    }
    assert all(a.content == photo for a in answers.values() if a.status_code == 200)
    # The push answers alike whether or not someone else has uploaded those bytes.
    assert (named["status"], named["code"], named["retryable"]) == (
        "rejected",
        "attachment_missing",
        True,
    )
    assert {k: v for k, v in named.items() if k != "id"} == {
        k: v for k, v in unknown.items() if k != "id"
    }


def test_a_file_never_attached_is_its_uploaders_alone(live: Live) -> None:
    supervisor, uploader = live.supervisor(), live.technician()
    data = b"uploaded, never attached " + uuid.uuid4().bytes
    sha = hashlib.sha256(data).hexdigest()
    uploader.put(f"/attachments/{sha}", data=data)

    assert uploader.get(f"/attachments/{sha}").content == data
    assert supervisor.get(f"/attachments/{sha}").status_code == 404


def test_sending_the_same_bytes_is_a_new_upload_for_each_sender(live: Live) -> None:
    first, second = live.technician(), live.technician()
    data = b"the same scan " + uuid.uuid4().bytes
    sha = hashlib.sha256(data).hexdigest()
    visit_id = create_visit(live.supervisor(), second.username)

    assert first.put(f"/attachments/{sha}", data=data).status_code == 201
    blocked = _attach(second, visit_id, sha, len(data))
    again = second.put(f"/attachments/{sha}", data=data)
    accepted = _attach(second, visit_id, sha, len(data))

    assert blocked["code"] == "attachment_missing"
    # Nothing tells the second sender that the first had the same bytes.
    assert (again.status_code, again.json()["created"]) == (201, True)
    assert accepted["status"] == "accepted"
    assert second.get(f"/attachments/{sha}").content == data
    assert live.count(Attachment, Attachment.sha256 == sha) == 1
