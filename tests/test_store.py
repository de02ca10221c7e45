"""The store on SQLite and PostgreSQL: connection settings, aware datetimes, articles and their
versions, known links, validators, sources, and the constraints that keep alerts single."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from pactwatch.config import SourceConfig
from pactwatch.model import Article, Validators
from pactwatch.store import Database, open_database, upgrade
from pactwatch.store.articles import (
    NewArticle,
    known_urls,
    latest_version,
    list_articles,
    save_article,
    save_new_articles,
)
from pactwatch.store.models import (
    ArticleRecord,
    ArticleUrlRecord,
    ArticleVersionRecord,
    EventRecord,
    OutboxRecord,
    SourceRecord,
)
from pactwatch.store.sources import SourceRun, list_sources, record_run, sync_sources
from pactwatch.store.sql import insert_ignore
from pactwatch.store.validators import get_validators, save_validators

HANOI = timezone(timedelta(hours=7))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    upgrade(database.engine)
    yield database
    database.close()


@pytest.fixture
def source_id(db: Database) -> int:
    with db.session() as s, s.begin():
        return sync_sources(s, [source_config("usth-en")])["usth-en"]


def source_config(name: str, url: str = "https://usth.edu.vn/en/feed/") -> SourceConfig:
    return SourceConfig(name=name, institution="usth", kind="feed", url=url)


def article(url: str, text: str = "Signed today.", **kw: object) -> Article:
    values: dict[str, object] = {
        "title": "USTH signs an MoU",
        "published": datetime(2026, 1, 27, 9, 30, tzinfo=HANOI),
        "language": "en",
        "paragraphs": (text,),
    }
    values.update(kw)
    return Article(url=url, **values)  # type: ignore[arg-type]


# -- connections ----------------------------------------------------------------------------


def test_sqlite_connections_get_their_pragmas(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        # Two connections at once: the pool's second one is set up as well as its first.
        one, two = database.engine.raw_connection(), database.engine.raw_connection()
        for conn in (one, two):
            cursor = conn.cursor()

            def pragma(name: str, cursor: object = cursor) -> object:
                cursor.execute(f"PRAGMA {name}")  # type: ignore[attr-defined]
                return cursor.fetchone()[0]  # type: ignore[attr-defined]

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 30_000
            assert pragma("synchronous") == 1  # NORMAL
            cursor.close()
        one.close()
        two.close()
    finally:
        database.close()


def test_relative_sqlite_path_resolves_against_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    database = open_database("sqlite:///data/sub/pactwatch.db")
    try:
        assert database.engine.url.database == str(tmp_path / "data/sub/pactwatch.db")
        upgrade(database.engine)
        assert (tmp_path / "data/sub/pactwatch.db").is_file()
    finally:
        database.close()


def test_sqlite_writers_wait_for_each_other_instead_of_failing(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade(database.engine)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        # Read then write in one transaction: with a deferred BEGIN this is where SQLite
        # answers "database is locked" at once instead of waiting.
        try:
            for i in range(40):
                with database.session() as s, s.begin():
                    s.execute(sa.select(sa.func.count()).select_from(SourceRecord)).scalar()
                    s.add(SourceRecord(name=f"{name}-{i}", institution="x", kind="feed", url="u"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        with database.session() as s:
            assert s.execute(sa.select(sa.func.count()).select_from(SourceRecord)).scalar() == 120
    finally:
        database.close()


# -- datetimes ------------------------------------------------------------------------------


def test_datetimes_come_back_aware_in_utc(db: Database, source_id: int) -> None:
    hanoi_morning = datetime(2026, 1, 27, 9, 30, 15, 123456, tzinfo=HANOI)
    with db.session() as s, s.begin():
        s.get_one(SourceRecord, source_id).last_run_at = hanoi_morning
    with db.session() as s:
        stored = s.get_one(SourceRecord, source_id)
        assert stored.last_run_at == hanoi_morning
        assert stored.last_run_at is not None and stored.last_run_at.tzinfo == UTC
        assert stored.last_run_at.hour == 2
        assert stored.created_at.tzinfo == UTC
        raw = s.execute(sa.text("SELECT CAST(last_run_at AS VARCHAR) FROM sources")).scalar()
    # What the database holds and shows to SQL is UTC on both backends, not the wall time.
    assert str(raw).startswith("2026-01-27 02:30:15.123456")


def test_postgres_sessions_speak_utc_whatever_the_server_zone(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no session time zone")
    # A server (or role) configured for Hanoi time: SQL date functions would shift by 7 hours.
    database = open_database(db_url.replace("options=", "options=-ctimezone%3DAsia/Saigon%20"))
    try:
        with database.session() as s:
            assert s.execute(sa.text("SHOW timezone")).scalar() == "UTC"
            noon = s.execute(sa.text("SELECT CAST('2026-01-27 12:00+07' AS timestamptz)")).scalar()
            assert noon == datetime(2026, 1, 27, 5, tzinfo=UTC)
            day = s.execute(sa.text("SELECT CAST(date_trunc('day', now()) AS VARCHAR)")).scalar()
            assert str(day).endswith("+00")
    finally:
        database.close()


def test_naive_datetimes_are_refused(db: Database, source_id: int) -> None:
    with db.session() as s, s.begin():
        s.get_one(SourceRecord, source_id).last_run_at = datetime(2026, 1, 27, 9, 30)
        with pytest.raises(StatementError, match="naive datetime"):
            s.flush()


# -- articles -------------------------------------------------------------------------------


def test_save_article_new_unchanged_changed(db: Database, source_id: int) -> None:
    url = "https://usth.edu.vn/en/news/mou-ecl"
    with db.session() as s, s.begin():
        first = save_article(s, source_id=source_id, institution="usth", article=article(url))
    with db.session() as s, s.begin():
        again = save_article(s, source_id=source_id, institution="usth", article=article(url))
    with db.session() as s, s.begin():
        edited = article(url, text="Signed today, with photos.")
        changed = save_article(s, source_id=source_id, institution="usth", article=edited)
    assert (first.change, again.change, changed.change) == ("new", "unchanged", "changed")
    assert first.article_id == again.article_id == changed.article_id
    assert first.version_id == again.version_id != changed.version_id
    with db.session() as s:
        versions = s.scalars(sa.select(ArticleVersionRecord.text).order_by("id")).all()
        assert versions == ["Signed today.", "Signed today, with photos."]
        latest = latest_version(s, first.article_id)
        assert latest is not None and latest.text == "Signed today, with photos."
        stored = s.get_one(ArticleRecord, first.article_id)
        assert stored.published_at == datetime(2026, 1, 27, 2, 30, tzinfo=UTC)


def test_a_page_back_to_its_earlier_text_is_a_change(db: Database, source_id: int) -> None:
    url = "https://usth.edu.vn/en/news/x"
    texts = ["one", "two", "one"]
    changes = []
    for n, text in enumerate(texts):
        with db.session() as s, s.begin():
            saved = save_article(
                s,
                source_id=source_id,
                institution="usth",
                article=article(url, text=text),
                fetched_at=datetime(2026, 2, 1, tzinfo=UTC) + timedelta(hours=n),
            )
            changes.append(saved.change)
    assert changes == ["new", "changed", "changed"]
    with db.session() as s:
        latest = latest_version(s, saved.article_id)
        assert latest is not None and latest.text == "one"


def test_every_url_of_an_article_is_known(db: Database, source_id: int) -> None:
    canonical = "https://usth.edu.vn/en/news/mou"
    listing_link = "https://usth.edu.vn/en/news/mou?utm=x"
    with db.session() as s, s.begin():
        saved = save_article(
            s,
            source_id=source_id,
            institution="usth",
            article=article(canonical, fetched_url="https://usth.edu.vn/?p=12"),
            urls=[listing_link],
        )
    with db.session() as s, s.begin():
        asked = [canonical, listing_link, "https://usth.edu.vn/?p=12", "https://usth.edu.vn/new"]
        assert known_urls(s, asked) == set(asked[:3])
        # The same page found again under a new canonical URL is the same article.
        moved = article("https://usth.edu.vn/en/news/mou-2", fetched_url=None)
        again = save_article(
            s, source_id=source_id, institution="usth", article=moved, urls=[listing_link]
        )
        assert (again.article_id, again.change) == (saved.article_id, "unchanged")
        assert "https://usth.edu.vn/en/news/mou-2" in known_urls(s, [moved.url])


def test_new_articles_saved_together_are_saved_as_one_by_one(db: Database, source_id: int) -> None:
    stored = "https://usth.edu.vn/en/news/stored"
    pages = [
        NewArticle(source_id, "usth", article("https://usth.edu.vn/en/news/a"), frozenset()),
        NewArticle(
            source_id,
            "usth",
            article("https://usth.edu.vn/en/news/b", fetched_url="https://usth.edu.vn/?p=2"),
            frozenset({"https://usth.edu.vn/en/news/b?utm=x"}),
        ),
        # Shares a URL with an earlier one: it and what follows are left to save_article.
        NewArticle(source_id, "usth", article("https://usth.edu.vn/en/news/a"), frozenset()),
        NewArticle(source_id, "usth", article("https://usth.edu.vn/en/news/c"), frozenset()),
    ]
    with db.session() as s, s.begin():
        save_article(s, source_id=source_id, institution="usth", article=article(stored))
        saved = save_new_articles(s, pages)
        assert [x.change if x else None for x in saved] == ["new", "new", None, None]
        assert saved[0] is not None and saved[1] is not None
        assert saved[1].article_id == saved[0].article_id + 1
        assert known_urls(s, [*_urls(pages[1]), stored]) == {*_urls(pages[1]), stored}
        version = latest_version(s, saved[1].article_id)
        assert version is not None and version.id == saved[1].version_id
        assert version.content_hash == saved[1].content_hash
        # A first item already stored: nothing is saved together.
        again = NewArticle(source_id, "usth", article(stored), frozenset())
        assert save_new_articles(s, [again, pages[3]]) == [None, None]


def _urls(item: NewArticle) -> set[str]:
    fetched = {item.article.fetched_url} if item.article.fetched_url else set()
    return {item.article.url, *item.urls, *fetched}


def test_known_urls_handles_more_than_one_batch(db: Database, source_id: int) -> None:
    urls = [f"https://usth.edu.vn/en/news/{n}" for n in range(1234)]
    with db.session() as s, s.begin():
        saved = save_article(s, source_id=source_id, institution="usth", article=article(urls[0]))
        s.add_all(ArticleUrlRecord(url=u, article_id=saved.article_id) for u in urls[1:1100])
    with db.session() as s:
        assert known_urls(s, urls) == set(urls[:1100])
        assert known_urls(s, []) == set()


def test_list_articles_filters_by_source_and_date(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = sync_sources(
            s, [source_config("a", "https://a.example/feed"), source_config("b", "https://b.ex/")]
        )
        for name, day in (("a", 3), ("a", 10), ("b", 5)):
            published = datetime(2026, 1, day, 8, tzinfo=HANOI)
            page = article(f"https://{name}.example/{day}", published=published)
            save_article(s, source_id=ids[name], institution="usth", article=page)
    with db.session() as s:
        everything = list_articles(s)
        assert [a.url for a in everything] == [
            "https://a.example/10",
            "https://b.example/5",
            "https://a.example/3",
        ]
        assert [a.url for a in list_articles(s, source="a", since=date(2026, 1, 4))] == [
            "https://a.example/10"
        ]
        row = everything[0]
        assert (row.source, row.versions, row.language) == ("a", 1, "en")
        assert row.published_at is not None and row.published_at.tzinfo == UTC


# -- validators and sources -----------------------------------------------------------------


def test_validators_round_trip(db: Database) -> None:
    url = "https://usth.edu.vn/en/feed/"
    with db.session() as s, s.begin():
        assert get_validators(s, url) is None
        save_validators(s, url, Validators(etag='W/"1"', last_modified="Tue, 27 Jan 2026"))
    with db.session() as s, s.begin():
        assert get_validators(s, url) == Validators('W/"1"', "Tue, 27 Jan 2026")
        save_validators(s, url, Validators(etag='W/"2"'))
    with db.session() as s, s.begin():
        assert get_validators(s, url) == Validators(etag='W/"2"')
        save_validators(s, url, Validators())
    with db.session() as s:
        assert get_validators(s, url) is None


def test_sync_sources_updates_in_place_and_disables_the_removed(db: Database) -> None:
    with db.session() as s, s.begin():
        first = sync_sources(s, [source_config("a"), source_config("b")])
    with db.session() as s, s.begin():
        second = sync_sources(s, [source_config("a", "https://usth.edu.vn/en/rss/")])
    assert second == {"a": first["a"]}
    with db.session() as s:
        rows = {r.name: r for r in list_sources(s, include_disabled=True)}
        assert rows["a"].url == "https://usth.edu.vn/en/rss/"
        assert (rows["a"].enabled, rows["b"].enabled) == (True, False)
        assert [r.name for r in list_sources(s)] == ["a"]


def test_record_run_tracks_failures_and_recovery(db: Database, source_id: int) -> None:
    start = datetime(2026, 2, 1, tzinfo=UTC)
    outcomes = ["ok", "failed", "blocked", "ok"]
    health = []
    for n, outcome in enumerate(outcomes):
        run = SourceRun(
            started_at=start + timedelta(hours=n),
            finished_at=start + timedelta(hours=n, seconds=3),
            outcome=outcome,  # type: ignore[arg-type]
            links_seen=30,
            error=None if outcome == "ok" else "HTTP 403",
        )
        with db.session() as s, s.begin():
            health.append(record_run(s, source_id, run))
    assert [(h.status, h.consecutive_failures) for h in health] == [
        ("ok", 0),
        ("failing", 1),
        ("blocked", 2),
        ("ok", 0),
    ]
    assert [h.recovered for h in health] == [False, False, False, True]
    assert health[2].last_success_at == start + timedelta(seconds=3)
    with db.session() as s:
        row = list_sources(s)[0]
        assert (row.status, row.last_error, row.last_run_at) == (
            "ok",
            None,
            start + timedelta(hours=3, seconds=3),
        )


# -- constraints ----------------------------------------------------------------------------


def test_one_outbox_row_per_event_and_channel(db: Database) -> None:
    with db.session() as s, s.begin():
        new = {"name": "agreement.new_partner", "dedupe_key": "k1"}
        event_id = insert_ignore(s, EventRecord, new, key=["dedupe_key"])
        assert event_id is not None
        again = {"name": "agreement.new_partner", "dedupe_key": "k1", "payload": {"x": 1}}
        assert insert_ignore(s, EventRecord, again, key=["dedupe_key"]) is None
        s.add(OutboxRecord(event_id=event_id, channel="mail"))
    with db.session() as s, s.begin():
        s.add(OutboxRecord(event_id=event_id, channel="mail"))
        with pytest.raises(IntegrityError):
            s.flush()
    with db.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(OutboxRecord)).scalar() == 1


def test_foreign_keys_are_enforced(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(ArticleRecord(url="https://x.example/a", source_id=999, institution="usth"))
        with pytest.raises(IntegrityError):
            s.flush()


def test_deleting_an_article_cascades_to_its_urls_and_versions(
    db: Database, source_id: int
) -> None:
    with db.session() as s, s.begin():
        saved = save_article(
            s,
            source_id=source_id,
            institution="usth",
            article=article("https://usth.edu.vn/a"),
            urls=["https://usth.edu.vn/a?x=1"],
        )
    with db.session() as s, s.begin():
        # Core delete: the database, not the ORM, must do the cascading.
        s.execute(sa.delete(ArticleRecord).where(ArticleRecord.id == saved.article_id))
    with db.session() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(ArticleUrlRecord)).scalar() == 0
        count = sa.select(sa.func.count()).select_from(ArticleVersionRecord)
        assert s.execute(count).scalar() == 0
