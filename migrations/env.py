"""Alembic environment: run by `pactwatch.store.migrate`, which passes an open connection.

`alembic` on the command line also works from the repository root with
``-x url=sqlite:///pactwatch.db`` (see `pactwatch.store.migrate.alembic_config`).
"""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, text

from pactwatch.store.db import create_engine_for
from pactwatch.store.models import Base
from pactwatch.store.types import UTCDateTime

target_metadata = Base.metadata
# Arbitrary but fixed: the advisory lock that serialises migrations on PostgreSQL.
LOCK_KEY = 0x7061637477  # "pactw"


def _render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the models' types: they would change under old revisions.
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can alter a table only by copying it: batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
        # Our SQLite connections manage BEGIN themselves, so DDL is transactional there too.
        transactional_ddl=True,
    )


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration drops and recreates tables: with foreign keys on, that would
        # cascade deletes. The pragma only takes effect outside a transaction.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    try:
        _configure(connection)
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Instances starting together migrate one after the other; the version is read
                # after the lock, so the second finds nothing to do.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            context.run_migrations()
    finally:
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database URL: alembic -x url=sqlite:///pactwatch.db ...")
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; give a database URL")
run_migrations_online()
