"""Pages read in worker processes come back exactly as read in-process."""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from pactwatch.model import Article, Decision
from pactwatch.workers import PageReader, read_page, worker_count, worker_pool
from tests.conftest import REPO
from tests.support.sites import fixture_institutions, fixture_sources

SITES = REPO / "tests" / "fixtures" / "sites"


def _pages() -> list[tuple[str, str, bool]]:
    """(html, path, is_agreement) of every HUST fixture article."""
    manifest = json.loads((SITES / "hust" / "manifest.json").read_text(encoding="utf-8"))
    return [
        (
            (SITES / "hust" / e["path"].lstrip("/")).read_text(encoding="utf-8"),
            e["path"],
            bool(e["is_agreement"]),
        )
        for e in manifest
        if e["path"].endswith(".html")
    ]


def _read_all(reader: PageReader) -> list[tuple[Article, Decision]]:
    source = next(
        s
        for s in fixture_sources("http://127.0.0.1:1", "http://127.0.0.1:2")
        if s.institution == "hust"
    )
    institution = next(i for i in fixture_institutions() if i.id == source.institution)

    async def run() -> list[tuple[Article, Decision]]:
        return list(
            await asyncio.gather(
                *(
                    reader.read(
                        html,
                        "http://127.0.0.1:1" + path,
                        source,
                        institution=institution,
                        link=None,
                        countries={"Kyoto University": "JP"},
                    )
                    for html, path, _ in _pages()
                )
            )
        )

    return asyncio.run(run())


def test_pool_reads_like_the_event_loop() -> None:
    in_process = _read_all(PageReader(None))
    assert any(decision.is_agreement for _, decision in in_process)
    with worker_pool(1, inline_pages=0) as reader:
        assert reader.pool is not None
        pooled = _read_all(reader)
        # A second event loop (the bench's second pass, a daemon's next run) reuses the pool.
        again = _read_all(reader)
    assert pooled == in_process
    assert again == in_process


def test_small_runs_and_single_cpus_stay_in_process() -> None:
    assert worker_count(1) == 0
    assert worker_count(2) == 1
    with worker_pool(0) as reader:
        assert reader.pool is None
    with worker_pool(1, inline_pages=1000) as reader:
        assert _read_all(reader) == _read_all(PageReader(None))
        # Nothing was submitted: no worker process was ever started.
        assert not getattr(reader.pool, "_processes", None)


def test_read_page_is_what_the_pool_runs() -> None:
    html, path, _ = _pages()[0]
    source = next(
        s
        for s in fixture_sources("http://127.0.0.1:1", "http://127.0.0.1:2")
        if s.institution == "hust"
    )
    institution = next(i for i in fixture_institutions() if i.id == source.institution)
    article, decision = read_page(
        html, "http://127.0.0.1:1" + path, source, institution=institution, link=None, countries={}
    )
    assert article.paragraphs
    assert isinstance(decision, Decision)
    assert Path(path).suffix == ".html"


def test_a_dead_worker_leaves_every_page_read_in_process() -> None:
    in_process = _read_all(PageReader(None))
    with worker_pool(1, inline_pages=0) as reader:
        assert reader.pool is not None
        # A worker that dies (killed, out of memory) breaks the pool for every page after it.
        dying = reader.pool.submit(os._exit, 1)
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=30)
        assert _read_all(reader) == in_process
        assert reader.pool is None


def test_pages_go_to_the_pool_in_batches_and_come_back_in_their_places() -> None:
    class Counting(ThreadPoolExecutor):
        tasks = 0

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            Counting.tasks += 1
            return super().submit(fn, *args, **kwargs)

    in_process = _read_all(PageReader(None))
    with Counting(1) as pool:
        batched = _read_all(PageReader(pool, workers=1))
    assert batched == in_process
    # Two tasks go at once; the pages waiting meanwhile go together, BATCH_PAGES at a time.
    assert Counting.tasks < len(in_process)
