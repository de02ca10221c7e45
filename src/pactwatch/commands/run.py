"""`pactwatch run`: the daemon (or, with --once, one pass over the due sources)."""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta
from typing import Any

from pactwatch.cli import add_option
from pactwatch.commands.common import settings_of
from pactwatch.config import Settings, config_path, load_config, parse_duration
from pactwatch.daemon.housekeeping import Retention
from pactwatch.daemon.probe import DEFAULT_HTTP, parse_address
from pactwatch.daemon.service import DaemonError, DaemonOptions, serve
from pactwatch.errors import UserError


def _address(value: str) -> tuple[str, int] | None:
    try:
        return parse_address(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seconds(value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "run",
        help="run as a daemon: crawl on schedule, send alerts, serve /healthz and /metrics",
        description="Run until SIGTERM/SIGINT; SIGHUP reloads the config.",
    )

    def option(*flags: str, **kwargs: Any) -> None:
        add_option(parser, "run", *flags, **kwargs)

    option(
        "--http", type=_address, default=_address(DEFAULT_HTTP), metavar="HOST:PORT|off",
        help=f"where /healthz and /metrics listen (default {DEFAULT_HTTP})",
    )  # fmt: skip
    option("--once", action="store_true", help="run the due sources once, send alerts, exit")
    option(
        "--lease", type=_seconds, default=300.0, metavar="DURATION",
        help="how long a claimed source stays ours without renewal; after a crash other "
        "instances take it over this much later (default 5m)",
    )  # fmt: skip
    option(
        "--grace", type=_seconds, default=30.0, metavar="DURATION",
        help="on SIGTERM, how long runs in flight may take to finish (default 30s)",
    )  # fmt: skip
    option(
        "--dispatch-every", type=_seconds, default=30.0, metavar="DURATION",
        help="how often the outbox is checked for alerts to send (default 30s)",
    )  # fmt: skip
    option(
        "--housekeeping-every", type=_seconds, default=6 * 3600.0, metavar="DURATION",
        help="how often old history is pruned and statistics refreshed (default 6h)",
    )  # fmt: skip
    option(
        "--keep-versions", type=_seconds, default=180 * 86400.0, metavar="DURATION",
        help="keep superseded article versions this long (default 180d; the latest stays)",
    )  # fmt: skip
    option(
        "--keep-runs", type=_seconds, default=30 * 86400.0, metavar="DURATION",
        help="keep per-run records this long (default 30d)",
    )  # fmt: skip
    option(
        "--max-runs", type=int, default=32, metavar="N",
        help="source runs at the same time (default 32; bounds memory, not politeness)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def options_of(args: argparse.Namespace) -> DaemonOptions:
    if args.lease <= 0 or args.dispatch_every <= 0 or args.housekeeping_every <= 0:
        raise UserError("--lease, --dispatch-every and --housekeeping-every must be positive")
    if args.max_runs < 1:
        raise UserError("--max-runs must be at least 1")
    return DaemonOptions(
        http=args.http,
        once=args.once,
        lease=args.lease,
        grace=args.grace,
        dispatch_every=args.dispatch_every,
        housekeeping_every=args.housekeeping_every,
        max_concurrent_runs=args.max_runs,
        retention=Retention(
            versions=timedelta(seconds=args.keep_versions),
            runs=timedelta(seconds=args.keep_runs),
        ),
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    options = options_of(args)
    path = config_path(args.config)

    def reload() -> Settings:
        return load_config(path)

    try:
        return asyncio.run(serve(settings, options, load_settings=reload))
    except DaemonError as exc:
        raise UserError(str(exc)) from None
