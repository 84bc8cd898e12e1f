"""A mark for words the app shows that are written outside Qt (domain, store, sync): Qt's
lupdate collects them by this name, and the UI translates them where it shows them
(`QCoreApplication.translate(context, text)`)."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate looks for this name)
    """Return `text` unchanged; `context` groups it in the catalogue."""
    del context
    return text
