"""The daemon over many runs: what a run leaves behind must not pile up.

A scheduler tick that keeps one object alive (a job record, a finished task, a metric label
set, a session, a connection) costs nothing in a unit test and a few MB a week in production.
This test runs a daemon in-process with a few sources firing every 0.1 s, lets it warm up (its
caches, connection pools and statement caches filling), then counts the live objects with the
scheduler paused and no run in flight, after two more stretches of hundreds of runs. A leak
grows in both stretches; a one-off (a cache filling late, a slow run under load) in one only.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import pairwise
from pathlib import Path

from pactwatch.daemon import Daemon
from pactwatch.daemon.leases import claim_periodic
from pactwatch.daemon.scheduler import HOUSEKEEPING_JOB
from pactwatch.store import ensure_schema, open_database
from tests.support.webserver import WebServer
from tests.test_daemon import _started, _until
from tests.test_daemon_support import serve_site, settings_for

SOURCES = 6
WARM_UP = 200  # runs before the first count
MEASURED = 300  # runs between two counts
# Live objects allowed to appear over MEASURED runs: one object kept per run would be 300.
SLACK = 120
# Not counted: a sqlite3 connection keeps a weak reference to every cursor it made and drops
# the dead ones only every 200 cursors, so their number swings by hundreds, boundedly.
NOISE = frozenset({"ReferenceType"})


def _runs(daemon: Daemon) -> int:
    return sum(daemon.metrics.runs.values())


def _reached(daemon: Daemon, runs: int) -> bool:
    return _runs(daemon) >= runs


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
    # pytest's log capture keeps every record logged (with its arguments: URLs, dicts), at INFO
    # when a run sets that level, and a source still running when it is due again is skipped
    # with a warning: the harness would hold them, not the daemon. Errors are still logged.
    logging.disable(logging.WARNING)
    try:
        _run_and_count(tmp_path)
    finally:
        logging.disable(logging.NOTSET)


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

        async def scenario() -> list[tuple[Counter[str], int]]:
            task, controls, daemon = await _started(settings)
            await _until(lambda: _runs(daemon) >= WARM_UP, timeout=60)
            counts = [(await _quiet_count(daemon, web), _runs(daemon))]
            for _ in range(2):
                target = _runs(daemon) + MEASURED
                await _until(partial(_reached, daemon, target), timeout=90)
                counts.append((await _quiet_count(daemon, web), _runs(daemon)))
            controls.stop()
            assert await task == 0
            return counts

        counts = asyncio.run(scenario())
    stretches = [
        (after.total() - before.total(), runs - ran, (after - before).most_common(8))
        for (before, ran), (after, runs) in pairwise(counts)
    ]
    assert min(grown for grown, _, _ in stretches) < SLACK, (
        f"objects more over each stretch (grown, runs, growers): {stretches}"
    )
