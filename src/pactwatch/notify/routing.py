"""Which channels an event goes to: the channel's events, then its filters.

Usage::

    for channel in channels_for(event, settings.channels):
        ...

Filters narrow agreement events only where they make sense: a source event has no partners
and no confidence, so only the channel's event list and institution filter apply to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pactwatch.config import ChannelConfig
from pactwatch.notify.events import AgreementEvent, Event


def wants(channel: ChannelConfig, event: Event) -> bool:
    """True when `channel` asked for this kind of event and every filter lets it through."""
    if event.name not in channel.events:
        return False
    filters = channel.filters
    if filters.institutions and event.institution_id.lower() not in {
        i.lower() for i in filters.institutions
    }:
        return False
    if not isinstance(event, AgreementEvent):
        return True
    if event.confidence < filters.min_confidence:
        return False
    if filters.countries:
        wanted = {c.upper() for c in filters.countries}
        if not any((p.country or "").upper() in wanted for p in event.partners):
            return False
    return not filters.partner_kinds or any(p.kind in filters.partner_kinds for p in event.partners)


def channels_for(event: Event, channels: Iterable[ChannelConfig]) -> list[ChannelConfig]:
    """The channels that want `event`, in config order."""
    return [channel for channel in channels if wants(channel, event)]
