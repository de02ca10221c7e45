"""What a site's robots.txt lets our User-Agent fetch, and how slowly.

Usage::

    rules = RobotsRules.parse(text, user_agent=settings.user_agent)
    if rules.allows(url): ...
    delay = max(min_delay, rules.crawl_delay)

Parsing is urllib.robotparser's (prefix rules, first matching group; no ``*``/``$`` patterns).
Following RFC 9309, a missing robots.txt (4xx) allows everything: `RobotsRules.allow_all()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

__all__ = ["RobotsRules", "agent_token"]


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

    @classmethod
    def allow_all(cls, user_agent: str = "*") -> RobotsRules:
        return cls(None, agent_token(user_agent))

    @classmethod
    def parse(cls, text: str, *, user_agent: str) -> RobotsRules:
        agent = agent_token(user_agent)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, agent, _delay(parser, agent))

    def allows(self, url: str) -> bool:
        return self._parser is None or self._parser.can_fetch(self.agent, url)


def _delay(parser: RobotFileParser, agent: str) -> float:
    delay = float(parser.crawl_delay(agent) or 0)
    rate = parser.request_rate(agent)
    if rate is not None and rate.requests > 0:
        delay = max(delay, rate.seconds / rate.requests)
    return delay
