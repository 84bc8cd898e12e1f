"""The user's device: the asset list (assets) and the device each visit names (visit_devices,
derived from its device_attached events), and the derived tables rebuilt.

The rebuild (fieldapp.server.facts.rebuild_all) moved here from revision 0013 (0014 changes
no derived table): it writes through the current models, visit_devices included, so it runs
in the latest revision that changes the derived tables (a later one that changes them moves
it again).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assets",
        sa.Column("asset_tag", sa.String(64), nullable=False),
        sa.Column("hostname", sa.String(500), nullable=False),
        sa.Column("serial", sa.String(500), nullable=False),
        sa.Column("model", sa.String(500), nullable=False),
        sa.Column("owner", sa.String(500), nullable=False),
        sa.Column("owner_email", sa.String(500), nullable=False),
        sa.Column("owner_key", sa.String(500), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("asset_tag", name=op.f("pk_assets")),
    )
    op.create_index("ix_assets_owner_key", "assets", ["owner_key"])
    op.create_table(
        "visit_devices",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("asset_tag", sa.String(64), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_devices_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("visit_id", name=op.f("pk_visit_devices")),
    )
    op.create_index("ix_visit_devices_asset_tag", "visit_devices", ["asset_tag"])
    from fieldapp.server import facts  # the current rules; see the module docstring

    with Session(bind=op.get_bind()) as session:
        facts.rebuild_all(session, datetime.now(UTC))


def downgrade() -> None:
    op.drop_table("visit_devices")
    op.drop_table("assets")
