"""Which organisations signed, and their countries.

Counterparts come from the clause of each clean signing statement that holds its verb
("A and B signed", "signed ... with B", "between A and B"), never after an attendance cue
("attended by", "tham dự", "en présence de"), never the home side. When the statements name
no organisation ("the two sides signed"), the organisations that "represented" a side at
the ceremony ("Representing X were ...", "on behalf of X", "Đại diện X") are the
counterparts. Mentions of the same organisation (full name, acronym, translation in a
bilingual text) are merged.

Country, first found wins: written next to the name ("(France)", ", Laos", "of Laos"); in
the name ("French National Centre ...", "Quốc gia Đài Loan", a Vietnamese place name); from
`registry_countries`; a French-language name; a Vietnamese-looking name; a sentence that
describes the partner ("X is one of France's leading ..."); the only foreign country named
in the title or URL; else the home institution's country. Usage::

    partners = merge_candidates(candidates)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pactwatch.agreements.home import key
from pactwatch.agreements.lexicon import Lexicon, PhraseMatcher
from pactwatch.agreements.parties import BASED_WORDS, OrgMention
from pactwatch.agreements.text import fold, has_vietnamese_marks
from pactwatch.model import PartnerKind


@dataclass
class Candidate:
    """One counterpart being assembled from its mentions."""

    mentions: list[OrgMention] = field(default_factory=list)

    @property
    def best(self) -> OrgMention:
        with_head = [m for m in self.mentions if m.has_head]
        pool = with_head or self.mentions
        return max(pool, key=lambda m: len(m.name))

    @property
    def acronym(self) -> str | None:
        for m in self.mentions:
            if m.acronym and m.acronym != self.best.name:
                return m.acronym.rstrip(".")
        return None

    @property
    def kind(self) -> PartnerKind:
        for m in self.mentions:
            if m.has_head or m.described:
                return m.kind
        return "other"

    def forms(self) -> set[str]:
        out = {key(x) for m in self.mentions for x in m.mentions if key(x)}
        # One place's government under its several names ("UBND tỉnh X", "X Province").
        out |= {_SEAT + m.seat for m in self.mentions if m.seat}
        return out

    def strings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for m in self.mentions for x in m.mentions))


def _initials(name: str) -> str:
    return "".join(w[0] for w in key(name).split() if w not in {"of", "and", "for", "the", "de"})


_SEAT = "@seat "


# A university named by its own name and the word "university" in one language or another.
_UNIVERSITY_FORMS = (
    re.compile(r"(?:truong )?dai hoc (?P<core>.+)"),
    re.compile(r"university of (?P<core>.+)"),
    re.compile(r"universite (?:de |d )?(?P<core>.+)"),
    re.compile(r"(?P<core>.+) (?:university|universite)"),
)


def _university_core(form: str) -> str:
    """The name of a university without its word for "university" ("bedfordshire"), when it
    is a proper name of two or more letters (not "quoc gia", "national")."""
    for pattern in _UNIVERSITY_FORMS:
        match = pattern.fullmatch(form)
        if match is not None:
            core = match.group("core")
            return core if len(core) >= 4 and core not in _GENERIC_CORES else ""
    return ""


_GENERIC_CORES = frozenset(
    {"quoc gia", "national", "nationale", "quoc te", "international", "open", "mo", "of science"}
)


def same_org(a: OrgMention, forms: set[str]) -> bool:
    """Whether mention `a` names the organisation known by `forms`."""
    mine = {key(x) for x in a.mentions if key(x)}
    if mine & forms or (a.seat and _SEAT + a.seat in forms):
        return True
    # "Đại học Bedfordshire" and "University of Bedfordshire": one university in two languages.
    cores = {c for c in map(_university_core, mine) if c}
    if cores and cores & {_university_core(f) for f in forms}:
        return True
    for form in forms:
        if form.startswith(_SEAT):
            continue
        for m in mine:
            if (
                len(m) >= 4
                and len(form) >= 4
                # Keys are words joined by single spaces: padding makes a whole-word test.
                and (f" {m} " in f" {form} " or f" {form} " in f" {m} ")
            ):
                short, long_ = sorted((m, form), key=len)
                # "Luxshare" inside "Luxshare ICT Co Ltd" is the same company, but a generic
                # one-word form ("university") is not.
                if len(short.split()) >= 1 and len(short) >= 5:
                    return True
                if short == long_:
                    return True
            if " " not in m and len(m) >= 3 and m == _initials(form):
                return True
            if " " not in form and len(form) >= 3 and form == _initials(m):
                return True
    return False


def merge(candidates: list[Candidate], mention: OrgMention) -> None:
    for cand in candidates:
        if same_org(mention, cand.forms()):
            cand.mentions.append(mention)
            return
    candidates.append(Candidate([mention]))


_ARTICLES = frozenset({"the", "a", "an", "l'", "la", "le", "les", "un", "une", "d'"})
_OPENING = frozenset({",", ";", ":", "(", ")", "–", "-", "—", '"', "“", "”", "«", "»", "'"})
_OF = frozenset({"of", "cua", "de", "du", "des"})


def party_slot(lex: Lexicon, folded: str, start: int, lo: int) -> bool:
    """Whether a name at folded[start] stands where a signing party is named: opening the
    sentence or a clause, in a list, after "with", "between", "và", "avec", or after a
    person's position ("President of X", "đại diện X"); not after a preposition or a noun
    ("at the headquarters of X", "to develop the X", "tại trụ sở X")."""
    words = re.findall(r"[a-z0-9'&]+|[^\sa-z0-9]", folded[max(lo, start - 80) : start])
    if len(words) >= 3 and words[-2] == "-" and words[-1] in BASED_WORDS:
        del words[-3:]  # "and Singapore-based Meridian Genomics": the slot is before it
    while words and words[-1] in _ARTICLES:
        words.pop()
    if not words or words[-1] in _OPENING or words[-1][0].isdigit():
        return True
    tail = " ".join(words[-3:])
    if any(h.end == len(tail) for h in lex.cues["party_slots"].find(tail)):
        return True
    if any(h.end == len(tail) for h in lex.cues["representing"].find(tail)):
        return True
    if words[-1] in _OF and len(words) >= 2:
        # "President of Kyoto University", "leaders of X", "Hiệu trưởng của X", "Dr.
        # Siriporn Wattanakul of X" (a person's name after a title).
        before = words[-2]
        return any(
            lex.has_word("titles", w, w, marked=False) for w in words[-5:-1]
        ) or lex.has_word("stop_caps", before, before, marked=False)
    return lex.has_word("titles", words[-1], words[-1], marked=False)


@dataclass(frozen=True)
class CountryContext:
    lex: Lexicon
    title_and_url: str
    home_country: str | None
    registry: Mapping[str, str]
    # Countries from sentences describing a partner, computed only when needed.
    descriptions: Callable[[], Mapping[str, str]]
    # Every name of every partner: a country in another partner's name ("... avec
    # l'Académie nationale d'agriculture du Vietnam et le Cirad") says nothing of this one.
    partner_names: tuple[str, ...] = ()
    # The partners (keys of their names) whose head the text names with a Vietnamese name,
    # computed only when needed.
    vietnamese_heads: Callable[[], frozenset[str]] = frozenset
    # The sentences that state the signing: where it took place often says where the
    # partner is ("trong chuyến công tác tại Israel", "les laboratoires de Brest et Rennes").
    signing_text: str = ""


def _unseated(lex: Lexicon, name: str) -> str:
    """A diplomatic mission's name without where it is seated: the "Embassy of Ireland in
    Vietnam" is Irish."""
    mission = lex.cues["mission_heads"].first(fold(name))
    if mission is None or mission.start != 0:
        return name
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        if lex.cues["seat_prepositions"].label_of(words[k]) is not None:
            return " ".join(words[:k])
    return name


def country_of(cand: Candidate, ctx: CountryContext) -> tuple[str | None, str]:
    """The partner's country and where it came from (for the reasons)."""
    bodies = ctx.lex.cues["international_bodies"]
    for m in cand.mentions:
        if any(bodies.label_of(form) for form in (m.name, m.acronym or "") if form):
            # "Headquartered in Los Baños, the Philippines, IRRI ...": the text gives its seat.
            described = ctx.descriptions()
            seat = next((described[f] for f in cand.forms() if f in described), None)
            if seat is not None:
                return seat, "a sentence describing the partner"
            return None, "an international organisation"
    for m in cand.mentions:
        if m.country:
            return m.country, "written next to the name"
    agencies = ctx.lex.cues["foreign_agencies"]
    for m in cand.mentions:
        folded = fold(m.name)
        agency = agencies.first(folded)
        # "Quỹ Konrad Adenauer", "Fondation Friedrich Ebert": an organisation word may come
        # first.
        if agency is not None and (
            agency.start == 0
            or ctx.lex.cues["org_heads"].label_of(folded[: agency.start].strip()) is not None
        ):
            return agency.label, "an agency of its state abroad"
    for m in cand.mentions:
        name = _unseated(ctx.lex, m.name)
        hit = _places(ctx.lex, name)
        if hit:
            return "VN", "a Vietnamese place in the name"
        code = _country_in(ctx.lex, name)
        if code:
            return code, "named in the name"
    for m in cand.mentions:
        # "HCMUT, membre de l'Université nationale du Vietnam": the parent's country.
        if m.parent and _places(ctx.lex, m.parent):
            return "VN", "a Vietnamese place in the parent's name"
        code = _country_in(ctx.lex, m.parent) if m.parent else None
        if code:
            return code, "named in the parent's name"
    for form in cand.forms():
        if form in ctx.registry:
            return ctx.registry[form], "the partner registry"
    for m in cand.mentions:
        city = next(ctx.lex.cities.find(_plain(m.name)), None)
        if city is not None:
            return city.label, "a city or region abroad in the name"
    if any(form in ctx.vietnamese_heads() for form in cand.forms()):
        # "le Dr Pham Ngoc Thach, Directeur de l'Hôpital national des maladies tropicales":
        # a Vietnamese body written in French.
        return "VN", "headed by a person with a Vietnamese name"
    for m in cand.mentions:
        if m.head_lang == "fr" and m.has_head and _french_order(ctx.lex, m.name):
            return "FR", "a French-language name"
    for m in cand.mentions:
        if _vietnamese_looking(ctx.lex, m.name):
            return "VN", "a Vietnamese-looking name"
    described = ctx.descriptions()
    for form in cand.forms():
        if form in described:
            return described[form], "a sentence describing the partner"
    forms = ctx.lex.cues["legal_form_countries"]
    # Its other names too: "Rhine-Waal University ... (Hochschule Rhein-Waal)".
    for name in cand.strings():
        # The last word or two: "GmbH", "Pte. Ltd." (a "Ltd." alone says nothing).
        for form in (" ".join(name.split()[-2:]), " ".join(name.split()[-1:])):
            code = forms.label_of(form)
            if code:
                return code, f"its legal form or university word ({form})"
        opening = forms.first(fold(name))
        if opening is not None and opening.start == 0:
            return opening.label, f"its legal form or university word ({name[: opening.end]})"
    codes = _foreign(cand, ctx, ctx.title_and_url, (ctx.lex.countries,))
    if len(codes) == 1:
        return codes.pop(), "the only foreign country in the title or address"
    codes = _foreign(cand, ctx, ctx.signing_text, (ctx.lex.countries, ctx.lex.cities))
    if len(codes) == 1:
        return codes.pop(), "the only foreign country or city where the signing is told"
    return ctx.home_country, "the home institution's country (no other clue)"


def _foreign(
    cand: Candidate, ctx: CountryContext, text: str, matchers: tuple[PhraseMatcher, ...]
) -> set[str]:
    """The foreign countries `text` names, outside the names of the other partners."""
    folded = fold(text)
    own = set(cand.strings())
    for name in ctx.partner_names:
        if name not in own and len(name) >= 4:
            blank = fold(name)
            folded = folded.replace(blank, " " * len(blank))
    return {
        h.label
        for matcher in matchers
        for h in matcher.find(folded, original=text)
        if h.label != ctx.home_country
    }


def _plain(name: str) -> str:
    """Folded, with hyphens as spaces: "Hô-Chi-Minh-Ville" holds "ho chi minh"."""
    return fold(name).replace("-", " ")


def _places(lex: Lexicon, name: str) -> bool:
    return lex.cues["places"].first(_plain(name)) is not None


def _country_in(lex: Lexicon, name: str) -> str | None:
    hit = next(lex.countries.find(_plain(name), original=name), None)
    return hit.label if hit else None


_FRENCH_JOINS = frozenset({"de", "des", "du", "d", "l", "et", "pour", "sur", "en", "aux"})


def _french_order(lex: Lexicon, name: str) -> bool:
    """Whether a name is written in French: opening with its organisation word ("Institut
    ...", "Télécom Paris") or joined by French words ("École des Ponts"). "FPT Telecom" ends
    with a word French shares and says nothing of its country."""
    folded = fold(name)
    words = re.findall(r"[a-z0-9]+", folded)
    if any(w in _FRENCH_JOINS for w in words[1:]):
        return True
    head = lex.cues["org_heads"].first(folded)
    if head is None:
        return False
    lead = re.findall(r"[a-z0-9]+", folded[: head.start])
    return all(w in {"l", "la", "le", "les"} for w in lead)


def _vietnamese_looking(lex: Lexicon, name: str) -> bool:
    words = []
    folded = fold(name)
    heads = list(lex.cues["org_heads"].find(folded))
    cut = [(h.start, h.end) for h in heads]
    for m in re.finditer(r"\S+", name):
        if any(a <= m.start() < b for a, b in cut):
            continue
        word = m.group().strip("(),.-–")
        if not word or not word[:1].isupper():
            continue
        if fold(word) in lex.generic_name_words or fold(word) in lex.name_connectors:
            continue
        words.append(word)
    if not words:
        return False
    if any(has_vietnamese_marks(w) for w in words):
        return True
    return len(words) >= 2 and all(fold(w) in lex.syllables for w in words)
