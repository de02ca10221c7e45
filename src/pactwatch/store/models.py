"""The database schema: one typed model per table.

Usage::

    with db.session() as session:
        article = session.get(ArticleRecord, 1)

Every datetime column is `UTCDateTime` (aware UTC in, aware UTC out). Status-like columns are
plain strings (the allowed values are named in each column's comment) so that a new value never
needs a migration. Constraint names follow `NAMING_CONVENTION`, so migrations can refer to them
on every backend.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from pactwatch.store.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SourceStatus = str  # 'new' | 'ok' | 'failing' | 'blocked' | 'empty'
Outcome = str  # 'new_partner' | 'known_partner' | 'duplicate' | 'review'


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - read by SQLAlchemy at class creation
        datetime: UTCDateTime(),
        date: Date(),
        str: String(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[Any]: JSON(),
    }


def _fk(target: str, ondelete: str | None = None) -> ForeignKey:
    return ForeignKey(target, ondelete=ondelete)


# -- sources and crawling -------------------------------------------------------------------


class SourceRecord(Base):
    """A configured news source and its health; the lease lets one instance crawl it at a time."""

    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_due", "enabled", "next_run_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    institution: Mapped[str]
    kind: Mapped[str]
    url: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[SourceStatus] = mapped_column(
        default="new", comment="new|ok|failing|blocked|empty"
    )
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    next_run_at: Mapped[datetime | None]
    lease_owner: Mapped[str | None]
    lease_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HttpValidatorRecord(Base):
    """Conditional GET state (ETag / Last-Modified) for one listing or feed URL."""

    __tablename__ = "http_validators"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RobotsRecord(Base):
    """A site's robots.txt as last fetched, so a new process need not fetch it again within a
    day (RFC 9309 lets a crawler cache it up to 24 hours). `body` NULL: none (allow all)."""

    __tablename__ = "robots_txt"

    origin: Mapped[str] = mapped_column(Text, primary_key=True)
    body: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime]


class SourceRunRecord(Base):
    """One crawl of one source: what it saw and how it ended."""

    __tablename__ = "source_runs"
    __table_args__ = (Index("ix_source_runs_source_started", "source_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id", "CASCADE"))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(comment="ok|not_modified|empty|failed|blocked")
    links_seen: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    fetched: Mapped[int] = mapped_column(default=0)
    not_modified: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)


# -- articles -------------------------------------------------------------------------------


class ArticleRecord(Base):
    """An article, identified by its normalised canonical URL."""

    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_source_published", "source_id", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    institution: Mapped[str]
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    language: Mapped[str | None]
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class ArticleUrlRecord(Base):
    """Every normalised URL an article was found under, so a known link is never fetched again."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(_fk("articles.id", "CASCADE"), index=True)


class ArticleVersionRecord(Base):
    """The text of an article as fetched; a changed page is a new version."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(_fk("articles.id", "CASCADE"))
    content_hash: Mapped[str]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


# -- agreements -----------------------------------------------------------------------------


class AgreementRecord(Base):
    """One signing, however many articles reported it."""

    __tablename__ = "agreements"
    __table_args__ = (Index("ix_agreements_institution_signed", "institution", "signed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution: Mapped[str]
    kind: Mapped[str]
    signed_on: Mapped[date | None]
    period_start: Mapped[str | None]
    period_end: Mapped[str | None]
    period_text: Mapped[str | None] = mapped_column(Text)
    renewal: Mapped[bool] = mapped_column(Boolean, default=False)
    areas: Mapped[list[str]] = mapped_column(default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    outcome: Mapped[Outcome] = mapped_column(comment="new_partner|known_partner|duplicate|review")
    first_article_id: Mapped[int | None] = mapped_column(_fk("articles.id", "SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgreementReportRecord(Base):
    """One article's report of an agreement, with what the extraction decided from it."""

    __tablename__ = "agreement_reports"
    __table_args__ = (UniqueConstraint("agreement_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(_fk("agreements.id", "CASCADE"))
    article_id: Mapped[int] = mapped_column(_fk("articles.id", "CASCADE"), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = mapped_column(default=list)
    decision: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignatoryRecord(Base):
    __tablename__ = "signatories"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(_fk("agreements.id", "CASCADE"), index=True)
    name: Mapped[str]
    title: Mapped[str | None]
    organization: Mapped[str | None]


# -- partners -------------------------------------------------------------------------------


class PartnerRecord(Base):
    """A known partner: from config, learnt from an agreement, or added by an admin.

    A merged entry keeps its row and points at the survivor through `merged_into_id`.
    """

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    country: Mapped[str | None]
    kind: Mapped[str] = mapped_column(default="other")
    since: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(comment="config|learnt|admin")
    learnt_from_article_id: Mapped[int | None] = mapped_column(_fk("articles.id", "SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(_fk("partners.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PartnerNameRecord(Base):
    """A name, alias or acronym of a partner, with its normalised form for matching."""

    __tablename__ = "partner_names"
    __table_args__ = (UniqueConstraint("partner_id", "normalized"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(_fk("partners.id", "CASCADE"))
    name: Mapped[str]
    normalized: Mapped[str] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(default="name", comment="name|alias|acronym")


class PartnerInstitutionRecord(Base):
    """Whose partner it is; a partner without rows here is every institution's."""

    __tablename__ = "partner_institutions"

    partner_id: Mapped[int] = mapped_column(_fk("partners.id", "CASCADE"), primary_key=True)
    institution: Mapped[str] = mapped_column(primary_key=True)


class AgreementPartnerRecord(Base):
    """A party to an agreement as written in the article, and how it matched the registry."""

    __tablename__ = "agreement_partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(_fk("agreements.id", "CASCADE"), index=True)
    # Empty while the match awaits review.
    partner_id: Mapped[int | None] = mapped_column(_fk("partners.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name_as_written: Mapped[str]
    acronym: Mapped[str | None]
    country: Mapped[str | None]
    kind: Mapped[str] = mapped_column(default="other")
    match_score: Mapped[float] = mapped_column(Float, default=0.0)
    match_status: Mapped[str] = mapped_column(comment="matched|new|review")
    was_new: Mapped[bool] = mapped_column(Boolean, default=False)


class CorrectionRecord(Base):
    """An admin's correction of an outcome, kept so it can be explained and replayed."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int | None] = mapped_column(_fk("agreements.id", "CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(_fk("partners.id", "SET NULL"))
    action: Mapped[str]
    target_partner_id: Mapped[int | None] = mapped_column(_fk("partners.id", "SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- events and delivery --------------------------------------------------------------------


class EventRecord(Base):
    """Something worth telling people; `dedupe_key` makes creating it idempotent."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    institution: Mapped[str | None]
    agreement_id: Mapped[int | None] = mapped_column(_fk("agreements.id", "SET NULL"), index=True)
    source_id: Mapped[int | None] = mapped_column(_fk("sources.id", "SET NULL"), index=True)
    dedupe_key: Mapped[str] = mapped_column(unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reasons: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class OutboxRecord(Base):
    """One delivery of one event to one channel; (event, channel) is unique."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_id", "channel"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(_fk("events.id", "CASCADE"))
    channel: Mapped[str]
    status: Mapped[str] = mapped_column(default="pending", comment="pending|sent|dead")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    log: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    lease_owner: Mapped[str | None]
    lease_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- daemon state ---------------------------------------------------------------------------


class SchedulerStateRecord(Base):
    """When a scheduled job last ran and runs next, so schedules survive restarts."""

    __tablename__ = "scheduler_state"

    job_id: Mapped[str] = mapped_column(primary_key=True)
    next_run_at: Mapped[datetime | None]
    last_run_at: Mapped[datetime | None]


class DigestStateRecord(Base):
    """The period a digest channel last covered."""

    __tablename__ = "digest_state"

    channel: Mapped[str] = mapped_column(primary_key=True)
    last_sent_at: Mapped[datetime | None]
    period_start: Mapped[datetime | None]
