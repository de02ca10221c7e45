"""Every signal the daemon reacts to, handled here and nowhere else.

Usage::

    controls = Controls()
    uninstall = install_signal_handlers(asyncio.get_running_loop(), controls)
    await controls.stop_requested.wait()
    ...
    uninstall()

SIGTERM and SIGINT ask for a graceful stop: no new work is taken, runs in flight get the
grace period to finish. A second SIGTERM/SIGINT cuts the grace short. Cutting a run short is
safe: each article is stored by one synchronous transaction with no ``await`` inside, and a
task is only ever cancelled at an ``await``, so a cancelled run leaves whole articles (with
their agreements, events and outbox rows) or nothing. SIGHUP asks for a config reload.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field

from pactwatch.logs import log_event

logger = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@dataclass
class Controls:
    """What the signals (or a test, or `--once`) ask of the daemon."""

    stop_requested: asyncio.Event = field(default_factory=asyncio.Event)
    hurry: asyncio.Event = field(default_factory=asyncio.Event)
    reload_requested: asyncio.Event = field(default_factory=asyncio.Event)

    def stop(self) -> None:
        """Ask for a graceful stop; asked twice, stop without waiting for in-flight runs."""
        if self.stop_requested.is_set():
            self.hurry.set()
        self.stop_requested.set()

    def reload(self) -> None:
        self.reload_requested.set()


def install_signal_handlers(
    loop: asyncio.AbstractEventLoop, controls: Controls
) -> Callable[[], None]:
    """Route SIGTERM/SIGINT/SIGHUP to `controls`; returns a function undoing it."""
    installed: list[signal.Signals] = []

    def on_stop(sig: signal.Signals) -> None:
        log_event(logger, "daemon.signal", signal=sig.name, again=controls.stop_requested.is_set())
        controls.stop()

    def on_reload() -> None:
        log_event(logger, "daemon.signal", signal="SIGHUP")
        controls.reload()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_stop, sig)
        installed.append(sig)
    if hasattr(signal, "SIGHUP"):
        loop.add_signal_handler(signal.SIGHUP, on_reload)
        installed.append(signal.SIGHUP)

    def uninstall() -> None:
        for sig in installed:
            loop.remove_signal_handler(sig)

    return uninstall
