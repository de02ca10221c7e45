"""`pactwatch health`: ask the running daemon whether it is healthy (exit 0) or not (exit 1).

For scripts and container health checks; prints the daemon's /healthz document.
"""

from __future__ import annotations

import argparse
import sys

from pactwatch.cli import add_option
from pactwatch.daemon.probe import DEFAULT_HTTP, check_health


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("health", help="check the running daemon's /healthz (exit 0 or 1)")
    # Same variable as `run --http`, so one setting serves the daemon and its health check.
    add_option(
        parser, "run", "--http", default=DEFAULT_HTTP, metavar="HOST:PORT",
        help=f"the daemon's endpoint (default {DEFAULT_HTTP})",
    )  # fmt: skip
    add_option(
        parser, "health", "--timeout", type=float, default=5.0, metavar="SECONDS",
        help="give up after this long (default 5)",
    )  # fmt: skip
    add_option(parser, "health", "--quiet", "-q", action="store_true", help="print nothing")
    parser.set_defaults(handler=health)


def health(args: argparse.Namespace) -> int:
    ok, body = check_health(args.http, timeout=args.timeout)
    if not args.quiet:
        stream = sys.stdout if ok else sys.stderr
        stream.write(body if body.endswith("\n") else body + "\n")
    return 0 if ok else 1
