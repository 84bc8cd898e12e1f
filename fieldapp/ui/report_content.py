"""What the service report says: a visit's events as Qt rich text, in plain Python (no Qt)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.domain.equipment import LOAN, LOAN_RETURN, equipment_of
from fieldapp.domain.time_on_task import minutes, time_on_task
from fieldapp.store.visit_detail import TimelineEntry, VisitDetail
from fieldapp.ui.visit.steps import NO_REPAIR_WORDS, SOURCE_WORDS

# Where the rich text places the signature; report_pdf registers the image under this name.
SIGNATURE_SRC = "fieldapp-report:signature"
_ANSWERED_NOTES = ("out_of_scope", "policy")


def when(value: datetime | str | None) -> str:
    """A time as the report prints it: in the laptop's zone, with the date and the year."""
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{moment.astimezone():%a %d %b %Y %H:%M}"


def _text(value: object) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")


class ReportEvents:
    """The visit's events that count (rejected ones left out), by type."""

    def __init__(self, timeline: Sequence[TimelineEntry]) -> None:
        self.events = [e.stored.event for e in timeline if e.stored.sync_state != "rejected"]

    def latest(self, event_type: EventType) -> Event | None:
        found = [e for e in self.events if e.type is event_type]
        return found[-1] if found else None

    def all(self, event_type: EventType) -> list[Event]:
        return [e for e in self.events if e.type is event_type]

    def field(self, event_type: EventType, name: str) -> Any:
        event = self.latest(event_type)
        return None if event is None else event.payload.get(name)


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    """A two-column table of label and value (HTML values), leaving out empty values."""
    cells = "".join(
        f'<tr><td class="label" width="28%">{html.escape(label)}</td><td>{value}</td></tr>'
        for label, value in pairs
        if value
    )
    table = '<table class="facts" width="100%" cellspacing="0" cellpadding="3">'
    return f"{table}{cells}</table>" if cells else ""


def _section(title: str, body: str) -> str:
    return f'<h2 style="margin-top: 14px">{html.escape(title)}</h2>{body}' if body else ""


def trips_words(events: Sequence[Event]) -> str:
    """When the work took several trips: each one and the time at the desk in all; else
    empty (the arrival says it)."""
    spent = time_on_task(events)
    if len(spent.trips) < 2:
        return ""
    spans = [
        f"{when(t.started_at)}\u2013{t.ended_at.astimezone():%H:%M}"
        if t.ended_at is not None
        else when(t.started_at)
        for t in spent.trips
    ]
    at_desk = minutes(spent.on_site_seconds)
    return f"{len(spans)}: " + "; ".join(spans) + f" ({at_desk} min at your desk in all)"


def _visit_section(
    detail: VisitDetail, state: VisitState, events: ReportEvents, technician_name: str
) -> str:
    visit = detail.visit
    contact = ", ".join(
        part
        for part in (
            visit.contact_phone,
            visit.contact_email,
            f"ext. {visit.contact_extension}" if visit.contact_extension else "",
        )
        if part
    )
    location = ", ".join(
        part
        for part in (
            visit.site,
            f"building {visit.building}" if visit.building else "",
            f"floor {visit.floor}" if visit.floor else "",
            f"room {visit.room}" if visit.room else "",
        )
        if part
    )
    window = f"{when(visit.window_start)} \u2013 {visit.window_end.astimezone():%H:%M}"
    signed = events.latest(EventType.SIGNED_OFF)
    escalated = events.latest(EventType.ESCALATED)
    declined = events.latest(EventType.PERMISSION_DECLINED) if state.declined else None
    no_repair = events.latest(EventType.CLOSED_WITHOUT_REPAIR)
    how = NO_REPAIR_WORDS.get(str(no_repair.payload["outcome"]), "") if no_repair else ""
    return _rows(
        [
            ("Reference", f"<b>{_text(visit.reference)}</b>"),
            ("Customer", _text(visit.customer_name)),
            ("Contact", _text(contact)),
            ("Location", _text(location)),
            ("Scheduled window", _text(window)),
            ("Technician", _text(technician_name)),
            ("Arrived", _text(when(state.arrived_at))),
            ("Trips to your desk", _text(trips_words(events.events))),
            ("Completed", _text(when(signed.occurred_at)) if signed else ""),
            ("Escalated", _text(when(escalated.occurred_at)) if escalated else ""),
            ("Closed as you declined", _text(when(declined.occurred_at)) if declined else ""),
            (
                "Closed, no repair needed",
                _text(f"{how}, {when(no_repair.occurred_at)}") if no_repair else "",
            ),
        ]
    )


def _wrong_section(detail: VisitDetail, events: ReportEvents) -> str:
    source = events.field(EventType.DIAGNOSED, "source_category")
    return _rows(
        [
            ("As reported", _text(detail.visit.problem)),
            ("In your words", _text(events.field(EventType.DIAGNOSED, "user_perspective") or "")),
            ("Where it came from", _text(SOURCE_WORDS.get(str(source), "") if source else "")),
            ("What we found", _text(events.field(EventType.DIAGNOSED, "findings") or "")),
        ]
    )


def _done_section(state: VisitState, events: ReportEvents) -> str:
    resolved = events.latest(EventType.RESOLVED)
    chosen = ""
    offered = events.latest(EventType.OPTIONS_OFFERED)
    if offered is not None and state.chosen_option is not None:
        for option in offered.payload.get("options", ()):
            if option.get("key") == state.chosen_option:
                chosen = f"{option['description']} (about {option['minutes']} min)"
    if resolved is None:
        return _rows([("Your choice", _text(chosen))])
    payload = resolved.payload
    if payload.get("demonstrated"):
        shown = "It was shown working by repeating what you were trying to do"
        shown += "; you confirmed it works." if payload.get("user_confirmed") else "."
    else:
        reason = payload.get("demonstration_impossible_reason") or "no reason was recorded"
        shown = f"It could not be shown working: {reason}"
    return _rows(
        [
            ("Your choice", _text(chosen)),
            ("What we did", _text(payload.get("explanation", ""))),
            ("Shown working", _text(shown)),
        ]
    )


def _taught_section(events: ReportEvents) -> str:
    taught = [str(e.payload["topic"]) for e in events.all(EventType.TAUGHT)]
    if taught:
        return _rows([("How to avoid it", _text("\n".join(taught)))])
    if events.latest(EventType.TEACHING_DECLINED) is not None:
        return _rows([("How to avoid it", "You preferred not to go through it this time.")])
    return ""


def _follow_up_section(state: VisitState, events: ReportEvents) -> str:
    anything = events.latest(EventType.ANYTHING_ELSE)
    asked = ""
    if anything is not None:
        booked = (
            "handled there and then, as its own visit"
            if anything.payload.get("handled_now")
            else "booked as a follow-up visit"
        )
        asked = (
            f"Yes: {_text(anything.payload.get('request', ''))} ({booked})"
            if anything.payload.get("answer")
            else "Nothing else was needed."
        )
    call = events.field(EventType.SIGNED_OFF, "follow_up_call_at")
    # A loan's promise is worded for the technician; the customer reads the loan itself.
    promises = "<br>".join(
        f"{_text(p.description)} \u2013 by {_text(when(p.due_at))}"
        for p in state.open_promises
        if p.kind != LOAN_RETURN
    )
    lent = "<br>".join(
        f"{_text(i.item)} ({_text(i.whose)}), due back by {_text(when(i.due_at))}"
        for i in equipment_of(events.events).out
        if i.kind == LOAN
    )
    answered = "<br>".join(
        f"{_text(e.payload['text'])} \u2013 {_text(e.payload.get('answer_given', ''))}"
        for e in events.all(EventType.NOTE)
        if e.payload.get("category") in _ANSWERED_NOTES
    )
    escalated = events.latest(EventType.ESCALATED)
    escalation = ""
    if escalated is not None:
        p = escalated.payload
        escalation = (
            f"{_text(p['reason'])}<br>Passed to {_text(p['team'])}; next update by "
            f"{_text(when(p['next_update_at']))}."
        )
    return _rows(
        [
            ("Anything else?", asked),
            ("Follow-up call", _text(when(call))),
            ("We promised", promises),
            ("Lent to you", lent),
            ("Escalated", escalation),
            ("Requests we could not do", answered),
        ]
    )


def _closing_section(events: ReportEvents) -> str:
    signed = events.latest(EventType.SIGNED_OFF)
    if signed is None:
        return ""
    payload = signed.payload
    rating = payload.get("satisfaction")
    satisfaction = f"{rating} out of 5" if rating is not None else "Not given"
    return _rows(
        [
            ("Summary", _text(payload.get("summary", ""))),
            ("Satisfaction", _text(satisfaction)),
            ("Your comment", _text(payload.get("comment", ""))),
        ]
    )


_STYLE = """
body { color: #1b1b1f; }
h1 { font-size: 18pt; margin: 0; }
h2 { font-size: 12pt; color: #2f6fb3; margin-top: 12pt; margin-bottom: 3pt; }
p.muted { color: #5f6368; margin-top: 2pt; }
table.facts { border-collapse: collapse; margin-bottom: 6pt; }
td { vertical-align: top; border-bottom: 1px solid #dadce0; }
td.label { color: #5f6368; font-weight: bold; }
"""


def report_html(
    detail: VisitDetail,
    state: VisitState,
    timeline: Sequence[TimelineEntry],
    technician_name: str,
    *,
    has_signature: bool,
) -> str:
    """The report's body as Qt rich text (the signature image is a document resource)."""
    events = ReportEvents(timeline)
    signed = events.latest(EventType.SIGNED_OFF)
    if has_signature:
        signature = f'<p><img src="{SIGNATURE_SRC}" width="240"></p>'
    elif signed is not None:
        signature = "<p>Not signed.</p>"
    else:
        signature = ""
    parts = [
        f"<h1>Service report \u00b7 {_text(detail.visit.reference)}</h1>",
        (
            f'<p class="muted">{_text(detail.visit.customer_name)}; your IT field support '
            "visit. Quote the reference when you contact us about it.</p>"
        ),
        _section("The visit", _visit_section(detail, state, events, technician_name)),
        _section("What was wrong", _wrong_section(detail, events)),
        _section("What was done", _done_section(state, events)),
        _section("What we showed you", _taught_section(events)),
        _section("Follow-up", _follow_up_section(state, events)),
        _section("Sign-off", _closing_section(events)),
        _section("Signature", signature),
    ]
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"
