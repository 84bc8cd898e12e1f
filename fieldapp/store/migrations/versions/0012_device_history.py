"""The device and person history kept for the round (fieldapp.store.devices): the asset list's
rows for the round's devices, what the server said of each visit of the round, the earlier
visits told in a few lines, and which of them belongs to which visit. Replaced whole at each
sync; a cache from before has none until its next sync. `ix_events_devices` (a partial index
of the few device_attached events) finds the visits naming a tag scanned on the round."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "device_assets",
        sa.Column("asset_tag", sa.String(64), primary_key=True),
        *(
            sa.Column(name, sa.Text(), nullable=False)
            for name in ("hostname", "serial", "model", "owner", "owner_email")
        ),
    )
    op.create_table(
        "round_devices",
        sa.Column("visit_id", sa.String(64), primary_key=True),
        sa.Column("asset_tag", sa.String(64), nullable=True),
        sa.Column("owned", sa.JSON(), nullable=False),
    )
    op.create_table(
        "past_visits",
        sa.Column("visit_id", sa.String(64), primary_key=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("customer_name", sa.Text(), nullable=False),
        sa.Column("asset_tag", sa.String(64), nullable=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("technician", sa.Text(), nullable=True),
        *(sa.Column(name, sa.Text(), nullable=False) for name in ("problem", "diagnosis", "fix")),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("promises", sa.JSON(), nullable=False),
    )
    op.create_index("ix_past_visits_asset_tag", "past_visits", ["asset_tag"])
    op.create_table(
        "past_links",
        sa.Column("visit_id", sa.String(64), primary_key=True),
        sa.Column("past_visit_id", sa.String(64), primary_key=True),
        sa.Column("by", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )

    op.execute("CREATE INDEX ix_events_devices ON events (visit_id) WHERE type = 'device_attached'")


def downgrade() -> None:
    op.drop_index("ix_events_devices", table_name="events")
    for name in ("past_links", "past_visits", "round_devices", "device_assets"):
        op.drop_table(name)
