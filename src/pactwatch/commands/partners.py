"""`pactwatch partners …`: the registry of known partners by hand.

Usage::

    pactwatch partners list [--json] [--all]
    pactwatch partners add NAME [--alias A]… [--acronym X]… [--country CC] [--kind KIND]
                           [--institution ID]… [--since DATE] [--notes TEXT]
    pactwatch partners rename ID NAME
    pactwatch partners merge KEEP_ID MERGED_ID [--note TEXT]
    pactwatch partners import FILE.csv
    pactwatch partners export [FILE.csv|-]
    pactwatch partners match NAME [--acronym X] [--institution ID] [--json]

Every verb first brings the config's partners into the database (`open_registry`), so what it
shows and changes is the registry a crawl matches against. An entry declared in the config is
changed in the config: renamed or merged away here, the next sync would bring it back.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, get_args

from sqlalchemy.orm import Session

from pactwatch.cli import add_option
from pactwatch.commands.common import (
    database,
    parse_date,
    print_json_line,
    print_table,
    settings_of,
)
from pactwatch.config import PartnerKind, Settings
from pactwatch.errors import UserError
from pactwatch.partners.diff import known_since
from pactwatch.partners.matching import MatchResult
from pactwatch.partners.names import fold, load_equivalents
from pactwatch.partners.repository import (
    CSV_SEPARATOR,
    PartnerError,
    PartnerRow,
    add_partner,
    export_csv,
    import_csv,
    list_partners,
    load_index,
    merge_partners,
    rename_partner,
    sync_config_partners,
)

KINDS: tuple[str, ...] = get_args(PartnerKind)

# ISO 3166-1 alpha-2, plus EU and XK (Kosovo), which partners' own documents use.
_COUNTRY_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW EU XK
"""
COUNTRIES = frozenset(_COUNTRY_CODES.split())


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "partners", help="the registry of known partners: list, add, merge, match"
    )
    parser.set_defaults(handler=list_command, json=False, all=False)
    verbs = parser.add_subparsers(dest="partners_command", metavar="VERB")

    listing = verbs.add_parser("list", help="registry entries (the default)")
    add_option(listing, "partners list", "--json", action="store_true", help="JSON Lines output")
    add_option(listing, "partners list", "--all", action="store_true", help="merged ones too")
    listing.set_defaults(handler=list_command)

    add = verbs.add_parser("add", help="add a partner by hand (origin 'admin')")
    add.add_argument("name", metavar="NAME")
    _entry_options(add, "partners add")
    add.set_defaults(handler=add_command)

    rename = verbs.add_parser("rename", help="give an entry a new name (the old one stays)")
    rename.add_argument("partner_id", type=int, metavar="ID")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(handler=rename_command)

    merge = verbs.add_parser("merge", help="merge MERGED_ID into KEEP_ID: all history follows")
    merge.add_argument("keep_id", type=int, metavar="KEEP_ID")
    merge.add_argument("merged_id", type=int, metavar="MERGED_ID")
    add_option(merge, "partners merge", "--note", metavar="TEXT", help="why, kept with the merge")
    merge.set_defaults(handler=merge_command)

    imp = verbs.add_parser("import", help="add or update entries from a CSV file")
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    imp.set_defaults(handler=import_command)

    exp = verbs.add_parser("export", help="write the registry as CSV (default: stdout)")
    exp.add_argument("file", nargs="?", default="-", metavar="FILE.csv|-")
    exp.set_defaults(handler=export_command)

    match = verbs.add_parser("match", help="which entry a name is: candidates, scores and why")
    match.add_argument("name", metavar="NAME")
    add_option(match, "partners match", "--acronym", metavar="X", help="the name's acronym")
    add_option(
        match,
        "partners match",
        "--institution",
        metavar="ID",
        help="say whether the candidates are partners of this institution",
    )
    add_option(match, "partners match", "--json", action="store_true", help="one JSON line")
    match.set_defaults(handler=match_command)


def _entry_options(parser: argparse.ArgumentParser, command: str) -> None:
    add_option(parser, command, "--alias", action="append", metavar="A", help="another name")
    add_option(parser, command, "--acronym", action="append", metavar="X", help="an acronym")
    add_option(parser, command, "--country", metavar="CC", help="ISO 3166 code, e.g. FR")
    add_option(parser, command, "--kind", default="other", help="one of " + ", ".join(KINDS))
    add_option(
        parser,
        command,
        "--institution",
        action="append",
        metavar="ID",
        help="whose partner it is (repeatable; none: every institution's)",
    )
    add_option(parser, command, "--since", type=parse_date, metavar="DATE", help="first agreement")
    add_option(parser, command, "--notes", metavar="TEXT", help="free text")


# -- the one place the config meets the database ----------------------------------------------


@contextmanager
def open_registry(args: argparse.Namespace) -> Iterator[tuple[Settings, Session]]:
    """The settings and a session in a transaction, the config's partners synced first.

    A PartnerError inside rolls the transaction back and becomes a UserError (exit 2).
    Usage: ``with open_registry(args) as (settings, session): ...``.
    """
    settings = settings_of(args)
    with database(settings) as db:
        # The sync commits on its own: a refused admin action must not undo it.
        with db.session() as session, session.begin():
            sync_config_partners(session, settings.partners)
        try:
            with db.session() as session, session.begin():
                yield settings, session
        except PartnerError as exc:
            raise UserError(str(exc)) from None


# -- validation -------------------------------------------------------------------------------


def check_country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if code not in COUNTRIES:
        raise UserError(f"unknown country {value!r}: give an ISO 3166 code such as FR, VN or JP")
    return code


def check_kind(value: str | None) -> str:
    kind = (value or "other").strip().lower()
    if kind not in KINDS:
        raise UserError(f"unknown kind {value!r}: one of {', '.join(KINDS)}")
    return kind


def check_institutions(settings: Settings, ids: Sequence[str]) -> tuple[str, ...]:
    known = [i.id for i in settings.institutions]
    for value in ids:
        if value not in known:
            raise UserError(
                f"unknown institution {value!r}; configured: {', '.join(known) or 'none'}"
            )
    return tuple(dict.fromkeys(ids))


def _declared_in_config(settings: Settings, row: PartnerRow) -> bool:
    return row.origin == "config" and fold(row.name) in {fold(p.name) for p in settings.partners}


def _entry(session: Session, partner_id: int) -> PartnerRow:
    for row in list_partners(session, include_merged=True):
        if row.id == partner_id:
            return row
    raise UserError(f"no partner #{partner_id}")


# -- list ---------------------------------------------------------------------------------------


def list_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (_settings, session):
        rows = list_partners(session, include_merged=args.all)
    if args.json:
        for row in rows:
            print_json_line(partner_json(row))
        return 0
    headers = ["id", "name", "origin", "country", "kind", "institutions", "since", "agr"]
    if args.all:
        headers.append("merged")
    print_table(
        (*headers, "other names"),
        [
            (
                r.id,
                r.name,
                r.origin,
                r.country,
                r.kind,
                ",".join(r.institutions) or "all",
                r.since,
                r.agreements,
                *((f"→#{r.merged_into_id}" if r.merged_into_id else "",) if args.all else ()),
                ", ".join((*r.acronyms, *r.aliases)),
            )
            for r in rows
        ],
    )
    return 0


def partner_json(row: PartnerRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "aliases": list(row.aliases),
        "acronyms": list(row.acronyms),
        "country": row.country,
        "kind": row.kind,
        "institutions": list(row.institutions),
        "since": row.since,
        "notes": row.notes,
        "origin": row.origin,
        "learnt_from_article_id": row.learnt_from_article_id,
        "merged_into_id": row.merged_into_id,
        "agreements": row.agreements,
    }


# -- add, rename, merge -------------------------------------------------------------------------


def add_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (settings, session):
        country = check_country(args.country)
        kind = check_kind(args.kind)
        institutions = check_institutions(settings, args.institution or ())
        names = [args.name, *(args.alias or ())]
        for row in list_partners(session):
            taken = {fold(n) for n in (row.name, *row.aliases)}
            clash = next((n for n in names if fold(n) in taken), None)
            if clash is not None:
                raise UserError(
                    f"partner #{row.id} '{row.name}' already has the name '{clash}': "
                    "add names to it through `partners import`, or rename it"
                )
        partner_id = add_partner(
            session,
            args.name,
            aliases=args.alias or (),
            acronyms=args.acronym or (),
            country=country,
            kind=kind,
            institutions=institutions,
            since=args.since,
            notes=args.notes,
            origin="admin",
        )
        # Another entry scoring close to the new name may be the same partner: worth a look.
        before = load_index(session, load_equivalents()).match(
            args.name, acronym=(args.acronym or [None])[0]
        )
    print(f"added partner #{partner_id}: {args.name.strip()}")
    others = [c for c in before.candidates if c.partner_id != partner_id and c.score >= 0.7]
    for c in others:
        print(
            f"note: close to #{c.partner_id} '{c.name}' ({c.score:.2f}); if they are one, "
            f"run `pactwatch partners merge {c.partner_id} {partner_id}`"
        )
    return 0


def rename_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (settings, session):
        row = _entry(session, args.partner_id)
        if row.merged_into_id is not None:
            raise UserError(f"partner #{row.id} was merged into #{row.merged_into_id}: rename that")
        if _declared_in_config(settings, row):
            raise UserError(
                f"partner #{row.id} '{row.name}' is declared in the config: rename it there"
            )
        rename_partner(session, row.id, args.name)
    print(f"partner #{row.id} renamed: '{row.name}' → '{args.name.strip()}' (old name kept)")
    return 0


def merge_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (settings, session):
        if args.keep_id == args.merged_id:
            raise UserError(f"cannot merge partner #{args.keep_id} into itself")
        keep, merged = _entry(session, args.keep_id), _entry(session, args.merged_id)
        if _declared_in_config(settings, merged) and merged.merged_into_id is None:
            raise UserError(
                f"partner #{merged.id} '{merged.name}' is declared in the config: merge the "
                f"other way (`partners merge {merged.id} {keep.id}`) or remove it from the config"
            )
        merge_partners(session, keep.id, merged.id, note=args.note)
        after = _entry(session, keep.id)
    print(
        f"merged #{merged.id} '{merged.name}' into #{keep.id} '{keep.name}': "
        f"{merged.agreements} agreement(s) moved, #{keep.id} now has {after.agreements}"
    )
    return 0


# -- CSV ------------------------------------------------------------------------------------------


def export_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (_settings, session):
        buffer = io.StringIO()
        count = export_csv(session, buffer)
    if args.file == "-":
        sys.stdout.write(buffer.getvalue())
        return 0
    path = Path(args.file)
    try:
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"exported {count} partner(s) to {path}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        # utf-8-sig: spreadsheets write a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path} is not UTF-8 text: {exc.reason} at byte {exc.start}") from None
    with open_registry(args) as (settings, session):
        try:
            check_csv(io.StringIO(text, newline=""), settings, list_partners(session))
            report = import_csv(session, io.StringIO(text, newline=""))
        except (PartnerError, csv.Error) as exc:
            raise UserError(f"{path}: {exc}; nothing was imported") from None
    print(
        f"imported {path}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )
    return 0


def check_csv(source: io.StringIO, settings: Settings, stored: Sequence[PartnerRow]) -> None:
    """Refuse a CSV with an unknown country, kind or institution, a bad date or id, or a change
    to an entry the config declares; the PartnerError names the row's line."""
    reader = csv.DictReader(source)
    if "name" not in (reader.fieldnames or ()):
        raise PartnerError("CSV needs a 'name' column")
    by_id = {r.id: r for r in stored}
    by_name = {fold(r.name): r for r in stored}
    for row in reader:
        # The line the row ends on: the row's own line unless a quoted cell spans lines.
        where = f"line {reader.line_num}"
        try:
            values = _csv_values(row, settings)
        except UserError as exc:
            raise PartnerError(f"{where}: {exc}") from None
        raw_id = (row.get("id") or "").strip()
        if raw_id and not raw_id.isdigit():
            raise PartnerError(f"{where}: id {raw_id!r} is not a number")
        target = by_id.get(int(raw_id)) if raw_id else by_name.get(fold(values["name"]))
        if raw_id and target is None:
            raise PartnerError(f"{where}: no partner #{raw_id}")
        if (
            target is not None
            and _declared_in_config(settings, target)
            and _csv_values_of(target) != values
        ):
            raise PartnerError(
                f"{where}: partner #{target.id} '{target.name}' is declared in the config: "
                "change it there"
            )


def _csv_values(row: dict[str, str | None], settings: Settings) -> dict[str, Any]:
    name = (row.get("name") or "").strip()
    if not name:
        raise UserError("empty name")
    since_text = (row.get("since") or "").strip()
    try:
        since = date.fromisoformat(since_text) if since_text else None
    except ValueError:
        raise UserError(f"since {since_text!r} is not YYYY-MM-DD") from None
    return {
        "name": name,
        "aliases": frozenset(_cells(row.get("aliases"))),
        "acronyms": frozenset(_cells(row.get("acronyms"))),
        "country": check_country(row.get("country")),
        "kind": check_kind(row.get("kind")),
        "institutions": frozenset(check_institutions(settings, _cells(row.get("institutions")))),
        "since": since,
        "notes": (row.get("notes") or "").strip() or None,
    }


def _csv_values_of(row: PartnerRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "aliases": frozenset(row.aliases),
        "acronyms": frozenset(row.acronyms),
        "country": row.country,
        "kind": row.kind,
        "institutions": frozenset(row.institutions),
        "since": row.since,
        "notes": row.notes,
    }


def _cells(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(CSV_SEPARATOR) if v.strip())


# -- match ----------------------------------------------------------------------------------------


def match_command(args: argparse.Namespace) -> int:
    with open_registry(args) as (settings, session):
        if args.institution is not None:
            check_institutions(settings, [args.institution])
        index = load_index(session, load_equivalents())
        result = index.match(args.name, acronym=args.acronym, institution=args.institution)
        known = None
        if args.institution is not None and result.partner_id is not None:
            known = known_since(session, args.institution, result.partner_id)
    if args.json:
        print_json_line(match_json(result, known))
        return 0
    print(f"{result.query!r}: {_verdict(result)}")
    for reason in result.reasons:
        print(f"  why: {reason}")
    if known is not None:
        is_known, since, how = known
        if is_known:
            when = f" since {since.isoformat()}" if since else ""
            print(f"  known to {args.institution}{when} ({how})")
        else:
            print(f"  {how}")
    if not result.candidates:
        print("no candidates")
        return 0
    print("candidates:")
    for c in result.candidates:
        partner_of = ""
        if c.known_to_institution is not None:
            partner_of = "  partner of " if c.known_to_institution else "  not yet a partner of "
            partner_of += args.institution
        print(f"  #{c.partner_id}  {c.score:.2f}  {c.name}{partner_of}")
        for reason in c.reasons:
            print(f"        {reason}")
    return 0


def _verdict(result: MatchResult) -> str:
    if result.status == "matched" and result.best is not None:
        return f"matched #{result.best.partner_id} '{result.best.name}' ({result.score:.2f})"
    if result.status == "review":
        return "review: a person should decide"
    return "new: no registry entry is this partner"


def match_json(result: MatchResult, known: tuple[bool, date | None, str] | None) -> dict[str, Any]:
    return {
        "query": result.query,
        "status": result.status,
        "partner_id": result.partner_id,
        "score": result.score,
        "reasons": list(result.reasons),
        "known": None if known is None else {"known": known[0], "since": known[1], "how": known[2]},
        "candidates": [
            {
                "partner_id": c.partner_id,
                "name": c.name,
                "score": c.score,
                "partner_of_institution": c.known_to_institution,
                "reasons": list(c.reasons),
            }
            for c in result.candidates
        ],
    }
