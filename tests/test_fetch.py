"""The fetcher against real hostile servers on 127.0.0.1 (and 127.0.0.5 as "another host")."""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import itertools
import threading
import time
import tracemalloc
import unicodedata
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pactwatch import fetch as fetch_module
from pactwatch.charset import decode_body
from pactwatch.config import HttpSettings
from pactwatch.fetch import Fetcher, FetchResult, host_of
from pactwatch.model import Validators
from pactwatch.robots import RobotsCache, RobotsRules, agent_token
from tests.support.webserver import (
    Request,
    Response,
    Route,
    WebServer,
    conditional,
    gzip_bomb,
    gzipped,
    hang,
    redirect,
    sequence,
    stream,
    trickle,
)

T = TypeVar("T")
HTML = {"Content-Type": "text/html; charset=utf-8"}
USER_AGENT = "pactwatch-test/1.0 (+https://example.org/contact)"
OTHER_HOST = "127.0.0.5"


def page(text: str = "<p>ok</p>", status: int = 200) -> Response:
    return Response(status, HTML, text.encode())


def http(**overrides: Any) -> HttpSettings:
    """Settings with small timeouts and delays so hostile servers cost fractions of a second."""
    values: dict[str, Any] = {
        "user_agent": USER_AGENT,
        "connect_timeout": 0.5,
        "read_timeout": 0.5,
        "total_timeout": 2.0,
        "retries": 2,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "max_retry_after": 5.0,
        "min_delay": 0.0,
        "max_body_bytes": 1_000_000,
        "max_decompressed_bytes": 2_000_000,
    }
    return HttpSettings.model_validate({**values, **overrides})


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def fetch(settings: HttpSettings, url: str, **kwargs: Any) -> FetchResult:
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url, **kwargs)


def served(routes: dict[str, Route], **settings: Any) -> tuple[WebServer, HttpSettings]:
    return WebServer(routes), http(**settings)


# -- plain success and the request we send -------------------------------------------------------


def test_ok_page_with_our_user_agent() -> None:
    with WebServer({"/a": page("<p>Hợp tác</p>")}) as web:
        result = run(fetch(http(), web.url("/a")))
        assert result.outcome == "ok", result.error
        assert result.text == "<p>Hợp tác</p>"
        assert (result.status, result.attempts, result.final_url) == (200, 1, web.url("/a"))
        assert result.content_type == "text/html; charset=utf-8"
        assert result.bytes_received == len("<p>Hợp tác</p>".encode())
        assert web.paths == ["/robots.txt", "/a"]
        assert {r.header("User-Agent") for r in web.requests} == {USER_AGENT}


def test_gzip_encoded_page_is_decoded() -> None:
    body = ("<p>" + "Ký kết hợp tác " * 200 + "</p>").encode()
    with WebServer({"/z": gzipped(body)}) as web:
        result = run(fetch(http(), web.url("/z")))
        assert result.outcome == "ok", result.error
        assert result.text == body.decode()
        assert result.bytes_received < len(body) / 5
        assert web.requests_to("/z")[0].header("Accept-Encoding") == "gzip, deflate"


def test_host_of() -> None:
    assert host_of("https://WWW.Hust.edu.vn:8443/a?b") == "www.hust.edu.vn"
    assert host_of("mailto:someone@example.org") == ""
    assert host_of("http://[::1") == ""


# -- retries, Retry-After, blocking -------------------------------------------------------------


def test_500_then_200_is_ok_after_one_retry() -> None:
    with WebServer({"/flaky": sequence(page("down", 500), page("<p>up</p>"))}) as web:
        result = run(fetch(http(), web.url("/flaky")))
        assert result.outcome == "ok", result.error
        assert (result.attempts, result.text) == (2, "<p>up</p>")
        assert len(web.requests_to("/flaky")) == 2


def test_persistent_500_gives_http_error_after_all_retries() -> None:
    with WebServer({"/down": page("down", 500)}) as web:
        result = run(fetch(http(retries=2), web.url("/down")))
        assert (result.outcome, result.status, result.attempts) == ("http_error", 500, 3)
        assert "500" in (result.error or "")


def test_429_with_short_retry_after_waits_then_succeeds() -> None:
    answers = sequence(Response(429, {"Retry-After": "1"}, b"slow down"), page())
    with WebServer({"/busy": answers}) as web:
        result = run(fetch(http(), web.url("/busy")))
        assert result.outcome == "ok", result.error
        assert result.attempts == 2
        first, second = web.requests_to("/busy")
        assert second.time - first.time >= 1.0


def test_429_with_long_retry_after_gives_up_blocked_at_once() -> None:
    with WebServer({"/busy": Response(429, {"Retry-After": "3600"}, b"")}) as web:
        result = run(fetch(http(), web.url("/busy")))
        assert (result.outcome, result.status) == ("blocked", 429)
        assert "Retry-After 3600" in (result.error or "")
        assert result.elapsed < 1.0
        assert len(web.requests_to("/busy")) == 1


def test_a_long_pause_asked_by_a_host_blocks_its_other_fetches_without_requests() -> None:
    with WebServer({"/busy": Response(429, {"Retry-After": "3600"}, b""), "/a": page()}) as web:

        async def two() -> list[FetchResult]:
            async with Fetcher(http()) as fetcher:
                return [await fetcher.fetch(web.url(p)) for p in ("/busy", "/a")]

        busy, other = run(two())
        assert (busy.outcome, other.outcome, other.status) == ("blocked", "blocked", None)
        assert "pause" in (other.error or "")
        assert web.paths == ["/robots.txt", "/busy"]


def test_503_with_retry_after_as_http_date_beyond_the_limit_is_blocked() -> None:
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    with WebServer({"/maint": Response(503, {"Retry-After": later}, b"")}) as web:
        result = run(fetch(http(), web.url("/maint")))
        assert (result.outcome, result.status) == ("blocked", 503)
        assert len(web.requests_to("/maint")) == 1


def test_persistent_429_without_retry_after_ends_blocked() -> None:
    with WebServer({"/busy": Response(429, {}, b"")}) as web:
        result = run(fetch(http(retries=1), web.url("/busy")))
        assert (result.outcome, result.attempts) == ("blocked", 2)


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        (
            {"Server": "cloudflare"},
            b"<title>Just a moment...</title><div id='cf-chl-widget'>",
            "Cloudflare",
        ),
        ({"cf-mitigated": "challenge"}, b"", "Cloudflare"),
        ({}, b"<h1>Forbidden</h1>", "403 Forbidden"),
    ],
    ids=["cloudflare-body", "cf-mitigated-header", "plain-403"],
)
def test_403_is_blocked_and_bot_walls_are_named(
    headers: dict[str, str], body: bytes, expected: str
) -> None:
    with WebServer({"/p": Response(403, {"Content-Type": "text/html", **headers}, body)}) as web:
        result = run(fetch(http(), web.url("/p")))
        assert (result.outcome, result.status, result.attempts) == ("blocked", 403, 1)
        assert expected in (result.error or "")


def test_cloudflare_challenge_on_503_is_blocked_not_retried() -> None:
    wall = Response(
        503, {"Content-Type": "text/html"}, b"<script src='/cdn-cgi/challenge-platform/h/b'>"
    )
    with WebServer({"/p": wall}) as web:
        result = run(fetch(http(), web.url("/p")))
        assert (result.outcome, result.attempts) == ("blocked", 1)
        assert "Cloudflare" in (result.error or "")


def test_404_is_an_http_error_without_retry() -> None:
    with WebServer() as web:
        result = run(fetch(http(), web.url("/gone")))
        assert (result.outcome, result.status, result.attempts) == ("http_error", 404, 1)


# -- timeouts and network errors ----------------------------------------------------------------


def test_a_server_that_never_answers_times_out() -> None:
    settings = http(read_timeout=0.3, retries=1)
    with WebServer({"/hang": hang}) as web:
        result = run(fetch(settings, web.url("/hang")))
        assert (result.outcome, result.attempts) == ("timeout", 2)
        assert result.elapsed < 1.5
        assert "timeout" in (result.error or "")


def test_a_trickling_server_is_cut_by_the_total_timeout() -> None:
    settings = http(read_timeout=0.5, total_timeout=0.6, retries=0)
    with WebServer({"/slow": trickle(interval=0.05)}) as web:
        result = run(fetch(settings, web.url("/slow")))
        assert result.outcome == "timeout"
        assert 0.6 <= result.elapsed < 1.5
        assert "total_timeout" in (result.error or "")


def test_nothing_listening_is_a_network_error_after_retries() -> None:
    with WebServer() as web:
        url = web.url("/x")
    result = run(fetch(http(retries=2, obey_robots=False), url))
    assert (result.outcome, result.attempts, result.status) == ("network_error", 3, None)
    assert "cannot connect" in (result.error or "")
    with_robots = run(fetch(http(retries=0), url))
    assert with_robots.outcome == "network_error"
    assert "robots.txt unreachable" in (with_robots.error or "")


# -- redirects ----------------------------------------------------------------------------------


def test_redirect_within_the_source_is_followed() -> None:
    with WebServer({"/old": redirect("/new", 301), "/new": page("<p>new</p>")}) as web:
        result = run(fetch(http(), web.url("/old"), allowed_hosts=frozenset({"127.0.0.1"})))
        assert (result.outcome, result.final_url, result.text) == (
            "ok",
            web.url("/new"),
            "<p>new</p>",
        )


def test_redirect_loop_is_refused() -> None:
    with WebServer({"/a": redirect("/b"), "/b": redirect("/a")}) as web:
        result = run(fetch(http(), web.url("/a")))
        assert result.outcome == "refused"
        assert "loop" in (result.error or "")
        assert web.paths == ["/robots.txt", "/a", "/b"]


def test_too_many_redirects_are_refused() -> None:
    routes: dict[str, Route] = {f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)}
    with WebServer(routes) as web:
        result = run(fetch(http(max_redirects=3), web.url("/r0")))
        assert result.outcome == "refused"
        assert "more than 3 redirects" in (result.error or "")
        assert len(web.requests) == 1 + 4


def test_redirect_to_another_host_is_refused_and_never_contacted() -> None:
    with WebServer({"/x": page("secret")}, host=OTHER_HOST) as other, WebServer() as web:
        web.route("/go", redirect(other.url("/x")))
        source_hosts = frozenset({"127.0.0.1"})
        result = run(fetch(http(), web.url("/go"), allowed_hosts=source_hosts))
        assert result.outcome == "refused"
        assert OTHER_HOST in (result.error or "")
        assert other.requests == []


def test_a_start_url_outside_the_allowed_hosts_is_not_fetched() -> None:
    with WebServer({"/": page()}) as web:
        result = run(fetch(http(), web.url("/"), allowed_hosts=frozenset({"hust.edu.vn"})))
        assert result.outcome == "refused"
        assert web.requests == []


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/pub/x", "javascript:alert(1)"]
)
def test_redirect_to_a_non_http_scheme_is_refused(target: str) -> None:
    with WebServer({"/go": redirect(target)}) as web:
        result = run(fetch(http(), web.url("/go")))
        assert result.outcome == "refused"
        error = result.error or ""
        assert "not an http(s) URL" in error or "invalid URL or redirect target" in error


# -- size, compression and content type ---------------------------------------------------------


def _peak_memory(settings: HttpSettings, url: str) -> tuple[FetchResult, int]:
    tracemalloc.start()
    try:
        result = run(fetch(settings, url))
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("declare_length", [False, True], ids=["chunked", "content-length"])
def test_a_50_mb_body_is_refused_at_the_cap(declare_length: bool) -> None:
    big = stream(50 * 1024 * 1024, declare_length=declare_length)
    with WebServer({"/big": big}) as web:
        result, peak = _peak_memory(http(max_body_bytes=1_000_000), web.url("/big"))
        assert result.outcome == "refused"
        assert "too large" in (result.error or "") or "max_body_bytes" in (result.error or "")
        assert result.bytes_received <= 1_000_000 + 128 * 1024
        assert peak < 8_000_000


def test_a_gzip_bomb_stops_at_the_decompression_cap() -> None:
    bomb = gzip_bomb(64 * 1024 * 1024)
    with WebServer({"/bomb": bomb}) as web:
        result, peak = _peak_memory(http(max_decompressed_bytes=2_000_000), web.url("/bomb"))
        assert result.outcome == "refused"
        assert "max_decompressed_bytes" in (result.error or "")
        assert peak < 10_000_000


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png"])
def test_a_non_html_content_type_is_refused(content_type: str) -> None:
    with WebServer(
        {"/doc": Response(200, {"Content-Type": content_type}, b"%PDF-1.4" * 1000)}
    ) as web:
        result = run(fetch(http(), web.url("/doc")))
        assert result.outcome == "refused"
        assert content_type in (result.error or "")
        assert result.text is None


def test_feeds_are_accepted_and_anything_when_asked() -> None:
    routes: dict[str, Route] = {
        "/feed": Response(200, {"Content-Type": "application/rss+xml"}, b"<rss/>"),
        "/doc": Response(200, {"Content-Type": "application/pdf"}, b"%PDF"),
    }
    with WebServer(routes) as web:
        assert run(fetch(http(), web.url("/feed"))).outcome == "ok"
        assert run(fetch(http(), web.url("/doc"), accept=None)).outcome == "ok"


# -- charsets -----------------------------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: tone marks as combining characters after the letter."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def test_windows_1258_with_the_charset_only_in_a_meta_tag() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        "<title>Lễ ký kết</title></head><body><p>Đại học Bách khoa Hà Nội ký kết thỏa thuận "
        "hợp tác với Đại học Tohoku.</p></body></html>"
    )
    with WebServer({"/vn": Response(200, {"Content-Type": "text/html"}, cp1258(html))}) as web:
        result = run(fetch(http(), web.url("/vn")))
        assert result.outcome == "ok", result.error
        assert result.text is not None
        assert "thỏa thuận hợp tác" in result.text
        assert "Bách khoa Hà Nội" in result.text
        assert unicodedata.is_normalized("NFC", result.text)


def test_broken_utf8_is_decoded_with_replacement_characters() -> None:
    body = "<p>Trường Đại học ".encode() + b"\xff\xfe\xc3" + "Bách khoa</p>".encode()
    routes: dict[str, Route] = {
        "/declared": Response(200, HTML, body),
        "/undeclared": Response(200, {"Content-Type": "text/html"}, body),
    }
    with WebServer(routes) as web:
        for path in ("/declared", "/undeclared"):
            result = run(fetch(http(), web.url(path)))
            assert result.outcome == "ok", result.error
            assert result.text is not None
            assert "\ufffd" in result.text
            assert "Trường Đại học" in result.text and "Bách khoa" in result.text


# -- robots.txt ---------------------------------------------------------------------------------


def test_robots_disallowed_path_is_never_requested() -> None:
    robots = Response(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private\n")
    routes: dict[str, Route] = {"/robots.txt": robots, "/private/a": page(), "/public": page()}
    with WebServer(routes) as web:

        async def both() -> tuple[FetchResult, FetchResult]:
            async with Fetcher(http()) as fetcher:
                return await fetcher.fetch(web.url("/private/a")), await fetcher.fetch(
                    web.url("/public")
                )

        private, public = run(both())
        assert (private.outcome, public.outcome) == ("disallowed", "ok")
        assert "robots.txt" in (private.error or "")
        assert web.paths == ["/robots.txt", "/public"]


def test_robots_rules_for_other_agents_do_not_apply() -> None:
    text = b"User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with WebServer({"/robots.txt": Response(200, {}, text), "/a": page()}) as web:
        assert run(fetch(http(), web.url("/a"))).outcome == "ok"


def test_obey_robots_false_skips_robots() -> None:
    robots = Response(200, {}, b"User-agent: *\nDisallow: /\n")
    with WebServer({"/robots.txt": robots, "/a": page()}) as web:
        assert run(fetch(http(obey_robots=False), web.url("/a"))).outcome == "ok"
        assert web.paths == ["/a"]


def test_crawl_delay_spaces_requests_to_the_host() -> None:
    robots = Response(200, {}, b"User-agent: pactwatch-test\nCrawl-delay: 1\nDisallow: /x\n")
    with WebServer({"/robots.txt": robots, "/a": page(), "/b": page()}) as web:

        async def two() -> list[FetchResult]:
            async with Fetcher(http(min_delay=0.0)) as fetcher:
                return [await fetcher.fetch(web.url("/a")), await fetcher.fetch(web.url("/b"))]

        assert [r.outcome for r in run(two())] == ["ok", "ok"]
        (a,), (b,) = web.requests_to("/a"), web.requests_to("/b")
        assert b.time - a.time >= 1.0


def test_a_robots_cache_spares_the_next_run_its_robots_request() -> None:
    robots = Response(200, {}, b"User-agent: *\nDisallow: /private\n")
    with WebServer({"/robots.txt": robots, "/a": page()}) as web:

        async def runs(cache: RobotsCache) -> list[FetchResult]:
            results = []
            for path in ("/a", "/private/b"):
                async with Fetcher(http(), robots_cache=cache) as fetcher:
                    results.append(await fetcher.fetch(web.url(path)))
            return results

        shared = RobotsCache()
        assert [r.outcome for r in run(runs(shared))] == ["ok", "disallowed"]
        assert web.paths == ["/robots.txt", "/a"]
        web.clear()
        run(runs(RobotsCache(max_age=0)))
        assert web.paths == ["/robots.txt", "/a", "/robots.txt"]


def test_unreachable_robots_stops_the_origin_for_the_run() -> None:
    with WebServer({"/robots.txt": Response(500, {}, b""), "/a": page(), "/b": page()}) as web:

        async def two() -> list[FetchResult]:
            async with Fetcher(http(retries=1)) as fetcher:
                return [await fetcher.fetch(web.url("/a")), await fetcher.fetch(web.url("/b"))]

        results = run(two())
        assert [r.outcome for r in results] == ["http_error", "http_error"]
        assert all("robots.txt unreachable" in (r.error or "") for r in results)
        assert web.paths == ["/robots.txt", "/robots.txt"]


def test_an_unreachable_robots_is_tried_again_after_its_ttl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch_module, "ROBOTS_FAILURE_TTL", 0.0)
    answers = sequence(Response(503, {}, b""), Response(404))
    with WebServer({"/robots.txt": answers, "/a": page()}) as web:

        async def two() -> list[FetchResult]:
            async with Fetcher(http(retries=0)) as fetcher:
                return [await fetcher.fetch(web.url("/a")) for _ in range(2)]

        assert [r.outcome for r in run(two())] == ["http_error", "ok"]
        assert web.paths == ["/robots.txt", "/robots.txt", "/a"]


# -- conditional GET ----------------------------------------------------------------------------


def test_conditional_get_with_etag_gives_not_modified() -> None:
    with WebServer({"/feed": conditional(page("<rss/>"), last_modified=1_700_000_000)}) as web:
        first = run(fetch(http(), web.url("/feed")))
        assert first.outcome == "ok" and first.validators.etag and first.validators.last_modified
        second = run(fetch(http(), web.url("/feed"), validators=first.validators))
        assert (second.outcome, second.status, second.text) == ("not_modified", 304, None)
        last = web.requests_to("/feed")[-1]
        assert last.header("If-None-Match") == first.validators.etag
        assert last.header("If-Modified-Since") == first.validators.last_modified


def test_conditional_get_with_last_modified_only() -> None:
    with WebServer({"/feed": conditional(page("<rss/>"), last_modified=1_700_000_000)}) as web:
        first = run(fetch(http(), web.url("/feed")))
        since = Validators(last_modified=first.validators.last_modified)
        assert run(fetch(http(), web.url("/feed"), validators=since)).outcome == "not_modified"
        stale = Validators(last_modified="Mon, 01 Jan 2001 00:00:00 GMT")
        assert run(fetch(http(), web.url("/feed"), validators=stale)).outcome == "ok"


def test_a_bare_304_keeps_the_validators_that_were_sent() -> None:
    sent = Validators(etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    with WebServer({"/feed": Response(304)}) as web:
        result = run(fetch(http(), web.url("/feed"), validators=sent))
        assert (result.outcome, result.validators) == ("not_modified", sent)


# -- politeness ---------------------------------------------------------------------------------


def test_min_delay_spaces_requests_to_one_host() -> None:
    with WebServer({"/a": page(), "/b": page()}) as web:

        async def together() -> list[FetchResult]:
            async with Fetcher(http(min_delay=5.0)) as fetcher:
                urls = [web.url("/a"), web.url("/b")]
                return await asyncio.gather(*(fetcher.fetch(u, min_delay=0.3) for u in urls))

        assert [r.outcome for r in run(together())] == ["ok", "ok"]
        times = [r.time for r in web.requests]
        assert len(times) == 3
        assert all(later - earlier >= 0.3 for earlier, later in itertools.pairwise(times))


def _meeting_point(parties: int) -> Route:
    """A page that answers 200 only if `parties` requests are in flight at the same time."""
    barrier = threading.Barrier(parties, timeout=0.2)

    def handler(request: Request) -> Response:
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return page("alone", 500)
        return page("together")

    return handler


def test_different_hosts_are_fetched_concurrently() -> None:
    meet = _meeting_point(2)
    with WebServer({"/m": meet}) as one, WebServer({"/m": meet}, host=OTHER_HOST) as two:

        async def both() -> tuple[FetchResult, FetchResult]:
            async with Fetcher(http(min_delay=0.3, retries=0)) as fetcher:
                return await asyncio.gather(
                    fetcher.fetch(one.url("/m")), fetcher.fetch(two.url("/m"))
                )

        assert [r.text for r in run(both())] == ["together", "together"]


@pytest.mark.parametrize(("per_host", "expected"), [(1, "http_error"), (2, "ok")])
def test_per_host_concurrency_bounds_requests_in_flight(per_host: int, expected: str) -> None:
    with WebServer({"/m1": _meeting_point(2), "/robots.txt": Response(404)}) as web:
        web.route("/m2", web.routes["/m1"])

        async def both() -> tuple[FetchResult, FetchResult]:
            settings = http(per_host_concurrency=per_host, retries=0)
            async with Fetcher(settings) as fetcher:
                await fetcher.robots(web.url("/"))
                return await asyncio.gather(
                    fetcher.fetch(web.url("/m1")), fetcher.fetch(web.url("/m2"))
                )

        assert {r.outcome for r in run(both())} == {expected}


def test_each_host_reuses_its_connection_while_many_hosts_take_turns() -> None:
    # More hosts than requests in flight, each asked one page at a time: a shared pool of a
    # few idle connections would close a host's connection before its next turn.
    hosts = [f"127.0.3.{i}" for i in range(1, 25)]
    servers = [WebServer({"/robots.txt": Response(404)}, host=h).start() for h in hosts]
    try:
        for web in servers:
            for n in range(4):
                web.route(f"/p{n}", page(f"<p>{web.host} {n}</p>"))

        async def crawl(web: WebServer, fetcher: Fetcher) -> list[str]:
            return [(await fetcher.fetch(web.url(f"/p{n}"))).outcome for n in range(4)]

        async def every_host() -> list[list[str]]:
            async with Fetcher(http(concurrency=4)) as fetcher:
                return await asyncio.gather(*(crawl(web, fetcher) for web in servers))

        assert run(every_host()) == [["ok"] * 4] * len(servers)
        assert [(len(web.requests), web.accepted) for web in servers] == [(5, 1)] * len(servers)
    finally:
        for web in servers:
            web.stop()


def test_a_host_pool_idle_beyond_its_expiry_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "_KEEPALIVE_EXPIRY", 0.05)
    routes = {"/robots.txt": Response(404), "/a": page()}
    with WebServer(routes) as one, WebServer(routes, host=OTHER_HOST) as two:

        async def one_then_other() -> tuple[int, int]:
            async with Fetcher(http()) as fetcher:
                await fetcher.fetch(one.url("/a"))
                before = fetcher.open_pools
                await asyncio.sleep(0.2)  # time passing is what is tested
                await fetcher.fetch(two.url("/a"))
                return before, fetcher.open_pools

        # The first host's pool is closed when the second host is asked: only its own is left.
        assert run(one_then_other()) == (1, 1)


# -- decoding rules on their own ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected", "codec"),
    [
        (
            "Hà Nội".encode("cp1252", "replace"),
            "text/html; charset=ISO-8859-1",
            "H\xe0 N?i",
            "cp1252",
        ),
        (codecs.BOM_UTF8 + "Hà Nội".encode(), "text/html", "Hà Nội", "utf-8"),
        ("Hà Nội".encode("utf-16"), None, "Hà Nội", "utf-16-le"),
        (
            '<?xml version="1.0" encoding="iso-8859-2"?><t>Łódź</t>'.encode("iso-8859-2"),
            "application/xml",
            '<?xml version="1.0" encoding="iso-8859-2"?><t>Łódź</t>',
            "iso8859-2",
        ),
        (
            '<meta charset="utf-16"><p>Hà</p>'.encode(),
            "text/html",
            '<meta charset="utf-16"><p>Hà</p>',
            "utf-8",
        ),
        (
            '<meta charset="no-such-charset"><p>Hà</p>'.encode(),
            None,
            '<meta charset="no-such-charset"><p>Hà</p>',
            "utf-8",
        ),
        (b"", None, "", "utf-8"),
    ],
    ids=[
        "header-latin1-is-cp1252",
        "bom",
        "utf16-bom",
        "xml-declaration",
        "meta-utf16-means-utf8",
        "unknown-label",
        "empty",
    ],
)
def test_decode_body_rules(
    body: bytes, content_type: str | None, expected: str, codec: str
) -> None:
    assert decode_body(body, content_type) == (expected, codec)


def test_header_charset_wins_over_meta() -> None:
    body = '<meta charset="windows-1258"><p>Hà Nội</p>'.encode()
    text, codec = decode_body(body, "text/html; charset=utf-8")
    assert (codec, "Hà Nội" in text) == ("utf-8", True)


@given(body=st.binary(max_size=3000), content_type=st.one_of(st.none(), st.text(max_size=60)))
@hypothesis_settings(max_examples=300, deadline=None)
def test_decode_body_never_raises(body: bytes, content_type: str | None) -> None:
    text, codec = decode_body(body, content_type)
    assert isinstance(text, str) and codec


def test_robots_agent_token_and_rules() -> None:
    assert agent_token(USER_AGENT) == "pactwatch-test"
    rules = RobotsRules.parse(
        "User-agent: pactwatch-test\nDisallow: /private\nRequest-rate: 1/4\n", user_agent=USER_AGENT
    )
    assert (rules.allows("https://x.org/private/a"), rules.allows("https://x.org/news")) == (
        False,
        True,
    )
    assert rules.crawl_delay == 4.0
    assert RobotsRules.allow_all().allows("https://x.org/private")
