"""The care metrics table's columns: what each figure is, per technician and for the team,
and the tip that says how it is counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.protocol import CareMetrics
from fieldapp.ui.moments import counted
from fieldapp.ui.supervisor.categories import audit_columns, diagnoses_words
from fieldapp.ui.supervisor.common import (
    count_column,
    minutes_words,
    number,
    rate,
    translate,
)
from fieldapp.ui.supervisor.priority_inputs import intake_columns
from fieldapp.ui.table_model import Column


@dataclass(frozen=True, slots=True)
class MetricsRow:
    """One line of the metrics table: the team, or one technician."""

    name: str
    technician: str | None
    metrics: CareMetrics


def satisfaction_words(m: CareMetrics) -> str:
    if m.satisfaction_average is None:
        return "\u2013"
    return f"{number(m.satisfaction_average, 1)} / 5 ({number(m.satisfaction_count)})"


def time_on_site_words(m: CareMetrics) -> str:
    """'52 min a visit (105 min, 3 trips)', or a dash before any arrival."""
    if m.on_site_minutes_per_visit is None:
        return "\u2013"
    return translate("MetricsTab", "{average} a visit ({total}, {trips})").format(
        average=minutes_words(m.on_site_minutes_per_visit),
        total=minutes_words(m.on_site_minutes),
        trips=counted(
            m.trips,
            translate("MetricsTab", "{count} trip"),
            translate("MetricsTab", "{count} trips"),
        ),
    )


def _rate(
    title: str,
    value: Callable[[CareMetrics], float | None],
    part: Callable[[CareMetrics], int],
    whole: Callable[[CareMetrics], int],
    tip: str,
) -> Column[MetricsRow]:
    return Column(
        title,
        lambda r: rate(value(r.metrics), part(r.metrics), whole(r.metrics)),
        sort=lambda r: -1.0 if value(r.metrics) is None else value(r.metrics),
        tip=lambda _r: tip,
        numeric=True,
    )


def metric_columns() -> tuple[Column[MetricsRow], ...]:
    """The metrics table's columns, titles in the language of the moment."""
    time_tip = translate(
        "MetricsTab",
        "Each technician's own minutes at the desk, from each arrival to leaving or the "
        "close; per visit reached, and the trips (a visit left for a part and come back "
        "to makes two).",
    )
    diagnoses_tip = translate(
        "MetricsTab", "Visits diagnosed, by the source category of the latest diagnosis."
    )
    return (
        Column(
            translate("MetricsTab", "Who"),
            lambda r: r.name,
            sort=lambda r: (r.technician is not None, r.name),
            bold=lambda r: r.technician is None,
        ),
        count_column(translate("MetricsTab", "Visits"), lambda r: r.metrics.visits),
        _rate(
            translate("MetricsTab", "Confirmed\nin advance"),
            lambda m: m.confirmed_in_advance_rate,
            lambda m: m.confirmed_in_advance,
            lambda m: m.visits,
            translate(
                "MetricsTab",
                "Of the visits: confirmed with the customer before the technician arrived.",
            ),
        ),
        _rate(
            translate("MetricsTab", "Permission\nrecorded"),
            lambda m: m.permission_recorded_rate,
            lambda m: m.permission_recorded,
            lambda m: m.arrived,
            translate(
                "MetricsTab",
                "Of the visits reached: the user's permission (or why not) was recorded.",
            ),
        ),
        _rate(
            translate("MetricsTab", "Shown\nworking"),
            lambda m: m.resolution_demonstrated_rate,
            lambda m: m.resolution_demonstrated,
            lambda m: m.completed,
            translate(
                "MetricsTab",
                "Of the completed visits: the fix was demonstrated and the user confirmed it.",
            ),
        ),
        _rate(
            translate("MetricsTab", "First-visit\nresolution"),
            lambda m: m.first_visit_resolution_rate,
            lambda m: m.first_visit_resolution,
            lambda m: m.completed + m.escalations,
            translate(
                "MetricsTab",
                "Of the visits completed or escalated (not those closed as declined by the user "
                "or with no repair at the desk): completed at the first visit, never escalated.",
            ),
        ),
        count_column(translate("MetricsTab", "Escalations"), lambda r: r.metrics.escalations),
        count_column(
            translate("MetricsTab", "Declined by\nthe user"), lambda r: r.metrics.declined_by_user
        ),
        count_column(
            translate("MetricsTab", "Closed as\ndeclined"), lambda r: r.metrics.closed_declined
        ),
        count_column(
            translate("MetricsTab", "User absent:\nnote left"), lambda r: r.metrics.absent_note_left
        ),
        count_column(
            translate("MetricsTab", "Absent user\ncame back"),
            lambda r: r.metrics.absent_user_returned,
        ),
        count_column(
            translate("MetricsTab", "Resolved\nremotely"), lambda r: r.metrics.resolved_remotely
        ),
        count_column(
            translate("MetricsTab", "Already fixed\non arrival"),
            lambda r: r.metrics.fixed_on_arrival,
        ),
        count_column(
            translate("MetricsTab", "No fault\nfound"), lambda r: r.metrics.no_fault_found
        ),
        count_column(
            translate("MetricsTab", "No longer\nneeded"), lambda r: r.metrics.no_longer_needed
        ),
        count_column(translate("MetricsTab", "Walk-ups"), lambda r: r.metrics.walk_ups),
        count_column(
            translate("MetricsTab", "Handled on\nthe spot"), lambda r: r.metrics.handled_on_the_spot
        ),
        count_column(
            translate("MetricsTab", "Reopened:\nfix failed"), lambda r: r.metrics.reopened
        ),
        count_column(
            translate("MetricsTab", "Finished on\na later trip"),
            lambda r: r.metrics.finished_later_trip,
        ),
        Column(
            translate("MetricsTab", "Time on\nsite"),
            lambda r: time_on_site_words(r.metrics),
            sort=lambda r: r.metrics.on_site_minutes,
            tip=lambda _r: time_tip,
            numeric=True,
        ),
        # Borrowed parts and loans (the Equipment out tab lists them)
        count_column(
            translate("MetricsTab", "Parts that\ncould not go back"),
            lambda r: r.metrics.parts_disposed,
        ),
        count_column(translate("MetricsTab", "Parts\nstill out"), lambda r: r.metrics.parts_out),
        count_column(translate("MetricsTab", "Loans\nstill out"), lambda r: r.metrics.loans_out),
        count_column(
            translate("MetricsTab", "Loans\noverdue"),
            lambda r: r.metrics.loans_overdue,
            alarming=True,
        ),
        count_column(
            translate("MetricsTab", "Visits\nassisted"), lambda r: r.metrics.visits_assisted
        ),
        count_column(
            translate("MetricsTab", "Events\nrecorded"), lambda r: r.metrics.events_recorded
        ),
        *audit_columns(lambda r: r.metrics),
        *intake_columns(lambda r: r.metrics),
        Column(
            translate("MetricsTab", "Diagnoses by\nsource"),
            lambda r: diagnoses_words(r.metrics),
            sort=lambda r: r.metrics.diagnosed,
            tip=lambda _r: diagnoses_tip,
        ),
        _rate(
            translate("MetricsTab", "Promises kept\non time"),
            lambda m: m.promises_kept_on_time_rate,
            lambda m: m.promises_kept_on_time,
            lambda m: m.promises_due,
            translate(
                "MetricsTab", "Of the promises due in the period: kept no later than promised."
            ),
        ),
        _rate(
            translate("MetricsTab", "Follow-up\ncalls made"),
            lambda m: m.follow_up_calls_done_rate,
            lambda m: m.follow_up_calls_done,
            lambda m: m.follow_up_calls_due,
            translate("MetricsTab", "Of the follow-up calls due in the period: made."),
        ),
        Column(
            translate("MetricsTab", "Satisfaction"),
            lambda r: satisfaction_words(r.metrics),
            sort=lambda r: r.metrics.satisfaction_average or 0.0,
            numeric=True,
        ),
        count_column(
            translate("MetricsTab", "Ratings\n\u2264 2"),
            lambda r: r.metrics.low_ratings,
            alarming=True,
        ),
    )
