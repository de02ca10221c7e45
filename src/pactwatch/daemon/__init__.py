"""The long-running service: scheduling, leases, signals, health and metrics.

Usage::

    from pactwatch.daemon import DaemonOptions, serve
    code = asyncio.run(serve(settings, DaemonOptions()))

Modules: `service` (the daemon and its jobs), `scheduler` (triggers and start times),
`leases` (instance lock, source and periodic-job claims), `signals` (SIGTERM/SIGINT/SIGHUP),
`health` (the /healthz and /metrics endpoint), `probe` (the client of `pactwatch health`,
stdlib only), `metrics` (counters and the Prometheus text), `fetchers` (the shared, metered
HTTP client), `housekeeping` (retention). Names are imported on first use, so that
``pactwatch.daemon.probe`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "DEFAULT_HTTP": "probe",
    "check_health": "probe",
    "parse_address": "probe",
    "Controls": "signals",
    "Daemon": "service",
    "DaemonError": "service",
    "DaemonOptions": "service",
    "serve": "service",
    "InstanceLocked": "leases",
    "Retention": "housekeeping",
}

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pactwatch.daemon' has no attribute {name!r}")
    return getattr(importlib.import_module(f"pactwatch.daemon.{module}"), name)
