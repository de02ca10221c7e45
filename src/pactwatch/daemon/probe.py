"""Asking a running daemon how it is: what `pactwatch health` does, with the stdlib only.

Usage::

    ok, body = check_health("127.0.0.1:8787")

Kept apart from the server side so that a container health check, run every few seconds,
imports neither SQLAlchemy nor the pipeline.
"""

from __future__ import annotations

import urllib.error
import urllib.request

DEFAULT_HTTP = "127.0.0.1:8787"


def parse_address(value: str) -> tuple[str, int] | None:
    """``HOST:PORT`` → (host, port); ``off`` → None. Raises ValueError otherwise."""
    text_value = value.strip()
    if text_value.lower() == "off":
        return None
    host, sep, port = text_value.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"expected HOST:PORT or 'off', got {value!r}")
    return (host.strip("[]") or "127.0.0.1", int(port))


def check_health(address: str, *, timeout: float = 5.0) -> tuple[bool, str]:
    """Ask the daemon at ``HOST:PORT`` for /healthz: (healthy, what to print)."""
    parsed = parse_address(address)
    if parsed is None:
        return False, "the health endpoint is off (--http off): nothing to ask"
    host, port = parsed
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"  # a wildcard listener is reachable on loopback
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return True, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return False, exc.read().decode("utf-8", "replace") or f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, f"no pactwatch daemon answers at {url}: {reason}"
