"""robots.txt files kept between processes, so a cron crawl does not fetch every one each run.

Usage::

    texts = load_robots(session, max_age=86400)     # origin → (fetched_at, body or None)
    save_robots(session, {"https://usth.edu.vn": (fetched_at, body)})

A body of None records that the site has no robots.txt (a 4xx: everything allowed).
RFC 9309 §2.4: a crawler should not use a cached robots.txt for more than 24 hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pactwatch.store.models import RobotsRecord
from pactwatch.store.sql import upsert
from pactwatch.store.types import utcnow

RobotsText = tuple[datetime, str | None]


def load_robots(
    session: Session, *, max_age: float, now: datetime | None = None
) -> dict[str, RobotsText]:
    """Every stored robots.txt fetched less than `max_age` seconds ago."""
    oldest = (now or utcnow()) - timedelta(seconds=max_age)
    rows = session.execute(
        select(RobotsRecord.origin, RobotsRecord.fetched_at, RobotsRecord.body).where(
            RobotsRecord.fetched_at > oldest
        )
    )
    return {origin: (fetched_at, body) for origin, fetched_at, body in rows}


def save_robots(session: Session, texts: Mapping[str, RobotsText]) -> None:
    """Remember each origin's robots.txt (replacing what was stored for it)."""
    for origin, (fetched_at, body) in texts.items():
        upsert(
            session,
            RobotsRecord,
            {"origin": origin, "body": body, "fetched_at": fetched_at},
            key=("origin",),
            update=("body", "fetched_at"),
        )
