"""Schema migrations with Alembic, driven from code so the installed package finds them.

Usage::

    status = ensure_schema(db.engine)   # creates an empty database, checks any other
    if not status.ok:
        print(status.message)           # e.g. "run `pactwatch db upgrade`"

The scripts live in the top-level ``migrations/`` of the source tree; a built package carries a
copy in ``pactwatch/store/migrations`` (see `migrations_dir`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import OperationalError

from pactwatch.store.models import Base

UPGRADE_COMMAND = "pactwatch db upgrade"

# Alembic keeps the running migration in module globals (`alembic.context`): two threads of
# one process migrating at once would trample each other. Processes are serialised by the
# database itself (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
_ALEMBIC_LOCK = threading.Lock()

SchemaState = Literal["created", "current", "outdated", "ahead", "unversioned"]


class MigrationsNotFoundError(RuntimeError):
    """Neither the packaged nor the source-tree migrations directory exists."""


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database stands against the migrations this code carries."""

    state: SchemaState
    current: str | None
    head: str

    @property
    def ok(self) -> bool:
        """The schema is the one this code expects."""
        return self.state in ("created", "current")

    @property
    def message(self) -> str:
        if self.state == "created":
            return f"created the database schema (revision {self.head})"
        if self.state == "current":
            return f"the database schema is up to date (revision {self.head})"
        if self.state == "outdated":
            return (
                f"the database schema is at revision {self.current}, this version of pactwatch "
                f"needs {self.head}: back up the database, then run `{UPGRADE_COMMAND}`"
            )
        if self.state == "ahead":
            return (
                f"the database schema is at revision {self.current}, which this version of "
                f"pactwatch does not know (it expects {self.head}): it was migrated by a newer "
                "pactwatch; upgrade pactwatch"
            )
        return (
            "the database has tables but no migration history: it was not created by "
            "pactwatch, or was created without migrations; use an empty database"
        )


def migrations_dir() -> Path:
    """The Alembic script directory: the packaged copy if present, else the source tree's."""
    here = Path(__file__).resolve()
    candidates = (here.parent / "migrations", here.parents[3] / "migrations")
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise MigrationsNotFoundError(f"no migrations directory found (looked in {tried})")


def alembic_config(connection: Connection | None = None, scripts: Path | None = None) -> Config:
    """An Alembic config pointing at `scripts` (default: `migrations_dir()`); `connection` is
    the one env.py will use."""
    config = Config()
    config.set_main_option("script_location", str(scripts or migrations_dir()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision(scripts: Path | None = None) -> str:
    """The newest revision this code carries."""
    head = _script_directory(scripts).get_current_head()
    if head is None:
        raise MigrationsNotFoundError(f"{scripts or migrations_dir()} holds no revisions")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", *, scripts: Path | None = None) -> None:
    """``alembic upgrade`` on `engine` (atomic on both backends)."""
    _run(engine, command.upgrade, revision, scripts)


def downgrade(engine: Engine, revision: str, *, scripts: Path | None = None) -> None:
    """``alembic downgrade``; ``"base"`` removes every table."""
    _run(engine, command.downgrade, revision, scripts)


def stamp(engine: Engine, revision: str, *, scripts: Path | None = None) -> None:
    """Record `revision` as current without running anything."""
    _run(engine, command.stamp, revision, scripts)


# Instances starting together on one SQLite file: the one that loses the race for the write
# lock on a loaded machine may be told "database is locked" even past the busy timeout (the
# switch to WAL among them); it looks again, and finds the schema the winner created.
_LOCKED_ATTEMPTS = 4
_LOCKED_PAUSE_S = 0.5


def ensure_schema(engine: Engine, *, scripts: Path | None = None) -> SchemaStatus:
    """Create the schema in an empty database; report on any other (never migrates it).

    `scripts` overrides the migrations directory (tests use it to fake a newer release).
    """
    for attempt in range(1, _LOCKED_ATTEMPTS):
        try:
            return _ensure_schema(engine, scripts)
        except OperationalError as exc:
            if "database is locked" not in str(exc):
                raise
            time.sleep(_LOCKED_PAUSE_S * attempt)
    return _ensure_schema(engine, scripts)


def _ensure_schema(engine: Engine, scripts: Path | None) -> SchemaStatus:
    head = head_revision(scripts)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        current = MigrationContext.configure(connection).get_current_revision()
    if not tables - {"alembic_version"} and current is None:
        upgrade(engine, scripts=scripts)
        return SchemaStatus("created", current=None, head=head)
    if current is None:
        return SchemaStatus("unversioned", current=None, head=head)
    if current == head:
        return SchemaStatus("current", current=current, head=head)
    state: SchemaState = "outdated" if _is_known(current, scripts) else "ahead"
    return SchemaStatus(state, current=current, head=head)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models: [] means none."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _script_directory(scripts: Path | None) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(scripts=scripts))


def _is_known(revision: str, scripts: Path | None) -> bool:
    try:
        return _script_directory(scripts).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def _run(engine: Engine, action: Any, revision: str, scripts: Path | None) -> None:
    with _ALEMBIC_LOCK, engine.connect() as connection:
        action(alembic_config(connection, scripts), revision)
