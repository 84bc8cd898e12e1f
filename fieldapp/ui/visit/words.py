"""The domain's words on screen: its refusals and the promises it words, in the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.domain.errors import DomainError
from fieldapp.domain.state import Promise
from fieldapp.ui.codes import team_words


def domain_sentence(error: DomainError) -> str:
    """A refusal of the rules (or the cache) as the user reads it: its template translated
    in its context, then filled in with its values."""
    template = QCoreApplication.translate(error.context, error.template)
    if not error.values:
        return template
    try:
        return template.format(**error.values)
    except (KeyError, IndexError, ValueError):  # a catalogue that lost a field: say it in English
        return error.message


def refusal_sentence(error: Exception) -> str:
    """Why a write did not happen: the domain's sentence, or what went wrong."""
    if isinstance(error, DomainError):
        return domain_sentence(error)
    return QCoreApplication.translate("Refusal", "Nothing was recorded: {error}").format(
        error=error
    )


def promise_words(promise: Promise) -> str:
    """What a promise says: the app's own words translated, the technician's as written."""
    if not promise.template:
        return promise.description
    text = QCoreApplication.translate("Promises", promise.template)
    values = dict(promise.values)
    if "team" in values:  # an escalation's: a listed team is a code (fieldapp.domain.codes)
        values["team"] = team_words(values["team"])
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return promise.description


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """QCoreApplication.translate, for code outside a QObject: lupdate reads its literal
    context and text (`translate("Context", "text")`) as it reads Qt's own.

    A counted text (`n` given, "%n visit(s)") reads right in English too, where no catalogue
    gives its forms: "(s)" becomes "s" but for one."""
    said = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(s)" in said:
        said = said.replace("(s)", "" if n == 1 else "s")
    return said
