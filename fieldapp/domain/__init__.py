"""Pure-Python heart of FieldApp: visits, their events and the workflow rules both sides apply."""

from fieldapp.domain.errors import InvalidEvent, WorkflowViolation
from fieldapp.domain.events import Event, EventType, validate_payload
from fieldapp.domain.workflow import (
    Promise,
    Step,
    VisitState,
    apply_event,
    check_event,
    derive_state,
    why_not,
)

__all__ = [
    "Event",
    "EventType",
    "InvalidEvent",
    "Promise",
    "Step",
    "VisitState",
    "WorkflowViolation",
    "apply_event",
    "check_event",
    "derive_state",
    "validate_payload",
    "why_not",
]
