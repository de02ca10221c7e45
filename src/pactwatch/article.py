"""An article page → `Article`: identity, title, publication time, language and clean paragraphs.

Usage::

    article = parse_article(html, fetched_url, source, link=link)
    article.url          # normalised canonical URL: the identity
    article.paragraphs   # body text, one string per block, no page chrome

One parse per page (selectolax/lexbor). The function never raises: whatever the HTML, it returns
an `Article` with what could be read; an unreadable page has no paragraphs (and falls back to the
feed's title and date from `link`), which the caller treats as a failed parse.

Choices: the canonical URL (``link[rel=canonical]``, then ``og:url``) is used only when it stays
on the source's hosts and does not point at the site root; the publication time follows the
profile's date selectors (NukeViet: the visible date line first, since its ``datePublished``
microdata holds the edit time), then the feed's date.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborNode

from pactwatch.dates import parse_datetime
from pactwatch.model import Article, Link
from pactwatch.sources.profiles import SiteProfile, profile_for
from pactwatch.sources.select import (
    clean_text,
    css,
    first_node,
    parse_html,
    select_first,
    select_values,
)
from pactwatch.urls import absolute_url, host_allowed, normalize_url, url_path

if TYPE_CHECKING:
    from pactwatch.config import SourceConfig

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "-comment"})
# Chrome that survives the selectors: share counters, Yoast's feed footer, NukeViet's session
# timeout box, bylines, tag lines.
_SHARE_ONLY = re.compile(r"^(?:chia sẻ|share|tweet|like|thích)\s*:?\s*\d*$", re.IGNORECASE)
_SHARE_TAIL = re.compile(r"\s*\bChia sẻ\d+$")
# Every match of _TIMEOUT holds ": " and a digit.
_TIMEOUT_HINT = re.compile(r": \d")
_YOAST = re.compile(r"^The post .+ appeared first on .+$", re.DOTALL)
_TIMEOUT = re.compile(
    r"You did not use the site, Click here to remain logged\. Timeout: \d+ seconds?"
    r"|Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập\. "
    r"Thời gian chờ: \d+ giây",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:tác giả|nguồn tin|nguồn|author|source|photos?|ảnh|bài(?: và ảnh)?|tin(?: và ảnh)?"
    r"|từ khóa|từ khoá|tags?|keywords?)\s*:\s*\S.{0,100}$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:những tin mới hơn|những tin cũ hơn|các tin khác|tin liên quan|tin khác"
    r"|bài viết liên quan|bài viết khác|related (?:posts|news|articles)|other news"
    r"|you may also like|read more)\s*:?$",
    re.IGNORECASE,
)


def parse_article(
    html: str, url: str, source: SourceConfig, *, link: Link | None = None
) -> Article:
    """Parse the article page `html` fetched from `url` (see the module docstring)."""
    try:
        return _parse(html, url, source, link)
    except Exception:
        # A page from someone else's server must never stop a crawl; an empty body marks it.
        return Article(
            url=normalize_url(url),
            title=link.title if link else None,
            published=link.published if link else None,
            language=source.language,
            paragraphs=(),
            fetched_url=url,
        )


def _parse(html: str, url: str, source: SourceConfig, link: Link | None) -> Article:
    profile = profile_for(source)
    tree = parse_html(html)
    root = tree.root
    if root is None:
        raise ValueError("no document")
    head = tree.head
    title = (
        select_first(root, profile.title, _title, head=head)
        or _page_title(root, head)
        or (link.title if link else None)
    )
    published = select_first(
        root, profile.date, lambda t: parse_datetime(t, source.timezone), head=head
    )
    paragraphs = _body(root, profile, title)
    return Article(
        url=normalize_url(_canonical(root, head, url, source.hosts)),
        title=title,
        published=published or (link.published if link else None),
        language=_language(root, head) or source.language,
        paragraphs=paragraphs,
        fetched_url=url,
    )


def _title(text: str) -> str | None:
    return text if 2 <= len(text) <= 600 else None


def _page_title(root: LexborNode, head: LexborNode | None) -> str | None:
    text = next(select_values(root, ("title",), head=head), None)
    if not text:
        return None
    site_name = next(
        select_values(root, ('meta[property="og:site_name"]@content',), head=head), None
    )
    if site_name:
        for separator in (" - ", " – ", " — ", " | ", " :: "):
            suffix = separator + site_name
            if text.endswith(suffix) and len(text) > len(suffix):
                return text[: -len(suffix)].strip()
    return text


def _canonical(root: LexborNode, head: LexborNode | None, url: str, hosts: frozenset[str]) -> str:
    fetched_path = url_path(url)
    for value in select_values(
        root, ("link[rel=canonical]@href", 'meta[property="og:url"]@content'), head=head
    ):
        candidate = absolute_url(value, url)
        if candidate is None or not host_allowed(candidate, hosts):
            continue
        # A canonical pointing at the home page is a template mistake, not this article.
        if url_path(candidate) in ("", "/") and fetched_path not in ("", "/"):
            continue
        return candidate
    return url


def _language(root: LexborNode, head: LexborNode | None) -> str | None:
    declared = root.attributes.get("lang") or root.attributes.get("xml:lang") or ""
    # The og:locale lookup only when the root declares nothing usable.
    candidates = itertools.chain(
        (declared,), select_values(root, ('meta[property="og:locale"]@content',), head=head)
    )
    for value in candidates:
        code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
        if len(code) == 2 and code.isalpha():
            return code
    return None


def _body(root: LexborNode, profile: SiteProfile, title: str | None) -> tuple[str, ...]:
    body = first_node(root, profile.body)
    if body is None:
        body = first_node(root, ("body",))
    if body is None:
        return ()
    skip = _dropped_ids(body, profile.drop)
    paragraphs: list[str] = []
    lead = first_node(root, profile.lead) if profile.lead else None
    if lead is not None and not _inside(lead, body):
        paragraphs.extend(_blocks(lead, _dropped_ids(lead, profile.drop)))
    paragraphs.extend(_blocks(body, skip))
    return _without_chrome(paragraphs, title)


def _dropped_ids(node: LexborNode, selectors: tuple[str, ...]) -> set[int]:
    try:
        return {n.mem_id for n in node.css(", ".join(selectors))}
    except Exception:  # one bad configured selector: fall back to each on its own
        return {n.mem_id for selector in selectors for n in css(node, selector)}


def _inside(node: LexborNode, container: LexborNode) -> bool:
    target = container.mem_id
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def _blocks(start: LexborNode, skip: set[int]) -> list[str]:
    """Text of `start` split at block boundaries, without recursion (deep trees are fine)."""
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            text = clean_text("".join(buffer))
            buffer.clear()
            if text:
                out.append(text)

    # Items are nodes to enter, or None to mark the end of a block element.
    stack: list[LexborNode | None] = [start]
    while stack:
        node = stack.pop()
        if node is None:
            flush()
            continue
        tag = node.tag
        if tag == "-text":
            buffer.append(node.text_content or "")
            continue
        if tag in _SKIP_TAGS or node.mem_id in skip:
            continue
        if tag == "br":
            flush()
            continue
        if tag in _BLOCK_TAGS:
            flush()
            stack.append(None)
        elif tag in ("td", "th", "img"):
            buffer.append(" ")
        children = list(node.iter(include_text=True))
        children.reverse()
        stack.extend(children)
    flush()
    return out


def _without_chrome(paragraphs: list[str], title: str | None) -> tuple[str, ...]:
    kept: list[str] = []
    for raw in paragraphs:
        # The substring tests skip regex passes that find nothing on almost every paragraph.
        text = _TIMEOUT.sub("", raw) if _TIMEOUT_HINT.search(raw) else raw
        text = (_SHARE_TAIL.sub("", text) if "Chia sẻ" in text else text).strip()
        if not text or _SHARE_ONLY.match(text) or _YOAST.match(text) or _BYLINE.match(text):
            continue
        if _RELATED.match(text):
            if kept:
                break
            continue
        if not kept and title and text == title:
            continue
        kept.append(text)
    return tuple(kept)
