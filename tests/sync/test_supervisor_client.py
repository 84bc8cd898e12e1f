"""The supervisors' client against a real server: every endpoint, its models and its errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fieldapp.protocol import (
    BoardStatus,
    ConflictResolution,
    ConflictStatus,
    DispatchPreviewRequest,
    FollowUpStatus,
    Role,
    VisitCreate,
    VisitStatus,
    VisitUpdate,
)
from fieldapp.sync import AuthError, OfflineError, RequestRejectedError
from fieldapp.sync.supervisor import LocalFileError, SupervisorClient, local_zone_name
from tests.support.servers import free_port
from tests.sync.fakes import DroppingProxy
from tests.sync.harness import fast_client
from tests.sync.supervisor_kit import PASSWORD, REPORT_PDF, Team, new_visit, seeded_team


@pytest.fixture(name="team")
def team_fixture(tmp_path: Path) -> Iterator[Team]:
    with seeded_team(tmp_path / "server") as team:
        yield team


def test_the_board_lists_each_technician_with_counts_and_last_contact(team: Team) -> None:
    page = team.client.board(team.date_from, team.date_to)

    assert [(t.technician, t.full_name) for t in page.technicians] == [
        ("ana", "Ana Lopez"),
        ("ben", "Ben Okafor"),
    ]
    ana, ben = page.technicians
    counts = ana.counts
    assert (counts.total, counts.completed, counts.escalated, counts.overdue) == (5, 2, 1, 1)
    assert (counts.upcoming, counts.in_progress) == (1, 0)
    assert (ben.counts.total, ben.counts.in_progress, ben.counts.upcoming) == (3, 1, 2)
    assert ana.last_contact_at is not None
    assert page.unassigned == 1
    by_id = {v.id: v for v in ana.visits}
    assert by_id[team.ids["late"]].status is BoardStatus.OVERDUE
    assert by_id[team.ids["done"]].step == "completed"


def test_board_filters_narrow_the_list_not_the_counts(team: Team) -> None:
    page = team.client.board(
        team.date_from, team.date_to, technician="ana", statuses=[BoardStatus.OVERDUE]
    )

    [ana] = page.technicians
    assert [v.id for v in ana.visits] == [team.ids["late"]]
    assert ana.counts.total == 5
    assert team.client.board(team.date_from, team.date_to, site="Annex").technicians[0].visits == []


def test_the_timeline_names_each_event_with_both_times_and_its_author(team: Team) -> None:
    page = team.client.timeline(team.ids["done"])

    assert page.visit.id == team.ids["done"]
    assert [e.type.value for e in page.entries] == [
        "arrived",
        "permission_granted",
        "diagnosed",
        "resolved",
        "signed_off",
        "attachment_added",
    ]
    first = page.entries[0]
    assert (first.author, first.author_name) == ("ana", "Ana Lopez")
    assert first.received_at >= first.occurred_at
    assert page.total == 6


def test_metrics_daily_points_and_follow_ups(team: Team) -> None:
    client = team.client
    report = client.metrics(team.date_from, team.date_to)
    daily = client.daily_metrics(team.date_from, team.date_to)
    follow_ups = client.follow_ups(FollowUpStatus.OPEN)

    assert (report.team.completed, report.team.escalations) == (2, 1)
    assert report.team.satisfaction_average == pytest.approx(3.5)
    assert report.team.low_ratings == 1
    assert {t.technician: t.metrics.completed for t in report.technicians} == {"ana": 2, "ben": 0}
    assert sum(day.completions for day in daily.days) == 2
    assert len(daily.days) == 3
    [item] = follow_ups.items
    assert (item.visit_id, item.satisfaction, item.comment) == (
        team.ids["unhappy"],
        2,
        "Took too long.",
    )

    closed = client.close_follow_up(item.id, "Called the customer; apologised.")

    assert closed.status is FollowUpStatus.CLOSED
    assert closed.closed_by == "sue"
    assert client.follow_ups(FollowUpStatus.OPEN).total == 0
    with pytest.raises(RequestRejectedError) as refused:
        client.close_follow_up(item.id, "Again.")
    assert refused.value.status == 409


def test_a_conflict_is_listed_and_dismissed_with_a_note(team: Team) -> None:
    [conflict] = team.client.conflicts(ConflictStatus.OPEN).conflicts
    assert (conflict.visit_id, conflict.technician, conflict.current_assignee) == (
        team.ids["moved"],
        "ana",
        "ben",
    )

    done = team.client.resolve_conflict(
        conflict.id, ConflictResolution.DISMISS, "Ben already knows the new desk."
    )

    assert done.status is ConflictStatus.DISMISSED
    assert done.note == "Ben already knows the new desk."
    assert team.client.conflicts(ConflictStatus.OPEN).total == 0


def test_dispatch_create_preview_reassign_and_cancel(team: Team) -> None:
    client = team.client
    start = team.now + timedelta(hours=2)
    created = client.create_visit(
        VisitCreate(
            reference="VIP-1",
            customer_name="The CEO",
            window_start=start,
            window_end=start + timedelta(hours=1),
            estimated_minutes=60,
        )
    )
    assert created.assignee is None

    preview = client.preview(
        DispatchPreviewRequest(
            visit_id=created.id,
            assignee="ana",
            window_start=start - timedelta(minutes=5),
            window_end=start + timedelta(hours=1),
        )
    )
    assigned = client.update_visit(created.id, VisitUpdate(assignee="ana"))
    unassigned = client.update_visit(created.id, VisitUpdate(assignee=None))
    cancelled = client.cancel_visit(created.id, "The CEO fixed it himself.")

    assert [d.visit_id for d in preview.delayed] == [team.ids["upcoming"]]
    assert preview.delayed[0].delay_minutes > 0
    assert assigned.assignee == "ana"
    assert assigned.window_start == created.window_start  # unset fields stay as they are
    assert unassigned.assignee is None
    assert cancelled.status is VisitStatus.CANCELLED
    assert client.visit(created.id).cancel_reason == "The CEO fixed it himself."
    listed = client.visits(status=VisitStatus.CANCELLED)
    assert [v.id for v in listed.visits] == [created.id]
    with pytest.raises(RequestRejectedError) as refused:
        client.cancel_visit(created.id, "Twice.")
    assert refused.value.status == 409
    assert refused.value.message  # the server's sentence


def test_a_csv_import_creates_all_or_names_the_bad_row(team: Team, tmp_path: Path) -> None:
    start = (team.now + timedelta(days=1)).replace(microsecond=0)
    header = "reference,customer_name,window_start,window_end,assignee\n"
    good = f"CSV-1,Ada Park,{start.isoformat()},{(start + timedelta(hours=1)).isoformat()},ben\n"
    bad = "CSV-2,Bo Chen,not a time,2030-01-01T10:00:00+00:00,ben\n"
    path = tmp_path / "visits.csv"
    path.write_text(header + good)

    result = team.client.import_visits(path)

    assert result.created == 1
    assert team.client.visit(result.ids[0]).assignee == "ben"
    path.write_text(header + good.replace("CSV-1", "CSV-3") + bad)
    with pytest.raises(RequestRejectedError) as refused:
        team.client.import_visits(path)
    assert "line 3" in refused.value.message
    assert "window_start" in refused.value.message
    with pytest.raises(LocalFileError):
        team.client.import_visits(tmp_path / "visits.xlsx")
    with pytest.raises(LocalFileError):
        team.client.import_visits(tmp_path / "missing.csv")


def test_exports_and_the_service_report_are_saved_to_files(team: Team, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    visits_csv, metrics_csv = folder / "visits.csv", folder / "metrics.csv"

    written = team.client.export_visits_csv(team.date_from, team.date_to, visits_csv)
    team.client.export_metrics_csv(team.date_from, team.date_to, metrics_csv)
    report = folder / "report.pdf"
    team.client.download_service_report(team.ids["done"], report)

    assert written == visits_csv.stat().st_size
    with visits_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert "reference" in rows[0]
    assert len(rows) == 9  # every visit whose window starts in the range
    assert metrics_csv.read_text().splitlines()[0]
    assert report.read_bytes() == REPORT_PDF
    assert team.client.service_report(team.ids["done"]) == REPORT_PDF
    with pytest.raises(RequestRejectedError):
        team.client.download_service_report(team.ids["late"], folder / "none.pdf")
    # a failed download leaves nothing behind, not even its partial file
    assert sorted(p.name for p in folder.iterdir()) == ["metrics.csv", "report.pdf", "visits.csv"]


def test_errors_are_typed_with_a_sentence(team: Team, tmp_path: Path) -> None:
    technician = fast_client(team.server.base_url)
    technician.login("ana", PASSWORD)
    nobody = fast_client(team.server.base_url)
    offline = fast_client(f"http://127.0.0.1:{free_port()}", token="t")
    try:
        with pytest.raises(RequestRejectedError) as forbidden:
            SupervisorClient(technician).board(team.date_from, team.date_to)
        with pytest.raises(AuthError):
            SupervisorClient(nobody).metrics(team.date_from, team.date_to)
        with pytest.raises(OfflineError) as unreachable:
            SupervisorClient(offline).conflicts()
    finally:
        for client in (technician, nobody, offline):
            client.close()
    assert forbidden.value.status == 403
    assert "Cannot reach the server" in unreachable.value.message
    assert team.client.me().role is Role.SUPERVISOR


def test_a_visit_created_by_the_admin_is_visible_to_the_supervisor(team: Team) -> None:
    visit_id = new_visit(team.server, "ben", team.now + timedelta(hours=5))

    assert team.client.visit(visit_id).assignee == "ben"
    assert visit_id in {v.id for v in team.client.visits(assignee="ben").visits}


@pytest.mark.parametrize(
    "lost",
    [
        b"POST /api/v1/visits HTTP",
        b"POST /api/v1/visits/",  # the cancellation
        b"POST /api/v1/follow-ups/",
        b"POST /api/v1/conflicts/",
    ],
)
def test_a_write_whose_answer_was_lost_is_retried_and_done_once(team: Team, lost: bytes) -> None:
    parts = urlsplit(team.server.base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    proxy = DroppingProxy((parts.hostname, parts.port), lost, drop_limit=1)
    with proxy.running():
        through_proxy = fast_client(proxy.base_url)
        with through_proxy:
            through_proxy.login("sue", PASSWORD)
            client = SupervisorClient(through_proxy)
            start = datetime.now(UTC) + timedelta(days=1)
            created = client.create_visit(
                VisitCreate(
                    reference="INC-RETRY",
                    customer_name="Retry Rita",
                    window_start=start,
                    window_end=start + timedelta(hours=1),
                    assignee="ana",
                )
            )
            cancelled = client.cancel_visit(created.id, "Sorted by phone.")
            [item] = client.follow_ups(FollowUpStatus.OPEN).items
            closed = client.close_follow_up(item.id, "Called back.")
            [conflict] = client.conflicts(ConflictStatus.OPEN).conflicts
            resolved = client.resolve_conflict(conflict.id, ConflictResolution.DISMISS, "Old.")

    assert proxy.dropped == 1  # the server did it; the first answer never arrived
    assert [v.id for v in team.client.visits().visits if v.reference == "INC-RETRY"] == [created.id]
    assert (cancelled.status, cancelled.cancel_reason) == (
        VisitStatus.CANCELLED,
        "Sorted by phone.",
    )
    assert (closed.status, closed.note) == (FollowUpStatus.CLOSED, "Called back.")
    assert (resolved.status, resolved.note) == (ConflictStatus.DISMISSED, "Old.")


def test_the_team_lists_active_technicians_with_their_last_contact(team: Team) -> None:
    page = team.client.technicians()
    second = team.client.technicians(offset=1, limit=1)

    assert [(t.username, t.full_name) for t in page.technicians] == [
        ("ana", "Ana Lopez"),
        ("ben", "Ben Okafor"),
    ]
    assert all(t.last_contact_at is not None for t in page.technicians)  # both pushed
    assert (second.total, [t.username for t in second.technicians]) == (2, ["ben"])


def test_date_ranges_are_days_of_the_supervisors_time_zone(team: Team) -> None:
    late_evening = datetime(2031, 1, 6, 23, 30, tzinfo=UTC)  # already the 7th in Tokyo
    visit_id = new_visit(team.server, "ana", late_evening)
    in_tokyo = SupervisorClient(team.client.server, zone="Asia/Tokyo")
    day, next_day = late_evening.date(), late_evening.date() + timedelta(days=1)

    def listed(client: SupervisorClient, when: date) -> list[str]:
        return [v.id for t in client.board(when, when).technicians for v in t.visits]

    assert team.client.zone == local_zone_name()  # this computer's, unless told
    assert SupervisorClient(team.client.server, zone="UTC").zone == "UTC"
    assert visit_id in listed(SupervisorClient(team.client.server, zone="UTC"), day)
    assert visit_id not in listed(in_tokyo, day)
    assert visit_id in listed(in_tokyo, next_day)
    with pytest.raises(RequestRejectedError) as refused:
        SupervisorClient(team.client.server, zone="Atlantis/Capital").board(day, day)
    assert refused.value.code == "invalid_timezone"
