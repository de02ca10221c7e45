"""Group commit: concurrent writes share a transaction; one failing write loses only itself."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.orm import Session

from pactwatch.model import Article
from pactwatch.store import Database, batch, open_database, upgrade
from pactwatch.store.articles import known_urls, save_article
from pactwatch.store.batch import BatchWriter
from pactwatch.store.sources import sync_sources
from tests.test_store import source_config


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    upgrade(database.engine)
    yield database
    database.close()


@pytest.fixture
def source_id(db: Database) -> int:
    with db.session() as s, s.begin():
        return sync_sources(s, [source_config("usth-en")])["usth-en"]


def _article(n: int) -> Article:
    return Article(f"https://usth.edu.vn/en/news-{n}/", f"News {n}", None, "en", (f"Text {n}.",))


def _save(
    source_id: int, n: int, *, fails: int | None = None, runs: list[int] | None = None
) -> Callable[[Session], int]:
    """Work saving article `n`; it raises after writing when `n` is `fails`, and notes in
    `runs` each time it runs."""

    def work(session: Session) -> int:
        if runs is not None:
            runs.append(n)
        saved = save_article(session, source_id=source_id, institution="usth", article=_article(n))
        if n == fails:
            raise ValueError("boom after writing")
        return saved.article_id

    return work


def test_a_failing_write_is_rolled_back_alone_and_the_rest_is_committed(
    db: Database, source_id: int
) -> None:
    transactions = 0

    def count(*_: object) -> None:
        nonlocal transactions
        transactions += 1

    async def run() -> list[object]:
        writer = BatchWriter(db, size=4, wait=0.05)
        return list(
            await asyncio.gather(
                *(writer.run(_save(source_id, n, fails=3)) for n in range(6)),
                return_exceptions=True,
            )
        )

    from sqlalchemy import event

    event.listen(db.engine, "commit", count)
    try:
        outcomes = asyncio.run(run())
    finally:
        event.remove(db.engine, "commit", count)
    assert isinstance(outcomes[3], ValueError)
    assert all(isinstance(o, int) for i, o in enumerate(outcomes) if i != 3)
    # Six writes, two transactions: four when the batch was full, two when the timer fired.
    assert transactions == 2
    with db.session() as s:
        stored = known_urls(s, [_article(n).url for n in range(6)])
    assert stored == {_article(n).url for n in range(6) if n != 3}


def test_results_are_returned_only_once_committed(db: Database, source_id: int) -> None:
    seen: list[bool] = []

    async def run() -> None:
        writer = BatchWriter(db, size=100, wait=0.01)
        article_id = await writer.run(_save(source_id, 1))
        with db.session() as s:  # another connection sees it
            seen.append(bool(known_urls(s, [_article(1).url])) and article_id > 0)

    asyncio.run(run())
    assert seen == [True]


def test_a_failing_write_among_others_rolls_back_the_batch_once_and_says_so(
    db: Database, source_id: int
) -> None:
    runs: list[int] = []
    rollbacks: list[bool] = []

    async def run() -> list[object]:
        writer = BatchWriter(db, size=3, wait=0.05, on_rollback=lambda: rollbacks.append(True))
        return list(
            await asyncio.gather(
                *(writer.run(_save(source_id, n, fails=2, runs=runs)) for n in range(3)),
                return_exceptions=True,
            )
        )

    outcomes = asyncio.run(run())
    assert isinstance(outcomes[2], ValueError)
    # Written together first, then again each in a savepoint once the last one raised.
    assert runs == [0, 1, 2, 0, 1, 2]
    assert rollbacks == [True]
    with db.session() as s:
        stored = known_urls(s, [_article(n).url for n in range(3)])
    assert stored == {_article(0).url, _article(1).url}
    assert outcomes[:2] == sorted(outcomes[:2])  # ids in queue order


def test_a_prelude_runs_once_per_batch_and_not_when_items_are_written_alone(db: Database) -> None:
    preludes: list[list[int]] = []

    def prelude(session: Session, payloads: list[int]) -> list[str]:
        preludes.append(payloads)
        return [f"prepared {n}" for n in payloads]

    def work(n: int) -> object:
        def run(session: Session, prepared: str | None) -> str | None:
            if n == 5:
                raise ValueError("boom")
            return prepared

        return run

    async def run(numbers: range) -> list[object]:
        writer = BatchWriter(db, size=len(numbers), wait=0.05)
        return list(
            await asyncio.gather(
                *(writer.run_prepared(work(n), prelude=prelude, payload=n) for n in numbers),
                return_exceptions=True,
            )
        )

    assert asyncio.run(run(range(3))) == ["prepared 0", "prepared 1", "prepared 2"]
    assert preludes == [[0, 1, 2]]
    # An item raised: the batch is written again item by item, and each does without.
    outcomes = asyncio.run(run(range(4, 7)))
    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], ValueError)
    assert preludes == [[0, 1, 2], [4, 5, 6]]


def test_the_writer_refreshes_the_planner_statistics_now_and_then(
    db: Database, source_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite only: PostgreSQL's autovacuum keeps its statistics")
    monkeypatch.setattr(batch, "STATISTICS_EVERY", 2)

    def analysed() -> bool:
        with db.engine.connect() as connection:
            found = connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).scalar()
            return bool(found)

    async def run(n: int) -> object:
        return await BatchWriter(db, size=1).run(_save(source_id, n))

    asyncio.run(run(1))
    assert not analysed()
    writer = BatchWriter(db, size=1)

    async def twice() -> None:
        await writer.run(_save(source_id, 2))
        await writer.run(_save(source_id, 3))

    asyncio.run(twice())
    assert analysed()


def test_a_failing_prelude_leaves_each_item_to_do_its_own_writes(db: Database) -> None:
    def prelude(session: Session, payloads: list[int]) -> list[str]:
        raise RuntimeError("stored by another writer meanwhile")

    def work(session: Session, prepared: str | None) -> str:
        return f"alone, prepared {prepared}"

    async def run() -> str:
        writer = BatchWriter(db, size=1)
        return await writer.run_prepared(work, prelude=prelude, payload=1)

    assert asyncio.run(run()) == "alone, prepared None"
