"""The supervisors' care metrics: per-team and per-technician counts and rates, daily points."""

from __future__ import annotations

from datetime import date

from fieldapp.protocol.common import Answer


class CareMetrics(Answer):
    """Counts and rates over a date range; a rate is None when its denominator is 0.

    Visit counts are over the non-cancelled assigned visits whose window starts in the
    range; promise counts over the promises due in the range.
    """

    visits: int = 0
    arrived: int = 0
    completed: int = 0
    escalations: int = 0
    confirmed_in_advance: int = 0
    permission_recorded: int = 0
    resolution_demonstrated: int = 0
    demonstration_impossible: int = 0
    first_visit_resolution: int = 0
    declined_by_user: int = 0  # visits where the user refused the technician their machine
    closed_declined: int = 0  # ... closed on that refusal: not completed, not escalated
    absent_note_left: int = 0  # user absent, work not urgent: desk note left, back later
    absent_user_returned: int = 0  # the absent user came back during the urgent work
    # Closed with no repair at the desk (not completed, not escalated), one count per outcome:
    resolved_remotely: int = 0  # fixed from afar: no arrival, no permission
    fixed_on_arrival: int = 0  # already working when the technician arrived
    no_fault_found: int = 0  # checked with the user's permission: nothing wrong
    no_longer_needed: int = 0  # the user, met at the desk, no longer needs it
    # Visits opened on the spot by the technician, and signed-off visits reopened:
    walk_ups: int = 0  # a request from the next desk, opened there as its own visit
    handled_on_the_spot: int = 0  # "anything else? yes" handled there and then (its visit)
    reopened: int = 0  # signed off, then reopened because the fix failed (not a first-visit
    # resolution; neither is its return visit)
    # The care audit's rules (docs/supervision.md): greeting, telling the user when late,
    # the source category of the diagnosis, teaching, out-of-scope requests.
    arrivals: int = 0  # every arrival (a return visit is a second one)
    arrivals_greeted: int = 0  # ... with the greeting done
    late_arrivals: int = 0  # arrivals the laptop found late (it then asks if the user was told)
    late_arrivals_told: int = 0  # ... where the user was told
    diagnosed: int = 0  # visits with a diagnosis (its latest source category counts below)
    diagnosed_network: int = 0
    diagnosed_software: int = 0
    diagnosed_hardware: int = 0
    diagnosed_configuration: int = 0
    diagnosed_user_knowledge: int = 0
    teaching_offered: int = 0  # visits where teaching was given or declined
    teaching_accepted: int = 0  # ... given (`taught`)
    out_of_scope_requests: int = 0  # notes recording an out-of-scope request
    # Time on task (docs/workflow.md "Leave for now"): trips to the desk, visits that took
    # more than one, completions on a later trip (so no first-visit resolution), and the
    # technicians' own minutes at the desk (two at one desk for 30 minutes count 60).
    trips: int = 0
    visits_several_trips: int = 0
    finished_later_trip: int = 0
    on_site_minutes: int = 0
    # Borrowed parts and loans (docs/supervision.md), on the visits counted: parts borrowed,
    # those that could not go back (broken, kept by the user, written off: who agreed is
    # recorded) and those still out; loans made, still out, and still out past their due date.
    parts_borrowed: int = 0
    parts_disposed: int = 0
    parts_out: int = 0
    loans_made: int = 0
    loans_out: int = 0
    loans_overdue: int = 0
    # The intake rules (docs/supervision.md), of each visit's latest diagnosis: how long the
    # problem has been happening was asked; the user showed the problem. Then additions to
    # what the user already tried, and the visits dispatched as VIP (the priority override).
    asked_how_long: int = 0
    user_showed_problem: int = 0
    already_tried_added: int = 0
    vip_visits: int = 0
    promises_due: int = 0
    promises_kept: int = 0
    promises_kept_on_time: int = 0
    follow_up_calls_due: int = 0
    follow_up_calls_done: int = 0
    # A visit's team: visits on which the technician assists the holder (for the team:
    # visits with an assistant), and the events they recorded on the visits counted.
    visits_assisted: int = 0
    events_recorded: int = 0
    satisfaction_count: int = 0
    satisfaction_average: float | None = None
    low_ratings: int = 0
    confirmed_in_advance_rate: float | None = None  # / visits
    permission_recorded_rate: float | None = None  # / arrived
    resolution_demonstrated_rate: float | None = None  # / completed
    first_visit_resolution_rate: float | None = None  # / (completed + escalations)
    escalation_rate: float | None = None  # / (completed + escalations)
    promises_kept_on_time_rate: float | None = None  # / promises_due
    follow_up_calls_done_rate: float | None = None  # / follow_up_calls_due
    greeting_rate: float | None = None  # arrivals_greeted / arrivals
    late_told_rate: float | None = None  # late_arrivals_told / late_arrivals
    teaching_accepted_rate: float | None = None  # teaching_accepted / teaching_offered
    on_site_minutes_per_visit: float | None = None  # on_site_minutes / arrived
    asked_how_long_rate: float | None = None  # asked_how_long / diagnosed
    user_showed_problem_rate: float | None = None  # user_showed_problem / diagnosed


class TechnicianMetrics(Answer):
    technician: str
    full_name: str
    metrics: CareMetrics


class MetricsReport(Answer):
    """The team's metrics and one page of technicians' (by full name, then username)."""

    date_from: date
    date_to: date
    team: CareMetrics
    technicians: list[TechnicianMetrics]
    total: int
    offset: int
    limit: int


class CategoryMetrics(Answer):
    """The metrics of the visits whose latest diagnosis names this source category."""

    category: str
    metrics: CareMetrics


class CategoryMetricsReport(Answer):
    """One row per source category (every one, in the domain's order), over the range and
    the technician given (or the team)."""

    date_from: date
    date_to: date
    technician: str | None
    categories: list[CategoryMetrics]


class DailyPoint(Answer):
    """One day for the charts: completions (by sign-off day), promises due that day."""

    day: date
    completions: int
    promises_due: int
    promises_kept_on_time: int
    promises_kept_on_time_rate: float | None
    satisfaction_average: float | None
    satisfaction_count: int


class DailyMetricsPage(Answer):
    date_from: date
    date_to: date
    technician: str | None
    days: list[DailyPoint]
    total: int
    offset: int
    limit: int
