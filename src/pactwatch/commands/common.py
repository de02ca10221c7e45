"""What several verbs share: reading the config, opening the database, printing tables."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from pactwatch.config import Settings, config_path, load_config
from pactwatch.errors import UserError
from pactwatch.store import Database, ensure_schema, open_database


def settings_of(args: argparse.Namespace) -> Settings:
    return load_config(config_path(args.config))


@contextmanager
def database(settings: Settings) -> Iterator[Database]:
    """The configured database with its schema checked (created when empty)."""
    try:
        db = open_database(settings.database)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends: a bad URL in config
        raise UserError(f"cannot open database {settings.database!r}: {exc}") from exc
    try:
        try:
            status = ensure_schema(db.engine)
        except Exception as exc:  # unreachable server, permissions: say what and where
            raise UserError(f"database {db.display_url}: {_first_line(exc)}") from exc
        if not status.ok:
            raise UserError(f"database {db.display_url}: {status.message}")
        yield db
    finally:
        db.close()


@contextmanager
def existing_database(settings: Settings) -> Iterator[Database | None]:
    """The configured database for reading, or None when it does not exist yet.

    For dry runs and listings: a SQLite file that is not there is not created.
    """
    url = make_url(settings.database)
    path = url.database if url.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not Path(path).expanduser().exists():
        yield None
        return
    db = open_database(url)
    try:
        yield db
    finally:
        db.close()


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned table on stdout (cells stringified, long ones cut)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: Any, limit: int = 70) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_json_line(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
