"""One crawl of one source, end to end: discover → fetch → parse → extract → store.

Usage::

    result = await run_source(source, deps)

`run_source` is what both the CLI (`pactwatch crawl`) and the daemon's scheduler call. It never
raises for what a website does: every problem ends up in the returned `SourceRunResult`, and
every article that was stored stays stored whatever happens to the rest of the run.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.orm import Session

from pactwatch.config import Settings, SourceConfig
from pactwatch.discovery import Discovery, discover
from pactwatch.fetch import Fetcher, FetchResult
from pactwatch.logs import log_event
from pactwatch.model import Link, Validators
from pactwatch.record import ArticleRecorded, Recorder
from pactwatch.robots import RobotsRules
from pactwatch.store.articles import known_urls
from pactwatch.store.db import Database
from pactwatch.store.robots import load_robots, save_robots
from pactwatch.store.sources import SourceRun
from pactwatch.store.validators import get_many_validators, get_validators, save_validators
from pactwatch.urls import normalize_url
from pactwatch.workers import PageReader

logger = logging.getLogger(__name__)

RunOutcome = Literal["ok", "not_modified", "empty", "failed", "blocked"]
# Fetch outcomes that mean "this site does not want us", told apart from plain errors.
_BLOCKED = frozenset({"blocked", "disallowed"})


@dataclass(frozen=True)
class CrawlOptions:
    refetch: bool = False
    max_pages: int | None = None


@dataclass(frozen=True)
class Deps:
    """What a run needs from the outside, built once by the composition root."""

    settings: Settings
    fetcher: Fetcher
    db: Database
    recorder: Recorder
    options: CrawlOptions = CrawlOptions()
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # Called as links are fetched: (source name, done, total). For a terminal progress line.
    progress: Callable[[str, int, int], None] | None = None
    # Parses pages and reads agreements, in worker processes when built by `worker_pool`.
    reader: PageReader = field(default_factory=PageReader)
    # Stored validators of the sources' first index pages, loaded at once by `run_sources`
    # (a URL missing here is looked up when needed).
    validators: Mapping[str, Validators | None] = field(default_factory=dict)


@dataclass(frozen=True)
class LinkFailure:
    url: str
    outcome: str
    reason: str


@dataclass(frozen=True)
class SourceRunResult:
    """What one run of one source did, for the summary, the logs and the source's health."""

    source: str
    outcome: RunOutcome
    links_seen: int = 0
    new: int = 0
    fetched: int = 0
    not_modified: int = 0
    failures: tuple[LinkFailure, ...] = ()
    agreements: int = 0
    events: tuple[str, ...] = ()
    error: str | None = None
    problems: tuple[str, ...] = ()
    duration: float = 0.0

    @property
    def failed(self) -> bool:
        return self.outcome in ("failed", "blocked")


async def run_sources(sources: Sequence[SourceConfig], deps: Deps) -> list[SourceRunResult]:
    """Run several sources concurrently (the fetcher keeps each host polite)."""
    deps.recorder.prepare()
    if not deps.options.refetch:
        deps = replace(deps, validators=_first_validators(deps.db, sources))
    _load_robots(deps)
    results = list(await asyncio.gather(*(run_source(s, deps) for s in sources)))
    await _save_robots(deps)
    return results


async def run_source(source: SourceConfig, deps: Deps) -> SourceRunResult:
    """Crawl `source` once and record the run; see the module docstring."""
    started_at, clock = deps.now(), time.monotonic()
    try:
        result = await _crawl(source, deps)
    except Exception as exc:  # a bug, not a website: keep the daemon alive and say so loudly
        logger.exception("source.crashed", extra={"source": source.name})
        result = SourceRunResult(source.name, "failed", error=f"internal error: {exc!r}")
    result = replace(result, duration=time.monotonic() - clock)
    await _record_run(source, deps, result, started_at)
    log_event(
        logger,
        "source.done",
        logging.WARNING if result.failed else logging.INFO,
        source=source.name,
        outcome=result.outcome,
        links=result.links_seen,
        new=result.new,
        fetched=result.fetched,
        failed=len(result.failures),
        agreements=result.agreements,
        seconds=round(result.duration, 2),
        error=result.error,
    )
    return result


async def _crawl(source: SourceConfig, deps: Deps) -> SourceRunResult:
    found = await discover(
        source,
        deps.fetcher,
        validators=lambda url: (
            deps.validators[url] if url in deps.validators else _validators(deps.db, url)
        ),
        is_known=lambda urls: _known(deps.db, urls),
        max_pages=deps.options.max_pages,
        conditional=not deps.options.refetch,
    )
    if found.failure is not None:
        return _failed_discovery(source, found.failure)
    if found.not_modified:
        return SourceRunResult(source.name, "not_modified", not_modified=1)
    if found.empty:
        return SourceRunResult(
            source.name, "empty", error=f"no article links found at {source.url}"
        )
    todo = _new_links(found, deps)
    done = 0
    total = len(todo)

    async def one(link: Link) -> ArticleRecorded | LinkFailure:
        nonlocal done
        outcome = await _fetch_and_record(source, link, deps)
        done += 1
        if deps.progress is not None:
            deps.progress(source.name, done, total)
        return outcome

    outcomes = await _each(todo, one, lanes=deps.settings.http.per_host_concurrency)
    failures = tuple(o for o in outcomes if isinstance(o, LinkFailure))
    recorded = [o for o in outcomes if isinstance(o, ArticleRecorded)]
    if not failures:
        # Only now: a 304 next time must not hide an article this run failed to fetch.
        await _save_validators(deps, found.validators)
    return SourceRunResult(
        source.name,
        "ok",
        links_seen=len(found.links),
        new=total,
        fetched=len(recorded),
        failures=failures,
        agreements=sum(1 for r in recorded if r.agreement_id is not None),
        events=tuple(e for r in recorded for e in r.events),
        problems=found.problems,
    )


async def _each(
    links: Sequence[Link],
    one: Callable[[Link], Awaitable[ArticleRecorded | LinkFailure]],
    *,
    lanes: int,
) -> list[ArticleRecorded | LinkFailure]:
    """`one(link)` for every link, at most `lanes` at a time, outcomes in link order.

    The fetcher lets a host serve `per_host_concurrency` requests at once anyway; a task per
    link would only pile up downloaded pages waiting for their turn to be parsed and stored
    (tens of thousands in a cold crawl of many sources).
    """
    outcomes: list[ArticleRecorded | LinkFailure | None] = [None] * len(links)
    queue = iter(enumerate(links))

    async def lane() -> None:
        for position, link in queue:  # shared: each link is taken by one lane
            outcomes[position] = await one(link)

    await asyncio.gather(*(lane() for _ in range(max(1, min(lanes, len(links))))))
    return [o for o in outcomes if o is not None]


def _new_links(found: Discovery, deps: Deps) -> list[Link]:
    if deps.options.refetch:
        return list(found.links)
    normal = {link.url: normalize_url(link.url) for link in found.links}
    known = _known(deps.db, normal.values())
    return [link for link in found.links if normal[link.url] not in known]


async def _fetch_and_record(
    source: SourceConfig, link: Link, deps: Deps
) -> ArticleRecorded | LinkFailure:
    fetched = await deps.fetcher.fetch(
        link.url, allowed_hosts=source.hosts, min_delay=source.min_delay
    )
    if fetched.outcome != "ok" or fetched.text is None:
        reason = fetched.error or fetched.outcome
        log_event(logger, "article.failed", logging.WARNING, url=link.url, reason=reason)
        return LinkFailure(link.url, fetched.outcome, reason)
    article, decision = await deps.reader.read(
        fetched.text,
        fetched.final_url,
        source,
        institution=deps.recorder.institution(source.institution),
        link=link,
        countries=deps.recorder.countries,
    )
    urls = {normalize_url(link.url)}
    if fetched.final_url != link.url:  # redirected
        urls.add(normalize_url(fetched.final_url))
    return await deps.recorder.store(source, article, urls, decision=decision)


def _failed_discovery(source: SourceConfig, failure: FetchResult) -> SourceRunResult:
    outcome: RunOutcome = "blocked" if failure.outcome in _BLOCKED else "failed"
    status = f"HTTP {failure.status}: " if failure.status else ""
    return SourceRunResult(
        source.name, outcome, error=f"{failure.url}: {status}{failure.error or failure.outcome}"
    )


async def _record_run(
    source: SourceConfig, deps: Deps, result: SourceRunResult, started_at: datetime
) -> None:
    run = SourceRun(
        started_at=started_at,
        finished_at=deps.now(),
        outcome=result.outcome,
        links_seen=result.links_seen,
        new=result.new,
        fetched=result.fetched,
        not_modified=result.not_modified,
        failed=len(result.failures),
        error=result.error or _first_failure(result.failures),
    )
    await deps.recorder.store_run(source, run)


def _first_failure(failures: tuple[LinkFailure, ...]) -> str | None:
    if not failures:
        return None
    first = failures[0]
    more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
    return f"{first.url}: {first.reason}{more}"


def _validators(db: Database, url: str) -> Validators | None:
    with db.session() as session:
        return get_validators(session, url)


def _first_validators(
    db: Database, sources: Sequence[SourceConfig]
) -> dict[str, Validators | None]:
    urls = [s.url for s in sources]
    with db.session() as session:
        stored = get_many_validators(session, urls)
    return {url: stored.get(url) for url in urls}


def _load_robots(deps: Deps) -> None:
    """Put the robots.txt files an earlier process fetched today into the fetcher's cache."""
    if not deps.settings.http.obey_robots:
        return
    cache = deps.fetcher.robots_cache
    agent = deps.settings.http.user_agent
    with deps.db.session() as session:
        stored = load_robots(session, max_age=cache.max_age)
    for origin, (fetched_at, body) in stored.items():
        rules = (
            RobotsRules.allow_all(agent)
            if body is None
            else RobotsRules.parse(body, user_agent=agent)
        )
        cache.preload(origin, rules, fetched_at)


async def _save_robots(deps: Deps) -> None:
    fetched = deps.fetcher.robots_cache.take_fetched()
    if fetched:
        texts = {origin: (when, rules.text) for origin, (when, rules) in fetched.items()}
        await deps.recorder.writer.run(lambda session: save_robots(session, texts))


def _known(db: Database, urls: Iterable[str]) -> set[str]:
    with db.session() as session:
        return known_urls(session, urls)


async def _save_validators(deps: Deps, validators: dict[str, Validators]) -> None:
    def save(session: Session) -> None:
        for url, value in validators.items():
            save_validators(session, url, value)

    if validators:
        await deps.recorder.writer.run(save)


__all__ = [
    "CrawlOptions",
    "Deps",
    "LinkFailure",
    "SourceRunResult",
    "run_source",
    "run_sources",
]
