"""Typed errors the workflow raises, each with a sentence a technician understands."""


class DomainError(Exception):
    """Base of domain errors: a machine-readable code and a human sentence."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidEvent(DomainError):
    """The event itself is malformed: unknown type, missing or wrong payload fields."""


class WorkflowViolation(DomainError):
    """The event is well formed but the visit's workflow does not allow it now."""
