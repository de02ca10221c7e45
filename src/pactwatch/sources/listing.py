"""Category listing pages → article links and the next page's URL.

Usage::

    page = parse_listing(html, url, source)
    page.links        # Link(url, title, published) in page order, one per article
    page.next_url     # the next (older) page, or None on the last page

Links come from the profile's item blocks first (title and listing date kept), then from every
other anchor in the main column whose URL matches the profile's article pattern (other layouts,
"Các tin khác"). The pagination loop itself belongs to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pactwatch.dates import parse_datetime
from pactwatch.model import Link
from pactwatch.sources.links import DroppedLink, LinkCollector
from pactwatch.sources.profiles import profile_for
from pactwatch.sources.select import (
    clean_text,
    css,
    first_node,
    parse_html,
    select_first,
    select_values,
)
from pactwatch.urls import absolute_url, host_allowed, normalize_url

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig


@dataclass(frozen=True, slots=True)
class ListingPage:
    """What one fetched listing page holds."""

    url: str
    links: tuple[Link, ...]
    next_url: str | None = None
    dropped: tuple[DroppedLink, ...] = ()
    error: str | None = None


def parse_listing(html: str, url: str, source: SourceConfig) -> ListingPage:
    """Parse a listing page fetched from `url`; never raises."""
    if not html.strip():
        return ListingPage(url, (), error="empty page")
    profile = profile_for(source)
    tree = parse_html(html)
    root = tree.root
    if root is None:
        return ListingPage(url, (), error="no document")
    base = _base_url(tree, url)
    collector = LinkCollector.for_source(source, profile, base, articles_only=True)
    scope = first_node(root, profile.listing_scope) or root
    for item in _items(scope, profile.listing_item):
        anchor = first_node(item, profile.listing_link)
        href = anchor.attributes.get("href") if anchor is not None else None
        if not href:
            continue
        title = anchor.attributes.get("title") if anchor is not None else None
        if not title and anchor is not None:
            title = anchor.text(separator=" ")
        published = select_first(
            item, profile.listing_date, lambda text: parse_datetime(text, source.timezone)
        )
        # Items picked by the profile are articles by construction; only exclusions apply.
        collector.add(href, clean_text(title or "") or None, published, articles_only=False)
    for anchor in css(scope, "a[href]"):
        href = anchor.attributes.get("href") or ""
        title = anchor.attributes.get("title") or anchor.text(separator=" ")
        collector.add(href, clean_text(title or "") or None)
    next_url = _next_url(root, profile.next_page, base, url, source.hosts)
    return ListingPage(url, collector.links(), next_url, tuple(collector.dropped))


def _items(scope: LexborNode, selectors: tuple[str, ...]) -> list[LexborNode]:
    for selector in selectors:
        found = css(scope, selector)
        if found:
            return found
    return []


def _base_url(tree: LexborHTMLParser, url: str) -> str:
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    return (absolute_url(href, url) or url) if href else url


def _next_url(
    root: LexborNode, selectors: tuple[str, ...], base: str, url: str, hosts: frozenset[str]
) -> str | None:
    here = normalize_url(url)
    for value in select_values(root, selectors):
        candidate = absolute_url(value, base)
        if candidate and host_allowed(candidate, hosts) and normalize_url(candidate) != here:
            return candidate
    return None
