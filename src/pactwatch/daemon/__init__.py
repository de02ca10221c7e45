"""The long-running service: scheduling, leases, signals, health and metrics.

Usage::

    from pactwatch.daemon import DaemonOptions, serve
    code = asyncio.run(serve(settings, DaemonOptions()))

Modules: `service` (the daemon and its jobs), `scheduler` (triggers and start times),
`leases` (instance lock, source and periodic-job claims), `signals` (SIGTERM/SIGINT/SIGHUP),
`health` (/healthz, /metrics, the client of `pactwatch health`), `metrics` (counters and the
Prometheus text), `fetchers` (the shared, metered HTTP client), `housekeeping` (retention).
"""

from pactwatch.daemon.health import DEFAULT_HTTP, check_health, parse_address
from pactwatch.daemon.housekeeping import Retention
from pactwatch.daemon.leases import InstanceLocked
from pactwatch.daemon.service import Daemon, DaemonError, DaemonOptions, serve
from pactwatch.daemon.signals import Controls

__all__ = [
    "DEFAULT_HTTP",
    "Controls",
    "Daemon",
    "DaemonError",
    "DaemonOptions",
    "InstanceLocked",
    "Retention",
    "check_health",
    "parse_address",
    "serve",
]
