"""The device and person history the laptop keeps for its round (migration 0012), as the
server last sent it (GET /sync/history), and what the visit window shows of it offline.

The history is replaced whole at each sync (`replace_history`): it is the server's
reference data, never the technician's work, so nothing of it needs pushing or merging. The
device a visit names is its latest device_attached event here (pending ones included), else
the one the server last said.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Index, Integer, String, Text, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from fieldapp import protocol
from fieldapp.domain.devices import InvalidAsset, normalize_tag
from fieldapp.store.meta import get_meta, set_meta
from fieldapp.store.models import SYNC_REJECTED, Base, EventRow, Visit

if TYPE_CHECKING:
    from fieldapp.protocol import AssetRecord, RoundHistory

# The meta key of the kept history's digest: a sync bringing the same history writes nothing.
HISTORY_DIGEST = "device_history_digest"
# When the history was last read from the server. A sync that changed nothing reads it again
# only once it is this old: what it holds (other visits, the asset list) changes slowly, and
# a sync that pushed or pulled anything reads it at once.
HISTORY_READ_AT = "device_history_read_at"
HISTORY_REFRESH = timedelta(minutes=15)

__all__ = [
    "DeviceFound",
    "DevicePanel",
    "PastEntry",
    "clear_history",
    "device_panel",
    "find_asset",
    "find_device",
    "history_due",
    "mark_history_read",
    "replace_history",
]


class DeviceAssetRow(Base):
    """A device of the asset list the server sent with the history."""

    __tablename__ = "device_assets"

    asset_tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    hostname: Mapped[str] = mapped_column(Text, default="")
    serial: Mapped[str] = mapped_column(Text, default="")
    model: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    owner_email: Mapped[str] = mapped_column(Text, default="")


class RoundDeviceRow(Base):
    """What the server said of one visit of the round: the device it names there (None
    until one is attached) and the devices the asset list gives its user."""

    __tablename__ = "round_devices"

    visit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    asset_tag: Mapped[str | None] = mapped_column(String(64))
    owned: Mapped[list[str]] = mapped_column(JSON)


class PastVisitRow(Base):
    """An earlier visit of a device or a person of the round, told in a few lines."""

    __tablename__ = "past_visits"
    __table_args__ = (Index("ix_past_visits_asset_tag", "asset_tag"),)

    visit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)
    customer_name: Mapped[str] = mapped_column(Text)
    asset_tag: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(32))
    technician: Mapped[str | None] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text)
    diagnosis: Mapped[str] = mapped_column(Text)
    fix: Mapped[str] = mapped_column(Text)
    parts: Mapped[list[str]] = mapped_column(JSON)
    promises: Mapped[list[str]] = mapped_column(JSON)


class PastLinkRow(Base):
    """That a past visit belongs to a round visit's history, by its device or by its user."""

    __tablename__ = "past_links"

    visit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    past_visit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    by: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)


def clear_history(session: Session) -> None:
    """Forget the kept history (another account logs in: it was the previous one's round).
    The caller owns the transaction."""
    for model in (PastLinkRow, RoundDeviceRow, PastVisitRow, DeviceAssetRow):
        session.execute(delete(model))
    set_meta(session, HISTORY_DIGEST, None)
    set_meta(session, HISTORY_READ_AT, None)


def history_due(session: Session, now: datetime, *, changed: bool) -> bool:
    """Whether a sync reads the history again: it `changed` something, or the kept history
    is older than HISTORY_REFRESH (or there is none)."""
    if changed:
        return True
    read_at = get_meta(session, HISTORY_READ_AT)
    if read_at is None:
        return True
    try:
        return now - datetime.fromisoformat(read_at) >= HISTORY_REFRESH
    except ValueError:
        return True


def mark_history_read(session: Session, now: datetime) -> None:
    """Note that the history was read from the server now."""
    set_meta(session, HISTORY_READ_AT, now.isoformat())


def _digest(history: RoundHistory) -> str:
    body = history.model_dump_json(exclude={"server_time"})
    return hashlib.sha256(body.encode()).hexdigest()


def replace_history(session: Session, history: RoundHistory) -> bool:
    """Keep the server's history in place of the previous one; False when it is the same
    (most syncs: nothing is written then). The caller owns the transaction."""
    digest = _digest(history)
    if get_meta(session, HISTORY_DIGEST) == digest:
        return False
    clear_history(session)
    set_meta(session, HISTORY_DIGEST, digest)
    if history.assets:
        session.execute(insert(DeviceAssetRow), [a.model_dump() for a in history.assets])
    if history.past:
        session.execute(insert(PastVisitRow), [p.model_dump() for p in history.past])
    if history.visits:
        session.execute(
            insert(RoundDeviceRow),
            [
                {"visit_id": v.visit_id, "asset_tag": v.asset_tag, "owned": v.owned}
                for v in history.visits
            ],
        )
    known = {p.visit_id for p in history.past}
    links = [
        {"visit_id": v.visit_id, "past_visit_id": link.past_visit_id, "by": link.by, "position": i}
        for v in history.visits
        for i, link in enumerate(v.past)
        if link.past_visit_id in known
    ]
    if links:
        session.execute(insert(PastLinkRow), links)
    return True


def _asset(row: DeviceAssetRow) -> AssetRecord:
    return protocol.AssetRecord(
        asset_tag=row.asset_tag,
        hostname=row.hostname,
        serial=row.serial,
        model=row.model,
        owner=row.owner,
        owner_email=row.owner_email,
    )


def find_asset(session: Session, raw_tag: str) -> AssetRecord | None:
    """The asset list's row for a typed or scanned tag, if the laptop has it (None too for
    text that is no tag)."""
    try:
        tag = normalize_tag(raw_tag)
    except InvalidAsset:
        return None
    row = session.get(DeviceAssetRow, tag)
    return None if row is None else _asset(row)


@dataclass(frozen=True, slots=True)
class PastEntry:
    """An earlier visit as the visit window lists it; `by`: "device" or "person"."""

    visit_id: str
    reference: str
    customer_name: str
    asset_tag: str | None
    at: datetime
    status: str
    technician: str | None
    problem: str
    diagnosis: str
    fix: str
    parts: tuple[str, ...]
    promises: tuple[str, ...]
    by: str


@dataclass(frozen=True, slots=True)
class DevicePanel:
    """What the visit window shows of the visit's device and history.

    Attributes:
        tag: the device the visit names (its latest device_attached here, else the
            server's), or None.
        asset: the asset list's row for it, when the laptop has one.
        owned: the devices the asset list gives the visit's user (to pick one from).
        past: earlier visits of the device and of the person, newest first.
        known: whether the server has sent a history for this visit yet.
        catalogue: every device the laptop knows (the round's), by tag, for a scan.
    """

    tag: str | None
    asset: AssetRecord | None
    owned: tuple[AssetRecord, ...]
    past: tuple[PastEntry, ...]
    known: bool
    catalogue: dict[str, AssetRecord]


def _entry(row: PastVisitRow, by: str) -> PastEntry:
    return PastEntry(
        visit_id=row.visit_id,
        reference=row.reference,
        customer_name=row.customer_name,
        asset_tag=row.asset_tag,
        at=row.at,
        status=row.status,
        technician=row.technician,
        problem=row.problem,
        diagnosis=row.diagnosis,
        fix=row.fix,
        parts=tuple(row.parts),
        promises=tuple(row.promises),
        by=by,
    )


def device_panel(session: Session, visit_id: str, attached: str | None) -> DevicePanel:
    """The visit's device and history; `attached` is the tag its own events name (the
    derived state's `device`), which wins over what the server last said."""
    server = session.get(RoundDeviceRow, visit_id)
    tag = attached or (server.asset_tag if server is not None else None)
    owned_tags = list(server.owned) if server is not None else []
    # The round's whole asset list is small (bounded by the server), and a scan looks a tag
    # up in it without another read.
    assets = {row.asset_tag: _asset(row) for row in session.scalars(select(DeviceAssetRow))}
    entries: dict[str, PastEntry] = {}
    if tag is not None:
        for row in session.scalars(select(PastVisitRow).where(PastVisitRow.asset_tag == tag)):
            if row.visit_id != visit_id:
                entries[row.visit_id] = _entry(row, "device")
    linked = session.execute(
        select(PastVisitRow, PastLinkRow.by)
        .join(PastLinkRow, PastLinkRow.past_visit_id == PastVisitRow.visit_id)
        .where(PastLinkRow.visit_id == visit_id)
        .order_by(PastLinkRow.position)
    )
    for row, by in linked:
        # A device link stands only while the visit still names that device (or none).
        if by == "person" or tag is None or row.asset_tag == tag:
            entries.setdefault(row.visit_id, _entry(row, by))
    past = sorted(entries.values(), key=lambda e: (e.at, e.visit_id), reverse=True)
    return DevicePanel(
        tag=tag,
        asset=assets.get(tag) if tag else None,
        owned=tuple(assets[t] for t in owned_tags if t in assets),
        past=tuple(past),
        known=server is not None,
        catalogue=assets,
    )


@dataclass(frozen=True, slots=True)
class DeviceFound:
    """A tag scanned on the round: what the asset list says of it, the round's visits that
    name it (soonest first), and how many earlier visits of it the laptop keeps."""

    tag: str
    asset: AssetRecord | None
    visit_ids: tuple[str, ...]
    earlier: int


def find_device(session: Session, raw_tag: str) -> DeviceFound:
    """The round's visits naming the tag: by their own latest device_attached here
    (pending included), else by what the server last said.

    Raises:
        InvalidAsset: the text is no asset tag.
    """
    tag = normalize_tag(raw_tag)
    named: dict[str, str] = {
        visit_id: str(visit_tag)
        for visit_id, visit_tag in session.execute(
            select(RoundDeviceRow.visit_id, RoundDeviceRow.asset_tag).where(
                RoundDeviceRow.asset_tag.is_not(None)
            )
        )
    }
    attached = session.execute(
        select(EventRow.visit_id, EventRow.payload)
        .where(EventRow.type == "device_attached", EventRow.sync_state != SYNC_REJECTED)
        .order_by(
            EventRow.visit_id,
            EventRow.server_seq.is_(None),
            EventRow.server_seq,
            EventRow.local_seq,
        )
    )
    for visit_id, payload in attached:
        named[visit_id] = str(payload.get("asset_tag"))
    wanted = [visit_id for visit_id, visit_tag in named.items() if visit_tag == tag]
    visit_ids = session.scalars(
        select(Visit.id)
        .where(Visit.id.in_(wanted), Visit.stub.is_(False))
        .order_by(Visit.window_start, Visit.id)
    ).all()
    earlier = len(
        session.scalars(select(PastVisitRow.visit_id).where(PastVisitRow.asset_tag == tag)).all()
    )
    row = session.get(DeviceAssetRow, tag)
    return DeviceFound(
        tag=tag,
        asset=None if row is None else _asset(row),
        visit_ids=tuple(visit_ids),
        earlier=earlier,
    )
