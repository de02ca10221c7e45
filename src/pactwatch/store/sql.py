"""Idempotent inserts that read the same on SQLite and PostgreSQL.

Usage::

    event_id = insert_ignore(session, EventRecord, {"dedupe_key": key, ...}, key=("dedupe_key",))
    if event_id is None:
        ...  # it existed already: nothing was written

Both backends speak ``INSERT … ON CONFLICT`` and ``RETURNING``; only the construct differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Table
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
    stmt = _statement(_dialect(session), table_of(model), tuple(key), "ignore_returning")
    return session.execute(stmt, dict(values)).scalar()


def insert_ignore_many(
    session: Session,
    model: type[DeclarativeBase],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
) -> None:
    """Insert the `rows` whose `key` is not taken yet, in one statement."""
    if rows:
        stmt = _statement(_dialect(session), table_of(model), tuple(key), "ignore")
        session.execute(stmt, [dict(row) for row in rows])


def insert_ignore_returning(
    session: Session,
    model: type[DeclarativeBase],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
    returning: Sequence[str],
) -> list[tuple[Any, ...]]:
    """Insert the `rows` whose `key` is not taken yet; the `returning` columns of each row
    inserted (in no promised order: return a column that tells them apart)."""
    if not rows:
        return []
    stmt = _statement(
        _dialect(session),
        table_of(model),
        tuple(key),
        "ignore_returning",
        returning=tuple(returning),
    )
    return [tuple(row) for row in session.execute(stmt, [dict(row) for row in rows])]


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
    stmt = _statement(
        _dialect(session), table_of(model), tuple(key), "upsert", update=tuple(update)
    )
    return session.execute(stmt, dict(values)).scalar_one()


def chunked(items: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """Successive lists of at most `size` items, for ``IN (…)`` lists that stay bounded."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def table_of(model: type[DeclarativeBase]) -> Table:
    """The Core table of a model: statements on it skip the ORM's per-row bookkeeping."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


@lru_cache(maxsize=256)
def _statement(
    dialect: str,
    table: Table,
    key: tuple[str, ...],
    kind: str,
    *,
    update: tuple[str, ...] = (),
    returning: tuple[str, ...] = (),
) -> Any:
    """An INSERT … ON CONFLICT statement, built once per shape: statements are immutable, and
    building one (and its cache key) costs more than SQLite takes to run it."""
    stmt = _insert(dialect, table)
    if kind == "upsert":
        stmt = stmt.on_conflict_do_update(
            index_elements=key, set_={name: stmt.excluded[name] for name in update}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=key)
    if kind != "ignore":
        columns = [table.c[name] for name in returning] or list(table.primary_key.columns)
        stmt = stmt.returning(*columns)
    return stmt


def _insert(dialect: str, table: Table) -> Any:
    # Parameters are passed at execution, not baked in with .values(): the compiled statement
    # is then cached once instead of rebuilt for every row.
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"no upsert for the {dialect} backend (use SQLite or PostgreSQL)")
