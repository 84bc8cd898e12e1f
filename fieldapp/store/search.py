"""Visit search: turning what the technician types into a safe FTS5 query, and index upkeep.

The index itself (`visits_fts`, an external-content FTS5 table over `visits`, with the
triggers that keep it current) is created by migration 0003; see its docstring.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

FTS_TABLE = "visits_fts"
# The triggers that keep it in step with `visits` (migration 0003).
FTS_TRIGGERS = ("visits_fts_insert", "visits_fts_update", "visits_fts_delete")
# The columns the search looks in, in the FTS table's order.
SEARCHED = ("reference", "customer_name", "site", "building", "floor", "room", "problem")
# The tables SQLite makes for the FTS5 index: not ORM tables, so schema comparisons (Alembic
# autogenerate, tests/store/test_db.py) must leave them out; see is_search_table.
# The knowledge base's index (fieldapp.store.knowledge, migration 0011) is one more.
SEARCH_TABLES = frozenset(
    f"{table}{part}"
    for table in (FTS_TABLE, "knowledge_fts")
    for part in ("", "_data", "_idx", "_docsize", "_config")
)

# Closed visits and the events that make promises, written out as literal SQL: SQLite uses a
# partial index only when the query repeats the index's WHERE terms with the same constants
# (bound parameters do not count). Migration 0003 creates the indexes with these terms, and
# 0006 recreates the visits' two with "declined" (closed as declined by the user), 0007 with
# "closed_without_repair" (resolved remotely, already fixed on arrival, no fault found).
CLOSED_STEPS = ("completed", "escalated", "declined", "closed_without_repair", "cancelled")
_CLOSED_LIST = ", ".join(f"'{step}'" for step in CLOSED_STEPS)
OPEN_VISIT_SQL = f"visits.stub = 0 AND visits.step NOT IN ({_CLOSED_LIST})"
CLOSED_VISIT_SQL = f"visits.stub = 0 AND visits.step IN ({_CLOSED_LIST})"
LISTED_VISIT_SQL = "visits.stub = 0"
# Events that can make a promise (a departure may agree a return time: cache migration 0009).
PROMISE_EVENT_TYPES = ("user_busy", "signed_off", "escalated", "promise_made", "departed")
PROMISE_EVENT_SQL = "events.type IN ({})".format(", ".join(f"'{t}'" for t in PROMISE_EVENT_TYPES))

MAX_TERMS = 16
MAX_TERM_CHARS = 64
# The prefix lengths migration 0003 gives the FTS5 table its own indexes for.
PREFIX_INDEX_MAX = 3


def is_search_table(name: str | None) -> bool:
    """True for the FTS5 table and its shadow tables (for include_name in schema compares)."""
    return name in SEARCH_TABLES


def fts_query(typed: str) -> str | None:
    """An FTS5 MATCH expression finding visits with every word typed, each as a prefix.

    Each whitespace-separated word becomes a quoted phrase with a trailing `*`, with any
    double quote doubled, so nothing typed is read as FTS5 syntax: quotes, `*`, `^`, `:`,
    parentheses, AND/OR/NOT/NEAR are all plain text. Inside a phrase the tokenizer splits a
    word the way it split the indexed text ("HP-2611" finds reference HP-2611-001, "o'neil"
    finds O'Neil); case and diacritics are folded ("zoe" finds Zoë). Words with no letter or
    digit carry no token and are dropped (an empty phrase would match nothing).

    Returns:
        The expression, or None when nothing searchable was typed (show everything).
    """
    terms: list[str] = []
    for word in typed.split():
        if not any(ch.isalnum() for ch in word):
            continue
        term = word[:MAX_TERM_CHARS].replace('"', '""')
        terms.append(f'"{term}"*')
        if len(terms) == MAX_TERMS:
            break
    return " ".join(terms) or None


def prefixes_indexed(typed: str) -> bool:
    """True if every prefix fts_query makes of `typed` has an FTS5 prefix index.

    The prefix of a word is its last token (the letters and digits after the last other
    character): "HP-0" searches "hp" then the prefix "0".
    """
    words = [word for word in typed.split() if any(ch.isalnum() for ch in word)]
    if not words:
        return False
    for word in words[:MAX_TERMS]:
        last = ""
        for ch in reversed(word[:MAX_TERM_CHARS]):
            if not ch.isalnum():
                if last:
                    break
                continue
            last = ch + last
        if len(last) > PREFIX_INDEX_MAX:
            return False
    return True


def count_matches(session: Session, expression: str, cap: int) -> int:
    """How many visits the FTS expression matches, counting no further than `cap`."""
    found = session.scalar(
        text(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"
        ),
        {"q": expression, "cap": cap},
    )
    return int(found or 0)


def rebuild_search_index(session: Session) -> None:
    """Re-index every visit from the visits table (after a migration that rebuilt it)."""
    session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))


def check_search_index(session: Session) -> None:
    """Check the index against the visits table.

    Raises:
        sqlalchemy.exc.DatabaseError: the index and the table disagree ("database disk image
            is malformed"); rebuild_search_index repairs it.
    """
    session.execute(
        text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
    )
