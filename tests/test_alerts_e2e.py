"""A crawl of the seed fixture sites alerts once per seed agreement, and a second crawl is quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli import main
from tests.crawl_support import write_config
from tests.support.receivers import SmtpReceiver, WebhookReceiver
from tests.support.sites import fixture_sources, serve_site
from tests.support.webserver import WebServer

SEED_SOURCES = {"usth-en-feed", "usth-legacy-listing", "hust-en-rss"}


@pytest.fixture
def seed_sites(tmp_path: Path) -> tuple[WebServer, WebServer]:
    with WebServer() as hust, WebServer() as usth:
        serve_site(hust, "hust", tmp_path / "hust")
        serve_site(usth, "usth", tmp_path / "usth")
        yield hust, usth


def test_seed_crawl_alerts_once_per_agreement_on_each_channel(
    seed_sites: tuple[WebServer, WebServer],
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hust, usth = seed_sites
    sources = [s for s in fixture_sources(hust.base_url, usth.base_url) if s.name in SEED_SOURCES]
    with SmtpReceiver() as smtp, WebhookReceiver() as hook:
        channels = [
            {
                "name": "usth-office",
                "urls": [smtp.url(to="cooperation@usth.example")],
                "format": "html",
                "filters": {"institutions": ["usth"]},
            },
            {"name": "chat", "urls": [hook.json_url()], "format": "markdown"},
        ]
        config = write_config(
            tmp_path / "pactwatch.yaml", database=db_url, sources=sources, channels=channels
        )
        assert main(["--config", str(config), "crawl"]) == 0, capsys.readouterr()
        capsys.readouterr()
        mails = smtp.wait_for(4)

        subjects = sorted(m.subject for m in mails)
        assert len(mails) == 4, subjects
        new = [s for s in subjects if s.startswith("New partner")]
        known = [s for s in subjects if s.startswith("Known partner")]
        assert len(new) == 2 and len(known) == 2, subjects
        assert any("École Centrale de Lyon" in s for s in new)
        assert any("Mines" in s and "Saint" in s for s in new)
        assert any("CNES" in s or "Space Studies" in s for s in known)
        assert any("Consortium" in s for s in known)
        # The HUST English feed holds seed 004, a seminar (no alert), and a HUST signing that
        # only the chat channel (no institution filter) hears about.
        posts = hook.wait_for(5)
        titles = sorted(str(p.body.get("title", "")) for p in posts)
        assert len(posts) == 5, titles
        assert sorted(t for t in titles if "with USTH" in t) == subjects
        assert [t for t in titles if "with HUST" in t] == [
            "New partner: Tohoku University (Japan) — MoU with HUST, signed 19 Nov 2025"
        ]

        assert main(["--config", str(config), "crawl"]) == 0
        assert len(smtp.messages) == 4
        assert len(hook.posts) == len(posts)
