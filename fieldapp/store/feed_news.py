"""What a page of the change feed did to the technician's round (visits gone, new, changed),
read before the page is applied, so the app can tell it in words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.domain import EventType
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.derive import among, ids_json

# The server's sentences for a visit taken off a round (fieldapp/server/dispatch.py and
# assistants.py write them in English in the feed, conflicts.py in a push's refusal), read
# back as a template and its values so the app says them in its own language; a sentence of
# another shape is shown as the server wrote it.
_SERVER_SENTENCES = (
    (
        re.compile(
            r"Dispatch reassigned this visit to (?P<holder>.+); what you recorded is kept "
            r"for a supervisor to review\.",
            re.DOTALL,
        ),
        QT_TRANSLATE_NOOP(
            "FeedNews",
            "Dispatch reassigned this visit to {holder}; what you recorded is kept for a "
            "supervisor to review.",
        ),
    ),
    (
        re.compile(
            r"Dispatch took this visit off your list; what you recorded is kept for a "
            r"supervisor to review\."
        ),
        QT_TRANSLATE_NOOP(
            "FeedNews",
            "Dispatch took this visit off your list; what you recorded is kept for a "
            "supervisor to review.",
        ),
    ),
    (
        re.compile(
            r"You are no longer on this visit's team; what you recorded is kept for a "
            r"supervisor to review\."
        ),
        QT_TRANSLATE_NOOP(
            "FeedNews",
            "You are no longer on this visit's team; what you recorded is kept for a "
            "supervisor to review.",
        ),
    ),
    (
        re.compile(
            r"Dispatch cancelled this visit before this arrived; what you recorded is "
            r"kept for a supervisor to review\."
        ),
        QT_TRANSLATE_NOOP(
            "FeedNews",
            "Dispatch cancelled this visit before this arrived; what you recorded is kept for "
            "a supervisor to review.",
        ),
    ),
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
    text = message or ""
    if not text.strip():
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


@dataclass(frozen=True, slots=True)
class UserAnswer:
    """The user's answer on the confirmation page, or dispatch's to their request
    (fieldapp.domain.customer), new on a visit of the round.

    `kind`: "confirmed", "another_time" (with `times`, ISO 8601, and the user's `words`),
    "accepted" (the visit moved to `times[0]`) or "declined" (`words`: dispatch's reason).
    """

    visit_id: str
    reference: str
    customer: str
    kind: str
    times: tuple[str, ...] = ()
    words: str = ""


@dataclass(slots=True)
class FeedNews:
    """What one or more pages changed on the round, in feed order."""

    gone: list[VisitGone] = field(default_factory=list)
    arrived: list[VisitArrived] = field(default_factory=list)
    changed: int = 0  # visits already here whose dispatch data the server changed
    answers: list[UserAnswer] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.gone or self.arrived or self.changed or self.answers)

    def extend(self, other: FeedNews) -> None:
        self.gone.extend(other.gone)
        self.arrived.extend(other.arrived)
        self.changed += other.changed
        self.answers.extend(other.answers)


# The loop's events told in words (fieldapp.domain.customer): the user's and dispatch's.
ANSWER_TYPES = (EventType.USER_REPLIED.value, EventType.TIME_REQUEST_ANSWERED.value)


def _answer_kind(type_: str, payload: Mapping[str, Any]) -> tuple[str, tuple[str, ...], str]:
    if type_ == EventType.USER_REPLIED:
        if payload.get("answer") == "another_time":
            times = tuple(str(t) for t in payload.get("proposed_times", ()))
            return "another_time", times, str(payload.get("note", ""))
        return "confirmed", (), str(payload.get("note", ""))
    if payload.get("accepted"):
        return "accepted", (str(payload.get("window_start", "")),), str(payload.get("reason", ""))
    return "declined", (), str(payload.get("reason", ""))


def _stored(session: Session, event_ids: Iterable[str]) -> set[str]:
    rows = session.connection().exec_driver_sql(
        f"SELECT id FROM events WHERE {among('id')}", (ids_json(event_ids),)
    )
    return set(rows.scalars())


def _known(session: Session, visit_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Reference and customer of those of the visits the cache holds (stubs are not known)."""
    rows = session.connection().exec_driver_sql(
        f"SELECT id, reference, customer_name FROM visits WHERE {among('id')} AND stub = 0",
        (ids_json(visit_ids),),
    )
    return {visit_id: (reference, customer) for visit_id, reference, customer in rows}


def read_news(
    session: Session,
    tombstones: Mapping[str, tuple[str, str | None]],
    visits: Mapping[str, tuple[str, str]],
    answers: Sequence[tuple[str, str, str, Mapping[str, Any]]] = (),
) -> FeedNews:
    """What applying a page will do, read before it is applied.

    Args:
        tombstones: visit id -> (reason, message) of the page's tombstones still standing.
        visits: visit id -> (reference, customer) of the page's visit changes.
        answers: (event id, visit id, type, payload) of the page's events of ANSWER_TYPES;
            those the cache holds already (a page read again) are not news.
    """
    wanted = [a for a in answers if a[2] in ANSWER_TYPES]
    answer_visits = [visit_id for _, visit_id, _, _ in wanted]
    known = _known(session, [*tombstones, *visits, *answer_visits])
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
    stored = _stored(session, [event_id for event_id, _, _, _ in wanted]) if wanted else set()
    for event_id, visit_id, type_, payload in wanted:
        named = visits.get(visit_id) or known.get(visit_id)
        if event_id in stored or named is None:
            continue
        kind, times, words = _answer_kind(type_, payload)
        news.answers.append(UserAnswer(visit_id, named[0], named[1], kind, times, words))
    return news
