"""Events and digests as messages: a subject and a body in the channel's format.

Usage::

    renderer = Renderer(base_dir=settings.base_dir)
    message = renderer.render(event, channel)          # Message(subject, body, format)
    summary = renderer.render_digest(digest, channel)

Default templates live in ``notify/templates/`` as ``NAME.EXT.j2`` (EXT: txt, md, html);
NAME is one of `TEMPLATE_NAMES`. A channel overrides any of them with
``templates: {agreement: my_agreement.html.j2}`` (paths relative to the config file); an
override may ``{% extends %}`` or ``{% include %}`` a default. Scraped text is escaped for
the format: HTML autoescaping, markdown by escaping every interpolated value (use the
``|url`` filter for link targets), and subjects are one line of plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import escape

from pactwatch.config import ChannelConfig
from pactwatch.notify import labels
from pactwatch.notify.events import AgreementEvent, Digest, Event, PartnerInfo

Format = Literal["text", "markdown", "html"]
TEMPLATE_NAMES = ("subject", "agreement", "source", "digest_subject", "digest")
_EXTENSIONS: dict[Format, str] = {"text": "txt", "markdown": "md", "html": "html"}
_SPACE = re.compile(r"\s+")
# Characters that start markdown syntax; < > & become entities so no raw HTML survives.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True, slots=True)
class Message:
    """What apprise sends: `subject` is one line of plain text, `body` is in `format`."""

    subject: str
    body: str
    format: Format


def channel_test_message(channel: ChannelConfig) -> Message:
    """A short message proving that `channel` delivers (``pactwatch notify test``)."""
    subject = f"pactwatch test: channel {channel.name} works"
    text = f"This is a test from pactwatch. Alerts for channel {channel.name} arrive here."
    body = {"text": text, "markdown": escape_markdown(text), "html": f"<p>{escape(text)}</p>"}
    return Message(subject=subject, body=body[channel.format] + "\n", format=channel.format)


class RenderError(Exception):
    """A template could not be read or rendered (a broken override, usually)."""


class MarkdownSafe(str):
    """Text already valid as markdown: the markdown environment does not escape it again."""

    __slots__ = ()


def escape_markdown(text: str) -> str:
    """`text` shown literally by a markdown renderer (no emphasis, links or HTML)."""
    text = _SPACE.sub(" ", text)
    text = "".join(_MD_ENTITIES.get(ch, ch) for ch in text)
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_url(url: str | None) -> str:
    """`url` if it is http(s), else ``#``: a scraped ``javascript:`` link never becomes live."""
    if not url:
        return "#"
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in {"http", "https"} else "#"


def one_line(value: object) -> str:
    return _SPACE.sub(" ", str(value)).strip()


def partner_label(partner: PartnerInfo) -> str:
    """Known partners by the acronym staff use; a new one by its full name."""
    if not partner.is_new and partner.acronym:
        return partner.acronym
    return partner.name


def partner_phrase(partner: PartnerInfo) -> str:
    """``École Centrale de Lyon (France)`` or ``CNES (France, partner since 16 Nov 2015)``."""
    details = [labels.country_name(partner.country) or ""]
    if not partner.is_new and partner.known_since is not None:
        details.append(f"partner since {labels.human_date(partner.known_since)}")
    inside = ", ".join(d for d in details if d)
    label = one_line(partner_label(partner))
    return f"{label} ({inside})" if inside else label


def partner_full_name(partner: PartnerInfo) -> str:
    if partner.acronym and partner.acronym.lower() not in partner.name.lower():
        return f"{partner.name} ({partner.acronym})"
    return partner.name


def headline_partners(event: AgreementEvent) -> tuple[PartnerInfo, ...]:
    """The partners a headline names: the new ones for a new-partner event, else all."""
    if event.name == "agreement.new_partner" and event.new_partners:
        return event.new_partners + event.known_partners
    return event.partners


def _url_filter(url: str | None) -> MarkdownSafe:
    # Parentheses and spaces would end a markdown link target early.
    return MarkdownSafe(quote(safe_url(url), safe=":/?&=#%@+,;~!$*'"))


def _html_url(url: str | None) -> str:
    return safe_url(url)


def _markdown_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    return escape_markdown(str(value))


def _text_finalize(value: Any) -> Any:
    return "" if value is None else value


class Renderer:
    """Holds one Jinja2 environment per format; build it once and reuse it."""

    def __init__(self, base_dir: Path | None = None) -> None:
        self.base_dir = base_dir or Path()
        loader = jinja2.PackageLoader("pactwatch.notify", "templates")
        self._envs: dict[Format, jinja2.Environment] = {
            "text": self._environment(loader, autoescape=False, finalize=_text_finalize),
            "markdown": self._environment(loader, autoescape=False, finalize=_markdown_finalize),
            "html": self._environment(loader, autoescape=True, finalize=_text_finalize),
        }
        self._envs["html"].filters["url"] = _html_url
        self._envs["markdown"].filters["url"] = _url_filter
        self._envs["text"].filters["url"] = safe_url

    @staticmethod
    def _environment(
        loader: jinja2.BaseLoader, *, autoescape: bool, finalize: Any
    ) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=loader,
            autoescape=autoescape,
            finalize=finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        env.filters.update(
            {
                "date": labels.human_date,
                "country": labels.country_name,
                "agreement_kind": labels.agreement_kind,
                "a_or_an": labels.with_article,
                "partner_kind": labels.partner_kind,
                "one_line": one_line,
                "percent": lambda x: f"{round(float(x) * 100)}%",
            }
        )
        env.globals.update(
            {
                "partner_label": partner_label,
                "partner_phrase": partner_phrase,
                "partner_full_name": partner_full_name,
                "headline_partners": headline_partners,
                # A line break for templates whose lines end in a block tag (trim_blocks).
                "nl": MarkdownSafe("\n"),
            }
        )
        return env

    def render(self, event: Event, channel: ChannelConfig) -> Message:
        """The message for `event` on `channel` (its format and template overrides)."""
        return self.render_as(event, channel.format, channel.templates)

    def render_as(
        self, event: Event, fmt: Format, overrides: Mapping[str, Path] | None = None
    ) -> Message:
        """The message for `event` in `fmt`, with optional template overrides."""
        body_name = "agreement" if isinstance(event, AgreementEvent) else "source"
        context = {"event": event}
        return Message(
            subject=self._subject("subject", context, overrides),
            body=self._render(fmt, body_name, context, overrides),
            format=fmt,
        )

    def render_digest(self, digest: Digest, channel: ChannelConfig) -> Message:
        """One summary message for the events of `digest`, new partners first."""
        context = {"digest": digest}
        return Message(
            subject=self._subject("digest_subject", context, channel.templates),
            body=self._render(channel.format, "digest", context, channel.templates),
            format=channel.format,
        )

    def check(self, channel: ChannelConfig) -> list[str]:
        """Problems with the channel's template overrides (unknown names, unreadable files)."""
        problems = []
        for name in channel.templates:
            if name not in TEMPLATE_NAMES:
                problems.append(
                    f"channel {channel.name}: unknown template {name!r} "
                    f"(known: {', '.join(TEMPLATE_NAMES)})"
                )
                continue
            try:
                self._template(channel.format, name, channel.templates)
            except RenderError as exc:
                problems.append(f"channel {channel.name}: {exc}")
        return problems

    def _subject(
        self, name: str, context: dict[str, Any], overrides: Mapping[str, Path] | None
    ) -> str:
        return one_line(self._render("text", name, context, overrides))

    def _render(
        self,
        fmt: Format,
        name: str,
        context: dict[str, Any],
        overrides: Mapping[str, Path] | None,
    ) -> str:
        template = self._template(fmt, name, overrides)
        try:
            text = template.render(context)
        except jinja2.TemplateError as exc:
            raise RenderError(f"template {name} ({fmt}): {exc}") from exc
        return text.strip() + "\n"

    def _template(
        self, fmt: Format, name: str, overrides: Mapping[str, Path] | None
    ) -> jinja2.Template:
        env = self._envs[fmt]
        path = (overrides or {}).get(name)
        try:
            if path is None:
                ext = "txt" if name.endswith("subject") else _EXTENSIONS[fmt]
                return env.get_template(f"{name}.{ext}.j2")
            source = (self.base_dir / path).read_text(encoding="utf-8")
            return env.from_string(source)
        except (OSError, UnicodeDecodeError) as exc:
            raise RenderError(f"cannot read template {name} from {path}: {exc}") from exc
        except jinja2.TemplateError as exc:
            raise RenderError(f"template {name} ({fmt}) is invalid: {exc}") from exc


__all__ = [
    "TEMPLATE_NAMES",
    "Format",
    "MarkdownSafe",
    "Message",
    "RenderError",
    "Renderer",
    "escape_markdown",
    "partner_phrase",
    "safe_url",
]
