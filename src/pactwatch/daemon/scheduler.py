"""Schedules as APScheduler triggers, job names, and the times a job starts from.

Usage::

    trigger = schedule_trigger(source.schedule)         # interval or cron, with its jitter
    first = first_run_time(stored_next_run, now, jitter=source.schedule.jitter)
    scheduler.add_job(job, trigger, id=source_job_id(source.name), next_run_time=first,
                      **SOURCE_JOB_DEFAULTS)

APScheduler keeps its job list in memory; what must survive a restart (when each source and
periodic job is due) lives in the database (`sources.next_run_at`, `scheduler_state`) and is
read back by `first_run_time`.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pactwatch.config import Schedule

OUTBOX_JOB = "outbox.dispatch"
HOUSEKEEPING_JOB = "housekeeping"
LEASES_JOB = "leases.renew"
HEARTBEAT_JOB = "heartbeat"

# A source job never overlaps itself and runs once for any number of missed fire times; a
# run that is late (a blocked loop, a suspended laptop) still happens within the hour.
SOURCE_JOB_DEFAULTS: dict[str, Any] = {
    "max_instances": 1,
    "coalesce": True,
    "misfire_grace_time": 3600,
}
# Spread of the first runs when nothing is stored yet (seconds, at most the source's jitter):
# a thousand sources configured at once must not all fire in the first second.
STARTUP_SPREAD = 300.0
_CRON_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def source_job_id(name: str) -> str:
    return f"source:{name}"


def digest_job_id(channel: str) -> str:
    return f"digest:{channel}"


def crontab_trigger(expr: str, timezone: str, jitter: float | None = None) -> CronTrigger:
    """A trigger for a standard five-field crontab line (0 and 7 are Sunday, as in cron).

    APScheduler 3 counts weekdays from Monday = 0; numbers in the weekday field are turned
    into names so that ``0 8 * * 1-5`` means Monday to Friday as an admin expects.
    """
    minute, hour, day, month, weekday = expr.split()
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=_weekday_names(weekday),
        timezone=ZoneInfo(timezone),
        jitter=int(jitter) if jitter else None,
    )


def _weekday_names(field: str) -> str:
    def name(token: str) -> str:
        return _CRON_WEEKDAYS[int(token)] if token.isdigit() and int(token) <= 7 else token

    parts = []
    for item in field.split(","):
        base, slash, step = item.partition("/")
        bounds = "-".join(name(t) for t in base.split("-"))
        parts.append(bounds + slash + step)
    return ",".join(parts)


def schedule_trigger(schedule: Schedule) -> BaseTrigger:
    """The trigger of a configured `Schedule` (interval or cron), jitter included."""
    if schedule.cron is not None:
        return crontab_trigger(schedule.cron, schedule.timezone, schedule.jitter)
    assert schedule.every is not None
    jitter = int(schedule.jitter) if schedule.jitter >= 1 else None
    return IntervalTrigger(seconds=schedule.every, jitter=jitter, timezone=UTC)


def next_after(schedule: Schedule, now: datetime, rng: random.Random | None = None) -> datetime:
    """When a job on `schedule` that ran at `now` is due next (for runs outside APScheduler)."""
    jitter = (rng or random.Random()).uniform(0, schedule.jitter)
    if schedule.every is not None:
        return now + timedelta(seconds=schedule.every + jitter)
    assert schedule.cron is not None
    trigger = crontab_trigger(schedule.cron, schedule.timezone)
    fire: datetime | None = trigger.get_next_fire_time(None, now)
    assert fire is not None
    return fire.astimezone(UTC) + timedelta(seconds=jitter)


def first_run_time(
    stored: datetime | None,
    now: datetime,
    *,
    jitter: float,
    rng: random.Random | None = None,
) -> datetime:
    """Where a job picks up after a (re)start: its stored time if still ahead; now (plus a
    little spread) if it was missed while the daemon was down, or was never scheduled."""
    if stored is not None and stored > now:
        return stored
    spread = min(jitter, STARTUP_SPREAD)
    return now + timedelta(seconds=(rng or random.Random()).uniform(0, spread))
