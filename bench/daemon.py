"""Memory of the daemon: idle with 1,000 sources, after 10,000 articles, and over a long soak.

    .venv/bin/python bench/daemon.py [--sources 1000] [--articles-per-source 10]
        [--soak-ticks 20000 | --soak-minutes 30] [--checkpoint 1000] [--tracemalloc 10]
        [--malloc-arena-max N]

The daemon runs in a child process (so the fixture servers are not counted) against a SQLite
file; 1,000 feed sources are spread over 20 fixture web servers on 127.0.0.2–127.0.0.21.
Three phases, each a fresh daemon:

1. idle: every source configured and scheduled, none due;
2. the first crawl of every source (10,000 articles fetched, parsed and stored);
3. the soak: every source fires again and again (each firing a "tick": claim, feed fetch,
   nothing new, release) until `--soak-ticks` ticks or `--soak-minutes` have passed.

At every `--checkpoint` ticks of the soak the bench reads the RSS (psutil, before anything
else), then asks the daemon, through a probe thread on its stdin, for its heap: Python's
allocated blocks (`sys.getallocatedblocks`), the gc-tracked objects per type after a full
collection, tracemalloc's traced size (with `--tracemalloc FRAMES`), glibc's malloc figures
(`mallinfo2`: bytes in use and bytes free inside the heap), asyncio tasks, scheduler jobs,
threads and file descriptors. The report ends with slopes per 1,000 ticks, fitted by least
squares over the last half of the checkpoints (the first pass of 1,000 sources and the
allocator's settling are in the first half), and the object types that grew the most there.

How to read it: a leak is Python objects (or malloc bytes in use) growing in step with the
ticks; settling is a flat heap with an RSS that levels off, its difference being free memory
glibc keeps (`malloc free`, and what `malloc_trim(0)` returns to the system at the end).
tracemalloc costs memory of its own (shown), so RSS figures against the 120 MB target come
from a run without it; with it, the snapshots of the checkpoint halfway and of the last one
are compared by traceback to name the code that allocated what grew. `--malloc-arena-max`
sets MALLOC_ARENA_MAX for the daemon, overriding the cap of two it sets itself (glibc's own
default gives every thread that mallocs an arena of its own, up to 8 per core), to measure
what the arenas of the daemon's threads cost.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import ctypes.util
import gc
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import psutil
from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.webserver import Response, WebServer  # noqa: E402

from pactwatch.config import Schedule, Settings  # noqa: E402
from pactwatch.daemon import Daemon as PactwatchDaemon  # noqa: E402
from pactwatch.daemon import DaemonOptions, serve  # noqa: E402
from pactwatch.logs import setup_logging  # noqa: E402
from pactwatch.store import ensure_schema, open_database  # noqa: E402
from pactwatch.store.models import ArticleRecord, SourceRecord  # noqa: E402
from pactwatch.store.sources import sync_sources  # noqa: E402

HOSTS = 20
TARGET_MB = 120.0
PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p></article></body></html>"
)
# Prefix of the probe's answers on the daemon's stdout (anything else there is skipped).
ANSWER = "@probe "
_STAT = re.compile(r"^# (.+?)\s+=\s+([\d,]+)$", re.M)
# Seconds between two /metrics scrapes during the soak, as a Prometheus would.
SCRAPE_EVERY = 15.0


def build_sites(sources: int, per_source: int) -> tuple[list[WebServer], dict[str, str]]:
    servers = [WebServer(host=f"127.0.0.{2 + h}").start() for h in range(HOSTS)]
    feeds: dict[str, str] = {}
    html = {"Content-Type": "text/html; charset=utf-8"}
    for i in range(sources):
        web = servers[i % HOSTS]
        items = []
        for k in range(per_source):
            path = f"/s{i}/news/{k}.html"
            title = f"Source {i} story {k}"
            body = f"Story {k} of source {i}. " * 40
            web.route(path, Response(200, html, PAGE.format(title=title, body=body).encode()))
            items.append(f"<item><title>{title}</title><link>{web.url(path)}</link></item>")
        rss = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>s</title>'
            f"<link>{web.url(f'/s{i}/')}</link>{''.join(items)}</channel></rss>"
        ).encode()
        web.route(f"/s{i}/feed.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss))
        feeds[f"s{i}"] = web.url(f"/s{i}/feed.xml")
    return servers, feeds


def settings_for(db_url: str, feeds: dict[str, str]) -> Settings:
    return Settings.model_validate(
        {
            "database": db_url,
            "http": {"min_delay": 0, "retries": 0, "per_host_concurrency": 4},
            "institutions": [{"id": "uni", "name": "Example University"}],
            "sources": [
                {"name": n, "institution": "uni", "kind": "feed", "url": u}
                for n, u in feeds.items()
            ],
        }
    )


# -- the child: the daemon itself, and a probe of its heap -----------------------------------


_MALLINFO2 = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in _MALLINFO2.split()]


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is None or not hasattr(libc, "mallinfo2"):
        return None  # not glibc ≥ 2.33: no malloc figures
    libc.mallinfo2.restype = _MallInfo2
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def malloc_figures(libc: ctypes.CDLL | None) -> dict[str, int]:
    """glibc's heap, every arena summed: bytes handed out (small blocks and mmapped big ones)
    and bytes free inside the heap (kept by malloc, still counted in RSS once touched)."""
    if libc is None:
        return {}
    info = libc.mallinfo2()
    return {
        "malloc_in_use": int(info.uordblks + info.hblkhd),
        "malloc_free": int(info.fordblks),
        "malloc_arena": int(info.arena),
    }


def pymalloc_figures() -> dict[str, int]:
    """Python's small-object allocator: its 1 MiB arenas, and the bytes in them that hold
    objects or are free. An arena goes back to the system only when all of it is free, so
    bytes free inside arenas are where a Python heap fragments."""
    with tempfile.TemporaryFile("w+") as out:
        # sys._debugmallocstats prints to the C stderr only: point fd 2 at a file meanwhile.
        saved = os.dup(2)
        try:
            os.dup2(out.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        stats = dict(_STAT.findall(out.read()))

    if not stats:
        return {}  # not pymalloc (tracemalloc's hooks, PYTHONMALLOC=malloc): nothing to say

    def number(key: str) -> int:
        return int(stats.get(key, "0").replace(",", ""))

    return {
        "pymalloc_arenas": number("arenas allocated current"),
        "pymalloc_used": number("bytes in allocated blocks"),
        "pymalloc_free": number("bytes in available blocks"),
    }


def type_counts() -> dict[str, int]:
    """gc-tracked objects per type, after a full collection (what is alive, not garbage)."""
    gc.collect()
    counts = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    return dict(counts)


@dataclass
class _Probe:
    """Answers the parent's questions about the daemon, on the daemon's own event loop."""

    libc: ctypes.CDLL | None
    daemon: PactwatchDaemon | None = None
    loop: asyncio.AbstractEventLoop | None = None
    started: threading.Event = field(default_factory=threading.Event)

    def attach(self, daemon: PactwatchDaemon) -> None:
        self.daemon, self.loop = daemon, asyncio.get_running_loop()
        self.started.set()

    def serve(self, requests: IO[str], answers: IO[str]) -> None:
        self.started.wait()
        assert self.loop is not None
        for line in requests:
            command, _, argument = line.strip().partition(" ")
            future = asyncio.run_coroutine_threadsafe(self._answer(command, argument), self.loop)
            answers.write(ANSWER + json.dumps(future.result()) + "\n")
            answers.flush()

    async def _answer(self, command: str, argument: str) -> dict[str, Any]:
        daemon = self.daemon
        assert daemon is not None
        if command == "runs":
            return {"runs": sum(daemon.metrics.runs.values())}
        if command == "snapshot":
            tracemalloc.take_snapshot().dump(argument)
            return {"snapshot": argument}
        if command == "trim":
            return {"trimmed": bool(self.libc.malloc_trim(0)) if self.libc else None}
        traced, traced_peak = tracemalloc.get_traced_memory()
        return {
            "runs": sum(daemon.metrics.runs.values()),
            "blocks": sys.getallocatedblocks(),
            "types": type_counts(),
            "traced": traced if tracemalloc.is_tracing() else None,
            "traced_peak": traced_peak if tracemalloc.is_tracing() else None,
            "tracemalloc_own": tracemalloc.get_tracemalloc_memory(),
            "tasks": len(asyncio.all_tasks()),
            "jobs": len(daemon.scheduler.get_jobs()),
            "threads": threading.active_count(),
            **malloc_figures(self.libc),
            **pymalloc_figures(),
        }


def child(settings_file: str, every: float, jitter: float, port: int) -> int:
    settings = Settings.model_validate_json(Path(settings_file).read_text(encoding="utf-8"))
    schedule = Schedule.model_construct(every=every, cron=None, timezone="UTC", jitter=jitter)
    sources = tuple(s.model_copy(update={"schedule": schedule}) for s in settings.sources)
    settings = settings.model_copy(update={"sources": sources})
    setup_logging("json", 30)
    options = DaemonOptions(http=("127.0.0.1", port), heartbeat=1.0, lease=120.0)
    probe = _Probe(_libc())
    threading.Thread(target=probe.serve, args=(sys.stdin, sys.stdout), daemon=True).start()
    code: int = asyncio.run(serve(settings, options, on_started=probe.attach))
    return code


# -- the parent: drives phases and measures --------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    ticks: int
    seconds: float
    rss_mb: float
    fds: int
    heap: dict[str, Any]

    def mb(self, key: str) -> float | None:
        value = self.heap.get(key)
        return None if value is None else float(value) / 2**20

    def objects(self) -> int:
        return sum(self.heap["types"].values())


class Daemon:
    def __init__(
        self,
        settings_file: Path,
        every: float,
        jitter: float,
        port: int,
        *,
        frames: int = 0,
        env: dict[str, str] | None = None,
    ) -> None:
        argv = [sys.executable, __file__, "--child", str(settings_file), str(every), str(jitter)]
        self.port = port
        if frames > 0:  # traced from the interpreter's start, imports included
            env = {**(env or {}), "PYTHONTRACEMALLOC": str(frames)}
        # Its warnings and errors (a JSON line each), to say why if it dies.
        self.log = settings_file.with_name(f"daemon-{time.monotonic_ns()}.log")
        with self.log.open("w", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [*argv, str(port)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env={**os.environ, **(env or {})},
            )
        self.ps = psutil.Process(self.proc.pid)

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            tail = self.log.read_text(encoding="utf-8").splitlines()[-20:]
            raise RuntimeError(f"the daemon died ({self.proc.returncode}):\n" + "\n".join(tail))

    def ask(self, command: str) -> dict[str, Any]:
        """One question to the probe thread; blocks until the daemon's loop answered it."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith(ANSWER):
                answer: dict[str, Any] = json.loads(line[len(ANSWER) :])
                return answer
        self.proc.wait(30)
        self.check_alive()
        raise RuntimeError("the daemon closed its stdout")

    def runs(self) -> int:
        return int(self.ask("runs")["runs"])

    def scrape(self) -> str:
        url = f"http://127.0.0.1:{self.port}/metrics"
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode())

    def wait_up(self) -> None:
        # Any answer will do: a daemon busy with 1,000 due sources (or slowed by tracemalloc)
        # may say 503 for a while, its heartbeat late.
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)  # polling a starting process: no event to wait on
        raise RuntimeError("the daemon did not come up")

    def rss_mb(self) -> float:
        return float(self.ps.memory_info().rss) / 2**20

    def rss_parts(self) -> dict[str, int]:
        """RSS split into anonymous memory (the heaps), file pages and shared memory
        (SQLite's WAL index), in bytes (Linux)."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="ascii")
        parts = dict(re.findall(r"^(Rss\w+):\s+(\d+) kB$", status, re.M))
        return {k.lower(): int(v) * 1024 for k, v in parts.items()}

    def checkpoint(self, started: float) -> Checkpoint:
        # RSS first: the probe itself (a full collection, a list of every object) allocates.
        rss, parts, fds = self.rss_mb(), self.rss_parts(), self.ps.num_fds()
        heap = {**self.ask("probe"), **parts}
        return Checkpoint(heap["runs"], time.monotonic() - started, rss, fds, heap)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(120)

    def __enter__(self) -> Daemon:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def set_due(db_url: str, when: datetime | None) -> None:
    db = open_database(db_url)
    with db.session() as session, session.begin():
        session.execute(update(SourceRecord).values(next_run_at=when))
    db.close()


def count_articles(db_url: str) -> int:
    db = open_database(db_url)
    with db.session() as session:
        n = session.scalar(select(func.count()).select_from(ArticleRecord)) or 0
    db.close()
    return int(n)


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of y over x, per 1,000 x."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    cov = sum((x - mx) * (y - my) for x, y in points)
    return 1000 * cov / var if var else 0.0


# -- the soak ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SoakPlan:
    ticks: int | None
    seconds: float | None
    every: int
    snapshots: Path | None  # a directory for tracemalloc snapshots, when tracing

    def done(self, ticks: int, elapsed: float) -> bool:
        if self.ticks is not None and ticks >= self.ticks:
            return True
        return self.seconds is not None and elapsed >= self.seconds


def soak(daemon: Daemon, plan: SoakPlan) -> list[Checkpoint]:
    started = last_scrape = time.monotonic()
    target, checkpoints = plan.every, []
    while True:
        daemon.check_alive()
        ticks, now = daemon.runs(), time.monotonic()
        if now - last_scrape >= SCRAPE_EVERY:
            daemon.scrape()  # the /metrics path is part of the daemon's steady life
            last_scrape = now
        if ticks >= target:
            point = daemon.checkpoint(started)
            checkpoints.append(point)
            print(checkpoint_line(point), flush=True)
            if plan.snapshots is not None:
                keep_snapshots(daemon, plan.snapshots, len(checkpoints))
            target = point.ticks - point.ticks % plan.every + plan.every
            if plan.done(point.ticks, point.seconds):
                return checkpoints
        time.sleep(0.25)  # sampling a running process


def keep_snapshots(daemon: Daemon, directory: Path, count: int) -> None:
    """Snapshot checkpoint `count`; drop those before the last half, never compared."""
    daemon.ask(f"snapshot {directory / f'{count}.snap'}")
    for old in range(1, count // 2 + 1):
        (directory / f"{old}.snap").unlink(missing_ok=True)


def checkpoint_line(p: Checkpoint) -> str:
    parts = [
        f"{p.ticks:>6} ticks {p.seconds:>5.0f} s: RSS {p.rss_mb:5.1f} MB"
        f" (anon {p.mb('rssanon'):5.1f} file {p.mb('rssfile'):4.1f} shm {p.mb('rssshmem'):3.1f})",
        f"blocks {p.heap['blocks']:>7}",
        f"objects {p.objects():>7}",
    ]
    if "pymalloc_used" in p.heap:
        parts[1:1] = [
            f"pymalloc used {p.mb('pymalloc_used'):4.1f} free {p.mb('pymalloc_free'):4.1f}"
            f" arenas {p.heap['pymalloc_arenas']}"
        ]
    if p.heap.get("traced") is not None:
        parts.append(f"traced {p.mb('traced'):5.1f} (own {p.mb('tracemalloc_own'):.1f})")
    if "malloc_in_use" in p.heap:
        parts.append(f"malloc used {p.mb('malloc_in_use'):4.1f} free {p.mb('malloc_free'):4.1f}")
    parts.append(f"tasks {p.heap['tasks']} thr {p.heap['threads']} fds {p.fds}")
    return " | ".join(parts)


SERIES: dict[str, tuple[str, Callable[[Checkpoint], float | None]]] = {
    "rss_mb": ("RSS", lambda p: p.rss_mb),
    "rss_anon_mb": ("RSS anonymous", lambda p: p.mb("rssanon")),
    "traced_mb": ("tracemalloc traced", lambda p: p.mb("traced")),
    "pymalloc_used_mb": ("pymalloc in use", lambda p: p.mb("pymalloc_used")),
    "pymalloc_free_mb": ("pymalloc free", lambda p: p.mb("pymalloc_free")),
    "malloc_in_use_mb": ("malloc in use", lambda p: p.mb("malloc_in_use")),
    "malloc_free_mb": ("malloc free", lambda p: p.mb("malloc_free")),
    "blocks": ("Python allocated blocks", lambda p: float(p.heap["blocks"])),
    "objects": ("gc-tracked objects", lambda p: float(p.objects())),
}


def slopes(checkpoints: Sequence[Checkpoint]) -> dict[str, float]:
    """Per 1,000 ticks, over the last half of the checkpoints."""
    half = checkpoints[len(checkpoints) // 2 :]
    found = {}
    for key, (_, value) in SERIES.items():
        points = [(float(p.ticks), value(p)) for p in half]
        if all(y is not None for _, y in points):
            found[key] = slope([(x, float(y)) for x, y in points if y is not None])
    return found


def last_high(values: Sequence[float]) -> int:
    """Index of the checkpoint where the series last reached a new maximum: a plateau shows
    as a high set early and never beaten since."""
    best = 0
    for i, v in enumerate(values):
        if v > values[best]:
            best = i
    return best


def growers(first: Checkpoint, last: Checkpoint, top: int = 12) -> list[tuple[str, int, int]]:
    """Object types whose count grew the most between two checkpoints: (type, before, after)."""
    before, after = Counter(first.heap["types"]), Counter(last.heap["types"])
    grown = Counter({k: after[k] - before.get(k, 0) for k in after})
    return [(k, before.get(k, 0), after[k]) for k, d in grown.most_common(top) if d > 0]


def snapshot_diff(directory: Path, first: int, last: int, top: int = 10) -> list[str]:
    """What grew between two tracemalloc snapshots, grouped by allocating traceback."""
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap*>"),
        tracemalloc.Filter(False, "<unknown>"),
    ]
    old = tracemalloc.Snapshot.load(str(directory / f"{first}.snap")).filter_traces(ignore)
    new = tracemalloc.Snapshot.load(str(directory / f"{last}.snap")).filter_traces(ignore)
    lines = []
    for stat in new.compare_to(old, "traceback")[:top]:
        lines.append(f"{stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7} blocks")
        frames = stat.traceback.format(limit=6, most_recent_first=True)
        lines += [f"      {frame}" for frame in frames]
    return lines


def report_soak(checkpoints: Sequence[Checkpoint], snapshots: Path | None) -> dict[str, float]:
    found = slopes(checkpoints)
    half = checkpoints[len(checkpoints) // 2 :]
    print(
        f"per 1,000 ticks over the last {len(half)} checkpoints (least squares); its first and"
        " last value; the checkpoint that set the series' high:"
    )
    for key, rate in found.items():
        label, value = SERIES[key]
        unit = "MB" if key.endswith("_mb") else "  "
        ends = f"{value(half[0]) or 0:.1f} -> {value(half[-1]) or 0:.1f}"
        high = last_high([value(p) or 0.0 for p in checkpoints])
        print(f"  {label:<24} {rate:+9.3f} {unit}  {ends:<22} high at {checkpoints[high].ticks}")
    print(f"object types grown from {half[0].ticks} to {half[-1].ticks} ticks:")
    for name, before, after in growers(half[0], half[-1]):
        print(f"  {after - before:+7}  {name} ({before} -> {after})")
    if snapshots is not None and len(checkpoints) >= 2:
        first, last = len(checkpoints) - len(half) + 1, len(checkpoints)
        print(f"tracemalloc, checkpoint {first} -> {last}, by traceback:")
        for line in snapshot_diff(snapshots, first, last):
            print("  " + line)
    return found


# -- the phases -------------------------------------------------------------------------------


def prepare(db_url: str, settings: Settings) -> None:
    db = open_database(db_url)
    ensure_schema(db.engine)
    with db.session() as session, session.begin():
        sync_sources(session, settings.sources)
    db.close()


def measure_idle(db_url: str, settings_file: Path, port: int, env: dict[str, str]) -> float:
    set_due(db_url, datetime.now(UTC) + timedelta(days=1))
    with Daemon(settings_file, 3600, 0, port, env=env) as daemon:
        daemon.wait_up()
        time.sleep(3)  # let start-up garbage settle before reading RSS
        return daemon.rss_mb()


def measure_first_crawl(
    db_url: str, settings_file: Path, port: int, env: dict[str, str], total: int
) -> tuple[float, float]:
    set_due(db_url, None)
    started = time.monotonic()
    with Daemon(settings_file, 3600, 10, port, env=env) as daemon:
        daemon.wait_up()
        while count_articles(db_url) < total:
            daemon.check_alive()
            time.sleep(1)  # the bench polls the database; no event crosses processes
        return daemon.rss_mb(), time.monotonic() - started


def measure_soak(
    db_url: str, settings_file: Path, args: argparse.Namespace, env: dict[str, str], tmp: Path
) -> tuple[list[Checkpoint], dict[str, float], dict[str, float]]:
    set_due(db_url, None)
    snapshots = tmp / "snapshots" if args.tracemalloc else None
    if snapshots is not None:
        snapshots.mkdir()
    minutes = args.soak_minutes
    plan = SoakPlan(
        args.soak_ticks if minutes is None else None,
        minutes * 60 if minutes is not None else None,
        args.checkpoint,
        snapshots,
    )
    with Daemon(settings_file, args.every, 0, args.port, frames=args.tracemalloc, env=env) as d:
        d.wait_up()
        checkpoints = soak(d, plan)
        # How much of the RSS is free memory malloc keeps: what malloc_trim(0) gives back.
        before = d.rss_mb()
        d.ask("trim")
        trim = {"before_mb": before, "after_mb": d.rss_mb()}
    return checkpoints, report_soak(checkpoints, snapshots), trim


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        argv = sys.argv[2:]
        return child(argv[0], float(argv[1]), float(argv[2]), int(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--articles-per-source", type=int, default=10)
    bound = parser.add_mutually_exclusive_group()
    bound.add_argument("--soak-ticks", type=int, default=20000, help="ticks of the soak")
    bound.add_argument("--soak-minutes", type=float, help="or its length in minutes")
    parser.add_argument("--checkpoint", type=int, default=1000, help="ticks between probes")
    parser.add_argument("--every", type=float, default=20, help="seconds between a source's runs")
    parser.add_argument(
        "--tracemalloc", type=int, default=0, metavar="FRAMES",
        help="trace the soak's allocations with FRAMES frames (costs memory: RSS inflated)",
    )  # fmt: skip
    parser.add_argument("--malloc-arena-max", type=int, help="MALLOC_ARENA_MAX for the daemon")
    parser.add_argument("--skip-idle", action="store_true", help="start at the first crawl")
    parser.add_argument("--port", type=int, default=18787)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    env = {} if args.malloc_arena_max is None else {"MALLOC_ARENA_MAX": str(args.malloc_arena_max)}
    print(f"uptime: {os.getloadavg()[0]:.2f} load; daemon env {env or 'default'}", flush=True)
    servers, feeds = build_sites(args.sources, args.articles_per_source)
    total = args.sources * args.articles_per_source
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        settings = settings_for(db_url, feeds)
        settings_file = Path(tmp) / "settings.json"
        settings_file.write_text(settings.model_dump_json(), encoding="utf-8")
        prepare(db_url, settings)
        idle = None
        if not args.skip_idle:
            idle = measure_idle(db_url, settings_file, args.port, env)
            print(f"idle, {args.sources} sources configured: RSS {idle:.1f} MB", flush=True)
        after, crawl_s = measure_first_crawl(db_url, settings_file, args.port, env, total)
        print(f"after {total} articles ({crawl_s:.0f} s): RSS {after:.1f} MB", flush=True)
        checkpoints, rates, trim = measure_soak(db_url, settings_file, args, env, Path(tmp))
    for server in servers:
        server.stop()
    peak = max([after, *(p.rss_mb for p in checkpoints)])
    print(f"malloc_trim(0) at the end: RSS {trim['before_mb']:.1f} -> {trim['after_mb']:.1f} MB")
    verdict = "ok" if peak <= TARGET_MB else "OVER"
    note = " (tracemalloc on: RSS inflated)" if args.tracemalloc else ""
    print(f"peak {peak:.1f} MB (target <= {TARGET_MB:.0f} MB): {verdict}{note}")
    figures = {
        "idle_mb": idle,
        "after_articles_mb": after,
        "peak_mb": peak,
        "slopes_per_1000_ticks": rates,
        "trim": trim,
        "env": env,
        "tracemalloc_frames": args.tracemalloc,
        "checkpoints": [
            {**asdict(p), "heap": {k: v for k, v in p.heap.items() if k != "types"}}
            for p in checkpoints
        ],
    }
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in figures.items() if k != "checkpoints"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
