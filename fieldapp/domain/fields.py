"""Payload field checkers and the limits every stored record keeps to (text, times, hashes)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fieldapp.domain.errors import InvalidEvent
from fieldapp.domain.words import QT_TRANSLATE_NOOP

MAX_TEXT = 20_000
MAX_SHORT = 500
MAX_LIST = 50
USERNAME_MAX = 64  # as the server's users.username column

_SHA256 = re.compile(r"[0-9a-f]{64}")
# Characters no database text column can hold: NUL (PostgreSQL refuses it) and the UTF-16
# surrogates (a JSON "\ud800" escape with no partner decodes to one; it has no UTF-8 form).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The times any record may carry: far enough out for a laptop with a wrong clock, near
# enough that moving them by a day or a time zone never leaves what datetime can hold.
EARLIEST_TIME = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2200, 1, 1, tzinfo=UTC)


def unstorable_reason(text: str) -> str | None:
    """Why `text` cannot be stored (a NUL or a lone surrogate), or None if it can."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character"
    return "contains a lone UTF-16 surrogate (not a character)"


def time_out_of_range(moment: datetime) -> bool:
    """True if the aware `moment` is outside [EARLIEST_TIME, LATEST_TIME)."""
    return not EARLIEST_TIME <= moment < LATEST_TIME


# --- field checkers: each returns the cleaned value or raises InvalidEvent ---------------

Checker = Callable[[str, object], object]


def fail(name: str, what: str) -> InvalidEvent:
    """The field refused, `what` ending the sentence (English only: prefer `refuse`)."""
    return InvalidEvent("invalid_payload", f"The field '{name}' {what}.")


def refuse(sentence: str, name: str, **values: object) -> InvalidEvent:
    """The field refused in a whole sentence marked for translation ("Rules"), `{name}` and
    the other values kept apart so a screen can say it in its language."""
    return InvalidEvent("invalid_payload", sentence, {"name": name, **values})


def text(max_len: int, *, allow_empty: bool = False) -> Checker:
    def check(name: str, value: object) -> object:
        if not isinstance(value, str):
            raise refuse(QT_TRANSLATE_NOOP("Rules", "The field '{name}' must be text."), name)
        found = UNSTORABLE.search(value)
        if found is not None and found.group() == "\x00":
            raise refuse(
                QT_TRANSLATE_NOOP("Rules", "The field '{name}' contains a NUL character."), name
            )
        if found is not None:
            raise refuse(
                QT_TRANSLATE_NOOP(
                    "Rules",
                    "The field '{name}' contains a lone UTF-16 surrogate (not a character).",
                ),
                name,
            )
        if not allow_empty and not value.strip():
            raise refuse(QT_TRANSLATE_NOOP("Rules", "The field '{name}' must not be empty."), name)
        if len(value) > max_len:
            raise refuse(
                QT_TRANSLATE_NOOP("Rules", "The field '{name}' is longer than {limit} characters."),
                name,
                limit=max_len,
            )
        return value

    return check


def choice(values: tuple[str, ...]) -> Checker:
    def check(name: str, value: object) -> object:
        if value not in values:
            raise refuse(
                QT_TRANSLATE_NOOP("Rules", "The field '{name}' must be one of: {values}."),
                name,
                values=", ".join(values),
            )
        return value

    return check


def boolean(name: str, value: object) -> object:
    if not isinstance(value, bool):
        raise refuse(QT_TRANSLATE_NOOP("Rules", "The field '{name}' must be true or false."), name)
    return value


def int_range(low: int, high: int) -> Checker:
    def check(name: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise refuse(
                QT_TRANSLATE_NOOP(
                    "Rules", "The field '{name}' must be a whole number from {low} to {high}."
                ),
                name,
                low=low,
                high=high,
            )
        return value

    return check


def when(name: str, value: object) -> object:
    not_a_time = QT_TRANSLATE_NOOP(
        "Rules", "The field '{name}' must be a date and time in ISO 8601 form."
    )
    if not isinstance(value, str) or len(value) > 64:
        raise refuse(not_a_time, name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise refuse(not_a_time, name) from None
    if parsed.tzinfo is None:
        raise refuse(
            QT_TRANSLATE_NOOP("Rules", "The field '{name}' must include a time zone."), name
        )
    if time_out_of_range(parsed):
        raise refuse(
            QT_TRANSLATE_NOOP(
                "Rules", "The field '{name}' must be between the years 1900 and 2199."
            ),
            name,
        )
    return value


def sha256(name: str, value: object) -> object:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise refuse(
            QT_TRANSLATE_NOOP(
                "Rules", "The field '{name}' must be a SHA-256 hash in lower-case hex."
            ),
            name,
        )
    return value


def text_list(name: str, value: object) -> object:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise refuse(
            QT_TRANSLATE_NOOP(
                "Rules", "The field '{name}' must be a list of at most {limit} texts."
            ),
            name,
            limit=MAX_LIST,
        )
    return [text(MAX_SHORT)(f"{name}[{i}]", item) for i, item in enumerate(value)]


def options(name: str, value: object) -> object:
    if not isinstance(value, list) or not 2 <= len(value) <= 10:
        raise refuse(
            QT_TRANSLATE_NOOP(
                "Rules",
                "The field '{name}' must list between 2 and 10 options (one option is not a "
                "choice).",
            ),
            name,
        )
    keys: set[str] = set()
    cleaned = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - {"key", "description", "minutes"}:
            raise refuse(
                QT_TRANSLATE_NOOP(
                    "Rules", "The field '{name}' must have key, description and minutes."
                ),
                f"{name}[{i}]",
            )
        key = text(64)(f"{name}[{i}].key", item.get("key"))
        description = text(MAX_SHORT)(f"{name}[{i}].description", item.get("description"))
        minutes = int_range(0, 10_000)(f"{name}[{i}].minutes", item.get("minutes"))
        if key in keys:
            raise refuse(
                QT_TRANSLATE_NOOP("Rules", "The field '{name}' has the key '{key}' twice."),
                name,
                key=key,
            )
        keys.add(str(key))
        cleaned.append({"key": key, "description": description, "minutes": minutes})
    return cleaned


# field name -> (checker, required)
PayloadSpec = dict[str, tuple[Checker, bool]]
