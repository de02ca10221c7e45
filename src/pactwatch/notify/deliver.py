"""Working the outbox from one process: deliver what is due, send digests, show where it stands.

Usage::

    with database(settings) as db:
        report = deliver_pending(settings, db)            # a one-shot crawl, `notify send`
        outcomes = send_digests(settings, db)             # `notify digest`, from cron
        for row in channel_overview(settings, db, utcnow()): print(row)

These compose the outbox and digest functions with the configured channels; the daemon calls
the same functions on its schedule. On SQLite the leases left by a dispatcher that died on
this host are released first, so its rows go out now instead of when the lease expires; a
dispatcher that is still running (a daemon beside a cron job) keeps its leases.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from pactwatch.config import ChannelConfig, Settings
from pactwatch.notify.digest import DigestOutcome, send_digest
from pactwatch.notify.outbox import (
    DEAD,
    PENDING,
    SENT,
    Delivery,
    DispatchReport,
    SendFunction,
    dispatch_due,
    release_leases,
    status_summary,
)
from pactwatch.notify.render import Renderer
from pactwatch.notify.send import channel_urls, redact, secrets_in
from pactwatch.store import Database, utcnow
from pactwatch.store.models import DigestStateRecord, EventRecord, OutboxRecord

DISPATCH_BATCH = 100


def dispatcher_id() -> str:
    """This process as a lease owner: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def select_channels(
    settings: Settings, name: str | None = None, *, mode: str | None = None
) -> list[ChannelConfig]:
    """The configured channels (in `mode`), or only the one called `name` (none if unknown)."""
    return [
        c
        for c in settings.channels
        if (name is None or c.name == name) and (mode is None or c.mode == mode)
    ]


def deliver_pending(
    settings: Settings,
    db: Database,
    *,
    channel: str | None = None,
    now: datetime | None = None,
    owner: str | None = None,
    renderer: Renderer | None = None,
    send: SendFunction | None = None,
) -> DispatchReport:
    """Send every outbox row due at `now` (default: the current time) on the instant channels
    (or the one named `channel`) and record each outcome; returns all of them.

    Rows are taken in batches until none is left; a row that fails is rescheduled by its
    backoff and not tried again in this call unless its next attempt is due by `now`.
    """
    now = now or utcnow()
    owner = owner or dispatcher_id()
    channels = select_channels(settings, channel, mode="instant")
    if not channels:
        return DispatchReport()
    if db.is_sqlite:
        release_stale_leases(db.sessions)
    renderer = renderer or Renderer(settings.base_dir)
    deliveries: list[Delivery] = []
    while True:
        report = dispatch_due(
            db.sessions,
            channels,
            now,
            owner=owner,
            renderer=renderer,
            base_dir=settings.base_dir,
            send=send,
            limit=DISPATCH_BATCH,
        )
        deliveries.extend(report.deliveries)
        if len(report.deliveries) < DISPATCH_BATCH:
            return DispatchReport(tuple(deliveries))


def release_stale_leases(sessions: sessionmaker[Session], *, host: str | None = None) -> int:
    """Release the leases held by dispatchers on `host` (default: this one) whose process is
    gone. Only these can be known dead; others wait for their lease to expire."""
    host = host or socket.gethostname()
    with sessions() as session:
        owners = session.scalars(
            select(OutboxRecord.lease_owner)
            .where(OutboxRecord.status == PENDING, OutboxRecord.lease_owner.is_not(None))
            .distinct()
        ).all()
    released = 0
    for owner in owners:
        if owner is not None and _dead_local_owner(owner, host):
            released += release_leases(sessions, owner=owner)
    return released


def _dead_local_owner(owner: str, host: str) -> bool:
    owner_host, _, pid_text = owner.rpartition(":")
    if owner_host != host or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # ours: claimable by this process anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, under another user
    return False


def send_digests(
    settings: Settings,
    db: Database,
    *,
    channel: str | None = None,
    now: datetime | None = None,
    renderer: Renderer | None = None,
    send: SendFunction | None = None,
) -> list[DigestOutcome]:
    """Send the digest of every digest channel (or the one named `channel`) for the period
    ending at `now`, whatever its cron says: for a cron job that replaces the daemon."""
    now = now or utcnow()
    renderer = renderer or Renderer(settings.base_dir)
    return [
        send_digest(db.sessions, c, now, renderer=renderer, base_dir=settings.base_dir, send=send)
        for c in select_channels(settings, channel, mode="digest")
    ]


@dataclass(frozen=True, slots=True)
class ChannelOverview:
    """Where one channel stands, safe to print: URLs and errors carry no secret.

    `configured` is False for a channel that has outbox rows but is no longer in the config.
    `next_attempt` is the earliest retry of the waiting rows.
    """

    channel: str
    mode: str
    format: str
    configured: bool
    urls: tuple[str, ...] = ()
    due: int = 0
    waiting: int = 0
    next_attempt: datetime | None = None
    sent: int = 0
    dead: int = 0
    oldest_unsent: datetime | None = None
    last_error: str | None = None
    digest_last_sent: datetime | None = None
    digest_period_start: datetime | None = None

    @property
    def unsent(self) -> int:
        return self.due + self.waiting + self.dead


def channel_overview(
    settings: Settings, db: Database, now: datetime, *, channel: str | None = None
) -> list[ChannelOverview]:
    """Every configured channel (or the one named `channel`), then any channel that only the
    outbox still knows, with its counts, next retry, last error and digest state."""
    statuses = {s.channel: s for s in status_summary(db.sessions, now, channel=channel)}
    next_attempts = _next_attempts(db.sessions, now, channel)
    digests = _digest_states(db.sessions)
    configured = {c.name: c for c in select_channels(settings, channel)}
    names = [*configured, *sorted(set(statuses) - set(configured))]
    result = []
    for name in names:
        config = configured.get(name)
        status = statuses.get(name)
        state = digests.get(name)
        secrets = secrets_in(config.urls) if config is not None else frozenset()
        error = status.last_error if status is not None else None
        result.append(
            ChannelOverview(
                channel=name,
                mode=config.mode if config is not None else "-",
                format=config.format if config is not None else "-",
                configured=config is not None,
                urls=tuple(channel_urls(config, settings.base_dir)) if config else (),
                due=status.due if status else 0,
                waiting=status.waiting if status else 0,
                next_attempt=next_attempts.get(name),
                sent=status.sent if status else 0,
                dead=status.dead if status else 0,
                oldest_unsent=status.oldest_unsent if status else None,
                last_error=redact(error, secrets) if error else None,
                digest_last_sent=state.last_sent_at if state else None,
                digest_period_start=state.period_start if state else None,
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class UnsentAlert:
    """One outbox row not yet delivered: `status` is due, waiting or dead."""

    outbox_id: int
    event_id: int
    event: str
    channel: str
    status: str
    attempts: int
    next_attempt: datetime
    last_error: str | None


def unsent_alerts(
    settings: Settings, db: Database, now: datetime, channel: str, *, limit: int = 20
) -> list[UnsentAlert]:
    """The oldest `limit` undelivered rows of `channel`, errors redacted: what `status` lists
    under one channel, with the event ids that `notify preview` takes."""
    config = select_channels(settings, channel)
    secrets = secrets_in(config[0].urls) if config else frozenset()
    query = (
        select(OutboxRecord, EventRecord.name)
        .join(EventRecord, EventRecord.id == OutboxRecord.event_id)
        .where(OutboxRecord.channel == channel, OutboxRecord.status != SENT)
        .order_by(OutboxRecord.created_at, OutboxRecord.id)
        .limit(limit)
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return [
        UnsentAlert(
            outbox_id=row.id,
            event_id=row.event_id,
            event=name,
            channel=row.channel,
            status=row.status if row.status == DEAD else _pending_state(row, now),
            attempts=row.attempts,
            next_attempt=row.next_attempt_at,
            last_error=redact(row.last_error, secrets) if row.last_error else None,
        )
        for row, name in rows
    ]


def _pending_state(row: OutboxRecord, now: datetime) -> str:
    return "waiting" if row.next_attempt_at > now else "due"


def _next_attempts(
    sessions: sessionmaker[Session], now: datetime, channel: str | None
) -> dict[str, datetime]:
    waiting = and_(OutboxRecord.status == PENDING, OutboxRecord.next_attempt_at > now)
    query = (
        select(OutboxRecord.channel, func.min(OutboxRecord.next_attempt_at))
        .where(waiting)
        .group_by(OutboxRecord.channel)
    )
    if channel is not None:
        query = query.where(OutboxRecord.channel == channel)
    with sessions() as session:
        return dict(session.execute(query).all())


def _digest_states(sessions: sessionmaker[Session]) -> dict[str, DigestStateRecord]:
    with sessions() as session:
        return {s.channel: s for s in session.scalars(select(DigestStateRecord))}
