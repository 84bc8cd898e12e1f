"""Borrowed parts and loaned equipment: their rules, their effect on a visit, what is still out.

A part is borrowed from other equipment (named in a diagnosis, or recorded on its own with
whose it is) and tracked until it goes back (`part_returned`, or a sign-off ticking every
part returned) or until what became of it is recorded with who agreed (`part_disposed`:
broken, kept by the user, written off), so sign-off never needs a false "returned". A loan
to the user (the story's loaner laptop) is made with a due date, which is a promise of kind
`loan_return` kept when the loan comes back or is settled another way (`loan_disposed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldapp.domain.errors import WorkflowViolation
from fieldapp.domain.events import Event, EventType, Recorded
from fieldapp.domain.state import Promise, VisitState
from fieldapp.domain.words import QT_TRANSLATE_NOOP

PART = "part"
LOAN = "loan"
RETURNED = "returned"  # the fate of an item that went back to its owner
LOAN_RETURN = "loan_return"  # the kind of the promise a loan's due date makes
# The equipment events a closed visit still takes: what became of a part or a loan is often
# known only later, and a loaner may be lent when the machine leaves for repair.
AFTER_CLOSE = frozenset(
    {
        EventType.PART_RETURNED,
        EventType.PART_DISPOSED,
        EventType.LOAN_MADE,
        EventType.LOAN_RETURNED,
        EventType.LOAN_DISPOSED,
    }
)
# The events `check` judges and `fold` applies (part_returned and sign-off stay in the
# workflow's; `check` also refuses keeping a loan's promise by hand).
FOLDED = frozenset(
    {
        EventType.PART_BORROWED,
        EventType.PART_DISPOSED,
        EventType.LOAN_MADE,
        EventType.LOAN_RETURNED,
        EventType.LOAN_DISPOSED,
    }
)
CHECKED = FOLDED | {EventType.PROMISE_KEPT}


LOAN_WORDS = QT_TRANSLATE_NOOP("Promises", "Get back the {item} lent to {lent_to}")


def loan_values(payload: Mapping[str, Any]) -> dict[str, str]:
    """The values `LOAN_WORDS` is filled in with for a loan_made event."""
    return {"item": str(payload["item"]), "lent_to": str(payload["lent_to"])}


def loan_words(payload: Mapping[str, Any]) -> str:
    """What a loan_made event's promise says: what to get back, from whom."""
    return LOAN_WORDS.format(**loan_values(payload))


def _refuse(code: str, message: str) -> WorkflowViolation:
    return WorkflowViolation(code, message)


def check(state: VisitState, event: Event) -> None:
    """Raise WorkflowViolation if this equipment event does not fit the visit's parts and loans.

    Order and the closed/cancelled gates are checked by `rules.check_event`.
    """
    kind = event.type
    payload = event.payload
    if kind is EventType.PART_BORROWED and payload.get("part") in state.borrowed_parts:
        raise _refuse(
            "part_already_borrowed",
            QT_TRANSLATE_NOOP(
                "Rules",
                "A part of that name is already out on this visit; name this one apart "
                "(for example with whose it is).",
            ),
        )
    if kind is EventType.PART_DISPOSED and payload.get("part") not in state.borrowed_parts:
        raise _refuse(
            "part_not_borrowed",
            QT_TRANSLATE_NOOP("Rules", "That part is not on the list of borrowed parts."),
        )
    due = payload.get("due_at") if kind is EventType.LOAN_MADE else None
    if due is not None and datetime.fromisoformat(due) <= event.occurred_at:
        raise _refuse(
            "loan_due_passed",
            QT_TRANSLATE_NOOP("Rules", "A loan's due date must come after it is lent."),
        )
    settling = kind in (EventType.LOAN_RETURNED, EventType.LOAN_DISPOSED)
    if settling and payload.get("loan_id") not in state.loans:
        raise _refuse(
            "loan_not_out", QT_TRANSLATE_NOOP("Rules", "That loan is not out on this visit.")
        )
    if kind is EventType.PROMISE_KEPT and payload.get("promise_id") in state.loans:
        raise _refuse(
            "loan_promise",
            QT_TRANSLATE_NOOP(
                "Rules",
                "A loan's promise is kept when the loan comes back: record its return, or what "
                "became of it.",
            ),
        )


def fold(state: VisitState, event: Recorded) -> None:
    """Apply an event of `FOLDED` to `state` in place, without checking the rules."""
    payload = event.payload
    kind = event.type
    if kind is EventType.PART_BORROWED:
        if payload["part"] not in state.borrowed_parts:
            state.borrowed_parts.append(payload["part"])
    elif kind is EventType.PART_DISPOSED:
        if payload["part"] in state.borrowed_parts:
            state.borrowed_parts.remove(payload["part"])
    elif kind is EventType.LOAN_MADE:
        state.loans[event.id] = payload["item"]
        state.promises[event.id] = Promise(
            id=event.id,
            kind=LOAN_RETURN,
            due_at=datetime.fromisoformat(payload["due_at"]),
            description=loan_words(payload),
            made_at=event.occurred_at,
            template=LOAN_WORDS,
            values=loan_values(payload),
        )
    elif kind in (EventType.LOAN_RETURNED, EventType.LOAN_DISPOSED):
        # Settled either way: the loan's promise closes when it comes back or when what
        # became of it is agreed.
        state.loans.pop(payload["loan_id"], None)
        promise = state.promises.get(payload["loan_id"])
        if promise is not None and promise.kept_at is None:
            promise.kept_at = event.occurred_at


@dataclass(frozen=True, slots=True)
class ItemOut:
    """A borrowed part or a loaned item not back yet.

    Attributes:
        kind: PART or LOAN.
        key: the part's name, or the loan's id (its loan_made event).
        item: what it is.
        whose: whose it is ("" for a part named in a diagnosis, which does not say).
        holder: who has it: the user a loan went to ("" for a part: it is in the visit's
            machine).
        since: when it was borrowed or lent (laptop time).
        due_at: when a loan is due back (None for a part).
        recorded_by: the technician who recorded it.
    """

    visit_id: str
    kind: str
    key: str
    item: str
    whose: str
    holder: str
    since: datetime
    due_at: datetime | None
    recorded_by: str


@dataclass(frozen=True, slots=True)
class Settled:
    """What became of a part or a loan: RETURNED or one of EQUIPMENT_FATES, and who agreed."""

    item: ItemOut
    fate: str
    agreed_with: str
    note: str
    at: datetime
    recorded_by: str


@dataclass(slots=True)
class Equipment:
    """A visit's parts and loans: those still out (oldest first) and those settled."""

    out: list[ItemOut]
    settled: list[Settled]


def equipment_of(history: Iterable[Event]) -> Equipment:
    """The parts and loans of a visit from its events, in recorded order (the same parts as
    `VisitState.borrowed_parts`, with whose they are and since when)."""
    parts: dict[str, ItemOut] = {}
    loans: dict[str, ItemOut] = {}
    settled: list[Settled] = []

    def settle(out: ItemOut | None, event: Event, fate: str) -> None:
        if out is not None:
            payload = event.payload
            settled.append(
                Settled(
                    item=out,
                    fate=fate,
                    agreed_with=str(payload.get("agreed_with", "")),
                    note=str(payload.get("note", "")),
                    at=event.occurred_at,
                    recorded_by=event.author,
                )
            )

    for event in history:
        kind, payload = event.type, event.payload
        if kind in (EventType.DIAGNOSED, EventType.PART_BORROWED):
            # A diagnosis names its parts without saying whose they are.
            named = [payload["part"]] if kind is EventType.PART_BORROWED else []
            for name in named or payload.get("borrowed_parts", ()):
                parts.setdefault(
                    name,
                    ItemOut(
                        visit_id=event.visit_id,
                        kind=PART,
                        key=name,
                        item=name,
                        whose=str(payload.get("whose", "")),
                        holder="",
                        since=event.occurred_at,
                        due_at=None,
                        recorded_by=event.author,
                    ),
                )
        elif kind is EventType.PART_RETURNED:
            settle(parts.pop(payload["part"], None), event, RETURNED)
        elif kind is EventType.PART_DISPOSED:
            settle(parts.pop(payload["part"], None), event, payload["fate"])
        elif kind is EventType.SIGNED_OFF and payload.get("parts_returned"):
            for name in list(parts):
                settle(parts.pop(name), event, RETURNED)
        elif kind is EventType.LOAN_MADE:
            loans[event.id] = ItemOut(
                visit_id=event.visit_id,
                kind=LOAN,
                key=event.id,
                item=payload["item"],
                whose=payload["whose"],
                holder=payload["lent_to"],
                since=event.occurred_at,
                due_at=datetime.fromisoformat(payload["due_at"]),
                recorded_by=event.author,
            )
        elif kind is EventType.LOAN_RETURNED:
            settle(loans.pop(payload["loan_id"], None), event, RETURNED)
        elif kind is EventType.LOAN_DISPOSED:
            settle(loans.pop(payload["loan_id"], None), event, payload["fate"])
    out = sorted([*parts.values(), *loans.values()], key=lambda item: item.since)
    return Equipment(out=out, settled=settled)
