"""Counters for `/metrics`, fed by the values the stages already return, in Prometheus text.

Usage::

    metrics = Metrics()
    metrics.observe_run(result)                 # a SourceRunResult
    metrics.observe_fetch(fetch_result)         # by MeteredFetcher
    text = render(metrics, counts)              # counts = database_counts(session)

Two kinds of figures: this process's counters (fetches, runs, durations, deliveries), which
restart at zero with the process as Prometheus expects, and database gauges (articles,
agreements, events, outbox states), which are the same whichever instance is asked.
"""

from __future__ import annotations

import os
import resource
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pactwatch.fetch import FetchResult, host_of
from pactwatch.notify.digest import DigestOutcome
from pactwatch.notify.outbox import DispatchReport
from pactwatch.pipeline import SourceRunResult
from pactwatch.store.models import AgreementRecord, ArticleRecord, EventRecord, OutboxRecord

# Run durations in seconds: a 304 takes well under a second, a full listing with politeness
# delays a few minutes.
RUN_BUCKETS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
Labels = tuple[tuple[str, str], ...]


@dataclass
class Histogram:
    buckets: tuple[float, ...]
    counts: list[int] = field(default_factory=list)
    total: float = 0.0
    observations: int = 0

    def observe(self, value: float) -> None:
        if not self.counts:
            self.counts = [0] * len(self.buckets)
        for i, bound in enumerate(self.buckets):
            if value <= bound:
                self.counts[i] += 1
        self.total += value
        self.observations += 1


@dataclass
class Metrics:
    """This process's counters. Every key is a small closed set (hosts, outcomes, states)."""

    fetches: Counter[tuple[str, str]] = field(default_factory=Counter)
    runs: Counter[str] = field(default_factory=Counter)
    run_seconds: dict[str, Histogram] = field(default_factory=dict)
    links_new: int = 0
    articles_fetched: int = 0
    agreements_found: int = 0
    events: Counter[str] = field(default_factory=Counter)
    deliveries: Counter[str] = field(default_factory=Counter)
    digests: Counter[str] = field(default_factory=Counter)
    ticks: int = 0

    def observe_fetch(self, result: FetchResult) -> None:
        status = str(result.status) if result.status is not None else result.outcome
        self.fetches[(host_of(result.url) or "-", status)] += 1

    def observe_run(self, result: SourceRunResult) -> None:
        self.runs[result.outcome] += 1
        hist = self.run_seconds.setdefault(result.outcome, Histogram(RUN_BUCKETS))
        hist.observe(result.duration)
        self.links_new += result.new
        self.articles_fetched += result.fetched
        self.agreements_found += result.agreements
        self.events.update(result.events)

    def observe_dispatch(self, report: DispatchReport) -> None:
        self.deliveries.update(d.status for d in report.deliveries)

    def observe_digest(self, outcome: DigestOutcome) -> None:
        kind = "sent" if outcome.sent else "skipped" if outcome.skipped else "empty"
        self.digests["failed" if outcome.error else kind] += 1


@dataclass(frozen=True)
class DatabaseCounts:
    articles: int = 0
    agreements: int = 0
    events: Mapping[str, int] = field(default_factory=dict)
    outbox: Mapping[str, int] = field(default_factory=dict)
    outbox_retries: int = 0


def database_counts(session: Session) -> DatabaseCounts:
    """The database gauges, in a handful of aggregate queries."""
    events = session.execute(select(EventRecord.name, func.count()).group_by(EventRecord.name))
    outbox = session.execute(
        select(
            OutboxRecord.status, func.count(), func.coalesce(func.sum(OutboxRecord.attempts), 0)
        ).group_by(OutboxRecord.status)
    ).all()
    # Attempts beyond the first of each row that was tried at all.
    tried = session.scalar(select(func.count()).where(OutboxRecord.attempts > 0)) or 0
    attempts = sum(int(row[2]) for row in outbox)
    return DatabaseCounts(
        articles=session.scalar(select(func.count()).select_from(ArticleRecord)) or 0,
        agreements=session.scalar(select(func.count()).select_from(AgreementRecord)) or 0,
        events={str(name): int(count) for name, count in events},
        outbox={str(status): int(count) for status, count, _ in outbox},
        outbox_retries=max(0, attempts - int(tried)),
    )


def resident_bytes() -> int:
    """This process's resident set size (Linux /proc; the peak elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# -- the text format ------------------------------------------------------------------------


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _sample(name: str, labels: Labels, value: float) -> str:
    inside = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
    number = repr(float(value)) if isinstance(value, float) else str(value)
    return f"{name}{{{inside}}} {number}" if inside else f"{name} {number}"


def _family(
    name: str, kind: str, help_text: str, samples: Iterable[tuple[Labels, float]]
) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    return lines + [_sample(name, labels, value) for labels, value in samples]


def _histogram(name: str, help_text: str, hists: Mapping[str, Histogram]) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} histogram"]
    for outcome, hist in sorted(hists.items()):
        base = (("outcome", outcome),)
        for bound, count in zip(hist.buckets, hist.counts, strict=True):
            lines.append(_sample(f"{name}_bucket", (*base, ("le", repr(bound))), count))
        lines.append(_sample(f"{name}_bucket", (*base, ("le", "+Inf")), hist.observations))
        lines.append(_sample(f"{name}_sum", base, hist.total))
        lines.append(_sample(f"{name}_count", base, hist.observations))
    return lines


def render(metrics: Metrics, counts: DatabaseCounts | None, *, up: bool = True) -> str:
    """The Prometheus text exposition (version 0.0.4) of `metrics` and `counts`."""
    m = metrics
    lines = _family("pactwatch_up", "gauge", "1 while the scheduler runs.", [((), int(up))])
    lines += _family(
        "pactwatch_fetches_total", "counter", "HTTP fetches by host and status (or outcome).",
        [((("host", h), ("status", s)), n) for (h, s), n in sorted(m.fetches.items())],
    )  # fmt: skip
    lines += _family(
        "pactwatch_source_runs_total", "counter", "Source runs by outcome.",
        [((("outcome", o),), n) for o, n in sorted(m.runs.items())],
    )  # fmt: skip
    lines += _histogram("pactwatch_source_run_seconds", "Duration of source runs.", m.run_seconds)
    lines += _family(
        "pactwatch_articles_fetched_total", "counter", "Articles fetched and stored by runs.",
        [((), m.articles_fetched)],
    )  # fmt: skip
    lines += _family(
        "pactwatch_links_new_total", "counter", "Links new to the database.", [((), m.links_new)]
    )
    lines += _family(
        "pactwatch_agreements_found_total", "counter", "Agreements recorded by this process.",
        [((), m.agreements_found)],
    )  # fmt: skip
    lines += _family(
        "pactwatch_events_raised_total", "counter", "Events raised by this process's runs.",
        [((("event", e),), n) for e, n in sorted(m.events.items())],
    )  # fmt: skip
    lines += _family(
        "pactwatch_alert_deliveries_total", "counter",
        "Outbox deliveries by this process: sent, pending (failed, will retry), dead.",
        [((("status", s),), n) for s, n in sorted(m.deliveries.items())],
    )  # fmt: skip
    lines += _family(
        "pactwatch_digests_total", "counter", "Digest runs by result.",
        [((("result", r),), n) for r, n in sorted(m.digests.items())],
    )  # fmt: skip
    lines += _family("pactwatch_scheduler_ticks_total", "counter", "Heartbeats.", [((), m.ticks)])
    lines += _family(
        "pactwatch_process_resident_memory_bytes", "gauge", "Resident memory of this process.",
        [((), resident_bytes())],
    )  # fmt: skip
    if counts is not None:
        lines += _database_families(counts)
    return "\n".join(lines) + "\n"


def _database_families(c: DatabaseCounts) -> list[str]:
    lines = _family("pactwatch_articles", "gauge", "Articles in the database.", [((), c.articles)])
    lines += _family(
        "pactwatch_agreements", "gauge", "Agreements in the database.", [((), c.agreements)]
    )
    lines += _family(
        "pactwatch_events", "gauge", "Events in the database by name.",
        [((("event", e),), n) for e, n in sorted(c.events.items())],
    )  # fmt: skip
    lines += _family(
        "pactwatch_alerts", "gauge", "Outbox rows by status (pending, sent, dead).",
        [((("status", s),), n) for s, n in sorted(c.outbox.items())],
    )  # fmt: skip
    lines += _family(
        "pactwatch_alert_retries", "gauge", "Delivery attempts beyond each row's first.",
        [((), c.outbox_retries)],
    )  # fmt: skip
    return lines
