"""`pactwatch crawl` end to end against the fixture sites on a real local web server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.cli import main
from pactwatch.store import open_database
from pactwatch.store.articles import list_articles
from pactwatch.urls import normalize_url
from tests.crawl_support import write_config
from tests.support.sites import fixture_sources, serve_site, site_articles
from tests.support.webserver import Response, WebServer


@pytest.fixture
def sites(tmp_path: Path) -> tuple[WebServer, WebServer]:
    with WebServer() as hust, WebServer() as usth:
        serve_site(hust, "hust", tmp_path / "hust")
        serve_site(usth, "usth", tmp_path / "usth")
        yield hust, usth


def crawl(config: Path, *args: str) -> int:
    return main(["--config", str(config), "crawl", *args])


def stored_urls(db_url: str) -> set[str]:
    db = open_database(db_url)
    try:
        with db.session() as session:
            return {row.url for row in list_articles(session)}
    finally:
        db.close()


def test_crawl_stores_every_article_once_and_second_run_is_cheap(
    sites: tuple[WebServer, WebServer],
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hust, usth = sites
    names = {"hust-coop-listing", "hust-en-rss", "usth-en-feed"}
    sources = [s for s in fixture_sources(hust.base_url, usth.base_url) if s.name in names]
    config = write_config(tmp_path / "pactwatch.yaml", database=db_url, sources=sources)

    assert crawl(config) == 0
    out = capsys.readouterr().out
    assert "hust-coop-listing" in out and "usth-en-feed" in out
    expected = {a.url(hust.base_url) for a in site_articles("hust") if set(a.sources) & names} | {
        a.url(usth.base_url) for a in site_articles("usth") if set(a.sources) & names
    }
    assert stored_urls(db_url) == {normalize_url(u) for u in expected}
    article_paths = {
        p for p in hust.paths + usth.paths if p.endswith((".html", "/")) and "rss" not in p
    }
    assert article_paths, "articles were fetched"

    hust.clear()
    usth.clear()
    assert crawl(config) == 0
    out = capsys.readouterr().out
    # Only the feeds and the first listing page are asked for again, and they answer 304.
    fetched = [p for p in hust.paths + usth.paths if p != "/robots.txt"]
    assert sorted(fetched) == sorted(
        ["/vi/news/hop-tac-doi-ngoai-truyen-thong/", "/en/news/rss/news/", "/en/feed/"]
    )
    assert out.count("not_modified") == 3


def test_a_failing_source_fails_the_run_but_keeps_the_others(
    sites: tuple[WebServer, WebServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hust, usth = sites
    usth.route("/en/feed/", Response(500, {}, b"boom"))
    sources = [
        s
        for s in fixture_sources(hust.base_url, usth.base_url)
        if s.name in {"hust-en-rss", "usth-en-feed"}
    ]
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    config = write_config(tmp_path / "pactwatch.yaml", database=db_url, sources=sources)
    assert crawl(config) == 1
    out = capsys.readouterr().out
    assert "usth-en-feed" in out and "failed" in out and "HTTP 500" in out
    assert len(stored_urls(db_url)) == 2  # the two HUST English articles


def test_an_article_that_fails_is_fetched_on_the_next_run(
    sites: tuple[WebServer, WebServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, usth = sites
    sources = [s for s in fixture_sources(None, usth.base_url) if s.name == "usth-en-feed"]
    articles = [a for a in site_articles("usth") if "usth-en-feed" in a.sources]
    broken = articles[0]
    usth.route(broken.path, Response(500, {}, b"down"))
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    config = write_config(tmp_path / "pactwatch.yaml", database=db_url, sources=sources)
    assert crawl(config) == 0  # an article failing is reported; the source itself answered
    out = capsys.readouterr().out
    assert f"{broken.url(usth.base_url)}: HTTP 500" in out
    assert normalize_url(broken.url(usth.base_url)) not in stored_urls(db_url)
    usth.routes.pop(broken.path)  # back to the file on disk
    assert crawl(config) == 0
    # The feed's validators were not saved by the failed run, so no 304 hides the article.
    assert stored_urls(db_url) == {normalize_url(a.url(usth.base_url)) for a in articles}


def test_articles_command_lists_what_was_stored(
    sites: tuple[WebServer, WebServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, usth = sites
    sources = [s for s in fixture_sources(None, usth.base_url) if s.name == "usth-en-feed"]
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    config = write_config(tmp_path / "pactwatch.yaml", database=db_url, sources=sources)
    assert crawl(config) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "articles", "--json", "--since", "2025-06-01"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["published"] >= "2025-06-01" for r in rows)
    assert all(r["source"] == "usth-en-feed" for r in rows)
