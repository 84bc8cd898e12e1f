"""The server's derived tables, rewritten from a visit's events on each push (facts.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.server.models import SHORT, Base, UTCDateTime


class VisitFacts(Base):
    """What the supervisors' metrics need of a visit, derived from its events on each push.

    Rewritten in the transaction that accepts an event, so metrics are SQL aggregates over
    one row per visit. Times are the laptop's (occurred_at), as the events have them.
    """

    __tablename__ = "visit_facts"
    __table_args__ = (Index("ix_visit_facts_completed_at", "completed_at"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(32))
    confirmed_in_advance: Mapped[bool] = mapped_column(Boolean)
    arrivals: Mapped[int] = mapped_column(Integer)
    permission_recorded: Mapped[bool] = mapped_column(Boolean)
    demonstrated: Mapped[bool] = mapped_column(Boolean)
    demonstration_impossible: Mapped[bool] = mapped_column(Boolean)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The UTC day of completed_at. Queries count days in the caller's zone from completed_at;
    # kept because migration 0002 fills these tables through the current models.
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    first_visit_resolution: Mapped[bool] = mapped_column(Boolean)
    # The desk situations with their own outcome (migration 0006): the user refused the
    # technician their machine at least once / the visit closed on that refusal; the user was
    # absent, the work could wait and a note was left; the absent user came back mid-work.
    declined_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_declined: Mapped[bool] = mapped_column(Boolean, default=False)
    absent_note_left: Mapped[bool] = mapped_column(Boolean, default=False)
    absent_user_returned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Closed with no repair at the desk (migration 0007): the outcome
    # (fieldapp.domain.events.NO_REPAIR_OUTCOMES), None for any other visit.
    no_repair_outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    # What the care audit found recorded but never measured (migration 0008): arrivals with
    # the greeting done; late arrivals (the laptop asks whether the user was told only when
    # it is late) and those where the user was told; the latest diagnosis's source category;
    # teaching given or declined; notes recording an out-of-scope request.
    arrivals_greeted: Mapped[int] = mapped_column(Integer, default=0)
    late_arrivals: Mapped[int] = mapped_column(Integer, default=0)
    late_arrivals_told: Mapped[int] = mapped_column(Integer, default=0)
    source_category: Mapped[str | None] = mapped_column(String(32), default=None)
    taught: Mapped[bool] = mapped_column(Boolean, default=False)
    teaching_declined: Mapped[bool] = mapped_column(Boolean, default=False)
    out_of_scope_requests: Mapped[int] = mapped_column(Integer, default=0)
    # Time on task (migration 0009, fieldapp.domain.time_on_task): trips to the desk, the
    # time someone was there over all of them, and a sign-off on a trip after the first
    # (which is no first-visit resolution).
    trips: Mapped[int] = mapped_column(Integer, default=0)
    on_site_seconds: Mapped[int] = mapped_column(Integer, default=0)
    finished_later_trip: Mapped[bool] = mapped_column(Boolean, default=False)
    # Opened by a technician (migration 0009): how (walk_up, anything_else, reopened; None
    # for a dispatched visit); and whether this signed-off visit was reopened (its fix failed).
    opened_how: Mapped[str | None] = mapped_column(String(16), default=None)
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    # The intake questions (migration 0013), of the latest diagnosis: how long the problem
    # has been happening was asked; the user showed the problem. Then how many times the
    # technician added to what the user already tried.
    asked_how_long: Mapped[bool] = mapped_column(Boolean, default=False)
    user_showed_problem: Mapped[bool] = mapped_column(Boolean, default=False)
    already_tried_added: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)
    event_count: Mapped[int] = mapped_column(Integer)
    last_event_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_event_received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class VisitTrip(Base):
    """One technician's stay at the desk on one trip of a visit (migration 0009).

    Derived from the events like visit_facts and rewritten with it: a trip runs from the
    first arrival to the last one there leaving (a departure, a permission outcome that
    sends them away, the close); a stay still going is counted to the visit's last event.
    """

    __tablename__ = "visit_trips"
    __table_args__ = (
        Index("ix_visit_trips_visit_id", "visit_id", "trip"),
        Index("ix_visit_trips_technician_id", "technician_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    trip: Mapped[int] = mapped_column(Integer)  # 1 for the first trip
    author: Mapped[str] = mapped_column(String(64))
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    ended_by: Mapped[str | None] = mapped_column(String(32), default=None)  # an event type
    reason: Mapped[str | None] = mapped_column(String(32), default=None)  # a departure's
    seconds: Mapped[int] = mapped_column(Integer)


class PromiseRecord(Base):
    """A promise made on a visit (domain.Promise), with who made it and whether it was kept."""

    __tablename__ = "promises"
    __table_args__ = (
        Index("ix_promises_visit_id_promise_key", "visit_id", "promise_key", unique=True),
        Index("ix_promises_due_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    promise_key: Mapped[str] = mapped_column(String(64))
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    made_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_on: Mapped[date] = mapped_column(Date)  # UTC day of due_at (see completed_on)
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    kept_on_time: Mapped[bool] = mapped_column(Boolean)


class VisitWork(Base):
    """Each author's share of a visit, derived from its events like visit_facts (rewritten
    with them): how many events each technician recorded on it."""

    __tablename__ = "visit_work"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    events: Mapped[int] = mapped_column(Integer)


class EquipmentItem(Base):
    """A part borrowed or an item lent on a visit (fieldapp.domain.equipment), out or settled.

    Derived from the visit's events and rewritten with its visit_facts row (migration 0009),
    so the supervisors' list of what is still out and the counts are SQL. `fate` is None
    while the item is out, else "returned" or what became of it (broken, kept_by_user,
    written_off) with who agreed; `item_key` is the part's name or the loan's id.
    """

    __tablename__ = "equipment_items"
    __table_args__ = (
        CheckConstraint("kind IN ('part', 'loan')", name="kind"),
        Index("ix_equipment_items_visit_id", "visit_id"),
        Index("ix_equipment_items_fate_since", "fate", "since"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"))
    kind: Mapped[str] = mapped_column(String(8))
    item_key: Mapped[str] = mapped_column(String(SHORT))
    item: Mapped[str] = mapped_column(String(SHORT))
    whose: Mapped[str] = mapped_column(String(SHORT), default="")
    holder: Mapped[str] = mapped_column(String(SHORT), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    fate: Mapped[str | None] = mapped_column(String(16), default=None)
    agreed_with: Mapped[str] = mapped_column(String(SHORT), default="")
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
