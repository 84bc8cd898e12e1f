"""The customer page's HTML: plain, server-rendered, accessible, and usable on a phone.

No script: the forms post and the answer comes back as a page. Every value from the
database or the user is escaped here (`_e`); the style sheet is inline and named by its
hash in the Content-Security-Policy, so nothing else can run or load.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from fieldapp.domain.customer import MAX_NOTE, MAX_PROPOSED
from fieldapp.server.customer import PageVisit
from fieldapp.server.customer_words import ENGLISH, PageWords

_STYLE = """
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:100%;
line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0 auto;max-width:40rem;padding:1rem}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
section{border-top:1px solid #767676;margin-top:1.5rem}
label{display:block;font-weight:600;margin-top:.75rem}
input,textarea{font:inherit;width:100%;padding:.5rem;border:2px solid #595959;
border-radius:4px;color:#1a1a1a;background:#fff}
textarea{min-height:6rem}
button{font:inherit;font-weight:600;margin-top:1rem;padding:.75rem 1.25rem;border:0;
border-radius:4px;color:#fff;background:#0b4f8a;min-height:44px;width:100%}
button:hover{background:#083a66}
:focus-visible{outline:3px solid #b34700;outline-offset:2px}
.hint{color:#4a4a4a;margin:.25rem 0 0}
.notice{border:2px solid #1d6b34;background:#eef7f0;padding:.75rem;margin:1rem 0}
.error{border:2px solid #a30000;background:#fdeeee;padding:.75rem;margin:1rem 0}
[aria-invalid=true]{border-color:#a30000}
footer{margin-top:2rem;color:#4a4a4a;font-size:.9rem}
@media (min-width:40rem){button{width:auto}}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
"""
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src '{STYLE_HASH}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    # The token is in the address: no other site may see it in a Referer.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def when_words(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """'Tuesday 12 March 2030, 10:00 to 10:30 (Europe/Berlin)', in the site's zone."""
    return ENGLISH.when(start, end, zone)


def _page(title: str, body: str, words: PageWords) -> str:
    return (
        f'<!doctype html>\n<html lang="{words.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<a class="skip" href="#main">{_e(words("Skip to the visit"))}</a>\n'
        f"<header><p>{_e(words('IT Support'))}</p></header>\n"
        f'<main id="main">\n{body}\n</main>\n'
        "<footer><p>"
        + _e(words("This page needs no login: keep the e-mail's link to yourself."))
        + "</p></footer>\n</body>\n</html>\n"
    )


def message_page(title: str, text: str, words: PageWords = ENGLISH) -> str:
    """A page that only says something: a link not valid, too many requests, a bad form
    (`title` and `text` already in the page's language)."""
    return _page(title, f"<h1>{_e(title)}</h1>\n<p>{_e(text)}</p>", words)


@dataclass(slots=True)
class FormState:
    """What the user typed into the request form, with what was wrong with it."""

    times: list[str] = field(default_factory=lambda: [""] * MAX_PROPOSED)
    note: str = ""
    error: str = ""


def visit_page(
    visit: PageVisit,
    *,
    zone: ZoneInfo,
    form_token: str,
    done: str = "",
    form: FormState | None = None,
    refused: str = "",
    words: PageWords = ENGLISH,
) -> str:
    """The visit's page: what is planned, and the two answers (confirm, another time);
    `done`, `refused` and the form's error are already in the page's language."""
    form = form or FormState()
    title = words("Your IT support visit {reference}", reference=visit.reference)
    parts = [f"<h1>{_e(title)}</h1>"]
    # An answer just taken, or refused, is said first and takes the focus (no script needed).
    if done:
        parts.append(
            f'<div class="notice" role="status"><h2 tabindex="-1" autofocus>{_e(done)}</h2></div>'
        )
    if refused:
        parts.append(f'<div class="error" role="alert"><p>{_e(refused)}</p></div>')
    details = [
        (words("When"), words.when(visit.start, visit.end, zone)),
        (words("Where"), visit.place or words("Your desk")),
    ]
    if visit.technician:
        details.append(
            (words("Who is coming"), words("{name}, from IT Support", name=visit.technician))
        )
    if visit.problem.strip():
        details.append((words("The problem"), visit.problem.strip()))
    status = words("Not confirmed by you yet")
    if visit.cancelled:
        status = words("Cancelled")
    elif not visit.open:
        status = words("Closed")
    elif visit.asked:
        status = words("You asked for another time; we will answer by e-mail")
    elif visit.user_confirmed:
        status = words("Confirmed by you")
    details.append((words("Status"), status))
    parts.append(
        "<dl>"
        + "".join(f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>" for term, text in details)
        + "</dl>"
    )
    if visit.asked:
        asked = "".join(
            f"<li>{_e(words.moment(datetime.fromisoformat(t), zone))}</li>" for t in visit.asked
        )
        parts.append(f"<p>{_e(words('The times you asked for:'))}</p><ul>{asked}</ul>")
    if not visit.open:
        parts.append(f"<p>{_e(words('There is nothing left to answer on this visit.'))}</p>")
        return _page(title, "\n".join(parts), words)
    token = f'<input type="hidden" name="form_token" value="{_e(form_token)}">'
    parts.append(
        '<section aria-labelledby="confirm-heading">'
        f'<h2 id="confirm-heading">{_e(words("This time suits me"))}</h2>'
        f'<form method="post">{token}'
        '<input type="hidden" name="action" value="confirm">'
        f'<button type="submit">{_e(words("Confirm this time"))}</button></form></section>'
    )
    parts.append(_request_form(form, token, zone, words))
    return _page(title, "\n".join(parts), words)


def _request_form(form: FormState, token: str, zone: ZoneInfo, words: PageWords) -> str:
    error = ""
    invalid = ""
    if form.error:
        error = (
            f'<div class="error" role="alert" id="times-error">'
            f'<p tabindex="-1" autofocus>{_e(form.error)}</p></div>'
        )
        invalid = ' aria-invalid="true" aria-describedby="times-hint times-error"'
    fields = []
    for i, value in enumerate(form.times[:MAX_PROPOSED]):
        label = (
            words("First choice")
            if i == 0
            else words("Or, choice {number} (optional)", number=i + 1)
        )
        required = " required" if i == 0 else ""
        described = invalid or ' aria-describedby="times-hint"'
        fields.append(
            f'<label for="time{i + 1}">{_e(label)}</label>'
            f'<input type="datetime-local" id="time{i + 1}" name="time{i + 1}" '
            f'value="{_e(value)}"{required}{described}>'
        )
    return (
        '<section aria-labelledby="another-heading">'
        f'<h2 id="another-heading">{_e(words("Ask for another time"))}</h2>'
        '<p class="hint" id="times-hint">'
        + _e(
            words(
                "Times are in {zone}; give up to {count}. Dispatch answers by e-mail.",
                zone=zone.key,
                count=MAX_PROPOSED,
            )
        )
        + "</p>"
        f'{error}<form method="post">{token}'
        '<input type="hidden" name="action" value="another_time">'
        + "".join(fields)
        + f'<label for="note">{_e(words("A note for us (optional)"))}</label>'
        f'<textarea id="note" name="note" maxlength="{MAX_NOTE}">{_e(form.note)}</textarea>'
        + f'<button type="submit">{_e(words("Ask for another time"))}</button></form></section>'
    )
