"""The partner registry in the database: config sync, learnt partners, admin edits, CSV.

Usage::

    with db.session() as s, s.begin():
        sync_config_partners(s, settings.partners)      # idempotent
        index = load_index(s, load_equivalents())
        merge_partners(s, keep_id=3, merged_id=9)       # history follows the survivor

Each partner is a `partners` row with its names in `partner_names` (kind name, alias or
acronym) and whose partner it is in `partner_institutions` (no rows: every institution's). A
merged entry keeps its row and points at the survivor with `merged_into_id`; matching only sees
survivors, which carry every name of what was merged into them.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from pactwatch.config import PartnerConfig
from pactwatch.partners.matching import MatchSettings
from pactwatch.partners.names import Equivalents, acronym_key, fold, looks_like_acronym, unique
from pactwatch.partners.registry import PartnerIndex, RegistryEntry
from pactwatch.store.models import (
    AgreementPartnerRecord,
    CorrectionRecord,
    PartnerInstitutionRecord,
    PartnerNameRecord,
    PartnerRecord,
)
from pactwatch.store.sql import insert_ignore_many, table_of

CSV_FIELDS = (
    "id",
    "name",
    "aliases",
    "acronyms",
    "country",
    "kind",
    "institutions",
    "since",
    "notes",
    "origin",
)
# Several values in one CSV cell.
CSV_SEPARATOR = "|"


class PartnerError(ValueError):
    """An admin action that cannot be done (unknown id, merging an entry into itself…)."""


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """A registry entry as listed and exported."""

    id: int
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    country: str | None
    kind: str
    institutions: tuple[str, ...]
    since: date | None
    notes: str | None
    origin: str
    learnt_from_article_id: int | None
    merged_into_id: int | None
    agreements: int

    def entry(self) -> RegistryEntry:
        return RegistryEntry(
            id=self.id,
            name=self.name,
            aliases=self.aliases,
            acronyms=self.acronyms,
            country=self.country,
            kind=self.kind,
            institutions=self.institutions,
            since=self.since,
            origin=self.origin,
        )


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _normalized(name: str, kind: str) -> str:
    return acronym_key(name) if kind == "acronym" else fold(name)


def _wanted_names(
    name: str, aliases: Iterable[str], acronyms: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """Normalised form → (name, kind): the primary first, a form only once."""
    wanted: dict[str, tuple[str, str]] = {}
    for kind, values in (("name", (name,)), ("alias", aliases), ("acronym", acronyms)):
        for value in unique(v.strip() for v in values):
            key = _normalized(value, kind)
            if key and key not in wanted:
                wanted[key] = (value, kind)
    return wanted


def _set_names(
    session: Session,
    partner_id: int,
    name: str,
    aliases: Iterable[str],
    acronyms: Iterable[str],
) -> bool:
    """Make the partner's names exactly these (the primary first); True when anything changed."""
    wanted = _wanted_names(name, aliases, acronyms)
    rows = session.scalars(
        select(PartnerNameRecord).where(PartnerNameRecord.partner_id == partner_id)
    ).all()
    changed = False
    existing = {r.normalized: r for r in rows}
    for key, row in existing.items():
        if key not in wanted:
            session.delete(row)
            changed = True
        elif (row.name, row.kind) != wanted[key]:
            row.name, row.kind = wanted[key]
            changed = True
    for key, (value, kind) in wanted.items():
        if key not in existing:
            session.add(
                PartnerNameRecord(partner_id=partner_id, name=value, normalized=key, kind=kind)
            )
            changed = True
    session.flush()
    return changed


def _add_names(session: Session, partner_id: int, names: Iterable[tuple[str, str]]) -> bool:
    """Add (value, kind) names the partner does not have yet; True when one was added."""
    added = False
    have = set(
        session.scalars(
            select(PartnerNameRecord.normalized).where(PartnerNameRecord.partner_id == partner_id)
        )
    )
    for value, kind in names:
        key = _normalized(value, kind)
        if key and key not in have:
            have.add(key)
            added = True
            session.add(
                PartnerNameRecord(partner_id=partner_id, name=value, normalized=key, kind=kind)
            )
    session.flush()
    return added


def _set_institutions(session: Session, partner_id: int, institutions: Iterable[str]) -> bool:
    wanted = set(institutions)
    have = set(
        session.scalars(
            select(PartnerInstitutionRecord.institution).where(
                PartnerInstitutionRecord.partner_id == partner_id
            )
        )
    )
    if wanted == have:
        return False
    session.execute(
        delete(PartnerInstitutionRecord).where(
            PartnerInstitutionRecord.partner_id == partner_id,
            PartnerInstitutionRecord.institution.in_(have - wanted),
        )
    )
    for institution in sorted(wanted - have):
        session.add(PartnerInstitutionRecord(partner_id=partner_id, institution=institution))
    session.flush()
    return True


_PARTNERS = table_of(PartnerRecord)
_INSERT_PARTNER = insert(_PARTNERS).returning(_PARTNERS.c.id)
_INSERT_NAMES = insert(table_of(PartnerNameRecord))
_LISTINGS = table_of(PartnerInstitutionRecord)
_INSERT_LISTINGS = insert(_LISTINGS)


def add_institution(session: Session, partner_id: int, institution: str) -> None:
    """Record that `institution` has this partner (no-op for an every-institution entry)."""
    # The row is the table's key: inserting unless it exists is one statement, not a read and
    # a write (and the unit of work would cost more than the one row).
    row = {"partner_id": partner_id, "institution": institution}
    insert_ignore_many(session, PartnerInstitutionRecord, [row], key=("partner_id", "institution"))


def add_partner(
    session: Session,
    name: str,
    *,
    aliases: Sequence[str] = (),
    acronyms: Sequence[str] = (),
    country: str | None = None,
    kind: str = "other",
    institutions: Sequence[str] = (),
    since: date | None = None,
    notes: str | None = None,
    origin: str = "admin",
    learnt_from_article_id: int | None = None,
) -> int:
    """Insert a registry entry with its names; returns its id."""
    if not name.strip():
        raise PartnerError("a partner needs a name")
    # Pending entries first, so that ids keep the order the entries were made in.
    session.flush()
    name = name.strip()
    values = {
        "name": name,
        "country": country,
        "kind": kind,
        "since": since,
        "notes": notes,
        "origin": origin,
        "learnt_from_article_id": learnt_from_article_id,
    }
    # Core statements built once: a new entry has no names or institutions to compare with,
    # and the unit of work would cost more than the few rows written.
    partner_id: int = session.execute(_INSERT_PARTNER, values).scalar_one()
    names = _wanted_names(name, aliases, acronyms)
    if names:
        session.execute(
            _INSERT_NAMES,
            [
                {"partner_id": partner_id, "name": value, "normalized": key, "kind": kind}
                for key, (value, kind) in names.items()
            ],
        )
    if institutions:
        session.execute(
            _INSERT_LISTINGS,
            [{"partner_id": partner_id, "institution": i} for i in sorted(set(institutions))],
        )
    return partner_id


def sync_config_partners(session: Session, partners: Sequence[PartnerConfig]) -> SyncReport:
    """Bring the config's partners into the registry (origin 'config'); running it again with
    the same config changes nothing. An entry is recognised by its name; one that left the
    config stays (agreements point at it)."""
    report = SyncReport()
    existing = {
        fold(r.name): r
        for r in session.scalars(
            select(PartnerRecord).where(
                PartnerRecord.origin == "config", PartnerRecord.merged_into_id.is_(None)
            )
        )
    }
    for partner in partners:
        record = existing.get(fold(partner.name))
        if record is None:
            add_partner(
                session,
                partner.name,
                aliases=partner.aliases,
                acronyms=partner.acronyms,
                country=partner.country,
                kind=partner.kind,
                institutions=partner.institutions,
                since=partner.since,
                notes=partner.notes,
                origin="config",
            )
            report = SyncReport(report.added + 1, report.updated, report.unchanged)
            continue
        changed = False
        for attr in ("name", "country", "kind", "since", "notes"):
            value = getattr(partner, attr)
            if getattr(record, attr) != value:
                setattr(record, attr, value)
                changed = True
        # Only adds: names that merges and corrections taught an entry must survive the sync.
        names = [
            (partner.name, "name"),
            *((alias, "alias") for alias in partner.aliases),
            *((acronym, "acronym") for acronym in partner.acronyms),
        ]
        changed |= _add_names(session, record.id, names)
        changed |= _set_institutions(session, record.id, partner.institutions)
        if changed:
            report = SyncReport(report.added, report.updated + 1, report.unchanged)
        else:
            report = SyncReport(report.added, report.updated, report.unchanged + 1)
    session.flush()
    return report


def _get(session: Session, partner_id: int) -> PartnerRecord:
    record = session.get(PartnerRecord, partner_id)
    if record is None:
        raise PartnerError(f"no partner #{partner_id}")
    return record


_MERGED_INTO = select(table_of(PartnerRecord).c.merged_into_id).where(
    table_of(PartnerRecord).c.id == bindparam("id")
)


def survivor(session: Session, partner_id: int) -> int:
    """The entry a partner was (possibly repeatedly) merged into; itself if never merged."""
    seen: set[int] = set()
    current = partner_id
    while current not in seen:
        seen.add(current)
        target = session.execute(_MERGED_INTO, {"id": current}).scalar()
        if target is None:
            return current
        current = target
    raise PartnerError(f"partner #{partner_id} is merged in a cycle")


def rename_partner(session: Session, partner_id: int, name: str) -> None:
    """Give an entry a new primary name; the old one stays as an alias."""
    record = _get(session, partner_id)
    if not name.strip():
        raise PartnerError("a partner needs a name")
    old = record.name
    record.name = name.strip()
    rows = session.scalars(
        select(PartnerNameRecord).where(PartnerNameRecord.partner_id == partner_id)
    ).all()
    for row in rows:
        if row.kind == "name":
            row.kind = "alias"
    session.flush()
    new_key = _normalized(record.name, "name")
    for row in rows:
        if row.normalized == new_key:
            row.kind, row.name = "name", record.name
            break
    else:
        session.add(
            PartnerNameRecord(
                partner_id=partner_id, name=record.name, normalized=new_key, kind="name"
            )
        )
    _add_names(session, partner_id, [(old, "alias")])


def merge_partners(
    session: Session, keep_id: int, merged_id: int, *, note: str | None = None
) -> None:
    """Merge `merged_id` into `keep_id`: its names, institutions and agreements follow, the
    earliest `since` wins, and the merged row keeps `merged_into_id` (and a correction row)."""
    if keep_id == merged_id:
        raise PartnerError("cannot merge a partner into itself")
    keep, merged = _get(session, keep_id), _get(session, merged_id)
    if keep.merged_into_id is not None:
        raise PartnerError(f"partner #{keep_id} was merged into #{keep.merged_into_id}: use that")
    if merged.merged_into_id is not None:
        raise PartnerError(f"partner #{merged_id} is already merged into #{merged.merged_into_id}")
    names = session.scalars(
        select(PartnerNameRecord).where(PartnerNameRecord.partner_id == merged_id)
    ).all()
    _add_names(session, keep_id, [(n.name, "alias" if n.kind == "name" else n.kind) for n in names])
    session.execute(delete(PartnerNameRecord).where(PartnerNameRecord.partner_id == merged_id))
    keep_inst = _institutions(session, [keep_id]).get(keep_id, ())
    merged_inst = _institutions(session, [merged_id]).get(merged_id, ())
    # No rows means every institution's: the union of "every" and anything is "every".
    union = () if not keep_inst or not merged_inst else tuple({*keep_inst, *merged_inst})
    _set_institutions(session, keep_id, union)
    _set_institutions(session, merged_id, ())
    session.execute(
        update(AgreementPartnerRecord)
        .where(AgreementPartnerRecord.partner_id == merged_id)
        .values(partner_id=keep_id)
    )
    if merged.since and (keep.since is None or merged.since < keep.since):
        keep.since = merged.since
    keep.country = keep.country or merged.country
    merged.merged_into_id = keep_id
    session.add(
        CorrectionRecord(action="merge", partner_id=merged_id, target_partner_id=keep_id, note=note)
    )
    session.flush()


def _institutions(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(PartnerInstitutionRecord.partner_id, PartnerInstitutionRecord.institution)
        .where(PartnerInstitutionRecord.partner_id.in_(ids))
        .order_by(PartnerInstitutionRecord.institution)
    )
    for partner_id, institution in rows:
        out[partner_id].append(institution)
    return {k: tuple(v) for k, v in out.items()}


def list_partners(session: Session, *, include_merged: bool = False) -> list[PartnerRow]:
    """Every registry entry with its names, institutions and how many agreements name it."""
    query = select(PartnerRecord).order_by(PartnerRecord.id)
    if not include_merged:
        query = query.where(PartnerRecord.merged_into_id.is_(None))
    records = session.scalars(query).all()
    ids = [r.id for r in records]
    names: dict[int, list[PartnerNameRecord]] = defaultdict(list)
    institutions: dict[int, tuple[str, ...]] = {}
    counts: dict[int, int] = {}
    # Chunks keep the IN lists within every backend's parameter limit.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.scalars(
            select(PartnerNameRecord)
            .where(PartnerNameRecord.partner_id.in_(chunk))
            .order_by(PartnerNameRecord.id)
        ):
            names[row.partner_id].append(row)
        institutions.update(_institutions(session, chunk))
        counted = session.execute(
            select(
                AgreementPartnerRecord.partner_id,
                func.count(func.distinct(AgreementPartnerRecord.agreement_id)),
            )
            .where(AgreementPartnerRecord.partner_id.in_(chunk))
            .group_by(AgreementPartnerRecord.partner_id)
        ).all()
        counts.update((pid, n) for pid, n in counted if pid is not None)
    return [
        PartnerRow(
            id=r.id,
            name=r.name,
            aliases=tuple(n.name for n in names[r.id] if n.kind != "acronym" and n.name != r.name),
            acronyms=tuple(n.name for n in names[r.id] if n.kind == "acronym"),
            country=r.country,
            kind=r.kind,
            institutions=institutions.get(r.id, ()),
            since=r.since,
            notes=r.notes,
            origin=r.origin,
            learnt_from_article_id=r.learnt_from_article_id,
            merged_into_id=r.merged_into_id,
            agreements=counts.get(r.id, 0),
        )
        for r in records
    ]


def registry_entries(session: Session) -> list[RegistryEntry]:
    """The surviving entries, ready for `PartnerIndex`."""
    return [row.entry() for row in list_partners(session)]


def load_index(
    session: Session, equivalents: Equivalents, settings: MatchSettings | None = None
) -> PartnerIndex:
    """A matching index over the registry as stored now."""
    return PartnerIndex(registry_entries(session), equivalents, settings)


def learn_partner(
    session: Session,
    *,
    name: str,
    acronym: str | None,
    mentions: Sequence[str],
    country: str | None,
    kind: str,
    institution: str,
    since: date | None,
    article_id: int | None,
) -> int:
    """A partner first seen in an article becomes a 'learnt' entry of `institution`."""
    written = [m for m in mentions if m.strip() and m.strip() != name]
    acronyms = [acronym] if acronym else []
    acronyms += [m for m in written if looks_like_acronym(m)]
    return add_partner(
        session,
        name,
        aliases=[m for m in written if not looks_like_acronym(m)],
        acronyms=acronyms,
        country=country,
        kind=kind,
        institutions=(institution,),
        since=since,
        origin="learnt",
        learnt_from_article_id=article_id,
    )


# -- CSV ------------------------------------------------------------------------------------


def export_csv(session: Session, out: TextIO) -> int:
    """Write the surviving entries as CSV (`CSV_FIELDS`); returns how many."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    rows = list_partners(session)
    for row in rows:
        writer.writerow(
            [
                row.id,
                row.name,
                CSV_SEPARATOR.join(row.aliases),
                CSV_SEPARATOR.join(row.acronyms),
                row.country or "",
                row.kind,
                CSV_SEPARATOR.join(row.institutions),
                row.since.isoformat() if row.since else "",
                row.notes or "",
                row.origin,
            ]
        )
    return len(rows)


def _cells(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(CSV_SEPARATOR) if v.strip())


def import_csv(session: Session, source: TextIO) -> SyncReport:
    """Read entries from CSV: a row with a known `id` (or, without id, a known name) updates
    that entry, any other row adds one (origin 'admin'). Raises PartnerError naming the line of
    a bad row; nothing is written then if the caller rolls back."""
    reader = csv.DictReader(source)
    missing = {"name"} - set(reader.fieldnames or ())
    if missing:
        raise PartnerError("CSV needs a 'name' column")
    by_name = {fold(r.name): r.id for r in list_partners(session)}
    added = updated = unchanged = 0
    for line, row in enumerate(reader, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            raise PartnerError(f"line {line}: empty name")
        try:
            since = date.fromisoformat(row["since"]) if row.get("since") else None
        except ValueError:
            raise PartnerError(f"line {line}: since {row['since']!r} is not YYYY-MM-DD") from None
        raw_id = (row.get("id") or "").strip()
        partner_id: int | None
        try:
            partner_id = int(raw_id) if raw_id else by_name.get(fold(name))
        except ValueError:
            raise PartnerError(f"line {line}: id {raw_id!r} is not a number") from None
        values = {
            "country": (row.get("country") or "").strip() or None,
            "kind": (row.get("kind") or "").strip() or "other",
            "since": since,
            "notes": (row.get("notes") or "").strip() or None,
        }
        aliases, acronyms = _cells(row.get("aliases")), _cells(row.get("acronyms"))
        institutions = _cells(row.get("institutions"))
        if partner_id is None:
            new_id = add_partner(
                session,
                name,
                aliases=aliases,
                acronyms=acronyms,
                institutions=institutions,
                origin="admin",
                **values,  # type: ignore[arg-type]
            )
            by_name[fold(name)] = new_id
            added += 1
            continue
        record = session.get(PartnerRecord, survivor(session, partner_id))
        if record is None:
            raise PartnerError(f"line {line}: no partner #{partner_id}")
        changed = record.name != name
        if changed:
            rename_partner(session, record.id, name)
        for attr, value in values.items():
            if getattr(record, attr) != value:
                setattr(record, attr, value)
                changed = True
        changed |= _set_names(session, record.id, name, aliases, acronyms)
        changed |= _set_institutions(session, record.id, institutions)
        if changed:
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return SyncReport(added, updated, unchanged)
