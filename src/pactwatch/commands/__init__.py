"""The verbs of the command line, one module each.

Only the module of the verb being run is imported: `pactwatch health`, a container health check
run every few seconds, must not pay for SQLAlchemy, apprise and the extractor. The other verbs
get a light placeholder parser that shows their one-line help.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

# module → the verbs it registers, with their one-line help (as in the module), in help order.
COMMANDS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "run",
        {"run": "run as a daemon: crawl on schedule, send alerts, serve /healthz and /metrics"},
    ),
    ("crawl", {"crawl": "crawl the sources once and store what is new"}),
    ("sources", {"sources": "list sources and their health; check one"}),
    ("articles", {"articles": "list stored articles, newest first"}),
    ("agreements", {"agreements": "list the agreements found; correct their partners"}),
    ("partners", {"partners": "the registry of known partners: list, add, merge, match"}),
    ("extract", {"extract": "read HTML files or URLs and extract the agreement they announce"}),
    ("notify", {"notify": "alerts: status, send, retry, test, preview, digest"}),
    ("health", {"health": "check the running daemon's /healthz (exit 0 or 1)"}),
    ("configure", {"config": "check the config file", "db": "database schema"}),
)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None = None
) -> None:
    """Add every verb; with `selected`, only that verb's module is imported for real."""
    for module, verbs in COMMANDS:
        if selected is None or selected in verbs:
            importlib.import_module(f"pactwatch.commands.{module}").register(sub)
        else:
            for name, summary in verbs.items():
                sub.add_parser(name, help=summary)


def selected_command(argv: Sequence[str], options_with_values: frozenset[str]) -> str | None:
    """The verb named in `argv` (the first word that is not a global option or its value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in options_with_values:
            skip = True
        elif not word.startswith("-"):
            return word
    return None
