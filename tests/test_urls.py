"""URL identity, the fetchable URL, exclusions and allowed hosts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.urls import absolute_url, host_allowed, is_excluded, normalize_url


@pytest.mark.parametrize(
    "variant",
    [
        "https://usth.edu.vn/en/x-10868",
        "https://usth.edu.vn/en/x-10868/",
        "http://www.usth.edu.vn/en/x-10868/?utm_source=a",
        "HTTPS://USTH.edu.vn:443/en/x-10868#respond",
        "http://usth.edu.vn:80/en/./x-10868?fbclid=abc&utm_medium=rss&gclid=1",
        "https://usth.edu.vn//en/x-10868",
    ],
)
def test_spellings_of_one_article_share_an_identity(variant: str) -> None:
    assert normalize_url(variant) == "https://usth.edu.vn/en/x-10868"


def test_nukeviet_article_identity_keeps_its_html_name() -> None:
    url = "http://www.hust.edu.vn/vi/news/hoat-dong-chung/dai-hoc-654736.html"
    assert normalize_url(url) == "https://hust.edu.vn/vi/news/hoat-dong-chung/dai-hoc-654736.html"


def test_identity_keeps_what_distinguishes_pages() -> None:
    a = normalize_url("https://www.haui.edu.vn/vn/page/ts/detail?id=2&lang=vi")
    b = normalize_url("https://haui.edu.vn/vn/page/ts/detail?lang=vi&id=2")
    assert a == b == "https://haui.edu.vn/vn/page/ts/detail?id=2&lang=vi"
    assert normalize_url("https://x.vn/a?id=1") != normalize_url("https://x.vn/a?id=2")
    # Same NukeViet id in two modules: two different articles.
    assert normalize_url("https://hust.edu.vn/vi/news/a/x-654601.html") != normalize_url(
        "https://hust.edu.vn/vi/sinh-vien/a/x-654601.html"
    )
    assert normalize_url("https://x.vn:8443/a") == "https://x.vn:8443/a"
    assert normalize_url("https://x.vn") == "https://x.vn/"


def test_relative_links_and_non_ascii_paths() -> None:
    base = "https://hust.edu.vn/vi/news/hop-tac/page-2/"
    assert normalize_url("../x-5.html", base) == "https://hust.edu.vn/vi/news/hop-tac/x-5.html"
    raw = normalize_url("https://ftu.edu.vn/hợp-tác/6170")
    escaped = normalize_url("https://ftu.edu.vn/h%e1%bb%a3p-t%c3%a1c/6170")
    assert raw == escaped == "https://ftu.edu.vn/h%E1%BB%A3p-t%C3%A1c/6170"


def test_fetch_url_is_not_the_identity() -> None:
    href = "http://www.usth.edu.vn/en/x-10868/?utm_source=a#top"
    # The fetch URL keeps the site's own scheme, host and slash; only the fragment goes.
    assert absolute_url(href) == "http://www.usth.edu.vn/en/x-10868/?utm_source=a"
    assert (
        absolute_url("/en/feed/", "http://127.0.0.1:8080/en/") == "http://127.0.0.1:8080/en/feed/"
    )
    for junk in ("javascript:void(0)", "mailto:a@b.vn", "#respond", "", "  ", "ftp://x.vn/a"):
        assert absolute_url(junk, "https://x.vn/") is None
    assert absolute_url("http://x.vn:99999/a") is None


def test_normalize_never_raises_on_junk() -> None:
    assert normalize_url("javascript:void(0)") == "javascript:void(0)"
    assert normalize_url("  not a url ") == "not a url"


@pytest.mark.parametrize(
    "url",
    [
        "https://hust.edu.vn/vi/news/print/hop-tac/x-700123.html",
        "https://hust.edu.vn/vi/news/savefile/hop-tac/x-700123.html",
        "https://hust.edu.vn/vi/news/sendmail/hop-tac/x-700123.html",
        "https://hust.edu.vn/vi/news/tag/ky-ket",
        "https://hust.edu.vn/vi/news/author/admin",
        "https://hust.edu.vn/vi/news/topic/hop-tac",
        "https://hust.edu.vn/vi/news/search/?q=mou&page=2",
        "https://hust.edu.vn/vi/seek/?q=mou",
        "https://hust.edu.vn/vi/news/rss/hop-tac/",
        "https://usth.edu.vn/en/feed/",
        "https://usth.edu.vn/en/x-10868/feed/",
        "https://usth.edu.vn/en/?s=MoU",
        "https://usth.edu.vn/en/?s=MoU&feed=rss2",
        "https://usth.edu.vn/en/category/news/",
        "https://usth.edu.vn/en/wp-content/uploads/sites/2/2025/07/a.jpg",
        "https://usth.edu.vn/en/wp-json/wp/v2/posts",
        "https://hust.edu.vn/uploads/news/2025_07/anh.PNG",
        "https://hust.edu.vn/files/quyet-dinh.pdf",
        "https://usth.edu.vn/en/x-10868/?replytocom=5",
        "javascript:void(0)",
        "mailto:contact@hust.edu.vn",
    ],
)
def test_excluded(url: str) -> None:
    assert is_excluded(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://hust.edu.vn/vi/news/hop-tac-doi-ngoai-truyen-thong/x-700123.html",
        "https://usth.edu.vn/en/usth-signs-mou-with-usth-consortium-10868/",
        "https://usth.edu.vn/en/?p=11643",
        "https://usth.edu.vn/en/news/news/usth-signed-cooperative-agreement-with-cnes-5165.html",
        # "tag" inside a slug is not a tag page.
        "https://x.vn/news/tagging-of-samples-12.html",
    ],
)
def test_articles_are_not_excluded(url: str) -> None:
    assert not is_excluded(url)


def test_extra_exclusion_pattern() -> None:
    pattern = re.compile(r"/su-kien-noi-bat/")
    assert is_excluded("https://hust.edu.vn/vi/su-kien-noi-bat/a/x-1.html", pattern)
    assert not is_excluded("https://hust.edu.vn/vi/news/a/x-1.html", pattern)


def test_host_allowed() -> None:
    hosts = frozenset({"hust.edu.vn"})
    assert host_allowed("https://hust.edu.vn/vi/news/", hosts)
    assert host_allowed("http://www.hust.edu.vn/vi/news/", hosts)
    assert host_allowed("https://HUST.edu.vn./vi/", hosts)
    assert not host_allowed("https://hust-dev.hust.edu.vn/vi/", hosts)
    assert not host_allowed("https://hust.edu.vn.evil.com/", hosts)
    assert not host_allowed("http://127.0.0.1/admin", hosts)
    assert not host_allowed("http://169.254.169.254/latest/meta-data/", hosts)
    assert not host_allowed("file:///etc/passwd", hosts)
    assert not host_allowed("not a url", hosts)
    assert host_allowed("http://127.0.0.1:8123/a", frozenset({"127.0.0.1"}))


@given(st.text(max_size=200))
def test_url_functions_never_raise(text: str) -> None:
    normalize_url(text)
    normalize_url(text, "https://x.vn/a/")
    absolute_url(text, "https://x.vn/a/")
    is_excluded(text)
    host_allowed(text, frozenset({"x.vn"}))


@given(st.from_regex(r"https?://(www\.)?[a-z]{1,8}\.vn(/[a-z0-9-]{1,10}){0,3}/?", fullmatch=True))
def test_normalize_is_idempotent(url: str) -> None:
    once = normalize_url(url)
    assert normalize_url(once) == once
