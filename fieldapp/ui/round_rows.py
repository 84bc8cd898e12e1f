"""The round table's columns and rows: what it shows of each visit, worked out off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from fieldapp.domain import Step
from fieldapp.domain.customer import ANOTHER_TIME, CONFIRMED_BY_USER
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.round_queries import RoundSort
from fieldapp.store.visit_rows import VisitRow
from fieldapp.ui.laptop_words import server_sentence
from fieldapp.ui.moments import clock, short_day

translate = QCoreApplication.translate

_NOT_STARTED = frozenset({Step.SCHEDULED, Step.CONFIRMED})
# How the round names each step and priority (translated where shown, context "RoundWords").
STEP_WORDS: dict[str, str] = {
    Step.SCHEDULED: QT_TRANSLATE_NOOP("RoundWords", "Scheduled"),
    Step.CONFIRMED: QT_TRANSLATE_NOOP("RoundWords", "Confirmed"),
    Step.ARRIVED: QT_TRANSLATE_NOOP("RoundWords", "Arrived"),
    Step.AWAITING_RETURN: QT_TRANSLATE_NOOP("RoundWords", "Awaiting return"),
    Step.WORKING: QT_TRANSLATE_NOOP("RoundWords", "Working"),
    Step.DIAGNOSED: QT_TRANSLATE_NOOP("RoundWords", "Diagnosed"),
    Step.CHOOSING: QT_TRANSLATE_NOOP("RoundWords", "Choosing"),
    Step.RESOLVED: QT_TRANSLATE_NOOP("RoundWords", "Resolved"),
    Step.COMPLETED: QT_TRANSLATE_NOOP("RoundWords", "Completed"),
    Step.ESCALATED: QT_TRANSLATE_NOOP("RoundWords", "Escalated"),
    Step.DECLINED: QT_TRANSLATE_NOOP("RoundWords", "Declined"),
    Step.CLOSED_WITHOUT_REPAIR: QT_TRANSLATE_NOOP("RoundWords", "Closed without repair"),
    Step.CANCELLED: QT_TRANSLATE_NOOP("RoundWords", "Cancelled"),
}
PRIORITY_WORDS: dict[str, str] = {
    "low": QT_TRANSLATE_NOOP("RoundWords", "Low"),
    "normal": QT_TRANSLATE_NOOP("RoundWords", "Normal"),
    "high": QT_TRANSLATE_NOOP("RoundWords", "High"),
    "critical": QT_TRANSLATE_NOOP("RoundWords", "Critical"),
}
# A visit due this soon (or already due) and still only scheduled is flagged "not confirmed".
CONFIRM_AHEAD = timedelta(hours=24)

# (header, tooltip of the header, how a click on it sorts: None = not sortable); the words
# are translated where shown (context "RoundColumns").
COLUMNS: tuple[tuple[str, str, RoundSort | None], ...] = (
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Window"),
        QT_TRANSLATE_NOOP("RoundColumns", "When the customer expects you"),
        RoundSort.WINDOW,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Reference"),
        QT_TRANSLATE_NOOP("RoundColumns", "The reference the customer can quote"),
        RoundSort.REFERENCE,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Customer"),
        QT_TRANSLATE_NOOP("RoundColumns", "Who asked for help"),
        RoundSort.CUSTOMER,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Location"),
        QT_TRANSLATE_NOOP("RoundColumns", "Building, floor and room or desk"),
        RoundSort.LOCATION,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Priority"),
        QT_TRANSLATE_NOOP("RoundColumns", "From impact and urgency"),
        RoundSort.PRIORITY,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Step"),
        QT_TRANSLATE_NOOP("RoundColumns", "Where the visit stands"),
        RoundSort.STEP,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Sync"),
        QT_TRANSLATE_NOOP("RoundColumns", "Events not yet accepted by the server"),
        RoundSort.SYNC,
    ),
    (
        QT_TRANSLATE_NOOP("RoundColumns", "Problem"),
        QT_TRANSLATE_NOOP("RoundColumns", "The problem in the customer's words"),
        None,
    ),
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
    # The user's answer on the confirmation page: "another_time" (waiting for dispatch) or
    # "confirmed" (fieldapp.store.derive.user_answer_of); None if they gave none.
    user_answer: str | None = None
    # Each column's text, worked out with the row (on the worker thread) so that painting
    # the table only looks them up; empty: worked out when painted.
    texts: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def sync_mark(self) -> str:
        if self.conflict:
            return translate("RoundWords", "Conflict")
        if self.rejected:
            return translate("RoundWords", "{count} rejected").format(count=self.rejected)
        if self.pending:
            return translate("RoundWords", "{count} to sync").format(count=self.pending)
        return ""


def location_text(building: str, floor: str, room: str) -> str:
    """ "North Tower · floor 3 · 3.14 desk 2", leaving out what is unknown."""
    parts = [building] if building else []
    if floor:
        parts.append(translate("RoundWords", "floor {floor}").format(floor=floor))
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
        conflict=server_sentence(visit.scope_lost_message) if visit.conflict else None,
        problem=visit.problem,
        overdue=(visit.step in _NOT_STARTED and visit.window_end < now)
        or (visit.return_at is not None and visit.return_at < now),
        return_at=visit.return_at,
        # The user's own confirmation on the page counts as confirmed.
        unconfirmed=visit.step is Step.SCHEDULED
        and visit.window_start < now + CONFIRM_AHEAD
        and visit.user_answer != CONFIRMED_BY_USER,
        assisting=bool(user) and visit.assignee is not None and visit.assignee != user,
        user_answer=visit.user_answer,
    )
    today = now.astimezone().date()
    return replace(row, texts=tuple(display_text(row, column, today) for column in COLUMN_NUMBERS))


def day_label(day: date, today: date) -> str:
    if day == today:
        return translate("RoundWords", "Today")
    if day == today + timedelta(days=1):
        return translate("RoundWords", "Tomorrow")
    if day == today - timedelta(days=1):
        return translate("RoundWords", "Yesterday")
    return short_day(day)


def window_text(row: RoundRow, today: date) -> str:
    """ "08:30\u201309:00" today; "Tomorrow 09:00\u201309:30" or "Wed 26 Nov 09:00\u201309:30"."""
    start = row.window_start.astimezone()
    end = row.window_end.astimezone()
    times = f"{clock(start)}\u2013{clock(end)}"
    day = start.date()
    if day == today:
        return times
    return translate("RoundWords", "{day} {times}").format(day=day_label(day, today), times=times)


def back_text(when: datetime, today: date) -> str:
    """ "Back at 14:00" today; "Back tomorrow at 14:00", "Back Wed 26 Nov at 14:00"."""
    back = when.astimezone()
    time = clock(back)
    if back.date() == today:
        return translate("RoundWords", "Back at {time}").format(time=time)
    if back.date() == today + timedelta(days=1):
        return translate("RoundWords", "Back tomorrow at {time}").format(time=time)
    if back.date() == today - timedelta(days=1):
        return translate("RoundWords", "Back yesterday at {time}").format(time=time)
    return translate("RoundWords", "Back {day} at {time}").format(
        day=short_day(back.date()), time=time
    )


def step_text(step: str) -> str:
    word = STEP_WORDS.get(step)
    if word is None:  # a step this version does not know: its name as the server gave it
        return step.replace("_", " ").capitalize()
    return translate("RoundWords", word)


def priority_text(priority: str) -> str:
    word = PRIORITY_WORDS.get(priority)
    return translate("RoundWords", word) if word else priority.capitalize()


def step_column(row: RoundRow, today: date) -> str:
    """Where the visit stands, as the Step column says it (before any "Assisting")."""
    if row.user_answer == ANOTHER_TIME:  # the request waits for dispatch: say it first
        return translate("RoundWords", "User asks for another time")
    if row.unconfirmed:
        return translate("RoundWords", "Not confirmed")
    if row.return_at is not None:
        return back_text(row.return_at, today)
    if row.user_answer == CONFIRMED_BY_USER and row.step in (Step.SCHEDULED, Step.CONFIRMED):
        return translate("RoundWords", "Confirmed by the user")
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
        word = priority_text(row.priority)
        return (
            translate("RoundWords", "{priority} (VIP)").format(priority=word) if row.vip else word
        )
    if column == STEP:
        step = step_column(row, today)
        return (
            translate("RoundWords", "Assisting · {step}").format(step=step)
            if row.assisting
            else step
        )
    if column == SYNC:
        return row.sync_mark
    return " ".join(row.problem.split())
