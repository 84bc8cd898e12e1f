"""The server's supervision tables: follow-ups, conflicts, mail outbox, priority matrix."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.server.models import SHORT, Base, JSONType, User, UTCDateTime


class FollowUpItem(Base):
    """A rating of 2 or less: open until a supervisor closes it with a note."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_follow_ups_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), unique=True)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    satisfaction: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_off_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class Conflict(Base):
    """An event a previous assignee pushed after the visit left them, kept for a supervisor."""

    __tablename__ = "conflicts"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'accepted', 'dismissed')", name="status"),
        Index("ix_conflicts_status_id", "status", "id"),
        Index("ix_conflicts_technician_id_id", "technician_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    server_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)


class MailMessage(Base):
    """The durable mail outbox: written with the event that asks for the mail, sent later.

    The attachment is a reference to the stored (content-addressed) attachment, not a copy.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (
        Index("ix_mail_outbox_sent_at_next_attempt_at", "sent_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), default=None, index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), default=None)
    to_address: Mapped[str] = mapped_column(String(SHORT))
    subject: Mapped[str] = mapped_column(String(SHORT))
    body: Mapped[str] = mapped_column(Text)
    attachment_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("attachments.sha256"), default=None
    )
    attachment_name: Mapped[str | None] = mapped_column(String(255), default=None)
    attachment_type: Mapped[str | None] = mapped_column(String(127), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # Migration 0014: the confirmation's link token (the page's address is made when the
    # mail is built, from the public_url setting; emptied once sent) and calendar file.
    link_token: Mapped[str | None] = mapped_column(String(64), default=None)
    calendar: Mapped[str | None] = mapped_column(Text, default=None)


class PriorityMatrixRecord(Base):
    """One version of the supervisors' impact x urgency -> priority matrix (migration 0013);
    the newest is in force, the older ones say who changed what and when."""

    __tablename__ = "priority_matrices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the version
    cells: Mapped[dict[str, Any]] = mapped_column(JSONType)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime())

    set_by: Mapped[User | None] = relationship(lazy="joined")
