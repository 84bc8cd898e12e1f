"""Content-addressed attachments: uploads streamed to disk, downloads as uploads.may_read allows."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from fieldapp import protocol
from fieldapp.protocol import AttachmentReceipt, ErrorBody
from fieldapp.server import uploads
from fieldapp.server.blobs import BlobStore, TooLarge
from fieldapp.server.db import SessionDep, write_transaction
from fieldapp.server.errors import ApiError
from fieldapp.server.models_files import Attachment, Upload
from fieldapp.server.security import CurrentUser
from fieldapp.server.settings import ServerSettings

router = APIRouter(prefix="/attachments", tags=["attachments"])
HashPath = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256, lower-case hex")]
_DEFAULT_TYPE = "application/octet-stream"


async def raw_body(request: Request) -> bytes:
    """The request body as bytes (the guard middleware has capped its size; attachment
    uploads are streamed instead)."""
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
        200: {"model": AttachmentReceipt, "description": "You had already uploaded it."},
        400: {"model": ErrorBody, "description": "The body's SHA-256 is not the path's."},
        413: {"model": ErrorBody, "description": "Larger than MAX_ATTACHMENT_BYTES."},
        507: {"model": ErrorBody, "description": "Over the caller's storage quota."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def put_attachment(
    *,
    sha256: HashPath,
    request: Request,
    response: Response,
    user: CurrentUser,
    session: SessionDep,
) -> AttachmentReceipt:
    """Upload bytes under their SHA-256: 201 when new for the caller, 200 when the caller
    had already uploaded them. The body is streamed to disk while hashed; whether anyone
    else has uploaded the same bytes is not told."""
    settings: ServerSettings = request.app.state.settings
    store: BlobStore = request.app.state.blobs
    quota = settings.attachment_quota_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit():  # refuse before reading a byte what cannot fit
        used, had = await run_in_threadpool(_quota_state, session, user.id, sha256)
        if not had and used + int(declared) > quota:
            raise uploads.quota_error(quota)
    blob = store.receive(protocol.MAX_ATTACHMENT_BYTES)
    try:
        try:
            async for chunk in request.stream():
                blob.write(chunk)
        except TooLarge:
            raise ApiError(
                413, "too_large", "The attachment is larger than the server accepts."
            ) from None
        if blob.sha256 != sha256:
            raise ApiError(
                400,
                "hash_mismatch",
                "The uploaded bytes do not have the SHA-256 named in the path.",
            )
        await run_in_threadpool(blob.finish)
        created = await run_in_threadpool(
            partial(
                _record,
                session,
                sha256=sha256,
                user_id=user.id,
                size=blob.size,
                media_type=_media_type(request),
                quota=quota,
            )
        )
        # After the commit: a failed one leaves no file; an existing one has these bytes
        # (and one lost from the disk is restored).
        await run_in_threadpool(store.keep, blob, sha256)
    finally:
        blob.discard()
    response.status_code = 201 if created else 200
    return AttachmentReceipt(sha256=sha256, size=blob.size, created=created)


def _quota_state(session: Session, user_id: int, sha256: str) -> tuple[int, bool]:
    with session.begin():
        had = session.get(Upload, (sha256, user_id)) is not None
        return uploads.quota_used(session, user_id), had


def _record(
    session: Session, *, sha256: str, user_id: int, size: int, media_type: str, quota: int
) -> bool:
    with write_transaction(session):
        return uploads.record_upload(
            session,
            sha256=sha256,
            uploader=user_id,
            size=size,
            media_type=media_type,
            quota=quota,
            now=datetime.now(UTC),
        )


@router.get(
    "/{sha256}",
    response_class=Response,
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "The bytes."},
        404: {"model": ErrorBody, "description": "Unknown, or not visible to the caller."},
    },
)
def get_attachment(
    sha256: HashPath, request: Request, user: CurrentUser, session: SessionDep
) -> Response:
    """The bytes, if the caller uploaded them or may see a visit on which one of their
    uploaders attached them."""
    store: BlobStore = request.app.state.blobs
    with session.begin():
        attachment = session.get(Attachment, sha256)
        allowed = attachment is not None and uploads.may_read(session, user, sha256)
    path = store.path(sha256)
    if attachment is None or not allowed or not path.is_file():
        raise ApiError(404, "attachment_not_found", "There is no such attachment for you.")
    return FileResponse(
        path,
        media_type=attachment.media_type,
        headers={
            "ETag": f'"{sha256}"',
            "Cache-Control": "private, max-age=31536000, immutable",
            "Content-Disposition": "attachment",
            "X-Content-Type-Options": "nosniff",
        },
    )
