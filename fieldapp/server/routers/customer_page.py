"""GET and POST /v/{token}: the page a confirmation e-mail links to, where the user confirms
the visit or asks for another time. No login: the token is the key (fieldapp.server.customer).

Outside the versioned API (the address is in e-mails already sent). Answers are HTML, never
JSON; each address is held to customer_page_per_minute requests; a form is at most
MAX_FORM_BYTES and must carry the page's form token.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from datetime import UTC, datetime
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from fieldapp.domain import InvalidEvent, WorkflowViolation
from fieldapp.domain.customer import MAX_NOTE, MAX_PROPOSED
from fieldapp.server import customer
from fieldapp.server.customer_html import HEADERS, FormState, message_page, visit_page
from fieldapp.server.customer_words import PageWords, page_language
from fieldapp.server.db import write_transaction
from fieldapp.server.settings import ServerSettings

router = APIRouter(tags=["customer page"], include_in_schema=False)

MAX_FORM_BYTES = 16 * 1024
_DONE = {
    "confirmed": "Thank you: the visit is confirmed.",
    "asked": "Thank you: we have your request and will answer by e-mail.",
}
_NOT_VALID = (
    "This link is not valid, or it has expired. If you need to change your visit, please "
    "contact the service desk and quote your visit's reference."
)


class PageLimiter:
    """At most `per_minute` requests per address in any 60 seconds (a sliding window).

    Kept in the process's memory: enough to stop a script hammering tokens or the form;
    several server processes each keep their own count."""

    def __init__(self, per_minute: int, *, max_addresses: int = 10_000) -> None:
        self.per_minute = per_minute
        self.max_addresses = max_addresses
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._seen) >= self.max_addresses and address not in self._seen:
                # forget the addresses that have been quiet for a minute
                for key in [k for k, q in self._seen.items() if not q or q[-1] <= now - 60]:
                    del self._seen[key]
                if len(self._seen) >= self.max_addresses:
                    return False
            times = self._seen.setdefault(address, deque())
            while times and times[0] <= now - 60:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            return True


def _words(request: Request) -> PageWords:
    """The page's language: the browser's preference (Accept-Language), English by default."""
    return PageWords(page_language(request.headers.get("accept-language")))


def _html(
    text: str, words: PageWords, status: int = 200, headers: dict[str, str] | None = None
) -> HTMLResponse:
    # The same address answers in the browser's language: a cache keeps one copy per language.
    language = {"Content-Language": words.language, "Vary": "Accept-Language"}
    return HTMLResponse(
        text, status_code=status, headers={**HEADERS, **language, **(headers or {})}
    )


def _message(words: PageWords, title: str, text: str, status: int, **headers: str) -> HTMLResponse:
    return _html(message_page(words(title), words(text), words), words, status, headers)


def _limited(request: Request) -> HTMLResponse | None:
    limiter: PageLimiter | None = getattr(request.app.state, "customer_limiter", None)
    if limiter is None:
        settings: ServerSettings = request.app.state.settings
        limiter = request.app.state.customer_limiter = PageLimiter(
            settings.customer_page_per_minute
        )
    address = request.client.host if request.client else ""
    if limiter.allow(address):
        return None
    return _message(
        _words(request),
        "Too many requests",
        "Please wait a minute, then load the page again.",
        429,
        **{"Retry-After": "60"},
    )


def _sessions(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    return factory


@router.get("/v/{token}")
def show_page(request: Request, token: str, done: str = "") -> Response:
    limited = _limited(request)
    if limited is not None:
        return limited
    settings: ServerSettings = request.app.state.settings
    words = _words(request)
    now = datetime.now(UTC)
    with _sessions(request)() as session, session.begin():
        link = customer.find_link(session, token, now)
        if link is None:
            return _message(words, "Link not valid", _NOT_VALID, 404)
        visit = customer.page_visit(session, link)
        form_token = customer.form_token(link, now)
    said = words(_DONE[done]) if done in _DONE else ""
    page = visit_page(visit, zone=settings.zone, form_token=form_token, done=said, words=words)
    return _html(page, words)


def _form(body: bytes) -> dict[str, str] | None:
    """The urlencoded form's fields (the first of each name), or None if it is not one."""
    try:
        text = body.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return None
    return {name: values[0] for name, values in fields.items() if values}


def _bad(request: Request, text: str, status: int) -> HTMLResponse:
    return _message(_words(request), "The answer could not be taken", text, status)


@router.post("/v/{token}")
async def post_answer(request: Request, token: str) -> Response:
    limited = _limited(request)
    if limited is not None:
        return limited
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        return _bad(request, "Please answer with the page's form.", 415)
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _bad(request, "The answer is too long; please keep the note short.", 413)
    fields = _form(body)
    if fields is None or any(
        "\x00" in value or len(value) > MAX_NOTE * 2 for value in fields.values()
    ):
        return _bad(request, "The answer was not readable; please fill the form in again.", 400)
    # The database work is blocking: run it off the event loop, like a plain endpoint.
    return await run_in_threadpool(_answer, request, token, fields)


def _answer(request: Request, token: str, fields: dict[str, str]) -> Response:
    settings: ServerSettings = request.app.state.settings
    words = _words(request)
    now = datetime.now(UTC)
    action = fields.get("action", "")
    note = fields.get("note", "")
    typed = [fields.get(f"time{i + 1}", "")[:40] for i in range(MAX_PROPOSED)]
    with _sessions(request)() as session:
        with session.begin():
            link = customer.find_link(session, token, now)
            if link is None:
                return _message(words, "Link not valid", _NOT_VALID, 404)
            link_id = link.id
            visit = customer.page_visit(session, link)
            fresh_token = customer.form_token(link, now)
            token_ok = customer.form_token_ok(link, fields.get("form_token", ""), now)
        form = FormState(times=typed, note=note[:MAX_NOTE])

        def again(error: str = "", refused: str = "", status: int = 422) -> HTMLResponse:
            """The page again, saying what is wrong (both already in the page's language)."""
            form.error = error
            page = visit_page(
                visit,
                zone=settings.zone,
                form_token=fresh_token,
                form=form,
                refused=refused,
                words=words,
            )
            return _html(page, words, status)

        if not token_ok:
            too_old = words("This form is too old; please give your answer again.")
            return again(refused=too_old, status=403)
        if action not in ("confirm", "another_time"):
            return again(refused=words("Please choose one of the two answers below."), status=400)
        if len(note) > MAX_NOTE:
            return again(
                words(
                    "The note is longer than {count} characters; please shorten it.",
                    count=MAX_NOTE,
                )
            )
        times: list[datetime] = []
        if action == "another_time":
            times, error = customer.check_times(typed, settings.zone, now)
            if error:
                return again(words(error))
        try:
            with write_transaction(session):
                customer.answer(
                    session,
                    link_id,
                    confirm=action == "confirm",
                    times=times,
                    note=note,
                    now=now,
                )
        except customer.AnswerRefused as refusal:
            return again(refused=words(refusal.message), status=409)
        except (InvalidEvent, WorkflowViolation) as error:
            return again(refused=words(error.template, **error.values), status=409)
    done = "confirmed" if action == "confirm" else "asked"
    # Post/redirect/get: reloading the thank-you page does not answer twice.
    return RedirectResponse(
        f"{request.url.path}?done={done}", status_code=303, headers=dict(HEADERS)
    )
