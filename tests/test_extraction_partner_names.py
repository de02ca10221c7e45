"""Partner names and countries, rule by rule, in English, Vietnamese and French."""

from __future__ import annotations

from datetime import datetime

import pytest

from pactwatch.agreements import extract_agreement
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article, Decision

USTH = InstitutionConfig(
    id="usth",
    name="University of Science and Technology of Hanoi",
    aliases=("USTH", "Trường Đại học Khoa học và Công nghệ Hà Nội"),
    country="VN",
)
HUST = InstitutionConfig(
    id="hust",
    name="Hanoi University of Science and Technology",
    aliases=("HUST", "Đại học Bách khoa Hà Nội", "Dai hoc Bach khoa Ha Noi"),
    country="VN",
)
BORDEAUX = InstitutionConfig(
    id="ubx", name="Université de Bordeaux", aliases=("université de Bordeaux",), country="FR"
)


def read(text: str, *, title: str | None = None, home: InstitutionConfig = USTH) -> Decision:
    when = datetime(2025, 6, 20, 8)
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = Article("https://example.edu/news-1", title, when, None, paragraphs)
    return extract_agreement(article, home)


def partners(decision: Decision) -> list[tuple[str, str | None]]:
    assert decision.agreement is not None, decision.reasons
    return [(p.name, p.country) for p in decision.agreement.partners]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "USTH and La Rochelle Université have signed a double-degree agreement.",
            [("La Rochelle Université", "FR")],
        ),
        (
            "L'USTH a signé un accord de coopération avec Le Mans Université le 4 juin.",
            [("Le Mans Université", "FR")],
        ),
        (
            "Ngày 4/6, USTH và La Rochelle Université đã ký kết thỏa thuận hợp tác.",
            [("La Rochelle Université", "FR")],
        ),
    ],
)
def test_an_article_that_is_part_of_a_place_stays_in_the_name(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert partners(read(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngày 15/6/2025, tại Bệnh viện Bạch Mai, Đại học Bách khoa Hà Nội, Bệnh viện Bạch "
            "Mai và Công ty Cổ phần VinBrain đã ký kết thỏa thuận hợp tác ba bên.",
            ["Bệnh viện Bạch Mai", "Công ty Cổ phần VinBrain"],
        ),
        (
            "On 15 May, at Bach Mai Hospital, Hanoi University of Science and Technology, Bach "
            "Mai Hospital and VinBrain Joint Stock Company signed a tripartite agreement.",
            ["Bach Mai Hospital", "VinBrain Joint Stock Company"],
        ),
        (
            "Le 15 mai, à l'Hôpital Bach Mai, Dai hoc Bach khoa Ha Noi, l'Hôpital Bach Mai et "
            "la Société VinBrain ont signé un accord de coopération tripartite.",
            ["Hôpital Bach Mai", "Société VinBrain"],
        ),
    ],
)
def test_a_name_listed_after_the_venue_and_the_home_is_a_party(
    text: str, expected: list[str]
) -> None:
    assert [name for name, _ in partners(read(text, home=HUST))] == expected
