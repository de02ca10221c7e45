"""A real HTTP/1.1 server on a loopback address, in a background thread, for tests and benches.

Usage::

    with WebServer({"/": Response(200, {"Content-Type": "text/html"}, b"<p>hi</p>")}) as web:
        web.route("/flaky", sequence(Response(500), Response(200, body=b"ok")))
        web.serve_dir(Path("tests/data/site"))          # files, with ETag / Last-Modified / 304
        fetch(web.url("/flaky"))
        assert [r.path for r in web.requests] == ["/flaky", "/flaky"]

A route maps a path to a `Response` (static) or a `Handler` (a function of the `Request` that
returns a `Response`, or `None` to fall through to the served directory / 404). A route key
with a query string (``/list?page=2``) matches that exact target; a key without one matches the
path whatever the query. Bodies may be bytes or an iterable of byte chunks (sent chunked unless
the response sets Content-Length), so a 50 MB or a trickling body is never held in memory.

The ready-made handlers build the hostile servers a crawler meets: `sequence` (500 then 200),
`redirect`, `hang` (never answers), `trickle`, `stream` (a huge body), `gzip_bomb`, and
`conditional` (ETag / Last-Modified with 304); `gzipped` wraps a body with Content-Encoding.
Every request is recorded (`requests`, `requests_to(path)`, `paths`) with its method, target,
headers and arrival time, so tests assert what was fetched and when; `wait_for_requests(n)`
blocks until they have arrived, and `clear()` forgets them (e.g. between two crawls).

`WebServer(host="127.0.0.5")` listens on another loopback address (a different "host" for the
crawler); port 0 (the default) picks a free port. Leaving the ``with`` block releases hanging
handlers, closes open keep-alive connections and joins every thread.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import mimetypes
import selectors
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "Handler",
    "Request",
    "Response",
    "Route",
    "WebServer",
    "conditional",
    "gzip_bomb",
    "gzipped",
    "hang",
    "redirect",
    "sequence",
    "stream",
    "trickle",
]

_CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


@dataclass(frozen=True)
class Request:
    """One request as the server saw it. `time` is `time.monotonic()` at arrival."""

    method: str
    target: str
    headers: Mapping[str, str]
    time: float
    client: str
    # Set when the server stops: handlers that block or trickle wait on it, not on sleep().
    stopping: threading.Event = field(repr=False, compare=False)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query

    def header(self, name: str) -> str | None:
        """A request header by case-insensitive name."""
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), None)


@dataclass(frozen=True)
class Response:
    """What to answer. `body` is bytes or an iterable of chunks (streamed)."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""


Handler = Callable[[Request], "Response | None"]
Route = Response | Handler


class WebServer:
    """A threaded HTTP/1.1 server on `host` (a loopback address); see the module docstring."""

    def __init__(
        self, routes: Mapping[str, Route] | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self._host, self._port = host, port
        self._dirs: list[tuple[str, Path]] = []
        self._requests: list[Request] = []
        self._accepted = 0
        self._lock = threading.Condition()
        self._stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> WebServer:
        httpd = _Server((self._host, self._port), _RequestHandler)
        httpd.web = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_until_woken, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self._stopping.set()
        httpd.wake()
        thread.join()
        httpd.close_connections()
        httpd.server_close()
        self._httpd = self._thread = None

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses ------------------------------------------------------------------------------

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://host:port`` without a trailing slash."""
        return f"http://{self._host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- content --------------------------------------------------------------------------------

    def route(self, path: str, answer: Route) -> None:
        """Add or replace a route (allowed while the server runs)."""
        self.routes[path] = answer

    def serve_dir(self, root: Path, prefix: str = "/") -> None:
        """Serve the files under `root` at `prefix`, with ETag, Last-Modified and 304s.

        A path ending in ``/`` serves its ``index.html``. Routes take precedence.
        """
        self._dirs.append((prefix if prefix.endswith("/") else prefix + "/", Path(root)))

    # -- what happened --------------------------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        """Every request received so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[Request]:
        """The requests whose path (without the query) is `path`."""
        return [r for r in self.requests if r.path == path]

    @property
    def paths(self) -> list[str]:
        """The request targets received so far, in order."""
        return [r.target for r in self.requests]

    @property
    def accepted(self) -> int:
        """TCP connections accepted so far (fewer than requests when kept alive)."""
        with self._lock:
            return self._accepted

    def wait_for_requests(
        self, count: int = 1, path: str | None = None, timeout: float = 5
    ) -> bool:
        """Block until `count` requests (to `path`, if given) have arrived; False on timeout."""

        def arrived() -> bool:
            return sum(1 for r in self._requests if path is None or r.path == path) >= count

        with self._lock:
            return self._lock.wait_for(arrived, timeout)

    def clear(self) -> None:
        """Forget the recorded requests (e.g. between a first and a second crawl)."""
        with self._lock:
            self._requests.clear()

    # -- internals ------------------------------------------------------------------------------

    def _record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)
            self._lock.notify_all()

    def _answer(self, request: Request) -> Response:
        route = self.routes.get(request.target) or self.routes.get(request.path)
        if route is not None:
            response = route if isinstance(route, Response) else route(request)
            if response is not None:
                return response
        for prefix, root in self._dirs:
            if request.path.startswith(prefix):
                found = _file_response(root, request.path.removeprefix(prefix), request)
                if found is not None:
                    return found
        return Response(404, {"Content-Type": "text/plain"}, b"not found")


class _Server(ThreadingHTTPServer):
    # Threads are joined on close: a leftover thread would outlive the test.
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True
    web: WebServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        self._waker, self._wake_up = socket.socketpair()
        super().__init__(address, handler)

    def serve_until_woken(self) -> None:
        # serve_forever() polls for its shutdown flag; with hundreds of servers in one
        # process (the crawl bench) that polling costs more than the requests.
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_up, selectors.EVENT_READ)
            while True:
                ready = {key.fileobj for key, _ in selector.select()}
                if self._wake_up in ready:
                    return
                self.handle_request()

    def wake(self) -> None:
        self._waker.send(b"x")

    def server_close(self) -> None:
        super().server_close()
        self._waker.close()
        self._wake_up.close()

    def close_connections(self) -> None:
        # Idle keep-alive connections block their thread in readline(); shutting the socket
        # down makes that read return so the thread can end and be joined.
        with self.connections_lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-body is normal here (the crawler stops at its caps).
        pass


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    # A connection nobody closes cannot keep its thread (and stop()) waiting for ever.
    timeout = 30

    def setup(self) -> None:
        super().setup()
        with self.server.web._lock:
            self.server.web._accepted += 1
        with self.server.connections_lock:
            self.server.connections.add(self.connection)
            if self.server.web._stopping.is_set():
                # Accepted just before stop(): close_connections() may already have run.
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        web = self.server.web
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        request = Request(
            method=self.command,
            target=self.path,
            headers=dict(self.headers.items()),
            time=time.monotonic(),
            client=self.client_address[0],
            stopping=web._stopping,
        )
        web._record(request)
        response = web._answer(request)
        try:
            self._send(response)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True

    def _send(self, response: Response) -> None:
        if response.status == 0:
            # A handler that gave up without answering (`hang` after the server stopped).
            self.close_connection = True
            return
        self.send_response(response.status)
        headers = {k.lower(): (k, v) for k, v in response.headers.items()}
        for name, value in headers.values():
            self.send_header(name, value)
        body = response.body
        head = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
        if isinstance(body, bytes | bytearray):
            if "content-length" not in headers and response.status not in (204, 304):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return
        chunked = "content-length" not in headers
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if head:
            return
        for chunk in body:
            if not chunk:
                continue
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            self.wfile.flush()
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


# -- conditional GET --------------------------------------------------------------------------


def _http_date(timestamp: float) -> str:
    return email.utils.formatdate(timestamp, usegmt=True)


def _not_modified(request: Request, etag: str, mtime: float) -> bool:
    if_none_match = request.header("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = request.header("If-Modified-Since")
    if since is None:
        return False
    try:
        parsed = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return int(mtime) <= parsed.timestamp()


def _conditional_answer(request: Request, response: Response, mtime: float) -> Response:
    assert isinstance(response.body, bytes), "conditional responses need a bytes body"
    etag = '"' + hashlib.sha1(response.body).hexdigest()[:16] + '"'
    validators = {"ETag": etag, "Last-Modified": _http_date(mtime)}
    if _not_modified(request, etag, mtime):
        return Response(304, validators)
    return Response(response.status, {**response.headers, **validators}, response.body)


def conditional(response: Response, *, last_modified: float | None = None) -> Handler:
    """Serve `response` (bytes body) with an ETag and Last-Modified, answering 304 when fresh.

    The ETag is a hash of the body; `last_modified` is a POSIX time (default: now).
    """
    mtime = time.time() if last_modified is None else last_modified
    return lambda request: _conditional_answer(request, response, mtime)


def _file_response(root: Path, relative: str, request: Request) -> Response | None:
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    content_type = _CONTENT_TYPES.get(path.suffix.lower()) or (
        mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    response = Response(200, {"Content-Type": content_type}, path.read_bytes())
    return _conditional_answer(request, response, path.stat().st_mtime)


# -- hostile and dynamic handlers -------------------------------------------------------------


def sequence(*responses: Response) -> Handler:
    """Answer with each response in turn, then keep repeating the last (e.g. 500 then 200)."""
    remaining = list(responses)
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        with lock:
            return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return handler


def redirect(location: str, status: int = 302) -> Response:
    """A redirect to `location` (absolute or relative, any scheme)."""
    return Response(status, {"Location": location, "Content-Type": "text/plain"}, b"moved")


def hang(request: Request) -> Response:
    """Never answer: hold the connection until the server stops."""
    request.stopping.wait()
    return Response(status=0)


def trickle(
    chunk: bytes = b"<p>.</p>", interval: float = 0.2, content_type: str = "text/html"
) -> Handler:
    """Answer 200 at once, then send `chunk` every `interval` seconds until the server stops.

    Each chunk arrives well within a read timeout, so only a total timeout ends the download.
    """

    def body(stopping: threading.Event) -> Iterator[bytes]:
        yield chunk
        while not stopping.wait(interval):
            yield chunk

    return lambda request: Response(200, {"Content-Type": content_type}, body(request.stopping))


def stream(
    total: int,
    *,
    content_type: str = "text/html",
    chunk_size: int = 64 * 1024,
    declare_length: bool = False,
) -> Handler:
    """A `total`-byte body generated chunk by chunk (never held in memory).

    With `declare_length` the response carries a Content-Length; otherwise it is chunked, as
    a server that does not want to tell its size would send it.
    """
    block = (b"<p>" + b"x" * (chunk_size - 8) + b"</p>\n")[:chunk_size]

    def body() -> Iterator[bytes]:
        sent = 0
        while sent < total:
            piece = block[: total - sent]
            sent += len(piece)
            yield piece

    headers = {"Content-Type": content_type}
    if declare_length:
        headers["Content-Length"] = str(total)
    return lambda request: Response(200, headers, body())


def gzip_bomb(decompressed: int = 200 * 1024 * 1024, content_type: str = "text/html") -> Handler:
    """A small gzip body (about 1/1000 of `decompressed`) that inflates to `decompressed` zeros.

    Built once, sent with ``Content-Encoding: gzip`` whatever the client asked for.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    parts = [compressor.compress(zeros) for _ in range(decompressed // len(zeros))]
    parts.append(compressor.compress(bytes(decompressed % len(zeros))))
    parts.append(compressor.flush())
    payload = b"".join(parts)
    headers = {"Content-Type": content_type, "Content-Encoding": "gzip"}
    return lambda request: Response(200, headers, payload)


def gzipped(body: bytes, content_type: str = "text/html; charset=utf-8") -> Response:
    """`body` gzip-compressed with the matching Content-Encoding."""
    headers = {"Content-Type": content_type, "Content-Encoding": "gzip"}
    return Response(200, headers, gzip.compress(body))
