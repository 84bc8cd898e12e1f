"""A visit closed with no repair at the desk (step "closed_without_repair": resolved
remotely, already fixed on arrival, no fault found) is closed on the round: the partial
indexes of open and closed visits are recreated with it among the closed steps
(fieldapp.store.search.CLOSED_STEPS), so the round's filters keep using them."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fieldapp.store.search.CLOSED_STEPS before and after this revision, frozen.
_BEFORE = "'completed', 'escalated', 'declined', 'cancelled'"
_AFTER = "'completed', 'escalated', 'declined', 'closed_without_repair', 'cancelled'"


def _recreate(closed: str) -> None:
    op.drop_index("ix_visits_open_window", table_name="visits")
    op.drop_index("ix_visits_closed_window", table_name="visits")
    op.create_index(
        "ix_visits_open_window",
        "visits",
        ["window_start"],
        sqlite_where=sa.text(f"stub = 0 AND step NOT IN ({closed})"),
    )
    op.create_index(
        "ix_visits_closed_window",
        "visits",
        ["window_start"],
        sqlite_where=sa.text(f"stub = 0 AND step IN ({closed})"),
    )


def upgrade() -> None:
    _recreate(_AFTER)


def downgrade() -> None:
    _recreate(_BEFORE)
