"""Keep-alive connections for a crawl of many hosts at once: one small pool per host.

Usage::

    transport = HostPools(lambda: httpx.AsyncHTTPTransport(limits=...), idle_expiry=5.0)
    async with httpx.AsyncClient(transport=transport) as client:
        ...

A crawl asks each host for one page at a time, but asks hundreds of hosts in turn: a host's
next request comes after every other host's. A shared pool keeps only a few idle connections
(httpcore scans its whole pool at every request, so a large one costs more CPU than the crawl),
so that next request found its connection closed and opened a new one (a TCP connect and close
per page). A pool per host stays as small as a host's concurrency, and all of them together
keep one connection per host in flight: each host's next request reuses it.

A pool idle longer than `idle_expiry` holds only connections httpcore would not reuse any more;
such pools are closed (checked at most every `idle_expiry / 2` seconds), so a long-lived
fetcher keeps open only the connections of hosts it asked recently.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx

__all__ = ["HostPools"]


@dataclass
class _Pool:
    transport: httpx.AsyncBaseTransport
    active: int = 0  # responses not closed yet
    idle_since: float = 0.0


class _Tracked(httpx.AsyncByteStream):
    """A response body that tells its pool when it is closed (the connection is idle then)."""

    def __init__(self, stream: httpx.AsyncByteStream, pool: _Pool) -> None:
        self._stream, self._pool, self._open = stream, pool, True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if self._open:
            self._open = False
            self._pool.active -= 1
            self._pool.idle_since = time.monotonic()
        await self._stream.aclose()


class HostPools(httpx.AsyncBaseTransport):
    """Routes each request to its host's own transport, made by `make`; see module docs."""

    def __init__(self, make: Callable[[], httpx.AsyncBaseTransport], *, idle_expiry: float) -> None:
        self._make = make
        self._idle_expiry = idle_expiry
        self._pools: dict[str, _Pool] = {}
        self._next_sweep = time.monotonic() + idle_expiry / 2

    def __len__(self) -> int:
        """Pools open now (one per host asked within `idle_expiry` or still answering)."""
        return len(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        now = time.monotonic()
        if now >= self._next_sweep:
            await self._sweep(now)
        host = request.url.host
        pool = self._pools.get(host)
        if pool is None:
            pool = self._pools[host] = _Pool(self._make())
        pool.active += 1
        try:
            response = await pool.transport.handle_async_request(request)
        except BaseException:
            pool.active -= 1
            pool.idle_since = time.monotonic()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Tracked(response.stream, pool),
            extensions=response.extensions,
        )

    async def _sweep(self, now: float) -> None:
        self._next_sweep = now + self._idle_expiry / 2
        stale = [
            host
            for host, pool in self._pools.items()
            if pool.active == 0 and now - pool.idle_since > self._idle_expiry
        ]
        # All taken out before the first close awaits: a request arriving meanwhile must get
        # a new pool, not one about to be closed under it.
        closing = [self._pools.pop(host) for host in stale]
        for pool in closing:
            await pool.transport.aclose()

    async def aclose(self) -> None:
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            await pool.transport.aclose()
