"""What laptops older than 0.2.0 cannot read, left out of their feed (docs/sync.md)."""

from __future__ import annotations

import json

from fieldapp.protocol import version_at_least
from fieldapp.server.db import load_stored_json

# What laptops older than NEWER_SINCE cannot read: their strict wire models refuse unknown
# visit fields, event types and payload fields, so their feed leaves these out (the server
# still keeps and serves them to every newer laptop). A helper adding a visit field, an
# event type or a payload field a 0.1 laptop would refuse adds it here (docs/sync.md).
NEWER_SINCE = "0.2.0"
NEWER_VISIT_FIELDS: frozenset[str] = frozenset({"impact", "urgency", "vip", "created_by", "origin"})
NEWER_EVENT_TYPES: set[str] = {
    "already_tried_added",
    "departed",
    "user_replied",
    "time_request_answered",
    "on_my_way",
    "day_end_update",
    "assistant_added",
    "assistant_removed",
    "visit_opened",
    "reopened",
    "part_borrowed",
    "part_disposed",
    "loan_made",
    "loan_returned",
    "loan_disposed",
}
NEWER_PAYLOAD_FIELDS: dict[str, frozenset[str]] = {
    "diagnosed": frozenset({"problem_since", "shown_by_user", "not_shown_reason", "fix_used"}),
    "anything_else": frozenset({"handled_now", "new_visit_id"}),
}


def needs_older_feed(client_version: str | None) -> bool:
    """True for a laptop that says it is older than NEWER_SINCE (one that does not say, a
    script or a test, gets everything)."""
    return client_version is not None and not version_at_least(client_version, NEWER_SINCE)


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def older_payload(type_: str, payload: str) -> str:
    """A stored payload without the fields a laptop older than NEWER_SINCE would refuse."""
    decoded = load_stored_json(payload)
    for name in NEWER_PAYLOAD_FIELDS[type_]:
        decoded.pop(name, None)
    return _encode(decoded)
