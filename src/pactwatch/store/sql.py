"""Idempotent inserts that read the same on SQLite and PostgreSQL.

Usage::

    event_id = insert_ignore(session, EventRecord, {"dedupe_key": key, ...}, key=("dedupe_key",))
    if event_id is None:
        ...  # it existed already: nothing was written

Both backends speak ``INSERT … ON CONFLICT`` and ``RETURNING``; only the construct differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

# PostgreSQL and SQLite both cap the bound parameters of one statement (SQLite at 32,766).
IN_CHUNK = 500

T = TypeVar("T")


def insert_ignore(
    session: Session,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
) -> Any | None:
    """Insert one row unless one with the same `key` columns exists; the new primary key, or
    None when nothing was inserted. Safe against a concurrent insert of the same key."""
    stmt = _insert(session, model).values(dict(values)).on_conflict_do_nothing(index_elements=key)
    primary = model.__table__.primary_key.columns  # type: ignore[attr-defined]
    return session.execute(stmt.returning(*primary)).scalar()


def upsert(
    session: Session,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
    update: Sequence[str],
) -> Any:
    """Insert one row, or update the `update` columns of the row with the same `key`; returns
    its primary key."""
    stmt = _insert(session, model).values(dict(values))
    stmt = stmt.on_conflict_do_update(
        index_elements=key, set_={name: stmt.excluded[name] for name in update}
    )
    primary = model.__table__.primary_key.columns  # type: ignore[attr-defined]
    return session.execute(stmt.returning(*primary)).scalar_one()


def chunked(items: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """Successive lists of at most `size` items, for ``IN (…)`` lists that stay bounded."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert(session: Session, model: type[DeclarativeBase]) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for the {dialect} backend (use SQLite or PostgreSQL)")
