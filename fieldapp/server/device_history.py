"""The history a laptop keeps for its round (GET /sync/history): for each visit of the
caller's round, the earlier visits of its device and of its user, bounded in age and count.

A device is the tag the visit names (visit_devices); until it names one, the devices the
asset list gives its user stand in. A person is fieldapp.domain.devices.person_key of the
visit's customer (their address, else their name), matched against other visits' customers
and the asset list's owners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session, aliased

from fieldapp.domain.devices import HISTORY_DAYS, HISTORY_PER_VISIT, past_visit, person_key
from fieldapp.protocol import (
    AssetRecord,
    PastLink,
    PastVisit,
    RoundHistory,
    VisitHistory,
    VisitStatus,
)
from fieldapp.server import assistants
from fieldapp.server.devices import record
from fieldapp.server.facts import load_history
from fieldapp.server.models import User, Visit
from fieldapp.server.models_devices import Asset, VisitDevice
from fieldapp.server.models_facts import VisitFacts

# The visits of a round whose history is sent: those from this many days back on, at most
# MAX_ROUND_VISITS of them (the soonest first), so the answer stays small.
ROUND_DAYS = 7
MAX_ROUND_VISITS = 200
_CHUNK = 500


def _chunks(values: Iterable[str]) -> list[list[str]]:
    items = sorted(set(values))
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def round_history(session: Session, user_id: int, now: datetime) -> RoundHistory:
    """The caller's round's history (see the module docstring); reads only."""
    round_rows = session.execute(
        select(Visit.id, Visit.customer_name, Visit.contact_email)
        .where(
            assistants.on_team(user_id),
            Visit.status != VisitStatus.CANCELLED.value,
            Visit.window_start >= now - timedelta(days=ROUND_DAYS),
        )
        .order_by(Visit.window_start, Visit.id)
        .limit(MAX_ROUND_VISITS)
    ).all()
    round_ids = [row[0] for row in round_rows]
    people = {row[0]: person_key(row[1], row[2]) for row in round_rows}
    named = _devices_of(session, round_ids)
    owned = _owned_by(session, {p for p in people.values() if p})
    since = now - timedelta(days=HISTORY_DAYS)
    # Each round visit's devices: the one it names, else those its user owns.
    devices = {v: ([named[v]] if v in named else owned.get(people[v] or "", [])) for v in round_ids}
    candidates = _candidates(
        session,
        {t for tags in devices.values() for t in tags},
        {p for p in people.values() if p},
        since,
        now,
    )
    visits: list[VisitHistory] = []
    wanted: set[str] = set()
    for visit_id in round_ids:
        links: list[PastLink] = []
        seen = {visit_id}
        for by in ("device", "person"):
            found = [
                c
                for c in candidates
                if c["id"] not in seen
                and (
                    c["asset_tag"] in devices[visit_id]
                    if by == "device"
                    else people[visit_id] is not None and c["person"] == people[visit_id]
                )
            ]
            for candidate in found[:HISTORY_PER_VISIT]:
                seen.add(candidate["id"])
                links.append(PastLink(past_visit_id=candidate["id"], by=_by(by)))
        wanted.update(link.past_visit_id for link in links)
        visits.append(
            VisitHistory(
                visit_id=visit_id,
                asset_tag=named.get(visit_id),
                owned=owned.get(people[visit_id] or "", []),
                past=links,
            )
        )
    by_id = {c["id"]: c for c in candidates}
    past = _past_visits(session, [by_id[v] for v in sorted(wanted)])
    tags = {t for tags in devices.values() for t in tags}
    tags |= {t for v in visits for t in v.owned} | {p.asset_tag for p in past if p.asset_tag}
    return RoundHistory(server_time=now, assets=_assets(session, tags), visits=visits, past=past)


def _by(value: str) -> Literal["device", "person"]:
    return "device" if value == "device" else "person"


def _devices_of(session: Session, visit_ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(visit_ids):
        rows = session.execute(
            select(VisitDevice.visit_id, VisitDevice.asset_tag).where(
                VisitDevice.visit_id.in_(chunk)
            )
        )
        out.update((visit_id, tag) for visit_id, tag in rows)
    return out


def _owned_by(session: Session, keys: set[str]) -> dict[str, list[str]]:
    owned: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(keys):
        rows = session.execute(
            select(Asset.owner_key, Asset.asset_tag)
            .where(Asset.owner_key.in_(chunk))
            .order_by(Asset.asset_tag)
        )
        for key, tag in rows:
            owned[str(key)].append(tag)
    return owned


def _candidates(
    session: Session, tags: set[str], keys: set[str], since: datetime, now: datetime
) -> list[dict[str, Any]]:
    """Visits within the history's reach that name one of `tags` or whose customer is one of
    `keys`, newest first, as dicts (id, asset_tag, person, window_start, ...)."""
    if not tags and not keys:
        return []
    base = (
        select(
            Visit.id,
            Visit.reference,
            Visit.customer_name,
            Visit.contact_email,
            Visit.problem,
            Visit.status,
            Visit.window_start,
            User.username,
            VisitDevice.asset_tag,
            VisitFacts.step,
            VisitFacts.completed_at,
            VisitFacts.last_event_at,
        )
        .outerjoin(User, User.id == Visit.assignee_id)
        .outerjoin(VisitDevice, VisitDevice.visit_id == Visit.id)
        .outerjoin(VisitFacts, VisitFacts.visit_id == Visit.id)
        .where(Visit.window_start >= since, Visit.window_start <= now)
    )
    emails = sorted(k for k in keys if "@" in k)
    names = sorted(k for k in keys if "@" not in k)
    # The visits matched, each way through its own index (the device's tag, the lowered
    # address or name: ix_visits_lower_*), rather than a test of every visit in the range.
    other = aliased(Visit)
    matched = [
        *(
            select(VisitDevice.visit_id).where(VisitDevice.asset_tag.in_(chunk))
            for chunk in _chunks(tags)
        ),
        *(select(other.id).where(func.lower(other.contact_email).in_(c)) for c in _chunks(emails)),
        *(select(other.id).where(func.lower(other.customer_name).in_(c)) for c in _chunks(names)),
    ]
    ids = union_all(*matched) if len(matched) > 1 else matched[0]
    rows = session.execute(base.where(Visit.id.in_(ids)).order_by(Visit.window_start.desc()))
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        (visit_id, reference, customer, email, problem, status, start, technician, tag) = row[:9]
        step, completed_at, last_event_at = row[9:]
        key = person_key(customer, email)
        if tag not in tags and key not in keys:
            continue  # a case the database folded but person_key does not
        found[visit_id] = {
            "id": visit_id,
            "reference": reference,
            "customer_name": customer,
            "problem": problem,
            "status": step or status,
            "technician": technician,
            "asset_tag": tag,
            "person": key,
            "at": completed_at or last_event_at or start,
        }
    return sorted(found.values(), key=lambda c: (c["at"], c["id"]), reverse=True)


def _past_visits(session: Session, chosen: Sequence[dict[str, Any]]) -> list[PastVisit]:
    histories = {}
    for chunk in _chunks(c["id"] for c in chosen):
        histories.update(load_history(session, chunk))
    out = []
    for candidate in chosen:
        work = past_visit(histories.get(candidate["id"], []))
        out.append(
            PastVisit(
                visit_id=candidate["id"],
                reference=candidate["reference"],
                customer_name=candidate["customer_name"],
                asset_tag=candidate["asset_tag"],
                at=candidate["at"],
                status=candidate["status"],
                technician=candidate["technician"],
                problem=" ".join(str(candidate["problem"]).split())[:500],
                diagnosis=work.diagnosis,
                fix=work.fix,
                parts=list(work.parts),
                promises=list(work.promises),
            )
        )
    return out


def _assets(session: Session, tags: set[str]) -> list[AssetRecord]:
    out: list[AssetRecord] = []
    for chunk in _chunks(tags):
        out.extend(
            record(row) for row in session.scalars(select(Asset).where(Asset.asset_tag.in_(chunk)))
        )
    return sorted(out, key=lambda a: a.asset_tag)
