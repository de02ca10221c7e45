"""The outbox: one row per (event, channel), written with the event, sent by a dispatcher.

Usage::

    with db.session() as session, session.begin():          # the caller's transaction
        event_id = add_event(session, event, dedupe_key="agreement:42:new", channels=channels)
    report = dispatch_due(db.sessions, channels, utcnow(), owner="host-1:4242")
    for line in status_summary(db.sessions, utcnow()): print(line)

Delivery guarantee
------------------
pactwatch delivers every alert at least once to each channel that matches it, and sends a
duplicate only when the process dies (crash, SIGKILL, power loss) after apprise handed the
message over and before the outcome was committed: at most one duplicate per such crash and
channel. The event and its outbox rows are committed in the same transaction as the agreement,
so an alert cannot be lost between detection and queueing; (event, channel) is unique, so a
re-run or a second report of the same signing never queues it twice. A row is marked sent
only after apprise reports success; a failed send is retried with capped exponential backoff
(with jitter) up to the channel's ``max_attempts``, then the row is ``dead`` and stays visible
in ``pactwatch notify status`` until ``pactwatch notify retry`` makes it due again. A row
claimed by a dispatcher that died is taken over by another one when its lease expires. A
dispatcher renews each row's lease right before sending it, so rows that wait behind a slow
send are never sent twice; only a single send that outlasts the whole lease (5 minutes by
default, far beyond any channel's timeout) could be repeated by the dispatcher that takes it
over.

Rows are claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and a lease on PostgreSQL, so
several instances can share the outbox without sending a row twice; SQLite runs one instance.
Sends happen outside any database transaction: a slow SMTP server never holds a lock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from pactwatch.config import ChannelConfig
from pactwatch.notify.events import Event, PayloadError, event_from_json, event_to_json
from pactwatch.notify.render import Message, Renderer, RenderError
from pactwatch.notify.routing import channels_for
from pactwatch.notify.send import SendResult, send_message
from pactwatch.store.models import EventRecord, OutboxRecord
from pactwatch.store.sql import insert_ignore, insert_ignore_many
from pactwatch.store.types import utcnow

PENDING, SENT, DEAD = "pending", "sent", "dead"
DEFAULT_LEASE = timedelta(minutes=5)
SendFunction = Callable[[ChannelConfig, Message], SendResult]


# -- writing --------------------------------------------------------------------------------


def add_event(
    session: Session,
    event: Event,
    *,
    dedupe_key: str,
    channels: Iterable[ChannelConfig],
    agreement_id: int | None = None,
    source_id: int | None = None,
    reasons: Sequence[str] = (),
) -> int | None:
    """Insert the event (once per `dedupe_key`) and queue it for the channels that want it.

    Runs in the caller's transaction. Returns the new event's id, or None when an event with
    this key already exists: nothing is queued again then.
    """
    now = utcnow()
    values = {
        "name": event.name,
        "institution": event.institution_id,
        "agreement_id": agreement_id,
        "source_id": source_id,
        "dedupe_key": dedupe_key,
        "payload": event_to_json(event),
        "reasons": list(reasons or getattr(event, "reasons", ())),
        "created_at": now,
    }
    # One statement whether or not the key exists: no SELECT first, and safe against another
    # transaction inserting the same key meanwhile.
    inserted = insert_ignore(session, EventRecord, values, key=("dedupe_key",))
    if inserted is None:
        return None
    event_id = int(inserted)
    _queue(session, event_id, event, now, channels)
    return event_id


def enqueue(
    session: Session, event_row: EventRecord, channels: Iterable[ChannelConfig]
) -> list[str]:
    """Queue `event_row` for every instant channel that wants it, in the caller's transaction.

    Idempotent: (event, channel) is unique and a second call inserts nothing. Digest
    channels get no row; their digest reads the events table. Returns the channels queued.
    """
    session.flush()  # the row needs its id
    event = event_from_json(event_row.payload)
    return _queue(session, event_row.id, event, event_row.created_at, channels)


def _queue(
    session: Session,
    event_id: int,
    event: Event,
    now: datetime,
    channels: Iterable[ChannelConfig],
) -> list[str]:
    names = [c.name for c in channels_for(event, channels) if c.mode == "instant"]
    if not names:
        return []
    values = [
        {"event_id": event_id, "channel": name, "status": PENDING, "attempts": 0,
         "next_attempt_at": now, "created_at": now}
        for name in names
    ]  # fmt: skip
    # A statement built once, run for every row: rebuilt with the rows in it, it is compiled anew
    # for every event.
    insert_ignore_many(session, OutboxRecord, values, key=("event_id", "channel"))
    return names


# -- dispatching ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delivery:
    """The outcome of one outbox row in one dispatch."""

    outbox_id: int
    event_id: int
    channel: str
    status: str
    attempts: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DispatchReport:
    deliveries: tuple[Delivery, ...] = ()

    @property
    def sent(self) -> int:
        return sum(1 for d in self.deliveries if d.status == SENT)

    @property
    def failed(self) -> int:
        return sum(1 for d in self.deliveries if d.status == PENDING)

    @property
    def dead(self) -> int:
        return sum(1 for d in self.deliveries if d.status == DEAD)


def backoff(attempts: int, base: float, cap: float, rng: random.Random | None = None) -> timedelta:
    """Delay before attempt ``attempts + 1``: base·2^(attempts−1), capped, with equal jitter
    (between half and all of it) so that failed rows do not all come back at once."""
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    jitter = (rng or random.Random()).uniform(0.5, 1.0)
    return timedelta(seconds=delay * jitter)


def dispatch_due(
    sessions: sessionmaker[Session],
    channels: Iterable[ChannelConfig],
    now: datetime,
    *,
    owner: str,
    renderer: Renderer | None = None,
    base_dir: Path | None = None,
    send: SendFunction | None = None,
    lease: timedelta = DEFAULT_LEASE,
    limit: int = 100,
    rng: random.Random | None = None,
) -> DispatchReport:
    """Send the outbox rows that are due at `now` on the instant channels, and record each.

    `owner` names this dispatcher in leases (host and pid, say). `send` defaults to
    `send_message`; it is given the channel and the rendered message.
    """
    by_name = {c.name: c for c in channels if c.mode == "instant"}
    renderer = renderer or Renderer(base_dir)
    if send is None:

        def send(channel: ChannelConfig, message: Message) -> SendResult:
            return send_message(channel, message, base_dir=base_dir)

    started = utcnow()
    claimed = _claim(sessions, list(by_name), now, owner=owner, lease=lease, limit=limit)
    deliveries = []
    for outbox_id, channel_name, payload in claimed:
        # The rows are sent one after the other: a lease taken for all of them at the claim
        # may run out before the last is sent, and another dispatcher would then send it too.
        # Each row's lease is renewed right before its send (in `now`'s time: tests pass
        # their own clock), or the row is left to the dispatcher that took it over.
        if not _renew(sessions, outbox_id, owner, now + (utcnow() - started) + lease):
            continue
        channel = by_name[channel_name]
        result = _deliver(renderer, channel, payload, send)
        deliveries.append(
            _record(sessions, outbox_id, channel, result, now=now, owner=owner, rng=rng)
        )
    return DispatchReport(tuple(d for d in deliveries if d is not None))


def _claim(
    sessions: sessionmaker[Session],
    channel_names: list[str],
    now: datetime,
    *,
    owner: str,
    lease: timedelta,
    limit: int,
) -> list[tuple[int, str, dict[str, Any]]]:
    if not channel_names:
        return []
    with sessions() as session, session.begin():
        query = (
            select(OutboxRecord.id, OutboxRecord.event_id, OutboxRecord.channel)
            .where(
                OutboxRecord.status == PENDING,
                OutboxRecord.next_attempt_at <= now,
                OutboxRecord.channel.in_(channel_names),
                or_(
                    OutboxRecord.lease_expires_at.is_(None),
                    OutboxRecord.lease_expires_at <= now,
                    OutboxRecord.lease_owner == owner,
                ),
            )
            .order_by(OutboxRecord.next_attempt_at, OutboxRecord.id)
            .limit(limit)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=OutboxRecord)
        rows = session.execute(query).all()
        if not rows:
            return []
        ids = [row.id for row in rows]
        session.execute(
            update(OutboxRecord)
            .where(OutboxRecord.id.in_(ids))
            .values(lease_owner=owner, lease_expires_at=now + lease)
        )
        events = session.execute(
            select(EventRecord.id, EventRecord.payload).where(
                EventRecord.id.in_({row.event_id for row in rows})
            )
        )
        payloads: dict[int, dict[str, Any]] = {event.id: event.payload for event in events}
    return [(row.id, row.channel, payloads[row.event_id]) for row in rows]


def _renew(sessions: sessionmaker[Session], outbox_id: int, owner: str, until: datetime) -> bool:
    """Extend this dispatcher's lease of an unsent row to `until`; False when the row is no
    longer ours to send (taken over, or recorded by another dispatcher)."""
    with sessions() as session, session.begin():
        renewed = session.execute(
            update(OutboxRecord)
            .where(
                OutboxRecord.id == outbox_id,
                OutboxRecord.lease_owner == owner,
                OutboxRecord.status == PENDING,
            )
            .values(lease_expires_at=until)
        )
        return _rowcount(renewed) == 1


def _deliver(
    renderer: Renderer, channel: ChannelConfig, payload: dict[str, Any], send: SendFunction
) -> SendResult:
    try:
        message = renderer.render(event_from_json(payload), channel)
    except (PayloadError, RenderError) as exc:
        return SendResult(ok=False, error=str(exc), permanent=True)
    return send(channel, message)


def _record(
    sessions: sessionmaker[Session],
    outbox_id: int,
    channel: ChannelConfig,
    result: SendResult,
    *,
    now: datetime,
    owner: str,
    rng: random.Random | None,
) -> Delivery | None:
    with sessions() as session, session.begin():
        row = session.get(OutboxRecord, outbox_id, with_for_update=True)
        # Another dispatcher took the row over after our lease ran out: its record wins.
        if row is None or row.lease_owner != owner or row.status != PENDING:
            return None
        row.attempts += 1
        row.log = result.log or None
        row.lease_owner = row.lease_expires_at = None
        if result.ok:
            row.status, row.sent_at, row.last_error = SENT, now, None
        else:
            row.last_error = result.error or "send failed"
            if result.permanent or row.attempts >= channel.max_attempts:
                row.status = DEAD
            else:
                row.next_attempt_at = now + backoff(
                    row.attempts, channel.retry_base, channel.retry_max, rng
                )
        return Delivery(row.id, row.event_id, row.channel, row.status, row.attempts, row.last_error)


# -- operating ------------------------------------------------------------------------------


def retry(sessions: sessionmaker[Session], now: datetime, *, channel: str | None = None) -> int:
    """Make dead and waiting rows due at `now` (dead ones get their attempts back)."""
    with sessions() as session, session.begin():
        scope: list[ColumnElement[bool]] = [OutboxRecord.status.in_((PENDING, DEAD))]
        if channel is not None:
            scope.append(OutboxRecord.channel == channel)
        revived = session.execute(
            update(OutboxRecord)
            .where(*scope, OutboxRecord.status == DEAD)
            .values(status=PENDING, attempts=0, next_attempt_at=now)
        )
        waiting = session.execute(
            update(OutboxRecord)
            .where(*scope, OutboxRecord.status == PENDING, OutboxRecord.next_attempt_at > now)
            .values(next_attempt_at=now)
        )
        return _rowcount(revived) + _rowcount(waiting)


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def release_leases(sessions: sessionmaker[Session], *, owner: str | None = None) -> int:
    """Free the leases of unsent rows (of `owner`, or all): for a single SQLite instance at
    startup, whose previous run can only have died, so its rows need not wait for expiry."""
    with sessions() as session, session.begin():
        query = update(OutboxRecord).where(
            OutboxRecord.status == PENDING, OutboxRecord.lease_owner.is_not(None)
        )
        if owner is not None:
            query = query.where(OutboxRecord.lease_owner == owner)
        return _rowcount(session.execute(query.values(lease_owner=None, lease_expires_at=None)))


@dataclass(frozen=True, slots=True)
class ChannelStatus:
    """How one channel's deliveries stand. `waiting`: failed at least once, retry later."""

    channel: str
    due: int = 0
    waiting: int = 0
    sent: int = 0
    dead: int = 0
    oldest_unsent: datetime | None = None
    last_error: str | None = None
    errors: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        text = (
            f"{self.channel}: {self.due} due, {self.waiting} waiting to retry, "
            f"{self.dead} dead, {self.sent} sent"
        )
        if self.oldest_unsent is not None:
            text += f"; oldest unsent since {self.oldest_unsent:%Y-%m-%d %H:%M} UTC"
        if self.last_error:
            text += f"; last error: {self.last_error}"
        return text


def status_summary(
    sessions: sessionmaker[Session], now: datetime, *, channel: str | None = None
) -> list[ChannelStatus]:
    """One line per channel: due, waiting, dead and sent counts and the last error."""
    with sessions() as session:
        scope = [] if channel is None else [OutboxRecord.channel == channel]
        counts: dict[str, dict[str, int]] = {}
        bucket = func.coalesce(OutboxRecord.status, PENDING)
        waiting = and_(OutboxRecord.status == PENDING, OutboxRecord.next_attempt_at > now)
        rows = session.execute(
            select(OutboxRecord.channel, bucket, waiting, func.count())
            .where(*scope)
            .group_by(OutboxRecord.channel, bucket, waiting)
        ).all()
        for name, status, is_waiting, count in rows:
            key = "waiting" if status == PENDING and is_waiting else status
            key = "due" if key == PENDING else key
            counts.setdefault(name, {})[key] = counts.get(name, {}).get(key, 0) + count
        result = []
        for name in sorted(counts):
            oldest = session.scalar(
                select(func.min(OutboxRecord.created_at)).where(
                    OutboxRecord.channel == name, OutboxRecord.status != SENT
                )
            )
            last_error = session.scalar(
                select(OutboxRecord.last_error)
                .where(
                    OutboxRecord.channel == name,
                    OutboxRecord.status != SENT,
                    OutboxRecord.last_error.is_not(None),
                )
                .order_by(OutboxRecord.next_attempt_at.desc(), OutboxRecord.id.desc())
                .limit(1)
            )
            c = counts[name]
            result.append(
                ChannelStatus(
                    name, c.get("due", 0), c.get("waiting", 0), c.get(SENT, 0),
                    c.get(DEAD, 0), oldest, last_error,
                )
            )  # fmt: skip
    return result


def preview(
    session: Session, event_id: int, channel: ChannelConfig, renderer: Renderer
) -> Message | None:
    """The exact message `channel` gets for event `event_id`, or None for no such event."""
    row = session.get(EventRecord, event_id)
    if row is None:
        return None
    return renderer.render(event_from_json(row.payload), channel)
