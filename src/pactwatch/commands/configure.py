"""`pactwatch config check` and `pactwatch db upgrade|status`."""

from __future__ import annotations

import argparse

from pactwatch.commands.common import settings_of
from pactwatch.errors import UserError
from pactwatch.store import current_revision, head_revision, open_database, upgrade


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser("config", help="check the config file")
    config_sub = config.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = config_sub.add_parser("check", help="validate the config and print every problem")
    check.set_defaults(handler=check_config)

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=db_upgrade)
    db_sub.add_parser("status", help="show the schema revision").set_defaults(handler=db_status)


def check_config(args: argparse.Namespace) -> int:
    settings = settings_of(args)  # a ConfigError is printed by main() with every problem
    print(
        f"config OK: {len(settings.institutions)} institutions, {len(settings.sources)} sources, "
        f"{len(settings.partners)} partners, {len(settings.channels)} channels"
    )
    return 0


def db_upgrade(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    db = open_database(settings.database)
    try:
        before = current_revision(db.engine)
        upgrade(db.engine)
        after = current_revision(db.engine)
    except Exception as exc:
        raise UserError(f"database {db.display_url}: upgrade failed: {exc}") from exc
    finally:
        db.close()
    if before == after:
        print(f"{db.display_url}: already at revision {after}")
    else:
        print(f"{db.display_url}: upgraded from {before or 'empty'} to {after}")
    return 0


def db_status(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    db = open_database(settings.database)
    try:
        current = current_revision(db.engine)
    except Exception as exc:
        raise UserError(f"database {db.display_url}: {exc}") from exc
    finally:
        db.close()
    head = head_revision()
    state = "up to date" if current == head else "needs `pactwatch db upgrade`"
    print(f"{db.display_url}: revision {current or 'none'} (code expects {head}): {state}")
    return 0 if current == head else 1
