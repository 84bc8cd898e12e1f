"""Visit search: an FTS5 index over the visits, kept current by triggers; round indexes.

`visits_fts` is an external-content FTS5 table: it stores only the index, and reads the
text back from `visits` by rowid. Three triggers keep it in step with every write to
`visits`, so the store code that inserts, upserts and deletes visits needs no change:

- AFTER INSERT indexes the new row (a plain INSERT, or the insert half of an
  INSERT ... ON CONFLICT DO NOTHING / DO UPDATE that found no conflict);
- AFTER UPDATE OF the searched columns re-indexes the row when one of them really changed
  (an ON CONFLICT DO UPDATE that hit an existing row runs UPDATE triggers, not INSERT
  ones; a feed page applied twice changes no text and costs no index work);
- AFTER DELETE removes the row's entries (tombstones, refetch, account switch).

Two rules keep the index right, both checked by tests/store/test_search.py:
- never write `visits` with INSERT OR REPLACE: REPLACE deletes the old row without running
  DELETE triggers (unless PRAGMA recursive_triggers is on), leaving stale entries behind;
- the index is keyed by `visits.rowid`, which SQLite keeps unless the table is rebuilt: a
  later migration that copies `visits` (Alembic batch mode does) must end with
  ``INSERT INTO visits_fts(visits_fts) VALUES('rebuild')``.

The tokenizer folds case and diacritics ("jose" finds "José"); prefix indexes of 1 to 3
characters keep the prefix queries typed in the search box fast on 100,000 visits.

Cost: a trigger makes SQLite open a statement savepoint, and FTS5 writes out its pending
index at every savepoint. One INSERT statement per visit (an executemany of a single-row
INSERT, as fieldapp.store.bulk.insert_many does) thus writes one small index segment per
visit: about 35 us a visit, +0.5 to 0.9 s on the initial sync of 10,000 visits. A statement
of many rows (INSERT ... VALUES (...), (...), ...) writes one segment for all of them.

The partial indexes serve the round's filters: open visits by window (Today, Upcoming,
Overdue) and closed ones (Done), and the few events that make promises.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The searched columns, in the FTS table's column order (fieldapp.store.search.SEARCHED).
_COLUMNS = ("reference", "customer_name", "site", "building", "floor", "room", "problem")
# fieldapp.store.search.CLOSED_STEPS and PROMISE_EVENT_TYPES, frozen as of this revision.
_CLOSED = "'completed', 'escalated', 'cancelled'"
_PROMISE_EVENTS = "'user_busy', 'signed_off', 'escalated', 'promise_made'"


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{name}" for name in _COLUMNS)


def upgrade() -> None:
    columns = ", ".join(_COLUMNS)
    op.execute(
        f"""
        CREATE VIRTUAL TABLE visits_fts USING fts5(
            {columns},
            content='visits', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        )
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER visits_fts_insert AFTER INSERT ON visits BEGIN
            INSERT INTO visits_fts(rowid, {columns}) VALUES (new.rowid, {_values("new")});
        END
        """
    )
    changed = " OR ".join(f"old.{name} IS NOT new.{name}" for name in _COLUMNS)
    op.execute(
        f"""
        CREATE TRIGGER visits_fts_update AFTER UPDATE OF {columns} ON visits
        WHEN {changed} BEGIN
            INSERT INTO visits_fts(visits_fts, rowid, {columns})
                VALUES ('delete', old.rowid, {_values("old")});
            INSERT INTO visits_fts(rowid, {columns}) VALUES (new.rowid, {_values("new")});
        END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER visits_fts_delete AFTER DELETE ON visits BEGIN
            INSERT INTO visits_fts(visits_fts, rowid, {columns})
                VALUES ('delete', old.rowid, {_values("old")});
        END
        """
    )
    # Index what the cache already holds.
    op.execute("INSERT INTO visits_fts(visits_fts) VALUES ('rebuild')")
    op.execute(
        "CREATE INDEX ix_visits_open_window ON visits (window_start) "
        f"WHERE stub = 0 AND step NOT IN ({_CLOSED})"
    )
    op.execute(
        "CREATE INDEX ix_visits_closed_window ON visits (window_start) "
        f"WHERE stub = 0 AND step IN ({_CLOSED})"
    )
    op.execute(
        f"CREATE INDEX ix_events_promises ON events (visit_id) WHERE type IN ({_PROMISE_EVENTS})"
    )


def downgrade() -> None:
    for index in ("ix_events_promises", "ix_visits_closed_window", "ix_visits_open_window"):
        op.execute(f"DROP INDEX {index}")
    for trigger in ("visits_fts_delete", "visits_fts_update", "visits_fts_insert"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE visits_fts")
