"""Visits awaiting the technician's agreed return: `visits.return_at`, derived from the events.

Filled here for the visits already waiting (step awaiting_return): the return time of their
latest user_busy event, as fixed-width UTC text (fieldapp.store.models.UTCDateTime). Frozen
on purpose: it reads the tables as they are at this revision, not through today's models.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LATEST_RETURN = sa.text(
    "SELECT v.id, (SELECT json_extract(e.payload, '$.return_at') FROM events e "
    "WHERE e.visit_id = v.id AND e.type = 'user_busy' ORDER BY e.occurred_at DESC LIMIT 1) "
    "FROM visits v WHERE v.step = 'awaiting_return'"
)


def upgrade() -> None:
    op.add_column("visits", sa.Column("return_at", sa.String(32), nullable=True))
    connection = op.get_bind()
    for visit_id, text in connection.execute(_LATEST_RETURN).all():
        if not text:
            continue
        moment = datetime.fromisoformat(str(text)).astimezone(UTC)
        connection.execute(
            sa.text("UPDATE visits SET return_at = :at WHERE id = :id"),
            {"at": moment.isoformat(timespec="microseconds"), "id": visit_id},
        )


def downgrade() -> None:
    op.drop_column("visits", "return_at")
