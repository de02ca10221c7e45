"""The typed payload of an event: everything a rendered alert needs, and nothing else.

Usage::

    event = AgreementEvent(name="agreement.new_partner", institution_id="usth",
                           institution="USTH", kind="cooperation_agreement", ...)
    row.payload = event_to_json(event)      # stored in events.payload
    event = event_from_json(row.payload)    # read back by the dispatcher

The payload is a snapshot taken when the event is created: later edits to the registry or
the agreement do not change an alert that is already queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeAlias, cast, get_args

from pactwatch.config import InstitutionConfig
from pactwatch.model import AgreementKind, PartnerKind, Period, Signatory

AgreementEventName = Literal[
    "agreement.new_partner", "agreement.known_partner", "agreement.duplicate"
]
SourceEventName = Literal["source.failing", "source.recovered", "source.empty"]
AGREEMENT_EVENTS: tuple[str, ...] = get_args(AgreementEventName)
SOURCE_EVENTS: tuple[str, ...] = get_args(SourceEventName)


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    """A partner as the alert shows it: `is_new` means never seen before this agreement."""

    name: str
    acronym: str | None = None
    country: str | None = None
    kind: PartnerKind = "other"
    is_new: bool = True
    known_since: date | None = None


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class AgreementEvent:
    """A signing worth telling: new partner, known partner (new agreement) or duplicate."""

    name: AgreementEventName
    institution_id: str
    institution: str
    kind: AgreementKind
    partners: tuple[PartnerInfo, ...]
    signed_on: date | None = None
    period: Period | None = None
    areas: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    renewal: bool = False
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    article: ArticleInfo | None = None

    @property
    def new_partners(self) -> tuple[PartnerInfo, ...]:
        return tuple(p for p in self.partners if p.is_new)

    @property
    def known_partners(self) -> tuple[PartnerInfo, ...]:
        return tuple(p for p in self.partners if not p.is_new)


@dataclass(frozen=True, slots=True)
class SourceEvent:
    """The health of a source changed: failing (blocked or not), recovered, or empty."""

    name: SourceEventName
    institution_id: str
    institution: str
    source: str
    url: str
    consecutive_failures: int = 0
    blocked: bool = False
    error: str | None = None


Event: TypeAlias = AgreementEvent | SourceEvent


def institution_label(institution: InstitutionConfig) -> str:
    """The short name people use: the first acronym-like alias (``USTH``), else the name."""
    for alias in institution.aliases:
        if alias.isupper() and " " not in alias and len(alias) <= 10:
            return alias
    return institution.name


# -- JSON ----------------------------------------------------------------------------------


def event_to_json(event: Event) -> dict[str, Any]:
    """A plain JSON-able dict for the events.payload column (dates as ISO strings)."""
    if isinstance(event, SourceEvent):
        return {
            "name": event.name,
            "institution_id": event.institution_id,
            "institution": event.institution,
            "source": event.source,
            "url": event.url,
            "consecutive_failures": event.consecutive_failures,
            "blocked": event.blocked,
            "error": event.error,
        }
    return {
        "name": event.name,
        "institution_id": event.institution_id,
        "institution": event.institution,
        "kind": event.kind,
        "partners": [
            {
                "name": p.name,
                "acronym": p.acronym,
                "country": p.country,
                "kind": p.kind,
                "is_new": p.is_new,
                "known_since": _iso(p.known_since),
            }
            for p in event.partners
        ],
        "signed_on": _iso(event.signed_on),
        "period": None
        if event.period is None
        else {"start": event.period.start, "end": event.period.end, "text": event.period.text},
        "areas": list(event.areas),
        "signatories": [
            {"name": s.name, "title": s.title, "organization": s.organization}
            for s in event.signatories
        ],
        "renewal": event.renewal,
        "confidence": event.confidence,
        "reasons": list(event.reasons),
        "article": None
        if event.article is None
        else {
            "url": event.article.url,
            "title": event.article.title,
            "published": _iso(event.article.published),
        },
    }


class PayloadError(ValueError):
    """A stored payload cannot be read back as an event."""


def event_from_json(data: dict[str, Any]) -> Event:
    """The event stored by `event_to_json`; `PayloadError` names what is wrong."""
    try:
        return _event_from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PayloadError(f"unreadable event payload: {exc!r}") from exc


def _event_from_json(data: dict[str, Any]) -> Event:
    name = data["name"]
    if name in SOURCE_EVENTS:
        return SourceEvent(
            name=cast(SourceEventName, name),
            institution_id=str(data["institution_id"]),
            institution=str(data["institution"]),
            source=str(data["source"]),
            url=str(data["url"]),
            consecutive_failures=int(data.get("consecutive_failures") or 0),
            blocked=bool(data.get("blocked")),
            error=data.get("error"),
        )
    if name not in AGREEMENT_EVENTS:
        raise ValueError(f"unknown event {name!r}")
    period = data.get("period")
    article = data.get("article")
    return AgreementEvent(
        name=cast(AgreementEventName, name),
        institution_id=str(data["institution_id"]),
        institution=str(data["institution"]),
        kind=data["kind"],
        partners=tuple(
            PartnerInfo(
                name=str(p["name"]),
                acronym=p.get("acronym"),
                country=p.get("country"),
                kind=p.get("kind") or "other",
                is_new=bool(p.get("is_new", True)),
                known_since=_date(p.get("known_since")),
            )
            for p in data.get("partners") or ()
        ),
        signed_on=_date(data.get("signed_on")),
        period=None
        if not period
        else Period(start=period.get("start"), end=period.get("end"), text=period.get("text")),
        areas=tuple(str(a) for a in data.get("areas") or ()),
        signatories=tuple(
            Signatory(name=str(s["name"]), title=s.get("title"), organization=s.get("organization"))
            for s in data.get("signatories") or ()
        ),
        renewal=bool(data.get("renewal")),
        confidence=float(data.get("confidence", 1.0)),
        reasons=tuple(str(r) for r in data.get("reasons") or ()),
        article=None
        if not article
        else ArticleInfo(
            url=str(article["url"]),
            title=article.get("title"),
            published=_date(article.get("published")),
        ),
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Digest:
    """The events of one channel in one period, grouped for a summary: new partners first."""

    channel: str
    start: datetime
    end: datetime
    events: tuple[Event, ...]

    @property
    def new_partner(self) -> tuple[AgreementEvent, ...]:
        return self._agreements("agreement.new_partner")

    @property
    def known_partner(self) -> tuple[AgreementEvent, ...]:
        return self._agreements("agreement.known_partner")

    @property
    def duplicate(self) -> tuple[AgreementEvent, ...]:
        return self._agreements("agreement.duplicate")

    @property
    def sources(self) -> tuple[SourceEvent, ...]:
        return tuple(e for e in self.events if isinstance(e, SourceEvent))

    def _agreements(self, name: str) -> tuple[AgreementEvent, ...]:
        return tuple(e for e in self.events if isinstance(e, AgreementEvent) and e.name == name)
