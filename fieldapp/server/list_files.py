"""An uploaded list (CSV or JSON) read row by row, each bad row named: what the visit import
and the asset import share."""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Sequence

from fieldapp.server.errors import ApiError

MAX_IMPORT_ERRORS = 10
MAX_IMPORT_DETAILS = 100


class ListImportError(ApiError):
    """A list that cannot be imported; `problems` names each bad row and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:MAX_IMPORT_ERRORS])
        more = len(problems) - len(shown)
        text = "Nothing was imported: " + "; ".join(shown)
        if more > 0:
            text += f"; and {more} more problem(s)"
        details = [{"msg": problem} for problem in problems[:MAX_IMPORT_DETAILS]]
        super().__init__(422, "invalid_import", text + ".", details=details)
        self.problems = list(problems)


def read_list(
    text: str,
    kind: str,
    *,
    name: str,
    fields: Collection[str],
    items: str,
    field_word: str,
    error: type[ListImportError] = ListImportError,
    required: str | None = None,
    strip_header: bool = False,
) -> list[tuple[str, object]]:
    """The rows of a list's text, each with where it is ("line 3", "item 2").

    `kind` is "csv" (a header row of `fields`, each at most once, `required` among them) or
    "json" (a list of objects). `items` and `field_word` word the refusals ("visits", "a
    visit field").

    Raises:
        `error`: the text is not such a list.
    """
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as problem:
            raise error([f"{name} is not valid JSON: {problem}"]) from None
        except RecursionError:  # the parser's own guard against a stack overflow
            raise error([f"{name} nests lists or objects too deeply"]) from None
        if not isinstance(data, list):
            raise error([f"{name} must hold a JSON list of {items}"])
        return [(f"item {i}", item) for i, item in enumerate(data, start=1)]
    reader = csv.DictReader(text.splitlines())
    try:
        header = list(reader.fieldnames or ())
        if strip_header:
            header = [column.strip() for column in header]
            reader.fieldnames = header
        unknown = [column for column in header if column not in fields]
        if unknown:
            raise error([f"line 1: '{unknown[0][:64]}' is not {field_word}"])
        # DictReader would keep the last of two same-named cells and drop the other unseen.
        repeated = sorted({column for column in header if header.count(column) > 1})
        if repeated:
            raise error([f"line 1: the column '{repeated[0]}' appears more than once"])
        if required is not None and required not in header:
            raise error([f"line 1: the header has no '{required}' column"])
        rows: list[tuple[str, object]] = []
        for row in reader:
            if None in row:
                raise error([f"line {reader.line_num}: more cells than the header has"])
            rows.append(
                (f"line {reader.line_num}", {k: v for k, v in row.items() if v not in ("", None)})
            )
    except csv.Error as problem:  # e.g. a cell past the csv module's field size limit
        raise error([f"line {reader.line_num}: {problem}"]) from None
    return rows
