"""The store's and the sync's sentences (written outside Qt as templates with their values
apart, marked with QT_TRANSLATE_NOOP) said in the app's language where the UI shows them."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from fieldapp.store.feed_news import server_words


def said(context: str, template: str, values: Mapping[str, object] | None = None) -> str:
    """`template` translated in `context`, its `{name}`s filled from `values`; a template the
    catalogue lacks (a server's own sentence) is shown as it is."""
    text = QCoreApplication.translate(context, template)
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: English
        return template.format(**values)


def error_text(error: BaseException | str) -> str:
    """The sentence of an error for the user, in the app's language: a SyncError's or a
    DomainError's (the rules', the cache's) template translated in its context and filled
    in; another error's own words."""
    if isinstance(error, str):
        return error
    template = getattr(error, "template", None)
    context = getattr(error, "context", None)
    message = getattr(error, "message", None)
    if not isinstance(context, str):
        return message if isinstance(message, str) else str(error)
    if not isinstance(template, str):
        template = message if isinstance(message, str) else str(error)
    values = dict(getattr(error, "values", None) or {})
    inner = getattr(error, "values_context", None)
    if isinstance(inner, str):  # values that are sentences of their own (a cause, a remedy)
        values = {
            name: QCoreApplication.translate(inner, value) if isinstance(value, str) else value
            for name, value in values.items()
        }
    return said(context, template, values)


def server_sentence(message: str | None) -> str:
    """The server's sentence on a visit taken off the round, in the app's language."""
    template, values = server_words(message)
    return said("FeedNews", template, values)
