"""Random walks through the workflow: the rules' invariants hold after every event."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.domain import (
    Event,
    EventType,
    Step,
    VisitState,
    WorkflowViolation,
    apply_event,
    check_event,
    derive_state,
)
from fieldapp.domain.equipment import PART, equipment_of
from fieldapp.domain.events import (
    ATTACHMENT_KINDS,
    CONFIRM_CHANNELS,
    DECLINED_NEXT_STEPS,
    EQUIPMENT_FATES,
    NO_REPAIR_OUTCOMES,
    NOTE_CATEGORIES,
    OPENED_HOW,
    PROMISE_KINDS,
    SOURCE_CATEGORIES,
    validate_payload,
)
from fieldapp.domain.workflow import fold_unchecked
from tests.domain.factories import AFTER_CLOSE, MINIMAL, T0, WORK_EVENTS, refusal

E = EventType
KEYS = ["a", "b", "c"]  # small pools so that choices, parts and promises collide often
PARTS = ["ram", "psu", "cable"]
PROMISE_IDS = ["p1", "p2"]

# The steps a technician takes forward; walks lean on them so they get deep into a visit.
# (Escalation is left to the uniform draw: it closes the visit, so it would end most walks.)
FORWARD = [
    E.CONFIRMED,
    E.ARRIVED,
    E.PERMISSION_GRANTED,
    E.USER_BUSY,
    E.USER_ABSENT_URGENT,
    E.PERMISSION_DECLINED,
    E.USER_ABSENT_NOTE_LEFT,
    E.USER_RETURNED,
    E.DIAGNOSED,
    E.OPTIONS_OFFERED,
    E.OPTION_CHOSEN,
    E.RESOLVED,
    E.TAUGHT,
    E.ANYTHING_ELSE,
    E.PART_RETURNED,
    E.SIGNED_OFF,
]

zones = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])
words = st.sampled_from(["Kyra", "JB", "printer jams", "slow PC", "virus", "é ü"])


def when(around: datetime) -> st.SearchStrategy[str]:
    return st.builds(
        lambda minutes, zone: (around + timedelta(minutes=minutes)).astimezone(zone).isoformat(),
        st.integers(-120, 24 * 60),
        zones,
    )


def maybe(payload: dict[str, Any], name: str, value: st.SearchStrategy[Any]) -> Any:
    return st.one_of(st.just(payload), value.map(lambda v: {**payload, name: v}))


@st.composite
def payload_for(draw: st.DrawFn, kind: EventType, state: VisitState, at: datetime) -> dict:
    """A valid payload for `kind`, drawn from small pools relevant to `state`."""
    p: dict[str, Any] = dict(MINIMAL[kind])
    match kind:
        case E.CONFIRMED:
            p["channel"] = draw(st.sampled_from(CONFIRM_CHANNELS))
        case E.ARRIVED:
            p["greeting_done"] = draw(st.booleans())
            p = draw(maybe(p, "late_notice_given", st.booleans()))
        case E.USER_BUSY:
            p["return_at"] = draw(when(at))
        case E.USER_ABSENT_URGENT:
            p = draw(maybe(p, "open_files_warned", st.booleans()))
        case E.CLOSED_WITHOUT_REPAIR:
            p["outcome"] = draw(st.sampled_from(NO_REPAIR_OUTCOMES))
            p = draw(maybe(p, "admin_logged_off", st.booleans()))
            p = draw(maybe(p, "note_left_on_desk", st.booleans()))
        case E.PERMISSION_DECLINED:
            p["next_step"] = draw(st.sampled_from(DECLINED_NEXT_STEPS))
            p = draw(maybe(p, "reason", words))
        case E.DIAGNOSED:
            p["source_category"] = draw(st.sampled_from(SOURCE_CATEGORIES))
            p = draw(maybe(p, "borrowed_parts", st.lists(st.sampled_from(PARTS), max_size=3)))
        case E.OPTIONS_OFFERED:
            keys = draw(st.lists(st.sampled_from(KEYS), min_size=2, max_size=3, unique=True))
            p["options"] = [
                {"key": k, "description": f"way {k}", "minutes": draw(st.integers(0, 240))}
                for k in keys
            ]
        case E.OPTION_CHOSEN:
            p["key"] = draw(st.sampled_from(KEYS))
        case E.RESOLVED:
            p["demonstrated"] = draw(st.booleans())
            p["user_confirmed"] = draw(st.booleans())
            p = draw(maybe(p, "demonstration_impossible_reason", words))
        case E.ANYTHING_ELSE:
            p["answer"] = draw(st.booleans())
            if p["answer"]:
                p["request"] = draw(words)
                if draw(st.booleans()):
                    p.update(handled_now=True, new_visit_id="visit-2")
        case E.VISIT_OPENED:
            p["how"] = draw(st.sampled_from(OPENED_HOW))
            if p["how"] != "walk_up":
                p["opened_from"] = "visit-0"
        case E.PART_RETURNED:
            p["part"] = draw(st.sampled_from(PARTS))
        case E.SIGNED_OFF:
            for name in ("admin_logged_off", "note_left_on_desk", "parts_returned"):
                p = draw(st.just({**p, name: True}) | maybe(p, name, st.booleans()))
            p = draw(maybe(p, "satisfaction", st.integers(1, 5)))
            p = draw(maybe(p, "follow_up_call_at", when(at)))
        case E.ESCALATED:
            p["team"] = draw(words)
            p["next_update_at"] = draw(when(at))
        case E.PROMISE_MADE:
            p["promise_id"] = draw(st.sampled_from(PROMISE_IDS))
            p["kind"] = draw(st.sampled_from(PROMISE_KINDS))
            p["due_at"] = draw(when(at))
        case E.PROMISE_KEPT:
            p["promise_id"] = draw(st.sampled_from(PROMISE_IDS + sorted(state.promises)))
        case E.NOTE:
            p = draw(maybe(p, "category", st.sampled_from(NOTE_CATEGORIES)))
            if p.get("category") in ("out_of_scope", "policy"):
                p["answer_given"] = "Sorry, IT cannot do that."
        case E.ATTACHMENT_ADDED:
            p["kind"] = draw(st.sampled_from(ATTACHMENT_KINDS))
            p["sha256"] = draw(st.sampled_from(["a" * 64, "b" * 64]))
        case E.PART_BORROWED | E.PART_DISPOSED:
            p["part"] = draw(st.sampled_from(PARTS))
            if kind is E.PART_DISPOSED:
                p["fate"] = draw(st.sampled_from(EQUIPMENT_FATES))
        case E.LOAN_MADE:
            p["due_at"] = draw(when(at))
        case E.LOAN_RETURNED | E.LOAN_DISPOSED:
            p["loan_id"] = draw(st.sampled_from(["no-such-loan", *sorted(state.loans)]))
            if kind is E.LOAN_DISPOSED:
                p["fate"] = draw(st.sampled_from(EQUIPMENT_FATES))
        case _:
            pass
    return validate_payload(kind, p)


def _probe(kind: EventType, state: VisitState) -> dict[str, Any]:
    payload = dict(MINIMAL[kind])
    if kind is E.SIGNED_OFF:
        payload.update(admin_logged_off=True, note_left_on_desk=True, parts_returned=True)
    if kind is E.OPTION_CHOSEN and state.options:
        payload["key"] = next(iter(state.options))
    if kind in (E.PART_RETURNED, E.PART_DISPOSED) and state.borrowed_parts:
        payload["part"] = state.borrowed_parts[0]
    if kind in (E.LOAN_RETURNED, E.LOAN_DISPOSED) and state.loans:
        payload["loan_id"] = next(iter(state.loans))
    return payload


def plausible_next(state: VisitState) -> list[EventType]:
    """Forward steps the rules would take now (used only to steer walks deeper)."""
    steps = []
    for kind in FORWARD:
        try:
            check_event(state, Event("probe", "v", kind, T0, _probe(kind, state)))
        except WorkflowViolation:
            continue
        steps.append(kind)
    return steps


def event_types(state: VisitState) -> st.SearchStrategy[EventType]:
    """Any type a quarter of the time (mostly refused), else a plausible forward step."""
    anything = st.sampled_from(list(EventType))
    forward = plausible_next(state)
    if not forward:
        return anything
    furthest = st.sampled_from(forward[-2:])  # pushes on towards sign-off
    return st.one_of(anything, st.sampled_from(forward), st.sampled_from(forward), furthest)


def assert_invariants(before: VisitState, event: Event, after: VisitState) -> None:
    """What must hold when `event` was accepted in `before`, giving `after`."""
    kind, payload = event.type, event.payload
    assert not before.cancelled
    if kind in WORK_EVENTS:
        assert before.work_allowed, f"{kind} accepted without permission"
    if kind in (
        E.PERMISSION_GRANTED,
        E.USER_BUSY,
        E.USER_ABSENT_URGENT,
        E.PERMISSION_DECLINED,
        E.USER_ABSENT_NOTE_LEFT,
    ):
        assert before.on_site
        assert before.permission is None
    if kind in (E.PERMISSION_DECLINED, E.USER_ABSENT_NOTE_LEFT):
        # a refusal or an empty desk never lets work start, and promises nothing
        assert not after.work_allowed
        assert after.promises == before.promises
        assert after.declined == (payload.get("next_step") == "close")
        assert after.on_site == (payload.get("next_step") == "escalate")
    if kind is E.USER_RETURNED:
        assert before.on_site
        assert before.user_absent
        assert not after.user_absent
        assert after.work_allowed == before.work_allowed
    if kind is E.CLOSED_WITHOUT_REPAIR:
        # no fake steps, and never a look at the machine without a permission allowing work
        outcome = payload["outcome"]
        assert before.on_site == (outcome != "resolved_remotely")
        if outcome == "no_fault_found":
            assert before.work_allowed
        assert not after.cancelled
        if outcome != "resolved_remotely" and before.user_absent:
            assert payload.get("admin_logged_off")
            assert payload.get("note_left_on_desk")
        assert after.closed
        assert after.no_repair == outcome
        assert (after.signed_off, after.escalated, after.declined) == (False, False, False)
        assert after.promises == before.promises
    if kind is E.ARRIVED or kind is E.CONFIRMED:
        assert not before.on_site
    if kind is E.RESOLVED:
        assert before.diagnosed
        assert not before.options or before.chosen_option is not None
    if kind is E.OPTION_CHOSEN:
        assert payload["key"] in before.options
    if kind in (E.TAUGHT, E.TEACHING_DECLINED):
        assert before.resolved
        assert before.taught is None
    if kind is E.SIGNED_OFF:
        assert before.resolved
        assert before.demonstrated or before.demonstration_impossible_reason
        if before.user_absent:
            assert payload.get("admin_logged_off")
            assert payload.get("note_left_on_desk")
        if before.borrowed_parts:
            assert payload.get("parts_returned")
        assert after.borrowed_parts == []
    if kind is E.VISIT_OPENED:
        assert before.event_count == 0  # a visit is opened by its first event only
        assert after.opened_how == payload["how"]
    if kind is E.REOPENED:
        # only a signed-off visit, once; it stays completed, linked to its return visit
        assert before.signed_off
        assert before.reopened_as is None
        assert after.reopened_as == payload["return_visit_id"]
        assert after.step is Step.COMPLETED
    elif before.closed:
        assert kind in AFTER_CLOSE, f"{kind} accepted on a closed visit"
    if kind is E.PROMISE_KEPT:
        promise = before.promises[payload["promise_id"]]
        assert promise.kept_at is None
        assert after.promises[promise.id].kept_at == event.occurred_at
    # what each event does to the record
    if kind is E.DIAGNOSED:
        new_parts = list(dict.fromkeys(payload.get("borrowed_parts", ())))
        assert after.borrowed_parts == before.borrowed_parts + [
            p for p in new_parts if p not in before.borrowed_parts
        ]
        assert after.source_category == payload["source_category"]
    elif kind in (E.PART_RETURNED, E.PART_DISPOSED):
        assert payload["part"] in before.borrowed_parts
        assert after.borrowed_parts == [p for p in before.borrowed_parts if p != payload["part"]]
    elif kind is E.PART_BORROWED:
        assert payload["part"] not in before.borrowed_parts
        assert after.borrowed_parts == [*before.borrowed_parts, payload["part"]]
    elif kind is not E.SIGNED_OFF:
        assert after.borrowed_parts == before.borrowed_parts
    if kind is E.OPTIONS_OFFERED:
        assert after.options == {o["key"]: o["minutes"] for o in payload["options"]}
        assert after.chosen_option is None
    if kind is E.RESOLVED:
        assert after.resolved
        assert after.demonstrated == (payload["demonstrated"] and payload["user_confirmed"])
    if kind in (E.USER_BUSY, E.ESCALATED) or (
        kind is E.SIGNED_OFF and "follow_up_call_at" in payload
    ):
        made = after.promises[event.id]
        due = payload.get("return_at") or payload.get("next_update_at")
        assert made.due_at == datetime.fromisoformat(due or payload["follow_up_call_at"])
        assert made.kept_at is None
    if kind is E.ARRIVED:
        for promise in after.promises.values():
            if promise.kind == "return_visit":
                assert promise.kept_at is not None
    if kind is E.ATTACHMENT_ADDED:
        assert after.attachments == [*before.attachments, payload["sha256"]]
    # a loan's due date is a promise, kept only when the loan comes back or is settled
    if kind is E.LOAN_MADE:
        assert after.loans == {**before.loans, event.id: payload["item"]}
        assert after.promises[event.id].kind == "loan_return"
        assert after.promises[event.id].kept_at is None
    elif kind in (E.LOAN_RETURNED, E.LOAN_DISPOSED):
        assert payload["loan_id"] in before.loans
        assert payload["loan_id"] not in after.loans
        assert after.promises[payload["loan_id"]].kept_at == event.occurred_at
    else:
        assert after.loans == before.loans
    if kind is E.PROMISE_KEPT:
        assert payload["promise_id"] not in before.loans
    # promises are never lost nor un-kept
    assert set(before.promises) <= set(after.promises)
    for pid, promise in before.promises.items():
        if promise.kept_at is not None:
            assert after.promises[pid].kept_at == promise.kept_at
    assert after.event_count == before.event_count + 1
    assert after.last_event_at == event.occurred_at


def assert_state_is_sane(state: VisitState) -> None:
    assert isinstance(state.step, Step)
    assert state.work_allowed == (
        state.on_site and state.permission in (E.PERMISSION_GRANTED, E.USER_ABSENT_URGENT)
    )
    if state.closed:
        assert not state.on_site
        assert not state.work_allowed
    assert state.step is not Step.CANCELLED
    dues = [p.due_at for p in state.open_promises]
    assert dues == sorted(dues)
    assert all(p.kept_at is None for p in state.open_promises)
    assert len(set(state.borrowed_parts)) == len(state.borrowed_parts)
    if state.chosen_option is not None:
        assert state.chosen_option in state.options


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_walks_respect_the_rules(data: st.DataObject) -> None:
    state = VisitState()
    accepted: list[Event] = []
    states = [state]
    at = T0
    closed_at: int | None = None
    for i in range(data.draw(st.integers(1, 45), label="length")):
        at += timedelta(minutes=data.draw(st.integers(0, 90), label="gap"))
        kind = data.draw(event_types(state), label="type")
        payload = data.draw(payload_for(kind, state, at), label="payload")
        event = Event(f"e{i}", "visit-1", kind, at, payload, "jb")
        snapshot = copy.deepcopy(state)
        checked = refusal(state, event, check_only=True)
        if checked is not None:
            assert checked.code
            assert checked.message.endswith(".")
            applied = refusal(state, event)
            assert applied is not None, "apply_event accepted what check_event refused"
            assert applied.code == checked.code
            assert state == snapshot
            continue
        after = apply_event(state, event)
        assert state == snapshot, "apply_event mutated its input"
        assert_invariants(state, event, after)
        assert_state_is_sane(after)
        if after.closed and closed_at is None:
            closed_at = len(accepted)
        accepted.append(event)
        states.append(after)
        state = after

    assert derive_state(accepted) == state
    # the list of what is still out agrees with the rules' own view of the visit
    out = equipment_of(accepted).out
    assert [i.key for i in out if i.kind == PART] == state.borrowed_parts
    assert {i.key: i.item for i in out if i.kind != PART} == state.loans
    hypothesis.event("final step", state.step.value)
    hypothesis.event("signed off absent", str(state.signed_off and state.user_absent))
    hypothesis.event("declined", str(state.declined))
    hypothesis.event("accepted", str(len(accepted) // 10 * 10))
    for n in range(0, len(accepted), 5):
        assert derive_state(accepted[:n]) == states[n]
    if closed_at is not None:
        assert all(e.type in AFTER_CLOSE | {E.REOPENED} for e in accepted[closed_at + 1 :])
    if state.step is Step.COMPLETED:
        assert state.signed_off
        assert state.resolved

    cancelled = derive_state(accepted, cancelled=True)
    assert cancelled.step is Step.CANCELLED
    for kind in EventType:
        probe = Event("x", "visit-1", kind, at, _probe(kind, cancelled), "jb")
        violation = refusal(cancelled, probe)
        assert violation is not None, f"{kind} accepted on a cancelled visit"
        assert violation.code == "visit_cancelled"


@settings(max_examples=150, deadline=None)
@given(
    return_in=st.integers(0, 24 * 60),
    arrive_in=st.integers(1, 48 * 60),
    zone=zones,
)
def test_return_promise_kept_on_time_iff_arrival_not_after_return_time(
    return_in: int, arrive_in: int, zone: timezone
) -> None:
    state = VisitState()
    busy_at = T0 + timedelta(minutes=5)
    return_at = (busy_at + timedelta(minutes=return_in)).astimezone(zone)
    for i, (kind, payload, at) in enumerate(
        [
            (E.ARRIVED, MINIMAL[E.ARRIVED], T0),
            (E.USER_BUSY, {"return_at": return_at.isoformat(), "agreed_with": "K"}, busy_at),
            (E.ARRIVED, MINIMAL[E.ARRIVED], busy_at + timedelta(minutes=arrive_in)),
        ]
    ):
        state = apply_event(state, Event(f"e{i}", "v", kind, at, payload))
    promise = state.promises["e1"]
    assert promise.kind == "return_visit"
    assert promise.kept_at == busy_at + timedelta(minutes=arrive_in)
    assert promise.kept_on_time is (arrive_in <= return_in)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_history_folded_at_once_is_the_history_folded_event_by_event(
    data: st.DataObject,
) -> None:
    """derive_state folds a whole history in one loop (an initial sync derives thousands);
    whatever the events, the rules unchecked (a stored history is never refused), it is the
    state one event at a time gives, at every point of the history, notes among them."""
    one_by_one = VisitState()
    history: list[Event] = []
    at = T0
    for i in range(data.draw(st.integers(0, 30), label="length")):
        at += timedelta(minutes=data.draw(st.integers(0, 90), label="gap"))
        kinds = st.one_of(event_types(one_by_one), st.just(E.NOTE))
        kind = data.draw(kinds, label="type")
        payload = data.draw(payload_for(kind, one_by_one, at), label="payload")
        author = data.draw(st.sampled_from(["jb", "kyra"]), label="author")
        event = Event(f"e{i}", "visit-1", kind, at, payload, author)
        fold_unchecked(one_by_one, event)
        history.append(event)
        assert derive_state(history) == one_by_one
    cancelled = data.draw(st.booleans(), label="cancelled")
    one_by_one.cancelled = cancelled
    assert derive_state(iter(history), cancelled=cancelled) == one_by_one
