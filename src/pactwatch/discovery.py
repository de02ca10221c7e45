"""Find a source's article links: one feed, a paginated listing, or a sitemap (index).

Usage::

    found = await discover(source, fetcher, validators=stored, is_known=known, max_pages=3)

Discovery fetches only feeds, listings and sitemaps; it never stores anything. The caller keeps
`found.validators` and saves them once the run's articles are safely stored: saving them earlier
would turn the next run into a 304 that hides articles this run failed to fetch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pactwatch.config import SourceConfig
from pactwatch.fetch import Fetcher, FetchResult
from pactwatch.model import Link, Validators
from pactwatch.sources import parse_feed, parse_listing, parse_sitemap
from pactwatch.urls import normalize_url

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Discovery:
    """What one source's index pages gave: links in page order, and how fetching them went."""

    links: tuple[Link, ...]
    pages_fetched: int
    not_modified: bool = False
    # The failed fetch that stopped discovery, if any (later pages failing keep earlier links).
    failure: FetchResult | None = None
    # Non-fatal problems: a page that could not be parsed, pagination cut short.
    problems: tuple[str, ...] = ()
    validators: dict[str, Validators] = field(default_factory=dict)
    # The parsers found no item at all on a page that answered 200: the layout probably changed.
    empty: bool = False


@dataclass
class _Walk:
    links: list[Link] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    pages: int = 0
    problems: list[str] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)

    def add(self, links: Iterable[Link]) -> list[Link]:
        fresh = []
        for link in links:
            key = normalize_url(link.url)
            if key not in self.seen:
                self.seen.add(key)
                fresh.append(link)
        self.links.extend(fresh)
        return fresh

    def result(self, **kwargs: object) -> Discovery:
        return Discovery(
            links=tuple(self.links),
            pages_fetched=self.pages,
            problems=tuple(self.problems),
            validators=self.validators,
            **kwargs,  # type: ignore[arg-type]
        )


async def discover(
    source: SourceConfig,
    fetcher: Fetcher,
    *,
    validators: Callable[[str], Validators | None],
    is_known: Callable[[Iterable[str]], set[str]],
    max_pages: int | None = None,
    conditional: bool = True,
) -> Discovery:
    """Collect the article links of `source`; `is_known` returns the already stored ones.

    A feed is one page. A listing follows its next link up to `max_pages` and stops at the first
    page (after the first) that holds only known links. A sitemap index is read child by child
    within the same page budget. A 304 on the first page ends discovery: nothing changed.
    """
    walk = _Walk()
    limit = max_pages or source.max_pages
    queue: list[str] = [source.url]
    while queue and walk.pages < limit:
        url = queue.pop(0)
        first = walk.pages == 0
        sent = validators(url) if (first and conditional) else None
        result = await fetcher.fetch(
            url, validators=sent, allowed_hosts=source.hosts, min_delay=source.min_delay
        )
        walk.pages += 1
        if result.outcome == "not_modified":
            return walk.result(not_modified=first)
        if result.outcome != "ok" or result.text is None:
            if first:
                return walk.result(failure=result)
            walk.problems.append(f"{url}: {result.error or result.outcome}")
            continue
        if first and result.validators:
            walk.validators[url] = result.validators
        page = _parse_index(source, result.text, result.final_url)
        if page.problem:
            walk.problems.append(f"{url}: {page.problem}")
        if first and not page.links and not page.follow:
            return walk.result(empty=True)
        fresh = walk.add(page.links)
        if source.kind == "listing" and not first and _caught_up(fresh, is_known):
            break
        queue.extend(page.follow)
    if queue:
        walk.problems.append(f"stopped after {walk.pages} pages (max_pages); {len(queue)} left")
    return walk.result()


def _caught_up(fresh: list[Link], is_known: Callable[[Iterable[str]], set[str]]) -> bool:
    keys = [normalize_url(link.url) for link in fresh]
    return len(is_known(keys)) == len(keys)


@dataclass(frozen=True)
class _IndexPage:
    links: list[Link]
    follow: list[str]
    problem: str | None


def _parse_index(source: SourceConfig, text: str, url: str) -> _IndexPage:
    """Links, follow-up index URLs (next page or child sitemaps) and a problem, for any kind."""
    if source.kind == "feed":
        feed = parse_feed(text, url, source)
        return _IndexPage(list(feed.links), [], feed.error)
    if source.kind == "listing":
        listing = parse_listing(text, url, source)
        return _IndexPage(list(listing.links), [listing.next_url] if listing.next_url else [], None)
    sitemap = parse_sitemap(text, url, source)
    newest_first = sorted(sitemap.links, key=lambda link: link.published or _EPOCH, reverse=True)
    return _IndexPage(newest_first, list(sitemap.children), sitemap.error)
