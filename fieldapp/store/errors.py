"""Refusals of the cache itself (unknown visit, visit out of scope), in the domain's error shape."""

from __future__ import annotations

from fieldapp.domain.errors import DomainError


class VisitNotFound(DomainError):
    """No visit with this id is in the cache."""

    def __init__(self, visit_id: str) -> None:
        super().__init__("visit_not_found", "This visit is not on this laptop (any more).")
        self.visit_id = visit_id


class VisitOutOfScope(DomainError):
    """The server took the visit away from this technician; nothing more can be recorded."""

    def __init__(self, visit_id: str, reason: str, message: str | None) -> None:
        super().__init__(
            "visit_out_of_scope",
            message or "This visit is no longer assigned to you, so nothing more can be recorded.",
        )
        self.visit_id = visit_id
        self.reason = reason


class FeedError(ValueError):
    """A change feed page the cache cannot apply as it stands (the page is not applied)."""
