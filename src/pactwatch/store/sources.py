"""Sources in the database: syncing them with the config, recording runs, their health.

Usage::

    ids = sync_sources(session, settings.sources)
    health = record_run(session, ids["usth-news"], SourceRun(started, finished, "ok", new=3))
    if health.recovered: ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from pactwatch.config import SourceConfig
from pactwatch.store.models import ArticleRecord, SourceRecord, SourceRunRecord
from pactwatch.store.sql import table_of, upsert

RunOutcome = Literal["ok", "not_modified", "empty", "failed", "blocked"]

# Run outcome → (the source's new status, whether it counts as a consecutive failure).
# An empty listing answered, so it is no failure; `source.empty` reports it instead.
_STATUS: dict[str, tuple[str, bool]] = {
    "ok": ("ok", False),
    "not_modified": ("ok", False),
    "empty": ("empty", False),
    "failed": ("failing", True),
    "blocked": ("blocked", True),
}


@dataclass(frozen=True, slots=True)
class SourceRun:
    """What one crawl of a source did. Times are aware datetimes."""

    started_at: datetime
    finished_at: datetime
    outcome: RunOutcome
    links_seen: int = 0
    new: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    error: str | None = None

    @property
    def duration_s(self) -> float:
        return max(0.0, (self.finished_at - self.started_at).total_seconds())


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """A source's standing after a run, with the status it had before (for health events)."""

    source_id: int
    run_id: int
    previous_status: str
    status: str
    consecutive_failures: int
    last_success_at: datetime | None
    previous_failures: int

    @property
    def recovered(self) -> bool:
        """The run succeeded after the source had been failing or blocked."""
        return self.previous_status in ("failing", "blocked") and self.status == "ok"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source as listed by `pactwatch sources`."""

    id: int
    name: str
    institution: str
    kind: str
    url: str
    enabled: bool
    status: str
    consecutive_failures: int
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    articles: int


def sync_sources(session: Session, sources: Sequence[SourceConfig]) -> dict[str, int]:
    """Insert or update a row per configured source (by name); sources no longer configured
    are disabled, never deleted (their articles keep pointing at them). Returns name → id."""
    ids: dict[str, int] = {}
    for source in sources:
        values = {
            "name": source.name,
            "institution": source.institution,
            "kind": source.kind,
            "url": source.url,
            "enabled": source.enabled,
        }
        ids[source.name] = upsert(
            session,
            SourceRecord,
            values,
            key=("name",),
            update=("institution", "kind", "url", "enabled"),
        )
    session.execute(
        update(SourceRecord)
        .where(SourceRecord.name.not_in(list(ids)), SourceRecord.enabled.is_(True))
        .values(enabled=False)
    )
    return ids


def record_run(session: Session, source_id: int, run: SourceRun) -> SourceHealth:
    """Store a run and update the source's status, failure count and timestamps."""
    # Core statements built once: a crawl records a run per source, and the unit of work
    # cost more than the two rows written.
    source = session.execute(_SOURCE_STATE, {"source_id": source_id}).first()
    if source is None:
        raise KeyError(f"no source with id {source_id}")
    previous, failures_before, last_success_at = source
    run_id: int = session.execute(
        _INSERT_RUN,
        {
            "source_id": source_id,
            "started_at": run.started_at,
            "finished_at": run.finished_at,
            "outcome": run.outcome,
            "links_seen": run.links_seen,
            "new": run.new,
            "fetched": run.fetched,
            "not_modified": run.not_modified,
            "failed": run.failed,
            "error": run.error,
            "duration_s": run.duration_s,
        },
    ).scalar_one()
    status, failure = _STATUS[run.outcome]
    failures = failures_before + 1 if failure else 0
    if status == "ok":
        last_success_at = run.finished_at
    values = {
        "source_id": source_id,
        "status": status,
        "last_run_at": run.finished_at,
        "last_error": run.error,
        "consecutive_failures": failures,
        "last_success_at": last_success_at,
    }
    session.execute(_UPDATE_SOURCE, values)
    return SourceHealth(
        source_id=source_id,
        run_id=run_id,
        previous_status=previous,
        status=status,
        consecutive_failures=failures,
        last_success_at=last_success_at,
        previous_failures=failures_before,
    )


_SOURCES = table_of(SourceRecord)
_RUNS = table_of(SourceRunRecord)
# Locked on PostgreSQL: two instances finishing runs of one source count failures in turn.
_SOURCE_STATE = (
    select(_SOURCES.c.status, _SOURCES.c.consecutive_failures, _SOURCES.c.last_success_at)
    .where(_SOURCES.c.id == bindparam("source_id"))
    .with_for_update()
)
_INSERT_RUN = insert(_RUNS).returning(_RUNS.c.id)
_UPDATE_SOURCE = update(_SOURCES).where(_SOURCES.c.id == bindparam("source_id"))


def list_sources(session: Session, *, include_disabled: bool = False) -> list[SourceRow]:
    """Every source with its health and article count, by name."""
    counts = (
        select(ArticleRecord.source_id, func.count().label("n"))
        .group_by(ArticleRecord.source_id)
        .subquery()
    )
    stmt = (
        select(SourceRecord, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.source_id == SourceRecord.id)
        .order_by(SourceRecord.name)
    )
    if not include_disabled:
        stmt = stmt.where(SourceRecord.enabled.is_(True))
    return [
        SourceRow(
            id=s.id,
            name=s.name,
            institution=s.institution,
            kind=s.kind,
            url=s.url,
            enabled=s.enabled,
            status=s.status,
            consecutive_failures=s.consecutive_failures,
            last_run_at=s.last_run_at,
            last_success_at=s.last_success_at,
            last_error=s.last_error,
            articles=int(n),
        )
        for s, n in session.execute(stmt)
    ]
