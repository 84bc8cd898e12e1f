"""An event in a few words: what the technician's and the supervisor's timelines both show."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.domain import EventType as E
from fieldapp.ui.visit.event_words import event_details

OPTIONS = {"quick": "Clean the virus", "laptop": "Set up the new laptop"}
PROMISES = {
    "p-1": "Call back once the toner arrives",
    "loan-1": "Get back the Loaner laptop lent to Kyra",
}


@pytest.mark.parametrize(
    ("kind", "payload", "words"),
    [
        (E.OPTION_CHOSEN, {"key": "laptop"}, "Set up the new laptop"),
        (E.OPTION_CHOSEN, {"key": "gone"}, "gone"),  # an option not offered here: its key
        (
            E.NOTE,
            {"category": "out_of_scope", "text": "Asked about\n his phone", "answer_given": "No"},
            "Out of scope: Asked about his phone \u2014 answered: No",
        ),
        (E.NOTE, {"text": "Desk   moved"}, "Desk moved"),
        (E.PROMISE_KEPT, {"promise_id": "p-1"}, "Call back once the toner arrives"),
        (
            E.SIGNED_OFF,
            {"satisfaction": 4, "summary": "Toner\nreplaced"},
            "Satisfaction 4/5: Toner replaced",
        ),
        (E.SIGNED_OFF, {"satisfaction": 5}, "Satisfaction 5/5"),
        (
            E.DIAGNOSED,
            {"source_category": "hardware", "findings": "Fuser   worn"},
            "Hardware: Fuser worn",
        ),
        (E.CONFIRMED, {"channel": "phone"}, "Phone call"),
        (
            E.OPTIONS_OFFERED,
            {"options": [{"description": "Clean it"}, {"description": "Replace it"}]},
            "Clean it; Replace it",
        ),
        (E.ESCALATED, {"reason": "Disk failing", "team": "Hardware"}, "Hardware"),
        (E.ANYTHING_ELSE, {"answer": False}, "No"),
        (E.ARRIVED, {}, ""),
        (
            E.DEPARTED,
            {"reason": "part_needed", "note": "PSU\n from stores"},
            "To fetch a part: PSU from stores",
        ),
        (E.DEPARTED, {"reason": "continue_later"}, "To carry on later"),
        (
            E.PERMISSION_DECLINED,
            {"declined_by": "Kyra", "next_step": "close", "reason": "Report\n due"},
            "Kyra; next: close the visit as declined \u2014 Report due",
        ),
        (
            E.PERMISSION_DECLINED,
            {"declined_by": "Kyra", "next_step": "another_time"},
            "Kyra; next: come back another time",
        ),
        (E.USER_ABSENT_NOTE_LEFT, {"desk_note": "Came by\nat 10"}, "Desk note: Came by at 10"),
        (
            E.CLOSED_WITHOUT_REPAIR,
            {"outcome": "resolved_remotely", "explanation": "VPN reset\nby phone"},
            "Resolved remotely: VPN reset by phone",
        ),
        (
            E.CLOSED_WITHOUT_REPAIR,
            {"outcome": "no_fault_found", "explanation": "Prints", "confirmed_by": "Kyra"},
            "No fault found: Prints (confirmed by Kyra)",
        ),
        (
            E.USER_RETURNED,
            {"returned": "Kyra", "explanation": "Told her what I did"},
            "Kyra: Told her what I did",
        ),
        (E.PART_BORROWED, {"part": "PSU", "whose": "Room\n4.12"}, "PSU, from Room 4.12"),
        (
            E.PART_DISPOSED,
            {"part": "PSU", "fate": "broken", "agreed_with": "Ana"},
            "PSU: Broken (agreed with Ana)",
        ),
        (
            E.LOAN_MADE,
            {"item": "Loaner laptop", "lent_to": "Kyra", "whose": "IT pool", "due_at": "x"},
            "Loaner laptop to Kyra (IT pool)",
        ),
        (E.LOAN_RETURNED, {"loan_id": "loan-1"}, "Get back the Loaner laptop lent to Kyra"),
        (
            E.LOAN_DISPOSED,
            {"loan_id": "loan-1", "fate": "kept_by_user", "agreed_with": "IT manager"},
            (
                "Get back the Loaner laptop lent to Kyra: The owner lets the user keep it "
                "(agreed with IT manager)"
            ),
        ),
    ],
)
def test_an_event_in_a_few_words(kind: E, payload: dict[str, Any], words: str) -> None:
    assert event_details(kind, payload, options=OPTIONS, promises=PROMISES) == words
