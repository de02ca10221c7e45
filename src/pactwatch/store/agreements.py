"""Agreements in the database: one row per signing, one report per article that announced it.

Usage::

    agreement_id = save_agreement(session, institution="usth", draft=draft, outcome="new_partner",
                                  parties=parties, first_article_id=article_id,
                                  confidence=decision.confidence)
    add_report(session, agreement_id, article_id, decision=decision_json, ...)
    rows = list_agreements(session, since=date(2025, 1, 1))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from pactwatch.model import AgreementDraft
from pactwatch.store.models import (
    AgreementPartnerRecord,
    AgreementRecord,
    AgreementReportRecord,
    ArticleRecord,
    SignatoryRecord,
)
from pactwatch.store.sql import insert_ignore, table_of


@dataclass(frozen=True, slots=True)
class Party:
    """A party of an agreement as written, and what the registry made of it."""

    name: str
    acronym: str | None
    country: str | None
    kind: str
    partner_id: int | None
    match_status: str  # matched | new | review
    match_score: float = 0.0
    was_new: bool = False


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """An agreement as listed by `pactwatch agreements`."""

    id: int
    institution: str
    kind: str
    signed_on: date | None
    period_start: str | None
    period_end: str | None
    period_text: str | None
    renewal: bool
    areas: list[str]
    confidence: float
    outcome: str
    parties: list[Party]
    signatories: list[tuple[str, str | None, str | None]]
    article_url: str | None
    article_title: str | None
    published_at: datetime | None
    reports: int
    created_at: datetime


def save_agreement(
    session: Session,
    *,
    institution: str,
    draft: AgreementDraft,
    outcome: str,
    parties: Sequence[Party],
    first_article_id: int,
    confidence: float,
) -> int:
    """Insert a new agreement with its parties and signatories; returns its id."""
    session.flush()  # parties may name partners still pending in the session
    period = draft.period
    values = {
        "institution": institution,
        "kind": draft.kind,
        "signed_on": draft.signed_on,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "period_text": period.text if period else None,
        "renewal": draft.renewal,
        "areas": list(draft.areas),
        "confidence": confidence,
        "outcome": outcome,
        "first_article_id": first_article_id,
    }
    # Core statements built once: the unit of work cost more than the few rows it wrote.
    agreement_id: int = session.execute(_INSERT_AGREEMENT, values).scalar_one()
    if parties:
        rows = [
            {
                "agreement_id": agreement_id,
                "partner_id": party.partner_id,
                "position": position,
                "name_as_written": party.name,
                "acronym": party.acronym,
                "country": party.country,
                "kind": party.kind,
                "match_score": party.match_score,
                "match_status": party.match_status,
                "was_new": party.was_new,
            }
            for position, party in enumerate(parties)
        ]
        session.execute(_INSERT_PARTY, rows)
    if draft.signatories:
        people = [
            {
                "agreement_id": agreement_id,
                "name": person.name,
                "title": person.title,
                "organization": person.organization,
            }
            for person in draft.signatories
        ]
        session.execute(_INSERT_SIGNATORY, people)
    return agreement_id


_AGREEMENTS = table_of(AgreementRecord)
_INSERT_AGREEMENT = insert(_AGREEMENTS).returning(_AGREEMENTS.c.id)
_INSERT_PARTY = insert(table_of(AgreementPartnerRecord))
_INSERT_SIGNATORY = insert(table_of(SignatoryRecord))


def add_report(
    session: Session,
    agreement_id: int,
    article_id: int,
    *,
    confidence: float,
    reasons: Sequence[str],
    decision: dict[str, object],
) -> bool:
    """Record that `article_id` reported `agreement_id`; False when it was already recorded."""
    inserted = insert_ignore(
        session,
        AgreementReportRecord,
        {
            "agreement_id": agreement_id,
            "article_id": article_id,
            "confidence": confidence,
            "reasons": list(reasons),
            "decision": decision,
        },
        key=("agreement_id", "article_id"),
    )
    return inserted is not None


def agreement_for_article(session: Session, article_id: int) -> int | None:
    """The agreement an article was already counted as a report of, if any."""
    found: int | None = session.execute(_REPORTED, {"article_id": article_id}).scalar()
    return found


_REPORTS = table_of(AgreementReportRecord)
_REPORTED = select(_REPORTS.c.agreement_id).where(_REPORTS.c.article_id == bindparam("article_id"))


def list_agreements(
    session: Session,
    *,
    since: date | None = None,
    institution: str | None = None,
    include_duplicates: bool = True,
) -> list[AgreementRow]:
    """Agreements, newest signing first (undated ones by when they were found)."""
    reports = (
        select(AgreementReportRecord.agreement_id, func.count().label("n"))
        .group_by(AgreementReportRecord.agreement_id)
        .subquery()
    )
    stmt = (
        select(AgreementRecord, ArticleRecord, func.coalesce(reports.c.n, 0))
        .outerjoin(ArticleRecord, ArticleRecord.id == AgreementRecord.first_article_id)
        .outerjoin(reports, reports.c.agreement_id == AgreementRecord.id)
        .order_by(AgreementRecord.created_at.desc(), AgreementRecord.id.desc())
    )
    if institution is not None:
        stmt = stmt.where(AgreementRecord.institution == institution)
    if not include_duplicates:
        stmt = stmt.where(AgreementRecord.outcome != "duplicate")
    rows = session.execute(stmt).all()
    ids = [a.id for a, _, _ in rows]
    parties = _parties(session, ids)
    signatories = _signatories(session, ids)
    out = []
    for agreement, article, n in rows:
        published = article.published_at if article is not None else None
        when = agreement.signed_on or (published.date() if published else None)
        if since is not None and (when is None or when < since):
            continue
        out.append(
            AgreementRow(
                id=agreement.id,
                institution=agreement.institution,
                kind=agreement.kind,
                signed_on=agreement.signed_on,
                period_start=agreement.period_start,
                period_end=agreement.period_end,
                period_text=agreement.period_text,
                renewal=agreement.renewal,
                areas=list(agreement.areas or []),
                confidence=agreement.confidence,
                outcome=agreement.outcome,
                parties=parties.get(agreement.id, []),
                signatories=signatories.get(agreement.id, []),
                article_url=article.url if article else None,
                article_title=article.title if article else None,
                published_at=article.published_at if article else None,
                reports=int(n),
                created_at=agreement.created_at,
            )
        )
    return out


def _parties(session: Session, ids: list[int]) -> dict[int, list[Party]]:
    out: dict[int, list[Party]] = {}
    if not ids:
        return out
    stmt = (
        select(AgreementPartnerRecord)
        .where(AgreementPartnerRecord.agreement_id.in_(ids))
        .order_by(AgreementPartnerRecord.agreement_id, AgreementPartnerRecord.position)
    )
    for p in session.scalars(stmt):
        out.setdefault(p.agreement_id, []).append(
            Party(
                name=p.name_as_written,
                acronym=p.acronym,
                country=p.country,
                kind=p.kind,
                partner_id=p.partner_id,
                match_status=p.match_status,
                match_score=p.match_score,
                was_new=p.was_new,
            )
        )
    return out


def _signatories(
    session: Session, ids: list[int]
) -> dict[int, list[tuple[str, str | None, str | None]]]:
    out: dict[int, list[tuple[str, str | None, str | None]]] = {}
    if not ids:
        return out
    stmt = (
        select(SignatoryRecord)
        .where(SignatoryRecord.agreement_id.in_(ids))
        .order_by(SignatoryRecord.id)
    )
    for s in session.scalars(stmt):
        out.setdefault(s.agreement_id, []).append((s.name, s.title, s.organization))
    return out
