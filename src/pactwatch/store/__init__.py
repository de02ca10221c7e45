"""Persistence: typed models, engines, migrations and small query functions.

Usage::

    from pactwatch.store import ensure_schema, open_database

    db = open_database(settings.database)
    status = ensure_schema(db.engine)
"""

from pactwatch.store.db import Database, create_engine_for, open_database, session_factory
from pactwatch.store.migrate import (
    SchemaStatus,
    current_revision,
    ensure_schema,
    head_revision,
    upgrade,
)
from pactwatch.store.types import UTCDateTime, utcnow

__all__ = [
    "Database",
    "SchemaStatus",
    "UTCDateTime",
    "create_engine_for",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "open_database",
    "session_factory",
    "upgrade",
    "utcnow",
]
