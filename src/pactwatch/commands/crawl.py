"""`pactwatch crawl`: one pass over the configured sources, with a summary per source."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from pactwatch.cli import add_option
from pactwatch.commands.common import database, print_table, settings_of
from pactwatch.commands.notify import delivery_line
from pactwatch.config import Settings, SourceConfig
from pactwatch.errors import UserError
from pactwatch.fetch import Fetcher
from pactwatch.notify.deliver import deliver_pending
from pactwatch.pipeline import CrawlOptions, Deps, SourceRunResult, run_sources
from pactwatch.record import Recorder
from pactwatch.store import Database
from pactwatch.workers import PageReader, worker_pool


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("crawl", help="crawl the sources once and store what is new")
    add_option(
        parser,
        "crawl",
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help="only this source (repeatable; default: every enabled source)",
    )
    add_option(
        parser,
        "crawl",
        "--refetch",
        action="store_true",
        help="fetch known articles again and ignore stored ETag/Last-Modified",
    )
    add_option(
        parser,
        "crawl",
        "--max-pages",
        type=int,
        default=None,
        metavar="N",
        help="follow at most N listing pages per source (default: each source's max_pages)",
    )
    add_option(
        parser,
        "crawl",
        "--no-notify",
        action="store_true",
        help="hold the alerts this crawl creates (`pactwatch notify send` sends them later)",
    )
    parser.set_defaults(handler=crawl)


def select_sources(settings: Settings, names: Sequence[str]) -> list[SourceConfig]:
    if not names:
        return [s for s in settings.sources if s.enabled]
    known = {s.name for s in settings.sources}
    unknown = [n for n in names if n not in known]
    if unknown:
        listed = ", ".join(sorted(known))
        raise UserError(f"unknown source {', '.join(map(repr, unknown))}; configured: {listed}")
    return [settings.source(n) for n in names]


class _Progress:
    """One self-rewriting status line on a terminal; nothing otherwise (logs say it all)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.state: dict[str, tuple[int, int]] = {}

    def __call__(self, source: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        self.state[source] = (done, total)
        done_all = sum(d for d, _ in self.state.values())
        total_all = sum(t for _, t in self.state.values())
        sys.stderr.write(f"\rfetching articles: {done_all}/{total_all} ({source})\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.state:
            sys.stderr.write("\r\x1b[K")


def crawl(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    sources = select_sources(settings, args.source)
    if args.max_pages is not None and args.max_pages < 1:
        raise UserError("--max-pages must be at least 1")
    if not sources:
        raise UserError("no enabled source in the config")
    options = CrawlOptions(refetch=args.refetch, max_pages=args.max_pages)
    with database(settings) as db, worker_pool() as reader:
        results = asyncio.run(_crawl(settings, db, sources, options, reader))
        report = None if args.no_notify else deliver_pending(settings, db)
    print_summary(results)
    alerts_failed = False
    if report is not None:
        channels = {c.name: c for c in settings.channels}
        for delivery in report.deliveries:
            print(delivery_line(delivery, channels.get(delivery.channel)))
        alerts_failed = bool(report.failed or report.dead)
    return 1 if alerts_failed or any(r.failed for r in results) else 0


async def _crawl(
    settings: Settings,
    db: Database,
    sources: list[SourceConfig],
    options: CrawlOptions,
    reader: PageReader,
) -> list[SourceRunResult]:
    progress = _Progress(sys.stderr.isatty())
    async with Fetcher(settings.http) as fetcher:
        deps = Deps(
            settings=settings,
            fetcher=fetcher,
            db=db,
            recorder=Recorder(settings, db),
            options=options,
            progress=progress,
            reader=reader,
        )
        try:
            return await run_sources(sources, deps)
        finally:
            progress.close()


def print_summary(results: Sequence[SourceRunResult]) -> None:
    rows = [
        (
            r.source,
            r.outcome,
            r.links_seen,
            r.new,
            r.fetched,
            r.not_modified,
            len(r.failures),
            r.agreements,
            f"{r.duration:.1f}s",
        )
        for r in results
    ]
    headers = (
        "source",
        "outcome",
        "links",
        "new",
        "fetched",
        "304",
        "failed",
        "agreements",
        "time",
    )
    print_table(headers, rows)
    for r in results:
        if r.error:
            print(f"{r.source}: {r.error}")
        for failure in r.failures:
            print(f"{r.source}: {failure.url}: {failure.reason}")
        for problem in r.problems:
            print(f"{r.source}: note: {problem}")
