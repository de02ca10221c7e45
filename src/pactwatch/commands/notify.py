"""`pactwatch notify …`: the alert outbox by hand: status, send, retry, test, preview, digest.

Usage::

    pactwatch notify status [--channel NAME] [--json]
    pactwatch notify send [--channel NAME]        # exit 1 when a delivery failed
    pactwatch notify retry [--channel NAME]
    pactwatch notify test --channel NAME
    pactwatch notify preview EVENT_ID --channel NAME
    pactwatch notify digest [--channel NAME]

Nothing printed here carries a secret: URLs come from apprise's privacy rendering and errors
are redacted where they are made (and once more against the channel's current URLs).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from pactwatch.cli import EXIT_FAILED, EXIT_OK, add_option
from pactwatch.commands.common import (
    database,
    print_json_line,
    print_table,
    settings_of,
)
from pactwatch.config import ChannelConfig, Settings
from pactwatch.errors import UserError
from pactwatch.notify.deliver import (
    ChannelOverview,
    UnsentAlert,
    channel_overview,
    deliver_pending,
    select_channels,
    send_digests,
    unsent_alerts,
)
from pactwatch.notify.digest import DigestOutcome
from pactwatch.notify.events import PayloadError
from pactwatch.notify.outbox import DEAD, PENDING, SENT, Delivery, preview, retry
from pactwatch.notify.render import Renderer, RenderError, channel_test_message
from pactwatch.notify.send import send_message
from pactwatch.store import utcnow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("notify", help="alerts: status, send, retry, test, preview, digest")
    verbs = parser.add_subparsers(dest="notify_command", required=True, metavar="VERB")

    status = verbs.add_parser("status", help="per channel: due, waiting, sent, dead, last error")
    _channel_option(status, "notify status", "only this channel")
    add_option(status, "notify status", "--json", action="store_true", help="JSON Lines output")
    status.set_defaults(handler=show_status)

    send = verbs.add_parser("send", help="deliver the alerts that are due now")
    _channel_option(send, "notify send", "only this channel")
    send.set_defaults(handler=send_due)

    again = verbs.add_parser("retry", help="make dead and waiting alerts due at once")
    _channel_option(again, "notify retry", "only this channel")
    again.set_defaults(handler=retry_now)

    test = verbs.add_parser("test", help="send a test message to a channel now")
    _channel_option(test, "notify test", "the channel to test", required=True)
    test.set_defaults(handler=send_test)

    show = verbs.add_parser("preview", help="print the message a channel would get for an event")
    show.add_argument("event_id", type=int, metavar="EVENT_ID", help="a stored event's id")
    _channel_option(show, "notify preview", "render for this channel", required=True)
    show.set_defaults(handler=preview_event)

    digest = verbs.add_parser("digest", help="send the digests now (for cron, without the daemon)")
    _channel_option(digest, "notify digest", "only this digest channel")
    digest.set_defaults(handler=send_digests_now)


def _channel_option(
    parser: argparse.ArgumentParser, command: str, text: str, *, required: bool = False
) -> None:
    add_option(parser, command, "--channel", metavar="NAME", required=required, help=text)


def channel_named(settings: Settings, name: str) -> ChannelConfig:
    """The configured channel `name`, or a UserError listing the configured ones."""
    found = select_channels(settings, name)
    if found:
        return found[0]
    names = ", ".join(c.name for c in settings.channels)
    listed = f"configured: {names}" if names else "no channel is configured"
    raise UserError(f"unknown channel {name!r}; {listed}")


# -- status -----------------------------------------------------------------------------------


def show_status(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.channel is not None:
        channel_named(settings, args.channel)
    now = utcnow()
    with database(settings) as db:
        rows = channel_overview(settings, db, now, channel=args.channel)
        unsent = unsent_alerts(settings, db, now, args.channel) if args.channel else []
    if args.json:
        for row in rows:
            data = overview_json(row)
            if args.channel:
                data["unsent"] = [unsent_json(u) for u in unsent]
            print_json_line(data)
        return EXIT_OK
    if not rows:
        print("no channel is configured")
        return EXIT_OK
    print_table(
        ("channel", "mode", "due", "waiting", "next try (UTC)", "sent", "dead", "oldest unsent"),
        [
            (
                r.channel if r.configured else f"{r.channel} (not configured)",
                r.mode,
                r.due,
                r.waiting,
                r.next_attempt,
                r.sent,
                r.dead,
                r.oldest_unsent,
            )
            for r in rows
        ],
    )
    for r in rows:
        for url in r.urls:
            print(f"{r.channel}: url: {url}")
        if r.mode == "digest":
            print(f"{r.channel}: last digest sent: {_when(r.digest_last_sent)}")
        if r.last_error:
            print(f"{r.channel}: last error: {r.last_error}")
    if unsent:
        print()
        print_table(
            ("event", "kind", "status", "attempts", "next try (UTC)", "error"),
            [(u.event_id, u.event, u.status, u.attempts, u.next_attempt, u.last_error)
             for u in unsent],
        )  # fmt: skip
    return EXIT_OK


def overview_json(row: ChannelOverview) -> dict[str, Any]:
    return {
        "channel": row.channel,
        "configured": row.configured,
        "mode": row.mode,
        "format": row.format,
        "urls": list(row.urls),
        "due": row.due,
        "waiting": row.waiting,
        "next_attempt": row.next_attempt,
        "sent": row.sent,
        "dead": row.dead,
        "oldest_unsent": row.oldest_unsent,
        "last_error": row.last_error,
        "digest": (
            {"last_sent": row.digest_last_sent, "period_start": row.digest_period_start}
            if row.mode == "digest"
            else None
        ),
    }


def unsent_json(alert: UnsentAlert) -> dict[str, Any]:
    return {
        "event_id": alert.event_id,
        "event": alert.event,
        "status": alert.status,
        "attempts": alert.attempts,
        "next_attempt": alert.next_attempt,
        "last_error": alert.last_error,
    }


def _when(value: datetime | None) -> str:
    return "never" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


# -- send and retry ---------------------------------------------------------------------------


def send_due(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.channel is not None and channel_named(settings, args.channel).mode == "digest":
        raise UserError(
            f"channel {args.channel!r} sends digests: use `pactwatch notify digest "
            f"--channel {args.channel}`"
        )
    by_name = {c.name: c for c in settings.channels}
    with database(settings) as db:
        report = deliver_pending(settings, db, channel=args.channel)
        later = channel_overview(settings, db, utcnow(), channel=args.channel)
    for delivery in report.deliveries:
        print(delivery_line(delivery, by_name.get(delivery.channel)))
    waiting = sum(r.waiting for r in later)
    if not report.deliveries:
        print("nothing due now")
    else:
        print(f"{report.sent} sent, {report.failed} failed (will retry), {report.dead} dead")
    if waiting:
        first = min((r.next_attempt for r in later if r.next_attempt is not None), default=None)
        print(
            f"{waiting} waiting to retry (next at {_when(first)}); "
            "`pactwatch notify retry` makes them due now"
        )
    return EXIT_FAILED if report.failed or report.dead else EXIT_OK


def delivery_line(delivery: Delivery, channel: ChannelConfig | None) -> str:
    """One line per delivery: what happened to which event on which channel."""
    what = f"event {delivery.event_id} → {delivery.channel}"
    if delivery.status == SENT:
        return f"sent: {what}"
    limit = f" of {channel.max_attempts}" if channel is not None else ""
    error = delivery.error or "send failed"
    if delivery.status == PENDING:
        return f"failed: {what} (attempt {delivery.attempts}{limit}, retried later): {error}"
    assert delivery.status == DEAD
    return (
        f"dead: {what} after {delivery.attempts} attempt(s): {error} "
        "(`pactwatch notify retry` sends it again)"
    )


def retry_now(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.channel is not None:
        channel_named(settings, args.channel)
    with database(settings) as db:
        count = retry(db.sessions, utcnow(), channel=args.channel)
    scope = f" on {args.channel}" if args.channel else ""
    if count:
        print(
            f"{count} alert(s){scope} made due now: `pactwatch notify send` delivers them "
            "(a running daemon does too)"
        )
    else:
        print(f"no dead or waiting alert{scope}")
    return EXIT_OK


# -- test, preview, digest --------------------------------------------------------------------


def send_test(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    channel = channel_named(settings, args.channel)
    result = send_message(channel, channel_test_message(channel), base_dir=settings.base_dir)
    if not result.ok:
        print(f"pactwatch: channel {channel.name}: test failed: {result.error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"channel {channel.name}: test message sent")
    return EXIT_OK


def preview_event(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    channel = channel_named(settings, args.channel)
    renderer = Renderer(settings.base_dir)
    with database(settings) as db, db.session() as session:
        try:
            message = preview(session, args.event_id, channel, renderer)
        except (RenderError, PayloadError) as exc:
            print(f"pactwatch: cannot render event {args.event_id}: {exc}", file=sys.stderr)
            return EXIT_FAILED
    if message is None:
        raise UserError(f"no event {args.event_id} in the database")
    sys.stdout.write(f"Subject: {message.subject}\nFormat: {message.format}\n\n")
    sys.stdout.write(message.body if message.body.endswith("\n") else message.body + "\n")
    return EXIT_OK


def send_digests_now(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.channel is not None and channel_named(settings, args.channel).mode != "digest":
        raise UserError(
            f"channel {args.channel!r} is instant, not a digest: `pactwatch notify send` "
            "delivers its alerts"
        )
    if not select_channels(settings, args.channel, mode="digest"):
        print("no digest channel is configured")
        return EXIT_OK
    with database(settings) as db:
        outcomes = send_digests(settings, db, channel=args.channel)
    for outcome in outcomes:
        print(digest_line(outcome))
    return EXIT_FAILED if any(digest_failed(o) for o in outcomes) else EXIT_OK


def digest_failed(outcome: DigestOutcome) -> bool:
    return not (outcome.sent or outcome.skipped) and outcome.events > 0


def digest_line(outcome: DigestOutcome) -> str:
    period = f"{outcome.start:%Y-%m-%d %H:%M} to {outcome.end:%Y-%m-%d %H:%M} UTC"
    if outcome.skipped:
        return f"{outcome.channel}: another instance is sending this digest"
    if outcome.sent:
        return f"{outcome.channel}: digest of {outcome.events} event(s) sent ({period})"
    if digest_failed(outcome):
        return (
            f"{outcome.channel}: digest of {outcome.events} event(s) failed: "
            f"{outcome.error or 'send failed'} "
            "(the next digest covers this period too)"
        )
    return f"{outcome.channel}: nothing new ({period}), no digest sent"
