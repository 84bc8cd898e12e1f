"""What older laptops cannot read, left out of their feed (docs/sync.md).

Laptops before 0.2.0 are told by their version; from 0.2.0 on by the feed shape they send
(protocol.FEED_SHAPE_HEADER; none means 2, the shape of 0.2.0 as released).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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


# What each feed shape after 2 adds (protocol.FEED_SHAPE), event types and payload fields
# by type: a laptop reading an earlier shape (0.2.0 as released) is spared them. Anything
# added after 0.2.0 goes here (a 0.1 laptop is spared every shape's additions as well).
SHAPE_EVENT_TYPES: dict[int, frozenset[str]] = {
    3: frozenset(
        {
            "device_attached",  # the visit names the user's device
            # the customer's loop
            "user_replied",
            "time_request_answered",
            "on_my_way",
            "day_end_update",
        }
    ),
}
SHAPE_PAYLOAD_FIELDS: dict[int, dict[str, frozenset[str]]] = {
    3: {"diagnosed": frozenset({"fix_used"})},  # the past fix a diagnosis used
}
_RELEASED_SHAPE = 2  # what 0.2.0 as released reads: it sends no shape


@dataclass(frozen=True, slots=True)
class Spared:
    """What one laptop's feed leaves out: visit fields, event types, payload fields by type."""

    visit_fields: frozenset[str]
    event_types: frozenset[str]
    payload_fields: dict[str, frozenset[str]]


def spared_for(client_version: str | None, feed_shape: str | None = None) -> Spared | None:
    """What the feed leaves out for a laptop of this version and feed shape, or None for
    nothing (one that says neither, a script or a test, gets everything)."""
    if client_version is None:
        return None
    if not version_at_least(client_version, NEWER_SINCE):
        shape = 0  # spared all of the later shapes too
        visit_fields, types, fields = (
            NEWER_VISIT_FIELDS,
            set(NEWER_EVENT_TYPES),
            {name: set(names) for name, names in NEWER_PAYLOAD_FIELDS.items()},
        )
    else:
        given = feed_shape if feed_shape and feed_shape.isascii() and feed_shape.isdigit() else ""
        shape = max(int(given[:9] or 0), _RELEASED_SHAPE)
        visit_fields, types, fields = frozenset(), set(), {}
    for number in sorted(SHAPE_EVENT_TYPES.keys() | SHAPE_PAYLOAD_FIELDS.keys()):
        if number > shape:
            types |= SHAPE_EVENT_TYPES.get(number, frozenset())
            for name, names in SHAPE_PAYLOAD_FIELDS.get(number, {}).items():
                fields.setdefault(name, set()).update(names)
    if not (visit_fields or types or fields):
        return None
    return Spared(
        frozenset(visit_fields),
        frozenset(types),
        {name: frozenset(names) for name, names in fields.items()},
    )


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def older_payload(type_: str, payload: str, spared: Spared | None = None) -> str:
    """A stored payload without the fields a laptop older than NEWER_SINCE (or one spared
    `spared`) would refuse."""
    decoded = load_stored_json(payload)
    fields = (spared.payload_fields if spared is not None else NEWER_PAYLOAD_FIELDS)[type_]
    for name in fields:
        decoded.pop(name, None)
    return _encode(decoded)
