"""HostPools: a keep-alive pool per host, closed once idle beyond its expiry."""

from __future__ import annotations

import asyncio

import httpx

from pactwatch.connections import HostPools


class FakePool(httpx.AsyncBaseTransport):
    """A transport that answers at once and says whether it was used while being closed."""

    def __init__(self) -> None:
        self.closing = False
        self.served_while_closing = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(3):  # an answer takes a few turns of the event loop
            await asyncio.sleep(0)
        self.served_while_closing += self.closing
        return httpx.Response(200, stream=httpx.ByteStream(request.url.host.encode()))

    async def aclose(self) -> None:
        self.closing = True
        for _ in range(3):
            await asyncio.sleep(0)


def test_pools_per_host_are_closed_when_idle_and_never_while_used() -> None:
    made: list[FakePool] = []

    def make() -> FakePool:
        made.append(FakePool())
        return made[-1]

    async def crawl() -> tuple[int, int, list[str]]:
        pools = HostPools(make, idle_expiry=0.02)
        async with httpx.AsyncClient(transport=pools) as client:
            for host in ("a", "b"):
                assert (await client.get(f"http://{host}/")).text == host
            opened = len(pools)
            await asyncio.sleep(0.05)  # time passing is what is tested
            # "c" closes the idle pools of "a" and "b"; "b" asks again while they close.
            answers = await asyncio.gather(client.get("http://c/"), client.get("http://b/"))
            return opened, len(pools), [a.text for a in answers]

    assert asyncio.run(crawl()) == (2, 2, ["c", "b"])
    assert len(made) == 4  # a, b, then c and a new one for b
    assert [p.served_while_closing for p in made] == [0, 0, 0, 0]
    assert [p.closing for p in made] == [True, True, True, True]  # the client closed the rest
