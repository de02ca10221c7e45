"""Scores between two names, and the decision a list of scored candidates leads to.

Usage::

    comparison = compare(analyse("Mines Saint-Étienne", eq), entry_form, weight)
    comparison.score    # 0.89
    comparison.reasons  # ("token-set 0.89 against '...' after translating ecole→school", ...)
    status, reasons = decide(candidates, MatchSettings())

The score is a weighted Dice coefficient over the two names' word sets: every word weighs its
rarity in the registry (an IDF) times how much its kind of word says about *which* organisation
is meant (`equivalents.yaml`), so "university" or "national" barely count and "Mines" or
"Étienne" decide. Words written apart in one name and together in the other ("Da Nang" /
"Danang"), and words one typo apart, count as shared. An acronym-like word found in one name
only ("VNU" in "VNU Vietnam Japan University") is usually a parent's or the name's own acronym
and weighs less.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pactwatch.partners.names import NameForm

MatchStatus = Literal["matched", "new", "review"]


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Thresholds of the match decision; the defaults are what the tests and the bench use."""

    # A candidate at or above this score is the partner (unless another one is close).
    threshold: float = 0.80
    # Below the threshold but at or above this, a person should look: "review".
    review_floor: float = 0.70
    # Two candidates whose scores differ by no more than this are too close to choose.
    margin: float = 0.05
    # Score of an acronym equal to one in the registry when the query has no full name to check.
    acronym_score: float = 0.95
    # The same evidence combined with a full name's score (noisy-or): a shared acronym lifts a
    # fair name score over the threshold but cannot make a different name the same partner.
    acronym_support: float = 0.55
    # An acronym equal to the registry name's initials only (VJU = Vietnam Japan University).
    initialism_score: float = 0.72
    initialism_support: float = 0.3
    # Weight kept by an acronym-like word present in one name only.
    qualifier_weight: float = 0.4
    # Credit for a word one typo away from the other name's word.
    typo_credit: float = 0.8
    # Records fully scored per query name, best pre-scores first.
    max_candidates: int = 8


@dataclass(frozen=True, slots=True)
class Comparison:
    """A score between two names; `reasons` are written only when asked for."""

    score: float
    notes: tuple[str, ...] = ()
    other: str = ""
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        if not self.other:
            return self.notes
        head = f"token-set {self.score:.2f} against '{self.other}'"
        translated = sorted({f"{a}→{b}" for a, b in self.translations})
        if translated:
            head += " after translating " + ", ".join(translated)
        return (head, *self.notes)


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether `a` and `b` are at most `limit` insertions, deletions or substitutions apart."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    # Common prefix and suffix cost nothing; most pairs differ right away or not at all.
    start = 0
    while start < la and a[start] == b[start]:
        start += 1
    end_a, end_b = la, lb
    while end_a > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
    la, lb = len(a), len(b)
    if la == 0:
        return lb <= limit
    if limit == 1:
        return la == 1 and lb == 1
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        current = [i] + [0] * lb
        best = i
        ca = a[i - 1]
        for j in range(1, lb + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]))
            current[j] = value
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[lb] <= limit


def typo_limit(word: str) -> int:
    """How many typos a word of this length may carry and still be itself."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def joins(tokens: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Two or three neighbouring words written as one: ``("da", "nang")`` → ``"danang"``."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for size in (2, 3):
        for i in range(len(tokens) - size + 1):
            parts = tuple(tokens[i : i + size])
            out.append(("".join(parts), parts))
    return tuple(out)


def _joined(
    pairs: Sequence[tuple[str, tuple[str, ...]]], left_free: set[str], right_free: set[str]
) -> list[tuple[tuple[str, ...], str]]:
    """Neighbours on the left (`pairs` from `joins`) written as one word on the right."""
    found: list[tuple[tuple[str, ...], str]] = []
    for joined, parts in pairs:
        if joined in right_free and all(p in left_free for p in parts):
            found.append((parts, joined))
            left_free.difference_update(parts)
            right_free.discard(joined)
    return found


def _split(word_free: set[str], parts_free: set[str]) -> list[tuple[tuple[str, ...], str]]:
    """Words on the left written as two words on the right: "danang" → ("da", "nang")."""
    found: list[tuple[tuple[str, ...], str]] = []
    for word in sorted(word_free):
        for head in parts_free:
            if len(head) < len(word) and word.startswith(head):
                tail = word[len(head) :]
                if tail in parts_free and tail != head:
                    found.append(((head, tail), word))
                    break
    for parts, word in found:
        word_free.discard(word)
        parts_free.difference_update(parts)
    return found


def _typo_pairs(
    query: Sequence[str], free_q: set[str], other: Sequence[str], free_o: set[str]
) -> list[tuple[str, tuple[str, ...]]]:
    """Query words one typo from a word (or two joined neighbours) of the other name."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for a in [t for t in query if t in free_q]:
        limit = typo_limit(a)
        if not limit:
            continue
        options: list[tuple[str, ...]] = [(b,) for b in other if b in free_o and typo_limit(b)]
        options += [(b, c) for b, c in itertools.pairwise(other) if b in free_o and c in free_o]
        for parts in options:
            candidate = "".join(parts)
            # A typo rarely hits both ends of a word: a cheap filter before the edit distance.
            if (a[0] == candidate[0] or a[-1] == candidate[-1]) and within_edits(
                a, candidate, limit
            ):
                found.append((a, parts))
                free_q.discard(a)
                free_o.difference_update(parts)
                break
    return found


def _conflicts(
    qs: set[str], os_: set[str], concept_class: Callable[[str], str | None]
) -> dict[str, tuple[set[str], set[str]]]:
    """Classes both names name without sharing a word: ("kind": {institute}, {university})."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for cls in ("kind", "field"):
        mine = {t for t in qs if concept_class(t) == cls}
        if not mine:
            continue
        theirs = {t for t in os_ if concept_class(t) == cls}
        if theirs and not mine & theirs:
            found[cls] = (mine, theirs)
    return found


def compare(
    query: NameForm,
    other: NameForm,
    weight: Callable[[str], float],
    *,
    full_weight: Callable[[str], float] | None = None,
    concept_class: Callable[[str], str | None] | None = None,
    other_acronyms: frozenset[str] = frozenset(),
    settings: MatchSettings = MatchSettings(),
    query_joins: Sequence[tuple[str, tuple[str, ...]]] | None = None,
) -> Comparison:
    """Weighted token-set similarity of two names, 0..1, with the reasons behind it.

    `weight(token)` gives a word's weight. `other_acronyms` are the other partner's acronyms:
    the query's acronym-like word equal to one of them counts as shared. Words found to be one
    ("da nang" / "danang", a typo and its word) count once on each side, at one weight.
    `query_joins` is `joins(query.tokens)`, when the caller compares one query many times.
    When both names name a kind of organisation (or a field) and share none, those words weigh
    `full_weight` instead of their light generic weight: "Institut Boston" is not "Boston
    University", though "Mines Saint-Étienne" is "École des Mines de Saint-Étienne".
    """
    qs, os_ = set(query.tokens), set(other.tokens)
    notes: list[str] = []
    w = weight
    if concept_class is not None and full_weight is not None:
        conflicts = _conflicts(qs, os_, concept_class)
        if conflicts:
            heavy = set().union(*(a | b for a, b in conflicts.values()))
            light = weight
            full = full_weight

            def w(token: str) -> float:
                return full(token) if token in heavy else light(token)

            for cls, (mine, theirs) in conflicts.items():
                notes.append(
                    f"{cls}s differ: {', '.join(sorted(mine))} vs {', '.join(sorted(theirs))}"
                )
    common = qs & os_
    got = 2.0 * sum(w(t) for t in common)
    total = sum(w(t) for t in qs) + sum(w(t) for t in os_)
    free_q, free_o = qs - common, os_ - common
    if free_q and free_o:
        pairs = joins(query.tokens) if query_joins is None else query_joins
        for parts, joined in _joined(pairs, free_q, free_o):
            unit = w(joined)
            total += unit - sum(w(p) for p in parts)
            got += 2.0 * unit
            notes.append(f"'{' '.join(parts)}' written as '{joined}'")
        for parts, joined in _split(free_q, free_o):
            unit = w(joined)
            total += unit - sum(w(p) for p in parts)
            got += 2.0 * unit
            notes.append(f"'{joined}' written as '{' '.join(parts)}'")
        if free_q and free_o:
            for a, parts in _typo_pairs(query.tokens, free_q, other.tokens, free_o):
                # The other name's word weight stands for both: a typo makes a word look rare.
                unit = sum(w(p) for p in parts)
                total += unit - w(a)
                got += 2.0 * settings.typo_credit * unit
                notes.append(f"'{a}' taken for '{' '.join(parts)}' (typo)")
    if free_q and other_acronyms:
        for token in sorted(free_q & query.acronym_tokens & other_acronyms):
            got += w(token)
            free_q.discard(token)
            notes.append(f"{token.upper()} in the name is the partner's acronym")
    qualifiers = (free_q & query.acronym_tokens) | (free_o & other.acronym_tokens)
    if qualifiers:
        total -= (1.0 - settings.qualifier_weight) * sum(w(t) for t in qualifiers)
        notes.append(
            "unmatched acronym-like "
            + ", ".join(sorted(q.upper() for q in qualifiers))
            + " weigh less"
        )
    score = min(1.0, got / total) if total > 0 else 0.0
    return Comparison(
        score=score,
        notes=tuple(notes),
        other=other.text,
        translations=(*query.translations, *other.translations),
    )


def noisy_or(a: float, b: float) -> float:
    """Two independent pieces of evidence combined: 1 - (1 - a)(1 - b)."""
    return 1.0 - (1.0 - a) * (1.0 - b)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registry entry the query may be, its score and why."""

    partner_id: int
    name: str
    score: float
    reasons: tuple[str, ...] = ()
    # Whether the entry is a partner of the institution asked about (None: none asked).
    known_to_institution: bool | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What the registry says about a name: 'matched' (to `best`), 'new', or 'review'."""

    query: str
    status: MatchStatus
    best: Candidate | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = field(default=())

    @property
    def partner_id(self) -> int | None:
        """The matched entry's id; None unless the status is 'matched'."""
        return self.best.partner_id if self.status == "matched" and self.best else None


def decide(
    candidates: Sequence[Candidate], settings: MatchSettings
) -> tuple[MatchStatus, tuple[str, ...]]:
    """The status a sorted (best first) candidate list leads to, with the rule that decided."""
    if not candidates or candidates[0].score < settings.review_floor:
        closest = f" (best: '{candidates[0].name}' {candidates[0].score:.2f})" if candidates else ""
        return "new", (f"no candidate reaches {settings.review_floor:.2f}{closest}",)
    best = candidates[0]
    if len(candidates) > 1:
        second = candidates[1]
        if second.score >= max(settings.review_floor, best.score - settings.margin):
            return "review", (
                f"two close candidates: '{best.name}' {best.score:.2f} and "
                f"'{second.name}' {second.score:.2f} (margin {settings.margin:.2f})",
            )
    if best.score >= settings.threshold:
        return "matched", (
            f"'{best.name}' {best.score:.2f} reaches the threshold {settings.threshold:.2f}",
        )
    return "review", (
        f"'{best.name}' {best.score:.2f} is below the threshold {settings.threshold:.2f} "
        f"but above {settings.review_floor:.2f}",
    )
