"""The round table's columns and rows: what it shows of each visit, worked out off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from fieldapp.domain import Step
from fieldapp.store.round_queries import RoundSort
from fieldapp.store.visit_rows import VisitRow

_NOT_STARTED = frozenset({Step.SCHEDULED, Step.CONFIRMED})
# A visit due this soon (or already due) and still only scheduled is flagged "not confirmed".
CONFIRM_AHEAD = timedelta(hours=24)

# (header, tooltip of the header, how a click on it sorts: None = not sortable)
COLUMNS: tuple[tuple[str, str, RoundSort | None], ...] = (
    ("Window", "When the customer expects you", RoundSort.WINDOW),
    ("Reference", "The reference the customer can quote", RoundSort.REFERENCE),
    ("Customer", "Who asked for help", RoundSort.CUSTOMER),
    ("Location", "Building, floor and room or desk", RoundSort.LOCATION),
    ("Priority", "From impact and urgency", RoundSort.PRIORITY),
    ("Step", "Where the visit stands", RoundSort.STEP),
    ("Sync", "Events not yet accepted by the server", RoundSort.SYNC),
    ("Problem", "The problem in the customer's words", None),
)
COLUMN_NUMBERS = range(len(COLUMNS))
WINDOW, REFERENCE, CUSTOMER, LOCATION, PRIORITY, STEP, SYNC, PROBLEM = COLUMN_NUMBERS


@dataclass(frozen=True, slots=True)
class RoundRow:
    """What the round table shows of one visit."""

    visit_id: str
    window_start: datetime
    window_end: datetime
    reference: str
    customer: str
    location: str
    priority: str
    step: str
    pending: int
    rejected: int
    conflict: str | None = None
    problem: str = ""
    # Not arrived yet (scheduled or confirmed) and the window has ended; or the user was busy
    # and the time agreed to come back has passed.
    overdue: bool = False
    return_at: datetime | None = None  # the user was busy: when the technician comes back
    unconfirmed: bool = False  # due within CONFIRM_AHEAD and not confirmed yet
    vip: bool = False  # shown as "Critical (VIP)": the override is visible in the round too
    # Another technician holds the visit and this one assists: "Assisting" in the Step column.
    assisting: bool = False
    # Each column's text, worked out with the row (on the worker thread) so that painting
    # the table only looks them up; empty: worked out when painted.
    texts: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def sync_mark(self) -> str:
        if self.conflict:
            return "Conflict"
        if self.rejected:
            return f"{self.rejected} rejected"
        if self.pending:
            return f"{self.pending} to sync"
        return ""


def location_text(building: str, floor: str, room: str) -> str:
    """ "North Tower · floor 3 · 3.14 desk 2", leaving out what is unknown."""
    parts = [building] if building else []
    if floor:
        parts.append(f"floor {floor}")
    if room:
        parts.append(room)
    return " \u00b7 ".join(parts)


def round_row(visit: VisitRow, now: datetime, user: str = "") -> RoundRow:
    """The table row of a visit as of `now` for the technician `user`, with its texts."""
    row = RoundRow(
        visit_id=visit.id,
        window_start=visit.window_start,
        window_end=visit.window_end,
        reference=visit.reference,
        customer=visit.customer_name,
        location=location_text(visit.building, visit.floor, visit.room),
        priority=visit.priority,
        vip=visit.vip,
        step=str(visit.step),
        pending=visit.pending_count,
        rejected=visit.rejected_count,
        conflict=(visit.scope_lost_message or visit.scope_lost_reason) if visit.conflict else None,
        problem=visit.problem,
        overdue=(visit.step in _NOT_STARTED and visit.window_end < now)
        or (visit.return_at is not None and visit.return_at < now),
        return_at=visit.return_at,
        unconfirmed=visit.step is Step.SCHEDULED and visit.window_start < now + CONFIRM_AHEAD,
        assisting=bool(user) and visit.assignee is not None and visit.assignee != user,
    )
    today = now.astimezone().date()
    return replace(row, texts=tuple(display_text(row, column, today) for column in COLUMN_NUMBERS))


def day_label(day: date, today: date) -> str:
    if day == today:
        return "Today"
    if day == today + timedelta(days=1):
        return "Tomorrow"
    if day == today - timedelta(days=1):
        return "Yesterday"
    return f"{day:%a %d %b}"


def window_text(row: RoundRow, today: date) -> str:
    """ "08:30\u201309:00" today; "Tomorrow 09:00\u201309:30" or "Wed 26 Nov 09:00\u201309:30"."""
    start = row.window_start.astimezone()
    end = row.window_end.astimezone()
    times = f"{start:%H:%M}\u2013{end:%H:%M}"
    day = start.date()
    return times if day == today else f"{day_label(day, today)} {times}"


def back_text(when: datetime, today: date) -> str:
    """ "Back at 14:00" today; "Back tomorrow at 14:00", "Back Wed 26 Nov at 14:00"."""
    back = when.astimezone()
    if back.date() == today:
        return f"Back at {back:%H:%M}"
    label = day_label(back.date(), today)
    day = label.lower() if label in ("Tomorrow", "Yesterday") else label
    return f"Back {day} at {back:%H:%M}"


def step_text(step: str) -> str:
    return step.replace("_", " ").capitalize()


def step_column(row: RoundRow, today: date) -> str:
    """Where the visit stands, as the Step column says it (before any "Assisting")."""
    if row.unconfirmed:
        return "Not confirmed"
    if row.return_at is not None:
        return back_text(row.return_at, today)
    return step_text(row.step)


def display_text(row: RoundRow, column: int, today: date) -> str:
    """What the table shows of `row` in `column`."""
    if column == WINDOW:
        return window_text(row, today)
    if column == REFERENCE:
        return row.reference
    if column == CUSTOMER:
        return row.customer
    if column == LOCATION:
        return row.location
    if column == PRIORITY:
        return row.priority.capitalize() + (" (VIP)" if row.vip else "")
    if column == STEP:
        return (
            f"Assisting \u00b7 {step_column(row, today)}"
            if row.assisting
            else step_column(row, today)
        )
    if column == SYNC:
        return row.sync_mark
    return " ".join(row.problem.split())
