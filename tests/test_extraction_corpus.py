"""The quality gate: scores on every labelled page we have.

The shared corpus and seeds, the hand-written hard cases, and the sets written blind by
independent readers (tests/fixtures/extraction/heldout, final…final105, cases2), each with the
institution aliases an admin would configure. Floors sit slightly under what the extractor
achieves, so a regression fails. Measure with::

    .venv/bin/python bench/extraction.py ../shared/corpus ../shared/seeds \
        tests/fixtures/extraction/{cases,heldout,final,final2,final3,cases2,final4,final5,final6,final7,final8,final9,final10,final11,final12,final13,final14,final15,final16,final17,final18,final19,final20,final21,final22,final23,final24,final25,final26,final27,final28,final29,final30,final31,final32,final33,final34,final35,final36,final37,final38,final39,final40,final41,final42,final43,final44,final45,final46,final47,final48,final49,final50,final51,final52,final53,final54,final55,final56,final57,final58,final59,final60,final61,final62,final63,final64,final65,final66,final67,final68,final69,final70,final71,final72,final73,final74,final75,final76,final77,final78,final79,final80,final81,final82,final83,final84,final85,final86,final87,final88,final89,final90,final91,final92,final93,final94,final95,final96,final97,final98,final99,final100,final101,final102,final103,final104,final105}
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extraction_support import ROOT, bench

FIXTURES = ROOT / "tests/fixtures/extraction"
SETS = (
    "cases",
    "heldout",
    "final",
    "final2",
    "final3",
    "cases2",
    "final4",
    "final5",
    "final6",
    "final7",
    "final8",
    "final9",
    "final10",
    "final11",
    "final12",
    "final13",
    "final14",
    "final15",
    "final16",
    "final17",
    "final18",
    "final19",
    "final20",
    "final21",
    "final22",
    "final23",
    "final24",
    "final25",
    "final26",
    "final27",
    "final28",
    "final29",
    "final30",
    "final31",
    "final32",
    "final33",
    "final34",
    "final35",
    "final36",
    "final37",
    "final38",
    "final39",
    "final40",
    "final41",
    "final42",
    "final43",
    "final44",
    "final45",
    "final46",
    "final47",
    "final48",
    "final49",
    "final50",
    "final51",
    "final52",
    "final53",
    "final54",
    "final55",
    "final56",
    "final57",
    "final58",
    "final59",
    "final60",
    "final61",
    "final62",
    "final63",
    "final64",
    "final65",
    "final66",
    "final67",
    "final68",
    "final69",
    "final70",
    "final71",
    "final72",
    "final73",
    "final74",
    "final75",
    "final76",
    "final77",
    "final78",
    "final79",
    "final80",
    "final81",
    "final82",
    "final83",
    "final84",
    "final85",
    "final86",
    "final87",
    "final88",
    "final89",
    "final90",
    "final91",
    "final92",
    "final93",
    "final94",
    "final95",
    "final96",
    "final97",
    "final98",
    "final99",
    "final100",
    "final101",
    "final102",
    "final103",
    "final104",
    "final105",
)
# Partner F1 sits lower than the rest: the sets from final46 on hold the hardest names
# (units of partners, names in two languages, adversarial look-alikes in final51; partners
# named only through their signatories or in tables in final103 and final105).
FLOORS = {
    "recall": 0.985,
    "precision": 0.985,
    "partner_f1": 0.955,
    "date_accuracy": 0.98,
    "kind_accuracy": 0.975,
    "country_accuracy": 0.975,
}
MAX_FALSE_ALARM_RATE = 0.008
PER_LANGUAGE_FLOORS = {"recall": 0.98, "partner_f1": 0.94}


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, dict[str, float | int]]:
    module = bench()
    dirs = [shared_dir / "corpus", shared_dir / "seeds", *(FIXTURES / name for name in SETS)]
    pages = module.load_pages(dirs)
    institutions = module.institutions_for(FIXTURES / "institutions.yaml", dirs)
    result = module.score(pages, institutions)
    return {group: tally.report() for group, tally in result.tallies.items()}


def test_every_page_is_scored(scores: dict[str, dict[str, float | int]]) -> None:
    assert scores["all"]["pages"] >= 500
    assert {"en", "vi", "fr"} <= set(scores)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_overall_floor(scores: dict[str, dict[str, float | int]], metric: str) -> None:
    assert scores["all"][metric] >= FLOORS[metric], scores["all"]


def test_false_alarms_on_hard_negatives(scores: dict[str, dict[str, float | int]]) -> None:
    assert scores["all"]["false_alarm_rate"] <= MAX_FALSE_ALARM_RATE, scores["all"]


@pytest.mark.parametrize("language", ["en", "vi", "fr"])
@pytest.mark.parametrize("metric", sorted(PER_LANGUAGE_FLOORS))
def test_per_language_floor(
    scores: dict[str, dict[str, float | int]], language: str, metric: str
) -> None:
    assert scores[language][metric] >= PER_LANGUAGE_FLOORS[metric], scores[language]


def test_the_bench_reads_figure_captions_as_paragraphs_like_the_crawl() -> None:
    html = "<p>Lead.</p><figure><img src='a.jpg'><figcaption>Signing with X.</figcaption></figure>"
    assert bench()._html_text(html).split("\n") == ["Lead.", "Signing with X."]


def test_the_bench_reads_each_table_cell_as_a_paragraph_like_the_crawl() -> None:
    html = (
        "<table><tr><td>Thứ Tư, 26/3</td><td>Lễ ký kết</td></tr><tr><td>Thứ Sáu</td></tr></table>"
    )
    assert bench()._html_text(html).split("\n") == ["Thứ Tư, 26/3", "Lễ ký kết", "Thứ Sáu"]


def test_the_bench_compares_names_without_an_elided_article() -> None:
    module = bench()
    assert module._form("l'Université Rennes 2") == module._form("Université Rennes 2")
    assert module._form("Le Mans Université") != module._form("Mans Université")


def test_the_bench_names_each_error_with_its_set(tmp_path: Path) -> None:
    module = bench()
    (tmp_path / "setA").mkdir()
    page = {
        "url": "https://usth.edu.vn/en/news/a",
        "site": "usth.edu.vn",
        "home_institution": "USTH",
        "language": "en",
        "title": "USTH welcomes a delegation",
        "published": "2025-06-20",
        "text": "USTH and Kyoto University signed a memorandum of understanding on 18 June.",
        "format": "text",
        "label": {"is_agreement": False, "partners": [], "signed_on": None, "kind": None},
    }
    (tmp_path / "setA" / "001.json").write_text(json.dumps(page), encoding="utf-8")
    dirs = [tmp_path / "setA"]
    result = module.score(
        module.load_pages(dirs), module.institutions_for(FIXTURES / "institutions.yaml", dirs)
    )
    assert result.errors and all(e.startswith("setA/001.json: ") for e in result.errors)
