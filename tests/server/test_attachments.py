"""Attachments: idempotent content-addressed upload, hash check, size cap, download scope."""

from __future__ import annotations

import hashlib

from fieldapp import protocol
from fieldapp.server.models import Attachment
from tests.server.helpers import Live


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
