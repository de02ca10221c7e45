"""Real receivers on 127.0.0.1 for delivery tests: an SMTP server and an HTTP webhook.

Usage::

    with SmtpReceiver(refuse_first=3) as smtp:      # aiosmtpd, refuses 3 DATA commands
        ...  # send to smtp.url(to="staff@example.org")
        message = smtp.wait_for(1)[0]

    with WebhookReceiver() as hook:                  # records JSON bodies
        hook.stop()                                  # "down": connection refused
        hook.start()                                 # back on the same port

Both wait on a condition variable, never on sleep().
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ReceivedMail:
    mail_from: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str | None:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return str(part.get_content())
        return None


class _Recorder:
    """Counts attempts, refuses the first N, keeps the rest."""

    def __init__(self, refuse_first: int) -> None:
        self.refuse_left = refuse_first
        self.attempts = 0
        self.messages: list[ReceivedMail] = []
        self.changed = threading.Condition()

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        with self.changed:
            self.attempts += 1
            if self.refuse_left > 0:
                self.refuse_left -= 1
                self.changed.notify_all()
                return "451 4.3.0 Try again later"
            raw = envelope.original_content or b""
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            self.messages.append(
                ReceivedMail(str(envelope.mail_from), list(envelope.rcpt_tos), message, raw)
            )
            self.changed.notify_all()
        return "250 OK"


@dataclass
class _Credentials:
    user: str
    password: str
    seen: list[str] = field(default_factory=list)

    def __call__(
        self, server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, auth: Any
    ) -> AuthResult:
        if isinstance(auth, LoginPassword):
            ok = auth.login.decode() == self.user and auth.password.decode() == self.password
            self.seen.append(auth.login.decode())
            return AuthResult(success=ok)
        return AuthResult(success=False)


class SmtpReceiver:
    """An aiosmtpd server on 127.0.0.1 without TLS, with optional LOGIN/PLAIN credentials."""

    def __init__(
        self, *, refuse_first: int = 0, user: str | None = None, password: str | None = None
    ) -> None:
        self.recorder = _Recorder(refuse_first)
        self.port = free_port()
        self.credentials = _Credentials(user, password) if user and password else None
        kwargs: dict[str, Any] = {}
        if self.credentials is not None:
            kwargs = {"authenticator": self.credentials, "auth_require_tls": False}
        self._controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, ready_timeout=10, **kwargs
        )

    def __enter__(self) -> SmtpReceiver:
        self._controller.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._controller.stop()

    def url(self, *, to: str, sender: str = "pactwatch@example.org") -> str:
        """An apprise mailto:// URL for this server: plain SMTP, no STARTTLS."""
        auth = ""
        if self.credentials is not None:
            auth = f"{self.credentials.user}:{self.credentials.password}@"
        return (
            f"mailto://{auth}127.0.0.1:{self.port}"
            f"?smtp=127.0.0.1&mode=insecure&from={sender}&to={to}"
        )

    @property
    def messages(self) -> list[ReceivedMail]:
        with self.recorder.changed:
            return list(self.recorder.messages)

    @property
    def attempts(self) -> int:
        with self.recorder.changed:
            return self.recorder.attempts

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """The messages once at least `count` arrived; AssertionError after `timeout`."""
        with self.recorder.changed:
            arrived = self.recorder.changed.wait_for(
                lambda: len(self.recorder.messages) >= count, timeout
            )
            assert arrived, f"expected {count} message(s), got {len(self.recorder.messages)}"
            return list(self.recorder.messages)


@dataclass
class ReceivedPost:
    path: str
    headers: dict[str, str]
    body: Any


class WebhookReceiver:
    """An HTTP server on 127.0.0.1 recording JSON bodies; stop() makes it refuse connections."""

    def __init__(self, *, status: int = 200) -> None:
        self.port = free_port()
        self.status = status
        self.posts: list[ReceivedPost] = []
        self.changed = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> WebhookReceiver:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body: Any = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                with receiver.changed:
                    receiver.posts.append(ReceivedPost(self.path, dict(self.headers), body))
                    receiver.changed.notify_all()
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def json_url(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def mattermost_url(self, token: str) -> str:
        return f"mmost://127.0.0.1:{self.port}/{token}"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedPost]:
        with self.changed:
            arrived = self.changed.wait_for(lambda: len(self.posts) >= count, timeout)
            assert arrived, f"expected {count} post(s), got {len(self.posts)}"
            return list(self.posts)
