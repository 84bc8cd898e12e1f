"""An index on the events that add a file, so finding colleagues' files to bring down at each
sync reads those events alone, not every event in the cache."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_attachments",
        "events",
        ["visit_id"],
        sqlite_where=sa.text("type = 'attachment_added'"),
    )


def downgrade() -> None:
    op.drop_index("ix_events_attachments", table_name="events")
