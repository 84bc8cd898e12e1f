"""The asset list (supervisors import it) and the device each visit names (from its events)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.server.models import SHORT, Base, UTCDateTime


class Asset(Base):
    """One device of the asset list (fieldapp.domain.devices.Asset), by its tag.

    `owner_key` is the owner's fieldapp.domain.devices.person_key (their e-mail address,
    else their name, without case), the same key a visit's customer gets, so a person's
    devices are found by an index.
    """

    __tablename__ = "assets"
    __table_args__ = (Index("ix_assets_owner_key", "owner_key"),)

    asset_tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(SHORT), default="")
    serial: Mapped[str] = mapped_column(String(SHORT), default="")
    model: Mapped[str] = mapped_column(String(SHORT), default="")
    owner: Mapped[str] = mapped_column(String(SHORT), default="")
    owner_email: Mapped[str] = mapped_column(String(SHORT), default="")
    owner_key: Mapped[str | None] = mapped_column(String(SHORT), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class VisitDevice(Base):
    """The device a visit names: its latest accepted device_attached event, rewritten with
    the other derived tables (fieldapp.server.facts). The tag need not be on the asset list
    (a device bought since, or not listed yet)."""

    __tablename__ = "visit_devices"
    __table_args__ = (Index("ix_visit_devices_asset_tag", "asset_tag"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    asset_tag: Mapped[str] = mapped_column(String(64))
    attached_at: Mapped[datetime] = mapped_column(UTCDateTime())
