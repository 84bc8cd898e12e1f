"""The technician's settings kept between starts (CA bundle, language, sync interval) and the
server clients made with them; the theme is theme.py's own setting, the server address the
cache's account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from fieldapp.sync import ServerClient
from fieldapp.ui.languages import ENGLISH
from fieldapp.ui.round_sync import AUTO_SYNC_MS
from fieldapp.ui.window_place import app_settings

CA_BUNDLE_KEY = "connection/ca_bundle"
LANGUAGE_KEY = "view/language"
SYNC_MINUTES_KEY = "sync/interval_minutes"
DEFAULT_SYNC_MINUTES = AUTO_SYNC_MS // 60_000
# Minutes between automatic syncs the technician can choose: under a minute would only load
# the server; past an hour a colleague's change waits too long (F5 syncs at any time).
SYNC_MINUTES = (1, 2, 5, 10, 15, 30, 60)
PROBE_TIMEOUT = (3.0, 5.0)
# When the round offers the end-of-day list (fieldapp.ui.end_of_day): "HH:MM", or "off".
END_OF_DAY_KEY = "round/end_of_day"
DEFAULT_END_OF_DAY = "17:00"
END_OF_DAY_OFF = "off"


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the settings dialog changes (besides the theme and the server address)."""

    ca_bundle: str = ""  # a PEM file of CA certificates trusted besides the OS store
    language: str = ENGLISH  # a code of languages.available_languages()
    sync_minutes: int = DEFAULT_SYNC_MINUTES
    end_of_day: str = DEFAULT_END_OF_DAY  # "HH:MM" the end-of-day list comes, or "off"

    @property
    def sync_ms(self) -> int:
        return self.sync_minutes * 60_000


def _clock_time(text: str) -> bool:
    """Whether `text` is a time of day written HH:MM."""
    hours, _, minutes = text.partition(":")
    return (
        len(hours) == 2 == len(minutes)
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    )


def load_preferences() -> Preferences:
    """The settings kept last time; a value edited by hand into nonsense falls back."""
    settings = app_settings()
    ca_bundle = settings.value(CA_BUNDLE_KEY, "")
    language = settings.value(LANGUAGE_KEY, ENGLISH)
    minutes = settings.value(SYNC_MINUTES_KEY, DEFAULT_SYNC_MINUTES)
    try:
        sync_minutes = int(str(minutes))
    except ValueError:
        sync_minutes = DEFAULT_SYNC_MINUTES
    end_of_day = str(settings.value(END_OF_DAY_KEY, DEFAULT_END_OF_DAY) or DEFAULT_END_OF_DAY)
    if end_of_day != END_OF_DAY_OFF and not _clock_time(end_of_day):
        end_of_day = DEFAULT_END_OF_DAY
    return Preferences(
        end_of_day=end_of_day,
        ca_bundle=ca_bundle if isinstance(ca_bundle, str) else "",
        language=language if isinstance(language, str) and language else ENGLISH,
        sync_minutes=sync_minutes if sync_minutes in SYNC_MINUTES else DEFAULT_SYNC_MINUTES,
    )


def end_of_day_time(value: object) -> time | None:
    """The time kept in the settings (the default when none is), or None when switched off."""
    text = str(value or "").strip()
    if text == END_OF_DAY_OFF:
        return None
    try:
        return time.fromisoformat(text or DEFAULT_END_OF_DAY)
    except ValueError:
        return time.fromisoformat(DEFAULT_END_OF_DAY)


def save_preferences(preferences: Preferences) -> None:
    settings = app_settings()
    settings.setValue(CA_BUNDLE_KEY, preferences.ca_bundle)
    settings.setValue(LANGUAGE_KEY, preferences.language)
    settings.setValue(SYNC_MINUTES_KEY, preferences.sync_minutes)
    settings.setValue(END_OF_DAY_KEY, preferences.end_of_day)
    settings.sync()


class Clients:
    """Makes the app's server clients, trusting the CA bundle of the settings (when it
    changes, the next client made trusts the new one)."""

    def __init__(self, ca_bundle: str = "") -> None:
        self.ca_bundle = ca_bundle

    def __call__(self, url: str) -> ServerClient:
        return ServerClient(url, ca_bundle=self.ca_bundle or None)

    def probe(self, url: str) -> object:
        """Check the server answers (GET /info, no login); raises if it does not."""
        with ServerClient(
            url, timeout=PROBE_TIMEOUT, retries=0, ca_bundle=self.ca_bundle or None
        ) as client:
            return client.info()
