"""The customer page in a real browser (Chromium from the system's packages, driven by
Playwright): from the link in the confirmation e-mail a real SMTP server received, the user
asks for another time with scripts switched off, and the technician's round tells it after a
sync; the page read at a phone's size fits the screen, labels every field, shows the focus
and keeps its text readable."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pytestqt.qtbot import QtBot

from fieldapp.demo import DemoKeyring
from fieldapp.domain import EventType as E
from fieldapp.store import Store, open_store
from fieldapp.sync import TokenStore
from fieldapp.ui.app import connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.round_window import RoundWindow
from tests.server.supervision_kit import ev, push_ok
from tests.server.test_supervisor_mail import Inbox, mail_server, send, smtp_server
from tests.support.servers import free_port

CHROMIUM = "/usr/bin/chromium"  # Debian's package (tests/support/install_system_packages.sh)
PUBLIC = "https://it.example.com"
BERLIN = ZoneInfo("Europe/Berlin")
ASKED = (datetime.now(BERLIN) + timedelta(days=6)).replace(
    hour=14, minute=30, second=0, microsecond=0
)
WAIT_MS = 15_000

# The contrast ratio of two CSS colours (WCAG 2), worked out in the page.
CONTRAST = """([fg, bg]) => {
  const rgb = (c) => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: run tests/support/install_system_packages.sh")
    with sync_playwright() as playwright:
        # As root (CI) Chromium needs --no-sandbox; no browser is downloaded by Playwright.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "laptop" / "cache.sqlite3")
    try:
        yield opened
    finally:
        opened.dispose()


def styles(page: Page, selector: str, *names: str) -> list[str]:
    script = "([s, n]) => { const c = getComputedStyle(document.querySelector(s));"
    script += " return n.map((x) => c.getPropertyValue(x)); }"
    found: list[str] = page.evaluate(script, [selector, list(names)])
    return found


def test_from_the_mail_link_to_the_technicians_round(
    qtbot: QtBot, browser: Browser, store: Store, tmp_path: Path
) -> None:
    inbox, port = Inbox(), free_port()
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    settings = {"public_url": PUBLIC, "site_timezone": "Europe/Berlin"}
    with smtp_server(port, inbox), mail_server(database_url, tmp_path, port, **settings) as live:
        supervisor = live.supervisor()
        username = live.user("technician")
        password = "pw-" + username
        tech = live.login(username)
        start = datetime.now(UTC) + timedelta(days=2)
        created = supervisor.post(
            "/visits",
            json={
                "reference": "INC-2231",
                "customer_name": "Priya Natarajan",
                "contact_email": "priya@example.com",
                "building": "North Tower",
                "floor": "3",
                "room": "3.14",
                "window_start": start.isoformat(),
                "window_end": (start + timedelta(minutes=30)).isoformat(),
                "problem": 'The <b>printer</b> jams & says "offline".',
                "assignee": username,
            },
        )
        assert created.status_code == 201, created.text
        visit_id = created.json()["id"]

        # The technician's laptop has the visit before the user answers.
        connection = connect(store, TokenStore(DemoKeyring()), live.base_url, username, password)
        window = RoundWindow(
            store, BackgroundRunner(), connection.sync, user_label=username, use_tray=False
        )
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS):
            window.sync_now()

        push_ok(tech, ev(visit_id, E.CONFIRMED, start, channel="email", message="See you then."))
        assert send(live, datetime.now(UTC)) == 1
        body = inbox.messages[-1][2].get_body(("plain",))
        assert body is not None
        found = re.search(re.escape(PUBLIC) + r"/v/\S+", body.get_content())
        assert found is not None
        link = found.group().replace(PUBLIC, live.base_url)

        # The user, in a browser with scripts switched off: the page must work without them.
        context = browser.new_context(java_script_enabled=False, locale="en-GB")
        page = context.new_page()
        page.goto(link)
        assert page.title() == "Your IT support visit INC-2231"
        assert page.locator("html").get_attribute("lang") == "en"
        for landmark in ("banner", "main", "contentinfo"):
            assert page.get_by_role(landmark).count() == 1
        assert page.get_by_role("heading", level=1).inner_text() == "Your IT support visit INC-2231"
        assert 'The <b>printer</b> jams & says "offline".' in page.get_by_role("main").inner_text()
        page.keyboard.press("Tab")  # the first stop is the skip link, then shown
        assert page.evaluate("() => document.activeElement.textContent") == "Skip to the visit"
        assert page.locator(".skip").bounding_box() is not None
        first = page.get_by_label("First choice")
        assert first.get_attribute("type") == "datetime-local"
        first.fill(f"{ASKED:%Y-%m-%dT%H:%M}")
        page.get_by_label("A note for us (optional)").fill("Afternoons are better, thank you.")
        page.get_by_role("button", name="Ask for another time").click()
        page.wait_for_url(re.compile(r"done=asked"))
        # The answer is said first and has the focus (autofocus, no script).
        assert page.evaluate("() => document.activeElement.textContent").startswith("Thank you")
        assert "You asked for another time" in page.get_by_role("main").inner_text()
        context.close()

        with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as finished:
            window.sync_now()
        said = str(finished.args[0])
        lines = [line.text for line in window.sync_news.lines]
        window.close()
        connection.close()
    assert "1 user asking for another time" in said
    (line,) = lines
    assert line.startswith("INC-2231 (Priya Natarajan): the user asks for another time: ")
    assert "Afternoons are better, thank you." in line


def test_the_page_fits_a_phone_and_stays_readable(browser: Browser, tmp_path: Path) -> None:
    inbox, port = Inbox(), free_port()
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with (
        smtp_server(port, inbox),
        mail_server(database_url, tmp_path, port, public_url=PUBLIC) as live,
    ):
        supervisor, tech = live.supervisor(), live.technician()
        start = datetime.now(UTC) + timedelta(days=1)
        created = supervisor.post(
            "/visits",
            json={
                "reference": "INC-2232",
                "customer_name": "Marcus Webb",
                "contact_email": "marcus@example.com",
                "building": "North Tower",
                "window_start": start.isoformat(),
                "window_end": (start + timedelta(minutes=30)).isoformat(),
                "problem": "A very long problem description " * 12,
                "assignee": tech.username,
            },
        )
        visit_id = created.json()["id"]
        push_ok(tech, ev(visit_id, E.CONFIRMED, start, channel="email", message="Tomorrow."))
        assert send(live, datetime.now(UTC)) == 1
        body = inbox.messages[-1][2].get_body(("plain",))
        assert body is not None
        found = re.search(re.escape(PUBLIC) + r"/v/\S+", body.get_content())
        assert found is not None
        link = found.group().replace(PUBLIC, live.base_url)

        context = browser.new_context(
            viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
            has_touch=True,
        )  # fmt: skip
        page = context.new_page()
        page.goto(link)
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        width = page.evaluate("() => document.documentElement.clientWidth")
        assert width == 360  # the viewport meta: laid out at the phone's width, not zoomed out
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        button = page.get_by_role("button", name="Confirm this time").bounding_box()
        assert button is not None
        assert button["height"] >= 44  # a finger's target
        assert button["width"] >= width - 2 * 16 - 1  # full width on a phone
        for field in ("First choice", "Or, choice 2 (optional)", "A note for us (optional)"):
            box = page.get_by_label(field).bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width
        assert float(styles(page, "input[type=datetime-local]", "font-size")[0][:-2]) >= 16
        text, background = styles(page, "main", "color", "background-color")
        if background == "rgba(0, 0, 0, 0)":
            background = "rgb(255, 255, 255)"
        assert page.evaluate(CONTRAST, [text, background]) >= 7  # WCAG AAA for body text
        fg, bg = styles(page, "button", "color", "background-color")
        assert page.evaluate(CONTRAST, [fg, bg]) >= 4.5
        page.get_by_role("button", name="Confirm this time").focus()
        outline = styles(page, "button", "outline-style", "outline-width")
        assert outline[0] == "solid"
        assert float(outline[1][:-2]) >= 2  # the focus is shown
        context.close()
