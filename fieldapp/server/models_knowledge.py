"""The server's knowledge tables: articles promoted from resolutions, incidents' known fixes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.server.models import SHORT, Base, UTCDateTime


class Article(Base):
    """A fix a supervisor wrote up (usually from a visit's resolution) for every laptop.

    Never deleted: retiring one (`retired_at`) takes it off the laptops at their next sync
    and keeps the record; restoring it sends it again."""

    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_retired_at_updated_at", "retired_at", "updated_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(SHORT))
    problem: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    resources_used: Mapped[str] = mapped_column(Text, default="")
    fix: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(SHORT), default="")
    source_category: Mapped[str] = mapped_column(String(SHORT), default="")
    source_visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visits.id"), default=None, index=True
    )
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class IncidentFix(Base):
    """An incident's known fix (visits name their incident by `incident_ref`): what every
    technician on a visit of that incident sees on the Diagnose page."""

    __tablename__ = "incident_fixes"

    incident_ref: Mapped[str] = mapped_column(String(SHORT), primary_key=True)
    known_fix: Mapped[str] = mapped_column(Text)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
