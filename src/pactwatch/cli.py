"""The command line: the composition root. It reads the config once, builds the parts and hands
them to the library functions; the verbs themselves hold no logic of their own.

Usage::

    pactwatch [--config PATH] COMMAND ...

Every option can also be set from an environment variable (named in ``--help``). Exit status:
0 success, 1 a source or an operation failed, 2 a usage or config mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pactwatch.config import ConfigError
from pactwatch.errors import UserError
from pactwatch.logs import setup_logging

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ENV_PREFIX = "PACTWATCH_"


# -- argument helpers -------------------------------------------------------------------------


def _env_name(command: str, dest: str) -> str:
    scope = f"{command.replace(' ', '_')}_" if command else ""
    return f"{ENV_PREFIX}{scope}{dest}".upper().replace("-", "_")


def add_option(
    parser: argparse.ArgumentParser | argparse._ActionsContainer,
    command: str,
    *flags: str,
    **kwargs: Any,
) -> argparse.Action:
    """An option whose default comes from PACTWATCH_[COMMAND_]DEST, shown in --help."""
    action = parser.add_argument(*flags, **kwargs)
    env = _env_name(command, action.dest)
    raw = os.environ.get(env)
    if raw is not None:
        action.default = _from_env(action, raw)
        action.required = False
    action.help = f"{action.help or ''} [env: {env}]".strip()
    return action


def _from_env(action: argparse.Action, raw: str) -> object:
    if isinstance(action, argparse._StoreTrueAction):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(action, argparse._AppendAction):
        return [action.type(v) if action.type else v for v in raw.split(",") if v]  # type: ignore[operator]
    return action.type(raw) if callable(action.type) else raw


# -- composition ------------------------------------------------------------------------------


Handler = Callable[[argparse.Namespace], int]


_GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--config", "--log-format"})


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given `argv`, only the verb it names is loaded (see `commands`)."""
    from pactwatch import commands

    parser = argparse.ArgumentParser(
        prog="pactwatch",
        description="Watch university news pages for newly signed cooperation agreements.",
    )
    add_option(
        parser,
        "",
        "--config",
        type=Path,
        default=None,
        help="config file (default: config/pactwatch.yaml)",
    )
    add_option(
        parser, "", "--log-format", choices=("text", "json"), default="text", help="log lines"
    )
    add_option(parser, "", "--verbose", "-v", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    selected = None
    if argv is not None:
        selected = commands.selected_command(argv, _GLOBAL_OPTIONS_WITH_VALUES) or "--help"
    commands.register(sub, selected)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    setup_logging(args.log_format, 10 if args.verbose else 20)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ConfigError as exc:
        print(f"pactwatch: the config has {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    except UserError as exc:
        print(f"pactwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pactwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`pactwatch agreements | head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
