"""The laptop's local cache: SQLite via SQLAlchemy, the outbox, the change feed and queries."""

# Every table module is imported here, so Base.metadata (migrations, schema checks) is whole.
from fieldapp.store import devices as devices
from fieldapp.store import drafts as drafts
from fieldapp.store.attention import (
    OpenPromise,
    RejectedEvent,
    SyncCounts,
    open_promises,
    rejected_events,
    sync_counts,
)
from fieldapp.store.db import Store, open_store
from fieldapp.store.errors import (
    DiskFullError,
    FeedError,
    LocalStorageError,
    ReadOnlyStorageError,
    VisitNotFound,
    VisitOutOfScope,
)
from fieldapp.store.feed import PageResult, apply_changes_page
from fieldapp.store.feed_scope import clear_for_refetch
from fieldapp.store.meta import get_cursor, get_meta, set_meta
from fieldapp.store.recording import add_attachment, discard_rejected_event, record_event
from fieldapp.store.round_queries import list_visits
from fieldapp.store.visit_detail import (
    TimelineEntry,
    VisitDetail,
    get_visit,
    visit_events,
    visit_state,
)
from fieldapp.store.visit_rows import VisitRow

__all__ = [
    "DiskFullError",
    "FeedError",
    "LocalStorageError",
    "OpenPromise",
    "PageResult",
    "ReadOnlyStorageError",
    "RejectedEvent",
    "Store",
    "SyncCounts",
    "TimelineEntry",
    "VisitDetail",
    "VisitNotFound",
    "VisitOutOfScope",
    "VisitRow",
    "add_attachment",
    "apply_changes_page",
    "clear_for_refetch",
    "discard_rejected_event",
    "get_cursor",
    "get_meta",
    "get_visit",
    "list_visits",
    "open_promises",
    "open_store",
    "record_event",
    "rejected_events",
    "set_meta",
    "sync_counts",
    "visit_events",
    "visit_state",
]
