"""An event told in a few words, the same on the technician's timeline and the supervisor's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from fieldapp.domain import EventType
from fieldapp.domain.customer import CUSTOMER_EVENTS
from fieldapp.ui.codes import team_words
from fieldapp.ui.visit.customer_words import customer_details
from fieldapp.ui.visit.intake import diagnosis_words
from fieldapp.ui.visit.notes import CATEGORIES
from fieldapp.ui.visit.steps import (
    CHANNEL_WORDS,
    DECLINED_NEXT_WORDS,
    DEPARTURE_WORDS,
    FATE_WORDS,
    NO_REPAIR_WORDS,
    OPENED_HOW_WORDS,
    SOURCE_WORDS,
    said,
)
from fieldapp.ui.visit.widgets import local_time
from fieldapp.ui.visit.words import translate

# The payload fields that name what an event was about, in the order they are looked for.
_NAMING_FIELDS = (
    "team",
    "granted_by",
    "agreed_with",
    "request",
    "topic",
    "part",
    "filename",
    "description",
    "explanation",
    "reason",
    "summary",
    "key",
)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def event_details(
    event_type: EventType,
    payload: Mapping[str, Any],
    *,
    options: Mapping[str, str] | None = None,
    promises: Mapping[str, str] | None = None,
) -> str:
    """A few words of an event's payload, enough to tell two events of a type apart.

    Args:
        options: option key -> description, to name the option chosen.
        promises: promise id -> description, to name the promise kept.
    """
    if "key" in payload and options and payload["key"] in options:
        return options[payload["key"]]
    if event_type is EventType.NOTE:
        # "Note" is said by the event's name; another category is worth saying.
        category = CATEGORIES.get(str(payload.get("category", "general")))
        text = _one_line(payload.get("text", ""))
        if category is not None and category is not CATEGORIES["general"]:
            text = f"{category.shown_short}: {text}"
        answer = payload.get("answer_given")
        if not answer:
            return text
        return translate("EventWords", "{note} \u2014 answered: {answer}").format(
            note=text, answer=_one_line(answer)
        )
    if "promise_id" in payload and promises and payload["promise_id"] in promises:
        return promises[payload["promise_id"]]
    if event_type is EventType.SIGNED_OFF and payload.get("satisfaction") is not None:
        summary = _one_line(payload.get("summary", ""))
        rated = translate("EventWords", "Satisfaction {score}/5").format(
            score=payload["satisfaction"]
        )
        return rated + (f": {summary}" if summary else "")
    if event_type is EventType.DIAGNOSED:
        source = said(SOURCE_WORDS.get(str(payload.get("source_category")), ""))
        asked = diagnosis_words(payload)
        used = str(payload.get("fix_used", ""))
        if used:  # the suggestion the technician said they used (fieldapp.store.knowledge)
            helped = (
                translate("EventWords", "an article helped")
                if used.startswith("article:")
                else translate("EventWords", "a past fix helped")
            )
            asked = f"{asked}; {helped}" if asked else helped
        return f"{source}: {_one_line(payload.get('findings', ''))}" + (
            f" ({asked})" if asked else ""
        )
    if event_type is EventType.ESCALATED:  # the team: a listed one is a code
        return team_words(_one_line(payload.get("team", "")))
    if event_type is EventType.DEVICE_ATTACHED:
        named = [payload.get(k) for k in ("asset_tag", "hostname", "model", "owner")]
        return " · ".join(_one_line(v) for v in named if v)
    if event_type is EventType.ALREADY_TRIED_ADDED:
        return _one_line(payload.get("text", ""))
    if event_type in CUSTOMER_EVENTS:
        return customer_details(event_type, payload)
    if event_type is EventType.PERMISSION_DECLINED:
        step = str(payload.get("next_step", ""))
        reason = _one_line(payload.get("reason", ""))
        told = translate("EventWords", "{who}; next: {step}").format(
            who=_one_line(payload.get("declined_by", "")),
            step=said(DECLINED_NEXT_WORDS.get(step, step)),
        )
        return told + (f" \u2014 {reason}" if reason else "")
    if event_type in (EventType.PART_DISPOSED, EventType.LOAN_DISPOSED):
        # a loan is named by its promise ("Get back the ... lent to ...")
        loan = str(payload.get("loan_id", ""))
        what = (
            payload.get("part")
            or (promises or {}).get(loan, "")
            or translate("EventWords", "the loan")
        )
        fate = str(payload.get("fate", ""))
        return translate("EventWords", "{what}: {fate} (agreed with {who})").format(
            what=_one_line(what),
            fate=said(FATE_WORDS.get(fate, fate)),
            who=_one_line(payload.get("agreed_with", "")),
        )
    if event_type is EventType.PART_BORROWED:
        return translate("EventWords", "{part}, from {whose}").format(
            part=_one_line(payload.get("part", "")), whose=_one_line(payload.get("whose", ""))
        )
    if event_type is EventType.LOAN_MADE:
        return translate("EventWords", "{item} to {lent_to} ({whose})").format(
            item=_one_line(payload.get("item", "")),
            lent_to=_one_line(payload.get("lent_to", "")),
            whose=_one_line(payload.get("whose", "")),
        )
    if event_type is EventType.LOAN_RETURNED and promises and payload.get("loan_id") in promises:
        return promises[payload["loan_id"]]
    if event_type is EventType.USER_ABSENT_NOTE_LEFT:
        return translate("EventWords", "Desk note: {note}").format(
            note=_one_line(payload.get("desk_note", ""))
        )
    if event_type is EventType.CLOSED_WITHOUT_REPAIR:
        outcome = str(payload.get("outcome", ""))
        told = f"{said(NO_REPAIR_WORDS.get(outcome, outcome))}: "
        told += _one_line(payload.get("explanation", ""))
        who = payload.get("confirmed_by")
        if not who:
            return told
        confirmed = translate("EventWords", "(confirmed by {who})").format(who=_one_line(who))
        return f"{told} {confirmed}"
    if event_type is EventType.VISIT_OPENED:
        how = str(payload.get("how", ""))
        return f"{said(OPENED_HOW_WORDS.get(how, how))}: {_one_line(payload.get('problem', ''))}"
    if event_type is EventType.ANYTHING_ELSE and payload.get("handled_now"):
        return translate("EventWords", "Yes, handled now as its own visit: {request}").format(
            request=_one_line(payload.get("request", ""))
        )
    if event_type is EventType.USER_RETURNED:
        who = _one_line(payload.get("returned", ""))
        return f"{who}: {_one_line(payload.get('explanation', ''))}"
    if event_type is EventType.DEPARTED:
        reason = str(payload.get("reason", ""))
        told = said(DEPARTURE_WORDS.get(reason, reason))
        if payload.get("note"):
            told += f": {_one_line(payload['note'])}"
        if payload.get("return_at"):
            back = datetime.fromisoformat(str(payload["return_at"]))
            told += " \u2014 " + translate("EventWords", "back {when} (agreed with {who})").format(
                when=local_time(back), who=_one_line(payload.get("agreed_with", ""))
            )
        return told
    if event_type in (EventType.ASSISTANT_ADDED, EventType.ASSISTANT_REMOVED):
        reason = _one_line(payload.get("reason", ""))
        return _one_line(payload.get("username", "")) + (f" \u2014 {reason}" if reason else "")
    if "channel" in payload:
        return said(CHANNEL_WORDS.get(str(payload["channel"]), str(payload["channel"])))
    if "options" in payload:
        return "; ".join(_one_line(o.get("description", "")) for o in payload["options"])
    for name in _NAMING_FIELDS:
        if payload.get(name):
            return _one_line(payload[name])
    if "answer" in payload:
        return (
            translate("EventWords", "Yes") if payload["answer"] else translate("EventWords", "No")
        )
    return ""
