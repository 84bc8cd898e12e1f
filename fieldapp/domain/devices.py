"""The user's device: asset tags, the asset list's rows, whose a device is, and its history.

A visit names the device it is about by a `device_attached` event (typed, scanned or read by
the camera); the asset list (imported by supervisors) says what a tag is and whose. The
history shown on a visit is the earlier visits of that device and of that person, each told
by what was diagnosed, fixed, which parts moved and what was promised (`past_visit`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fieldapp.domain.errors import DomainError
from fieldapp.domain.event_types import Event, EventType
from fieldapp.domain.fields import MAX_SHORT, refuse, unstorable_reason
from fieldapp.domain.payloads_desk import NO_REPAIR_OUTCOMES
from fieldapp.domain.payloads_visit import SOURCE_CATEGORIES
from fieldapp.domain.words import QT_TRANSLATE_NOOP

MAX_TAG = 64
# The asset list's fields, in the order a CSV file's header may give them.
ASSET_FIELDS = ("asset_tag", "hostname", "serial", "model", "owner", "owner_email")
# How a tag reached the visit: typed by hand, a USB scanner (keys ending in Enter), the
# laptop's camera, or picked from the devices the asset list gives the visit's user.
ATTACHED_HOW = ("typed", "scanner", "camera", "listed")
# The visit window says how many earlier visits fell in this many days.
RECENT_DAYS = 90
# What the server sends a laptop per visit of its round: at most this many earlier visits of
# the device and of the person each, from at most this far back (the cache stays small).
HISTORY_DAYS = 365
HISTORY_PER_VISIT = 10
# A tag is letters, digits and a few separators; a scanner's prefix or stray spaces go.
_TAG = re.compile(r"[A-Z0-9][A-Z0-9._/:#-]*")


class InvalidAsset(DomainError):
    """An asset tag or an asset list row that cannot be kept."""


def normalize_tag(raw: object) -> str:
    """The tag as it is kept and compared: trimmed, upper case, inner spaces removed.

    Raises:
        InvalidAsset: not text, empty, too long, or holding characters no tag has.
    """
    if not isinstance(raw, str):
        raise InvalidAsset("invalid_asset_tag", QT_TRANSLATE_NOOP("Rules", "An asset tag is text."))
    tag = "".join(raw.split()).upper()
    if not tag:
        raise InvalidAsset(
            "invalid_asset_tag", QT_TRANSLATE_NOOP("Rules", "The asset tag is empty.")
        )
    if len(tag) > MAX_TAG:
        raise InvalidAsset(
            "invalid_asset_tag",
            QT_TRANSLATE_NOOP("Rules", "An asset tag is at most {limit} characters long."),
            {"limit": MAX_TAG},
        )
    if not _TAG.fullmatch(tag):
        raise InvalidAsset(
            "invalid_asset_tag",
            QT_TRANSLATE_NOOP(
                "Rules", "'{tag}' is not an asset tag (letters, digits and . _ / : # - only)."
            ),
            {"tag": tag[:MAX_TAG]},
        )
    return tag


# A USB scanner types a tag as keys a few milliseconds apart and presses Enter; a person
# types far slower. Keys closer than this on average (over at least SCANNED_KEYS) are a scan.
SCANNED_KEYS = 4
SCANNED_SECONDS_PER_KEY = 0.04


def looks_scanned(keys: int, seconds: float) -> bool:
    """Whether `keys` keystrokes over `seconds` (first to Enter) came from a scanner."""
    return keys >= SCANNED_KEYS and seconds <= SCANNED_SECONDS_PER_KEY * (keys - 1)


def tag_checker(name: str, value: object) -> object:
    """The payload checker of an asset tag (fieldapp.domain.fields.Checker)."""
    try:
        return normalize_tag(value)
    except InvalidAsset:
        raise refuse(
            QT_TRANSLATE_NOOP(
                "Rules",
                "The field '{name}' holds no asset tag (letters, digits and . _ / : # -, at "
                "most {limit} characters).",
            ),
            name,
            limit=MAX_TAG,
        ) from None


def person_key(name: str | None, email: str | None = None) -> str | None:
    """Who a visit's customer or an asset's owner is, for matching one to the other: the
    e-mail address when there is one, else the name, both without case or extra spaces."""
    if email and email.strip():
        return email.strip().casefold()
    if name and name.strip():
        return " ".join(name.split()).casefold()
    return None


@dataclass(frozen=True, slots=True)
class Asset:
    """One device of the asset list."""

    asset_tag: str
    hostname: str = ""
    serial: str = ""
    model: str = ""
    owner: str = ""
    owner_email: str = ""

    @property
    def owner_key(self) -> str | None:
        return person_key(self.owner, self.owner_email)


def check_asset_rows(
    rows: Sequence[tuple[str, object]],
) -> tuple[list[Asset], list[str]]:
    """The rows of an asset list (each with where it is: "line 3", "item 2") as assets, and
    a sentence for each bad row; a caller imports nothing while there is any problem.

    A row is an object whose fields are ASSET_FIELDS (asset_tag required, the rest text); a
    tag given twice in the list is a problem on its second row.
    """
    assets: list[Asset] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for where, raw in rows:
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: must be an object with the device's fields")
            continue
        unknown = sorted(str(k) for k in raw if k not in ASSET_FIELDS)
        if unknown:
            problems.append(f"{where}: '{unknown[0][:64]}' is not an asset field")
            continue
        values: dict[str, str] = {}
        bad = None
        for name in ASSET_FIELDS[1:]:
            value = raw.get(name)
            if value is None:
                continue
            bad = _field_problem(value)
            if bad:
                problems.append(f"{where}, field '{name}': {bad}")
                break
            values[name] = " ".join(str(value).split())
        if bad:
            continue
        if raw.get("asset_tag") in (None, ""):
            problems.append(f"{where}, field 'asset_tag': is missing")
            continue
        try:
            tag = normalize_tag(raw["asset_tag"])
        except InvalidAsset as error:
            problems.append(f"{where}, field 'asset_tag': {error.message.rstrip('.')}")
            continue
        if tag in seen:
            problems.append(f"{where}, field 'asset_tag': '{tag}' repeats {seen[tag]}")
            continue
        seen[tag] = where
        assets.append(Asset(asset_tag=tag, **values))
    return assets, problems


def _field_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    reason = unstorable_reason(value)
    if reason is not None:
        return reason
    if len(value) > MAX_SHORT:
        return f"is longer than {MAX_SHORT} characters"
    return None


def attached_device(history: Iterable[Event]) -> str | None:
    """The asset tag the visit names now: its latest device_attached event's."""
    tag = None
    for event in history:
        if event.type is EventType.DEVICE_ATTACHED:
            tag = str(event.payload["asset_tag"])
    return tag


# The lines of an earlier visit's work are built from these English templates (the server
# sends them as text, and older laptops show them so); `history_words` reads one back into
# its template and values, which the UI says in its language (context "DeviceHistory") with
# the category, outcome and team in it translated too.
HISTORY_CONTEXT = "DeviceHistory"
DIAGNOSIS_LINE = QT_TRANSLATE_NOOP("DeviceHistory", "{category}: {findings}")
NO_REPAIR_LINE = QT_TRANSLATE_NOOP("DeviceHistory", "{outcome}: {explanation}")
ESCALATED_LINE = QT_TRANSLATE_NOOP("DeviceHistory", "escalated to {team}: {reason}")
PROMISE_KEPT_LINE = QT_TRANSLATE_NOOP("DeviceHistory", "{promise} (kept)")
PROMISE_OPEN_LINE = QT_TRANSLATE_NOOP("DeviceHistory", "{promise} (open)")
_ESCALATED = re.compile(r"escalated to (?P<team>[^:]*): (?P<reason>.*)", re.DOTALL)
_PROMISE = re.compile(r"(?P<promise>.*) \((?P<state>kept|open)\)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class PastVisitWork:
    """What an earlier visit did, as its events say: the latest diagnosis (source and
    findings), the fix (the resolution's explanation or the no-repair close's), the parts
    borrowed and what was promised (kept or not)."""

    diagnosis: str = ""
    fix: str = ""
    parts: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()


def past_visit(history: Sequence[Event]) -> PastVisitWork:
    """What an earlier visit did, from its events in recorded order."""
    diagnosis = fix = ""
    parts: list[str] = []
    made: dict[str, str] = {}
    kept: set[str] = set()
    for event in history:
        payload: Mapping[str, Any] = event.payload
        kind = event.type
        if kind is EventType.DIAGNOSED:
            diagnosis = DIAGNOSIS_LINE.format(
                category=payload["source_category"], findings=_line(payload["findings"])
            )
            parts.extend(str(p) for p in payload.get("borrowed_parts", ()) if p not in parts)
        elif kind is EventType.RESOLVED:
            fix = _line(payload["explanation"])
        elif kind is EventType.CLOSED_WITHOUT_REPAIR:
            fix = NO_REPAIR_LINE.format(
                outcome=payload["outcome"], explanation=_line(payload["explanation"])
            )
        elif kind is EventType.ESCALATED and not fix:
            fix = ESCALATED_LINE.format(
                team=_line(payload["team"]), reason=_line(payload["reason"])
            )
        elif kind is EventType.PART_BORROWED and payload["part"] not in parts:
            parts.append(str(payload["part"]))
        elif kind is EventType.PROMISE_MADE:
            made[str(payload["promise_id"])] = _line(payload["description"])
        elif kind is EventType.PROMISE_KEPT:
            kept.add(str(payload["promise_id"]))
    promises = tuple(
        (PROMISE_KEPT_LINE if key in kept else PROMISE_OPEN_LINE).format(promise=text)
        for key, text in made.items()
    )
    return PastVisitWork(diagnosis, fix, tuple(parts), promises)


def history_words(line: str, part: str) -> tuple[str, dict[str, str]]:
    """One line of PastVisitWork (`part`: "diagnosis", "fix" or "promise") read back as the
    template it was built from and its values; a line that is none of them (a resolution's
    own words) is "{said}" with the line as it is, so braces in it are never fields.

    A category or an outcome is read back only when it is one of the codes, so a technician's
    sentence that happens to hold a colon stays whole."""
    if part == "diagnosis":
        category, colon, findings = line.partition(": ")
        if colon and category in SOURCE_CATEGORIES:
            return DIAGNOSIS_LINE, {"category": category, "findings": findings}
    elif part == "fix":
        outcome, colon, explanation = line.partition(": ")
        if colon and outcome in NO_REPAIR_OUTCOMES:
            return NO_REPAIR_LINE, {"outcome": outcome, "explanation": explanation}
        found = _ESCALATED.fullmatch(line)
        if found:
            return ESCALATED_LINE, found.groupdict()
    elif part == "promise":
        found = _PROMISE.fullmatch(line)
        if found:
            template = PROMISE_KEPT_LINE if found["state"] == "kept" else PROMISE_OPEN_LINE
            return template, {"promise": found["promise"]}
    return "{said}", {"said": line}


def _line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recent(times: Iterable[datetime], now: datetime, days: int = RECENT_DAYS) -> list[datetime]:
    """The times within `days` before `now` (and none after it), newest first."""
    since = now - timedelta(days=days)
    return sorted((t for t in times if since <= t <= now), reverse=True)
