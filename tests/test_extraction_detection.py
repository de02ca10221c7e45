"""Detection rules that decide from the whole article: who the subject of the signing verb
is, whether an unnamed party may be the home institution, headlines on other topics and
announcements of signings to come. Each case has a twin that must stay a signing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pactwatch.agreements import extract_agreement
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article, Decision

HUST = InstitutionConfig(
    id="hust",
    name="Hanoi University of Science and Technology",
    aliases=(
        "HUST",
        "Đại học Bách khoa Hà Nội",
        "Université des sciences et technologies de Hanoï",
    ),
    country="VN",
)


def read(text: str, *, title: str | None = None, published: date = date(2025, 5, 21)) -> Decision:
    when = datetime(published.year, published.month, published.day, 8)
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = Article("https://hust.edu.vn/news/item-1", title, when, None, paragraphs)
    return extract_agreement(article, HUST)


# -- the subject of the signing verb ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On May 20, during the annual job fair of HUST in Hanoi, Vietcombank and the Hanoi"
        " Chamber of Commerce signed a cooperation agreement on financial services.",
        "Chiều 20/5, tại Hội trường C2, Đại học Bách khoa Hà Nội, dưới sự chứng kiến của Ban"
        " Giám đốc Đại học Bách khoa Hà Nội, Hiệp hội Công nghiệp Bán dẫn Việt Nam (VSIA) và"
        " Công ty Arm Holdings đã ký kết biên bản ghi nhớ về đào tạo.",
        "Le 20 mai, lors de la journée des partenaires de l'Université des sciences et"
        " technologies de Hanoï, l'Agence française de développement et le Cirad ont signé un"
        " accord de coopération.",
    ],
)
def test_other_organisations_as_the_subject_make_the_home_a_bystander(text: str) -> None:
    decision = read(text)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On May 20, Hanoi University of Science and Technology (HUST) and four universities of"
        " Korea - Pusan National University, Dongseo University and Keimyung University -"
        " signed a memorandum of understanding on student exchange.",
        "Ngày 20/5, Đại học Bách khoa Hà Nội, Bệnh viện Bạch Mai và Tập đoàn Công nghệ CMC đã"
        " ký kết thỏa thuận hợp tác ba bên.",
        "Le 20 mai, l'Université des sciences et technologies de Hanoï, l'Agence française de"
        " développement et le Cirad ont signé un accord de coopération tripartite.",
    ],
)
def test_the_home_heading_the_list_of_signers_is_a_party(text: str) -> None:
    decision = read(text)
    assert decision.is_agreement, decision.reasons
