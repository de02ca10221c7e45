"""robots.txt is kept in the database for a day: a cron crawl does not fetch it every run."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from pactwatch.cli import main
from pactwatch.store import open_database, utcnow
from pactwatch.store.models import RobotsRecord
from tests.crawl_support import write_config
from tests.support.sites import fixture_sources, serve_site
from tests.support.webserver import Response, WebServer


def crawl(config: Path, *args: str) -> int:
    return main(["--config", str(config), "crawl", *args])


def test_robots_txt_is_reused_by_the_next_process_for_a_day(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with WebServer() as usth:
        serve_site(usth, "usth", tmp_path / "usth")
        sources = [
            s for s in fixture_sources(usth.base_url, usth.base_url) if s.name == "usth-en-feed"
        ]
        config = write_config(tmp_path / "pactwatch.yaml", database=db_url, sources=sources)
        assert crawl(config) == 0
        assert len(usth.requests_to("/robots.txt")) == 1

        # A new process within the day: the stored robots.txt is obeyed, not fetched again.
        usth.clear()
        usth.route(
            "/robots.txt",
            Response(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n"),
        )
        assert crawl(config) == 0
        assert usth.requests_to("/robots.txt") == []
        assert usth.paths == ["/en/feed/"]

        # A day later it is fetched again, and what it says now is obeyed.
        db = open_database(db_url)
        try:
            with db.session() as s, s.begin():
                s.execute(update(RobotsRecord).values(fetched_at=utcnow() - timedelta(hours=25)))
        finally:
            db.close()
        usth.clear()
        assert crawl(config) == 1
        assert usth.paths == ["/robots.txt"]
    assert "robots.txt disallows" in capsys.readouterr().out
