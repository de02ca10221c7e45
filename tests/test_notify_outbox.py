"""The outbox and digests on SQLite and PostgreSQL, against real receivers on 127.0.0.1.

Time is driven by passing `now`; nothing sleeps.
"""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from pactwatch.config import ChannelConfig
from pactwatch.notify.digest import send_digest
from pactwatch.notify.events import Event
from pactwatch.notify.outbox import (
    PENDING,
    SENT,
    add_event,
    backoff,
    dispatch_due,
    enqueue,
    preview,
    release_leases,
    retry,
    status_summary,
)
from pactwatch.notify.render import Message, Renderer, channel_test_message
from pactwatch.notify.send import SendResult, send_message
from pactwatch.store import ensure_schema, open_database, utcnow
from pactwatch.store.models import EventRecord, OutboxRecord
from tests.conftest import REPO
from tests.notify_samples import BLOCKED, CNES, ECL
from tests.support.receivers import SmtpReceiver, WebhookReceiver

TOKEN = "mmTokenSecret0123456789"


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    db = open_database(db_url)
    ensure_schema(db.engine)
    yield db.sessions
    db.close()


def channel(name: str, urls: list[str], **kwargs: object) -> ChannelConfig:
    data = {"name": name, "urls": urls, "retry_base": 30, "retry_max": 600, **kwargs}
    return ChannelConfig.model_validate(data)


def store(
    sessions: sessionmaker[Session], event: Event, key: str, channels: list[ChannelConfig]
) -> int:
    with sessions() as session, session.begin():
        event_id = add_event(session, event, dedupe_key=key, channels=channels)
        assert event_id is not None
        return event_id


def rows(sessions: sessionmaker[Session]) -> list[OutboxRecord]:
    with sessions() as session:
        return list(session.scalars(sa.select(OutboxRecord).order_by(OutboxRecord.id)))


def test_enqueue_is_idempotent_and_routes(sessions: sessionmaker[Session]) -> None:
    mail = channel("mail", ["json://127.0.0.1:9/a"])
    countries = channel("jp-only", ["json://127.0.0.1:9/b"], filters={"countries": ["JP"]})
    digest = channel("daily", ["json://127.0.0.1:9/c"], mode="digest", digest={"cron": "0 8 * * *"})
    channels = [mail, countries, digest]
    event_id = store(sessions, ECL, "agreement:1:new", channels)
    with sessions() as session, session.begin():
        assert add_event(session, ECL, dedupe_key="agreement:1:new", channels=channels) is None
        row = session.get(EventRecord, event_id)
        assert row is not None
        assert enqueue(session, row, channels) == ["mail"]  # conflict ignored, nothing added
    assert [(r.event_id, r.channel, r.status) for r in rows(sessions)] == [
        (event_id, "mail", PENDING)
    ]
    with pytest.raises(sa.exc.IntegrityError), sessions() as session, session.begin():
        session.add(OutboxRecord(event_id=event_id, channel="mail"))


def test_enqueue_rolls_back_with_the_callers_transaction(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        session.begin()
        add_event(session, ECL, dedupe_key="k", channels=[channel("mail", ["json://h/x"])])
        session.rollback()
    assert rows(sessions) == []


@pytest.mark.timeout(60)
def test_smtp_refusing_three_times_delivers_once_after_recovery(
    sessions: sessionmaker[Session],
) -> None:
    with SmtpReceiver(refuse_first=3) as smtp:
        mail = channel("mail", [smtp.url(to="coop@example.org")], format="html")
        store(sessions, ECL, "agreement:1:new", [mail])
        now = utcnow()
        outcomes = []
        for _ in range(6):
            report = dispatch_due(sessions, [mail], now, owner="t", rng=random.Random(1))
            outcomes += [d.status for d in report.deliveries]
            (row,) = rows(sessions)
            now = max(now, row.next_attempt_at) + timedelta(seconds=1)
        assert outcomes == [PENDING, PENDING, PENDING, SENT]
        assert smtp.attempts == 4
        (mail_received,) = smtp.wait_for(1)
    assert mail_received.subject.startswith("New partner: École Centrale de Lyon")
    (row,) = rows(sessions)
    assert row.status == SENT and row.attempts == 4 and row.last_error is None
    assert row.log is not None and "Sent Email" in row.log


@pytest.mark.timeout(60)
def test_channel_down_for_the_whole_run_waits_then_delivers(
    sessions: sessionmaker[Session],
) -> None:
    with WebhookReceiver() as hook:
        chat = channel("chat", [hook.mattermost_url(TOKEN)], format="markdown", max_attempts=3)
        hook.stop()
        store(sessions, ECL, "e1", [chat])
        store(sessions, CNES, "e2", [chat])
        now = utcnow()
        for _ in range(2):
            report = dispatch_due(sessions, [chat], now, owner="t")
            assert report.failed == 2
            now += timedelta(seconds=600)
        (status,) = status_summary(sessions, now - timedelta(seconds=600))
        assert (status.channel, status.waiting, status.sent, status.dead) == ("chat", 2, 0, 0)
        assert status.last_error is not None and "Connection error" in status.last_error
        assert TOKEN not in str(status)
        assert all(TOKEN not in (r.log or "") + (r.last_error or "") for r in rows(sessions))
        # The third failure exhausts max_attempts: dead, visible, and revived by retry.
        assert dispatch_due(sessions, [chat], now, owner="t").dead == 2
        assert status_summary(sessions, now)[0].dead == 2
        assert dispatch_due(sessions, [chat], now + timedelta(days=1), owner="t").deliveries == ()
        hook.start()  # back on the same port
        assert retry(sessions, now, channel="chat") == 2
        report = dispatch_due(sessions, [chat], now, owner="t")
        assert report.sent == 2
        posts = hook.wait_for(2)
    assert len(posts) == 2 and {p.path for p in posts} == {f"/hooks/{TOKEN}"}
    (status,) = status_summary(sessions, now)
    assert (status.sent, status.due, status.waiting, status.dead) == (2, 0, 0, 0)


@pytest.mark.timeout(90)
def test_sigkill_between_send_and_record_loses_nothing_and_duplicates_once(
    sessions: sessionmaker[Session], db_url: str
) -> None:
    with WebhookReceiver() as hook:
        hook_channel = channel("hook", [hook.json_url("/alerts")])
        ids = [store(sessions, e, f"e{i}", [hook_channel]) for i, e in enumerate((ECL, CNES))]
        now = utcnow()
        child = subprocess.run(
            [sys.executable, "-m", "tests.support.kill_after_send", db_url,
             hook_channel.model_dump_json(), now.isoformat(), "doomed"],
            cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert child.returncode == -9, child.stderr
        assert "sent ok=True" in child.stdout
        assert len(hook.wait_for(1)) == 1
        assert all(r.status == PENDING and r.lease_owner == "doomed" for r in rows(sessions))
        # Restarted: while the dead process's lease runs, its rows are left alone...
        assert dispatch_due(sessions, [hook_channel], now, owner="fresh").deliveries == ()
        # ...and once it expires, everything goes out.
        later = now + timedelta(minutes=6)
        assert dispatch_due(sessions, [hook_channel], later, owner="fresh").sent == 2
        posts = hook.wait_for(3)
    titles = [p.body["title"] for p in posts]
    ecl, cnes = (t for t in titles if "École" in t), (t for t in titles if "CNES" in t)
    assert len(list(ecl)) == 2 and len(list(cnes)) == 1  # one duplicate, nothing lost
    assert [r.status for r in rows(sessions)] == [SENT, SENT]
    assert {r.event_id for r in rows(sessions)} == set(ids)


def test_backoff_is_capped_exponential_with_jitter() -> None:
    rng = random.Random(7)
    delays = [backoff(n, 30, 600, rng).total_seconds() for n in range(1, 10)]
    for n, delay in enumerate(delays, start=1):
        full = min(600, 30 * 2 ** (n - 1))
        assert full / 2 <= delay <= full
    assert max(delays) <= 600


def test_digest_groups_and_empty_period_sends_nothing(sessions: sessionmaker[Session]) -> None:
    with WebhookReceiver() as hook:
        daily = channel(
            "daily", [hook.json_url("/digest")], mode="digest", digest={"cron": "0 8 * * *"},
            events=["agreement.new_partner", "agreement.known_partner", "source.failing"],
        )  # fmt: skip
        start = utcnow()
        assert send_digest(sessions, daily, start).sent is False  # first run: nothing yet
        store(sessions, CNES, "e1", [daily])
        store(sessions, ECL, "e2", [daily])
        store(sessions, BLOCKED, "e3", [daily])
        assert rows(sessions) == []  # digest channels have no outbox rows
        # The events table is stamped with the real clock, so the digest is driven by it too.
        now = utcnow()
        outcome = send_digest(sessions, daily, now)
        assert outcome.sent and outcome.events == 3
        (post,) = hook.wait_for(1)
        assert post.body["title"] == (
            f"pactwatch digest {now.day} {now:%b %Y}: 1 new partner, 1 known partner, "
            "1 source alert"
        )
        message = post.body["message"]
        assert message.index("New partners (1)") < message.index("Known partners (1)")
        # Nothing new: nothing is sent.
        empty = send_digest(sessions, daily, utcnow())
        assert (empty.sent, empty.events) == (False, 0)
        # A failed digest keeps its period open for the next one.
        hook.stop()
        store(sessions, dataclasses.replace(ECL, institution="HUST"), "e4", [daily])
        failed = send_digest(sessions, daily, utcnow())
        assert failed.events == 1 and not failed.sent and failed.error
        hook.start()
        recovered = send_digest(sessions, daily, utcnow())
        assert recovered.sent and recovered.events == 1
        assert len(hook.wait_for(2)) == 2


def test_second_dispatcher_during_a_send_claims_nothing(sessions: sessionmaker[Session]) -> None:
    with WebhookReceiver() as hook:
        hook_channel = channel("hook", [hook.json_url("/alerts")])
        store(sessions, ECL, "e1", [hook_channel])
        now = utcnow()
        nested: list[int] = []

        def send_while_another_dispatches(target: ChannelConfig, message: Message) -> SendResult:
            other = dispatch_due(sessions, [hook_channel], now, owner="other")
            nested.append(len(other.deliveries))
            return send_message(target, message)

        report = dispatch_due(
            sessions, [hook_channel], now, owner="first", send=send_while_another_dispatches
        )
        assert report.sent == 1 and nested == [0]
        assert len(hook.wait_for(1)) == 1


def test_rows_waiting_behind_a_slow_send_are_not_sent_twice(
    sessions: sessionmaker[Session],
) -> None:
    # The first send outlives the lease the dispatcher took for all its rows: a second
    # dispatcher then takes them over. The rows not yet sent are left to it, not sent again;
    # only the send that outlived its own lease may be duplicated.
    with WebhookReceiver() as hook:
        hook_channel = channel("hook", [hook.json_url("/alerts")])
        for key in ("e1", "e2", "e3"):
            store(sessions, ECL, key, [hook_channel])
        now, lease = utcnow(), timedelta(seconds=10)
        later: list[int] = []

        def slow_first_send(target: ChannelConfig, message: Message) -> SendResult:
            if not later:
                other = dispatch_due(
                    sessions, [hook_channel], now + 2 * lease, owner="other", lease=lease
                )
                later.append(other.sent)
            return send_message(target, message)

        first = dispatch_due(
            sessions, [hook_channel], now, owner="first", send=slow_first_send, lease=lease
        )
        assert later == [3] and first.sent == 0
        assert len(hook.wait_for(4)) == 4
        assert all(r.status == SENT and r.attempts == 1 for r in rows(sessions))


def test_preview_release_leases_and_channel_test(sessions: sessionmaker[Session]) -> None:
    with WebhookReceiver() as hook:
        hook_channel = channel("hook", [hook.json_url("/alerts")], format="html")
        event_id = store(sessions, CNES, "e1", [hook_channel])
        renderer = Renderer()
        with sessions() as session:
            shown = preview(session, event_id, hook_channel, renderer)
            assert preview(session, event_id + 99, hook_channel, renderer) is None
        assert shown == renderer.render(CNES, hook_channel)
        now = utcnow()
        with sessions() as session, session.begin():
            session.execute(
                sa.update(OutboxRecord).values(
                    lease_owner="crashed", lease_expires_at=now + timedelta(hours=1)
                )
            )
        assert dispatch_due(sessions, [hook_channel], now, owner="new").deliveries == ()
        assert release_leases(sessions) == 1
        assert dispatch_due(sessions, [hook_channel], now, owner="new").sent == 1
        assert send_message(hook_channel, channel_test_message(hook_channel)).ok
        titles = [p.body["title"] for p in hook.wait_for(2)]
    assert titles[1] == "pactwatch test: channel hook works"
