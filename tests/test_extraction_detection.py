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

ULIS = InstitutionConfig(
    id="ulis",
    name="VNU University of Languages and International Studies",
    aliases=("ULIS", "Trường Đại học Ngoại ngữ"),
)
USSH = InstitutionConfig(
    id="ussh",
    name="University of Social Sciences and Humanities",
    aliases=("USSH", "Trường Đại học Khoa học Xã hội và Nhân văn"),
)


def read(
    text: str,
    *,
    title: str | None = None,
    published: date = date(2025, 5, 21),
    home: InstitutionConfig = HUST,
) -> Decision:
    when = datetime(published.year, published.month, published.day, 8)
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = Article("https://hust.edu.vn/news/item-1", title, when, None, paragraphs)
    return extract_agreement(article, home)


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
    ("title", "text"),
    [
        (
            "Lãnh đạo Đại học Bách khoa Hà Nội dự Lễ ký Hiệp định giáo dục Việt Nam - Lào",
            "Ngày 20/5, Bộ Giáo dục và Đào tạo Việt Nam và Bộ Giáo dục và Thể thao Lào đã ký"
            " Hiệp định hợp tác giáo dục.\nTham dự lễ ký có PGS.TS. Nguyễn Văn An - Giám đốc Đại"
            " học Bách khoa Hà Nội.",
        ),
        (
            None,
            "On May 20, the Ministries of Education of Vietnam and Laos signed an education"
            " agreement in Vientiane.\nAttending the signing ceremony were leaders of HUST"
            " and other universities that train Lao students.",
        ),
    ],
)
def test_the_home_attending_a_signing_is_no_party(title: str | None, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


def test_attending_the_signing_on_behalf_of_a_side_is_signing_it() -> None:
    decision = read(
        "On May 20, a memorandum of understanding was signed in Hanoi.\nAttending the signing"
        " ceremony, on behalf of HUST, was its President; representing Kyoto University was"
        " its Vice President."
    )
    assert decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text", "twin"),
    [
        (
            "HUST alumni start-ups sign investment deals",
            "On May 20, two start-ups founded by alumni of Hanoi University of Science and"
            " Technology (HUST) signed investment agreements with venture funds.",
            "On May 20, Hanoi University of Science and Technology (HUST) signed a cooperation"
            " agreement with Viettel to support start-ups founded by its alumni.",
        ),
        (
            None,
            "Ngày 20/5, hai công ty khởi nghiệp của cựu sinh viên Đại học Bách khoa Hà Nội đã ký"
            " kết thỏa thuận đầu tư với Quỹ Đầu tư Mekong.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết thỏa thuận hợp tác với Quỹ Đầu tư"
            " Mekong để hỗ trợ các công ty khởi nghiệp của cựu sinh viên.",
        ),
        (
            None,
            "Le 20 mai, deux start-up créées par des anciens élèves de l'Université des sciences"
            " et technologies de Hanoï ont signé des accords d'investissement avec des fonds.",
            "Le 20 mai, l'Université des sciences et technologies de Hanoï a signé un accord de"
            " coopération avec Viettel pour soutenir les start-up de ses anciens élèves.",
        ),
    ],
)
def test_the_homes_alumni_sign_for_themselves(title: str | None, text: str, twin: str) -> None:
    assert not read(text, title=title, home=ULIS).is_agreement, read(text, title=title).reasons
    assert read(twin).is_agreement, read(twin).reasons


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        (
            "Sáng 20/5, tại Đại học Bách khoa Hà Nội, Khoa Hóa học và Khoa Môi trường đã ký kết"
            " thỏa thuận phối hợp đào tạo liên ngành.",
            "Sáng 20/5, tại Đại học Bách khoa Hà Nội, Khoa Hóa học và Công ty Cổ phần Dược Hậu"
            " Giang đã ký kết thỏa thuận phối hợp đào tạo.",
        ),
        (
            "Le 20 mai, à l'Université des sciences et technologies de Hanoï, la Faculté de chimie"
            " et le Département de l'environnement ont signé une convention de formation.",
            "Le 20 mai, à l'Université des sciences et technologies de Hanoï, la Faculté de chimie"
            " et l'Université de Lille ont signé une convention de formation.",
        ),
    ],
)
def test_the_homes_own_units_signing_with_each_other_sign_with_no_one(text: str, twin: str) -> None:
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


def test_a_visitor_signing_with_a_third_body_before_its_visit_is_not_the_homes_signing() -> None:
    # One signer named before the verb and the other after "với": neither is the home. Its
    # twin names no signer before the verb, so the home signs with the one after "với".
    visit = "Ngày 20/5, Đại học Bách khoa Hà Nội đã tiếp đoàn công tác của Đại học Kyoto (KU).\n"
    text = visit + "Trước khi đến Hà Nội, đoàn KU đã ký kết biên bản ghi nhớ với Đại học Huế."
    twin = visit + "Nhân dịp này, đoàn đã ký kết biên bản ghi nhớ với Đại học Kyoto."
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


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


# -- a party left unnamed --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Green hydrogen conference opens at HUST",
            "The conference, co-organised by the Hanoi Department of Industry and Trade and"
            " Siemens Energy, opened at Hanoi University of Science and Technology on May 20.\n"
            "During the opening session, the two organisations signed an agreement on a pilot"
            " plant.",
        ),
        (
            "Vietnam : l'AFD et le Cirad signent un accord pour le delta du Mékong",
            "Le 20 mai 2025 à Hanoï, l'Agence française de développement (AFD) et le Cirad ont"
            " signé une convention de financement.\n"
            "La signature s'est déroulée en présence du représentant de l'Université des"
            " sciences et technologies de Hanoï.",
        ),
        (
            "Hội thảo về bán dẫn tại Đại học Bách khoa Hà Nội",
            "Ngày 20/5, Sở Công Thương Hà Nội và Tập đoàn Samsung tổ chức hội thảo tại Đại học"
            " Bách khoa Hà Nội.\n"
            "Trong khuôn khổ hội thảo, lễ ký kết thỏa thuận hợp tác đã diễn ra.",
        ),
    ],
)
def test_an_unnamed_party_is_not_the_home_in_an_article_about_others(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "HUST and Aalto University strengthen cooperation",
            "A delegation of Aalto University visited Hanoi University of Science and Technology"
            " on May 20.\n"
            "After a tour of the laboratories, the two sides signed a memorandum of understanding.",
        ),
        (
            "Ký kết hợp tác với Tập đoàn Viettel",
            "Sáng 20/5, lễ ký kết thỏa thuận hợp tác đã diễn ra tại Hội trường C2.\n"
            "Hai bên đã ký kết thỏa thuận hợp tác về đào tạo nhân lực bán dẫn.\n"
            "Giám đốc Đại học Bách khoa Hà Nội cảm ơn Viettel.",
        ),
        (
            "L'Université des sciences et technologies de Hanoï reçoit l'Université de Bordeaux",
            "Une délégation de l'Université de Bordeaux a visité le campus le 20 mai.\n"
            "À cette occasion, les deux universités ont signé un accord de coopération.",
        ),
    ],
)
def test_an_unnamed_party_is_the_home_in_an_article_about_it(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert decision.is_agreement, decision.reasons


# -- headlines on other topics and notices ---------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Call for applications: exchange semester in Korea 2025",
            "Under the exchange agreements signed by HUST with Pusan National University and"
            " Ajou University, the Office of International Affairs invites applications.\n"
            "Deadline: 30 June 2025.",
        ),
        (
            "Hội nghị tổng kết công tác hợp tác quốc tế năm 2024",
            "Năm 2024, Đại học Bách khoa Hà Nội đã ký kết thỏa thuận hợp tác với Đại học Kyushu.\n"
            "Hội nghị đề ra phương hướng cho năm 2025.",
        ),
        (
            "Appel à candidatures : mobilité d'études au Vietnam",
            "Dans le cadre des accords d'échange signés par l'Université des sciences et"
            " technologies de Hanoï avec l'Université de Bordeaux, un appel à candidatures est"
            " ouvert.",
        ),
    ],
)
def test_a_headline_on_another_topic_vetoes_the_signings_it_recalls(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Thông báo: Lễ ký kết thỏa thuận hợp tác giữa Đại học Bách khoa Hà Nội và Tập đoàn"
            " Viettel",
            "Lễ ký kết sẽ được tổ chức vào 9h00 ngày 27/5/2025 tại Hội trường C2.\n"
            "Chương trình gồm: phát biểu của lãnh đạo hai bên; lễ ký kết; trao học bổng.",
        ),
        (
            "Notice: signing ceremony between HUST and Samsung Electronics",
            "The ceremony will take place on May 27 at the C2 Hall.\n"
            "Programme: speeches by the leaders of the two sides; signing ceremony.",
        ),
        (
            "Avis : cérémonie de signature entre l'Université des sciences et technologies de"
            " Hanoï et le Cirad",
            "La cérémonie aura lieu le 27 mai.\nProgramme : discours ; cérémonie de signature.",
        ),
    ],
)
def test_a_notice_of_a_ceremony_to_come_is_not_a_signing(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


def test_a_headline_on_another_topic_keeps_a_recent_signing_by_the_home() -> None:
    decision = read(
        "On May 19, 2025, HUST signed a memorandum of understanding with Pusan National"
        " University, under which four places are open.\nDeadline: 30 June 2025.",
        title="Call for applications: exchange semester in Korea 2025",
    )
    assert decision.is_agreement, decision.reasons


# -- people on the other side ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        (
            "On May 20, the Faculty of Foreign Languages of HUST signed teaching contracts"
            " with 12 visiting professors from Japan and Korea.",
            "On May 20, the Faculty of Foreign Languages of HUST signed a cooperation agreement"
            " with Nagoya University to host 12 visiting professors from Japan.",
        ),
        (
            "Chiều 20/5, Đại học Bách khoa Hà Nội tổ chức lễ ký cam kết học tập với 35 sinh"
            " viên trúng tuyển chương trình tài năng.",
            "Chiều 20/5, Đại học Bách khoa Hà Nội đã ký thỏa thuận hợp tác với Công ty Bosch"
            " Việt Nam về đào tạo sinh viên.",
        ),
        (
            "Le 20 mai, l'Université des sciences et technologies de Hanoï a signé un contrat"
            " avec vingt doctorants étrangers.",
            "Le 20 mai, l'Université des sciences et technologies de Hanoï a signé un contrat"
            " avec l'Université de Lille pour accueillir vingt doctorants.",
        ),
    ],
)
def test_people_as_the_other_side_sign_for_themselves(text: str, twin: str) -> None:
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


def test_an_organisation_word_that_opens_a_name_is_not_the_home_speaking_of_itself() -> None:
    # "l'Institut français du Vietnam" is a body of its own, not "the Institute" (the home).
    hosted = read(
        "Le 20 mai, l'Université des sciences et technologies de Hanoï a accueilli la"
        " cérémonie de signature d'une convention entre l'Institut français du Vietnam et"
        " le Service de l'éducation de la province de Thái Nguyên."
    )
    assert not hosted.is_agreement, hosted.reasons
    own = read(
        "Le 20 mai, une convention a été signée entre l'Université et l'Institut français"
        " du Vietnam pour l'enseignement bilingue."
    )
    assert own.is_agreement, own.reasons


@pytest.mark.parametrize(
    "line",
    [
        "2005 : signature de la première convention avec l'Université de Liège ;",
        "2011 – MoU signed with Kyoto University for a joint master's programme;",
        "2016: ký biên bản ghi nhớ với Trường Đại học Chiang Mai;",
    ],
)
def test_a_timeline_line_of_an_earlier_year_is_background(line: str) -> None:
    lead = "Đại học Bách khoa Hà Nội celebrates twenty years of cooperation with its partners:"
    assert not read(f"{lead}\n{line}").is_agreement, read(f"{lead}\n{line}").reasons
    twin = read(f"{lead}\n{line.replace(line[:4], '2025', 1)}")
    assert twin.is_agreement, twin.reasons


def test_capitalised_first_syllables_of_common_words_are_not_parties() -> None:
    # "Biên bản" (the minutes) and "Hiệu trưởng" (the rector) open with a capital: neither
    # "Biên" nor "Hiệu" is a second party beside the partner.
    decision = read(
        "Đoàn công tác của Đại học Bách khoa Hà Nội đã làm việc với Trường Đại học Kanazawa.\n"
        "Biên bản ghi nhớ được ký ngày 20/5/2025 bởi GS.TS Trịnh Minh Khoa và GS. Kenji"
        " Morita, Hiệu trưởng Trường Đại học Kanazawa."
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None
    assert [p.name for p in decision.agreement.partners] == ["Trường Đại học Kanazawa"]


# -- an event's title ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        (
            "Ngày 20/5, Đại học Bách khoa Hà Nội phối hợp với Sở Khoa học và Công nghệ Hà Nội tổ"
            " chức Diễn đàn “Kết nối và ký kết hợp tác đổi mới sáng tạo 2025”.",
            "Ngày 20/5, tại Diễn đàn “Đổi mới sáng tạo 2025”, Đại học Bách khoa Hà Nội và Sở Khoa"
            " học và Công nghệ Hà Nội đã ký kết thỏa thuận hợp tác.",
        ),
        (
            'On May 20, HUST and Viettel hosted the forum "Universities and companies signed'
            ' cooperation agreements: what next?" in Hanoi.',
            'On May 20, at the "Innovation 2025" Forum, HUST and Viettel signed a cooperation'
            " agreement.",
        ),
        (
            "Le 20 mai, l'Université des sciences et technologies de Hanoï et Viettel ont organisé"
            " le colloque « Universités et entreprises ont signé des accords de coopération : et"
            " après ? ».",
            "Le 20 mai, lors du colloque « Innovation 2025 », l'Université des sciences et"
            " technologies de Hanoï et l'Université de Lille ont signé un accord de coopération.",
        ),
    ],
)
def test_a_signing_in_the_quoted_title_of_an_event_is_its_name(text: str, twin: str) -> None:
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


# -- a signing put off -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        (
            "The ceremony for the signing of a cooperation agreement between HUST and Bosch"
            " Vietnam has been postponed because of the storm.",
            "HUST and Bosch Vietnam signed a cooperation agreement on May 20 despite the storm.",
        ),
        (
            "Lễ ký kết thỏa thuận hợp tác giữa Đại học Bách khoa Hà Nội và Công ty Bosch Việt Nam"
            " dự kiến vào ngày 22/5 đã bị hoãn do bão.",
            "Lễ ký kết thỏa thuận hợp tác giữa Đại học Bách khoa Hà Nội và Công ty Bosch Việt Nam"
            " đã diễn ra ngày 20/5.",
        ),
        (
            "La signature de l'accord entre l'Université des sciences et technologies de Hanoï et"
            " l'Université de Lille a été reportée à cause de la tempête.",
            "La signature de l'accord entre l'Université des sciences et technologies de Hanoï et"
            " l'Université de Lille a eu lieu le 20 mai.",
        ),
    ],
)
def test_a_signing_put_off_has_not_taken_place(text: str, twin: str) -> None:
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


@pytest.mark.parametrize(
    "text",
    [
        "On May 20, HUST and Bosch Vietnam signed a cooperation agreement; the ceremony had been"
        " postponed twice because of the pandemic.",
        "Postponed twice because of the pandemic, the signing of the cooperation agreement"
        " between HUST and Bosch Vietnam finally took place on May 20.",
    ],
)
def test_a_signing_put_off_earlier_still_took_place(text: str) -> None:
    # Only a put-off said after the signing, in its clause, undoes it.
    assert read(text).is_agreement, read(text).reasons


def test_a_signing_with_no_side_named_is_nothing_to_record() -> None:
    # Neither the home nor any counterpart is named as a party: speakers wishing that
    # "schools could sign technology transfer contracts faster".
    decision = read(
        "Ngày 20/5, Đại học Bách khoa Hà Nội tổ chức diễn đàn đổi mới sáng tạo.\n"
        "Các diễn giả nhấn mạnh cần rút ngắn thủ tục để các trường có thể thành lập doanh"
        " nghiệp spin-off và ký kết hợp đồng chuyển giao công nghệ nhanh hơn."
    )
    assert not decision.is_agreement, decision.reasons
    assert "no counterpart is named" in decision.reasons[-1]
    named = read(
        "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết hợp đồng chuyển giao công nghệ với Công"
        " ty Viettel."
    )
    assert named.is_agreement, named.reasons


@pytest.mark.parametrize(
    ("title", "signed"),
    [
        # The same words without the event in front are a signing headline.
        ("Diễn đàn Kết nối và ký kết hợp tác với Trường Đại học Kyushu 2025", False),
        ("Kết nối và ký kết hợp tác với Trường Đại học Kyushu 2025", True),
    ],
)
def test_a_headline_that_names_an_event_is_not_a_signing(title: str, signed: bool) -> None:
    text = (
        "Ngày 20/5, Đại học Bách khoa Hà Nội tổ chức sự kiện với sự tham gia của hơn 300 đại biểu."
    )
    decision = read(text, title=title)
    assert decision.is_agreement is signed, decision.reasons


def test_a_date_right_after_the_signing_verb_is_the_signings_however_old() -> None:
    decision = read(
        "On 20 May 2025, a delegation from Khon Kaen University visited Hanoi University of"
        " Science and Technology to follow up on the Memorandum of Understanding the two"
        " universities signed in November 2024."
    )
    assert not decision.is_agreement, decision.reasons
    assert any("November 2024" in r for r in decision.reasons), decision.reasons
    today = read(
        "On 20 May 2025, Hanoi University of Science and Technology and Khon Kaen University"
        " signed a Memorandum of Understanding in Hanoi."
    )
    assert today.is_agreement, today.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On 20 May 2025, HUST and VietinBank signed a loan contract worth VND 180 billion for a"
        " new dormitory.",
        "Le 20 mai 2025, l'Université des sciences et technologies de Hanoï a signé un contrat"
        " de prêt avec la banque BIDV pour sa résidence étudiante.",
        "Ngày 20/5/2025, Đại học Bách khoa Hà Nội và VietinBank đã ký hợp đồng tín dụng trị giá"
        " 180 tỷ đồng để xây ký túc xá.",
    ],
)
def test_a_loan_is_a_financial_transaction_not_a_cooperation(text: str) -> None:
    assert not read(text).is_agreement, read(text).reasons


def test_agreements_signed_over_the_past_decade_are_background() -> None:
    decision = read(
        "Hanoi University of Science and Technology has been ranked 142nd in the QS Asia"
        " University Rankings 2026.\n"
        "The university's research output is supported by its network of more than 130"
        " partner universities and 25 joint laboratories through agreements signed over the"
        " past decade."
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Le 20 mai 2025, l'Université de Lille et l'Université des sciences et technologies"
            " de Hanoï ont annoncé le report de la signature de leur accord de coopération.",
            None,
        ),
        (
            "Ngày 20/5, Đại học Bách khoa Hà Nội thông báo hoãn lễ ký kết hợp tác với Đại học"
            " Kyushu.",
            None,
        ),
        (
            "The signing ceremony with Kyoto University will be rescheduled.",
            "Postponement of the signing ceremony between HUST and Kyoto University",
        ),
    ],
)
def test_a_signing_put_off_before_or_after_its_word_has_not_taken_place(
    text: str, title: str | None
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "On 20 May 2025, HUST signed an MoU with Kyoto University after a postponement in March."
    )
    assert signed.is_agreement, signed.reasons


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Công ty cổ phần Rynan AI do một cựu sinh viên sáng lập vừa ký kết thỏa thuận hợp"
            " tác với Tập đoàn Denso (Nhật Bản).\nLễ ký diễn ra ngày 19/5 tại Tokyo.\nÝ tưởng"
            " ban đầu hình thành từ đồ án tốt nghiệp tại Đại học Bách khoa Hà Nội.",
            "Cựu sinh viên Bách khoa đưa startup ký kết hợp tác với Tập đoàn Denso",
        ),
        (
            "Vietcombank and FPT Corporation have signed a cooperation agreement on digital"
            " banking.\nThe signing ceremony took place on May 19 in Hanoi.\nSeveral HUST"
            " alumni work on the project.",
            "Alumni-led bank signs with FPT",
        ),
    ],
)
def test_a_lead_that_names_two_other_signers_speaks_for_the_ceremony_after_it(
    text: str, title: str
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "HUST signed a cooperation agreement with Denso Corporation on May 19.\nThe signing"
        " ceremony took place in Tokyo.",
        title="Startup signs with Denso",
    )
    assert signed.is_agreement, signed.reasons


def test_the_hosts_parent_after_a_dash_is_the_same_venue_mention() -> None:
    decision = read(
        "Sáng 20/5, tại Hội trường C2, Đại học Bách khoa Hà Nội - HUST, Sở Khoa học và Công"
        " nghệ Hà Nội và Tập đoàn Samsung tại Việt Nam đã ký kết biên bản ghi nhớ về đào tạo"
        " kỹ sư."
    )
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "Sáng 20/5, tại Hội trường C2, Đại học Bách khoa Hà Nội - HUST, Đại học Bách khoa Hà"
        " Nội và Tập đoàn Samsung tại Việt Nam đã ký kết biên bản ghi nhớ về đào tạo kỹ sư."
    )
    assert signed.is_agreement, signed.reasons


AJC = InstitutionConfig(
    id="ajc",
    name="Academy of Journalism and Communication",
    aliases=("AJC", "Học viện Báo chí và Tuyên truyền"),
    country="VN",
)


@pytest.mark.parametrize(
    "title", ["Học viện ký kết Bản ghi nhớ với Học viện Báo chí Quốc gia Lào", None]
)
def test_two_of_any_organisation_word_are_the_two_sides_with_the_home_among_them(
    title: str | None,
) -> None:
    decision = read(
        "Ngày 20/5, tại trụ sở Học viện, Học viện Báo chí và Tuyên truyền đã tiếp đoàn công"
        " tác Học viện Báo chí Quốc gia Lào do Giám đốc Học viện làm Trưởng đoàn.\nKết thúc"
        " buổi làm việc, lãnh đạo hai Học viện"
        " đã ký Bản ghi nhớ hợp tác giai đoạn 2025–2030.",
        title=title,
        home=AJC,
    )
    assert decision.is_agreement, decision.reasons
    others = read(
        "Ngày 20/5, Học viện Báo chí Quốc gia Lào đã tiếp đoàn công tác Thông tấn xã Lào.\nKết"
        " thúc buổi làm việc, lãnh đạo hai Học viện đã ký Bản ghi nhớ hợp tác giai đoạn"
        " 2025–2030.",
        title=title,
        home=AJC,
    )
    assert not others.is_agreement, others.reasons


# -- look-alikes and their twins ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        (
            # A French name holds "pour" before the list's "et": the list goes on through it.
            "Le 20 mai, l'Université des sciences et technologies de Hanoï a accueilli la"
            " cérémonie de signature de l'accord-cadre entre l'Institut de recherche pour le"
            " développement (IRD) et l'Académie des sciences et technologies du Vietnam.",
            "Le 20 mai, l'Université des sciences et technologies de Hanoï a signé un"
            " accord-cadre avec l'Institut de recherche pour le développement (IRD).",
        ),
        (
            # Students of the home sign for themselves, not the home.
            "On May 20, EcoLoop, a start-up founded by three HUST students, signed a pilot"
            " agreement with Heineken Vietnam.",
            "On May 20, HUST signed a pilot agreement with Heineken Vietnam.",
        ),
        (
            # The home's own principal investigators are the other side: research contracts.
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã tổ chức ký hợp đồng thực hiện 14 đề tài"
            " khoa học và công nghệ cấp Bộ năm 2026 giữa Nhà trường và các chủ nhiệm đề tài.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký hợp đồng hợp tác nghiên cứu với Tập"
            " đoàn Viettel.",
        ),
        (
            # A passive that names its signer by a role of another body.
            "HUST hosted the kick-off meeting of an Erasmus+ project on May 20.\nThe grant"
            " agreement with the European Education and Culture Executive Agency was signed by"
            " the coordinator on May 2.",
            "HUST hosted the kick-off meeting of an Erasmus+ project on May 20.\nThe grant"
            " agreement with the European Education and Culture Executive Agency was signed by"
            " the Rector on May 20.",
        ),
        (
            "On May 19, in the final of the negotiation contest at HUST, each team signed a"
            " mock contract with a foreign buyer before the jury.",
            "On May 19, HUST signed a cooperation contract with Heineken Vietnam.",
        ),
        (
            "Ngày 20/5, trong phần thực hành của lớp tập huấn tại Đại học Bách khoa Hà Nội,"
            " các nhóm đã đóng vai ký kết một bản ghi nhớ giả định với một trường nước ngoài.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết bản ghi nhớ với Đại học Tohoku.",
        ),
        (
            # The two co-organisers are the two bodies named before them in the sentence.
            "On May 20, HUST hosted a startup forum.\nThe forum was co-organised by the Hanoi"
            " Department of Science and Technology and the Korea Trade-Investment Promotion"
            " Agency (KOTRA), and during the opening session the two co-organisers signed a"
            " memorandum of understanding.",
            "On May 20, HUST hosted a startup forum.\nThe forum was co-organised by HUST and"
            " the Korea Trade-Investment Promotion Agency (KOTRA), and during the opening"
            " session the two co-organisers signed a memorandum of understanding.",
        ),
        (
            # "by the coordinator" with the date before it.
            "HUST joined an Erasmus+ project this year.\nLa convention de subvention a été signée"
            " le 2 mai par le coordinateur, l'Université de Nantes.",
            "HUST joined an Erasmus+ project this year.\nLa convention de subvention a été signée"
            " le 20 mai par le recteur de HUST.",
        ),
        (
            # "its president" is the head of the body the sentence before is about.
            "La Rochelle Université, partenaire de HUST depuis 2012, poursuit son développement"
            " au Vietnam. Le 20 mai, sa présidente a signé un accord de coopération avec"
            " l'Université de Cần Thơ.",
            "HUST poursuit son développement international. Le 20 mai, son président a signé un"
            " accord de coopération avec l'Université de Cần Thơ.",
        ),
        (
            # A bare mention of the act is the signing told before it: put off.
            "La cérémonie de signature de l'accord entre HUST et l'Université de Bordeaux,"
            " prévue le 19 mai, a été reportée.\nLa journée scientifique prévue en marge de la"
            " signature a été maintenue.",
            "La cérémonie de signature de l'accord entre HUST et l'Université de Bordeaux a eu"
            " lieu le 19 mai.\nLa journée scientifique prévue en marge de la signature a été"
            " maintenue.",
        ),
        (
            # ... or a purchase contract.
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết hợp đồng gói thầu mua sắm thiết bị"
            " với Công ty Cổ phần Thiết bị Sao Việt.\nPhát biểu tại buổi ký kết, Giám đốc đề nghị"
            " nhà thầu bảo đảm tiến độ.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết thỏa thuận hợp tác với Công ty Cổ phần"
            " Thiết bị Sao Việt.\nPhát biểu tại buổi ký kết, Giám đốc đề nghị hai bên sớm triển"
            " khai.",
        ),
        (
            # The home's principal investigators, named far after the verb.
            "Ngày 20/5, Đại học Bách khoa Hà Nội tổ chức ký hợp đồng thực hiện 46 nhiệm vụ khoa"
            " học và công nghệ cấp Đại học bắt đầu thực hiện từ năm 2025 với các chủ nhiệm nhiệm"
            " vụ thuộc các trường thành viên.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội tổ chức ký hợp đồng hợp tác nghiên cứu khoa học"
            " và công nghệ bắt đầu thực hiện từ năm 2025 với Tập đoàn Công nghiệp - Viễn thông"
            " Quân đội.",
        ),
        (
            # Two units of the home, the second named with the home as its owner.
            "On May 20, the Faculty of Chemistry and the Faculty of Physics of Hanoi University"
            " of Science and Technology (HUST) signed a memorandum on joint teaching.",
            "On May 20, the Faculty of Chemistry of Hanoi University of Science and Technology"
            " (HUST) and Kyoto University signed a memorandum on joint teaching.",
        ),
        (
            # The ceremony told after a signing between two other bodies is that signing.
            "Sáng 20/5, Đại học Bách khoa Hà Nội tổ chức Diễn đàn bán dẫn.\nTrong khuôn khổ diễn"
            " đàn, Công ty Cổ phần Công nghệ Viettel và Tập đoàn Synopsys đã ký kết biên bản ghi"
            " nhớ.\nLễ ký kết diễn ra dưới sự chứng kiến của lãnh đạo Đại học.",
            "Sáng 20/5, Đại học Bách khoa Hà Nội tổ chức Diễn đàn bán dẫn.\nTrong khuôn khổ diễn"
            " đàn, Đại học Bách khoa Hà Nội và Tập đoàn Synopsys đã ký kết biên bản ghi nhớ.\nLễ"
            " ký kết diễn ra dưới sự chứng kiến của lãnh đạo hai Bộ.",
        ),
        (
            # Signed in years that ended before the year of publication.
            "Chiều 20/5, Đại học Bách khoa Hà Nội tổ chức lễ tiễn 42 sinh viên đi trao đổi.\nCác"
            " chương trình thực hiện theo các thỏa thuận mà Nhà trường đã ký với Đại học Tartu"
            " trong giai đoạn 2022-2024.",
            "Chiều 20/5, Đại học Bách khoa Hà Nội tổ chức lễ tiễn 42 sinh viên đi trao đổi.\nNhân"
            " dịp này, Nhà trường đã ký thỏa thuận với Đại học Tartu cho giai đoạn 2025-2030.",
        ),
        (
            "On May 20, HUST hosted the launch of a reading programme, during which the Hanoi"
            " Department of Education and Training and the non-profit organisation Reading"
            " Bridges signed a memorandum of understanding.",
            "On May 20, HUST and the non-profit organisation Reading Bridges signed a memorandum"
            " of understanding.",
        ),
        (
            "On May 20, HUST received laboratory equipment from Mekong AgriTech Co., Ltd.\nThe"
            " handover minutes were signed by the Director of Mekong AgriTech and the Vice"
            " President of HUST.",
            "On May 20, HUST received a delegation of Mekong AgriTech Co., Ltd.\nThe cooperation"
            " agreement was signed by the Director of Mekong AgriTech and the Vice President of"
            " HUST.",
        ),
        (
            "On May 20, HUST welcomed a delegation from Kanazawa University (Japan).\nThey agreed"
            " to draft a Memorandum of Understanding and to aim for a signing ceremony in 2026.",
            "On May 20, HUST welcomed a delegation from Kanazawa University (Japan).\nAt the"
            " signing ceremony, the two sides signed a Memorandum of Understanding.",
        ),
        (
            "Từ ngày 15 đến 20/5, đoàn Đại học Bách khoa Hà Nội làm việc tại Đại học Saga.\nHai"
            " bên thống nhất sẽ hoàn thiện văn bản để ký kết thỏa thuận trao đổi sinh viên.",
            "Từ ngày 15 đến 20/5, đoàn Đại học Bách khoa Hà Nội làm việc tại Đại học Saga.\nHai"
            " bên đã ký kết thỏa thuận trao đổi sinh viên.",
        ),
        (
            "Le 20 mai, HUST a reçu une délégation de l'Université de Poitiers.\nL'Université de"
            " Poitiers souhaite formaliser ces projets par la signature d'une convention-cadre,"
            " qui pourrait intervenir à l'automne.",
            "Le 20 mai, HUST a reçu une délégation de l'Université de Poitiers.\nLa signature"
            " d'une convention-cadre entre HUST et l'Université de Poitiers a eu lieu à cette"
            " occasion.",
        ),
        (
            "Le 20 mai, le conseil de HUST a approuvé le projet d'accord avec l'Université"
            " Grenoble Alpes.\nLa signature officielle devrait intervenir en juin.",
            "Le 20 mai, HUST et l'Université Grenoble Alpes ont signé un accord.\nLa signature"
            " officielle a eu lieu à Hanoï.",
        ),
        (
            "Du 18 au 20 mai, une délégation de HUST a participé à un forum à Bordeaux.\nLe"
            " Comité populaire de Da Nang et la Région Nouvelle-Aquitaine ont signé une"
            " déclaration d'intention.\nLa délégation universitaire a assisté à la signature.",
            "Du 18 au 20 mai, une délégation de HUST a participé à un forum à Bordeaux.\nLa"
            " délégation universitaire a signé un accord de coopération avec la Région"
            " Nouvelle-Aquitaine.",
        ),
        (
            "Partenaire de HUST depuis 2017, Nantes Université a signé le 14 mai un accord-cadre"
            " avec l'Université Chulalongkorn (Thaïlande).",
            "Partenaire de Nantes Université depuis 2017, HUST a signé le 14 mai un accord-cadre"
            " avec l'Université Chulalongkorn (Thaïlande).",
        ),
        (
            "Le 20 mai, HUST a accueilli un atelier régional.\nEn marge de l'atelier, la Faculté"
            " d'éducation de l'Université Sukhothai et la Faculté des sciences de l'éducation de"
            " l'Université ouverte de Malaisie ont signé une convention de coopération.",
            "Le 20 mai, HUST a accueilli un atelier régional.\nEn marge de l'atelier, HUST et la"
            " Faculté des sciences de l'éducation de l'Université ouverte de Malaisie ont signé"
            " une convention de coopération.",
        ),
        (
            "On May 20, HUST inaugurated a joint laboratory with the University of Illinois, two"
            " years after the two institutions signed their research collaboration agreement.",
            "On May 20, HUST and the University of Illinois signed a research collaboration"
            " agreement.",
        ),
        (
            "Ngày 20/5, Hội đồng Đại học Bách khoa Hà Nội đã thông qua chủ trương ký kết biên"
            " bản ghi nhớ hợp tác với Đại học Kyushu.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký kết biên bản ghi nhớ hợp tác với Đại học"
            " Kyushu.",
        ),
        (
            "La Rochelle Université, membre du consortium français de HUST, a signé le 20 mai un"
            " accord de coopération avec l'Université de Cần Thơ.",
            "HUST, membre du consortium de La Rochelle Université, a signé le 20 mai un accord"
            " de coopération avec l'Université de Cần Thơ.",
        ),
        (
            "On May 20, Chaoyang University of Technology and Universiti Teknologi Malaysia"
            " signed a memorandum of understanding, with HUST President Dr. Tran attending as a"
            " witness.",
            "On May 20, Chaoyang University of Technology signed a memorandum of understanding"
            " with HUST.",
        ),
        (
            "Ngày 20/5, TS. Phạm Minh Khoa, giảng viên Đại học Bách khoa Hà Nội, đã ký hợp đồng"
            " thực hiện đề tài với Sở Khoa học và Công nghệ tỉnh Long An.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký thỏa thuận hợp tác với Sở Khoa học và"
            " Công nghệ tỉnh Long An.",
        ),
        (
            "Le 20 mai, les gouvernements français et vietnamien ont signé un accord"
            " intergouvernemental en faveur de HUST.",
            "Le 20 mai, HUST et l'Université de Lyon ont signé un accord de coopération.",
        ),
        (
            "Ngày 20/5, hai Chính phủ đã ký hiệp định về Đại học Bách khoa Hà Nội.",
            "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký thỏa thuận hợp tác với Đại học Kyoto.",
        ),
        (
            "Le 20 mai, les membres du consortium de HUST ont signé entre eux un avenant à leur"
            " convention.",
            "Le 20 mai, HUST et les membres de son consortium ont signé un avenant à leur"
            " convention.",
        ),
        (
            "Le 20 mai, HUST a accueilli une réunion régionale.\nEn marge de la réunion, l'AUF et"
            " le Ministère de l'Éducation ont signé une feuille de route.\nLa signature a eu lieu"
            " dans la grande salle de HUST.",
            "Le 20 mai, HUST a accueilli une réunion régionale.\nEn marge de la réunion, HUST et"
            " l'AUF ont signé une feuille de route.\nLa signature a eu lieu dans la grande salle"
            " de HUST.",
        ),
        (
            # The home named after the verb, not as a party: what the agreement is about.
            # The list of signers has an Oxford comma and an aside on whose behalf one signs.
            "On May 20, the Ministry of Finance, on behalf of the Government, and the Asian"
            " Development Bank signed a grant agreement under which HUST will build a new"
            " laboratory.",
            "On May 20, HUST signed a cooperation agreement with the Asian Development Bank to"
            " build a new laboratory.",
        ),
        (
            "On May 20, the Vietnam Academy of Science and Technology, Toshiba Corporation, and"
            " the Japan Science and Technology Agency signed a research agreement, under which"
            " HUST students receive scholarships.",
            "On May 20, HUST, Toshiba Corporation, and the Japan Science and Technology Agency"
            " signed a research agreement.",
        ),
        (
            # Submitted for signature later; a year in the verb's own clause, past the comma
            # of "Co., Ltd."; an R&D contract.
            "Ngày 10/5, Đại học Bách khoa Hà Nội làm việc với BIDV.\nHai bên giao Phòng Hợp tác"
            " xây dựng phụ lục thỏa thuận để trình ký trong quý IV.",
            "Ngày 10/5, Đại học Bách khoa Hà Nội làm việc với BIDV.\nĐại học Bách khoa Hà Nội"
            " và Ngân hàng BIDV đã ký phụ lục thỏa thuận hợp tác.",
        ),
        (
            "On May 20, 18 HUST students left for internships in Japan.\nThe internships are"
            " arranged under the cooperation agreement that HUST signed with Career Bridge Co.,"
            " Ltd. in 2022.",
            "On May 20, 18 HUST students left for internships in Japan.\nOn this occasion, HUST"
            " signed a cooperation agreement with Career Bridge Co., Ltd.",
        ),
        (
            "On May 20, the Faculty of Mechanical Engineering of HUST signed a research and"
            " development contract with a bus manufacturer.",
            "On May 20, the Faculty of Mechanical Engineering of HUST signed a cooperation"
            " agreement with Thaco Bus.",
        ),
        (
            # Agreements recalled in a relative clause with its own subject.
            "Trong tháng 5, 12 sinh viên Đại học Bách khoa Hà Nội lên đường sang Nhật Bản.\nCác"
            " sinh viên học tập tại Đại học Ochanomizu theo các thỏa thuận trao đổi sinh viên mà"
            " hai trường đã ký.",
            "Trong tháng 5, 12 sinh viên Đại học Bách khoa Hà Nội lên đường sang Nhật Bản.\nNhân"
            " dịp này, Đại học Bách khoa Hà Nội đã ký thỏa thuận trao đổi sinh viên với Đại học"
            " Ochanomizu.",
        ),
        (
            "On May 20, HUST held a working session with the Korea Institute of Public"
            " Administration.\nThe meeting concluded with an agreement to continue exchanging"
            " information.",
            "On May 20, HUST held a working session with the Korea Institute of Public"
            " Administration.\nThe two sides signed a cooperation agreement.",
        ),
        (
            "On May 20, at a forum hosted by HUST, the Hanoi Department of Industry and Trade"
            " and TechLink Vietnam JSC signed an agreement on automation.",
            "On May 20, HUST and TechLink Vietnam JSC signed an agreement on automation.",
        ),
        (
            "Dr. Mai Thanh Truc, lecturer at the Faculty of Economics, HUST, has signed a"
            " contract with Routledge to publish her monograph.",
            "Prof. Mai Thanh Truc, President of HUST, has signed a cooperation agreement with"
            " Routledge.",
        ),
        (
            # Two ministries of one name and two countries are two signers.
            "On May 20, in Vientiane, the Ministry of Home Affairs of Vietnam and the Ministry of"
            " Home Affairs of Laos signed an agreement on training civil servants.\nUnder the"
            " agreement, HUST will receive Lao trainees.",
            "On May 20, in Vientiane, HUST and the Ministry of Home Affairs of Laos signed an"
            " agreement on training civil servants.",
        ),
        (
            "Le 20 mars, l'Institut français du Vietnam et le Service de la culture et des sports"
            " de Hanoï ont signé, dans l'amphithéâtre de HUST, un accord pour un festival.",
            "Le 20 mars, HUST et le Service de la culture et des sports de Hanoï ont signé un"
            " accord pour un festival.",
        ),
        (
            # A long object before "between"; the home names only the room.
            "On 19 May, HUST hosted the signing of an intergovernmental agreement on the mutual"
            " recognition of higher-education degrees between the Ministry of Education of"
            " Vietnam and the French Ministry of Higher Education.\nThe agreement was signed by"
            " the two vice ministers in the HUST Auditorium.",
            "On 19 May, HUST and the French Ministry of Higher Education signed an agreement"
            " on the mutual recognition of degrees in the HUST Auditorium.",
        ),
        (
            # A possessive inside a university's name.
            "On the sidelines of a conference at HUST, Kyushu Institute of Technology (Japan) and"
            " King Mongkut's University of Technology Thonburi (Thailand) signed an academic"
            " exchange agreement.",
            "On the sidelines of a conference, HUST and King Mongkut's University of Technology"
            " Thonburi (Thailand) signed an academic exchange agreement.",
        ),
        (
            "Du 16 au 20 mai, une délégation de HUST s'est rendue en France.\nCes rencontres"
            " devraient aboutir à la signature de nouveaux accords.",
            "Du 16 au 20 mai, une délégation de HUST s'est rendue en France.\nHUST et l'INSA"
            " Lyon ont signé un nouvel accord.",
        ),
        (
            "On 12 May, HUST and Tohoku University agreed on a memorandum of understanding on"
            " student exchange.\nThe signing ceremony has not yet been scheduled.",
            "On 12 May, HUST and Tohoku University agreed on a memorandum of understanding on"
            " student exchange.\nThe memorandum was signed on the same day.",
        ),
        (
            # "Centre" followed by an adjective and a name is another body, not the home
            # speaking of itself.
            "Le 20 mai, le Centre culturel Lumière de Hanoï et la Fondation Orange ont signé une"
            " convention de partenariat pour un festival de cinéma.",
            "Le 20 mai, HUST et le Centre culturel Lumière de Hanoï ont signé une convention de"
            " partenariat pour un festival de cinéma.",
        ),
        (
            "Le 20 mai, le syndicat de HUST et la Mutuelle générale ont signé une convention de"
            " partenariat.",
            "Le 20 mai, HUST et la Mutuelle générale ont signé une convention de partenariat.",
        ),
        (
            # "ký từ tháng 3": signed back in March, a contract under review now.
            "Ngày 20/5, HUST tổ chức nghiệm thu hợp đồng nghiên cứu thực hiện cho Viện Dầu khí"
            " Việt Nam.\nHợp đồng được ký từ tháng 3/2025 với tổng kinh phí 3,2 tỷ đồng.",
            "Ngày 20/5, HUST tổ chức nghiệm thu hợp đồng nghiên cứu thực hiện cho Viện Dầu khí"
            " Việt Nam.\nHợp đồng hợp tác với Viện Dầu khí Việt Nam được ký ngày 20/5.",
        ),
        (
            "Le 20 mai, HUST a accueilli huit étudiants de l'INSA Lyon pour un semestre"
            " d'échange.\nDepuis la signature de cet accord, 25 étudiants de HUST sont partis à"
            " Lyon.",
            "Le 20 mai, HUST a accueilli huit étudiants de l'INSA Lyon pour un semestre"
            " d'échange.\nLors de la signature de cet accord, HUST et l'INSA Lyon ont prévu des"
            " échanges.",
        ),
        (
            # Works bought are a contract of another kind.
            "On May 20, HUST signed a construction contract with Coteccons Construction JSC for"
            " a new dormitory.",
            "On May 20, HUST signed a cooperation agreement with Coteccons Construction JSC on"
            " internships.",
        ),
        (
            "Sáng 20/5, HUST và Công ty CP Xây dựng Hòa Bình đã ký hợp đồng thi công tòa nhà"
            " thực hành.",
            "Sáng 20/5, HUST và Công ty CP Xây dựng Hòa Bình đã ký thỏa thuận hợp tác đào tạo.",
        ),
        (
            # "Nhà trường" among the witnesses is no side of the signing.
            "Sáng 20/5, HUST phối hợp với Trung tâm Dịch vụ việc làm Hà Nội tổ chức Ngày hội"
            " việc làm.\nTrong khuôn khổ Ngày hội, Sở Nội vụ Hà Nội và Hiệp hội Doanh nghiệp"
            " thành phố Hà Nội đã ký kết thỏa thuận hợp tác, dưới sự chứng kiến của Ban Giám"
            " hiệu Nhà trường.",
            "Sáng 20/5, HUST phối hợp với Trung tâm Dịch vụ việc làm Hà Nội tổ chức Ngày hội"
            " việc làm.\nTrong khuôn khổ Ngày hội, Nhà trường và Hiệp hội Doanh nghiệp thành"
            " phố Hà Nội đã ký kết thỏa thuận hợp tác.",
        ),
        (
            "Le 20 mai, plus de 400 étudiants de HUST et de l'Université d'économie ont signé"
            " leur convention de stage avec une entreprise d'accueil.",
            "Le 20 mai, HUST et l'Université d'économie ont signé une convention de partenariat"
            " avec une entreprise d'accueil.",
        ),
        (
            # Students' teams in a negotiation contest sign for themselves.
            "In the final round on May 20, the HUST team and a team from the National"
            " University of Singapore negotiated for three hours, and both teams signed a"
            " memorandum of understanding.",
            "On May 20, HUST and the National University of Singapore negotiated for three"
            " hours, and both universities signed a memorandum of understanding.",
        ),
        (
            # Implementing an agreement signed earlier.
            "Sáng 20/5, HUST đã tiếp đoàn công tác tỉnh Champasak (Lào).\nÔng Vilayvong đề nghị"
            " hỗ trợ Trường Đại học Champasak nâng cao năng lực giảng viên.\nHai bên nhất trí tiếp"
            " tục thực hiện có hiệu quả thỏa thuận hợp tác giai đoạn 2021-2025 đã ký.",
            "Sáng 20/5, HUST đã tiếp đoàn công tác tỉnh Champasak (Lào).\nÔng Vilayvong đề nghị"
            " hỗ trợ Trường Đại học Champasak nâng cao năng lực giảng viên.\nHai bên đã ký thỏa"
            " thuận hợp tác giai đoạn 2025-2030.",
        ),
        (
            "Le 20 mai, HUST a accueilli une délégation de l'Université de Montpellier.\nLes deux"
            " établissements ont convenu de préparer la signature d'un protocole d'accord dans"
            " les prochains mois.",
            "Le 20 mai, HUST a accueilli une délégation de l'Université de Montpellier.\nLes deux"
            " établissements ont procédé à la signature d'un protocole d'accord.",
        ),
        (
            "On May 20, HUST held an online meeting with Kyushu University to finalise the draft"
            " memorandum of understanding.\nOnce the ministries' opinions are received, the two"
            " universities will arrange a signing ceremony.",
            "On May 20, HUST held an online meeting with Kyushu University to finalise the"
            " memorandum of understanding.\nThe two universities then held a signing ceremony.",
        ),
        (
            # The lead's date is the news's; the year after the signed MoU is the signing's.
            "Ngày 20/5, đoàn làm việc với Đại học Kagoshima, đối tác mà HUST đã ký biên bản ghi"
            " nhớ từ năm 2019.",
            "Ngày 20/5, đoàn làm việc với Đại học Kagoshima, đối tác mà HUST đã ký biên bản ghi"
            " nhớ vào buổi sáng.",
        ),
        (
            "Eight students from Cornell University's College of Engineering arrived at HUST"
            " this week, the first cohort under the exchange agreement the two institutions"
            " signed last year.",
            "Eight students from Cornell University's College of Engineering arrived at HUST"
            " this week, after the exchange agreement the two institutions signed on Monday.",
        ),
        (
            "HUST a célébré le 19 mai le dixième anniversaire de sa coopération avec l'INSA"
            " Lyon.\nUne exposition montre la signature de l'accord initial par les deux recteurs"
            " de l'époque.",
            "HUST a célébré le 19 mai sa coopération avec l'INSA Lyon.\nLa journée a commencé par"
            " la signature d'un nouvel accord par les deux recteurs.",
        ),
        (
            "On May 20, HUST received a delegation from Ming Chuan University (Taiwan).\nDuring"
            " the working session, the two sides reviewed a draft memorandum of understanding"
            " covering student exchange.\nBoth sides agreed to finalise the text and hold the"
            " signing ceremony at Ming Chuan University's Taoyuan campus in the autumn.",
            "On May 20, HUST received a delegation from Ming Chuan University (Taiwan).\nDuring"
            " the working session, the two sides reviewed a draft memorandum of understanding"
            " covering student exchange.\nHUST and Ming Chuan University then held the signing"
            " ceremony of the memorandum.",
        ),
        (
            # "Liên đoàn" (a federation) heads a name: two other bodies sign.
            "Sáng 20/5, đoàn HUST tham dự Diễn đàn Kinh tế tại Tokyo.\nTại Diễn đàn, Liên đoàn"
            " Thương mại và Công nghiệp Việt Nam (VCCI) và Tổ chức Xúc tiến Thương mại Nhật Bản"
            " (JETRO) đã ký kết biên bản ghi nhớ.",
            "Sáng 20/5, đoàn HUST tham dự Diễn đàn Kinh tế tại Tokyo.\nTại Diễn đàn, HUST và Tổ"
            " chức Xúc tiến Thương mại Nhật Bản (JETRO) đã ký kết biên bản ghi nhớ.",
        ),
        (
            "Le 20 mai, HUST et l'Institut Agro Montpellier ont validé la version définitive de"
            " leur convention.\nLa signature officielle est programmée pour le 12 juin prochain à"
            " Montpellier.",
            "Le 20 mai, HUST et l'Institut Agro Montpellier ont validé la version définitive de"
            " leur convention.\nLa signature officielle a eu lieu le même jour à Montpellier.",
        ),
        (
            # The home owns the room only.
            "On 20 May, HUST held its annual Job Fair with 85 companies.\nAt the closing"
            " session, Coteccons and Bosch Vietnam also signed a memorandum on joint training"
            " of technicians, using HUST's hall as the venue.",
            "On 20 May, HUST held its annual Job Fair with 85 companies.\nAt the closing"
            " session, HUST and Bosch Vietnam also signed a memorandum on joint training of"
            " technicians.",
        ),
        (
            # "chính quyền tỉnh X" (a province's authority) is a name: two others sign.
            "Sáng 20/5, tại Hội trường A0, HUST, UBND tỉnh Nghệ An và chính quyền tỉnh Xiêng"
            " Khoảng (Lào) đã ký kết biên bản thỏa thuận hợp tác giai đoạn 2025 - 2030.",
            "Sáng 20/5, tại Hội trường A0, HUST và chính quyền tỉnh Xiêng Khoảng (Lào) đã ký"
            " kết biên bản thỏa thuận hợp tác giai đoạn 2025 - 2030.",
        ),
        (
            # Another body signs "with" others in lowercase.
            "The HUST Job Fair 2025, held on 20 May, attracted 4,000 students.\nWithin the"
            " fair, the Hanoi Employment Service Center signed cooperation agreements on labour"
            " supply with the management boards of two industrial parks.",
            "The HUST Job Fair 2025, held on 20 May, attracted 4,000 students.\nWithin the"
            " fair, HUST signed cooperation agreements on internships with the Hanoi Employment"
            " Service Center.",
        ),
        (
            "At its annual conference held on 20 May, HUST reported that it signed 37 new"
            " agreements and renewed 12 others during the year.",
            "At its annual conference held on 20 May, HUST signed a new agreement with Kyoto"
            " University.",
        ),
        (
            "On 20 May, fourteen principal investigators from HUST signed research contracts"
            " with the National Foundation for Science and Technology Development (NAFOSTED).",
            "On 20 May, HUST signed a cooperation agreement with the National Foundation for"
            " Science and Technology Development (NAFOSTED).",
        ),
        (
            "Le 20 mai, le Club d'entrepreneuriat étudiant de HUST a signé une convention de"
            " partenariat avec l'incubateur SIHUB.",
            "Le 20 mai, HUST a signé une convention de partenariat avec l'incubateur SIHUB.",
        ),
        (
            # A name that ends with a country is another body, not a field of the first.
            "On 20 May, HUST hosted the Vietnam Health Innovation Forum 2025.\nDuring the forum,"
            " the Ministry of Health and Medtronic Vietnam signed a memorandum of understanding"
            " on training nurses, witnessed by HUST's President.",
            "On 20 May, HUST hosted the Vietnam Health Innovation Forum 2025.\nDuring the forum,"
            " HUST and Medtronic Vietnam signed a memorandum of understanding on training"
            " nurses.",
        ),
        (
            "On 20 May, the Trade Union of HUST and BIDV Thang Long Branch signed an agreement on"
            " welfare benefits for union members.",
            "On 20 May, HUST and BIDV Thang Long Branch signed an agreement on welfare benefits"
            " for its staff.",
        ),
        (
            "HUST's long-standing partner, Western Sydney University, signed a memorandum of"
            " understanding with RMIT University Vietnam on 20 May.",
            "HUST and its long-standing partner, Western Sydney University, signed a memorandum"
            " of understanding on 20 May.",
        ),
        (
            "Sáng 20/5, tại HUST, Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) và UBND tỉnh Thừa"
            " Thiên Huế đã ký biên bản thảo luận về dự án.\nHUST là đơn vị đăng cai tổ chức lễ ký.",
            "Sáng 20/5, tại HUST, Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) và HUST đã ký biên bản"
            " ghi nhớ về dự án.\nHUST là đơn vị đăng cai tổ chức lễ ký.",
        ),
        (
            "The signing ceremony of the memorandum of understanding between HUST and TU"
            " Dresden, set for 20 May, did not take place because of the typhoon.",
            "The signing ceremony of the memorandum of understanding between HUST and TU"
            " Dresden, set for 20 May, took place despite the typhoon.",
        ),
        (
            # A sponsorship pays for an event, or equips a laboratory with a partner.
            "On 19 May, HUST and Bosch Vietnam signed a sponsorship agreement for the HUST Robot"
            " Challenge 2025.",
            "On 19 May, HUST and Bosch Vietnam signed a sponsorship agreement for a new"
            " mechatronics laboratory.",
        ),
        (
            # A correction notice: the paragraph calls the reported signing a mistake.
            "Editor's note: an article of 19 May stated that HUST and Universidad de los Andes"
            " signed a memorandum of understanding on 18 May. This was incorrect. The two"
            " universities exchanged a draft.",
            "Editor's note: on 18 May HUST and Universidad de los Andes signed a memorandum of"
            " understanding. This was the first agreement with Colombia. The two universities"
            " exchanged gifts.",
        ),
        (
            "Rectificatif : notre article du 19 mai indiquait que HUST et l'Université de Namur"
            " avaient signé un accord-cadre le 18 mai. Cette information était erronée.",
            "Le 18 mai, HUST et l'Université de Namur ont signé un accord-cadre. Cette"
            " information a été saluée par les étudiants.",
        ),
        (
            # A loan or a grant for a project is money, not cooperation.
            "On 18 May, HUST and the World Bank signed the financing agreement for the"
            " university's new research campus.",
            "On 18 May, HUST and the World Bank signed a cooperation agreement for the"
            " university's new research campus.",
        ),
        (
            # A claim reported to be denied.
            "Một công ty tư vấn đăng tải thông tin cho rằng công ty này “vừa ký kết hợp tác"
            " chiến lược với HUST” ngày 18/5/2025.",
            "Ngày 18/5/2025, một công ty tư vấn đã ký kết hợp tác chiến lược với HUST.",
        ),
        (
            "A consultancy falsely claims it signed a strategic partnership with HUST on 18 May.",
            "A consultancy said that it signed a strategic partnership with HUST on 18 May.",
        ),
        (
            # The next paragraph calls it a mistake, and says nothing was signed.
            'Ngày 19/5/2025, Cổng thông tin HUST đăng bài "HUST ký kết hợp tác với Đại học'
            ' Kinh doanh Hanseatic".\nBài viết đã đưa thông tin chưa chính xác: ngày 18/5,'
            " hai bên chưa tiến hành ký kết bất kỳ văn bản hợp tác nào.",
            "Ngày 19/5/2025, HUST ký kết hợp tác với Đại học Kinh doanh Hanseatic.\nBài viết đã"
            " được nhiều sinh viên chia sẻ.",
        ),
    ],
)
def test_a_look_alike_is_no_signing_by_the_home_and_its_twin_is(text: str, twin: str) -> None:
    assert not read(text).is_agreement, read(text).reasons
    assert read(twin).is_agreement, read(twin).reasons


def test_a_programme_for_an_event_to_come_holds_no_signing_yet() -> None:
    notice = (
        "Đại học Bách khoa Hà Nội trân trọng thông báo tổ chức Ngày hội Doanh nghiệp vào ngày"
        " {day}/2025 tại Thư viện Tạ Quang Bửu.\nChương trình gồm: phiên khai mạc và lễ ký kết"
        " thỏa thuận hợp tác giữa Đại học Bách khoa Hà Nội và Công ty Bosch Việt Nam."
    )
    assert not read(notice.format(day="15/06")).is_agreement
    # The same programme told the day after the event: the signing took place.
    assert read(notice.format(day="20/05")).is_agreement


@pytest.mark.parametrize(
    ("when", "signed"),
    [
        ("sẽ diễn ra vào sáng mai", False),
        ("will take place tomorrow", False),
        ("đã diễn ra vào sáng hôm qua", True),
    ],
)
def test_a_programme_of_tomorrows_event_holds_no_signing_yet(when: str, signed: bool) -> None:
    text = (
        f"Ngày hội Hợp tác quốc tế của Đại học Bách khoa Hà Nội {when} tại Thư viện Tạ Quang"
        " Bửu.\n08:00 – 08:30\nKhai mạc\n10:00 – 10:30\nLễ ký kết biên bản ghi nhớ với Đại"
        " học Kyushu (Nhật Bản)"
    )
    assert read(text).is_agreement is signed


def test_a_duration_before_the_agreement_noun_is_no_count() -> None:
    decision = read(
        "Le 20 mai, l'Université des sciences et technologies de Hanoï et le Cirad ont renouvelé"
        " pour cinq ans leur accord de partenariat."
    )
    assert decision.is_agreement, decision.reasons
    assert decision.agreement is not None and decision.agreement.renewal


def test_entente_is_an_agreement() -> None:
    decision = read(
        "Le 20 mai, HUST et l'Université Laval (Québec, Canada) ont signé une entente de"
        " collaboration."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "cooperation_agreement"


def test_a_renewal_with_the_year_of_the_first_signing_after_a_comma_is_a_signing() -> None:
    decision = read(
        "Le 20 mai, HUST a reçu une délégation de l'Université de Liège.\nÀ cette occasion, les"
        " deux universités ont renouvelé leur convention de coopération, signée pour la"
        " première fois en 2014, pour cinq ans."
    )
    assert decision.is_agreement, decision.reasons
    # The same year in the verb's own clause dates the signing itself.
    assert not read(
        "Le 20 mai, HUST a rappelé la convention signée en 2014 avec l'Université de Liège."
    ).is_agreement


def test_the_homes_parent_system_signing_alone_is_not_the_homes_signing() -> None:
    hus = InstitutionConfig(
        id="hus", name="VNU University of Science", aliases=("VNU-HUS", "HUS"), country="VN"
    )
    text = (
        "On May 20, {signer} and Kyoto University signed a Memorandum of Understanding on"
        " academic cooperation.\nThe Rector of HUS attended the ceremony."
    )
    assert not read(
        text.format(signer="Vietnam National University, Hanoi (VNU)"), home=hus
    ).is_agreement
    assert read(text.format(signer="VNU University of Science (HUS)"), home=hus).is_agreement


def test_the_parent_set_off_by_commas_after_the_homes_name_qualifies_the_venue() -> None:
    hus = InstitutionConfig(
        id="hus",
        name="VNU University of Science",
        aliases=("VNU-HUS", "Trường Đại học Khoa học Tự nhiên"),
        country="VN",
    )
    text = (
        "Chiều 18/4, tại Trường Đại học Khoa học Tự nhiên, ĐHQG Hà Nội{after}"
        " Công ty Cổ phần Hóa dược Minh Khang đã ký kết biên bản ghi nhớ hợp tác."
    )
    decision = read(text.format(after=", Khoa Hóa học và"), home=hus)
    assert decision.is_agreement, decision.reasons
    assert [p.name for p in decision.agreement.partners] == ["Công ty Cổ phần Hóa dược Minh Khang"]
    # Without a signer after it, the parent heads the list of signers.
    assert not read(text.format(after=" (ĐHQGHN) và"), home=hus).is_agreement


def test_a_word_that_folds_like_the_institute_word_is_no_self_reference() -> None:
    text = (
        "Ngày 18/5/2025, HUST đăng cai Diễn đàn bán dẫn. Trong khuôn khổ diễn đàn, Sở Khoa học"
        " và Công nghệ TP.HCM và {other} Điện tử và Viễn thông Hàn Quốc (ETRI) đã ký kết biên"
        " bản ghi nhớ hợp tác, dưới sự chứng kiến của lãnh đạo các trường, trong đó có HUST."
    )
    # "Viễn thông" (telecommunications) is not "Viện" (the institute speaking of itself).
    assert not read(text.format(other="Viện Nghiên cứu")).is_agreement
    assert read(text.format(other="Viện và Trung tâm")).is_agreement


@pytest.mark.parametrize(
    ("home", "text", "partner"),
    [
        (
            InstitutionConfig(
                id="ou", name="Ho Chi Minh City Open University", aliases=("OU",), country="VN"
            ),
            "Le 16 janvier, l'Université Ouverte de Hô Chi Minh-Ville et l'Université TÉLUQ"
            " (Québec, Canada) ont signé un accord relatif à un programme conjoint de master.",
            "Université TÉLUQ",
        ),
        (
            InstitutionConfig(
                id="dntu", name="Dong Nai Technology University", aliases=("DNTU",), country="VN"
            ),
            "On 5 May, a delegation of Dong Nai University of Technology signed a Memorandum of"
            " Understanding with the Hokuriku Precision Manufacturing Consortium (HPMC).",
            "Hokuriku Precision Manufacturing Consortium",
        ),
        (
            ULIS,
            "Le 12 mai, le Département de français de l'Université des Langues et Études"
            " internationales et l'Université Savoie Mont Blanc ont renouvelé leur accord"
            " d'échange.",
            "Université Savoie Mont Blanc",
        ),
    ],
)
def test_a_page_may_name_its_home_by_a_translation_of_its_configured_name(
    home: InstitutionConfig, text: str, partner: str
) -> None:
    decision = read(text, home=home)
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == [partner]


def test_a_university_of_the_same_words_is_another_on_a_page_that_names_its_home() -> None:
    usth = InstitutionConfig(
        id="usth", name="University of Science and Technology of Hanoi", aliases=("USTH",)
    )
    text = (
        "Le 16 mai, HUST a accueilli une délégation de l'Université TÉLUQ. Le même jour,"
        " Hanoi University of Science and Technology et l'Université TÉLUQ ont signé un"
        " accord de coopération."
    )
    # Only on a page that never names its home is such a name the home's.
    assert not read(text.replace("HUST a accueilli", "USTH a accueilli"), home=usth).is_agreement


def test_a_lead_about_the_homes_school_makes_the_signers_bodies_the_other_side() -> None:
    lead = (
        "Chiều 20/5, {who} đã tiếp đoàn công tác của Công ty Cổ phần Vi mạch Sao Mai do ông Đỗ"
        " Quang Vinh, Tổng Giám đốc, dẫn đầu.\nVề phía Nhà trường có PGS.TS. Lê Văn Hùng,"
        " Hiệu trưởng Trường Điện - Điện tử.\nKết thúc buổi làm việc, PGS.TS. Lê Văn Hùng và"
        " ông Đỗ Quang Vinh đã ký thỏa thuận hợp tác giai đoạn 2025 - 2028."
    )
    decision = read(lead.format(who="Trường Điện - Điện tử"))
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == ["Công ty Cổ phần Vi mạch Sao Mai"]


def test_a_past_days_programme_item_with_the_signing_of_an_agreement_is_a_signing() -> None:
    decision = read(
        "From 12 to 16 May, HUST hosted its International Week.\nWednesday 14 May: signing of"
        " a student exchange agreement with Tainan Hsinhua University of Technology (THUT,"
        " Taiwan).\nFriday 16 May: culture night."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.kind == "exchange_agreement"
    assert decision.agreement.signed_on == date(2025, 5, 14)


def test_an_and_after_a_capitalised_word_goes_on_with_the_name_not_the_home() -> None:
    text = (
        "On 19 May, HUST hosted the signing of an intergovernmental agreement between the"
        " Ministry of Education and Training of Vietnam and the French Ministry of Higher"
        " Education and Research."
    )
    assert not read(text).is_agreement


def test_the_home_named_in_a_description_of_another_party_is_no_party() -> None:
    text = (
        "On 14 May, HUST held its Startup Demo Day. The highlight was the signing of a"
        " memorandum of understanding between GreenLoop, {who}, and Phu Thanh Retail."
    )
    assert not read(text.format(who="a start-up founded by three HUST graduates")).is_agreement
    assert read(text.replace("GreenLoop, {who},", "HUST")).is_agreement


@pytest.mark.parametrize(
    "signers",
    [
        "Hanoi University of Mining and Geology and a Japanese trading house",
        "The University of Melbourne and a Singaporean fund",
    ],
)
def test_a_named_body_and_one_described_by_an_indefinite_article_are_two_others(
    signers: str,
) -> None:
    text = (
        "A selection of news from higher education, compiled by the HUST Office of"
        " Communications.\n"
        f"{signers} signed an agreement on rare-earth processing research on 14 May."
    )
    assert not read(text).is_agreement


def test_an_institute_word_before_a_nationality_adjective_opens_a_name() -> None:
    text = (
        "Le 16 mai, à l'occasion de sa rencontre annuelle, l'Association des anciens étudiants"
        " du Département de langue et civilisation françaises a signé une convention de"
        " partenariat avec l'Institut"
        " français du Vietnam.\nLa convention a été signée par Mme Vu Thi Lan Anh, présidente"
        " de l'Association et diplômée de la promotion 2005, et par le directeur de l'Institut"
        " français à Hanoi."
    )
    title = "L'Association des anciens étudiants signe une convention avec l'Institut français"
    assert not read(text, title=title, home=ULIS).is_agreement


@pytest.mark.parametrize("clause", ["Nhân dịp này, Khoa", "Khoa"])
def test_the_faculty_word_alone_opening_a_vietnamese_clause_is_the_homes(clause: str) -> None:
    text = (
        "Mùa cao điểm du lịch đang đến gần, nhu cầu nhân sự của các khách sạn tăng mạnh.\n"
        "Ngày 18/5, Khoa Du lịch tổ chức buổi gặp gỡ doanh nghiệp với hơn 20 đơn vị.\n"
        f"{clause} đã ký kết thỏa thuận hợp tác với Khách sạn Liberty Central Saigon Riverside."
    )
    decision = read(text, title="Sinh viên Du lịch thêm cơ hội thực tập")
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == [
        "Khách sạn Liberty Central Saigon Riverside"
    ]


UEB = InstitutionConfig(
    id="ueb",
    name="VNU University of Economics and Business",
    aliases=("UEB", "Trường Đại học Kinh tế"),
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Trong khuôn khổ Diễn đàn, đã diễn ra lễ ký kết thỏa thuận hợp tác giữa Trường Đại học"
        " Kinh tế Quốc dân và Công ty Cổ phần An Phát.",
        "Trong khuôn khổ Diễn đàn, Trường Đại học Kinh tế Quốc dân và Công ty Cổ phần An Phát"
        " đã ký kết thỏa thuận hợp tác.",
    ],
)
def test_a_longer_name_that_starts_with_the_homes_is_another_university(sentence: str) -> None:
    lead = "Ngày 10/5, Trường Đại học Kinh tế, ĐHQGHN đăng cai tổ chức Diễn đàn Kinh tế số.\n"
    assert not read(lead + sentence, home=UEB).is_agreement
    assert read(lead + sentence.replace(" Quốc dân", ""), home=UEB).is_agreement


def test_not_only_after_the_signing_word_speaks_of_the_document_just_signed() -> None:
    lead = "Sáng 20/5, HUST khai trương Trung tâm Đào tạo Cơ điện tử HUST – Fuji Seiki.\n"
    signed = read(
        lead + "Văn bản thỏa thuận hợp tác mà HUST và Công ty Cổ phần Fuji Seiki vừa cùng đặt"
        " bút ký cách đây ít phút không chỉ là một thủ tục."
    )
    assert signed.is_agreement, signed.reasons
    remark = read(
        lead + "Hợp tác với doanh nghiệp không chỉ là ký kết văn bản thỏa thuận hợp tác với"
        " Công ty Cổ phần Fuji Seiki."
    )
    assert not remark.is_agreement, remark.reasons


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        (
            "Ngày 18/5, HUST làm việc trực tuyến với Đại học Minh Tân. Kết thúc buổi làm việc, hai"
            " bên thống nhất sẽ tiến hành ký kết biên bản ghi nhớ trong thời gian tới, khi điều"
            " kiện cho phép tổ chức lễ ký kết trực tiếp.",
            False,
        ),
        (
            "Ngày 18/5, HUST làm việc với Đại học Minh Tân. Hai bên thống nhất sẽ mở rộng hợp tác"
            " trong thời gian tới; sau đó, lễ ký kết biên bản ghi nhớ đã diễn ra tại hội trường.",
            True,
        ),
    ],
)
def test_a_ceremony_told_after_a_planned_signing_is_that_plan(text: str, signed: bool) -> None:
    assert read(text).is_agreement is signed


@pytest.mark.parametrize(
    "title",
    [
        "Thư mời báo chí: Lễ ký kết hợp tác đào tạo với Công ty Sao Việt",
        "Press invitation: signing ceremony between HUST and Sao Viet Company",
    ],
)
def test_a_press_invitation_announces_a_ceremony_to_come(title: str) -> None:
    text = (
        "HUST trân trọng kính mời Quý cơ quan cử phóng viên đến dự Lễ ký kết thỏa thuận hợp tác"
        " giữa Nhà trường và Công ty Sao Việt.\nChương trình:\n9g15: Ký kết thỏa thuận hợp tác."
    )
    assert not read(text, title=title).is_agreement


def test_a_signing_scheduled_in_the_headline_is_a_plan() -> None:
    text = "On May 20, HUST welcomed a delegation of the University of Stirling."
    assert not read(
        text, title="HUST welcomes Stirling; MoU signing scheduled for December"
    ).is_agreement
    assert read(text, title="HUST and Stirling: MoU signing marks new partnership").is_agreement


def test_exchanging_the_signed_memorandum_in_a_caption_tells_the_signing() -> None:
    decision = read(
        "[Photo 2] HUST President and the Vice President of Kyoto Institute of Technology"
        " exchange the signed memorandum of understanding on 20 May 2025."
    )
    assert decision.is_agreement, decision.reasons


def test_yesterday_counts_back_from_the_dateline() -> None:
    decision = read(
        "Hanoï, le 19 mai 2025 – HUST et l'INSA Lyon ont signé hier une convention de double"
        " diplôme."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 5, 18)


@pytest.mark.parametrize(
    ("text", "signed_on"),
    [
        # Published on Wednesday 21 May 2025.
        ("On Monday, HUST and Kyoto University signed a memorandum of understanding.", 19),
        ("On Wednesday, HUST and Kyoto University signed a memorandum of understanding.", 21),
        ("Lundi dernier, HUST et l'INSA Lyon ont signé une convention de coopération.", 19),
        ("Thứ Sáu vừa qua, HUST và Đại học Kyoto đã ký kết biên bản ghi nhớ.", 16),
        # A weekday with its date is that date.
        ("On Monday, 12 May, HUST and Kyoto University signed a memorandum.", 12),
    ],
)
def test_a_weekday_is_the_last_such_day_up_to_publication(text: str, signed_on: int) -> None:
    decision = read(text)
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 5, signed_on)


def test_a_name_that_folds_like_cancel_is_no_put_off() -> None:
    # "Huy" (a given name) folds like "hủy" (to cancel) in a text without marks.
    decision = read(
        "Chieu 20/5/2025, doan cong tac cua Dai hoc Bach khoa Ha Noi do PGS.TS Nguyen Huy Bang"
        " dan dau da ky gia han Bien ban ghi nho hop tac voi Dai hoc Souphanouvong."
    )
    assert decision.is_agreement, decision.reasons
    assert not read(
        "Chieu 20/5/2025, Dai hoc Bach khoa Ha Noi da huy le ky Bien ban ghi nho hop tac voi"
        " Dai hoc Souphanouvong."
    ).is_agreement


def test_a_unit_without_an_owner_signing_at_the_home_signs_for_it() -> None:
    decision = read(
        "Ngay 18/5/2025, tai Dai hoc Bach khoa Ha Noi (HUST), Khoa Co khi da ky ket Bien ban"
        " ghi nho (MOU) voi Khoa Co khi, Dai hoc Kagoshima (Nhat Ban)."
    )
    assert decision.is_agreement, decision.reasons


def test_a_signing_that_remains_to_be_organised_has_not_taken_place() -> None:
    text = (
        "La cérémonie de signature de l'accord entre HUST et l'Université Grenoble Alpes a été"
        " reportée.\n« Le texte de l'accord est finalisé ; seule la signature reste à organiser »,"
        " précise le directeur."
    )
    assert not read(text).is_agreement, read(text).reasons


def test_a_home_hosting_the_signing_in_the_headline_is_no_party_when_the_lead_names_others() -> (
    None
):
    vinuni = InstitutionConfig(id="vinuni", name="VinUniversity", aliases=("VinUni",))
    decision = read(
        "On May 20, VinUni hosted the signing of a memorandum of understanding between the"
        " Ministry of Health of Vietnam and the Australian Department of Health.\nThe MoU was"
        " signed by Deputy Minister Tran Van Thuan and Ms. Blair Exell, in the presence of"
        " Prof. Rohit Verma, Provost of VinUni.",
        title="VinUni hosts Vietnam–Australia MoU signing",
        home=vinuni,
    )
    assert not decision.is_agreement, decision.reasons


def test_the_academy_unmarked_after_its_own_venue_signs() -> None:
    # "Hoc vien" capitalised is the academy (Học viện), not trainees (học viên); named
    # after the venue that is its own seat, it is the subject.
    apag = InstitutionConfig(
        id="apag",
        name="Academy of Public Administration and Governance",
        aliases=("APAG", "Học viện Hành chính và Quản trị công"),
    )
    decision = read(
        "Ngay 20/5/2025, tai tru so Hoc vien Hanh chinh va Quan tri cong, Hoc vien da ky ket"
        " Bien ban ghi nho hop tac voi Vien Hanh chinh cong Han Quoc (KIPA).",
        home=apag,
    )
    assert decision.is_agreement, decision.reasons


def test_a_partner_that_the_home_describes_signs_with_others() -> None:
    # The home's name goes on into another's ("... Ngoại ngữ Hàn Quốc"), and the home only
    # describes the signer ("đối tác lâu năm của ...").
    decision = read(
        "Ngày 20/5, Trường Đại học Ngoại ngữ Hàn Quốc (HUFS), đối tác lâu năm của Trường Đại"
        " học Ngoại ngữ - ĐHQGHN, đã ký biên bản ghi nhớ với Cục Hợp tác quốc tế, Bộ Giáo dục"
        " và Đào tạo.",
        home=ULIS,
    )
    assert not decision.is_agreement, decision.reasons


def test_a_unit_signs_at_its_university_named_with_its_system() -> None:
    decision = read(
        "Sáng 18/5, tại Trường Đại học Khoa học Xã hội và Nhân văn, ĐHQGHN, Khoa Du lịch học đã"
        " ký kết biên bản ghi nhớ hợp tác với Công ty Cổ phần Du lịch Vietravel.",
        title="Khoa Du lịch học và Vietravel ký ghi nhớ hợp tác đào tạo",
        home=USSH,
    )
    assert decision.is_agreement, decision.reasons


def test_the_home_named_as_a_witness_before_the_signers_is_no_party() -> None:
    vnuhcm = InstitutionConfig(
        id="vnuhcm",
        name="Vietnam National University Ho Chi Minh City",
        aliases=("VNU-HCM", "ĐHQG-HCM"),
    )
    decision = read(
        "Ngày 20/5, ĐHQG-HCM tổ chức Diễn đàn Đổi mới sáng tạo năm 2025.\nTrong khuôn khổ diễn"
        " đàn, dưới sự chứng kiến của lãnh đạo ĐHQG-HCM, UBND tỉnh Long An đã ký kết thỏa thuận"
        " hợp tác với Tập đoàn Becamex IDC.",
        home=vnuhcm,
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "home"),
    [
        # The last two names before the verb, joined by "and", sign; the venue comes first.
        (
            "On the afternoon of 20 May, at the VNU Convention Centre, the VNU University of"
            " Economics and Business and Aston University (Birmingham, United Kingdom) signed a"
            " joint degree agreement.",
            InstitutionConfig(
                id="ueb", name="VNU University of Economics and Business", aliases=("UEB",)
            ),
        ),
        (
            "Last Monday, HUST and Kyushu University put their names to a memorandum of"
            " understanding.",
            HUST,
        ),
        (
            "C'est à Hanoï, en présence de l'ambassadeur de France, qu'ont été apposées le 20"
            " mai les signatures d'un accord de partenariat stratégique entre HUST et l'École"
            " polytechnique.",
            HUST,
        ),
        (
            "On 20 May, HUST and the University of Leeds formalised the partnership by signing a"
            " Memorandum of Understanding.",
            HUST,
        ),
        (
            "Students will earn two degrees after HUST and National Taipei University of"
            " Technology put pen to paper last Monday on a 2+2 dual degree agreement.",
            HUST,
        ),
        (
            # The system after the venue is the venue's; the unit signs for the home.
            "Sáng 20/5, tại Trường Đại học Khoa học Xã hội và Nhân văn, ĐHQGHN, Khoa Du lịch học"
            " đã ký kết biên bản ghi nhớ hợp tác với Tổng công ty Du lịch Sài Gòn.",
            USSH,
        ),
        (
            "On 20 May, HUST welcomed a delegation from Kanazawa University.\nAt the end of the"
            " meeting, HUST and Kanazawa University extended the Agreement on Academic Exchange"
            " for another five years.",
            HUST,
        ),
    ],
)
def test_the_home_signs_after_a_venue_and_in_other_words(
    text: str, home: InstitutionConfig
) -> None:
    decision = read(text, home=home)
    assert decision.is_agreement, decision.reasons


def test_the_lead_is_the_first_sentence_of_words_not_a_date_line() -> None:
    # The lead names the home: a caption's signing "between the two schools" is its own.
    decision = read(
        "13/05/2025\nSáng 12/5, HUST đã đón tiếp đoàn công tác của Viện Công nghệ Hoàng gia KTH"
        " do GS. Sigbritt Karlsson dẫn đầu.\nGS. Huỳnh Quyết Thắng và GS. Sigbritt Karlsson ký"
        " biên bản ghi nhớ hợp tác giữa hai trường.",
        title="Đoàn Viện Công nghệ Hoàng gia KTH thăm và làm việc tại HUST",
    )
    assert decision.is_agreement, decision.reasons


def test_a_bare_signing_after_a_contract_of_another_kind_is_that_contract() -> None:
    decision = read(
        "Le 20 mai, HUST a signé des contrats de travail d'une durée de deux ans avec douze"
        " enseignants étrangers venus de France et du Japon.\nParmi eux, trois docteurs diplômés"
        " de l'Université de Lorraine et de l'Université d'Osaka renforceront les"
        " laboratoires.\nAprès la signature, le vice-recteur a présenté le règlement intérieur.",
        title="HUST signe des contrats de travail avec douze enseignants étrangers",
    )
    assert not decision.is_agreement, decision.reasons


def test_the_system_after_the_homes_dash_is_its_parent_not_its_acronym() -> None:
    # "Trường Đại học Ngoại ngữ - ĐHQGHN": the system signing alone is not the home.
    decision = read(
        "Ngày 14/5/2025, Đại học Quốc gia Hà Nội (ĐHQGHN) và UBND thành phố Hà Nội đã ký kết"
        " thỏa thuận hợp tác giai đoạn 2025 - 2030.\nTham dự lễ ký kết, về phía Trường Đại học"
        " Ngoại ngữ - ĐHQGHN có PGS.TS Nguyễn Thu Hằng, Hiệu trưởng nhà trường.\nThỏa thuận"
        " được ký bởi Giám đốc ĐHQGHN và Chủ tịch UBND thành phố Hà Nội.",
        title="ĐHQGHN và UBND thành phố Hà Nội ký kết thỏa thuận hợp tác",
        home=ULIS,
    )
    assert not decision.is_agreement, decision.reasons


def test_the_system_after_the_homes_dash_at_a_sentence_end_is_its_parent() -> None:
    decision = read(
        "Chiều 20/5, tại Hà Nội, Đại học Quốc gia Hà Nội và Đại học Quốc gia Úc (ANU) đã ký thỏa"
        " thuận hợp tác.\nTham dự buổi lễ có Hiệu trưởng Trường Đại học Ngoại ngữ - ĐHQGHN.",
        title="ĐHQGHN ký kết hợp tác với Đại học Quốc gia Úc",
        home=ULIS,
    )
    assert not decision.is_agreement, decision.reasons
    assert "the title is a signing between other parties" in decision.reasons[0]


def test_signatures_put_on_an_agreement_are_a_signing() -> None:
    decision = read(
        "On Monday (19 May), HUST, Vingroup and Phenikaa University put their signatures on a"
        " tripartite agreement on training engineers for electric vehicles."
    )
    assert decision.is_agreement, decision.reasons


def test_a_ceremony_to_renew_is_dated_by_the_lead_not_by_the_first_signing() -> None:
    # The year after "first signed" dates the earlier document; the renewal is today's news.
    decision = read(
        "On 16 May 2025, HUST and Tohoku University held a ceremony to renew the memorandum of"
        " understanding first signed between the two universities in 2015."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 5, 16)
    assert decision.agreement.renewal
    # With no act before it, the participle's year makes the sentence background.
    earlier = read(
        "On 16 May 2025, HUST welcomed Tohoku University, with which it first signed a"
        " memorandum of understanding in 2015."
    )
    assert not earlier.is_agreement, earlier.reasons


def test_an_and_after_the_comma_that_closes_between_joins_topics_not_people() -> None:
    # "trao đổi chuyên gia" (exchanging experts) is a field of the agreement, not its side.
    decision = read(
        "Kết thúc buổi làm việc, Giám đốc Đại học Bách khoa Hà Nội và Hiệu trưởng Trường Đại"
        " học Quốc gia Lào đã ký kết Thỏa thuận hợp tác giai đoạn 2025-2030 giữa hai trường,"
        " tập trung vào đào tạo sau đại học, nghiên cứu chung và trao đổi chuyên gia."
    )
    assert decision.is_agreement, decision.reasons
    contracts = read(
        "Chiều 20/5, Đại học Bách khoa Hà Nội đã ký hợp đồng thực hiện giữa Nhà trường và các"
        " chuyên gia được mời giảng dạy năm học 2025-2026."
    )
    assert not contracts.is_agreement, contracts.reasons


def test_an_agreement_submitted_for_signature_later_is_a_plan() -> None:
    for text in (
        "Le 20 mai, HUST a reçu une délégation de l'Université de Nantes. Une convention de"
        " double diplôme sera rédigée puis soumise à la signature des deux présidents lors de"
        " la prochaine visite.",
        "On 20 May, HUST received a delegation from the University of Nantes. A dual degree"
        " agreement will be drafted and submitted for signature at the next meeting.",
    ):
        decision = read(text)
        assert not decision.is_agreement, decision.reasons


def test_people_signing_between_the_two_institutions_are_no_other_parties() -> None:
    # The rector named earlier signs for the home; the other signer's body is the partner.
    decision = read(
        "Le 19 mai, le Pr Huỳnh Quyết Thắng, Recteur de HUST, a ouvert les journées.\nJeudi"
        " dernier, en marge des journées, le Pr Huỳnh Quyết Thắng et Mme Anne Le Goff,"
        " vice-présidente de l'Université de Bretagne Occidentale, ont signé un accord de"
        " coopération entre les deux établissements."
    )
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == ["Université de Bretagne Occidentale"]


def test_a_title_and_a_weekday_are_not_signing_organisations() -> None:
    # "Giám đốc", "Hiệu trưởng" open with a capital; "Mardi" opens the sentence.
    decision = read(
        "Ngày 19/5/2025, tại Đại học Bách khoa Hà Nội, Giám đốc Đại học Bách khoa Hà Nội và"
        " Hiệu trưởng Trường Đại học Chiang Mai (Thái Lan) đã ký gia hạn bản ghi nhớ hợp tác"
        " giữa hai trường."
    )
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == ["Trường Đại học Chiang Mai"]
    french = read(
        "Mardi dernier, Mme Anne Le Goff et le recteur de HUST ont signé une convention de"
        " coopération entre l'Université de Bretagne Occidentale et HUST."
    )
    assert french.agreement is not None, french.reasons
    assert [p.name for p in french.agreement.partners] == ["Université de Bretagne Occidentale"]


def test_earlier_this_week_is_the_news_not_background() -> None:
    decision = read(
        "Earlier this week, HUST and the University of Kerala signed a memorandum of"
        " understanding on joint research."
    )
    assert decision.is_agreement, decision.reasons
    history = read(
        "HUST welcomed a delegation of the University of Kerala. Earlier, the two universities"
        " had signed a memorandum of understanding."
    )
    assert not history.is_agreement, history.reasons


def test_the_home_named_as_a_signer_after_its_room_is_a_party() -> None:
    decision = read(
        "The MoU was signed at HUST's campus on Dai Co Viet Street by Prof. Huynh Quyet Thang,"
        " President of HUST, and Prof. Anil Kumar, Vice-Chancellor of the University of"
        " Kerala."
    )
    assert decision.is_agreement, decision.reasons
    room = read(
        "The MoU between Viettel and the University of Kerala was signed in the HUST Library"
        " Hall on Dai Co Viet Street."
    )
    assert not room.is_agreement, room.reasons


def test_a_caption_in_the_present_tells_the_signing() -> None:
    decision = read(
        "On 19 May, HUST welcomed a delegation of Daikin Vietnam.\nDr. Nguyen Phong Dien, Vice"
        " President of HUST, and Mr. Kenji Sato, CEO of Daikin Vietnam, sign the memorandum of"
        " understanding"
    )
    assert decision.is_agreement, decision.reasons
    for plan in (
        "On 19 May, HUST welcomed a delegation of Daikin Vietnam. The two sides agreed to sign"
        " the memorandum of understanding at a later date.",
        "On 19 May, HUST welcomed a delegation of Daikin Vietnam. Both sides will review and"
        " sign the memorandum of understanding next year.",
    ):
        assert not read(plan).is_agreement, plan


def test_a_city_after_a_word_of_place_is_where_a_side_is_not_a_side() -> None:
    decision = read(
        "Chiều 20/5, Cơ sở 2 Đại học Bách khoa Hà Nội tại TP. Hồ Chí Minh và Ngân hàng"
        " Thương mại Cổ phần Phương Nam đã ký thỏa thuận hợp tác chiến lược."
    )
    assert decision.agreement is not None, decision.reasons
    assert [p.name for p in decision.agreement.partners] == [
        "Ngân hàng Thương mại Cổ phần Phương Nam"
    ]


def test_a_member_school_named_with_the_home_in_the_lead_signs_for_it() -> None:
    hue = InstitutionConfig(
        id="hue", name="Hue University", aliases=("Đại học Huế", "Université de Hué")
    )
    decision = read(
        "Dès l'automne, des internes de l'Université de Médecine et de Pharmacie, Université de"
        " Hué, seront accueillis au CHU de Rennes, selon la convention conclue le 5 mai entre"
        " le CHU de Rennes et l'Université de Médecine et de Pharmacie.\nLa convention a été"
        " signée à Hué par le Recteur de l'Université de Médecine et de Pharmacie et par le"
        " directeur général du CHU de Rennes.",
        home=hue,
    )
    assert decision.is_agreement, decision.reasons


def test_putting_pen_to_paper_in_vietnamese_and_people_met_after_the_ceremony() -> None:
    decision = read(
        "Sáng 20/5, Đại học Bách khoa Hà Nội và Công ty TNHH Daewon Vina đã chính thức đặt bút"
        " ký văn bản thỏa thuận hợp tác đào tạo kỹ sư.\nNgay sau lễ ký, đoàn doanh nghiệp đã"
        " tham quan phòng thí nghiệm và trao đổi với giảng viên."
    )
    assert decision.is_agreement, decision.reasons
    contracts = read(
        "Sáng 20/5, Đại học Bách khoa Hà Nội đã ký hợp đồng thỉnh giảng với 12 giảng viên"
        " người nước ngoài."
    )
    assert not contracts.is_agreement, contracts.reasons


def test_a_management_board_of_the_state_is_no_unit_of_the_home() -> None:
    decision = read(
        "Sáng 20/5, Đại học Bách khoa Hà Nội và Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh đã"
        " ký kết thỏa thuận hợp tác về đào tạo nguồn nhân lực."
    )
    assert decision.agreement is not None, decision.reasons
    assert [(p.name, p.kind) for p in decision.agreement.partners] == [
        ("Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh", "government")
    ]
    lowercase = read(
        "Sáng 20/5, Đại học Bách khoa Hà Nội và Ban Quản lý các khu công nghiệp Bắc Ninh đã ký"
        " kết thỏa thuận hợp tác về đào tạo nguồn nhân lực."
    )
    assert lowercase.agreement is not None, lowercase.reasons
    assert [p.name for p in lowercase.agreement.partners] == [
        "Ban Quản lý các khu công nghiệp Bắc Ninh"
    ]


def test_the_home_named_in_an_opening_aside_is_no_party_to_what_follows() -> None:
    decision = read(
        "Besides the HUST agreement, the Bac Ninh Provincial People's Committee also signed"
        " cooperation documents with the Northern Institute of Hydraulic Research."
    )
    assert not decision.is_agreement, decision.reasons
    own = read(
        "Besides the new laboratory, HUST signed a cooperation agreement with the Northern"
        " Institute of Hydraulic Research."
    )
    assert own.is_agreement, own.reasons


def test_since_the_agreement_was_signed_is_background() -> None:
    decision = read(
        "On 19 May, HUST and Arctiq Microsystems inaugurated an IC design laboratory.\nArctiq"
        " has hosted eleven HUST interns since the agreement was signed."
    )
    assert not decision.is_agreement, decision.reasons


def test_on_thursday_before_a_comma_and_the_subject_is_a_weekday() -> None:
    # Published on Wednesday 21 May 2025: "On Thursday" is the 15th.
    decision = read(
        "On Thursday, the Hanoi University of Science and Technology (HUST) and Ateneo de"
        " Manila University signed a memorandum of understanding."
    )
    assert decision.agreement is not None, decision.reasons
    assert decision.agreement.signed_on == date(2025, 5, 15)


def test_the_signing_word_and_the_homes_faculty_word_name_no_other_party() -> None:
    decision = read(
        "Thứ năm, 22/05/2025\nChiều qua, tại Hội trường tầng 3 Nhà A1, Khoa Tiếng Nhật, Trường"
        " Đại học Ngoại ngữ - ĐHQGHN và Trường Đại học Ngoại ngữ Kobe (KUFS) đã ký thỏa thuận"
        " trao đổi sinh viên. Ký thỏa thuận về phía Khoa là TS. Phạm Thị Ngọc Anh, Trưởng khoa;"
        " về phía KUFS là GS. Sato Kenji, Trưởng Khoa Việt Nam học.",
        title="Sinh viên tiếng Nhật có thêm cơ hội học kỳ tại Kobe",
        home=ULIS,
    )
    assert decision.is_agreement, decision.reasons


def test_no_new_document_signed_during_a_visit_is_a_negation() -> None:
    decision = read(
        "On 19 May, HUST welcomed a delegation of Tomas Bata University to celebrate ten years"
        " of partnership.\nNo new document was signed during the visit."
    )
    assert not decision.is_agreement, decision.reasons


def test_a_text_initialled_before_a_signing_to_come_is_not_signed() -> None:
    decision = read(
        "Le 20 mai, HUST et l'Université de Technologie de Troyes ont paraphé le texte d'un"
        " accord-cadre de coopération.\nIl ne vaut pas signature : cette signature pourrait"
        " avoir lieu à Paris lors d'une prochaine visite."
    )
    assert not decision.is_agreement, decision.reasons
    signed = read(
        "Le 20 mai, HUST et l'Université de Technologie de Troyes ont paraphé un accord-cadre"
        " de coopération.\nL'accord prévoit des échanges d'étudiants."
    )
    assert signed.is_agreement, signed.reasons


def test_a_researchers_own_contract_and_a_non_binding_letter_of_intent_are_no_signing() -> None:
    own = read(
        "La Dr Trần Thu Hà, enseignante-chercheuse au département de biologie de HUST, a signé"
        " le 20 mai à Paris son contrat de chaire de professeur junior avec le CNRS."
    )
    assert not own.is_agreement, own.reasons
    letter = read(
        "Le 19 mai, HUST et la Maison des sciences de l'homme de Lyon ont signé une lettre"
        " d'intention en vue d'un laboratoire commun.\nComme le précise le document, elle"
        " n'engage juridiquement aucune des deux parties."
    )
    assert not letter.is_agreement, letter.reasons
    # A letter of intent signed with nothing said of its force is a signing.
    signed = read(
        "Le 19 mai, HUST et la Maison des sciences de l'homme de Lyon ont signé une lettre"
        " d'intention en vue d'un laboratoire commun."
    )
    assert signed.is_agreement, signed.reasons


def test_the_home_saying_it_is_no_party_is_no_party() -> None:
    decision = read(
        "Bên lề hội thảo, Sở Y tế tỉnh Bắc Ninh và Công ty Cổ phần MedAIx đã ký biên bản ghi"
        " nhớ. Đại học Bách khoa Hà Nội không phải là bên tham gia biên bản này; đại diện Nhà"
        " trường dự lễ ký với tư cách đơn vị tổ chức."
    )
    assert not decision.is_agreement, decision.reasons


def test_the_cooperation_offices_name_holds_no_agreement_noun() -> None:
    decision = read(
        "Từ ngày 2/5 đến 12/5/2025, Đại học Bách khoa Hà Nội đã đón 22 sinh viên của Trường Đại"
        " học Shizuoka (Nhật Bản).\nChương trình được tổ chức trong khuôn khổ Biên bản ghi nhớ"
        " hợp tác mà hai trường đã ký kết vào tháng 9/2023. Đây là hoạt động đầu tiên sau khi ký"
        " kết, do Khoa Đông phương học và Phòng Hợp tác quốc tế phối hợp thực hiện.",
        title="Chương trình giao lưu mùa hè cho sinh viên Trường Đại học Shizuoka",
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A player's contract with a football club.
        (
            "Ngay 3/5/2025, em Ho Van Khanh, sinh vien nam thu ba, Dai hoc Bach khoa Ha Noi, da"
            " chinh thuc ky hop dong cau thu chuyen nghiep thoi han 3 nam voi Cau lac bo Bong da"
            " Song Lam Nghe An.",
            "Sinh vien Dai hoc Bach khoa Ha Noi ky hop dong chuyen nghiep voi CLB Song Lam",
        ),
        # Job offers at the home's fair.
        (
            "The HUST Job Fair, held on 19 May, ended with more than 400 students signing job"
            ' offers or internship contracts.\n"I came with my CV and left with a contract as a'
            ' junior automation engineer," said a student, who signed with a Japanese-owned'
            " factory.",
            "Over 400 students sign job offers at HUST Job Fair 2025",
        ),
        # A letter of intent that creates no binding obligation; "the letter was signed" after.
        (
            "On 19 May, HUST and Rheinberg Automation GmbH signed a letter of intent on a"
            " training centre.\nThe letter was signed by the HUST President.\nAs stated in the"
            ' document, it "does not create binding obligations for either party".',
            None,
        ),
    ],
)
def test_player_contracts_job_offers_and_letters_binding_no_one(
    text: str, title: str | None
) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


# Not the home's signing of an agreement: contracts of other kinds, plans, refusals, questions,
# background, another body's signing named again.
@pytest.mark.parametrize(
    "text",
    [
        # A lease of the home's premises: a contract of another kind.
        "HUST has signed a five-year lease with Sen Vang Catering JSC for the ground floor of"
        " its student centre.\nThe lease was signed on 19 May by the Vice President of HUST and"
        " the director of Sen Vang Catering.",
        # A question about signings to come.
        "Q: Will HUST sign many new cooperation agreements this year?\nA: Fewer, but deeper.",
        # Two sides that decided not to hold a signing.
        "Le vol de la délégation ayant été annulé, HUST et l'Université de Namur ont décidé de"
        " ne pas organiser de signature de l'accord de coopération à distance.",
        # A contract to carry out six research tasks for the city.
        "Ngày 20/5, Đại học Bách khoa Hà Nội đã ký hợp đồng thực hiện 6 nhiệm vụ khoa học và"
        " công nghệ cấp thành phố với Sở Khoa học và Công nghệ Hà Nội.",
        # A licence to use a patent.
        "Le 20 mai, HUST a signé avec la société Xanh Agritech un contrat de licence exclusive"
        " d'exploitation de son brevet sur les biofertilisants.",
        # Contracts for research tasks with the home's own investigators.
        "On 20 May, HUST held a ceremony to sign research task contracts for 46 projects with"
        " their principal investigators.",
        # The home's trade union, at the home, with a company's trade union.
        "Sáng 20/5, tại Đại học Bách khoa Hà Nội, Công đoàn Đại học Bách khoa Hà Nội và Công"
        " đoàn Tổng Công ty Cao su Phước Hòa đã ký kết chương trình phối hợp.\nSau lễ ký, đoàn"
        " Công đoàn Tổng Công ty tham quan thư viện.",
        # An on-lending agreement with the Ministry of Finance, then "the agreement".
        "Le 20 mai, HUST et le Ministère des Finances ont signé l'accord de rétrocession du prêt"
        " de la Banque mondiale.\nL'accord a été signé par le Président de HUST et par un"
        " directeur du Ministère des Finances.",
        # A ceremony the two sides hope to arrange later.
        "Ngày 20/5, Đại học Bách khoa Hà Nội và Trường Đại học Công nghệ Brno thống nhất dự thảo"
        " thỏa thuận hợp tác.\nHai bên sẽ phối hợp để có thể tổ chức lễ ký kết vào dịp đoàn sang"
        " châu Âu.",
        # A student start-up's investment agreement at the home's demo day.
        "GreenBrick, a start-up of four HUST students, signed an investment agreement with Lotus"
        " Seed Ventures on 19 May at the HUST Demo Day.",
        # A draft initialled; its signing "interviendra" later.
        "Le 19 mai, HUST et IMT Atlantique ont paraphé le projet de convention de double"
        " diplôme.\nLa signature officielle de la convention interviendra après validation.",
        # A lease: "le contrat" after it is that lease, whatever approval is named with it.
        "Le 19 mai, HUST et l'Institut français du Vietnam ont signé un contrat de location de"
        " locaux.\nLe contrat a été signé par le Vice-président de HUST, après l'accord du"
        " ministère.",
        # The colon of a time ends no clause: the ceremony "did not take place".
        "HUST informs students that the signing ceremony of the articulation agreement between"
        " HUST and Phoenix Institute of Technology, scheduled for 9:00 a.m. on Monday, 19 May,"
        " at Hall A, did not take place.",
        # Signed "à Nantes le 27 novembre 2014": where, then when; a tenth anniversary.
        "Le 19 mai, HUST a célébré les dix ans de sa convention de coopération avec Nantes"
        " Université, signée à Nantes le 27 novembre 2014.",
        # A signing planned, then "the signing ceremony" spoken of again.
        "La signature est prévue lors de la mission de HUST en Bretagne.\nHUST publiera le"
        " compte rendu de la cérémonie de signature à l'issue de la mission.",
        "Tại hội nghị, UBND tỉnh Bắc Ninh đã trao quyết định chủ trương đầu tư cho 6 dự án, đồng"
        " thời ký kết biên bản ghi nhớ đầu tư với 12 doanh nghiệp.",
        "Quels ont été les temps forts ? L'an dernier, nous avons signé des accords avec l'INSA"
        " Lyon et avec Grenoble INP.",
        "Năm ngoái, Đại học Bách khoa Hà Nội đã ký kết thỏa thuận hợp tác với Đại học Osaka.",
        "On 19 May, the Ministry of Science and Technology and HUST signed contracts for the"
        " implementation of five national-level science and technology tasks.",
        "Ngày 19/5, Đại học Bách khoa Hà Nội và Sở Kế hoạch và Đầu tư tỉnh Bến Tre đã ký hợp"
        " đồng tư vấn xây dựng đề án chuyển đổi xanh.",
        # Two other bodies sign at the home's event; "the agreement signed today" is theirs.
        "Le 19 mai, HUST a accueilli la Journée de l'espace.\nTemps fort de la journée, le"
        " Centre spatial national du Vietnam et le Centre national d'études spatiales (CNES) ont"
        " signé, en présence de l'Ambassadeur de France, un accord de coopération.\nLa rectrice a"
        " rappelé que HUST forme des ingénieurs du spatial. « L'accord signé aujourd'hui ouvrira"
        " des sujets de stage pour nos étudiants », a-t-elle estimé.",
        # Another university named with an elided "de" is no self-reference of the home.
        "Nous relayons le communiqué de l'Université d'Armor, partenaire de HUST.\n« Le 7 mai,"
        " à Brest, l'Université d'Armor et l'Université Gyeongsang-Est ont signé un accord-cadre"
        " de coopération. »",
        # A visit that was to end with a signing.
        "Le 19 mai, HUST a reçu une délégation de l'Université de Namur.\nLa visite devait"
        " initialement se conclure par la signature d'un accord d'échange d'étudiants.",
        # A month alone closing the sentence, months before publication.
        "Đại học Bách khoa Hà Nội có thỏa thuận với Tập đoàn Hanwha Aerospace Việt Nam về đào"
        " tạo kỹ sư, được ký hồi tháng 2.",
        # A committee's conclusion about an agreement, not a contract concluded.
        "Le 19 mai, le comité de pilotage a conclu que l'accord de coopération entre HUST et"
        " l'Université de Toulouse restait pertinent.",
        # A class exercise: the memorandum "was fictional".
        "The memorandum of understanding signed on 19 May in Hall A of HUST was fictional, the"
        " final exercise of the negotiation course.",
        "Chiều 19/5, Khoa Quản trị tổ chức mô phỏng đàm phán và ký kết thỏa thuận hợp tác giữa hai"
        " công ty giả lập.",
        # "The agreement" after a sponsorship agreement is that sponsorship.
        "On 19 May, HUST and Dai Phat Automation Co., Ltd. signed a sponsorship agreement for the"
        " HUST Robot Challenge 2025.\nThe agreement was signed by the head of the organising"
        " committee and by the company's marketing director.",
        # The minutes of a working session, signed at its end.
        "Ngày 19/5, kết thúc buổi làm việc, lãnh đạo Đại học Bách khoa Hà Nội và Đại học Quốc gia"
        " Lào đã ký biên bản làm việc ghi lại các nội dung đã trao đổi; văn bản thỏa thuận hợp tác"
        " chính thức sẽ do hai bên soạn thảo.",
        "At the end of the working session on 19 May, HUST and the National University of Laos"
        " signed the minutes of the meeting on their cooperation agreement.",
        # A time the text refers back to: "that year", "năm ấy", "the then".
        "Bà Hoa kể: năm ấy ông sang Pháp, ký bản ghi nhớ đầu tiên giữa Đại học Bách khoa Hà Nội"
        " và Trường Đại học Rouen.",
        "As Dean of the then Faculty of Mechanical Engineering of HUST, he signed the first"
        " cooperation agreement with Toyohashi University of Technology.",
        # A text ready for signature; applications open as soon as it is signed.
        "Validé par les conseils des deux établissements, l'accord de double diplôme entre HUST et"
        " l'Université Côte d'Azur est prêt pour la signature.",
        "Applications will open as soon as the agreement is signed by HUST and Côte d'Azur"
        " University.",
        # Work done under agreements signed before ("dans le cadre des conventions signées").
        "Ces cotutelles sont organisées dans le cadre des conventions individuelles signées entre"
        " HUST et l'Université de Montpellier pour chaque doctorant.",
        # A signing in quotation marks: a show, not an act.
        'Sau 60 phút đàm phán, hai đội sinh viên Đại học Bách khoa Hà Nội thực hiện màn "ký kết'
        ' hợp đồng" trước ban giám khảo.',
        # Diplomas signed by two presidents; an alumnus's professional contract.
        "The diplomas were signed by the Presidents of HUST and Shu-Te University in the weeks"
        " before the ceremony.",
        "Ngày 19/5, cựu sinh viên Đại học Bách khoa Hà Nội đã ký hợp đồng chuyên nghiệp với Câu lạc"
        " bộ Bóng đá Long An.",
        # An act named in a programme, then called off in the next sentence.
        "The programme of the visit included the signing of a memorandum of understanding"
        " between HUST and TU Dresden.\nThe signing ceremony will not take place this week.",
        # The home's people attended another university's signing.
        "Also this week, Foreign Trade University signed a memorandum of understanding with"
        " Deloitte Vietnam on audit training; HUST lecturers attended as guests.",
        # A signing between a ministry and an embassy, named in lowercase after "entre".
        "Le 19 mai, HUST a accueilli la cérémonie de signature d'un accord entre le ministère de"
        " l'Éducation et de la Formation du Vietnam et l'Ambassade de France.",
        # A claim the text denies.
        "Social media pages have circulated photographs claiming that HUST signed a cooperation"
        " agreement with Global Career Bridge Co., Ltd. on 18 May.",
        # A lease of the dormitory's premises.
        "Ngày 19/5, Đại học Bách khoa Hà Nội đã ký hợp đồng cho thuê mặt bằng với Công ty Cổ phần"
        " Thương mại Dịch vụ Sài Gòn 24h.",
        # "sẽ" (will) before the act; a company's claim quoted; "au fil des années".
        "Sau khi Hội đồng trường thông qua, Hiệu trưởng sẽ thay mặt Đại học Bách khoa Hà Nội ký"
        " văn bản ghi nhớ với Trường Đại học Deakin.",
        "Advertisements have appeared on the website of Global Education Alliance Ltd stating that"
        ' the company "has signed a strategic cooperation agreement with HUST".',
        "HUST a conclu au fil des années des accords avec une quinzaine d'établissements français.",
        # A count of partners no sentence names.
        "Năm học vừa qua, Đại học Bách khoa Hà Nội cũng đã ký biên bản ghi nhớ với 6 trường đại"
        " học của Nhật Bản, Hàn Quốc và Đài Loan.\nThầy mong các em rèn luyện ngoại ngữ.",
    ],
)
def test_other_contracts_plans_and_past_signings_are_no_signing(text: str) -> None:
    decision = read(text)
    assert not decision.is_agreement, decision.reasons


def test_a_count_of_partners_named_in_the_next_sentence_is_a_signing() -> None:
    text = (
        "Ngày 18/5, Đại học Bách khoa Hà Nội đã ký kết thỏa thuận hợp tác với 3 doanh nghiệp.\n"
        "Các doanh nghiệp ký kết gồm Công ty TNHH Bosch Việt Nam, Công ty TNHH Intel Products"
        " Việt Nam và Công ty Cổ phần FPT."
    )
    assert read(text).is_agreement, read(text).reasons


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A club named after the home with a word of its own signs for itself.
        (
            "HUST Press Club and VietLink Media join hands",
            "On 19 May, the HUST Press Club signed a partnership memorandum with VietLink Media"
            " JSC.",
        ),
        # A company founded by the home's students signs for itself.
        (
            "AquaSense, start-up née à HUST, signe un accord avec EauClaire Technologies",
            "AquaSense, la jeune entreprise fondée en 2023 par trois étudiants du master Eau –"
            " Environnement – Océanographie de HUST, a signé le 19 mai un accord de partenariat"
            " avec EauClaire Technologies.\n« Nous sommes fiers de nos anciens étudiants », a"
            " déclaré le directeur du département, qui a assisté à la signature.",
        ),
        # Joint-degree diplomas signed by two presidents are no agreement.
        (
            "45 graduates receive joint-degree diplomas signed by HUST and Shu-Te University",
            "On 19 May, 45 graduates of the joint programme received their degrees.\nEach"
            " graduate received a diploma signed by the President of HUST and the President of"
            " Shu-Te University.\nThe diplomas were signed in Kaohsiung and Hanoi in the weeks"
            " before the ceremony.",
        ),
        # Agreements recalled in a speech are background.
        (
            "Discours du recteur à la cérémonie de rentrée universitaire",
            "Chers étudiants, l'année écoulée a été riche.\nNous avons signé des accords avec"
            " l'Université de Strasbourg, l'Université Keio et l'Inalco, qui offriront à nombre"
            " d'entre vous des semestres d'échange.",
        ),
    ],
)
def test_a_headline_tells_whose_signing_or_what_document_it_is(title: str, text: str) -> None:
    decision = read(text, title=title)
    assert not decision.is_agreement, decision.reasons


def test_without_a_publication_day_a_signing_decades_before_the_latest_year_is_history() -> None:
    text = (
        "HUST hosted a workshop on 21 September to mark 50 years of Vietnam–Japan relations.\n"
        "Historians from HUST and Keio University revisited the exchange agreement signed in"
        " Paris on 21 September 1973 and the strategic partnership announced in 2023."
    )
    article = Article(
        "https://hust.edu.vn/news/item-2", "Workshop", None, None, tuple(text.split("\n"))
    )
    decision = extract_agreement(article, HUST)
    assert not decision.is_agreement, decision.reasons


def test_an_announcement_headline_tells_a_ceremony_to_come() -> None:
    decision = read(
        "HUST and the University of Salford (United Kingdom) will sign a memorandum of"
        " understanding.\nTime: 9:00, Tuesday 27 May 2025.",
        title="Announcement: signing ceremony between HUST and the University of Salford",
    )
    assert not decision.is_agreement, decision.reasons


@pytest.mark.parametrize(
    "table",
    # A row read as one line, or cell by cell as the crawl reads a table.
    [
        "Chỉ tiêu 2023 2024\nThỏa thuận hợp tác mới được ký kết 21 27",
        "Chỉ tiêu\n2023\n2024\nThỏa thuận hợp tác mới được ký kết\n21\n27",
    ],
)
def test_a_row_of_a_table_of_counts_is_a_statistic(table: str) -> None:
    decision = read(
        "Năm 2024, hoạt động hợp tác quốc tế của Đại học Bách khoa Hà Nội đạt nhiều kết quả.\n"
        + table,
        title="Năm 2024: hợp tác với Tập đoàn Samsung Việt Nam đạt nhiều kết quả",
    )
    assert not decision.is_agreement, decision.reasons


def test_a_week_in_review_tells_the_news_of_the_week() -> None:
    decision = read(
        "A short round-up of what happened across Hanoi University of Science and Technology"
        " this week.\nIndustry: on Tuesday, 20 May, HUST signed a cooperation agreement with"
        " Hoang Long Precision Engineering JSC on internships.",
        title="HUST Week in Review: 19–23 May 2025",
    )
    assert decision.is_agreement, decision.reasons


def test_a_heading_of_a_signing_between_a_group_of_others() -> None:
    decision = read(
        "Ngày 19/5, Đại học Bách khoa Hà Nội tổ chức Diễn đàn Kết nối doanh nghiệp Việt – Nhật.\n"
        "Ký kết hợp tác giữa các doanh nghiệp\nTrong khuôn khổ diễn đàn, Công ty TNHH Cơ khí"
        " Chính xác Minh Phát và Tập đoàn Yamashiro Industries (Nhật Bản) đã ký kết biên bản ghi"
        " nhớ hợp tác.\n"
        # The caption names the companies again: without the group, the heading would be the
        # home signing with them.
        "Lễ ký kết giữa Công ty TNHH Cơ khí Chính xác Minh Phát và Tập đoàn Yamashiro Industries"
        " dưới sự chứng kiến của lãnh đạo Đại học Bách khoa Hà Nội",
        title="Diễn đàn Kết nối doanh nghiệp Việt – Nhật tại Đại học Bách khoa Hà Nội",
    )
    assert not decision.is_agreement, decision.reasons


def test_a_partners_own_signing_relayed_by_the_home_is_no_signing() -> None:
    decision = read(
        "L'Université de Lorraine-Moselle, partenaire de longue date du Département de français"
        " de HUST, vient de signer un accord de coopération avec l'Université de Nagoya.\nSelon"
        " le communiqué, l'accord a été signé le 19 mai à Metz par son président et par la"
        " vice-présidente de l'université japonaise.",
        title="Notre partenaire l'Université de Lorraine-Moselle s'ouvre au Japon",
    )
    assert not decision.is_agreement, decision.reasons
