"""Sitemaps → article links (a ``urlset``) or child sitemaps (a ``sitemapindex``).

Usage::

    page = parse_sitemap(text, url, source)
    page.links      # Link(url, published=lastmod) for article URLs of a urlset
    page.sitemaps   # SitemapRef(url, lastmod) of an index, to fetch next

``lastmod`` goes into `Link.published`: NukeViet writes the publish time there, Yoast the last
modification, so it is a hint for ordering, not a fact. Only URLs matching the profile's article
pattern are kept, since sitemaps also list categories and static pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pactwatch.dates import parse_datetime
from pactwatch.model import Link
from pactwatch.sources.links import DroppedLink, LinkCollector
from pactwatch.sources.profiles import profile_for
from pactwatch.sources.xmlsafe import XmlError, child_text, local_name, parse_xml
from pactwatch.urls import absolute_url, host_allowed

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig


@dataclass(frozen=True, slots=True)
class SitemapRef:
    """A child sitemap named by a sitemap index."""

    url: str
    lastmod: datetime | None = None


@dataclass(frozen=True, slots=True)
class SitemapPage:
    """What one fetched sitemap document holds."""

    url: str
    kind: Literal["urlset", "index"] | None
    links: tuple[Link, ...] = ()
    sitemaps: tuple[SitemapRef, ...] = ()
    dropped: tuple[DroppedLink, ...] = ()
    error: str | None = None

    @property
    def children(self) -> tuple[str, ...]:
        """The child sitemap URLs of an index, in document order."""
        return tuple(ref.url for ref in self.sitemaps)


def parse_sitemap(text: str, url: str, source: SourceConfig) -> SitemapPage:
    """Parse a sitemap or sitemap index fetched from `url`; never raises."""
    root = parse_xml(text)
    if isinstance(root, XmlError):
        return SitemapPage(url, None, error=root.message)
    name = local_name(root.tag)
    zone = source.timezone
    if name == "sitemapindex":
        refs: list[SitemapRef] = []
        seen: set[str] = set()
        dropped: list[DroppedLink] = []
        for entry in root:
            loc = child_text(entry, "loc") if local_name(entry.tag) == "sitemap" else None
            child = absolute_url(loc, url) if loc else None
            if child is None or child in seen:
                continue
            if not host_allowed(child, source.hosts):
                dropped.append(DroppedLink(child, "off-host"))
                continue
            seen.add(child)
            refs.append(SitemapRef(child, parse_datetime(child_text(entry, "lastmod"), zone)))
        return SitemapPage(url, "index", sitemaps=tuple(refs), dropped=tuple(dropped))
    if name != "urlset":
        return SitemapPage(url, None, error=f"not a sitemap: root element <{name}>")
    collector = LinkCollector.for_source(source, profile_for(source), url, articles_only=True)
    for entry in root:
        if local_name(entry.tag) != "url":
            continue
        loc = child_text(entry, "loc")
        if loc:
            collector.add(loc, None, parse_datetime(child_text(entry, "lastmod"), zone))
    return SitemapPage(url, "urlset", links=collector.links(), dropped=tuple(collector.dropped))
