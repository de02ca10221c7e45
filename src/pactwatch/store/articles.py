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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from pactwatch.model import Article
from pactwatch.store.models import (
    ArticleRecord,
    ArticleUrlRecord,
    ArticleVersionRecord,
    SourceRecord,
)
from pactwatch.store.sql import (
    chunked,
    insert_ignore,
    insert_ignore_many,
    insert_ignore_returning,
    table_of,
)
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
        found.update(url for url, _ in session.execute(_BY_URLS, {"urls": batch}))
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
    all_urls = _all_urls(article, urls)
    digest = content_hash(article)
    article_id = _find_article_id(session, article.url, all_urls)
    if article_id is None:
        article_id = _insert_article(session, source_id, institution, article, fetched_at)
        if article_id is not None:
            version_id = _insert_version(session, article_id, article, digest, fetched_at)
            _add_urls(session, article_id, all_urls)
            return SavedArticle(article_id, version_id, "new", digest)
        # Another writer stored it between our look-up and our insert: a refetch of theirs.
        by_url = select(ArticleRecord.id).where(ArticleRecord.url == article.url)
        article_id = session.scalar(by_url)
        if article_id is None:
            raise RuntimeError(f"{article.url} conflicted on insert but cannot be found")
    _refresh(session, article_id, article, fetched_at)
    version_id, changed = _store_version(session, article_id, article, digest, fetched_at)
    _add_urls(session, article_id, all_urls)
    return SavedArticle(article_id, version_id, "changed" if changed else "unchanged", digest)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store, as `save_article` takes it."""

    source_id: int
    institution: str
    article: Article
    urls: frozenset[str] = frozenset()


def save_new_articles(
    session: Session, items: Sequence[NewArticle], *, fetched_at: datetime | None = None
) -> list[SavedArticle | None]:
    """Store, in a few statements for them all, the leading `items` that are new articles;
    what `save_article` one by one would have saved for them, None for the rest.

    An item is new when none of its URLs is stored yet nor shared with an earlier item. The
    first item that is not new ends the run: it and every item after it are left to
    `save_article`, in order, so that ids come out as one by one. Raises when another writer
    stored one of the articles meanwhile (nothing usable is written then: roll back).
    """
    fetched_at = fetched_at or utcnow()
    url_sets = [_all_urls(item.article, item.urls) for item in items]
    taken = known_urls(session, set().union(*url_sets))
    leading: list[tuple[NewArticle, set[str]]] = []
    for item, urls in zip(items, url_sets, strict=True):
        if not urls.isdisjoint(taken):
            break
        taken |= urls
        leading.append((item, urls))
    if not leading:
        return [None] * len(items)
    rows = [_article_values(i.source_id, i.institution, i.article, fetched_at) for i, _ in leading]
    ids = dict(
        insert_ignore_returning(session, ArticleRecord, rows, key=("url",), returning=("url", "id"))
    )
    if len(ids) != len(leading):
        raise RuntimeError("an article was stored by another writer meanwhile")
    digests = [content_hash(item.article) for item, _ in leading]
    versions = [
        _version_values(ids[item.article.url], item.article, digest, fetched_at)
        for (item, _), digest in zip(leading, digests, strict=True)
    ]
    version_ids = {a: v for v, a in session.execute(_INSERT_VERSIONS, versions)}
    links = [
        {"url": url, "article_id": ids[item.article.url]}
        for item, urls in leading
        for url in sorted(urls)
    ]
    insert_ignore_many(session, ArticleUrlRecord, links, key=("url",))
    saved: list[SavedArticle | None] = [
        SavedArticle(ids[item.article.url], version_ids[ids[item.article.url]], "new", digest)
        for (item, _), digest in zip(leading, digests, strict=True)
    ]
    return saved + [None] * (len(items) - len(leading))


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


# Built once: building and cache-keying a statement costs more than SQLite takes to run it.
# On the Core table, not the mapped class: an ORM-enabled select costs twice as much to run.
_URLS = table_of(ArticleUrlRecord)
_BY_URLS = select(_URLS.c.url, _URLS.c.article_id).where(
    _URLS.c.url.in_(bindparam("urls", expanding=True))
)


_VERSIONS = table_of(ArticleVersionRecord)
_INSERT_VERSION = insert(_VERSIONS).returning(_VERSIONS.c.id)
# Many at once: the rows come back in no promised order, told apart by their article.
_INSERT_VERSIONS = insert(_VERSIONS).returning(_VERSIONS.c.id, _VERSIONS.c.article_id)


def _all_urls(article: Article, urls: Iterable[str]) -> set[str]:
    found = {article.url, *urls}
    if article.fetched_url:
        found.add(article.fetched_url)
    return found


def _find_article_id(session: Session, canonical: str, urls: set[str]) -> int | None:
    # Every stored article has its canonical URL among its URLs; prefer an exact match, then
    # the oldest article.
    found = session.execute(_BY_URLS, {"urls": sorted(urls)}).all()
    if not found:
        return None
    exact = [int(article_id) for url, article_id in found if url == canonical]
    return min(exact) if exact else min(int(article_id) for _, article_id in found)


def _article_values(
    source_id: int, institution: str, article: Article, fetched_at: datetime
) -> dict[str, object]:
    return {
        "url": article.url,
        "source_id": source_id,
        "institution": institution,
        "title": article.title,
        "published_at": article.published,
        "language": article.language,
        "first_seen_at": fetched_at,
        "last_fetched_at": fetched_at,
    }


def _insert_article(
    session: Session, source_id: int, institution: str, article: Article, fetched_at: datetime
) -> int | None:
    values = _article_values(source_id, institution, article, fetched_at)
    # ON CONFLICT, not a savepoint: losing a race on the URL leaves the transaction usable.
    inserted: int | None = insert_ignore(session, ArticleRecord, values, key=("url",))
    return inserted


def _refresh(session: Session, article_id: int, article: Article, fetched_at: datetime) -> None:
    values: dict[str, object] = {"last_fetched_at": fetched_at}
    if article.title:
        values["title"] = article.title
    if article.published is not None:
        values["published_at"] = article.published
    if article.language:
        values["language"] = article.language
    articles = table_of(ArticleRecord)
    session.execute(update(articles).where(articles.c.id == article_id), values)


def _latest_version(session: Session, article_id: int) -> ArticleVersionRecord | None:
    stmt = (
        select(ArticleVersionRecord)
        .where(ArticleVersionRecord.article_id == article_id)
        .order_by(ArticleVersionRecord.fetched_at.desc(), ArticleVersionRecord.id.desc())
        .limit(1)
    )
    return session.execute(stmt).scalar_one_or_none()


def _version_values(
    article_id: int, article: Article, digest: str, fetched_at: datetime
) -> dict[str, object]:
    return {
        "article_id": article_id,
        "content_hash": digest,
        "fetched_at": fetched_at,
        "title": article.title,
        "text": article.text,
    }


def _insert_version(
    session: Session, article_id: int, article: Article, digest: str, fetched_at: datetime
) -> int:
    values = _version_values(article_id, article, digest, fetched_at)
    version_id: int = session.execute(_INSERT_VERSION, values).scalar_one()
    return version_id


def _store_version(
    session: Session, article_id: int, article: Article, digest: str, fetched_at: datetime
) -> tuple[int, bool]:
    """The id of the version holding `digest` and whether it differs from the latest one."""
    known = session.execute(
        select(ArticleVersionRecord.id, ArticleVersionRecord.content_hash)
        .where(ArticleVersionRecord.article_id == article_id)
        .order_by(ArticleVersionRecord.fetched_at.desc(), ArticleVersionRecord.id.desc())
    ).all()
    if known and known[0].content_hash == digest:
        return known[0].id, False
    for version_id, version_hash in known[1:]:
        if version_hash == digest:
            # The page went back to an earlier text: that version is the latest again.
            versions = table_of(ArticleVersionRecord)
            stmt = update(versions).where(versions.c.id == version_id)
            session.execute(stmt, {"fetched_at": fetched_at})
            return version_id, True
    return _insert_version(session, article_id, article, digest, fetched_at), bool(known)


def _add_urls(session: Session, article_id: int, urls: set[str]) -> None:
    # URLs already pointing at another article keep pointing there: first come, first kept.
    rows = [{"url": url, "article_id": article_id} for url in sorted(urls)]
    insert_ignore_many(session, ArticleUrlRecord, rows, key=("url",))
