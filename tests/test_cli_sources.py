"""`pactwatch sources` and `pactwatch sources check NAME` against the fixture sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli import main
from tests.crawl_support import write_config
from tests.support.sites import fixture_sources, serve_site
from tests.support.webserver import Response, WebServer


@pytest.fixture
def usth(tmp_path: Path) -> WebServer:
    with WebServer() as web:
        serve_site(web, "usth", tmp_path / "usth")
        yield web


def config_for(web: WebServer, tmp_path: Path) -> str:
    sources = [s for s in fixture_sources(None, web.base_url) if s.name == "usth-en-feed"]
    path = write_config(
        tmp_path / "pactwatch.yaml", database=f"sqlite:///{tmp_path / 'p.db'}", sources=sources
    )
    return str(path)


def test_check_is_a_dry_run_that_reads_the_newest_article(
    usth: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_for(usth, tmp_path)
    assert main(["--config", config, "sources", "check", "usth-en-feed"]) == 0
    out = capsys.readouterr().out
    assert "usth-en-feed: 1 page(s), 4 links" in out
    assert out.count("  NEW ") == 4
    assert "verdict:" in out  # the newest article was parsed and read
    assert not (tmp_path / "p.db").exists()  # nothing stored, not even a schema


def test_list_shows_health_after_a_crawl(
    usth: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_for(usth, tmp_path)
    assert main(["--config", config, "sources"]) == 0
    assert "usth-en-feed" in capsys.readouterr().out
    usth.route("/en/feed/", Response(403, {}, b"<title>Just a moment...</title>"))
    assert main(["--config", config, "crawl"]) == 1
    capsys.readouterr()
    assert main(["--config", config, "sources"]) == 0
    out = capsys.readouterr().out
    assert "blocked" in out
    assert "last error:" in out and "403" in out


def test_check_reports_an_unreachable_source(
    usth: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_for(usth, tmp_path)
    usth.route("/en/feed/", Response(404, {}, b"gone"))
    assert main(["--config", config, "sources", "check", "usth-en-feed"]) == 1
    assert "cannot read" in capsys.readouterr().out
    assert main(["--config", config, "sources", "check", "nope"]) == 2
