"""Which links a discovery page may hand to the fetcher, deduplicated by identity.

Usage::

    collector = LinkCollector.for_source(source, profile, base=page_url)
    collector.add(href, title="…", published=None)
    links, dropped = collector.links(), collector.dropped
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from pactwatch.model import Link
from pactwatch.urls import absolute_url, host_allowed, is_excluded, normalize_url

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig
    from pactwatch.sources.profiles import SiteProfile


@dataclass(frozen=True, slots=True)
class DroppedLink:
    """A link found on the page and not followed, with the reason."""

    url: str
    reason: str  # "off-host" | "excluded" | "not an article" | "invalid"


@dataclass(slots=True)
class LinkCollector:
    """Accumulates accepted links in page order, one per identity key."""

    base: str
    hosts: frozenset[str]
    exclude: re.Pattern[str] | None
    article: re.Pattern[str] | None
    _links: dict[str, Link] = field(default_factory=dict)
    dropped: list[DroppedLink] = field(default_factory=list)

    @classmethod
    def for_source(
        cls, source: SourceConfig, profile: SiteProfile, base: str, *, articles_only: bool
    ) -> LinkCollector:
        """`articles_only` also requires the profile's article URL pattern."""
        return cls(
            base=base,
            hosts=source.hosts,
            exclude=profile.exclude_url,
            article=profile.article_url if articles_only else None,
        )

    def accept(self, href: str, *, articles_only: bool | None = None) -> str | None:
        """The fetchable URL of `href` when it may be followed, else None (and it is noted)."""
        url = absolute_url(href, self.base)
        if url is None:
            if href.strip() and not href.strip().startswith(("#", "javascript:", "mailto:")):
                self.dropped.append(DroppedLink(href.strip()[:300], "invalid"))
            return None
        reason = None
        if not host_allowed(url, self.hosts):
            reason = "off-host"
        elif is_excluded(url, self.exclude):
            reason = "excluded"
        elif (articles_only is not False) and self.article and not self.article.search(url):
            reason = "not an article"
        if reason is not None:
            self.dropped.append(DroppedLink(url, reason))
            return None
        return url

    def add(
        self,
        href: str,
        title: str | None = None,
        published: datetime | None = None,
        *,
        articles_only: bool | None = None,
    ) -> bool:
        """Add `href` if acceptable; True when it was new on this page."""
        url = self.accept(href, articles_only=articles_only)
        if url is None:
            return False
        key = normalize_url(url)
        known = self._links.get(key)
        if known is None:
            self._links[key] = Link(url=url, title=title or None, published=published)
            return True
        if (title and not known.title) or (published and not known.published):
            self._links[key] = replace(
                known, title=known.title or title or None, published=known.published or published
            )
        return False

    def links(self) -> tuple[Link, ...]:
        return tuple(self._links.values())
