"""Pure-Python heart of FieldApp: visits, their events and the workflow rules both sides apply."""

from fieldapp.domain.errors import InvalidEvent, WorkflowViolation
from fieldapp.domain.events import Event, EventType, validate_payload
from fieldapp.domain.rules import check_event, why_not
from fieldapp.domain.state import Promise, Step, VisitState
from fieldapp.domain.workflow import apply_event, derive_state

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
