"""Values offered from a list and stored as codes, which every screen says in its own language:
the teams a visit is escalated to, and the users' skill levels.

The codes are the English words these fields always held, so the data already stored, the
server's mails and exports and older laptops read them as before; they are keys, never
reworded (a new wording is a new translation of the same code). Each is marked for the
catalogue in the "Codes" context; a value typed by hand, not on the list, is kept and shown
as typed.
"""

from __future__ import annotations

from fieldapp.domain.payloads_visit import SOURCE_CATEGORIES
from fieldapp.domain.words import QT_TRANSLATE_NOOP

# The teams the Escalate page offers (escalated.team); another team may be typed.
ESCALATION_TEAMS = (
    QT_TRANSLATE_NOOP("Codes", "Second line"),
    QT_TRANSLATE_NOOP("Codes", "Network"),
    QT_TRANSLATE_NOOP("Codes", "Hardware"),
    QT_TRANSLATE_NOOP("Codes", "Software"),
    QT_TRANSLATE_NOOP("Codes", "Security"),
    QT_TRANSLATE_NOOP("Codes", "Accounts and access"),
)
# The users' skill levels New visit offers (visits.skill_level); another may be typed.
SKILL_LEVELS = (
    QT_TRANSLATE_NOOP("Codes", "new to computers"),
    QT_TRANSLATE_NOOP("Codes", "everyday user"),
    QT_TRANSLATE_NOOP("Codes", "confident user"),
    QT_TRANSLATE_NOOP("Codes", "IT professional"),
)
CODES_CONTEXT = "Codes"


def source_category_code(category: str | None) -> str | None:
    """The diagnosis's source category (fieldapp.domain.events.SOURCE_CATEGORIES) a visit's
    category names, if it names one: dispatch types the category, and often types one of
    them ("software", "User knowledge"); None for any other text, which is shown as typed."""
    code = (category or "").strip().lower().replace(" ", "_")
    return code if code in SOURCE_CATEGORIES else None
