"""The customer's loop tables: the per-visit links the confirmation e-mail carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.server.models import Base, UTCDateTime


class CustomerLink(Base):
    """The link a confirmation e-mail carries to the visit's page (fieldapp.server.customer).

    Only the token's SHA-256 is kept: the token itself is in the mail, and in the outbox row
    until the mail is sent. `form_key` signs the page's form tokens; `answers` counts the
    user's answers through this link (capped, so a leaked link cannot flood dispatch).
    """

    __tablename__ = "customer_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    form_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answers: Mapped[int] = mapped_column(Integer, default=0)
