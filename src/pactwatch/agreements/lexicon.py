"""The lexicons (YAML data in `lexicons/`) compiled into phrase matchers.

Every cue the extractor uses lives in those files, organised by language; this module only
turns them into one precompiled regular expression per category. Usage::

    lex = load_lexicon()
    [hit.label for hit in lex.cues["signing_verbs"].find(body.folded)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pactwatch.agreements.text import fold

LEXICON_DIR = Path(__file__).with_name("lexicons")
LANGUAGES = ("en", "vi", "fr")

# Categories whose entries are plain lists (label = category) or kind -> list maps.
_LIST_CATEGORIES = (
    "signing_verbs",
    "signing_events",
    "signing_weak",
    "sign_lookalikes",
    "plan",
    "statistic",
    "background",
    "generic",
    "negation",
    "put_off",
    "attendance",
    "representing",
    "party_columns",
    "signer_columns",
    "two_sides",
    "self_sides",
    "clause_breaks",
    "renewal",
    "today",
    "yesterday",
    "tomorrow",
    "this_month",
    "witness",
    "future",
    "commercial",
    "decree",
    "mock",
    "procurement",
    "headline_plan",
    "modals",
    "future_time",
    "past_markers",
    "programme_objects",
    "predecessor",
    "counted",
    "people_signers",
    "quantifiers",
    "description_verbs",
    "period",
    "titles",
    "head_titles",
    "stop_caps",
    "unit_heads",
    "branch_heads",
    "school_heads",
    "name_stops",
    "places",
    "non_org_acronyms",
    "ceremony",
    "venue",
    "hosting",
    "group_determiners",
    "not_heads",
    "event_tails",
    "between",
    "affiliation",
    "name_compounds",
    "place_prepositions",
    "seat_words",
    "name_enders",
    "portfolios",
    "host_verbs",
    "partner_of",
    "alias_leads",
    "topic_prepositions",
    "founding_verbs",
    "university_systems",
    "party_slots",
    "with_slots",
    "international_bodies",
    "state_signers",
    "among_themselves",
    "mission_heads",
    "plan_leads",
    "put_off_leads",
    "seat_prepositions",
    "party_lists",
    "party_list_verbs",
    "act_times",
    "member_bodies",
    "venue_nouns",
    "frameworks",
    "other_topics",
    "bare_nouns",
    "recent",
    "finite_weak",
    "not_finite",
    "head_plurals",
    "asides",
    "seat_openers",
    "two_days_ago",
    "initialling",
    "non_binding",
    "intent_letters",
    "state_forms",
    "retraction",
    "body_subjects",
    "documents",
    "sponsorship",
    "sponsored_events",
)
# Categories also looked up word by word (`Lexicon.has_word`, `Lexicon.single_words`).
_WORD_CATEGORIES = (
    "stop_caps",
    "titles",
    "name_stops",
    "non_org_acronyms",
    "not_finite",
    "head_plurals",
)
_MAP_CATEGORIES = (
    "agreement_nouns",
    "negative_events",
    "org_heads",
    "party_counts",
    "legal_form_countries",
    "foreign_agencies",
    "weekdays",
)


# Values, never changed once made; not frozen because a frozen __init__ costs about three
# times as much, and extraction makes thousands of these per page.
@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """One match of a phrase: offsets in the searched text, its label and language."""

    start: int
    end: int
    label: str
    lang: str


@dataclass(frozen=True, slots=True)
class _Entry:
    phrase: str
    label: str
    lang: str


def _trie_regex(phrases: Iterable[str]) -> str:
    """One regular expression for many folded phrases, factored as a trie.

    An alternation of hundreds of literals makes the engine try each at every position; a
    trie lets it follow one branch per character. A space stands for any run of whitespace
    and a word-final "*" for any word ending.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for unit in _units(phrase):
            node = node.setdefault(unit, {})
        node[""] = {}
    return _emit(trie)


def _units(phrase: str) -> list[str]:
    units: list[str] = []
    words = phrase.split()
    for index, word in enumerate(words):
        if index:
            units.append(" ")
        if word.endswith("*") and len(word) > 1:
            units.extend(word[:-1])
            units.append("*")
        else:
            units.extend(word)
    return units


def _unit_regex(unit: str) -> str:
    if unit == " ":
        return r"\s+"
    if unit == "*":
        return "[a-z]*"
    return re.escape(unit)


def _emit(node: dict[str, Any]) -> str:
    branches = [
        _unit_regex(unit) + _emit(child)
        for unit, child in sorted(node.items(), key=lambda kv: (kv[0] == "*", kv[0]))
        if unit != ""
    ]
    optional = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        # Longest match first: try to go on, else stop here.
        return f"(?:{body})?" if len(branches) == 1 else body[:-1] + "|)"
    return body


def _pattern(phrase: str) -> str:
    words = fold(phrase).split()
    parts = []
    for word in words:
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + "[a-z]*")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def boundary_matches(
    anchored: re.Pattern[str], scan: re.Pattern[str], text: str, start: int, stop: int
) -> Iterator[tuple[re.Match[str], int]]:
    """The matches of `anchored` (``(?<![a-z0-9])X``) in text[start:stop], found with `scan`
    (``[^a-z0-9]X``: the same after a consumed character, so that the engine can skip to
    candidate positions instead of trying the lookbehind at every one).

    A scan finds X only after a character it can consume, so two places take the anchored
    form: the very start of the text, and right after a match that ends in punctuation
    ("co.", "dr."), where the next one may start with no character between. Yields (match,
    where X starts): a scan match starts one character earlier, the other groups are alike."""
    position = start - 1
    anchor: int | None = None
    if start <= 0:
        position, anchor = 0, 0
    while True:
        if anchor is not None:
            first = anchored.match(text, anchor, stop)
            if first is None:
                position = anchor
            else:
                yield first, first.start()
                position = first.end()
                if text[position - 1] not in _ALNUM:
                    anchor = position
                    continue
            anchor = None
        for match in scan.finditer(text, position, stop):
            yield match, match.start() + 1
            end = match.end()
            if text[end - 1] not in _ALNUM:
                anchor = end
                break
        if anchor is None:
            return


def _exact_regex(phrases: list[str]) -> re.Pattern[str]:
    """Phrases as written, whole words, longest first. Each alternative checks the character
    before it after its first character, the same test as one lookbehind before them all: the
    engine then skips straight to the phrases' first characters instead of trying the
    lookbehind at every position."""
    ordered = sorted(phrases, key=lambda p: len(re.escape(p)), reverse=True)
    if not all(ordered):
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    alts = [f"{re.escape(p[0])}(?<!\\w{re.escape(p[0])}){re.escape(p[1:])}" for p in ordered]
    return re.compile("(?:" + "|".join(alts) + r")(?!\w)")


class PhraseMatcher:
    """Whole-word matching of many phrases at once on folded text, longest phrase first."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        self.entries = tuple(entries)
        plain: dict[str, _Entry] = {}
        exact: dict[str, _Entry] = {}
        wild: list[tuple[re.Pattern[str], _Entry]] = []
        whole: dict[str, _Entry] = {}
        for entry in self.entries:
            whole.setdefault(" ".join(fold(entry.phrase.lstrip("=~")).split()), entry)
            if entry.phrase.startswith("~"):
                continue
            if entry.phrase.startswith("="):
                exact.setdefault(entry.phrase[1:], entry)
                continue
            key = " ".join(fold(entry.phrase).split())
            if not key:
                continue
            if "*" in key:
                wild.append((re.compile(_pattern(entry.phrase)), entry))
            plain.setdefault(key, entry)
        self._plain = {k: v for k, v in plain.items() if "*" not in k}
        self._wild = wild
        self._exact = exact
        self._whole = whole
        self._labels: dict[str, str | None] = {}
        # First and last words of the whole phrases: a cheap test before a lookup.
        self.first_words = frozenset(k.split()[0] for k in whole if k)
        self.last_words = frozenset(k.split()[-1] for k in whole if k)
        trie = _trie_regex(plain) if plain else ""
        # A phrase ends before a letter or digit, unless it ends with an elision ("en
        # présence d'", "possibilité d'" before "une", "un").
        end = r"(?:(?<=')|(?![a-z0-9]))"
        self._regex = re.compile(r"(?<![a-z0-9])" + trie + end) if plain else None
        # The same phrases after one character that is not a letter or digit, consumed: the
        # engine skips straight to such characters instead of trying the lookbehind at every
        # position (see `boundary_matches`).
        self._scan = re.compile(r"[^a-z0-9](" + trie + ")" + end) if plain else None
        self._exact_regex = _exact_regex(list(exact)) if exact else None

    def _label(self, matched: str) -> _Entry | None:
        # Keys hold single spaces: a match written so is its own key (the usual case); one
        # with other whitespace equals no key and is looked up respaced.
        entry = self._plain.get(matched)
        if entry is None:
            entry = self._plain.get(" ".join(matched.split()))
        if entry is not None:
            return entry
        for regex, wild_entry in self._wild:
            if regex.fullmatch(matched):
                return wild_entry
        return None

    def find(
        self, folded: str, start: int = 0, end: int | None = None, original: str | None = None
    ) -> Iterator[Hit]:
        """Hits in folded[start:end]; `original` (same offsets) enables the exact entries."""
        stop = len(folded) if end is None else end
        if self._regex is not None and self._scan is not None:
            matches: Iterator[tuple[re.Match[str], int]] = iter(())
            scan_from = start - 1
            if start <= 0:
                scan_from = 0
                if self._regex.match(folded, 0, stop) is not None:
                    # A phrase opens the text: the anchored form first (see below).
                    matches = boundary_matches(self._regex, self._scan, folded, start, stop)
                    scan_from = stop + 1
            if scan_from <= stop:
                # The usual case, without the extra generator: scan until a hit ends in
                # punctuation, then let boundary_matches go on from there (it starts by
                # scanning from the character before, exactly what it does after such a hit).
                # From the very start, where no phrase opens the text, a scan from there
                # finds the rest.
                for match in self._scan.finditer(folded, scan_from, stop):
                    begin, end_at = match.start() + 1, match.end()
                    entry = self._label(folded[begin:end_at])
                    if entry is not None:
                        yield Hit(begin, end_at, entry.label, entry.lang)
                    if folded[end_at - 1] not in _ALNUM:
                        matches = boundary_matches(self._regex, self._scan, folded, end_at, stop)
                        break
            for match, begin in matches:
                end_at = match.end()
                entry = self._label(folded[begin:end_at])
                if entry is not None:
                    yield Hit(begin, end_at, entry.label, entry.lang)
        if original is not None and self._exact_regex is not None:
            for match in self._exact_regex.finditer(original, start, stop):
                entry = self._exact[match.group()]
                yield Hit(match.start(), match.end(), entry.label, entry.lang)

    def any_match(self, folded: str, start: int = 0, end: int | None = None) -> bool:
        """Whether some phrase matches in folded[start:end], in one search: when it does not,
        `find` has no hit there (exact entries aside). A matcher of several categories
        (`Lexicon.any_of`) thus rules them all out at once."""
        if self._regex is None or self._scan is None:
            return False
        stop = len(folded) if end is None else end
        if start <= 0 and self._regex.match(folded, 0, stop) is not None:
            return True
        # A match at p >= 1 is a scan match at p - 1 (see `boundary_matches`).
        return self._scan.search(folded, max(start - 1, 0), stop) is not None

    def written(self, matched: str) -> tuple[str, str] | None:
        """The entry a folded match came from: (phrase as written, language)."""
        entry = self._label(" ".join(matched.split()))
        return (entry.phrase, entry.lang) if entry is not None else None

    def phrases(self) -> list[str]:
        """Every folded phrase of this matcher (exact entries included, folded)."""
        return [*self._plain, *(fold(p) for p in self._exact)]

    def first(self, folded: str, start: int = 0, end: int | None = None) -> Hit | None:
        """The first hit of `find` (without `original`)."""
        if start > 0 and self._scan is not None:
            # The usual case in one search: after a character, the first scan match is the
            # first hit when its phrase is known (see `boundary_matches`).
            match = self._scan.search(folded, start - 1, len(folded) if end is None else end)
            if match is None:
                return None
            entry = self._label(match.group(1))
            if entry is not None:
                return Hit(match.start(1), match.end(1), entry.label, entry.lang)
        return next(self.find(folded, start, end), None)

    def at(self, folded: str, position: int, reach: int = 40) -> Hit | None:
        """The hit that starts exactly at `position` ("Giám đốc" opening a name)."""
        hit = self.first(folded, position, min(len(folded), position + reach))
        return hit if hit is not None and hit.start == position else None

    def before(self, folded: str, position: int, reach: int = 16) -> Hit | None:
        """The last hit that ends right before `position`, only spaces between ("tại" before
        a name, "Phòng" before "Hợp tác")."""
        hits = list(self.find(folded, max(0, position - reach), position))
        if hits and not folded[hits[-1].end : position].strip():
            return hits[-1]
        return None

    def label_of(self, phrase: str) -> str | None:
        """The label of a whole phrase (used for parentheses like "(France)")."""
        # The same names are asked about again and again (every candidate, every page).
        if phrase in self._labels:
            return self._labels[phrase]
        entry = self._whole.get(" ".join(fold(phrase).split()))
        label = entry.label if entry else None
        if len(self._labels) >= 4096:
            self._labels.clear()
        self._labels[phrase] = label
        return label


@dataclass(frozen=True)
class Lexicon:
    """All cue matchers, plus the small tables read as plain data."""

    cues: Mapping[str, PhraseMatcher]
    months: Mapping[str, int]
    countries: PhraseMatcher
    cities: PhraseMatcher
    # Every signing word (verbs, acts, weak mentions), labelled with its category.
    signing_any: PhraseMatcher
    areas: PhraseMatcher
    area_names: tuple[str, ...]
    org_heads: Mapping[str, frozenset[str]]
    syllables: frozenset[str]
    generic_name_words: frozenset[str]
    name_connectors: frozenset[str]
    # The same as written ("à", "d'"): in a text with Vietnamese marks only these join.
    written_connectors: frozenset[str]
    # Endings of lowercase adjectives inside a French name ("d'Études internationales").
    adjective_endings: tuple[str, ...]
    abbreviations: frozenset[str]
    head_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The English word a university name's word stands for in another language (folded).
    name_words: Mapping[str, str] = field(default_factory=dict)
    # What a university name's signature leaves out: connectors and university words.
    signature_stops: frozenset[str] = frozenset()
    # One-word entries of some categories, for token-level tests: folded, and as written.
    single_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    written_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Matchers of several categories, made on first use (see `any_of`).
    unions: dict[tuple[str, ...], PhraseMatcher] = field(
        default_factory=dict, compare=False, repr=False
    )

    def has_word(
        self, category: str, written: str, folded: str, *, marked: bool = True, lang: str = ""
    ) -> bool:
        """Whether a token is a one-word entry (of one language's list when `lang` is given).
        Marks must agree when the text writes them (`marked`): in such a text an unmarked
        "Nam" is not "năm"."""
        suffix = f"@{lang}" if lang else ""
        if written.isascii() and not marked:
            return folded.rstrip(".") in self.single_words[category + suffix]
        return written.lower().rstrip(".") in self.written_words[category + suffix]

    def matcher(self, category: str) -> PhraseMatcher:
        return self.cues[category]

    def any_of(self, categories: tuple[str, ...]) -> PhraseMatcher:
        """One matcher for the phrases of several categories (built once): its `any_match`
        tells in one search whether any of them can have a hit."""
        union = self.unions.get(categories)
        if union is None:
            union = PhraseMatcher(e for c in categories for e in self.cues[c].entries)
            self.unions[categories] = union
        return union


def _read(directory: Path, name: str) -> dict[str, Any]:
    data = yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read and compile every lexicon file of `directory` (cached per directory)."""
    by_lang = {lang: _read(directory, f"{lang}.yaml") for lang in LANGUAGES}
    lists: dict[str, list[_Entry]] = {c: [] for c in (*_LIST_CATEGORIES, *_MAP_CATEGORIES)}
    months: dict[str, int] = {}
    name_words: dict[str, str] = {}
    syllables: set[str] = set()
    generic: set[str] = set()
    connectors: set[str] = set()
    written_connectors: set[str] = set()
    endings: set[str] = set()
    for lang, data in by_lang.items():
        for category in _LIST_CATEGORIES:
            for phrase in data.get(category) or ():
                lists[category].append(_Entry(str(phrase), category, lang))
        for category in _MAP_CATEGORIES:
            for label, phrases in (data.get(category) or {}).items():
                for phrase in phrases or ():
                    lists[category].append(_Entry(str(phrase), str(label), lang))
        # "hai học viện", "hai bệnh viện": a number of sides before any organisation word.
        lists["two_sides"].extend(
            _Entry(f"{number} {head.lstrip('=').lower()}", "two_sides", lang)
            for number in data.get("side_numbers") or ()
            for heads in (data.get("org_heads") or {}).values()
            for head in heads or ()
        )
        for name, number in (data.get("months") or {}).items():
            months[" ".join(fold(str(name)).split())] = int(number)
        for word, english in (data.get("name_words_en") or {}).items():
            name_words[fold(str(word))] = fold(str(english))
        syllables.update(fold(str(s)) for s in data.get("syllables") or ())
        generic.update(fold(str(s)) for s in data.get("generic_name_words") or ())
        connectors.update(fold(str(s)) for s in data.get("name_connectors") or ())
        written_connectors.update(str(s).lower() for s in data.get("name_connectors") or ())
        endings.update(fold(str(s)) for s in data.get("adjective_endings") or ())
    cues = {category: PhraseMatcher(entries) for category, entries in lists.items()}
    countries = PhraseMatcher(
        [
            _Entry(str(name), str(code), "")
            for code, names in _read(directory, "countries.yaml").items()
            for name in names or ()
        ]
    )
    # A hyphenated place is also found in a name read with hyphens as spaces
    # ("Université du Bas-Saint-Laurent").
    cities = PhraseMatcher(
        _Entry(form, str(code), "")
        for code, names in _read(directory, "cities.yaml").items()
        for name in names or ()
        for form in dict.fromkeys((str(name), str(name).replace("-", " ")))
    )
    area_data = _read(directory, "areas.yaml")
    areas = PhraseMatcher(
        _Entry(str(cue), str(area), str(lang))
        for area, per_lang in area_data.items()
        for lang, cue_list in (per_lang or {}).items()
        for cue in cue_list or ()
    )
    heads: dict[str, set[str]] = {}
    forms: dict[str, set[str]] = {}
    for entry in lists["org_heads"]:
        key = " ".join(fold(entry.phrase).split())
        heads.setdefault(entry.label, set()).add(key)
        forms.setdefault(key, set()).add(entry.phrase.lower())
    # Only dotted or very short titles end in a dot that is not a sentence end.
    abbreviations = {
        fold(str(t)).rstrip(".")
        for data in by_lang.values()
        for t in (data.get("titles") or ())
        if " " not in str(t) and ("." in str(t) or len(str(t)) <= 5)
    }
    abbreviations.update(
        {
            "co",
            "ltd",
            "inc",
            "corp",
            "tp",
            "st",
            "no",
            "vs",
            "etc",
            "p",
            "pte",
            "pty",
            "sdn",
            "bhd",
        }
    )
    abbreviations.update(a + "." for a in list(abbreviations))
    single = {
        category: frozenset(
            k.rstrip(".") for k in cues[category].phrases() if " " not in k and k.rstrip(".")
        )
        for category in _WORD_CATEGORIES
    }
    written = {
        category: frozenset(
            str(p).lower().rstrip(".")
            for data in by_lang.values()
            for p in data.get(category) or ()
            if " " not in str(p)
        )
        for category in list(single)
    }
    for lang, data in by_lang.items():
        for category in list(single):
            words = [str(p) for p in data.get(category) or () if " " not in str(p)]
            single[f"{category}@{lang}"] = frozenset(fold(w).rstrip(".") for w in words)
            written[f"{category}@{lang}"] = frozenset(w.lower().rstrip(".") for w in words)
    return Lexicon(
        single_words=single,
        written_words=written,
        cues=cues,
        months=months,
        countries=countries,
        cities=cities,
        signing_any=PhraseMatcher(
            _Entry(e.phrase, category, e.lang)
            for category in ("signing_verbs", "signing_events", "signing_weak")
            for e in lists[category]
        ),
        areas=areas,
        area_names=tuple(str(a) for a in area_data),
        org_heads={k: frozenset(v) for k, v in heads.items()},
        syllables=frozenset(syllables),
        generic_name_words=frozenset(generic),
        name_connectors=frozenset(connectors),
        written_connectors=frozenset(written_connectors),
        adjective_endings=tuple(sorted(endings)),
        abbreviations=frozenset(abbreviations),
        head_forms={k: frozenset(v) for k, v in forms.items()},
        name_words=name_words,
        signature_stops=frozenset(
            word
            for phrase in (*connectors, *heads.get("university", ()))
            for word in re.sub(r"[^a-z0-9]+", " ", phrase).split()
        ),
    )


def entries_of(data: Mapping[str, Any], key: str) -> list[str]:
    """The string entries under `key` (tests use it to check the lexicon files)."""
    value = data.get(key) or []
    return [str(v) for v in value] if isinstance(value, list) else []
