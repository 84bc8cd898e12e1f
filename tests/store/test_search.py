"""Visit search: FTS5 kept in step with every write to visits; whatever is typed is safe."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete, text
from sqlalchemy.exc import DatabaseError

from fieldapp.domain import EventType
from fieldapp.protocol import ChangesPage, Priority
from fieldapp.store import Store, apply_changes_page, clear_for_refetch, open_store
from fieldapp.store.db import MIGRATIONS_DIR, create_cache_engine
from fieldapp.store.models import EventRow, OutboxRow, Visit
from fieldapp.store.recording import discard_rejected_event, record_event
from fieldapp.store.round_queries import list_visits
from fieldapp.store.search import (
    check_search_index,
    fts_query,
    is_search_table,
    prefixes_indexed,
    rebuild_search_index,
)
from tests.domain.factories import MINIMAL
from tests.store.factories import T0, TECH, PageBuilder, feed_event, server_visit

STORE_DIR = Path(__file__).resolve().parents[2] / "fieldapp" / "store"


def _apply(store: Store, page: ChangesPage) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(session, page)


def found(store: Store, typed: str) -> list[str]:
    with store.read_session() as session:
        return sorted(v.id for v in list_visits(session, search=typed))


def assert_index_sound(store: Store) -> None:
    with store.session() as session, session.begin():
        check_search_index(session)


@pytest.fixture
def builder() -> PageBuilder:
    return PageBuilder()


# --- what is typed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("", None),
        ("   ", None),
        ("pri", '"pri"*'),
        ("Priya  Nat", '"Priya"* "Nat"*'),
        ('say "hi', '"say"* """hi"*'),
        ("NEAR(a b)", '"NEAR(a"* "b)"*'),
        ("a* OR b", '"a*"* "OR"* "b"*'),
        ("* ^ - ' \"", None),
        ("\U0001f525 zoë", '"zoë"*'),
    ],
)
def test_typed_words_become_quoted_prefix_phrases(typed: str, expression: str | None) -> None:
    assert fts_query(typed) == expression


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [("p", True), ("pri", True), ("priy", False), ("HP-0", True), ("HP-0042", False),
     ("no t", True), ("north t", False), ("a*", True), ("*", False)],
)  # fmt: skip
def test_prefixes_within_the_prefix_index_are_recognised(typed: str, indexed: bool) -> None:
    assert prefixes_indexed(typed) is indexed


def test_very_long_input_is_cut_to_a_bounded_query() -> None:
    expression = fts_query(" ".join(["word" * 40] * 100))
    assert expression is not None
    assert expression.count('"*') == 16
    assert max(len(term) for term in expression.split()) <= 64 + 3


def test_search_finds_prefixes_in_every_searched_column(store: Store, builder: PageBuilder) -> None:
    builder.visit(
        server_visit(
            "v-ada",
            reference="HP-2611-001",
            customer_name="Ada Park",
            site="Harbour Point",
            building="North Tower",
            floor="3",
            room="3.14 desk 2",
            problem="The printer prints blank pages.",
        )
    )
    builder.visit(
        server_visit(
            "v-zoe",
            reference="HP-2611-002",
            customer_name="Zoë O'Neil-Müller",
            building="Annex",
            floor="G",
            room="G.02 workshop",
            problem="Barcode scanner not recognised.",
        )
    )
    _apply(store, builder.page())
    assert found(store, "hp-2611") == ["v-ada", "v-zoe"]
    assert found(store, "HP-2611-00") == ["v-ada", "v-zoe"]
    assert found(store, "hp-2611-001") == ["v-ada"]
    assert found(store, "ada") == ["v-ada"]
    assert found(store, "PARK ada") == ["v-ada"]
    assert found(store, "harb") == ["v-ada"]  # site
    assert found(store, "north tow") == ["v-ada"]  # building
    assert found(store, "workshop") == ["v-zoe"]  # room
    assert found(store, "print blank") == ["v-ada"]  # problem
    assert found(store, "zoe muller") == ["v-zoe"]  # diacritics folded
    assert found(store, "ZOË") == ["v-zoe"]
    assert found(store, "o'neil") == ["v-zoe"]
    assert found(store, "ada zoe") == []  # every word must match


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        '"ada',
        "ada\"'",
        "*",
        "ada*",
        "**ada",
        "NEAR",
        "NEAR(ada park)",
        "ada NEAR park",
        "ada OR zoe",
        "NOT ada",
        "AND",
        "-ada",
        "^ada",
        "customer_name:ada",
        "{customer_name}: ada",
        "(ada",
        "ada)",
        "a'b",
        "\\",
        "%",
        "_",
        ";DROP TABLE visits;--",
        "\x00",
        "\u200b",
        "\U0001f525",
        "データ",
        "ДОМ",
    ],
)
def test_awkward_input_never_breaks_the_query(
    store: Store, builder: PageBuilder, typed: str
) -> None:
    builder.visit(server_visit("v-ada", customer_name="Ada Park", problem="NEAR the window"))
    _apply(store, builder.page())
    result = found(store, typed)  # no exception is the point
    assert result in ([], ["v-ada"])
    assert found(store, "ada") == ["v-ada"]  # and nothing was harmed


def test_operator_words_are_plain_text(store: Store, builder: PageBuilder) -> None:
    builder.visit(server_visit("v-near", customer_name="Near Field Ltd", problem="Or else"))
    builder.visit(server_visit("v-other", customer_name="Far Away"))
    _apply(store, builder.page())
    assert found(store, "NEAR") == ["v-near"]
    assert found(store, "near or") == ["v-near"]
    assert found(store, "far OR near") == []  # OR is a word here, and no visit has all three


# --- the index follows every write -------------------------------------------------------------


def test_upserts_reindex_changed_text_and_leave_the_rest(
    store: Store, builder: PageBuilder
) -> None:
    visit = server_visit("v-1", customer_name="Ada Park")
    _apply(store, builder.visit(visit).visit(server_visit("v-2", customer_name="Ben Ode")).page())
    assert found(store, "ada") == ["v-1"]
    # ON CONFLICT DO UPDATE with new text: the old words go, the new ones come.
    renamed = visit.model_copy(update={"customer_name": "Adele Stone", "room": "Lab 7"})
    _apply(store, builder.visit(renamed).page())
    assert found(store, "park") == []
    assert found(store, "adele stone") == ["v-1"]
    assert found(store, "lab") == ["v-1"]
    # The same page again (ON CONFLICT DO UPDATE, nothing changed): still found once.
    _apply(store, builder.visit(renamed).page())
    _apply(store, builder.visit(renamed.model_copy(update={"priority": Priority.HIGH})).page())
    assert found(store, "adele") == ["v-1"]
    assert_index_sound(store)


def test_derived_column_updates_do_not_touch_the_index(store: Store, builder: PageBuilder) -> None:
    _apply(store, builder.visit(server_visit("v-1", customer_name="Ada Park")).page())
    with store.session() as session, session.begin():
        record_event(
            session, "v-1", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=T0
        )
    _apply(store, builder.event(feed_event("v-1", EventType.CONFIRMED, 5)).page())
    assert found(store, "ada") == ["v-1"]
    assert_index_sound(store)


def test_tombstones_refetch_and_account_switch_remove_from_the_index(
    store: Store, builder: PageBuilder
) -> None:
    for number in range(4):
        builder.visit(server_visit(f"v-{number}", customer_name=f"Name{number} Common"))
    _apply(store, builder.page())
    assert len(found(store, "common")) == 4
    _apply(store, builder.tombstone("v-0", "reassigned", "Given to JB.").page())
    assert found(store, "name0") == []
    with store.session() as session, session.begin():
        clear_for_refetch(session)
    assert found(store, "common") == []
    assert_index_sound(store)
    _apply(store, builder.visit(server_visit("v-9", customer_name="Back Again")).page())
    with store.session() as session, session.begin():  # as log_in does on an account switch
        for model in (OutboxRow, EventRow, Visit):
            session.execute(delete(model))
    assert found(store, "back") == []
    assert_index_sound(store)


def test_a_stub_is_indexed_once_its_visit_arrives(store: Store, builder: PageBuilder) -> None:
    # The feed can deliver a visit's events before the visit: a blank stub stands in.
    _apply(store, builder.event(feed_event("v-late", EventType.CONFIRMED, 1)).page())
    assert found(store, "late") == []
    _apply(store, builder.visit(server_visit("v-late", customer_name="Late Comer")).page())
    assert found(store, "late comer") == ["v-late"]
    assert_index_sound(store)


def test_a_conflict_visit_leaves_the_index_when_its_last_rejected_event_goes(
    store: Store, builder: PageBuilder
) -> None:
    _apply(store, builder.visit(server_visit("v-1", customer_name="Ada Park")).page())
    with store.session() as session, session.begin():
        event = record_event(
            session, "v-1", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=T0
        )
        session.execute(
            text(
                "UPDATE events SET sync_state = 'rejected', reject_code = 'visit_cancelled' "
                "WHERE id = :id"
            ),
            {"id": event.id},
        )
        session.execute(delete(OutboxRow))
    _apply(store, builder.tombstone("v-1", "cancelled", "Cancelled.").page())
    assert found(store, "ada") == ["v-1"]  # kept as a conflict
    with store.session() as session, session.begin():
        assert discard_rejected_event(session, event.id)
    assert found(store, "ada") == []
    assert_index_sound(store)


def test_a_cache_from_before_the_index_is_indexed_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with open_store(path) as current:
        _apply(current, PageBuilder().visit(server_visit("v-1", customer_name="Ada Park")).page())
    engine = create_cache_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:  # back to the schema of the release before the index
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    engine.dispose()
    with open_store(path) as store:  # upgrades to head: the index is built from the rows
        assert found(store, "ada") == ["v-1"]
        assert_index_sound(store)


def test_rebuild_repairs_an_index_that_fell_behind(store: Store, builder: PageBuilder) -> None:
    _apply(store, builder.visit(server_visit("v-1", customer_name="Ada Park")).page())
    with store.session() as session, session.begin():
        # What a table rebuild (a batch migration) without re-indexing would leave behind.
        session.execute(text("DROP TRIGGER visits_fts_update"))
        session.execute(text("UPDATE visits SET customer_name = 'Bea Lund'"))
    with store.session() as session, session.begin(), pytest.raises(DatabaseError):
        check_search_index(session)
    with store.session() as session, session.begin():
        rebuild_search_index(session)
    assert found(store, "bea") == ["v-1"]
    assert found(store, "ada") == []
    assert_index_sound(store)


def test_no_store_code_writes_visits_with_replace() -> None:
    # REPLACE deletes rows without running the DELETE trigger (see migration 0003).
    pattern = re.compile(r"OR\s+REPLACE|prefix_with\(\s*[\"']OR REPLACE", re.IGNORECASE)
    offenders = [path.name for path in STORE_DIR.rglob("*.py") if pattern.search(path.read_text())]
    assert offenders == ["0003_visit_search.py"]  # its docstring warns against it


def test_fts_tables_are_recognised_for_schema_comparisons(store: Store) -> None:
    with store.read_session() as session:
        names = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type='table'")))
    assert {name for name in names if name.startswith(("visits_fts", "knowledge_fts"))} == {
        name for name in names if is_search_table(name)
    }
    assert not is_search_table("visits")
    assert not is_search_table("knowledge")


def test_search_stays_fast_enough_to_type_on_many_visits(store: Store) -> None:
    builder = PageBuilder()
    start = datetime(2030, 1, 1, tzinfo=UTC)
    for number in range(3000):
        builder.visit(
            server_visit(
                f"v-{number}",
                reference=f"HP-{number:05d}",
                customer_name=f"Customer {number % 97} Natarajan",
                window_start=start + timedelta(minutes=number),
                window_end=start + timedelta(minutes=number + 30),
            )
        )
    _apply(store, builder.page())
    assert found(store, "hp-00042") == ["v-42"]
    assert len(found(store, "nat")) == 3000
