"""RSS 2.0, RSS 1.0 and Atom feeds → article links.

Usage::

    page = parse_feed(text, url, source)
    if page.error: ...            # malformed or refused document; page.links is empty
    for link in page.links: ...   # Link(url, title, published), newest first as the feed gives

Item links are filtered by the source's hosts and the exclusion rules, and deduplicated by
identity. A NukeViet feed's pubDate (minutes = month) keeps only its date and hour.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pactwatch.dates import parse_datetime
from pactwatch.model import Link
from pactwatch.sources.links import DroppedLink, LinkCollector
from pactwatch.sources.profiles import profile_for
from pactwatch.sources.select import clean_text
from pactwatch.sources.xmlsafe import XmlError, child_text, local_name, parse_xml

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig

FeedKind = Literal["rss", "atom"]


@dataclass(frozen=True, slots=True)
class FeedPage:
    """What one fetched feed document holds."""

    url: str
    kind: FeedKind | None
    title: str | None
    links: tuple[Link, ...]
    dropped: tuple[DroppedLink, ...] = ()
    error: str | None = None


def parse_feed(text: str, url: str, source: SourceConfig) -> FeedPage:
    """Parse a feed document fetched from `url`; never raises."""
    root = parse_xml(text)
    if isinstance(root, XmlError):
        return FeedPage(url, None, None, (), error=root.message)
    profile = profile_for(source)
    collector = LinkCollector.for_source(source, profile, url, articles_only=False)
    name = local_name(root.tag)
    if name == "feed":
        kind: FeedKind = "atom"
        title = _text(child_text(root, "title"))
        for entry in _children(root, "entry"):
            _add_atom_entry(entry, collector, source.timezone)
    elif name in ("rss", "RDF"):
        kind = "rss"
        channel = next(_children(root, "channel"), root)
        title = _text(child_text(channel, "title"))
        # RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it.
        items = [*_children(channel, "item"), *(_children(root, "item") if name == "RDF" else ())]
        for item in items:
            _add_rss_item(item, collector, source.timezone, profile.nukeviet_feed_dates)
    else:
        return FeedPage(url, None, None, (), error=f"not a feed: root element <{name}>")
    return FeedPage(url, kind, title, collector.links(), tuple(collector.dropped))


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in element if local_name(child.tag) == name)


def _text(value: str | None) -> str | None:
    return clean_text(value) or None if value else None


def _add_rss_item(
    item: ET.Element, collector: LinkCollector, zone: str, nukeviet_dates: bool
) -> None:
    href = child_text(item, "link")
    if href is None:
        guid = next(_children(item, "guid"), None)
        permalink = guid is not None and guid.get("isPermaLink", "true").lower() != "false"
        href = (guid.text or "").strip() if guid is not None and permalink else None
    if href is None:
        about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        href = about.strip() if about else None
    if not href:
        return
    published = _date(child_text(item, "pubDate", "date", "published"), zone, nukeviet_dates)
    collector.add(href, _text(child_text(item, "title")), published)


def _add_atom_entry(entry: ET.Element, collector: LinkCollector, zone: str) -> None:
    href = None
    for link in _children(entry, "link"):
        rel = link.get("rel", "alternate")
        if rel == "alternate" and link.get("href"):
            href = link.get("href")
            break
    if href is None:
        href = child_text(entry, "id")
        if href is None or not href.startswith(("http://", "https://")):
            return
    published = _date(child_text(entry, "published", "updated", "issued"), zone, False)
    collector.add(href, _text(child_text(entry, "title")), published)


def _date(text: str | None, zone: str, nukeviet: bool) -> datetime | None:
    return parse_datetime(text, zone, nukeviet_feed=nukeviet) if text else None
