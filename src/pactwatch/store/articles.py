"""Articles in the database: which links are known, storing a fetch, listing what is stored.

Usage::

    unknown = [link for link in links if link.url not in known_urls(session, urls)]
    saved = save_article(session, source_id=1, institution="usth", article=article,
                         urls=[link.url, page.final_url])
    saved.change   # 'new' | 'changed' | 'unchanged'

An article's identity is its normalised canonical URL; every other URL it was found under is
kept in `article_urls`, so no known link is fetched twice. All URLs given here must already be
normalised: the store compares them as strings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pactwatch.model import Article
from pactwatch.store.models import (
    ArticleRecord,
    ArticleUrlRecord,
    ArticleVersionRecord,
    SourceRecord,
)
from pactwatch.store.sql import chunked, insert_ignore
from pactwatch.store.types import utcnow

ArticleChange = Literal["new", "changed", "unchanged"]


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """What storing a fetched article did."""

    article_id: int
    version_id: int
    change: ArticleChange
    content_hash: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A stored article as listed by `pactwatch articles`."""

    id: int
    url: str
    source: str
    institution: str
    title: str | None
    published_at: datetime | None
    language: str | None
    first_seen_at: datetime
    last_fetched_at: datetime
    versions: int


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """The text of an article as fetched at one time."""

    id: int
    article_id: int
    content_hash: str
    fetched_at: datetime
    title: str | None
    text: str


def content_hash(article: Article) -> str:
    """A digest of what a reader sees (title and text): equal hashes mean an unchanged page."""
    payload = f"{article.title or ''}\x00{article.text}".encode()
    return hashlib.sha256(payload).hexdigest()


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """The subset of `urls` under which an article is already stored."""
    found: set[str] = set()
    for batch in chunked(set(urls)):
        rows = session.execute(select(ArticleUrlRecord.url).where(ArticleUrlRecord.url.in_(batch)))
        found.update(rows.scalars())
    return found


def save_article(
    session: Session,
    *,
    source_id: int,
    institution: str,
    article: Article,
    urls: Iterable[str] = (),
    fetched_at: datetime | None = None,
) -> SavedArticle:
    """Store a fetched article with every URL it was found under.

    A first fetch inserts the article and its first version ('new'). A refetch whose title and
    text hash like the latest version's is 'unchanged'; otherwise it becomes the latest version
    ('changed'). The article is found by its canonical URL or by any of `urls`, so a page whose
    canonical URL changed is still the same article.
    """
    fetched_at = fetched_at or utcnow()
    all_urls = {article.url, *urls}
    if article.fetched_url:
        all_urls.add(article.fetched_url)
    digest = content_hash(article)
    record = _find_article(session, article.url, all_urls)
    if record is None:
        record = _insert_article(session, source_id, institution, article, fetched_at)
        change: ArticleChange = "new"
        if record is None:  # another writer stored it first: this is a refetch of theirs
            record = _find_article(session, article.url, all_urls)
            if record is None:
                raise RuntimeError(f"{article.url} conflicted on insert but cannot be found")
            change = "unchanged"
    else:
        change = "unchanged"
    if change != "new":
        _refresh(record, article, fetched_at)
    version_id, changed = _store_version(session, record.id, article, digest, fetched_at)
    if change == "unchanged" and changed:
        change = "changed"
    _add_urls(session, record.id, all_urls)
    return SavedArticle(record.id, version_id, change, digest)


def latest_version(session: Session, article_id: int) -> ArticleVersion | None:
    """The most recently fetched text of an article."""
    record = _latest_version(session, article_id)
    if record is None:
        return None
    return ArticleVersion(
        id=record.id,
        article_id=record.article_id,
        content_hash=record.content_hash,
        fetched_at=record.fetched_at,
        title=record.title,
        text=record.text,
    )


def list_articles(
    session: Session,
    *,
    source: str | None = None,
    since: date | None = None,
    limit: int | None = None,
) -> list[ArticleRow]:
    """Stored articles, newest first. `since` compares the publication date (or, without one,
    the date first seen) in UTC."""
    versions = (
        select(ArticleVersionRecord.article_id, func.count().label("n"))
        .group_by(ArticleVersionRecord.article_id)
        .subquery()
    )
    when = func.coalesce(ArticleRecord.published_at, ArticleRecord.first_seen_at)
    stmt = (
        select(ArticleRecord, SourceRecord.name, func.coalesce(versions.c.n, 0))
        .join(SourceRecord, SourceRecord.id == ArticleRecord.source_id)
        .outerjoin(versions, versions.c.article_id == ArticleRecord.id)
        .order_by(when.desc(), ArticleRecord.id.desc())
    )
    if source is not None:
        stmt = stmt.where(SourceRecord.name == source)
    if since is not None:
        # The bound value goes through UTCDateTime, so both backends compare the same instant.
        stmt = stmt.where(when >= datetime.combine(since, time.min, tzinfo=UTC))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        ArticleRow(
            id=a.id,
            url=a.url,
            source=name,
            institution=a.institution,
            title=a.title,
            published_at=a.published_at,
            language=a.language,
            first_seen_at=a.first_seen_at,
            last_fetched_at=a.last_fetched_at,
            versions=int(n),
        )
        for a, name, n in session.execute(stmt)
    ]


def _find_article(session: Session, canonical: str, urls: set[str]) -> ArticleRecord | None:
    record = session.execute(
        select(ArticleRecord).where(ArticleRecord.url == canonical)
    ).scalar_one_or_none()
    if record is not None:
        return record
    by_alias = (
        select(ArticleRecord)
        .join(ArticleUrlRecord, ArticleUrlRecord.article_id == ArticleRecord.id)
        .where(ArticleUrlRecord.url.in_(sorted(urls)))
        .order_by(ArticleRecord.id)
        .limit(1)
    )
    return session.execute(by_alias).scalar_one_or_none()


def _insert_article(
    session: Session, source_id: int, institution: str, article: Article, fetched_at: datetime
) -> ArticleRecord | None:
    record = ArticleRecord(
        url=article.url,
        source_id=source_id,
        institution=institution,
        title=article.title,
        published_at=article.published,
        language=article.language,
        first_seen_at=fetched_at,
        last_fetched_at=fetched_at,
    )
    try:
        # A savepoint, so losing a race on the unique URL keeps the caller's transaction.
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return None
    return record


def _refresh(record: ArticleRecord, article: Article, fetched_at: datetime) -> None:
    record.last_fetched_at = fetched_at
    if article.title:
        record.title = article.title
    if article.published is not None:
        record.published_at = article.published
    if article.language:
        record.language = article.language


def _latest_version(session: Session, article_id: int) -> ArticleVersionRecord | None:
    stmt = (
        select(ArticleVersionRecord)
        .where(ArticleVersionRecord.article_id == article_id)
        .order_by(ArticleVersionRecord.fetched_at.desc(), ArticleVersionRecord.id.desc())
        .limit(1)
    )
    return session.execute(stmt).scalar_one_or_none()


def _store_version(
    session: Session, article_id: int, article: Article, digest: str, fetched_at: datetime
) -> tuple[int, bool]:
    """The id of the version holding `digest` and whether it differs from the latest one."""
    latest = _latest_version(session, article_id)
    if latest is not None and latest.content_hash == digest:
        return latest.id, False
    earlier = session.execute(
        select(ArticleVersionRecord).where(
            ArticleVersionRecord.article_id == article_id,
            ArticleVersionRecord.content_hash == digest,
        )
    ).scalar_one_or_none()
    if earlier is not None:
        # The page went back to an earlier text: that version is the latest again.
        earlier.fetched_at = fetched_at
        session.flush()
        return earlier.id, True
    version = ArticleVersionRecord(
        article_id=article_id,
        content_hash=digest,
        fetched_at=fetched_at,
        title=article.title,
        text=article.text,
    )
    session.add(version)
    session.flush()
    return version.id, latest is not None


def _add_urls(session: Session, article_id: int, urls: set[str]) -> None:
    # URLs already pointing at another article keep pointing there: first come, first kept.
    for url in sorted(urls):
        row = {"url": url, "article_id": article_id}
        insert_ignore(session, ArticleUrlRecord, row, key=("url",))
