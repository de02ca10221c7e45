"""The daemon over many runs: what a run leaves behind must not pile up.

A scheduler tick that keeps one object alive (a job record, a finished task, a metric label
set, a session, a connection) costs nothing in a unit test and a few MB a week in production.
This test runs a daemon in-process with a few sources firing every 0.1 s, lets it warm up (its
caches, connection pools and statement caches filling), then counts the live objects with the
scheduler paused and no run in flight, before and after hundreds more runs.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pactwatch.daemon import Controls, Daemon, DaemonOptions, serve
from pactwatch.daemon.leases import claim_periodic
from pactwatch.daemon.scheduler import HOUSEKEEPING_JOB
from pactwatch.store import ensure_schema, open_database
from tests.support.webserver import WebServer
from tests.test_daemon import FAST, _until
from tests.test_daemon_support import serve_site, settings_for

SOURCES = 6
WARM_UP = 200  # runs before the first count
MEASURED = 400  # runs between the two counts
# Live objects allowed to appear over MEASURED runs: one object kept per run would be 400.
SLACK = 120
# Not counted: a sqlite3 connection keeps a weak reference to every cursor it made and drops
# the dead ones only every 200 cursors, so their number swings by hundreds, boundedly.
NOISE = frozenset({"ReferenceType"})


def _runs(daemon: Daemon) -> int:
    return sum(daemon.metrics.runs.values())


async def _quiet_count(daemon: Daemon, web: WebServer) -> Counter[str]:
    """Live gc-tracked objects per type, counted with no job running or starting."""
    daemon.scheduler.pause()
    await _until(lambda: daemon.jobs_in_flight == 0)
    web.clear()  # the test server keeps every request it answered
    gc.collect()
    counts = Counter(type(o).__qualname__ for o in gc.get_objects())
    for name in NOISE:
        del counts[name]
    daemon.scheduler.resume()
    return counts


def test_runs_leave_no_objects_behind(tmp_path: Path) -> None:
    # A source still running when it is due again is skipped with a warning, which pytest
    # would keep (its log capture grows, not the daemon).
    scheduler_logs = logging.getLogger("apscheduler")
    level = scheduler_logs.level
    scheduler_logs.setLevel(logging.ERROR)
    try:
        _run_and_count(tmp_path)
    finally:
        scheduler_logs.setLevel(level)


def _housekeeping_done_today(db_url: str) -> None:
    """Record housekeeping as done: its first run (within a minute of the start) would
    compile its statements between the two counts, a one-off that is no leak."""
    db = open_database(db_url)
    ensure_schema(db.engine)
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        claim_periodic(session, HOUSEKEEPING_JOB, now=now, next_run_at=now + timedelta(days=1))
    db.close()


def _run_and_count(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    _housekeeping_done_today(db_url)
    with WebServer() as web:
        feeds = {f"s{i}": serve_site(web, f"/s{i}", count=2) for i in range(SOURCES)}
        settings = settings_for(db_url, feeds, every=0.1)

        async def scenario() -> tuple[Counter[str], Counter[str], int]:
            controls, seen = Controls(), {}
            task = asyncio.create_task(
                serve(
                    settings,
                    DaemonOptions(**FAST),
                    controls=controls,
                    on_started=lambda d: seen.setdefault("d", d),
                )
            )
            await _until(lambda: "d" in seen)
            daemon: Any = seen["d"]
            await _until(lambda: _runs(daemon) >= WARM_UP, timeout=60)
            before = await _quiet_count(daemon, web)
            start = _runs(daemon)
            await _until(lambda: _runs(daemon) >= start + MEASURED, timeout=90)
            after = await _quiet_count(daemon, web)
            runs = _runs(daemon) - start
            controls.stop()
            assert await task == 0
            return before, after, runs

        before, after, runs = asyncio.run(scenario())
    grown = after.total() - before.total()
    growers = (after - before).most_common(12)
    assert grown < SLACK, f"{grown} objects more after {runs} runs: {growers}"
