"""What the service report says: a visit's events as Qt rich text, in the app's language (the
customer reads it in the language the technician's app is set to)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from fieldapp.domain import Event, EventType, VisitState
from fieldapp.domain.equipment import LOAN, LOAN_RETURN, equipment_of
from fieldapp.domain.time_on_task import minutes, time_on_task
from fieldapp.store.visit_detail import TimelineEntry, VisitDetail
from fieldapp.ui.codes import team_words
from fieldapp.ui.moments import clock
from fieldapp.ui.visit.steps import NO_REPAIR_WORDS, SOURCE_WORDS, said
from fieldapp.ui.visit.words import promise_words

# Where the rich text places the signature; report_pdf registers the image under this name.
SIGNATURE_SRC = "fieldapp-report:signature"
_ANSWERED_NOTES = ("out_of_scope", "policy")
translate = QCoreApplication.translate


def when(value: datetime | str | None) -> str:
    """A time as the report prints it: in the laptop's zone, with the date and the year."""
    if value is None or value == "":
        return ""
    moment = (datetime.fromisoformat(value) if isinstance(value, str) else value).astimezone()
    day = QDate(moment.year, moment.month, moment.day)
    pattern = translate("ServiceReport", "ddd dd MMM yyyy")
    return f"{QLocale().toString(day, pattern)} {clock(moment)}"


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
        f"{when(t.started_at)}\u2013{clock(t.ended_at)}"
        if t.ended_at is not None
        else when(t.started_at)
        for t in spent.trips
    ]
    at_desk = minutes(spent.on_site_seconds)
    return translate(
        "ServiceReport",
        "{count}: {trips} ({minutes} min at your desk in all)",
    ).format(count=len(spans), trips="; ".join(spans), minutes=at_desk)


def _visit_section(
    detail: VisitDetail, state: VisitState, events: ReportEvents, technician_name: str
) -> str:
    visit = detail.visit
    contact = ", ".join(
        part
        for part in (
            visit.contact_phone,
            visit.contact_email,
            translate("ServiceReport", "ext. {extension}").format(extension=visit.contact_extension)
            if visit.contact_extension
            else "",
        )
        if part
    )
    location = ", ".join(
        part
        for part in (
            visit.site,
            translate("ServiceReport", "building {building}").format(building=visit.building)
            if visit.building
            else "",
            translate("ServiceReport", "floor {floor}").format(floor=visit.floor)
            if visit.floor
            else "",
            translate("ServiceReport", "room {room}").format(room=visit.room) if visit.room else "",
        )
        if part
    )
    window = f"{when(visit.window_start)} \u2013 {clock(visit.window_end)}"
    attached = events.latest(EventType.DEVICE_ATTACHED)
    device = (
        " \u00b7 ".join(
            str(attached.payload[name])
            for name in ("asset_tag", "hostname", "model", "serial")
            if attached.payload.get(name)
        )
        if attached
        else ""
    )
    signed = events.latest(EventType.SIGNED_OFF)
    escalated = events.latest(EventType.ESCALATED)
    declined = events.latest(EventType.PERMISSION_DECLINED) if state.declined else None
    no_repair = events.latest(EventType.CLOSED_WITHOUT_REPAIR)
    how_words = NO_REPAIR_WORDS.get(str(no_repair.payload["outcome"])) if no_repair else None
    how = said(how_words) if how_words else ""
    return _rows(
        [
            (translate("ServiceReport", "Reference"), f"<b>{_text(visit.reference)}</b>"),
            (translate("ServiceReport", "Customer"), _text(visit.customer_name)),
            (translate("ServiceReport", "Contact"), _text(contact)),
            (translate("ServiceReport", "Location"), _text(location)),
            (translate("ServiceReport", "Device"), _text(device)),
            (translate("ServiceReport", "Scheduled window"), _text(window)),
            (translate("ServiceReport", "Technician"), _text(technician_name)),
            (translate("ServiceReport", "Arrived"), _text(when(state.arrived_at))),
            (translate("ServiceReport", "Trips to your desk"), _text(trips_words(events.events))),
            (
                translate("ServiceReport", "Completed"),
                _text(when(signed.occurred_at)) if signed else "",
            ),
            (
                translate("ServiceReport", "Escalated"),
                _text(when(escalated.occurred_at)) if escalated else "",
            ),
            (
                translate("ServiceReport", "Closed as you declined"),
                _text(when(declined.occurred_at)) if declined else "",
            ),
            (
                translate("ServiceReport", "Closed, no repair needed"),
                _text(
                    translate("ServiceReport", "{how}, {when}").format(
                        how=how, when=when(no_repair.occurred_at)
                    )
                )
                if no_repair
                else "",
            ),
        ]
    )


def _wrong_section(detail: VisitDetail, events: ReportEvents) -> str:
    source = events.field(EventType.DIAGNOSED, "source_category")
    return _rows(
        [
            (translate("ServiceReport", "As reported"), _text(detail.visit.problem)),
            (
                translate("ServiceReport", "In your words"),
                _text(events.field(EventType.DIAGNOSED, "user_perspective") or ""),
            ),
            (
                translate("ServiceReport", "Where it came from"),
                _text(said(SOURCE_WORDS[str(source)]) if str(source) in SOURCE_WORDS else ""),
            ),
            (
                translate("ServiceReport", "What we found"),
                _text(events.field(EventType.DIAGNOSED, "findings") or ""),
            ),
        ]
    )


def _done_section(state: VisitState, events: ReportEvents) -> str:
    resolved = events.latest(EventType.RESOLVED)
    chosen = ""
    offered = events.latest(EventType.OPTIONS_OFFERED)
    if offered is not None and state.chosen_option is not None:
        for option in offered.payload.get("options", ()):
            if option.get("key") == state.chosen_option:
                chosen = translate("ServiceReport", "{option} (about {minutes} min)").format(
                    option=option["description"], minutes=option["minutes"]
                )
    if resolved is None:
        return _rows([(translate("ServiceReport", "Your choice"), _text(chosen))])
    payload = resolved.payload
    if payload.get("demonstrated") and payload.get("user_confirmed"):
        shown = translate(
            "ServiceReport",
            "It was shown working by repeating what you were trying to do; you confirmed it works.",
        )
    elif payload.get("demonstrated"):
        shown = translate(
            "ServiceReport",
            "It was shown working by repeating what you were trying to do.",
        )
    else:
        reason = payload.get("demonstration_impossible_reason") or translate(
            "ServiceReport", "no reason was recorded"
        )
        shown = translate("ServiceReport", "It could not be shown working: {reason}").format(
            reason=reason
        )
    return _rows(
        [
            (translate("ServiceReport", "Your choice"), _text(chosen)),
            (translate("ServiceReport", "What we did"), _text(payload.get("explanation", ""))),
            (translate("ServiceReport", "Shown working"), _text(shown)),
        ]
    )


def _taught_section(events: ReportEvents) -> str:
    taught = [str(e.payload["topic"]) for e in events.all(EventType.TAUGHT)]
    if taught:
        return _rows([(translate("ServiceReport", "How to avoid it"), _text("\n".join(taught)))])
    if events.latest(EventType.TEACHING_DECLINED) is not None:
        said_no = translate(
            "ServiceReport",
            "You preferred not to go through it this time.",
        )
        return _rows([(translate("ServiceReport", "How to avoid it"), html.escape(said_no))])
    return ""


def _follow_up_section(state: VisitState, events: ReportEvents) -> str:
    anything = events.latest(EventType.ANYTHING_ELSE)
    asked = ""
    if anything is not None:
        booked = (
            translate(
                "ServiceReport",
                "handled there and then, as its own visit",
            )
            if anything.payload.get("handled_now")
            else translate("ServiceReport", "booked as a follow-up visit")
        )
        asked = (
            translate("ServiceReport", "Yes: {request} ({booked})").format(
                request=_text(anything.payload.get("request", "")), booked=html.escape(booked)
            )
            if anything.payload.get("answer")
            else html.escape(translate("ServiceReport", "Nothing else was needed."))
        )
    call = events.field(EventType.SIGNED_OFF, "follow_up_call_at")
    # A loan's promise is worded for the technician; the customer reads the loan itself.
    promises = "<br>".join(
        translate("ServiceReport", "{promise} \u2013 by {when}").format(
            promise=_text(promise_words(p)), when=_text(when(p.due_at))
        )
        for p in state.open_promises
        if p.kind != LOAN_RETURN
    )
    lent = "<br>".join(
        translate("ServiceReport", "{item} ({whose}), due back by {when}").format(
            item=_text(i.item), whose=_text(i.whose), when=_text(when(i.due_at))
        )
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
        passed = translate("ServiceReport", "Passed to {team}; next update by {when}.").format(
            team=_text(team_words(str(p["team"]))), when=_text(when(p["next_update_at"]))
        )
        escalation = f"{_text(p['reason'])}<br>{passed}"
    return _rows(
        [
            (translate("ServiceReport", "Anything else?"), asked),
            (translate("ServiceReport", "Follow-up call"), _text(when(call))),
            (translate("ServiceReport", "We promised"), promises),
            (translate("ServiceReport", "Lent to you"), lent),
            (translate("ServiceReport", "Escalated"), escalation),
            (translate("ServiceReport", "Requests we could not do"), answered),
        ]
    )


def _closing_section(events: ReportEvents) -> str:
    signed = events.latest(EventType.SIGNED_OFF)
    if signed is None:
        return ""
    payload = signed.payload
    rating = payload.get("satisfaction")
    satisfaction = (
        translate("ServiceReport", "{rating} out of 5").format(
            rating=QLocale().toString(int(rating))
        )
        if rating is not None
        else translate("ServiceReport", "Not given")
    )
    return _rows(
        [
            (translate("ServiceReport", "Summary"), _text(payload.get("summary", ""))),
            (translate("ServiceReport", "Satisfaction"), _text(satisfaction)),
            (translate("ServiceReport", "Your comment"), _text(payload.get("comment", ""))),
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
        unsigned = translate("ServiceReport", "Not signed.")
        signature = f"<p>{html.escape(unsigned)}</p>"
    else:
        signature = ""
    parts = [
        "<h1>"
        + translate("ServiceReport", "Service report \u00b7 {reference}").format(
            reference=_text(detail.visit.reference)
        )
        + "</h1>",
        '<p class="muted">'
        + translate(
            "ServiceReport",
            "{customer}; your IT field support visit. Quote the reference when you contact "
            "us about it.",
        ).format(customer=_text(detail.visit.customer_name))
        + "</p>",
        _section(
            translate("ServiceReport", "The visit"),
            _visit_section(detail, state, events, technician_name),
        ),
        _section(translate("ServiceReport", "What was wrong"), _wrong_section(detail, events)),
        _section(translate("ServiceReport", "What was done"), _done_section(state, events)),
        _section(translate("ServiceReport", "What we showed you"), _taught_section(events)),
        _section(translate("ServiceReport", "Follow-up"), _follow_up_section(state, events)),
        _section(translate("ServiceReport", "Sign-off"), _closing_section(events)),
        _section(translate("ServiceReport", "Signature"), signature),
    ]
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"
