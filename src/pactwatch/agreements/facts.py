"""The smaller facts of a signing: kind, renewal, period, areas, signatories, language.

Kinds, most specific first: an MoU named in any clean signing statement wins ("signed a
Memorandum of Understanding" under a headline that says "strategic cooperation agreement"),
then strategic, framework, joint programme and exchange agreements, then the generic
cooperation agreement, then "other" (contracts). A generic agreement whose object follows
it is a joint programme agreement ("an agreement to deliver a joint Bachelor of ...
programme", "un accord pour un double diplôme"). Usage::

    kind, noun = choose_kind(nouns)
    kind, noun = refine_kind(kind, noun, body, lex)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pactwatch.agreements.lexicon import Hit, Lexicon
from pactwatch.agreements.text import Body, fold, has_vietnamese_marks, tokens
from pactwatch.model import AgreementKind, Period, Signatory

KIND_ORDER: tuple[AgreementKind, ...] = (
    "mou",
    "strategic_agreement",
    "framework_agreement",
    "joint_program_agreement",
    "exchange_agreement",
    "cooperation_agreement",
    "other",
)


def choose_kind(nouns: Iterable[Hit]) -> tuple[AgreementKind, Hit | None]:
    """The most specific kind named, and the noun that named it."""
    best: tuple[int, Hit] | None = None
    for hit in nouns:
        rank = KIND_ORDER.index(hit.label) if hit.label in KIND_ORDER else len(KIND_ORDER) - 1
        if best is None or rank < best[0]:
            best = (rank, hit)
    if best is None:
        return "cooperation_agreement", None
    return KIND_ORDER[best[0]], best[1]


# What may stand between a generic agreement noun and the programme it is for: a
# preposition or a purpose verb, an article; no comma (a list of areas is not its object).
_OBJECT_GAP = re.compile(r"^[^,;:.()]{0,40}$")


def refine_kind(
    kind: AgreementKind,
    noun: Hit | None,
    body: Body,
    lex: Lexicon,
    others: Iterable[Hit] = (),
) -> tuple[AgreementKind, Hit | None]:
    """A generic cooperation agreement made specific by its object: "an agreement on a joint
    bachelor's programme", "a joint Master's programme agreement" is a joint programme
    agreement. `others` are the other nouns of the signing, any of which may name it with
    the programme written before it."""
    if kind != "cooperation_agreement" or noun is None:
        return kind, noun
    folded = body.folded
    # "sign data-sharing agreement ... signed an agreement on ...": a bare agreement noun is
    # the other noun's agreement; "a cooperation agreement on data sharing" stays cooperation.
    specific = next((h for h in others if h.label == "other"), None)
    if specific is not None and all(
        _bare(lex, folded, h) for h in (noun, *others) if h.label == "cooperation_agreement"
    ):
        return "other", specific
    for candidate in (noun, *others):
        if candidate is not noun and not _bare(lex, folded, candidate):
            continue
        # "an agreement establishing a double master's degree programme", also under a
        # headline that names the agreement bare ("une convention de partenariat pour le
        # développement de doubles diplômes" is a partnership, named as such).
        window = min(len(folded), candidate.end + 80)
        for hit in lex.cues["programme_objects"].find(folded, candidate.end, window):
            if _OBJECT_GAP.match(folded[candidate.end : hit.start]):
                return "joint_program_agreement", hit
            break
    for candidate in (noun, *others):
        if candidate.label != "cooperation_agreement":
            continue
        # "a joint Master's programme agreement": the object written before the noun.
        for hit in lex.cues["programme_objects"].find(
            folded, max(0, candidate.start - 40), candidate.start
        ):
            if _BEFORE_NOUN.fullmatch(folded, hit.end, candidate.start):
                return "joint_program_agreement", hit
    return kind, noun


def _bare(lex: Lexicon, folded: str, noun: Hit) -> bool:
    hit = lex.cues["bare_nouns"].first(folded, noun.start, noun.end)
    return hit is not None and hit.start == noun.start and hit.end == noun.end


# Between a programme written before an agreement noun and the noun: its last words.
_BEFORE_NOUN = re.compile(r"(?:[\s'’]+[a-z]+){0,2}\s+")


_YEARS = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s{0,3}(?:-|to|den|a|au|toi|/)\s{0,3}((?:19|20)\d\d)(?!\d)"
)
_DURATION = re.compile(
    r"(?<![a-z0-9])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|mot|hai|ba|bon|nam|"
    r"sau|bay|tam|chin|muoi|un|deux|trois|quatre|cinq|dix)\s{1,3}"
    r"(years?|nam|ans?|annees?)(?![a-z])"
)


def find_period(body: Body, lex: Lexicon) -> Period | None:
    """The agreement's period: years after a period cue, or a duration written out."""
    for hit in lex.cues["period"].find(body.folded):
        window_end = min(len(body.folded), hit.end + 80)
        years = _YEARS.search(body.folded, hit.start, window_end)
        if years and int(years.group(1)) <= int(years.group(2)):
            return Period(years.group(1), years.group(2), body.text[hit.start : years.end()])
        duration = _DURATION.search(body.folded, hit.start, window_end)
        if duration:
            return Period(None, None, body.text[hit.start : duration.end()])
    return None


def find_areas(body: Body, lex: Lexicon, start: int = 0) -> tuple[str, ...]:
    """Areas of the documented taxonomy whose cues appear in the text, in taxonomy order."""
    found = {hit.label for hit in lex.areas.find(body.folded, start)}
    return tuple(a for a in lex.area_names if a in found)


_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
# Lowercase words between the parts of a person's name ("Pieter de Vries", "Ursula von der
# Leyen").
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "del", "dos"})


def find_signatories(
    body: Body, lex: Lexicon, spans: Iterable[tuple[int, int]], limit: int = 6
) -> tuple[Signatory, ...]:
    """People with a title in the given sentences: "Prof. Jacques Fayolle, the school's
    Principal", "PGS.TS Nguyễn Huy Bằng, Phó Hiệu trưởng"."""
    out: dict[str, Signatory] = {}
    titles = lex.cues["titles"]
    for start, end in spans:
        for hit in titles.find(body.folded, start, end):
            toks = tokens(body.text, body.folded, hit.end, min(end, hit.end + 80))
            name: list[str] = []
            for k, tok in enumerate(toks):
                if (
                    name
                    and tok.text in _NAME_PARTICLES
                    and k + 1 < len(toks)
                    and toks[k + 1].is_cap
                ):
                    # "GS. Pieter de Vries", "M. Jean van Damme": a particle inside a name.
                    name.append(tok.text)
                    continue
                if tok.is_word and tok.is_cap and _NAME_WORD.match(tok.text):
                    if lex.has_word("titles", tok.text, tok.folded.rstrip(".")):
                        if name:
                            break
                        continue
                    name.append(tok.text.rstrip("."))
                    if len(name) >= 5:
                        break
                elif name or tok.is_word:
                    break
            if len(name) < 2 or any(fold(w) in lex.org_heads.get("university", ()) for w in name):
                continue
            person = " ".join(name)
            title = body.text[hit.start : hit.end].strip()
            if person not in out:
                out[person] = Signatory(person, title, None)
        if len(out) >= limit:
            break
    return tuple(out.values())[:limit]


def guess_language(body: Body, declared: str | None) -> str:
    """The declared language, else vi when Vietnamese letters abound, fr on French cues."""
    if declared:
        return declared.split("-")[0].lower()
    sample = body.text[:4000]
    letters = sum(1 for c in sample if c.isalpha()) or 1
    marks = sum(1 for c in sample if has_vietnamese_marks(c))
    if marks / letters > 0.05:
        return "vi"
    french = len(
        re.findall(r"(?<![a-z])(?:le|la|les|des|du|et|une|avec)(?![a-z])", body.folded[:4000])
    )
    english = len(re.findall(r"(?<![a-z])(?:the|and|of|with|to)(?![a-z])", body.folded[:4000]))
    return "fr" if french > english else "en"
