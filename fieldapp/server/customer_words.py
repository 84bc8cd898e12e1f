"""The customer page's words in the user's language: English, or German when the browser
prefers it (its Accept-Language header).

The page is the server's, so it cannot use the laptop's Qt catalogues: its few sentences are
written here, English as the key and German beside it. A sentence with values keeps its
`{name}` fields in both; one the dictionary lacks is said in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from fieldapp.domain.customer import MAX_PROPOSED

ENGLISH_CODE, GERMAN_CODE = "en", "de"
LANGUAGES = (ENGLISH_CODE, GERMAN_CODE)

GERMAN: dict[str, str] = {
    # the page (fieldapp.server.customer_html)
    "Skip to the visit": "Zum Besuch springen",
    "IT Support": "IT-Support",
    "This page needs no login: keep the e-mail's link to yourself.": (
        "Diese Seite braucht keine Anmeldung: Geben Sie den Link aus der E-Mail nicht weiter."
    ),
    "Your IT support visit {reference}": "Ihr IT-Support-Besuch {reference}",
    "When": "Wann",
    "Where": "Wo",
    "Your desk": "Ihr Arbeitsplatz",
    "Who is coming": "Wer kommt",
    "{name}, from IT Support": "{name} vom IT-Support",
    "The problem": "Das Problem",
    "Status": "Status",
    "Not confirmed by you yet": "Von Ihnen noch nicht bestätigt",
    "Cancelled": "Abgesagt",
    "Closed": "Abgeschlossen",
    "You asked for another time; we will answer by e-mail": (
        "Sie haben um einen anderen Termin gebeten; wir antworten per E-Mail"
    ),
    "Confirmed by you": "Von Ihnen bestätigt",
    "The times you asked for:": "Die Termine, um die Sie gebeten haben:",
    "There is nothing left to answer on this visit.": (
        "Bei diesem Besuch gibt es nichts mehr zu beantworten."
    ),
    "This time suits me": "Dieser Termin passt mir",
    "Confirm this time": "Diesen Termin bestätigen",
    "First choice": "Erster Wunsch",
    "Or, choice {number} (optional)": "Oder Wunsch {number} (optional)",
    "Ask for another time": "Um einen anderen Termin bitten",
    "Times are in {zone}; give up to {count}. Dispatch answers by e-mail.": (
        "Zeiten in {zone}; bis zu {count} Angaben. Die Disposition antwortet per E-Mail."
    ),
    "A note for us (optional)": "Eine Nachricht an uns (optional)",
    "{day}, {start} to {end} ({zone})": "{day}, {start} bis {end} ({zone})",
    "{day}, {time}": "{day}, {time}",
    # the answers (fieldapp.server.routers.customer_page)
    "Thank you: the visit is confirmed.": "Vielen Dank: Der Besuch ist bestätigt.",
    "Thank you: we have your request and will answer by e-mail.": (
        "Vielen Dank: Wir haben Ihre Anfrage erhalten und antworten per E-Mail."
    ),
    "Link not valid": "Link ungültig",
    "This link is not valid, or it has expired. If you need to change your visit, please "
    "contact the service desk and quote your visit's reference.": (
        "Dieser Link ist ungültig oder abgelaufen. Wenn Sie Ihren Besuch ändern möchten, "
        "wenden Sie sich bitte an den Service-Desk und nennen Sie die Referenz Ihres Besuchs."
    ),
    "Too many requests": "Zu viele Anfragen",
    "Please wait a minute, then load the page again.": (
        "Bitte warten Sie eine Minute und laden Sie die Seite dann neu."
    ),
    "The answer could not be taken": "Die Antwort konnte nicht angenommen werden",
    "Please answer with the page's form.": "Bitte antworten Sie über das Formular der Seite.",
    "The answer is too long; please keep the note short.": (
        "Die Antwort ist zu lang; bitte fassen Sie die Nachricht kürzer."
    ),
    "The answer was not readable; please fill the form in again.": (
        "Die Antwort war nicht lesbar; bitte füllen Sie das Formular noch einmal aus."
    ),
    "This form is too old; please give your answer again.": (
        "Dieses Formular ist zu alt; bitte geben Sie Ihre Antwort noch einmal."
    ),
    "Please choose one of the two answers below.": (
        "Bitte wählen Sie eine der beiden Antworten unten."
    ),
    "The note is longer than {count} characters; please shorten it.": (
        "Die Nachricht ist länger als {count} Zeichen; bitte kürzen Sie sie."
    ),
    # the checks of an answer (fieldapp.server.customer)
    "Give at least one time that suits you.": (
        "Geben Sie mindestens einen Termin an, der Ihnen passt."
    ),
    f"Give at most {MAX_PROPOSED} times.": f"Geben Sie höchstens {MAX_PROPOSED} Termine an.",
    "Each time needs a date and a time of day, e.g. 2030-03-12 14:30.": (
        "Jeder Termin braucht ein Datum und eine Uhrzeit, z. B. 2030-03-12 14:30."
    ),
    "Each time must be in the future.": "Jeder Termin muss in der Zukunft liegen.",
    "Each time must be within a year from now.": (
        "Jeder Termin muss innerhalb eines Jahres von heute an liegen."
    ),
    "This link has been used for many answers already; please call the service desk.": (
        "Über diesen Link wurden schon viele Antworten gegeben; bitte rufen Sie den "
        "Service-Desk an."
    ),
    "This visit is closed, so there is nothing left to confirm.": (
        "Dieser Besuch ist abgeschlossen; es gibt nichts mehr zu bestätigen."
    ),
}

# Day and month names written out, not the server's C locale's (always English).
_DAYS = {
    ENGLISH_CODE: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    GERMAN_CODE: ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}
_MONTHS = {
    ENGLISH_CODE: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    GERMAN_CODE: (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}


def page_language(accept_language: str | None) -> str:
    """The page's language for a browser's Accept-Language header ("de-DE,de;q=0.9,en;q=0.8"):
    the first of the languages it lists, by preference, that the page has; English otherwise."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary and quality > 0:
            ranked.append((-quality, position, primary))
    for _, _, primary in sorted(ranked):
        if primary in LANGUAGES:
            return primary
    return ENGLISH_CODE


@dataclass(frozen=True, slots=True)
class PageWords:
    """The page's sentences and dates in one language ("en" or "de")."""

    language: str = ENGLISH_CODE

    def __call__(self, text: str, **values: object) -> str:
        """`text` (English, with `{name}` fields) in this language, filled in with `values`."""
        said = GERMAN.get(text, text) if self.language == GERMAN_CODE else text
        return said.format(**values) if values else said

    def day(self, moment: datetime) -> str:
        """'Tuesday 12 March 2030', 'Dienstag, 12. März 2030'."""
        weekday = _DAYS[self.language][moment.weekday()]
        month = _MONTHS[self.language][moment.month - 1]
        if self.language == GERMAN_CODE:
            return f"{weekday}, {moment.day}. {month} {moment.year}"
        return f"{weekday} {moment.day} {month} {moment.year}"

    def when(self, start: datetime, end: datetime, zone: ZoneInfo) -> str:
        """'Tuesday 12 March 2030, 10:00 to 10:30 (Europe/Berlin)', in the site's zone."""
        a, b = start.astimezone(zone), end.astimezone(zone)
        until = f"{b:%H:%M}" if a.date() == b.date() else self.moment(b, zone)
        return self(
            "{day}, {start} to {end} ({zone})",
            day=self.day(a),
            start=f"{a:%H:%M}",
            end=until,
            zone=zone.key,
        )

    def moment(self, moment: datetime, zone: ZoneInfo) -> str:
        """'Tuesday 12 March 2030, 15:30' in the site's zone."""
        m = moment.astimezone(zone)
        return self("{day}, {time}", day=self.day(m), time=f"{m:%H:%M}")


ENGLISH = PageWords(ENGLISH_CODE)
