"""The daemon's HTTP face: `/healthz` (JSON) and `/metrics` (Prometheus), and a client for it.

Usage::

    server = await start_http("127.0.0.1", 8787, routes)   # routes: path -> async answer
    ...
    await server.close()

A deliberately tiny HTTP/1.0-style server on asyncio streams: GET only, one request per
connection, headers capped, a read timeout; nothing more is needed by a prober or a scraper,
and no web framework has to live in the daemon.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pactwatch.daemon.probe import DEFAULT_HTTP, check_health, parse_address
from pactwatch.store.models import OutboxRecord, SourceRecord

__all__ = [
    "DEFAULT_HTTP",
    "Answer",
    "HttpServer",
    "check_health",
    "parse_address",
    "start_http",
]

_MAX_HEAD = 8192
_READ_TIMEOUT = 5.0
_REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


Route = Callable[[], Awaitable[Answer]]


class HttpServer:
    """A running endpoint; `port` is the bound one (useful with port 0)."""

    def __init__(self, server: asyncio.Server) -> None:
        self._server = server

    @property
    def port(self) -> int:
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        self._server.close()
        await self._server.wait_closed()


async def start_http(host: str, port: int, routes: Mapping[str, Route]) -> HttpServer:
    """Listen on host:port and answer GET requests from `routes`."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            answer = await _answer(reader, routes)
            reason = _REASONS.get(answer.status, "")
            head = (
                f"HTTP/1.1 {answer.status} {reason}\r\nContent-Type: {answer.content_type}\r\n"
                f"Content-Length: {len(answer.body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode("ascii") + answer.body)
            await writer.drain()
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            pass  # a prober that hung up or stalled: nothing to answer
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    server = await asyncio.start_server(handle, host, port, reuse_address=True)
    return HttpServer(server)


async def _answer(reader: asyncio.StreamReader, routes: Mapping[str, Route]) -> Answer:
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _READ_TIMEOUT)
    except asyncio.LimitOverrunError:
        return Answer(400, "text/plain", b"request head too large\n")
    request_line = head[:_MAX_HEAD].split(b"\r\n", 1)[0].decode("latin-1")
    parts = request_line.split()
    if len(parts) < 2:
        return Answer(400, "text/plain", b"bad request\n")
    method, target = parts[0], parts[1].split("?", 1)[0]
    route = routes.get(target)
    if route is None:
        return Answer(404, "text/plain", b"not found\n")
    if method not in ("GET", "HEAD"):
        return Answer(405, "text/plain", b"GET only\n")
    return await route()


# -- the health report ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceHealthRow:
    name: str
    status: str
    last_success_at: datetime | None
    consecutive_failures: int
    next_run_at: datetime | None


def outbox_backlog(session: Session, now: datetime) -> int:
    """Pending outbox rows that are due (waiting for a send, not for a retry delay)."""
    return int(
        session.scalar(
            select(func.count()).where(
                OutboxRecord.status == "pending", OutboxRecord.next_attempt_at <= now
            )
        )
        or 0
    )


def source_health(session: Session) -> list[SourceHealthRow]:
    rows = session.execute(
        select(
            SourceRecord.name,
            SourceRecord.status,
            SourceRecord.last_success_at,
            SourceRecord.consecutive_failures,
            SourceRecord.next_run_at,
        )
        .where(SourceRecord.enabled.is_(True))
        .order_by(SourceRecord.name)
    )
    return [SourceHealthRow(*row) for row in rows]


def database_reachable(session: Session) -> bool:
    session.execute(text("SELECT 1"))
    return True


def health_document(
    *,
    scheduler_alive: bool,
    database_ok: bool,
    database_error: str | None,
    backlog: int | None,
    sources: list[SourceHealthRow],
    instance: str,
) -> dict[str, Any]:
    """The /healthz body; `ok` (and HTTP 200) needs a live scheduler and a reachable database.
    Failing websites and a backlog are reported, not fatal: restarting would not fix them."""
    return {
        "ok": scheduler_alive and database_ok,
        "instance": instance,
        "scheduler": {"alive": scheduler_alive},
        "database": {"reachable": database_ok, "error": database_error},
        "outbox": {"backlog": backlog},
        "sources": [
            {
                "name": s.name,
                "status": s.status,
                "last_success_at": s.last_success_at.isoformat() if s.last_success_at else None,
                "consecutive_failures": s.consecutive_failures,
                "next_run_at": s.next_run_at.isoformat() if s.next_run_at else None,
            }
            for s in sources
        ],
    }


def json_answer(document: Mapping[str, Any]) -> Answer:
    status = 200 if document.get("ok") else 503
    body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return Answer(status, "application/json; charset=utf-8", body)
