"""Alerts: events rendered per channel and delivered through apprise via a durable outbox.

Usage::

    renderer = Renderer(base_dir=settings.base_dir)
    with db.session() as session, session.begin():
        add_event(session, event, dedupe_key=key, channels=settings.channels)
    dispatch_due(db.sessions, settings.channels, utcnow(), owner=owner, renderer=renderer)

Modules: `events` (payloads), `routing` (which channels), `render` (templates), `send` (one
apprise call, secrets redacted), `outbox` (queue, dispatch, retry, status; the delivery
guarantee is stated there), `digest` (periodic summaries).
"""

from pactwatch.notify.digest import DigestOutcome, collect_digest, send_digest
from pactwatch.notify.events import (
    AgreementEvent,
    ArticleInfo,
    Digest,
    Event,
    PartnerInfo,
    PayloadError,
    SourceEvent,
    event_from_json,
    event_to_json,
    institution_label,
)
from pactwatch.notify.outbox import (
    ChannelStatus,
    Delivery,
    DispatchReport,
    add_event,
    dispatch_due,
    enqueue,
    preview,
    release_leases,
    retry,
    status_summary,
)
from pactwatch.notify.render import Message, Renderer, RenderError, channel_test_message
from pactwatch.notify.routing import channels_for, wants
from pactwatch.notify.send import SendResult, channel_urls, redact, send_message

__all__ = [
    "AgreementEvent",
    "ArticleInfo",
    "ChannelStatus",
    "Delivery",
    "Digest",
    "DigestOutcome",
    "DispatchReport",
    "Event",
    "Message",
    "PartnerInfo",
    "PayloadError",
    "RenderError",
    "Renderer",
    "SendResult",
    "SourceEvent",
    "add_event",
    "channel_test_message",
    "channel_urls",
    "channels_for",
    "collect_digest",
    "dispatch_due",
    "enqueue",
    "event_from_json",
    "event_to_json",
    "institution_label",
    "preview",
    "redact",
    "release_leases",
    "retry",
    "send_digest",
    "send_message",
    "status_summary",
    "wants",
]
