"""The registry in the database and the diff behind every alert, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pactwatch.config import PartnerConfig, SourceConfig
from pactwatch.model import AgreementDraft, Article, PartnerDraft
from pactwatch.partners.diff import Outcome, correct_new, correct_same, diff, learn
from pactwatch.partners.names import load_equivalents
from pactwatch.partners.repository import (
    add_partner,
    export_csv,
    import_csv,
    list_partners,
    load_index,
    merge_partners,
    rename_partner,
    sync_config_partners,
)
from pactwatch.store import Database, open_database, upgrade
from pactwatch.store.agreements import add_report, save_agreement
from pactwatch.store.articles import save_article
from pactwatch.store.models import AgreementPartnerRecord, AgreementRecord, CorrectionRecord
from pactwatch.store.sources import sync_sources

EQ = load_equivalents()
HANOI = timezone(timedelta(hours=7))
CONFIG = [
    PartnerConfig(
        name="Consortium for the Development of USTH",
        aliases=("USTH Consortium",),
        country="FR",
        kind="consortium",
        institutions=("usth",),
    ),
    PartnerConfig(
        name="Centre national d'études spatiales",
        aliases=("French National Centre for Space Studies",),
        acronyms=("CNES",),
        country="FR",
        kind="research_institute",
        institutions=("usth",),
        since=date(2015, 11, 16),
    ),
]
CNES = PartnerDraft("French National Centre for Space Studies", acronym="CNES", country="FR")
CENTRALE = PartnerDraft("École Centrale de Lyon", country="FR", kind="university")
VJU = PartnerDraft("Vietnam Japan University", acronym="VJU", country="VN", kind="university")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    upgrade(database.engine)
    with database.session() as s, s.begin():
        sync_sources(
            s,
            [
                SourceConfig(
                    name="usth", institution="usth", kind="feed", url="https://usth.edu.vn/f"
                ),
                SourceConfig(
                    name="hust", institution="hust", kind="feed", url="https://hust.edu.vn/f"
                ),
            ],
        )
        sync_config_partners(s, CONFIG)
    yield database
    database.close()


def _source_id(session: Session, institution: str) -> int:
    from pactwatch.store.models import SourceRecord

    return session.scalar(select(SourceRecord.id).where(SourceRecord.name == institution))  # type: ignore[return-value]


def report(
    db: Database,
    url: str,
    partners: tuple[PartnerDraft, ...],
    *,
    signed_on: date | None,
    published: date,
    institution: str = "usth",
) -> tuple[Outcome, int]:
    """What the pipeline does with one article: store, diff, learn, save, in one transaction."""
    with db.session() as s, s.begin():
        saved = save_article(
            s,
            source_id=_source_id(s, institution),
            institution=institution,
            article=Article(
                url=url,
                title="signing",
                published=datetime(published.year, published.month, published.day, 9, tzinfo=HANOI),
                language="en",
                paragraphs=("signed",),
            ),
        )
        draft = AgreementDraft(
            kind="mou", institution=institution, partners=partners, signed_on=signed_on
        )
        index = load_index(s, EQ)
        outcome = diff(
            s, institution, draft, article_id=saved.article_id, published=published, index=index
        )
        if outcome.kind == "duplicate":
            assert outcome.duplicate_of is not None
            agreement_id = outcome.duplicate_of
        else:
            parties = learn(s, outcome, article_id=saved.article_id, published=published)
            agreement_id = save_agreement(
                s,
                institution=institution,
                draft=draft,
                outcome=outcome.stored_outcome,
                parties=parties,
                first_article_id=saved.article_id,
                confidence=0.9,
            )
        add_report(s, agreement_id, saved.article_id, confidence=0.9, reasons=[], decision={})
    return outcome, agreement_id


# -- registry -------------------------------------------------------------------------------


def test_config_sync_is_idempotent(db: Database) -> None:
    with db.session() as s, s.begin():
        again = sync_config_partners(s, CONFIG)
        rows = list_partners(s)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    cnes = next(r for r in rows if r.acronyms == ("CNES",))
    assert cnes.origin == "config"
    assert cnes.since == date(2015, 11, 16)
    assert cnes.aliases == ("French National Centre for Space Studies",)
    assert cnes.institutions == ("usth",)
    changed = [CONFIG[0], CONFIG[1].model_copy(update={"notes": "space agency"})]
    with db.session() as s, s.begin():
        report_ = sync_config_partners(s, changed)
    assert (report_.added, report_.updated, report_.unchanged) == (0, 1, 1)


def test_rename_keeps_the_old_name_as_an_alias(db: Database) -> None:
    with db.session() as s, s.begin():
        pid = add_partner(s, "Vietnam-Japan Univ.", acronyms=("VJU",))
        rename_partner(s, pid, "Vietnam Japan University")
        row = next(r for r in list_partners(s) if r.id == pid)
    assert row.name == "Vietnam Japan University"
    assert "Vietnam-Japan Univ." in row.aliases
    assert row.origin == "admin"


def test_csv_round_trip(db: Database, tmp_path: object) -> None:
    out = io.StringIO()
    with db.session() as s, s.begin():
        assert export_csv(s, out) == 2
    text = out.getvalue()
    assert "CNES" in text and "French National Centre for Space Studies" in text
    with db.session() as s, s.begin():
        unchanged = import_csv(s, io.StringIO(text))
        assert (unchanged.added, unchanged.updated, unchanged.unchanged) == (0, 0, 2)
        added = import_csv(
            s, io.StringIO("name,acronyms,country,since\nDuy Tan University,DTU,VN,2020-01-02\n")
        )
        assert added.added == 1
        row = next(r for r in list_partners(s) if r.name == "Duy Tan University")
    assert row.acronyms == ("DTU",) and row.since == date(2020, 1, 2)
    with db.session() as s, s.begin(), pytest.raises(ValueError, match="line 2"):
        import_csv(s, io.StringIO("name,since\nX University,yesterday\n"))


# -- the diff -------------------------------------------------------------------------------


def test_a_renewal_with_a_configured_partner_is_known_since_its_first_mou(db: Database) -> None:
    outcome, _ = report(
        db,
        "https://usth.edu.vn/cnes",
        (CNES,),
        signed_on=date(2018, 11, 3),
        published=date(2018, 11, 6),
    )
    assert outcome.kind == "known_partner"
    assert outcome.event == "agreement.known_partner"
    assert outcome.parties[0].known_since == date(2015, 11, 16)
    assert any("since 2015-11-16" in r for r in outcome.reasons)
    consortium, _ = report(
        db,
        "https://usth.edu.vn/consortium",
        (PartnerDraft("USTH Consortium"),),
        signed_on=date(2025, 7, 2),
        published=date(2025, 7, 3),
    )
    assert consortium.kind == "known_partner"


def test_new_then_duplicate_then_known(db: Database) -> None:
    first, agreement = report(
        db,
        "https://usth.edu.vn/ecl",
        (CENTRALE,),
        signed_on=date(2026, 1, 27),
        published=date(2026, 1, 28),
    )
    assert first.kind == "new_partner"
    assert "École Centrale de Lyon" in first.reasons[0]
    with db.session() as s:
        learnt = next(r for r in list_partners(s) if r.name == "École Centrale de Lyon")
    assert learnt.origin == "learnt" and learnt.learnt_from_article_id is not None
    assert learnt.institutions == ("usth",)
    # The French version of the same news, two days later, dates the signing a day off.
    again, same = report(
        db,
        "https://usth.edu.vn/fr/ecl",
        (PartnerDraft("Ecole Centrale de Lyon"),),
        signed_on=date(2026, 1, 26),
        published=date(2026, 1, 30),
    )
    assert again.kind == "duplicate" and same == agreement
    assert "same partners" in again.reasons[0]
    # The same article seen again is a report already counted.
    repeat, _ = report(
        db,
        "https://usth.edu.vn/ecl",
        (CENTRALE,),
        signed_on=date(2026, 1, 27),
        published=date(2026, 1, 28),
    )
    assert repeat.kind == "duplicate"
    renewal, other = report(
        db,
        "https://usth.edu.vn/ecl-2027",
        (CENTRALE,),
        signed_on=date(2027, 3, 1),
        published=date(2027, 3, 2),
    )
    assert renewal.kind == "known_partner" and other != agreement
    assert renewal.parties[0].known_since == date(2026, 1, 27)
    with db.session() as s:
        assert sum(r.name == "École Centrale de Lyon" for r in list_partners(s)) == 1


def test_undated_reports_are_duplicates_only_within_the_window(db: Database) -> None:
    first, agreement = report(
        db, "https://usth.edu.vn/vju-1", (VJU,), signed_on=None, published=date(2025, 5, 1)
    )
    assert first.kind == "new_partner"
    near, same = report(
        db,
        "https://usth.edu.vn/vju-2",
        (PartnerDraft("VJU"),),
        signed_on=None,
        published=date(2025, 5, 20),
    )
    assert near.kind == "duplicate" and same == agreement
    far, _ = report(
        db, "https://usth.edu.vn/vju-3", (VJU,), signed_on=None, published=date(2025, 8, 1)
    )
    assert far.kind == "known_partner"


def test_multi_party_signing_mixing_new_and_known_names_the_new(db: Database) -> None:
    outcome, _ = report(
        db,
        "https://usth.edu.vn/three",
        (CNES, VJU),
        signed_on=date(2025, 9, 1),
        published=date(2025, 9, 2),
    )
    assert outcome.kind == "new_partner"
    assert [p.draft.name for p in outcome.new_parties] == ["Vietnam Japan University"]
    assert [p.status for p in outcome.parties] == ["known", "new"]
    assert any("with known partner(s): French National Centre" in r for r in outcome.reasons)


def test_a_partner_of_another_institution_is_new_here_and_not_learnt_twice(db: Database) -> None:
    outcome, _ = report(
        db,
        "https://hust.edu.vn/cnes",
        (CNES,),
        signed_on=date(2025, 10, 1),
        published=date(2025, 10, 2),
        institution="hust",
    )
    assert outcome.kind == "new_partner"
    cnes_id = outcome.parties[0].partner_id
    assert cnes_id is not None
    with db.session() as s:
        rows = list_partners(s)
    assert len(rows) == 2
    assert next(r for r in rows if r.id == cnes_id).institutions == ("hust", "usth")
    later, _ = report(
        db,
        "https://hust.edu.vn/cnes-2",
        (CNES,),
        signed_on=date(2026, 10, 1),
        published=date(2026, 10, 2),
        institution="hust",
    )
    assert later.kind == "known_partner"
    assert later.parties[0].known_since == date(2015, 11, 16)


def test_merge_moves_history_to_the_survivor(db: Database) -> None:
    _, first = report(
        db,
        "https://usth.edu.vn/a",
        (PartnerDraft("Trường Đại học Việt Nhật"),),
        signed_on=date(2024, 1, 10),
        published=date(2024, 1, 11),
    )
    _, second = report(
        db,
        "https://usth.edu.vn/b",
        (VJU,),
        signed_on=date(2025, 6, 10),
        published=date(2025, 6, 11),
    )
    with db.session() as s, s.begin():
        ids = {r.name: r.id for r in list_partners(s)}
        keep, gone = ids["Vietnam Japan University"], ids["Trường Đại học Việt Nhật"]
        merge_partners(s, keep, gone)
    with db.session() as s:
        rows = {r.id: r for r in list_partners(s, include_merged=True)}
        linked = set(
            s.scalars(
                select(AgreementPartnerRecord.agreement_id).where(
                    AgreementPartnerRecord.partner_id == keep
                )
            )
        )
        corrections = s.scalars(select(CorrectionRecord.action)).all()
    assert rows[gone].merged_into_id == keep
    assert linked == {first, second}
    assert rows[keep].agreements == 2
    assert "Trường Đại học Việt Nhật" in rows[keep].aliases
    assert rows[keep].since == date(2024, 1, 10)
    assert "merge" in corrections
    with db.session() as s:
        assert gone not in {r.id for r in list_partners(s)}
        # The merged name now finds the survivor.
        assert load_index(s, EQ).match("Trường Đại học Việt Nhật").partner_id == keep


def test_correcting_a_review_to_the_same_partner_teaches_the_registry(db: Database) -> None:
    with db.session() as s, s.begin():
        add_partner(s, "VNU University of Science", institutions=("usth",), origin="admin")
        target = add_partner(
            s, "VNU-HCM University of Science", institutions=("usth",), origin="admin"
        )
    outcome, agreement = report(
        db,
        "https://usth.edu.vn/hus",
        (PartnerDraft("University of Science"),),
        signed_on=date(2025, 4, 1),
        published=date(2025, 4, 2),
    )
    assert outcome.needs_review and outcome.stored_outcome == "review"
    assert outcome.kind == "new_partner"
    with db.session() as s, s.begin():
        assert correct_same(s, agreement, 0, target) == "known_partner"
    with db.session() as s:
        assert s.get(AgreementRecord, agreement).outcome == "known_partner"  # type: ignore[union-attr]
        index = load_index(s, EQ)
    assert index.match("University of Science").partner_id == target


def test_correcting_a_wrong_match_to_new_is_remembered(db: Database) -> None:
    outcome, agreement = report(
        db,
        "https://usth.edu.vn/cnes-wrong",
        (PartnerDraft("Centre National d'Études Spatiales"),),
        signed_on=date(2025, 2, 1),
        published=date(2025, 2, 2),
    )
    assert outcome.kind == "known_partner"
    wrong = outcome.parties[0].partner_id
    with db.session() as s, s.begin():
        assert correct_new(s, agreement, 0) == "new_partner"
    with db.session() as s:
        party = s.scalar(
            select(AgreementPartnerRecord).where(AgreementPartnerRecord.agreement_id == agreement)
        )
        assert party is not None and party.partner_id != wrong and party.was_new
    again, _ = report(
        db,
        "https://usth.edu.vn/cnes-wrong-2",
        (PartnerDraft("Centre National d'Études Spatiales"),),
        signed_on=date(2026, 2, 1),
        published=date(2026, 2, 2),
    )
    assert again.parties[0].partner_id == party.partner_id
    assert again.kind == "known_partner"
