"""A departure (leave for now) may agree a return time, which is a promise: the partial index
of the events that can make one (ix_events_promises, read by the promises list through
fieldapp.store.search.PROMISE_EVENT_SQL) is recreated with 'departed' among them."""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fieldapp.store.search.PROMISE_EVENT_TYPES before and after this revision, frozen.
_BEFORE = "'user_busy', 'signed_off', 'escalated', 'promise_made'"
_AFTER = "'user_busy', 'signed_off', 'escalated', 'promise_made', 'departed'"


def _recreate(types: str) -> None:
    op.drop_index("ix_events_promises", table_name="events")
    op.execute(f"CREATE INDEX ix_events_promises ON events (visit_id) WHERE type IN ({types})")


def upgrade() -> None:
    _recreate(_AFTER)


def downgrade() -> None:
    _recreate(_BEFORE)
