"""One send of one message to one channel through apprise, as a value.

Usage::

    result = send_message(channel, message, base_dir=settings.base_dir)
    if not result.ok:
        print(result.error)        # secrets already redacted
    print(result.log)              # apprise's own log of this send, redacted too

Secrets never leave this module in clear: every error and log line is passed through
`redact` with the passwords, tokens and keys found in the channel's URLs. Show a channel's
URLs with `channel_urls(...)`, which uses apprise's privacy rendering.

apprise logs through the process-wide ``apprise`` logger, so the log of a send is captured
with `apprise.LogCapture` around that one call: sends must not run concurrently in threads
of one process if their logs are to stay apart (the dispatcher sends one at a time).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import apprise

from pactwatch.config import ChannelConfig
from pactwatch.notify.render import Message, escape_markdown

MAX_LOG_CHARS = 8000
REDACTED = "****"
_SECRET_KEYS = re.compile(r"token|key|secret|pass|pwd|auth|sig|cred|bearer", re.IGNORECASE)
# Anything that looks like user:password@ in a URL, whatever the scheme.
_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]*):[^@/\s]+@", re.I)
_FORMATS = {
    "text": apprise.NotifyFormat.TEXT,
    "markdown": apprise.NotifyFormat.MARKDOWN,
    "html": apprise.NotifyFormat.HTML,
}


@dataclass(frozen=True, slots=True)
class SendResult:
    """The outcome of one send. `permanent` means retrying cannot help (a broken URL)."""

    ok: bool
    error: str | None = None
    log: str = ""
    permanent: bool = False


def make_asset() -> apprise.AppriseAsset:
    # Memory storage: apprise would otherwise keep per-plugin state files on disk.
    return apprise.AppriseAsset(
        app_id="pactwatch",
        app_desc="pactwatch alerts",
        app_url="https://github.com/pactwatch/pactwatch",
        storage_mode="memory",
    )


def load_channel(
    channel: ChannelConfig, base_dir: Path | None = None
) -> tuple[apprise.Apprise, list[str]]:
    """An Apprise object for `channel` and the problems met while loading it (redacted)."""
    secrets = secrets_in(channel.urls)
    apobj = apprise.Apprise(asset=make_asset())
    problems = []
    for number, url in enumerate(channel.urls, start=1):
        if not _add_quietly(apobj, url):
            problems.append(
                f"channel {channel.name}: URL #{number} ({redact(url, secrets)}) "
                "is not a URL apprise understands"
            )
    if channel.apprise_config is not None:
        path = (base_dir or Path()) / channel.apprise_config
        config = apprise.AppriseConfig(asset=make_asset())
        if not path.is_file() or not config.add(str(path)):
            problems.append(f"channel {channel.name}: cannot read apprise config {path}")
        else:
            with _quiet_plugin_imports():
                apobj.add(config)
    return apobj, problems


@contextmanager
def _quiet_plugin_imports() -> Iterator[None]:
    # apprise loads a plugin on first use, and its email plugin imports `imghdr`, deprecated
    # since Python 3.11: a warning about apprise's code that nobody here can act on.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'imghdr' is deprecated", DeprecationWarning)
        yield


def _add_quietly(apobj: apprise.Apprise, url: str) -> bool:
    with _quiet_plugin_imports():
        return bool(apobj.add(url))


def channel_urls(channel: ChannelConfig, base_dir: Path | None = None) -> list[str]:
    """The channel's URLs as apprise shows them with privacy on: safe to print."""
    apobj, _ = load_channel(channel, base_dir)
    secrets = secrets_of(apobj, channel.urls)
    return [redact(url, secrets) for url in apobj.urls(privacy=True)]


def send_message(
    channel: ChannelConfig, message: Message, *, base_dir: Path | None = None
) -> SendResult:
    """Send `message` to every URL of `channel`; ok only when apprise reports success."""
    apobj, problems = load_channel(channel, base_dir)
    secrets = secrets_of(apobj, channel.urls)
    if problems or len(apobj) == 0:
        error = "; ".join(problems) or f"channel {channel.name} has no usable URL"
        return SendResult(ok=False, error=redact(error, secrets), permanent=True)
    tag = channel.tag if channel.tag else apprise.common.MATCH_ALL_TAG
    try:
        with (
            _quiet_plugin_imports(),
            apprise.LogCapture(level=logging.DEBUG) as captured,  # type: ignore[no-untyped-call]
        ):
            outcome = apobj.notify(
                body=message.body,
                title=_title(message),
                body_format=_FORMATS[message.format],
                tag=tag,
            )
            log_text = captured.getvalue()
    except Exception as exc:  # a plugin bug must not take the dispatcher down
        error = f"apprise raised {type(exc).__name__}: {exc}"
        return SendResult(ok=False, error=redact(error, secrets))
    log = _trim(redact(_drop_payloads(log_text), secrets))
    if outcome:
        return SendResult(ok=True, log=log)
    return SendResult(ok=False, error=_error_from(log, outcome), log=log)


def _title(message: Message) -> str:
    # Chat services without a title field put it in front of the body, where a markdown
    # renderer would read it: a scraped name in the subject must not become markup there.
    if message.format == "markdown":
        return escape_markdown(message.subject)
    return message.subject


def _error_from(log: str, outcome: object) -> str:
    problems = [
        line.split(" - ", 2)[-1]
        for line in log.splitlines()
        if " - WARNING - " in line or " - ERROR - " in line
    ]
    status = getattr(outcome, "status", None)
    summary = f"apprise reported {getattr(status, 'name', 'failure').lower()}"
    if problems:
        return f"{summary}: " + "; ".join(dict.fromkeys(problems))
    return summary


def _drop_payloads(log: str) -> str:
    # The message body is already stored with the event; its copy in apprise's debug log
    # would only fill the outbox row.
    return "\n".join(
        re.sub(r"(Payload: ).*", r"\1(omitted)", line) if "Payload:" in line else line
        for line in log.splitlines()
    )


def _trim(log: str) -> str:
    if len(log) <= MAX_LOG_CHARS:
        return log
    half = MAX_LOG_CHARS // 2
    return f"{log[:half]}\n… ({len(log) - MAX_LOG_CHARS} characters cut) …\n{log[-half:]}"


# -- secrets --------------------------------------------------------------------------------


def secrets_of(apobj: apprise.Apprise, urls: Iterable[str] = ()) -> frozenset[str]:
    """Secrets in the configured `urls` and in every URL apprise loaded (config files too)."""
    private = apobj.urls(privacy=True)
    return secrets_in([*urls, *apobj.urls(privacy=False)], shown=private)


def secrets_in(urls: Iterable[str], shown: Iterable[str] = ()) -> frozenset[str]:
    """The parts of `urls` to hide: passwords, secret-looking query values and headers, and
    any path or query part that apprise's privacy rendering (`shown`) hides."""
    shown = list(shown)
    visible = "\n".join([*shown, *(unquote(url) for url in shown)])
    found: set[str] = set()
    for url in urls:
        try:
            parts = urlsplit(url)
            password = parts.password
        except ValueError:
            continue
        if password:
            found.add(password)
        for segment in parts.path.split("/"):
            if len(segment) >= 6 and visible and segment not in visible:
                found.add(segment)
        for key, value in parse_qsl(parts.query, keep_blank_values=False):
            if len(value) < 4:
                continue
            header = key.startswith(("-", "+", ":"))
            if header or _SECRET_KEYS.search(key) or (visible and value not in visible):
                found.add(value)
    expanded = set()
    for secret in found:
        expanded |= {secret, quote(secret, safe=""), unquote(secret)}
    return frozenset(s for s in expanded if len(s) >= 3)


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with each secret replaced by ``****`` and any ``user:password@`` masked."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{REDACTED}@", text)
