"""Typed errors the workflow raises, each with a sentence a technician understands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

# The catalogue context of the rules' sentences (marked with QT_TRANSLATE_NOOP where they are
# written; the UI translates `template` in this context and fills in `values`).
RULES = "Rules"


class DomainError(Exception):
    """Base of domain errors: a machine-readable code and a human sentence.

    A sentence built with values keeps its template and its values apart (`template` with
    `{name}` fields, `values`), so a screen can translate the template and fill it in;
    `message` is the English sentence, for logs and the API. `context` is the catalogue
    context its template is marked in (QT_TRANSLATE_NOOP).
    """

    context: ClassVar[str] = RULES

    def __init__(self, code: str, message: str, values: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.template = message
        self.values = {name: str(value) for name, value in (values or {}).items()}
        self.message = message.format(**self.values) if values else message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InvalidEvent(DomainError):
    """The event itself is malformed: unknown type, missing or wrong payload fields."""


class WorkflowViolation(DomainError):
    """The event is well formed but the visit's workflow does not allow it now."""
