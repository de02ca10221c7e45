"""The decision behind every alert: is this signing with a new partner, a known one, or one
we already recorded?

Usage::

    outcome = diff(session, "usth", draft, article_id=12, published=date(2018, 11, 6),
                   index=index)
    outcome.event        # "agreement.known_partner"
    outcome.reasons      # ("CNES is known to usth since 2015-11-16 (config)", ...)
    parties = learn(session, outcome, article_id=12, published=date(2018, 11, 6))
    # then store.agreements.save_agreement(..., outcome=outcome.stored_outcome, parties=parties)

`diff` only reads. `learn` writes what the decision implies: never-seen partners become
'learnt' registry entries, a partner new to this institution is recorded as its partner.
Corrections made by an admin (`correct_same`, `correct_new`) are stored, applied to the
agreement, and taught to the registry so the next match does not repeat the mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal, TypeVar

from sqlalchemy import ColumnElement, ScalarSelect, and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import Session

from pactwatch.model import AgreementDraft, PartnerDraft
from pactwatch.partners.matching import MatchResult, decide
from pactwatch.partners.names import analyse, fold
from pactwatch.partners.registry import PartnerIndex
from pactwatch.partners.repository import (
    PartnerError,
    _add_names,
    add_institution,
    learn_partner,
    survivor,
)
from pactwatch.store.agreements import Party, agreement_for_article
from pactwatch.store.models import (
    AgreementPartnerRecord,
    AgreementRecord,
    ArticleRecord,
    CorrectionRecord,
    PartnerInstitutionRecord,
    PartnerRecord,
)
from pactwatch.store.sql import chunked, table_of

T = TypeVar("T")
OutcomeKind = Literal["new_partner", "known_partner", "duplicate"]
PartyStatus = Literal["known", "new", "review"]


@dataclass(frozen=True, slots=True)
class DiffSettings:
    # Two reports whose signing dates are this close are one signing.
    same_signing_days: int = 7
    # Without a signing date: reports of the same partners this close in time are one signing.
    undated_window_days: int = 30


@dataclass(frozen=True, slots=True)
class PartyOutcome:
    """One partner of the agreement: what the registry made of it and what it is to us."""

    draft: PartnerDraft
    match: MatchResult
    status: PartyStatus
    partner_id: int | None = None
    known_since: date | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """Exactly one of new_partner, known_partner or duplicate, with its reasons."""

    kind: OutcomeKind
    institution: str
    parties: tuple[PartyOutcome, ...]
    reasons: tuple[str, ...]
    duplicate_of: int | None = None
    signed_on: date | None = None
    published: date | None = None
    draft: AgreementDraft | None = field(default=None, compare=False)

    @property
    def event(self) -> str:
        return f"agreement.{self.kind}"

    @property
    def needs_review(self) -> bool:
        """A partner's match was ambiguous: a person should confirm it."""
        return any(p.status == "review" for p in self.parties)

    @property
    def new_parties(self) -> tuple[PartyOutcome, ...]:
        return tuple(p for p in self.parties if p.status == "new")

    @property
    def stored_outcome(self) -> str:
        """The value for `agreements.outcome`: the kind, or 'review' while a match is open."""
        return "review" if self.needs_review and self.kind != "duplicate" else self.kind


# -- knowing a partner ------------------------------------------------------------------------


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def known_since(
    session: Session, institution: str, partner_id: int
) -> tuple[bool, date | None, str]:
    """Whether `institution` knew the partner before, since when, and how we know."""
    return _knowing(_facts(session, institution, partner_id), institution, partner_id)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the registry and the stored agreements say about one partner and one institution."""

    exists: bool
    since: date | None
    origin: str
    merged_into_id: int | None
    count: int
    first_signed: date | None
    first_published: datetime | None
    listed_mine: bool
    listed_any: bool

    @property
    def listed(self) -> bool:
        """Whether the registry lists the partner for the institution: by a row for it, or by
        having no row at all (everyone's partner) unless it was learnt."""
        return self.listed_mine or (not self.listed_any and self.origin != "learnt")


def _facts(session: Session, institution: str, partner_id: int) -> _Facts:
    # One statement: a party's facts were five round trips, and a crawl asks for every party.
    row = session.execute(_FACTS, {"partner_id": partner_id, "institution": institution}).one()
    count, first_signed, first_published, since, origin, merged_into, mine, anyone = row
    return _Facts(
        exists=origin is not None,
        since=since,
        origin=origin or "",
        merged_into_id=merged_into,
        count=count,
        first_signed=first_signed,
        first_published=_aware(first_published),
        listed_mine=bool(mine),
        listed_any=bool(anyone),
    )


def _knowing(facts: _Facts, institution: str, partner_id: int) -> tuple[bool, date | None, str]:
    if not facts.exists:
        return False, None, f"partner #{partner_id} does not exist"
    # Aggregated in SQL: a partner of many institutions has many agreements, and only the
    # count and the earliest date matter. An undated agreement counts from its article's date.
    dates = [d for d in (facts.first_signed, _day(facts.first_published)) if d]
    listed = facts.listed
    if facts.since and (listed or facts.count):
        dates.append(facts.since)
    since = min(dates) if dates else None
    if facts.count:
        how = f"{facts.count} stored agreement(s)"
    elif listed:
        how = f"registry ({facts.origin})"
    else:
        return False, None, f"not a partner of {institution} yet"
    return True, since, how


# Built once, on the Core tables: building and cache-keying a statement per call cost more
# than SQLite takes to run it.
_PARTNERS = table_of(PartnerRecord)
_AGREEMENTS = table_of(AgreementRecord)
_AGREEMENT_PARTNERS = table_of(AgreementPartnerRecord)
_ARTICLES = table_of(ArticleRecord)
_LISTINGS = table_of(PartnerInstitutionRecord)


def _of_partner(column: ColumnElement[T]) -> ScalarSelect[T]:
    return select(column).where(_PARTNERS.c.id == bindparam("partner_id")).scalar_subquery()


_LISTED_MINE = exists().where(
    _LISTINGS.c.partner_id == bindparam("partner_id"),
    _LISTINGS.c.institution == bindparam("institution"),
)
_LISTED_ANY = exists().where(_LISTINGS.c.partner_id == bindparam("partner_id"))
# The agreements of the partner with the institution, aggregated (an aggregate without GROUP
# BY is always one row), and the partner's own row and listings beside them.
_FACTS = (
    select(
        func.count(_AGREEMENTS.c.id),
        func.min(_AGREEMENTS.c.signed_on),
        func.min(case((_AGREEMENTS.c.signed_on.is_(None), _ARTICLES.c.published_at))),
        _of_partner(_PARTNERS.c.since),
        _of_partner(_PARTNERS.c.origin),
        _of_partner(_PARTNERS.c.merged_into_id),
        _LISTED_MINE,
        _LISTED_ANY,
    )
    .select_from(_AGREEMENTS)
    .join(_AGREEMENT_PARTNERS, _AGREEMENT_PARTNERS.c.agreement_id == _AGREEMENTS.c.id)
    .outerjoin(_ARTICLES, _ARTICLES.c.id == _AGREEMENTS.c.first_article_id)
    .where(
        _AGREEMENT_PARTNERS.c.partner_id == bindparam("partner_id"),
        _AGREEMENTS.c.institution == bindparam("institution"),
    )
)


def _aware(value: object) -> datetime | None:
    # An aggregate may come back without the column's type: naive means UTC, as stored.
    if value is None:
        return None
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# -- the decision -----------------------------------------------------------------------------


_CORRECTIONS = table_of(CorrectionRecord)
_REJECTIONS = select(_CORRECTIONS.c.note, _CORRECTIONS.c.partner_id).where(
    _CORRECTIONS.c.action == "new", _CORRECTIONS.c.partner_id.is_not(None)
)


def _rejected(session: Session) -> dict[str, set[int]]:
    """Names an admin said are NOT a given partner (folded name → partner ids)."""
    out: dict[str, set[int]] = {}
    rows = session.execute(_REJECTIONS)
    for note, partner_id in rows:
        if note and partner_id is not None:
            out.setdefault(fold(note), set()).add(partner_id)
    return out


def _apply_rejections(result: MatchResult, rejected: set[int], index: PartnerIndex) -> MatchResult:
    kept = tuple(c for c in result.candidates if c.partner_id not in rejected)
    if len(kept) == len(result.candidates):
        return result
    status, reasons = decide(kept, index.settings)
    best = kept[0] if kept else None
    return replace(
        result,
        status=status,
        best=best,
        score=best.score if best else 0.0,
        candidates=kept,
        reasons=(
            *reasons,
            "an admin said this name is not " + ", ".join(f"#{r}" for r in sorted(rejected)),
        ),
    )


def _party_key_for_draft(party: PartyOutcome, index: PartnerIndex) -> str:
    if party.partner_id is not None:
        return f"#{party.partner_id}"
    return "name:" + analyse(party.draft.name, index.equivalents).key


def diff(
    session: Session,
    institution: str,
    draft: AgreementDraft,
    *,
    article_id: int | None,
    published: date | None,
    index: PartnerIndex,
    settings: DiffSettings | None = None,
) -> Outcome:
    """Decide new_partner / known_partner / duplicate for an extracted agreement.

    `index` is the registry as loaded (`repository.load_index`); `published` is the article's
    publication date, the time reference when the signing date is unknown. `article_id` is the
    reporting article (an article already counted as a report is a duplicate of its agreement).
    """
    settings = settings or DiffSettings()
    rejected = _rejected(session)
    parties: list[PartyOutcome] = []
    for partner in draft.partners:
        result = index.match_draft(partner, institution)
        no = set().union(*(rejected.get(fold(t), set()) for t in (partner.name, *partner.mentions)))
        if no:
            result = _apply_rejections(result, no, index)
        parties.append(_party(session, institution, partner, result))

    duplicate = _find_duplicate(
        session,
        institution=institution,
        draft=draft,
        parties=parties,
        article_id=article_id,
        published=published,
        index=index,
        settings=settings,
    )
    if duplicate is not None:
        agreement_id, why = duplicate
        return Outcome(
            kind="duplicate",
            institution=institution,
            parties=tuple(parties),
            reasons=(why, *(r for p in parties for r in p.reasons)),
            duplicate_of=agreement_id,
            signed_on=draft.signed_on,
            published=published,
            draft=draft,
        )
    new = [p for p in parties if p.status == "new"]
    review = [p for p in parties if p.status == "review"]
    reasons: list[str] = []
    if not parties:
        kind: OutcomeKind = "new_partner"
        reasons.append("no partner was extracted: nothing to compare with the registry")
    elif new or review:
        kind = "new_partner"
        if new:
            reasons.append(
                "new partner(s) for " + institution + ": " + ", ".join(p.draft.name for p in new)
            )
        if review:
            reasons.append(
                "needs review: "
                + "; ".join(f"{p.draft.name} ({p.match.reasons[0]})" for p in review)
            )
        known = [p for p in parties if p.status == "known"]
        if known:
            reasons.append("with known partner(s): " + ", ".join(p.draft.name for p in known))
    else:
        kind = "known_partner"
        reasons.append(
            "known partner(s): "
            + ", ".join(
                f"{p.draft.name} since {p.known_since.isoformat()}"
                if p.known_since
                else f"{p.draft.name}"
                for p in parties
            )
        )
    reasons += [r for p in parties for r in p.reasons]
    return Outcome(
        kind=kind,
        institution=institution,
        parties=tuple(parties),
        reasons=tuple(reasons),
        signed_on=draft.signed_on,
        published=published,
        draft=draft,
    )


def _party(
    session: Session, institution: str, partner: PartnerDraft, result: MatchResult
) -> PartyOutcome:
    if result.status == "review":
        return PartyOutcome(
            partner, result, "review", reasons=(f"{partner.name}: {'; '.join(result.reasons)}",)
        )
    if result.status == "new" or result.partner_id is None:
        return PartyOutcome(
            partner, result, "new", reasons=(f"{partner.name}: not in the registry",)
        )
    partner_id, facts = _survivor_facts(session, institution, result.partner_id)
    known, since, how = _knowing(facts, institution, partner_id)
    best = result.best.name if result.best else "?"
    head = f"{partner.name} is '{best}' (#{partner_id}, {result.score:.2f})"
    if known:
        when = f" since {since.isoformat()}" if since else ""
        return PartyOutcome(
            partner,
            result,
            "known",
            partner_id,
            since,
            (f"{head}, known to {institution}{when} ({how})",),
        )
    return PartyOutcome(partner, result, "new", partner_id, None, (f"{head}, {how}",))


def _survivor_facts(session: Session, institution: str, partner_id: int) -> tuple[int, _Facts]:
    """The entry `partner_id` survives as (see `repository.survivor`) and its facts."""
    facts = _facts(session, institution, partner_id)
    if facts.merged_into_id is None:
        return partner_id, facts
    target = survivor(session, facts.merged_into_id)
    return target, _facts(session, institution, target)


def _find_duplicate(
    session: Session,
    *,
    institution: str,
    draft: AgreementDraft,
    parties: list[PartyOutcome],
    article_id: int | None,
    published: date | None,
    index: PartnerIndex,
    settings: DiffSettings,
) -> tuple[int, str] | None:
    if article_id is not None:
        already = agreement_for_article(session, article_id)
        if already is not None:
            return already, f"this article was already counted as a report of agreement #{already}"
    if not parties:
        return None
    keys = {_party_key_for_draft(p, index) for p in parties}
    reference = draft.signed_on or published
    if reference is None:
        return None
    window = timedelta(days=max(settings.undated_window_days, settings.same_signing_days))
    low, high = reference - window, reference + window
    # An undated agreement's date is its article's publication day (UTC), else the day it was
    # stored: only those within the window are candidates (a day of slack each side; the exact
    # test is below).
    start = datetime.combine(low - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(high + timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    rows = session.execute(
        _NEAR,
        {
            "institution": institution,
            "low": low,
            "high": high,
            "start": start,
            "end": end,
        },
    ).all()
    candidates: list[tuple[int, str]] = []
    for agreement_id, signed_on, first_published, created_at in rows:
        if signed_on and draft.signed_on:
            gap = abs((signed_on - draft.signed_on).days)
            if gap > settings.same_signing_days:
                continue
            why = f"signed {signed_on.isoformat()}, {gap} day(s) from this report's date"
        else:
            theirs = signed_on or _day(first_published) or _day(created_at)
            if theirs is None:
                continue
            gap = abs((theirs - reference).days)
            if gap > settings.undated_window_days:
                continue
            why = f"{gap} day(s) apart without a signing date on one side"
        candidates.append((agreement_id, why))
    stored = _stored_keys_of(session, [a for a, _ in candidates], index)
    for agreement_id, why in candidates:
        if stored.get(agreement_id, set()) == keys:
            return agreement_id, f"duplicate of agreement #{agreement_id}: same partners, {why}"
    return None


_NEAR = (
    select(
        _AGREEMENTS.c.id,
        _AGREEMENTS.c.signed_on,
        _ARTICLES.c.published_at,
        _AGREEMENTS.c.created_at,
    )
    .select_from(_AGREEMENTS)
    .outerjoin(_ARTICLES, _ARTICLES.c.id == _AGREEMENTS.c.first_article_id)
    .where(
        _AGREEMENTS.c.institution == bindparam("institution"),
        or_(
            _AGREEMENTS.c.signed_on.between(bindparam("low"), bindparam("high")),
            and_(
                _AGREEMENTS.c.signed_on.is_(None),
                or_(
                    _ARTICLES.c.published_at.between(bindparam("start"), bindparam("end")),
                    and_(
                        _ARTICLES.c.published_at.is_(None),
                        _AGREEMENTS.c.created_at.between(bindparam("start"), bindparam("end")),
                    ),
                ),
            ),
        ),
    )
    .order_by(_AGREEMENTS.c.id)
)


# With what each partner was merged into: a partner never merged is its own survivor, and
# only the others need `survivor`'s walk.
_PARTIES_OF = (
    select(
        _AGREEMENT_PARTNERS.c.agreement_id,
        _AGREEMENT_PARTNERS.c.partner_id,
        _AGREEMENT_PARTNERS.c.name_as_written,
        _PARTNERS.c.merged_into_id,
    )
    .select_from(_AGREEMENT_PARTNERS)
    .outerjoin(_PARTNERS, _PARTNERS.c.id == _AGREEMENT_PARTNERS.c.partner_id)
    .where(_AGREEMENT_PARTNERS.c.agreement_id.in_(bindparam("ids", expanding=True)))
)


def _stored_keys_of(
    session: Session, agreement_ids: list[int], index: PartnerIndex
) -> dict[int, set[str]]:
    """The partner keys of each agreement, read in a few queries whatever their number."""
    keys: dict[int, set[str]] = {}
    survivors: dict[int, int] = {}
    names: dict[str, str] = {}
    for batch in chunked(agreement_ids):
        rows = session.execute(_PARTIES_OF, {"ids": batch})
        for agreement_id, partner_id, name, merged_into_id in rows:
            if partner_id is not None:
                if partner_id not in survivors:
                    survivors[partner_id] = (
                        partner_id if merged_into_id is None else survivor(session, merged_into_id)
                    )
                key = f"#{survivors[partner_id]}"
            else:
                if name not in names:
                    names[name] = "name:" + analyse(name, index.equivalents).key
                key = names[name]
            keys.setdefault(agreement_id, set()).add(key)
    return keys


# -- writing what the decision implies ---------------------------------------------------------


def learn(
    session: Session, outcome: Outcome, *, article_id: int | None, published: date | None
) -> list[Party]:
    """Register the outcome's never-seen partners (origin 'learnt', with the article), record
    registry partners new to this institution as its partners, and return the parties for
    `store.agreements.save_agreement`. A duplicate teaches nothing."""
    parties: list[Party] = []
    since = outcome.signed_on or published
    for party in outcome.parties:
        draft, partner_id = party.draft, party.partner_id
        was_new = party.status == "new"
        if outcome.kind != "duplicate" and party.status == "new":
            if partner_id is None:
                partner_id = learn_partner(
                    session,
                    name=draft.name,
                    acronym=draft.acronym,
                    mentions=draft.mentions,
                    country=draft.country,
                    kind=draft.kind,
                    institution=outcome.institution,
                    since=since,
                    article_id=article_id,
                )
            else:
                add_institution(session, partner_id, outcome.institution)
        parties.append(
            Party(
                name=draft.name,
                acronym=draft.acronym,
                country=draft.country,
                kind=draft.kind,
                partner_id=partner_id,
                match_status=party.match.status,
                match_score=party.match.score,
                was_new=was_new,
            )
        )
    session.flush()
    return parties


# -- corrections ----------------------------------------------------------------------------


def _party_row(session: Session, agreement_id: int, position: int) -> AgreementPartnerRecord:
    row = session.scalar(
        select(AgreementPartnerRecord).where(
            AgreementPartnerRecord.agreement_id == agreement_id,
            AgreementPartnerRecord.position == position,
        )
    )
    if row is None:
        raise PartnerError(f"agreement #{agreement_id} has no partner at position {position}")
    return row


def _recompute(session: Session, agreement_id: int) -> str:
    """The agreement's outcome after a correction: known only if no party was new or open."""
    agreement = session.get(AgreementRecord, agreement_id)
    if agreement is None:
        raise PartnerError(f"no agreement #{agreement_id}")
    rows = session.scalars(
        select(AgreementPartnerRecord).where(AgreementPartnerRecord.agreement_id == agreement_id)
    ).all()
    if agreement.outcome != "duplicate":
        if any(r.partner_id is None or r.match_status == "review" for r in rows):
            agreement.outcome = "review"
        elif any(r.was_new for r in rows):
            agreement.outcome = "new_partner"
        else:
            agreement.outcome = "known_partner"
    session.flush()
    return agreement.outcome


def correct_same(
    session: Session,
    agreement_id: int,
    position: int,
    partner_id: int,
    *,
    note: str | None = None,
) -> str:
    """An admin says the agreement's partner at `position` is registry entry `partner_id`.

    The party is repointed; an entry learnt from this very party is merged into the chosen
    one (history follows); the written name becomes an alias, so the next article matches.
    Returns the agreement's outcome after the correction.
    """
    from pactwatch.partners.repository import merge_partners

    target = survivor(session, partner_id)
    row = _party_row(session, agreement_id, position)
    previous = row.partner_id
    agreement = session.get(AgreementRecord, agreement_id)
    institution = agreement.institution if agreement else ""
    known_before, _since, _how = known_since(session, institution, target)
    if previous is not None and previous != target:
        record = session.get(PartnerRecord, previous)
        if record is not None and record.origin == "learnt" and record.merged_into_id is None:
            merge_partners(
                session, target, previous, note=f"correction of agreement #{agreement_id}"
            )
    row.partner_id = target
    row.match_status = "matched"
    # Known before this agreement unless the only link is this agreement itself.
    others = session.scalar(
        select(AgreementPartnerRecord.id).where(
            AgreementPartnerRecord.partner_id == target,
            AgreementPartnerRecord.agreement_id != agreement_id,
        )
    )
    row.was_new = not (
        known_before and (others is not None or _listed(session, institution, target))
    )
    kinds = [("alias", row.name_as_written)] + ([("acronym", row.acronym)] if row.acronym else [])
    _add_names(session, target, [(value, kind) for kind, value in kinds if value])
    session.add(
        CorrectionRecord(
            agreement_id=agreement_id,
            partner_id=previous,
            action="same_as",
            target_partner_id=target,
            note=note or row.name_as_written,
        )
    )
    return _recompute(session, agreement_id)


def _listed(session: Session, institution: str, partner_id: int) -> bool:
    facts = _facts(session, institution, partner_id)
    return facts.exists and facts.listed


def correct_new(session: Session, agreement_id: int, position: int) -> str:
    """An admin says the agreement's partner at `position` is a partner we did not know.

    A learnt entry is made from the name as written and the party points at it; the wrong
    match is remembered, so that name is never matched to that entry again. Returns the
    agreement's outcome after the correction.
    """
    row = _party_row(session, agreement_id, position)
    agreement = session.get(AgreementRecord, agreement_id)
    if agreement is None:
        raise PartnerError(f"no agreement #{agreement_id}")
    wrong = row.partner_id
    new_id = learn_partner(
        session,
        name=row.name_as_written,
        acronym=row.acronym,
        mentions=(),
        country=row.country,
        kind=row.kind,
        institution=agreement.institution,
        since=agreement.signed_on or _day(agreement.created_at.astimezone(UTC)),
        article_id=agreement.first_article_id,
    )
    row.partner_id = new_id
    row.match_status = "matched"
    row.was_new = True
    session.add(
        CorrectionRecord(
            agreement_id=agreement_id,
            partner_id=wrong,
            action="new",
            target_partner_id=new_id,
            # The name as written: what `diff` must never match to `wrong` again.
            note=row.name_as_written,
        )
    )
    session.flush()
    return _recompute(session, agreement_id)
