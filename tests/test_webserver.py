"""The fixture web server answers as documented, records requests and shuts down cleanly."""

from __future__ import annotations

import http.client
import threading
from pathlib import Path

from tests.support.webserver import (
    Response,
    Route,
    WebServer,
    conditional,
    gzip_bomb,
    hang,
    redirect,
    sequence,
    stream,
)


def _get(
    web: WebServer, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(web.host, web.port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def test_static_routes_sequence_and_record() -> None:
    routes: dict[str, Route] = {
        "/": Response(200, {"Content-Type": "text/html"}, b"<p>home</p>"),
        "/flaky": sequence(Response(500), Response(200, body=b"ok")),
        "/away": redirect("/"),
    }
    with WebServer(routes) as web:
        assert _get(web, "/")[2] == b"<p>home</p>"
        assert [_get(web, "/flaky")[0] for _ in range(3)] == [500, 200, 200]
        status, headers, _ = _get(web, "/away")
        assert (status, headers["Location"]) == (302, "/")
        assert _get(web, "/missing?x=1")[0] == 404
        assert web.paths == ["/", "/flaky", "/flaky", "/flaky", "/away", "/missing?x=1"]
        assert web.requests_to("/missing")[0].query == "x=1"
        assert web.url("/a") == f"http://127.0.0.1:{web.port}/a"


def test_serve_dir_with_conditional_get(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"<h1>index</h1>")
    (tmp_path / "feed.rss").write_bytes(b"<rss/>")
    with WebServer() as web:
        web.serve_dir(tmp_path)
        status, headers, body = _get(web, "/")
        assert (status, body, headers["Content-Type"]) == (200, b"<h1>index</h1>", "text/html")
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert _get(web, "/", {"If-None-Match": etag})[0] == 304
        assert _get(web, "/", {"If-Modified-Since": modified})[0] == 304
        assert _get(web, "/", {"If-None-Match": '"other"'})[0] == 200
        assert _get(web, "/feed.rss")[1]["Content-Type"] == "application/rss+xml"
        assert _get(web, "/../etc/passwd")[0] == 404


def test_conditional_handler() -> None:
    with WebServer({"/c": conditional(Response(200, {}, b"x"), last_modified=0)}) as web:
        status, headers, _ = _get(web, "/c")
        assert _get(web, "/c", {"If-None-Match": headers["ETag"]})[0] == 304
        assert status == 200


def test_streamed_and_compressed_bodies() -> None:
    with WebServer({"/big": stream(1_000_000), "/bomb": gzip_bomb(10 * 1024 * 1024)}) as web:
        assert len(_get(web, "/big")[2]) == 1_000_000
        _status, headers, body = _get(web, "/bomb")
        assert headers["Content-Encoding"] == "gzip"
        assert len(body) < 100_000


def test_a_hanging_handler_is_released_on_stop() -> None:
    web = WebServer({"/hang": hang}).start()
    errors: list[BaseException] = []

    def client() -> None:
        try:
            _get(web, "/hang")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    assert web.wait_for_requests(1, "/hang")
    web.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert errors, "the client should see the connection closed without an answer"


def test_other_loopback_host() -> None:
    with WebServer({"/": Response(body=b"five")}, host="127.0.0.5") as web:
        assert web.base_url.startswith("http://127.0.0.5:")
        assert _get(web, "/")[2] == b"five"
