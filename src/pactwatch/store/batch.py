"""Group commit: the writes of concurrent tasks share one transaction, each in its own savepoint.

Usage::

    writer = BatchWriter(db)
    saved = await writer.run(lambda session: save_article(session, ...))

A crawl stores hundreds of articles a second, each a handful of statements; a transaction of its
own per article spends more on BEGIN/COMMIT (and, on SQLite, the WAL sync) than on the rows.
`run` queues the work; the queue is written when it holds `size` items or `wait` seconds after
the first one arrived, whichever comes first, in ONE transaction. Each item runs in a SAVEPOINT
(unless it is alone), so an item that raises is rolled back alone and its caller gets the
exception, while the others are committed. Every item's caller resumes only after the commit:
what it awaited is durable.

The batch is written synchronously on the event loop thread, with no ``await`` inside: a task
cancelled while it waits leaves its item in the batch, which is written whole or not at all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pactwatch.store.db import Database

__all__ = ["BATCH_SIZE", "BATCH_WAIT", "BatchWriter"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
BATCH_SIZE = 20
BATCH_WAIT = 0.05  # seconds


@dataclass(frozen=True, slots=True)
class _Item:
    work: Callable[[Session], Any]
    future: asyncio.Future[Any]


class BatchWriter:
    """Writes queued work in shared transactions; see the module docstring."""

    def __init__(self, db: Database, *, size: int = BATCH_SIZE, wait: float = BATCH_WAIT) -> None:
        self.db = db
        self.size = max(1, size)
        self.wait = wait
        self._queue: list[_Item] = []
        self._timer: asyncio.TimerHandle | None = None

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in the next batch's transaction; its result once committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append(_Item(work, future))
        if len(self._queue) >= self.size:
            self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.wait, self.flush)
        # Shielded: a caller cancelled while waiting must not cancel what others share.
        return await asyncio.shield(future)

    def flush(self) -> None:
        """Write everything queued now (also called by the timer)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._queue = self._queue, []
        if not batch:
            return
        outcomes: list[tuple[bool, Any]] = []
        # Alone in its transaction, an item needs no savepoint: rolling back the whole rolls
        # back just it. What it raised is its own failure, not the batch's.
        alone: Exception | None = None
        try:
            with self.db.session() as session, session.begin():
                if len(batch) == 1:
                    try:
                        outcomes.append((True, batch[0].work(session)))
                    except Exception as exc:
                        alone = exc
                        raise
                else:
                    for item in batch:
                        outcomes.append(_one(session, item.work))
        except Exception as exc:  # the commit itself failed: nothing of the batch is stored
            if exc is not alone:
                logger.warning("store.batch_failed", exc_info=True)
            outcomes = [(False, exc)] * len(batch)
        for item, (ok, value) in zip(batch, outcomes, strict=True):
            if item.future.done():
                continue
            if ok:
                item.future.set_result(value)
            else:
                item.future.set_exception(value)


def _one(session: Session, work: Callable[[Session], Any]) -> tuple[bool, Any]:
    try:
        with session.begin_nested():
            return True, work(session)
    except Exception as exc:
        return False, exc
