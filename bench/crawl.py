"""Bench: crawl N simulated news sites, cold and in the steady state, against a raw httpx peer.

Usage::

    .venv/bin/python bench/crawl.py                  # N = 100 and 1,000 (a few minutes)
    .venv/bin/python bench/crawl.py --quick          # N = 20, a few seconds
    .venv/bin/python bench/crawl.py --sizes 300 --concurrency 128 --profile /tmp/prof
    .venv/bin/python bench/crawl.py --database postgresql+psycopg://postgres@127.0.0.1:5432/test

Each simulated source is its own host on the loopback network (127.0.1.1, 127.0.1.2, …: Linux
routes all of 127.0.0.0/8 to `lo`), served by one asyncio HTTP/1.1 responder with keep-alive in
a separate process, so the process measured runs pactwatch only. The sites are built from the
fixture templates of ``tests/fixtures/sites``: a third are NukeViet RSS feeds, a third NukeViet
listing pages, a third WordPress feeds, each of 30 articles whose pages mix the fixtures'
paragraphs (gzip-compressed, as real servers send them; built and compressed once, when the
server starts, so that the simulated remote machines take little of the measured cores). Every
host serves a robots.txt, and feeds and listings carry an ETag and Last-Modified and answer 304
to a matching If-None-Match.

For each N it measures, each in a fresh process so that peak RSS figures do not mix:

- cold: an empty database, every article new (N robots.txt + N indexes + 30·N articles);
- steady: the same database again, nothing new. "cron" is a fresh `pactwatch crawl` process
  (robots.txt read again, then a 304 per index); "daemon" is a second pass in that process
  with the robots rules cached, as the daemon runs (one 304 per source).

Each figure is the composition `pactwatch crawl` uses (`database`, `worker_pool`, `Fetcher`,
`Recorder`, `run_sources`, structured INFO logging to a file) with `min_delay` 0, robots.txt
obeyed and the configured `http.concurrency`. The peer is raw `httpx.AsyncClient` GETs of the
same URLs in the same order and with the same concurrency (one request at a time per host,
`--concurrency` in all): the ceiling of a crawler that does nothing but download. CPU seconds
are shown for the main process, for the processes it started (the pool's forkserver and
workers, summed) and in total; peak RSS for the main process, for the processes it started
(each one's own peak, summed) and for all of them at once (`tot RSS`, their proportional set
sizes summed every 50 ms, shared pages counted once: the figure held against the target). On a
shared machine CPU seconds are the fairer figure, wall time depends on the neighbours.
`--profile DIR` writes a cProfile dump of every pactwatch run to DIR (the timings then include
the profiler's overhead); `--sample DIR` samples them with py-spy instead (a few percent of
overhead; `pip install py-spy`).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gzip
import hashlib
import html
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal, TypeVar

REPO = Path(__file__).resolve().parents[1]
SITES_DIR = REPO / "tests" / "fixtures" / "sites"
PLACEHOLDER = "{{BASE}}"
ARTICLES_PER_SITE = 30
# Article ids on every simulated site: 100000 + the article's position in its index.
FIRST_ID = 100_000
HOSTS_PER_BLOCK = 250
COOP = "hop-tac-doi-ngoai-truyen-thong"
LAST_MODIFIED = "Thu, 29 Jan 2026 07:30:00 GMT"
# Share of the simulated articles that announce a signed agreement (a cooperation news
# category runs at about one in five; extraction and the partner/alert stages cost more then).
AGREEMENT_SHARE = 0.2
TARGETS = {"steady": 3.0, "cold": 90.0, "rss_mb": 250.0}  # for N = 1,000

# Shared counters the server keeps, read around each run.
REQUESTS, OK, NOT_MODIFIED, MISSING, BYTES_OUT, CONNECTIONS = range(6)

T = TypeVar("T")
# The server's request counters: a ctypes array of int64 in shared memory (see `Server`).
Counters = Any
Mode = Literal["pactwatch", "peer"]
Scenario = Literal["cold", "steady"]


# -- the simulated sites ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """A fixture page turned into a template: ``{{BASE}}``, ``{{ID}}``, ``{{TITLE}}``..."""

    text: str
    path: str  # the fixture's own path, with its id
    ident: str
    title: str
    language: str
    agreement: bool
    paragraphs: tuple[str, ...]

    def path_for(self, ident: int) -> str:
        return self.path.replace(self.ident, str(ident))


@dataclass(frozen=True)
class Kind:
    """One kind of simulated site: how its index looks and which article pages it serves."""

    name: str
    profile: str
    source_kind: str
    language: str
    index_path: str
    index_type: str
    index_head: str
    index_item: str  # with {{PATH}}, {{TITLE}}, {{ID}}, {{BODY}}
    index_tail: str
    # Article templates, titles and body paragraphs: [0] other news, [1] agreements.
    articles: tuple[tuple[_Page, ...], tuple[_Page, ...]]
    titles: tuple[tuple[str, ...], tuple[str, ...]]
    paragraphs: tuple[tuple[str, ...], tuple[str, ...]]
    robots: str


def _read(site: str, path: str) -> str:
    file = SITES_DIR / site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file.read_text(encoding="utf-8")


def _manifest(site: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((SITES_DIR / site / "manifest.json").read_text())
    return data


_BODY = (
    re.compile(r'(<div id="news-bodyhtml"[^>]*>)(.*?)(</div>)', re.DOTALL),  # NukeViet
    re.compile(r'(<div class="entry-content">)(.*?)(\n\s*</div>)', re.DOTALL),  # WordPress
)
_BARE_P = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_CONTENT = re.compile(r"(<content:encoded><!\[CDATA\[)(.*?)(\]\]></content:encoded>)", re.DOTALL)


def _article_template(site: str, entry: dict[str, Any]) -> _Page:
    path, title = entry["path"], entry["title"]
    found = re.search(r"-(\d+)(?:\.html|/)$", path)
    if found is None:
        raise ValueError(f"no id in fixture path {path}")
    ident = found.group(1)
    text = _read(site, path)
    block = _BODY[0].search(text) or _BODY[1].search(text)
    if block is None:
        raise ValueError(f"no article body in fixture {path}")
    inner = block.group(2)
    paragraphs = tuple(p for p in _BARE_P.findall(inner) if p.strip())
    # The first plain paragraph becomes the generated body; the byline and share box stay.
    inner = _BARE_P.sub("", _BARE_P.sub("{{BODY}}", inner, count=1))
    text = text[: block.start(2)] + inner + text[block.end(2) :]
    text = text.replace(html.escape(title), "{{TITLE}}").replace(ident, "{{ID}}")
    language, agreement = entry["language"], bool(entry["is_agreement"])
    return _Page(text, path, ident, title, language, agreement, paragraphs)


def _item_template(item: str, page: _Page) -> str:
    escaped = html.escape(page.title, quote=False)
    item = item.replace(page.path, "{{PATH}}").replace(page.ident, "{{ID}}")
    item = item.replace(html.escape(page.title), "{{TITLE}}").replace(escaped, "{{TITLE}}")
    return _CONTENT.sub(r"\1{{BODY}}\3", item)


def _split_feed(text: str) -> tuple[str, str, str]:
    start, end = text.index("<item>"), text.rindex("</item>") + len("</item>")
    head = text[:start]
    item = text[start : text.index("</item>") + len("</item>")]
    return head, item, text[end:]


def _split_listing(text: str) -> tuple[str, str, str]:
    column = text.index('<div class="news_column">')
    first = text.index('<div class="panel panel-default">', column)
    plain = re.compile(
        r'<div class="panel panel-default">\s*<div class="panel-body">.*?</div>\s*</div>',
        re.DOTALL,
    )
    item = plain.search(text, first)
    if item is None:
        raise ValueError("no listing item in the NukeViet listing fixture")
    end = text.index("\n      </div>\n      <hr/>", item.end())
    # No "other news" list and no pagination: the 30 items are the whole listing.
    tail = re.sub(r"<hr/>.*?<div class=\"text-center\">.*?</div>", "", text[end:], flags=re.DOTALL)
    head = re.sub(r'<link rel="next"[^>]*>\n?', "", text[:first])
    return head, item.group(0) + "\n        ", tail


def _split(
    pages: list[_Page], fallback: list[_Page], pick: Callable[[_Page], tuple[T, ...]]
) -> tuple[tuple[T, ...], tuple[T, ...]]:
    """`pick` of the non-agreement pages, then of the agreement ones (`fallback` if none)."""

    def of(agreement: bool) -> tuple[T, ...]:
        chosen = [p for p in pages if p.agreement == agreement] or fallback
        return tuple(x for p in chosen for x in pick(p))

    return of(False), of(True)


@cache
def site_kinds() -> tuple[Kind, ...]:
    """The three kinds of simulated site, built once from the fixture files."""
    every = [_article_template(site, e) for site in ("hust", "usth") for e in _manifest(site)]
    by_path = {p.path: p for p in every}
    hust = [p for p in every if re.fullmatch(rf"/vi/news/{COOP}/[^/]+-\d+\.html", p.path)]
    usth = [p for p in every if re.fullmatch(r"/en/[^/]+-\d+/", p.path)]
    kinds = []
    for name, site, pages, index_path, index_type, source_kind in (
        ("nukeviet-feed", "hust", hust, f"/vi/news/rss/{COOP}/", "application/rss+xml", "feed"),
        ("nukeviet-listing", "hust", hust, f"/vi/news/{COOP}/", "text/html", "listing"),
        ("wordpress-feed", "usth", usth, "/en/feed/", "application/rss+xml", "feed"),
    ):
        index = _read(site, index_path)
        split = _split_feed if source_kind == "feed" else _split_listing
        head, item, tail = split(index)
        linked = re.search(r"\{\{BASE\}\}(/[^\"<#]+?-\d+(?:\.html|/))[\"<#]", item)
        if linked is None or linked.group(1) not in by_path:
            raise ValueError(f"{name}: the index item does not link a fixture article")
        kinds.append(
            Kind(
                name=name,
                profile="wordpress" if site == "usth" else "nukeviet",
                source_kind=source_kind,
                language="en" if site == "usth" else "vi",
                index_path=index_path,
                index_type=f"{index_type}; charset=UTF-8",
                index_head=head,
                index_item=_item_template(item, by_path[linked.group(1)]),
                index_tail=tail,
                articles=_split(pages, pages, lambda p: (p,)),
                titles=_split(pages, pages, lambda p: (p.title,)),
                # Body text of every fixture page in the language, whichever site it is from.
                paragraphs=_split(
                    [p for p in every if p.language == pages[0].language],
                    pages,
                    lambda p: p.paragraphs,
                ),
                robots=_read(site, "/robots.txt"),
            )
        )
    return tuple(kinds)


def host(site: int) -> str:
    """The loopback address of simulated site number `site` (0-based)."""
    return f"127.0.{1 + site // HOSTS_PER_BLOCK}.{1 + site % HOSTS_PER_BLOCK}"


def kind_of(site: int) -> Kind:
    kinds = site_kinds()
    return kinds[site % len(kinds)]


def base_url(site: int, port: int) -> str:
    return f"http://{host(site)}:{port}"


def _article(site: int, number: int) -> tuple[_Page, str, str, int]:
    """Template, title, body paragraphs (HTML) and id of article `number` of `site`.

    About `AGREEMENT_SHARE` of the articles announce an agreement: their template, title and
    paragraphs come from the fixtures' agreement pages; the others' from the other news.
    """
    kind = kind_of(site)
    rng = random.Random(site * 100_003 + number)
    agreement = int(rng.random() < AGREEMENT_SHARE)
    pages, titles, paragraphs = (
        kind.articles[agreement],
        kind.titles[agreement],
        kind.paragraphs[agreement],
    )
    page = pages[(site + number) % len(pages)]
    title = titles[rng.randrange(len(titles))]
    count = min(len(paragraphs), rng.randint(3, 7))
    body = "\n".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, count))
    return page, title, body, FIRST_ID + number


def article_path(site: int, number: int) -> str:
    page, _, _, ident = _article(site, number)
    return page.path_for(ident)


def article_page(site: int, number: int, base: str) -> bytes:
    page, title, body, ident = _article(site, number)
    text = page.text.replace("{{BODY}}", body).replace("{{TITLE}}", html.escape(title))
    return text.replace("{{ID}}", str(ident)).replace(PLACEHOLDER, base).encode()


def index_page(site: int, base: str) -> bytes:
    kind = kind_of(site)
    items = []
    for number in range(ARTICLES_PER_SITE):
        page, title, body, ident = _article(site, number)
        item = kind.index_item.replace("{{PATH}}", page.path_for(ident))
        item = item.replace("{{BODY}}", body).replace("{{TITLE}}", html.escape(title))
        items.append(item.replace("{{ID}}", str(ident)))
    text = kind.index_head + "".join(items) + kind.index_tail
    return text.replace(PLACEHOLDER, base).encode()


def index_etag(site: int) -> str:
    return '"' + hashlib.sha1(f"{kind_of(site).name}/{site}/v1".encode()).hexdigest()[:16] + '"'


def article_urls(site: int, port: int) -> list[str]:
    base = base_url(site, port)
    return [base + article_path(site, n) for n in range(ARTICLES_PER_SITE)]


# -- the server ---------------------------------------------------------------------------------


_REASONS = {200: b"OK", 304: b"Not Modified", 400: b"Bad Request", 404: b"Not Found"}


@dataclass(frozen=True)
class _Site:
    """What one simulated site serves, built and gzip-compressed once, before any crawl.

    The sites stand for remote servers: compressing each answer again at every request would
    spend, on the cores the crawler runs on, CPU that a real server spends on its own machine.
    Bodies are kept compressed only; a client that does not accept gzip gets them inflated.
    """

    number: int
    kind: Kind
    robots: bytes
    index: bytes
    etag: str
    articles: dict[str, bytes]

    @classmethod
    def build(cls, number: int, port: int) -> _Site:
        base, kind = base_url(number, port), kind_of(number)
        return cls(
            number=number,
            kind=kind,
            robots=_gzip(kind.robots.replace(PLACEHOLDER, base).encode()),
            index=_gzip(index_page(number, base)),
            etag=index_etag(number),
            articles={
                article_path(number, n): _gzip(article_page(number, n, base))
                for n in range(ARTICLES_PER_SITE)
            },
        )


def _gzip(body: bytes) -> bytes:
    # mtime=0: the same body compresses to the same bytes whenever it is built.
    return gzip.compress(body, compresslevel=5, mtime=0)


class _Responder(asyncio.Protocol):
    """A minimal HTTP/1.1 responder (GET, keep-alive, pipelining) for one listening address."""

    def __init__(self, site: _Site, counters: Counters) -> None:
        self.site, self.counters = site, counters
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.counters[CONNECTIONS] += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            if not self._answer(head):
                return
        if len(self.buffer) > 65536 and self.transport is not None:
            self.transport.close()

    def _answer(self, head: bytes) -> bool:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        target = parts[1].split("?", 1)[0] if len(parts) == 3 else ""
        status, extra, body = self._route(target, headers)
        if status == 200:
            if "gzip" in headers.get("accept-encoding", ""):
                extra["Content-Encoding"] = "gzip"
            else:
                body = gzip.decompress(body)
        close = headers.get("connection", "").lower() == "close"
        out = [b"HTTP/1.1 %d %s\r\nServer: bench\r\n" % (status, _REASONS[status])]
        out += [f"{k}: {v}\r\n".encode() for k, v in extra.items()]
        if status != 304:
            out.append(b"Content-Length: %d\r\n" % len(body))
        out.append(b"Connection: close\r\n\r\n" if close else b"\r\n")
        out.append(body)
        payload = b"".join(out)
        c = self.counters
        c[REQUESTS] += 1
        c[OK if status == 200 else NOT_MODIFIED if status == 304 else MISSING] += 1
        c[BYTES_OUT] += len(payload)
        if self.transport is not None:
            self.transport.write(payload)
            if close:
                self.transport.close()
        return not close

    def _route(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body (gzip-compressed when the status is 200)."""
        site = self.site
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, site.robots
        if path == site.kind.index_path:
            validators = {"ETag": site.etag, "Last-Modified": LAST_MODIFIED}
            if site.etag in {
                t.strip().removeprefix("W/") for t in headers.get("if-none-match", "").split(",")
            }:
                return 304, validators, b""
            return 200, {"Content-Type": site.kind.index_type, **validators}, site.index
        page = site.articles.get(path)
        if page is not None:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page
        return 404, {"Content-Type": "text/plain"}, b"not found"


def _listen(sites: int, port: int) -> list[socket.socket]:
    sockets = []
    try:
        for site in range(sites):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host(site), port))
            sock.listen(1024)
            port = sock.getsockname()[1]
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _serve(sites: int, counters: Counters, ready: Connection) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    site_kinds()
    for _attempt in range(20):
        try:
            # Port 0 on the first address picks the port; the others must get the same one.
            sockets = _listen(sites, 0)
            break
        except OSError:
            continue
    else:
        ready.send(("error", "no port free on every loopback address"))
        return
    port = sockets[0].getsockname()[1]

    # Every answer is built before the server reports ready, so no crawl pays for it.
    built = [_Site.build(site, port) for site in range(sites)]

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for site, sock in zip(built, sockets, strict=True):
            await loop.create_server(partial(_Responder, site, counters), sock=sock)
        ready.send(("ok", port))
        await asyncio.Event().wait()

    asyncio.run(main())


@dataclass
class Server:
    """The simulated sites, served by a child process for the duration of a ``with`` block."""

    sites: int
    port: int = 0
    counters: Counters | None = None
    _process: multiprocessing.process.BaseProcess | None = field(default=None, repr=False)

    def __enter__(self) -> Server:
        context = multiprocessing.get_context("spawn")
        self.counters = context.Array("q", 6, lock=False)
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve, args=(self.sites, self.counters, send), daemon=True
        )
        self._process.start()
        if not receive.poll(120):
            raise RuntimeError("the bench server did not start")
        status, value = receive.recv()
        if status != "ok":
            raise RuntimeError(f"bench server: {value}")
        self.port = int(value)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join(10)

    def snapshot(self) -> list[int]:
        assert self.counters is not None
        return list(self.counters)

    @property
    def pid(self) -> int:
        assert self._process is not None and self._process.pid is not None
        return self._process.pid


def _server_cpu_seconds(pid: int) -> float:
    """CPU seconds the simulated sites' process has used so far (0 when it is not known)."""
    import psutil  # type: ignore[import-untyped]

    try:
        times = psutil.Process(pid).cpu_times()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0
    return float(times.user + times.system)


# -- the crawling process -----------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    mode: Mode
    scenario: Scenario
    sites: int
    port: int
    database: str
    concurrency: int
    log_file: str
    profile: str | None = None
    shared_institutions: bool = False
    server_pid: int = 0


@dataclass
class Pass:
    """One timed pass inside a crawling process."""

    label: str
    seconds: float
    requests: int
    outcomes: dict[str, int]
    statuses: dict[str, int]
    bytes_in: int = 0
    # CPU seconds of the crawling process during the pass: well under `seconds` means it
    # waited (on the network, or for a core another process held).
    cpu: float = 0.0
    # CPU seconds of the page-reading workers (and their forkserver) during the pass.
    worker_cpu: float = 0.0
    # CPU seconds the simulated sites' server spent answering the pass.
    server_cpu: float = 0.0
    # SQL statements the crawling process sent (an executemany counts once).
    statements: int = 0
    # TCP connections the sites accepted during the pass.
    connections: int = 0


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Workers:
    """The processes this one started (the pool's forkserver and workers), read while alive.

    They are not this process's waited children while the pool lives (the workers are the
    forkserver's), so RUSAGE_CHILDREN would miss them: each is read through psutil and /proc.
    """

    peaks_mb: dict[int, float] = field(default_factory=dict)

    def cpu_seconds(self) -> float:
        """CPU seconds of every live descendant (with the children each has reaped)."""
        import psutil

        total = 0.0
        for child in psutil.Process().children(recursive=True):
            try:
                t = child.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
                self.peaks_mb[child.pid] = _vm_hwm_mb(child.pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied, OSError):
                continue
        return total

    def peak_rss_mb(self) -> float:
        """The sum of the descendants' peak RSS: what they could hold at once."""
        return sum(self.peaks_mb.values())


def _vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _run_job(job: Job, counters: Counters, results: Connection) -> None:
    runner = _pactwatch_passes if job.mode == "pactwatch" else _peer_passes
    workers = Workers()
    try:
        passes = runner(job, counters, workers)
        peaks = (_peak_rss_mb(), workers.peak_rss_mb())
        results.send(("ok", [vars(p) for p in passes], peaks))
    except BaseException as exc:
        results.send(("error", repr(exc), (0.0, 0.0)))
        raise


def _diff(before: list[int], after: list[int]) -> tuple[int, dict[str, int]]:
    names = {OK: "200", NOT_MODIFIED: "304", MISSING: "404"}
    return after[REQUESTS] - before[REQUESTS], {
        n: after[i] - before[i] for i, n in names.items() if after[i] != before[i]
    }


def bench_settings(
    sites: int, port: int, database: str, concurrency: int, *, shared: bool = False
) -> Any:
    """The Settings of a bench run: N sources, min_delay 0, robots obeyed.

    Each source is the news site of its own institution (named like HUST or USTH, whose
    texts it serves), as a deployment watching N universities has; with `shared`, every
    source belongs to one of two institutions.
    """
    from pactwatch.config import HttpSettings, InstitutionConfig, Settings, SourceConfig

    names = {
        "hust": (
            "Hanoi University of Science and Technology",
            ("HUST", "Đại học Bách khoa Hà Nội", "Trường Đại học Bách khoa Hà Nội"),
        ),
        "usth": (
            "University of Science and Technology of Hanoi",
            ("USTH", "Trường Đại học Khoa học và Công nghệ Hà Nội"),
        ),
    }
    institutions: dict[str, InstitutionConfig] = {}
    sources = []
    for site in range(sites):
        kind = kind_of(site)
        like = "usth" if kind.profile == "wordpress" else "hust"
        home = like if shared else f"{like}-{site:04d}"
        name, aliases = names[like]
        institutions[home] = InstitutionConfig(id=home, name=name, aliases=aliases, country="VN")
        sources.append(
            SourceConfig(
                name=f"site-{site:04d}-{kind.name}",
                institution=home,
                kind=kind.source_kind,
                url=base_url(site, port) + kind.index_path,
                profile=kind.profile,
                language=kind.language,
                min_delay=0,
            )
        )
    http = HttpSettings(min_delay=0, concurrency=concurrency, obey_robots=True)
    return Settings(
        database=database,
        http=http,
        institutions=tuple(institutions.values()),
        sources=tuple(sources),
    )


def _pactwatch_passes(job: Job, counters: Counters, workers: Workers) -> list[Pass]:
    import logging

    import sqlalchemy as sa

    from pactwatch.commands.common import database
    from pactwatch.fetch import Fetcher
    from pactwatch.logs import setup_logging
    from pactwatch.pipeline import Deps, SourceRunResult, run_sources
    from pactwatch.record import Recorder
    from pactwatch.robots import RobotsCache
    from pactwatch.workers import PageReader, worker_pool

    # As `pactwatch crawl` logs when not on a terminal: one line per source and failure.
    log = Path(job.log_file).open("a", encoding="utf-8")  # noqa: SIM115
    sys.stderr = log
    setup_logging("text", logging.INFO)
    settings = bench_settings(
        job.sites, job.port, job.database, job.concurrency, shared=job.shared_institutions
    )
    robots = RobotsCache()
    profiler = cProfile.Profile() if job.profile else None

    async def crawl(db: Any, reader: PageReader) -> list[SourceRunResult]:
        async with Fetcher(settings.http, robots_cache=robots) as fetcher:
            deps = Deps(
                settings=settings,
                fetcher=fetcher,
                db=db,
                recorder=Recorder(settings, db),
                reader=reader,
            )
            return await run_sources(settings.sources, deps)

    labels = ["cold"] if job.scenario == "cold" else ["cron", "daemon"]
    passes = []
    statements = 0

    def count(*_: object) -> None:
        nonlocal statements
        statements += 1

    # As `pactwatch crawl` composes it; the daemon pass reuses the pool, as the daemon does.
    with database(settings) as db, worker_pool() as reader:
        sa.event.listen(db.engine, "before_cursor_execute", count)
        for label in labels:
            before = list(counters)
            statements = 0
            started, cpu = time.perf_counter(), _cpu_seconds()
            worker_cpu = workers.cpu_seconds()
            server_cpu = _server_cpu_seconds(job.server_pid)
            if profiler is not None:
                profiler.enable()
            results = asyncio.run(crawl(db, reader))
            if profiler is not None:
                profiler.disable()
            seconds = time.perf_counter() - started
            requests, statuses = _diff(before, list(counters))
            outcomes: Counter[str] = Counter(r.outcome for r in results)
            outcomes["articles"] = sum(r.fetched for r in results)
            outcomes["link_failures"] = sum(len(r.failures) for r in results)
            cpu = _cpu_seconds() - cpu
            worker_cpu = workers.cpu_seconds() - worker_cpu
            server_cpu = _server_cpu_seconds(job.server_pid) - server_cpu
            passes.append(
                Pass(label, seconds, requests, dict(outcomes), statuses, cpu=cpu,
                     worker_cpu=worker_cpu, server_cpu=server_cpu, statements=statements,
                     connections=counters[CONNECTIONS] - before[CONNECTIONS])
            )  # fmt: skip
    if profiler is not None and job.profile:
        profiler.dump_stats(job.profile)
    log.close()
    return passes


def _peer_passes(job: Job, counters: Counters, workers: Workers) -> list[Pass]:
    import httpx

    from pactwatch.config import HttpSettings

    user_agent = HttpSettings().user_agent

    async def one_pass(cold: bool, with_robots: bool) -> tuple[Counter[str], int]:
        gate = asyncio.Semaphore(job.concurrency)
        statuses: Counter[str] = Counter()
        received = 0
        limits = httpx.Limits(
            max_connections=job.concurrency, max_keepalive_connections=job.concurrency
        )
        headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
        async with httpx.AsyncClient(limits=limits, headers=headers, trust_env=False) as client:

            async def get(url: str, etag: str | None = None) -> None:
                nonlocal received
                sent = {"If-None-Match": etag} if etag else None
                async with gate:
                    response = await client.get(url, headers=sent)
                statuses[str(response.status_code)] += 1
                received += len(response.content)

            async def site(number: int) -> None:
                # One request at a time per host, as pactwatch's per-host politeness does.
                base = base_url(number, job.port)
                if with_robots:
                    await get(base + "/robots.txt")
                etag = None if cold else index_etag(number)
                await get(base + kind_of(number).index_path, etag)
                if cold:
                    for url in article_urls(number, job.port):
                        await get(url)

            await asyncio.gather(*(site(n) for n in range(job.sites)))
        return statuses, received

    labels = (
        [("cold", True, True)]
        if job.scenario == "cold"
        else [
            ("cron", False, True),
            ("daemon", False, False),
        ]
    )
    passes = []
    for label, cold, with_robots in labels:
        before = list(counters)
        started, cpu = time.perf_counter(), _cpu_seconds()
        statuses, received = asyncio.run(one_pass(cold, with_robots))
        seconds = time.perf_counter() - started
        requests, _ = _diff(before, list(counters))
        cpu = _cpu_seconds() - cpu
        passes.append(Pass(label, seconds, requests, {}, dict(statuses), received, cpu))
    return passes


class TreeRss(threading.Thread):
    """The memory of a process and all its descendants, read every 50 ms while it runs: the
    most the whole crawl held at once. Each process's own peak may come at another time, and
    the workers share the pages of the forkserver they were forked from, so summed RSS counts
    those pages once per process: the sum is of PSS (each shared page split among its
    sharers), which adds up to what the processes occupy together."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.wait(0.05):
            total = 0
            try:
                for process in (root, *root.children(recursive=True)):
                    total += process.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # a process ended between the listing and the reading
            self.peak_mb = max(self.peak_mb, total / 2**20)


def run_job(
    job: Job, server: Server, sample: Path | None = None
) -> tuple[list[Pass], tuple[float, float, float]]:
    """Run `job` in a fresh interpreter; its passes, and the peak RSS in MB of the process, of
    its workers, and of all of them at once (sampled).

    With `sample`, py-spy samples the process (idle frames included) into that file, in its
    "raw" collapsed-stack format.
    """
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run_job, args=(job, server.counters, send))
    process.start()
    assert process.pid is not None
    tree = TreeRss(process.pid)
    tree.start()
    spy = None
    if sample is not None:
        options = ["--idle", "--rate", "250", "--format", "raw", "--nonblocking"]
        spy = subprocess.Popen(
            [_py_spy(), "record", *options, "--output", str(sample), "--pid", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    status, payload, peaks = receive.recv()
    tree.done.set()
    tree.join()
    process.join()
    if spy is not None:
        spy.wait(60)
    if status != "ok":
        raise RuntimeError(f"{job.mode} {job.scenario} N={job.sites} failed: {payload}")
    return [Pass(**p) for p in payload], (*peaks, tree.peak_mb)


def _py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        raise SystemExit("--sample needs py-spy (pip install py-spy)")
    return found


# -- databases ----------------------------------------------------------------------------------


@contextmanager
def fresh_database(url: str | None, workdir: Path) -> Iterator[str]:
    """An empty database: a SQLite file under `workdir`, or a new schema in PostgreSQL."""
    if url is None:
        yield f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        return
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


# -- the report ---------------------------------------------------------------------------------


@dataclass
class Row:
    sites: int
    label: str
    ours: Pass
    rss_mb: float
    peer: Pass | None
    worker_rss_mb: float = 0.0
    together_mb: float = 0.0

    def line(self) -> str:
        rate = self.ours.requests / self.ours.seconds if self.ours.seconds else 0.0
        cells = [
            f"{self.sites:>6,}",
            f"{self.label:<14}",
            f"{self.ours.requests:>8,}",
            f"{self.ours.seconds:>8.2f}",
            f"{self.ours.cpu:>7.2f}",
            f"{self.ours.worker_cpu:>7.2f}",
            f"{self.ours.cpu + self.ours.worker_cpu:>7.2f}",
            f"{self.ours.server_cpu:>7.2f}",
            f"{self.ours.statements:>9,}",
            f"{rate:>8,.0f}",
            f"{self.rss_mb:>7.0f}",
            f"{self.worker_rss_mb:>7.0f}",
            f"{self.together_mb:>7.0f}",
        ]
        if self.peer is not None:
            peer_rate = self.peer.requests / self.peer.seconds if self.peer.seconds else 0.0
            ratio = self.ours.seconds / self.peer.seconds if self.peer.seconds else 0.0
            cells += [
                f"{self.peer.seconds:>8.2f}",
                f"{self.peer.cpu:>7.2f}",
                f"{peer_rate:>8,.0f}",
                f"{ratio:>6.2f}x",
            ]
        return "  ".join(cells)


# cpu: the main process, its workers, both, the sites' server; SQL: statements sent by the
# main process; RSS (peak, MB): the main process, its workers (own peaks), all at once.
HEADER = (
    f"{'N':>6}  {'scenario':<14}  {'requests':>8}  {'seconds':>8}  {'cpu s':>7}  {'wrk cpu':>7}  "
    f"{'tot cpu':>7}  {'srv cpu':>7}  {'SQL':>9}  {'req/s':>8}  {'RSS MB':>7}  {'wrk RSS':>7}  "
    f"{'tot RSS':>7}  "
    f"{'peer s':>8}  {'peer cpu':>7}  {'peer r/s':>8}  {'ratio':>7}"
)


def _check(row: Row) -> list[str]:
    """What is wrong with a run's outcome (the bench measures nothing if the crawl failed)."""
    n, out = row.sites, row.ours.outcomes
    problems = []
    if row.label == "cold":
        expected = n * ARTICLES_PER_SITE
        if out.get("articles") != expected or out.get("ok") != n:
            problems.append(f"expected {expected} articles from {n} ok sources, got {out}")
    elif out.get("not_modified") != n:
        problems.append(f"expected {n} not-modified sources, got {out}")
    if row.ours.statuses.get("404"):
        problems.append(f"{row.ours.statuses['404']} requests answered 404")
    return problems


def measure(args: argparse.Namespace, sites: int, workdir: Path) -> list[Row]:
    rows: list[Row] = []
    with Server(sites) as server, fresh_database(args.database, workdir) as db_url:
        scenarios: tuple[Scenario, ...] = ("cold",) if args.cold_only else ("cold", "steady")
        for scenario in scenarios:
            profile = sample = None
            if args.profile:
                profile = str(Path(args.profile) / f"crawl-{sites}-{scenario}.pstats")
            if args.sample:
                sample = Path(args.sample) / f"crawl-{sites}-{scenario}.txt"
            ours, (rss, worker_rss, together) = run_job(
                Job(
                    "pactwatch",
                    scenario,
                    sites,
                    server.port,
                    db_url,
                    args.concurrency,
                    str(workdir / f"crawl-{sites}.log"),
                    profile,
                    args.shared_institutions,
                    server.pid,
                ),
                server,
                sample,
            )
            peer: list[Pass | None] = [None] * len(ours)
            if not args.no_peer:
                peer_job = Job(
                    "peer",
                    scenario,
                    sites,
                    server.port,
                    "",
                    args.concurrency,
                    "",
                )
                peer = list(run_job(peer_job, server)[0])
            for mine, theirs in zip(ours, peer, strict=True):
                label = "cold" if mine.label == "cold" else f"steady ({mine.label})"
                row = Row(sites, label, mine, rss, theirs, worker_rss, together)
                rows.append(row)
                print(row.line(), flush=True)
                if mine.outcomes.get("articles"):
                    per_article = mine.statements / mine.outcomes["articles"]
                    print(
                        f"        {per_article:.2f} SQL statements per article, "
                        f"{mine.connections:,} connections opened",
                        flush=True,
                    )
                for problem in _check(row):
                    print(f"        !! {problem}", flush=True)
    return rows


def _verdicts(rows: list[Row]) -> list[str]:
    lines = []
    for row in rows:
        if row.sites != 1000:
            continue
        limit = TARGETS["cold"] if row.label == "cold" else TARGETS["steady"]
        mark = "ok " if row.ours.seconds <= limit else "MISS"
        lines.append(
            f"[{mark}] N=1,000 {row.label}: {row.ours.seconds:.2f} s (target ≤ {limit:g} s)"
        )
        mark = "ok " if row.together_mb <= TARGETS["rss_mb"] else "MISS"
        lines.append(
            f"[{mark}] N=1,000 {row.label}: peak memory {row.together_mb:.0f} MB, the crawling "
            f"process and its workers at once, PSS (target ≤ {TARGETS['rss_mb']:g} MB; each "
            f"one's own peak RSS: {row.rss_mb:.0f} MB, workers {row.worker_rss_mb:.0f} MB)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 20 only (seconds)")
    parser.add_argument("--sizes", default=None, help="comma-separated N (default 100,1000)")
    parser.add_argument("--concurrency", type=int, default=64, help="http.concurrency")
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default SQLite)")
    parser.add_argument("--profile", default=None, metavar="DIR", help="cProfile dumps here")
    parser.add_argument(
        "--sample", default=None, metavar="DIR", help="py-spy samples of each crawl here"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the raw httpx peer")
    parser.add_argument("--cold-only", action="store_true", help="skip the steady state")
    parser.add_argument(
        "--shared-institutions",
        action="store_true",
        help="every source under one of two institutions (default: one institution each)",
    )
    args = parser.parse_args(argv)
    sizes = [20] if args.quick else [int(s) for s in (args.sizes or "100,1000").split(",")]
    for folder in (args.profile, args.sample):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
    print(
        f"pactwatch crawl bench: {ARTICLES_PER_SITE} articles per source, "
        f"http.concurrency={args.concurrency}, min_delay=0, robots obeyed, "
        f"database={'PostgreSQL' if args.database else 'SQLite'}; {os.cpu_count()} CPUs"
    )
    print(HEADER)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
        for sites in sizes:
            rows += measure(args, sites, Path(tmp))
    for line in _verdicts(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
