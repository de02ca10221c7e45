"""The home institution's side: its names, aliases found in the text, and its units.

A `Full Name (ACRONYM)` definition in the article whose full name is one of the home
institution's names makes the acronym an alias too (and the other way round). A unit of the
home institution ("Department of International Cooperation of USTH", "USTH's Department",
"Trường ĐH Bách Khoa, ĐHQG-HCM") is the home side. Usage::

    home = HomeSide.build(institution)
    home.learn(orgs)
    home.is_home(org)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pactwatch.agreements.lexicon import Lexicon, PhraseMatcher, boundary_matches
from pactwatch.agreements.parties import OrgMention
from pactwatch.agreements.text import fold
from pactwatch.config import InstitutionConfig

# Vietnamese abbreviations of organisation words, spelt out in keys so that "Trường ĐH
# Công nghệ" and "Trường Đại học Công nghệ", "UBND tỉnh X" and "Ủy ban nhân dân tỉnh X"
# compare equal.
_SPELLED = {
    "dh": "dai hoc",
    "dhqg": "dai hoc quoc gia",
    "ubnd": "uy ban nhan dan",
    "cty": "cong ty",
}


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """A name reduced for comparison: folded, punctuation-free, without a leading "the",
    Vietnamese abbreviations spelt out."""
    words = re.sub(r"[^a-z0-9&]+", " ", fold(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_SPELLED.get(w, w) for w in words)


def _word_pattern(words: list[str]) -> str:
    """A regular expression for a key's words in folded text, where a spelt-out
    abbreviation may also be written short ("dai hoc" or "dh")."""
    short = {v: k for k, v in _SPELLED.items()}
    parts: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 2):
            phrase = " ".join(words[i : i + size])
            if phrase in short and len(words[i : i + size]) == size:
                spelled = r"[^a-z0-9]+".join(re.escape(w) for w in words[i : i + size])
                parts.append(f"(?:{spelled}|{re.escape(short[phrase])})")
                i += size
                break
        else:
            parts.append(re.escape(words[i]))
            i += 1
    return r"[^a-z0-9]+".join(parts)


_DASHES = re.compile(r"\s+[-–—]\s+")
_PIECES = re.compile(r"[\s\-–—]+")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and " " not in word


@lru_cache(maxsize=256)
def _names_regex(keys: frozenset[str]) -> re.Pattern[str]:
    """Any of the name keys as whole words, the longest first (an institution's names are
    the same on every page: built once)."""
    return re.compile(r"(?<![a-z0-9])(?:" + _alternation(keys) + r")(?![a-z0-9])")


@lru_cache(maxsize=256)
def _names_scan(keys: frozenset[str]) -> re.Pattern[str]:
    """The names after one consumed character that is not a letter or digit: the engine
    skips to such characters instead of trying the lookbehind at every one (see
    `boundary_matches`)."""
    return re.compile(r"[^a-z0-9]((?:" + _alternation(keys) + r")(?![a-z0-9]))")


def _alternation(keys: frozenset[str]) -> str:
    alts = sorted((_word_pattern(k.split()) for k in keys if k), key=len, reverse=True)
    return "|".join(alts or ["(?!x)x"])


@dataclass
class HomeSide:
    institution: InstitutionConfig
    keys: set[str] = field(default_factory=set)
    # Home acronyms: "VNU-UET" and "VNU University of Engineering" are VNU's own members.
    acronyms: set[str] = field(default_factory=set)
    # The parent named in the home's own names ("Trường ĐH Bách khoa - ĐHQG-HCM", "VNU-HUS",
    # "..., Vietnam National University, Hanoi"): never a counterpart of the home.
    parents: set[str] = field(default_factory=set)
    # The words that tell the home's configured names apart, in English (`name_signature`).
    signatures: frozenset[frozenset[str]] = frozenset()
    _regex: re.Pattern[str] | None = None
    _scan: re.Pattern[str] | None = None
    # is_home's verdicts by mention (kept with it, so that its id stays its own): the same
    # names are asked about again and again; they hold until `learn` changes the names.
    _verdicts: dict[int, tuple[OrgMention, bool]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(cls, institution: InstitutionConfig, lex: Lexicon | None = None) -> HomeSide:
        """The home's names and aliases, and with `lex` the same university named after its
        place in the other languages ("Hue University": "Université de Hué", "Đại học Huế")."""
        keys, acronyms, parents = _configured(institution.names)
        side = cls(institution, set(keys), set(acronyms), set(parents))
        if lex is not None:
            side.keys |= _place_forms(keys, lex.cues["places"], lex.cities)
            side.keys |= _without_truong(keys, lex.generic_name_words)
            side.signatures = _signatures(institution.names, lex)
        side.keys |= _initialisms(frozenset(institution.names))
        # "Đại học UEH", "Trường ĐH USTH", "l'Université VinUni": a university's head
        # before its own acronym.
        side.keys |= {
            f"{head} {a}" for a in acronyms for head in ("dai hoc", "truong dai hoc", "universite")
        }
        return side

    def learn(self, orgs: Iterable[OrgMention]) -> None:
        """Add the aliases that the text defines for one of the home names, the units
        named with the home as their parent ("Trường Đại học Công nghệ, ĐHQGHN"), and the
        name a unit named with the home goes by alone."""
        self._verdicts.clear()
        for org in orgs:
            if org.parent and not self._parent_is_home(org.parent):
                # "Khoa Nông nghiệp, Đại học Kasetsart": another's unit of the same name as
                # one of the home's.
                continue
            own = self._own_unit_name(org)
            # "l'Université Ouverte de Hô Chi Minh-Ville (HCMC Open University)": the home's
            # name in another language, in brackets after the one the text uses; each
            # half is a name, the whole is none.
            bracketed = {m: b for m in org.mentions if (b := _BRACKETED.search(m))}
            forms = {key(m) for m in org.mentions if m not in bracketed}
            forms |= {key(m[: b.start()]) for m, b in bracketed.items()}
            forms |= {key(b[1]) for b in bracketed.values()}
            if org.system and org.follows and org.acronym and key(org.acronym) in self.keys:
                # "L'Université des sciences, Université nationale du Vietnam à Hanoï
                # (VNU-HUS)": the home's acronym closes the system that follows its name.
                self.keys |= {key(f) for f in org.follows if key(f)}
                self._regex = self._scan = None
                continue
            if org.system and not forms & self.keys and self._unit_of_home(org):
                # "Trường Đại học Ngoại ngữ - ĐHQGHN": the system after the home is its
                # parent, never the home (the system signs alone for itself).
                self.parents |= {f for f in forms if f}
                continue
            if forms & self.keys or (org.has_head and self._unit_of_home(org)):
                before = len(self.keys)
                self.keys |= {f for f in forms if f}
                # "Trường ĐH Bách khoa - ĐH Đà Nẵng": the unit's own name is home too.
                unit = _DASHES.split(org.name)[0]
                if unit != org.name and len(key(unit).split()) >= 2:
                    self.keys.add(key(unit))
                if org.acronym and _is_acronym(org.acronym):
                    self.acronyms.add(key(org.acronym))
                if len(self.keys) != before:
                    self._regex = self._scan = None
            elif key(org.name) not in self.keys and self.keys & {
                key(_DASHES.split(m)[0]) for m in org.mentions
            }:
                # "Université de Langues et d'Études internationales (ULIS – Université
                # nationale du Vietnam, Hanoï)": the acronym before a dash is the home's,
                # what follows names its parent; only the full name is learnt.
                self.keys.add(key(org.name))
                self._regex = self._scan = None
            if own and own not in self.keys:
                self.keys.add(own)
                self._regex = self._scan = None

    def adopt_translations(self, orgs: Iterable[OrgMention], lex: Lexicon) -> None:
        """Take as the home's the universities named by the same words as one of its
        configured names in another language ("Université Ouverte de Hô Chi Minh-Ville" for
        "Ho Chi Minh City Open University"), and the units of such a university. Only for a
        page that names its home by no configured name: elsewhere a name of the same words
        may be another university ("University of Science and Technology of Hanoi" and
        "Hanoi University of Science and Technology")."""
        for org in orgs:
            if org.kind != "university" and not org.is_unit:
                continue
            named = org.parent if org.is_unit and org.parent else org.name
            if name_signature(named, lex) not in self.signatures:
                continue
            self.keys |= {k for k in (key(named), key(org.name)) if k}
            self._regex = self._scan = None
            self._verdicts.clear()

    def _parent_is_home(self, parent: str) -> bool:
        return any(
            key(name) in self.keys or self.regex().search(key(name)) is not None
            for name in _BRACKETS.split(parent)
            if name.strip()
        )

    def _own_unit_name(self, org: OrgMention) -> str:
        """The key of the name a unit of the home goes by without the home that ends it
        ("Département de français de l'USTH" signs as "le Département de français"), when
        at least two words are left; else ""."""
        if not org.is_unit:
            return ""
        name = key(org.name)
        ends = [m.start() for m in self.regex().finditer(name) if m.end() == len(name)]
        own = _PARENT_LINK.sub("", name[: ends[0]].rstrip()) if ends and ends[0] > 0 else ""
        return own if len(own.split()) >= 2 else ""

    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = _names_regex(frozenset(self.keys))
        return self._regex

    def mentioned(self, folded: str, start: int, end: int) -> re.Match[str] | None:
        return self.regex().search(folded, start, end)

    def is_home(self, org: OrgMention) -> bool:
        """Whether `org` is the home side: the home institution, one of its units or
        members, or the parent it belongs to."""
        known = self._verdicts.get(id(org))
        if known is not None and known[0] is org:
            return known[1]
        verdict = self._is_home(org)
        self._verdicts[id(org)] = (org, verdict)
        return verdict

    def _is_home(self, org: OrgMention) -> bool:
        forms = {key(m) for m in org.mentions}
        # Two disjointness tests, not one test against a union made at every call.
        if not (forms.isdisjoint(self.keys) and forms.isdisjoint(self.parents)):
            return True
        name_key = key(org.name)
        # "USTH Department of ...", "Department of International Cooperation of USTH".
        if org.is_unit and self.regex().search(name_key):
            return True
        # "VinUniversity's College of Health Sciences": a school the home owns, possessive.
        first = self.regex().match(name_key)
        if (
            first is not None
            and org.kind == "university"
            and name_key[first.end() : first.end() + 3] == " s "
            and not first.group().endswith(" s")
        ):
            return True
        # "The College of Health Sciences of VinUniversity", "le Centre d'entrepreneuriat de
        # VinUniversity": a school or a centre the home owns (not "the Consortium for the
        # Development of USTH", a body of others).
        owned = [m for m in self.regex().finditer(name_key) if m.end() == len(name_key)]
        if (
            owned
            and org.kind in {"university", "research_institute"}
            and _PARENT_LINK.search(name_key[: owned[-1].start()].rstrip())
        ):
            return True
        return self._unit_of_home(org)

    def _unit_of_home(self, org: OrgMention) -> bool:
        # "HCMUT, VNU-HCM, FPT Software and QTSC": a university system right after the home
        # is the home's parent.
        if org.system and any(key(f) in self.keys for f in org.follows):
            return True
        # "HUMP, a member of Hue University"; "Trường ĐH Công nghệ thuộc ĐHQGHN"; "membre de
        # l'Université de Danang (Đại học Đà Nẵng)": the parent's bracket names it again.
        if org.parent is not None and any(
            key(name) in self.keys for name in _BRACKETS.split(org.parent) if name.strip()
        ):
            return True
        # "VNU-UET", "VNU University of Engineering and Technology": a member university
        # named after the home; "USTH Consortium" is named after it but is no member.
        for text in (org.name, org.acronym or ""):
            pieces = _PIECES.split(text.strip())
            if len(pieces) < 2 or key(pieces[0]) not in self.acronyms:
                continue
            if org.kind in {"university", "research_institute"} or (
                _is_acronym(text) and "-" in text
            ):
                return True
        # "Trường Điện – Điện tử", "Trường Cơ khí - Ô tô" on the home's own page: a school
        # named by its field alone, owner unnamed, is one of the home's.
        if org.parent is None and org.generic and _SCHOOL.match(key(org.name)):
            return True
        # "Viện Môi trường và Tài nguyên (ĐHQG-HCM)": the bracket after a body names the
        # home as its parent, not the body's own acronym.
        if org.acronym and org.acronym != org.name and key(org.acronym) in self.keys:
            return True
        # "Truong Dai hoc Bach khoa - Dai hoc Da Nang": a unit, a dash, its parent.
        parts = _DASHES.split(org.name)
        if len(parts) >= 2 and key(parts[-1]) in self.keys:
            return True
        # "Trường ĐH Bách Khoa, ĐHQG-HCM": a unit named with its parent right after it.
        lead = org.next_text.lstrip()[:1]
        if lead not in {",", "-", "("}:
            return False
        tail = org.next_text.lstrip(" ,-(")
        match = self.regex().match(tail)
        if match is None:
            return False
        # "CNES, USTH and IRD", "tại Bệnh viện X, ĐHBK Hà Nội, Bệnh viện X, ... đã ký" are
        # lists, not a unit and its parent; but a name that says no more than "University
        # of Technology" needs the parent after it.
        # "..., Trường Đại học Kinh tế TP.HCM (UEH) và Sở X": its parenthesis aside.
        after = _PAREN_FIRST.sub("", tail[match.end() :])
        rest = re.sub(r"[^a-z0-9&]+", " ", after).split()
        listed = (bool(rest) and rest[0] in {"and", "va", "et"}) or after.lstrip()[:1] == ","
        return not listed or org.generic or _member_school(org.name, match.group())

    def covers(self, folded: str, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside a home name ("UGA" in "Grenoble INP - UGA")."""
        lo = max(0, start - 80)
        if self._scan is None:
            self._scan = _names_scan(frozenset(self.keys))
        scan = self._scan
        return any(
            begin <= start and end <= match.end()
            for match, begin in boundary_matches(
                self.regex(), scan, folded, lo, min(len(folded), end + 80)
            )
        )

    def owns(self, org: OrgMention) -> bool:
        """Whether `org` is a home name followed by a possessive ("USTH's ...")."""
        return org.possessive and self.is_home(org)


_PAREN_FIRST = re.compile(r"^\s*\([^()]{0,80}\)")
_SCHOOL = re.compile(r"truong (?!dai hoc |dh |cao dang |cd |thpt |pho thong )")


def _member_school(name: str, parent: str) -> bool:
    """ "Trường Điện - Điện tử, Đại học Bách khoa Hà Nội": a school ("Trường" and its field,
    no "Đại học") right before a university ("Đại học ...") is one of its schools, in a
    list or not."""
    return bool(_SCHOOL.match(key(name))) and key(parent).startswith("dai hoc ")


_BRACKETED = re.compile(r"\s*\(([^()]{4,80})\)$")
# Words that link a unit to its parent at the end of its name.
_BRACKETS = re.compile(r"[()]")
_PARENT_LINK = re.compile(r"(?:\s(?:of|the|de|du|des|d|l|la|cua|truong))+$")


def name_signature(name: str, lex: Lexicon) -> frozenset[str]:
    """The words of a university's name that tell it from others, in English, singular and
    in no order: "Université Ouverte de Hô Chi Minh-Ville" and "Ho Chi Minh City Open
    University" both give {ho, chi, minh, city, open}. Organisation words, connectors and
    acronyms (a parent's, "VNU") are left out."""
    words: set[str] = set()
    for written in _NAME_WORD.findall(name):
        if _is_acronym(written):
            continue
        for word in lex.name_words.get(fold(written), key(written)).split():
            if word not in lex.signature_stops:
                words.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return frozenset(words)


_NAME_WORD = re.compile(r"[^\s\-–—,;:()'’/&]+")


def _signatures(names: tuple[str, ...], lex: Lexicon) -> frozenset[frozenset[str]]:
    """The signatures of an institution's configured names that say enough to tell it (two
    words at least: "Hanoi University" alone is only a place)."""
    return frozenset(sig for name in names if len(sig := name_signature(name, lex)) >= 2)


@lru_cache(maxsize=256)
def _configured(
    names: tuple[str, ...],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The keys, acronyms and parents of an institution's configured names (the same on
    every page: read once)."""
    keys: set[str] = set()
    acronyms: set[str] = set()
    parents: set[str] = set()
    for name in names:
        if key(name):
            keys.add(key(name))
        if _is_acronym(name.strip()):
            acronyms.add(key(name))
    for name in names:
        parents |= _parents_in(name, keys)
    parents -= keys
    return frozenset(keys), frozenset(acronyms), frozenset(parents)


# A university named after its place, as each language writes it (keys: folded, no
# punctuation, "Đại học" spelt out).
_PLACE_NAMED = (
    re.compile(r"(?:truong )?dai hoc (?P<place>.+)"),
    re.compile(r"university of (?P<place>.+)"),
    re.compile(r"universite (?:de|d) (?P<place>.+)"),
    re.compile(r"(?P<place>.+) university"),
)


@lru_cache(maxsize=256)
def _place_forms(
    keys: frozenset[str], places: PhraseMatcher, cities: PhraseMatcher
) -> frozenset[str]:
    """The other-language forms of the home's names that name a place only ("University of
    Hue", "Can Tho University"; not "University of Science"): the same on every page."""
    out: set[str] = set()
    for name_key in keys:
        place = next((m.group("place") for f in _PLACE_NAMED if (m := f.fullmatch(name_key))), "")
        if place and (places.label_of(place) or cities.label_of(place)):
            out |= {
                f"university of {place}",
                f"{place} university",
                f"universite de {place}",
                f"universite d {place}",
                f"dai hoc {place}",
                f"truong dai hoc {place}",
            }
    return frozenset(out)


@lru_cache(maxsize=256)
def _without_truong(keys: frozenset[str], generic: frozenset[str]) -> frozenset[str]:
    """ "Đại học Lạc Hồng" for "Trường Đại học Lạc Hồng": a university is named with or
    without "Trường", when its own name is a proper name; "Đại học Ngoại ngữ" alone names
    no one ("Đại học Ngoại ngữ Bắc Kinh" is another)."""
    out = set()
    phrases = sorted(generic, key=len, reverse=True)
    for name_key in keys:
        rest = name_key.removeprefix("truong ")
        if rest == name_key or not rest.startswith("dai hoc "):
            continue
        own = f" {rest.removeprefix('dai hoc ')} "
        for phrase in phrases:
            own = own.replace(f" {phrase} ", " ")
        if own.strip():
            out.add(rest)
    return frozenset(out)


_VI_UNIVERSITY = re.compile(r"(?:trường\s+)?đại\s+học\s+(?P<own>.+)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _initialisms(names: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """The initials Vietnamese sites write for a university's Vietnamese name: "Trường
    ĐHKHXH&NV", "ĐH KHXH&NV" for "Trường Đại học Khoa học Xã hội và Nhân văn" (one letter
    per syllable, "và" as "&" or left out). Only from a name of three syllables or more
    after "Đại học": two letters name no one."""
    out: set[str] = set()
    for name in names:
        match = _VI_UNIVERSITY.fullmatch(name.strip())
        if match is None or "," in name or " - " in name:
            continue
        syllables = fold(match["own"]).split()
        if len(syllables) < 3 or not all(s.isalpha() for s in syllables):
            continue
        for joined in ("&", ""):
            own = "".join(joined if s == "va" else s[0] for s in syllables)
            for form in (f"dh{own}", f"dai hoc {own}"):
                out |= {form, f"truong {form}"}
    return frozenset(out)


def _parents_in(name: str, keys: set[str]) -> set[str]:
    """The parent a home name carries: after a dash or a comma ("X - ĐHQG-HCM",
    "X, Vietnam National University, Hanoi"), or before the hyphen of an acronym
    ("VNU-HUS")."""
    out: set[str] = set()
    parts = _DASHES.split(name)
    if len(parts) >= 2:
        out.add(key(parts[-1]))
    commas = [p.strip() for p in name.split(",")]
    for piece in (", ".join(commas[1:]), *commas[1:2]) if len(commas) >= 2 else ():
        # "..., Hanoi" is a place, not a parent.
        if len(key(piece).split()) >= 2 or _is_acronym(piece):
            out.add(key(piece))
    word = name.strip()
    if _is_acronym(word) and "-" in word:
        head = word.split("-")[0]
        if _is_acronym(head):
            out.add(key(head))
    return {p for p in out if p and len(p) >= 2}
