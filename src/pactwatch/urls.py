"""Article URLs: the address to fetch, the identity key, and which links are worth following.

Two different things come out of a link found on a page:

- the *fetch URL* (`absolute_url`): the link joined with the page's URL, fragment dropped, scheme
  and host as the site wrote them. This is what goes over the wire.
- the *identity key* (`normalize_url`): what makes two spellings of one article equal, so a
  known article is never fetched twice::

      normalize_url("http://www.usth.edu.vn/en/x-10868/?utm_source=a")
      == normalize_url("https://usth.edu.vn/en/x-10868")
      == "https://usth.edu.vn/en/x-10868"

Identity policy: scheme ``https``; host lowercased, IDNA-encoded, without a leading ``www.`` and
without a default port; no fragment; tracking parameters removed and the remaining query sorted;
dot segments resolved; percent-escapes uppercased and raw non-ASCII characters escaped; **no
trailing slash** except for the root path ``/``. Dropping the slash (rather than adding one) keeps
NukeViet article URLs (``…-654736.html``) as they are printed and merges WordPress permalinks
(``…-10868/``) with the slash-less copies that circulate.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_enc_id",
        "oly_anon_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "zanpid",
        "ref_src",
    }
)
# Characters left as they are in a path or query; everything else is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "%:@!$'()*+,;/?-._~"
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")

# Path segments that never lead to an article: print/save/mail variants of a NukeViet article,
# tag/author/topic/search pages, feeds, WordPress internals.
_EXCLUDED_SEGMENTS = frozenset(
    {
        "print",
        "savefile",
        "sendmail",
        "tag",
        "tags",
        "author",
        "topic",
        "search",
        "seek",
        "rss",
        "feed",
        "atom",
        "comments",
        "trackback",
        "wp-json",
        "wp-admin",
        "wp-content",
        "wp-includes",
        "wp-login.php",
        "xmlrpc.php",
        "category",
        "users",
        "admin",
        "login",
        "register",
    }
)
_EXCLUDED_EXTENSIONS = frozenset(
    {
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "bmp",
        "ico",
        "tif",
        "tiff",
        "avif",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "zip",
        "rar",
        "7z",
        "gz",
        "tgz",
        "mp3",
        "mp4",
        "avi",
        "mov",
        "wmv",
        "webm",
        "css",
        "js",
        "json",
        "xml",
        "rss",
        "atom",
        "txt",
    }
)
_EXCLUDED_QUERY_KEYS = frozenset({"s", "q", "feed", "replytocom", "share", "print", "format"})


def absolute_url(href: str, base: str | None = None) -> str | None:
    """The fetchable absolute http(s) URL of `href` on page `base`, fragment dropped; else None.

    Usage: ``absolute_url("../x-5.html", "https://hust.edu.vn/vi/news/a/")``.
    Returns None for ``javascript:``, ``mailto:``, empty links and anything unparsable.
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        joined = urljoin(base, href) if base else href
        parts = urlsplit(joined)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        _ = parts.port  # raises ValueError on a garbage port
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def normalize_url(url: str, base: str | None = None) -> str:
    """The identity key of an article URL (see the module docstring for the policy).

    Usage: ``key = normalize_url(link.url)``. Never raises: input that is not an http(s) URL
    comes back stripped and otherwise unchanged, so it can still serve as a (unique) key.
    """
    fetch = absolute_url(url, base)
    if fetch is None:
        return url.strip()
    parts = urlsplit(fetch)
    host = _normal_host(parts.hostname or "")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = _normal_path(parts.path)
    query = _normal_query(parts.query)
    return urlunsplit(("https", netloc, path, query, ""))


def _normal_host(host: str) -> str:
    host = host.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.")


def _normal_path(path: str) -> str:
    path = quote(path, safe=_PATH_SAFE)
    path = _PERCENT.sub(lambda m: m.group(0).upper(), path)
    if "/." in path:
        path = _remove_dot_segments(path)
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path or "/"


def _remove_dot_segments(path: str) -> str:
    out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
    result = "/".join(out)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result if result.startswith("/") else "/" + result


def _normal_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    pairs.sort()
    return urlencode(pairs, safe=_QUERY_SAFE, quote_via=quote)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def host_allowed(url: str, hosts: frozenset[str]) -> bool:
    """True when `url` is http(s) on one of `hosts` (a ``www.`` prefix is ignored on both sides).

    Usage: ``host_allowed(link, source.hosts)``: a compromised listing must not send the crawler
    to an internal address.
    """
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if not host:
        return False
    bare = host.removeprefix("www.")
    return host in hosts or bare in hosts or ("www." + bare) in hosts


def is_excluded(url: str, extra: re.Pattern[str] | None = None) -> bool:
    """True for links that never lead to an article page.

    Excluded: non-http(s) links; print/savefile/sendmail, tag/author/topic/search/seek,
    rss/feed and WordPress-internal path segments; images, documents and other files by
    extension; search, feed and reply query strings; and whatever `extra` (a profile's or a
    source's exclude pattern) finds in the URL. Usage: ``is_excluded(url, profile.exclude)``.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return True
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return True
    segments = [s for s in parts.path.lower().split("/") if s]
    if any(s in _EXCLUDED_SEGMENTS for s in segments):
        return True
    if segments and "." in segments[-1]:
        extension = segments[-1].rsplit(".", 1)[1]
        if extension in _EXCLUDED_EXTENSIONS:
            return True
    if parts.query:
        keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
        if keys & _EXCLUDED_QUERY_KEYS:
            return True
    return extra is not None and extra.search(url) is not None


def url_path(url: str) -> str:
    """The path of `url` ('' when unparsable), for matching a profile's article pattern."""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""
