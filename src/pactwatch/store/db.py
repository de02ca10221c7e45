"""Engines and sessions for SQLite (embedded default) and PostgreSQL.

Usage::

    db = open_database("sqlite:///data/pactwatch.db")
    with db.session() as session, session.begin():
        ...
    db.close()

SQLite connections get WAL, a busy timeout, foreign keys and `synchronous=NORMAL` on connect.
Their transactions start with ``BEGIN IMMEDIATE``: a writer waits for the lock (up to the busy
timeout) when it starts instead of failing with "database is locked" when a read transaction
tries to become a write one. Taking the transaction out of the sqlite3 module's hands also makes
SAVEPOINTs and transactional DDL (atomic migrations) work. The price: on SQLite an open
transaction, even a read-only one, holds the write lock, so keep sessions short and never hold
one across network I/O (an ``await``).

PostgreSQL connections are pinged before use and set to the UTC time zone, so SQL date
functions agree with SQLite, where everything is stored in UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
# The busy timeout comes first: switching a new file to WAL needs a lock that another
# connection may be holding at that very moment.
SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    # What `refresh_statistics` analyses is sampled: a few milliseconds, however big the tables.
    "PRAGMA analysis_limit=400",
)


@dataclass(frozen=True)
class Database:
    """An engine and the session factory bound to it."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for logs and messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """A new session; use as ``with db.session() as s, s.begin(): ...``."""
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def refresh_statistics(session: Session) -> None:
    """Let SQLite refresh its query planner's statistics of the tables this connection's
    queries used, where they are missing or the tables grew a lot (``PRAGMA optimize``).

    Without statistics SQLite picks between two indexes blindly: it read every agreement of
    a partner to find the few of one institution. PostgreSQL's autovacuum keeps its own.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA optimize"))


def open_database(url: str | URL, *, echo: bool = False) -> Database:
    """Open the database at `url` (nothing is created in it yet: see `migrate.ensure_schema`)."""
    engine = create_engine_for(url, echo=echo)
    return Database(engine=engine, sessions=session_factory(engine))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Loaded rows stay readable after commit: callers hand them to other stages.
    return sessionmaker(bind=engine, expire_on_commit=False)


def create_engine_for(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine configured for its backend (see the module docstring)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(resolve_sqlite_url(parsed), echo=echo)
    return _postgres_engine(parsed, echo=echo)


def resolve_sqlite_url(url: URL) -> URL:
    """Make a relative SQLite path absolute (against the working directory) and create its
    parent directory; in-memory databases are left alone."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return url
    path = Path(database).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    path.parent.mkdir(parents=True, exist_ok=True)
    return url.set(database=str(path))


def _json_dumps(value: Any) -> str:
    # Readable non-ASCII text (Vietnamese, French) in the database.
    return json.dumps(value, ensure_ascii=False)


def _postgres_engine(url: URL, *, echo: bool) -> Engine:
    engine = create_engine(url, echo=echo, pool_pre_ping=True, json_serializer=_json_dumps)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Outside any transaction, so that a rollback cannot undo it.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SET TIME ZONE 'UTC'")
        finally:
            dbapi_connection.autocommit = autocommit

    return engine


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    engine = create_engine(url, echo=echo, json_serializer=_json_dumps)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level: SQLAlchemy's begin event below opens transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
