"""Keeping the database small and its planner informed.

Usage::

    report = housekeep(db, utcnow(), Retention(versions=timedelta(days=180)))

Old article versions go (the latest version of every article always stays, whatever its age),
old run records go, then SQLite gets ``PRAGMA optimize`` and a WAL checkpoint, PostgreSQL an
``ANALYZE`` (its autovacuum does the vacuuming).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from pactwatch.store.db import Database
from pactwatch.store.models import ArticleVersionRecord, SourceRunRecord


@dataclass(frozen=True)
class Retention:
    """How long history is kept; None keeps it for ever."""

    versions: timedelta | None = timedelta(days=180)
    runs: timedelta | None = timedelta(days=30)


@dataclass(frozen=True)
class HousekeepingReport:
    versions_deleted: int
    runs_deleted: int
    analysed: str


def housekeep(db: Database, now: datetime, retention: Retention) -> HousekeepingReport:
    """Apply `retention` as of `now`, then refresh the planner statistics."""
    versions = runs = 0
    with db.session() as session, session.begin():
        if retention.versions is not None:
            latest = select(func.max(ArticleVersionRecord.id)).group_by(
                ArticleVersionRecord.article_id
            )
            result = session.execute(
                delete(ArticleVersionRecord).where(
                    ArticleVersionRecord.fetched_at < now - retention.versions,
                    ArticleVersionRecord.id.not_in(latest.scalar_subquery()),
                )
            )
            versions = int(getattr(result, "rowcount", 0) or 0)
        if retention.runs is not None:
            result = session.execute(
                delete(SourceRunRecord).where(SourceRunRecord.started_at < now - retention.runs)
            )
            runs = int(getattr(result, "rowcount", 0) or 0)
    return HousekeepingReport(versions, runs, analyse(db))


def analyse(db: Database) -> str:
    """Refresh planner statistics; returns what was run."""
    with db.engine.connect() as connection:
        if db.is_sqlite:
            # Outside any transaction: the driver connection is in autocommit mode.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA optimize")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return "PRAGMA optimize; wal_checkpoint"
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
        return "ANALYZE"
