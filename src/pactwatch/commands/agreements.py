"""`pactwatch agreements`: the agreements found, as a table, JSON Lines or CSV; one in full;
an admin's correction of how a party was matched.

Usage::

    pactwatch agreements [--since DATE] [--institution ID] [--json|--csv]
    pactwatch agreements show ID
    pactwatch agreements correct ID --party N (--same-as PARTNER_ID | --new) [--note TEXT]

Parties are numbered from 1 as the listing prints them. A correction is kept in the
`corrections` table and taught to the registry (`partners.diff.correct_same` / `correct_new`).
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pactwatch.cli import add_option
from pactwatch.commands.common import (
    database,
    parse_date,
    print_json_line,
    print_table,
    settings_of,
)
from pactwatch.commands.partners import open_registry
from pactwatch.errors import UserError
from pactwatch.partners.diff import correct_new, correct_same
from pactwatch.store.agreements import AgreementRow, Party, list_agreements
from pactwatch.store.models import AgreementRecord, CorrectionRecord, EventRecord, PartnerRecord

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
    parser = sub.add_parser("agreements", help="list the agreements found; correct their partners")
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
    # Optional: `pactwatch agreements` alone lists, with the options above.
    actions = parser.add_subparsers(dest="agreements_command", metavar="ACTION")

    show = actions.add_parser("show", help="one agreement: parties, events and their reasons")
    show.add_argument("agreement_id", type=int, metavar="ID")
    show.set_defaults(handler=show_agreement)

    correct = actions.add_parser(
        "correct", help="correct a party's match: the same as a registry entry, or new"
    )
    correct.add_argument("agreement_id", type=int, metavar="ID")
    add_option(
        correct,
        "agreements correct",
        "--party",
        type=int,
        required=True,
        metavar="N",
        help="the party's number as listed (from 1)",
    )
    choice = correct.add_mutually_exclusive_group(required=True)
    add_option(
        choice,
        "agreements correct",
        "--same-as",
        type=int,
        metavar="PARTNER_ID",
        help="the party is this registry entry (see `pactwatch partners list`)",
    )
    add_option(
        choice,
        "agreements correct",
        "--new",
        action="store_true",
        help="the party is a partner we did not know",
    )
    add_option(correct, "agreements correct", "--note", metavar="TEXT", help="kept with it")
    correct.set_defaults(handler=correct_agreement)


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
                    "; ".join(
                        f"{n}. {p.name} ({p.country or '??'}) {party_status(p)}"
                        for n, p in enumerate(r.parties, start=1)
                    ),
                    f"{r.confidence:.2f}",
                )
                for r in rows
            ],
        )
    return 0


def party_status(party: Party) -> str:
    """How a party stands: 'review' (open), 'new' or 'known', with its registry entry."""
    if party.match_status == "review" and party.partner_id is None:
        return "review"
    status = "new" if party.was_new else "known"
    return f"{status} #{party.partner_id}" if party.partner_id is not None else status


def _agreement(session: Session, agreement_id: int) -> AgreementRow:
    record = session.get(AgreementRecord, agreement_id)
    if record is None:
        raise UserError(f"no agreement #{agreement_id}")
    rows = list_agreements(session, institution=record.institution)
    return next(r for r in rows if r.id == agreement_id)


def show_agreement(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    with database(settings) as db, db.session() as session:
        row = _agreement(session, args.agreement_id)
        names = _partner_names(session, [p.partner_id for p in row.parties])
        events = session.execute(
            select(EventRecord.name, EventRecord.reasons, EventRecord.created_at)
            .where(EventRecord.agreement_id == row.id)
            .order_by(EventRecord.id)
        ).all()
        corrections = session.scalars(
            select(CorrectionRecord)
            .where(CorrectionRecord.agreement_id == row.id)
            .order_by(CorrectionRecord.id)
        ).all()
        fixes = [
            (c.created_at, c.action, c.partner_id, c.target_partner_id, c.note) for c in corrections
        ]
    print(f"agreement #{row.id} ({row.institution}): {row.outcome}")
    print(f"  {row.kind}, signed {row.signed_on or '?'}, {row.reports} report(s)")
    if row.article_url:
        print(f"  first reported by {row.article_url} ({row.article_title or 'untitled'})")
    print("parties:")
    for n, p in enumerate(row.parties, start=1):
        entry = f" = '{names[p.partner_id]}'" if p.partner_id in names else ""
        print(
            f"  {n}. {p.name} ({p.country or '??'}): {party_status(p)}{entry}, "
            f"match {p.match_status} {p.match_score:.2f}"
        )
    for name, reasons, created_at in events:
        print(f"event {name} ({created_at:%Y-%m-%d %H:%M}):")
        for reason in reasons or []:
            print(f"  - {reason}")
    for created_at, action, before, target, note in fixes:
        was = f"#{before}" if before is not None else "no entry"
        now = f"#{target}" if target is not None else "?"
        said = f": {note}" if note else ""
        print(f"correction {action} ({created_at:%Y-%m-%d %H:%M}): {was} → {now}{said}")
    return 0


def _partner_names(session: Session, ids: list[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(PartnerRecord.id, PartnerRecord.name).where(PartnerRecord.id.in_(wanted))
    )
    return {row.id: row.name for row in rows}


def correct_agreement(args: argparse.Namespace) -> int:
    with open_registry(args) as (_settings, session):
        before = _agreement(session, args.agreement_id)
        if not 1 <= args.party <= len(before.parties):
            raise UserError(
                f"agreement #{before.id} has {len(before.parties)} part(y/ies): "
                f"--party takes 1 to {len(before.parties)}"
            )
        position = args.party - 1
        party = before.parties[position]
        if args.new:
            outcome = correct_new(session, before.id, position)
        else:
            if session.get(PartnerRecord, args.same_as) is None:
                raise UserError(f"no partner #{args.same_as}")
            outcome = correct_same(session, before.id, position, args.same_as, note=args.note)
        after = _agreement(session, before.id)
        now = after.parties[position]
        names = _partner_names(session, [now.partner_id])
    entry = f" '{names[now.partner_id]}'" if now.partner_id in names else ""
    print(
        f"agreement #{before.id}, party {args.party} '{party.name}': "
        f"{party_status(party)} → {party_status(now)}{entry}"
    )
    print(f"outcome: {before.outcome} → {outcome} (correction kept)")
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
