"""The registry of known partners held in memory, indexed for matching.

Usage::

    index = PartnerIndex(entries_from_config(settings.partners), load_equivalents())
    result = index.match("Ecole des Mines de Saint Etienne", acronym=None)
    result.status, result.best, result.reasons

Candidates come from an inverted index on the registry's distinctive words (a word most entries
share, like "university", finds nothing by itself), from joined or split neighbours ("Danang" /
"Da Nang"), from words one typo away, and from acronyms; only the few best of them are scored in
full (`matching.compare`). A query is never compared with every entry.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pactwatch.config import PartnerConfig
from pactwatch.model import PartnerDraft
from pactwatch.partners.matching import (
    Candidate,
    Comparison,
    MatchResult,
    MatchSettings,
    compare,
    decide,
    joins,
    noisy_or,
    typo_limit,
)
from pactwatch.partners.names import (
    Equivalents,
    NameForm,
    acronym_key,
    analyse,
    initialisms,
    name_variants,
    split_definition,
    unique,
)


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One known partner as matching sees it (from config or from the database)."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str | None = None
    kind: str = "other"
    # Whose partner it is; empty means every institution's.
    institutions: tuple[str, ...] = ()
    since: date | None = None
    origin: str = "config"

    def is_partner_of(self, institution: str) -> bool:
        return not self.institutions or institution in self.institutions


def entries_from_config(
    partners: Sequence[PartnerConfig], *, first_id: int = 1
) -> list[RegistryEntry]:
    """Registry entries for the config's `partners:` list, numbered from `first_id`."""
    return [
        RegistryEntry(
            id=first_id + i,
            name=p.name,
            aliases=p.aliases,
            acronyms=p.acronyms,
            country=p.country,
            kind=p.kind,
            institutions=p.institutions,
            since=p.since,
            origin="config",
        )
        for i, p in enumerate(partners)
    ]


@dataclass(frozen=True, slots=True)
class _Query:
    forms: tuple[NameForm, ...]
    # joins(form.tokens) for each form, computed once per query.
    joins: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
    acronyms: frozenset[str]
    texts: tuple[str, ...]


class PartnerIndex:
    """Registry entries indexed for `match`; build a new one when the registry changes."""

    def __init__(
        self,
        entries: Iterable[RegistryEntry],
        equivalents: Equivalents,
        settings: MatchSettings | None = None,
    ) -> None:
        self.equivalents = equivalents
        self.settings = settings or MatchSettings()
        self.entries: list[RegistryEntry] = list(entries)
        self._by_id = {e.id: i for i, e in enumerate(self.entries)}
        # One record per name or alias: its entry's position and its analysed form.
        self._record_entry: list[int] = []
        self._record_form: list[NameForm] = []
        self._entry_records: list[list[int]] = []
        self._entry_acronyms: list[frozenset[str]] = []
        self._entry_initials: list[frozenset[str]] = []
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        self._initials: dict[str, list[int]] = defaultdict(list)
        postings: dict[str, list[int]] = defaultdict(list)
        df: dict[str, int] = defaultdict(int)
        for position, entry in enumerate(self.entries):
            records: list[int] = []
            acronyms: set[str] = set()
            inits: set[str] = set()
            entry_tokens: set[str] = set()
            for name in self._entry_names(entry, acronyms):
                form = analyse(name, equivalents)
                if not form.tokens:
                    continue
                record = len(self._record_form)
                self._record_form.append(form)
                self._record_entry.append(position)
                records.append(record)
                for token in set(form.tokens):
                    postings[token].append(record)
                entry_tokens.update(form.tokens)
                inits.update(initialisms(name, equivalents))
            acronyms.update(acronym_key(a) for a in entry.acronyms)
            acronyms.discard("")
            for token in entry_tokens:
                df[token] += 1
            for acronym in acronyms:
                self._acronyms[acronym].append(position)
            inits -= acronyms
            for initial in inits:
                self._initials[initial].append(position)
            self._entry_records.append(records)
            self._entry_acronyms.append(frozenset(acronyms))
            self._entry_initials.append(frozenset(inits))
        self._postings = dict(postings)
        n = len(self.entries)
        # IDF with add-one smoothing, so a two-entry registry still gives sensible weights.
        self._idf = {token: math.log(1.0 + (n + 1) / (count + 1)) for token, count in df.items()}
        self._weights = {
            token: idf * equivalents.weight_factor(token) for token, idf in self._idf.items()
        }
        self._df = dict(df)
        self._unknown_idf = math.log(1.0 + (n + 1))
        # A word in more entries than this is too common to find candidates with.
        self._common_df = max(50, n // 100)
        # Records pre-scored in full per query name, best distinctive-word hits first.
        self._shortlist = 400
        # The records of each common word, as sets: pre-scoring asks "has this record the word".
        self._common_records = {
            token: frozenset(records)
            for token, records in self._postings.items()
            if df[token] > self._common_df
        }
        self._record_total = [
            sum(self._weight(t) for t in set(f.tokens)) for f in self._record_form
        ]
        self._deletions: dict[str, list[str]] | None = None

    def _entry_names(self, entry: RegistryEntry, acronyms: set[str]) -> list[str]:
        """The names to index for an entry; acronyms defined in them go to `acronyms`.

        A parenthesis that is not an acronym is a qualifier or another name ("Western University
        (Thanh Tay University)", "Luxshare-ICT (Nghe An)"): the name is indexed with and without
        it, unless what is left says nothing distinctive ("Trường ĐH Bách khoa (ĐH Đà Nẵng)").
        """
        names: list[str] = []
        for text in unique((entry.name, *entry.aliases)):
            name, defined = name_variants(text)
            acronyms.update(acronym_key(a) for a in defined)
            if not name:
                continue
            names.append(name)
            outer, inner = split_definition(name)
            if inner and outer:
                tokens = analyse(outer, self.equivalents).tokens
                if any(self.equivalents.weight_factor(t) >= 1.0 for t in tokens):
                    names.append(outer)
        return list(unique(names))

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, partner_id: int) -> RegistryEntry:
        """The entry with this id (KeyError if unknown)."""
        return self.entries[self._by_id[partner_id]]

    # -- matching ---------------------------------------------------------------------------

    def match(
        self,
        name: str,
        *,
        acronym: str | None = None,
        mentions: Sequence[str] = (),
        institution: str | None = None,
    ) -> MatchResult:
        """Which registry entry `name` (with its acronym and other mentions) is, if any.

        Usage: ``index.match("French National Centre for Space Studies", acronym="CNES")``.
        `institution` does not restrict the search (a partner is the same organisation whoever
        signs with it); it fills each candidate's `known_to_institution`.
        """
        query = self._query(name, acronym, mentions)
        positions = self._candidate_entries(query)
        candidates = [self._score_entry(query, p, institution) for p in positions]
        candidates = [c for c in candidates if c.score > 0]
        candidates.sort(key=lambda c: (-c.score, c.partner_id))
        status, reasons = decide(candidates, self.settings)
        best = candidates[0] if candidates else None
        return MatchResult(
            query=name,
            status=status,
            best=best,
            score=best.score if best else 0.0,
            candidates=tuple(candidates[:5]),
            reasons=reasons,
        )

    def match_draft(self, draft: PartnerDraft, institution: str | None = None) -> MatchResult:
        """`match` for an extracted partner."""
        return self.match(
            draft.name, acronym=draft.acronym, mentions=draft.mentions, institution=institution
        )

    def _query(self, name: str, acronym: str | None, mentions: Sequence[str]) -> _Query:
        forms: list[NameForm] = []
        acronyms: set[str] = set()
        if acronym:
            acronyms.add(acronym_key(acronym))
        texts = unique((name, *mentions))
        seen: set[tuple[str, ...]] = set()
        for text in texts:
            plain, defined = name_variants(text)
            acronyms.update(acronym_key(a) for a in defined)
            # A parenthesised acronym may be the partner's own (CNES) or its parent's (VNU-HCM):
            # the name is compared with and without it.
            for variant in (plain, text) if plain and defined else (plain,):
                form = analyse(variant, self.equivalents)
                if form.tokens and form.tokens not in seen:
                    seen.add(form.tokens)
                    forms.append(form)
        acronyms.discard("")
        return _Query(
            forms=tuple(forms),
            joins=tuple(joins(f.tokens) for f in forms),
            acronyms=frozenset(acronyms),
            texts=texts,
        )

    def _weight(self, token: str) -> float:
        value = self._weights.get(token)
        if value is None:
            return self._unknown_idf * self.equivalents.weight_factor(token)
        return value

    def _full_weight(self, token: str) -> float:
        return self._idf.get(token, self._unknown_idf)

    def _candidate_entries(self, query: _Query) -> list[int]:
        positions: dict[int, None] = {}
        for acronym in query.acronyms:
            for position in self._acronyms.get(acronym, ()):
                positions[position] = None
            for position in self._initials.get(acronym, ()):
                positions[position] = None
        for form in query.forms:
            for record in self._candidate_records(form):
                positions[self._record_entry[record]] = None
        return list(positions)

    def _candidate_records(self, form: NameForm) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        postings, df, common = self._postings, self._df, self._common_df
        tokens = set(form.tokens)
        hits: list[tuple[str, float]] = []
        missing: list[str] = []
        for token in tokens:
            count = df.get(token)
            if count is None:
                missing.append(token)
            elif count <= common:
                hits.append((token, 1.0))
        # Neighbours written as one word in the registry ("Da Nang" → "danang").
        sequence = form.tokens
        for size in (2, 3):
            for i in range(len(sequence) - size + 1):
                joined = "".join(sequence[i : i + size])
                if df.get(joined, common + 1) <= common:
                    hits.append((joined, 1.0))
        for token in missing:
            # One word in the query written apart in the registry ("Danang" → "da nang").
            for cut in range(2, len(token) - 1):
                left, right = token[:cut], token[cut:]
                if left in df and right in df:
                    rarest = left if df[left] <= df[right] else right
                    if df[rarest] <= common:
                        hits.append((rarest, 1.0))
            if typo_limit(token):
                for near in self._near(token):
                    if df[near] <= common:
                        hits.append((near, self.settings.typo_credit))
        if not hits:
            # Only common words: the rarest of them still narrows the field.
            known = [t for t in tokens if t in df]
            if not known:
                return []
            rarest = min(known, key=df.__getitem__)
            hits.append((rarest, 1.0))
        weights = self._weights
        for token, credit in hits:
            value = weights[token] * credit
            for record in postings[token]:
                scores[record] += value
        if not scores:
            return []
        total = sum(self._weight(t) for t in tokens)
        record_total = self._record_total
        if len(scores) > self._shortlist:
            shortlist = heapq.nlargest(self._shortlist, scores, key=scores.__getitem__)
        else:
            shortlist = list(scores)
        # The exact-word Dice coefficient over all words, common ones included: the final score
        # before joins, typos and acronyms. Common words tell apart the entries of one place.
        common_hits = [
            (self._weights[t], self._common_records[t]) for t in tokens if t in self._common_records
        ]
        ranked = heapq.nlargest(
            self.settings.max_candidates,
            [
                (
                    2.0
                    * (scores[record] + sum(w for w, members in common_hits if record in members))
                    / (total + record_total[record]),
                    record,
                )
                for record in shortlist
            ],
        )
        return [record for _, record in ranked]

    def _near(self, token: str) -> list[str]:
        """Registry words one edit away from `token` (symmetric-deletion index, built once)."""
        if self._deletions is None:
            deletions: dict[str, list[str]] = defaultdict(list)
            for word, count in self._df.items():
                if typo_limit(word) and count <= self._common_df:
                    for i in range(len(word)):
                        deletions[word[:i] + word[i + 1 :]].append(word)
            self._deletions = dict(deletions)
        found: set[str] = set()
        table = self._deletions
        for variant in (token, *(token[:i] + token[i + 1 :] for i in range(len(token)))):
            found.update(table.get(variant, ()))
            if variant in self._df:
                found.add(variant)
        found.discard(token)
        return sorted(found)

    def _score_entry(self, query: _Query, position: int, institution: str | None) -> Candidate:
        entry = self.entries[position]
        settings = self.settings
        acronyms = self._entry_acronyms[position]
        best = Comparison(0.0)
        others = acronyms | self._entry_initials[position]
        for form, pairs in zip(query.forms, query.joins, strict=True):
            for record in self._entry_records[position]:
                comparison = compare(
                    form,
                    self._record_form[record],
                    self._weight,
                    full_weight=self._full_weight,
                    concept_class=self.equivalents.concept_class,
                    other_acronyms=others,
                    settings=settings,
                    query_joins=pairs,
                )
                if comparison.score > best.score:
                    best = comparison
        score, reasons = best.score, list(best.reasons)
        strong = sorted(query.acronyms & acronyms)
        weak = sorted(query.acronyms & self._entry_initials[position])
        if strong:
            said = f"acronym {strong[0].upper()} equals registry acronym"
            if query.forms:
                combined = noisy_or(score, settings.acronym_support)
                reasons.append(f"{said}: with the name's {score:.2f} gives {combined:.2f}")
                if combined < settings.review_floor:
                    # Acronyms collide (UTC is a university in Hanoi and one in Compiègne):
                    # a registry acronym with a different name is for a person to settle.
                    combined = settings.review_floor
                    reasons.append("the names differ: raised to review")
                score = combined
            else:
                score = max(score, settings.acronym_score)
                reasons.append(said)
        elif weak:
            said = f"acronym {weak[0].upper()} equals the initials of '{entry.name}' (weak)"
            if query.forms:
                combined = noisy_or(score, settings.initialism_support)
                reasons.append(f"{said}: with the name's {score:.2f} gives {combined:.2f}")
                score = combined
            else:
                score = max(score, settings.initialism_score)
                reasons.append(said)
        return Candidate(
            partner_id=entry.id,
            name=entry.name,
            score=round(score, 4),
            reasons=tuple(reasons),
            known_to_institution=None if institution is None else entry.is_partner_of(institution),
        )
