"""Hostile input: nothing raises, nothing hangs (each example has a deadline)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.agreements import decision_to_json, extract_agreement, load_lexicon
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article

HOME = InstitutionConfig(
    id="usth", name="University of Science and Technology of Hanoi", aliases=("USTH",)
)
# Pieces that exercise every rule: cues, names, dates, brackets, dashes, marks.
PIECES = [
    "Ký kết",
    "ký kết thỏa thuận hợp tác",
    "signed a Memorandum of Understanding",
    "(",
    ")",
    "(USTH)",
    " – ",
    "-",
    ",",
    ".",
    "Trường Đại học",
    "University of",
    "and",
    "và",
    "of the",
    "On July 2, 2025",
    "ngày 10/3/2025",
    "Sáng 27/7",
    "le 27 janvier",
    "31/12/9999",
    "99/99",
    "USTH",
    "CNES",
    "Co., Ltd.",
    "Prof.",
    "PGS.TS",
    "'s",
    "l'",
    "d'",
    "\u00a0",
    "\t",
    "\n",
    "   ",
    "A" * 300,
    "ĐHQG-HCM",
    "signing ceremony",
    "will sign",
    "with over 200",
    "Earlier",
    "(France)",
    ", Laos",
    "É",
    "ǅ",
    "İ",
    "\u0301",
    "🙂",
    "\x00",
    "…",
    "“",
    "”",
]


def _article(paragraphs: tuple[str, ...], title: str | None = None) -> Article:
    return Article("https://x.test/a", title, datetime(2025, 7, 3), None, paragraphs)


def _check(article: Article, budget_s: float = 2.0) -> None:
    started = time.perf_counter()
    decision = extract_agreement(article, HOME, lexicon=load_lexicon())
    elapsed = time.perf_counter() - started
    assert elapsed < budget_s, f"{elapsed:.2f}s"
    assert 0.0 <= decision.confidence <= 1.0
    assert decision.reasons
    data = decision_to_json(article, decision)
    assert data["is_agreement"] == decision.is_agreement
    if decision.agreement is not None and decision.agreement.signed_on is not None:
        assert decision.agreement.signed_on <= datetime(2025, 7, 3).date()


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=400), max_size=8), st.one_of(st.none(), st.text(max_size=200)))
def test_arbitrary_text(paragraphs: list[str], title: str | None) -> None:
    _check(_article(tuple(paragraphs), title))


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join), max_size=6))
def test_adversarial_pieces(paragraphs: list[str]) -> None:
    _check(_article(tuple(paragraphs), paragraphs[0] if paragraphs else None))


@pytest.mark.parametrize(
    "paragraph",
    [
        "x" * 10_000_000,
        "Ký kết " * 200_000,
        "(" * 500_000,
        "( USTH " * 100_000,
        " " * 1_000_000 + "signed",
        "." * 500_000 + " A",
        "-" * 300_000,
        "a." * 300_000,
        ("University of " * 50_000) + "Hanoi",
        "Trường Đại học " * 60_000,
        "signed a MoU with " + "Đại " * 100_000,
        "1/" * 200_000,
        "On July " * 100_000,
    ],
    ids=lambda p: f"{p[:12]!r}x{len(p)}",
)
def test_pathological_pages_finish_quickly(paragraph: str) -> None:
    _check(_article((paragraph,), title=paragraph[:5000]))


def test_ten_megabytes_in_many_paragraphs() -> None:
    paragraph = "USTH signed a cooperation agreement with Example University (France). " * 150
    _check(_article((paragraph,) * 1000))
