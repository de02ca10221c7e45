"""Memory of the daemon: idle with 1,000 sources, after 10,000 articles, and over ticks.

    .venv/bin/python bench/daemon.py [--sources 1000] [--articles-per-source 10] [--ticks 1000]

The daemon runs in a child process (so the fixture servers are not counted) against a SQLite
file; 1,000 feed sources are spread over 20 fixture web servers on 127.0.0.2–127.0.0.21. RSS
is read with psutil at three points:

1. idle: every source configured and scheduled, none due;
2. after the first crawl of every source (10,000 articles fetched, parsed and stored);
3. steady state: the sources fire again and again (each firing a "tick": claim, feed fetch,
   nothing new, release) and RSS is sampled every `--ticks` firings; growth is the last
   sample minus the first. Targets: ≤ 120 MB, no growth.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.webserver import Response, WebServer  # noqa: E402

from pactwatch.config import Schedule, Settings  # noqa: E402
from pactwatch.daemon import DaemonOptions, serve  # noqa: E402
from pactwatch.logs import setup_logging  # noqa: E402
from pactwatch.store import ensure_schema, open_database  # noqa: E402
from pactwatch.store.models import ArticleRecord, SourceRecord  # noqa: E402
from pactwatch.store.sources import sync_sources  # noqa: E402

HOSTS = 20
PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p></article></body></html>"
)


def build_sites(sources: int, per_source: int) -> tuple[list[WebServer], dict[str, str]]:
    servers = [WebServer(host=f"127.0.0.{2 + h}").start() for h in range(HOSTS)]
    feeds: dict[str, str] = {}
    html = {"Content-Type": "text/html; charset=utf-8"}
    for i in range(sources):
        web = servers[i % HOSTS]
        items = []
        for k in range(per_source):
            path = f"/s{i}/news/{k}.html"
            title = f"Source {i} story {k}"
            body = f"Story {k} of source {i}. " * 40
            web.route(path, Response(200, html, PAGE.format(title=title, body=body).encode()))
            items.append(f"<item><title>{title}</title><link>{web.url(path)}</link></item>")
        rss = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>s</title>'
            f"<link>{web.url(f'/s{i}/')}</link>{''.join(items)}</channel></rss>"
        ).encode()
        web.route(f"/s{i}/feed.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss))
        feeds[f"s{i}"] = web.url(f"/s{i}/feed.xml")
    return servers, feeds


def settings_for(db_url: str, feeds: dict[str, str]) -> Settings:
    return Settings.model_validate(
        {
            "database": db_url,
            "http": {"min_delay": 0, "retries": 0, "per_host_concurrency": 4},
            "institutions": [{"id": "uni", "name": "Example University"}],
            "sources": [
                {"name": n, "institution": "uni", "kind": "feed", "url": u}
                for n, u in feeds.items()
            ],
        }
    )


# -- the child: the daemon itself ------------------------------------------------------------


def child(settings_file: str, every: float, jitter: float, port: int) -> int:
    settings = Settings.model_validate_json(Path(settings_file).read_text(encoding="utf-8"))
    schedule = Schedule.model_construct(every=every, cron=None, timezone="UTC", jitter=jitter)
    sources = tuple(s.model_copy(update={"schedule": schedule}) for s in settings.sources)
    settings = settings.model_copy(update={"sources": sources})
    setup_logging("json", 30)
    options = DaemonOptions(http=("127.0.0.1", port), heartbeat=1.0, lease=120.0)
    return asyncio.run(serve(settings, options))


# -- the parent: drives phases and measures --------------------------------------------------


class Daemon:
    def __init__(self, settings_file: Path, every: float, jitter: float, port: int) -> None:
        argv = [sys.executable, __file__, "--child", str(settings_file), str(every), str(jitter)]
        self.port = port
        self.proc = subprocess.Popen([*argv, str(port)], cwd=ROOT, stderr=subprocess.DEVNULL)
        self.ps = psutil.Process(self.proc.pid)

    def metric(self, name: str) -> float:
        url = f"http://127.0.0.1:{self.port}/metrics"
        with urllib.request.urlopen(url, timeout=30) as response:
            text = response.read().decode()
        return sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))

    def wait_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5):
                    return
            except OSError:
                time.sleep(0.2)  # polling a starting process: no event to wait on
        raise RuntimeError("the daemon did not come up")

    def rss_mb(self) -> float:
        return float(self.ps.memory_info().rss) / 2**20

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(120)


def set_due(db_url: str, when: datetime | None) -> None:
    db = open_database(db_url)
    with db.session() as session, session.begin():
        session.execute(update(SourceRecord).values(next_run_at=when))
    db.close()


def count_articles(db_url: str) -> int:
    db = open_database(db_url)
    with db.session() as session:
        n = session.scalar(select(func.count()).select_from(ArticleRecord)) or 0
    db.close()
    return int(n)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--articles-per-source", type=int, default=10)
    parser.add_argument("--ticks", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=4)
    parser.add_argument("--port", type=int, default=18787)
    args = parser.parse_args()
    servers, feeds = build_sites(args.sources, args.articles_per_source)
    total = args.sources * args.articles_per_source
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        settings = settings_for(db_url, feeds)
        settings_file = Path(tmp) / "settings.json"
        settings_file.write_text(settings.model_dump_json(), encoding="utf-8")
        db = open_database(db_url)
        ensure_schema(db.engine)
        with db.session() as session, session.begin():
            sync_sources(session, settings.sources)
        db.close()

        # 1. idle: nothing due for a day.
        set_due(db_url, datetime.now(UTC) + timedelta(days=1))
        daemon = Daemon(settings_file, 3600, 0, args.port)
        daemon.wait_up()
        time.sleep(3)  # let start-up garbage settle before reading RSS
        idle = daemon.rss_mb()
        daemon.stop()
        print(f"idle, {args.sources} sources configured: RSS {idle:.1f} MB")

        # 2. the first crawl of every source, spread over 10 s of jitter.
        set_due(db_url, None)
        started = time.monotonic()
        daemon = Daemon(settings_file, 3600, 10, args.port)
        daemon.wait_up()
        while count_articles(db_url) < total:
            assert daemon.proc.poll() is None, "the daemon died"
            time.sleep(1)  # the bench polls the database; no event crosses processes
        crawl_s = time.monotonic() - started
        after = daemon.rss_mb()
        peak = after
        daemon.stop()
        print(f"after {total} articles ({crawl_s:.0f} s): RSS {after:.1f} MB")

        # 3. steady state: every source fires every 20 s, finding nothing new.
        set_due(db_url, None)
        daemon = Daemon(settings_file, 20, 0, args.port)
        daemon.wait_up()
        samples: list[tuple[int, float]] = []
        target = args.ticks
        while len(samples) < args.samples:
            runs = int(daemon.metric("pactwatch_source_runs_total"))
            if runs >= target:
                samples.append((runs, daemon.rss_mb()))
                target += args.ticks
            time.sleep(0.5)  # sampling a running process
        daemon.stop()
        for runs, rss in samples:
            peak = max(peak, rss)
            print(f"steady state after {runs} ticks: RSS {rss:.1f} MB")
        growth = samples[-1][1] - samples[0][1]
        span = samples[-1][0] - samples[0][0]
        print(f"growth over {span} ticks: {growth:+.1f} MB")
        print(f"peak {peak:.1f} MB (target <= 120 MB): {'ok' if peak <= 120 else 'OVER'}")
    for server in servers:
        server.stop()
    print(json.dumps({"idle_mb": idle, "after_articles_mb": after, "growth_mb": growth}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
