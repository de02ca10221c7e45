"""Conditional GET state (ETag / Last-Modified) per listing or feed URL.

Usage::

    validators = get_validators(session, url)            # None the first time
    every = get_many_validators(session, urls)           # url → validators, for those known
    save_validators(session, url, Validators(etag='"abc"'))
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pactwatch.model import Validators
from pactwatch.store.models import HttpValidatorRecord
from pactwatch.store.sql import chunked, upsert
from pactwatch.store.types import utcnow


def get_validators(session: Session, url: str) -> Validators | None:
    """What the server sent for `url` last time, or None if it sent nothing usable."""
    record = session.get(HttpValidatorRecord, url)
    if record is None:
        return None
    return Validators(etag=record.etag, last_modified=record.last_modified)


def save_validators(session: Session, url: str, validators: Validators) -> None:
    """Remember `validators` for `url`; empty ones forget it (the server stopped sending them)."""
    if not validators:
        session.execute(delete(HttpValidatorRecord).where(HttpValidatorRecord.url == url))
        return
    upsert(
        session,
        HttpValidatorRecord,
        {
            "url": url,
            "etag": validators.etag,
            "last_modified": validators.last_modified,
            "updated_at": utcnow(),
        },
        key=("url",),
        update=("etag", "last_modified", "updated_at"),
    )


def get_many_validators(session: Session, urls: Iterable[str]) -> dict[str, Validators]:
    """`get_validators` for many URLs in a few queries: url → validators, for those that have
    some."""
    found: dict[str, Validators] = {}
    for batch in chunked(set(urls)):
        rows = session.execute(
            select(
                HttpValidatorRecord.url, HttpValidatorRecord.etag, HttpValidatorRecord.last_modified
            ).where(HttpValidatorRecord.url.in_(batch))
        )
        found.update((url, Validators(etag=etag, last_modified=lm)) for url, etag, lm in rows)
    return found
