"""Partner names and countries, rule by rule, in English, Vietnamese and French."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pactwatch.agreements import extract_agreement, load_lexicon
from pactwatch.agreements.parties import find_orgs
from pactwatch.agreements.text import prepare
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
    aliases=(
        "HUST",
        "Đại học Bách khoa Hà Nội",
        "Dai hoc Bach khoa Ha Noi",
        "Institut polytechnique de Hanoï",
    ),
    country="VN",
)
BORDEAUX = InstitutionConfig(
    id="ubx", name="Université de Bordeaux", aliases=("université de Bordeaux",), country="FR"
)

VINUNI = InstitutionConfig(id="vinuni", name="VinUniversity", aliases=("VinUni",))


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


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (
            "USTH has signed a student exchange agreement with KTH Royal Institute of "
            "Technology in Stockholm, Sweden, opening new mobility opportunities.",
            None,
            [("KTH Royal Institute of Technology", "SE")],
        ),
        (
            "A delegation of Aalto University in Espoo, Finland, visited USTH on 18 June.\n"
            "After a tour of the laboratories, the two sides signed a memorandum of "
            "understanding on staff exchange.",
            "USTH and Aalto University strengthen cooperation",
            [("Aalto University", "FI")],
        ),
        (
            "L'USTH a signé un accord d'échange avec l'Institut royal de technologie KTH de "
            "Suède le 18 juin.",
            None,
            [("Institut royal de technologie KTH", "SE")],
        ),
        (
            "Ngày 18/6, USTH đã ký kết thỏa thuận hợp tác với Trường Đại học Aalto tại Espoo, "
            "Phần Lan.",
            None,
            [("Trường Đại học Aalto", "FI")],
        ),
    ],
)
def test_where_a_partner_sits_abroad_beats_the_homes_country(
    text: str, title: str | None, expected: list[tuple[str, str]]
) -> None:
    assert partners(read(text, title=title)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 18 June, USTH and FPT Telecom signed a cooperation agreement on internships.",
        "Sang 18/6, USTH va FPT Telecom da ky ket thoa thuan hop tac ve dao tao.",
        "Le 18 juin, l'USTH et FPT Telecom ont signé un accord de coopération.",
    ],
)
def test_a_word_french_shares_at_the_end_of_a_name_does_not_make_it_french(text: str) -> None:
    assert partners(read(text)) == [("FPT Telecom", "VN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 18 June, HUST and the Vietnam Technological and Commercial Joint Stock Bank "
            "(Techcombank) signed a cooperation agreement.",
            ["Vietnam Technological and Commercial Joint Stock Bank"],
        ),
        (
            "On 18 June, HUST and the Military Industry and Telecoms Group (Viettel) signed a "
            "strategic cooperation agreement.",
            ["Military Industry and Telecoms Group"],
        ),
        (
            "On 18 June, HUST, the Ho Chi Minh City Department of Industry and Trade and "
            "Vingroup Corporation signed a tripartite cooperation agreement.",
            ["Ho Chi Minh City Department of Industry and Trade", "Vingroup Corporation"],
        ),
    ],
)
def test_and_joins_field_words_and_splits_after_a_closed_name(
    text: str, expected: list[str]
) -> None:
    assert [name for name, _ in partners(read(text, home=HUST))] == expected


def test_a_place_and_acronym_then_the_acronym_of_its_body_is_one_name() -> None:
    decision = read(
        "L'Institut polytechnique de Hanoï (Đại học Bách khoa Hà Nội) et Grenoble INP - UGA "
        "(France) ont signé le renouvellement de leur accord de double diplôme le 18 juin.",
        home=HUST,
    )
    assert decision.agreement is not None
    [partner] = decision.agreement.partners
    # "UGA" is the parent's acronym (Université Grenoble Alpes), not Grenoble INP's own: the
    # name is written whole.
    assert (partner.name, partner.acronym, partner.country) == ("Grenoble INP - UGA", None, "FR")


def test_a_french_organisation_word_in_lowercase_names_a_party() -> None:
    decision = read(
        "L'université de Bordeaux, l'université de Can Tho (Vietnam) et l'université de "
        "Khon Kaen (Thaïlande) ont signé mardi 17 juin 2025 un protocole d'accord.",
        home=BORDEAUX,
    )
    assert partners(decision) == [
        ("université de Can Tho", "VN"),
        ("université de Khon Kaen", "TH"),
    ]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Truong Dai hoc Bach khoa ky ket MoU voi Truong Dai hoc Ulsan (Han Quoc)",
            "Sau buoi ky ket, doan da tham quan Trung tam Thuc hanh Co khi cua Truong.",
        ),
        (
            "Trường Đại học Bách khoa ký kết MoU với Trường Đại học Ulsan (Hàn Quốc)",
            "Sau buổi ký kết, đoàn đã tham quan Trung tâm Thực hành Cơ khí của Trường.",
        ),
    ],
)
def test_a_centre_of_the_school_named_by_its_word_alone_is_a_unit(title: str, text: str) -> None:
    home = InstitutionConfig(
        id="dut",
        name="Truong Dai hoc Bach khoa",
        aliases=("Trường Đại học Bách khoa",),
        country="VN",
    )
    [(name, country)] = partners(read(text, title=title, home=home))
    assert name in {"Truong Dai hoc Ulsan", "Trường Đại học Ulsan"}
    assert country == "KR"


@pytest.mark.parametrize(
    "text",
    [
        "On 7 June, on the sidelines of the Vietnam–Japan University Presidents' Forum held "
        "in Tokyo, USTH signed a memorandum of understanding with Kyushu University.",
        "Ngày 7/6, bên lề Vietnam–Japan University Presidents' Forum tại Tokyo, USTH đã ký "
        "biên bản ghi nhớ với Kyushu University.",
        "Le 7 juin, en marge du Vietnam–Japan University Presidents' Forum à Tokyo, l'USTH a "
        "signé un protocole d'accord avec Kyushu University.",
    ],
)
def test_an_event_is_not_a_partner(text: str) -> None:
    assert partners(read(text)) == [("Kyushu University", "JP")]


def test_an_opening_adverb_is_not_a_partner() -> None:
    decision = read(
        "Recently, USTH and Bach Mai Hospital signed a cooperation agreement on biomedical "
        "engineering."
    )
    assert [name for name, _ in partners(decision)] == ["Bach Mai Hospital"]


@pytest.mark.parametrize(
    "text",
    [
        "The University of Science and Technology of Hanoi and TU Wien have renewed their "
        "student exchange agreement for five years.",
        "On 9 June, USTH signed a student exchange agreement with TU Wien.",
        "Ngày 9/6, Trường Đại học Khoa học và Công nghệ Hà Nội và TU Wien đã ký thỏa thuận "
        "trao đổi sinh viên.",
        "Le 9 juin, l'USTH a signé un accord d'échange d'étudiants avec TU Wien.",
    ],
)
def test_a_short_name_in_capitals_is_a_partner_even_when_it_folds_to_a_stop_word(
    text: str,
) -> None:
    assert [name for name, _ in partners(read(text))] == ["TU Wien"]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 26/3, USTH đã ký thỏa thuận hợp tác đào tạo. Tham dự lễ ký có đại diện UBND "
        "thành phố Đà Nẵng.",
        "Ngay 26/3, USTH da ky thoa thuan hop tac dao tao. Tham du le ky co dai dien UBND "
        "thanh pho Da Nang.",
    ],
)
def test_an_organisation_represented_among_the_guests_is_not_a_partner(text: str) -> None:
    assert partners(read(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngày 1/10, USTH đã ký biên bản ghi nhớ với Đại học Gadjah Mada tại thành phố "
            "Yogyakarta.",
            ["Đại học Gadjah Mada"],
        ),
        (
            "Ngày 1/10, USTH và Đại học Gadjah Mada, thành phố Yogyakarta, đã ký biên bản ghi nhớ.",
            ["Đại học Gadjah Mada"],
        ),
        (
            "Ngày 1/10, USTH đã ký biên bản ghi nhớ với UBND thành phố Đà Nẵng.",
            ["UBND thành phố Đà Nẵng"],
        ),
    ],
)
def test_a_bare_city_is_a_place_unless_an_organisation_word_governs_it(
    text: str, expected: list[str]
) -> None:
    assert [name for name, _ in partners(read(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 12 June 2025, USTH signed an agreement with De La Salle University (the "
            "Philippines).",
            [("De La Salle University", "PH")],
        ),
        (
            "On 12 June 2025, USTH signed an agreement with Van Lang University.",
            [("Van Lang University", "VN")],
        ),
    ],
)
def test_a_capitalised_particle_opens_a_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert partners(read(text)) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "The founding framework agreement was signed on 12 June 2025 in Bangkok, on the "
        "sidelines of the ASEAN Smart Cities Network annual meeting. Signatories were: USTH, "
        "Vietnam; Chulalongkorn University, Thailand; and Institut Teknologi Bandung, Indonesia.",
        "The founding framework agreement was signed on 12 June 2025 in Bangkok, on the "
        "sidelines of the ASEAN Smart Cities Network annual meeting. The universities signing "
        "the agreement were USTH, Chulalongkorn University (Thailand) and Institut Teknologi "
        "Bandung (Indonesia).",
    ],
)
def test_a_list_of_signatories_is_the_list_of_parties(opening: str) -> None:
    decision = read(opening, title="USTH co-founds a research network with two universities")
    assert sorted(partners(decision)) == [
        ("Chulalongkorn University", "TH"),
        ("Institut Teknologi Bandung", "ID"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Các đối tác tham gia ký kết với nhà trường gồm Đại học Chulalongkorn (Thái Lan) và Đại "
        "học Gadjah Mada (Indonesia).",
        "Les établissements signataires de la convention sont l'Université Chulalongkorn "
        "(Thaïlande) et l'Université Gadjah Mada (Indonésie).",
    ],
)
def test_a_list_of_signatories_in_other_words_is_read(text: str) -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký kết thỏa thuận hợp tác đa phương.\n" + text,
        title="USTH ký kết thỏa thuận hợp tác đa phương",
    )
    assert sorted(country for _, country in partners(decision)) == ["ID", "TH"]


def test_a_list_verb_far_from_a_name_opens_no_list() -> None:
    decision = read(
        "On 12 June 2025, USTH signed a memorandum of understanding with Kyoto University. The "
        "parties are committed to joint research with Osaka University.",
    )
    assert partners(decision) == [("Kyoto University", "JP")]


@pytest.mark.parametrize(
    "after",
    [
        "Sau lễ ký, đoàn Viện Công nghệ Kanazawa đã tham quan Trung tâm Đổi mới sáng tạo BK "
        "Holdings.",
        "After the signing ceremony, the delegation visited the Innovation Centre of BK Holdings.",
    ],
)
def test_a_signing_act_named_as_a_time_adds_no_party(after: str) -> None:
    decision = read(
        "Ngày 12/6, đại diện hai bên đã ký kết Biên bản ghi nhớ hợp tác giai đoạn 2025–2030.\n"
        + after,
        title="USTH và Viện Công nghệ Kanazawa mở rộng hợp tác đào tạo kỹ sư",
    )
    assert [name for name, _ in partners(decision)] == ["Viện Công nghệ Kanazawa"]


def test_a_signing_act_named_as_a_time_with_its_party_keeps_it() -> None:
    decision = read(
        "Following the signing of the memorandum of understanding with Kyoto University on 18 "
        "June, the USTH delegation visited the Kyoto Innovation Hub."
    )
    assert partners(decision) == [("Kyoto University", "JP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngay 15/6/2025, USTH, So Giao duc va Dao tao Nghe An va So Giao duc va Dao tao Ha "
            "Tinh da ky ket thoa thuan khung ve dao tao giao vien.",
            ["So Giao duc va Dao tao Ha Tinh", "So Giao duc va Dao tao Nghe An"],
        ),
        # At a sentence's start "So" is an English word.
        (
            "So Kyoto University and USTH signed a memorandum of understanding on 15 June 2025.",
            ["Kyoto University"],
        ),
    ],
)
def test_an_exact_vietnamese_head_reads_unmarked_in_a_text_without_marks(
    text: str, expected: list[str]
) -> None:
    assert sorted(name for name, _ in partners(read(text))) == expected


def test_one_department_with_and_without_its_city_word_is_one_partner() -> None:
    decision = read(
        "Sang 16/6, tai Da Nang, USTH va So Xay dung thanh pho Da Nang da ky thoa thuan khung "
        "ve hop tac dao tao.\nKy thoa thuan co ong Le Van B, Hieu truong USTH va ong Nguyen Van "
        "A, Giam doc So Xay dung Da Nang.",
        title="Ky ket thoa thuan khung voi So Xay dung thanh pho Da Nang",
    )
    assert [name for name, _ in partners(decision)] == ["So Xay dung thanh pho Da Nang"]


def test_a_venue_before_the_home_heading_a_list_of_signers_is_no_unit_of_the_home() -> None:
    decision = read(
        "Ngày 14/6/2025, tại Văn phòng Sở Công Thương tỉnh Long An (TP. Tân An), USTH (Hà Nội) "
        "và Sở Công Thương tỉnh Long An đã ký kết thỏa thuận hợp tác về đào tạo.",
        title="USTH và Sở Công Thương tỉnh Long An ký kết thỏa thuận hợp tác đào tạo",
    )
    assert [name for name, _ in partners(decision)] == ["Sở Công Thương tỉnh Long An"]


def test_a_name_and_its_acronym_after_a_dash_then_a_country_in_one_parenthesis() -> None:
    decision = read(
        "Ngày 12/6, USTH và Viện Công nghệ Kanazawa (Kanazawa Institute of Technology – KIT, "
        "Nhật Bản) đã ký kết Biên bản ghi nhớ hợp tác."
    )
    assert decision.agreement is not None, decision.reasons
    [partner] = decision.agreement.partners
    assert (partner.acronym, partner.country) == ("KIT", "JP")
    assert "Kanazawa Institute of Technology" in partner.mentions


def test_typographic_elisions_join_french_names_in_a_text_with_vietnamese_marks() -> None:
    # "l’" and "d’" are French however the text is written: the Vietnamese names around
    # them ("Lê Minh Châu") must not turn "et l’Université" into part of a name.
    hue = InstitutionConfig(id="hue", name="Hue University", aliases=("Université de Hué",))
    decision = read(
        "Le 3 juin, l’Université de Hué et l’Université d’Angers ont signé un avenant.\n"
        "L’avenant a été signé par le Pr. Lê Minh Châu, président de l’Université de Hué, "
        "et par M. Bruno Delmas, vice-président de l’Université d’Angers.",
        home=hue,
    )
    assert partners(decision) == [("Université d’Angers", "FR")]


def test_a_french_home_name_with_field_adjectives_and_a_dash_is_the_home() -> None:
    # The whole name is defined as ULIS: none of its halves is a partner, in a text with
    # Vietnamese marks too ("à Hanoï" is part of the name after "du Vietnam").
    ulis = InstitutionConfig(id="ulis", name="VNU University of Languages", aliases=("ULIS",))
    decision = read(
        "L’Université des Langues et d’Études internationales – Université nationale du "
        "Vietnam à Hanoï (ULIS) a signé le 26 novembre un protocole d’accord avec "
        "l’Université de Mons (UMONS, Belgique).\n"
        "Pour l’ULIS, le document a été signé par le Pr. Đỗ Tuấn Minh, recteur.",
        home=ulis,
    )
    assert partners(decision) == [("Université de Mons", "BE")]


def test_a_city_after_a_bare_name_is_where_it_is_not_part_of_the_name() -> None:
    decision = read(
        "L’Université de Nantes a signé un accord de coopération avec l’USTH à Hanoï le "
        "12 juin, en présence du Pr. Trần Đình Phong.",
    )
    assert partners(decision) == [("Université de Nantes", "FR")]


@pytest.mark.parametrize(
    "described",
    [
        "Kaizen Robotics Group, headquartered in Osaka, will send engineers to give courses.",
        "Kaizen Robotics Group, basée à Osaka, enverra des ingénieurs.",
        "Kaizen Robotics Group, đặt trụ sở tại Osaka, sẽ cử kỹ sư sang giảng dạy.",
    ],
)
def test_a_partner_described_as_seated_in_a_city_abroad_is_of_its_country(described: str) -> None:
    signed = "On April 10, USTH signed a cooperation agreement with Kaizen Robotics Group."
    decision = read(f"{signed}\n{described}")
    assert partners(decision) == [("Kaizen Robotics Group", "JP")]


def test_a_logistics_company_name_keeps_its_compound_words() -> None:
    # "Giao nhận" (forwarding): its second syllable alone would end a lowercase name.
    decision = read(
        "Ngày 18/6/2025, USTH và Công ty Cổ phần Giao nhận Vận tải Hải Minh đã ký kết thỏa"
        " thuận hợp tác về đào tạo logistics."
    )
    assert partners(decision) == [("Công ty Cổ phần Giao nhận Vận tải Hải Minh", "VN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On May 2, USTH and the Embassy of Ireland in Vietnam signed an MoU on scholarships.",
            ("Embassy of Ireland in Vietnam", "IE"),
        ),
        (
            "Le 2 mai, l'USTH et l'Ambassade de France au Vietnam ont signé un accord de"
            " coopération.",
            ("Ambassade de France au Vietnam", "FR"),
        ),
        (
            "Ngày 2/5, USTH và Đại sứ quán Pháp tại Việt Nam đã ký kết biên bản ghi nhớ.",
            ("Đại sứ quán Pháp tại Việt Nam", "FR"),
        ),
        (
            "On May 2, USTH and the Consulate General of Japan in Ho Chi Minh City signed an MoU.",
            ("Consulate General of Japan in Ho Chi Minh City", "JP"),
        ),
    ],
)
def test_a_diplomatic_mission_is_named_with_where_it_is_seated(
    text: str, expected: tuple[str, str]
) -> None:
    assert partners(read(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngày 12/6, Trường Đại học Phan Châu Trinh phối hợp với USTH ký kết biên bản ghi nhớ "
            "về đào tạo.",
            ["Trường Đại học Phan Châu Trinh"],
        ),
        (
            "Ngày 12/6, USTH đã ký kết biên bản ghi nhớ với Đại học Thái Nguyên vào buổi sáng.",
            ["Đại học Thái Nguyên"],
        ),
    ],
)
def test_a_vietnamese_name_ends_at_a_lowercase_word_after_a_proper_name(
    text: str, expected: list[str]
) -> None:
    # A person's name ("Phan Châu Trinh") or a place closes the name: "phối hợp", "vào" are
    # the sentence going on.
    assert [name for name, _ in partners(read(text))] == expected


def test_a_stop_word_between_capitalised_syllables_is_the_second_syllable_of_a_word() -> None:
    # Names capitalise each word's first syllable only: "Hàng không" is one word.
    decision = read(
        "Ngày 12/6, USTH và Tổng công ty Hàng không Việt Nam đã ký kết thỏa thuận hợp tác."
    )
    assert [name for name, _ in partners(decision)] == ["Tổng công ty Hàng không Việt Nam"]


def test_a_head_english_and_french_alike_reads_french_before_de() -> None:
    decision = read(
        "Le 3 juin, l'USTH et le Centre de coopération internationale en recherche agronomique "
        "pour le développement (CIRAD) ont signé un accord-cadre."
    )
    assert decision.agreement is not None, decision.reasons
    [partner] = decision.agreement.partners
    assert (partner.acronym, partner.country) == ("CIRAD", "FR")
    assert partner.mentions[0].startswith("Centre de coopération internationale")


@pytest.mark.parametrize(
    "text",
    [
        "Trong chuyến công tác tại Hàn Quốc, đoàn USTH đã ký kết biên bản ghi nhớ với Đại học "
        "Woosong.",
        "L'USTH et l'ESTACA ont signé un accord portant sur des stages dans ses "
        "laboratoires de Toulouse et de Nantes.",
    ],
)
def test_the_only_foreign_country_where_the_signing_is_told_is_the_partners(text: str) -> None:
    decision = read(text)
    assert decision.agreement is not None, decision.reasons
    assert [p.country for p in decision.agreement.partners] == [
        "KR" if "Hàn Quốc" in text else "FR"
    ]


def test_a_vietnamese_unit_name_goes_on_in_lowercase_past_a_lowercase_head_word() -> None:
    # "Khoa Môi trường": the unit word opens a Vietnamese name; "trường" (a school, as a
    # head) in lowercase inside it is the second syllable of "Môi trường".
    lex = load_lexicon()
    text = "Sáng 20/5, Khoa Hóa học và Khoa Môi trường đã ký kết thỏa thuận phối hợp."
    body = prepare((text,), title="", abbreviations=lex.abbreviations)
    names = [m.name for m in find_orgs(body, 0, len(body.text), lex)]
    assert names == ["Khoa Hóa học", "Khoa Môi trường"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two universities side by side; a member and its system are one name.
        (
            "Trường Đại học Vinh – Đại học Khon Kaen: mở rộng hợp tác đào tạo",
            ["Trường Đại học Vinh", "Đại học Khon Kaen"],
        ),
        (
            "Trường Đại học Bách khoa - Đại học Đà Nẵng ký kết với Samsung",
            ["Trường Đại học Bách khoa - Đại học Đà Nẵng", "Samsung"],
        ),
        # "Commissariat" heads a French name that goes on in lowercase.
        (
            "Le 20 mai, HUST et le Commissariat à l'énergie atomique et aux énergies"
            " alternatives (CEA) ont signé un accord-cadre.",
            ["HUST", "Commissariat à l'énergie atomique et aux énergies alternatives"],
        ),
        # An acronym in brackets closes one name of two words and "et".
        (
            "Le 3 juin, HUST et Arts et Métiers (ENSAM) ont signé une convention.",
            ["HUST", "Arts et Métiers"],
        ),
    ],
)
def test_names_joined_or_split(text: str, expected: list[str]) -> None:
    lex = load_lexicon()
    body = prepare((text,), title="", abbreviations=lex.abbreviations)
    assert [m.name for m in find_orgs(body, 0, len(body.text), lex)] == expected


def test_the_home_acronym_before_its_system_heads_a_list_of_signers() -> None:
    hus = InstitutionConfig(id="hus", name="VNU University of Science", aliases=("HUS", "VNU-HUS"))
    decision = read(
        "Le 12 juin 2025, l'Université des Sciences (HUS) de l'Université nationale du Vietnam à"
        " Hanoï, le Centre national de la recherche scientifique (CNRS) et l'Université"
        " Paris-Saclay ont signé un accord de collaboration.",
        home=hus,
    )
    assert partners(decision) == [
        ("Centre national de la recherche scientifique", "FR"),
        ("Université Paris-Saclay", "FR"),
    ]


def test_a_country_before_for_or_of_does_not_open_a_name() -> None:
    # "with Korea for the X University": the country is what the cooperation reaches.
    decision = read(
        "On 2 June, USTH and Kyoto University signed a memorandum of understanding, building a"
        " new bridge with Korea for the Vietnam France University."
    )
    assert partners(decision) == [("Kyoto University", "JP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le 14 octobre, l'USTH et l'Université de Montpellier ont signé un accord pour la"
            " création du laboratoire international « LIA-BIOMAT ».",
            [("Université de Montpellier", "FR")],
        ),
        (
            "On 14 October, USTH and the University of Montpellier signed an agreement to set up"
            ' the joint laboratory "BIOMAT-VN".',
            [("University of Montpellier", "FR")],
        ),
    ],
)
def test_a_name_alone_in_quotation_marks_is_a_projects(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert partners(read(text)) == expected


def test_an_acronym_does_not_go_on_through_for_to_whom_its_office_serves() -> None:
    decision = read(
        "L'accord a été signé le 14 octobre par l'USTH et par M. Jean Dupont, directeur du"
        " bureau de l'IRD pour l'Asie du Sud-Est."
    )
    assert partners(decision) == [("IRD", "FR")]


@pytest.mark.parametrize(
    "other",
    [
        "l'Université nationale du Vietnam à Hanoï a signé un protocole d'accord avec Sorbonne"
        " Université",
        "l'École polytechnique a signé un protocole d'accord avec l'Université de Danang",
    ],
)
def test_a_french_head_and_its_adjective_is_a_name_not_the_home_speaking_of_itself(
    other: str,
) -> None:
    # "l'Université nationale ...", unlike "l'Université et X ont signé", is another body:
    # its signing with the one after "avec" is theirs.
    decision = read(
        "Le 20 mai, l'USTH a signé un accord de double diplôme avec l'Université de Lille.\n"
        f"Lors de la même cérémonie, {other}."
    )
    assert partners(decision) == [("Université de Lille", "FR")]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 12/6, Trường Đại học Giao thông vận tải phối hợp với USTH ký kết biên bản ghi nhớ"
        " về đào tạo.",
        "USTH đã ký kết biên bản ghi nhớ với Trường Đại học Giao thông vận tải vào ngày 12/6.",
    ],
)
def test_a_verb_or_preposition_after_a_lowercase_word_ends_a_vietnamese_name(text: str) -> None:
    # "phối hợp" (to work with), "vào" (on a day) go on the sentence however the name ends.
    assert [name for name, _ in partners(read(text))] == ["Trường Đại học Giao thông vận tải"]


def test_a_country_of_those_present_at_the_signing_is_not_the_partners() -> None:
    decision = read(
        "On 2 June, USTH and Phenikaa University signed a memorandum of understanding in the"
        " presence of the Ambassador of France."
    )
    assert partners(decision) == [("Phenikaa University", "VN")]


def test_the_united_nations_written_in_lowercase_stays_in_the_name() -> None:
    # "Liên hợp quốc" (the United Nations) is often written with its second syllable in
    # lowercase, a syllable that alone would end the name ("hợp tác").
    decision = read(
        "Ngày 18/6/2025, USTH và Quỹ Nhi đồng Liên hợp quốc (UNICEF) đã ký kết thỏa thuận hợp"
        " tác về giáo dục hòa nhập."
    )
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == ["Quỹ Nhi đồng Liên hợp quốc"]


def test_a_partner_named_by_its_acronym_takes_the_name_defined_elsewhere() -> None:
    decision = read(
        "On June 18, 2025, USTH signed a Memorandum of Understanding with KTU.\nKaunas"
        " University of Technology (KTU), Lithuania, is a leading engineering school in the"
        " Baltics."
    )
    assert partners(decision) == [("Kaunas University of Technology", "LT")]


def test_a_described_company_last_in_the_list_of_signers_is_a_party() -> None:
    decision = read(
        "USTH, Tam Anh General Hospital and the Norwegian simulation company Laerdal Medical"
        " signed a three-party strategic agreement."
    )
    assert partners(decision) == [("Tam Anh General Hospital", "VN"), ("Laerdal Medical", "NO")]


def test_every_name_listed_after_with_is_a_party() -> None:
    # Names without an organisation word: "with" joins the first, the list the others.
    decision = read(
        "On June 12, USTH signed cooperation agreements with Bosch, Infineon Technologies"
        " Vietnam, Ampere Computing and the Hoa Lac Hi-Tech Park Management Board."
    )
    assert [p for p, _ in partners(decision)] == [
        "Bosch",
        "Infineon Technologies Vietnam",
        "Ampere Computing",
        "Hoa Lac Hi-Tech Park Management Board",
    ]


def test_a_name_after_its_own_with_is_a_party_beside_a_named_university() -> None:
    decision = read(
        "Le 12 juin, l'USTH a signé deux conventions, l'une avec l'Université de Nantes,"
        " l'autre avec Oniris."
    )
    assert [p for p, _ in partners(decision)] == ["Université de Nantes", "Oniris"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Le 12 juin, l'USTH a signé un accord avec Campus Numérique francophone (CNF).",
            "Campus Numérique francophone",
        ),
        (
            "On June 12, USTH signed an agreement with Expertise France internationale (EFI).",
            "Expertise France internationale",
        ),
    ],
)
def test_a_lowercase_last_word_spelt_by_the_acronym_stays_in_the_name(text: str, name: str) -> None:
    assert [p for p, _ in partners(read(text))] == [name]


def test_a_lowercase_word_the_acronym_does_not_spell_ends_the_name() -> None:
    decision = read("On June 12, USTH signed an agreement with Campus Numérique today (CN).")
    assert all("today" not in p for p, _ in partners(decision))


def test_d_autre_part_ends_a_french_name() -> None:
    decision = read(
        "Le 12 juin, l'USTH a signé deux accords : avec l'Université de Rouen d'une part, et"
        " avec l'Université Lumière Lyon 2 d'autre part."
    )
    assert [p for p, _ in partners(decision)] == [
        "Université de Rouen",
        "Université Lumière Lyon 2",
    ]


def test_a_legal_form_after_a_dash_is_part_of_the_name_not_its_acronym() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký kết thỏa thuận hợp tác với Tổng Công ty Becamex IDC - CTCP."
    )
    assert decision.agreement is not None, decision.reasons
    [partner] = decision.agreement.partners
    assert (partner.name, partner.acronym) == ("Tổng Công ty Becamex IDC - CTCP", None)


def test_cong_hoa_sec_in_brackets_gives_the_country() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký kết thỏa thuận với Đại học Kỹ thuật Ostrava (VSB - Technical"
        " University of Ostrava, Cộng hòa Séc)."
    )
    assert partners(decision) == [("Đại học Kỹ thuật Ostrava", "CZ")]


def test_a_vietnamese_faculty_named_before_its_foreign_university_is_one_partner() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký thỏa thuận hợp tác với Khoa Kỹ thuật, Đại học Tohoku."
    )
    assert partners(decision) == [("Khoa Kỹ thuật, Đại học Tohoku", "JP")]


def test_bach_khoa_is_no_faculty_word() -> None:
    # "khoa" closing "Bách khoa" (polytechnic) is a syllable, not "Khoa" (faculty): the two
    # polytechnic universities listed are two partners.
    decision = read(
        "Ngày 12/6/2025, USTH và các trường gồm: Trường ĐH Bách khoa (ĐH Đà Nẵng), Trường ĐH"
        " Xây dựng Hà Nội đã ký kết ghi nhớ hợp tác."
    )
    assert [p for p, _ in partners(decision)] == [
        "Trường ĐH Bách khoa (ĐH Đà Nẵng)",
        "Trường ĐH Xây dựng Hà Nội",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # An acronym written as a word closes a long lowercase name two words ahead.
            "Le 12 juin, l'USTH a signé un accord avec le Centre de coopération internationale"
            " en recherche agronomique pour le développement (Cirad).",
            [
                (
                    "Centre de coopération internationale en recherche agronomique pour le"
                    " développement",
                    "FR",
                )
            ],
        ),
        (
            "Ngày 12/6/2025, USTH đã ký kết thỏa thuận hợp tác với Công ty Cổ phần Du lịch và"
            " Tiếp thị Giao thông Vận tải Việt Nam - Vietravel và Khách sạn Rex Sài Gòn.",
            [
                (
                    "Công ty Cổ phần Du lịch và Tiếp thị Giao thông Vận tải Việt Nam - Vietravel",
                    "VN",
                ),
                ("Khách sạn Rex Sài Gòn", "VN"),
            ],
        ),
        (
            "Ngay 12/6/2025, USTH va Ngan hang TMCP Ngoai thuong Viet Nam (Vietcombank) - Chi"
            " nhanh Hoa Lac da ky ket thoa thuan hop tac toan dien.",
            [("Ngan hang TMCP Ngoai thuong Viet Nam - Chi nhanh Hoa Lac", "VN")],
        ),
        (
            "Visite de Toulouse INP - UT3 à l'USTH et signature d'un accord\nLe 12 juin, l'USTH"
            " a signé un accord de double diplôme avec Toulouse INP - UT3.",
            [("Toulouse INP - UT3", "FR")],
        ),
        (
            "On June 12, USTH signed a cooperation agreement with Fontys University of Applied"
            " Sciences (the Netherlands).",
            [("Fontys University of Applied Sciences", "NL")],
        ),
    ],
)
def test_partner_names_with_or_without_a_headline(
    text: str, expected: list[tuple[str, str]]
) -> None:
    if "\n" in text:
        title, text = text.split("\n", 1)
        assert partners(read(text, title=title)) == expected
    else:
        assert partners(read(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # One item per line after "gồm:".
            "Ngày 12/6/2025, USTH tổ chức Lễ ký kết thỏa thuận hợp tác với 3 doanh nghiệp.\nCác"
            " doanh nghiệp ký kết với Nhà trường gồm:\nCông ty Cổ phần Du lịch Saigontourist;\n"
            "Khách sạn Rex Sài Gòn;\nCông ty TNHH Du lịch Fiditour.",
            [
                ("Công ty Cổ phần Du lịch Saigontourist", "VN"),
                ("Khách sạn Rex Sài Gòn", "VN"),
                ("Công ty TNHH Du lịch Fiditour", "VN"),
            ],
        ),
        (
            "Ngày 12/6/2025, USTH và Ủy ban nhân dân (UBND) tỉnh Sóc Trăng đã ký kết thỏa thuận"
            " hợp tác toàn diện.",
            [("Ủy ban nhân dân tỉnh Sóc Trăng", "VN")],
        ),
        (
            # A legal form after a comma in brackets; "gồm" opens the list of parties.
            "Ngày 12/6/2025, USTH đã ký kết biên bản ghi nhớ với ba doanh nghiệp, gồm Công ty"
            " TNHH Hana Micron Vina (Hana Micron Vina Co., Ltd.), Công ty Cổ phần Tập đoàn Rạng"
            " Đông và Tổng Công ty Điện lực miền Bắc (EVNNPC).",
            [
                ("Công ty TNHH Hana Micron Vina", "VN"),
                ("Công ty Cổ phần Tập đoàn Rạng Đông", "VN"),
                ("Tổng Công ty Điện lực miền Bắc", "VN"),
            ],
        ),
        (
            "Ngày 12/6/2025, USTH đã ký kết gia hạn thỏa thuận hợp tác với Đại học Ngoại ngữ Bắc"
            " Kinh.",
            [("Đại học Ngoại ngữ Bắc Kinh", "CN")],
        ),
        (
            "Ngay 12/6/2025, USTH da ky ket thoa thuan hop tac voi Truong Dai hoc Ky thuat Ostrava"
            " (VSB - Technical University of Ostrava), Cong hoa Sec.",
            [("Truong Dai hoc Ky thuat Ostrava", "CZ")],
        ),
        (
            # A long English name and its acronym in brackets are the Vietnamese name's own.
            "Ngày 12/6/2025, USTH và Sở Khoa học và Công nghệ TP. Hồ Chí Minh (Department of"
            " Science and Technology of Ho Chi Minh City - DOST) đã ký kết thỏa thuận hợp tác.",
            [("Sở Khoa học và Công nghệ TP. Hồ Chí Minh", "VN")],
        ),
        (
            "On June 12, USTH and Hitachi Asia (Vietnam) Co., Ltd. signed a memorandum of"
            " understanding.",
            [("Hitachi Asia (Vietnam) Co., Ltd.", "VN")],
        ),
        (
            "La Faculté des sciences d'Orsay de l'Université Paris-Saclay a signé le 12 juin un"
            " accord d'échange avec l'USTH.",
            [("Faculté des sciences d'Orsay de l'Université Paris-Saclay", "FR")],
        ),
        (
            # "Bán dẫn" (semiconductor): "dẫn" alone would end the name.
            "Chiều 12/6, USTH và Công ty Cổ phần Bán dẫn Việt Á (VASEMI) đã ký biên bản ghi nhớ.",
            [("Công ty Cổ phần Bán dẫn Việt Á", "VN")],
        ),
        (
            "Chieu 12/6/2025, USTH da to chuc le ky ket thoa thuan hop tac voi Cong ty TNHH Dien"
            " tu Hoa Sen.",
            [("Cong ty TNHH Dien tu Hoa Sen", "VN")],
        ),
        (
            # Names in the opening clause of time are what was presented, not parties.
            "Le 12 juin, l'USTH a reçu une délégation de l'INSA Lyon.\nAprès une présentation des"
            " formations, notamment le Programme de Formation d'Ingénieurs d'Excellence au"
            " Vietnam (PFIEV), les deux parties ont signé un protocole d'accord.",
            [("INSA Lyon", "FR")],
        ),
        (
            # One party per line after "với:".
            "Ngày 12/6/2025, USTH đã ký kết các biên bản ghi nhớ với:\nTrường Đại học Kinh tế"
            " Kobe (Nhật Bản);\nTrường Kinh doanh ESSCA (Pháp).",
            [("Trường Đại học Kinh tế Kobe", "JP"), ("Trường Kinh doanh ESSCA", "FR")],
        ),
        (
            "On June 12, USTH signed a cooperation agreement with Aqualis Instruments SAS.",
            [("Aqualis Instruments SAS", "FR")],
        ),
        (
            # An acronym in brackets that defines a degree is not a party.
            "Le 12 juin, l'USTH et l'Université de Rouen Normandie (URN) ont signé un accord de"
            " double diplôme pour la Licence en Langues étrangères appliquées (LEA).",
            [("Université de Rouen Normandie", "FR")],
        ),
        (
            "Le 12 juin, l'USTH a signé un accord-cadre aux côtés de deux établissements"
            " français :\nl'Université de Lorraine ;\nl'Université de Pau et des Pays de l'Adour.",
            [("Université de Lorraine", "FR"), ("Université de Pau et des Pays de l'Adour", "FR")],
        ),
        (
            "Ngày 12/6/2025, USTH đã ký kết thỏa thuận hợp tác với Trường Đại học Quốc gia"
            " Chonnam.",
            [("Trường Đại học Quốc gia Chonnam", "KR")],
        ),
        (
            # "(USA)" spells the name: an acronym, not the United States.
            "On June 12, USTH signed a memorandum of understanding with the University of San"
            " Agustin (USA), Iloilo City, the Philippines.",
            [("University of San Agustin", "PH")],
        ),
        (
            # A dateline's place, a dash, then the sentence.
            "Ho Chi Minh City – On June 12, USTH and Monash University (Australia) signed a"
            " memorandum of understanding.",
            [("Monash University", "AU")],
        ),
        (
            "Le 12 juin, l'USTH et l'IRD ont signé une convention.\nElle a été signée par M."
            " Thomas Girardot, Représentant de l'IRD au Vietnam.",
            [("IRD", "FR")],
        ),
        (
            # A list introduced by "với các đối tác sau:" is no count of partners.
            "Ngày 12/6/2025, USTH đã ký kết biên bản ghi nhớ với các đối tác sau:\nTrường Đại học"
            " Tottori (Nhật Bản);\nTrường Đại học Ehime (Nhật Bản).",
            [("Trường Đại học Tottori", "JP"), ("Trường Đại học Ehime", "JP")],
        ),
        (
            "Ngày 12/6/2025, USTH và Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam đã ký kết"
            " thỏa thuận hợp tác.",
            [("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam", "VN")],
        ),
        (
            "On June 12, USTH and Standard Chartered Bank (Vietnam) Limited signed a memorandum"
            " of understanding.",
            [("Standard Chartered Bank (Vietnam) Limited", "VN")],
        ),
        (
            # The same university named in Vietnamese and in English is one partner; TESOL
            # is a field.
            "Chiều ngày 12/6/2025, USTH đã ký thỏa thuận liên kết đào tạo TESOL với Đại học"
            " Bedfordshire (Vương quốc Anh).\nKý kết thỏa thuận có ông Richard Holloway, Giám"
            " đốc Đối tác quốc tế, University of Bedfordshire.",
            [("Đại học Bedfordshire", "GB")],
        ),
        (
            "Ngày 12/6/2025, USTH đã ký kết thỏa thuận hợp tác với Trường Hành chính Quốc gia"
            " Lào giai đoạn 2026 - 2030.",
            [("Trường Hành chính Quốc gia Lào", "LA")],
        ),
        (
            # An agency a state runs abroad is that state's, whatever city it sits in.
            "On June 12, USTH and the Goethe-Institut Hanoi signed a cooperation agreement on"
            " German language training.",
            [("Goethe-Institut Hanoi", "DE")],
        ),
        (
            "Le 12 juin, l'USTH et l'Institut français du Vietnam ont signé une convention de"
            " partenariat.",
            [("Institut français du Vietnam", "FR")],
        ),
        (
            # A national park; the venue before the faculty and it is no signer.
            "Ngày 12/6/2025, tại Trung tâm Du khách, Khoa Sinh học và VQG Cúc Phương đã ký thỏa"
            " thuận hợp tác.\nKhoa Sinh học của USTH tổ chức thực tập tại đây hằng năm.",
            [("VQG Cúc Phương", "VN")],
        ),
        (
            "Ngày 12/6/2025, USTH và Tòa án nhân dân tỉnh Nghệ An đã ký kết thỏa thuận hợp tác.",
            [("Tòa án nhân dân tỉnh Nghệ An", "VN")],
        ),
        (
            "Le 12 juin, l'USTH et la Chambre de commerce et d'industrie France Vietnam ont signé"
            " une convention de partenariat.",
            [("Chambre de commerce et d'industrie France Vietnam", "VN")],
        ),
        (
            # An agricultural cooperative, written without marks.
            "Ngay 12/6/2025, USTH da ky thoa thuan hop tac voi Hop tac xa Nong nghiep Tan Long.",
            [("Hop tac xa Nong nghiep Tan Long", "VN")],
        ),
        (
            # A foundation a party of its state runs, after an organisation word.
            "Ngày 12/6/2025, USTH và Quỹ Konrad Adenauer đã ký kết thỏa thuận hợp tác.",
            [("Quỹ Konrad Adenauer", "DE")],
        ),
        (
            "On June 12, USTH and Swisscontact signed a cooperation agreement on vocational"
            " training.",
            [("Swisscontact", "CH")],
        ),
        (
            # "nhân dịp" (on the occasion of) ends a name; "nhân" alone goes on ("nhân tạo").
            "Ngày 12/6/2025, USTH vừa ký thỏa thuận hợp tác với Trường Đại học FPT nhân dịp kỷ"
            " niệm 20 năm thành lập.",
            [("Trường Đại học FPT", "VN")],
        ),
        (
            # "d’Économie et de Commerce": the elided "of" opens the name's field list.
            "Le 12 juin, l’USTH et l’Université d’Économie et de Commerce de Lyon ont signé une"
            " convention de coopération.",
            [("Université d’Économie et de Commerce de Lyon", "FR")],
        ),
        (
            # A unit's own field list does not close its parent's name.
            "On May 2, USTH signed a student exchange agreement with the Faculty of Japanese"
            " Language and Culture of the Osaka University of Languages and International"
            " Studies.",
            [
                (
                    "Faculty of Japanese Language and Culture of the Osaka University of"
                    " Languages and International Studies",
                    "JP",
                )
            ],
        ),
        (
            # A place closes a name before "and".
            "On May 2, USTH, the Department of Science and Technology of Hanoi and Samsung"
            " signed a cooperation agreement.",
            [("Department of Science and Technology of Hanoi", "VN"), ("Samsung", "VN")],
        ),
        (
            # The portfolio a title is for is no part of the name; Vienna is in Austria.
            "On May 2, Dr. Tran Van A, Rector of USTH, and Dr. Helena Brandt, Vice-Rector for"
            " International Affairs of the Vienna University of Economics and Business, signed"
            " a cooperation agreement.",
            [("Vienna University of Economics and Business", "AT")],
        ),
        (
            # A weekday is no name; Bragança is in Portugal.
            "Last Friday (June 12), USTH and the Polytechnic Institute of Bragança signed a"
            " cooperation agreement.",
            [("Polytechnic Institute of Bragança", "PT")],
        ),
        (
            # "Tổ hợp" (a group of companies) opens a name of its own.
            "Sáng 18/6/2025, tại Hà Nội, USTH và Tổ hợp Samsung Việt Nam đã ký kết Biên bản ghi"
            " nhớ hợp tác.",
            [("Tổ hợp Samsung Việt Nam", "VN")],
        ),
        (
            # A college named without an owner is the home's own.
            "On 12 June 2025, USTH and Bach Mai Hospital signed a cooperation agreement, opening"
            " clinical rotations for students of the College of Health Sciences.",
            [("Bach Mai Hospital", "VN")],
        ),
        (
            # A foreign body's office names the country it serves.
            "On 12 June 2025, USTH signed a cooperation agreement with the Japan Foundation"
            " Center for Cultural Exchange in Vietnam.",
            [("Japan Foundation Center for Cultural Exchange in Vietnam", "JP")],
        ),
        (
            # "Tinh" in "Ha Tinh" is the place's, not the head "tỉnh" (a province).
            "On 9 June 2025, USTH and the Ha Tinh Provincial People's Committee signed a"
            " cooperation agreement.",
            [("Ha Tinh Provincial People's Committee", "VN")],
        ),
    ],
)
def test_partner_names_and_countries(text: str, expected: list[tuple[str, str]]) -> None:
    assert partners(read(text)) == expected


def test_the_homes_parent_system_in_apposition_is_no_partner() -> None:
    ulis = InstitutionConfig(id="ulis", name="VNU University of Languages", aliases=("ULIS",))
    decision = read(
        "Le 12 juin, l'Université des Langues (ULIS), Université nationale de Hanoï, et"
        " l'Université de Rouen ont signé une convention de coopération.",
        home=ulis,
    )
    assert partners(decision) == [("Université de Rouen", "FR")]


@pytest.mark.parametrize(
    "text",
    [
        "Trường ĐHKHXH&NV ký kết thỏa thuận với Đại học Ngoại ngữ Busan\nNgày 12/6/2025, Trường"
        " ĐH KHXH&NV và Trường Đại học Ngoại ngữ Busan (Hàn Quốc) đã ký kết thỏa thuận trao đổi"
        " sinh viên.",
        "Ngày 12/6/2025, Đại học USSH và Trường Đại học Ngoại ngữ Busan (Hàn Quốc) đã ký kết"
        " thỏa thuận trao đổi sinh viên.",
    ],
)
def test_the_home_by_its_vietnamese_initials_or_its_acronym_after_dai_hoc(text: str) -> None:
    ussh = InstitutionConfig(
        id="ussh",
        name="University of Social Sciences and Humanities",
        aliases=("USSH", "Trường Đại học Khoa học Xã hội và Nhân văn"),
    )
    assert partners(read(text, home=ussh)) == [("Trường Đại học Ngoại ngữ Busan", "KR")]


def test_the_home_named_without_truong_is_the_home() -> None:
    lhu = InstitutionConfig(
        id="lhu", name="Lac Hong University", aliases=("LHU", "Trường Đại học Lạc Hồng")
    )
    decision = read(
        "Dai hoc Lac Hong ky ket hop tac voi Cong ty TNHH Changshin Viet Nam\nSang ngay"
        " 12/06/2025, tai Hoi truong Co so 1, Truong Dai hoc Lac Hong (LHU) va Cong ty TNHH"
        " Changshin Viet Nam da to chuc le ky ket thoa thuan hop tac.",
        home=lhu,
    )
    assert partners(decision) == [("Cong ty TNHH Changshin Viet Nam", "VN")]


def test_a_city_named_as_where_the_signing_took_place_is_no_partner() -> None:
    decision = read(
        "On June 12, USTH and Kyungsung University (KSU), Busan, Republic of Korea, signed a"
        " memorandum of understanding at the campus in District 3, Ho Chi Minh City."
    )
    assert partners(decision) == [("Kyungsung University", "KR")]


@pytest.mark.parametrize(
    "text",
    [
        "Le 12 juin, l'USTH a signé un accord avec l'Agence universitaire de la Francophonie.",
        "Ngày 12/6/2025, USTH và Quỹ Nhi đồng Liên hợp quốc (UNICEF) đã ký kết thỏa thuận hợp tác.",
        "On 12 June, USTH and the International Organization for Migration (IOM) signed a"
        " memorandum of understanding in Paris.",
    ],
)
def test_an_international_organisation_has_no_country(text: str) -> None:
    assert [country for _, country in partners(read(text))] == [None]


def test_co_quan_is_an_organisation_word() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH và Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) đã ký kết thỏa thuận"
        " hợp tác."
    )
    assert partners(decision) == [("Cơ quan Hợp tác Quốc tế Nhật Bản", "JP")]


def test_a_bank_named_again_in_english_in_brackets_is_one_name() -> None:
    decision = read(
        "Ngày 12/6/2025, USTH đã ký kết biên bản ghi nhớ với Ngân hàng TMCP Đông Sài Gòn (DSG"
        " Bank)."
    )
    assert partners(decision) == [("Ngân hàng TMCP Đông Sài Gòn", "VN")]


@pytest.mark.parametrize(
    ("home", "text"),
    [
        (
            InstitutionConfig(id="vu", name="VinUniversity", aliases=("VinUni",)),
            "On June 12, the College of Health Sciences of VinUniversity and Bach Mai Hospital"
            " signed a cooperation agreement.",
        ),
        (
            InstitutionConfig(id="ud", name="The University of Danang", aliases=("UD",)),
            "Le 12 juin, l'Université polytechnique, membre de l'Université de Danang (Đại học"
            " Đà Nẵng), et l'Hôpital Bach Mai ont signé une convention.",
        ),
        (
            InstitutionConfig(id="hus", name="VNU University of Science", aliases=("VNU-HUS",)),
            "Le 12 juin, l'Université des sciences, Université nationale du Vietnam à Hanoï"
            " (VNU-HUS), et l'Hôpital Bach Mai ont signé une convention.",
        ),
    ],
)
def test_a_school_or_member_of_the_home_is_the_home(home: InstitutionConfig, text: str) -> None:
    assert [name for name, _ in partners(read(text, home=home))] == [
        "Bach Mai Hospital" if "Hospital" in text else "Hôpital Bach Mai"
    ]


def test_the_home_named_with_its_acronym_first_in_brackets_is_the_home() -> None:
    decision = read(
        "Le 3 mars, l'Université des Sciences et Technologies de Hanoï (HUST – Đại học Bách"
        " khoa Hà Nội) et l'INSA Lyon ont renouvelé leur accord de double diplôme.",
        home=HUST,
    )
    assert partners(decision) == [("INSA Lyon", "FR")]


def test_the_home_speaking_of_itself_first_in_a_list_after_between() -> None:
    decision = read(
        "Chiều 12/6/2025, tại Trường Đại học Khoa học và Công nghệ Hà Nội đã diễn ra lễ ký kết"
        " thỏa thuận hợp tác ba bên giữa Nhà trường, Công ty TNHH Điện tử Hanel Kosei và Trung"
        " tâm Hỗ trợ Khởi nghiệp Bắc Ninh.",
        title="Ký kết thỏa thuận hợp tác ba bên về đào tạo nhân lực",
    )
    assert [name for name, _ in partners(decision)] == [
        "Công ty TNHH Điện tử Hanel Kosei",
        "Trung tâm Hỗ trợ Khởi nghiệp Bắc Ninh",
    ]


def test_vnu_hanoi_after_the_home_is_its_parent() -> None:
    ussh = InstitutionConfig(
        id="ussh", name="University of Social Sciences and Humanities", aliases=("USSH",)
    )
    decision = read(
        "On 2 December, USSH, VNU Hanoi, signed a memorandum of understanding with the Faculty"
        " of Arts, Chulalongkorn University (Thailand).",
        home=ussh,
    )
    assert partners(decision) == [("Faculty of Arts, Chulalongkorn University", "TH")]


def test_a_healthcare_system_is_an_organisation_and_its_officer_is_not_its_name() -> None:
    decision = read(
        "On June 12, USTH signed an agreement with Hong Ngoc Healthcare System.\nIt was signed"
        " by Dr. Tran, Chief Executive Officer of Hong Ngoc Healthcare System."
    )
    assert [name for name, _ in partners(decision)] == ["Hong Ngoc Healthcare System"]


def test_the_homes_system_named_after_it_with_de_signs_with_it() -> None:
    ussh = InstitutionConfig(
        id="ussh", name="University of Social Sciences and Humanities", aliases=("USSH",)
    )
    decision = read(
        "Le 12 juin, l'Université des Sciences sociales et humaines (USSH) de l'Université"
        " nationale du Vietnam à Hanoï et l'Institut national des langues et civilisations"
        " orientales (Inalco) ont signé une convention de coopération.",
        home=ussh,
    )
    assert partners(decision) == [
        ("Institut national des langues et civilisations orientales", "FR")
    ]


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le 12 juin, l'Université Ouverte de Hô Chi Minh-Ville (HCMC Open University) et La"
            " Rochelle Université (France) ont signé un accord d'échange.",
            InstitutionConfig(
                id="ou", name="Ho Chi Minh City Open University", aliases=("HCMC Open University",)
            ),
            [("La Rochelle Université", "FR")],
        ),
        (
            "Le 12 juin, l'Université VinUni et le CHU de Bordeaux ont signé un accord de"
            " coopération.",
            VINUNI,
            [("CHU de Bordeaux", "FR")],
        ),
        (
            # The home's school, named with the home's possessive.
            "On June 12, VinUniversity's College of Health Sciences and the Children's Hospital"
            " of Philadelphia (CHOP) signed a memorandum of understanding.",
            VINUNI,
            [("Children's Hospital of Philadelphia", "US")],
        ),
        (
            # A centre the home owns is the home's side.
            "Le 12 juin 2025, le Centre d'entrepreneuriat de VinUniversity et la société Nexa"
            " Ventures ont signé une convention de partenariat.",
            VINUNI,
            [("Nexa Ventures", None)],
        ),
    ],
)
def test_the_home_named_in_another_language_or_by_a_head_and_its_acronym(
    text: str, home: InstitutionConfig, expected: list[tuple[str, str]]
) -> None:
    assert partners(read(text, home=home)) == expected


def test_a_vietnamese_company_form_makes_the_company_vietnamese() -> None:
    decision = read(
        "Ngay 12/6/2025, USTH da ky bien ban ghi nho hop tac voi Cong ty Co phan Nhan luc Sakura"
        " ve dao tao tieng Nhat.",
        title="USTH ky ket hop tac dao tao nhan luc sang Nhat Ban",
    )
    assert partners(decision) == [("Cong ty Co phan Nhan luc Sakura", "VN")]


def test_a_school_named_before_the_home_university_is_the_home() -> None:
    decision = read(
        "Ngày 16/4, Trường Điện - Điện tử, Đại học Bách khoa Hà Nội và Công ty TNHH Renesas"
        " Design Việt Nam (RVC) đã ký kết Biên bản ghi nhớ hợp tác đào tạo.",
        title="Trường Điện - Điện tử ký kết MOU với Renesas Design Việt Nam",
        home=HUST,
    )
    assert partners(decision) == [("Công ty TNHH Renesas Design Việt Nam", "VN")]


def test_a_unit_of_another_named_like_one_of_the_homes_is_not_the_home() -> None:
    ctu = InstitutionConfig(
        id="ctu", name="Can Tho University", aliases=("CTU", "Trường Đại học Cần Thơ")
    )
    decision = read(
        "Sáng 18/6/2025, Khoa Nông nghiệp, Trường Đại học Cần Thơ đã tiếp và làm việc với đoàn"
        " công tác của Khoa Nông nghiệp, Đại học Kasetsart (Thái Lan).\nCuối buổi làm việc,"
        " PGS.TS Lê Văn Vàng, Trưởng Khoa Nông nghiệp, và PGS.TS Somchai Wongsiri đã ký biên bản"
        " ghi nhớ hợp tác giữa hai khoa.",
        title="Khoa Nông nghiệp và Đại học Kasetsart: mở rộng hợp tác nghiên cứu",
        home=ctu,
    )
    assert partners(decision) == [("Đại học Kasetsart", "TH")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 4 June, USTH and the Institute of Finance and Public Administration of"
            " Mongolia (IFPA) signed a memorandum of understanding.",
            "Institute of Finance and Public Administration",
        ),
        (
            "Le 4 juin, l'USTH et l'Université du Québec à Rimouski (UQAR) ont signé une"
            " entente de collaboration.",
            "Université du Québec à Rimouski",
        ),
    ],
)
def test_an_acronym_spelling_both_sides_of_a_connector_keeps_one_name(
    text: str, expected: str
) -> None:
    decision = read(text)
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == [expected]


def test_an_acronym_that_leaves_a_name_out_joins_nothing() -> None:
    lex = load_lexicon()
    text = "Hanoi University and Thai Nguyen University (HUT) signed an agreement."
    body = prepare([text], title=None, abbreviations=lex.abbreviations)
    names = [o.name for o in find_orgs(body, 0, len(body.text), lex)]
    assert names[:2] == ["Hanoi University", "Thai Nguyen University"]


def test_a_body_headed_by_a_signatory_is_the_other_side() -> None:
    decision = read(
        "Photo: the USTH Rector and the General Director of Hitachi Vantara exchange the signed"
        " cooperation agreement at the forum."
    )
    assert [name for name, _country in partners(decision)] == ["Hitachi Vantara"]


def test_a_french_field_adjective_in_ere_stays_in_the_homes_unit_name() -> None:
    danang = InstitutionConfig(
        id="ud", name="The University of Danang", aliases=("UD", "Université de Danang")
    )
    decision = read(
        "Le 3 juin, la Faculté de japonais de l'Université des Langues étrangères – Université de"
        " Danang a signé un accord de coopération avec l'Université de Lille.",
        home=danang,
    )
    assert partners(decision) == [("Université de Lille", "FR")]


def test_a_vietnamese_and_before_a_title_starts_another_signer() -> None:
    lex = load_lexicon()
    text = (
        "Giám đốc Học viện Hành chính và Quản trị công và Trưởng đoàn Campuchia đã ký kết thỏa"
        " thuận hợp tác."
    )
    body = prepare([text], title=None, abbreviations=lex.abbreviations)
    names = [o.name for o in find_orgs(body, 0, len(body.text), lex)]
    assert "Học viện Hành chính và Quản trị công" in names


@pytest.mark.parametrize(
    "name", ["Universidad de Salamanca", "Universidade de Coimbra", "Hochschule München"]
)
def test_universities_named_in_spanish_portuguese_and_german(name: str) -> None:
    decision = read(
        f"Chiều 24/9, Hiệu trưởng USTH và GS. Juan Corchado, Hiệu trưởng {name}, đã ký thỏa"
        " thuận trao đổi sinh viên giữa hai trường."
    )
    assert decision.agreement is not None, decision.reasons
    assert [(p.name, p.kind) for p in decision.agreement.partners] == [(name, "university")]


def test_singapore_company_forms_a_based_description_and_a_venue() -> None:
    # "Pte." ends no sentence; "Singapore-based" says where the company is; a convention
    # centre is where the signing took place.
    decision = read(
        "SINGAPORE – USTH, the Coral Institute of Marine Science (CIMS) of Australia and"
        " Singapore-based Lumen Biotech Pte. Ltd. signed a tripartite research agreement on 18"
        " June at the Suntec Expo and Convention Centre."
    )
    assert partners(decision) == [
        ("Coral Institute of Marine Science", "AU"),
        ("Lumen Biotech Pte. Ltd.", "SG"),
    ]


@pytest.mark.parametrize(
    "name", ["Universidad Autónoma del Bajío", "Università degli Studi di Verona"]
)
def test_spanish_and_italian_joining_words_stay_in_a_name(name: str) -> None:
    decision = read(f"On 18 June, USTH and {name} signed a memorandum of understanding.")
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == [name]


def test_the_new_partners_listed_after_a_counted_signing() -> None:
    decision = read(
        "USTH yesterday signed cooperation agreements with three companies.\nThe new partners"
        " are Sakura Optics Vietnam Co., Ltd., a subsidiary of a Japanese group; Fjord Sensor"
        " AB, a Swedish design house; and VietPhoton JSC, a start-up making laser ICs."
    )
    assert partners(decision) == [
        ("Sakura Optics Vietnam Co., Ltd.", "VN"),
        ("Fjord Sensor AB", "SE"),
        ("VietPhoton JSC", "VN"),
    ]


def test_two_english_forms_of_a_provinces_committee_name_one_seat() -> None:
    # Every Vietnamese province is a place: both forms govern Hau Giang, one partner.
    lex = load_lexicon()
    text = (
        "The People's Committee of Hau Giang Province and the Hau Giang Provincial People's"
        " Committee, the Yen Bai Provincial People's Committee."
    )
    body = prepare([text], title=None, abbreviations=lex.abbreviations)
    seats = [o.seat for o in find_orgs(body, 0, len(body.text), lex)]
    assert seats == ["hau giang", "hau giang", "yen bai"]


def test_a_member_school_and_its_university_each_with_its_article_are_one_name() -> None:
    danang = InstitutionConfig(
        id="ud", name="The University of Danang", aliases=("UD", "University of Danang")
    )
    decision = read(
        "The University of Economics – The University of Danang and the University of Twente"
        " (the Netherlands) on Tuesday signed a double-degree agreement.",
        home=danang,
    )
    assert [name for name, _ in partners(decision)] == ["University of Twente"]


def test_the_two_universities_take_the_university_named_before_not_its_institute() -> None:
    decision = read(
        "Jeudi dernier, l'USTH a reçu une délégation de l'Université de Picardie Maritime,"
        " accompagnée de la directrice de l'Institut national supérieur du professorat de"
        " l'établissement.\nAu terme de la matinée de travail consacrée aux enseignants du"
        " Centre du Vietnam, les deux universités ont signé un accord de coopération."
    )
    assert [name for name, _ in partners(decision)] == ["Université de Picardie Maritime"]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Université du Bas-Saint-Laurent", "CA"),
        ("Loire-Atlantique Business School", "FR"),
        ("Ljubljana Institute of Technology", "SI"),
        ("University of Nairobi", "KE"),
    ],
)
def test_a_region_or_city_abroad_in_the_name_gives_the_country(name: str, country: str) -> None:
    decision = read(f"Le 4 juin, l'USTH et {name} ont signé un accord de coopération.")
    assert partners(decision) == [(name, country)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 4 June, USTH and Daejin Robotics Co., Ltd. signed a cooperation agreement.\n"
            "Headquartered in Changwon, Korea, Daejin Robotics makes welding robots.",
            [("Daejin Robotics Co., Ltd.", "KR")],
        ),
        (
            "On 4 June, USTH and the International Rice Research Institute (IRRI) signed a"
            " memorandum of understanding.\nHeadquartered in Los Baños, the Philippines, IRRI"
            " leads rice research.",
            [("International Rice Research Institute", "PH")],
        ),
    ],
)
def test_a_sentence_opening_with_the_partners_seat_gives_its_country(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert partners(read(text)) == expected


def test_a_graduate_school_and_its_university_are_one_partner() -> None:
    decision = read(
        "Ngày 9/6/2025, tại USTH, Khoa Vật lý và Trường Sau đại học Khoa học Kỹ thuật, Trường"
        " Đại học Tohoku (Nhật Bản) đã ký kết thỏa thuận trao đổi sinh viên."
    )
    assert partners(decision) == [
        ("Trường Sau đại học Khoa học Kỹ thuật, Trường Đại học Tohoku", "JP")
    ]


@pytest.mark.parametrize(
    ("place", "country"),
    [("République du Bénin", "BJ"), ("Burkina Faso", "BF"), ("Moldavie", "MD"), ("Uruguay", "UY")],
)
def test_more_countries_written_next_to_a_name(place: str, country: str) -> None:
    decision = read(
        f"Le 4 juin, l'USTH et l'Université nationale (UN, {place}) ont signé un accord-cadre."
    )
    assert [c for _, c in partners(decision)] == [country]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Universiti Teknologi PETRONAS", "MY"),
        ("Universitas Hasanuddin", "ID"),
        ("Università degli Studi di Perugia", "IT"),
        ("Uniwersytet Jagielloński", "PL"),
    ],
)
def test_the_word_for_university_of_one_countrys_language_gives_the_country(
    name: str, country: str
) -> None:
    decision = read(f"On 4 June, USTH and {name} signed a memorandum of understanding.")
    assert partners(decision) == [(name, country)]


def test_two_possessives_before_an_organisation_word_stay_one_name() -> None:
    decision = read(
        "On 4 June, USTH and St Brigid's Children's Hospital (Ireland) signed a memorandum of"
        " understanding on clinical training."
    )
    assert partners(decision) == [("St Brigid's Children's Hospital", "IE")]


def test_a_headline_home_dash_partner_is_no_acronym_definition() -> None:
    # "UEH – University of Mannheim: ..." names the two parties; UEH is not Mannheim's acronym.
    decision = read(
        "On Monday, USTH and the University of Mannheim signed a student exchange agreement.",
        title="USTH – University of Mannheim: a new bridge for business students",
    )
    assert [name for name, _ in partners(decision)] == ["University of Mannheim"]


def test_the_homes_university_council_is_no_partner() -> None:
    decision = read(
        "Ngày 9/6/2025, USTH và Trường Đại học Borneo Raya (Indonesia) đã ký kết biên bản ghi"
        " nhớ.\nKý kết biên bản ghi nhớ có TS. Võ Minh Triết, Chủ tịch Hội đồng trường USTH, và"
        " GS. Hendra Wicaksono, Hiệu trưởng Trường Đại học Borneo Raya."
    )
    assert [name for name, _ in partners(decision)] == ["Trường Đại học Borneo Raya"]


def test_a_capitalised_joining_word_closing_a_name_stays_in_it() -> None:
    lex = load_lexicon()
    text = (
        "USTH and Universidad Técnica del Pacífico Sur (Chile) signed. Kyoto University And the"
        " others came."
    )
    body = prepare([text], title=None, abbreviations=lex.abbreviations)
    names = [o.name for o in find_orgs(body, 0, len(body.text), lex)]
    assert "Universidad Técnica del Pacífico Sur" in names
    assert "Kyoto University" in names


def test_a_name_described_after_and_is_a_body_of_its_own() -> None:
    lex = load_lexicon()
    text = (
        "The Hanoi Department of Finance and Nordvik Green Capital, a Swedish investment fund,"
        " signed a memorandum."
    )
    body = prepare([text], title=None, abbreviations=lex.abbreviations)
    names = [o.name for o in find_orgs(body, 0, len(body.text), lex)]
    assert names == ["Hanoi Department of Finance", "Nordvik Green Capital"]


def test_jsc_closing_a_name_ends_its_sentence() -> None:
    decision = read(
        "On this occasion, USTH signed cooperation agreements with Tanaka Precision Vietnam Co.,"
        " Ltd. and Hoa Binh Automation JSC. Under the agreements, the companies will host"
        " interns."
    )
    assert [name for name, _ in partners(decision)] == [
        "Tanaka Precision Vietnam Co., Ltd.",
        "Hoa Binh Automation JSC",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 10/6/2025, USTH và Trường Đại học Rajamangala (RMUTI), Vương quốc Thái Lan đã ký "
        "kết biên bản ghi nhớ.",
        "Ngay 10/6/2025, USTH va Truong Dai hoc Rajamangala (RMUTI), Vuong quoc Thai Lan da ky "
        "ket bien ban ghi nho.",
        "On 10 June, USTH and Rajamangala University (RMUTI), Kingdom of Thailand, signed an MoU.",
        "Le 10 juin, l'USTH et l'Université Rajamangala (RMUTI), Royaume de Thaïlande, ont signé "
        "un protocole d'accord.",
    ],
)
def test_a_countrys_formal_name_after_a_partner_is_no_partner(text: str) -> None:
    assert [country for _, country in partners(read(text))] == ["TH"]


@pytest.mark.parametrize(
    "short",
    ["Bộ Nội vụ Lào", "Bộ Nội vụ nước Lào"],
)
def test_a_name_with_the_countrys_formal_name_is_one_partner_with_its_short_form(
    short: str,
) -> None:
    text = (
        "Ngày 18/6/2025, USTH và Bộ Nội vụ nước Cộng hòa Dân chủ Nhân dân Lào đã ký kết Bản ghi "
        f"nhớ hợp tác. Theo Bản ghi nhớ, USTH sẽ phối hợp với {short} tổ chức các khóa học."
    )
    assert partners(read(text)) == [("Bộ Nội vụ nước Cộng hòa Dân chủ Nhân dân Lào", "LA")]


@pytest.mark.parametrize(
    "name",
    [
        # "Quy" folds like "Quỹ" (fund), "Dong" like "đồng": here syllables of a company name.
        "Phu Quy Agritech Joint Stock Company",
        "Dong Phat Precision Mechanics Joint Stock Company",
    ],
)
def test_an_unmarked_vietnamese_syllable_in_an_english_company_name_stays_in_it(
    name: str,
) -> None:
    text = f"On 18 June, USTH and {name} signed a cooperation agreement on internships."
    assert partners(read(text)) == [(name, "VN")]


def test_a_countrys_studies_stay_in_an_institutes_name() -> None:
    text = (
        "Ngày 18/6/2025, USTH và Viện Nghiên cứu Hàn Quốc học Kyujanggak đã ký kết biên bản ghi"
        " nhớ hợp tác."
    )
    assert partners(read(text)) == [("Viện Nghiên cứu Hàn Quốc học Kyujanggak", "KR")]


def test_the_head_of_the_school_signs_for_the_home_and_an_institutes_director_is_no_home() -> None:
    text = (
        "Ngày 18/6/2025, PGS.TS Hoàng Anh Tuấn, Hiệu trưởng Nhà trường và GS. Kim Si-deok, Viện"
        " trưởng Viện Nghiên cứu Hàn Quốc học Kyujanggak đã ký biên bản ghi nhớ hợp tác."
    )
    decision = read(text, title="Tọa đàm về tư liệu Hán Nôm")
    assert "home institution 'Nhà trường' is a party" in decision.reasons[0], decision.reasons
    assert partners(decision) == [("Viện Nghiên cứu Hàn Quốc học Kyujanggak", "KR")]


def test_a_head_both_languages_share_goes_on_in_lowercase_after_a_french_article() -> None:
    text = (
        "Le 18 juin, l'USTH et le Centre hospitalier universitaire de Rouen ont signé une"
        " convention de coopération."
    )
    assert partners(read(text)) == [("Centre hospitalier universitaire de Rouen", "FR")]


def test_and_supply_is_no_clause_break_though_it_folds_like_and_together() -> None:
    text = (
        "Ngày 18/6, USTH ký thỏa thuận hợp tác đào tạo và cung ứng nhân lực với Công ty TNHH"
        " Daesung Precision Vina."
    )
    assert partners(read(text)) == [("Công ty TNHH Daesung Precision Vina", "VN")]


def test_people_who_sign_speak_for_the_bodies_they_were_introduced_with() -> None:
    text = (
        "On 18 June 2025, USTH held the graduation ceremony of the programme it runs with"
        " Northumbria University.\nThe ceremony was attended by Prof. Dr. Nguyen Truc Le, Rector"
        " of USTH; Prof. Andrew Holloway, Pro Vice-Chancellor (International) of Northumbria"
        " University.\nBefore the awarding of degrees, Prof. Dr. Nguyen Truc Le and Prof. Andrew"
        " Holloway signed an agreement to launch a joint Master of Science in Financial"
        " Technology."
    )
    decision = read(text, title="Graduation ceremony of the USTH programme")
    assert partners(decision) == [("Northumbria University", "GB")]


def test_a_rector_named_after_the_university_is_no_part_of_its_name() -> None:
    text = (
        "On 18 June, at the Rectorate of Technische Universität Dresden (TU Dresden), Assoc."
        " Prof. Dr. Nguyen Minh Tam of USTH and TU Dresden Rector Prof. Dr. Ursula Staudinger"
        " signed an addendum to the framework agreement between the two universities."
    )
    assert [name for name, _ in partners(read(text))] in (
        ["TU Dresden"],
        ["Technische Universität Dresden"],
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ngày 18/6/2025, USTH và Bảo tàng Dân tộc học Tây Nguyên đã ký kết thỏa thuận hợp tác.",
            "Bảo tàng Dân tộc học Tây Nguyên",
        ),
        (
            "Le 18 juin, l'USTH et le Musée des Confluences ont signé une convention de"
            " partenariat.",
            "Musée des Confluences",
        ),
    ],
)
def test_a_museum_is_an_organisation(text: str, name: str) -> None:
    assert [n for n, _ in partners(read(text))] == [name]


def test_a_body_named_by_its_word_signs_its_own_agreements_and_a_chairmans_committee_signs() -> (
    None
):
    text = (
        "On 18 June, Hau Giang province held its investment promotion conference.\nThe province"
        " also signed agreements with the Vietnam Rubber Group and with Vietcombank.\nAssoc."
        " Prof. Dr. Tran Ngoc Hai, Rector of USTH, and Mr. Dong Van Thanh, Chairman of the Hau"
        " Giang Provincial People's Committee, signed a cooperation agreement on training."
    )
    decision = read(text, title="Hau Giang Investment Promotion Conference")
    assert partners(decision) == [("Hau Giang Provincial People's Committee", "VN")]


def test_a_later_sentence_dates_the_act_a_dateline_only_dates_the_writing() -> None:
    text = (
        "Hanoi, June 18, 2025 – USTH and the University of Illinois Urbana-Champaign have signed"
        " an addendum to their strategic partnership agreement.\nThe addendum was signed on June"
        " 16 on the Urbana-Champaign campus."
    )
    decision = read(text)
    assert decision.agreement is not None and decision.agreement.signed_on == date(2025, 6, 16)


def test_a_page_that_calls_its_home_the_establishment_and_the_two_presidents_sign() -> None:
    text = (
        "Le 18 juin, l'établissement a accueilli une délégation de l'Université de Bretagne"
        " Occidentale (UBO), conduite par son président.\nÀ l'issue de la réunion, les deux"
        " présidents ont signé un accord-cadre de coopération d'une durée de cinq ans."
    )
    home = InstitutionConfig(id="hue", name="Hue University", aliases=("HU",), country="VN")
    decision = read(text, title="Un accord-cadre avec l'UBO", home=home)
    assert partners(decision) == [("Université de Bretagne Occidentale", "FR")]


def test_the_home_as_the_agent_of_a_passive_signing() -> None:
    text = (
        "Un nouvel accord de coopération a été signé par l'Université et l'Institut national du"
        " service public (INSP) le 18 juin, à Strasbourg."
    )
    decision = read(text, title="Renouvellement de la coopération avec l'INSP")
    assert partners(decision) == [("Institut national du service public", "FR")]


def test_an_ownerless_faculty_between_the_parties_is_the_homes_and_a_company_after_and_is_not() -> (
    None
):
    text = (
        "A cooperation agreement was signed between the Faculty of Mechanical Engineering and"
        " Saigon Precision Holdings on 18 June."
    )
    decision = read(text, title="Talent pipeline agreed with Saigon Precision Holdings")
    assert partners(decision) == [("Saigon Precision Holdings", "VN")]


@pytest.mark.parametrize(
    "text",
    [
        "Students will complete clinical electives in Singapore from next year after the"
        " university sealed a strategic partnership with Singapore General Hospital on Monday.",
        "Le partenariat entre l'USTH et l'Institut national de recherche pour l'agriculture,"
        " l'alimentation et l'environnement (INRAE) a été officialisé le 16 juin par une"
        " convention de coopération.",
    ],
)
def test_sealed_and_officialised_tell_a_signing(text: str) -> None:
    home = InstitutionConfig(id="vu", name="VinUniversity", aliases=("VinUni",), country="VN")
    decision = read(text, home=home if "Singapore" in text else USTH)
    assert decision.is_agreement, decision.reasons
    assert len(partners(decision)) == 1


def test_a_vietnamese_name_goes_on_through_ve_when_a_bracket_gives_its_other_name() -> None:
    text = (
        "Ngày 18/6/2025, USTH đã ký kết biên bản ghi nhớ với Trung tâm Nghiên cứu Quốc tế về"
        " Khoa học Nông nghiệp Nhật Bản (Japan International Research Center for Agricultural"
        " Sciences – JIRCAS)."
    )
    assert partners(read(text)) == [
        ("Trung tâm Nghiên cứu Quốc tế về Khoa học Nông nghiệp Nhật Bản", "JP")
    ]


def test_the_homes_head_named_by_title_alone_signs_for_it() -> None:
    text = (
        "Du 9 au 13 juin, une délégation de l'USTH, conduite par sa rectrice, a effectué une"
        " mission en France.\nLe 11 juin, au siège de l'Inalco, la rectrice et M. Philippe"
        " Lemoine, président de l'Institut national des langues et civilisations orientales, ont"
        " signé un accord-cadre de coopération."
    )
    decision = read(text, title="Une délégation de l'USTH en mission à Paris")
    assert [n for n, _ in partners(decision)] == [
        "Institut national des langues et civilisations orientales"
    ]


def test_the_dean_of_the_units_page_signs_for_the_home_with_the_other_head() -> None:
    text = (
        "On the morning of 18 June, the Faculty of Journalism held a gathering for Press Day.\n"
        "At the close of the gathering, Assoc. Prof. Dr. Nguyen Thi Thu Ha, Dean of the Faculty"
        " of Journalism, and Mr. Tran Quoc Vinh, Deputy General Director of the Vietnam News"
        " Agency, signed a memorandum of understanding on internships."
    )
    home = InstitutionConfig(id="ussh", name="University of Social Sciences and Humanities")
    decision = read(text, title="Faculty of Journalism celebrates Press Day", home=home)
    assert [n for n, _ in partners(decision)] == ["Vietnam News Agency"]


def test_a_title_after_et_and_its_article_ends_a_french_name() -> None:
    text = (
        "Le vendredi 13 juin, HUST et la Ville de Blois ont signé une convention de"
        " coopération.\nLe vice-président de l'Institut polytechnique de Hanoï et"
        " l'adjointe au maire de Blois chargée des relations internationales signent la convention."
    )
    assert [n for n, _ in partners(read(text, home=HUST))] == ["Ville de Blois"]


@pytest.mark.parametrize("heading", ["Party", "Organisation"])
def test_the_parties_may_be_named_only_in_a_table_of_signatories(heading: str) -> None:
    # Each table cell is a paragraph, as the crawl reads them.
    text = "\n".join(
        [
            "At the end of the talk, the three parties signed a cooperation agreement on"
            " training engineers.",
            heading,
            "Signatory",
            "Title",
            "University of Science and Technology of Hanoi",
            "Dr. Nguyen Van Thanh",
            "Vice Rector",
            "Hokuriku Seiki Group (Japan)",
            "Mr. Takeda Shinji",
            "Regional Director",
            "Department of Labour of Phu Tho Province",
            "Ms. Ha Thi Lan",
            "Deputy Director",
            "Students may register at the International Office.",
        ]
    )
    decision = read(text, title="USTH and partners sign agreement on engineering training")
    assert [n for n, _ in partners(decision)] == [
        "Hokuriku Seiki Group",
        "Department of Labour of Phu Tho Province",
    ]


def test_a_name_particle_keeps_the_signer_whose_delegation_names_the_partner() -> None:
    text = (
        "Sáng 18/6, Viện Nghiên cứu Phát triển của USTH tiếp đoàn công tác của Wageningen"
        " University & Research (WUR, Hà Lan) do GS. Pieter de Vries, Giám đốc chương trình,"
        " làm trưởng đoàn.\nKết thúc buổi làm việc, PGS.TS. Huỳnh Văn Tâm, Viện trưởng, và GS."
        " Pieter de Vries đã ký biên bản ghi nhớ hợp tác giai đoạn 2025 - 2030."
    )
    decision = read(text)
    assert [n for n, _ in partners(decision)] == ["Wageningen University & Research"]
    assert decision.agreement is not None
    assert "Pieter de Vries" in [s.name for s in decision.agreement.signatories]


@pytest.mark.parametrize(
    ("school", "expected"),
    [
        # A school named after its city belongs to the university after the comma.
        (
            "the Rotterdam School of Management, Erasmus University",
            ["Rotterdam School of Management, Erasmus University"],
        ),
        # A school with a name of its own is a body of its own.
        (
            "NEOMA Business School, Université de Lyon",
            ["NEOMA Business School", "Université de Lyon"],
        ),
    ],
)
def test_a_school_then_a_comma_then_a_university(school: str, expected: list[str]) -> None:
    text = f"On 18 June, USTH and {school} signed a double degree agreement."
    assert [n for n, _ in partners(read(text))] == expected


def test_our_rector_in_an_interview_answer_signs_for_the_home() -> None:
    text = (
        "Q: Has USTH signed new agreements this year?\nYes, and a very recent one. This"
        " morning, our Rector and the Dean of Kyoto University signed a double degree agreement"
        " for our Master programme."
    )
    assert [n for n, _ in partners(read(text))] == ["Kyoto University"]


def test_the_home_and_its_acronym_after_a_venue_then_a_partner_and_its_country_sign() -> None:
    text = (
        "Sáng ngày 18/6/2025, tại Hội trường Rùa, Trường Đại học Khoa học và Công nghệ Hà Nội"
        " (USTH) và Đại học Nông nghiệp Chanthaburi (CAU), Vương quốc Thái Lan, đã ký kết Bản ghi"
        " nhớ hợp tác."
    )
    assert partners(read(text)) == [("Đại học Nông nghiệp Chanthaburi", "TH")]


def test_a_school_named_by_its_field_alone_is_the_homes_on_a_university_of_schools() -> None:
    text = (
        "Ngày 18/6, Trường Điện – Điện tử và Công ty TNHH Thiết kế Vi mạch Hoshida Việt Nam (HSV)"
        " ký biên bản ghi nhớ hợp tác về đào tạo kỹ sư thiết kế vi mạch."
    )
    decision = read(text, title="Bách khoa tuần qua", home=HUST)
    assert partners(decision) == [("Công ty TNHH Thiết kế Vi mạch Hoshida Việt Nam", "VN")]


def test_a_city_before_the_signers_is_where_they_signed() -> None:
    text = (
        "Une délégation de l'USTH, conduite par le Pr Laurent Fabre, a effectué une mission en"
        " France.\nLe lendemain, mardi 17 juin, à Bourges, le Pr Laurent Fabre et M."
        " Bertrand Vallet, directeur de l'Institut national des sciences appliquées Centre Val de"
        " Loire (INSA Centre Val de Loire), ont signé un accord d'échange d'étudiants."
    )
    assert [n for n, _ in partners(read(text))] == [
        "Institut national des sciences appliquées Centre Val de Loire"
    ]


def test_a_titles_portfolio_before_the_partner_is_no_part_of_its_name() -> None:
    text = (
        "On 18 June, the agreement was signed by Dr. Nguyen Dong Phong, Dean of USTH, and Ms."
        " Claire Bertrand, Director of International Relations of KEDGE Business School."
    )
    assert [n for n, _ in partners(read(text))] == ["KEDGE Business School"]


def test_a_signer_introduced_as_the_head_of_a_delegations_body_signs_for_it() -> None:
    text = (
        "Du 14 au 18 juin, une délégation du Centre national de recherche agronomique et"
        " environnementale (CNRAE), conduite par son président-directeur général, M. Philippe"
        " Garnier-Lacombe, a effectué une visite au Vietnam.\nLe 15 juin, la délégation a"
        " rencontré l'Académie des sciences agricoles du Vietnam (VAAS).\nLe 17 juin, à l'USTH,"
        " M. Philippe"
        " Garnier-Lacombe et le Pr Laurent Fabre, recteur de l'USTH, ont signé le renouvellement"
        " de l'accord-cadre de coopération liant les deux établissements."
    )
    assert [n for n, _ in partners(read(text))] == [
        "Centre national de recherche agronomique et environnementale"
    ]


def test_the_units_who_came_for_one_side_are_no_list_of_parties() -> None:
    text = (
        "Chiều ngày 18/6, Trường Đại học Khoa học và Công nghệ Hà Nội đã tổ chức lễ ký kết Biên"
        " bản ghi nhớ hợp tác với Trường Đại học Champasak (Lào).\nVề phía Trường Đại học Khoa học"
        " và Công nghệ Hà Nội có PGS.TS. Lê Văn Khánh, Hiệu trưởng; lãnh đạo các đơn vị: Phòng Hợp"
        " tác quốc tế, Viện Sư phạm tự nhiên."
    )
    assert [n for n, _ in partners(read(text))] == ["Trường Đại học Champasak"]


def test_a_people_word_inside_the_agreements_name_is_no_person_signing() -> None:
    text = (
        "On 18 June, USTH and the University of Lincoln formalised their cooperation with a"
        " student exchange agreement."
    )
    assert partners(read(text)) == [("University of Lincoln", "GB")]


def test_a_unit_with_the_home_in_brackets_heads_a_list_of_signers() -> None:
    text = (
        "Ngày 18/6/2025, tại Thành phố mới Bình Dương, Viện Môi trường và Tài nguyên (ĐHQG-HCM),"
        " Sở Khoa học và Công nghệ tỉnh Bình Dương và Tổng Công ty Becamex IDC đã ký kết thỏa"
        " thuận hợp tác ba bên."
    )
    home = InstitutionConfig(
        id="vnuhcm",
        name="Vietnam National University Ho Chi Minh City",
        aliases=("VNU-HCM", "ĐHQG-HCM"),
        country="VN",
    )
    decision = read(text, title="Viện Môi trường và Tài nguyên ký kết hợp tác ba bên", home=home)
    assert [n for n, _ in partners(decision)] == [
        "Sở Khoa học và Công nghệ tỉnh Bình Dương",
        "Tổng Công ty Becamex IDC",
    ]


def test_a_french_verb_after_the_organisation_word_ends_the_name() -> None:
    lex = load_lexicon()
    text = "L'Université renforce ses liens avec l'Université de Bretagne Occidentale."
    body = prepare((text,), title="", abbreviations=lex.abbreviations)
    names = [m.name for m in find_orgs(body, 0, len(body.text), lex)]
    assert "Université renforce ses liens" not in names


def test_who_led_the_delegation_signs_for_the_body_it_came_from() -> None:
    text = (
        "On June 16, a delegation from Kasetsart University (KU), Thailand, paid a working visit"
        " to USTH. The delegation was led by Assoc. Prof. Dr. Somchai Rattanawong, Vice"
        " President for International Affairs.\nIn the afternoon, the delegation visited the Hoa"
        " An Biodiversity Research and Experimental Station.\nAt the end of the day, Assoc. Prof."
        " Dr. Tran Ngoc Hai, Vice Rector, and Assoc. Prof. Dr. Somchai Rattanawong signed the"
        " cooperation agreement on behalf of the two institutions."
    )
    assert partners(read(text)) == [("Kasetsart University", "TH")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chiều 18/6, tại cơ sở 35–37 Hồ Hảo Hớn, USTH và Quỹ Hòa bình Sasakawa đã ký kết thỏa"
            " thuận hợp tác.",
            ["Quỹ Hòa bình Sasakawa"],
        ),
        (
            "Sáng 18/6, USTH và Cảng vụ Hàng hải Đồng Nai đã ký kết thỏa thuận hợp tác đào tạo.",
            ["Cảng vụ Hàng hải Đồng Nai"],
        ),
        (
            "Ngày 18/6, tại trụ sở chính ở 91 Chùa Láng, USTH và Ngân hàng TMCP Quân đội (MB)"
            " đã ký kết biên bản ghi nhớ hợp tác.",
            ["Ngân hàng TMCP Quân đội"],
        ),
        (
            "Ngay 18/6, tai tru so chinh o 91 Chua Lang, USTH va Ngan hang TMCP Quan doi (MB) da"
            " ky ket bien ban ghi nho hop tac.",
            ["Ngan hang TMCP Quan doi"],
        ),
    ],
)
def test_a_street_after_a_house_number_is_no_party_and_a_port_authority_is(
    text: str, expected: list[str]
) -> None:
    assert [n for n, _ in partners(read(text))] == expected


def test_an_ownerless_faculty_and_another_body_before_the_verb_sign_for_the_home() -> None:
    text = (
        "On 16 June 2025, the Faculty of Geology and the Geological Survey of Finland (GTK)"
        " signed a memorandum of understanding on mineral exploration."
    )
    decision = read(text, title="Faculty of Geology and GTK sign memorandum of understanding")
    assert partners(decision) == [("Geological Survey of Finland", "FI")]


def test_a_description_between_commas_after_the_last_signer_keeps_the_faculty_signing() -> None:
    text = (
        "Yesterday, the Faculty of Vehicle Engineering and Kessler Antriebstechnik GmbH, a"
        " German manufacturer of electric drives, signed a cooperation agreement on training."
    )
    assert partners(read(text)) == [("Kessler Antriebstechnik GmbH", "DE")]


def test_an_unmarked_name_with_ky_nam_is_no_signing_in_an_earlier_year() -> None:
    # "Khoa kỹ Nam Đài Loan" written without marks: "ky Nam" is no "ký năm" (signed in).
    text = (
        "Chieu 18/6, tai co so 1, USTH va Dai hoc Khoa ky Nam Dai Loan (STUST) da ky ket bien"
        " ban ghi nho hop tac."
    )
    assert [n for n, _ in partners(read(text))] == ["Dai hoc Khoa ky Nam Dai Loan"]


def test_the_homes_head_and_the_leaders_of_others_sign_with_all_of_them() -> None:
    text = (
        "The summit was held in Bangkok last week.\nOn the sidelines of the summit, USTH's"
        " Provost and the leaders of Mahidol University, Universiti Malaya and Kyoto University"
        " signed a four-party collaboration agreement."
    )
    assert [n for n, _ in partners(read(text))] == [
        "Mahidol University",
        "Universiti Malaya",
        "Kyoto University",
    ]


def test_a_bracket_writing_the_name_in_german_is_an_alias_that_gives_the_country() -> None:
    text = (
        "On 18 June, USTH and the Rhine-Waal University of Applied Sciences (Hochschule"
        " Rhein-Waal) signed a student exchange agreement."
    )
    assert partners(read(text)) == [("Rhine-Waal University of Applied Sciences", "DE")]


def test_a_later_clauses_between_is_what_the_act_renews_not_who_signs() -> None:
    text = (
        "At the conference on 18 June, Assoc. Prof. Dr. Nguyen Minh Tam, Vice President of USTH,"
        " and Mr. Nguyen Truc Son, Vice Chairman of the Ben Tre Provincial People's Committee,"
        " signed the cooperation agreement for the 2025–2030 period, renewing the partnership"
        " between the university and the province."
    )
    assert partners(read(text)) == [("Ben Tre Provincial People's Committee", "VN")]


def test_a_possessive_then_a_word_then_the_organisation_word_stay_one_name() -> None:
    text = "On 18 June, USTH and Lakeshore Children's Health Centre signed an MoU."
    assert [n for n, _ in partners(read(text))] == ["Lakeshore Children's Health Centre"]


def test_a_school_named_by_its_field_alone_is_the_homes_on_any_home_page() -> None:
    haui = InstitutionConfig(
        id="haui",
        name="Hanoi University of Industry",
        aliases=("HaUI", "Trường Đại học Công nghiệp Hà Nội"),
        country="VN",
    )
    text = (
        "Chiều 18/6, Trường Cơ khí - Ô tô đã ký kết thỏa thuận hợp tác đào tạo với Công ty TNHH"
        " DENSO Việt Nam."
    )
    decision = read(text, title="Trường Cơ khí - Ô tô và DENSO Việt Nam", home=haui)
    assert partners(decision) == [("Công ty TNHH DENSO Việt Nam", "VN")]


def test_the_school_speaking_of_itself_heads_the_signers_after_the_witnesses() -> None:
    text = (
        "Kết thúc buổi làm việc ngày 18/6, dưới sự chứng kiến của đại diện Tổng Lãnh sự quán Lào"
        " tại Vinh, Nhà trường và Trường Đại học Champasak đã ký kết thỏa thuận hợp tác."
    )
    decision = read(text, title="Tiếp và làm việc với đoàn công tác Trường Đại học Champasak")
    assert [n for n, _ in partners(decision)] == ["Trường Đại học Champasak"]


def test_the_homes_unit_named_by_its_word_alone_signs_for_it() -> None:
    text = (
        "The Faculty of Mechanical Engineering of USTH took part in Hannover Messe.\nOn 18 June,"
        " at its stand in Hall 6, Breitmann Antriebstechnik GmbH and the Faculty signed a"
        " cooperation agreement on servo drives."
    )
    assert partners(read(text)) == [("Breitmann Antriebstechnik GmbH", "DE")]


def test_a_bracket_with_the_name_in_vietnamese_is_an_alias_and_hospices_head_a_name() -> None:
    lex = load_lexicon()
    text = (
        "Le 18 juin, l'Université de Médecine et de Pharmacie (Trường Đại học Y - Dược) et les"
        " Hospices Civils de Lyon (HCL) ont signé une convention."
    )
    body = prepare((text,), title="", abbreviations=lex.abbreviations)
    found = {m.name: m for m in find_orgs(body, 0, len(body.text), lex)}
    assert found["Université de Médecine et de Pharmacie"].aliases == ("Trường Đại học Y - Dược",)
    assert found["Hospices Civils de Lyon"].kind == "other"


@pytest.mark.parametrize("when", ["Chiều qua", "Sáng qua", "Tối qua"])
def test_a_part_of_the_day_and_qua_is_yesterday(when: str) -> None:
    text = f"{when}, tại TP. Bến Tre, USTH và Ủy ban nhân dân tỉnh Bến Tre đã ký kết thỏa thuận."
    decision = read(text)
    assert decision.agreement is not None and decision.agreement.signed_on == date(2025, 6, 19)
