"""The daemon: sources on their schedules, the outbox, digests and housekeeping, until told
to stop.

Usage::

    code = asyncio.run(serve(settings, DaemonOptions(http=("127.0.0.1", 8787))))

`serve` opens the database (taking the SQLite instance lock), starts the HTTP endpoint and the
scheduler, and returns when SIGTERM/SIGINT (or `Controls.stop`) asks it to, after the runs in
flight have finished or the grace period has run out. Every source run goes through
`pipeline.run_source`, exactly as `pactwatch crawl` does; the daemon only decides when, and
which instance, runs it (see `leases`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import text

from pactwatch.config import ChannelConfig, Settings, SourceConfig
from pactwatch.daemon import health, leases
from pactwatch.daemon.arenas import limit_malloc_arenas
from pactwatch.daemon.fetchers import FetcherPool
from pactwatch.daemon.housekeeping import Retention, housekeep
from pactwatch.daemon.metrics import Metrics, database_counts, render
from pactwatch.daemon.scheduler import (
    HEARTBEAT_JOB,
    HOUSEKEEPING_JOB,
    LEASES_JOB,
    OUTBOX_JOB,
    SOURCE_JOB_DEFAULTS,
    crontab_trigger,
    digest_job_id,
    first_run_time,
    next_after,
    schedule_trigger,
    source_job_id,
)
from pactwatch.daemon.signals import Controls, install_signal_handlers
from pactwatch.logs import log_event
from pactwatch.notify.digest import send_digest
from pactwatch.notify.outbox import dispatch_due, release_leases
from pactwatch.notify.render import Renderer
from pactwatch.partners.repository import sync_config_partners
from pactwatch.pipeline import CrawlOptions, Deps, SourceRunResult, run_source
from pactwatch.record import Recorder
from pactwatch.store import Database, ensure_schema, open_database, utcnow
from pactwatch.store.sources import sync_sources
from pactwatch.workers import PageReader, worker_pool

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED = 0, 1
# PostgreSQL advisory lock key held while one instance creates the schema.
_SCHEMA_LOCK_KEY = 0x70616374


class DaemonError(Exception):
    """The daemon cannot start (locked database, unusable schema); the message says why."""


@dataclass(frozen=True)
class DaemonOptions:
    """How the daemon runs. Durations in seconds."""

    http: tuple[str, int] | None = ("127.0.0.1", 8787)
    once: bool = False
    # How long a claimed source or outbox row stays ours without renewal: after a crash, the
    # other instances wait this long before taking over.
    lease: float = 300.0
    grace: float = 30.0
    dispatch_every: float = 30.0
    housekeeping_every: float = 6 * 3600.0
    retention: Retention = field(default_factory=Retention)
    # Scheduler heartbeat; /healthz calls the scheduler dead after three missed beats.
    heartbeat: float = 10.0
    fetcher_max_age: float = 24 * 3600.0
    # Source runs at once: a thousand sources due together would otherwise hold a thousand
    # feeds and their articles in memory at the same moment (the network stays the bottleneck).
    max_concurrent_runs: int = 32
    owner: str | None = None


@dataclass
class _State:
    settings: Settings
    recorder: Recorder
    renderer: Renderer
    sources: dict[str, SourceConfig] = field(default_factory=dict)


def default_owner() -> str:
    """This instance's name in leases: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def open_daemon_database(settings: Settings) -> tuple[Database, leases.InstanceLock | None]:
    """Open the database, take the SQLite instance lock, and check (or create) the schema."""
    db = open_database(settings.database)
    try:
        lock = leases.lock_instance(db)
    except leases.InstanceLocked as exc:
        db.close()
        raise DaemonError(str(exc)) from None
    try:
        status = _ensure_schema_once(db)
    except Exception as exc:
        _close(db, lock)
        raise DaemonError(f"database {db.display_url}: {_first_line(exc)}") from exc
    if not status.ok:
        _close(db, lock)
        raise DaemonError(f"database {db.display_url}: {status.message}")
    return db, lock


def _ensure_schema_once(db: Database) -> Any:
    if db.is_sqlite:
        return ensure_schema(db.engine)
    # Instances started together must not all create the tables at once.
    with db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
        try:
            return ensure_schema(db.engine)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _SCHEMA_LOCK_KEY})
            conn.commit()


def _close(db: Database, lock: leases.InstanceLock | None) -> None:
    if lock is not None:
        lock.release()
    db.close()


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


class Daemon:
    """The running daemon; built and driven by `serve` (tests may drive it directly)."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        options: DaemonOptions,
        *,
        controls: Controls | None = None,
        load_settings: Callable[[], Settings] | None = None,
        reader: PageReader | None = None,
    ) -> None:
        self.db, self.options = db, options
        # Pages are read by `reader` (a process pool under `serve`); in-process without one.
        self.reader = reader if reader is not None else PageReader()
        self.owner = options.owner or default_owner()
        self.controls = controls or Controls()
        self.load_settings = load_settings
        self.metrics = Metrics()
        self.fetchers = FetcherPool(settings.http, self.metrics, max_age=options.fetcher_max_age)
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.http: health.HttpServer | None = None
        self.state = self._state_for(settings)
        self._inflight: set[asyncio.Task[Any]] = set()
        self._last_beat: float | None = None
        self._stopping = False
        self._rng = random.Random()
        self._run_slots = asyncio.Semaphore(max(1, options.max_concurrent_runs))

    def _state_for(self, settings: Settings) -> _State:
        enabled = {s.name: s for s in settings.sources if s.enabled}
        return _State(settings, Recorder(settings, self.db), Renderer(settings.base_dir), enabled)

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.options.lease)

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Sync the sources, start the endpoint and the scheduler."""
        await asyncio.to_thread(self._prepare_database)
        if self.options.http is not None:
            host, port = self.options.http
            self.http = await health.start_http(
                host, port, {"/healthz": self._healthz, "/metrics": self._metrics}
            )
        if not self.options.once:
            self._schedule_all()
            self.scheduler.start()
        log_event(
            logger,
            "daemon.started",
            instance=self.owner,
            sources=len(self.state.sources),
            database=self.db.display_url,
            http=f"{self.options.http[0]}:{self.http.port}"
            if self.http and self.options.http
            else "off",
        )

    def _prepare_database(self) -> None:
        with self.db.session() as session, session.begin():
            sync_sources(session, self.state.settings.sources)
            sync_config_partners(session, self.state.settings.partners)
            if self.db.is_sqlite:
                # The only instance: any lease left behind belongs to a dead predecessor.
                leases.release_source_leases(session)
        if self.db.is_sqlite:
            release_leases(self.db.sessions)

    async def wait(self) -> None:
        """Serve until a stop is asked for, reloading the config on request."""
        stop = asyncio.ensure_future(self.controls.stop_requested.wait())
        try:
            while not stop.done():
                reload = asyncio.ensure_future(self.controls.reload_requested.wait())
                await asyncio.wait({stop, reload}, return_when=asyncio.FIRST_COMPLETED)
                if reload.done() and not stop.done():
                    self.controls.reload_requested.clear()
                    await self.reload()
                reload.cancel()
        finally:
            stop.cancel()

    async def stop(self) -> None:
        """Take no new work, let runs in flight finish within the grace period, release."""
        self._stopping = True
        log_event(logger, "daemon.stopping", inflight=len(self._inflight))
        if self.scheduler.state == STATE_RUNNING:
            self.scheduler.pause()
        await self._drain()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await asyncio.to_thread(self._release_all)
        await self.fetchers.close()
        if self.http is not None:
            await self.http.close()
        log_event(logger, "daemon.stopped", instance=self.owner)

    async def _drain(self) -> None:
        pending = set(self._inflight)
        if not pending:
            return
        hurry = asyncio.ensure_future(self.controls.hurry.wait())
        done, _ = await asyncio.wait(
            pending | {hurry}, timeout=self.options.grace, return_when=asyncio.FIRST_COMPLETED
        )
        while pending and not hurry.done() and done:
            pending -= done
            if not pending:
                break
            done, _ = await asyncio.wait(
                pending | {hurry}, timeout=self.options.grace, return_when=asyncio.FIRST_COMPLETED
            )
        hurry.cancel()
        left = [t for t in self._inflight if not t.done()]
        if left:
            log_event(logger, "daemon.grace_exceeded", logging.WARNING, cancelled=len(left))
            for task in left:
                task.cancel()
            await asyncio.gather(*left, return_exceptions=True)

    def _release_all(self) -> None:
        with self.db.session() as session, session.begin():
            leases.release_source_leases(session, owner=self.owner)
        release_leases(self.db.sessions, owner=self.owner)

    # -- jobs -------------------------------------------------------------------------------

    def _schedule_all(self) -> None:
        now = utcnow()
        with self.db.session() as session:
            stored = leases.source_next_runs(session)
            periodic = {
                job: leases.stored_next_run(session, job)
                for job in [HOUSEKEEPING_JOB, *self._digest_ids()]
            }
        for source in self.state.sources.values():
            self._add_source_job(source, stored.get(source.name), now)
        self._add_digest_jobs(periodic, now)
        self.scheduler.add_job(
            self._job(self._dispatch),
            IntervalTrigger(seconds=self.options.dispatch_every),
            id=OUTBOX_JOB,
            next_run_time=now,
            **SOURCE_JOB_DEFAULTS,
        )
        self.scheduler.add_job(
            self._job(self._housekeep),
            IntervalTrigger(seconds=self.options.housekeeping_every, jitter=60),
            id=HOUSEKEEPING_JOB,
            next_run_time=first_run_time(periodic.get(HOUSEKEEPING_JOB), now, jitter=60),
            **SOURCE_JOB_DEFAULTS,
        )
        self.scheduler.add_job(
            self._renew, IntervalTrigger(seconds=max(self.options.lease / 3, 0.05)), id=LEASES_JOB
        )
        self.scheduler.add_job(
            self._beat,
            IntervalTrigger(seconds=self.options.heartbeat),
            id=HEARTBEAT_JOB,
            next_run_time=now,
        )

    def _digest_ids(self) -> list[str]:
        return [digest_job_id(c.name) for c in self._digest_channels()]

    def _digest_channels(self) -> list[ChannelConfig]:
        return [c for c in self.state.settings.channels if c.mode == "digest" and c.digest]

    def _add_source_job(self, source: SourceConfig, stored: datetime | None, now: datetime) -> None:
        self.scheduler.add_job(
            self._job(self._source_job),
            schedule_trigger(source.schedule),
            args=(source.name,),
            id=source_job_id(source.name),
            name=source.name,
            next_run_time=first_run_time(stored, now, jitter=source.schedule.jitter),
            replace_existing=True,
            **SOURCE_JOB_DEFAULTS,
        )

    def _add_digest_jobs(self, stored: dict[str, datetime | None], now: datetime) -> None:
        for channel in self._digest_channels():
            assert channel.digest is not None
            trigger = crontab_trigger(channel.digest.cron, channel.digest.timezone)
            job_id = digest_job_id(channel.name)
            first = stored.get(job_id)
            self.scheduler.add_job(
                self._job(self._digest),
                trigger,
                args=(channel.name,),
                id=job_id,
                # A digest missed while the daemon was down goes out at once; none was ever
                # scheduled: wait for the first cron time.
                next_run_time=first_run_time(first, now, jitter=0)
                if first is not None
                else trigger.get_next_fire_time(None, now),
                replace_existing=True,
                **SOURCE_JOB_DEFAULTS,
            )

    def _job(
        self, func: Callable[..., Coroutine[Any, Any, None]]
    ) -> Callable[..., Coroutine[Any, Any, None]]:
        """Wrap a job so that a stop waits for it and an error never kills the scheduler."""

        async def tracked(*args: Any) -> None:
            if self._stopping:
                return
            task = asyncio.current_task()
            assert task is not None
            self._inflight.add(task)
            try:
                await func(*args)
            except Exception:
                logger.exception("job.crashed", extra={"job": func.__name__, "args": args})
            finally:
                self._inflight.discard(task)

        tracked.__name__ = func.__name__
        return tracked

    def _next_fire(self, job_id: str) -> datetime | None:
        job = self.scheduler.get_job(job_id)
        return job.next_run_time if job is not None else None

    async def _source_job(self, name: str) -> None:
        source = self.state.sources.get(name)
        if source is None:
            return
        claim = await asyncio.to_thread(self._claim, name)
        if not claim.claimed:
            self._realign(source_job_id(name), claim.retry_at)
            return
        if claim.took_over:
            log_event(logger, "source.taken_over", source=name, previous_owner=claim.took_over)
        result = await self._run(source)
        next_at = self._next_fire(source_job_id(name)) or next_after(source.schedule, utcnow())
        await asyncio.to_thread(self._finish, name, next_at)
        if result.events:
            self._kick(OUTBOX_JOB)

    def _claim(self, name: str) -> leases.SourceClaim:
        with self.db.session() as session, session.begin():
            return leases.claim_source(
                session, name, owner=self.owner, now=utcnow(), lease=self.lease
            )

    def _finish(self, name: str, next_at: datetime) -> None:
        with self.db.session() as session, session.begin():
            if not leases.finish_source(session, name, owner=self.owner, next_run_at=next_at):
                log_event(logger, "source.lease_lost", logging.WARNING, source=name)

    async def _run(self, source: SourceConfig) -> SourceRunResult:
        state = self.state
        async with self._run_slots, self.fetchers.use() as fetcher:
            deps = Deps(
                settings=state.settings,
                fetcher=fetcher,
                db=self.db,
                recorder=state.recorder,
                options=CrawlOptions(),
                reader=self.reader,
            )
            result = await run_source(source, deps)
        self.metrics.observe_run(result)
        return result

    def _realign(self, job_id: str, when: datetime | None) -> None:
        """Fire next when the database says the source is due (or its lease runs out), so
        that every instance is ready to take over at the same moment."""
        if when is None or self.scheduler.get_job(job_id) is None:
            return
        skew = timedelta(seconds=self._rng.uniform(0.0, 0.2))
        self.scheduler.modify_job(job_id, next_run_time=max(when, utcnow()) + skew)

    def _kick(self, job_id: str) -> None:
        if not self._stopping and self.scheduler.get_job(job_id) is not None:
            self.scheduler.modify_job(job_id, next_run_time=utcnow())

    async def _dispatch(self) -> None:
        state = self.state
        report = await asyncio.to_thread(
            dispatch_due,
            self.db.sessions,
            state.settings.channels,
            utcnow(),
            owner=self.owner,
            renderer=state.renderer,
            base_dir=state.settings.base_dir,
            lease=self.lease,
        )
        self.metrics.observe_dispatch(report)
        if report.deliveries:
            log_event(
                logger, "outbox.dispatched", sent=report.sent, failed=report.failed,
                dead=report.dead,
            )  # fmt: skip

    async def _digest(self, channel_name: str, next_at: datetime | None = None) -> None:
        """Send the digest if this occurrence is ours; `next_at`: when it is due next (by
        default the scheduler's next fire time)."""
        job_id = digest_job_id(channel_name)
        channel = next((c for c in self._digest_channels() if c.name == channel_name), None)
        next_at = next_at or self._next_fire(job_id)
        if channel is None or next_at is None or not await self._claim_periodic(job_id, next_at):
            return
        state = self.state
        outcome = await asyncio.to_thread(
            send_digest,
            self.db.sessions,
            channel,
            utcnow(),
            renderer=state.renderer,
            base_dir=state.settings.base_dir,
        )
        self.metrics.observe_digest(outcome)
        log_event(
            logger, "digest.done", channel=channel_name, events=outcome.events,
            sent=outcome.sent, error=outcome.error,
        )  # fmt: skip

    async def _housekeep(self, next_at: datetime | None = None) -> None:
        next_at = next_at or self._next_fire(HOUSEKEEPING_JOB)
        if next_at is None or not await self._claim_periodic(HOUSEKEEPING_JOB, next_at):
            return
        report = await asyncio.to_thread(housekeep, self.db, utcnow(), self.options.retention)
        log_event(
            logger, "housekeeping.done", versions_deleted=report.versions_deleted,
            runs_deleted=report.runs_deleted, analysed=report.analysed,
        )  # fmt: skip

    async def _claim_periodic(self, job_id: str, next_at: datetime) -> bool:
        def claim() -> bool:
            with self.db.session() as session, session.begin():
                return leases.claim_periodic(session, job_id, now=utcnow(), next_run_at=next_at)

        return await asyncio.to_thread(claim)

    async def _renew(self) -> None:
        def renew() -> int:
            with self.db.session() as session, session.begin():
                return leases.renew_leases(
                    session, owner=self.owner, now=utcnow(), lease=self.lease
                )

        try:
            await asyncio.to_thread(renew)
        except Exception:  # the database may be briefly away; the next beat tries again
            logger.warning("leases.renew_failed", exc_info=True)

    async def _beat(self) -> None:
        self._last_beat = asyncio.get_running_loop().time()
        self.metrics.ticks += 1

    # -- once -------------------------------------------------------------------------------

    async def run_once(self) -> list[SourceRunResult]:
        """Run every due source (claimed like the scheduler does), send the outbox, then the due
        digests and housekeeping."""
        names = list(self.state.sources)
        claims = await asyncio.gather(*(asyncio.to_thread(self._claim, n) for n in names))
        chosen = [self.state.sources[n] for n, c in zip(names, claims, strict=True) if c.claimed]

        async def one(source: SourceConfig) -> SourceRunResult:
            result = await self._run(source)
            await asyncio.to_thread(
                self._finish, source.name, next_after(source.schedule, utcnow(), self._rng)
            )
            return result

        results = list(await asyncio.gather(*(one(s) for s in chosen)))
        await self._dispatch()
        await self._periodic_once()
        return results

    async def _periodic_once(self) -> None:
        """The digests and housekeeping that are due, claimed as the scheduler claims them, so
        that `run --once` from cron keeps them going too."""
        now = utcnow()
        for channel in self._digest_channels():
            assert channel.digest is not None
            trigger = crontab_trigger(channel.digest.cron, channel.digest.timezone)
            job_id, upcoming = digest_job_id(channel.name), trigger.get_next_fire_time(None, now)
            if await asyncio.to_thread(self._stored_next_run, job_id) is None:
                # Never scheduled: as in the daemon, the first digest waits for its cron time.
                await asyncio.to_thread(self._plan_periodic, job_id, upcoming)
            else:
                await self._digest(channel.name, upcoming)
        await self._housekeep(now + timedelta(seconds=self.options.housekeeping_every))

    def _stored_next_run(self, job_id: str) -> datetime | None:
        with self.db.session() as session:
            return leases.stored_next_run(session, job_id)

    def _plan_periodic(self, job_id: str, next_at: datetime) -> None:
        with self.db.session() as session, session.begin():
            leases.plan_periodic(session, job_id, next_run_at=next_at)

    # -- reload -----------------------------------------------------------------------------

    async def reload(self) -> None:
        """Read the config again and apply it; the database URL needs a restart."""
        if self.load_settings is None:
            return
        try:
            settings = await asyncio.to_thread(self.load_settings)
        except Exception as exc:
            log_event(logger, "config.reload_failed", logging.ERROR, error=str(exc))
            return
        old = self.state
        if settings.database != old.settings.database:
            log_event(
                logger, "config.reload_partial", logging.WARNING,
                reason="the database URL changes only with a restart",
            )  # fmt: skip
            settings = settings.model_copy(update={"database": old.settings.database})
        self.state = self._state_for(settings)
        await asyncio.to_thread(self._sync_sources)
        if settings.http != old.settings.http:
            await self.fetchers.renew(settings.http)
        self._reschedule(old)
        log_event(logger, "config.reloaded", sources=len(self.state.sources))

    def _sync_sources(self) -> None:
        with self.db.session() as session, session.begin():
            sync_sources(session, self.state.settings.sources)

    def _reschedule(self, old: _State) -> None:
        if not self.scheduler.running:
            return
        now = utcnow()
        with self.db.session() as session:
            stored = leases.source_next_runs(session)
        for name in old.sources.keys() - self.state.sources.keys():
            self.scheduler.remove_job(source_job_id(name))
        for name, source in self.state.sources.items():
            before = old.sources.get(name)
            if before is None or before.schedule != source.schedule:
                self._add_source_job(source, stored.get(name), now)
        for channel in old.settings.channels:
            job = self.scheduler.get_job(digest_job_id(channel.name))
            if job is not None:
                job.remove()
        with self.db.session() as session:
            periodic = {j: leases.stored_next_run(session, j) for j in self._digest_ids()}
        self._add_digest_jobs(periodic, now)

    # -- health -----------------------------------------------------------------------------

    @property
    def jobs_in_flight(self) -> int:
        """Jobs (source runs, outbox, digests, housekeeping) started and not finished yet."""
        return len(self._inflight)

    def scheduler_alive(self) -> bool:
        if self.options.once:
            return not self._stopping
        beat = self._last_beat
        if not self.scheduler.running or self.scheduler.state != STATE_RUNNING or beat is None:
            return False
        return asyncio.get_running_loop().time() - beat < 3 * self.options.heartbeat + 1

    async def _healthz(self) -> health.Answer:
        alive = self.scheduler_alive()

        def gather() -> dict[str, Any]:
            try:
                with self.db.session() as session:
                    health.database_reachable(session)
                    backlog = health.outbox_backlog(session, utcnow())
                    sources = health.source_health(session)
            except Exception as exc:
                return health.health_document(
                    scheduler_alive=alive, database_ok=False, database_error=_first_line(exc),
                    backlog=None, sources=[], instance=self.owner,
                )  # fmt: skip
            return health.health_document(
                scheduler_alive=alive, database_ok=True, database_error=None,
                backlog=backlog, sources=sources, instance=self.owner,
            )  # fmt: skip

        try:
            document = await asyncio.wait_for(asyncio.to_thread(gather), timeout=5.0)
        except TimeoutError:
            document = health.health_document(
                scheduler_alive=alive, database_ok=False, database_error="timed out",
                backlog=None, sources=[], instance=self.owner,
            )  # fmt: skip
        return health.json_answer(document)

    async def _metrics(self) -> health.Answer:
        def counts() -> Any:
            try:
                with self.db.session() as session:
                    return database_counts(session)
            except Exception:
                return None

        body = render(self.metrics, await asyncio.to_thread(counts), up=self.scheduler_alive())
        return health.Answer(200, "text/plain; version=0.0.4; charset=utf-8", body.encode())


async def serve(
    settings: Settings,
    options: DaemonOptions,
    *,
    controls: Controls | None = None,
    load_settings: Callable[[], Settings] | None = None,
    on_started: Callable[[Daemon], None] | None = None,
) -> int:
    """Run the daemon until stopped (or one pass with `options.once`); the exit status.

    Raises `DaemonError` when it cannot start. `on_started` is told once it serves. Pages are
    read in a worker pool that lives as long as the daemon: it is shut down only after `stop`
    has let the runs in flight finish, so no run loses its reader halfway.
    """
    limit_malloc_arenas()  # before the daemon's threads exist: see daemon/arenas.py
    with worker_pool() as reader:
        return await _serve(
            settings, options, reader,
            controls=controls, load_settings=load_settings, on_started=on_started,
        )  # fmt: skip


async def _serve(
    settings: Settings,
    options: DaemonOptions,
    reader: PageReader,
    *,
    controls: Controls | None,
    load_settings: Callable[[], Settings] | None,
    on_started: Callable[[Daemon], None] | None,
) -> int:
    db, lock = await asyncio.to_thread(open_daemon_database, settings)
    daemon = Daemon(
        settings, db, options, controls=controls, load_settings=load_settings, reader=reader
    )
    uninstall = install_signal_handlers(asyncio.get_running_loop(), daemon.controls)
    try:
        await daemon.start()
        if on_started is not None:
            on_started(daemon)
        if options.once:
            results = await daemon.run_once()
            await daemon.stop()
            return EXIT_FAILED if any(r.failed for r in results) else EXIT_OK
        await daemon.wait()
        await daemon.stop()
        return EXIT_OK
    finally:
        uninstall()
        with contextlib.suppress(Exception):
            await daemon.fetchers.close()
        _close(db, lock)
