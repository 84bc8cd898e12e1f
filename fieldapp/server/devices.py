"""Devices on the server: importing the asset list, searching it, the device each visit names
(rewritten from its events with the other derived tables) and the round's history a laptop
keeps offline (GET /sync/history).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import Event
from fieldapp.domain.devices import ASSET_FIELDS, check_asset_rows
from fieldapp.domain.event_types import EventType
from fieldapp.protocol import AssetImportResult, AssetPage, AssetRecord
from fieldapp.server.db import run
from fieldapp.server.list_files import ListImportError, read_list
from fieldapp.server.models_devices import Asset as AssetRow
from fieldapp.server.models_devices import VisitDevice
from fieldapp.server.paging import PageParams

_CHUNK = 500


class AssetImportError(ListImportError):
    """An asset list that cannot be imported; `problems` names each bad row and field."""


def parse_asset_rows(text: str, kind: str, name: str = "the file") -> list[tuple[str, object]]:
    """The rows of an asset list's text, each with where it is ("line 3", "item 2").

    `kind` is "csv" (a header row of ASSET_FIELDS, each at most once) or "json" (a list of
    objects).

    Raises:
        AssetImportError: the text is not such a file.
    """
    return read_list(
        text,
        kind,
        name=name,
        fields=ASSET_FIELDS,
        items="devices",
        field_word="an asset field",
        error=AssetImportError,
        required="asset_tag",
        strip_header=True,
    )


def import_assets(
    session: Session, rows: Sequence[tuple[str, object]], now: datetime
) -> AssetImportResult:
    """Add the listed devices to the asset list, or replace the fields of those it has (by
    tag); all or nothing. The caller owns the write transaction.

    Raises:
        AssetImportError: names each bad row and field; nothing is written.
    """
    assets, problems = check_asset_rows(rows)
    if problems:
        raise AssetImportError(problems)
    if not assets:
        raise AssetImportError(["the list holds no device"])
    tags = [a.asset_tag for a in assets]
    known = {
        tag
        for chunk in _chunks(tags)
        for tag in session.scalars(select(AssetRow.asset_tag).where(AssetRow.asset_tag.in_(chunk)))
    }
    values = [{**asdict(a), "owner_key": a.owner_key, "updated_at": now} for a in assets]
    new = [v for v in values if v["asset_tag"] not in known]
    old = [{**v, "tag": v["asset_tag"]} for v in values if v["asset_tag"] in known]
    if new:
        session.execute(insert(AssetRow), new)
    if old:
        statement = (
            update(AssetRow)
            .where(AssetRow.asset_tag == bindparam("tag"))
            .values(
                {name: bindparam(name) for name in (*ASSET_FIELDS[1:], "owner_key", "updated_at")}
            )
        )
        session.connection().execute(statement, old)
    return AssetImportResult(created=len(new), updated=len(old))


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def record(row: AssetRow) -> AssetRecord:
    """The wire form of an asset row."""
    return AssetRecord(
        asset_tag=row.asset_tag,
        hostname=row.hostname,
        serial=row.serial,
        model=row.model,
        owner=row.owner,
        owner_email=row.owner_email,
    )


def search_assets(session: Session, query: str, page: PageParams) -> AssetPage:
    """The devices whose tag, hostname, serial, model, owner or owner's address holds
    `query` (any case; all of them for an empty query), by tag."""
    condition = None
    words = query.split()
    if words:
        pattern = (
            "%"
            + " ".join(words).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            + "%"
        )
        columns = (
            AssetRow.asset_tag,
            AssetRow.hostname,
            AssetRow.serial,
            AssetRow.model,
            AssetRow.owner,
            AssetRow.owner_email,
        )
        condition = or_(*(c.ilike(pattern, escape="\\") for c in columns))
    counted = select(func.count()).select_from(AssetRow)
    listed = select(AssetRow).order_by(AssetRow.asset_tag).offset(page.offset).limit(page.limit)
    if condition is not None:
        counted = counted.where(condition)
        listed = listed.where(condition)
    total = session.scalar(counted) or 0
    items = [record(row) for row in session.scalars(listed)]
    return AssetPage(items=items, total=total, offset=page.offset, limit=page.limit)


# Every push runs it: built once (db.run says why).
_DELETE_DEVICES = delete(VisitDevice).where(
    VisitDevice.visit_id.in_(bindparam("ids", expanding=True))
)


def rewrite(
    session: Session, touched: Sequence[str], histories: Mapping[str, Sequence[Event]]
) -> None:
    """The visit_devices rows of the touched visits, from their events (facts._rewrite)."""
    run(session, _DELETE_DEVICES, {"ids": list(touched)})
    rows = []
    for visit_id in touched:
        attached = [e for e in histories[visit_id] if e.type is EventType.DEVICE_ATTACHED]
        if attached:
            last = attached[-1]
            rows.append(
                {
                    "visit_id": visit_id,
                    "asset_tag": str(last.payload["asset_tag"]),
                    "attached_at": last.occurred_at,
                }
            )
    if rows:
        session.execute(insert(VisitDevice), rows)
