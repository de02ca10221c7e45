"""What kind of document a fetched text is, from its first element.

Usage: ``sniff_kind(text)`` → ``"html"``, ``"rss"``, ``"atom"``, ``"sitemap"`` or ``"unknown"``.
"""

from __future__ import annotations

import re
from typing import Literal

DocumentKind = Literal["html", "rss", "atom", "sitemap", "unknown"]

# The first start tag after any declaration, comments, processing instructions and doctype.
_FIRST_TAG = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<([A-Za-z][\w:.-]*)",
    re.DOTALL | re.IGNORECASE,
)
_KINDS: dict[str, DocumentKind] = {
    "html": "html",
    "head": "html",
    "body": "html",
    "rss": "rss",
    "rdf:rdf": "rss",
    "rdf": "rss",
    "feed": "atom",
    "urlset": "sitemap",
    "sitemapindex": "sitemap",
}
_HTML_START = ("div", "meta", "title", "link", "script", "p", "table", "style", "section")


def sniff_kind(text: str) -> DocumentKind:
    """Classify `text` by its root element (only the first 4 KB are looked at)."""
    head = text[:4096].lstrip("\ufeff")
    if head.lstrip()[:15].lower().startswith("<!doctype html"):
        return "html"
    match = _FIRST_TAG.match(head)
    if match is None:
        return "unknown"
    name = match.group(1).lower()
    kind = _KINDS.get(name) or _KINDS.get(name.rsplit(":", 1)[-1])
    if kind is not None:
        return kind
    return "html" if name in _HTML_START else "unknown"
