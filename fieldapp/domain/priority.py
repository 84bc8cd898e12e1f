"""A visit's priority, worked out from its impact and urgency by the supervisors' matrix, with
VIP as an explicit override: never typed, never taken from a person's title alone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from fieldapp.domain.errors import DomainError
from fieldapp.domain.words import QT_TRANSLATE_NOOP

LEVELS = ("low", "medium", "high")  # impact (how many, how badly) and urgency (how soon)
PRIORITIES = ("low", "normal", "high", "critical")  # protocol.Priority's values, in order
VIP_PRIORITY = "critical"
DEFAULT_LEVEL = "medium"


# An impact or urgency level as a sentence names it; the UI says these in the "Level" context.
LEVEL_NAMES = {
    "low": QT_TRANSLATE_NOOP("Level", "Low"),
    "medium": QT_TRANSLATE_NOOP("Level", "Medium"),
    "high": QT_TRANSLATE_NOOP("Level", "High"),
}


class InvalidMatrix(DomainError):
    """A proposed priority matrix is incomplete or ranks a worse problem lower.

    Its template is marked in the "Rules" context; its values are level names (LEVEL_NAMES),
    which the UI translates in `values_context`."""

    values_context: ClassVar[str] = "Level"


# impact -> urgency -> priority: the ITIL-style grid a supervisor starts from.
Matrix = Mapping[str, Mapping[str, str]]
DEFAULT_MATRIX: dict[str, dict[str, str]] = {
    "high": {"high": "critical", "medium": "high", "low": "normal"},
    "medium": {"high": "high", "medium": "normal", "low": "low"},
    "low": {"high": "normal", "medium": "low", "low": "low"},
}


def work_out(matrix: Matrix, impact: str, urgency: str, *, vip: bool = False) -> str:
    """The priority of a visit with this impact and urgency; a VIP visit is VIP_PRIORITY
    whatever the grid says (the override is a field of its own, shown as such)."""
    if vip:
        return VIP_PRIORITY
    return matrix[impact][urgency]


def check_matrix(cells: object) -> dict[str, dict[str, str]]:
    """Return a clean copy of a proposed matrix, or raise InvalidMatrix with the sentence.

    Every impact and urgency has a priority, and more impact or more urgency never gives a
    lower priority (a grid where it did would rank a worse problem below a lesser one).
    """
    if not isinstance(cells, Mapping) or set(cells) != set(LEVELS):
        raise InvalidMatrix(
            "invalid_matrix",
            QT_TRANSLATE_NOOP("Rules", "The matrix needs a row for each impact: {levels}."),
            {"levels": ", ".join(LEVELS)},
        )
    clean: dict[str, dict[str, str]] = {}
    for impact in LEVELS:
        row = cells[impact]
        if not isinstance(row, Mapping) or set(row) != set(LEVELS):
            raise InvalidMatrix(
                "invalid_matrix",
                QT_TRANSLATE_NOOP(
                    "Rules",
                    "The row for impact \u201c{impact}\u201d needs a priority for each urgency: "
                    "{levels}.",
                ),
                {"impact": LEVEL_NAMES[impact], "levels": ", ".join(LEVELS)},
            )
        clean[impact] = {}
        for urgency in LEVELS:
            value = row[urgency]
            if value not in PRIORITIES:
                raise InvalidMatrix(
                    "invalid_matrix",
                    QT_TRANSLATE_NOOP(
                        "Rules",
                        "Impact \u201c{impact}\u201d, urgency \u201c{urgency}\u201d: the "
                        "priority must be one of {priorities}.",
                    ),
                    {
                        "impact": LEVEL_NAMES[impact],
                        "urgency": LEVEL_NAMES[urgency],
                        "priorities": ", ".join(PRIORITIES),
                    },
                )
            clean[impact][urgency] = str(value)
    _check_order(clean)
    return clean


def _rank(priority: str) -> int:
    return PRIORITIES.index(priority)


def _check_order(matrix: Matrix) -> None:
    for i, impact in enumerate(LEVELS):
        for j, urgency in enumerate(LEVELS):
            here = _rank(matrix[impact][urgency])
            if j and here < _rank(matrix[impact][LEVELS[j - 1]]):
                raise InvalidMatrix(
                    "invalid_matrix",
                    QT_TRANSLATE_NOOP(
                        "Rules",
                        "With impact \u201c{impact}\u201d, urgency \u201c{urgency}\u201d gives "
                        "a lower priority than urgency \u201c{lower}\u201d: more urgency never "
                        "lowers the priority.",
                    ),
                    {
                        "impact": LEVEL_NAMES[impact],
                        "urgency": LEVEL_NAMES[urgency],
                        "lower": LEVEL_NAMES[LEVELS[j - 1]],
                    },
                )
            if i and here < _rank(matrix[LEVELS[i - 1]][urgency]):
                raise InvalidMatrix(
                    "invalid_matrix",
                    QT_TRANSLATE_NOOP(
                        "Rules",
                        "With urgency \u201c{urgency}\u201d, impact \u201c{impact}\u201d gives "
                        "a lower priority than impact \u201c{lower}\u201d: more impact never "
                        "lowers the priority.",
                    ),
                    {
                        "impact": LEVEL_NAMES[impact],
                        "urgency": LEVEL_NAMES[urgency],
                        "lower": LEVEL_NAMES[LEVELS[i - 1]],
                    },
                )


def inputs_for(priority: str) -> tuple[str, str]:
    """The (impact, urgency) that give `priority` in the default matrix, nearest to medium
    and medium (the higher impact on a tie): what a visit whose priority was typed before the
    matrix existed is given (server migration 0013, the demo)."""
    pairs = [
        (abs(i - 1) + abs(u - 1), -i, impact, urgency)
        for i, impact in enumerate(LEVELS)
        for u, urgency in enumerate(LEVELS)
        if DEFAULT_MATRIX[impact][urgency] == priority
    ]
    if not pairs:
        raise ValueError(f"not a priority: {priority!r}")
    _, _, impact, urgency = min(pairs)
    return impact, urgency
