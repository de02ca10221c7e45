"""The daemon's HTTP clients: one shared `Fetcher` at a time, counted and renewed.

Usage::

    pool = FetcherPool(settings.http, metrics, max_age=86400)
    async with pool.use() as fetcher:
        result = await run_source(source, replace(deps, fetcher=fetcher))
    await pool.close()

Sharing one fetcher lets runs of different sources on the same host keep that host's delay
between them. A `Fetcher` remembers robots.txt for its whole life, so the pool starts a fresh
one after `max_age` (or when the HTTP settings change on reload); the old one is closed when
its last run is done.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from pactwatch.config import HttpSettings
from pactwatch.daemon.metrics import Metrics
from pactwatch.fetch import MARKUP_TYPES, Fetcher, FetchResult
from pactwatch.model import Validators

DEFAULT_MAX_AGE = 24 * 3600.0  # seconds: robots.txt is re-read once a day


class MeteredFetcher(Fetcher):
    """A `Fetcher` that counts each fetch by host and status for /metrics."""

    def __init__(self, settings: HttpSettings, metrics: Metrics) -> None:
        super().__init__(settings)
        self.metrics = metrics

    async def fetch(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        allowed_hosts: frozenset[str] | None = None,
        min_delay: float | None = None,
        accept: frozenset[str] | None = MARKUP_TYPES,
    ) -> FetchResult:
        result = await super().fetch(
            url,
            validators=validators,
            allowed_hosts=allowed_hosts,
            min_delay=min_delay,
            accept=accept,
        )
        self.metrics.observe_fetch(result)
        return result


@dataclass
class _Generation:
    fetcher: MeteredFetcher
    born: float
    users: int = 0
    retired: bool = False


class FetcherPool:
    """Hands out the current fetcher; see the module docstring."""

    def __init__(
        self, http: HttpSettings, metrics: Metrics, *, max_age: float = DEFAULT_MAX_AGE
    ) -> None:
        self.http, self.metrics, self.max_age = http, metrics, max_age
        self._current: _Generation | None = None

    async def _generation(self) -> _Generation:
        current = self._current
        if current is not None and time.monotonic() - current.born < self.max_age:
            return current
        if current is not None:
            await self._retire(current)
        fresh = _Generation(MeteredFetcher(self.http, self.metrics), time.monotonic())
        await fresh.fetcher.__aenter__()
        self._current = fresh
        return fresh

    @asynccontextmanager
    async def use(self) -> AsyncIterator[Fetcher]:
        generation = await self._generation()
        generation.users += 1
        try:
            yield generation.fetcher
        finally:
            generation.users -= 1
            if generation.retired and generation.users == 0:
                await generation.fetcher.__aexit__(None, None, None)

    async def renew(self, http: HttpSettings) -> None:
        """Use `http` from the next run on (runs in flight keep their fetcher)."""
        self.http = http
        if self._current is not None:
            await self._retire(self._current)
            self._current = None

    async def _retire(self, generation: _Generation) -> None:
        generation.retired = True
        if generation.users == 0:
            await generation.fetcher.__aexit__(None, None, None)

    async def close(self) -> None:
        if self._current is not None:
            await self._retire(self._current)
            self._current = None
