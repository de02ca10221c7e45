"""The CPU-bound stages of a crawl (parse an article page, read its agreement) off the event loop.

Usage::

    with worker_pool() as reader:      # in-process with one CPU
        deps = Deps(..., reader=reader)
        article, decision = await reader.read(html, url, source, institution=institution,
                                              link=link, countries=countries)

Parsing a page and extracting its agreement take a few milliseconds of pure Python each; on the
event loop they would hold up every download of the run. A process pool runs them on the other
cores while the loop keeps fetching and storing. Pages and results cross the process boundary
pickled, several pages to a task when the workers are busy: the page is a `str`, the result two
frozen dataclasses (`Article`, `Decision`).

The pool is created once by the composition root (`pactwatch crawl`, the daemon) and shut down
when it leaves the ``with``. Its workers ignore SIGINT and take the default SIGTERM action, so a
Ctrl-C or a stop signal reaching the whole process group is handled by the parent alone, which
then shuts the pool down.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial

from pactwatch.agreements import extract_agreement
from pactwatch.article import parse_article
from pactwatch.config import InstitutionConfig, SourceConfig
from pactwatch.model import Article, Decision, Link

__all__ = ["PageReader", "read_page", "worker_count", "worker_pool"]

logger = logging.getLogger(__name__)

# Pages read in-process before the pool is put to work: starting worker processes costs about
# half a second, which a small run (a test, one quiet source) never earns back.
INLINE_PAGES = 32
# Pages handed to the pool and not read yet, per worker. A bound keeps memory flat: without it a
# crawl of thousands of sources would queue every downloaded page while the workers catch up.
QUEUED_PER_WORKER = 16
# Tasks in the pool at once, per worker: one being read, one waiting, so a worker never idles.
# Pages arriving meanwhile wait and go together as the next task (at most `BATCH_PAGES`): each
# task costs the event loop's process a hand-off (work item, wake-ups, a pipe write, a thread
# switch) that a page of its own would pay alone.
BATCHES_PER_WORKER = 2
BATCH_PAGES = 8

_Context = tuple[SourceConfig, InstitutionConfig, Mapping[str, str]]


def read_page(
    html: str,
    url: str,
    source: SourceConfig,
    *,
    institution: InstitutionConfig,
    link: Link | None,
    countries: Mapping[str, str],
) -> tuple[Article, Decision]:
    """Parse `html` fetched from `url` and read its agreement: the two CPU-bound stages."""
    article = parse_article(html, url, source, link=link)
    return article, extract_agreement(article, institution, registry_countries=countries)


def worker_count(cpus: int | None = None) -> int:
    """Workers worth starting: one per CPU beyond the one the event loop keeps busy, at least
    one; 0 on a single CPU, where a pool would only add pickling."""
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    return 0 if cpus < 2 else max(1, cpus - 1)


@contextmanager
def worker_pool(
    workers: int | None = None, *, inline_pages: int = INLINE_PAGES
) -> Iterator[PageReader]:
    """A `PageReader` over a process pool of `workers` (default `worker_count()`), shut down on
    leaving; with 0 workers the reader works in-process. The first `inline_pages` pages are
    read in-process, so a small run never starts a worker."""
    count = worker_count() if workers is None else workers
    if count < 1:
        yield PageReader(None)
        return
    # forkserver: workers are forked from a clean server process, never from this one, which
    # may hold threads (the daemon's) and open database connections.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pactwatch.workers"])
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_worker_init)
    try:
        yield PageReader(pool, workers=count, inline_pages=inline_pages)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@lru_cache(maxsize=256)
def _context(blob: bytes) -> _Context:
    context: _Context = pickle.loads(blob)
    return context


@dataclass(frozen=True, slots=True)
class _Page:
    """One page to read, as it crosses to a worker (the source's settings as a pickled blob)."""

    html: str
    url: str
    link: Link | None
    blob: bytes


_Read = tuple[Article, Decision] | Exception


def _read_in_worker(pages: list[_Page]) -> list[_Read]:
    """Each page read, or the exception reading it raised (one page's failure is its own)."""
    out: list[_Read] = []
    for page in pages:
        source, institution, countries = _context(page.blob)
        try:
            out.append(
                read_page(
                    page.html,
                    page.url,
                    source,
                    institution=institution,
                    link=page.link,
                    countries=countries,
                )
            )
        except Exception as exc:
            out.append(exc)
    return out


class PageReader:
    """Runs `read_page` in `pool`, or on the calling thread when `pool` is None.

    The source's settings travel to the workers pickled once per source (each worker keeps
    the last ones it saw), not with every page. Pages go to the pool in batches: see
    `BATCH_PAGES`.
    """

    def __init__(
        self, pool: Executor | None = None, *, workers: int = 1, inline_pages: int = 0
    ) -> None:
        self.pool = pool
        self._inline_left = inline_pages
        self._queued = QUEUED_PER_WORKER * max(1, workers)
        self._max_batches = BATCHES_PER_WORKER * max(1, workers)
        self._batches = 0  # in the pool now
        self._warned = False
        self._waiting: list[tuple[_Page, asyncio.Future[_Read]]] = []
        self._blobs: dict[str, tuple[_Context, bytes]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots = asyncio.Semaphore(self._queued)

    async def read(
        self,
        html: str,
        url: str,
        source: SourceConfig,
        *,
        institution: InstitutionConfig,
        link: Link | None,
        countries: Mapping[str, str],
    ) -> tuple[Article, Decision]:
        if self.pool is None or self._inline_left > 0:
            self._inline_left -= 1
            return read_page(
                html, url, source, institution=institution, link=link, countries=countries
            )
        page = _Page(html, url, link, self._blob(source, institution, countries))
        async with self._gate():
            read: asyncio.Future[_Read] = asyncio.get_running_loop().create_future()
            self._waiting.append((page, read))
            self._send()
            try:
                outcome = await read
            except BrokenProcessPool:
                # A worker died (killed, out of memory): read in-process from now on.
                if not self._warned:
                    logger.warning("workers.broken: reading pages in-process from now on")
                    self._warned = True
            else:
                if isinstance(outcome, Exception):
                    raise outcome
                return outcome
        return read_page(html, url, source, institution=institution, link=link, countries=countries)

    def _send(self) -> None:
        """Hand the waiting pages to the pool, as many tasks as it has room for."""
        while self._waiting and self._batches < self._max_batches and self.pool is not None:
            batch = [(p, f) for p, f in self._waiting[:BATCH_PAGES] if not f.cancelled()]
            del self._waiting[:BATCH_PAGES]
            if not batch:
                continue
            loop = asyncio.get_running_loop()
            try:
                task = loop.run_in_executor(self.pool, _read_in_worker, [p for p, _ in batch])
            except BrokenProcessPool as exc:  # broken by an earlier task
                self._broken(batch, exc)
                return
            self._batches += 1
            task.add_done_callback(partial(self._delivered, [f for _, f in batch]))

    def _delivered(
        self, reads: list[asyncio.Future[_Read]], task: asyncio.Future[list[_Read]]
    ) -> None:
        self._batches -= 1
        failure = None if task.cancelled() else task.exception()
        outcomes: list[_Read] = [] if task.cancelled() or failure else task.result()
        for n, read in enumerate(reads):
            if read.done():  # its reader was cancelled
                continue
            if task.cancelled():
                read.cancel()
            elif failure is not None:
                read.set_exception(failure)
            else:
                read.set_result(outcomes[n])
        if isinstance(failure, BrokenProcessPool):
            self._broken([], failure)
        self._send()

    def _broken(
        self, batch: list[tuple[_Page, asyncio.Future[_Read]]], exc: BrokenProcessPool
    ) -> None:
        """Nothing more goes to the pool: `batch` and the pages waiting are read in-process."""
        self.pool = None
        waiting, self._waiting = [*batch, *self._waiting], []
        for _, read in waiting:
            if not read.done():
                read.set_exception(exc)

    def _gate(self) -> asyncio.Semaphore:
        # A semaphore belongs to one event loop; a reader may outlive one (`asyncio.run` twice).
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._slots = loop, asyncio.Semaphore(self._queued)
            # What an earlier loop left in flight will never be delivered to this one.
            self._batches, self._waiting = 0, []
        return self._slots

    def _blob(
        self, source: SourceConfig, institution: InstitutionConfig, countries: Mapping[str, str]
    ) -> bytes:
        known = self._blobs.get(source.name)
        # Settings objects are immutable and replaced as a whole on reload: identity suffices.
        if known is not None and all(
            a is b for a, b in zip(known[0], (source, institution, countries), strict=True)
        ):
            return known[1]
        blob = pickle.dumps((source, institution, dict(countries)), pickle.HIGHEST_PROTOCOL)
        self._blobs[source.name] = ((source, institution, countries), blob)
        return blob
