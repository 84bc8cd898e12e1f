"""The knowledge base kept offline: past fixes and articles with an FTS5 index, incidents' known
fixes.

`knowledge` holds one row per past fix ("fix:<visit id>", from this laptop's own resolved
visits or the server's snapshot) and per article ("article:<id>", the server's only).
`knowledge_fts` is an external-content FTS5 table over its texts, kept in step by three
triggers exactly as visits_fts is (revision 0003: never REPLACE rows of `knowledge`,
and rebuild the index after any later migration that copies the table). No prefix indexes:
suggestions are asked for whole words of a sentence, not for the first letters typed.

`ix_events_resolved` (a partial index of the few resolution events) lets the after-sync
refresh find the resolutions without reading every event. The cache's resolved visits are
indexed at once, so a laptop that updates offers its own past
fixes before its next sync.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fieldapp.store.knowledge.INDEXED, frozen as of this revision.
_COLUMNS = ("title", "problem", "user_perspective", "findings", "resources_used", "explanation")


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{name}" for name in _COLUMNS)


def upgrade() -> None:
    op.create_table(
        "knowledge",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("visit_id", sa.String(64), nullable=True),
        *(
            sa.Column(name, sa.Text(), nullable=False)
            for name in ("reference", "site", "category", "title", "problem")
        ),
        sa.Column("user_perspective", sa.Text(), nullable=False),
        sa.Column("source_category", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("resources_used", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.String(32), nullable=True),
    )
    op.create_index("ix_knowledge_visit", "knowledge", ["visit_id"])
    op.execute("CREATE INDEX ix_events_resolved ON events (visit_id) WHERE type = 'resolved'")
    op.create_table(
        "incident_fixes",
        sa.Column("incident_ref", sa.Text(), primary_key=True),
        sa.Column("known_fix", sa.Text(), nullable=False),
        sa.Column("set_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    columns = ", ".join(_COLUMNS)
    op.execute(
        f"""
        CREATE VIRTUAL TABLE knowledge_fts USING fts5(
            {columns},
            content='knowledge', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        )
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge BEGIN
            INSERT INTO knowledge_fts(rowid, {columns}) VALUES (new.rowid, {_values("new")});
        END
        """
    )
    changed = " OR ".join(f"old.{name} IS NOT new.{name}" for name in _COLUMNS)
    op.execute(
        f"""
        CREATE TRIGGER knowledge_fts_update AFTER UPDATE OF {columns} ON knowledge
        WHEN {changed} BEGIN
            INSERT INTO knowledge_fts(knowledge_fts, rowid, {columns})
                VALUES ('delete', old.rowid, {_values("old")});
            INSERT INTO knowledge_fts(rowid, {columns}) VALUES (new.rowid, {_values("new")});
        END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER knowledge_fts_delete AFTER DELETE ON knowledge BEGIN
            INSERT INTO knowledge_fts(knowledge_fts, rowid, {columns})
                VALUES ('delete', old.rowid, {_values("old")});
        END
        """
    )
    from fieldapp.store.knowledge import refresh_own_fixes  # the current rule, once

    refresh_own_fixes(op.get_bind())


def downgrade() -> None:
    for trigger in ("knowledge_fts_delete", "knowledge_fts_update", "knowledge_fts_insert"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE knowledge_fts")
    op.drop_table("incident_fixes")
    op.execute("DROP INDEX ix_events_resolved")
    op.drop_index("ix_knowledge_visit", "knowledge")
    op.drop_table("knowledge")
