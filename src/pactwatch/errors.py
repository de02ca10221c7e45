"""Errors that reach the user, printed by the command line without a traceback.

    Exception
     ├── ConfigError        (pactwatch.config) the config file has problems; lists them all
     └── UserError          a mistake the user can fix: a bad argument, an unknown name, an
                            unreachable or outdated database

Everything a website or a channel does is a value (`FetchResult`, `SendResult`), never one of
these: a run goes on whatever a server answers.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix (bad argument, unknown name): printed without a traceback."""
