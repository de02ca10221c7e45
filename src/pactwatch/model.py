"""Values passed between the stages of the pipeline.

config ─► discover: `Link` ─► fetch: `Page` ─► parse: `Article`
       ─► classify + extract: `Decision` (with an `AgreementDraft`) ─► resolve ─► store

They are frozen dataclasses: each stage returns new values and never edits what it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

AgreementKind = Literal[
    "mou",
    "cooperation_agreement",
    "strategic_agreement",
    "framework_agreement",
    "joint_program_agreement",
    "exchange_agreement",
    "other",
]
PartnerKind = Literal[
    "university", "research_institute", "company", "government", "consortium", "other"
]


@dataclass(frozen=True, slots=True)
class Link:
    """An article link found by discovery, with what the feed or listing told about it."""

    url: str
    title: str | None = None
    # Only a hint: NukeViet's RSS pubDate has the month in its minutes field.
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server told us to send back for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed news article. `url` is the normalised canonical URL: the article's identity."""

    url: str
    title: str | None
    published: datetime | None
    language: str | None
    paragraphs: tuple[str, ...]
    fetched_url: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def published_date(self) -> date | None:
        return self.published.date() if self.published else None


@dataclass(frozen=True, slots=True)
class PartnerDraft:
    name: str
    acronym: str | None = None
    country: str | None = None
    kind: PartnerKind = "other"
    # Every string used for this partner in the text (full name, acronym, translations).
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str
    title: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    start: str | None = None
    end: str | None = None
    # As written, e.g. "for five years" when no years are given.
    text: str | None = None


@dataclass(frozen=True, slots=True)
class AgreementDraft:
    """The facts of one signing as read from one article."""

    kind: AgreementKind
    institution: str
    partners: tuple[PartnerDraft, ...]
    signed_on: date | None = None
    period: Period | None = None
    signatories: tuple[Signatory, ...] = ()
    areas: tuple[str, ...] = ()
    renewal: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether an article announces a signing, how sure we are and why."""

    is_agreement: bool
    confidence: float
    reasons: tuple[str, ...] = ()
    agreement: AgreementDraft | None = None
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
