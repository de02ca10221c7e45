"""The daemon in-process: scheduling, health and metrics, leases, restarts, housekeeping."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pactwatch.config import Schedule, Settings
from pactwatch.daemon import Controls, Daemon, DaemonError, DaemonOptions, check_health, serve
from pactwatch.daemon.health import parse_address
from pactwatch.daemon.housekeeping import Retention, housekeep
from pactwatch.daemon.leases import (
    claim_periodic,
    claim_source,
    finish_source,
    release_source_leases,
    renew_leases,
)
from pactwatch.daemon.metrics import Metrics, render
from pactwatch.daemon.scheduler import crontab_trigger, first_run_time, next_after, source_job_id
from pactwatch.daemon.service import open_daemon_database
from pactwatch.store import ensure_schema, open_database
from pactwatch.store.models import (
    ArticleRecord,
    ArticleVersionRecord,
    DigestStateRecord,
    SchedulerStateRecord,
    SourceRecord,
    SourceRunRecord,
)
from pactwatch.store.sources import sync_sources
from tests.support.webserver import WebServer
from tests.test_daemon_support import serve_site, settings_for

FAST = {"http": ("127.0.0.1", 0), "lease": 5.0, "heartbeat": 0.2, "grace": 5.0}


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


async def _until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll a cheap in-memory predicate on the loop (no sleeping thread; fails on timeout)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def _started(settings: Settings, **kwargs: Any) -> tuple[asyncio.Task[int], Controls, Daemon]:
    """`serve` as a task, once its daemon has started (its task, controls and daemon)."""
    controls: Controls = Controls()
    seen: dict[str, Daemon] = {}
    task = asyncio.create_task(
        serve(
            settings,
            DaemonOptions(**FAST),
            controls=controls,
            on_started=lambda d: seen.setdefault("d", d),
            **kwargs,
        )
    )
    await _until(lambda: "d" in seen or task.done())
    assert "d" in seen, task.result()
    return task, controls, seen["d"]


def test_daemon_crawls_on_schedule_and_serves_health_and_metrics(db_url: str) -> None:
    with WebServer() as web:
        url = serve_site(web, count=3)
        settings = settings_for(db_url, {"news": url}, every=0.5)

        async def scenario() -> tuple[int, dict[str, Any], str, int]:
            task, controls, daemon = await _started(settings)
            # Two runs of the source: the schedule fired again after its period.
            arrived = await asyncio.to_thread(web.wait_for_requests, 2, "/feed.xml", 15)
            assert arrived, task.result() if task.done() else "no second run"
            port = daemon.http.port
            status, body = await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/healthz")
            _, metrics = await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/metrics")
            missing, _ = await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/nope")
            ok, _ = await asyncio.to_thread(check_health, f"127.0.0.1:{port}")
            assert ok
            controls.stop()
            code = await task
            assert status == 200 and missing == 404
            return code, json.loads(body), metrics.decode(), port

        code, health, metrics, port = asyncio.run(scenario())
    assert code == 0
    assert health["ok"] and health["scheduler"]["alive"] and health["database"]["reachable"]
    assert health["outbox"]["backlog"] == 0
    [source] = health["sources"]
    assert source["name"] == "news" and source["consecutive_failures"] == 0
    assert source["last_success_at"] is not None
    assert 'pactwatch_fetches_total{host="127.0.0.1",status="200"}' in metrics
    assert 'pactwatch_source_runs_total{outcome="ok"}' in metrics
    assert "pactwatch_source_run_seconds_bucket" in metrics
    assert "pactwatch_articles 3" in metrics
    db = open_database(db_url)
    with db.session() as session:
        row = session.scalars(select(SourceRecord)).one()
        runs = session.scalars(select(SourceRunRecord)).all()
        articles = session.scalars(select(ArticleRecord)).all()
    db.close()
    assert len(articles) == 3 and len(runs) >= 2
    # Stopped cleanly: no lease left behind, and the next run is on record for a restart.
    assert row.lease_owner is None and row.next_run_at is not None
    # Nothing answers once stopped.
    assert not check_health(f"127.0.0.1:{port}", timeout=1)[0]


def test_schedules_survive_a_restart(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    with WebServer() as web:
        settings = settings_for(db_url, {"news": serve_site(web)}, every=3600.0)
        settings = settings.model_copy(
            update={
                "sources": tuple(
                    s.model_copy(update={"schedule": Schedule(every=3600, jitter=0)})
                    for s in settings.sources
                )
            }
        )
        options = DaemonOptions(**FAST)

        async def one_life() -> datetime | None:
            controls, seen = Controls(), {}

            def started(daemon: Daemon) -> None:
                seen["job"] = daemon.scheduler.get_job(source_job_id("news")).next_run_time

            task = asyncio.create_task(
                serve(settings, options, controls=controls, on_started=started)
            )
            await asyncio.to_thread(web.wait_for_requests, 1, "/feed.xml", 10)
            db = open_database(db_url)

            def stored() -> datetime | None:
                with db.session() as session:
                    row = session.scalars(select(SourceRecord)).first()
                    return row.next_run_at if row and row.lease_owner is None else None

            await _until(lambda: stored() is not None)
            db.close()
            controls.stop()
            await task
            return seen.get("job")

        asyncio.run(one_life())
        db = open_database(db_url)
        with db.session() as session:
            due = session.scalars(select(SourceRecord)).one().next_run_at
        db.close()
        assert due is not None and due > datetime.now(UTC) + timedelta(minutes=55)
        # The second life starts the job where the first left it, not from now.
        second = asyncio.run(one_life_no_wait(settings, options))
        assert second == due
        assert len(web.requests_to("/feed.xml")) == 1


async def one_life_no_wait(settings: Any, options: DaemonOptions) -> datetime | None:
    controls, seen = Controls(), {}

    def started(daemon: Daemon) -> None:
        seen["job"] = daemon.scheduler.get_job(source_job_id("news")).next_run_time
        controls.stop()

    await serve(settings, options, controls=controls, on_started=started)
    return seen.get("job")


def test_a_second_sqlite_daemon_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'one.db'}", {})
    db, lock = open_daemon_database(settings)
    try:
        with pytest.raises(DaemonError) as caught:
            open_daemon_database(settings)
    finally:
        assert lock is not None
        lock.release()
        db.close()
    message = str(caught.value)
    assert "already running" in message and "one.db" in message and "PostgreSQL" in message
    # Released: the next daemon may start.
    db, lock = open_daemon_database(settings)
    assert lock is not None
    lock.release()
    db.close()


def test_source_claims_and_leases(db_url: str) -> None:
    settings = settings_for(db_url, {"a": "http://127.0.0.1:9/feed.xml"})
    db = open_database(db_url)
    ensure_schema(db.engine)
    now = datetime.now(UTC)
    lease = timedelta(seconds=60)
    try:
        with db.session() as s, s.begin():
            sync_sources(s, settings.sources)
        with db.session() as s, s.begin():
            first = claim_source(s, "a", owner="one", now=now, lease=lease)
        with db.session() as s, s.begin():
            second = claim_source(s, "a", owner="two", now=now, lease=lease)
        assert first.claimed and not second.claimed
        assert second.lease_owner == "one" and second.retry_at == now + lease
        with db.session() as s, s.begin():
            assert renew_leases(s, owner="one", now=now + lease / 2, lease=lease) == 1
        # "one" died: once its lease has run out, "two" takes the source over.
        later = now + lease * 2
        with db.session() as s, s.begin():
            taken = claim_source(s, "a", owner="two", now=later, lease=lease)
        assert taken.claimed and taken.took_over == "one"
        with db.session() as s, s.begin():
            assert not finish_source(s, "a", owner="one", next_run_at=later)
            assert finish_source(s, "a", owner="two", next_run_at=later + lease)
        with db.session() as s, s.begin():
            early = claim_source(s, "a", owner="one", now=later, lease=lease)
        assert not early.claimed and early.retry_at == later + lease
        with db.session() as s, s.begin():
            assert claim_source(s, "a", owner="one", now=later + lease, lease=lease).claimed
            assert release_source_leases(s, owner="one") == 1
        with db.session() as s, s.begin():
            assert claim_periodic(s, "housekeeping", now=now, next_run_at=now + lease)
        with db.session() as s, s.begin():
            assert not claim_periodic(s, "housekeeping", now=now, next_run_at=now + lease)
    finally:
        db.close()


def test_housekeeping_keeps_latest_versions(db_url: str) -> None:
    settings = settings_for(db_url, {"a": "http://127.0.0.1:9/feed.xml"})
    db = open_database(db_url)
    ensure_schema(db.engine)
    now = datetime.now(UTC)
    old = now - timedelta(days=400)
    try:
        with db.session() as s, s.begin():
            ids = sync_sources(s, settings.sources)
            article = ArticleRecord(url="https://x.test/1", source_id=ids["a"], institution="uni")
            s.add(article)
            s.flush()
            for i, when in enumerate((old, old + timedelta(days=1), now)):
                s.add(
                    ArticleVersionRecord(
                        article_id=article.id, content_hash=f"h{i}", fetched_at=when, text="t"
                    )
                )
            lone = ArticleRecord(url="https://x.test/2", source_id=ids["a"], institution="uni")
            s.add(lone)
            s.flush()
            s.add(
                ArticleVersionRecord(article_id=lone.id, content_hash="z", fetched_at=old, text="t")
            )
            s.add(
                SourceRunRecord(source_id=ids["a"], started_at=old, finished_at=old, outcome="ok")
            )
        report = housekeep(
            db, now, Retention(versions=timedelta(days=180), runs=timedelta(days=30))
        )
        with db.session() as s:
            left = sorted(s.scalars(select(ArticleVersionRecord.content_hash)).all())
            runs = s.scalars(select(SourceRunRecord)).all()
    finally:
        db.close()
    # The two old versions of the first article go; the only (old) version of the second stays.
    assert report.versions_deleted == 2 and left == ["h2", "z"]
    assert report.runs_deleted == 1 and runs == []
    assert report.analysed


def test_crontab_weekdays_count_from_sunday_like_cron() -> None:
    trigger = crontab_trigger("0 8 * * 1-5", "Asia/Ho_Chi_Minh")
    saturday = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)  # a Saturday
    fire = trigger.get_next_fire_time(None, saturday)
    assert fire.weekday() == 0 and fire.hour == 8  # Monday 08:00 in Hanoi
    sunday = crontab_trigger("30 7 * * 0", "UTC").get_next_fire_time(None, saturday)
    assert sunday.weekday() == 6 and (sunday.hour, sunday.minute) == (7, 30)


def test_start_times_and_next_runs() -> None:
    now = datetime(2024, 6, 1, tzinfo=UTC)
    ahead = now + timedelta(minutes=5)
    assert first_run_time(ahead, now, jitter=60) == ahead
    missed = first_run_time(now - timedelta(hours=2), now, jitter=60)
    assert now <= missed <= now + timedelta(seconds=60)
    assert next_after(Schedule(every=600, jitter=0), now) == now + timedelta(minutes=10)
    daily = next_after(Schedule(cron="0 8 * * *", timezone="UTC", jitter=0), now)
    assert daily == datetime(2024, 6, 1, 8, tzinfo=UTC)


def test_metrics_text_format_escapes_labels() -> None:
    metrics = Metrics()
    metrics.fetches[('we"ird\\host', "503")] += 2
    text = render(metrics, None)
    assert 'pactwatch_fetches_total{host="we\\"ird\\\\host",status="503"} 2' in text
    for line in text.splitlines():
        assert line.startswith("#") or " " in line


def test_http_address_parsing_and_unreachable_daemon() -> None:
    assert parse_address("off") is None
    assert parse_address("0.0.0.0:8787") == ("0.0.0.0", 8787)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    with pytest.raises(ValueError, match="HOST:PORT"):
        parse_address("localhost")
    ok, message = check_health("127.0.0.1:9", timeout=1)
    assert not ok and "no pactwatch daemon answers" in message


def test_health_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'gone.db'}"
    settings = settings_for(db_url, {})

    async def scenario() -> tuple[int, dict[str, Any]]:
        task, controls, daemon = await _started(settings)
        await _until(daemon.scheduler_alive)
        # Point the daemon at a database that cannot be opened.
        broken = open_database(f"sqlite:///{tmp_path / 'missing' / 'x' / 'db'}")
        real, daemon.db = daemon.db, broken
        (tmp_path / "missing" / "x" / "db").mkdir(parents=True)  # a directory, not a file
        status, body = await asyncio.to_thread(
            _get,
            f"http://127.0.0.1:{daemon.http.port}/healthz",  # type: ignore[union-attr]
        )
        daemon.db = real
        broken.close()
        controls.stop()
        await task
        return status, json.loads(body)

    status, body = asyncio.run(scenario())
    assert status == 503 and not body["ok"] and not body["database"]["reachable"]


def _run_args(config: Path, *extra: str) -> Any:
    import argparse

    from pactwatch.commands import run as run_command

    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path)
    run_command.register(parser.add_subparsers())
    return parser.parse_args(["--config", str(config), "run", "--http", "off", *extra])


def test_run_once_from_the_command_and_the_lock_message(tmp_path: Path) -> None:
    from pactwatch.commands.common import UserError
    from pactwatch.daemon.leases import lock_instance

    with WebServer() as web:
        url = serve_site(web, count=2)
        config = tmp_path / "pactwatch.yaml"
        config.write_text(
            f"database: sqlite:///{tmp_path / 'cli.db'}\n"
            "http: {min_delay: 0, retries: 0}\n"
            "institutions: [{id: uni, name: Example University}]\n"
            f"sources: [{{name: news, institution: uni, kind: feed, url: '{url}'}}]\n",
            encoding="utf-8",
        )
        args = _run_args(config, "--once")
        assert args.handler(args) == 0
        assert len(web.requests_to("/feed.xml")) == 1
        # Not due again before its period: a second --once crawls nothing.
        assert args.handler(args) == 0
        assert len(web.requests_to("/feed.xml")) == 1
        db = open_database(f"sqlite:///{tmp_path / 'cli.db'}")
        held = lock_instance(db)
        try:
            with pytest.raises(UserError, match="already running"):
                args.handler(args)
        finally:
            assert held is not None
            held.release()
            db.close()


def test_run_once_from_cron_runs_due_digests_and_housekeeping(tmp_path: Path) -> None:
    from pactwatch.daemon.scheduler import HOUSEKEEPING_JOB, digest_job_id
    from pactwatch.store import utcnow

    db_url = f"sqlite:///{tmp_path / 'cron.db'}"
    config = tmp_path / "pactwatch.yaml"
    config.write_text(
        f"database: {db_url}\n"
        "institutions: [{id: uni, name: Example University}]\n"
        "sources: [{name: news, institution: uni, kind: feed, url: 'http://127.0.0.1:9/f.xml',"
        " schedule: {every: 1d}}]\n"
        "channels: [{name: daily, urls: ['json://127.0.0.1:9/'], mode: digest,"
        " digest: {cron: '0 8 * * *'}}]\n",
        encoding="utf-8",
    )
    args = _run_args(config, "--once")
    digest = digest_job_id("daily")

    def state() -> dict[str, tuple[Any, Any]]:
        db = open_database(db_url)
        with db.session() as session:
            rows = session.scalars(select(SchedulerStateRecord)).all()
            found = {r.job_id: (r.last_run_at, r.next_run_at) for r in rows}
            found["digest sent"] = (session.get(DigestStateRecord, "daily") is not None, None)
        db.close()
        return found

    args.handler(args)  # the source fails (nothing listens): the periodic jobs run all the same
    first = state()
    assert first[HOUSEKEEPING_JOB][0] is not None  # never run: due at once
    last, upcoming = first[digest]
    assert last is None and upcoming > utcnow()  # a first digest waits for its cron time
    assert first["digest sent"] == (False, None)

    args.handler(args)
    assert state() == first  # nothing due again yet

    db = open_database(db_url)
    with db.session() as session, session.begin():
        row = session.get(SchedulerStateRecord, digest)
        assert row is not None
        row.next_run_at = utcnow() - timedelta(minutes=1)
    db.close()
    args.handler(args)
    third = state()
    assert third[digest][0] is not None and third[digest][1] > utcnow()
    assert third["digest sent"] == (True, None)
    assert third[HOUSEKEEPING_JOB] == first[HOUSEKEEPING_JOB]


def test_reload_adds_and_removes_source_jobs(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'reload.db'}"
    first = settings_for(db_url, {"a": "http://127.0.0.1:9/a.xml"}, every=3600.0)
    second = settings_for(db_url, {"b": "http://127.0.0.1:9/b.xml"}, every=3600.0)
    current = {"settings": second}

    async def scenario() -> tuple[bool, bool]:
        task, controls, daemon = await _started(first, load_settings=lambda: current["settings"])
        controls.reload()  # what SIGHUP does
        await _until(lambda: daemon.scheduler.get_job(source_job_id("b")) is not None)
        gone = daemon.scheduler.get_job(source_job_id("a")) is None
        controls.stop()
        await task
        return gone, "b" in daemon.state.sources

    assert asyncio.run(scenario()) == (True, True)
