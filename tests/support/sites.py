"""The fixture sites (HUST on NukeViet, USTH on WordPress) ready to serve, with matching config.

Usage::

    with WebServer() as web:
        serve_site(web, "hust", tmp_path / "hust")
        sources = fixture_sources(hust_base=web.base_url)
        for expected in site_articles("hust"):
            expected.url(web.base_url), expected.published, expected.is_agreement ...

The files live in ``tests/fixtures/sites/{hust,usth}/`` with ``{{BASE}}`` where the server's
base URL goes (``tests/fixtures/sites/build.py`` regenerates them). `materialize_site` copies a
site and fills in the placeholder; `serve_site` also serves the feeds (stored as directory
``index.html`` files) with an RSS content type, reading them at request time so a test may edit
them between crawls.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pactwatch.config import InstitutionConfig, SourceConfig
from tests.support.webserver import Handler, Request, Response, WebServer, conditional

SITES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
PLACEHOLDER = "{{BASE}}"
SITE_NAMES = ("hust", "usth")
_TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json"}


@dataclass(frozen=True)
class FixtureArticle:
    """One article page of a fixture site and what a correct parse of it gives."""

    key: str
    path: str
    title: str
    published: datetime
    language: str
    first_sentence: str
    is_agreement: bool
    seed: str | None
    sources: tuple[str, ...]

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path


def site_articles(name: str) -> tuple[FixtureArticle, ...]:
    """The articles of fixture site `name` ("hust" or "usth"), from its manifest."""
    data: list[dict[str, Any]] = json.loads(
        (SITES_DIR / name / "manifest.json").read_text(encoding="utf-8")
    )
    return tuple(
        FixtureArticle(
            key=item["key"],
            path=item["path"],
            title=item["title"],
            published=datetime.fromisoformat(item["published"]),
            language=item["language"],
            first_sentence=item["first_sentence"],
            is_agreement=item["is_agreement"],
            seed=item["seed"],
            sources=tuple(item["sources"]),
        )
        for item in data
    )


def materialize_site(name: str, dest: Path, base_url: str) -> Path:
    """Copy fixture site `name` to `dest`, ``{{BASE}}`` replaced by `base_url`; returns `dest`."""
    source = SITES_DIR / name
    if not source.is_dir():
        raise ValueError(f"no fixture site {name!r} (have: {', '.join(SITE_NAMES)})")
    base = base_url.rstrip("/")
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in _TEXT_SUFFIXES:
            target.write_text(
                path.read_text(encoding="utf-8").replace(PLACEHOLDER, base), encoding="utf-8"
            )
        else:
            shutil.copyfile(path, target)
    return dest


def serve_site(web: WebServer, name: str, dest: Path) -> Path:
    """Materialise site `name` for `web` under `dest` and serve it; returns the site root."""
    root = materialize_site(name, dest, web.base_url)
    web.serve_dir(root)
    for index in root.rglob("index.html"):
        if index.read_text(encoding="utf-8").lstrip().startswith("<?xml"):
            route = "/" + str(index.parent.relative_to(root)).replace("\\", "/") + "/"
            web.route(route, _xml_file(index, "application/rss+xml; charset=UTF-8"))
    return root


def _xml_file(path: Path, content_type: str) -> Handler:
    def answer(request: Request) -> Response | None:
        if not path.is_file():
            return None
        response = Response(200, {"Content-Type": content_type}, path.read_bytes())
        return conditional(response, last_modified=path.stat().st_mtime)(request)

    return answer


HUST = InstitutionConfig(
    id="hust",
    name="Hanoi University of Science and Technology",
    aliases=(
        "HUST",
        "Đại học Bách khoa Hà Nội",
        "Trường Đại học Bách khoa Hà Nội",
        "ĐHBK Hà Nội",
        "Hanoi University of Technology",
    ),
    country="VN",
)
USTH = InstitutionConfig(
    id="usth",
    name="University of Science and Technology of Hanoi",
    aliases=(
        "USTH",
        "Trường Đại học Khoa học và Công nghệ Hà Nội",
        "Vietnam France University",
        "Université des Sciences et des Technologies de Hanoï",
    ),
    country="VN",
)


def fixture_institutions() -> tuple[InstitutionConfig, ...]:
    """HUST and USTH with their full names and aliases (English, Vietnamese, French)."""
    return (HUST, USTH)


def fixture_sources(
    hust_base: str | None = None, usth_base: str | None = None, **overrides: Any
) -> tuple[SourceConfig, ...]:
    """Sources for the fixture sites served at the given base URLs (a site left None is skipped).

    Names: hust-coop-listing, hust-coop-rss, hust-en-rss, hust-sitemap, usth-en-feed,
    usth-sitemap, usth-legacy-listing. `overrides` (e.g. ``min_delay=0``, ``max_pages=2``) apply
    to every source; the default ``min_delay`` is 0 so tests run fast.
    """
    specs: list[dict[str, Any]] = []
    if hust_base is not None:
        hust = hust_base.rstrip("/")
        coop = "hop-tac-doi-ngoai-truyen-thong"
        specs += [
            {
                "name": "hust-coop-listing",
                "kind": "listing",
                "url": f"{hust}/vi/news/{coop}/",
                "language": "vi",
                "max_pages": 5,
            },
            {
                "name": "hust-coop-rss",
                "kind": "feed",
                "url": f"{hust}/vi/news/rss/{coop}/",
                "language": "vi",
            },
            {
                "name": "hust-en-rss",
                "kind": "feed",
                "url": f"{hust}/en/news/rss/news/",
                "language": "en",
            },
            {
                "name": "hust-sitemap",
                "kind": "sitemap",
                "url": f"{hust}/sitemap.xml",
                "language": "vi",
                "max_pages": 5,
            },
        ]
        for spec in specs:
            spec.update(institution="hust", profile="nukeviet")
    if usth_base is not None:
        usth = usth_base.rstrip("/")
        usth_specs: list[dict[str, Any]] = [
            {
                "name": "usth-en-feed",
                "kind": "feed",
                "url": f"{usth}/en/feed/",
                "profile": "wordpress",
            },
            {
                "name": "usth-sitemap",
                "kind": "sitemap",
                "url": f"{usth}/en/sitemap_index.xml",
                "profile": "wordpress",
                "max_pages": 5,
            },
            {
                "name": "usth-legacy-listing",
                "kind": "listing",
                "url": f"{usth}/en/news/news/",
                "profile": "nukeviet",
            },
        ]
        for spec in usth_specs:
            spec.update(institution="usth", language="en")
        specs += usth_specs
    return tuple(SourceConfig(**{"min_delay": 0, **spec, **overrides}) for spec in specs)
