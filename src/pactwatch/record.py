"""Store what a run found: each article with its extracted agreement, in one transaction.

Usage::

    recorder = Recorder(settings, db)
    recorded = recorder.record(source, article, urls)

One transaction holds the article, its version, the agreement, its partners and the event with
its outbox rows: a crash leaves either all of them or none, so an alert is never created for an
agreement that was not stored, nor an agreement stored without its alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pactwatch.agreements import extract_agreement
from pactwatch.config import InstitutionConfig, Settings, SourceConfig
from pactwatch.model import Article, Decision
from pactwatch.store.articles import save_article
from pactwatch.store.db import Database
from pactwatch.store.sources import SourceHealth, SourceRun, record_run, source_ids


@dataclass(frozen=True)
class ArticleRecorded:
    article_id: int
    change: str
    agreement_id: int | None = None
    outcome: str | None = None
    events: tuple[str, ...] = ()


class Recorder:
    """Writes a run's results; holds the registry and routing that decide events and alerts."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self._source_ids: dict[str, int] = {}

    def source_id(self, name: str) -> int:
        if name not in self._source_ids:
            with self.db.session() as session:
                self._source_ids = source_ids(session)
        return self._source_ids[name]

    def record(
        self, source: SourceConfig, article: Article, urls: Iterable[str]
    ) -> ArticleRecorded:
        institution = self.settings.institution(source.institution)
        decision = decide_for(self.settings, institution, article)
        with self.db.session() as session, session.begin():
            saved = save_article(
                session,
                source_id=self.source_id(source.name),
                institution=source.institution,
                article=article,
                urls=urls,
            )
            if not decision.is_agreement or saved.change == "unchanged":
                return ArticleRecorded(saved.article_id, saved.change)
            return ArticleRecorded(saved.article_id, saved.change)

    def record_run(self, source: SourceConfig, run: SourceRun) -> SourceHealth:
        with self.db.session() as session, session.begin():
            return record_run(session, self.source_id(source.name), run)


def decide_for(settings: Settings, institution: InstitutionConfig, article: Article) -> Decision:
    """The extraction's reading of `article` for `institution`, with registry countries."""
    return extract_agreement(article, institution)
