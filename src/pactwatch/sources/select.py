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

from selectolax.lexbor import LexborNode

T = TypeVar("T")

_ATTR = re.compile(r"^(?P<css>.*[^\s@])@(?P<attr>[A-Za-z_:][\w:.-]*)$")
_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle")


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


def select_values(node: LexborNode, selectors: tuple[str, ...]) -> Iterator[str]:
    """Non-empty cleaned strings matched by `selectors`, in preference order."""
    for selector in selectors:
        if selector.startswith("jsonld:"):
            yield from jsonld_values(node, selector.removeprefix("jsonld:"))
            continue
        query, attr = split_attr(selector)
        for match in css(node, query):
            raw = match.attributes.get(attr) if attr else match.text(separator=" ")
            if raw:
                value = clean_text(raw)
                if value:
                    yield value


def select_first(
    node: LexborNode, selectors: tuple[str, ...], parse: Callable[[str], T | None]
) -> T | None:
    """The first candidate that `parse` accepts (returns non-None), or None."""
    for value in select_values(node, selectors):
        parsed = parse(value)
        if parsed is not None:
            return parsed
    return None


def first_node(node: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first node matched by the first selector that matches anything."""
    for selector in selectors:
        found = css(node, split_attr(selector)[0])
        if found:
            return found[0]
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
