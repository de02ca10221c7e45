"""Group commit: the writes of concurrent tasks share one transaction, each in its own savepoint.

Usage::

    writer = BatchWriter(db)
    saved = await writer.run(lambda session: save_article(session, ...))
    # Rows the items of a batch can write together, before each item's own work:
    saved = await writer.run_prepared(work, prelude=save_new_articles, payload=new_article)

A crawl stores hundreds of articles a second, each a handful of statements; a transaction of its
own per article spends more on BEGIN/COMMIT (and, on SQLite, the WAL sync) than on the rows.
`run` queues the work; the queue is written when it holds `size` items or `wait` seconds after
the first one arrived, whichever comes first, in ONE transaction. An item that raises is rolled
back alone and its caller gets the exception, while the others are committed: the batch is
first written without savepoints (two statements per item saved), and only when an item raises
is that transaction rolled back and the batch written again with each item in a SAVEPOINT.
Work may therefore run twice: it keeps its state in the database, and whoever caches what work
wrote forgets it in `on_rollback`. Every item's caller resumes only after the commit: what it
awaited is durable.

A prelude (`run_prepared`) runs once per batch written together, before the items, with the
payloads of every item that named it in queue order: rows many items write alike take a few
statements for the batch instead of a few each. Each item's work is given what the prelude
returned for its payload, or None when the batch is written item by item (the prelude does not
run then, and the work does everything itself).

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

from pactwatch.store.db import Database, refresh_statistics

__all__ = ["BATCH_SIZE", "BATCH_WAIT", "BatchWriter"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
P = TypeVar("P")
R = TypeVar("R")
BATCH_SIZE = 20
BATCH_WAIT = 0.05  # seconds
# Batches between two refreshes of the database's planner statistics (see `_write`).
STATISTICS_EVERY = 200


Prelude = Callable[[Session, list[P]], list[R]]


@dataclass(frozen=True, slots=True)
class _Item:
    work: Callable[[Session, Any], Any]
    future: asyncio.Future[Any]
    prelude: Prelude[Any, Any] | None = None
    payload: Any = None


_Outcome = tuple[bool, Any]  # (True, result) or (False, the exception)
_Runner = Callable[[Session, list["_Item"]], list[_Outcome]]


class BatchWriter:
    """Writes queued work in shared transactions; see the module docstring."""

    def __init__(
        self,
        db: Database,
        *,
        size: int = BATCH_SIZE,
        wait: float = BATCH_WAIT,
        on_rollback: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.size = max(1, size)
        self.wait = wait
        # Called when a transaction with work done in it is rolled back.
        self.on_rollback = on_rollback
        self._queue: list[_Item] = []
        self._timer: asyncio.TimerHandle | None = None
        self._written = 0

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in the next batch's transaction; its result once committed."""
        return await self._queued(lambda session, _: work(session))

    async def run_prepared(
        self,
        work: Callable[[Session, R | None], T],
        *,
        prelude: Prelude[P, R],
        payload: P,
    ) -> T:
        """`run`, with `prelude` run first for the batch (see the module docstring): `work`
        gets what it returned for `payload`, or None."""
        return await self._queued(work, prelude, payload)

    async def _queued(
        self,
        work: Callable[[Session, Any], T],
        prelude: Prelude[Any, Any] | None = None,
        payload: Any = None,
    ) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append(_Item(work, future, prelude, payload))
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
        try:
            outcomes = self._write(batch, _together)
        except _Raised as raised:
            # Alone in its transaction, an item failed by itself: that is its outcome. Among
            # others, its failure took their writes too: they are written again without it.
            # A prelude's failure is no item's: each is written again doing its own writes.
            alone = len(batch) == 1 and raised.by_item
            outcomes = [(False, raised.error)] if alone else self._write(batch, _each)
        for item, (ok, value) in zip(batch, outcomes, strict=True):
            if item.future.done():
                continue
            if ok:
                item.future.set_result(value)
            else:
                item.future.set_exception(value)

    def _write(self, batch: list[_Item], run: _Runner) -> list[_Outcome]:
        """`run` the batch in one transaction; each item's outcome, once committed."""
        try:
            with self.db.session() as session, session.begin():
                outcomes = run(session, batch)
                self._written += 1
                if self._written % STATISTICS_EVERY == 0:
                    # A crawl grows tables from empty: the planner needs to hear of it, on the
                    # connection whose queries it planned (the writer's).
                    refresh_statistics(session)
                return outcomes
        except Exception as exc:
            if self.on_rollback is not None:
                self.on_rollback()
            if isinstance(exc, _Raised):
                raise
            logger.warning("store.batch_failed", exc_info=True)
            return [(False, exc)] * len(batch)  # the commit itself failed


class _Raised(Exception):
    """An item raised in a batch written without savepoints: the whole was rolled back."""

    def __init__(self, error: Exception, *, by_item: bool) -> None:
        super().__init__(error)
        self.error = error
        self.by_item = by_item  # False: by a prelude


def _together(session: Session, batch: list[_Item]) -> list[_Outcome]:
    try:
        prepared = _prepare(session, batch)
    except Exception as exc:  # the items' own writes: each does them alone then
        raise _Raised(exc, by_item=False) from exc
    outcomes: list[_Outcome] = []
    for position, item in enumerate(batch):
        try:
            outcomes.append((True, item.work(session, prepared.get(position))))
        except Exception as exc:
            raise _Raised(exc, by_item=True) from exc
    return outcomes


def _prepare(session: Session, batch: list[_Item]) -> dict[int, Any]:
    """Run each prelude once on its items' payloads; what it returned, by position in `batch`."""
    groups: dict[Prelude[Any, Any], list[int]] = {}
    for position, item in enumerate(batch):
        if item.prelude is not None:
            groups.setdefault(item.prelude, []).append(position)
    prepared: dict[int, Any] = {}
    for prelude, positions in groups.items():
        results = prelude(session, [batch[p].payload for p in positions])
        prepared.update(zip(positions, results, strict=True))
    return prepared


def _each(session: Session, batch: list[_Item]) -> list[_Outcome]:
    return [_one(session, item.work) for item in batch]


def _one(session: Session, work: Callable[[Session, Any], Any]) -> _Outcome:
    try:
        with session.begin_nested():
            return True, work(session, None)
    except Exception as exc:
        return False, exc
