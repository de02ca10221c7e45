"""`pactwatch extract PATH_OR_URL…`: read pages and say whether each announces a signing.

With several inputs the output is in input order (JSON Lines with --json). A file's URL comes
from its canonical link; a file that is not HTML is read as plain text, one paragraph a line.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from pactwatch.agreements import decision_to_json
from pactwatch.article import parse_article
from pactwatch.charset import decode_body
from pactwatch.cli import add_option
from pactwatch.commands.common import print_json_line, settings_of
from pactwatch.config import InstitutionConfig, Settings, SourceConfig
from pactwatch.errors import UserError
from pactwatch.fetch import Fetcher
from pactwatch.model import Article, Decision
from pactwatch.record import decide_for
from pactwatch.sources import sniff_kind
from pactwatch.urls import normalize_url

_SLUG = re.compile(r"[^a-z0-9]+")
_TITLE_MAX = 200
# The canonical link lives in <head>: no need to parse a whole page for it.
_HEAD_BYTES = 64 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "extract", help="read HTML files or URLs and extract the agreement they announce"
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    who = parser.add_mutually_exclusive_group()
    add_option(who, "extract", "--source", metavar="NAME", help="read as this configured source")
    add_option(
        who,
        "extract",
        "--institution",
        metavar="NAME",
        help="home institution: a configured id or name, or any name (with --alias)",
    )
    add_option(
        parser,
        "extract",
        "--alias",
        action="append",
        default=[],
        metavar="ALIAS",
        help="another name of --institution (repeatable)",
    )
    add_option(parser, "extract", "--json", action="store_true", help="JSON (Lines) output")
    parser.set_defaults(handler=extract)


@dataclass(frozen=True)
class _Input:
    label: str
    article: Article | None
    error: str | None = None


def extract(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.alias and not args.institution:
        raise UserError("--alias goes with --institution")
    inputs = asyncio.run(_read_all(settings, args))
    failed = 0
    for item in inputs:
        if item.article is None:
            failed += 1
            _report_error(item, args.json)
            continue
        source = _source_for(settings, args, item.article.url)
        institution = _institution(settings, args, source)
        decision = decide_for(settings, institution, item.article)
        if args.json:
            print_json_line(decision_to_json(item.article, decision))
        else:
            print(describe_decision(item.article, decision))
            print()
    return 1 if failed else 0


def _report_error(item: _Input, as_json: bool) -> None:
    if as_json:
        print_json_line({"url": item.label, "error": item.error})
    else:
        print(f"{item.label}: {item.error}\n")


async def _read_all(settings: Settings, args: argparse.Namespace) -> list[_Input]:
    reading = _Reader(settings, args)
    async with Fetcher(settings.http) as fetcher:
        reading.fetcher = fetcher
        return list(await asyncio.gather(*(reading.read(x) for x in args.inputs)))


class _Reader:
    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        self.settings = settings
        self.args = args
        self.fetcher: Fetcher | None = None

    async def read(self, target: str) -> _Input:
        if urlsplit(target).scheme in ("http", "https"):
            return await self._read_url(target)
        return self._read_file(Path(target))

    async def _read_url(self, url: str) -> _Input:
        assert self.fetcher is not None
        page = await self.fetcher.fetch(url)
        if page.outcome != "ok" or page.text is None:
            status = f"HTTP {page.status}: " if page.status else ""
            return _Input(url, None, f"{status}{page.error or page.outcome}")
        source = _source_for(self.settings, self.args, page.final_url)
        return _Input(url, parse_article(page.text, page.final_url, source))

    def _read_file(self, path: Path) -> _Input:
        try:
            body = path.read_bytes()
        except OSError as exc:
            return _Input(str(path), None, f"cannot read: {exc.strerror or exc}")
        text, _ = decode_body(body)
        if sniff_kind(text) != "html":
            return _Input(str(path), _plain_text_article(text, path.resolve().as_uri()))
        url = _canonical_url(text) or path.resolve().as_uri()
        source = _source_for(self.settings, self.args, url)
        return _Input(str(path), parse_article(text, url, source))


def _plain_text_article(text: str, url: str) -> Article:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [line for line in lines if line]
    # A first line that reads like a headline (short, no closing full stop) is the title.
    title = None
    if paragraphs and len(paragraphs[0]) <= _TITLE_MAX and not paragraphs[0].endswith("."):
        title = paragraphs.pop(0)
    return Article(
        url=url, title=title, published=None, language=None, paragraphs=tuple(paragraphs)
    )


def _canonical_url(html: str) -> str | None:
    """The page's own idea of its address: rel=canonical, else og:url."""
    tree = LexborHTMLParser(html[:_HEAD_BYTES])
    for selector, attribute in (
        ('link[rel="canonical"]', "href"),
        ('meta[property="og:url"]', "content"),
    ):
        node = tree.css_first(selector)
        value = node.attributes.get(attribute) if node is not None else None
        if value and urlsplit(value).scheme in ("http", "https"):
            return value.strip()
    return None


def _source_for(settings: Settings, args: argparse.Namespace, url: str) -> SourceConfig:
    """The configured source named by --source, else one whose hosts serve `url`, else generic."""
    if args.source:
        try:
            return settings.source(args.source)
        except KeyError:
            raise UserError(f"unknown source {args.source!r}") from None
    host = (urlsplit(url).hostname or "").lower()
    for source in settings.sources:
        if host and host in source.hosts:
            return source
    institution = _institution_or_none(settings, args)
    # A page no configured source serves is read with the generic profile, on its own host.
    return SourceConfig(
        name="extract",
        institution=institution.id if institution else "unknown",
        kind="feed",
        url=url if url.startswith("http") else "http://localhost/",
    )


def _institution(
    settings: Settings, args: argparse.Namespace, source: SourceConfig
) -> InstitutionConfig:
    chosen = _institution_or_none(settings, args)
    if chosen is not None:
        return chosen
    try:
        return settings.institution(source.institution)
    except KeyError:
        raise UserError(
            "whose announcement is this? give --source NAME or --institution NAME "
            "(no configured source serves this page)"
        ) from None


def _institution_or_none(settings: Settings, args: argparse.Namespace) -> InstitutionConfig | None:
    name = args.institution
    if not name:
        return None
    for inst in settings.institutions:
        if name.casefold() in {inst.id.casefold(), *(n.casefold() for n in inst.names)}:
            if args.alias:
                return inst.model_copy(update={"aliases": (*inst.aliases, *args.alias)})
            return inst
    slug = _SLUG.sub("-", name.lower()).strip("-") or "institution"
    return InstitutionConfig(id=slug, name=name, aliases=tuple(args.alias))


def describe_decision(article: Article, decision: Decision) -> str:
    """A readable summary of one page's reading, for people at a terminal."""
    lines = [f"{article.title or '(no title)'}", f"  url:        {article.url}"]
    if article.published:
        lines.append(f"  published:  {article.published.isoformat()}")
    verdict = "AGREEMENT" if decision.is_agreement else "not an agreement"
    lines.append(f"  verdict:    {verdict} (confidence {decision.confidence:.2f})")
    draft = decision.agreement
    if draft is not None:
        lines.append(f"  kind:       {draft.kind}{' (renewal)' if draft.renewal else ''}")
        lines.append(f"  signed on:  {draft.signed_on or 'unknown'}")
        if draft.period and (draft.period.start or draft.period.end or draft.period.text):
            p = draft.period
            span = p.text or f"{p.start or '?'} to {p.end or '?'}"
            lines.append(f"  period:     {span}")
        for partner in draft.partners:
            acronym = f" ({partner.acronym})" if partner.acronym else ""
            lines.append(
                f"  partner:    {partner.name}{acronym}, {partner.country or '??'}, {partner.kind}"
            )
        for person in draft.signatories:
            extra = ", ".join(x for x in (person.title, person.organization) if x)
            lines.append(f"  signatory:  {person.name}{f' ({extra})' if extra else ''}")
        if draft.areas:
            lines.append(f"  areas:      {', '.join(draft.areas)}")
    for reason in decision.reasons:
        lines.append(f"  why:        {reason}")
    return "\n".join(lines)


__all__ = ["describe_decision", "normalize_url"]
