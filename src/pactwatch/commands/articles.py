"""`pactwatch articles`: the stored articles, newest first."""

from __future__ import annotations

import argparse

from pactwatch.cli import add_option
from pactwatch.commands.common import (
    database,
    parse_date,
    print_json_line,
    print_table,
    settings_of,
)
from pactwatch.store.articles import list_articles


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("articles", help="list stored articles, newest first")
    add_option(parser, "articles", "--source", metavar="NAME", help="only this source")
    add_option(
        parser, "articles", "--since", type=parse_date, metavar="DATE", help="published on or after"
    )
    add_option(parser, "articles", "--json", action="store_true", help="JSON Lines output")
    add_option(parser, "articles", "--limit", type=int, default=None, help="at most N rows")
    parser.set_defaults(handler=show_articles)


def show_articles(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    with database(settings) as db, db.session() as session:
        rows = list_articles(session, source=args.source, since=args.since, limit=args.limit)
    if args.json:
        for row in rows:
            print_json_line(
                {
                    "url": row.url,
                    "source": row.source,
                    "institution": row.institution,
                    "title": row.title,
                    "published": row.published_at,
                    "language": row.language,
                    "first_seen": row.first_seen_at,
                    "versions": row.versions,
                }
            )
        return 0
    print_table(
        ("published", "source", "lang", "title", "url"),
        [(r.published_at, r.source, r.language, r.title, r.url) for r in rows],
    )
    return 0
