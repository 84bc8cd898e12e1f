"""The customer's loop's events told in a few words (fieldapp.domain.customer), for the
technician's timeline and the supervisor's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.domain import EventType
from fieldapp.ui.visit.steps import CHANNEL_WORDS, said
from fieldapp.ui.visit.widgets import local_time

translate = QCoreApplication.translate


def _when(value: object) -> str:
    try:
        return local_time(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _line(value: object) -> str:
    return " ".join(str(value).split())


def customer_details(event_type: EventType, payload: Mapping[str, Any]) -> str:
    """A few words of a user_replied, time_request_answered, on_my_way or day_end_update."""
    if event_type is EventType.USER_REPLIED:
        note = _line(payload.get("note", ""))
        if payload.get("answer") == "another_time":
            times = ", ".join(_when(t) for t in payload.get("proposed_times", ()))
            answer = translate("CustomerWords", "Asks for another time: {times}").format(
                times=times
            )
        else:
            answer = translate("CustomerWords", "Confirmed the time")
        return answer + (f" \u2014 \u201c{note}\u201d" if note else "")
    if event_type is EventType.TIME_REQUEST_ANSWERED:
        reason = _line(payload.get("reason", ""))
        if payload.get("accepted"):
            moved = translate("CustomerWords", "Moved to {when}").format(
                when=_when(payload.get("window_start", ""))
            )
            return f"{moved} \u2014 {reason}"
        return translate("CustomerWords", "Declined: {reason}").format(reason=reason)
    if event_type is EventType.ON_MY_WAY:
        late = int(payload.get("late_minutes", 0) or 0)
        told = (
            translate("CustomerWords", "Running {late} min late").format(late=late)
            if late
            else translate("CustomerWords", "On my way")
        )
        return f"{told}: {_line(payload.get('message', ''))}"
    channel = str(payload.get("channel", ""))
    how = said(CHANNEL_WORDS.get(channel, channel))
    return f"{how}: {_line(payload.get('message', ''))} \u2014 " + translate(
        "CustomerWords", "next: {step}"
    ).format(step=_line(payload.get("next_step", "")))
