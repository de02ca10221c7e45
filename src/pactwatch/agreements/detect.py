"""Is it a signing? Sentence-level signing statements, what qualifies them, and the verdict.

A signing statement is a sentence with a signing verb and an agreement noun ("signed a
Memorandum of Understanding", "đã ký kết thỏa thuận hợp tác", "a signé un accord de
coopération") or a noun naming the act ("signing ceremony", "lễ ký kết"); in a title a bare
"sign"/"ký" with an agreement noun is enough. A statement does not count when the same
sentence reads as a plan ("will sign", "agreed to sign", "towards signing"), a statistic
("has signed agreements with over 200 universities"), background ("Earlier ...", "Trước đó"),
a generic remark ("not merely about signing agreements") or a negation. The home
institution must be a party: named in the sentence, or implied ("the two sides", "hai bên")
in an article about it. Usage::

    statements = find_statements(body, lex, home)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pactwatch.agreements.home import HomeSide
from pactwatch.agreements.lexicon import Hit, Lexicon
from pactwatch.agreements.text import Body, Sentence

# Categories that disqualify a statement, with the words used in reasons.
DISQUALIFIERS = {
    "plan": "a plan or intention",
    "statistic": "a statistic or summary",
    "background": "background (an earlier signing)",
    "generic": "a generic remark",
    "negation": "a negation",
}


@dataclass
class Statement:
    """One sentence that talks about a signing."""

    index: int
    sentence: Sentence
    verb: Hit | None
    event: Hit | None
    nouns: list[Hit]
    qualifiers: dict[str, Hit] = field(default_factory=dict)
    party: str = "unknown"  # home | implied | third | unknown
    home_hit: tuple[int, int] | None = None

    @property
    def anchor(self) -> Hit:
        cue = self.verb or self.event
        assert cue is not None
        return cue

    @property
    def clean(self) -> bool:
        return not self.qualifiers and self.party in {"home", "implied"}


def _bucket(hits: list[Hit], sentences: tuple[Sentence, ...]) -> list[list[Hit]]:
    out: list[list[Hit]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    from bisect import bisect_right

    for hit in hits:
        idx = bisect_right(starts, hit.start) - 1
        if 0 <= idx < len(sentences) and hit.start < sentences[idx].end:
            out[idx].append(hit)
    return out


def cue_hits(body: Body, lex: Lexicon, category: str) -> list[list[Hit]]:
    """Hits of one category over the whole text, bucketed per sentence."""
    return _bucket(list(lex.cues[category].find(body.folded)), body.sentences)


def find_statements(body: Body, lex: Lexicon, home: HomeSide) -> list[Statement]:
    """Every sentence that states, plans or recalls a signing, with its qualifiers."""
    # One pass over the text for every signing word; the rest only where one was found.
    signing = _bucket(list(lex.signing_any.find(body.folded)), body.sentences)
    statements: list[Statement] = []
    for idx, sentence in enumerate(body.sentences):
        if not signing[idx]:
            continue
        verb = next((h for h in signing[idx] if h.label == "signing_verbs"), None)
        event = next((h for h in signing[idx] if h.label == "signing_events"), None)
        weak = next((h for h in signing[idx] if h.label == "signing_weak"), None)
        span = (body.folded, sentence.start, sentence.end)
        if (
            verb is None
            and event is None
            and weak is not None
            and (sentence.is_title or lex.cues["ceremony"].first(*span) is not None)
        ):
            verb = weak
        if verb is None and event is None:
            continue
        nouns = list(lex.cues["agreement_nouns"].find(*span))
        if event is None and not nouns:
            continue
        statements.append(Statement(idx, sentence, verb, event, nouns))
    if not statements:
        return statements
    for category in DISQUALIFIERS:
        for stmt in statements:
            hit = lex.cues[category].first(body.folded, stmt.sentence.start, stmt.sentence.end)
            if hit is not None:
                stmt.qualifiers[category] = hit
    return statements


def assign_parties(
    statements: list[Statement],
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    *,
    orgs_in: Mapping[int, Sequence[object]],
    home_in_article: bool,
) -> None:
    """Decide for each statement whether the home institution is a party."""
    for stmt in statements:
        s = stmt.sentence
        # "... signed an MoU witnessed by HUST leaders": a witness is not a party.
        attendance = lex.cues["attendance"].first(body.folded, s.start, s.end)
        end = attendance.start if attendance and attendance.start > stmt.anchor.start else s.end
        match = home.mentioned(body.folded, s.start, end)
        if match is not None:
            stmt.party = "home"
            stmt.home_hit = (match.start(), match.end())
            continue
        two = lex.cues["two_sides"].first(body.folded, s.start, s.end)
        others = len(orgs_in.get(stmt.index, []))
        if two is not None and home_in_article:
            stmt.party = "implied"
        elif others >= 2:
            stmt.party = "third"
        elif home_in_article:
            stmt.party = "implied"
        else:
            stmt.party = "unknown"


def qualified_mentions(body: Body, lex: Lexicon, limit: int = 4) -> list[tuple[int, str, Hit]]:
    """Sentences that mention signing only with a qualifier ("will sign", "with over 200"):
    (sentence index, qualifier category, qualifier hit), to explain a "no"."""
    out: list[tuple[int, str, Hit]] = []
    signing = _bucket(list(lex.signing_any.find(body.folded)), body.sentences)
    for idx, sentence in enumerate(body.sentences):
        if not signing[idx]:
            continue
        for category in DISQUALIFIERS:
            hit = lex.cues[category].first(body.folded, sentence.start, sentence.end)
            if hit is not None:
                out.append((idx, category, hit))
                break
        if len(out) >= limit:
            break
    return out
