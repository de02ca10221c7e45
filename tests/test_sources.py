"""Discovery parsers: feeds, listings, sitemaps, document sniffing and profiles."""

from __future__ import annotations

import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.config import Selectors, SourceConfig
from pactwatch.sources import (
    parse_feed,
    parse_listing,
    parse_sitemap,
    profile_for,
    sniff_kind,
)
from pactwatch.sources.profiles import split_selectors
from pactwatch.urls import normalize_url
from tests.support.sites import fixture_sources, materialize_site, serve_site, site_articles
from tests.support.webserver import WebServer

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
EXAMPLE = "https://univ.example.edu.vn"
COOP = f"{EXAMPLE}/vi/news/hop-tac-doi-ngoai-truyen-thong/"
BASE = "http://127.0.0.1:8123"


def source(url: str, profile: str = "nukeviet", **extra: object) -> SourceConfig:
    return SourceConfig(
        name="s",
        institution="i",
        kind="feed",
        url=url,
        profile=profile,
        **extra,  # type: ignore[arg-type]
    )


def skeleton(shared_dir: Path, name: str) -> str:
    return (shared_dir / "sites" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sites")
    return {name: materialize_site(name, root / name, BASE) for name in ("hust", "usth")}


def page(root: Path, path: str) -> str:
    target = root / path.lstrip("/")
    return (target / "index.html" if path.endswith("/") else target).read_text(encoding="utf-8")


def sources_by_name() -> dict[str, SourceConfig]:
    return {s.name: s for s in fixture_sources(BASE, BASE)}


# -- feeds --------------------------------------------------------------------------------------


def test_nukeviet_feed(shared_dir: Path) -> None:
    feed = parse_feed(
        skeleton(shared_dir, "nukeviet_rss.xml"), f"{EXAMPLE}/vi/news/rss/x/", source(COOP)
    )
    assert feed.error is None and feed.kind == "rss"
    assert feed.title == "Tin Tức - Hợp tác đối ngoại - Truyền thông"
    assert [link.url.rsplit("-", 1)[1] for link in feed.links] == [
        "700123.html",
        "700118.html",
        "700110.html",
    ]
    first = feed.links[0]
    assert first.title == "Trường Đại học Ví Dụ ký kết thỏa thuận hợp tác với Đại học Mẫu"
    # Published 02/07/2025 09:15 +07; the feed only knows the date and the hour.
    assert first.published == datetime(2025, 7, 2, 9, 0, tzinfo=HCM)


def test_wordpress_feed(shared_dir: Path) -> None:
    wp = source("https://usth.edu.vn/en/feed/", "wordpress")
    feed = parse_feed(skeleton(shared_dir, "usth_wp_feed.xml"), wp.url, wp)
    assert feed.error is None
    assert [link.url for link in feed.links] == [
        "https://usth.edu.vn/en/usth-signs-cooperation-agreement-with-example-institute-of-technology-12001/",
        "https://usth.edu.vn/en/placeholder-previous-post-11990/",
    ]
    assert feed.links[0].published == datetime(2025, 7, 3, 9, 30, tzinfo=HCM)


def test_atom_feed_and_off_host_entries() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
 <entry><title>MoU signed</title><link rel="alternate" href="/en/mou-signed-42/"/>
  <link rel="replies" href="/en/mou-signed-42/#comments"/>
  <id>tag:x.vn,2025:42</id><published>2025-07-03T02:30:00Z</published></entry>
 <entry><title>Elsewhere</title><link href="http://169.254.169.254/latest/meta-data/"/></entry>
 <entry><title>Id only</title><id>https://x.vn/en/id-only-43/</id><updated>2025-07-04</updated></entry>
</feed>"""
    src = source("https://x.vn/en/feed/atom/", "generic")
    feed = parse_feed(atom, src.url, src)
    assert feed.kind == "atom" and feed.title == "News"
    assert [link.url for link in feed.links] == [
        "https://x.vn/en/mou-signed-42/",
        "https://x.vn/en/id-only-43/",
    ]
    assert feed.links[0].published == datetime(2025, 7, 3, 9, 30, tzinfo=HCM)
    assert [(d.url, d.reason) for d in feed.dropped] == [
        ("http://169.254.169.254/latest/meta-data/", "off-host")
    ]


def test_feed_with_html_entities_and_duplicates() -> None:
    rss = """<rss version="2.0"><channel><title>A&nbsp;B</title>
<item><title>One&nbsp;&ndash; two</title><link>https://x.vn/a-1.html</link></item>
<item><title>Again</title><link>http://www.x.vn/a-1.html?utm_source=rss</link></item>
<item><title>Tag page</title><link>https://x.vn/news/tag/mou</link></item>
</channel></rss>"""
    src = source("https://x.vn/rss/", "generic")
    feed = parse_feed(rss, src.url, src)
    assert feed.error is None
    assert [(link.url, link.title) for link in feed.links] == [
        ("https://x.vn/a-1.html", "One – two")
    ]
    assert [d.reason for d in feed.dropped] == ["excluded"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("<rss><channel><item></channel></rss>", "malformed"),
        ("<html><body>Not found</body></html>", "not a feed"),
        ("just text", "malformed"),
        ("<!-- x", "unterminated"),
    ],
)
def test_bad_feeds_give_an_error_value(text: str, message: str) -> None:
    feed = parse_feed(text, "https://x.vn/rss/", source("https://x.vn/rss/"))
    assert feed.links == () and feed.error is not None and message in feed.error


BOMB = """<?xml version="1.0"?>
<!-- a comment hiding <rss> -->
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title>
<item><title>&d;</title><link>https://x.vn/a-1.html</link></item></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


@pytest.mark.parametrize("text", [BOMB, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_dtds_are_refused(text: str) -> None:
    src = source("https://x.vn/rss/")
    feed = parse_feed(text, src.url, src)
    assert feed.links == () and feed.error is not None and "DTD" in feed.error
    sitemap = parse_sitemap(text.replace("rss", "urlset"), src.url, src)
    assert sitemap.error is not None and "DTD" in sitemap.error


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_feed_parser_never_raises(text: str) -> None:
    src = source("https://x.vn/rss/")
    parse_feed(text, src.url, src)
    parse_feed("<rss><channel><item><link>" + text, src.url, src)
    parse_sitemap(text, src.url, src)


# -- listings -----------------------------------------------------------------------------------


def test_nukeviet_listing_skeleton(shared_dir: Path) -> None:
    src = source(COOP)
    listing = parse_listing(skeleton(shared_dir, "nukeviet_listing.html"), COOP + "page-2/", src)
    assert listing.error is None
    assert listing.next_url == COOP + "page-3/"
    ids = [link.url.rsplit("-", 1)[1] for link in listing.links]
    # Featured first, then the items, then "Các tin khác"; each once.
    assert ids == [
        "700001.html",
        "700123.html",
        "700118.html",
        "700110.html",
        "700095.html",
        "700090.html",
    ]
    assert listing.links[1].published == datetime(2025, 7, 2, 9, 15, tzinfo=HCM)
    assert (
        listing.links[1].title == "Trường Đại học Ví Dụ ký kết thỏa thuận hợp tác với Đại học Mẫu"
    )
    assert all(link.url.startswith(COOP) for link in listing.links)


def test_listing_pagination_and_featured_dedupe(sites: dict[str, Path]) -> None:
    src = sources_by_name()["hust-coop-listing"]
    url: str | None = src.url
    seen: list[str] = []
    pages = 0
    while url is not None:
        listing = parse_listing(page(sites["hust"], url.removeprefix(BASE)), url, src)
        pages += 1
        seen += [normalize_url(link.url) for link in listing.links]
        url = listing.next_url
    assert pages == 3
    expected = {normalize_url(a.url(BASE)) for a in site_articles("hust") if a.language == "vi"}
    assert set(seen) == expected
    # The featured article is pinned on every page: found on each, once per page.
    featured = normalize_url(site_articles("hust")[0].url(BASE))
    assert seen.count(featured) == 3


def test_listing_drops_off_host_excluded_and_non_article_links() -> None:
    html = f"""<html><head><link rel="next" href="javascript:void(0)"></head><body>
<div class="col-md-18"><div class="news_column">
 <div class="panel-body"><h3><a href="{COOP}good-1.html">Good</a></h3></div>
 <div class="panel-body"><h3><a href="https://evil.example.com/vi/news/x/bad-2.html">Evil</a></h3></div>
 <div class="panel-body"><h3>
  <a href="/vi/news/print/hop-tac-doi-ngoai-truyen-thong/good-1.html">Print</a></h3></div>
</div>
<a href="/vi/news/savefile/hop-tac-doi-ngoai-truyen-thong/good-3.html">save</a>
<a href="/vi/news/tag/ky-ket">tag</a>
<a href="/vi/news/hop-tac-doi-ngoai-truyen-thong/">category</a>
<a href="http://10.0.0.1/vi/news/a/internal-4.html">internal</a>
<a href="/vi/news/hop-tac-doi-ngoai-truyen-thong/other-5.html#comments">Other</a>
<ul class="pagination"><li><a rel="next" href="https://evil.example.com/page-2/">2</a></li>
<li><a rel="next" href="/vi/news/hop-tac-doi-ngoai-truyen-thong/page-2/">2</a></li></ul>
</div></body></html>"""
    listing = parse_listing(html, COOP, source(COOP))
    assert [link.url for link in listing.links] == [f"{COOP}good-1.html", f"{COOP}other-5.html"]
    reasons = {d.url: d.reason for d in listing.dropped}
    assert reasons["https://evil.example.com/vi/news/x/bad-2.html"] == "off-host"
    assert reasons["http://10.0.0.1/vi/news/a/internal-4.html"] == "off-host"
    assert (
        reasons[f"{EXAMPLE}/vi/news/print/hop-tac-doi-ngoai-truyen-thong/good-1.html"] == "excluded"
    )
    assert (
        reasons[f"{EXAMPLE}/vi/news/savefile/hop-tac-doi-ngoai-truyen-thong/good-3.html"]
        == "excluded"
    )
    assert reasons[f"{EXAMPLE}/vi/news/tag/ky-ket"] == "excluded"
    assert listing.next_url == COOP + "page-2/"


def test_wordpress_listing(shared_dir: Path) -> None:
    wp = source("https://usth.edu.vn/en/category/news/", "wordpress")
    listing = parse_listing(skeleton(shared_dir, "usth_wp_listing.html"), wp.url + "page/2/", wp)
    assert [link.url.rstrip("/").rsplit("-", 1)[1] for link in listing.links] == [
        "12001",
        "11990",
        "11975",
    ]
    assert listing.links[2].published == datetime(2025, 6, 20, 10, 0, tzinfo=HCM)
    assert listing.next_url == "https://usth.edu.vn/en/category/news/page/3/"


def test_last_page_has_no_next_and_garbage_is_an_empty_page() -> None:
    src = source(COOP)
    assert parse_listing("<html><body><p>nothing</p></body></html>", COOP, src).next_url is None
    assert parse_listing("", COOP, src).error == "empty page"
    deep = "<div>" * 50_000 + "</div>" * 50_000
    assert parse_listing(deep[:200_000], COOP, src).links == ()


def test_selectors_override_the_profile() -> None:
    custom = source(
        "https://x.vn/news/",
        "generic",
        selectors=Selectors(
            listing_item="li.story, div.story",
            listing_link="a.headline",
            next_page="a.older@href",
            article_url_pattern=r"/story/\d+$",
        ),
    )
    profile = profile_for(custom)
    assert profile.listing_item == ("li.story", "div.story")
    html = """<main><ul><li class="story"><a href="/tag/x">t</a>
<a class="headline" href="/story/7">Seven</a></li></ul>
<a href="/story/8">Eight</a><a href="/about-us-and-more">About</a>
<a class="older" href="?page=2">Older</a></main>"""
    listing = parse_listing(html, custom.url, custom)
    assert [(link.url, link.title) for link in listing.links] == [
        ("https://x.vn/story/7", "Seven"),
        ("https://x.vn/story/8", "Eight"),
    ]
    assert listing.next_url == "https://x.vn/news/?page=2"


def test_split_selectors_respects_brackets_and_quotes() -> None:
    assert split_selectors('a[title="x, y"], :is(h2, h3) a ,b') == (
        'a[title="x, y"]',
        ":is(h2, h3) a",
        "b",
    )


# -- sitemaps -----------------------------------------------------------------------------------


def test_sitemap_index_and_urlset(sites: dict[str, Path]) -> None:
    src = sources_by_name()["hust-sitemap"]
    index = parse_sitemap(page(sites["hust"], "/sitemap.xml"), src.url, src)
    assert index.kind == "index" and index.error is None
    assert index.children == (f"{BASE}/sitemap-vi.news.xml", f"{BASE}/sitemap-en.news.xml")
    urlset = parse_sitemap(page(sites["hust"], "/sitemap-vi.news.xml"), index.children[0], src)
    assert urlset.kind == "urlset"
    expected = {a.url(BASE): a.published for a in site_articles("hust") if a.language == "vi"}
    assert {link.url: link.published for link in urlset.links} == expected


def test_yoast_sitemap_skips_non_articles(sites: dict[str, Path]) -> None:
    src = sources_by_name()["usth-sitemap"]
    urlset = parse_sitemap(
        page(sites["usth"], "/en/post-sitemap.xml"), f"{BASE}/en/post-sitemap.xml", src
    )
    posts = {a.url(BASE) for a in site_articles("usth") if "usth-sitemap" in a.sources}
    assert {link.url for link in urlset.links} == posts
    assert [(d.url, d.reason) for d in urlset.dropped] == [(f"{BASE}/en/", "not an article")]


def test_sitemap_index_drops_off_host_children() -> None:
    text = """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://x.vn/a.xml</loc><lastmod>2025-07-02T09:15:00+07:00</lastmod></sitemap>
<sitemap><loc>http://192.168.1.1/b.xml</loc></sitemap></sitemapindex>"""
    page_ = parse_sitemap(text, "https://x.vn/sitemap.xml", source("https://x.vn/sitemap.xml"))
    assert page_.children == ("https://x.vn/a.xml",)
    assert page_.sitemaps[0].lastmod == datetime(2025, 7, 2, 9, 15, tzinfo=HCM)


# -- sniffing and the served fixture sites ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("nukeviet_article.html", "html"),
        ("nukeviet_listing.html", "html"),
        ("nukeviet_rss.xml", "rss"),
        ("usth_wp_feed.xml", "rss"),
        ("nukeviet_sitemap.xml", "sitemap"),
        ("usth_wp_article.html", "html"),
    ],
)
def test_sniff_skeletons(shared_dir: Path, name: str, kind: str) -> None:
    assert sniff_kind(skeleton(shared_dir, name)) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "atom"),
        ("\ufeff<?xml version='1.0'?>\n<!-- c --><rdf:RDF></rdf:RDF>", "rss"),
        ("<div>fragment</div>", "html"),
        ("%PDF-1.4", "unknown"),
        ("", "unknown"),
        ("<svg></svg>", "unknown"),
    ],
)
def test_sniff_kinds(text: str, kind: str) -> None:
    assert sniff_kind(text) == kind


def test_fixture_sites_are_served_as_a_crawler_sees_them(tmp_path: Path) -> None:
    with WebServer() as web:
        serve_site(web, "hust", tmp_path / "hust")
        src = {s.name: s for s in fixture_sources(hust_base=web.base_url)}["hust-coop-rss"]
        with urllib.request.urlopen(src.url) as response:
            assert response.headers["Content-Type"].startswith("application/rss+xml")
            feed = parse_feed(response.read().decode("utf-8"), src.url, src)
        assert feed.error is None and len(feed.links) == 7
        with urllib.request.urlopen(feed.links[0].url) as response:
            assert sniff_kind(response.read().decode("utf-8")) == "html"
        with urllib.request.urlopen(web.url("/robots.txt")) as response:
            assert f"Sitemap: {web.base_url}/sitemap.xml" in response.read().decode("utf-8")
    assert "{{BASE}}" not in (tmp_path / "hust" / "sitemap.xml").read_text(encoding="utf-8")
