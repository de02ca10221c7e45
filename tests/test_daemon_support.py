"""Shared parts of the daemon tests: a fixture news site, settings with short schedules, and
a child-process entry point that runs the daemon.

    python -m tests.test_daemon_support CONFIG_JSON     # the daemon, as `pactwatch run` does

Schedules shorter than the config's 60 s floor are set with `model_copy` (no validation), so
the tests can watch several periods in a couple of seconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pactwatch.config import ChannelConfig, Schedule, Settings
from pactwatch.daemon import DaemonOptions, serve
from pactwatch.logs import setup_logging
from tests.support.webserver import Response, WebServer

ARTICLE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta property="article:published_time" content="2024-05-{day:02d}T09:00:00+07:00"></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""


def feed(web: WebServer, prefix: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>News {i}</title><link>{web.url(f'{prefix}/news/{i}.html')}</link>"
        f"<pubDate>Mon, 0{1 + i % 9} May 2024 09:00:00 +0700</pubDate></item>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{web.url(prefix)}</link>{items}</channel></rss>"
    ).encode()


def serve_site(web: WebServer, prefix: str = "", count: int = 3) -> str:
    """Routes for a feed of `count` articles under `prefix`; returns the feed URL."""
    for i in range(count):
        page = ARTICLE.format(title=f"News {i}", day=1 + i % 9, body=f"Story number {i}. " * 20)
        web.route(
            f"{prefix}/news/{i}.html",
            Response(200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()),
        )
    web.route(
        f"{prefix}/feed.xml",
        lambda _request: Response(
            200, {"Content-Type": "application/rss+xml"}, feed(web, prefix, count)
        ),
    )
    return web.url(f"{prefix}/feed.xml")


def settings_for(
    db_url: str,
    feeds: dict[str, str],
    *,
    every: float = 60.0,
    channels: Sequence[ChannelConfig] = (),
) -> Settings:
    """Settings with one feed source per entry of `feeds` (name → URL), on a short period."""
    settings = Settings.model_validate(
        {
            "database": db_url,
            "http": {"min_delay": 0, "retries": 0, "connect_timeout": 5, "read_timeout": 30},
            "institutions": [{"id": "uni", "name": "Example University"}],
            "sources": [
                {"name": name, "institution": "uni", "kind": "feed", "url": url}
                for name, url in feeds.items()
            ],
            "channels": [c.model_dump(mode="json") for c in channels],
        }
    )
    return shorten(settings, every)


def shorten(settings: Settings, every: float) -> Settings:
    fast = Schedule.model_construct(every=every, cron=None, timezone="UTC", jitter=0.0)
    sources = tuple(s.model_copy(update={"schedule": fast}) for s in settings.sources)
    return settings.model_copy(update={"sources": sources})


def child_argv(settings: Settings, options: DaemonOptions) -> list[str]:
    """The command line that runs `serve(settings, options)` in a child process."""
    dumped = settings.model_dump(mode="json")
    for source in dumped["sources"]:
        del source["schedule"]  # below the config's floor: `main` sets it again
    payload = {
        "settings": dumped,
        "every": settings.sources[0].schedule.every if settings.sources else 60.0,
        "options": {k: v for k, v in asdict(options).items() if k != "retention"},
    }
    return [sys.executable, "-m", "tests.test_daemon_support", json.dumps(payload)]


def main(argv: list[str]) -> int:
    payload: dict[str, Any] = json.loads(argv[0])
    settings = shorten(Settings.model_validate(payload["settings"]), payload["every"])
    raw = payload["options"]
    raw["http"] = tuple(raw["http"]) if raw["http"] else None
    setup_logging("json", 20)
    code = asyncio.run(serve(settings, DaemonOptions(**raw)))
    print(f"exit {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


ROOT = Path(__file__).resolve().parents[1]
