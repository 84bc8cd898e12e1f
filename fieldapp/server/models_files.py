"""The server's file tables: stored attachments and each user's uploads of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.server.models import Base, UTCDateTime


class Attachment(Base):
    """A stored file, content-addressed; its bytes are on disk (fieldapp.server.blobs).

    `uploaded_by` is who first sent it; who may read it is decided by its uploads.
    """

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    # Before revision 0004 the bytes were kept here; the server moves them to disk when it
    # starts (uploads.move_bytes_to_disk) and leaves this empty.
    data: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Upload(Base):
    """One user's upload of a file (revision 0005): what their quota counts, and what lets
    them and those who can see a visit they attached it on read it. Naming a hash in an
    event grants nothing; sending its bytes does."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_uploader_id_sha256", "uploader_id", "sha256"),)

    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
