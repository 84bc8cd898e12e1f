"""Dates, times and counts as the app's language writes them (QLocale), never strftime: the
round's windows, the status bar's last sync, the news list's times, the report's dates."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone

translate = QCoreApplication.translate


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(moment: datetime) -> QTime:
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return QTime(local.hour, local.minute, local.second)


def clock(moment: datetime) -> str:
    """The local time of day: "14:05" (the patterns are the catalogue's, the names the
    locale's, so a language can write "14.05 Uhr")."""
    return QLocale().toString(_qtime(moment), translate("Moments", "HH:mm"))


def short_day(day: date) -> str:
    """A day near today: "Wed 26 Nov" ("Mi. 26. Nov.")."""
    return QLocale().toString(_qdate(day), translate("Moments", "ddd d MMM"))


def weekday(day: date) -> str:
    """The day's name: "Wednesday"."""
    return QLocale().dayName(_qdate(day).dayOfWeek(), QLocale.FormatType.LongFormat)


def long_day(day: date) -> str:
    """A day in full: "Wednesday 26 November 2026"."""
    return QLocale().toString(_qdate(day), translate("Moments", "dddd d MMMM yyyy"))


def day_and_time(moment: datetime) -> str:
    """ "Wednesday 26 November, 14:05" (local time)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    day = QLocale().toString(_qdate(local.date()), translate("Moments", "dddd d MMMM"))
    return translate("Moments", "{day}, {time}").format(day=day, time=clock(local))


def moment_text(moment: datetime) -> str:
    """A moment with its date, for records (the report, About): the locale's own form."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    stamp = QDateTime(_qdate(local.date()), _qtime(local), QTimeZone.systemTimeZone())
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def counted(count: int, one: str, many: str, **values: object) -> str:
    """`one` or `many` (each already translated, with a {count}) for `count`, filled in.

    Two messages rather than one with %n (docs/languages.md): the app ships no English
    catalogue, so a %n message would read "2 file(s)" in English."""
    return (one if count == 1 else many).format(count=QLocale().toString(count), **values)
