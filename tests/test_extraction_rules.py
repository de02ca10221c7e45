"""Rules one by one, in each language (French and unmarked Vietnamese included)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from pactwatch.agreements import decision_to_json, extract_agreement, load_lexicon
from pactwatch.agreements.lexicon import LEXICON_DIR, _trie_regex
from pactwatch.agreements.signing_date import find_dates, resolve
from pactwatch.agreements.text import fold, prepare
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article, Decision

HOME = InstitutionConfig(
    id="usth",
    name="University of Science and Technology of Hanoi",
    aliases=("USTH", "Trường Đại học Khoa học và Công nghệ Hà Nội"),
    country="VN",
)


def read(
    text: str,
    *,
    title: str | None = None,
    published: date | None = date(2025, 6, 20),
    home: InstitutionConfig = HOME,
    language: str | None = None,
    registry: dict[str, str] | None = None,
) -> Decision:
    when = datetime(published.year, published.month, published.day, 8) if published else None
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = Article("https://usth.edu.vn/en/news-1", title, when, language, paragraphs)
    return extract_agreement(article, home, registry_countries=registry)


def partners(decision: Decision) -> list[tuple[str, str | None, str | None]]:
    assert decision.agreement is not None, decision.reasons
    return [(p.name, p.acronym, p.country) for p in decision.agreement.partners]


# -- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Ký kết Thỏa thuận", "Đại học Quốc gia", "École “Centrale” – Lyon", "İstanbul ß Æ"]
)
def test_fold_keeps_offsets(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == folded.lower()


def test_fold_removes_vietnamese_marks() -> None:
    assert fold("Ký kết thỏa thuận hợp tác, Đà Nẵng") == "ky ket thoa thuan hop tac, da nang"


def test_trie_regex_prefers_the_longest_phrase() -> None:
    regex = re.compile(_trie_regex(["sign", "signing", "signing ceremony", "sign*"]))
    assert regex.match("signing  ceremony").group() == "signing  ceremony"  # type: ignore[union-attr]
    assert regex.match("signatory").group() == "signatory"  # type: ignore[union-attr]


def test_sentences_do_not_split_after_titles() -> None:
    lex = load_lexicon()
    body = prepare(
        ["Prof. Dr. Jean Dupont signed. Then Assoc.Prof.Dr. Le Van A spoke."],
        title=None,
        abbreviations=lex.abbreviations,
    )
    texts = [body.text[s.start : s.end] for s in body.sentences]
    assert texts == ["Prof. Dr. Jean Dupont signed.", "Then Assoc.Prof.Dr. Le Van A spoke."]


def test_every_lexicon_file_loads_and_documents_itself() -> None:
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), f"{path.name} needs a header comment"
        assert isinstance(yaml.safe_load(text), dict)
    areas = yaml.safe_load((LEXICON_DIR / "areas.yaml").read_text(encoding="utf-8"))
    header = (LEXICON_DIR / "areas.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    for area in areas:
        assert area in header
        assert set(areas[area]) == {"en", "vi", "fr"}


@pytest.mark.parametrize(
    ("category", "text", "found"),
    [
        ("attendance", "signé en présence d'une représentante du consulat", "en presence d'"),
        ("plan_leads", "ils étudient la possibilité d'un accord", "possibilite d'"),
        # The phrase still starts at a word's start.
        ("attendance", "signé en présenced'une représentante", None),
    ],
)
def test_a_phrase_that_ends_with_an_elision_runs_into_the_next_word(
    category: str, text: str, found: str | None
) -> None:
    folded = fold(text)
    hit = load_lexicon().cues[category].first(folded)
    assert (folded[hit.start : hit.end] if hit else None) == found


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "USTH builds the laboratories of tomorrow on its Hoa Lac campus.",
        "L'USTH construit sur son campus de Hoa Lac les laboratoires de demain.",
        "USTH đào tạo nhân lực cho ngày mai.",
    ],
)
def test_tomorrow_in_general_is_no_day(lead: str) -> None:
    decision = read(lead + "\nUSTH and Kyoto University signed a memorandum of understanding.")
    assert decision.is_agreement, decision.reasons


def test_a_day_of_the_current_month_dates_the_signing() -> None:
    decision = read(
        "La convention-cadre entre USTH et l'Université de Liège a été signée"
        " électroniquement le 12 courant.",
        published=date(2025, 6, 20),
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On July 2, 2025, they met", None, date(2025, 7, 2)),
        ("On March 10th, they met", date(2025, 3, 12), date(2025, 3, 10)),
        ("On 27 January 2026", None, date(2026, 1, 27)),
        ("on the 15th January, 2019 in Hanoi", None, date(2019, 1, 15)),
        ("le 27 janvier 2026", None, date(2026, 1, 27)),
        ("le 1er mars", date(2025, 3, 5), date(2025, 3, 1)),
        ("ngày 10/3/2025", None, date(2025, 3, 10)),
        ("Sáng 27/7,", date(2025, 7, 28), date(2025, 7, 27)),
        ("Chiều ngày 15/6", date(2025, 1, 4), date(2024, 6, 15)),
        ("ngày 12 tháng 6 năm 2015", None, date(2015, 6, 12)),
        ("Sáng nay (31/3/2023)", date(2023, 3, 31), date(2023, 3, 31)),
        ("On June 26", None, None),
        # Never after publication.
        ("On 27 January 2026", date(2025, 12, 1), None),
    ],
)
def test_dates(text: str, published: date | None, expected: date | None) -> None:
    lex = load_lexicon()
    found = find_dates(fold(text), 0, len(text), lex)
    assert found, text
    assert resolve(found[0], published) == expected


def test_numbers_are_not_dates() -> None:
    lex = load_lexicon()
    text = "Resolution No. 59-NQ/TW and 153/NQ-CP, from 2025-2030, grew 3.5 times"
    assert find_dates(fold(text), 0, len(text), lex) == []


# -- detection: English ----------------------------------------------------------------------


def test_english_signing_with_home_as_party() -> None:
    decision = read(
        "On June 12, 2025, the University of Science and Technology of Hanoi (USTH) and the "
        "University of Bordeaux (France) signed a memorandum of understanding on joint research."
    )
    assert decision.is_agreement
    assert partners(decision) == [("University of Bordeaux", None, "FR")]
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 6, 12)
    assert decision.agreement.kind == "mou"
    assert any("signing cue 'signed'" in r and "home institution '" in r for r in decision.reasons)
    assert 0.5 < decision.confidence <= 1


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("USTH and the University of Lyon will sign a cooperation agreement in July.", "plan"),
        ("USTH and the University of Lyon agreed to sign a cooperation agreement soon.", "plan"),
        ("The visit is a step towards signing a memorandum of understanding with USTH.", "plan"),
        ("So far, USTH has signed cooperation agreements with over 120 universities.", "statistic"),
        ("Earlier, USTH signed an MoU with the University of Lyon.", "background"),
        (
            "Internationalisation is not merely about signing cooperation agreements at USTH.",
            "generic",
        ),
    ],
)
def test_english_look_alikes(text: str, why: str) -> None:
    decision = read("On June 12, a delegation visited USTH to discuss cooperation.\n" + text)
    assert not decision.is_agreement
    assert any(why in r for r in decision.reasons), decision.reasons


def test_signing_between_third_parties_at_a_home_event() -> None:
    decision = read(
        "On June 12, USTH hosted a forum on space science.\nOn the sidelines, Kyoto University "
        "and Seoul National University signed a memorandum of understanding."
    )
    assert not decision.is_agreement
    assert any("other parties" in r for r in decision.reasons)


def test_signing_dated_years_before_publication_is_background() -> None:
    decision = read(
        "USTH held the graduation of the joint master with the University of Lyon.\nOn May 4, "
        "2015, USTH and the University of Lyon signed the joint programme agreement.",
        published=date(2024, 9, 1),
    )
    assert not decision.is_agreement


def test_attendees_and_venues_are_not_partners() -> None:
    decision = read(
        "On June 12, USTH signed a cooperation agreement with Nagoya University (Japan) at the "
        "Hanoi Convention Center. The signing ceremony was attended by the Embassy of Japan and "
        "the Japan International Cooperation Agency (JICA)."
    )
    assert partners(decision) == [("Nagoya University", None, "JP")]


def test_seven_parties_are_all_listed() -> None:
    decision = read(
        "Sáng nay (31/3/2023), Trường Đại học Khoa học và Công nghệ Hà Nội và 3 trường khác gồm: "
        "Trường ĐH Bách khoa (ĐH Đà Nẵng), Trường ĐH Xây dựng Hà Nội, Trường ĐH Thủy lợi đã ký "
        "kết ghi nhớ hợp tác.",
        published=date(2023, 3, 31),
    )
    assert [p[0] for p in partners(decision)] == [
        "Trường ĐH Bách khoa (ĐH Đà Nẵng)",
        "Trường ĐH Xây dựng Hà Nội",
        "Trường ĐH Thủy lợi",
    ]
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2023, 3, 31)


def test_definition_in_text_makes_an_alias_of_the_home_institution() -> None:
    home = InstitutionConfig(id="vu", name="Vinh University", country="VN")
    decision = read(
        "On May 8, Vinh University (VU) and Nguyen Tat Thanh University signed a cooperation "
        "agreement.\nVU and Nguyen Tat Thanh University will exchange lecturers.",
        home=home,
    )
    assert partners(decision) == [("Nguyen Tat Thanh University", None, "VN")]


def test_home_units_are_the_home_side() -> None:
    decision = read(
        "On June 12, the Department of Physics of USTH and Kyoto University (Japan) signed an "
        "agreement on student exchange."
    )
    assert partners(decision) == [("Kyoto University", None, "JP")]
    assert decision.agreement is not None
    assert "student_exchange" in decision.agreement.areas


def test_registry_country_is_used_when_the_text_is_silent() -> None:
    text = "On June 12, USTH and Acme Robotics Corporation signed a cooperation agreement."
    assert partners(read(text, registry={"Acme Robotics Corporation": "JP"})) == [
        ("Acme Robotics Corporation", None, "JP")
    ]
    assert partners(read(text)) == [("Acme Robotics Corporation", None, "VN")]


# -- Vietnamese, with and without marks ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sáng 27/7, Trường Đại học Khoa học và Công nghệ Hà Nội và Tập đoàn Viettel đã ký kết "
        "thỏa thuận hợp tác.",
        "Sang 27/7, Truong Dai hoc Khoa hoc va Cong nghe Ha Noi va Tap doan Viettel da ky ket "
        "thoa thuan hop tac.",
    ],
)
def test_vietnamese_signing_with_and_without_marks(text: str) -> None:
    decision = read(text, published=date(2025, 7, 28))
    assert decision.is_agreement, decision.reasons
    assert [(n, c) for n, _a, c in partners(decision)] == [
        (("Tập đoàn Viettel" if "ký" in text else "Tap doan Viettel"), "VN")
    ]
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 7, 27)
    assert decision.agreement.kind == "cooperation_agreement"


@pytest.mark.parametrize(
    "text",
    [
        "Hai bên thống nhất sẽ ký kết biên bản ghi nhớ với USTH trong thời gian tới.",
        "Hai ben thong nhat se ky ket bien ban ghi nho voi USTH trong thoi gian toi.",
        "Buổi làm việc hướng tới ký kết thỏa thuận hợp tác giữa USTH và Trường Đại học Osaka.",
        "Trước đó, USTH đã ký kết biên bản ghi nhớ với Trường Đại học Osaka.",
        "USTH đã ký kết thỏa thuận hợp tác với hơn 100 trường đại học.",
    ],
)
def test_vietnamese_look_alikes(text: str) -> None:
    assert not read("Ngày 12/6, đoàn Trường Đại học Osaka đến thăm USTH.\n" + text).is_agreement


@pytest.mark.parametrize(
    ("text", "renewal"),
    [
        ("USTH đã ký thỏa thuận khung với Đại học Tohoku, cơ sở cho các thỏa thuận cụ thể.", False),
        ("USTH đã ký thỏa thuận khung với Đại học Tohoku, thay thế thỏa thuận cũ.", True),
        ("USTH da ky thoa thuan khung voi Dai hoc Tohoku, thay the thoa thuan cu.", True),
    ],
)
def test_a_renewal_phrase_in_a_text_with_marks_keeps_its_marks(text: str, renewal: bool) -> None:
    # "thỏa thuận cụ thể" (specific agreements) folds like "thỏa thuận cũ" (the old one).
    decision = read("Ngày 12/6/2025, " + text)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.renewal is renewal


def test_vietnamese_country_from_the_name_and_renewal() -> None:
    decision = read(
        "Ngày 15/6, USTH đã ký kết gia hạn biên bản ghi nhớ cùng ĐH KHCN Quốc gia Đài Loan - NTUST."
    )
    assert partners(decision) == [("ĐH KHCN Quốc gia Đài Loan", "NTUST", "TW")]
    assert decision.agreement is not None
    assert decision.agreement.renewal
    assert decision.agreement.kind == "mou"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Bien Hoa, Dong Nai – USTH and Chienkuo Technology University (Taiwan) have renewed"
            " their Memorandum of Understanding, extending a partnership that began five years"
            " ago. The renewal was signed on June 7 in Changhua City during a working visit.",
            "mou",
        ),
        (
            "USTH et l'Université de Montpellier ont procédé le 3 juin au renouvellement de leur"
            " accord-cadre de coopération.\nLa signature s'est déroulée à Hanoï en présence du"
            " vice-président de l'Université de Montpellier.",
            "framework_agreement",
        ),
    ],
)
def test_a_signing_without_a_noun_takes_the_kind_of_the_agreement_it_refers_to(
    text: str, kind: str
) -> None:
    decision = read(text)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == kind


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        (
            "The career fair took place on 18 June.\nThe rector of USTH and the director of"
            " MB Bank re-signed the strategic cooperation agreement the two sides first"
            " concluded in 2019, extending it for five years.",
            True,
        ),
        (
            "Students go to Tsukuba under the exchange agreement that USTH and the University of"
            " Tsukuba signed in 2019 and renewed in 2023.",
            False,
        ),
    ],
)
def test_a_year_in_a_renewals_clause_dates_what_it_renews(text: str, signed: bool) -> None:
    decision = read(text)
    assert decision.is_agreement is signed, decision.reasons
    if signed:
        assert decision.agreement is not None
        assert decision.agreement.renewal


# -- French ----------------------------------------------------------------------------------


def test_french_signing() -> None:
    decision = read(
        "Le 27 janvier 2026, l'USTH et l'Université de Strasbourg ont signé un accord-cadre de "
        "coopération pour une durée de cinq ans.",
        published=date(2026, 1, 30),
        language="fr",
    )
    assert partners(decision) == [("Université de Strasbourg", None, "FR")]
    agreement = decision.agreement
    assert agreement is not None
    assert agreement.signed_on == date(2026, 1, 27)
    assert agreement.kind == "framework_agreement"
    assert agreement.period is not None and agreement.period.text is not None
    assert decision.language == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "L'USTH et l'Université de Strasbourg vont signer un accord de coopération.",
        "La visite prépare la signature d'un accord entre l'USTH et l'Université de Nantes, "
        "en vue de signer un protocole d'accord.",
    ],
)
def test_french_look_alikes(text: str) -> None:
    assert not read(text, language="fr").is_agreement


# -- the contract ----------------------------------------------------------------------------


def test_contract_json_shape() -> None:
    decision = read(
        "On June 12, 2025, USTH and the University of Bordeaux (France) signed a cooperation "
        "agreement for the period 2025-2030. Prof. Jean Dupont, President of the University "
        "of Bordeaux, signed the agreement."
    )
    article = Article("https://usth.edu.vn/en/news-1", "T", datetime(2025, 6, 20, 8), "en", ("x",))
    data = decision_to_json(article, decision)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "url",
        "title",
        "published",
        "language",
        "is_agreement",
        "confidence",
        "reasons",
        "agreement",
    }
    assert data["published"] == "2025-06-20"
    agreement = data["agreement"]
    assert set(agreement) == {
        "kind",
        "signed_on",
        "period",
        "institution",
        "partners",
        "signatories",
        "areas",
        "renewal",
    }
    assert agreement["signed_on"] == "2025-06-12"
    assert agreement["period"] == {"start": "2025", "end": "2030"}
    assert agreement["institution"] == "usth"
    assert agreement["partners"] == [
        {"name": "University of Bordeaux", "acronym": None, "country": "FR", "kind": "university"}
    ]
    assert {"name": "Jean Dupont", "title": "Prof.", "organization": None} in agreement[
        "signatories"
    ]


def test_contract_for_a_non_agreement() -> None:
    article = Article("https://usth.edu.vn/en/2", None, None, "vi", ("Hội thảo về AI.",))
    data = decision_to_json(article, extract_agreement(article, HOME))
    assert data["is_agreement"] is False
    assert data["agreement"] is None
    assert data["published"] is None
    assert data["reasons"]


def test_hand_written_cases_are_in_the_corpus_format(tmp_path: Path) -> None:
    cases = sorted((Path(__file__).parent / "fixtures/extraction/cases").glob("*.json"))
    assert len(cases) >= 15
    for case in cases:
        data = json.loads(case.read_text(encoding="utf-8"))
        assert {"url", "home_institution", "language", "text", "label"} <= set(data)
        assert data["language"] in {"en", "vi", "fr"}


# -- whole pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "profile", "home", "partner"),
    [
        ("nukeviet_article.html", "nukeviet", "Trường Đại học Ví Dụ", "Đại học Mẫu"),
        ("usth_wp_article.html", "wordpress", "USTH", "Example Institute of Technology"),
    ],
)
def test_site_pages_end_to_end(
    shared_dir: Path, page: str, profile: str, home: str, partner: str
) -> None:
    from pactwatch.article import parse_article
    from pactwatch.config import SourceConfig

    html = (shared_dir / "sites" / page).read_text(encoding="utf-8")
    source = SourceConfig(
        name="s", institution="i", kind="listing", url="https://example.edu.vn/", profile=profile
    )
    article = parse_article(html, "https://example.edu.vn/news/1", source)
    institution = InstitutionConfig(id="home", name=home, country="VN")
    decision = extract_agreement(article, institution)
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    # "Ví Dụ" keeps its last word: a marked "Dụ" is not the French "du".
    assert [p.name for p in decision.agreement.partners] == [partner]
    assert decision.agreement.signed_on is not None


# -- detection, dates and kind: the general rules --------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        (
            "On 10 June 2025, USTH and Khon Kaen University signed a student exchange agreement, "
            "implementing the memorandum of understanding the two universities had signed in "
            "2022.",
            "en",
            "exchange_agreement",
        ),
        (
            "Ngày 10/6/2025, USTH và Trường Đại học Khon Kaen đã ký kết thỏa thuận trao đổi sinh "
            "viên, cụ thể hóa biên bản ghi nhớ mà hai trường đã ký năm 2022.",
            "vi",
            "exchange_agreement",
        ),
        (
            "Le 10 juin 2025, l'USTH et l'Université de Lille ont signé un accord d'échange, "
            "qui prolonge le protocole d'accord que les deux universités avaient signé en 2022.",
            "fr",
            "exchange_agreement",
        ),
    ],
)
def test_a_background_clause_qualifies_only_its_own_signing(
    text: str, language: str, kind: str
) -> None:
    decision = read(text, language=language)
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 6, 10)
    assert decision.agreement.kind == kind


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "USTH leaders attend signing of cooperation between Hanoi and Kyoto Prefecture",
            "On June 19, leaders of USTH attended the signing ceremony of a memorandum of "
            "understanding between the Hanoi People's Committee and Kyoto Prefecture (Japan).\n"
            "The MoU was signed by the Chairman of the Hanoi People's Committee and the Governor "
            "of Kyoto Prefecture.",
            "en",
        ),
        (
            "USTH hosts signing ceremony between the Department of Science and Technology and "
            "Intel Products Vietnam",
            "On June 19, USTH hosted the signing ceremony of a memorandum of understanding "
            "between the Hanoi Department of Science and Technology and Intel Products Vietnam.",
            "en",
        ),
        (
            "Lãnh đạo USTH chứng kiến lễ ký kết giữa Sở Khoa học và Công nghệ Hà Nội và Công ty "
            "Intel Việt Nam",
            "Ngày 19/6, lãnh đạo USTH đã chứng kiến lễ ký kết thỏa thuận hợp tác giữa Sở Khoa học "
            "và Công nghệ Hà Nội và Công ty Intel Việt Nam.",
            "vi",
        ),
        (
            "L'USTH témoin de la signature d'un accord entre l'AFD et l'Université Thuyloi",
            "Le 19 juin 2025, le recteur de l'USTH a assisté à la signature d'une convention "
            "entre l'Agence française de développement et l'Université Thuyloi.",
            "fr",
        ),
    ],
)
def test_a_witness_or_host_is_not_a_party(title: str, text: str, language: str) -> None:
    decision = read(text, title=title, language=language)
    assert not decision.is_agreement, decision.reasons
    assert any("other parties" in r for r in decision.reasons), decision.reasons


def test_between_the_home_institution_and_a_partner_is_a_signing() -> None:
    decision = read(
        "On June 12, the signing ceremony of a memorandum of understanding between USTH and "
        "Kyushu University took place in Hanoi."
    )
    assert decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "USTH to sign MoU with the National Innovation Center",
            "USTH and the National Innovation Center (NIC) will sign a memorandum of "
            "understanding at a ceremony at the NIC campus.\nThe signing ceremony will be "
            "attended by the President of USTH and the Director of NIC.",
            "en",
        ),
        (
            "USTH làm việc với VinAI, hướng tới ký kết thỏa thuận hợp tác",
            "Ngày 12/6, lãnh đạo USTH đã làm việc với Công ty VinAI.\nLễ ký kết thỏa thuận hợp "
            "tác có sự tham dự của lãnh đạo hai bên.",
            "vi",
        ),
        (
            "L'USTH s'apprête à signer une convention avec l'Université de Lille",
            "La cérémonie de signature de la convention réunira les présidents des deux "
            "universités.",
            "fr",
        ),
    ],
)
def test_a_headline_that_announces_a_signing_speaks_for_the_article(
    title: str, text: str, language: str
) -> None:
    decision = read(text, title=title, language=language)
    assert not decision.is_agreement, decision.reasons
    assert any("plan" in r for r in decision.reasons), decision.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The signing ceremony of the memorandum of understanding between USTH and Kyushu "
            "University takes place on 30 June 2025 in Hanoi.",
            "en",
        ),
        (
            "Lễ ký kết thỏa thuận hợp tác giữa USTH và Trường Đại học Kyushu diễn ra vào ngày "
            "30/6/2025 tại Hà Nội.",
            "vi",
        ),
        (
            "La cérémonie de signature de l'accord entre l'USTH et l'Université de Lille a lieu "
            "le 30 juin 2025 à Hanoï.",
            "fr",
        ),
    ],
)
def test_a_signing_dated_after_publication_is_an_announcement(text: str, language: str) -> None:
    decision = read(text, language=language, published=date(2025, 6, 20))
    assert not decision.is_agreement, decision.reasons
    assert any("after publication" in r for r in decision.reasons), decision.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "USTH and Bosch opened a joint laboratory on June 18.\nThe laboratory is the first "
            "outcome of the partnership agreement that USTH and Bosch signed in October 2023.",
            "en",
        ),
        (
            "Ngày 18/6, USTH và tỉnh Sóc Trăng tổ chức hội nghị.\nThỏa thuận hợp tác được hai "
            "bên ký kết vào tháng 5/2021.",
            "vi",
        ),
        (
            "Le 18 juin, l'USTH et Bosch ont inauguré un laboratoire commun.\nL'accord de "
            "partenariat a été signé par les deux parties en octobre 2023.",
            "fr",
        ),
    ],
)
def test_a_signing_months_before_publication_is_background(text: str, language: str) -> None:
    decision = read(text, language=language, published=date(2025, 6, 20))
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "language", "why"),
    [
        (
            "In 2025, USTH signed 35 new cooperation agreements with partners in 12 countries.",
            "en",
            "statistic",
        ),
        ("Năm nay, USTH đã ký kết 58 thỏa thuận hợp tác mới với các đối tác.", "vi", "statistic"),
        ("Cette année, l'USTH a signé 12 accords de coopération.", "fr", "statistic"),
        (
            "On June 12, USTH signed a contract for the supply of laboratory equipment with "
            "Acme Instruments Company.",
            "en",
            "purchase",
        ),
        (
            "Ngày 12/6, USTH đã ký hợp đồng mua sắm thiết bị thí nghiệm với Công ty Acme.",
            "vi",
            "purchase",
        ),
        (
            "Le 12 juin, l'USTH a signé un contrat de fourniture d'équipements avec la société "
            "Acme.",
            "fr",
            "purchase",
        ),
        (
            "Bên lề hội thảo, lãnh đạo hai trường đã trao đổi về khả năng ký kết một thỏa thuận "
            "trao đổi với USTH.",
            "vi",
            "plan",
        ),
        (
            "Un accord de coopération entre l'USTH et l'Université de Lille pourrait être signé "
            "à cette occasion.",
            "fr",
            "plan",
        ),
    ],
)
def test_counts_purchases_and_possibilities_are_not_signings(
    text: str, language: str, why: str
) -> None:
    decision = read(text, language=language)
    assert not decision.is_agreement, decision.reasons
    assert any(why in r for r in decision.reasons), decision.reasons


def test_a_general_corporation_is_not_a_total() -> None:
    decision = read(
        "Sáng 8/6, USTH và Tổng Công ty Đầu tư và Phát triển Công nghiệp đã ký kết biên bản "
        "ghi nhớ hợp tác.",
        language="vi",
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 6, 8)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Hôm qua, USTH và Tập đoàn Viettel đã ký kết thỏa thuận hợp tác.",
            date(2025, 6, 20),
            date(2025, 6, 19),
        ),
        (
            "Yesterday, USTH and Viettel Group signed a cooperation agreement.",
            date(2025, 6, 20),
            date(2025, 6, 19),
        ),
        (
            "Ngày 25/9 vừa qua, USTH và Tập đoàn Viettel đã ký kết thỏa thuận hợp tác.",
            date(2025, 10, 2),
            date(2025, 9, 25),
        ),
    ],
)
def test_relative_days_take_the_publication_date(
    text: str, published: date, expected: date
) -> None:
    decision = read(text, published=published)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == expected


def test_the_lead_date_serves_when_no_signing_sentence_has_one() -> None:
    decision = read(
        "On 12 December 2024, USTH and Université Côte d'Azur (France) held an online ceremony "
        "to renew their partnership.\nThe cooperation agreement was signed via videoconference.",
        published=date(2024, 12, 15),
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2024, 12, 12)


@pytest.mark.parametrize(
    ("text", "published", "timing_of"),
    [
        ("in October 2023", date(2025, 2, 27), "past"),
        ("tháng 5/2021", date(2024, 7, 20), "past"),
        ("in March", date(2025, 1, 6), "past"),
        ("on 30 June 2025", date(2025, 6, 20), "future"),
        ("on 18 June 2025", date(2025, 6, 20), "recent"),
        ("en juin 2025", date(2025, 6, 20), "recent"),
        ("tomorrow", date(2025, 6, 20), "future"),
        ("chiều mai", date(2025, 6, 20), "future"),
        ("demain", date(2025, 6, 20), "future"),
        ("hier", date(2025, 6, 20), "recent"),
        ("le 12 courant", date(2025, 6, 20), "recent"),
        ("le 25 courant", date(2025, 6, 20), "future"),
        ("ngày 12 tháng này", date(2025, 6, 20), "recent"),
    ],
)
def test_timing_of_written_dates(text: str, published: date, timing_of: str) -> None:
    from pactwatch.agreements.signing_date import timing

    found = find_dates(fold(text), 0, len(text), load_lexicon())
    assert found, text
    assert timing(found[-1], published) == timing_of
    assert (
        found[-1].month_only or resolve(found[-1], published) is not None or timing_of == "future"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On June 12, USTH and the University of Greenwich signed an agreement to deliver a "
            "joint Bachelor of Business Management programme.",
            "en",
        ),
        (
            "Ngày 12/6, USTH và Trường Đại học Greenwich đã ký kết thỏa thuận về chương trình "
            "liên kết đào tạo cử nhân.",
            "vi",
        ),
        (
            "Le 12 juin, l'USTH et l'Université de Lille ont signé un accord pour un double "
            "diplôme de master.",
            "fr",
        ),
    ],
)
def test_an_agreement_for_a_joint_programme_is_a_joint_programme_agreement(
    text: str, language: str
) -> None:
    decision = read(text, language=language)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "joint_program_agreement"


def test_an_agreement_listing_joint_training_among_areas_stays_generic() -> None:
    decision = read(
        "On June 12, USTH and Kyoto University signed a cooperation agreement covering student "
        "exchange, joint research and joint degree programmes."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "cooperation_agreement"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The fair brought together 150 companies; 40 partner companies that have signed "
            "cooperation agreements with USTH offered internships.",
            "en",
        ),
        (
            "Ngày hội thu hút 150 doanh nghiệp, trong đó nhiều doanh nghiệp đã ký kết thỏa thuận "
            "hợp tác với USTH.",
            "vi",
        ),
        (
            "Le salon a réuni 150 entreprises, dont de nombreuses entreprises ont signé une "
            "convention avec l'USTH.",
            "fr",
        ),
    ],
)
def test_a_counted_group_of_signatories_is_a_statistic(text: str, language: str) -> None:
    decision = read(text, language=language)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On June 12, USTH and the University of Lyon signed the second phase agreement, "
            "following the agreement for 2018-2023.",
            "en",
        ),
        (
            "Ngày 12/6, USTH và Trường Đại học Lyon đã ký kết thỏa thuận hợp tác giai đoạn 2, "
            "tiếp nối thỏa thuận giai đoạn 2018-2023.",
            "vi",
        ),
        (
            "Le 12 juin, l'USTH et l'Université de Lyon ont signé un accord de deuxième phase, "
            "dans la continuité de l'accord 2018-2023.",
            "fr",
        ),
    ],
)
def test_a_renewal_that_names_its_predecessor_is_a_signing(text: str, language: str) -> None:
    decision = read(text, language=language)
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.renewal


@pytest.mark.parametrize(
    "text",
    [
        "Following the agreement signed with the University of Lyon, USTH opened a new lab.",
        "Tiếp nối thỏa thuận đã ký với Trường Đại học Lyon, USTH mở phòng thí nghiệm mới.",
    ],
)
def test_a_predecessor_without_a_renewal_is_background(text: str) -> None:
    assert not read(text).is_agreement


# -- partners and countries: the general rules -----------------------------------------------

SIGNED = date(2025, 3, 7)
HUST = InstitutionConfig(
    id="hust",
    name="Hanoi University of Science and Technology",
    aliases=("HUST", "Đại học Bách khoa Hà Nội"),
    country="VN",
)
HCMUT = InstitutionConfig(
    id="hcmut", name="Ho Chi Minh City University of Technology", aliases=("HCMUT",), country="VN"
)
VNU = InstitutionConfig(
    id="vnu", name="Vietnam National University, Hanoi", aliases=("VNU", "ĐHQGHN"), country="VN"
)
UET = InstitutionConfig(
    id="uet",
    name="VNU University of Engineering and Technology",
    aliases=("VNU-UET", "Trường Đại học Công nghệ"),
    country="VN",
)
HUE = InstitutionConfig(id="hue", name="Hue University", aliases=("Đại học Huế",), country="VN")
LYON = InstitutionConfig(
    id="lyon", name="Université Claude Bernard Lyon 1", aliases=("UCBL",), country="FR"
)
GRENOBLE = InstitutionConfig(
    id="ginp", name="Grenoble INP - UGA", aliases=("Grenoble INP",), country="FR"
)


@pytest.mark.parametrize(
    ("home", "text", "expected"),
    [
        # Lowercase words and joining words inside French names.
        (
            LYON,
            "Le 5 mars 2025, l'Université Claude Bernard Lyon 1 et l'Université de médecine et "
            "de pharmacie de Hô-Chi-Minh-Ville (UMP) ont signé un accord de coopération.",
            [("Université de médecine et de pharmacie de Hô-Chi-Minh-Ville", "UMP", "VN")],
        ),
        (
            LYON,
            "Le 5 mars 2025, l'UCBL et l'Académie des sciences et technologies du Vietnam (VAST) "
            "ont signé un accord-cadre.",
            [("Académie des sciences et technologies du Vietnam", "VAST", "VN")],
        ),
        # Vietnamese syllables: "Sơn La" is not the French "la"; "Bưu chính" is one word.
        (
            HUST,
            "Ngày 5/3/2025, Đại học Bách khoa Hà Nội và Ủy ban nhân dân tỉnh Sơn La đã ký kết "
            "thỏa thuận hợp tác.",
            [("Ủy ban nhân dân tỉnh Sơn La", None, "VN")],
        ),
        (
            HUST,
            "Ngày 5/3/2025, Đại học Bách khoa Hà Nội và Học viện Công nghệ Bưu chính Viễn thông "
            "đã ký kết thỏa thuận hợp tác.",
            [("Học viện Công nghệ Bưu chính Viễn thông", None, "VN")],
        ),
        (
            HUST,
            "Ngày 5/3/2025, Trường Hóa và Khoa học sự sống, Đại học Bách khoa Hà Nội và Tổng "
            "Công ty Đầu tư và Phát triển Công nghiệp (Becamex IDC) đã ký hợp đồng hợp tác.",
            [("Tổng Công ty Đầu tư và Phát triển Công nghiệp", None, "VN")],
        ),
        # A name's own list of fields.
        (
            HOME,
            "On 5 March 2025, USTH and the Hai Phong City Department of Labour, Invalids and "
            "Social Affairs signed a cooperation agreement.",
            [("Hai Phong City Department of Labour, Invalids and Social Affairs", None, "VN")],
        ),
        # "of Country" completes a bare organisation word; "in Vietnam" is where it sits.
        (
            HOME,
            "On 5 March 2025, USTH and the Embassy of France in Vietnam signed a cooperation "
            "agreement.",
            [("Embassy of France in Vietnam", None, "FR")],
        ),
        # A country before a dash starts a list.
        (
            HOME,
            "On 5 March 2025, USTH and two universities of Japan – Kyushu University and Osaka "
            "University – signed a memorandum of understanding.",
            [("Kyushu University", None, "JP"), ("Osaka University", None, "JP")],
        ),
        # Lone acronyms that are organisation words, and "ACRONYM – Full Name".
        (
            HOME,
            "On 5 March 2025, USTH, CNES and IRD signed a tripartite agreement.",
            [("CNES", None, "FR"), ("IRD", None, "FR")],
        ),
        (
            HOME,
            "On 5 March 2025, USTH signed an agreement with IRD – Institut de recherche pour le "
            "développement.",
            [("Institut de recherche pour le développement", "IRD", "FR")],
        ),
    ],
)
def test_names_are_read_to_their_end(
    home: InstitutionConfig, text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert partners(read(text, home=home, published=SIGNED)) == expected


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (
            "On 5 March 2025, USTH and Viettel High Technology Industries Corporation (Viettel "
            "High Tech) signed a cooperation agreement.",
            "Viettel High Technology Industries Corporation",
            "Viettel High Tech",
        ),
        (
            "Ngày 5/3/2025, USTH và Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank) đã ký kết "
            "thỏa thuận hợp tác.",
            "Ngân hàng TMCP Ngoại thương Việt Nam",
            "Vietcombank",
        ),
        (
            "On 5 March 2025, USTH signed an agreement with Electricité de France (hereinafter "
            "EDF) on energy research.",
            "Electricité de France",
            "EDF",
        ),
        (
            "Ngày 5/3/2025, USTH và Tập đoàn Điện lực Việt Nam (sau đây gọi tắt là EVN) đã ký kết "
            "thỏa thuận hợp tác.",
            "Tập đoàn Điện lực Việt Nam",
            "EVN",
        ),
        (
            "Le 5 mars 2025, l'USTH et l'Université des sciences et technologies de Hanoï "
            "(HUST), ancien Institut polytechnique de Hanoï, ont signé un accord.",
            "Université des sciences et technologies de Hanoï",
            "Institut polytechnique de Hanoï",
        ),
    ],
)
def test_a_short_or_former_name_is_an_alias(text: str, name: str, alias: str) -> None:
    decision = read(text, published=SIGNED)
    assert decision.agreement is not None, decision.reasons
    (partner,) = decision.agreement.partners
    assert partner.name == name
    assert alias in partner.mentions


@pytest.mark.parametrize(
    ("home", "text", "expected"),
    [
        # Members named after the home institution's acronym.
        (
            VNU,
            "On 5 March 2025, the VNU University of Engineering and Technology (VNU-UET) and "
            "Viettel High Technology Industries Corporation signed a cooperation agreement.",
            ["Viettel High Technology Industries Corporation"],
        ),
        # "X, a member of <home>".
        (
            HUE,
            "Hue University of Medicine and Pharmacy (HUMP), a member of Hue University, and Hue "
            "Central Hospital signed a cooperation agreement on 5 March 2025.",
            ["Hue Central Hospital"],
        ),
        # A unit written with the home after a comma, even in a list.
        (
            VNU,
            "Sáng 5/3/2025, Trường Đại học Công nghệ, ĐHQGHN và Đại học Tohoku (Nhật Bản) đã ký "
            "kết biên bản ghi nhớ hợp tác.",
            ["Đại học Tohoku"],
        ),
        # A university system right after the home is its parent; a listed company is a party.
        (
            HCMUT,
            "On 5 March 2025, HCMUT, VNU-HCM, FPT Software and Quang Trung Software City "
            "Development Company (QTSC) signed a tripartite cooperation agreement.",
            ["FPT Software", "Quang Trung Software City Development Company"],
        ),
        # "Trường ĐH" is "Trường Đại học".
        (
            UET,
            "Sáng 5/3/2025, Trường ĐH Công nghệ (ĐHQGHN) và Công ty Viettel đã ký kết biên bản ghi "
            "nhớ hợp tác.",
            ["Công ty Viettel"],
        ),
        # A piece of a home name written in the text is the home.
        (
            GRENOBLE,
            "Le 5 mars 2025, Grenoble INP - UGA et l'Université de technologie de "
            "Hô-Chi-Minh-Ville (HCMUT), membre de l'Université nationale du Vietnam à "
            "Hô-Chi-Minh-Ville, ont signé une convention d'échange.",
            ["Université de technologie de Hô-Chi-Minh-Ville"],
        ),
    ],
)
def test_the_home_side_members_and_parents_are_not_partners(
    home: InstitutionConfig, text: str, expected: list[str]
) -> None:
    assert [p[0] for p in partners(read(text, home=home, published=SIGNED))] == expected


def test_a_partner_named_in_french_takes_the_country_of_its_places() -> None:
    text = (
        "Le 5 mars 2025, Grenoble INP - UGA et l'Université de technologie de "
        "Hô-Chi-Minh-Ville (HCMUT) ont signé une convention d'échange."
    )
    assert partners(read(text, home=GRENOBLE, published=SIGNED))[0][2] == "VN"


@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2025, TDTU and the Long An Provincial People's Committee signed a "
        "comprehensive cooperation agreement.\nRepresentatives of TDTU and Long An Province "
        "signed the agreement at the ceremony.",
        "Ngày 5/3/2025, TDTU và Ủy ban nhân dân tỉnh Long An đã ký kết thỏa thuận hợp tác.\n"
        "Lãnh đạo TDTU và UBND tỉnh Long An ký kết thỏa thuận hợp tác.",
    ],
)
def test_one_government_under_several_names_is_one_partner(text: str) -> None:
    tdtu = InstitutionConfig(id="tdtu", name="Ton Duc Thang University", aliases=("TDTU",))
    found = partners(read(text, home=tdtu, published=SIGNED))
    assert len(found) == 1
    assert found[0][2] == "VN"


@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2025, USTH signed a Memorandum of Understanding on Food Systems "
        "Transformation with Wageningen University.",
        "On 5 March 2025, at the C1 Building, USTH and Wageningen University signed a "
        "memorandum of understanding to train engineers for the industries of Ho Chi Minh City.",
    ],
)
def test_topics_places_and_venues_are_not_partners(text: str) -> None:
    assert [p[0] for p in partners(read(text, published=SIGNED))] == ["Wageningen University"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le 5 mars 2025, l'USTH a signé une convention de partenariat avec la société Thales.",
            [("Thales", None, "VN")],
        ),
        (
            "On 5 March 2025, USTH signed a cooperation agreement with Japanese company Fujitsu.",
            [("Fujitsu", None, "JP")],
        ),
        (
            "On 5 March 2025, USTH and the National Center for Scientific Research (CNRS) of "
            "France signed a framework agreement.",
            [("National Center for Scientific Research", "CNRS", "FR")],
        ),
        (
            "Le 5 mars 2025, l'USTH a signé un accord avec l'École nationale des ponts et "
            "chaussées (École des Ponts ParisTech).",
            [("École nationale des ponts et chaussées", None, "FR")],
        ),
        (
            "On 4 March 2025, USTH welcomed a delegation from Kyoto University.\n"
            "On 5 March 2025, the two universities signed a memorandum of understanding.",
            [("Kyoto University", None, "JP")],
        ),
    ],
)
def test_companies_countries_and_partners_named_around_the_signing(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert partners(read(text, published=SIGNED)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2025, USTH and Kyoto University signed an MoU within the framework of the "
        "Erasmus+ programme funded by the European Union.",
        "On 5 March 2025, at the Hanoi headquarters of the Vietnam Academy of Science and "
        "Technology, USTH and Kyoto University signed an MoU.",
        "On 5 March 2025, USTH signed an MoU with Kyoto University to develop the Vietnam Japan "
        "Semiconductor Centre.",
        "On 5 March 2025, USTH signed an MoU with Kyoto University in Hanoi.",
        "On 5 March 2025, USTH and Kyoto University signed an MoU.\nBefore the signing ceremony, "
        "the delegation visited the Hanoi Innovation Centre.",
    ],
)
def test_only_names_in_a_party_slot_signed(text: str) -> None:
    assert [p[0] for p in partners(read(text, published=SIGNED))] == ["Kyoto University"]


def test_vietnamese_names_in_a_party_slot_signed() -> None:
    text = (
        "Ngày 5/3/2025, tại trụ sở Viện Hàn lâm Khoa học và Công nghệ Việt Nam, USTH và Đại học "
        "Kyoto đã ký kết biên bản ghi nhớ nhằm triển khai Chương trình Erasmus+ của Liên minh "
        "châu Âu."
    )
    assert [p[0] for p in partners(read(text, published=SIGNED))] == ["Đại học Kyoto"]


def test_a_partner_named_after_the_home_institution_is_no_member() -> None:
    text = (
        "On 5 March 2025, USTH and the Consortium for the Development of USTH (USTH "
        "Consortium) held a signing ceremony for a strategic cooperation agreement."
    )
    decision = read(
        text, title="USTH and USTH Consortium sign strategic agreement", published=SIGNED
    )
    assert [p[0] for p in partners(decision)] == ["Consortium for the Development of USTH"]


# -- third parties at the home, old agreements, summaries, self-references ----------------


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "USTH hosts signing ceremony between Hanoi Department of Education and Samsung",
            "On 5 June 2025, at the Conference Hall of USTH, the Hanoi Department of Education "
            "and Training and Samsung Electronics Vietnam signed a memorandum of understanding "
            "on STEM education.",
            "en",
        ),
        (
            None,
            "Within the framework of the Science Week organised at the University of Science "
            "and Technology of Hanoi (USTH) on 10 June 2025, the Japan Science and Technology "
            "Agency (JST) and the Ministry of Science and Technology signed a cooperation "
            "agreement.",
            "en",
        ),
        (
            None,
            "On 14 June 2025, VinFast signed a strategic partnership agreement with Bosch "
            "Vietnam at a ceremony hosted by USTH.",
            "en",
        ),
        (
            "Sở Giáo dục Hà Nội và Intel ký kết hợp tác tại USTH",
            "Sáng 12/6, trong khuôn khổ Ngày hội Đổi mới sáng tạo tổ chức tại Trường Đại học "
            "Khoa học và Công nghệ Hà Nội, Sở Giáo dục và Đào tạo Hà Nội và Công ty Intel Việt "
            "Nam đã ký kết biên bản ghi nhớ hợp tác.",
            "vi",
        ),
        (
            None,
            "Chieu 15/6, tai USTH, Cong ty Co phan FPT da ky ket thoa thuan hop tac voi Tap "
            "doan Viettel.",
            "vi",
        ),
        (
            None,
            "Le 12 juin 2025, à l'USTH, l'Agence française de développement et le ministère "
            "de l'Éducation et de la Formation ont signé une convention de partenariat.",
            "fr",
        ),
        (
            "L'USTH accueille la signature d'un accord entre le CNRS et l'Académie des sciences",
            "Le 5 juin 2025, le CNRS et l'Académie des sciences et technologies du Vietnam ont "
            "signé un accord-cadre lors d'une cérémonie organisée à l'USTH.",
            "fr",
        ),
    ],
)
def test_a_signing_between_others_held_at_the_home_is_not_its_signing(
    title: str | None, text: str, language: str
) -> None:
    decision = read(text, title=title, language=language)
    assert not decision.is_agreement, decision.reasons
    assert any("other parties" in r for r in decision.reasons), decision.reasons


@pytest.mark.parametrize(
    ("text", "language", "partner"),
    [
        (
            "On 9 June 2025, at the USTH campus, USTH and Kyoto University signed a memorandum "
            "of understanding.",
            "en",
            "Kyoto University",
        ),
        (
            "On 9 June 2025, USTH hosted the signing ceremony of a memorandum of understanding "
            "with Kyoto University.",
            "en",
            "Kyoto University",
        ),
        (
            "Ngày 9/6, tại trụ sở USTH, USTH và Công ty Viettel đã ký kết thỏa thuận hợp tác.",
            "vi",
            "Công ty Viettel",
        ),
        (
            "Le 9 juin 2025, à l'USTH, l'USTH et l'Université de Bordeaux ont signé un accord "
            "de coopération.",
            "fr",
            "Université de Bordeaux",
        ),
    ],
)
def test_the_home_signing_on_its_own_premises_is_a_signing(
    text: str, language: str, partner: str
) -> None:
    decision = read(text, language=language)
    assert decision.is_agreement, decision.reasons
    assert [p[0] for p in partners(decision)] == [partner]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "From 9 to 11 June 2025, USTH hosted the second annual workshop of the project, "
            "implemented under the cooperation agreement signed in 2021 between USTH and the "
            "University of Bordeaux.",
            "en",
        ),
        (
            "Ngày 12/6, 15 sinh viên Đại học Toulouse đến USTH thực tập, một hoạt động của "
            "thỏa thuận hợp tác đã ký kết năm 2020 giữa hai trường.",
            "vi",
        ),
        (
            "Du 9 au 11 juin 2025, l'USTH a accueilli le deuxième atelier du projet financé au "
            "titre de l'accord de coopération signé en 2021 entre l'USTH et l'Université de "
            "Montpellier.",
            "fr",
        ),
    ],
)
def test_an_agreement_signed_in_an_earlier_year_is_background(text: str, language: str) -> None:
    decision = read(text, language=language)
    assert not decision.is_agreement, decision.reasons
    assert any("background" in r for r in decision.reasons), decision.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On 9 June 2025, USTH and Nagoya University signed a new agreement, replacing the "
            "memorandum of understanding signed in 2019.",
            "en",
        ),
        (
            "Ngày 9/6/2025, USTH và Đại học Nagoya đã ký kết thỏa thuận trao đổi sinh viên, cụ "
            "thể hóa biên bản ghi nhớ ký năm 2019.",
            "vi",
        ),
        (
            "Le 9 juin 2025, l'USTH et l'Université de Nantes ont signé un accord d'échange, qui "
            "prolonge le protocole d'accord signé en 2019.",
            "fr",
        ),
    ],
)
def test_an_earlier_agreement_named_by_a_new_signing_leaves_it_a_signing(
    text: str, language: str
) -> None:
    decision = read(text, language=language)
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 6, 9)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Hội nghị tổng kết công tác hợp tác quốc tế năm 2024",
            "Báo cáo của USTH cho biết một số thỏa thuận ký kết chưa được triển khai hiệu quả."
            "\nHiệu trưởng USTH yêu cầu các đơn vị rà soát các văn bản hợp tác đã ký với đối tác.",
            "vi",
        ),
        (
            "USTH reviews its international cooperation",
            "The meeting reviewed some agreements signed with French partners.\nSeveral "
            "agreements signed by the university have not yet been put into practice.",
            "en",
        ),
        (
            "Bilan annuel des relations internationales",
            "Le bilan de l'USTH souligne que plusieurs conventions signées restent peu actives."
            "\nLa réunion de l'USTH a passé en revue les accords signés avec ses partenaires.",
            "fr",
        ),
    ],
)
def test_documents_described_as_signed_are_a_summary(title: str, text: str, language: str) -> None:
    decision = read(text, title=title, language=language)
    assert not decision.is_agreement, decision.reasons


def test_an_event_word_is_never_a_partner() -> None:
    decision = read(
        "Sáng 12/6, USTH tổ chức Hội nghị tổng kết hợp tác với Trường Đại học Kyoto. Nhân dịp "
        "này, hai bên đã ký kết thỏa thuận hợp tác về trao đổi sinh viên.",
        title="Hội nghị tổng kết hợp tác quốc tế",
        language="vi",
    )
    assert [p[0] for p in partners(decision)] == ["Trường Đại học Kyoto"]


@pytest.mark.parametrize(
    ("text", "language", "partner"),
    [
        (
            "Sáng 12/6, Học viện và Đại học Quốc gia Seoul (Hàn Quốc) đã ký kết biên bản ghi "
            "nhớ hợp tác.",
            "vi",
            "Đại học Quốc gia Seoul",
        ),
        (
            "Ngày 12/6, Trường và Công ty Cổ phần FPT đã ký kết thỏa thuận hợp tác.",
            "vi",
            "Công ty Cổ phần FPT",
        ),
        (
            "On 12 June 2025, the University and Osaka University signed a memorandum of "
            "understanding.",
            "en",
            "Osaka University",
        ),
        (
            "Le 12 juin 2025, l'Université et l'Université de Nantes ont signé un accord de "
            "coopération.",
            "fr",
            "Université de Nantes",
        ),
    ],
)
def test_an_organisation_word_alone_is_the_home_speaking_of_itself(
    text: str, language: str, partner: str
) -> None:
    decision = read(text, language=language)
    assert [p[0] for p in partners(decision)] == [partner]


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        (
            "On 3 June 2025, in the framework of the International Conference on Climate-Smart "
            "Agriculture and Food Systems Transformation hosted by USTH, USTH and Wageningen "
            "University signed a memorandum of understanding.",
            "Wageningen University",
        ),
        (
            "On 12 June 2025, USTH signed an MoU with Kyushu University on Renewable Energy and "
            "Smart Grid Systems.",
            "Kyushu University",
        ),
    ],
)
def test_a_topic_joined_by_and_is_no_partner(text: str, partner: str) -> None:
    assert [p[0] for p in partners(read(text))] == [partner]


LILLE = InstitutionConfig(id="lille", name="Université de Lille", aliases=("ULille",), country="FR")


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "Le 12 juin 2025, l'Université de Lille et l'Institut de technologie des postes et "
            "télécommunications (PTIT) de Hanoï ont signé un accord d'échange.",
            "fr",
            "Institut de technologie des postes et télécommunications",
        ),
        (
            "Le 12 juin 2025, l'Université de Lille et l'Université de médecine et de pharmacie "
            "(UMP) à Hô-Chi-Minh-Ville ont signé un accord de coopération.",
            "fr",
            "Université de médecine et de pharmacie",
        ),
        (
            "On 12 June 2025, the Université de Lille and the Institute of Posts and "
            "Telecommunications (PTIT) of Hanoi signed an exchange agreement.",
            "en",
            "Institute of Posts and Telecommunications",
        ),
    ],
)
def test_a_place_after_the_acronym_gives_the_country(text: str, language: str, name: str) -> None:
    assert partners(read(text, language=language, home=LILLE)) == [(name, name_acronym(text), "VN")]


def name_acronym(text: str) -> str:
    found = re.search(r"\(([A-Z]{2,})\)", text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("title", "text", "language", "expected"),
    [
        (
            "Un accord tripartite avec l'Institut national d'agriculture du Vietnam et le Cirad",
            "Le 8 octobre 2024, l'Université de Lille, l'Institut national d'agriculture du "
            "Vietnam et le Cirad ont signé un accord de coopération tripartite.",
            "fr",
            [("Institut national d'agriculture du Vietnam", None, "VN"), ("Cirad", None, "FR")],
        ),
        (
            "A three-party agreement with the Vietnam Institute of Agriculture and the Cirad",
            "On 8 October 2024, the Université de Lille, the Vietnam Institute of Agriculture "
            "and the Cirad signed a three-party cooperation agreement.",
            "en",
            [("Vietnam Institute of Agriculture", None, "VN"), ("Cirad", None, "FR")],
        ),
        (
            None,
            "Ngày 8/10/2024, Université de Lille, Trường Đại học Cần Thơ và Cirad đã ký kết "
            "thỏa thuận hợp tác ba bên.",
            "vi",
            [("Trường Đại học Cần Thơ", None, "VN"), ("Cirad", None, "FR")],
        ),
    ],
)
def test_a_bare_name_listed_among_the_signatories_is_a_partner(
    title: str | None, text: str, language: str, expected: list[tuple[str, None, str]]
) -> None:
    decision = read(text, title=title, language=language, home=LILLE, published=date(2024, 10, 10))
    assert partners(decision) == expected


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        (
            "Ngày 25/9 vừa qua, USTH và Đại học Kyoto đã ký kết biên bản ghi nhớ.",
            "vi",
            date(2025, 10, 2),
            date(2025, 9, 25),
        ),
        (
            "Ngay 28/12 vua qua, USTH va Dai hoc Kyoto da ky ket bien ban ghi nho.",
            "vi",
            date(2026, 1, 5),
            date(2025, 12, 28),
        ),
        (
            "On 25 September, USTH and Kyoto University signed a memorandum of understanding.",
            "en",
            date(2025, 10, 2),
            date(2025, 9, 25),
        ),
        (
            "Le 25 septembre dernier, l'USTH et l'Université de Lille ont signé un accord.",
            "fr",
            date(2025, 10, 2),
            date(2025, 9, 25),
        ),
    ],
)
def test_a_day_and_month_take_the_publication_year(
    text: str, language: str, published: date, expected: date
) -> None:
    decision = read(text, language=language, published=published)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == expected


def test_a_term_is_not_a_signing_in_marked_vietnamese() -> None:
    # "học kỳ tại" (a term at) folds like "ký tại" (signed at), a background cue.
    decision = read(
        "Ngày 25/9, USTH và Đại học Busan đã ký kết thỏa thuận trao đổi sinh viên, tạo điều "
        "kiện cho sinh viên học một học kỳ tại trường đối tác.",
        language="vi",
        published=date(2025, 10, 2),
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.signed_on == date(2025, 9, 25)


@pytest.mark.parametrize(
    ("seed", "published", "partner", "signed_on"),
    [
        (
            "003_e4dadb43bcaeb3f7.txt",
            date(2018, 11, 6),
            "French National Centre for Space Studies",
            date(2018, 11, 3),
        ),
        ("001_ae4264fc62041062.txt", None, "École Centrale de Lyon", date(2026, 1, 27)),
    ],
)
def test_a_title_that_repeats_the_first_paragraph_keeps_the_partners(
    shared_dir: Path, seed: str, published: date | None, partner: str, signed_on: date
) -> None:
    lines = (shared_dir / "seeds" / seed).read_text(encoding="utf-8").split("\n")
    paragraphs = [line for line in lines if line.strip()]
    when = datetime(published.year, published.month, published.day, 8) if published else None
    for title in (None, paragraphs[0]):
        article = Article("https://usth.edu.vn/en/news-1", title, when, "en", tuple(paragraphs))
        decision = extract_agreement(article, HOME)
        assert [p[0] for p in partners(decision)] == [partner], (title, decision.reasons)
        assert decision.agreement is not None
        assert decision.agreement.signed_on == signed_on


@pytest.mark.parametrize(
    ("title", "lead", "signing", "language"),
    [
        (
            "USTH and Université Côte d'Azur renew their cooperation agreement",
            "On 12 December 2023, USTH and Université Côte d'Azur held an online ceremony to "
            "renew their cooperation agreement.",
            "The agreement was signed via videoconference.",
            "en",
        ),
        (
            "USTH và Đại học Côte d'Azur gia hạn thỏa thuận hợp tác",
            "Ngày 12/12/2023, USTH và Đại học Côte d'Azur tổ chức buổi lễ trực tuyến.",
            "Thỏa thuận hợp tác được ký kết qua hình thức trực tuyến.",
            "vi",
        ),
        (
            "L'USTH et l'Université Côte d'Azur renouvellent leur accord",
            "Le 12 décembre 2023, l'USTH et l'Université Côte d'Azur ont tenu une cérémonie en "
            "ligne.",
            "L'accord de coopération a été signé par visioconférence.",
            "fr",
        ),
    ],
)
def test_a_headline_repeated_as_first_paragraph_leaves_the_lead_its_date(
    title: str, lead: str, signing: str, language: str
) -> None:
    decision = read(
        f"{title}\n{lead}\n{signing}", title=title, language=language, published=date(2023, 12, 15)
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2023, 12, 12)


# -- the parties of the signing event, over every sentence that tells it ---------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "MoU between the Ministry of Industry and KOTRA signed at USTH",
            "On June 18, at USTH, the Ministry of Industry (MOI) and the Korea Trade Agency "
            "(KOTRA) signed a Memorandum of Understanding on cooperation in clean energy.\n"
            "The Rector of USTH welcomed the delegates.\n"
            "Delegates witness the signing of the MoU between MOI and KOTRA at USTH",
        ),
        (
            "Ký kết hợp tác phát triển nhân lực bán dẫn tại Trường Đại học Khoa học và Công nghệ "
            "Hà Nội",
            "Sáng 18/6, tại Hội trường A21, Trường Đại học Khoa học và Công nghệ Hà Nội, Hiệp hội "
            "Phần mềm Việt Nam (VINASA) và Công ty Cadence đã ký kết biên bản ghi nhớ về đào tạo "
            "vi mạch.\n"
            "Chứng kiến lễ ký kết có Hiệu trưởng Trường Đại học Khoa học và Công nghệ Hà Nội.\n"
            "Các đại biểu chứng kiến lễ ký kết giữa VINASA và Cadence",
        ),
        (
            "Signature d'un accord entre l'Ambassade d'Italie et le ministère de la Santé à l'USTH",
            "Le 18 juin 2025, l'USTH a accueilli la cérémonie de signature d'un accord de "
            "coopération entre l'Ambassade d'Italie et le ministère de la Santé.\n"
            "Les délégations lors de la cérémonie de signature à l'USTH",
        ),
    ],
)
def test_a_signing_between_others_told_over_several_sentences_is_not_the_homes(
    title: str, text: str
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "USTH Alumni Association signs MoU with CMC Corporation",
            "On June 18, the USTH Alumni Association and CMC Corporation signed a Memorandum of "
            "Understanding on mentoring.\nThe Rector of USTH attended the signing.",
        ),
        (
            "Đoàn Thanh niên Trường Đại học Khoa học và Công nghệ Hà Nội ký kết chương trình phối "
            "hợp với Đoàn Thanh niên Tập đoàn Viettel",
            "Ngày 18/6/2025, Đoàn Thanh niên Trường Đại học Khoa học và Công nghệ Hà Nội và Đoàn "
            "Thanh niên Tập đoàn Viettel đã ký kết chương trình phối hợp.\n"
            "Tham dự lễ ký kết có đại diện Phòng Công tác sinh viên Trường Đại học Khoa học và "
            "Công nghệ Hà Nội.\nHai đơn vị ký kết chương trình phối hợp",
        ),
        (
            "L'Association des anciens de l'USTH signe un accord avec Thales",
            "Le 18 juin 2025, l'Association des anciens de l'USTH a signé un accord de "
            "coopération avec Thales sur le mentorat.\nLe recteur de l'USTH a assisté à la "
            "signature.",
        ),
    ],
)
def test_a_members_body_signs_for_itself(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Contract signed for supply of a mass spectrometer",
            "On June 18, USTH and Lab Instruments JSC signed the contract for bidding package "
            "No. 3 for the supply of a mass spectrometer.\nThe signing of the contract took "
            "place at USTH.",
        ),
        (
            "Ký hợp đồng gói thầu thiết bị thí nghiệm",
            "Ngày 18/6/2025, USTH và Công ty Thiết bị Khoa học đã ký hợp đồng gói thầu số 5 "
            "cung cấp thiết bị thí nghiệm.\nLễ ký hợp đồng diễn ra tại USTH.",
        ),
        (
            "Signature d'un contrat de fourniture de microscopes",
            "Le 18 juin 2025, l'USTH et la société Optique SA ont signé le contrat de fourniture "
            "de deux microscopes après un appel d'offres.\nLa signature du contrat a eu lieu "
            "au rectorat.",
        ),
    ],
)
def test_a_supply_contract_is_one_contract_throughout(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Call for applications: exchange semester at INSA Toulouse",
            "Within the framework of the exchange agreement signed between USTH and INSA "
            "Toulouse, the Department of International Cooperation announces the call for "
            "applications for the autumn semester.",
        ),
        (
            "Hội nghị tổng kết 5 năm thực hiện thỏa thuận hợp tác với tỉnh Hòa Bình",
            "Ngày 18/6/2025, USTH và UBND tỉnh Hòa Bình tổ chức Hội nghị tổng kết 5 năm thực hiện "
            "thỏa thuận hợp tác giai đoạn 2020-2025.\n"
            "Theo báo cáo, hai bên đã triển khai 18 đề tài.\n"
            "Hai bên thống nhất sẽ xây dựng nội dung hợp tác giai đoạn mới để trình lãnh đạo "
            "xem xét, ký kết thỏa thuận hợp tác.",
        ),
        (
            "Appel à candidatures : semestre d'échange à l'INSA Rennes",
            "Dans le cadre de l'accord d'échange signé entre l'USTH et l'INSA Rennes, le "
            "département des relations internationales lance l'appel à candidatures.",
        ),
    ],
)
def test_a_call_or_review_under_an_agreement_is_not_a_signing(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "USTH and Thales sign a new cooperation agreement",
            "Thursday - 19/06/2025 07:50\nRecently, USTH and Thales signed a cooperation "
            "agreement on satellite data.\nThe two sides will meet every quarter.",
            None,
        ),
        (
            "USTH và Viettel ký kết thỏa thuận hợp tác giai đoạn mới",
            "Thứ năm - 19/06/2025 07:50\nChiều ngày 18/6, USTH và Tập đoàn Viettel đã ký kết thỏa "
            "thuận hợp tác giai đoạn 2025-2030, tiếp nối thỏa thuận hợp tác được hai bên ký năm "
            "2019.",
            date(2025, 6, 18),
        ),
        (
            "L'USTH et Thales signent un nouvel accord",
            "Le 18 juin 2025, l'USTH et Thales ont signé un accord de coopération, qui fait "
            "suite à l'accord signé en 2019.",
            date(2025, 6, 18),
        ),
    ],
)
def test_the_signing_date_is_the_signings_not_the_datelines(
    title: str, text: str, expected: date | None
) -> None:
    decision = read(text, title=title, published=date(2025, 6, 19))
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == expected, decision.reasons


# -- "the two sides" resolved, purchases near a bare contract, kinds ------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Smart city workshop held at USTH",
            "On May 22, the Hanoi Department of Science and Technology and the Korea Agency for "
            "Infrastructure Technology Advancement organised a workshop at USTH.\nAt the end "
            "of the workshop, the two sides signed a memorandum of understanding on smart traffic.",
        ),
        (
            "Hội thảo chuyển đổi số tổ chức tại USTH",
            "Sáng 13/6, Tập đoàn Điện lực Việt Nam (EVN) và Cơ quan Hợp tác Quốc tế Nhật Bản "
            "(JICA) phối hợp tổ chức hội thảo tại USTH.\nNhân dịp này, hai bên đã ký biên bản "
            "ghi nhớ về dự án hỗ trợ kỹ thuật.",
        ),
        (
            "Journée de la recherche à l'USTH",
            "Le 12 juin, l'Institut de recherche pour le développement et l'Académie des sciences "
            "et technologies du Vietnam ont organisé une journée au campus de l'USTH.\nÀ cette "
            "occasion, les deux organismes ont signé une convention de partenariat.",
        ),
    ],
)
def test_two_sides_named_before_without_the_home_are_third_parties(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement
    assert any("named before it" in r for r in decision.reasons), decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi University signs MoU with Kyoto University: on June 12, the two universities "
        "signed a memorandum of understanding on student exchange.",
        "Trường Đại học Cần Thơ ký thỏa thuận với Đại học Wageningen: ngày 12/6, hai trường đã "
        "ký thỏa thuận hợp tác nghiên cứu.",
    ],
)
def test_roundup_item_of_another_university_is_third_party(text: str) -> None:
    decision = read(
        text + "\nUSTH students won the national robotics contest.", title="News of the week"
    )
    assert not decision.is_agreement


def test_two_sides_after_the_home_receives_its_visitor_is_the_home() -> None:
    decision = read(
        "A delegation of Aalto University visited the University of Science and Technology of "
        "Hanoi on June 12.\nAfter a tour of the laboratories, the two sides signed a "
        "memorandum of understanding on staff exchange.",
        title="USTH and Aalto University strengthen cooperation",
    )
    assert decision.is_agreement, decision.reasons
    assert [p[0] for p in partners(decision)] == ["Aalto University"]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "USTH signs contract for laboratory equipment",
            "On June 12, USTH signed a contract with Thang Long Equipment Company for a "
            "scanning electron microscope.\nThe company won the open tender organised in May.",
        ),
        (
            "USTH ký hợp đồng với đơn vị trúng thầu",
            "Sáng 12/6, USTH đã ký hợp đồng với Công ty TNHH Công nghệ Mê Kông, đơn vị trúng "
            "thầu cung cấp hệ thống máy chủ.",
        ),
        (
            "Attribution du marché",
            "L'USTH a signé le 12 juin un contrat avec la société Hanoi Computer.\nLe contrat a "
            "été attribué à l'issue d'un appel d'offres ouvert.",
        ),
    ],
)
def test_bare_contract_near_purchase_words_is_a_purchase(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement
    assert any("purchase" in r for r in decision.reasons), decision.reasons


def test_cooperation_contract_with_a_company_is_a_cooperation_agreement() -> None:
    decision = read(
        "Chiều 12/6, USTH và Công ty Cổ phần MISA đã ký hợp đồng hợp tác về đào tạo kế toán "
        "số.\nTheo hợp đồng, MISA cung cấp miễn phí bản quyền phần mềm cho phòng thực hành.",
        title="USTH ký hợp đồng hợp tác với Công ty Cổ phần MISA",
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert decision.agreement.kind == "cooperation_agreement"


def test_programme_named_before_the_agreement_noun_makes_a_joint_programme() -> None:
    decision = read(
        "USTH and the University of Nantes signed the agreement on June 12 in Hanoi.",
        title="USTH and University of Nantes sign joint Master's programme agreement",
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "joint_program_agreement"


@pytest.mark.parametrize(
    "text",
    [
        "On June 12, USTH and Bosch Vietnam held a meeting to review the implementation of the "
        "memorandum of understanding signed in February this year.",
        "On June 12, USTH and Samsung reviewed the memorandum of understanding signed between "
        "the two sides in April 2023.",
        "Chiều 12/6, USTH và Samsung Việt Nam họp đánh giá việc thực hiện biên bản ghi nhớ đã "
        "ký hồi tháng 2 năm nay.",
        "Le 12 juin, l'USTH et l'Université de Montpellier ont fait le bilan de l'accord de "
        "coopération signé en janvier dernier.",
    ],
)
def test_agreement_signed_months_earlier_is_described_not_signed(text: str) -> None:
    decision = read(text, title="Review of cooperation")
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "USTH signs agreement with the University of Trento",
            "On June 12, USTH and the University of Trento signed an agreement establishing a "
            "double master's degree programme in ICT.",
        ),
        (
            "USTH ký thỏa thuận với Đại học Trento",
            "Ngày 12/6, USTH và Đại học Trento đã ký thỏa thuận thành lập chương trình đào tạo "
            "liên kết thạc sĩ.",
        ),
        (
            "L'USTH signe un accord avec l'Université de Trente",
            "Le 12 juin, l'USTH et l'Université de Trente ont signé un accord créant un double "
            "diplôme de master.",
        ),
        (
            "USTH and La Rochelle Université sign double-degree agreement",
            "USTH and La Rochelle Université signed the agreement on June 12 in Hanoi.",
        ),
    ],
)
def test_a_bare_agreement_for_a_joint_programme_is_a_joint_programme(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "joint_program_agreement"


def test_a_named_partnership_for_a_programme_stays_a_partnership() -> None:
    decision = read(
        "L'USTH et l'Université Paris-Saclay ont signé, le 12 juin, une convention de "
        "partenariat pour le développement de doubles diplômes de master.",
        title="Signature d'une convention de partenariat entre l'USTH et l'Université Paris-Saclay",
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "cooperation_agreement"


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            "USTH and the Hanoi Department of Environment sign data-sharing agreement",
            "On June 12, USTH and the Hanoi Department of Environment signed an agreement on "
            "the sharing of air quality data.",
            "other",
        ),
        (
            "USTH and the Hanoi Department of Environment sign cooperation agreement",
            "On June 12, USTH and the Hanoi Department of Environment signed a cooperation "
            "agreement on data sharing.",
            "cooperation_agreement",
        ),
        (
            "USTH ký thỏa thuận chia sẻ dữ liệu với Viện Địa lý",
            "Ngày 12/6, USTH và Viện Địa lý đã ký thỏa thuận chia sẻ dữ liệu quan trắc.",
            "other",
        ),
        (
            "L'USTH et l'Institut Pasteur signent un accord de partage de données",
            "Le 12 juin, l'USTH et l'Institut Pasteur ont signé l'accord.",
            "other",
        ),
    ],
)
def test_a_data_sharing_agreement_is_other_unless_it_names_cooperation(
    title: str, text: str, kind: str
) -> None:
    decision = read(text, title=title)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "On June 12, ten agreements with French partners were renewed by USTH.",
        "On June 12, USTH renewed five agreements with members of the French consortium.",
        "Ngày 12/6, USTH đã gia hạn mười thỏa thuận hợp tác với Đại học Lyon.",
        "Le 12 juin, l'USTH a signé cinq accords avec l'Université de Lyon.",
    ],
)
def test_a_count_of_agreements_written_in_words_is_a_statistic(text: str) -> None:
    decision = read(text, title="International cooperation")
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 12/6, USTH đã ký thỏa thuận hợp tác với Đại học Lyon sau thỏa thuận năm 2020.",
        "Le 12 juin, l'USTH a signé deux accords avec l'Université de Lyon.",
    ],
)
def test_a_small_count_or_a_look_alike_word_is_not_a_statistic(text: str) -> None:
    decision = read(text, title="International cooperation")
    assert decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "USTH looks back on international cooperation in 2024",
            "On January 8, the Office of International Cooperation presented its report.\n"
            "On January 6, USTH signed a memorandum of understanding with Kyushu University.",
        ),
        (
            "Nhìn lại hoạt động hợp tác quốc tế năm 2024 của USTH",
            "Ngày 8/1, Phòng Hợp tác quốc tế đã trình bày báo cáo trước Ban Giám hiệu.\n"
            "Ngày 6/1, USTH đã ký biên bản ghi nhớ với Đại học Kyushu.",
        ),
        (
            "Bilan de la coopération internationale de l'USTH en 2024",
            "Le 8 janvier, le service des relations internationales a présenté son rapport.\n"
            "Le 6 janvier, l'USTH a signé un protocole d'accord avec l'Université de Kyushu.",
        ),
    ],
)
def test_a_review_headline_makes_the_signings_it_lists_background(title: str, text: str) -> None:
    decision = read(text, title=title, published=date(2025, 1, 10))
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "On 25 April 2025, USTH and University College Dublin (UCD), Ireland, signed a "
            "cooperation agreement.",
            "University College Dublin",
            "IE",
        ),
        (
            "Ngày 3/6/2025, USTH và Đại học Nairobi (Kenya) đã ký kết thỏa thuận hợp tác.",
            "Đại học Nairobi",
            "KE",
        ),
        (
            "Le 2 juin 2025, l'USTH et la Haute école spécialisée de Suisse occidentale "
            "(HES-SO) ont signé un accord de coopération.",
            "Haute école spécialisée de Suisse occidentale",
            "CH",
        ),
    ],
)
def test_a_country_after_the_name_or_its_acronym_wins(text: str, name: str, country: str) -> None:
    found = partners(read(text, title="International cooperation"))
    assert [(n, c) for n, _, c in found] == [(name, country)]


@pytest.mark.parametrize(
    "text",
    [
        "On 21 February 2025, the Rector of USTH signed Decision No. 612 on the regulation of "
        "international cooperation agreements.",
        "Ngày 21/02/2025, Hiệu trưởng USTH đã ký Quyết định số 612/QĐ-USTH ban hành Quy định "
        "quản lý hoạt động hợp tác quốc tế.",
        "Le 21 février 2025, le recteur de l'USTH a signé l'arrêté relatif aux accords de "
        "coopération internationale.",
    ],
)
def test_signing_an_internal_decree_is_not_an_agreement(text: str) -> None:
    decision = read(text, title="New regulation on international cooperation")
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "USTH is ready to sign a memorandum of understanding with Kyushu University.",
        "Truong san sang ky ket bien ban ghi nho hop tac voi Dai hoc Kyushu.",
        "Les deux universités envisagent la signature d'un accord de coopération.",
    ],
)
def test_readiness_or_intent_to_sign_is_a_plan(text: str) -> None:
    decision = read(text, title="Visit of a delegation")
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The committee praised the links with the French universities, with which USTH has "
        "signed exchange agreements since its founding.",
        "Hội đồng đánh giá cao quan hệ với các trường đối tác Pháp, USTH đã ký kết các thỏa "
        "thuận trao đổi từ khi thành lập.",
        "Le comité a salué les liens avec les universités françaises, avec lesquelles l'USTH a "
        "signé des accords d'échange depuis sa création.",
    ],
)
def test_a_relative_clause_about_past_signings_is_background(text: str) -> None:
    decision = read(text, title="USTH programmes receive accreditation")
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Tripartite agreement to train engineers",
            "On 18 June 2025, at the C1 building, USTH, Bach Mai Hospital and Siemens "
            "Healthineers Vietnam signed a cooperation agreement on training.",
        ),
        (
            "Ký kết thỏa thuận hợp tác ba bên về đào tạo kỹ sư",
            "Sáng 18/6, tại Hội trường C2, Trường Đại học Khoa học và Công nghệ Hà Nội, Bệnh "
            "viện Bạch Mai và Công ty Siemens Healthineers đã ký kết thỏa thuận hợp tác.",
        ),
        (
            "Accord tripartite pour la formation d'ingénieurs",
            "Le 18 juin 2025, dans l'amphithéâtre A, l'USTH, l'Hôpital Bach Mai et "
            "Siemens Healthineers ont signé un accord de coopération.",
        ),
    ],
)
def test_the_home_in_the_list_of_a_tripartite_signing_after_a_venue_is_a_party(
    title: str, text: str
) -> None:
    decision = read(text, title=title)
    assert decision.is_agreement, decision.reasons
    assert len(partners(decision)) == 2


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Signing between the French Embassy and the IRD at the campus of USTH",
            "On 12 March 2025, the French Embassy and the IRD signed a funding agreement at the "
            "campus of USTH.",
        ),
        (
            "Ký kết giữa Đại sứ quán Pháp và IRD tại USTH",
            "Ngày 12/3/2025, Đại sứ quán Pháp và IRD đã ký kết thỏa thuận tài trợ tại USTH.",
        ),
        (
            "Signature d'un accord entre l'Ambassade de France et l'IRD sur le campus de l'USTH",
            "Le 12 mars 2025, l'Ambassade de France et l'IRD ont signé, sur le campus de "
            "l'USTH, une convention de financement.\n"
            "La signature s'est déroulée en présence du recteur de l'USTH.",
        ),
    ],
)
def test_a_signing_between_two_others_hosted_at_the_home_is_not_its_own(
    title: str, text: str
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


# -- folded look-alikes, plans in other words, hiring contracts ------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Lễ trao bằng chương trình liên kết với Đại học Khoa học Kỹ thuật Quốc lập Vân Lâm",
            "Sáng 16/6/2025, USTH tổ chức lễ trao bằng cho 47 tân kỹ sư chương trình liên kết "
            "đào tạo ngành Kỹ thuật cơ khí với Đại học Khoa học Kỹ thuật Quốc lập Vân Lâm.",
        ),
        # Written without marks.
        (
            "Le trao bang chuong trinh lien ket voi Dai hoc Khoa hoc Ky thuat Quoc lap Van Lam",
            "Sang 16/6/2025, USTH to chuc le trao bang cho 47 tan ky su chuong trinh lien ket "
            "dao tao nganh Ky thuat co khi voi Dai hoc Khoa hoc Ky thuat Quoc lap Van Lam.",
        ),
    ],
)
def test_a_skill_word_folding_like_the_signing_word_is_not_a_signing(title: str, text: str) -> None:
    # "kỹ" (Kỹ thuật, kỹ sư) and "ký" (to sign) both fold to "ky".
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "Theo kế hoạch, USTH sẽ tiếp tục ký kết hợp tác với một số doanh nghiệp trong năm tới.",
        "Các doanh nghiệp mong muốn ký kết hợp tác với USTH trong thời gian tới.",
        "Cac doanh nghiep mong muon ky ket hop tac voi USTH trong thoi gian toi.",
        "Hiep hoi san sang lam cau noi de cac doanh nghiep ky ket hop tac voi USTH trong thoi "
        "gian toi.",
        "USTH và Công ty ABC sẽ cùng ký thỏa thuận hợp tác vào tháng sau.",
    ],
)
def test_a_vietnamese_plan_in_other_words_is_not_a_signing(sentence: str) -> None:
    decision = read(
        "Ngày 10/5/2025, USTH tổ chức hội thảo về đào tạo nhân lực.\n" + sentence,
        title="Hội thảo đào tạo nhân lực",
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Ngày hội việc làm 2025: 300 sinh viên ký hợp đồng lao động",
            "Ngày 10/5/2025, USTH tổ chức Ngày hội việc làm. Sinh viên năm cuối đã ký hợp đồng "
            "lao động ngay tại chỗ với Công ty ABC.",
        ),
        (
            "Career fair: final-year students sign employment contracts",
            "On 10 May 2025, USTH held its career fair, where final-year students signed "
            "employment contracts with ABC Company on the spot.",
        ),
        (
            "Forum emploi : des étudiants signent leur contrat de travail",
            "Le 10 mai 2025, lors du forum emploi de l'USTH, des étudiants ont signé un contrat "
            "de travail avec la société ABC.",
        ),
    ],
)
def test_students_hired_at_a_job_fair_is_not_an_agreement(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


def test_a_signing_between_others_with_commas_in_a_name_is_not_the_homes() -> None:
    decision = read(
        "In Tokyo, the USTH delegation attended the signing ceremony between the Dong Nai "
        "Department of Labour, Invalids and Social Affairs and Sakura Human Resources Co., "
        "Ltd. on supplying skilled workers to Japanese enterprises.",
        title="USTH delegation works in Japan on internships",
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "signed"),
    [
        (
            "Séance de travail sur le projet de convention avec l'Université de Lyon",
            "Le 22 mai 2025, l'USTH a examiné avec l'Université de Lyon le projet de convention. "
            "Les deux parties finaliseront le texte afin que la convention puisse être soumise "
            "aux instances des deux établissements et signée avant la rentrée 2026.",
            False,
        ),
        (
            "Working session on the agreement with Lyon University",
            "On 22 May 2025, USTH and Lyon University reviewed the agreement so that it "
            "can be approved by both boards and signed before the autumn.",
            False,
        ),
        (
            "USTH signs an agreement with Lyon University",
            "On 22 May 2025, USTH signed an agreement with Lyon University so that students can "
            "be exchanged from the autumn.",
            True,
        ),
    ],
)
def test_a_modal_passive_signing_is_a_plan(title: str, text: str, signed: bool) -> None:
    decision = read(text, title=title)
    assert decision.is_agreement is signed, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Signature d'une convention-cadre entre l'Université de Hué et l'Université de "
            "Poitiers",
            "Une convention-cadre a été signée le 5 juin 2025 entre l'Université de Hué et "
            "l'Université de Poitiers (France).",
        ),
        (
            "Signing between the University of Hue and the University of Poitiers",
            "On 5 June 2025, the University of Hue and the University of Poitiers signed a "
            "framework agreement.",
        ),
    ],
)
def test_a_home_named_after_its_place_is_known_in_every_language(title: str, text: str) -> None:
    decision = read(text, title=title, home=HUE)
    assert decision.is_agreement, decision.reasons
    assert [name for name, _, _ in partners(decision)] in (
        ["Université de Poitiers"],
        ["University of Poitiers"],
    )


def test_a_name_translated_in_parentheses_with_its_acronym_is_one_partner() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký kết biên bản ghi nhớ hợp tác với Đại học Ngoại ngữ Hàn "
        "Quốc (Hankuk University of Foreign Studies – HUFS).",
        title="USTH ký kết hợp tác với Đại học Ngoại ngữ Hàn Quốc",
    )
    assert decision.agreement is not None, decision.reasons
    (partner,) = decision.agreement.partners
    assert partner.name == "Đại học Ngoại ngữ Hàn Quốc"
    assert partner.acronym == "HUFS"
    assert "Hankuk University of Foreign Studies" in partner.mentions


def test_the_homes_name_in_another_language_with_its_alias_is_not_a_partner() -> None:
    decision = read(
        "Le 12 juin 2025, l'Université des sciences et technologies de Hanoï (Đại học Bách "
        "khoa Hà Nội – HUST) et l'INSA Lyon ont signé un accord de double diplôme.",
        title="Signature d'un accord de double diplôme avec l'INSA Lyon",
        home=HUST,
    )
    assert [name for name, _, _ in partners(decision)] == ["INSA Lyon"]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "School of ICT signs an exchange agreement with Osaka University",
            "On 12 June 2025, the School of Information and Communication Technology (SoICT), "
            "University of Science and Technology of Hanoi, and the Graduate School of "
            "Information Science and Technology, Osaka University (Japan) signed a student "
            "exchange agreement.",
            ("Graduate School of Information Science and Technology, Osaka University", "JP"),
        ),
        (
            "Faculty of Business signs an articulation agreement with La Trobe Business School",
            "On 12 June 2025, the Faculty of Business of USTH and La Trobe Business School, La "
            "Trobe University (Australia) signed an articulation agreement.",
            ("La Trobe Business School, La Trobe University", "AU"),
        ),
        (
            "L'USTH et la Faculté des Sciences de l'Université de Montpellier signent une "
            "convention",
            "Le 12 juin 2025, l'USTH et la Faculté des Sciences de l'Université de Montpellier "
            "ont signé une convention de double diplôme.",
            ("Faculté des Sciences de l'Université de Montpellier", "FR"),
        ),
    ],
)
def test_a_school_of_a_university_is_one_partner_with_it(
    title: str, text: str, expected: tuple[str, str]
) -> None:
    decision = read(text, title=title)
    assert [(name, country) for name, _, country in partners(decision)] == [expected]


def test_a_school_with_a_name_of_its_own_before_a_university_is_another_partner() -> None:
    decision = read(
        "On 12 June 2025, USTH, NEOMA Business School, University of Lyon and IRD signed a "
        "quadripartite agreement.",
        title="USTH signs a quadripartite agreement",
    )
    assert len(partners(decision)) == 3


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "USTH ký kết hợp tác ba bên",
            "Ngày 12/6/2025, USTH, Sở Khoa học và Công nghệ tỉnh Bắc Ninh và Công ty Cổ phần "
            "Điện tử Kinh Bắc đã ký kết thỏa thuận hợp tác ba bên.",
            "Sở Khoa học và Công nghệ tỉnh Bắc Ninh",
        ),
        (
            "USTH signs a tripartite MoU",
            "On 12 June 2025, USTH, the Department of Science and Technology of Da Nang City and "
            "FPT Software Company Limited signed a tripartite Memorandum of Understanding.",
            "Department of Science and Technology of Da Nang City",
        ),
    ],
)
def test_a_provincial_department_is_a_partner(title: str, text: str, expected: str) -> None:
    decision = read(text, title=title)
    names = [name for name, _, _ in partners(decision)]
    assert len(names) == 2 and expected in names, names


def test_signers_named_with_their_universities_give_every_party() -> None:
    decision = read(
        "On 12 June 2025, USTH and four partner universities signed a multilateral "
        "cooperation agreement. The agreement was signed by Prof. Dr. Jean Dupont, President "
        "of USTH; Assoc. Prof. Dr. Siriporn Wattanakul of Chulalongkorn University (Thailand); "
        "Prof. Dr. Azlan Hashim of Universiti Malaya (UM, Malaysia); Dr. Rina Kusumawati of "
        "Universitas Gadjah Mada (UGM, Indonesia) and Prof. Anna Berg, Rector of the University "
        "of Antwerp (Belgium).",
        title="USTH and four universities sign a multilateral agreement",
    )
    assert sorted(name for name, _, _ in partners(decision)) == [
        "Chulalongkorn University",
        "Universitas Gadjah Mada",
        "Universiti Malaya",
        "University of Antwerp",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le 12 juin 2025, l'USTH et l'Université Jean Moulin Lyon 3 ont signé une "
            "convention d'échange.",
            "Université Jean Moulin Lyon 3",
        ),
        (
            "Le 12 juin 2025, l'USTH et l'Institut national de recherche pour l'agriculture, "
            "l'alimentation et l'environnement (INRAE) ont signé un accord-cadre.",
            "Institut national de recherche pour l'agriculture, l'alimentation et l'environnement",
        ),
    ],
)
def test_a_french_name_keeps_its_number_and_its_list_of_fields(text: str, expected: str) -> None:
    decision = read(text, title="Signature d'un accord")
    assert [name for name, _, _ in partners(decision)] == [expected]


def test_a_faculty_of_the_home_named_in_french_is_the_home() -> None:
    hanu = InstitutionConfig(id="hanu", name="Hanoi University", aliases=("HANU",), country="VN")
    decision = read(
        "Le 12 juin 2025, la Faculté de français de l'Université de Hanoï et l'Université de "
        "Poitiers ont signé une convention d'échange.",
        title="Signature d'une convention d'échange avec l'Université de Poitiers",
        home=hanu,
    )
    assert [name for name, _, _ in partners(decision)] == ["Université de Poitiers"]


def test_the_signing_session_dates_a_signing_told_without_a_date() -> None:
    decision = read(
        "From June 1 to 3, a USTH delegation attended the Vietnam – Japan Higher Education "
        "Forum 2025 in Osaka.\n"
        "A total of 41 cooperation documents were exchanged between Vietnamese and Japanese "
        "institutions during the signing session on June 2.\n"
        "Among them, USTH and Wakayama University signed a memorandum of understanding on "
        "student exchange.",
        title="USTH signs MoU with Wakayama University at the Higher Education Forum",
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 6, 2)


def test_a_body_written_in_french_and_headed_by_a_vietnamese_name_is_vietnamese() -> None:
    decision = read(
        "Le 3 juin 2025, l'USTH, l'Institut de recherche pour le développement (IRD) et "
        "l'Hôpital national des maladies tropicales ont signé un accord-cadre.\n"
        "La signature a eu lieu en présence de M. Pierre Garnier, Directeur de l'IRD au "
        "Vietnam, et du Dr Pham Ngoc Thach, Directeur de l'Hôpital national des maladies "
        "tropicales.",
        title="Signature d'un accord-cadre tripartite",
    )
    assert sorted((name, country) for name, _, country in partners(decision)) == [
        ("Hôpital national des maladies tropicales", "VN"),
        ("Institut de recherche pour le développement", "FR"),
    ]


def test_a_vietnamese_head_of_a_country_office_says_nothing_of_the_body() -> None:
    decision = read(
        "Le 3 juin 2025, l'USTH et l'Institut de recherche pour le développement (IRD) ont "
        "signé un accord-cadre, en présence de Mme Nguyen Thi Lan, Directrice de l'IRD au "
        "Vietnam.",
        title="Signature d'un accord-cadre avec l'IRD",
    )
    assert [(name, country) for name, _, country in partners(decision)] == [
        ("Institut de recherche pour le développement", "FR")
    ]


def test_a_faculty_of_the_home_with_the_homes_system_after_it_is_the_home() -> None:
    decision = read(
        "On 12 June 2025, the Faculty of Engineering, University of Science and Technology of "
        "Hanoi, Vietnam National University and ABC Company signed a memorandum of "
        "understanding.",
        title="Faculty of Engineering signs MoU with ABC Company",
    )
    assert [name for name, _, _ in partners(decision)] == ["ABC Company"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ngày 12/6/2025, USTH và Công ty ABC đã ký kết biên bản ghi nhớ hợp tác, mở ra nhiều cơ "
        "hội hợp tác trong thời gian tới.",
        "Ngày 12/6/2025, USTH và Công ty ABC đã ký kết biên bản ghi nhớ hợp tác nhằm mở phòng "
        "thí nghiệm chung trong thời gian tới.",
    ],
)
def test_a_signing_done_with_cooperation_ahead_is_a_signing(sentence: str) -> None:
    decision = read(sentence, title="USTH ký kết hợp tác với Công ty ABC")
    assert decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Five universities sign an agreement on the ASEAN Research Network",
            "On 12 June 2025, USTH and four partner universities signed a multilateral "
            "cooperation agreement establishing the ASEAN Research Network (AREN).\n"
            "The parties to the agreement are USTH, the University of Antwerp (Belgium), "
            "Chulalongkorn University (Thailand), Universiti Malaya (UM, Malaysia) and "
            "Universitas Gadjah Mada (UGM, Indonesia).",
            ["BE", "ID", "MY", "TH"],
        ),
        (
            "Năm trường đại học ký kết thỏa thuận đa phương",
            "Ngày 12/6/2025, USTH và bốn trường đại học đối tác đã ký kết thỏa thuận hợp tác đa "
            "phương thành lập Mạng lưới nghiên cứu ASEAN. Các bên tham gia thỏa thuận gồm USTH, "
            "Đại học Antwerp (Bỉ), Đại học Chulalongkorn (Thái Lan), Đại học Malaya (Malaysia) "
            "và Đại học Gadjah Mada (Indonesia).",
            ["BE", "ID", "MY", "TH"],
        ),
        (
            "Signature d'un accord multilatéral",
            "Le 12 juin 2025, l'USTH et quatre universités partenaires ont signé un accord "
            "multilatéral créant le Réseau de recherche ASEAN. Les parties signataires sont "
            "l'USTH, l'Université d'Anvers (Belgique), l'Université Chulalongkorn (Thaïlande), "
            "l'Université de Malaya (Malaisie) et l'Université Gadjah Mada (Indonésie).",
            ["BE", "ID", "MY", "TH"],
        ),
    ],
)
def test_the_parties_listed_are_partners_and_what_the_agreement_creates_is_not(
    title: str, text: str, expected: list[str]
) -> None:
    decision = read(text, title=title)
    assert sorted(str(country) for _, _, country in partners(decision)) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "USTH Career Fair 2025",
            "On 10 June 2025, USTH held its career fair with 70 companies. More than 300 "
            "final-year students signed contracts with ABC Company on the spot.",
        ),
        (
            "Ngày hội việc làm USTH 2025",
            "Ngày 10/6/2025, USTH tổ chức Ngày hội việc làm. Nhiều sinh viên đã ký hợp đồng với "
            "Công ty ABC ngay tại chỗ.",
        ),
        (
            "Forum emploi de l'USTH",
            "Le 10 juin 2025, l'USTH a organisé son forum emploi. Plusieurs étudiants ont signé "
            "un contrat avec la société ABC.",
        ),
    ],
)
def test_people_signing_their_own_contracts_is_not_an_agreement(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Học viện ký kết hợp tác với Công ty ABC",
            "Ngày 10/6/2025, Học viện ký kết thỏa thuận hợp tác với Công ty ABC.",
        ),
        (
            "USTH ký kết với Đại học Lyon",
            "Ngày 10/6/2025, thỏa thuận trao đổi sinh viên đã ký giữa USTH và Đại học Lyon mở "
            "ra nhiều cơ hội.",
        ),
    ],
)
def test_an_academy_or_a_student_exchange_signing_is_an_agreement(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert decision.is_agreement, decision.reasons


def test_a_renewal_carried_out_is_a_signing() -> None:
    decision = read(
        "Le 17 juin 2025, l'USTH et l'Université de Lyon ont procédé au renouvellement de leur "
        "convention-cadre de coopération, pour une nouvelle période de cinq ans.",
        title="Renouvellement de la convention-cadre entre l'USTH et l'Université de Lyon",
        language="fr",
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None and decision.agreement.renewal
    assert [p[0] for p in partners(decision)] == ["Université de Lyon"]


def test_a_participle_after_an_article_describes_the_agreement() -> None:
    decision = read(
        "On 29 January 2026, a delegation from the University of Lyon visited USTH. Both sides "
        "discussed the priorities for a renewed agreement, including a double-degree track.",
        title="University of Lyon delegation visits USTH",
    )
    assert not decision.is_agreement, decision.reasons


def test_one_person_described_between_commas_signs_his_own_contract() -> None:
    decision = read(
        "On 21 March 2026, USTH held its annual Job Fair. By the end of the day, 183 students "
        "had signed employment contracts with employers, according to the Career Centre. "
        "Nguyen Van Khoa, a final-year student in mechatronics, signed a contract with a "
        "Japanese manufacturer after two interviews.",
        title="USTH Job Fair 2026",
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Lễ tốt nghiệp chương trình Thạc sĩ liên kết với Trường Đại học Lyon",
            "Ngày 14/6/2025, USTH tổ chức Lễ trao bằng tốt nghiệp cho 62 học viên.\n"
            "Chương trình được triển khai trên cơ sở thỏa thuận hợp tác đào tạo ký kết giữa "
            "hai trường và được Bộ Giáo dục và Đào tạo phê duyệt.",
        ),
        (
            "Graduation of the master's programme with the University of Lyon",
            "On 14 June 2025, USTH held a graduation ceremony for 62 students.\n"
            "The programme runs on the basis of the cooperation agreement signed between the "
            "two universities and approved by the Ministry.",
        ),
    ],
)
def test_an_agreement_a_programme_runs_on_is_background(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


def test_a_memorandum_of_agreement_is_a_cooperation_agreement() -> None:
    decision = read(
        "On 9 June 2025, USTH and Hanoi General Hospital signed a memorandum of agreement (MoA) "
        "on clinical training and applied research.",
        title="USTH signs memorandum of agreement with Hanoi General Hospital",
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "cooperation_agreement"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "USTH ký kết hợp tác với 3 doanh nghiệp",
            "Ngày 18/6/2025, USTH đã tổ chức lễ ký kết thỏa thuận hợp tác với 3 doanh nghiệp.\n"
            "Các doanh nghiệp ký kết với nhà trường gồm: Công ty TNHH Bosch Việt Nam, Công ty "
            "TNHH Intel Products Việt Nam và Công ty Cổ phần Cơ Điện Lạnh (REE).",
            [
                "Công ty TNHH Bosch Việt Nam",
                "Công ty TNHH Intel Products Việt Nam",
                "Công ty Cổ phần Cơ Điện Lạnh",
            ],
        ),
        (
            "USTH signs cooperation agreements with three companies",
            "On 18 June 2025, USTH held a ceremony to sign cooperation agreements with three "
            "companies. The signing companies are Bosch Vietnam Co., Ltd., Intel Products "
            "Vietnam Co., Ltd. and Hanoi Software Joint Stock Company.",
            [
                "Bosch Vietnam Co., Ltd.",
                "Intel Products Vietnam Co., Ltd.",
                "Hanoi Software Joint Stock Company",
            ],
        ),
    ],
)
def test_the_signing_companies_listed_are_partners(
    title: str, text: str, expected: list[str]
) -> None:
    decision = read(text, title=title)
    assert sorted(p[0] for p in partners(decision)) == sorted(expected)


def test_a_renewal_verb_ends_a_vietnamese_name() -> None:
    decision = read(
        "Ngày 14 tháng 6 năm 2025, tại Trụ sở Đại học Huế, Giám đốc Đại học Huế và Hiệu trưởng "
        "Trường Đại học Khon Kaen (KKU, Thái Lan) đã ký gia hạn Bản ghi nhớ hợp tác giữa hai cơ "
        "sở giáo dục đại học.",
        title="Đại học Huế gia hạn Bản ghi nhớ hợp tác với Trường Đại học Khon Kaen",
        home=HUE,
    )
    assert [p[0] for p in partners(decision)] == ["Trường Đại học Khon Kaen"]
    assert decision.agreement is not None and decision.agreement.renewal


def test_a_french_field_name_with_the_home_after_it_is_a_home_member() -> None:
    decision = read(
        "Le 5 juin 2025, l'Université d'Économie, Université de Hué, a signé avec l'Université "
        "de Lille un accord de double diplôme de master.",
        title="Signature d'un accord de double diplôme avec l'Université de Lille",
        home=HUE,
        language="fr",
    )
    assert [p[0] for p in partners(decision)] == ["Université de Lille"]


def test_a_language_certificate_is_no_partner() -> None:
    decision = read(
        "Le 1er juin 2025, l'USTH a signé un protocole d'accord avec France Éducation "
        "international (FEI), chargé notamment des certifications DELF et DALF.",
        title="Protocole d'accord entre l'USTH et France Éducation international",
        language="fr",
    )
    # The signing is read, so an empty partner list would not pass for the right reason.
    assert decision.is_agreement, decision.reasons
    names = [p[0] for p in partners(decision)]
    assert "DALF" not in names and "DELF" not in names


@pytest.mark.parametrize("link", [" at the", ","])
def test_a_faculty_of_a_named_university_is_the_partner(link: str) -> None:
    decision = read(
        f"On 12 June 2025, USTH and the Faculty of Engineering and Information Technology{link} "
        "University of Melbourne (Australia) signed a student exchange agreement.",
        title="USTH signs student exchange agreement with the University of Melbourne",
    )
    assert partners(decision) == [
        ("Faculty of Engineering and Information Technology, University of Melbourne", None, "AU")
    ]


# -- look-alike ceremonies, days ahead, list lines, pledges, units that sign -----------------


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        # The French "le" folds like the Vietnamese "lễ" (a ceremony).
        (
            "L'USTH a reçu une délégation de l'Université de Lille. « Nous espérons pouvoir "
            "signer cet accord de coopération à la rentrée », a déclaré le Pr Martin.",
            False,
        ),
        (
            "Le 18 juin 2025, une cérémonie a eu lieu pour signer l'accord de coopération entre "
            "l'USTH et l'Université de Lille.",
            True,
        ),
    ],
)
def test_a_weak_signing_word_needs_a_ceremony_in_its_own_language(text: str, signed: bool) -> None:
    decision = read(text, language="fr")
    assert decision.is_agreement is signed, decision.reasons


@pytest.mark.parametrize(
    ("text", "published", "timing_of"),
    [
        ("le 12 décembre", date(2025, 12, 3), "future"),
        ("Sáng 27/7", date(2025, 7, 20), "future"),
        ("le 12 décembre", date(2025, 12, 13), "recent"),
        # Months ahead in the publication year: the previous year's day.
        ("On 28 December", date(2026, 1, 2), "recent"),
        ("On 28 December", date(2025, 6, 2), "recent"),
    ],
)
def test_a_day_and_month_weeks_after_publication_lie_ahead(
    text: str, published: date, timing_of: str
) -> None:
    from pactwatch.agreements.signing_date import timing

    found = find_dates(fold(text), 0, len(text), load_lexicon())
    assert timing(found[-1], published) == timing_of


@pytest.mark.parametrize(
    ("published", "signed"), [(date(2025, 12, 3), False), (date(2025, 12, 13), True)]
)
def test_a_ceremony_on_a_day_ahead_is_an_announcement(published: date, signed: bool) -> None:
    decision = read(
        "L'USTH et l'Université de Rennes ont organisé la cérémonie au siège de l'USTH.",
        title="Cérémonie de signature avec l'Université de Rennes le 12 décembre",
        published=published,
        language="fr",
    )
    assert decision.is_agreement is signed, decision.reasons
    if signed:
        assert partners(decision) == [("Université de Rennes", None, "FR")]


def test_a_date_after_a_french_name_is_not_part_of_it() -> None:
    decision = read(
        "L'USTH a signé un accord de coopération avec l'Université de Rennes le 12 juin 2025.",
        language="fr",
    )
    assert partners(decision) == [("Université de Rennes", None, "FR")]


@pytest.mark.parametrize(
    ("middle", "purchase"),
    [
        # Short lines of a list belong to the paragraph that opens it.
        ("Montant : 4 315 000 000 VND\nDélai d'exécution : 60 jours", True),
        # A full paragraph between ends the list (the line, naming no counterpart, is then
        # no signing for another reason).
        (
            "Le laboratoire accueillera les étudiants de master dès la rentrée prochaine, avec le "
            "soutien de l'Université de Lille et de ses chercheurs.",
            False,
        ),
    ],
)
def test_a_contract_line_under_a_purchase_paragraph_is_a_purchase(
    middle: str, purchase: bool
) -> None:
    decision = read(
        "L'USTH informe que le marché relatif à la fourniture de six laboratoires de langues a "
        f"été attribué à la société Sao Viet.\n{middle}\n"
        "Date de signature du contrat : 15/06/2025",
        language="fr",
    )
    assert not decision.is_agreement, decision.reasons
    assert any("purchase" in r for r in decision.reasons) is purchase, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Lễ ký kết giao ước thi đua năm học 2025 – 2026",
            "Sáng 18/6, USTH tổ chức Lễ ký kết giao ước thi đua năm học 2025 – 2026 giữa các khoa.",
            "vi",
        ),
        (
            "Cérémonie de signature du pacte d'émulation 2025-2026",
            "Le 18 juin, l'USTH a organisé la cérémonie de signature du pacte d'émulation entre "
            "ses départements.",
            "fr",
        ),
    ],
)
def test_a_ceremony_to_sign_an_internal_pledge_is_not_an_agreement(
    title: str, text: str, language: str
) -> None:
    decision = read(text, title=title, language=language)
    assert not decision.is_agreement, decision.reasons
    twin = read(
        text.replace("giao ước thi đua", "thỏa thuận hợp tác").replace(
            "du pacte d'émulation", "de l'accord de coopération"
        ),
        title=None,
        language=language,
    )
    assert twin.is_agreement, twin.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chiều 17/6, USTH và Công ty TNHH Kỹ thuật Nitto Seiki Việt Nam đã tái ký thỏa thuận "
            "hợp tác giai đoạn 2025–2028, sau ba năm thực hiện thỏa thuận đầu tiên ký năm 2022.",
            "vi",
        ),
        (
            "On June 17, USTH and Bosch renewed their cooperation agreement, after three years "
            "implementing the agreement first signed in 2022.",
            "en",
        ),
    ],
)
def test_an_earlier_agreement_described_before_its_date_leaves_the_renewal_a_signing(
    text: str, language: str
) -> None:
    decision = read(text, title=None, language=language)
    assert decision.is_agreement, decision.reasons


def test_a_unit_named_with_the_home_signs_for_it_by_its_own_name() -> None:
    decision = read(
        "Publié le 20/06/2025\n"
        "Du 16 au 19 juin, le Département de français de l'USTH a reçu une délégation de "
        "l'Université Lumière Lyon 2 conduite par Mme Isabelle Vidal.\n"
        "Le 18 juin 2025, Mme Nguyen Thu Ha, cheffe du Département de français, et Mme Isabelle "
        "Vidal ont signé une convention d'échange d'étudiants.",
        title="Le Département de français signe une convention d'échange avec l'Université "
        "Lumière Lyon 2",
        language="fr",
    )
    assert [p[0] for p in partners(decision)] == ["Université Lumière Lyon 2"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le 18 juin, l'USTH et l'INSA Lyon ont renouvelé, pour cinq ans, la convention qui "
            "encadre le Programme de formation d'ingénieurs d'excellence.",
            "fr",
        ),
        (
            "On June 18, USTH and the University of Greenwich signed an agreement governing the "
            "Business Management degree programme.",
            "en",
        ),
        (
            "Ngày 18/6, USTH và Trường Đại học Greenwich đã ký kết thỏa thuận về chương trình "
            "đào tạo kỹ sư chất lượng cao.",
            "vi",
        ),
    ],
)
def test_an_agreement_for_a_programme_of_study_is_a_joint_programme_agreement(
    text: str, language: str
) -> None:
    decision = read(text, language=language)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "joint_program_agreement"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            None,
            "USTH celebrated its partnership with the University of Bordeaux on 18 June.\nNo"
            " further agreement was signed on this occasion.",
        ),
        (
            None,
            "L'USTH a célébré son partenariat avec l'Université de Bordeaux le 18 juin.\nAucune"
            " nouvelle convention n'a été signée à cette occasion.",
        ),
        (
            "Workshop co-organised with the University of Lyon",
            "On 28 May 2025, USTH and the University of Lyon co-organised a workshop under the "
            "agreement signed in 2019. No new agreement was signed on this occasion.",
        ),
        (
            "Colloque co-organisé avec l'Université de Lyon",
            "Le 28 mai 2025, l'USTH et l'Université de Lyon ont co-organisé un colloque. Aucun "
            "nouvel accord n'a été signé à cette occasion.",
        ),
    ],
)
def test_a_negative_determiner_before_the_agreement_noun_is_a_negation(
    title: str | None, text: str
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "L'USTH a célébré son partenariat avec l'Université de Bordeaux le 18 juin.\nUne"
        " nouvelle convention a été signée à cette occasion."
    )
    assert signed.is_agreement, signed.reasons


@pytest.mark.parametrize(
    "text",
    [
        "L'USTH a célébré le 18 juin les trente ans de son partenariat avec l'Université de"
        " Bordeaux.\n« La signature de 1995 s'est faite dans une salle sans climatisation »,"
        " se souvient la doyenne.",
        "Ngày 18/6, USTH kỷ niệm 30 năm hợp tác với Đại học Bordeaux.\nLễ ký năm 1995 diễn"
        " ra trong một phòng học nhỏ, bà trưởng khoa nhớ lại.",
    ],
)
def test_a_signing_named_by_an_earlier_year_is_background(text: str) -> None:
    decision = read(text)
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "L'USTH a célébré le 18 juin son partenariat avec l'Université de Bordeaux.\nLa"
        " signature de la nouvelle convention s'est faite devant 300 invités."
    )
    assert signed.is_agreement, signed.reasons


def test_reconduire_a_convention_is_renewing_it() -> None:
    decision = read(
        "Le 18 juin 2025, l'USTH et l'Université Jean Moulin Lyon 3 ont reconduit leur"
        " convention d'échange d'étudiants pour quatre ans."
    )
    assert decision.is_agreement, decision.reasons
    assert partners(decision) == [("Université Jean Moulin Lyon 3", None, "FR")]
    # Without an agreement noun, the verb alone states no signing.
    other = read(
        "Le 18 juin 2025, l'USTH et l'Université Jean Moulin Lyon 3 ont reconduit leur"
        " collaboration pour quatre ans."
    )
    assert not other.is_agreement, other.reasons


def test_a_definition_with_the_homes_acronym_before_a_dash_names_the_home() -> None:
    decision = read(
        "Partenaires depuis 2012, l'Université des sciences et des technologies de Hanoï"
        " (USTH – Université nationale du Vietnam, Hanoï) et l'Université Jean Moulin Lyon 3"
        " ont renouvelé leur convention d'échange d'étudiants le 18 juin 2025."
    )
    assert decision.is_agreement, decision.reasons
    assert partners(decision) == [("Université Jean Moulin Lyon 3", None, "FR")]


def test_cote_before_a_side_opens_no_name() -> None:
    hanu = InstitutionConfig(
        id="hanu", name="Hanoi University", aliases=("HANU", "Université de Hanoï"), country="VN"
    )
    decision = read(
        "Le 11 juin 2025, l'Université de Hanoï et l'Université de Rouen Normandie ont signé un"
        " accord d'échange d'étudiants.\nCôté Université de Hanoï, l'accord a été signé par"
        " Mme Nguyen Thi Cuc Phuong, Rectrice.",
        home=hanu,
    )
    assert partners(decision) == [("Université de Rouen Normandie", None, "FR")]


def test_today_after_a_dateline_is_the_datelines_day() -> None:
    decision = read(
        "Hanoi, Friday, 13 June 2025 – USTH and Laerdal Medical today entered into a strategic"
        " agreement on clinical simulation."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 6, 13)
    plain = read("USTH and Laerdal Medical today entered into a strategic agreement.")
    assert plain.agreement is not None, plain.reasons
    assert plain.agreement.signed_on == date(2025, 6, 20)


def test_a_dotted_day_and_month_after_ngay_is_a_date() -> None:
    lex = load_lexicon()
    folded = fold("Vào ngày 7.11, hai trường ký kết; học phí tăng 7.11 lần.")
    found = [(d.day, d.month) for d in find_dates(folded, 0, len(folded), lex)]
    assert found == [(7, 11)]


@pytest.mark.parametrize(
    "text",
    [
        "C'est à Limoges, avant-hier, que l'USTH et l'Université de Limoges ont signé un"
        " accord-cadre.",
        "Chiều hôm kia, USTH và Đại học Limoges đã ký kết thỏa thuận hợp tác.",
        "The day before yesterday, USTH and the University of Limoges signed an agreement.",
    ],
)
def test_the_day_before_yesterday_is_two_days_before_publication(text: str) -> None:
    decision = read(text)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 6, 18)
