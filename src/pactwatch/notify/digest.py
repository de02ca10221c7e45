"""Digests: one message per digest channel per period, from the events of that period.

Usage::

    outcome = send_digest(db.sessions, channel, utcnow(), renderer=renderer)
    # the scheduler calls this at the channel's `digest.cron` time

The period runs from the end of the last digest that went out (or `first_period` before
`now` for a new channel) to `now`. An empty period sends nothing and just moves on. A failed
send leaves the period open, so the next digest covers it too: nothing is lost. The same
at-least-once bound as the outbox holds: a crash after the send and before the record
repeats that digest once. On PostgreSQL the channel's state row stays locked (SKIP LOCKED)
while its digest is sent, so two instances never send the same digest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from pactwatch.config import ChannelConfig
from pactwatch.notify.events import Digest, Event, PayloadError, event_from_json
from pactwatch.notify.render import Message, Renderer, RenderError
from pactwatch.notify.routing import wants
from pactwatch.notify.send import SendResult, send_message
from pactwatch.store.models import DigestStateRecord, EventRecord

DEFAULT_FIRST_PERIOD = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    """What one digest run did: `sent` is False for an empty period or a failure."""

    channel: str
    start: datetime
    end: datetime
    events: int
    sent: bool
    error: str | None = None
    skipped: bool = False


def collect_digest(
    session: Session, channel: ChannelConfig, start: datetime, end: datetime
) -> Digest:
    """The events created in [start, end) that `channel` wants, oldest first."""
    rows = session.scalars(
        select(EventRecord)
        .where(EventRecord.created_at >= start, EventRecord.created_at < end)
        .order_by(EventRecord.created_at, EventRecord.id)
    )
    events: list[Event] = []
    for row in rows:
        try:
            event = event_from_json(row.payload)
        except PayloadError:
            continue  # an unreadable payload cannot be summarised; its outbox row shows it
        if wants(channel, event):
            events.append(event)
    return Digest(channel.name, start, end, tuple(events))


def send_digest(
    sessions: sessionmaker[Session],
    channel: ChannelConfig,
    now: datetime,
    *,
    renderer: Renderer | None = None,
    base_dir: Path | None = None,
    send: Callable[[ChannelConfig, Message], SendResult] | None = None,
    first_period: timedelta = DEFAULT_FIRST_PERIOD,
) -> DigestOutcome:
    """Send `channel`'s digest for the period ending at `now` (see the module docstring)."""
    renderer = renderer or Renderer(base_dir)
    first_start = now - first_period
    with sessions() as session:
        if session.get_bind().dialect.name == "postgresql":
            with session.begin():
                state = _lock_state(session, channel.name, first_start, lock=True)
                if state is None:  # another instance is sending this digest
                    return DigestOutcome(channel.name, now, now, 0, sent=False, skipped=True)
                digest = collect_digest(session, channel, state.period_start or first_start, now)
                outcome = _send(renderer, channel, digest, send, base_dir)
                _advance(state, outcome, now)
            return outcome
        # SQLite: one instance, and no write lock may be held across a network send.
        with session.begin():
            state = _lock_state(session, channel.name, first_start, lock=False)
            assert state is not None
            digest = collect_digest(session, channel, state.period_start or first_start, now)
        outcome = _send(renderer, channel, digest, send, base_dir)
        with session.begin():
            state = session.get(DigestStateRecord, channel.name)
            assert state is not None
            _advance(state, outcome, now)
        return outcome


def _advance(state: DigestStateRecord, outcome: DigestOutcome, now: datetime) -> None:
    # A failed send keeps the period open: the next digest covers it as well.
    if outcome.sent or not outcome.events:
        state.period_start = now
    if outcome.sent:
        state.last_sent_at = now


def _lock_state(
    session: Session, channel: str, start: datetime, *, lock: bool
) -> DigestStateRecord | None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(DigestStateRecord)
        .values(channel=channel, period_start=start)
        .on_conflict_do_nothing(index_elements=["channel"])
    )
    query = select(DigestStateRecord).where(DigestStateRecord.channel == channel)
    if lock:
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).first()


def _send(
    renderer: Renderer,
    channel: ChannelConfig,
    digest: Digest,
    send: Callable[[ChannelConfig, Message], SendResult] | None,
    base_dir: Path | None,
) -> DigestOutcome:
    count = len(digest.events)
    if not count:
        return DigestOutcome(channel.name, digest.start, digest.end, 0, sent=False)
    try:
        message = renderer.render_digest(digest, channel)
    except RenderError as exc:
        return DigestOutcome(channel.name, digest.start, digest.end, count, False, str(exc))
    result = (
        send(channel, message)
        if send is not None
        else send_message(channel, message, base_dir=base_dir)
    )
    return DigestOutcome(channel.name, digest.start, digest.end, count, result.ok, result.error)
