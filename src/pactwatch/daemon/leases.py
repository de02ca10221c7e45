"""Who may do what, when several processes share one database.

Usage::

    lock = lock_instance(db)                  # SQLite: raises InstanceLocked for a second daemon
    with db.session() as session, session.begin():
        claim = claim_source(session, "usth-news", owner=owner, now=now, lease=lease)
    if claim.claimed:
        ...                                   # crawl it
        with db.session() as session, session.begin():
            finish_source(session, "usth-news", owner=owner, next_run_at=next_time)

SQLite serves one daemon: an exclusive `flock` on ``<database>.lock`` says so, and the kernel
drops it when the process dies however it dies, so a crash never leaves a stale lock behind.

PostgreSQL serves several: a source run is claimed by taking its row with
``SELECT … FOR UPDATE SKIP LOCKED`` and writing a lease (owner, expiry) on it, only when the
source is due (``next_run_at`` passed) and its lease is free or expired. The owner renews its
leases while it works (`renew_leases`); an instance that dies stops renewing and another takes
the source over once the lease has expired. Periodic jobs (digests, housekeeping) are claimed
the same way through their ``scheduler_state`` row, whose ``next_run_at`` moves forward at the
claim, so one instance runs each occurrence.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pactwatch.store.db import Database
from pactwatch.store.models import SchedulerStateRecord, SourceRecord
from pactwatch.store.sql import insert_ignore


class InstanceLocked(Exception):
    """Another daemon holds the SQLite database; the message says which and what to do."""


@dataclass
class InstanceLock:
    """The held lock file; `release` (or the process's death) frees it."""

    path: Path
    fd: int | None

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def lock_path(db: Database) -> Path | None:
    """``<database file>.lock`` for a SQLite file; None for PostgreSQL or in-memory SQLite."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name + ".lock")


def lock_instance(db: Database) -> InstanceLock | None:
    """Take the one-daemon lock of a SQLite database (None: no lock needed).

    Raises `InstanceLocked` when another process holds it.
    """
    path = lock_path(db)
    if path is None:
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_pid(fd)
        os.close(fd)
        who = f"pid {holder}" if holder else "another process"
        raise InstanceLocked(
            f"another pactwatch daemon ({who}) is already running on {db.engine.url.database} "
            f"(lock file {path}). SQLite allows one daemon per database: stop the other one, "
            "or use PostgreSQL to run several instances."
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return InstanceLock(path, fd)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None


# -- source runs ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceClaim:
    """The answer to "may I crawl this source now?". When not, `retry_at` says when to ask
    again: when it is due, or when the other owner's lease runs out (None: not in the DB)."""

    claimed: bool
    next_run_at: datetime | None = None
    lease_owner: str | None = None
    lease_expires_at: datetime | None = None
    took_over: str | None = None

    @property
    def retry_at(self) -> datetime | None:
        times = [t for t in (self.next_run_at, self.lease_expires_at) if t is not None]
        return max(times) if times else None


def claim_source(
    session: Session, name: str, *, owner: str, now: datetime, lease: timedelta
) -> SourceClaim:
    """Lease source `name` to `owner` if it is enabled, due and not leased by a live owner."""
    query = select(SourceRecord).where(SourceRecord.name == name, SourceRecord.enabled.is_(True))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    # SQLite needs no row lock: BEGIN IMMEDIATE already serialises writers.
    row = session.scalars(query).first()
    if row is None:  # another instance is claiming it this very moment, or it is gone
        return SourceClaim(False)
    due = row.next_run_at is None or row.next_run_at <= now
    held = (
        row.lease_owner is not None
        and row.lease_owner != owner
        and row.lease_expires_at is not None
        and row.lease_expires_at > now
    )
    if not due or held:
        return SourceClaim(False, row.next_run_at, row.lease_owner, row.lease_expires_at)
    previous = row.lease_owner if row.lease_owner not in (None, owner) else None
    row.lease_owner, row.lease_expires_at = owner, now + lease
    return SourceClaim(True, row.next_run_at, owner, row.lease_expires_at, took_over=previous)


def finish_source(session: Session, name: str, *, owner: str, next_run_at: datetime) -> bool:
    """End `owner`'s lease on `name` and set when it is due next; False if the lease had been
    taken over meanwhile (the new owner's schedule then stands)."""
    result = session.execute(
        update(SourceRecord)
        .where(SourceRecord.name == name, SourceRecord.lease_owner == owner)
        .values(lease_owner=None, lease_expires_at=None, next_run_at=next_run_at)
    )
    return bool(getattr(result, "rowcount", 0))


def renew_leases(session: Session, *, owner: str, now: datetime, lease: timedelta) -> int:
    """Push back the expiry of every source lease `owner` holds; how many it holds."""
    result = session.execute(
        update(SourceRecord)
        .where(SourceRecord.lease_owner == owner)
        .values(lease_expires_at=now + lease)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def release_source_leases(session: Session, *, owner: str | None = None) -> int:
    """Free the source leases of `owner` (None: every one, for a lone SQLite daemon whose
    predecessor can only have died). `next_run_at` stays: an unfinished run is due at once."""
    query = update(SourceRecord).where(SourceRecord.lease_owner.is_not(None))
    if owner is not None:
        query = query.where(SourceRecord.lease_owner == owner)
    result = session.execute(query.values(lease_owner=None, lease_expires_at=None))
    return int(getattr(result, "rowcount", 0) or 0)


def source_next_runs(session: Session) -> dict[str, datetime | None]:
    """Name → stored next run time of every enabled source (for starting where we left)."""
    rows = session.execute(
        select(SourceRecord.name, SourceRecord.next_run_at).where(SourceRecord.enabled.is_(True))
    )
    return {str(name): due for name, due in rows}


# -- periodic jobs --------------------------------------------------------------------------


def stored_next_run(session: Session, job_id: str) -> datetime | None:
    """When periodic job `job_id` is due according to the database (None: never scheduled)."""
    return session.scalar(
        select(SchedulerStateRecord.next_run_at).where(SchedulerStateRecord.job_id == job_id)
    )


def plan_periodic(session: Session, job_id: str, *, next_run_at: datetime) -> None:
    """Record when `job_id` is first due, unless it has a time already."""
    insert_ignore(session, SchedulerStateRecord, {"job_id": job_id}, key=("job_id",))
    session.execute(
        update(SchedulerStateRecord)
        .where(SchedulerStateRecord.job_id == job_id, SchedulerStateRecord.next_run_at.is_(None))
        .values(next_run_at=next_run_at)
    )


def claim_periodic(session: Session, job_id: str, *, now: datetime, next_run_at: datetime) -> bool:
    """Claim this occurrence of `job_id`: True when it was due, its next time now set."""
    insert_ignore(session, SchedulerStateRecord, {"job_id": job_id}, key=("job_id",))
    query = select(SchedulerStateRecord).where(SchedulerStateRecord.job_id == job_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query).first()
    if row is None or (row.next_run_at is not None and row.next_run_at > now):
        return False
    row.last_run_at, row.next_run_at = now, next_run_at
    return True
