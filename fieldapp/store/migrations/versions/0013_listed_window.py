"""The round's tabs in window order read an index in that very order instead of sorting.

Window order is `ORDER BY window_start, reference, id` (a total order, so pages never
overlap). The All tab had only `ix_visits_window_start` and SQLite scanned every visit and
sorted them for each keystroke: 110-140 ms of CPU on an encrypted 100,000-visit cache.
`ix_visits_listed_window` (the listed visits, `stub = 0`) holds the whole order, so a page
stops after its rows, in either direction. The open and closed visits' indexes get the same
columns, keeping their WHERE terms (revisions 0003, 0006, 0007): with only `window_start`
the planner now preferred the wider index, which holds the order, over the narrower one.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NARROW = "ON visits (window_start)"
_WIDE = "ON visits (window_start, reference, id)"
_FILTERS = ("ix_visits_open_window", "ix_visits_closed_window")


def _recreate(name: str, before: str, after: str) -> None:
    sql = op.get_bind().execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"),
        {"name": name},
    )
    definition = str(sql.scalar_one())
    if before not in definition:
        raise RuntimeError(f"{name} is not as revision 0003 made it: {definition}")
    op.execute(f"DROP INDEX {name}")
    op.execute(definition.replace(before, after))


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_visits_listed_window {_WIDE} WHERE stub = 0")
    for name in _FILTERS:
        _recreate(name, _NARROW, _WIDE)


def downgrade() -> None:
    for name in _FILTERS:
        _recreate(name, _WIDE, _NARROW)
    op.execute("DROP INDEX ix_visits_listed_window")
