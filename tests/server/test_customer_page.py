"""The customer page: the confirmation e-mail (received by a real SMTP server) carries the
calendar file and the link; the page shows the visit and takes the user's answer, which
reaches the technician's feed; hostile or broken input is refused and loses nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests
from icalendar import Calendar
from sqlalchemy import select

from fieldapp.domain import EventType as E
from fieldapp.server.customer_words import GERMAN, page_language
from fieldapp.server.models import EventRecord
from fieldapp.server.models_customer import CustomerLink
from fieldapp.server.models_supervision import MailMessage
from tests.server.helpers import Live, create_visit
from tests.server.supervision_kit import ev, push_ok
from tests.server.test_supervisor_mail import Inbox, mail_server, send, smtp_server
from tests.support.servers import free_port

PUBLIC = "https://it.example.com"
START = dt.datetime(2030, 3, 12, 9, 0, tzinfo=dt.UTC)
HOSTILE = '<script>alert("x")</script> & "quotes"'
BERLIN = ZoneInfo("Europe/Berlin")
# The times a user asks for must be within a year: ten and eleven days from now, in Berlin.
DAY1 = (dt.datetime.now(BERLIN) + dt.timedelta(days=10)).replace(hour=15, minute=30)
DAY2 = (dt.datetime.now(BERLIN) + dt.timedelta(days=11)).replace(hour=9, minute=0)
DAY1 = DAY1.replace(second=0, microsecond=0)
DAY2 = DAY2.replace(second=0, microsecond=0)


@contextmanager
def loop_server(
    database_url: str, directory: Path, **overrides: Any
) -> Iterator[tuple[Live, Inbox]]:
    inbox, port = Inbox(), free_port()
    settings = {"public_url": PUBLIC, "site_timezone": "Europe/Berlin", **overrides}
    with smtp_server(port, inbox), mail_server(database_url, directory, port, **settings) as live:
        yield live, inbox


def confirm_by_mail(live: Live, inbox: Inbox, **visit: Any) -> tuple[Any, str, str]:
    """A visit confirmed by e-mail and the mail sent: (technician, visit id, page address)."""
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(
        supervisor,
        tech.username,
        contact_email="priya@example.com",
        window_start=START.isoformat(),
        window_end=(START + dt.timedelta(minutes=30)).isoformat(),
        **visit,
    )
    push_ok(tech, ev(visit_id, E.CONFIRMED, START, channel="email", message="Tuesday 10:00."))
    assert send(live, dt.datetime.now(dt.UTC)) == 1
    body = inbox.messages[-1][2].get_body(("plain",))
    assert body is not None
    found = re.search(re.escape(PUBLIC) + r"/v/[A-Za-z0-9_-]{40,}", body.get_content())
    assert found is not None, body.get_content()
    return tech, visit_id, found.group().replace(PUBLIC, live.base_url)


def form_token(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_confirmation_carries_the_calendar_file_and_the_page_link(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, visit_id, link = confirm_by_mail(live, inbox, reference="INC-7781")
        with live.db() as session:
            stored = session.scalars(select(MailMessage)).one()
            assert stored.link_token is None  # sent: the database keeps only the hash
    message = inbox.messages[-1][2]
    (calendar_part,) = [
        p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"
    ]
    assert calendar_part.get_filename() == "visit.ics"
    calendar = Calendar.from_ical(calendar_part.get_content())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == START
    assert event.decoded("dtend") == START + dt.timedelta(minutes=30)
    assert "INC-7781" in str(event["summary"])
    assert str(event["uid"]) == f"visit-{visit_id}@fieldapp"
    assert "North Tower" in str(event["location"])
    assert link.startswith(live.base_url + "/v/")


def test_the_user_asks_for_another_time_and_the_technician_gets_it(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        tech, visit_id, link = confirm_by_mail(live, inbox, problem=HOSTILE)
        page = requests.get(link, timeout=10)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["referrer-policy"] == "no-referrer"
        assert '<html lang="en">' in page.text
        assert 'name="viewport"' in page.text
        assert "<script>" not in page.text  # the problem's text is escaped
        assert "&lt;script&gt;" in page.text
        assert "Tuesday 12 March 2030, 10:00 to 10:30 (Europe/Berlin)" in page.text
        asked = {
            "form_token": form_token(page.text),
            "action": "another_time",
            "time1": f"{DAY1:%Y-%m-%dT%H:%M}",
            "time2": f"{DAY2:%Y-%m-%dT%H:%M}",
            "time3": "",
            "note": "Mornings are full of meetings. " + HOSTILE,
        }
        answer = requests.post(link, data=asked, timeout=10, allow_redirects=False)
        assert answer.status_code == 303
        shown = requests.get(link + "?done=asked", timeout=10).text
        assert "we have your request" in shown
        assert f"{DAY1:%A} {DAY1.day} {DAY1:%B %Y}, 15:30" in shown
        changes = tech.all_changes()
    replies = [
        c["event"] for c in changes if c["kind"] == "event" and c["event"]["type"] == "user_replied"
    ]
    assert len(replies) == 1
    payload = replies[0]["payload"]
    assert payload["answer"] == "another_time"
    assert [dt.datetime.fromisoformat(t) for t in payload["proposed_times"]] == [DAY1, DAY2]
    assert payload["note"].endswith(HOSTILE)  # kept as typed; escaped wherever it is shown
    assert replies[0]["author"] == "@user"
    assert replies[0]["visit_id"] == visit_id


def test_the_user_confirms(database_url: str, tmp_path: Path) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, visit_id, link = confirm_by_mail(live, inbox)
        token = form_token(requests.get(link, timeout=10).text)
        answer = requests.post(link, data={"form_token": token, "action": "confirm"}, timeout=10)
        assert answer.status_code == 200  # followed the redirect
        assert "the visit is confirmed" in answer.text
        assert "Confirmed by you" in answer.text
        with live.db() as session:
            types = session.scalars(
                select(EventRecord.type).where(EventRecord.visit_id == visit_id)
            ).all()
    assert types == ["confirmed", "user_replied"]


def test_bad_answers_are_refused_with_a_sentence_and_keep_what_was_typed(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, visit_id, link = confirm_by_mail(live, inbox)
        token = form_token(requests.get(link, timeout=10).text)
        past = {"form_token": token, "action": "another_time", "time1": "2001-01-01T10:00",
                "note": HOSTILE}  # fmt: skip
        refused = requests.post(link, data=past, timeout=10)
        assert refused.status_code == 422
        assert "must be in the future" in refused.text
        assert 'aria-invalid="true"' in refused.text
        assert "&lt;script&gt;alert" in refused.text
        assert "<script>" not in refused.text
        garbled = requests.post(link, data={**past, "time1": "next tuesday"}, timeout=10)
        assert "date and a time of day" in garbled.text
        forged = requests.post(
            link, data={"form_token": "1." + "0" * 64, "action": "confirm"}, timeout=10
        )
        assert forged.status_code == 403
        no_token = requests.post(link, data={"action": "confirm"}, timeout=10)
        assert no_token.status_code == 403
        as_json = requests.post(link, json={"form_token": token, "action": "confirm"}, timeout=10)
        assert as_json.status_code == 415
        huge = requests.post(
            link,
            data={"form_token": token, "action": "confirm", "note": "x" * 20_000},
            timeout=10,
        )
        assert huge.status_code == 413
        unknown = requests.get(live.base_url + "/v/" + "A" * 43, timeout=10)
        assert unknown.status_code == 404
        assert "not valid" in unknown.text
        with live.db() as session:
            count = session.scalars(
                select(EventRecord.id).where(
                    EventRecord.visit_id == visit_id, EventRecord.type == "user_replied"
                )
            ).all()
    assert count == []  # nothing refused was recorded


def test_the_page_is_rate_limited_per_address(database_url: str, tmp_path: Path) -> None:
    with loop_server(database_url, tmp_path, customer_page_per_minute=3) as (live, _):
        answers = [
            requests.get(live.base_url + "/v/nothing-here", timeout=10).status_code
            for _ in range(5)
        ]
    assert answers == [404, 404, 404, 429, 429]


def test_an_expired_link_is_not_valid(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, _, link = confirm_by_mail(live, inbox)
        with live.db() as session:
            for row in session.scalars(select(CustomerLink)):
                row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        assert requests.get(link, timeout=10).status_code == 404


GERMAN_BROWSER = {"Accept-Language": "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"}


def english_left(page: str) -> list[str]:
    """The page's own English sentences found in a page that should be German."""
    return [
        english
        for english, german in GERMAN.items()
        if english != german and "{" not in english and len(english) > 12 and english in page
    ]


def test_the_page_speaks_german_to_a_browser_that_prefers_it(
    database_url: str, tmp_path: Path
) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        tech, _, link = confirm_by_mail(live, inbox, reference="INC-7781")
        page = requests.get(link, headers=GERMAN_BROWSER, timeout=10)
        assert page.status_code == 200
        assert '<html lang="de">' in page.text
        assert page.headers["content-language"] == "de"
        assert "Accept-Language" in page.headers["vary"]
        assert "Ihr IT-Support-Besuch INC-7781" in page.text
        assert "Dienstag, 12. März 2030, 10:00 bis 10:30 (Europe/Berlin)" in page.text
        assert "Von Ihnen noch nicht bestätigt" in page.text
        assert "Diesen Termin bestätigen" in page.text
        assert english_left(page.text) == []
        token = form_token(page.text)
        past = {"form_token": token, "action": "another_time", "time1": "2001-01-01T10:00"}
        refused = requests.post(link, data=past, headers=GERMAN_BROWSER, timeout=10)
        assert refused.status_code == 422
        assert "Jeder Termin muss in der Zukunft liegen." in refused.text
        assert english_left(refused.text) == []
        asked = {**past, "time1": f"{DAY1:%Y-%m-%dT%H:%M}", "note": "Lieber nachmittags."}
        answered = requests.post(link, data=asked, headers=GERMAN_BROWSER, timeout=10)
        assert answered.status_code == 200  # after the redirect, in German still
        assert "Vielen Dank: Wir haben Ihre Anfrage erhalten" in answered.text
        days = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
        assert f"{days[DAY1.weekday()]}, {DAY1.day}. " in answered.text
        assert english_left(answered.text) == []
        unknown = requests.get(live.base_url + "/v/" + "A" * 43, headers=GERMAN_BROWSER, timeout=10)
        assert unknown.status_code == 404
        assert "Link ungültig" in unknown.text
        # What the user typed reaches the technician as typed, whatever the page's language.
        replies = [
            c["event"]["payload"]
            for c in tech.all_changes()
            if c["kind"] == "event" and c["event"]["type"] == "user_replied"
        ]
    assert replies[0]["note"] == "Lieber nachmittags."


def test_the_page_stays_english_for_other_browsers(database_url: str, tmp_path: Path) -> None:
    with loop_server(database_url, tmp_path) as (live, inbox):
        _, _, link = confirm_by_mail(live, inbox)
        for header in ("en-GB,en;q=0.9,de;q=0.8", "fr-FR,fr;q=0.9", "", "de;q=0"):
            page = requests.get(link, headers={"Accept-Language": header}, timeout=10)
            assert page.status_code == 200
            assert '<html lang="en">' in page.text, header
            assert page.headers["content-language"] == "en"
            assert "Tuesday 12 March 2030, 10:00 to 10:30 (Europe/Berlin)" in page.text


def test_the_language_is_the_first_the_page_has_in_the_browsers_order() -> None:
    assert page_language("de-AT") == "de"
    assert page_language("fr-CH, fr;q=0.9, de;q=0.8, en;q=0.7") == "de"
    assert page_language("en;q=0.5, de;q=0.9") == "de"  # by quality, not by place
    assert page_language("de;q=0.5, en;q=0.9") == "en"
    assert page_language("*") == "en"
    assert page_language("de;q=nonsense, en") == "en"
    assert page_language(None) == "en"
    assert page_language(",;;=,DE") == "de"
