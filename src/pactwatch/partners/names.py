"""Organisation names reduced to comparable words.

Usage::

    eq = load_equivalents()
    form = analyse("Trường Đại học Đà Nẵng", eq)
    form.tokens        # ('university', 'da', 'nang')
    form.translations  # (('truong dai hoc', 'university'),)

A name is folded (lower case, accents removed, đ → d, punctuation, dashes and apostrophes →
spaces, French elisions split off), then read left to right against the word lists of
`equivalents.yaml`: a known phrase in any language becomes its canonical word ("Université",
"Đại học" → "university"), articles, connectives and company suffixes disappear, every other word
stays as written. Word order is kept (joined place names are compared on neighbours) but matching
treats the result as a set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "ß": "ss",
        # Every apostrophe-like mark is one apostrophe; every dash is a hyphen.
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff]")
_DOTTED_ACRONYM = re.compile(r"(?<![\w.])((?:\w\.){2,})(?=\W|$)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_ELISION = re.compile(r"\b(l|d|j|qu|n|c|m|t|s)'(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_PARENTHESISED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_ACRONYM_CHARS = re.compile(r"^[^\W\d_]*[^\W_]*$")


def _strip_marks(text: str) -> str:
    text = text.translate(_SPECIAL_LETTERS)
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def fold(text: str) -> str:
    """Lower case without accents or punctuation: ``fold("Đà-Nẵng's")`` is ``"da nang"``."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The folded words of `text`, in order (see `fold`)."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), _strip_marks(text))
    text = text.casefold()
    text = _POSSESSIVE.sub("", text)
    text = _ELISION.sub(r"\1 ", text)
    return [w for w in _NON_WORD.split(text) if w]


def acronym_key(text: str) -> str:
    """An acronym as compared: folded, no dots, spaces or hyphens (``"U.S.T.H."`` → ``"usth"``)."""
    return "".join(words(text))


def looks_like_acronym(text: str) -> bool:
    """One word of 2 to 10 letters or digits with at least two capitals and no lower case letter.

    ``"CNES"``, ``"ĐHQG"``, ``"U.S.T.H."`` and ``"VNU-HCM"`` are; ``"Mines"`` and ``"A"`` are not.
    """
    raw = _strip_marks(text.strip()).replace(".", "").replace("-", "").replace("&", "")
    if not 2 <= len(raw) <= 10 or not _ACRONYM_CHARS.match(raw) or " " in raw:
        return False
    return raw.upper() == raw and sum(c.isupper() for c in raw) >= 2


def split_definition(text: str) -> tuple[str, tuple[str, ...]]:
    """Split parenthesised parts off a name: ``"French National Centre for Space Studies (CNES)"``
    gives ``("French National Centre for Space Studies", ("CNES",))``."""
    inner = tuple(p.strip() for p in _PARENTHESISED.findall(text) if p.strip())
    outer = " ".join(_PARENTHESISED.sub(" ", text).split())
    return outer, inner


@dataclass(frozen=True, slots=True)
class Equivalents:
    """The word lists of `equivalents.yaml`, folded and ready for `analyse`."""

    # First folded word → the phrases starting with it, longest first, with the canonical words
    # they become (articles, connectives and company suffixes stay themselves).
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    # Canonical word → how much it says about which organisation is meant (0..1].
    concept_weights: Mapping[str, float]
    # Articles, connectives and company suffixes (folded single words).
    dropped: frozenset[str]
    # Canonical word → its class ("kind": university, institute…; "field": science, law…).
    concept_classes: Mapping[str, str] = field(default_factory=dict)

    def weight_factor(self, token: str) -> float:
        return self.concept_weights.get(token, 1.0)

    def concept_class(self, token: str) -> str | None:
        return self.concept_classes.get(token)


def load_equivalents(path: Path | None = None) -> Equivalents:
    """Read the word lists (the packaged ``equivalents.yaml`` unless `path` is given)."""
    if path is None:
        text = resources.files("pactwatch.partners").joinpath("equivalents.yaml").read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError("equivalents: the top level must be a mapping")
    return equivalents_from_data(data)


def equivalents_from_data(data: Mapping[str, Any]) -> Equivalents:
    """Build `Equivalents` from the parsed YAML structure (see `load_equivalents`)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    weights: dict[str, float] = {}
    stop_weight = float(data.get("stopword_weight", 0.05))
    stop_lists = data.get("stopwords") or {}
    for forms in (*stop_lists.values(), data.get("legal_forms") or ()):
        for form in forms:
            key = tuple(words(str(form)))
            # Kept as words of their own, nearly weightless: "da" is Portuguese "of" and the
            # first half of "Đà Nẵng"; dropping it would break "Da Nang" = "Danang".
            if key:
                table[key] = key
                weights.update(dict.fromkeys(key, stop_weight))
    dropped = frozenset(weights)
    # Concepts and expansions come after the stop lists: a word that is both ("y": Spanish
    # "and", Vietnamese "medicine") keeps its meaning.
    classes: dict[str, str] = {}
    for canonical, spec in (data.get("concepts") or {}).items():
        name = fold(str(canonical))
        weights[name] = float(spec.get("weight", 1.0))
        if spec.get("class"):
            classes[name] = str(spec["class"])
        for form in (*spec.get("forms", ()), canonical):
            key = tuple(words(str(form)))
            if key:
                table[key] = (name,)
    for phrase, targets in (data.get("expansions") or {}).items():
        key = tuple(words(str(phrase)))
        if key:
            table[key] = tuple(fold(str(t)) for t in targets)
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for key, value in table.items():
        by_first.setdefault(key[0], []).append((key, value))
    phrases = {
        first: tuple(sorted(items, key=lambda item: -len(item[0])))
        for first, items in by_first.items()
    }
    return Equivalents(
        phrases=phrases, concept_weights=weights, dropped=dropped, concept_classes=classes
    )


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name as compared: canonical words in order, and what was translated on the way."""

    text: str
    tokens: tuple[str, ...]
    # Words written like acronyms ("VNU" in "VNU Vietnam Japan University"): often a parent
    # organisation's or the name's own acronym, so they count less when the other name lacks them.
    acronym_tokens: frozenset[str]
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """Order-free identity of the name: equal keys mean equal word sets."""
        return " ".join(sorted(set(self.tokens)))

    @property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)


def analyse(text: str, eq: Equivalents) -> NameForm:
    """Reduce a name to its canonical words (see the module docstring)."""
    raw = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    written_acronyms = {
        "".join(words(part))
        for part in re.split(r"[\s/,;:()\[\]-]+", raw)
        if looks_like_acronym(part)
    }
    folded = words(text)
    tokens: list[str] = []
    translations: list[tuple[str, str]] = []
    i, n = 0, len(folded)
    phrases = eq.phrases
    while i < n:
        word = folded[i]
        for phrase, canonical in phrases.get(word, ()):
            size = len(phrase)
            if tuple(folded[i : i + size]) == phrase:
                tokens.extend(canonical)
                written = " ".join(phrase)
                if written != " ".join(canonical):
                    translations.append((written, " ".join(canonical)))
                i += size
                break
        else:
            tokens.append(word)
            i += 1
    kept = set(tokens)
    return NameForm(
        text=text,
        tokens=tuple(tokens),
        acronym_tokens=frozenset(a for a in written_acronyms if a in kept),
        translations=tuple(translations),
    )


def initialisms(text: str, eq: Equivalents) -> frozenset[str]:
    """Acronyms a name could be known by, from the first letters of its words.

    Connectives and company suffixes are skipped; a word written as an acronym counts whole
    ("FPT University" → ``fptu``); ``"Vietnam Japan University"`` → ``{"vju"}``. Only weak
    evidence: many names share an initialism.
    """
    name, _inner = split_definition(text)
    out: set[str] = set()
    letters: list[str] = []
    first = True
    for part in re.split(r"[\s/,;:]+", name):
        if not part:
            continue
        if looks_like_acronym(part):
            letters.append(acronym_key(part))
            first = False
            continue
        # A capitalised connective inside a name is a name ("Đà Nẵng", "Nghệ An").
        capital = part[:1].isupper() and not first
        for word in words(part):
            if word.isdigit() or (word in eq.dropped and not capital):
                continue
            letters.append(word[0])
        first = False
    initialism = "".join(letters)
    if 3 <= len(initialism) <= 10:
        out.add(initialism)
    return frozenset(out)


def name_variants(text: str) -> tuple[str, tuple[str, ...]]:
    """The name to compare and the acronyms it defines.

    ``"Ho Chi Minh City University of Technology (HCMUT)"`` → the name without the
    parenthesis and ``("HCMUT",)``; a parenthesis that is not an acronym stays part of the name
    (``"Luxshare - ICT (Nghe An)"``). A bare acronym gives an empty name.
    """
    stripped = text.strip()
    if looks_like_acronym(stripped):
        return "", (stripped,)
    outer, inner = split_definition(stripped)
    acronyms = tuple(p for p in inner if looks_like_acronym(p))
    if acronyms and outer:
        rest = [p for p in inner if not looks_like_acronym(p)]
        return " ".join([outer, *rest]), acronyms
    return stripped, ()


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """`values` without repeats or blanks, first occurrence kept."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip() and value not in seen:
            seen[value] = None
    return tuple(seen)
