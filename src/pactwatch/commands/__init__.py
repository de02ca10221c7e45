"""The verbs of the command line, one module each; `register` adds them all to the parser."""

from __future__ import annotations

import argparse

from pactwatch.commands import agreements, articles, configure, crawl, extract, sources


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for module in (crawl, sources, articles, agreements, extract, configure):
        module.register(sub)
