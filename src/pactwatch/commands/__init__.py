"""The verbs of the command line, one module each; `register` adds them all to the parser."""

from __future__ import annotations

import argparse

from pactwatch.commands import (
    agreements,
    articles,
    configure,
    crawl,
    extract,
    health,
    notify,
    run,
    sources,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for module in (run, crawl, sources, articles, agreements, extract, notify, health, configure):
        module.register(sub)
