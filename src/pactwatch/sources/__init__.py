"""Discovery: finding article links in feeds, listing pages and sitemaps.

Each parser is a pure function of (fetched text, its URL, the `SourceConfig`) and returns a
typed page value; bad input gives a value with `error` set, never an exception::

    parse_feed(text, url, source)     -> FeedPage      (links)
    parse_listing(html, url, source)  -> ListingPage   (links, next_url)
    parse_sitemap(text, url, source)  -> SitemapPage   (links or child sitemaps)

Every link is on the source's hosts and passes the exclusion rules; `Link.url` is the fetchable
URL, `pactwatch.urls.normalize_url(link.url)` its identity.
"""

from pactwatch.sources.feed import FeedPage, parse_feed
from pactwatch.sources.links import DroppedLink
from pactwatch.sources.listing import ListingPage, parse_listing
from pactwatch.sources.profiles import PROFILES, SiteProfile, profile_for
from pactwatch.sources.sitemap import SitemapPage, SitemapRef, parse_sitemap
from pactwatch.sources.sniff import DocumentKind, sniff_kind

__all__ = [
    "PROFILES",
    "DocumentKind",
    "DroppedLink",
    "FeedPage",
    "ListingPage",
    "SiteProfile",
    "SitemapPage",
    "SitemapRef",
    "parse_feed",
    "parse_listing",
    "parse_sitemap",
    "profile_for",
    "sniff_kind",
]
