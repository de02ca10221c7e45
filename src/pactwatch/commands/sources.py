"""`pactwatch sources`: list the sources with their health; `sources check NAME`: a dry run."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Iterable

from sqlalchemy.exc import SQLAlchemyError

from pactwatch.article import parse_article
from pactwatch.commands.common import existing_database, print_table, settings_of
from pactwatch.commands.extract import describe_decision
from pactwatch.config import Settings, SourceConfig
from pactwatch.discovery import discover
from pactwatch.errors import UserError
from pactwatch.fetch import Fetcher
from pactwatch.record import decide_for
from pactwatch.store.articles import known_urls
from pactwatch.store.sources import SourceRow, list_sources
from pactwatch.urls import normalize_url


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("sources", help="list sources and their health; check one")
    parser.set_defaults(handler=show_sources)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list sources (the default)").set_defaults(handler=show_sources)
    check = actions.add_parser(
        "check", help="dry run: what a crawl would fetch, and the parse of its newest article"
    )
    check.add_argument("name", help="source name")
    check.set_defaults(handler=check_source)


def show_sources(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    health = _stored_health(settings)
    rows = []
    for s in settings.sources:
        row = health.get(s.name)
        rows.append(
            (
                s.name,
                s.institution,
                s.kind,
                s.profile,
                "yes" if s.enabled else "no",
                row.status if row else "new",
                row.consecutive_failures if row else 0,
                row.last_success_at if row else None,
                row.articles if row else 0,
                s.url,
            )
        )
    headers = ("name", "inst", "kind", "profile", "on", "status", "fails", "last ok", "articles")
    print_table((*headers, "url"), rows)
    for s in settings.sources:
        row = health.get(s.name)
        if row and row.last_error and row.status != "ok":
            print(f"{s.name}: last error: {row.last_error}")
    return 0


def _stored_health(settings: Settings) -> dict[str, SourceRow]:
    """Health from the database when it has been crawled before; nothing is created here."""
    with existing_database(settings) as db:
        if db is None:
            return {}
        try:
            with db.session() as session:
                return {row.name: row for row in list_sources(session, include_disabled=True)}
        except SQLAlchemyError:  # a database without pactwatch's schema yet
            return {}


def check_source(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    try:
        source = settings.source(args.name)
    except KeyError:
        names = ", ".join(s.name for s in settings.sources)
        raise UserError(f"unknown source {args.name!r}; configured: {names}") from None
    return asyncio.run(_check(settings, source))


async def _check(settings: Settings, source: SourceConfig) -> int:
    known = _known_reader(settings)
    async with Fetcher(settings.http) as fetcher:
        found = await discover(
            source, fetcher, validators=lambda _url: None, is_known=known, conditional=False
        )
        if found.failure is not None:
            f = found.failure
            print(f"{source.name}: cannot read {f.url}: {f.error or f.outcome}")
            return 1
        if found.empty:
            print(f"{source.name}: no article links found at {source.url} (check the selectors)")
            return 1
        stored = known(link.url for link in found.links)
        print(f"{source.name}: {found.pages_fetched} page(s), {len(found.links)} links")
        for link in found.links:
            mark = "known" if link.url in stored else "NEW  "
            when = link.published.strftime("%Y-%m-%d") if link.published else "          "
            print(f"  {mark} {when} {link.url}")
        for problem in found.problems:
            print(f"  note: {problem}")
        if not found.links:
            return 0
        newest = found.links[0]
        page = await fetcher.fetch(newest.url, allowed_hosts=source.hosts)
    if page.outcome != "ok" or page.text is None:
        print(f"newest article {newest.url}: {page.error or page.outcome}")
        return 1
    article = parse_article(page.text, page.final_url, source, link=newest)
    print()
    institution = settings.institution(source.institution)
    print(describe_decision(article, decide_for(settings, institution, article)))
    return 0


def _known_reader(settings: Settings) -> Callable[[Iterable[str]], set[str]]:
    """Which URLs the database already holds, read-only; an absent database knows none."""

    def known(urls: Iterable[str]) -> set[str]:
        wanted = {normalize_url(u): u for u in urls}
        with existing_database(settings) as db:
            if db is None:
                return set()
            try:
                with db.session() as session:
                    found = known_urls(session, wanted)
            except SQLAlchemyError:
                return set()
        return found | {wanted[k] for k in found}

    return known
