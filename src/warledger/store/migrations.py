"""Named schema migrations, applied in order once each and recorded in `migrations`."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import Connection, select

from . import schema


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn, checkfirst=True)


# Append only: a released migration is never edited, a change is a new entry.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
]


def apply(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    schema.migrations.create(conn, checkfirst=True)
    done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        fn(conn)
        conn.execute(schema.migrations.insert().values(
            name=name, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        applied.append(name)
    return applied
