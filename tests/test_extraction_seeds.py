"""The exact reading of each seed (shared/seeds/README.md)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pactwatch.agreements import extract_agreement
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article, Decision
from tests.extraction_support import bench

USTH = InstitutionConfig(
    id="usth",
    name="University of Science and Technology of Hanoi",
    aliases=("USTH",),
    country="VN",
)
HUST = InstitutionConfig(
    id="hust", name="Hanoi University of Science and Technology", aliases=("HUST",), country="VN"
)


def _seed(shared_dir: Path, prefix: str) -> list[str]:
    path = next((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


def _read(
    shared_dir: Path, prefix: str, home: InstitutionConfig, published: date | None
) -> Decision:
    when = datetime(published.year, published.month, published.day, 9) if published else None
    article = Article(
        f"https://usth.edu.vn/en/{prefix}", None, when, "en", tuple(_seed(shared_dir, prefix))
    )
    return extract_agreement(article, home)


def _names(decision: Decision) -> set[str]:
    assert decision.agreement is not None
    return {p.name for p in decision.agreement.partners} | {
        p.acronym for p in decision.agreement.partners if p.acronym
    }


def test_seed_000_strategic_agreement_with_the_consortium(shared_dir: Path) -> None:
    decision = _read(shared_dir, "000", USTH, None)
    assert decision.is_agreement
    agreement = decision.agreement
    assert agreement is not None
    assert [p.name for p in agreement.partners] == ["Consortium for the Development of USTH"]
    partner = agreement.partners[0]
    assert partner.country == "FR"
    assert partner.kind == "consortium"
    assert "USTH Consortium" in partner.mentions
    assert agreement.signed_on == date(2025, 7, 2)
    assert agreement.kind == "strategic_agreement"
    assert agreement.period is not None
    assert (agreement.period.start, agreement.period.end) == ("2025", "2030")
    for area in (
        "governance",
        "joint_degrees",
        "online_learning",
        "student_exchange",
        "internships",
        "scholarships",
        "joint_research",
        "doctoral_cosupervision",
    ):
        assert area in agreement.areas


def test_seed_001_ecole_centrale_de_lyon(shared_dir: Path) -> None:
    decision = _read(shared_dir, "001", USTH, None)
    assert decision.is_agreement
    agreement = decision.agreement
    assert agreement is not None
    assert [(p.name, p.country, p.kind) for p in agreement.partners] == [
        ("École Centrale de Lyon", "FR", "university")
    ]
    assert agreement.signed_on == date(2026, 1, 27)
    assert agreement.kind == "cooperation_agreement"
    assert not agreement.renewal
    for area in (
        "student_exchange",
        "staff_exchange",
        "internships",
        "joint_research",
        "conferences",
    ):
        assert area in agreement.areas


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2025, 3, 10), date(2025, 3, 10)),
        (date(2025, 3, 21), date(2025, 3, 10)),
        # "March 10th" read on a page published in February is last year's March.
        (date(2025, 2, 1), date(2024, 3, 10)),
        (None, None),
    ],
)
def test_seed_002_year_comes_from_publication(
    shared_dir: Path, published: date | None, expected: date | None
) -> None:
    decision = _read(shared_dir, "002", USTH, published)
    assert decision.is_agreement
    agreement = decision.agreement
    assert agreement is not None
    assert agreement.signed_on == expected
    assert [(p.name, p.country) for p in agreement.partners] == [
        ("École Nationale Supérieure des Mines de Saint-Étienne", "FR")
    ]
    assert agreement.kind == "cooperation_agreement"
    # Attendees are the signatories' entourage, not parties.
    assert not any("Florence" in n or "Giang" in n for n in _names(decision))


def test_seed_003_cnes_renewal(shared_dir: Path) -> None:
    decision = _read(shared_dir, "003", USTH, date(2018, 11, 6))
    assert decision.is_agreement
    agreement = decision.agreement
    assert agreement is not None
    assert len(agreement.partners) == 1
    cnes = agreement.partners[0]
    assert cnes.acronym == "CNES"
    assert cnes.name == "French National Centre for Space Studies"
    assert cnes.country == "FR"
    assert agreement.signed_on == date(2018, 11, 3)
    assert agreement.kind == "mou"
    assert agreement.renewal
    names = " ".join(_names(decision))
    for outsider in ("IRD", "Research Institute for Development", "Consortium", "NASA", "ESA"):
        assert outsider not in names
    assert any("home institution" in r for r in decision.reasons)


def test_seed_004_statistic_is_not_a_signing(shared_dir: Path) -> None:
    decision = _read(shared_dir, "004", HUST, date(2025, 11, 15))
    assert not decision.is_agreement
    assert decision.agreement is None
    assert any("statistic" in r for r in decision.reasons)


def test_seed_labels_file_matches_the_readme_table(shared_dir: Path) -> None:
    pages = bench().load_pages([shared_dir / "seeds"])
    assert [p.ident[:3] for p in pages] == ["000", "001", "002", "003", "004"]
    assert [p.label["is_agreement"] for p in pages] == [True, True, True, True, False]
