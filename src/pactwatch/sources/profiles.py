"""Site profiles: where a kind of CMS puts the title, the date, the body and the links.

Usage::

    profile = profile_for(source)          # the source's profile with its `selectors` applied
    profile.title                          # ('[itemtype$="NewsArticle"] [itemprop=headline]', ...)

Each selector list is tried in order, first hit wins (unlike one CSS selector group, which
answers in document order). A selector may end in ``@attr`` to read an attribute instead of the
text (``meta[property="og:title"]@content``); ``jsonld:KEY`` reads KEY from the page's JSON-LD.
A source's `selectors` replace the profile's list of the same name, except `drop`, which adds to
it. Article URL patterns are matched (``search``) against the absolute URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig

# Page chrome every profile removes from an article body.
_COMMON_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "aside",
    "[hidden]",
    "[aria-hidden=true]",
    ".hidden",
    ".d-none",
    ".sharedaddy",
    ".share-buttons",
    ".social-share",
    ".addtoany_share_save_container",
    ".a2a_kit",
    ".fb-like",
    ".fb-share-button",
    ".zalo-share-button",
    ".jp-relatedposts",
    ".yarpp-related",
    ".related-posts",
    ".detail-related",
    ".other-news",
)


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """Default selectors and URL rules for one kind of site."""

    name: str
    title: tuple[str, ...]
    date: tuple[str, ...]
    body: tuple[str, ...]
    lead: tuple[str, ...]
    drop: tuple[str, ...]
    listing_scope: tuple[str, ...]
    listing_item: tuple[str, ...]
    listing_link: tuple[str, ...]
    listing_date: tuple[str, ...]
    next_page: tuple[str, ...]
    article_url: re.Pattern[str]
    exclude_url: re.Pattern[str] | None = None
    # RSS pubDate written with gmdate('H:m:s'): the minutes hold the month.
    nukeviet_feed_dates: bool = False


NUKEVIET = SiteProfile(
    name="nukeviet",
    title=(
        '[itemtype$="NewsArticle"] [itemprop=headline]',
        "h1.title",
        'meta[property="og:title"]@content',
        "h1",
    ),
    # The visible line is the publish time; article:published_time is the publish time too but
    # malformed; the datePublished microdata holds the last edit time.
    date=(
        '[itemtype$="NewsArticle"] span.h5',
        ".news_column .panel-body > .row .h5",
        'meta[property="article:published_time"]@content',
        "[itemprop=datePublished]",
    ),
    body=("#news-bodyhtml", ".bodytext", "[itemprop=articleBody]"),
    lead=('.hometext[itemprop="description"]', ".hometext"),
    drop=(*_COMMON_DROP, "#newsSendMailModal", "ul.list-inline", ".panel-footer"),
    listing_scope=("div:has(> .news_column)", ".news_column", "#body", "body"),
    listing_item=("div.news_column div.panel-body", ".list-group .list-group-item"),
    listing_link=("h2 a", "h3 a", "a.show", 'a[href$=".html"]'),
    listing_date=(".text-muted li", ".text-muted"),
    next_page=(
        "link[rel=next]@href",
        "ul.pagination a[rel=next]@href",
        ".pagination a[rel=next]@href",
    ),
    article_url=re.compile(r"^https?://[^/]+/[a-z]{2}/[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+-\d+\.html$"),
    exclude_url=re.compile(r"/(?:print|savefile|sendmail|rss|tag|search|seek|author|topic)/"),
    nukeviet_feed_dates=True,
)

WORDPRESS = SiteProfile(
    name="wordpress",
    title=('meta[property="og:title"]@content', "h1.entry-title", "h1"),
    date=(
        'meta[property="article:published_time"]@content',
        "jsonld:datePublished",
        "time.published@datetime",
        "time[datetime]@datetime",
        '[itemtype$="NewsArticle"] span.h5',
    ),
    body=(
        ".entry-content",
        "[itemprop=articleBody]",
        "#news-bodyhtml",
        ".bodytext",
        "article",
        "main",
    ),
    lead=('.hometext[itemprop="description"]',),
    drop=(*_COMMON_DROP, ".entry-footer", ".post-navigation", ".comments-area", "#comments"),
    listing_scope=("main", "#main", ".site-main", "#content", "body"),
    listing_item=("article",),
    listing_link=("a[rel=bookmark]", "h2.entry-title a", ".entry-title a", "h2 a", "h3 a"),
    listing_date=("time.published@datetime", "time[datetime]@datetime"),
    next_page=(
        "link[rel=next]@href",
        "a.next.page-numbers@href",
        ".nav-links a.next@href",
        ".nav-previous a@href",
        "a[rel=next]@href",
    ),
    # Permalinks /%postname%-%post_id%/, date permalinks, ?p=ID, and NukeViet-era pages.
    article_url=re.compile(
        r"^https?://[^/]+/(?:[a-z]{2}/)?(?:[a-z0-9%-]+-\d+/?"
        r"|\d{4}/\d{2}/(?:\d{2}/)?[a-z0-9%-]+/?"
        r"|\?p=\d+"
        r"|[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+-\d+\.html)$"
    ),
)

GENERIC = SiteProfile(
    name="generic",
    title=('meta[property="og:title"]@content', "h1"),
    date=(
        'meta[property="article:published_time"]@content',
        "jsonld:datePublished",
        "[itemprop=datePublished]@content",
        "[itemprop=datePublished]",
        "time[datetime]@datetime",
        '[itemtype$="NewsArticle"] span.h5',
    ),
    body=(
        "[itemprop=articleBody]",
        ".entry-content",
        "#news-bodyhtml",
        ".bodytext",
        ".post-content",
        ".article-content",
        "article",
        "main",
        "[role=main]",
        "#content",
        "body",
    ),
    lead=(),
    drop=(*_COMMON_DROP, "header", "footer"),
    listing_scope=("main", "[role=main]", "#main", "#content", "body"),
    listing_item=("article",),
    listing_link=("a[rel=bookmark]", "h2 a", "h3 a", "a"),
    listing_date=("time[datetime]@datetime",),
    next_page=(
        "link[rel=next]@href",
        "a[rel=next]@href",
        "a.next.page-numbers@href",
        ".pagination a.next@href",
    ),
    # An article path ends in a numeric id, a file name, or a slug of at least three words.
    article_url=re.compile(
        r"^https?://[^/]+/(?:[^?#]*[/-]\d{2,}(?:\.\w{2,5})?/?"
        r"|[^?#]*\.(?:html?|aspx?|php)"
        r"|(?:[^/?#]+/)*[^/?#]*-[^/?#]*-[^/?#]+/?)(?:\?[^#]*)?$",
        re.IGNORECASE,
    ),
)

PROFILES: dict[str, SiteProfile] = {p.name: p for p in (NUKEVIET, WORDPRESS, GENERIC)}


def split_selectors(text: str) -> tuple[str, ...]:
    """Split a selector list at top-level commas (not inside brackets, parentheses or quotes)."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return tuple(p.strip() for p in parts if p.strip())


def profile_for(source: SourceConfig) -> SiteProfile:
    """The source's profile with its configured `selectors` applied."""
    profile = PROFILES.get(source.profile, GENERIC)
    sel = source.selectors
    changes: dict[str, object] = {}
    for name in ("title", "date", "body", "listing_item", "listing_link", "next_page"):
        value = getattr(sel, name)
        if value:
            changes[name] = split_selectors(value)
    if sel.drop:
        changes["drop"] = profile.drop + split_selectors(sel.drop)
    if sel.article_url_pattern:
        changes["article_url"] = re.compile(sel.article_url_pattern)
    if sel.exclude_url_pattern:
        changes["exclude_url"] = re.compile(sel.exclude_url_pattern)
    return replace(profile, **changes) if changes else profile  # type: ignore[arg-type]
