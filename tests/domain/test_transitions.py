"""Which event may follow which: every event type tried in every state of the main paths.

The table below is the documentation. Rows are visit states reached by walking the happy path
and the busy / absent / escalate / cancel branches; columns are event types; a cell is "ok"
if the event is accepted there, otherwise the refusal's code (legend below).
"""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.domain import (
    Event,
    EventType,
    Step,
    VisitState,
    apply_event,
    derive_state,
)
from tests.domain.factories import LOAN, MINIMAL, PART, T0, make_event, refusal

E = EventType

COLUMNS = {
    "CF": E.CONFIRMED,
    "AR": E.ARRIVED,
    "PG": E.PERMISSION_GRANTED,
    "UB": E.USER_BUSY,
    "UA": E.USER_ABSENT_URGENT,
    "PD": E.PERMISSION_DECLINED,
    "UL": E.USER_ABSENT_NOTE_LEFT,
    "UR": E.USER_RETURNED,
    "NR": E.CLOSED_WITHOUT_REPAIR,
    "DG": E.DIAGNOSED,
    "OO": E.OPTIONS_OFFERED,
    "OC": E.OPTION_CHOSEN,
    "RS": E.RESOLVED,
    "TG": E.TAUGHT,
    "TD": E.TEACHING_DECLINED,
    "AE": E.ANYTHING_ELSE,
    "PR": E.PART_RETURNED,
    "SO": E.SIGNED_OFF,
    "ES": E.ESCALATED,
    "PM": E.PROMISE_MADE,
    "PK": E.PROMISE_KEPT,
    "NT": E.NOTE,
    "AT": E.ATTACHMENT_ADDED,
    "DP": E.DEPARTED,
    "TA": E.ASSISTANT_ADDED,
    "TR": E.ASSISTANT_REMOVED,
}
# Visits opened on the spot and reopened: their columns in a table of their own below, so
# each table stays within the line length.
OPENED_COLUMNS = {
    "VO": E.VISIT_OPENED,
    "RO": E.REOPENED,
}
# Borrowed parts and loans (fieldapp.domain.equipment): their own table, EQUIPMENT_TABLE.
EQUIPMENT_COLUMNS = {
    "BO": E.PART_BORROWED,
    "DI": E.PART_DISPOSED,
    "LM": E.LOAN_MADE,
    "LR": E.LOAN_RETURNED,
    "LD": E.LOAN_DISPOSED,
}
# What the user already tried, added by the technician, and the device the visit is about:
# their own table, INTAKE_TABLE.
INTAKE_COLUMNS = {
    "TY": E.ALREADY_TRIED_ADDED,
    "DV": E.DEVICE_ATTACHED,
}
# The customer's loop (fieldapp.domain.customer): its own table, CUSTOMER_TABLE.
CUSTOMER_COLUMNS = {
    "UY": E.USER_REPLIED,
    "TQ": E.TIME_REQUEST_ANSWERED,
    "OW": E.ON_MY_WAY,
    "DE": E.DAY_END_UPDATE,
}

CODES = {
    "ok": None,
    "VC": "visit_cancelled",
    "CL": "visit_closed",
    "OS": "already_on_site",
    "AA": "already_arrived",
    "AR": "arrival_required",
    "PA": "permission_already_recorded",
    "PQ": "permission_required",
    "DQ": "diagnosis_required",
    "NO": "no_options",
    "UO": "unknown_option",
    "NC": "option_not_chosen",
    "RQ": "resolution_required",
    "TA": "teaching_already_recorded",
    "PB": "part_not_borrowed",
    "DM": "demonstration_required",
    "AB": "absent_user_checks",
    "PN": "parts_not_returned",
    "PE": "promise_exists",
    "PU": "promise_unknown",
    "PK": "promise_already_kept",
    "UN": "user_not_absent",
    "ON": "on_site",
    "FD": "fault_diagnosed",
    "NS": "not_on_site",
    "AW": "away_from_desk",
    "AL": "already_assisting",
    "NA": "not_assisting",
    "AO": "already_opened",
    "NG": "not_signed_off",
    "RE": "already_reopened",
    "BA": "part_already_borrowed",
    "LO": "loan_not_out",
    "LK": "loan_promise",
    "NT": "no_time_request",
}

# Probes: each type's minimal payload, so no optional flag hides a gate. In particular the
# sign-off probe claims nothing (no admin log-off, no desk note, no parts returned), the
# option probe picks "quick" (offered), the part probe returns PART (borrowed in diagnosis),
# the promise-kept probe names the visit's most recent promise (or an unknown id), and the
# loan probes the most recent loan still out (or an unknown id).
#
# state              CF AR PG UB UA PD UL UR NR DG OO OC RS TG TD AE PR SO ES PM PK NT AT DP TA TR
TABLE = """
scheduled            ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok NS ok NA
confirmed            ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok NS ok NA
arrived              OS AA ok ok ok ok ok UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
working              OS AA PA PA PA PA PA UN ok ok DQ NO DQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
diagnosed            OS AA PA PA PA PA PA UN ok ok ok NO ok RQ RQ RQ ok RQ ok ok PU ok ok ok ok NA
choosing             OS AA PA PA PA PA PA UN ok ok ok ok NC RQ RQ RQ ok RQ ok ok PU ok ok ok ok NA
chosen               OS AA PA PA PA PA PA UN ok ok ok ok ok RQ RQ RQ ok RQ ok ok PU ok ok ok ok NA
resolved             OS AA PA PA PA PA PA UN ok ok ok ok ok ok ok ok ok PN ok ok PU ok ok ok ok NA
taught               OS AA PA PA PA PA PA UN ok ok ok ok ok TA TA ok ok PN ok ok PU ok ok ok ok NA
asked                OS AA PA PA PA PA PA UN ok ok ok ok ok TA TA ok ok PN ok ok PU ok ok ok ok NA
part_returned        OS AA PA PA PA PA PA UN ok ok ok ok ok TA TA ok PB ok ok ok PU ok ok ok ok NA
completed            CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok ok ok ok CL CL NA
not_demonstrated     OS AA PA PA PA PA PA UN ok ok ok ok ok ok ok ok ok DM ok ok PU ok ok ok ok NA
busy_away            ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok ok ok ok NS ok NA
back_after_busy      OS AA ok ok ok ok ok UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PK ok ok ok ok NA
absent               OS AA PA PA PA PA PA ok AB ok DQ NO DQ RQ RQ RQ PB RQ ok ok PU ok ok AB ok NA
absent_resolved      OS AA PA PA PA PA PA ok AB ok ok NO ok ok ok ok PB AB ok ok PU ok ok AB ok NA
declined_later       ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok NS ok NA
back_after_declined  OS AA ok ok ok ok ok UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
declined_escalating  OS AA PA PA PA PA PA UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
declined_escalated   CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok ok ok ok CL CL NA
declined_closed      CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL NA
absent_note_left     ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok NS ok NA
back_after_note      OS AA ok ok ok ok ok UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
absent_returned      OS AA PA PA PA PA PA UN ok ok DQ NO DQ RQ RQ RQ PB RQ ok ok PU ok ok ok ok NA
returned_resolved    OS AA PA PA PA PA PA UN ok ok ok NO ok ok ok ok PB ok ok ok PU ok ok ok ok NA
remote_closed        CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL NA
fixed_on_arrival     CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL NA
no_fault_found       CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL NA
escalated            CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL ok CL CL ok ok ok ok CL CL NA
departed             ok ok AR AR AR AR AR AW PQ AW AW AW AW AW AW AW ok AW ok ok PU ok ok NS ok NA
back_after_departure OS AA ok ok ok ok ok UN PQ PQ PQ PQ PQ RQ RQ RQ ok RQ ok ok PU ok ok ok ok NA
departed_resolved    ok ok AR AR AR AR AR AW PQ AW AW AW AW AW AW AW ok AW ok ok PU ok ok NS ok NA
absent_departed      ok ok AR AR AR AR AR AW PQ AW AW AW AW AW AW AW PB AW ok ok PU ok ok NS ok NA
assisted             OS AA PA PA PA PA PA UN ok ok DQ NO DQ RQ RQ RQ PB RQ ok ok PU ok ok ok AL ok
assisted_closed      CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL ok
part_disposed        OS AA PA PA PA PA PA UN ok ok ok ok ok TA TA ok PB ok ok ok PU ok ok ok ok NA
disposed_completed   CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PU ok ok CL CL NA
lent                 OS AA PA PA PA PA PA UN ok ok ok ok ok TA TA ok PB ok ok ok LK ok ok ok ok NA
lent_completed       CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok LK ok ok CL CL NA
loan_back            CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok PK ok ok CL CL NA
cancelled            VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC VC
walk_up_opened       ok ok AR AR AR AR AR UN PQ PQ PQ PQ PQ RQ RQ RQ PB RQ ok ok PU ok ok NS ok NA
reopened             CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL CL PB CL CL ok ok ok ok CL CL NA
"""
# state              VO RO
TABLE_OPENED = """
scheduled            ok NG
confirmed            AO NG
arrived              AO NG
working              AO NG
diagnosed            AO NG
choosing             AO NG
chosen               AO NG
resolved             AO NG
taught               AO NG
asked                AO NG
part_returned        AO NG
completed            AO ok
not_demonstrated     AO NG
busy_away            AO NG
back_after_busy      AO NG
absent               AO NG
absent_resolved      AO NG
declined_later       AO NG
back_after_declined  AO NG
declined_escalating  AO NG
declined_escalated   AO NG
declined_closed      AO NG
absent_note_left     AO NG
back_after_note      AO NG
absent_returned      AO NG
returned_resolved    AO NG
remote_closed        AO NG
fixed_on_arrival     AO NG
no_fault_found       AO NG
escalated            AO NG
departed             AO NG
back_after_departure AO NG
departed_resolved    AO NG
absent_departed      AO NG
assisted             AO NG
assisted_closed      AO NG
part_disposed        AO NG
disposed_completed   AO ok
lent                 AO NG
lent_completed       AO ok
loan_back            AO ok
cancelled            VC VC
walk_up_opened       AO NG
reopened             AO RE
"""
# The same states for the equipment events, probed the same way: the part probes name PART
# (borrowed in the diagnosis), the loan probes the visit's most recent loan still out.
# state              BO DI LM LR LD
EQUIPMENT_TABLE = """
scheduled            ok PB ok LO LO
confirmed            ok PB ok LO LO
arrived              ok PB ok LO LO
working              ok PB ok LO LO
diagnosed            BA ok ok LO LO
choosing             BA ok ok LO LO
chosen               BA ok ok LO LO
resolved             BA ok ok LO LO
taught               BA ok ok LO LO
asked                BA ok ok LO LO
part_returned        ok PB ok LO LO
completed            CL PB ok LO LO
not_demonstrated     BA ok ok LO LO
busy_away            ok PB ok LO LO
back_after_busy      ok PB ok LO LO
absent               ok PB ok LO LO
absent_resolved      ok PB ok LO LO
declined_later       ok PB ok LO LO
back_after_declined  ok PB ok LO LO
declined_escalating  ok PB ok LO LO
declined_escalated   CL PB ok LO LO
declined_closed      CL PB ok LO LO
absent_note_left     ok PB ok LO LO
back_after_note      ok PB ok LO LO
absent_returned      ok PB ok LO LO
returned_resolved    ok PB ok LO LO
remote_closed        CL PB ok LO LO
fixed_on_arrival     CL PB ok LO LO
no_fault_found       CL PB ok LO LO
escalated            CL ok ok LO LO
departed             BA ok ok LO LO
back_after_departure BA ok ok LO LO
departed_resolved    BA ok ok LO LO
absent_departed      ok PB ok LO LO
assisted             ok PB ok LO LO
assisted_closed      CL PB ok LO LO
part_disposed        ok PB ok LO LO
disposed_completed   CL PB ok LO LO
lent                 ok PB ok ok ok
lent_completed       CL PB ok ok ok
loan_back            CL PB ok LO LO
cancelled            VC VC VC VC VC
walk_up_opened       ok PB ok LO LO
reopened             CL PB ok LO LO
"""
# What the user already tried can be added until the visit is closed, at the desk or not;
# the device can be named whenever the visit is not cancelled (a closed one's, for history).
# state              TY DV
INTAKE_TABLE = """
scheduled            ok ok
confirmed            ok ok
arrived              ok ok
working              ok ok
diagnosed            ok ok
choosing             ok ok
chosen               ok ok
resolved             ok ok
taught               ok ok
asked                ok ok
part_returned        ok ok
completed            CL ok
not_demonstrated     ok ok
busy_away            ok ok
back_after_busy      ok ok
absent               ok ok
absent_resolved      ok ok
declined_later       ok ok
back_after_declined  ok ok
declined_escalating  ok ok
declined_escalated   CL ok
declined_closed      CL ok
absent_note_left     ok ok
back_after_note      ok ok
absent_returned      ok ok
returned_resolved    ok ok
remote_closed        CL ok
fixed_on_arrival     CL ok
no_fault_found       CL ok
escalated            CL ok
departed             ok ok
back_after_departure ok ok
departed_resolved    ok ok
absent_departed      ok ok
assisted             ok ok
assisted_closed      CL ok
part_disposed        ok ok
disposed_completed   CL ok
lent                 ok ok
lent_completed       CL ok
loan_back            CL ok
cancelled            VC VC
walk_up_opened       ok ok
reopened             CL ok
"""

CUSTOMER_TABLE = """
scheduled            ok NT ok ok
confirmed            ok NT ok ok
arrived              ok NT OS ok
working              ok NT OS ok
diagnosed            ok NT OS ok
choosing             ok NT OS ok
chosen               ok NT OS ok
resolved             ok NT OS ok
taught               ok NT OS ok
asked                ok NT OS ok
part_returned        ok NT OS ok
completed            CL CL CL CL
not_demonstrated     ok NT OS ok
busy_away            ok NT ok ok
back_after_busy      ok NT OS ok
absent               ok NT OS ok
absent_resolved      ok NT OS ok
declined_later       ok NT ok ok
back_after_declined  ok NT OS ok
declined_escalating  ok NT OS ok
declined_escalated   CL CL CL CL
declined_closed      CL CL CL CL
absent_note_left     ok NT ok ok
back_after_note      ok NT OS ok
absent_returned      ok NT OS ok
returned_resolved    ok NT OS ok
remote_closed        CL CL CL CL
fixed_on_arrival     CL CL CL CL
no_fault_found       CL CL CL CL
escalated            CL CL CL CL
departed             ok NT ok ok
back_after_departure ok NT OS ok
departed_resolved    ok NT ok ok
absent_departed      ok NT ok ok
assisted             ok NT OS ok
assisted_closed      CL CL CL CL
part_disposed        ok NT OS ok
disposed_completed   CL CL CL CL
lent                 ok NT OS ok
lent_completed       CL CL CL CL
loan_back            CL CL CL CL
cancelled            VC VC VC VC
walk_up_opened       ok NT ok ok
reopened             CL CL CL CL
"""

# Notes on cells worth a second look:
# - UY/TQ/OW/DE (the customer's loop): dispatch answers only a waiting request for another
#   time (NT); "on my way" is refused to whoever is at the desk already (OS).
# - escalated/PR: a part borrowed before escalating is still returned after the close.
# - resolved, taught, ...: DG/OO/OC stay open after the resolution and do not undo it (GAP-5).
# - busy_away/CF: confirming the new return time while away is allowed.
# - declined_escalating: after a refusal the technician stays at the desk only to escalate;
#   nothing of the work (DG..RS) is allowed, as on a visit with no permission at all.
# - declined_closed: closed like a sign-off; it is not an escalation (see the metrics).
# - NR (closed without repair) is probed as "no fault found", which is looking at the
#   machine: it needs a permission that allows work (PQ), like a diagnosis. The other
#   outcomes (remotely, fixed on arrival) are tried in tests/domain/test_no_repair.py.
# - TA/TR (a colleague joins or leaves; probed with "tony"): only someone on the team can be
#   taken off it (NA), even after the close; nobody is added twice (AL) or to a closed visit.
# - returned_resolved/SO: the user came back, so the absent-user checks no longer apply
#   (compare absent_resolved/SO).
# - departed: the technician left between trips (DP); what is done with the user waits for
#   the next arrival (AW), which asks permission anew (back_after_departure/DG is PQ), as
#   a busy user's return does. Escalating or fixing it remotely from afar stays possible.
# - absent/DP: leaving an absent user's machine needs the admin logged off and a desk note.
# - VO (visit_opened) opens a visit the technician made: only as its very first event (the
#   server also refuses it for a visit that already exists, dispatched or not).
# - RO (reopened): only a signed-off visit, once; escalated, declined or no-repair visits
#   were never claimed fixed, so they are not reopened. The visit stays completed.
# - part_disposed/SO: what became of the part (broken, kept, written off) is recorded, so
#   sign-off asks for no "returned" tick (compare resolved/SO).
# - lent/PK, lent_completed/PK: a loan's promise is kept only by the loan's return (LR) or
#   settlement (LD), never by hand; a loan outlives the visit's sign-off.

EXPECTED_STEP = {
    "scheduled": Step.SCHEDULED,
    "confirmed": Step.CONFIRMED,
    "arrived": Step.ARRIVED,
    "working": Step.WORKING,
    "diagnosed": Step.DIAGNOSED,
    "choosing": Step.CHOOSING,
    "chosen": Step.DIAGNOSED,
    "resolved": Step.RESOLVED,
    "taught": Step.RESOLVED,
    "asked": Step.RESOLVED,
    "part_returned": Step.RESOLVED,
    "completed": Step.COMPLETED,
    "not_demonstrated": Step.RESOLVED,
    "busy_away": Step.AWAITING_RETURN,
    "back_after_busy": Step.ARRIVED,
    "absent": Step.WORKING,
    "absent_resolved": Step.RESOLVED,
    "declined_later": Step.AWAITING_RETURN,
    "back_after_declined": Step.ARRIVED,
    "declined_escalating": Step.ARRIVED,
    "declined_escalated": Step.ESCALATED,
    "declined_closed": Step.DECLINED,
    "absent_note_left": Step.AWAITING_RETURN,
    "back_after_note": Step.ARRIVED,
    "absent_returned": Step.WORKING,
    "returned_resolved": Step.RESOLVED,
    "remote_closed": Step.CLOSED_WITHOUT_REPAIR,
    "fixed_on_arrival": Step.CLOSED_WITHOUT_REPAIR,
    "no_fault_found": Step.CLOSED_WITHOUT_REPAIR,
    "escalated": Step.ESCALATED,
    "departed": Step.AWAITING_RETURN,
    "back_after_departure": Step.ARRIVED,
    "departed_resolved": Step.AWAITING_RETURN,
    "absent_departed": Step.AWAITING_RETURN,
    "assisted": Step.WORKING,
    "assisted_closed": Step.CLOSED_WITHOUT_REPAIR,
    "part_disposed": Step.RESOLVED,
    "disposed_completed": Step.COMPLETED,
    "lent": Step.RESOLVED,
    "lent_completed": Step.COMPLETED,
    "loan_back": Step.COMPLETED,
    "cancelled": Step.CANCELLED,
    "walk_up_opened": Step.SCHEDULED,
    "reopened": Step.COMPLETED,
}

Steps = list[tuple[EventType, dict[str, Any]]]


def _step(kind: EventType, **fields: Any) -> tuple[EventType, dict[str, Any]]:
    return kind, {**MINIMAL[kind], **fields}


# state -> (the state it continues from, the events that lead there from it) TA TR
PATHS: dict[str, tuple[str | None, Steps]] = {
    "scheduled": (None, []),
    "confirmed": ("scheduled", [_step(E.CONFIRMED)]),
    "arrived": ("confirmed", [_step(E.ARRIVED)]),
    "working": ("arrived", [_step(E.PERMISSION_GRANTED)]),
    "diagnosed": ("working", [_step(E.DIAGNOSED, borrowed_parts=[PART])]),
    "choosing": ("diagnosed", [_step(E.OPTIONS_OFFERED)]),
    "chosen": ("choosing", [_step(E.OPTION_CHOSEN)]),
    "resolved": ("chosen", [_step(E.RESOLVED)]),
    "taught": ("resolved", [_step(E.TAUGHT)]),
    "asked": ("taught", [_step(E.ANYTHING_ELSE)]),
    "part_returned": ("asked", [_step(E.PART_RETURNED)]),
    "completed": (
        "part_returned",
        [_step(E.SIGNED_OFF, follow_up_call_at="2025-03-12T09:00:00+00:00")],
    ),
    "not_demonstrated": (
        "chosen",
        [_step(E.RESOLVED, demonstrated=False, user_confirmed=False)],
    ),
    "busy_away": ("arrived", [_step(E.USER_BUSY)]),
    "back_after_busy": ("busy_away", [_step(E.ARRIVED)]),
    "absent": ("arrived", [_step(E.USER_ABSENT_URGENT)]),
    "absent_resolved": (
        "absent",
        [
            _step(E.DIAGNOSED),
            _step(
                E.RESOLVED,
                demonstrated=False,
                user_confirmed=False,
                demonstration_impossible_reason="The user is not there to see it.",
            ),
        ],
    ),
    "declined_later": ("arrived", [_step(E.PERMISSION_DECLINED)]),
    "back_after_declined": ("declined_later", [_step(E.ARRIVED)]),
    "declined_escalating": ("arrived", [_step(E.PERMISSION_DECLINED, next_step="escalate")]),
    "declined_escalated": ("declined_escalating", [_step(E.ESCALATED)]),
    "declined_closed": ("arrived", [_step(E.PERMISSION_DECLINED, next_step="close")]),
    "absent_note_left": ("arrived", [_step(E.USER_ABSENT_NOTE_LEFT)]),
    "back_after_note": ("absent_note_left", [_step(E.ARRIVED)]),
    "absent_returned": ("absent", [_step(E.USER_RETURNED)]),
    "returned_resolved": (
        "absent_returned",
        [_step(E.DIAGNOSED), _step(E.RESOLVED)],
    ),
    "remote_closed": ("confirmed", [_step(E.CLOSED_WITHOUT_REPAIR, outcome="resolved_remotely")]),
    "fixed_on_arrival": ("arrived", [_step(E.CLOSED_WITHOUT_REPAIR, outcome="fixed_on_arrival")]),
    "no_fault_found": ("working", [_step(E.CLOSED_WITHOUT_REPAIR)]),
    "escalated": ("diagnosed", [_step(E.ESCALATED)]),
    "departed": ("diagnosed", [_step(E.DEPARTED)]),
    "back_after_departure": ("departed", [_step(E.ARRIVED)]),
    "departed_resolved": ("resolved", [_step(E.DEPARTED, reason="user_needs_pc")]),
    "absent_departed": (
        "absent",
        [_step(E.DEPARTED, admin_logged_off=True, note_left_on_desk=True)],
    ),
    "assisted": ("working", [_step(E.ASSISTANT_ADDED)]),
    "assisted_closed": ("assisted", [_step(E.CLOSED_WITHOUT_REPAIR)]),
    "part_disposed": ("asked", [_step(E.PART_DISPOSED)]),
    "disposed_completed": ("part_disposed", [_step(E.SIGNED_OFF)]),
    "lent": ("part_returned", [_step(E.LOAN_MADE)]),
    "lent_completed": ("lent", [_step(E.SIGNED_OFF)]),
    "loan_back": ("lent_completed", [_step(E.LOAN_RETURNED)]),
    "cancelled": ("working", []),  # dispatch cancels: derive_state(..., cancelled=True)
    "walk_up_opened": ("scheduled", [_step(E.VISIT_OPENED)]),
    "reopened": ("completed", [_step(E.REOPENED)]),
}


def parse_table() -> dict[str, dict[EventType, str | None]]:
    table: dict[str, dict[EventType, str | None]] = {}
    for columns, text in (
        (COLUMNS, TABLE),
        (OPENED_COLUMNS, TABLE_OPENED),
        (EQUIPMENT_COLUMNS, EQUIPMENT_TABLE),
        (INTAKE_COLUMNS, INTAKE_TABLE),
        (CUSTOMER_COLUMNS, CUSTOMER_TABLE),
    ):
        for name, row in _parse(columns, text).items():
            table.setdefault(name, {}).update(row)
    return table


def _parse(columns: dict[str, EventType], text: str) -> dict[str, dict[EventType, str | None]]:
    header = list(columns.values())
    table = {}
    for line in text.strip().splitlines():
        name, *cells = line.split()
        assert len(cells) == len(header), name
        table[name] = {kind: CODES[cell] for kind, cell in zip(header, cells, strict=True)}
    return table


EXPECTED = parse_table()


def events_to(name: str) -> list[Event]:
    chain: list[Steps] = []
    current: str | None = name
    while current is not None:
        parent, steps = PATHS[current]
        chain.append(steps)
        current = parent
    events = []
    for steps in reversed(chain):
        for kind, payload in steps:
            # A loan is named by its loan_made event's id: the one MINIMAL's loan events name.
            loan_id = LOAN if kind is E.LOAN_MADE else None
            events.append(make_event(kind, payload, at=T0, event_id=loan_id))
    return events


def state_of(name: str) -> VisitState:
    state = VisitState()
    events = events_to(name)
    for event in events:
        state = apply_event(state, event)  # every step of a path must be accepted
    assert derive_state(events) == state
    if name == "cancelled":
        state = derive_state(events, cancelled=True)
    return state


def probe(kind: EventType, state: VisitState) -> Event:
    payload = dict(MINIMAL[kind])
    if kind is E.PROMISE_MADE:
        payload["promise_id"] = "probe"
    if kind is E.PROMISE_KEPT:
        payload["promise_id"] = list(state.promises)[-1] if state.promises else "no-such-promise"
    if kind in (E.LOAN_RETURNED, E.LOAN_DISPOSED):
        payload["loan_id"] = list(state.loans)[-1] if state.loans else "no-such-loan"
    return make_event(kind, payload, at=T0)


def outcome(state: VisitState, kind: EventType) -> str | None:
    violation = refusal(state, probe(kind, state))
    if violation is None:
        return None
    assert violation.message.endswith(".")
    return violation.code


def test_table_covers_every_state_and_type() -> None:
    assert set(EXPECTED) == set(PATHS) == set(EXPECTED_STEP)
    columns = {
        **COLUMNS,
        **OPENED_COLUMNS,
        **EQUIPMENT_COLUMNS,
        **INTAKE_COLUMNS,
        **CUSTOMER_COLUMNS,
    }
    assert list(columns.values()) == list(EventType)


@pytest.mark.parametrize("name", list(PATHS))
def test_allowed_events_per_state(name: str) -> None:
    state = state_of(name)
    assert state.step is EXPECTED_STEP[name]
    actual = {kind: outcome(state, kind) for kind in EventType}
    assert actual == EXPECTED[name]


def render(name: str, columns: dict[str, EventType] = COLUMNS) -> str:
    """The line of a table (TABLE, or EQUIPMENT_TABLE with EQUIPMENT_COLUMNS) the
    implementation would produce (to help update the table)."""
    state = state_of(name)
    codes = {code: abbr for abbr, code in CODES.items()}
    cells = (codes[outcome(state, kind)] for kind in columns.values())
    return f"{name:<20} " + " ".join(cells)
