"""The daemon as real processes: SIGTERM mid-run, and several instances on one PostgreSQL."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date

import psutil
import pytest
from sqlalchemy import select

from pactwatch.config import ChannelConfig, Settings
from pactwatch.daemon import DaemonOptions
from pactwatch.notify import ArticleInfo, add_event
from pactwatch.store import ensure_schema, open_database
from pactwatch.store.models import ArticleRecord, OutboxRecord, SourceRecord, SourceRunRecord
from pactwatch.workers import INLINE_PAGES
from tests.conftest import REPO
from tests.notify_samples import ECL
from tests.support.receivers import WebhookReceiver
from tests.support.webserver import Request, Response, WebServer
from tests.test_daemon_support import child_argv, serve_site, settings_for


class Child:
    """A daemon process whose stderr (JSON log lines) is read as it comes."""

    def __init__(self, settings: Settings, options: DaemonOptions) -> None:
        self.proc = subprocess.Popen(
            child_argv(settings, options),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        self.events: list[dict[str, object]] = []
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line)
                with suppress(ValueError):
                    self.events.append(json.loads(line))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for_event(self, name: str, timeout: float = 20.0) -> dict[str, object]:
        def found() -> dict[str, object] | None:
            return next((e for e in self.events if e.get("event") == name), None)

        with self._changed:
            ok = self._changed.wait_for(
                lambda: found() is not None or not self._reader.is_alive(), timeout
            )
        event = found()
        assert ok and event is not None, f"no {name} in:\n{''.join(self.lines)}"
        return event

    def names(self) -> list[object]:
        return [e.get("event") for e in self.events]

    def finish(self, timeout: float = 30.0) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        return code


@contextmanager
def daemons(settings: Settings, options: DaemonOptions, count: int) -> Iterator[list[Child]]:
    children = [Child(settings, options) for _ in range(count)]
    try:
        yield children
    except BaseException:
        for child in children:  # shown by pytest with the failure
            print(f"--- daemon {child.proc.pid}:\n{''.join(child.lines)}")
        raise
    finally:
        for child in children:
            if child.proc.poll() is None:
                child.proc.kill()
            child.finish()


class Gate:
    """An article answer held until the test opens the gate (never by sleeping)."""

    def __init__(self, body: bytes, *, first_only: bool = False) -> None:
        self.body, self.first_only = body, first_only
        self.opened = threading.Event()
        self.calls = 0

    def __call__(self, request: Request) -> Response:
        self.calls += 1
        if not self.first_only or self.calls == 1:
            while not (self.opened.wait(0.05) or request.stopping.is_set()):
                pass
            if self.first_only:
                return Response(0)  # the holder was killed: nobody reads this answer
        headers = {"Content-Type": "text/html; charset=utf-8"}
        return Response(200, headers, self.body)


def _article(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{'A story. ' * 30}</p></article></body></html>"
    ).encode()


@pytest.mark.timeout(60)
def test_sigterm_during_a_run_lets_it_finish_and_exits_cleanly(tmp_path: object) -> None:
    db_url = f"sqlite:///{tmp_path}/term.db"
    with WebServer() as web:
        url = serve_site(web, count=3)
        gate = Gate(_article("Held story"))
        web.route("/news/2.html", gate)
        settings = settings_for(db_url, {"news": url}, every=3600.0)
        options = DaemonOptions(http=None, grace=20.0, lease=30.0)
        with daemons(settings, options, 1) as [child]:
            child.wait_for_event("daemon.started")
            assert web.wait_for_requests(1, "/news/2.html", 20)
            child.proc.send_signal(signal.SIGTERM)
            child.wait_for_event("daemon.stopping")
            gate.opened.set()  # the run in flight may now complete
            code = child.finish()
            names = child.names()
    assert code == 0, "".join(child.lines)
    assert "daemon.stopped" in names and "daemon.grace_exceeded" not in names
    assert names.index("source.done") < names.index("daemon.stopped")
    db = open_database(db_url)
    with db.session() as session:
        titles = sorted(t or "" for t in session.scalars(select(ArticleRecord.title)))
        runs = session.scalars(select(SourceRunRecord)).all()
        source = session.scalars(select(SourceRecord)).one()
    db.close()
    assert len(titles) == 3 and "Held story" in titles
    assert [r.outcome for r in runs] == ["ok"]
    assert source.lease_owner is None


@pytest.mark.timeout(60)
def test_sigterm_shuts_the_worker_pool_down_after_the_run_in_flight(tmp_path: object) -> None:
    # More articles than are read in-process, so the pool has workers when the signal comes.
    count = INLINE_PAGES + 16
    db_url = f"sqlite:///{tmp_path}/pool.db"
    with WebServer() as web:
        url = serve_site(web, count=count)
        gate = Gate(_article("Last story"))
        web.route(f"/news/{count - 1}.html", gate)
        settings = settings_for(db_url, {"news": url}, every=3600.0)
        options = DaemonOptions(http=None, grace=20.0, lease=30.0)
        with daemons(settings, options, 1) as [child]:
            child.wait_for_event("daemon.started")
            assert web.wait_for_requests(1, f"/news/{count - 1}.html", 20)
            daemon = psutil.Process(child.proc.pid)
            workers = [p for p in daemon.children(recursive=True) if p.ppid() != daemon.pid]
            child.proc.send_signal(signal.SIGTERM)
            child.wait_for_event("daemon.stopping")
            assert all(w.is_running() for w in workers)  # not stopped before the run ends
            gate.opened.set()
            code = child.finish()
            names = child.names()
    assert code == 0, "".join(child.lines)
    assert workers, "the pool never started a worker"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    assert "workers.broken" not in "".join(child.lines)
    assert names.index("source.done") < names.index("daemon.stopped")
    db = open_database(db_url)
    with db.session() as session:
        titles = list(session.scalars(select(ArticleRecord.title)))
    db.close()
    assert len(titles) == count and "Last story" in titles


def _postgres_url() -> str:
    url = os.environ.get("PACTWATCH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PACTWATCH_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
    return url


@pytest.mark.timeout(120)
def test_three_daemons_share_sources_and_alerts_even_when_one_is_killed(
    db_url: str,
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("several instances need PostgreSQL")
    # Leases short enough for a quick takeover, long enough that a live daemon on a loaded
    # machine renews its own before they run out (at 1.5 s, three runs of seven failed on a
    # loaded machine: a survivor's lease taken by the other survivor, or alpha not run three
    # more times within 30 s).
    every, lease = 1.0, 3.0
    with WebServer() as web, WebhookReceiver() as hook:
        feeds = {"alpha": serve_site(web, "/alpha", 2), "beta": serve_site(web, "/beta", 2)}
        held = Gate(_article("Beta held"), first_only=True)
        web.route("/beta/news/1.html", held)
        chat = ChannelConfig(name="chat", urls=(hook.json_url("/alerts"),))
        settings = settings_for(db_url, feeds, every=every, channels=[chat])
        db = open_database(db_url)
        ensure_schema(db.engine)
        events = 6
        with db.session() as session, session.begin():
            for i in range(events):
                article = ArticleInfo(
                    f"https://example.org/{i}", f"Signing number {i}", date.today()
                )
                event = dataclasses.replace(ECL, article=article)
                add_event(session, event, dedupe_key=f"sample:{i}", channels=[chat])
        options = DaemonOptions(http=None, lease=lease, grace=5.0, dispatch_every=0.5)
        with daemons(settings, options, 3) as children:
            # A daemon is stuck in beta's run: SIGKILL it there.
            assert web.wait_for_requests(1, "/beta/news/1.html", 30)
            with db.session() as session:
                owner = session.scalar(
                    select(SourceRecord.lease_owner).where(SourceRecord.name == "beta")
                )
            assert owner is not None
            victim = next(c for c in children if owner.endswith(f":{c.proc.pid}"))
            victim.proc.send_signal(signal.SIGKILL)
            victim.finish()
            # Its lease runs out and another daemon crawls beta again, to the end.
            assert web.wait_for_requests(2, "/beta/news/1.html", 30)
            survivors = [c for c in children if c is not victim]
            hook.wait_for(events, timeout=30)
            # A few more periods with two daemons.
            runs_before = len(web.requests_to("/alpha/feed.xml"))
            assert web.wait_for_requests(runs_before + 3, "/alpha/feed.xml", 30)
            for child in survivors:
                child.proc.send_signal(signal.SIGTERM)
            codes = [c.finish() for c in survivors]
            taken_over = [
                e for c in survivors for e in c.events if e.get("event") == "source.taken_over"
            ]
        with db.session() as session:
            runs = session.execute(
                select(SourceRecord.name, SourceRunRecord.started_at, SourceRunRecord.finished_at)
                .join(SourceRecord, SourceRecord.id == SourceRunRecord.source_id)
                .order_by(SourceRunRecord.started_at)
            ).all()
            outbox = session.scalars(select(OutboxRecord)).all()
        db.close()
        posts = hook.posts
    assert codes == [0, 0]
    # beta was taken over from the killed daemon (which may have held alpha's lease as well).
    assert "beta" in {e["source"] for e in taken_over}
    assert {e["previous_owner"] for e in taken_over} == {owner}
    # Three dispatchers shared the outbox and one was SIGKILLed: every alert went out, and the
    # only duplicate allowed is the documented one, a send the killed process made but never
    # recorded (at most one per crash and channel).
    assert all(r.status == "sent" for r in outbox)
    bodies = [json.dumps(p.body, ensure_ascii=False) for p in posts]
    copies = [sum(f"Signing number {i}" in b for b in bodies) for i in range(events)]
    assert all(n >= 1 for n in copies), copies
    assert sum(copies) - events <= 1, copies
    for name in feeds:
        mine = [(start, end) for n, start, end in runs if n == name]
        # One crawl at a time, and one per period: runs never overlap and start a period apart.
        for (start, end), (next_start, _) in itertools.pairwise(mine):
            assert next_start >= end
            assert (next_start - start).total_seconds() >= every * 0.8
        # Every feed request was a recorded run, except those of runs cut by the SIGKILL
        # (each one taken over afterwards; the victim may have claimed without fetching yet).
        fetched = len(web.requests_to(f"/{name}/feed.xml"))
        cut = sum(1 for e in taken_over if e["source"] == name)
        assert len(mine) <= fetched <= len(mine) + cut
