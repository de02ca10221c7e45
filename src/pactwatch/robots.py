"""What a site's robots.txt lets our User-Agent fetch, and how slowly.

Usage::

    rules = RobotsRules.parse(text, user_agent=settings.user_agent)
    if rules.allows(url): ...
    delay = max(min_delay, rules.crawl_delay)

Parsing is urllib.robotparser's (prefix rules, first matching group; no ``*``/``$`` patterns).
Following RFC 9309, a missing robots.txt (4xx) allows everything: `RobotsRules.allow_all()`.
A `RobotsCache` keeps rules between runs (at most a day, as the RFC asks), so a steady-state
pass does not fetch every site's robots.txt again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.robotparser import RobotFileParser

__all__ = ["RobotsCache", "RobotsRules", "agent_token"]

ROBOTS_MAX_AGE = 24 * 3600.0


def agent_token(user_agent: str) -> str:
    """The token robots.txt groups are matched against: ``pactwatch/0.1 (…)`` → pactwatch."""
    token = user_agent.strip().split("/", 1)[0].split(None, 1)
    return token[0].lower() if token else "*"


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin for one User-Agent."""

    _parser: RobotFileParser | None
    agent: str
    # Seconds between requests the site asks for (Crawl-delay or Request-rate), 0 if none.
    crawl_delay: float = 0.0
    # The robots.txt these rules were parsed from; None for `allow_all`.
    text: str | None = None

    @classmethod
    def allow_all(cls, user_agent: str = "*") -> RobotsRules:
        return cls(None, agent_token(user_agent))

    @classmethod
    def parse(cls, text: str, *, user_agent: str) -> RobotsRules:
        agent = agent_token(user_agent)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, agent, _delay(parser, agent), text)

    def allows(self, url: str) -> bool:
        return self._parser is None or self._parser.can_fetch(self.agent, url)


def _delay(parser: RobotFileParser, agent: str) -> float:
    delay = float(parser.crawl_delay(agent) or 0)
    rate = parser.request_rate(agent)
    if rate is not None and rate.requests > 0:
        delay = max(delay, rate.seconds / rate.requests)
    return delay


class RobotsCache:
    """Rules per origin (``https://host:port``), kept up to `max_age` seconds.

    Usage: create one in the composition root and pass it to every run's
    ``Fetcher(settings, robots_cache=cache)``.
    """

    def __init__(
        self, max_age: float = ROBOTS_MAX_AGE, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_age = max_age
        self._clock = clock
        self._rules: dict[str, tuple[float, RobotsRules]] = {}
        # Rules fetched by this process, with their wall-clock time, until `take_fetched`.
        self._fetched: dict[str, tuple[datetime, RobotsRules]] = {}

    def get(self, origin: str) -> RobotsRules | None:
        entry = self._rules.get(origin)
        if entry is None or self._clock() - entry[0] >= self.max_age:
            return None
        return entry[1]

    def put(self, origin: str, rules: RobotsRules) -> None:
        self._rules[origin] = (self._clock(), rules)
        self._fetched[origin] = (datetime.now(UTC), rules)

    def preload(self, origin: str, rules: RobotsRules, fetched_at: datetime) -> None:
        """Rules fetched at `fetched_at` by an earlier process; they expire `max_age` after
        that time, not after now."""
        age = max(0.0, (datetime.now(UTC) - fetched_at).total_seconds())
        if age < self.max_age and origin not in self._rules:
            self._rules[origin] = (self._clock() - age, rules)

    def take_fetched(self) -> dict[str, tuple[datetime, RobotsRules]]:
        """The rules fetched since the last call (to store them for the next process)."""
        fetched, self._fetched = self._fetched, {}
        return fetched
