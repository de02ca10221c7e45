"""`pactwatch agreements`: the agreements found, as a table, JSON Lines or CSV."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from pactwatch.cli import add_option
from pactwatch.commands.common import (
    database,
    parse_date,
    print_json_line,
    print_table,
    settings_of,
)
from pactwatch.store.agreements import AgreementRow, list_agreements

CSV_COLUMNS = (
    "id",
    "institution",
    "outcome",
    "kind",
    "signed_on",
    "period_start",
    "period_end",
    "renewal",
    "partners",
    "countries",
    "areas",
    "signatories",
    "confidence",
    "reports",
    "article_url",
    "article_title",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("agreements", help="list the agreements found")
    add_option(
        parser,
        "agreements",
        "--since",
        type=parse_date,
        metavar="DATE",
        help="signed (or, undated, published) on or after DATE",
    )
    add_option(parser, "agreements", "--institution", metavar="ID", help="only this institution")
    fmt = parser.add_mutually_exclusive_group()
    add_option(fmt, "agreements", "--json", action="store_true", help="JSON Lines output")
    add_option(fmt, "agreements", "--csv", action="store_true", help="CSV output")
    parser.set_defaults(handler=show_agreements)


def show_agreements(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    with database(settings) as db, db.session() as session:
        rows = list_agreements(session, since=args.since, institution=args.institution)
    if args.json:
        for row in rows:
            print_json_line(agreement_json(row))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(_csv_row(row))
    else:
        print_table(
            ("id", "inst", "outcome", "signed", "kind", "partners", "conf"),
            [
                (
                    r.id,
                    r.institution,
                    r.outcome,
                    r.signed_on,
                    r.kind,
                    "; ".join(f"{p.name} ({p.country or '??'})" for p in r.parties),
                    f"{r.confidence:.2f}",
                )
                for r in rows
            ],
        )
    return 0


def agreement_json(row: AgreementRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "institution": row.institution,
        "outcome": row.outcome,
        "kind": row.kind,
        "signed_on": row.signed_on,
        "period": {"start": row.period_start, "end": row.period_end, "text": row.period_text},
        "renewal": row.renewal,
        "partners": [
            {
                "name": p.name,
                "acronym": p.acronym,
                "country": p.country,
                "kind": p.kind,
                "partner_id": p.partner_id,
                "match": p.match_status,
                "new": p.was_new,
            }
            for p in row.parties
        ],
        "signatories": [{"name": n, "title": t, "organization": o} for n, t, o in row.signatories],
        "areas": row.areas,
        "confidence": row.confidence,
        "reports": row.reports,
        "article": {
            "url": row.article_url,
            "title": row.article_title,
            "published": row.published_at,
        },
    }


def _csv_row(row: AgreementRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "institution": row.institution,
        "outcome": row.outcome,
        "kind": row.kind,
        "signed_on": row.signed_on or "",
        "period_start": row.period_start or "",
        "period_end": row.period_end or "",
        "renewal": "yes" if row.renewal else "no",
        "partners": "; ".join(p.name for p in row.parties),
        "countries": "; ".join(p.country or "" for p in row.parties),
        "areas": "; ".join(row.areas),
        "signatories": "; ".join(n for n, _, _ in row.signatories),
        "confidence": f"{row.confidence:.2f}",
        "reports": row.reports,
        "article_url": row.article_url or "",
        "article_title": row.article_title or "",
    }
