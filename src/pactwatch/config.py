"""The one typed settings object, read once from YAML.

Usage::

    settings = load_config(Path("config/pactwatch.yaml"))

Every mistake is reported as a `ConfigError` that lists each problem with its file, line and key
path (``config/pactwatch.yaml:12: sources[1].kind: Input should be 'feed', 'listing' or
'sitemap'``). Unknown keys are rejected. ``${VAR}`` and ``${VAR:-default}`` inside string values
are replaced from the environment, so secrets stay out of the file.

A top-level ``include: [partners.yaml, ...]`` merges other files (paths relative to the including
file): their list-valued keys are appended to the main file's, other keys must not clash.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

DEFAULT_CONFIG = Path("config/pactwatch.yaml")
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_USER_AGENT = (
    "pactwatch/0.1 (+https://github.com/pactwatch/pactwatch; news monitor for cooperation offices)"
)

SourceKind = Literal["feed", "listing", "sitemap"]
Profile = Literal["nukeviet", "wordpress", "generic"]
PartnerKind = Literal[
    "university", "research_institute", "company", "government", "consortium", "other"
]
EventName = Literal[
    "agreement.new_partner",
    "agreement.known_partner",
    "agreement.duplicate",
    "source.failing",
    "source.recovered",
    "source.empty",
]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_duration(value: object) -> float:
    """Seconds from ``90``, ``"90s"``, ``"30m"``, ``"2h"``, ``"1d"`` or ``"250ms"``."""
    if isinstance(value, bool):
        raise ValueError("expected a duration like 30s, 15m or 2h")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"expected a duration like 30s, 15m or 2h, got {value!r}")
    return float(match.group(1)) * _DURATION_UNITS[match.group(2)]


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc
    return name


Seconds = Annotated[float, BeforeValidator(parse_duration), Field(ge=0)]
TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Schedule(_Strict):
    """When a job runs: ``every`` (an interval) or ``cron`` (five fields), plus a random jitter."""

    every: Seconds | None = None
    cron: str | None = None
    timezone: TimeZoneName = DEFAULT_TIMEZONE
    jitter: Seconds = 60.0

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        # "30m" is short for {every: 30m}; "cron: 0 8 * * *" for {cron: "0 8 * * *"}.
        if isinstance(value, str | int | float):
            text = str(value).strip()
            if text.startswith("cron:"):
                return {"cron": text.removeprefix("cron:").strip()}
            return {"every": text.removeprefix("every").strip()}
        return value

    @model_validator(mode="after")
    def _one_of(self) -> Schedule:
        if (self.every is None) == (self.cron is None):
            raise ValueError("give exactly one of 'every' or 'cron'")
        if self.cron is not None and len(self.cron.split()) != 5:
            raise ValueError(f"cron needs five fields (min hour day month weekday): {self.cron!r}")
        if self.every is not None and self.every < 60:
            raise ValueError("'every' must be at least 60s: news pages do not change faster")
        return self


class HttpSettings(_Strict):
    """How pactwatch behaves towards other people's servers. Durations in seconds."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: Seconds = 10.0
    read_timeout: Seconds = 20.0
    # Wall-clock cap on one request including the body download: a trickling server cannot
    # hold a worker for ever.
    total_timeout: Seconds = 60.0
    max_body_bytes: int = Field(default=10_000_000, gt=0)
    # Cap on the decompressed size; a gzip bomb stops here, not in memory.
    max_decompressed_bytes: int = Field(default=20_000_000, gt=0)
    max_redirects: int = Field(default=5, ge=0, le=20)
    # Initial request + this many retries on connection errors, timeouts, 429 and 5xx.
    retries: int = Field(default=3, ge=0, le=10)
    backoff_base: Seconds = 1.0
    backoff_max: Seconds = 60.0
    # Longest Retry-After we are willing to wait inside one run; longer means "try next run".
    max_retry_after: Seconds = 120.0
    min_delay: Seconds = 1.0
    per_host_concurrency: int = Field(default=1, ge=1, le=16)
    concurrency: int = Field(default=64, ge=1, le=1024)
    obey_robots: bool = True


class Selectors(_Strict):
    """CSS selectors overriding a profile's defaults; each may list fallbacks separated by ','."""

    title: str | None = None
    date: str | None = None
    body: str | None = None
    drop: str | None = None
    listing_item: str | None = None
    listing_link: str | None = None
    next_page: str | None = None
    article_url_pattern: str | None = None
    exclude_url_pattern: str | None = None

    @field_validator("article_url_pattern", "exclude_url_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value


class SourceConfig(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=100)
    institution: str
    kind: SourceKind
    url: str
    profile: Profile = "generic"
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    selectors: Selectors = Selectors()
    timezone: TimeZoneName = DEFAULT_TIMEZONE
    max_pages: int = Field(default=3, ge=1, le=1000)
    allowed_hosts: tuple[str, ...] = ()
    min_delay: Seconds | None = None
    schedule: Schedule = Schedule(every=1800)
    enabled: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"must be an http:// or https:// URL, got {value!r}")
        return value

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts whose links this source may follow: the configured ones, else the URL's own."""
        return _hosts(self.url, self.allowed_hosts)


# Asked for every page a source's crawl parses: worked out once per source.
@lru_cache(maxsize=1024)
def _hosts(url: str, allowed_hosts: tuple[str, ...]) -> frozenset[str]:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    configured = {h.lower() for h in allowed_hosts}
    return frozenset(configured or {host, host.removeprefix("www."), "www." + host})


class InstitutionConfig(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class PartnerConfig(_Strict):
    name: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    kind: PartnerKind = "other"
    # Whose partner it is; empty means every configured institution's.
    institutions: tuple[str, ...] = ()
    since: date | None = None
    notes: str | None = None


class DigestMode(_Strict):
    cron: str
    timezone: TimeZoneName = DEFAULT_TIMEZONE


class ChannelFilters(_Strict):
    institutions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    partner_kinds: tuple[PartnerKind, ...] = ()
    min_confidence: float = Field(default=0.0, ge=0, le=1)


class ChannelConfig(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    urls: tuple[str, ...] = ()
    apprise_config: Path | None = None
    tag: str | None = None
    events: tuple[EventName, ...] = ("agreement.new_partner", "agreement.known_partner")
    filters: ChannelFilters = ChannelFilters()
    format: Literal["text", "markdown", "html"] = "text"
    mode: Literal["instant", "digest"] = "instant"
    digest: DigestMode | None = None
    templates: dict[str, Path] = Field(default_factory=dict)
    max_attempts: int = Field(default=8, ge=1, le=100)
    retry_base: Seconds = 30.0
    retry_max: Seconds = 3600.0

    @model_validator(mode="after")
    def _complete(self) -> ChannelConfig:
        if not self.urls and self.apprise_config is None:
            raise ValueError("a channel needs 'urls' or 'apprise_config'")
        if self.mode == "digest" and self.digest is None:
            raise ValueError("mode 'digest' needs 'digest: {cron: ...}'")
        return self


class Settings(_Strict):
    """Everything pactwatch reads from its config file."""

    database: str = "sqlite:///pactwatch.db"
    http: HttpSettings = HttpSettings()
    institutions: tuple[InstitutionConfig, ...] = ()
    sources: tuple[SourceConfig, ...] = ()
    partners: tuple[PartnerConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    # Consecutive failed runs before source.failing is raised.
    failing_after: int = Field(default=3, ge=1)
    # Where relative paths in the file (templates, apprise configs) are resolved.
    base_dir: Path = Field(default=Path(), exclude=True)

    @model_validator(mode="after")
    def _references(self) -> Settings:
        ids = [i.id for i in self.institutions]
        _unique(ids, "institution id")
        _unique([s.name for s in self.sources], "source name")
        _unique([c.name for c in self.channels], "channel name")
        for source in self.sources:
            if source.institution not in ids:
                raise ValueError(
                    f"source {source.name!r} names institution {source.institution!r}, "
                    f"which is not under 'institutions' (known: {', '.join(ids) or 'none'})"
                )
        for partner in self.partners:
            for inst in partner.institutions:
                if inst not in ids:
                    raise ValueError(f"partner {partner.name!r} names unknown institution {inst!r}")
        return self

    def institution(self, institution_id: str) -> InstitutionConfig:
        for inst in self.institutions:
            if inst.id == institution_id:
                return inst
        raise KeyError(institution_id)

    def source(self, name: str) -> SourceConfig:
        for src in self.sources:
            if src.name == name:
                return src
        raise KeyError(name)


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)


@dataclass(frozen=True)
class ConfigProblem:
    file: Path
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ConfigError(Exception):
    """The config could not be read; `problems` lists every mistake found."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# -- reading --------------------------------------------------------------------------------

_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass
class _Origin:
    """Where each value came from, to point at a line when validation fails."""

    file: Path
    node: yaml.Node | None
    children: dict[str | int, _Origin] = field(default_factory=dict)

    def find(self, loc: tuple[str | int, ...]) -> tuple[Path, int | None]:
        """The file and line of the value at `loc`; for a missing key, its parent's line."""
        origin, node = self, self.node
        for part in loc:
            child = origin.children.get(part)
            if child is not None:
                origin, node = child, child.node
                continue
            found = _child_node(node, part) if node is not None else None
            if found is None:
                break
            origin, node = _Origin(origin.file, found), found
        return origin.file, (node.start_mark.line + 1) if node is not None else None


def _child_node(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return value  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(path, None, "", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigProblem(path, None, "", f"cannot read: {exc}")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([ConfigProblem(path, line, "", f"invalid YAML: {problem}")]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([ConfigProblem(path, 1, "", "the top level must be a mapping of keys")])
    return data, node


def _substitute(value: Any, loc: tuple[str | int, ...], env: Mapping[str, str]) -> Iterator[Any]:
    """Yield the value with ${VAR} replaced, or raise KeyError(loc, var) for a missing one."""
    if isinstance(value, str):

        def repl(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in env:
                return env[name]
            if default is not None:
                return default
            raise _MissingEnv(loc, name)

        yield _ENV.sub(repl, value)
    elif isinstance(value, dict):
        yield {k: next(_substitute(v, (*loc, k), env)) for k, v in value.items()}
    elif isinstance(value, list):
        yield [next(_substitute(v, (*loc, i), env)) for i, v in enumerate(value)]
    else:
        yield value


class _MissingEnv(Exception):
    def __init__(self, loc: tuple[str | int, ...], name: str) -> None:
        self.loc, self.name = loc, name


def _format_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _merge_includes(
    path: Path, data: dict[str, Any], origin: _Origin, problems: list[ConfigProblem]
) -> None:
    includes = data.pop("include", None) or []
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list):
        problems.append(ConfigProblem(path, None, "include", "expected a list of file names"))
        return
    for name in includes:
        inc_path = (path.parent / str(name)).resolve()
        try:
            inc_data, inc_node = _read_yaml(inc_path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        for key, value in inc_data.items():
            inc_value_node = _child_node(inc_node, key) if inc_node is not None else None
            if key not in data:
                data[key] = value
                origin.children[key] = _Origin(inc_path, inc_value_node)
            elif isinstance(data[key], list) and isinstance(value, list):
                # Each list item keeps a pointer to the file and node it came from.
                merged = origin.children.get(key) or _Origin(path, None)
                own_node = _child_node(origin.node, key) if origin.node is not None else None
                items = [
                    merged.children.get(i)
                    or _Origin(path, _child_node(own_node, i) if own_node else None)
                    for i in range(len(data[key]))
                ]
                inc_items = (
                    inc_value_node.value if isinstance(inc_value_node, yaml.SequenceNode) else []
                )
                items += [_Origin(inc_path, n) for n in inc_items]
                origin.children[key] = _Origin(path, own_node, dict(enumerate(items)))
                data[key] = [*data[key], *value]
            else:
                line = inc_value_node.start_mark.line + 1 if inc_value_node is not None else None
                problems.append(
                    ConfigProblem(inc_path, line, str(key), "already set in the including file")
                )


def load_config(path: Path, env: Mapping[str, str] | None = None) -> Settings:
    """Read, substitute, merge includes and validate the config at `path`."""
    env = os.environ if env is None else env
    data, node = _read_yaml(path)
    origin = _Origin(path, node)
    problems: list[ConfigProblem] = []
    _merge_includes(path, data, origin, problems)
    try:
        data = next(_substitute(data, (), env))
    except _MissingEnv as exc:
        file, line = origin.find(exc.loc)
        problems.append(
            ConfigProblem(
                file,
                line,
                _format_loc(exc.loc),
                f"environment variable {exc.name} is not set (write ${{{exc.name}:-default}} "
                "to give a default)",
            )
        )
    if problems:
        raise ConfigError(problems)
    data["base_dir"] = path.parent.resolve()
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
            # pydantic reports union members as extra loc parts; keep the config's own path.
            loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
            file, line = origin.find(loc)
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown key"
            problems.append(ConfigProblem(file, line, _format_loc(loc), message))
        raise ConfigError(problems) from None


def config_path(cli_value: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """The config file to read: --config, else $PACTWATCH_CONFIG, else the shipped default."""
    env = os.environ if env is None else env
    if cli_value is not None:
        return cli_value
    if env.get("PACTWATCH_CONFIG"):
        return Path(env["PACTWATCH_CONFIG"])
    return DEFAULT_CONFIG
