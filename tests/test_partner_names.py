"""Names folded and reduced to canonical words the way the real world writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.partners.matching import within_edits
from pactwatch.partners.names import (
    acronym_key,
    analyse,
    equivalents_from_data,
    fold,
    initialisms,
    load_equivalents,
    looks_like_acronym,
    name_variants,
    split_definition,
)

EQ = load_equivalents()


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Đại học Đà Nẵng", "dai hoc da nang"),
        ("ĐẠI HỌC ĐÀ NẴNG", "dai hoc da nang"),
        (
            "École Nationale Supérieure des Mines de Saint-Étienne",
            "ecole nationale superieure des mines de saint etienne",
        ),
        ("Centre national d’études spatiales", "centre national d etudes spatiales"),
        ("Binh Dinh People's Committee", "binh dinh people committee"),
        ("Luxshare – ICT Co., Ltd. (Nghe An)", "luxshare ict co ltd nghe an"),
        ("U.S.T.H.", "usth"),
        ("Universität Straße", "universitat strasse"),
        ("Thủy lợi", "thuy loi"),
    ],
)
def test_fold_removes_case_accents_punctuation_and_dashes(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_vietnamese_with_and_without_diacritics_are_the_same_words() -> None:
    assert (
        analyse("Trường Đại học Công nghiệp Hà Nội", EQ).tokens
        == analyse("Truong Dai hoc Cong nghiep Ha Noi", EQ).tokens
    )


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Trường Đại học Đà Nẵng", ("university", "da", "nang")),
        ("Université de Lyon", ("university", "de", "lyon")),
        ("Universität Stuttgart", ("university", "stuttgart")),
        ("Università di Bologna", ("university", "di", "bologna")),
        ("Universidad de Granada", ("university", "de", "granada")),
        ("Trường ĐH Thủy lợi", ("university", "thuy", "loi")),
        ("École Centrale de Lyon", ("school", "centrale", "de", "lyon")),
        ("Viện Hàn lâm", ("institute", "han", "lam")),
        ("Học viện Nông nghiệp", ("academy", "agriculture")),
        ("Trung tâm Vũ trụ", ("centre", "space")),
        (
            "ĐH KHCN Quốc gia Đài Loan",
            ("university", "science", "technology", "national", "dai", "loan"),
        ),
        ("Centre national d'études spatiales", ("centre", "national", "d", "studies", "space")),
    ],
)
def test_generic_words_are_translated_to_one_canonical_word(
    name: str, tokens: tuple[str, ...]
) -> None:
    assert analyse(name, EQ).tokens == tokens


def test_translations_are_reported() -> None:
    form = analyse("Trường Đại học Bách khoa", EQ)
    assert ("truong dai hoc", "university") in form.translations
    assert ("bach khoa", "polytechnic") in form.translations


def test_connectives_weigh_next_to_nothing_and_kinds_little() -> None:
    assert EQ.weight_factor("of") < 0.1
    assert EQ.weight_factor("de") < 0.1
    assert EQ.weight_factor("university") < EQ.weight_factor("technology") < 1.0
    assert EQ.weight_factor("lyon") == 1.0


def test_a_word_that_is_both_stopword_and_concept_keeps_its_meaning() -> None:
    eq = equivalents_from_data(
        {"stopwords": {"es": ["y"]}, "concepts": {"medicine": {"weight": 0.5, "forms": ["y"]}}}
    )
    assert analyse("Đại học Y Hà Nội", eq).tokens == ("dai", "hoc", "medicine", "ha", "noi")


def test_acronym_like_words_are_remembered() -> None:
    form = analyse("VNU Vietnam Japan University", EQ)
    assert form.acronym_tokens == {"vnu"}
    assert analyse("Mines Saint-Étienne", EQ).acronym_tokens == frozenset()


@pytest.mark.parametrize("text", ["CNES", "ĐHQG", "U.S.T.H.", "VNU-HCM", "NTUST", "KH&CN"])
def test_looks_like_acronym(text: str) -> None:
    assert looks_like_acronym(text)


@pytest.mark.parametrize("text", ["Mines", "A", "Vietnam Japan University", "ok", "2025", ""])
def test_does_not_look_like_acronym(text: str) -> None:
    assert not looks_like_acronym(text)


def test_definitions_in_text_split_name_and_acronym() -> None:
    assert split_definition("French National Centre for Space Studies (CNES)") == (
        "French National Centre for Space Studies",
        ("CNES",),
    )
    assert name_variants("French National Centre for Space Studies (CNES)") == (
        "French National Centre for Space Studies",
        ("CNES",),
    )
    # A parenthesis that is not an acronym stays part of the name.
    assert name_variants("Luxshare - ICT (Nghệ An)") == ("Luxshare - ICT (Nghệ An)", ())
    assert name_variants(" CNES ") == ("", ("CNES",))
    assert acronym_key("U.S.T.H.") == "usth"


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Vietnam Japan University", "vju"),
        ("University of Science and Technology of Hanoi", "usth"),
        ("FPT University", "fptu"),
        ("National Taiwan University of Science and Technology", "ntust"),
        ("Global School of Technology and Management", "gstm"),
        ("Đại học Quốc gia Hà Nội", "dhqghn"),
        ("Đại học Đà Nẵng", "dhdn"),
    ],
)
def test_initialisms_skip_connectives_but_not_capitalised_syllables(
    name: str, initials: str
) -> None:
    assert initials in initialisms(name, EQ)


def test_within_edits() -> None:
    assert within_edits("university", "univeristy", 2)
    assert within_edits("danang", "danag", 1)
    assert not within_edits("lyon", "lille", 1)
    assert not within_edits("industry", "technology", 2)


@given(st.text(max_size=60))
def test_analyse_never_fails_and_its_words_are_folded(text: str) -> None:
    form = analyse(text, EQ)
    assert all(t and t == fold(t) and " " not in t for t in form.tokens)
    assert form.acronym_tokens <= set(form.tokens)


@given(
    st.lists(
        st.sampled_from(
            [
                "Université",
                "de",
                "Đà",
                "Nẵng",
                "Trường",
                "Đại",
                "học",
                "KHCN",
                "Lyon",
                "the",
                "Institut",
                "national",
                "Viện",
                "Co.,",
                "Ltd",
                "Saint-Étienne",
                "Mines",
            ]
        ),
        max_size=8,
    )
)
def test_canonical_words_read_again_are_unchanged(parts: list[str]) -> None:
    form = analyse(" ".join(parts), EQ)
    assert analyse(" ".join(form.tokens), EQ).tokens == form.tokens
