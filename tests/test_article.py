"""Article pages → Article: every fixture page, the skeletons, chrome removal, hostile HTML."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.article import parse_article
from pactwatch.config import SourceConfig
from pactwatch.model import Link
from pactwatch.urls import normalize_url
from tests.support.sites import FixtureArticle, fixture_sources, materialize_site, site_articles

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
BASE = "http://127.0.0.1:8123"
CHROME = (
    "Chia sẻ",
    "appeared first on",
    "You did not use the site",
    "Bạn đã không sử dụng Site",
    "Những tin mới hơn",
    "Những tin cũ hơn",
    "Newer articles",
    "Các tin khác",
    "Tác giả:",
    "Author:",
    "Từ khóa",
    "Recent posts",
    "Trình duyệt của bạn",
    "Gửi bài viết qua email",
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sites")
    return {name: materialize_site(name, root / name, BASE) for name in ("hust", "usth")}


def read(root: Path, path: str) -> str:
    target = root / path.lstrip("/")
    return (target / "index.html" if path.endswith("/") else target).read_text(encoding="utf-8")


SOURCES = {s.name: s for s in fixture_sources(BASE, BASE)}
ARTICLES = [(name, a) for name in ("hust", "usth") for a in site_articles(name)]


@pytest.mark.parametrize(("site", "expected"), ARTICLES, ids=[a.key for _, a in ARTICLES])
def test_fixture_pages(sites: dict[str, Path], site: str, expected: FixtureArticle) -> None:
    source = SOURCES[expected.sources[0]]
    fetched = expected.url(BASE) + ("?utm_source=rss&utm_medium=feed" if site == "hust" else "")
    article = parse_article(read(sites[site], expected.path), fetched, source)
    assert article.url == normalize_url(expected.url(BASE))
    assert article.fetched_url == fetched
    assert article.title == expected.title
    assert article.published == expected.published
    assert article.published is not None and article.published.tzinfo is not None
    assert article.language == expected.language
    assert article.paragraphs[0].startswith(expected.first_sentence)
    for chrome in CHROME:
        assert chrome not in article.text, chrome
    assert len(article.paragraphs) >= 3


@pytest.mark.parametrize(
    "key", ["usth-consortium", "usth-centrale-lyon", "usth-mines-saint-etienne", "usth-cnes"]
)
def test_seed_bodies_are_the_seed_texts(sites: dict[str, Path], shared_dir: Path, key: str) -> None:
    expected = next(a for a in site_articles("usth") if a.key == key)
    assert expected.seed is not None
    article = parse_article(
        read(sites["usth"], expected.path), expected.url(BASE), SOURCES[expected.sources[0]]
    )
    seed_lines = [
        " ".join(line.split())
        for line in (shared_dir / "seeds" / expected.seed).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if key == "usth-cnes":  # title and date line come first in that seed
        seed_lines = seed_lines[2:]
    assert list(article.paragraphs) == seed_lines


def test_nukeviet_prefers_the_visible_date_line(shared_dir: Path) -> None:
    html = (shared_dir / "sites" / "nukeviet_article.html").read_text(encoding="utf-8")
    source = SourceConfig(
        name="x",
        institution="x",
        kind="listing",
        url="https://univ.example.edu.vn/vi/",
        profile="nukeviet",
    )
    article = parse_article(html, "https://univ.example.edu.vn/vi/news/x/y-700123.html", source)
    # datePublished says 10:40 (the edit time); the date line says 09:15.
    assert article.published == datetime(2025, 7, 2, 9, 15, tzinfo=HCM)
    assert article.paragraphs[0].startswith("Sáng 01/07, Trường Đại học Ví Dụ và Đại học Mẫu")
    assert "Tác giả" not in article.text and "Nguồn tin" not in article.text
    assert article.url.endswith("-700123.html") and article.url.startswith(
        "https://univ.example.edu.vn/"
    )
    # Without the line, the malformed article:published_time is still read correctly.
    no_line = html.replace('<span class="h5">Thứ tư - 02/07/2025 09:15</span>', "")
    assert parse_article(
        no_line, "https://univ.example.edu.vn/x-1.html", source
    ).published == datetime(2025, 7, 2, 9, 15, tzinfo=HCM)


def test_wordpress_skeleton(shared_dir: Path) -> None:
    html = (shared_dir / "sites" / "usth_wp_article.html").read_text(encoding="utf-8")
    source = SourceConfig(
        name="u",
        institution="u",
        kind="feed",
        url="https://usth.edu.vn/en/feed/",
        profile="wordpress",
    )
    article = parse_article(
        html,
        "http://www.usth.edu.vn/en/usth-signs-cooperation-agreement-with-example-institute-of-technology-12001",
        source,
    )
    assert (
        article.url
        == "https://usth.edu.vn/en/usth-signs-cooperation-agreement-with-example-institute-of-technology-12001"
    )
    assert article.published == datetime(2025, 7, 3, 9, 30, tzinfo=HCM)
    assert article.language == "en"
    assert "Chia sẻ" not in article.text and "Placeholder previous post" not in article.text


GENERIC = SourceConfig(
    name="g", institution="g", kind="listing", url="https://x.vn/", language="vi"
)


def test_fallbacks_when_the_page_says_little() -> None:
    html = """<html><head><title>Ký kết hợp tác | Trường Đại học X</title>
<meta property="og:site_name" content="Trường Đại học X">
<link rel="canonical" href="https://x.vn/"></head>
<body><nav>Menu</nav><div id="content"><p>Đoạn một.<br>Đoạn hai.</p>
<p>Chia sẻ0</p><p>Tin liên quan</p><ul><li>Bài khác</li></ul></div>
<footer>Chân trang</footer></body></html>"""
    link = Link(
        "https://x.vn/tin/ky-ket-12.html",
        title="Feed title",
        published=datetime(2025, 1, 2, tzinfo=HCM),
    )
    article = parse_article(html, link.url, GENERIC, link=link)
    assert article.title == "Ký kết hợp tác"
    # A canonical pointing at the home page is ignored.
    assert article.url == "https://x.vn/tin/ky-ket-12.html"
    assert article.published == link.published
    assert article.language == "vi"
    assert article.paragraphs == ("Đoạn một.", "Đoạn hai.")


def test_off_host_canonical_is_ignored() -> None:
    html = '<html lang="en"><head><link rel="canonical" href="https://evil.example.com/x-1.html"></head><body><article><p>Text.</p></article></body></html>'
    article = parse_article(html, "https://x.vn/a-1.html", GENERIC)
    assert article.url == "https://x.vn/a-1.html"
    assert article.language == "en"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "not html at all",
        "<html><body><div><p>unclosed <b>bold <i>it",
        "<" * 10_000,
        "<div>" * 120_000 + "deep" + "</div>" * 120_000,
        "<span>" * 60_000 + "<div>" * 60_000 + "x",
        "<table>" + "<tr><td>" * 20_000,
        "\x00\x01\ufffd<p>\udcff</p>".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    ],
    ids=["empty", "text", "unclosed", "lt", "deep-div", "deep-mixed", "table", "control"],
)
def test_hostile_html_never_raises_and_is_quick(html: str) -> None:
    started = time.perf_counter()
    article = parse_article(html, "https://x.vn/a-1.html", GENERIC)
    assert time.perf_counter() - started < 2.0
    assert article.url == "https://x.vn/a-1.html"
    assert article.fetched_url == "https://x.vn/a-1.html"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<br>",
                "<script>",
                "<!--",
                "-->",
                "text ",
                "&amp;",
                "<a href='/x'>",
                "<h1>",
                "Chia sẻ0",
                "<article>",
                "</article>",
            ]
        ),
        max_size=60,
    )
)
def test_random_markup_never_raises(parts: list[str]) -> None:
    article = parse_article("".join(parts), "https://x.vn/a-1.html", GENERIC)
    assert all(p == " ".join(p.split()) and p for p in article.paragraphs)
