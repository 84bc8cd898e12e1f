"""Content-addressed attachments (signatures, photos): idempotent upload, scoped download."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from fieldapp import protocol
from fieldapp.protocol import AttachmentReceipt, ErrorBody
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.models import Attachment, EventRecord, Visit
from fieldapp.server.security import CurrentUser

router = APIRouter(prefix="/attachments", tags=["attachments"])
HashPath = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256, lower-case hex")]
_DEFAULT_TYPE = "application/octet-stream"


async def raw_body(request: Request) -> bytes:
    """The request body as bytes (the guard middleware has capped its size)."""
    return await request.body()


def _media_type(request: Request) -> str:
    value = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not value or len(value) > 127 or "/" not in value or not value.isprintable():
        return _DEFAULT_TYPE
    return value


@router.put(
    "/{sha256}",
    status_code=201,
    responses={
        200: {"model": AttachmentReceipt, "description": "Already stored."},
        400: {"model": ErrorBody, "description": "The body's SHA-256 is not the path's."},
        413: {"model": ErrorBody, "description": "Larger than MAX_ATTACHMENT_BYTES."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def put_attachment(
    *,
    sha256: HashPath,
    body: Annotated[bytes, Depends(raw_body)],
    request: Request,
    response: Response,
    user: CurrentUser,
    session: SessionDep,
) -> AttachmentReceipt:
    """Upload bytes under their SHA-256: 201 when stored, 200 when already there."""
    if len(body) > protocol.MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "too_large", "The attachment is larger than the server accepts.")
    if hashlib.sha256(body).hexdigest() != sha256:
        raise ApiError(
            400, "hash_mismatch", "The uploaded bytes do not have the SHA-256 named in the path."
        )
    receipt = AttachmentReceipt(sha256=sha256, size=len(body), created=False)
    try:
        with write_transaction(session):
            if session.get(Attachment, sha256) is None:
                session.add(
                    Attachment(
                        sha256=sha256,
                        size=len(body),
                        media_type=_media_type(request),
                        data=body,
                        uploaded_by=user.id,
                        created_at=datetime.now(UTC),
                    )
                )
                receipt.created = True
    except IntegrityError:  # a concurrent upload of the same bytes won the race
        receipt.created = False
    response.status_code = 201 if receipt.created else 200
    return receipt


@router.get(
    "/{sha256}",
    response_class=Response,
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "The bytes."},
        404: {"model": ErrorBody, "description": "Unknown, or not visible to the caller."},
    },
)
def get_attachment(sha256: HashPath, user: CurrentUser, session: SessionDep) -> Response:
    """The bytes, if the caller uploaded them or may see a visit whose event names them."""
    with session.begin():
        attachment = session.get(Attachment, sha256)
        allowed = attachment is not None and (
            user.is_supervisor
            or attachment.uploaded_by == user.id
            or bool(
                session.scalar(
                    select(
                        exists().where(
                            EventRecord.attachment_sha256 == sha256,
                            EventRecord.visit_id == Visit.id,
                            Visit.assignee_id == user.id,
                        )
                    )
                )
            )
        )
    if attachment is None or not allowed:
        raise ApiError(404, "attachment_not_found", "There is no such attachment for you.")
    return Response(
        content=attachment.data,
        media_type=attachment.media_type,
        headers={
            "ETag": f'"{sha256}"',
            "Cache-Control": "private, max-age=31536000, immutable",
            "Content-Disposition": "attachment",
            "X-Content-Type-Options": "nosniff",
        },
    )
