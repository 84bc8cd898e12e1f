"""What a page of the change feed did to the technician's round (visits gone, new, changed),
read before the page is applied, so the app can tell it in words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.derive import chunks
from fieldapp.store.models import visits_table

# The server's sentences for a visit taken off a round (fieldapp/server/dispatch.py and
# assistants.py write them in English), read back as a template and its values so the app
# says them in its own language; a sentence of another shape is shown as the server wrote it.
_SERVER_SENTENCES = (
    (
        re.compile(r"Now with (?P<holder>.+), reassigned by (?P<by>.+)\.", re.DOTALL),
        QT_TRANSLATE_NOOP("FeedNews", "Now with {holder}, reassigned by {by}."),
    ),
    (
        re.compile(r"(?P<by>.+) took this visit off your list\.", re.DOTALL),
        QT_TRANSLATE_NOOP("FeedNews", "{by} took this visit off your list."),
    ),
    (
        re.compile(r"(?P<by>.+) took you off this visit's team\.", re.DOTALL),
        QT_TRANSLATE_NOOP("FeedNews", "{by} took you off this visit's team."),
    ),
    (
        re.compile(r"Dispatch cancelled this visit: (?P<why>.*)", re.DOTALL),
        QT_TRANSLATE_NOOP("FeedNews", "Dispatch cancelled this visit: {why}"),
    ),
)
TAKEN_OFF = QT_TRANSLATE_NOOP("FeedNews", "The server took this visit off your round.")


def server_words(message: str | None) -> tuple[str, dict[str, str]]:
    """The server's sentence on a visit gone (`message`) as (template, values): the
    template is the catalogue's source text (context "FeedNews"), `{name}`s filled by values.
    No sentence: TAKEN_OFF."""
    text = (message or "").strip()
    if not text:
        return TAKEN_OFF, {}
    for pattern, template in _SERVER_SENTENCES:
        found = pattern.fullmatch(text)
        if found:
            return template, found.groupdict()
    # Not one of ours: braces in it must not be taken for fields.
    return "{said}", {"said": text}


@dataclass(frozen=True, slots=True)
class VisitGone:
    """A visit the server took off this laptop's round (a tombstone), with its words.

    `reason` is the tombstone's (reassigned, unassigned, cancelled, removed_from_team...);
    `message` the server's sentence (who has it now and who moved it, on newer servers).
    `kept`: the laptop still held unsent work on it, so it stays as a conflict.
    """

    visit_id: str
    reference: str
    customer: str
    reason: str
    message: str
    kept: bool = False

    @property
    def words(self) -> tuple[str, dict[str, str]]:
        """The message as a template to translate and its values (server_words)."""
        return server_words(self.message)


@dataclass(frozen=True, slots=True)
class VisitArrived:
    """A visit new to this laptop's round (assigned, handed over, or made by dispatch)."""

    visit_id: str
    reference: str
    customer: str


@dataclass(slots=True)
class FeedNews:
    """What one or more pages changed on the round, in feed order."""

    gone: list[VisitGone] = field(default_factory=list)
    arrived: list[VisitArrived] = field(default_factory=list)
    changed: int = 0  # visits already here whose dispatch data the server changed

    def __bool__(self) -> bool:
        return bool(self.gone or self.arrived or self.changed)

    def extend(self, other: FeedNews) -> None:
        self.gone.extend(other.gone)
        self.arrived.extend(other.arrived)
        self.changed += other.changed


def _known(session: Session, visit_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Reference and customer of those of the visits the cache holds (stubs are not known)."""
    col = visits_table.c
    found: dict[str, tuple[str, str]] = {}
    for part in chunks(sorted(set(visit_ids))):
        rows = session.execute(
            select(col.id, col.reference, col.customer_name).where(
                col.id.in_(part), col.stub.is_(False)
            )
        )
        found.update((row.id, (row.reference, row.customer_name)) for row in rows)
    return found


def read_news(
    session: Session,
    tombstones: Mapping[str, tuple[str, str | None]],
    visits: Mapping[str, tuple[str, str]],
) -> FeedNews:
    """What applying a page will do, read before it is applied.

    Args:
        tombstones: visit id -> (reason, message) of the page's tombstones still standing.
        visits: visit id -> (reference, customer) of the page's visit changes.
    """
    known = _known(session, [*tombstones, *visits])
    news = FeedNews()
    for visit_id, (reason, message) in tombstones.items():
        if visit_id in known and visit_id not in visits:
            reference, customer = known[visit_id]
            news.gone.append(VisitGone(visit_id, reference, customer, reason, message or ""))
    for visit_id, (reference, customer) in visits.items():
        if visit_id in known:
            news.changed += 1
        else:
            news.arrived.append(VisitArrived(visit_id, reference, customer))
    return news
