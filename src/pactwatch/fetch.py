"""The one place that talks HTTP: polite, bounded, and never raising for what a server does.

Usage::

    async with Fetcher(settings.http) as fetcher:
        result = await fetcher.fetch(url, validators=known, allowed_hosts=source.hosts)
        if result.outcome == "ok":
            parse(result.text)

Every request of a run goes through these gates, in order, then one `httpx.AsyncClient` whose
connections are kept in a small pool per host (`HostPools`: a host's next request reuses its
connection however many hosts are crawled at once):

- the target: http(s) only and, when given, a host in `allowed_hosts` (checked at every
  redirect hop: redirects are followed here, not by httpx, so loops and hops to other hosts or
  schemes are refused before anything is sent there);
- robots.txt, fetched once per origin through the same gates, kept a day in the
  `RobotsCache` (pass one to share it between runs) and obeyed for our User-Agent; its
  Crawl-delay raises that host's delay. A missing robots.txt (4xx) allows all; an unreachable
  one (5xx, 429, network) closes that origin for `ROBOTS_FAILURE_TTL` seconds (RFC 9309);
- per-host politeness (per host name, ports aside): `per_host_concurrency` requests at once
  and `min_delay` seconds after both the start and the end of the previous request to that
  host; then the global `concurrency` cap;
- timeouts: connect/read through httpx, and a wall-clock `total_timeout` per request so a
  trickling server cannot hold us;
- the body: a declared or streamed size over `max_body_bytes`, or a decompressed size over
  `max_decompressed_bytes` (decompression is done here, chunk by chunk, so a gzip bomb never
  inflates in memory), is refused; so is a content type outside `accept`.

Failures are retried with capped exponential backoff and jitter (connection errors, timeouts,
5xx, 408); 429 and 503 wait for their Retry-After when it is at most `max_retry_after`, else
the fetch gives up as "blocked". Either wait holds every request to that host, so a longer
pause makes the host's other fetches of the run "blocked" at once, without a request; a
Crawl-delay is likewise capped at `max_retry_after`. The outcome of a fetch is one `Outcome`.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from pactwatch.charset import decode_body
from pactwatch.config import HttpSettings
from pactwatch.connections import HostPools
from pactwatch.model import Validators
from pactwatch.robots import RobotsCache, RobotsRules

__all__ = ["MARKUP_TYPES", "FetchResult", "Fetcher", "Outcome", "host_of"]

Outcome = Literal[
    "ok",
    "not_modified",
    "http_error",
    "blocked",
    "disallowed",
    "refused",
    "network_error",
    "timeout",
]

# What a news page, listing, feed or sitemap may be served as.
MARKUP_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
    }
)
_ACCEPT_MARKUP = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
_ERROR_SNIPPET_BYTES = 64 * 1024
# Seconds a connection is kept alive unused (httpx's default); a host's pool is closed after.
_KEEPALIVE_EXPIRY = 5.0
# Seconds an unreachable robots.txt keeps its origin closed before it is tried again.
ROBOTS_FAILURE_TTL = 300.0
# Lower-case markers of interstitial "are you a browser?" pages, and whose they are.
_BOT_WALLS = (
    (b"cf-chl", "Cloudflare challenge"),
    (b"/cdn-cgi/challenge-platform/", "Cloudflare challenge"),
    (b"attention required! | cloudflare", "Cloudflare block page"),
    (b"just a moment...", "bot challenge"),
    (b"ddos-guard", "DDoS-Guard"),
    (b"sucuri website firewall", "Sucuri firewall"),
    (b"captcha", "captcha"),
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What became of one fetch. `text` is set for "ok" only; `error` says why otherwise.

    `attempts` counts the tries of the last request (1 when it was not retried); `elapsed`
    is the wall-clock time of the whole fetch, waits included; `bytes_received` is what came
    over the wire (compressed), over every try and hop.
    """

    url: str
    final_url: str
    outcome: Outcome
    status: int | None = None
    text: str | None = None
    content_type: str | None = None
    validators: Validators = field(default_factory=Validators)
    error: str | None = None
    attempts: int = 0
    elapsed: float = 0.0
    bytes_received: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def host_of(url: str) -> str:
    """The lower-case host name of `url` (no port), or "" when it has none or is malformed."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# -- one exchange -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reply:
    """One request's answer, before redirects and retries are decided."""

    outcome: Outcome | Literal["redirect"]
    status: int | None = None
    body: bytes | None = None
    content_type: str | None = None
    validators: Validators = field(default_factory=Validators)
    error: str | None = None
    retry: bool = False
    retry_after: float | None = None
    location: str | None = None
    received: int = 0


class _Refused(Exception):
    """A limit we set was crossed while reading (size, decompression, encoding)."""


@dataclass
class _Meter:
    received: int = 0


# Exceptions → (outcome, retry?, reason). The first matching row wins, so subclasses go first.
_FAILURES: tuple[tuple[type[BaseException], Outcome, bool, str], ...] = (
    (_Refused, "refused", False, "refused"),
    (TimeoutError, "timeout", True, "no complete answer within total_timeout"),
    (httpx.ConnectTimeout, "timeout", True, "connect timeout"),
    (httpx.TimeoutException, "timeout", True, "read timeout"),
    (httpx.UnsupportedProtocol, "refused", False, "unsupported URL"),
    (httpx.InvalidURL, "refused", False, "invalid URL or redirect target"),
    (httpx.ConnectError, "network_error", True, "cannot connect"),
    (httpx.TransportError, "network_error", True, "connection failed"),
    (zlib.error, "network_error", False, "corrupt compressed body"),
    (httpx.HTTPError, "network_error", False, "HTTP failure"),
    (OSError, "network_error", True, "connection failed"),
    (ValueError, "refused", False, "malformed request or answer"),
)


def _failure(exc: Exception, received: int) -> _Reply:
    for kind, outcome, retry, reason in _FAILURES:
        if isinstance(exc, kind):
            detail = str(exc) or type(exc).__name__
            error = detail if kind is _Refused else f"{reason}: {detail}"
            return _Reply(outcome, error=error, retry=retry, received=received)
    raise exc


class _Inflater:
    """Content-Encoding decoding that stops before producing more than `room` bytes."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._zlib: zlib._Decompress | None = None

    @classmethod
    def for_header(cls, header: str | None) -> _Inflater:
        codings = [c.strip().lower() for c in (header or "").split(",")]
        codings = [c for c in codings if c not in ("", "identity", "none")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _Refused(f"unsupported Content-Encoding {header!r}")
        return cls(codings[0] if codings else "identity")

    def feed(self, data: bytes, room: int) -> bytes:
        if self._encoding == "identity":
            out = data
        else:
            out = self._decompressor(data).decompress(data, room + 1)
        return self._check(out, room)

    def flush(self, room: int) -> bytes:
        return self._check(self._zlib.flush(room + 1) if self._zlib else b"", room)

    def _decompressor(self, first: bytes) -> zlib._Decompress:
        if self._zlib is None:
            if self._encoding == "deflate":
                # "deflate" is a zlib stream by the spec, raw deflate on some servers.
                zlib_header = len(first) >= 2 and (first[0] * 256 + first[1]) % 31 == 0
                wbits = zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
            else:
                wbits = 16 + zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        return self._zlib

    def _check(self, out: bytes, room: int) -> bytes:
        if len(out) > room:
            if self._encoding == "identity":
                raise _Refused("body larger than max_decompressed_bytes")
            raise _Refused(f"{self._encoding} body inflates beyond max_decompressed_bytes")
        return out


# -- status → outcome ---------------------------------------------------------------------------


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _bot_wall(headers: httpx.Headers, snippet: bytes) -> str | None:
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare challenge"
    lowered = snippet.lower()
    return next((name for marker, name in _BOT_WALLS if marker in lowered), None)


def _error_reply(status: int, headers: httpx.Headers, snippet: bytes, received: int) -> _Reply:
    phrase = f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip()
    wall = _bot_wall(headers, snippet) if status in (403, 429, 503) else None
    base = _Reply(
        "http_error",
        status=status,
        content_type=headers.get("content-type"),
        error=phrase,
        received=received,
    )
    if wall is not None:
        return replace(base, outcome="blocked", error=f"{phrase}: {wall}")
    if status in (403, 429):
        return replace(
            base,
            outcome="blocked",
            retry=status == 429,
            retry_after=_retry_after(headers.get("retry-after")),
        )
    if status in _RETRYABLE_STATUS:
        return replace(base, retry=True, retry_after=_retry_after(headers.get("retry-after")))
    return base


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


# -- per-host politeness ------------------------------------------------------------------------


@dataclass
class _Host:
    """One host's gate: how many requests at once, and when the next may start.

    The delay counts both from the start and from the end of the previous request, so a slow
    answer does not let the next request arrive sooner than the site asked.
    """

    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    crawl_delay: float = 0.0

    async def wait_turn(self, delay: float) -> None:
        async with self.lock:
            wait = self.next_start - asyncio.get_running_loop().time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.finished(delay)

    def wait_left(self) -> float:
        return max(0.0, self.next_start - asyncio.get_running_loop().time())

    def hold(self, seconds: float) -> None:
        """Let no request start on this host for `seconds` from now."""
        self.finished(seconds)

    def finished(self, delay: float) -> None:
        earliest = asyncio.get_running_loop().time() + max(delay, self.crawl_delay)
        self.next_start = max(self.next_start, earliest)


@dataclass(frozen=True, slots=True)
class _Ask:
    """What the caller asked of one fetch, the same at every hop and try."""

    validators: Validators | None
    allowed_hosts: frozenset[str] | None
    delay: float
    accept: frozenset[str] | None


@dataclass(frozen=True)
class _RobotsLoad:
    task: asyncio.Task[RobotsRules | FetchResult]
    started: float = field(default_factory=time.monotonic)


@dataclass
class _Trace:
    """What one fetch has spent so far."""

    attempts: int = 0
    received: int = 0


# -- the fetcher --------------------------------------------------------------------------------


class Fetcher:
    """A run's HTTP client with politeness, robots.txt, retries and limits; see module docs.

    Usage::

        async with Fetcher(settings.http) as fetcher:
            result = await fetcher.fetch("https://hust.edu.vn/", allowed_hosts=source.hosts)
    """

    def __init__(
        self,
        settings: HttpSettings,
        *,
        robots_cache: RobotsCache | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        # Shared between runs when given; else robots.txt is fetched once per origin per run.
        self._robots_cache = robots_cache if robots_cache is not None else RobotsCache()
        self._rng = rng or random.Random()
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}
        # The client, over a connection pool per host; opened in __aenter__.
        self._client: httpx.AsyncClient | None = None
        self._pools: HostPools | None = None
        # Loads in flight, and failed ones until they expire.
        self._robots: dict[str, _RobotsLoad] = {}

    @property
    def robots_cache(self) -> RobotsCache:
        """The robots.txt rules this fetcher obeys (to preload or store them)."""
        return self._robots_cache

    @property
    def open_pools(self) -> int:
        """Hosts with a connection pool open now: asked within the keep-alive expiry."""
        return 0 if self._pools is None else len(self._pools)

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        # Built once, shared by every host's pool: loading the CA bundle costs ~20 ms.
        ssl_context = httpx.create_ssl_context(trust_env=False)
        # The global semaphore bounds the requests in flight, so no pool ever waits for a
        # connection; a host keeps as many idle ones as it may have requests at once.
        limits = httpx.Limits(
            max_connections=s.concurrency,
            max_keepalive_connections=s.per_host_concurrency,
            keepalive_expiry=_KEEPALIVE_EXPIRY,
        )

        def host_pool() -> httpx.AsyncBaseTransport:
            return httpx.AsyncHTTPTransport(
                verify=ssl_context, http2=False, trust_env=False, limits=limits
            )

        self._pools = HostPools(host_pool, idle_expiry=_KEEPALIVE_EXPIRY)
        self._client = httpx.AsyncClient(
            transport=self._pools,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                connect=s.connect_timeout,
                read=s.read_timeout,
                write=s.read_timeout,
                pool=s.connect_timeout + s.total_timeout,
            ),
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        tasks = [loading.task for loading in self._robots.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        client, self._client, self._pools = self._client, None, None
        if client is not None:
            await client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        allowed_hosts: frozenset[str] | None = None,
        min_delay: float | None = None,
        accept: frozenset[str] | None = MARKUP_TYPES,
    ) -> FetchResult:
        """GET `url` politely; never raises for anything a server does.

        `validators` make it a conditional GET ("not_modified" on 304); `allowed_hosts`
        limits every hop (None: any host); `min_delay` overrides the settings' delay between
        requests to this host; `accept` lists the media types taken (None: any).
        """
        started = time.monotonic()
        trace = _Trace()
        delay = self.settings.min_delay if min_delay is None else min_delay
        ask = _Ask(validators, allowed_hosts, delay, accept)
        result = await self._follow(url, trace, ask, check_robots=True)
        if result.outcome == "not_modified" and not result.validators and validators:
            # A 304 need not repeat the validators; keep the ones that earned it.
            result = replace(result, validators=validators)
        return replace(
            result,
            attempts=trace.attempts,
            elapsed=time.monotonic() - started,
            bytes_received=trace.received,
        )

    async def robots(
        self, url: str, *, min_delay: float | None = None
    ) -> RobotsRules | FetchResult:
        """The robots.txt rules of `url`'s origin, or why they are unreachable.

        Rules are kept in the robots cache (a day); an unreachable robots.txt stops the origin
        for `ROBOTS_FAILURE_TTL` seconds, then it is tried again. The first caller's
        `min_delay` (default: the settings') spaces the robots.txt request from the next one.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        cached = self._robots_cache.get(origin)
        if cached is not None:
            return cached
        loading = self._robots.get(origin)
        if loading is None or self._stale(loading):
            delay = self.settings.min_delay if min_delay is None else min_delay
            task = asyncio.ensure_future(self._load_robots(origin, delay))
            loading = self._robots[origin] = _RobotsLoad(task)
        # Shielded: one caller giving up must not cancel the load others wait for.
        rules = await asyncio.shield(loading.task)
        if isinstance(rules, RobotsRules) and self._robots.get(origin) is loading:
            del self._robots[origin]  # the cache holds it from now on
        return rules

    @staticmethod
    def _stale(loading: _RobotsLoad) -> bool:
        return loading.task.done() and time.monotonic() - loading.started > ROBOTS_FAILURE_TTL

    # -- redirects and gates ----------------------------------------------------------------

    async def _follow(
        self, url: str, trace: _Trace, ask: _Ask, *, check_robots: bool
    ) -> FetchResult:
        current, seen = url, {url}
        for _ in range(self.settings.max_redirects + 1):
            stop = self._check_target(url, current, ask.allowed_hosts)
            if stop is None and check_robots and self.settings.obey_robots:
                stop = await self._check_robots(url, current, ask.delay)
            if stop is not None:
                return stop
            reply = await self._with_retries(current, trace, ask)
            if reply.outcome != "redirect" or reply.location is None:
                return self._result(url, current, reply)
            try:
                current = urljoin(current, reply.location.strip())
            except ValueError:
                return self._stop(url, current, "refused", f"bad redirect: {reply.location!r}")
            if current in seen:
                return self._stop(url, current, "refused", f"redirect loop back to {current}")
            seen.add(current)
        return self._stop(
            url, current, "refused", f"more than {self.settings.max_redirects} redirects"
        )

    def _check_target(
        self, url: str, current: str, allowed_hosts: frozenset[str] | None
    ) -> FetchResult | None:
        try:
            scheme = urlsplit(current).scheme.lower()
        except ValueError:
            return self._stop(url, current, "refused", f"malformed URL: {current!r}")
        if scheme not in ("http", "https"):
            return self._stop(url, current, "refused", f"not an http(s) URL: {current}")
        host = host_of(current)
        if not host:
            return self._stop(url, current, "refused", f"no host in {current}")
        if allowed_hosts is not None and host not in allowed_hosts:
            where = "redirected to" if current != url else "host not allowed:"
            return self._stop(url, current, "refused", f"{where} {host} (outside the source)")
        return None

    async def _check_robots(self, url: str, current: str, delay: float) -> FetchResult | None:
        rules = await self.robots(current, min_delay=delay)
        if isinstance(rules, FetchResult):
            return replace(rules, url=url, final_url=current, attempts=0, bytes_received=0)
        # A Crawl-delay beyond what we would wait for a Retry-After is slowed to that limit
        # rather than stopping the source.
        self._host(current).crawl_delay = min(rules.crawl_delay, self.settings.max_retry_after)
        if not rules.allows(current):
            return self._stop(url, current, "disallowed", "robots.txt disallows this path")
        return None

    async def _load_robots(self, origin: str, delay: float) -> RobotsRules | FetchResult:
        robots_url = origin + "/robots.txt"
        ask = _Ask(None, None, delay, None)
        result = await self._follow(robots_url, _Trace(), ask, check_robots=False)
        unreachable = result.outcome in ("network_error", "timeout") or (
            result.status is not None and (result.status >= 500 or result.status == 429)
        )
        if unreachable:
            return replace(result, error=f"robots.txt unreachable ({result.error}): not fetching")
        agent = self.settings.user_agent
        if result.outcome == "ok":
            rules = RobotsRules.parse(result.text or "", user_agent=agent)
        else:
            rules = RobotsRules.allow_all(agent)
        self._robots_cache.put(origin, rules)
        return rules

    # -- retries, politeness, one request ---------------------------------------------------

    async def _with_retries(self, url: str, trace: _Trace, ask: _Ask) -> _Reply:
        headers = self._headers(ask.validators, ask.accept)
        gate, limit = self._host(url), self.settings.max_retry_after
        attempt = 0
        while True:
            attempt += 1
            reply = await self._polite_request(url, headers, ask.delay, ask.accept)
            trace.attempts, trace.received = attempt, trace.received + reply.received
            if not reply.retry:
                return reply
            # The wait holds every request to the host, not just this one: a server that
            # asked for a pause (or is failing) gets it from the whole run.
            wait = self._retry_wait(reply, attempt)
            gate.hold(wait)
            if reply.retry_after is not None and wait > limit:
                error = f"{reply.error}: Retry-After {wait:.0f} s exceeds {limit:.0f} s"
                return replace(reply, outcome="blocked", error=error)
            if attempt > self.settings.retries:
                return reply

    def _retry_wait(self, reply: _Reply, attempt: int) -> float:
        """Seconds before the next try: the server's Retry-After, else backoff with jitter."""
        s = self.settings
        if reply.retry_after is not None:
            return reply.retry_after
        backoff = min(s.backoff_max, s.backoff_base * 2.0 ** (attempt - 1))
        return backoff * self._rng.uniform(0.5, 1.0)

    def _headers(
        self, validators: Validators | None, accept: frozenset[str] | None
    ) -> dict[str, str]:
        headers = {"Accept": _ACCEPT_MARKUP if accept else "*/*"}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _host(self, url: str) -> _Host:
        host = host_of(url)
        gate = self._hosts.get(host)
        if gate is None:
            gate = _Host(asyncio.Semaphore(self.settings.per_host_concurrency))
            self._hosts[host] = gate
        return gate

    async def _polite_request(
        self, url: str, headers: Mapping[str, str], delay: float, accept: frozenset[str] | None
    ) -> _Reply:
        gate = self._host(url)
        async with gate.slots:
            held = gate.wait_left()
            if held > self.settings.max_retry_after:
                error = f"the host asked for a pause of {held:.0f} s (Retry-After): not waiting"
                return _Reply("blocked", error=error)
            await gate.wait_turn(delay)
            try:
                async with self._global:
                    return await self._request(url, headers, accept)
            finally:
                gate.finished(delay)

    async def _request(
        self, url: str, headers: Mapping[str, str], accept: frozenset[str] | None
    ) -> _Reply:
        client = self._client
        if client is None:
            raise RuntimeError("use the Fetcher as `async with Fetcher(...) as fetcher`")
        meter = _Meter()
        try:
            async with asyncio.timeout(self.settings.total_timeout):
                async with client.stream("GET", url, headers=headers) as response:
                    return await self._read(response, accept, meter)
        except Exception as exc:
            return _failure(exc, meter.received)

    async def _read(
        self, response: httpx.Response, accept: frozenset[str] | None, meter: _Meter
    ) -> _Reply:
        status, headers = response.status_code, response.headers
        content_type = headers.get("content-type")
        validators = Validators(headers.get("etag"), headers.get("last-modified"))
        if status in _REDIRECTS and headers.get("location"):
            return _Reply("redirect", status=status, location=headers["location"])
        if status == 304:
            return _Reply("not_modified", status=status, validators=validators)
        if not 200 <= status < 300:
            snippet = await self._read_snippet(response, meter)
            return _error_reply(status, headers, snippet, meter.received)
        media = _media_type(content_type)
        if accept is not None and media is not None and media not in accept:
            return _Reply("refused", status=status, error=f"content type {media} not accepted")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_body_bytes:
            return _Reply("refused", status=status, error=f"body of {declared} bytes is too large")
        body = await self._read_body(response, meter)
        return _Reply("ok", status, body, content_type, validators, received=meter.received)

    async def _read_body(self, response: httpx.Response, meter: _Meter) -> bytes:
        limit, room = self.settings.max_body_bytes, self.settings.max_decompressed_bytes
        inflater = _Inflater.for_header(response.headers.get("content-encoding"))
        body = bytearray()
        async for chunk in response.aiter_raw():
            meter.received += len(chunk)
            if meter.received > limit:
                raise _Refused(f"body larger than max_body_bytes ({limit} bytes)")
            body += inflater.feed(chunk, room - len(body))
        body += inflater.flush(room - len(body))
        return bytes(body)

    async def _read_snippet(self, response: httpx.Response, meter: _Meter) -> bytes:
        """The start of an error page, enough to recognise a bot wall; errors ignored."""
        snippet = bytearray()
        try:
            inflater = _Inflater.for_header(response.headers.get("content-encoding"))
            async for chunk in response.aiter_raw():
                meter.received += len(chunk)
                snippet += inflater.feed(chunk, _ERROR_SNIPPET_BYTES * 16)
                if len(snippet) >= _ERROR_SNIPPET_BYTES:
                    break
        except (_Refused, zlib.error, httpx.HTTPError):
            pass
        return bytes(snippet[:_ERROR_SNIPPET_BYTES])

    # -- results ----------------------------------------------------------------------------

    def _result(self, url: str, final_url: str, reply: _Reply) -> FetchResult:
        outcome: Outcome = "refused" if reply.outcome == "redirect" else reply.outcome
        text = None
        if reply.outcome == "ok" and reply.body is not None:
            text, _ = decode_body(reply.body, reply.content_type)
        return FetchResult(
            url=url,
            final_url=final_url,
            outcome=outcome,
            status=reply.status,
            text=text,
            content_type=reply.content_type,
            validators=reply.validators,
            error=reply.error,
        )

    @staticmethod
    def _stop(url: str, final_url: str, outcome: Outcome, error: str) -> FetchResult:
        return FetchResult(url=url, final_url=final_url, outcome=outcome, error=error)
