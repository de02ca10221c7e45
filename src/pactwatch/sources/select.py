"""Reading values out of a parsed page with a profile's selector lists.

Usage::

    for text in select_values(tree.root, profile.title):
        ...                       # candidates in preference order, first selector first

A selector ending in ``@attr`` yields that attribute; ``jsonld:KEY`` yields KEY from the page's
JSON-LD blocks (Article-like objects first). An invalid selector (from a config) is skipped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

T = TypeVar("T")

_ATTR = re.compile(r"^(?P<css>.*[^\s@])@(?P<attr>[A-Za-z_:][\w:.-]*)$")
# Past this nesting depth lexbor's tree building turns quadratic (100,000 nested <div> take
# seconds); no real page nests that deep, so the rest of such a document is cut off.
MAX_DEPTH = 1500
_DEPTH_CHECK_TAGS = 4000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
_VOID_OR_AUTOCLOSED = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "rb",
        "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "param", "keygen",
    }
)  # fmt: skip
_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle")


def parse_html(html: str) -> LexborHTMLParser:
    """Parse a page with lexbor after `limit_depth`; usage: ``root = parse_html(text).root``."""
    return LexborHTMLParser(limit_depth(html))


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` cut where its element nesting first exceeds `max_depth` (usually unchanged)."""
    if html.count("<") < _DEPTH_CHECK_TAGS:
        return html
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID_OR_AUTOCLOSED:
            continue
        depth = max(depth + (-1 if closing else 1), 0)
        if depth > max_depth:
            return html[: match.start()]
    return html


def clean_text(text: str) -> str:
    """NFC with every run of whitespace (including no-break spaces) collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_attr(selector: str) -> tuple[str, str | None]:
    """``'meta[x]@content'`` → ``('meta[x]', 'content')``; a plain selector has no attribute."""
    match = _ATTR.match(selector)
    if match is None or "]" in match["attr"]:
        return selector, None
    return match["css"], match["attr"]


def css(node: LexborNode, selector: str) -> list[LexborNode]:
    """``node.css(selector)``, or nothing for a selector lexbor cannot read."""
    try:
        return list(node.css(selector))
    except Exception:  # selectolax raises several types for a bad selector; skipping is the fix
        return []


def css_first(node: LexborNode, selector: str) -> LexborNode | None:
    """``css(node, selector)[0]`` (or None), without walking the page past it: lexbor stops
    its search (in document order, like `css`) at the first match."""
    try:
        return node.css_first(selector)
    except Exception:  # as in `css`
        return None


def select_values(
    node: LexborNode, selectors: tuple[str, ...], *, head: LexborNode | None = None
) -> Iterator[str]:
    """Non-empty cleaned strings matched by `selectors`, in preference order.

    With `head` (the document's head, when `node` is the document's root), selectors of
    head elements (``meta[...]``, ``link[...]``, ``title``) look there first: the head comes
    first in document order and is a small part of the page, so the whole page is searched
    only when more matches are wanted."""
    for selector in selectors:
        if selector.startswith("jsonld:"):
            yield from jsonld_values(node, selector.removeprefix("jsonld:"))
            continue
        query, attr = split_attr(selector)
        for match in _matches(node, query, head):
            raw = match.attributes.get(attr) if attr else match.text(separator=" ")
            if raw:
                value = clean_text(raw)
                if value:
                    yield value


_HEAD_ELEMENT = re.compile(r"^(?:meta|link|title)(?:\[[^\[\]]*\])*$")


def _matches(node: LexborNode, query: str, head: LexborNode | None) -> Iterator[LexborNode]:
    if head is None or not _HEAD_ELEMENT.match(query):
        # The first match alone first: the caller usually takes it, and the rest of the
        # page (menus, related lists: most of it) is then never searched.
        first = css_first(node, query)
        if first is not None:
            yield first
            yield from css(node, query)[1:]
        return
    in_head = css(head, query)
    yield from in_head
    seen = {n.mem_id for n in in_head}
    for match in css(node, query):
        if match.mem_id not in seen:
            yield match


def select_first(
    node: LexborNode,
    selectors: tuple[str, ...],
    parse: Callable[[str], T | None],
    *,
    head: LexborNode | None = None,
) -> T | None:
    """The first candidate that `parse` accepts (returns non-None), or None."""
    for value in select_values(node, selectors, head=head):
        parsed = parse(value)
        if parsed is not None:
            return parsed
    return None


def first_node(node: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first node matched by the first selector that matches anything."""
    for selector in selectors:
        found = css_first(node, split_attr(selector)[0])
        if found is not None:
            return found
    return None


def jsonld_values(node: LexborNode, key: str) -> Iterator[str]:
    """Values of `key` in the JSON-LD blocks under `node`, Article-like objects first."""
    preferred: list[str] = []
    others: list[str] = []
    for script in css(node, 'script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "null")
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data, 0):
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                kind = obj.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                target = preferred if any(k in _ARTICLE_TYPES for k in kinds) else others
                target.append(clean_text(value))
    yield from preferred
    yield from others


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _objects(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
