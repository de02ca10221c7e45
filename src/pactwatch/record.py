"""Store what a run found: each article with its extracted agreement, in one transaction.

Usage::

    recorder = Recorder(settings, db)
    recorder.prepare()                       # sync sources and config partners once per run
    recorded = recorder.record(source, article, urls)
    health = recorder.record_run(source, run)

One transaction holds the article, its version, the agreement, its partners and the event with
its outbox rows: a crash leaves either all of them or none, so an alert is never created for an
agreement that was not stored, nor an agreement stored without its alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pactwatch.agreements import decision_to_json, extract_agreement
from pactwatch.config import InstitutionConfig, Settings, SourceConfig
from pactwatch.model import AgreementDraft, Article, Decision
from pactwatch.notify.events import (
    AgreementEvent,
    ArticleInfo,
    PartnerInfo,
    SourceEvent,
    SourceEventName,
    institution_label,
)
from pactwatch.notify.outbox import add_event
from pactwatch.partners.diff import Outcome, diff, learn
from pactwatch.partners.names import Equivalents, load_equivalents
from pactwatch.partners.registry import PartnerIndex
from pactwatch.partners.repository import load_index, sync_config_partners
from pactwatch.store.agreements import add_report, save_agreement
from pactwatch.store.articles import NewArticle, SavedArticle, save_article, save_new_articles
from pactwatch.store.batch import BatchWriter
from pactwatch.store.db import Database
from pactwatch.store.sources import SourceHealth, SourceRun, record_run, sync_sources


@dataclass(frozen=True)
class ArticleRecorded:
    article_id: int
    change: str
    agreement_id: int | None = None
    outcome: str | None = None
    events: tuple[str, ...] = ()


def registry_countries(settings: Settings) -> dict[str, str]:
    """Every configured partner name, alias and acronym → its country, for the extractor."""
    countries: dict[str, str] = {}
    for partner in settings.partners:
        if partner.country:
            for name in (partner.name, *partner.aliases, *partner.acronyms):
                countries[name] = partner.country
    return countries


def decide_for(
    settings: Settings,
    institution: InstitutionConfig,
    article: Article,
    countries: Mapping[str, str] | None = None,
) -> Decision:
    """The extraction's reading of `article` for `institution`, with registry countries."""
    if countries is None:
        countries = registry_countries(settings)
    return extract_agreement(article, institution, registry_countries=countries)


class Recorder:
    """Writes a run's results; holds the registry index that decides events and alerts.

    Not thread-safe: the pipeline calls it from the event loop only.
    """

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self._source_ids: dict[str, int] = {}
        self._countries = registry_countries(settings)
        self._institutions: dict[str, InstitutionConfig] = {}
        self._equivalents: Equivalents | None = None
        self._index: PartnerIndex | None = None
        # A rolled-back batch may have taken away partners the index learnt from it.
        self.writer = BatchWriter(db, on_rollback=self._forget_registry)

    def prepare(self) -> None:
        """Bring the database in line with the config: sources and configured partners."""
        with self.db.session() as session, session.begin():
            self._source_ids = sync_sources(session, self.settings.sources)
            sync_config_partners(session, self.settings.partners)
        self._index = None

    def institution(self, institution_id: str) -> InstitutionConfig:
        """The configured institution `institution_id` (looked up once)."""
        found = self._institutions.get(institution_id)
        if found is None:
            found = self._institutions[institution_id] = self.settings.institution(institution_id)
        return found

    @property
    def countries(self) -> Mapping[str, str]:
        """Registry partner names → countries, as the extractor takes them."""
        return self._countries

    def source_id(self, name: str) -> int:
        if name not in self._source_ids:
            self.prepare()
        return self._source_ids[name]

    def record(
        self,
        source: SourceConfig,
        article: Article,
        urls: Iterable[str],
        *,
        decision: Decision | None = None,
    ) -> ArticleRecorded:
        """Store `article` with its agreement; `decision` is the extraction's reading of it
        when already made (in a worker process), else it is made here."""
        source_id = self.source_id(source.name)
        with self.db.session() as session, session.begin():
            return self._record_in(
                session, source_id, source=source, article=article, urls=urls, decision=decision
            )

    async def store(
        self,
        source: SourceConfig,
        article: Article,
        urls: Iterable[str],
        *,
        decision: Decision | None = None,
    ) -> ArticleRecorded:
        """`record`, in a transaction shared with the other articles stored at the same time
        (one that fails is rolled back alone: see `store.batch`); returns once committed."""
        source_id = self.source_id(source.name)  # before the batch: it may sync the sources
        urls = frozenset(urls)
        # New articles of a batch are inserted together first (see `save_new_articles`).
        return await self.writer.run_prepared(
            lambda session, saved: self._record_in(
                session,
                source_id,
                source=source,
                article=article,
                urls=urls,
                decision=decision,
                saved=saved,
            ),
            prelude=save_new_articles,
            payload=NewArticle(source_id, source.institution, article, urls),
        )

    def _record_in(
        self,
        session: Session,
        source_id: int,
        *,
        source: SourceConfig,
        article: Article,
        urls: Iterable[str],
        decision: Decision | None,
        saved: SavedArticle | None = None,
    ) -> ArticleRecorded:
        """`saved`: the article as already stored in this transaction, if it was."""
        institution = self.institution(source.institution)
        if decision is None:
            decision = decide_for(self.settings, institution, article, self._countries)
        index = self._index
        try:
            if saved is None:
                saved = save_article(
                    session,
                    source_id=source_id,
                    institution=source.institution,
                    article=article,
                    urls=urls,
                )
            draft = decision.agreement
            if not decision.is_agreement or draft is None or saved.change == "unchanged":
                return ArticleRecorded(saved.article_id, saved.change)
            return self._record_agreement(
                session,
                institution=institution,
                article=article,
                decision=decision,
                draft=draft,
                article_id=saved.article_id,
                first_fetch=saved.change == "new",
            )
        except Exception:
            if self._index is not index:
                self._index = None  # it may hold partners learnt by what is rolled back
            raise

    def _record_agreement(
        self,
        session: Session,
        *,
        institution: InstitutionConfig,
        article: Article,
        decision: Decision,
        draft: AgreementDraft,
        article_id: int,
        first_fetch: bool,
    ) -> ArticleRecorded:
        published = article.published_date
        index = self._registry(session)
        # An article stored just now cannot have been counted as a report: no need to ask.
        reporting = None if first_fetch else article_id
        outcome = diff(
            session, institution.id, draft, article_id=reporting, published=published, index=index
        )
        if outcome.kind == "duplicate" and outcome.duplicate_of is not None:
            agreement_id = outcome.duplicate_of
            key = f"agreement:{agreement_id}:report:{article_id}"
        else:
            parties = learn(session, outcome, article_id=article_id, published=published)
            if any(p.status == "new" and p.partner_id is None for p in outcome.parties):
                self._index = None  # a partner was learnt: the next report must match it
            agreement_id = save_agreement(
                session,
                institution=institution.id,
                draft=draft,
                outcome=outcome.stored_outcome,
                parties=parties,
                first_article_id=article_id,
                confidence=decision.confidence,
            )
            key = f"agreement:{agreement_id}"
        add_report(
            session,
            agreement_id,
            article_id,
            confidence=decision.confidence,
            reasons=decision.reasons,
            decision=decision_to_json(article, decision),
        )
        event = agreement_event(institution, article, decision, draft, outcome)
        row = add_event(
            session,
            event,
            dedupe_key=key,
            channels=self.settings.channels,
            agreement_id=agreement_id,
            reasons=(*outcome.reasons, *decision.reasons),
        )
        return ArticleRecorded(
            article_id,
            "new",
            agreement_id,
            outcome.kind,
            (event.name,) if row is not None else (),
        )

    def _forget_registry(self) -> None:
        self._index = None

    def _registry(self, session: Session) -> PartnerIndex:
        if self._equivalents is None:
            self._equivalents = load_equivalents()
        if self._index is None:
            self._index = load_index(session, self._equivalents)
        return self._index

    def record_run(self, source: SourceConfig, run: SourceRun) -> SourceHealth:
        """Store the run, update the source's health and raise the health events it implies."""
        source_id = self.source_id(source.name)
        with self.db.session() as session, session.begin():
            return self._record_run_in(session, source_id, source, run)

    async def store_run(self, source: SourceConfig, run: SourceRun) -> SourceHealth:
        """`record_run` in a shared transaction (see `store`); returns once committed."""
        source_id = self.source_id(source.name)
        return await self.writer.run(
            lambda session: self._record_run_in(session, source_id, source, run)
        )

    def _record_run_in(
        self, session: Session, source_id: int, source: SourceConfig, run: SourceRun
    ) -> SourceHealth:
        health = record_run(session, source_id, run)
        event = self._health_event(source, run, health)
        if event is not None:
            add_event(
                session,
                event,
                dedupe_key=f"{event.name}:{source.name}:run:{health.run_id}",
                channels=self.settings.channels,
                source_id=source_id,
                reasons=(event.error,) if event.error else (),
            )
        return health

    def _health_event(
        self, source: SourceConfig, run: SourceRun, health: SourceHealth
    ) -> SourceEvent | None:
        threshold = self.settings.failing_after
        institution = self.settings.institution(source.institution)

        def event(name: SourceEventName, error: str | None = None) -> SourceEvent:
            return SourceEvent(
                name=name,
                institution_id=institution.id,
                institution=institution_label(institution),
                source=source.name,
                url=source.url,
                consecutive_failures=health.consecutive_failures,
                blocked=run.outcome == "blocked",
                error=error,
            )

        # Raised once per streak: when the count reaches the threshold, not at every run after.
        if health.consecutive_failures == threshold and health.previous_failures < threshold:
            return event("source.failing", run.error)
        if health.previous_failures >= threshold and health.consecutive_failures == 0:
            return event("source.recovered")
        if run.outcome == "empty" and health.previous_status != "empty":
            return event("source.empty", run.error)
        return None


def agreement_event(
    institution: InstitutionConfig,
    article: Article,
    decision: Decision,
    draft: AgreementDraft,
    outcome: Outcome,
) -> AgreementEvent:
    """What the alert for this outcome says."""
    partners = tuple(
        PartnerInfo(
            name=p.draft.name,
            acronym=p.draft.acronym,
            country=p.draft.country,
            kind=p.draft.kind,
            is_new=p.status != "known",
            known_since=p.known_since,
        )
        for p in outcome.parties
    )
    return AgreementEvent(
        name=outcome.event,  # type: ignore[arg-type]
        institution_id=institution.id,
        institution=institution_label(institution),
        kind=draft.kind,
        partners=partners,
        signed_on=draft.signed_on,
        period=draft.period,
        areas=draft.areas,
        signatories=draft.signatories,
        renewal=draft.renewal,
        confidence=decision.confidence,
        reasons=(*outcome.reasons, *decision.reasons),
        article=ArticleInfo(article.url, article.title, article.published_date),
    )
