"""Is it a signing? Sentence-level signing statements, what qualifies them, and the verdict.

A signing statement is a sentence with a signing verb and an agreement noun ("signed a
Memorandum of Understanding", "đã ký kết thỏa thuận hợp tác", "a signé un accord de
coopération") or a noun naming the act ("signing ceremony", "lễ ký kết"); in a title a bare
"sign"/"ký" with an agreement noun is enough. A statement does not count when the same
sentence reads as a plan ("will sign", "agreed to sign", "towards signing"), a statistic
("has signed agreements with over 200 universities"), background ("Earlier ...", "Trước đó"),
a generic remark ("not merely about signing agreements"), a negation, or a purchase or
sponsorship; or when its date lies after publication (an announcement) or weeks before it
(background). A qualifier belongs to the signing cue nearest to it: in "signed an agreement,
implementing the MoU the two schools signed in 2022" the first cue stays clean. A participle
that only describes documents is background: "the agreement signed in 2021 between A and
B" (an earlier year), "các văn bản hợp tác đã ký", "some agreements signed" (a group). The
home institution must be a party: named in the sentence (not as a witness: "HUST leaders
attended the signing", nor outside the list after "between", nor only as the host or venue
of a signing that names its own parties: "A and B signed ... at HUST", "tại HUST, A và B
đã ký kết", "A a signé avec B lors d'une cérémonie organisée à l'HUST"), by an organisation
word alone ("Học viện và X đã ký kết"), or implied ("the two sides", "hai bên") in an
article about it. A headline that announces the signing as a plan, or as
one between other parties, speaks for the whole article. Usage::

    statements = find_statements(body, lex, home)
    stmt_dates, reasons = mark_time(statements, body, lex, dates, published)
    clean, why = trusted(statements)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from pactwatch.agreements.counterparts import party_slot
from pactwatch.agreements.home import HomeSide, key
from pactwatch.agreements.lexicon import Hit, Lexicon
from pactwatch.agreements.parties import OrgMention
from pactwatch.agreements.signing_date import (
    TextDate,
    find_dates,
    resolve,
    statement_date,
    timing,
    year_before,
)
from pactwatch.agreements.text import Body, Sentence, fold, has_vietnamese_marks, same_tones

# An indefinite article (folded: "một" is "mot"): what opens a description of a body
# rather than its name ("X, a start-up founded by ...", "and a Japanese trading house").
_INDEFINITE = r"(?:a|an|un|une|mot)"
# Categories that disqualify a statement, with the words used in reasons.
DISQUALIFIERS = {
    "plan": "a plan or intention",
    "statistic": "a statistic or summary",
    "background": "background (an earlier signing)",
    "generic": "a generic remark",
    "negation": "a negation",
    "commercial": "a contract of another kind (purchase, works, services, sponsorship, employment)",
    "decree": "an internal decision or decree",
    "mock": "a mock signing (an exercise, a contest, a role play)",
    "document": "a document of another kind (a diploma, a certificate, a book, a petition)",
}
# Categories looked for anywhere in a statement's sentence; a decree only counts as the
# object of the signing verb or act ("đã ký Quyết định số 612", "a signé l'arrêté"), a
# document of another kind as its object or its subject ("the diplomas were signed").
_SENTENCE_WIDE = tuple(c for c in DISQUALIFIERS if c not in {"decree", "document"})
# Words that may stand between a signing verb and its object.
_OBJECT_GAP = re.compile(r"[\s,]*(?:(?:the|a|an|its|le|la|les|l'|un|une|ce|cette|da|mot|ban)\s*)*")
# Words between a noun naming the act and its object ("signing of the", "signature du").
_ACT_GAP = re.compile(r"[\s,]*(?:(?:of|the|a|an|du|de|des|d'|l'|la|le|un|une)\s*)*")
# Qualifiers found by rules rather than read from one lexicon category.
_DERIVED = {
    "future": "plan",
    "headline_plan": "plan",
    "modals": "plan",
    "future_time": "plan",
}
# A count of agreements this large is a statistic ("35 new cooperation agreements").
_MANY = 5
# A group this large signing at once is a statistic; a seven-party signing is not.
_CROWD = 10
# "no new agreement was signed", "aucune nouvelle convention n'a été signée": a negative
# determiner, with at most one adjective, before the agreement noun.
_NONE_BEFORE = re.compile(r"(?<![a-z'])(?:no|aucun|aucune)(?:\s+[a-z-]+)?\s+$")
_COUNT_BEFORE = re.compile(r"(?<![\d.,/:-])(\d{1,4})(?:\s+[a-z-]+){0,2}\s+$")
# The same count written in words ("Ten agreements", "renewed five agreements", "mười thỏa
# thuận", "cinq accords"); Vietnamese words are compared with their marks ("sau" is "after",
# "sáu" six), and "năm" is left out: it is also "year".
_WORD = re.compile(r"[\w-]+")
_COUNT_WORDS = {
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mươi": 20,
    "trăm": 100,
}
# Words that may stand between a signing noun and a future auxiliary ("the signing
# ceremony of the MoU will ..."): anything else makes them separate clauses.
_FUTURE_GAP = frozenset(
    {"of", "the", "a", "an", "this", "for", "de", "la", "le", "du", "d", "l", "un", "une"}
    | {"official", "formal", "officielle", "officiel", "formelle", "chinh", "thuc"}
)


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
    # Every verb or act cue of the sentence (the anchor is the first one left unqualified).
    cues: list[Hit] = field(default_factory=list)
    # Why the home institution is not a party, when a rule says so.
    party_note: str = ""
    # The home is named only after the cue and not in a party slot ("Chứng kiến lễ ký kết
    # có ..., Giám đốc Trường X"): a party only if no other sentence names the parties.
    weak: bool = False

    @property
    def anchor(self) -> Hit:
        cue = self.verb or self.event
        assert cue is not None
        return cue

    def anchor_on(self, cue: Hit) -> None:
        """Make one of the sentence's cues the act the statement tells."""
        if cue.label == "signing_verbs":
            self.verb = cue
        else:
            self.verb, self.event = None, cue

    @property
    def nearest_noun(self) -> Hit:
        """The agreement noun nearest to the act (the statement must have nouns)."""
        return min(self.nouns, key=lambda noun: _distance(noun, self.anchor))

    @property
    def clean(self) -> bool:
        return not self.qualifiers and self.party in {"home", "implied"}


def _bucket(hits: list[Hit], body: Body) -> list[list[Hit]]:
    sentences = body.sentences
    out: list[list[Hit]] = [[] for _ in sentences]
    for hit in hits:
        idx = body.sentence_at(hit.start)
        if 0 <= idx < len(sentences) and hit.start < sentences[idx].end:
            out[idx].append(hit)
    return out


def cue_hits(body: Body, lex: Lexicon, category: str) -> list[list[Hit]]:
    """Hits of one category over the whole text, bucketed per sentence."""
    return _bucket(list(lex.cues[category].find(body.folded)), body)


def signing_hits(body: Body, lex: Lexicon, start: int = 0, end: int | None = None) -> list[Hit]:
    """Every signing word of body.folded[start:end] written as its entry: folding makes
    "kỹ" (skilled: "Kỹ thuật", "kỹ sư") and "kỳ" (a term) read "ky", which is "ký" (to
    sign) only when its mark is the entry's. Without marks, a word that only looks like one
    inside a compound ("Ky thuat", "ky su", "hoc ky") is no signing word either."""
    hits = [
        h
        for h in lex.signing_any.find(body.folded, start, end)
        if as_written(lex, h.label, h, body)
        and not _attributive(body.folded, h)
        and not _in_event_title(body, lex, h)
    ]
    if not any(h.label == "signing_weak" and h.lang == "vi" for h in hits):
        return hits
    compounds = list(lex.cues["sign_lookalikes"].find(body.folded, start, end))
    return [
        h
        for h in hits
        if h.label != "signing_weak" or not any(c.start <= h.start < c.end for c in compounds)
    ]


# "priorities for a renewed agreement": a participle right after an article describes the
# agreement (one still to come, often), it does not report a signing. English only: "Long
# An ký kết" (a Vietnamese place, then the verb) folds like an article before the verb.
_ARTICLE_BEFORE = re.compile(r"(?<![\w'])(?:a|an|the)\s+$")


def _attributive(folded: str, hit: Hit) -> bool:
    return (
        hit.label == "signing_verbs"
        and hit.lang == "en"
        and _ARTICLE_BEFORE.search(folded, max(0, hit.start - 5), hit.start) is not None
    )


_TITLED_EVENTS = frozenset({"seminar", "workshop", "conference"})


def _in_event_title(body: Body, lex: Lexicon, hit: Hit) -> bool:
    """Whether a signing word stands in the quoted title of a forum, conference or workshop:
    'Diễn đàn "Kết nối và ký kết hợp tác ..."', 'the "Sign and Grow" Forum' name an event,
    not a signing. Folding writes every quotation mark as '"'."""
    folded = body.folded
    sentence = body.sentences[max(0, body.sentence_at(hit.start))]
    if sentence.is_title and _titled_by_event(body, lex, sentence.start, hit.start):
        return True
    if '"' not in folded[max(0, hit.start - 150) : hit.start]:
        return False
    before = folded[sentence.start : hit.start]
    if before.count('"') % 2 == 0:
        return False
    opened = sentence.start + before.rfind('"')
    closed = folded.find('"', hit.end, sentence.end)
    events = lex.cues["negative_events"]
    lead = events.find(folded, max(sentence.start, opened - 30), opened)
    tail = events.find(folded, closed + 1, min(sentence.end, closed + 30)) if closed > 0 else ()
    return any(
        e.label in _TITLED_EVENTS and not folded[e.end : opened].strip() for e in lead
    ) or any(e.label in _TITLED_EVENTS and not folded[closed + 1 : e.start].strip() for e in tail)


def _titled_by_event(body: Body, lex: Lexicon, start: int, end: int) -> bool:
    """Whether a headline opens with an event word and the event's own capitalised name
    ("Diễn đàn Kết nối và ký kết hợp tác ...", "Forum Sign & Grow 2025"): the words up to
    `end` name the event. "Hội thảo và Lễ ký kết ..." (a workshop and a signing) does not."""
    folded = body.folded
    lead = body.text[start:end]
    offset = start + len(lead) - len(lead.lstrip())
    event = lex.cues["negative_events"].first(folded, offset, end)
    if event is None or event.start != offset or event.label not in _TITLED_EVENTS:
        return False
    after = body.text[event.end : end].split()
    return bool(after) and after[0][:1].isupper()


def find_statements(
    body: Body, lex: Lexicon, home: HomeSide, *, published: date | None = None
) -> list[Statement]:
    """Every sentence that states, plans or recalls a signing, with its qualifiers."""
    # One pass over the text for every signing word; the rest only where one was found.
    signing = _bucket(signing_hits(body, lex), body)
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
            and (
                sentence.is_title
                or _ceremony_of(weak, lex, span)
                or _finite_weak(weak, body, lex, sentence.end)
            )
        ):
            verb = weak
        if verb is None and event is None:
            continue
        nouns = [
            n for n in lex.cues["agreement_nouns"].find(*span) if not _in_unit_name(body, lex, n)
        ]
        if event is None and not nouns:
            continue
        strong = [h for h in signing[idx] if h.label != "signing_weak"]
        cues = strong or [c for c in (verb, event) if c is not None]
        if strong:
            # "... cụ thể hóa biên bản ghi nhớ ký năm 2019": a bare participle after an
            # agreement noun is a cue of its own, which its qualifiers belong to.
            cues = sorted(
                cues
                + [
                    h
                    for h in signing[idx]
                    if h.label == "signing_weak"
                    and any(_participle_of(body.folded, n, h, sentence.end) for n in nouns)
                ],
                key=lambda h: h.start,
            )
        statements.append(Statement(idx, sentence, verb, event, nouns, cues=cues))
    if not statements:
        return statements
    for stmt in statements:
        _qualify(stmt, body, lex, published)
    return statements


def _in_unit_name(body: Body, lex: Lexicon, noun: Hit) -> bool:
    """Whether an agreement noun is a word of a unit's name ("Phòng Hợp tác quốc tế", the
    international cooperation office): capitalised, right after a unit word."""
    if not body.text[noun.start : noun.start + 1].isupper():
        return False
    return lex.cues["unit_heads"].before(body.folded, noun.start) is not None


# Words that may describe an agreement noun before the participle that dates it ("thỏa
# thuận đầu tiên ký năm 2022", "the agreement first signed in 2019").
_DESCRIBED_GAP = re.compile(r"\s+(?:[a-z]+\s+){1,2}")


def _participle_of(folded: str, noun: Hit, weak: Hit, end: int) -> bool:
    """Whether a bare signing participle describes the agreement noun before it: right
    after it ("biên bản ghi nhớ ký năm 2019"), or after a word or two that describe the
    noun when a year follows ("thỏa thuận đầu tiên ký năm 2022")."""
    if noun.end > weak.start:
        return False
    if _RECALLED_GAP.fullmatch(folded, noun.end, weak.start):
        return True
    return bool(
        _DESCRIBED_GAP.fullmatch(folded, noun.end, weak.start)
        and _IN_YEAR.match(folded, weak.end, end)
    )


def _ceremony_of(weak: Hit, lex: Lexicon, span: tuple[str, int, int]) -> bool:
    """Whether the sentence names a ceremony in the language of the weak signing word: the
    French "le" folds like the Vietnamese "lễ", so "pouvoir signer cet accord à la rentrée
    », a déclaré le Pr X" holds no ceremony."""
    return any(h.lang == weak.lang for h in lex.cues["ceremony"].find(*span))


# Up to two words that describe the agreement noun after the verb's article ("sign the new
# cooperation agreement").
_DESCRIBING = re.compile(r"(?:[a-z-]+\s+){0,2}")


def _finite_weak(weak: Hit, body: Body, lex: Lexicon, end: int) -> bool:
    """Whether a weak signing word states the act: "the two rectors sign the memorandum of
    understanding" (a caption), not "to sign", "will sign", "agreed to sign" (not_finite
    right before it), nor in a question ("Will TDTU sign many agreements this year?")."""
    folded = body.folded
    form = lex.cues["finite_weak"].first(folded, weak.start, weak.end)
    if form is None or (form.start, form.end) != (weak.start, weak.end):
        return False
    if folded[weak.end : end].rstrip().endswith("?"):
        return False  # "Will TDTU sign many new agreements this year?"
    words = folded[max(0, weak.start - 24) : weak.start].split()
    if not words or words[-1] in lex.single_words["not_finite"]:
        return False
    gap = _OBJECT_GAP.match(folded, weak.end, end)
    at = gap.end() if gap else weak.end
    described = _DESCRIBING.match(folded, at, end)
    limit = described.end() if described else at
    return any(
        n.start <= limit for n in lex.cues["agreement_nouns"].find(folded, at, min(end, limit + 60))
    )


# A clause ends at a semicolon or a colon, not at the colon of a time ("9:00 a.m.").
_CLAUSE_END = re.compile(r";|(?<!\d):(?!\d)")


# "VinUni's Provost and the leaders of X, Y and Z signed": the home's head heads the list.
_POSSESSIVE_HEAD = re.compile(r"['’]s\s+([a-z-]+)")
_AND_THE_HEADS = re.compile(r"\s+(?:and|et)\s+the\s+(?:[a-z-]+\s+){1,2}of\s+(?:the\s+)?\Z")


def _head_among_signers(body: Body, lex: Lexicon, home_end: int, first_signer: int) -> bool:
    """Whether the home is named as the owner of the first of the people who sign, the
    others' bodies after them ("VinUni's Provost and the leaders of Mahidol University ...
    signed")."""
    owned = _POSSESSIVE_HEAD.match(body.folded, home_end)
    return (
        owned is not None
        and lex.has_word("titles", owned.group(1), owned.group(1), marked=False)
        and _AND_THE_HEADS.match(body.folded, owned.end(), first_signer) is not None
    )


def _opens_clause(folded: str, start: int, at: int) -> bool:
    """Whether `at` opens a clause of the span from `start`: its start, or after a comma."""
    before = folded[start:at].rstrip()
    return not before or before.endswith(",")


def _renews_other(stmt: Statement, body: Body, lex: Lexicon, year_at: int) -> bool:
    """Whether a year after the signing word dates what it renews: "re-signed the agreement
    the two sides first concluded in 2019" (the signing word is a renewal's, the year not
    right after it: "renewed in 2023" is its own)."""
    anchor = stmt.anchor
    if year_at <= anchor.end + 4:
        return False
    hit = lex.cues["renewal"].first(body.folded, max(0, anchor.start - 24), anchor.end + 1)
    return hit is not None and hit.start <= anchor.end and anchor.start <= hit.end


def _ends_in_a_name(body: Body, hit: Hit) -> bool:
    """Whether a Vietnamese cue's lowercase start runs into a capitalised word, which opens
    a name."""
    words = body.text[hit.start : hit.end].split()
    return hit.lang == "vi" and words[0][:1].islower() and any(w[:1].isupper() for w in words[1:])


def _recent(lex: Lexicon, folded: str, hit: Hit) -> bool:
    """Whether a word is part of a phrase of the last days ("earlier this week", "Week in
    Review")."""
    return any(
        recent.start <= hit.start and hit.end <= recent.end
        for recent in lex.cues["recent"].find(
            folded, max(0, hit.start - _RECENT_REACH), hit.end + _RECENT_REACH
        )
    )


# How far a phrase of the last days may reach on either side of the word it holds.
_RECENT_REACH = 24


def _put_off(stmt: Statement, body: Body, lex: Lexicon) -> Hit | None:
    """A put-off said after the signing, in its clause: "the signing of X ... has been
    postponed"; not "X signed ...; the ceremony had been postponed twice", nor "Postponed
    twice, the signing finally took place"."""
    folded, after = body.folded, stmt.anchor.end
    hit = lex.cues["put_off"].first(folded, after, stmt.sentence.end)
    if hit is None or _CLAUSE_END.search(folded, after, hit.start) is not None:
        return None
    return hit if as_written(lex, "put_off", hit, body) else None


_LEAD_GAP = re.compile(r"[^,;:.()]{0,50}")
_LEADS = (("put_off_leads", "negation"), ("plan_leads", "plan"))


def _put_off_or_planned(stmt: Statement, body: Body, lex: Lexicon) -> list[tuple[str, Hit]]:
    """A put-off said after the signing cue (see `_put_off`), or a put-off or a plan said
    shortly before it, in its clause, with anything but punctuation between: "le report de
    la signature", "hoãn lễ ký kết", "is preparing to officially sign"."""
    folded, anchor = body.folded, stmt.anchor
    start = max(stmt.sentence.start, anchor.start - 50)
    put_off = _put_off(stmt, body, lex)
    found = [("negation", put_off)] if put_off is not None else []
    for category, label in _LEADS:
        hits = list(lex.cues[category].find(folded, start, anchor.start, original=body.text))
        if not hits or not _LEAD_GAP.fullmatch(folded, hits[-1].end, anchor.start):
            continue
        lead = hits[-1]
        if lead.start > stmt.sentence.start and body.text[lead.start].isupper():
            # "do PGS.TS Nguyen Huy Bang ... da ky": a capital inside the sentence is a name
            # ("Huy"), not the verb it folds like ("hủy", to cancel).
            continue
        if as_written(lex, category, lead, body):
            found.append((label, lead))
    return found


def _qualifiers(
    stmt: Statement, body: Body, lex: Lexicon, published: date | None
) -> list[tuple[str, Hit]]:
    """Every qualifier hit of the statement's sentence, with its category."""
    s, folded = stmt.sentence, body.folded
    for cue in stmt.cues:
        recalled = _recalled(stmt, cue, body, lex, published)
        if recalled is not None:
            found_first = [recalled]
            break
    else:
        found_first = []
    found = [(h.label, h) for h in found_first]
    # One search for all the categories first: almost no signing sentence holds any of them.
    if lex.any_of(_SENTENCE_WIDE).any_match(folded, s.start, s.end):
        found += [
            (category, hit)
            for category in _SENTENCE_WIDE
            for hit in lex.cues[category].find(folded, s.start, s.end)
            if as_written(lex, category, hit, body)
            # "với các đối tác sau:", "with the following partners:": a list follows.
            and not (category == "statistic" and _LIST_FOLLOWS.match(folded, hit.end))
            # "Earlier this week, X and Y signed": the news of the week, not history.
            and not (category == "background" and _recent(lex, folded, hit))
            # "Dai hoc Khoa ky Nam Dai Loan": "ky Nam" is no "ký năm" (signed in the year).
            and not (category == "background" and _ends_in_a_name(body, hit))
            # "Hợp tác không chỉ là ký kết": the remark leads to the signing word; after it
            # ("văn bản mà tôi và ông X vừa đặt bút ký ... không chỉ là một thủ tục") it
            # speaks of the document just signed.
            and not (category == "generic" and hit.start >= stmt.anchor.end)
            # "Students will go to Singapore from next year after the university sealed a
            # partnership": the plan is the main clause's, the signing came before it.
            and not (category == "plan" and _after_clause(folded, hit, stmt.anchor))
        ]
    found += _other_acts(stmt, body, lex)
    found += _put_off_or_planned(stmt, body, lex)
    found += _noun_qualifiers(stmt, body, lex)
    if stmt.verb is not None:
        group = _counted_subject(stmt.verb, body, lex)
        if group is not None:
            found.append(("statistic", group))
        people = _people_signing(stmt.verb, body, lex)
        if people is not None:
            found.append(("commercial", people))
    counted = _counted_counterparts(stmt, body, lex)
    if counted is not None:
        found.append(("statistic", counted))
    # "lễ ký cam kết với từng sinh viên": a signing act has its other side too.
    people = _people_counterpart(stmt.verb or stmt.anchor, body, lex, s.end)
    if people is not None:
        found.append(("commercial", people))
    person = _person_subject(stmt, body, lex)
    if person is not None:
        found.append(("commercial", person))
    # The agreement a renewal follows is named as background; in a sentence that speaks
    # of the renewal itself it is not ("the second phase, following the agreement for
    # 2018-2023"). A signing sentence seldom names an earlier agreement: one search of it
    # first.
    if lex.cues["predecessor"].any_match(folded, s.start, s.end) and (
        lex.cues["renewal"].first(folded, s.start, s.end) is None
    ):
        found.extend(
            ("background", h) for h in lex.cues["predecessor"].find(folded, s.start, s.end)
        )
    for cue in stmt.cues:
        for hit in lex.cues["future"].find(folded, cue.end, min(s.end, cue.end + 70)):
            # In the act's own language: the French "va" folds like the Vietnamese "và".
            if (
                cue.label == "signing_events"
                and hit.lang == cue.lang
                and _only_gap_words(_without_nouns(folded, cue.end, hit.start, stmt.nouns))
            ):
                found.append(("plan", hit))
            break
    for cue in stmt.cues:
        ahead = _modal_before(cue, s.start, folded, lex) or _time_ahead(cue, s.end, body, lex)
        if ahead is not None:
            found.append(("plan", ahead))
    for cue in stmt.cues:
        # The object of the verb, or of the act ("Lễ ký kết giao ước thi đua").
        if cue.label not in {"signing_verbs", "signing_events"}:
            continue
        gaps = _OBJECT_GAP if cue.label == "signing_verbs" else _ACT_GAP
        gap = gaps.match(folded, cue.end, s.end)
        start = gap.end() if gap is not None else cue.end
        decree = lex.cues["decree"].first(folded, start, min(s.end, start + 40))
        if decree is not None and decree.start == start:
            found.append(("decree", decree))
    if s.is_title:
        anchor = stmt.anchor
        for hit in lex.cues["headline_plan"].find(folded, s.start, s.end):
            # Before the act or the word right after it ("MoU signing scheduled for ...").
            if hit.start <= anchor.end + 1 and hit.end >= anchor.start - 3:
                found.append(("plan", hit))
    return found


# Between a document and the participle that signs it: "were", "được", "a été".
_DOCUMENT_GAP = re.compile(r"\s+(?:(?:was|were|is|are|been|has|have|da|duoc|a|ont|ete|sont)\s+)*\Z")


def _other_documents(stmt: Statement, body: Body, lex: Lexicon) -> list[tuple[str, Hit]]:
    """A signing whose object or subject is no agreement: "diplomas signed by the two
    presidents", "ký tặng sách", "a signé le livre d'or"; and a signing word in quotation
    marks ('màn "ký kết hợp đồng" mô phỏng'): a figure of speech or a show."""
    folded, s = body.folded, stmt.sentence
    found: list[tuple[str, Hit]] = []
    documents = lex.cues["documents"]
    for cue in stmt.cues:
        if (
            folded[cue.start - 1 : cue.start] == '"'
            and '"' in folded[cue.end : min(s.end, cue.end + 40)]
        ):
            found.append(("mock", cue))
            continue
        gap = _OBJECT_GAP.match(folded, cue.end, s.end)
        after = documents.at(folded, gap.end() if gap is not None else cue.end)
        before = documents.before(folded, cue.start, reach=40)
        if before is not None and not _DOCUMENT_GAP.fullmatch(folded, before.end, cue.start):
            before = None
        hit = after or before
        if hit is not None:
            found.append(("document", hit))
    return found


# Two numbers or more and nothing else after the act: the cells of a table of counts.
_COUNTS_ONLY = re.compile(r"\s*\d[\d.,%]*(?:\s+\d[\d.,%]*)+\s*")


def _other_acts(stmt: Statement, body: Body, lex: Lexicon) -> list[tuple[str, Hit]]:
    """What the act is when it is no signing of a cooperation: a row of a table of counts
    ("Thỏa thuận hợp tác mới được ký kết | 21 | 27"), an event's sponsorship, a document of
    another kind."""
    found: list[tuple[str, Hit]] = []
    if _COUNTS_ONLY.fullmatch(body.folded, stmt.anchor.end, stmt.sentence.end) or _counts_follow(
        stmt, body
    ):
        found.append(("statistic", stmt.anchor))
    return found + _event_sponsorship(stmt, body, lex) + _other_documents(stmt, body, lex)


def _counts_follow(stmt: Statement, body: Body) -> bool:
    """Whether the act closes its line and numbers alone follow ("Thỏa thuận hợp tác mới
    được ký kết" | "21" | "27": the cells of a table of counts, read one by one)."""
    folded, s = body.folded, stmt.sentence
    if folded[stmt.anchor.end : s.end].strip(" .:") or stmt.index + 1 >= len(body.sentences):
        return False
    after = body.sentences[stmt.index + 1]
    return _NUMBER_CELL.fullmatch(folded, after.start, after.end) is not None


_NUMBER_CELL = re.compile(r"\s*\d[\d.,%]*\s*")


def _event_sponsorship(stmt: Statement, body: Body, lex: Lexicon) -> list[tuple[str, Hit]]:
    """A sponsorship that pays for an event ("a sponsorship agreement for the LHU Robot
    Challenge 2025") is a contract of another kind; one that equips a laboratory or funds a
    programme is the sponsor's cooperation with the home."""
    folded, s = body.folded, stmt.sentence
    sponsor = lex.cues["sponsorship"].first(folded, s.start, s.end)
    if sponsor is None or not as_written(lex, "sponsorship", sponsor, body):
        return []
    title = body.title
    events = lex.cues["sponsored_events"]
    if events.first(folded, s.start, s.end) is None and (
        title is None or events.first(folded, title.start, title.end) is None
    ):
        return []
    return [("commercial", sponsor)]


def _noun_qualifiers(stmt: Statement, body: Body, lex: Lexicon) -> list[tuple[str, Hit]]:
    """What the words right before an agreement noun say of it: none ("no new agreement"),
    or a count large enough to be a statistic ("12 agreements")."""
    s, folded = stmt.sentence, body.folded
    found: list[tuple[str, Hit]] = []
    for noun in stmt.nouns:
        none = _NONE_BEFORE.search(folded, max(s.start, noun.start - 25), noun.start)
        if none is not None and noun.lang in {"en", "fr"}:
            found.append(("negation", Hit(none.start(), noun.end, "negation", noun.lang)))
        count = _COUNT_BEFORE.search(folded, max(s.start, noun.start - 30), noun.start)
        # "a signé le 12 juin un contrat": a day of the month, not a count.
        dated = count is not None and any(w in lex.months for w in count.group(0).split()[1:])
        if (
            count is not None
            and not dated
            and _MANY <= int(count.group(1)) < 1900
            and not _DURATION.match(folded, count.end(1))
        ):
            found.append(("statistic", Hit(count.start(), noun.end, "statistic", noun.lang)))
        worded = _word_count(body, max(s.start, noun.start - 30), noun.start)
        # "ont renouvelé pour cinq ans leur accord": a duration, not a count of agreements.
        if (
            worded is not None
            and worded[1] >= _MANY
            and not _DURATION.match(folded, folded.find(" ", worded[0]))
        ):
            found.append(("statistic", Hit(worded[0], noun.end, "statistic", noun.lang)))
    return found


_LIST_FOLLOWS = re.compile(r"\s*(?:sau|following|suivants?|suivantes?)?\s*:")
# A unit of time right after a count: "cinq ans", "5 years", "năm năm" is how long, not how
# many.
_DURATION = re.compile(r"\s+(?:years?|nam|ans?|annees?|months?|mois|thang)(?![a-z])")


# Between a modal auxiliary and the signing participle of its passive: nothing but an
# adverb ("can then be signed"), or other participles of the same clause coordinated before
# it ("puisse être soumise aux instances des deux établissements et signée").
_MODAL_GAP = re.compile(r"\s*(?:[a-z]+(?:ly|ment)\s+)?|[^,;:.()]{0,80}\s(?:and|et|va)\s+")
_CLAUSE_WORDS = re.compile(r"(?<![a-z])(?:that|which|who|que|qu|qui|rang|ma)(?![a-z])")


def _modal_before(cue: Hit, start: int, folded: str, lex: Lexicon) -> Hit | None:
    """A modal passive whose participle is the cue (in a sentence from `start`): "so that
    the agreement can be signed", "afin que la convention puisse être ... signée": a
    signing yet to come."""
    hits = list(lex.cues["modals"].find(folded, max(start, cue.start - 120), cue.start))
    hit = hits[-1] if hits else None
    if hit is None or not _MODAL_GAP.fullmatch(folded, hit.end, cue.start):
        return None
    return None if _CLAUSE_WORDS.search(folded, hit.end, cue.start) else hit


_CLAUSE_GAP = re.compile(r"[^,;:()]{0,80}")


def _time_ahead(cue: Hit, end: int, body: Body, lex: Lexicon) -> Hit | None:
    """A time ahead in the clause of a signing verb with no past marker ("các doanh nghiệp
    ký kết hợp tác với X trong thời gian tới"): a signing to come."""
    folded = body.folded
    hit = lex.cues["future_time"].first(folded, cue.end, min(end, cue.end + 80))
    if hit is None or not _CLAUSE_GAP.fullmatch(folded, cue.end, hit.start):
        return None
    before = folded[max(0, cue.start - 20) : cue.start].split()[-2:]
    marks = lex.cues["past_markers"]
    if any(marks.label_of(w) for w in before) or marks.first(folded, cue.start, cue.end):
        return None
    return hit


# Between an agreement noun and a signing participle that describes it ("the agreement
# signed in 2021", "l'accord qui a été signé en 2021", "các văn bản hợp tác đã ký").
_RECALLED_GAP = re.compile(
    r"[\s,]*(?:(?:that|which|was|were|had|been|duoc|da|qui|que|a|avait|avaient|ete)\s+)*"
    # "các thỏa thuận mà hai trường đã ký", "the agreement that the two sides signed": a
    # relative clause with its own subject.
    r"|[\s,]*(?:that|which|ma|que|qu')\s*(?:[a-z0-9-]+\s+){1,4}?"
    r"(?:(?:has|have|had|da|duoc|a|ont|avait|avaient)\s+)*"
)
# "signed (between the two sides) in (April) 2023": who signed may stand before the time.
_SIGNERS = r"(?:\s+(?:between|by|giua|boi|entre|par)\s[^,.;:]{0,40}?)?"
_IN_YEAR = re.compile(
    r"(?:\s+ket)?"
    + _SIGNERS
    + r"[\s,]*(?:vao nam|tu nam|nam|in|en|since|depuis)\s+(?:[a-z]+\s+)?((?:19|20)\d\d)"
    r"(?![\d/.-]\d)"
)
# "the MoU signed in April this year", "ký hồi tháng 2 năm nay", "signé en janvier dernier".
_IN_MONTH = re.compile(
    r"(?:\s+ket)?"
    + _SIGNERS
    + r"[\s,]*(?:earlier\s+)?(?:in|en|vao|hoi)\s+(?:thang\s+(\d{1,2})|([a-z]+))"
    r"(?:\s+(?:this year|nam nay|dernier|last))?(?![\d/])"
)


def _recalled(
    stmt: Statement, cue: Hit, body: Body, lex: Lexicon, published: date | None
) -> Hit | None:
    """A signing participle that only describes documents: "the cooperation agreement
    signed in 2021 between A and B" (a year before publication), "các văn bản hợp tác đã
    ký", "some agreements signed have not been implemented" (a group of documents, in a
    sentence that dates nothing). The sentence speaks of the documents, not of a signing."""
    s, folded = stmt.sentence, body.folded
    noun = next(
        (
            n
            for n in reversed(stmt.nouns)
            if n.end <= cue.start and _RECALLED_GAP.fullmatch(folded, n.end, cue.start)
        ),
        None,
    )
    if noun is None:
        return None
    year = _IN_YEAR.match(folded, cue.end, s.end)
    if year is not None:
        if published is None or int(year.group(1)) < published.year:
            return Hit(noun.start, year.end(), "background", noun.lang)
        return None
    month = _IN_MONTH.match(folded, cue.end, s.end)
    if month is not None and published is not None:
        number = int(month.group(1)) if month.group(1) else lex.months.get(month.group(2))
        if number is not None and number < published.month:
            return Hit(noun.start, month.end(), "background", noun.lang)
    if _framework(lex, folded, noun):
        # "Within the framework of the exchange agreement signed between A and B, ... invites
        # applications": the programme is the news, the agreement its background.
        return Hit(noun.start, cue.end, "background", noun.lang)
    if not _group(body, lex, noun) or find_dates(folded, s.start, s.end, lex):
        return None
    if lex.cues["today"].first(folded, s.start, s.end) is not None:
        return None
    return Hit(noun.start, cue.end, "background", noun.lang)


_FRAMEWORK_GAP = re.compile(r"[\s'’]*(?:[a-z]+[\s'’]+){0,2}")


def _framework(lex: Lexicon, folded: str, noun: Hit) -> bool:
    """Whether an agreement noun is named as the framework of something else: "under the
    agreement", "theo thỏa thuận", "dans le cadre de l'accord" right before it."""
    lo = max(0, noun.start - 40)
    return any(
        _FRAMEWORK_GAP.fullmatch(folded, hit.end, noun.start)
        for hit in lex.cues["frameworks"].find(folded, lo, noun.start)
    )


def other_topic(
    body: Body,
    lex: Lexicon,
    statements: list[Statement],
    *,
    dated: Mapping[int, date | None] | None = None,
    published: date | None = None,
) -> str:
    """A headline about something other than a signing ("Call for applications ...", "Hội
    nghị tổng kết 5 năm thực hiện thỏa thuận ...") that states no signing itself: the
    article is about that, and a signing told after its lead paragraph is background; so
    is one told in the lead, unless the home is a signer and it is dated within two weeks
    before publication. The words of the headline's topic, or ""."""
    title = body.title
    if title is None or any(stmt.sentence.is_title for stmt in statements):
        return ""
    hit = lex.cues["other_topics"].first(body.folded, title.start, title.end)
    if hit is None:
        return ""
    if _recent(lex, body.folded, hit):
        # "Week in Review": the news of the week, not a look back.
        return ""
    lead = next(
        (
            st.paragraph
            for st in body.sentences
            if not st.is_title and len(body.folded[st.start : st.end].split()) >= 8
        ),
        0,
    )
    for stmt in statements:
        if stmt.sentence.paragraph > lead or not _recent_own(stmt, dated, published):
            stmt.qualifiers.setdefault("background", hit)
    return " ".join(body.text[hit.start : hit.end].split())


def _recent_own(
    stmt: Statement, dated: Mapping[int, date | None] | None, published: date | None
) -> bool:
    if dated is None or published is None:
        return True
    when = dated.get(stmt.index)
    # "USTH tổ chức Hội nghị tổng kết ... Nhân dịp này, hai bên đã ký kết": the sides told
    # right after the home in the lead count as its own.
    own = stmt.party in {"home", "implied"} and not stmt.weak
    return own and when is not None and 0 <= (published - when).days <= 14


def same_contract(statements: list[Statement], body: Body) -> None:
    """A contract told once as a purchase or supply contract is the same contract wherever
    the article speaks of "the contract" again ("The signing of the contract ..."); an
    agreement told once as a loan is the one "the agreement" refers to after it
    ("l'accord de rétrocession de prêt ... L'accord a été signé par ...")."""
    folded = body.folded
    bought: dict[str, int] = {}
    for stmt in statements:
        if "commercial" in stmt.qualifiers:
            for n in stmt.nouns:
                written = folded[n.start : n.end]
                bought.setdefault(written, n.start)
                # "a sponsorship agreement ... The agreement was signed by": its head word.
                words = written.split()
                for head in {words[0], words[-1]} - {written}:
                    bought.setdefault(head, n.start)
    if not bought:
        return
    for stmt in statements:
        if not stmt.nouns:
            continue
        # The document the act is about is the noun nearest to it ("Le contrat a été signé
        # par ..., après l'accord du ministère": the contract).
        n = stmt.nearest_noun
        if folded[n.start : n.end] in bought and (
            n.label == "other" or (bought[folded[n.start : n.end]] < n.start and _refers(folded, n))
        ):
            stmt.qualifiers.setdefault("commercial", n)


def _refers_back(stmt: Statement, body: Body) -> bool:
    """Whether the statement's act is a participle after "the agreement" ("l'accord signé
    aujourd'hui", "the agreement signed today"): the document told before, named again."""
    folded = body.folded
    return any(
        n.end <= stmt.anchor.start
        and not folded[n.end : stmt.anchor.start].strip()
        and _refers(folded, n)
        for n in stmt.nouns
    )


def _refers(folded: str, noun: Hit) -> bool:
    """Whether a definite article or a demonstrative stands right before the noun ("the
    agreement", « l'accord »): it names a document told before."""
    return _REFERS.search(folded, max(0, noun.start - 8), noun.start) is not None


_REFERS = re.compile(r"(?<![a-z])(?:the|this|that|l'|cet|cette|ce)\s*$")


# What a bare mention of the act inherits from the signing the article told before it.
_CARRIED = ("plan", "commercial", "decree", "mock", "negation")


def _home_only_after(stmt: Statement) -> bool:
    """Whether the statement names the home only after the act ("La signature a eu lieu
    dans la grande salle de l'ĐHCT"), where it is told, not who signed."""
    return stmt.party == "implied" or (
        stmt.home_hit is not None and stmt.home_hit[0] >= stmt.anchor.end
    )


def same_signing(statements: list[Statement], body: Body, lex: Lexicon) -> None:
    """A bare mention of the act ("prévue en marge de la signature", "Phát biểu tại buổi ký
    kết"), with no verb and no agreement noun of its own, is the signing the article told
    before it: when every earlier telling was put off, planned, a purchase, a decree, a mock
    or denied, so is this one; when every earlier one was between other parties, so is this
    one, if it names no party of its own; with no telling before it, a contract of another
    kind named before it is the act's."""
    # A bare mention already qualified tells the act too ("La signature est prévue lors de
    # la mission ... le compte rendu de la cérémonie de signature").
    told = [s for s in statements if s.verb is not None or s.nouns or s.qualifiers]
    for stmt in statements:
        if _refers_back(stmt, body) and not stmt.qualifiers:
            before = [s for s in told if s.sentence.start < stmt.sentence.start]
            if before and all(s.party == "third" for s in before):
                # « L'accord signé aujourd'hui ouvrira des sujets de stage pour nos étudiants »:
                # the agreement told before, between other parties.
                stmt.party = "third"
                stmt.party_note = "it is the signing told before it, between other parties"
            continue
        if stmt.verb is not None or stmt.nouns or stmt.qualifiers:
            continue
        before = [s for s in told if s.sentence.start < stmt.sentence.start]
        if not before:
            # "La DNTU a signé des contrats de travail avec douze enseignants ... Après la
            # signature, ...": the act told before it was of another kind.
            other = lex.cues["commercial"].first(body.folded, 0, stmt.sentence.start)
            if other is not None:
                stmt.qualifiers["commercial"] = other
            continue
        if (
            stmt.party in {"implied", "home"}
            and _home_only_after(stmt)
            and before
            and all(s.party == "third" for s in before)
        ):
            # "Viettel và Synopsys đã ký kết ... Lễ ký kết diễn ra dưới sự chứng kiến của ...".
            stmt.party = "third"
            stmt.party_note = "it is the signing told before it, between other parties"
            continue
        carried = [
            (category, hit)
            for s in before
            for category, hit in s.qualifiers.items()
            if category in _CARRIED
        ]
        if before and carried and all(any(c in s.qualifiers for c in _CARRIED) for s in before):
            stmt.qualifiers.setdefault(*carried[0])
    _called_off_after(statements, body)


# Before a bare mention of the act that opens its sentence: "The signing ceremony ...".
_DEFINITE_OPENING = frozenset({"", "the", "la", "le", "l'"})


def _called_off_after(statements: list[Statement], body: Body) -> None:
    """ "The programme included the signing of a memorandum. The signing ceremony will not
    take place this week": an act named without a verb, then called off or put ahead in the
    next statement that opens its sentence with the act, is called off too."""
    folded = body.folded
    for k, stmt in enumerate(statements):
        if stmt.qualifiers or stmt.verb is not None or k + 1 >= len(statements):
            continue
        later = statements[k + 1]
        opening = folded[later.sentence.start : later.anchor.start].strip()
        if later.verb is not None or opening not in _DEFINITE_OPENING:
            continue
        for category in ("negation", "plan"):
            if category in later.qualifiers:
                stmt.qualifiers.setdefault(category, later.qualifiers[category])
                break


def initialled(statements: list[Statement], body: Body, lex: Lexicon) -> None:
    """A text initialled ("ont paraphé le texte d'un accord-cadre") is signed only when the
    article does not put its signing ahead: with a later sentence that speaks of the signing
    as a plan ("cette signature pourrait avoir lieu à Paris"), the initialling is a step
    towards it."""
    folded = body.folded
    for stmt in statements:
        cue = stmt.anchor
        hit = lex.cues["initialling"].first(folded, cue.start, cue.end)
        if hit is None or stmt.qualifiers:
            continue
        for later in body.sentences[stmt.index + 1 :]:
            if signing_hits(body, lex, later.start, later.end) and (
                lex.cues["plan"].first(folded, later.start, later.end) is not None
            ):
                stmt.qualifiers["plan"] = hit
                break


def non_binding_letters(statements: list[Statement], body: Body, lex: Lexicon) -> None:
    """A letter of intent that the article says binds no one ("elle n'engage juridiquement
    aucune des deux parties", "ce document n'a pas de valeur contractuelle") opens talks
    towards an agreement: a step before one, not one."""
    folded = body.folded
    letters = [
        stmt
        for stmt in statements
        if stmt.nouns
        and not stmt.qualifiers
        and lex.cues["intent_letters"].first(folded, stmt.nearest_noun.start, stmt.nearest_noun.end)
        is not None
    ]
    # The whole text is searched only when a letter of intent is what the act is about.
    binding = lex.cues["non_binding"].first(folded) if letters else None
    if binding is None:
        return
    for stmt in letters:
        stmt.qualifiers["plan"] = binding


def retracted(statements: list[Statement], body: Body, lex: Lexicon) -> None:
    """A signing the same paragraph or the next goes on to call wrong ("stated that X and Y
    signed a memorandum on 20 June. This was incorrect."; « cette information était
    erronée ») is a correction notice's account of a mistake, not a signing."""
    folded = body.folded
    for stmt in statements:
        if stmt.qualifiers:
            continue
        para = stmt.sentence.paragraph
        end = max(s.end for s in body.sentences if s.paragraph <= para + 1)
        hit = lex.cues["retraction"].first(folded, stmt.sentence.end, end)
        if hit is not None:
            stmt.qualifiers["negation"] = hit


def procurement(statements: list[Statement], body: Body, lex: Lexicon) -> None:
    """A bare contract ("contract", "hợp đồng", "marché") told with purchase vocabulary in
    the title, its own paragraph or the next one ("awarded after an open tender", "đơn vị
    trúng thầu cung cấp", "appel d'offres") is a purchase or supply contract: the partner
    is a supplier, not a party to a cooperation. A short line of a list ("Date de signature
    du contrat : 15/08/2025") belongs to the paragraph that opens the list."""
    folded = body.folded
    title = body.title
    spans: dict[int, tuple[int, int]] = {}
    for sentence in body.sentences:
        lo, hi = spans.get(sentence.paragraph, (sentence.start, sentence.end))
        spans[sentence.paragraph] = (min(lo, sentence.start), max(hi, sentence.end))
    for stmt in statements:
        if not stmt.nouns or any(n.label != "other" for n in stmt.nouns):
            continue
        if "commercial" in stmt.qualifiers:
            continue
        para = stmt.sentence.paragraph
        windows = [
            spans[p] for p in (*_list_head(spans, folded, para), para, para + 1) if p in spans
        ]
        if title is not None:
            windows.append((title.start, title.end))
        for lo, hi in windows:
            hit = lex.cues["procurement"].first(folded, lo, hi)
            if hit is not None and as_written(lex, "procurement", hit, body):
                stmt.qualifiers["commercial"] = hit
                break


# A paragraph of fewer words is a line of a list ("Montant : 4 315 000 000 VND").
_LIST_LINE_WORDS = 8
_LETTERS = re.compile(r"[^\W\d_]+")


def _list_head(spans: Mapping[int, tuple[int, int]], folded: str, para: int) -> list[int]:
    """When paragraph `para` is a short line, the lines above it and the paragraph that
    opens their list; else []."""
    if len(_LETTERS.findall(folded, *spans[para])) >= _LIST_LINE_WORDS:
        return []
    out = []
    for above in range(para - 1, -1, -1):
        if above not in spans:
            break
        out.append(above)
        if len(_LETTERS.findall(folded, *spans[above])) >= _LIST_LINE_WORDS:
            break
    return out


def _group(body: Body, lex: Lexicon, noun: Hit) -> bool:
    """Whether an agreement noun names a group of documents: after "các", "những", "một
    số", "some", "les", "plusieurs", or a plural after "the"."""
    folded = body.folded
    lo = max(0, noun.start - 30)
    edge = len(folded[lo : noun.start].rstrip()) + lo
    for hit in lex.cues["group_determiners"].find(folded, lo, edge):
        if hit.end == edge:
            return True
    words = folded[lo:edge].split()
    return bool(words) and words[-1] == "the" and folded[noun.start : noun.end].endswith("s")


def as_written(lex: Lexicon, category: str, hit: Hit, body: Body) -> bool:
    """Whether a Vietnamese cue found on folded text is written with its own marks: "học
    kỳ tại" (a term at) is not "ký tại" (signed at)."""
    if hit.lang != "vi" or not body.marked:
        return True
    written = body.text[hit.start : hit.end]
    if written.isascii():
        return True
    entry = lex.cues[category].written(body.folded[hit.start : hit.end])
    return entry is None or same_tones(written, entry[0])


def _word_count(body: Body, start: int, end: int) -> tuple[int, int] | None:
    """A count written in words that ends at most two words before `end`: its offset and
    value."""
    text = body.text
    words = list(_WORD.finditer(text, start, end))[-3:]
    if not words or words[-1].end() == end or text[words[-1].end() : end].strip():
        return None
    # Only whitespace between the count and the noun, as for a count in digits.
    for i, word in enumerate(words):
        if any(text[a.end() : b.start()].strip() for a, b in pairwise(words[i:])):
            continue
        value = _COUNT_WORDS.get(word.group().lower().split("-")[0])
        if value is not None:
            return word.start(), value
    return None


def _counted_subject(verb: Hit, body: Body, lex: Lexicon) -> Hit | None:
    """A group counted right before the signing verb: "30 doanh nghiệp đã ký kết", "40
    partner universities that have signed", "many companies have signed"."""
    folded = body.folded
    start = max(0, verb.start - 40)
    for group in lex.cues["counted"].find(folded, start, verb.start):
        if len(folded[group.end : verb.start].split()) > 3:
            continue
        before = folded[max(0, group.start - 25) : group.start]
        count = _COUNT_BEFORE.search(before)
        quantified = any(h.end >= len(before) - 1 for h in lex.cues["quantifiers"].find(before))
        worded = _word_count(body, max(0, group.start - 25), group.start)
        if (
            quantified
            or (count is not None and _CROWD <= int(count.group(1)) < 1900)
            or (worded is not None and worded[1] >= _CROWD)
        ):
            return Hit(group.start, verb.end, "statistic", group.lang)
    return None


# After "with": an article, then a count of two or more and at most one word before the group.
_COUNT_AFTER = re.compile(r"\s*(?:(?:the|les|cac)\s+)?([2-9]|[1-9]\d{1,2})\s+(?:[a-z-]+\s+)?")


def _counted_counterparts(stmt: Statement, body: Body, lex: Lexicon) -> Hit | None:
    """A count of unnamed partners after "with" ("đã ký biên bản ghi nhớ với 6 trường đại
    học của Nhật Bản, Hàn Quốc và Đài Loan", "signed MoUs with 12 universities"): a summary
    of signings, unless the sentence names them after (a colon, an organisation's name)."""
    folded, text, s = body.folded, body.text, stmt.sentence
    end = min(s.end, stmt.anchor.end + 120)
    for slot in lex.cues["with_slots"].find(folded, stmt.anchor.end, end):
        count = _COUNT_AFTER.match(folded, slot.end, s.end)
        if count is None:
            continue
        group = lex.cues["counted"].at(folded, count.end())
        if group is None and count.lastindex is not None:
            group = lex.cues["counted"].at(folded, count.end(1) + 1)
        if group is None:
            return None
        if ":" in text[group.end : s.end] or _names_count(body, lex, group.end, s.end):
            return None
        # "... với 6 doanh nghiệp. Các doanh nghiệp ký kết gồm: A, B, ...": named after.
        following = body.sentences[stmt.index + 1 : stmt.index + 1 + _LIST_REACH]
        if any(_names_count(body, lex, n.start, n.end) >= 2 for n in following):
            return None
        return Hit(slot.start, group.end, "statistic", slot.lang)
    return None


# How many sentences after a count of partners may list their names.
_LIST_REACH = 2


def _names_count(body: Body, lex: Lexicon, start: int, end: int) -> int:
    """How many capitalised organisation words stand in folded[start:end]."""
    text = body.text
    heads = lex.cues["org_heads"].find(body.folded, start, end, original=text)
    return sum(1 for h in heads if text[h.start].isupper())


def _people_signing(verb: Hit, body: Body, lex: Lexicon) -> Hit | None:
    """People signing for themselves right before the verb ("300 sinh viên đã ký hợp
    đồng", "students signed contracts with employers"): their own contracts, not an
    agreement of the institution."""
    folded = body.folded
    for people in lex.cues["people_signers"].find(folded, max(0, verb.start - 120), verb.start):
        gap = re.findall(r"[a-z']+|[^\sa-z]", folded[people.end : verb.start])
        if not all(w in _AUXILIARIES for w in gap) and not _apposition(folded, people, verb):
            continue
        # "thỏa thuận trao đổi sinh viên đã ký": the people name the agreement; "Học viện
        # ký kết" (the academy signs) folds like "học viên" (a student).
        noun = lex.cues["agreement_nouns"].first(folded, max(0, people.start - 30), people.end)
        if (
            (noun is None or noun.end < people.end)
            and as_written(lex, "people_signers", people, body)
            and not _capitalised_head(lex, people, body)
        ):
            return Hit(people.start, verb.end, "commercial", people.lang)
    return None


def _capitalised_head(lex: Lexicon, people: Hit, body: Body) -> bool:
    """Whether people words written without marks and capitalised are an organisation
    word they fold like: "Hoc vien da ky ket" is the academy (Học viện) signing, not
    trainees (học viên)."""
    written = body.text[people.start : people.end]
    return (
        written.isascii()
        and written[:1].isupper()
        and lex.cues["org_heads"].label_of(body.folded[people.start : people.end]) is not None
    )


def _person_subject(stmt: Statement, body: Body, lex: Lexicon) -> Hit | None:
    """A person described by a role that signs for itself, as the sentence's subject: "Dr.
    Mai Thanh Truc, lecturer at the Faculty of ..., has signed a contract with Routledge"."""
    folded, s = body.folded, stmt.sentence
    first = _FIRST_WORD.match(folded, s.start, stmt.anchor.start)
    if first is None or not lex.has_word("titles", first.group(1), first.group(1), marked=False):
        return None
    comma = folded.find(",", first.end(), stmt.anchor.start)
    if comma < 0 or comma - first.end() > 40:
        return None
    people = lex.cues["people_signers"].first(folded, comma + 1, min(stmt.anchor.start, comma + 30))
    if people is None or folded[comma + 1 : people.start].strip():
        return None
    return Hit(people.start, people.end, "commercial", people.lang)


_FIRST_WORD = re.compile(r"\s*(?:(?:la|le|the)\s+)?([a-z]+)\.?\s")


def _people_counterpart(verb: Hit, body: Body, lex: Lexicon, end: int) -> Hit | None:
    """People as the other side of the signing ("signed teaching contracts with 12 visiting
    professors", "ký cam kết với từng sinh viên", "a signé des contrats avec vingt
    doctorants"): each signs for himself, no organisation is a party. Between the joining
    word and the people, at most three words in lowercase or digits (a count, "visiting");
    a capitalised word there names an organisation ("with Kyoto University's students")."""
    folded, text = body.folded, body.text
    # The slots: "with", and the "and" of a list after "between" ("ký hợp đồng ... giữa Nhà
    # trường và các chủ nhiệm đề tài"), within what a long object may take, in the verb's
    # clause ("Ngay sau lễ ký, đoàn ... trao đổi với giảng viên" talks with lecturers).
    far = min(end, verb.end + 180)
    clause = _CLAUSE_MARKS.search(folded, verb.end, far)
    far = clause.start() if clause is not None else far
    slots = list(lex.cues["with_slots"].find(folded, verb.end, far))
    for between in lex.cues["between"].find(folded, verb.end, far):
        joined = _CONNECTOR.search(folded, between.end, far)
        # "giữa hai Học viện, tập trung vào ... và trao đổi chuyên gia": a comma closes the
        # sides; an "and" after it joins the agreement's topics.
        if joined is not None and "," not in folded[between.end : joined.start()]:
            slots.append(Hit(joined.start(), joined.end(), "with", between.lang))
    for slot in sorted(slots, key=lambda h: h.start):
        people = lex.cues["people_signers"].first(folded, slot.end, min(far, slot.end + 40))
        if people is None:
            continue
        gap = text[slot.end : people.start].split()
        lowercase = all(w[:1].islower() or w[:1].isdigit() for w in gap)
        noun = lex.cues["agreement_nouns"].first(folded, people.start, min(far, people.end + 40))
        if noun is not None and noun.start <= people.start < noun.end:
            # "formalised their cooperation with a student exchange agreement": the people
            # word names the agreement, not who signs it.
            return None
        if len(gap) <= 3 and lowercase and as_written(lex, "people_signers", people, body):
            return Hit(verb.start, people.end, "commercial", people.lang)
        return None
    return None


# "Nguyen Van A, a final-year student in mechatronics, signed a contract": one person
# described between commas signs for himself.
_ONE_PERSON_BEFORE = re.compile(r"(?:,|\b(?:a|an|un|une))\s+(?:[\w-]+\s+)?$")
_APPOSITION_GAP = re.compile(r"[^,;:()]{0,40},\s*")


def _apposition(folded: str, people: Hit, verb: Hit) -> bool:
    if _PEOPLE_FROM.fullmatch(folded, people.end, verb.start) is not None:
        # "fourteen principal investigators from VNU University of Science (HUS) signed".
        return True
    return (
        _APPOSITION_GAP.fullmatch(folded, people.end, verb.start) is not None
        and _ONE_PERSON_BEFORE.search(folded, max(0, people.start - 25), people.start) is not None
    )


# People "from", "of" or "at" an organisation, right before the verb.
_PEOPLE_FROM = re.compile(
    r"\s+(?:from|of|at|cua|tu|de|du|des)\s+[^,;:()]{1,80}(?:\([^()]{1,20}\))?\s*"
)


def _only_gap_words(gap: str) -> bool:
    """ "la signature devrait", "la signature officielle d'une convention-cadre, qui pourrait":
    articles and "official" between the act and the future, its noun and a relative clause
    aside."""
    gap = _RELATIVE_END.sub("", gap)
    words = re.findall(r"[a-z]+", gap)
    return not re.search(r"[,;:()]", gap) and all(w in _FUTURE_GAP for w in words)


# ", qui pourrait intervenir", ", which will take place": a relative clause about the act.
_RELATIVE_END = re.compile(r",\s*(?:qui|which|that)\s*$")


def _without_nouns(folded: str, start: int, end: int, nouns: Sequence[Hit]) -> str:
    """folded[start:end] with the agreement nouns inside it blanked."""
    gap = folded[start:end]
    for noun in nouns:
        if start <= noun.start and noun.end <= end:
            a, b = noun.start - start, noun.end - start
            gap = gap[:a] + " " * (b - a) + gap[b:]
    return gap


def _qualify(stmt: Statement, body: Body, lex: Lexicon, published: date | None) -> None:
    """Attach each qualifier to the nearest cue; the statement keeps the first free cue."""
    found = [
        (category, hit)
        for category, hit in _qualifiers(stmt, body, lex, published)
        if category != "background" or not _own_signing(stmt, body, lex, hit)
    ]
    if not found:
        return
    if len(stmt.cues) >= 2:
        nearest = [
            (category, min(range(len(stmt.cues)), key=lambda i: _distance(stmt.cues[i], hit)))
            for category, hit in found
        ]
        taken = {i for _category, i in nearest}
        planned = [stmt.cues[i].end for category, i in nearest if category == "plan"]
        free = [
            c
            for i, c in enumerate(stmt.cues)
            if i not in taken
            # "hai bên sẽ tiến hành ký kết ..., khi điều kiện cho phép tổ chức lễ ký kết": the
            # ceremony told after a planned signing, with no past between, is that plan's.
            and not any(
                end <= c.start and not _PAST.search(body.folded, end, c.start) for end in planned
            )
        ]
        if free:
            stmt.anchor_on(free[0])
            # The nouns of the qualified cues name the earlier document, not this one.
            own = [n for n in stmt.nouns if min(stmt.cues, key=lambda c: _distance(c, n)) in free]
            stmt.nouns = own or stmt.nouns
            return
    for category, hit in found:
        stmt.qualifiers.setdefault(category, hit)


# A past tense or a clause that tells of what was done: "đã", "have", "ont", "was".
_PAST = re.compile(r"(?<![a-z])(?:da|vua|have|has|had|was|were|ont|a ete|avaient|avait)(?![a-z])|;")


def _own_signing(stmt: Statement, body: Body, lex: Lexicon, hit: Hit) -> bool:
    """Whether a background qualifier carries a signing word of its own, apart from the
    statement's cues ("đã ký kết thỏa thuận ..., tiếp nối thỏa thuận được hai bên ký năm
    2019"): it dates that earlier signing, not the one the sentence tells."""
    if any(c.start < hit.end and hit.start < c.end for c in stmt.cues):
        return False
    if not any(c.end <= hit.start for c in stmt.cues):
        return False
    if hit.label == "predecessor":
        # "đã ký kết thỏa thuận ..., tiếp nối thỏa thuận ...": the earlier document named
        # after the signing is what this one follows.
        return True
    return lex.signing_any.first(body.folded, hit.start, hit.end) is not None


def _distance(a: Hit, b: Hit) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


_SIGNED_IN_YEAR = re.compile(
    r"(?<![a-z0-9])(?:in|nam|en|since|tu|depuis)\s{1,3}((?:19|20)\d\d)(?!\d)"
)
# A year that names the signing itself: "la signature de 1995", "lễ ký năm 2005", "the
# 2005 signing".
_CUE_YEAR = re.compile(r"\s+(?:de|of|nam|in)\s+((?:19|20)\d\d)(?![\d/.-])")
_YEAR_CUE = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)\s+$")
# A clause mark, not the comma of a company's legal form ("Career Bridge Co., Ltd.").
_CLAUSE_MARKS = re.compile(r"[;:]|,(?!\s*(?:ltd|inc|jsc|llc|plc)\b)")
# Years after the signing verb, the last one captured: "signed between 2022 and 2024", "đã ký
# với đối tác trong giai đoạn 2022-2024".
_YEARS_AFTER = re.compile(
    r"(?<![\d/.-])(?:19|20)\d\d\s*(?:[-–]|and|et|va|to|a|den)\s*((?:19|20)\d\d)(?![\d/-])"
)
# A year that opens a line, before a colon or a dash: a timeline's entry.
_YEAR_LEAD = re.compile(r"\s*((?:19|20)\d\d)\s*(?::|[-–—]\s)")


def mark_time(
    statements: list[Statement],
    body: Body,
    lex: Lexicon,
    dates: list[TextDate],
    published: date | None,
) -> tuple[dict[int, date | None], list[str]]:
    """The signing date of each statement, and the statements that its date disqualifies:
    after publication (an announcement) or long before it (background)."""
    out: dict[int, date | None] = {}
    reasons: list[str] = []
    para_starts: dict[int, int] = {}
    for sentence in body.sentences:
        para_starts.setdefault(sentence.paragraph, sentence.start)
    # No publication day to measure against: the latest year the article writes stands for
    # it (see below).
    latest = (
        max((int(y) for y in _YEAR_WRITTEN.findall(body.folded)), default=None)
        if published is None
        else None
    )
    for stmt in statements:
        s = stmt.sentence
        before = None if s.is_title else para_starts.get(s.paragraph)
        found = attached_date(stmt, body, dates) or statement_date(
            dates, s.start, s.end, stmt.anchor.start, published, before=before
        )
        back = 0
        if found is not None and found.today and found.weekday < 0:
            line = _dateline(dates, s.start, found.start)
            # "Da Nang, le 6 décembre 2023 – ... ont signé hier": the day before the dateline.
            found, back = (line, found.days_back) if line is not None else (found, 0)
        when = resolve(found, published, year_before(dates, found.start)) if found else None
        if when is not None and back:
            when -= timedelta(days=back)
        out[stmt.index] = when
        if published is None:
            # A signing dated ten years or more before the latest year written is history
            # ("the exchange of notes signed in Paris on 21 September 1973", in a text of
            # 2023). A period ahead ("2025-2030") may be that latest year: only decades count.
            if when is not None and latest is not None and latest - when.year >= _HISTORY_YEARS:
                stmt.qualifiers.setdefault("background", stmt.anchor)
            continue
        own_clause = _CLAUSE_MARKS.search(body.folded, stmt.anchor.end, s.end)
        clause_end = own_clause.start() if own_clause else s.end
        year_after = _SIGNED_IN_YEAR.search(body.folded, stmt.anchor.end, clause_end)
        if (
            year_after is not None
            and int(year_after.group(1)) < published.year
            and (
                found is None
                or not s.start <= found.start < s.end
                # "Ngày 20/10, đoàn làm việc với X, đối tác mà Trường đã ký biên bản ghi nhớ
                # từ năm 2019": the lead's date is the news's, the year the signing's.
                or (found.start < stmt.anchor.start and year_after.start() - stmt.anchor.end <= 40)
            )
            and not _reanchor_before(stmt, found)
            and not _renews_other(stmt, body, lex, year_after.start())
        ):
            # "the cooperation agreement that LHU signed with Career Bridge in 2022": the
            # year in the verb's own clause, whatever date another sentence gave.
            stmt.qualifiers.setdefault("background", stmt.anchor)
            continue
        ended = _YEARS_AFTER.search(body.folded, stmt.anchor.end, s.end)
        if (
            ended
            and int(ended.group(1)) < published.year
            # In the verb's own clause: ", following the agreement for 2018-2023" names the
            # agreement this one renews.
            and not _CLAUSE_MARKS.search(body.folded, stmt.anchor.end, ended.start())
        ):
            # "các thỏa thuận mà Nhà trường đã ký với đối tác trong giai đoạn 2022-2024":
            # signed in years that ended before the year of publication.
            stmt.qualifiers.setdefault("background", stmt.anchor)
            continue
        if found is None:
            # "ont renouvelé leur convention, signée pour la première fois en 2014": a year
            # after a clause mark that follows the act tells of an earlier one.
            clause = _CLAUSE_MARKS.search(body.folded, stmt.anchor.end, s.end)
            signed_in = _SIGNED_IN_YEAR.search(
                body.folded, s.start, clause.start() if clause else s.end
            )
            if signed_in is not None and _renews_other(stmt, body, lex, signed_in.start()):
                signed_in = None
            year = (
                _YEAR_LEAD.match(body.folded, s.start, s.end)
                or signed_in
                or _CUE_YEAR.match(body.folded, stmt.anchor.end, s.end)
                or _YEAR_CUE.search(
                    body.folded, max(s.start, stmt.anchor.start - 6), stmt.anchor.start
                )
            )
            if year and int(year.group(1)) < published.year:
                # "an agreement signed in 2015", "2005: first convention signed with X" (a
                # line of a timeline): a year alone, before the year of publication.
                stmt.qualifiers.setdefault("background", stmt.anchor)
            continue
        written = " ".join(body.text[found.start : found.end].split())
        number = stmt.index if body.title_end else stmt.index + 1
        where = "the title" if s.is_title else f"sentence {number}"
        when_is = timing(found, published)
        if when_is == "future" and "plan" not in stmt.qualifiers:
            stmt.qualifiers["plan"] = Hit(found.start, found.end, "plan", "")
            reasons.append(f"{where}: signing dated '{written}', after publication")
        elif when_is == "past" and "background" not in stmt.qualifiers:
            stmt.qualifiers["background"] = Hit(found.start, found.end, "background", "")
            reasons.append(f"{where}: signing dated '{written}', long before publication")
    return out, reasons


# With no publication day: how many years before the latest year written make a signing
# history (decades: a plan's period may run a few years past publication).
_HISTORY_YEARS = 10
_YEAR_WRITTEN = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/])")


def _reanchor_before(stmt: Statement, found: TextDate | None) -> bool:
    """Move the statement to an act told between the sentence's date and its verb: "On
    October 8, 2024, X and Y held a ceremony to renew the MoU first signed in 2019" tells
    the renewal on the date; the year after the verb dates the first document only."""
    if found is None or not stmt.sentence.start <= found.start < stmt.anchor.start:
        return False
    earlier = [c for c in stmt.cues if found.end <= c.start and c.end <= stmt.anchor.start]
    if not earlier:
        return False
    stmt.anchor_on(earlier[-1])
    return True


def _dateline(dates: list[TextDate], start: int, today: int) -> TextDate | None:
    """The full date written earlier in the sentence that says "today" ("Hanoi, Friday, 9
    January 2026 - X and Y today signed"): the day the text was written, which "today"
    means; the page may be published days later."""
    written = [
        d
        for d in dates
        if start <= d.start < today and not d.today and not d.month_only and d.year is not None
    ]
    return written[-1] if written else None


# Between a signing verb and the date it was signed on: "signed in November 2024", "ký ngày
# 28/10", "signée le 3 mai", "signée à Nantes le 27 novembre 2014" (where, then when).
_ATTACHED = re.compile(
    r"\s*(?:(?:a|in|at|tai)\s+[a-z'-]+(?:\s+[a-z'-]+)?\s*,?\s+(?=(?:in|on|en|le|ngay)\s))?"
    r"(?:(?:in|on|en|le|ngay|vao ngay|vao|hoi)\s+)?"
)


def attached_date(
    stmt: Statement, body: Body, dates: list[TextDate], *, passive: bool = False
) -> TextDate | None:
    """The date written right after the signing verb: it is the signing's, however long
    ago ("to follow up on the MoU the two universities signed in November 2024"), where a
    date elsewhere in the sentence is the day of the news ("On 6 October 2025, ...").
    With `passive`, after the act's participle too ("The addendum was signed on April 11")."""
    cue = stmt.verb or (stmt.anchor if passive else None)
    if cue is None:
        return None
    gap = _ATTACHED.match(body.folded, cue.end)
    at = gap.end() if gap else cue.end
    return next((d for d in dates if d.start == at), None)


_SLOT_BEFORE = re.compile(
    r"(?<![a-z])(?:with|by|and|between|among|avec|par|et|entre|voi|boi|va|giua|cung)"
    r"(?:\s+(?:the|la|le|l'|les))?\s*$"
)


def _weak_mention(stmt: Statement, body: Body, start: int) -> bool:
    """Whether the home, named at `start`, is named only after the cue and not in a party
    slot ("with", "by", "and"...): an attendee or a host, unless no sentence says otherwise."""
    anchor = stmt.anchor
    if start < anchor.start:
        return False
    return _SLOT_BEFORE.search(body.folded, max(anchor.end, start - 20), start) is None


def member_signing(body: Body, lex: Lexicon, home: HomeSide) -> str:
    """The name of a body of the home institution's members that signs in the title or the
    first paragraph ("Đoàn Thanh niên Trường X ký kết ... với ...", "X Alumni Association
    signs ..."), when no sentence there names the institution itself before its signing
    verb; "" otherwise."""
    folded = body.folded
    for sentence in body.sentences:
        if sentence.paragraph > 1:
            break
        verbs = [
            h
            for h in signing_hits(body, lex, sentence.start, sentence.end)
            if h.label in {"signing_verbs", "signing_weak"}
        ]
        if not verbs:
            continue
        mentions = [
            m
            for m in home.regex().finditer(folded, sentence.start, verbs[0].start)
            # "tại Trường X, Công đoàn Trường X ... ký kết": the venue names no signer.
            if lex.cues["venue"].before(folded, m.start()) is None
        ]
        if not mentions:
            continue
        members = [m for m in mentions if member_body(lex, folded, m.start(), m.end())]
        if len(members) < len(mentions):
            return ""
        m = members[0]
        hit = lex.cues["member_bodies"].first(
            folded, max(sentence.start, m.start() - 50), m.end() + 40
        )
        if hit is not None:
            lo, hi = min(hit.start, m.start()), max(hit.end, m.end())
            return " ".join(body.text[lo:hi].split())
    return ""


def trusted(statements: list[Statement], member: str = "") -> tuple[list[Statement], str | None]:
    """The statements that state a signing by the home institution, after the headline has
    had its say: a headline that announces a plan or a signing between other parties
    speaks for the article, and a clean headline over a body that tells the signing only
    as a plan or background sums that body up."""
    for stmt in statements:
        if not stmt.sentence.is_title or stmt.clean:
            continue
        if "plan" in stmt.qualifiers:
            return [], "the headline announces the signing as a plan"
        if "negation" in stmt.qualifiers and stmt.party != "third":
            # "Notice: postponement of the signing ceremony between TDTU and UM".
            return [], "the headline says the signing did not take place"
        if stmt.party == "third" and stmt.party_note and not stmt.qualifiers:
            return [], f"the headline reports a signing between other parties: {stmt.party_note}"
    named = [s for s in statements if s.party == "home" and not s.qualifiers and not s.weak]
    others = [s for s in statements if s.party_note and not s.qualifiers]
    note = others[0].party_note if others else ""
    if member and not named:
        note = f"the signer is '{member}', a body of its members, not the institution"
    if note and not named:
        # "X and Y signed an MoU at HUST ... The MoU was signed by ...": once the signing is
        # told as one between other parties, later sentences that name no party, or name
        # the home only as an attendee, tell it on.
        for stmt in statements:
            if stmt.party == "implied" or (stmt.party == "home" and stmt.weak):
                stmt.party, stmt.party_note = "third", note
    clean = [s for s in statements if s.clean]
    if clean and all(s.sentence.is_title for s in clean) and len(clean) < len(statements):
        for stmt in clean:
            stmt.qualifiers["plan"] = stmt.anchor
        return [], None
    return clean, None


def assign_parties(
    statements: list[Statement],
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    *,
    orgs_in: Mapping[int, Sequence[object]],
    home_in_article: bool,
    orgs_of: Callable[[int], Sequence[object]] | None = None,
) -> None:
    """Decide for each statement whether the home institution is a party. `orgs_of(i)`
    gives the organisations named in sentence i, to resolve "the two sides" to the
    parties named before the signing sentence."""
    for stmt in statements:
        s = stmt.sentence
        # "... signed an MoU witnessed by HUST leaders": a witness is not a party.
        attendance = lex.cues["attendance"].first(body.folded, s.start, s.end)
        if _names_attendees(stmt, body, lex, attendance):
            stmt.party = "third"
            stmt.party_note = "the sentence names who attended the signing"
            continue
        end = attendance.start if attendance and attendance.start > stmt.anchor.start else s.end
        match, hosting = _party_mention(home, body, lex, _after_aside(body, lex, stmt), end)
        if _between_parties(
            stmt, body, lex, home, orgs_of(stmt.index) if orgs_of else orgs_in.get(stmt.index, [])
        ):
            continue
        if match is not None:
            in_sentence = orgs_of(stmt.index) if orgs_of else orgs_in.get(stmt.index, [])
            signers = _other_subjects(stmt, body, lex, home, in_sentence)
            if (
                signers
                and (
                    match.start() < signers[0][0]
                    or _named_after_verb(stmt, body, lex, match.start())
                )
                and not _head_among_signers(body, lex, match.end(), signers[0][0])
            ):
                # "On September 28, at the gathering of HUST alumni, the HUST Alumni
                # Association and Techcombank signed": the subject of the verb names the
                # parties; the home named earlier in the sentence only sets the scene.
                stmt.party = "third"
                names = " and ".join(" ".join(body.text[a:b].split()) for a, b in signers)
                stmt.party_note = f"the signers named before the verb are {names}"
                continue
            bystander = _bystander(
                stmt, body, lex, home, after=match.end(), end=end, orgs=in_sentence
            )
            if bystander:
                stmt.party, stmt.party_note = "third", bystander
                continue
            stmt.party = "home"
            stmt.home_hit = (match.start(), match.end())
            stmt.weak = _weak_mention(stmt, body, match.start())
            if (s.is_title or stmt.verb is None) and _hosts(
                body, lex, match.end(), stmt.anchor.start
            ):
                # "VinUni hosts Vietnam–Australia MoU signing", "Đại học Huế là đơn vị đăng
                # cai tổ chức lễ ký": the host of a ceremony may sign or only lend the room;
                # the rest of the article tells which.
                stmt.party = "implied"
            continue
        if hosting is not None and _home_among_subjects(
            stmt, body, lex, home, orgs_of(stmt.index) if orgs_of else orgs_in.get(stmt.index, [])
        ):
            # "at the C1 building, HUST, Bach Mai Hospital and Siemens signed": the venue
            # ends at its comma; the home heads the list of signers.
            continue
        by = _BY_AFTER.match(body.folded, stmt.anchor.end)
        own = (
            _self_reference(body, lex, s.start, stmt.anchor.start, unnamed=not home_in_article)
            or (_titled_self(body, lex, s.start, stmt.anchor.start) if stmt.nouns else None)
            # "a été signé par l'Académie et l'INSP": the passive's agents.
            or (_self_reference(body, lex, by.end(), s.end) if by is not None else None)
        )
        if own is not None and (hosting is None or _after_venue(body, hosting, own[0])):
            # "Học viện và Đại học X đã ký kết", "the University signed ... with X".
            stmt.party, stmt.home_hit = "home", own
            continue
        _unnamed_party(
            stmt,
            body,
            lex,
            orgs_in.get(stmt.index, []),
            hosting=hosting,
            home_in_article=home_in_article,
            sentence_orgs=[
                o
                for o in (orgs_of(stmt.index) if orgs_of else ())
                if not _names_home(o, body.folded, lex, home)
            ],
            previous_owner=_previous_owner(stmt, body, lex, home, orgs_of),
            parent_signs=_parent_among_subjects(
                stmt, body, lex, home, orgs_of(stmt.index) if orgs_of else ()
            ),
        )
        if stmt.party == "implied" and orgs_of is not None:
            sides = _sides_named_before(
                stmt, body, lex, home, orgs=orgs_in.get(stmt.index, []), orgs_of=orgs_of
            )
            if sides:
                stmt.party = "third"
                stmt.party_note = f"'the two sides' are {sides}, named before it"


def _after_aside(body: Body, lex: Lexicon, stmt: Statement) -> int:
    """Where the sentence's own clause starts: after an opening aside and its comma
    ("Besides the CTU agreement, the Provincial People's Committee also signed ... with X"),
    else at the sentence's start."""
    s, folded = stmt.sentence, body.folded
    opening = lex.cues["asides"].first(folded, s.start, min(s.end, s.start + 24))
    if (
        opening is None
        or folded[s.start : opening.start].strip()
        # "Ngoại thương" folds like "ngoài" (besides).
        or not as_written(lex, "asides", opening, body)
    ):
        return s.start
    comma = folded.find(",", opening.end, stmt.anchor.start)
    return comma + 1 if comma >= 0 else s.start


def _hosts(body: Body, lex: Lexicon, end: int, anchor: int) -> bool:
    """Whether the home named right before `end` is the subject of a hosting verb that
    comes before the signing word ("HUST hosts ... signing", "l'USTH accueille la
    signature")."""
    verb = lex.cues["host_verbs"].first(body.folded, end, anchor)
    return verb is not None and _HOST_GAP_WORDS.fullmatch(body.folded, end, verb.start) is not None


# Between the home and its hosting verb: its acronym in brackets, "là đơn vị" (is the unit).
_HOST_GAP_WORDS = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:la\s+(?:don vi|noi)\s+)?")


def _after_venue(body: Body, hosting: Hit, start: int) -> bool:
    """Whether the organisation word at `start` comes after the venue that names the home,
    past a comma: "tại trụ sở Học viện X, Học viện đã ký kết" (the academy, where it sits,
    signed)."""
    comma = body.folded.find(",", hosting.end, start)
    return comma >= 0 and not body.folded[comma + 1 : start].strip()


def _bystander(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    *,
    after: int,
    end: int,
    orgs: Sequence[object],
) -> str:
    """Why the home, named in the signing sentence, is no party to it: named as a witness
    ("HUST leaders attended the signing"), or only through its own units, which sign with
    each other ("the Faculty of History and the Faculty of Tourism Studies of USSH
    signed"); "" when it is a party."""
    witness = _witness(stmt, body, lex, after)
    if witness is not None and home.mentioned(body.folded, witness.end, end) is None:
        verb = " ".join(body.text[witness.start : witness.end].split())
        return f"it is named as a witness ('{verb}')"
    named = home.mentioned(body.folded, stmt.sentence.start, after)
    if (
        named is not None
        and named.start() < stmt.anchor.start
        and _PARTNER_OF.search(body.folded, max(0, named.start() - 60), named.start())
        and home.mentioned(body.folded, _past_bracket(body.folded, named.end()), end) is None
    ):
        # "Partenaire de l'Université de Hanoï depuis 2017, Nantes Université a signé ...",
        # "La Rochelle Université, membre du consortium français de l'USTH, a signé": the
        # home describes the signer, whose signing it relays.
        return "it is named only as the signer's partner"
    if _own_units_sign(stmt, body, lex, orgs, home):
        return "the signers are units of the home institution itself"
    first = home.mentioned(body.folded, stmt.sentence.start, end)
    if (
        first is not None
        and _home_names_a_room(body, lex, first.start(), first.end())
        and home.mentioned(body.folded, first.end(), end) is None
    ):
        # "... was signed ... in the USTH Auditorium": where, not who; "signed at USSH's
        # campus by ..., Vice Rector of VNU-USSH, and ..." names the home again as a signer.
        return "it names the room where the signing took place"
    if first is not None and first.start() >= stmt.anchor.end:
        # "les gouvernements ... ont signé un accord ... en faveur de l'USTH": the home is
        # what states agreed on.
        return _others_sign(stmt, body, lex, "")
    return ""


def _between_parties(
    stmt: Statement, body: Body, lex: Lexicon, home: HomeSide, orgs: Sequence[object]
) -> bool:
    """Settle the statement's party from the list after "between" ("giữa", "entre"), when
    there is one that says: the home among them (by name, by its own word, or by a unit
    named without an owner), or only others. Whether it was settled."""
    group = _between_group(stmt, body, lex)
    if group is not None:
        stmt.party = "third"
        stmt.party_note = f"the signers are a group of others ('{body.text[group[0] : group[1]]}')"
        return True
    listed = _between_list(stmt, body, lex)
    if listed is None:
        return False
    start, stop = listed
    inside = next(
        (
            m
            for m in home.regex().finditer(body.folded, start, stop)
            if not member_body(lex, body.folded, m.start(), m.end())
            and not _vietnamese_name_goes_on(body, lex, m)
            # "between GreenLoop, a start-up founded by three OU graduates, and X": a
            # description of another party names the home in passing.
            and _APPOSITION.search(body.folded, start, m.start()) is None
        ),
        None,
    )
    if inside is not None:
        stmt.party, stmt.home_hit = "home", (inside.start(), inside.end())
        return True
    own = _self_reference(body, lex, start, stop) or next(
        (_span(o) for o in orgs if _own_side_unit(o) and start <= _span(o)[0] < stop), None
    )
    if own is not None:
        stmt.party, stmt.home_hit = "home", own
        return True
    if lex.cues["two_sides"].first(body.folded, start, stop) is None:
        stmt.party = "third"
        stmt.party_note = "the parties listed after 'between' do not include it"
        return True
    return False


# A description set after a name between commas, up to where it is cut ("X, a start-up
# founded by").
_APPOSITION = re.compile(rf",\s*{_INDEFINITE}\s[^,;:()]*\Z")
# "giữa các doanh nghiệp", "between the companies": a plural group right after "between".
_GROUP_ARTICLE = re.compile(r"\s*(?:cac|nhung|the|les|des)\s+")


def _between_group(stmt: Statement, body: Body, lex: Lexicon) -> tuple[int, int] | None:
    """The words saying the act is between a group of others ("Ký kết hợp tác giữa các doanh
    nghiệp": the companies sign among themselves), or None."""
    folded = body.folded
    between = lex.cues["between"].first(folded, stmt.anchor.end, stmt.sentence.end)
    if between is None or not _AFTER_CUE.match(folded[stmt.anchor.end : between.start]):
        return None
    article = _GROUP_ARTICLE.match(folded, between.end)
    if article is None:
        return None
    group = lex.cues["counted"].at(folded, article.end())
    if group is None or folded[group.end : stmt.sentence.end].strip(" .:"):
        return None
    return between.start, group.end


def _names_attendees(stmt: Statement, body: Body, lex: Lexicon, attendance: Hit | None) -> bool:
    """Whether the sentence says who attended the signing: "Tham dự lễ ký có ... Giám đốc
    Đại học Huế", "Lãnh đạo Đại học Huế dự Lễ ký", "Attending the signing ceremony were";
    not when they attended "on behalf of" a side, as its signers."""
    return (
        attendance is not None
        and _ATTENDED_ACT.fullmatch(body.folded, attendance.end, stmt.anchor.start) is not None
        and lex.cues["representing"].first(body.folded, stmt.anchor.end, stmt.sentence.end) is None
    )


def _named_after_verb(stmt: Statement, body: Body, lex: Lexicon, at: int) -> bool:
    """Whether the home, named at `at`, comes after the signing verb and not as a party
    ("with X"): "the Ministry of Finance and the World Bank signed the financing agreement,
    under which HaUI is one of three beneficiaries" is about the home, not signed by it."""
    if at < stmt.anchor.end:
        return False
    if not party_slot(lex, body.folded, at, stmt.sentence.start):
        return True
    # "..., with LHU President Dr. X attending as a witness": "with" opens who looked on.
    clause = _CLAUSE_MARKS.search(body.folded, at, stmt.sentence.end)
    stop = clause.start() if clause else stmt.sentence.end
    return lex.cues["attendance"].first(body.folded, at, stop) is not None


# Between an attendance cue and the act attended: "à" and an article or "buổi" at most
# ("tham dự buổi lễ ký", "attending the signing", "a assisté à la signature"; "dự lễ" holds
# the ceremony word itself).
_ATTENDED_ACT = re.compile(r"\s*(?:(?:a|au|aux)\s+)?(?:(?:the|la|le|les|buoi)\s+|l')?")


def _other_subjects(
    stmt: Statement, body: Body, lex: Lexicon, home: HomeSide, orgs: Sequence[object]
) -> list[tuple[int, int]]:
    """The names of two or more organisations other than the home that stand as the
    subject of the signing verb ("A and B signed"); [] otherwise."""
    folded = body.folded
    named = [
        o
        for o in orgs
        if _party_name(o, lex)
        and not _names_home(o, folded, lex, home)
        and not _homes_system(o, folded, lex, home)
        and not titled_person(body, lex, _span(o)[0])
        and not _placed(body, lex, o)
    ]
    spans = _subject_spans(named, body, stmt.anchor.start, aside=True)
    proper = {_span(o) for o in named if _proper(o) or _long(o)}
    if len(spans) < 2 or not proper.intersection(spans):
        return []
    lo = spans[0][0]
    for match in home.regex().finditer(folded, stmt.sentence.start, stmt.anchor.start):
        if member_body(lex, folded, match.start(), match.end()):
            continue
        if match.end() > lo:
            return []
        witness = lex.cues["attendance"].first(folded, max(0, match.start() - 80), match.start())
        if witness is not None and "," not in folded[witness.end : match.start()]:
            continue
        if _host_cue(lex, body, max(0, match.start() - _HOST_GAP), match.start()) is not None:
            continue
        inside = _GENITIVE.search(folded, max(0, match.start() - 12), match.start())
        # "l'Université des Sciences (HUS) de l'Université nationale du Vietnam à Hanoï, le
        # CNRS et ...": the home's system after it is part of its name.
        after = max(
            [match.end()]
            + [
                _span(o)[1]
                for o in orgs
                if match.end() <= _span(o)[0] < lo and _homes_system(o, folded, lex, home)
            ]
        )
        if (inside is None or _unit_ends_at(orgs, match.end())) and (
            _JOINS.match(folded, match.end(), lo) or _JOINS.match(folded, after, lo)
        ):
            # "Trường X, Trường Y và Trường Z đã ký kết", "UD and four universities of
            # Korea - A, B, C and D - signed": the home heads the list of signers.
            return []
    return spans


def _homes_system(org: object, folded: str, lex: Lexicon, home: HomeSide) -> bool:
    """Whether `org` is a university system named right after the home as its owner
    ("l'USSH de l'Université nationale du Vietnam à Hanoï", "HUS, VNU"): one party."""
    name = str(getattr(org, "name", ""))
    if not (getattr(org, "system", False) or lex.cues["university_systems"].label_of(name)):
        return False
    start = _span(org)[0]
    before = list(home.regex().finditer(folded, max(0, start - 80), start))
    return bool(before) and _OWNER_LINK.fullmatch(folded, before[-1].end(), start) is not None


_OWNER_LINK = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,40}\)\s*)?(?:,|-|–|of|de|du|cua)\s*(?:the\s+|la\s+|le\s+|l')?"
)


def _unit_ends_at(orgs: Sequence[object], end: int) -> bool:
    """Whether a unit's name ends at `end` ("the Faculty of Business of X"): the home
    named as its owner signs through it."""
    return any(getattr(o, "is_unit", False) and _span(o)[1] == end for o in orgs)


@dataclass(frozen=True)
class _Named:
    start: int
    end: int


# Only "and" between two names (an article, a parenthesis after the first).
_AND_ONLY = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?(?:and|va|et)\s+(?:(?:the|la|le)\s+|l')?")


def _home_among_subjects(
    stmt: Statement, body: Body, lex: Lexicon, home: HomeSide, orgs: Sequence[object]
) -> bool:
    """Whether a home mention stands in the subject list of the signing verb, next to two
    or more other names ("X, A and B signed" of a "tripartite agreement"); then the
    statement is the home's, with that mention."""
    folded = body.folded
    homes = [
        _Named(m.start(), m.end())
        for m in home.regex().finditer(folded, stmt.sentence.start, stmt.anchor.start)
        if not member_body(lex, folded, m.start(), m.end())
    ]
    # "Trường Đại học Cần Thơ (ĐHCT)": the acronym in brackets is the same mention.
    homes = [
        h
        for n, h in enumerate(homes)
        if n == 0 or folded[homes[n - 1].end : h.start].strip() != "("
    ]
    if not homes:
        return False
    named: list[object] = [
        o for o in orgs if _party_name(o, lex) and not _names_home(o, folded, lex, home)
    ]
    spans = _subject_spans([*named, *homes], body, stmt.anchor.start, aside=True, lex=lex)
    # "tại Hội trường C2, Đại học X, A và B đã ký kết" as often names the venue's owner
    # before two other signers: the home counts only when the article gives the number of
    # parties and the list with the home matches it ("tripartite", "ba bên").
    counts = {int(h.label) for h in lex.cues["party_counts"].find(folded)}
    for h in homes:
        if (h.start, h.end) not in spans:
            continue
        if (
            len(spans) >= 2
            and spans[-2] == (h.start, h.end)
            and _AND_ONLY.fullmatch(folded, h.end, spans[-1][0])
        ):
            # "at the VNU Convention Centre, UEB and Aston University signed": the last two
            # names before the verb, joined by "and", are signers; a venue's owner would
            # come before two others.
            stmt.party, stmt.home_hit = "home", (h.start, h.end)
            return True
        # A room's code before the home ("Hall C2, X, A and B") is not a signer.
        heads = len(spans) - spans.index((h.start, h.end))
        if {len(spans), heads} & counts and heads >= 2 and len(spans) >= 3:
            stmt.party, stmt.home_hit = "home", (h.start, h.end)
            return True
    return False


def _span(org: object) -> tuple[int, int]:
    return int(getattr(org, "start", -1)), int(getattr(org, "end", -1))


def _names_home(org: object, folded: str, lex: Lexicon, home: HomeSide) -> bool:
    start, end = _span(org)
    return any(
        not member_body(lex, folded, m.start(), m.end())
        for m in home.regex().finditer(folded, max(0, start - 2), end)
    )


# A name after "of" is part of another phrase ("the partners' day of X, A and B signed").
_GENITIVE = re.compile(r"(?<![a-z])(?:of|de|du|des|cua|during)\s+(?:the\s+|l['’]\s*)?$")
# What follows a name that heads a list: "and", a comma, after an optional parenthesis.
# "Viện X (ĐHQG-HCM), Sở Y và Z": a home named in brackets closes them before the list goes on.
_JOINS = re.compile(r"\s*\)?\s*(?:\([^()]{0,80}\)\s*)?(?:,|&|(?:and|va|et|cung)(?![a-z]))")


def implied_evidence(
    statements: list[Statement],
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    orgs_of: Callable[[int], Sequence[object]],
) -> str:
    """A signing sentence that names no party is the home's own signing only when the
    article says it is about one: its title (or its lead's first sentence) speaks of a
    signing or an agreement, and names the home or a single other organisation ("X signs
    MoU with Y", "Ký kết hợp tác với Y"), not two others. Otherwise every implied
    statement is left without a party. The reason, or "" when the evidence is there."""
    implied = [s for s in statements if s.party == "implied" and not s.qualifiers]
    if not implied or any(s.party == "home" and not s.qualifiers for s in statements):
        return ""
    folded = body.folded
    heads = [body.title_index] if body.title_index >= 0 else []
    # The lead: the first sentence of words, not a date line ("13/03/2025") or a byline.
    heads += [
        i
        for i, st in enumerate(body.sentences)
        if not st.is_title and len(_WORDS.findall(body.folded, st.start, st.end)) >= 3
    ][: 2 - len(heads)]
    third = {s.index for s in statements if s.party == "third"}
    for idx in heads:
        st = body.sentences[idx]
        if idx in third:
            # "l'AFD et le ministère signent un accord": the article is about their signing.
            return _leave_unnamed(implied)
        others = len(_other_parties(orgs_of(idx), body, lex, home))
        if _party_mention(home, body, lex, st.start, st.end)[0] is not None or any(
            # "Trường Điện - Điện tử đã tiếp đoàn ...": a unit or school named without an
            # owner is the home's own.
            _own_side_unit(o) or (isinstance(o, OrgMention) and o.generic and home.is_home(o))
            for o in orgs_of(idx)
        ):
            # "USTH and Aalto University strengthen cooperation": about the home, not only
            # at the home ("... signent une convention à l'Institut X").
            return ""
        told = lex.signing_any.first(folded, st.start, st.end) or lex.cues["agreement_nouns"].first(
            folded, st.start, st.end
        )
        if told is not None and others <= 1:
            # "Ký kết hợp tác với Tập đoàn X" on the home's own site.
            return ""
    return _leave_unnamed(implied)


_WORDS = re.compile(r"[a-z]{2,}")


def _leave_unnamed(implied: list[Statement]) -> str:
    note = "the title and lead state no signing by it, and no sentence names it as a party"
    for stmt in implied:
        stmt.party, stmt.party_note = "unknown", note
    return note


def _unnamed_party(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    orgs: Sequence[object],
    *,
    hosting: Hit | None,
    home_in_article: bool,
    sentence_orgs: Sequence[object] = (),
    previous_owner: str = "",
    parent_signs: str = "",
) -> None:
    """The party of a statement that does not name the home institution as a party: implied
    ("the two sides"), or a signing between the organisations it names. `sentence_orgs`
    are all the names of the sentence, the signer before the verb among them;
    `previous_owner` the subject of the sentence before, when it is another body;
    `parent_signs` the home's parent when it stands among the signers, the home not."""
    s = stmt.sentence
    # "..., dưới sự chứng kiến của Ban Giám hiệu Nhà trường": the sides named among the
    # witnesses do not sign.
    attendance = lex.cues["attendance"].first(body.folded, stmt.anchor.end, s.end)
    two = lex.cues["two_sides"].first(
        body.folded, s.start, attendance.start if attendance is not None else s.end
    )
    named = [
        o
        for o in orgs
        if _party_name(o, lex)
        # "à Bourges, le Pr X et M. Y, directeur de Z, ont signé": a city is where.
        and not _place_name(lex, str(getattr(o, "name", "")))
        and not titled_person(body, lex, _span(o)[0])
        # "Ký thỏa thuận về phía Khoa là ...": the signing word itself, and a unit word
        # alone (the home's faculty), name no other party.
        and not any(c.start < _span(o)[1] and _span(o)[0] < c.end for c in stmt.cues)
        and not _bare_unit_word(body, lex, o)
    ]
    # "the Ministry of Home Affairs of Vietnam and the Ministry of Home Affairs of Laos": one
    # name, two countries, two bodies.
    # "X, Dean of the Faculty of Journalism, and Y, Deputy Director of Z, signed": a unit
    # named without an owner is the home's, not another party.
    others = len(
        {
            (_party_name(o, lex), getattr(o, "country", None))
            for o in named
            if not _titled_own_unit(body, lex, o)
        }
    )
    # "la signature d'un accord avec l'Université de Cần Thơ": the other side follows
    # "with"; the one who signs with it is the home institution, unless the sentence
    # names who signs with it ("the Department of Science signed an MoU with Viettel").
    with_match = _WITH_AFTER.match(body.folded, stmt.anchor.end, s.end)
    with_other = with_match is not None
    # Names with an organisation word or an acronym, not any capitalised word.
    proper = [o for o in named if _proper(o)]
    subject = any(s.start <= int(getattr(o, "start", -1)) < stmt.anchor.start for o in proper)
    # "X and a Japanese trading house signed an agreement": a described signer counts too.
    parties = len({_party_name(o, lex) for o in proper}) + (
        1 if _described_cosigner(stmt, body, proper) else 0
    )
    if with_match is not None and _named_signer(stmt, body, lex, sentence_orgs):
        # "đoàn TUFS đã ký kết biên bản ghi nhớ với Đại học Huế", "l'Université nationale
        # du Vietnam a signé un protocole d'accord avec Sorbonne Université": another body
        # signs with the one named after "with".
        after = [o for o in sentence_orgs if _proper(o) and _party_name(o, lex)]
        if any(int(getattr(o, "start", -1)) >= with_match.end() for o in proper + after) or (
            # "the Dong Nai Employment Service Center signed agreements with the management
            # boards of two industrial parks": another body signs, with others in lowercase.
            _self_reference(body, lex, with_match.end(), s.end) is None
            and lex.cues["two_sides"].first(body.folded, with_match.end(), s.end) is None
        ):
            subject, parties = True, max(parties, 2)
    if hosting is not None and parties < 2:
        # At a host's event any name does: "VinFast signed ... with Bosch Vietnam at a
        # ceremony hosted by USTH", "the Hanoi Innovation Hub and Qualcomm signed ... at X".
        listed = _subject_list(named, body, stmt.anchor.start)
        if with_match is not None:
            subject = subject or (
                listed >= 1 and any(int(getattr(o, "start", -1)) >= with_match.end() for o in named)
            )
            parties = max(parties, 2 if subject else 0)
        else:
            parties = max(parties, listed)
    if with_match is None and _own_units_sign(stmt, body, lex, sentence_orgs):
        stmt.party = "third"
        stmt.party_note = "the signers are units of the home institution itself"
    elif two is not None and home_in_article:
        stmt.party = "implied"
    elif (
        (hosting is not None and _own_unit_subject(stmt, body, lex, sentence_orgs))
        or (home_in_article and _bare_title_signs(stmt, body, lex))
        or (
            hosting is None
            and with_match is None
            and _own_unit_leads(stmt, body, lex, sentence_orgs)
        )
    ):
        # "tại Trường Đại học Cần Thơ, Khoa Nông nghiệp đã ký kết ... với X": at the home, a
        # unit named without an owner is the home's and signs for it; "la rectrice et M. X,
        # président de Y, ont signé": a title with no owner after it is the home's head.
        stmt.party = "implied"
    elif (hosting is None and others >= 2 and not with_other) or (
        parties >= 2 and (not with_other or subject)
    ):
        stmt.party = "third"
        if hosting is not None:
            cue = " ".join(body.text[hosting.start : hosting.end].split())
            stmt.party_note = (
                f"the parties are named and it is only where the signing took place ('{cue}')"
            )
        elif stmt.verb is not None and not stmt.sentence.is_title and stmt.sentence.paragraph <= 1:
            # "Rynan AI signed ... with Denso. The ceremony took place in Tokyo": a lead
            # whose signing verb has both signers tells the signing the article is about.
            stmt.party_note = "the lead names two other organisations as the signers"
    elif home_in_article and (signers := _others_sign(stmt, body, lex, parent_signs)):
        stmt.party = "third"
        stmt.party_note = signers
    elif home_in_article and (
        owner := _possessed_signer(stmt, body, lex, sentence_orgs, previous_owner)
    ):
        stmt.party = "third"
        stmt.party_note = f"it was signed by the head of {owner}, named before"
    elif home_in_article and (agent := _role_agent(stmt, body, lex)) is not None:
        # "The grant agreement was signed by the coordinator": the passive names who signed,
        # by a role that is not the home's own (its rector, its president).
        stmt.party = "third"
        stmt.party_note = f"it was signed by '{agent}'"
    elif home_in_article:
        stmt.party = "implied"
    else:
        stmt.party = "unknown"


# "and a Japanese trading house", "et une société française", "và một công ty Nhật Bản"
# right before the verb: a signer described rather than named.
_DESCRIBED_COSIGNER = re.compile(
    rf"\s+(?:and|et|va)\s+{_INDEFINITE}\s+[a-z' -]{{3,60}}?\s+(?:(?:has|have|da)\s+)?\Z"
)


def _described_cosigner(stmt: Statement, body: Body, proper: Sequence[object]) -> bool:
    """Whether the subject of the verb is a named body and one described by an indefinite
    article ("Hanoi University of Mining and Geology and a Japanese trading house
    signed")."""
    ends = [_span(o)[1] for o in proper if _span(o)[1] <= stmt.anchor.start]
    return bool(ends) and (
        _DESCRIBED_COSIGNER.match(body.folded, max(ends), stmt.anchor.start) is not None
    )


def _titled_own_unit(body: Body, lex: Lexicon, org: object) -> bool:
    """Whether `org` is a unit named without an owner, right after a person's title ("Dean
    of the Faculty of Journalism"): the home's unit, whose head signs for the home."""
    if not _own_side_unit(org):
        return False
    start = _span(org)[0]
    return _TITLE_OF.search(body.folded, max(0, start - 40), start) is not None and (
        lex.cues["titles"].first(body.folded, max(0, start - 40), start) is not None
    )


_TITLE_OF = re.compile(r"(?:of|de|du|cua)\s+(?:the\s+|la\s+|l')?\Z")


def _bare_title_signs(stmt: Statement, body: Body, lex: Lexicon) -> bool:
    """Whether a title written as the home's own head's (`_unowned_title`: "la rectrice",
    "our Rector"), with no owner named after it, stands among the subjects of the signing
    verb."""
    if stmt.verb is None:
        return False
    folded, s = body.folded, stmt.sentence
    return any(
        _unowned_title(folded, s.start, title) and _BARE_TITLE_AFTER.match(folded, title.end)
        for title in lex.cues["titles"].find(folded, s.start, stmt.anchor.start)
    )


def _unowned_title(folded: str, start: int, title: Hit) -> bool:
    """Whether a title is written as the home's own head's: after a definite article or
    "our" ("la rectrice", "our Rector"), or set after a name between commas with no owner
    ("PGS.TS. X, Viện trưởng, và GS. Y đã ký")."""
    if _OWN_TITLE_BEFORE.search(folded, max(start, title.start - 6), title.start) is not None:
        return True
    return title.lang == "vi" and folded[max(start, title.start - 2) : title.start] == ", "


_OWN_TITLE_BEFORE = re.compile(r"(?<![a-z])(?:the|l'|la|le|our|notre)\s*\Z")
# After a bare title: the next subject or the verb, no owner ("of", "de", "của") between.
_BARE_TITLE_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|et|va)\s")


# "sa présidente a signé", "its president signed": a possessive and one word right before
# the verb (an auxiliary aside).
_POSSESSED = re.compile(
    r"(?<![a-z])(?:its|their|sa|son|leur)\s+([a-z-]+)\s+(?:(?:has|have|a|ont)\s+)?$"
)


def _others_sign(stmt: Statement, body: Body, lex: Lexicon, parent_signs: str) -> str:
    """Why the signers are others: the home's parent among them (`parent_signs`), states as
    the subject ("les gouvernements français et vietnamien ont signé", "hai Chính phủ đã
    ký"), or a signing "among themselves" ("ont signé entre eux un avenant"); ""."""
    if parent_signs:
        return f"the home's parent, {parent_signs}, signs, not the home"
    folded, s = body.folded, stmt.sentence
    states = lex.cues["state_signers"].first(folded, s.start, stmt.anchor.start)
    if states is not None:
        return (
            f"the signers are states ('{' '.join(body.text[states.start : states.end].split())}')"
        )
    among = lex.cues["among_themselves"].first(
        folded, stmt.anchor.end, min(s.end, stmt.anchor.end + 20)
    )
    if among is not None:
        return "the signers sign among themselves"
    adverbs = _SUBJECT_ADVERBS.search(
        folded, max(s.start, stmt.anchor.start - 24), stmt.anchor.start
    )
    subject = lex.cues["body_subjects"].before(
        folded, adverbs.start() if adverbs is not None else stmt.anchor.start
    )
    if subject is not None and (
        not folded[s.start : subject.start].strip()
        or _SUBJECT_START.search(folded, max(s.start, subject.start - 6), subject.start)
    ):
        # "The province also signed agreements with ...": another body, named before.
        return f"the signer is '{' '.join(body.text[subject.start : subject.end].split())}'"
    return ""


# Between a subject and its verb: "also", "then", "cũng", "aussi" (auxiliaries are cues).
_SUBJECT_ADVERBS = re.compile(r"(?:\s+(?:also|then|later|cung|aussi|ensuite|da))+\s*\Z")
# A body word opens its clause after a clause mark: "..., la province a signé".
_SUBJECT_START = re.compile(r"[.;,:]\s*\Z")


def _parent_among_subjects(
    stmt: Statement, body: Body, lex: Lexicon, home: HomeSide, orgs: Sequence[object]
) -> str:
    """The name of the home's parent (the university system it belongs to) when it stands
    with another name as the subject of the signing verb ("Vietnam National University,
    Hanoi (VNU) and Kyoto University signed"); ""."""
    named = [o for o in orgs if _party_name(o, lex)]
    spans = _subject_spans(named, body, stmt.anchor.start, aside=True)
    if len(spans) < 2:
        return ""
    previous: object | None = None
    for org in sorted(named, key=_span):
        forms = {key(str(m)) for m in getattr(org, "mentions", ())}
        if (
            _span(org) in spans
            and forms & home.parents
            and not forms & home.keys
            and not (previous is not None and _qualifies_home(previous, org, body, lex, home))
        ):
            return str(getattr(org, "name", ""))
        previous = org
    return ""


def _qualifies_home(
    home_name: object, parent: object, body: Body, lex: Lexicon, home: HomeSide
) -> bool:
    """Whether the parent is written as part of the home's name: right after it, set off by
    commas ("tại Trường Đại học Khoa học Tự nhiên, ĐHQG Hà Nội, Khoa Hóa học và X đã ký": the
    venue, then the signers). Without the second comma the parent heads the list of signers
    ("tại Trường Đại học Kinh tế, Đại học Quốc gia Hà Nội (ĐHQGHN) và UBND tỉnh X đã ký")."""
    folded = body.folded
    return (
        _names_home(home_name, folded, lex, home)
        and _QUALIFIER_GAP.fullmatch(folded, _span(home_name)[1], _span(parent)[0]) is not None
        and folded.startswith(",", _span(parent)[1])
    )


_QUALIFIER_GAP = re.compile(r"\s*,\s*")


def _previous_owner(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    orgs_of: Callable[[int], Sequence[object]] | None,
) -> str:
    """The first name of the sentence before the statement's, when it is not the home's:
    whom "its president" may stand for."""
    if (
        orgs_of is None
        or stmt.index == 0
        # "sa présidente a signé", and the passive's "signé ... par son président".
        or not _POSSESSED_HINT.search(body.folded, stmt.sentence.start, stmt.sentence.end)
    ):
        return ""
    first = next((o for o in orgs_of(stmt.index - 1) if _party_name(o, lex)), None)
    if first is None or _names_home(first, body.folded, lex, home):
        return ""
    return str(getattr(first, "name", ""))


_POSSESSED_HINT = re.compile(r"(?<![a-z])(?:its|their|sa|son|leur)\s")


def _possessed_signer(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    sentence_orgs: Sequence[object],
    previous_owner: str,
) -> str:
    """The organisation whose head signs, told by a possessive ("La Rochelle Université ...
    Le 17 février, sa présidente a signé un accord avec X"): the last other name before it
    in the sentence (`sentence_orgs` leaves out the home's), else `previous_owner`, the
    subject of the sentence before when it is not the home; "" otherwise."""
    folded = body.folded
    found = _POSSESSED.search(
        folded, max(stmt.sentence.start, stmt.anchor.start - 40), stmt.anchor.start
    ) or _POSSESSED_AGENT.match(folded, stmt.anchor.end, stmt.sentence.end)
    if found is None or not lex.has_word("titles", found.group(1), found.group(1), marked=False):
        return ""
    before = [o for o in sentence_orgs if int(getattr(o, "end", 0)) <= found.start()]
    return str(getattr(before[-1], "name", "")) if before else previous_owner


# A passive's agent named by a possessive and a title: "signé le 27 avril à Metz par son
# président".
_POSSESSED_AGENT = re.compile(
    r"(?:\s+[a-z0-9]+){0,6}?\s+(?:by|par)\s+(?:its|their|sa|son|leur)\s+([a-z-]+)(?![a-z'-])"
)
# A passive's agent named by a role: "by the coordinator", "signée le 2 octobre par le
# coordinateur" (a few words without a clause mark may come first).
_ROLE_AGENT = re.compile(
    r"(?:\s+[a-z0-9]+){0,4}?\s+(?:by|par)\s+(?:the|le|la|l')\s*([a-z-]+)(?![a-z'-])"
)


def _role_agent(stmt: Statement, body: Body, lex: Lexicon) -> str | None:
    """The role a passive signing names as its signer ("was signed by the coordinator"),
    when it is no one's title, no organisation word (the home speaking of itself) and not
    the two sides; else None."""
    found = _ROLE_AGENT.match(body.folded, stmt.anchor.end)
    if found is None:
        return None
    word = found.group(1)
    if (
        lex.has_word("titles", word, word, marked=False)
        or lex.cues["org_heads"].label_of(word) is not None
        or lex.cues["unit_heads"].label_of(word) is not None
        or lex.cues["two_sides"].first(body.folded, found.start(1), found.end(1) + 12) is not None
        or lex.cues["people_signers"].label_of(word) is not None
        or word in _BOTH
    ):
        return None
    return " ".join(body.text[found.start(1) : found.end(1)].split())


_BOTH = frozenset({"two", "both", "deux", "parties", "sides", "representatives", "leaders"})


def _own_units_sign(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    orgs: Sequence[object],
    home: HomeSide | None = None,
) -> bool:
    """Whether the subject of the signing verb is two or more units named without an owner
    ("Khoa Hóa học và Khoa Môi trường đã ký kết thỏa thuận"), or with the home as their
    owner when `home` is given: the home's own units agree with each other, which is no
    agreement with anyone outside."""
    named = [o for o in orgs if _party_name(o, lex)]
    units = [o for o in named if _own_unit(o) or (home is not None and _home_unit(o, home))]
    # "... of USSH (USSH) signed": the last unit's acronym may stand before the verb.
    spans = _subject_spans(units, body, stmt.anchor.start, aside=True)
    return len(spans) >= 2 and spans == _subject_spans(named, body, stmt.anchor.start, aside=True)


def _own_unit_subject(stmt: Statement, body: Body, lex: Lexicon, orgs: Sequence[object]) -> bool:
    """Whether the one name right before the signing verb is a unit named without an owner
    (the system after the venue, "tại Trường X, ĐHQGHN, Khoa Y đã ký", is the venue's)."""
    named = [o for o in orgs if _party_name(o, lex) and not getattr(o, "system", False)]
    spans = _subject_spans(named, body, stmt.anchor.start, aside=True)
    return len(spans) == 1 and any(_span(o) == spans[0] and _own_unit(o) for o in named)


def _own_unit_leads(stmt: Statement, body: Body, lex: Lexicon, orgs: Sequence[object]) -> bool:
    """Whether the signers before the verb are a unit named without an owner and one other
    body ("the Faculty of Geology and the Geological Survey of Finland (GTK) signed"): the
    unit is the home's, signing with the other."""
    named = [
        o
        for o in orgs
        if _party_name(o, lex)
        and not getattr(o, "system", False)
        # "tại Trung tâm Du khách, Khoa Sinh học và VQG Cúc Phương đã ký": the venue.
        and lex.cues["hosting"].before(body.folded, _span(o)[0]) is None
    ]
    spans = _subject_spans(named, body, stmt.anchor.start, aside=True)
    if len(spans) != 2:
        return False
    first = next((o for o in named if _span(o) == spans[0]), None)
    return (
        first is not None
        and _own_side_unit(first)
        # "Faculté des sciences de l'Université ouverte de Malaisie": its owner is in its name.
        and sum(1 for _ in lex.cues["org_heads"].find(body.folded, *_span(first))) <= 1
    )


def _own_side_unit(org: object) -> bool:
    """A unit named without an owner that may sign for the home: a faculty, an office; not a
    government's department ("Service de l'éducation de Hô Chi Minh-Ville")."""
    return _own_unit(org) and getattr(org, "kind", "") != "government"


def _home_unit(org: object, home: HomeSide) -> bool:
    """A unit whose owner is the home ("the Faculty of Tourism Studies of USSH")."""
    parent = getattr(org, "parent", None)
    if not getattr(org, "is_unit", False) or not isinstance(parent, str):
        return False
    folded = fold(parent)
    return home.mentioned(folded, 0, len(folded)) is not None


def _own_unit(org: object) -> bool:
    """A unit named without an owner ("Khoa Hóa học", "the Faculty of Chemistry"): the
    home's own."""
    return bool(getattr(org, "is_unit", False)) and getattr(org, "parent", 1) is None


def _named_signer(stmt: Statement, body: Body, lex: Lexicon, orgs: Sequence[object]) -> bool:
    """Whether an organisation other than the home and its units is named before the
    signing verb, in its clause (no comma between them): the subject that signs."""
    s, anchor = stmt.sentence, stmt.anchor.start
    return any(
        _proper(o)
        and _party_name(o, lex)
        and not getattr(o, "is_unit", False)
        and s.start <= int(getattr(o, "start", -1))
        and int(getattr(o, "end", -1)) <= anchor
        and not re.search(r"[,;:()]", body.folded[int(getattr(o, "end", -1)) : anchor])
        for o in orgs
    )


def _sides_named_before(
    stmt: Statement,
    body: Body,
    lex: Lexicon,
    home: HomeSide,
    *,
    orgs: Sequence[object],
    orgs_of: Callable[[int], Sequence[object]],
) -> str:
    """The parties "the two sides" ("hai bên", "les deux institutions") stands for, when
    they are other organisations than the home: two or more named earlier in the same
    sentence ("A signs MoU with B: ... the two universities signed"), else named in the
    title and the sentences before it while the home is named there only as the host or
    venue ("A and B held a workshop at HUST. ... the two sides signed"). "" when the home
    may be one of them."""
    s, folded = stmt.sentence, body.folded
    two = lex.cues["two_sides"].first(folded, s.start, s.end)
    if two is None or lex.cues["self_sides"].first(folded, two.start, two.end) is not None:
        return ""
    if home.mentioned(folded, s.start, two.start) is not None:
        return ""
    # Every name of the sentence, not only the candidates for a party: "The forum was
    # co-organised by A and B, and ... the two co-organisers signed".
    named = [*orgs, *(o for o in orgs_of(stmt.index) if o not in orgs)]
    before = _other_parties([o for o in named if _ends_before(o, two.start)], body, lex, home)
    if len(before) >= 2:
        return " and ".join(before[:3])
    names: list[str] = []
    # A page that never names its home speaks of it as "l'établissement", "nhà trường".
    unnamed = home.mentioned(folded, 0, len(folded)) is None
    for idx in range(stmt.index):
        sentence = body.sentences[idx]
        attendance = lex.cues["attendance"].first(folded, sentence.start, sentence.end)
        end = attendance.start if attendance is not None else sentence.end
        match, _hosting = _party_mention(home, body, lex, sentence.start, end)
        if match is not None or (
            unnamed and lex.cues["self_sides"].first(folded, sentence.start, end) is not None
        ):
            return ""
        found = [o for o in orgs_of(idx) if _ends_before(o, end)]
        names.extend(n for n in _other_parties(found, body, lex, home) if not _one_of(n, names))
    return " and ".join(names[:3]) if len(names) >= 2 else ""


def _one_of(name: str, names: list[str]) -> bool:
    """Whether `name` is one of `names`, also when one of the two runs on past the other
    ("Học viện X" in the title, "Học viện X." or "Học viện X do Giám" in a sentence): the
    same organisation is one side, however far its name was read."""
    key = name.rstrip(".").lower()
    return any((k := n.rstrip(".").lower()).startswith(key) or key.startswith(k) for n in names)


def _ends_before(org: object, limit: int) -> bool:
    return int(getattr(org, "end", limit + 1)) <= limit


def _other_parties(orgs: Sequence[object], body: Body, lex: Lexicon, home: HomeSide) -> list[str]:
    """The distinct proper names among `orgs` that are not the home institution nor one of
    its own units or member bodies, nor the system it belongs to named after it."""
    out: list[str] = []
    seen: set[str] = set()
    for org in orgs:
        start, end = int(getattr(org, "start", -1)), int(getattr(org, "end", -1))
        if not (_proper(org) or _long(org)) or start < 0 or _own_unit(org):
            continue
        if titled_person(body, lex, start):
            # "le Pr X et Mme Y, vice-présidente de l'Université Z, ont signé": people,
            # one of whom may sign for the home.
            continue
        if home.mentioned(body.folded, start, end) is not None or _homes_system(
            org, body.folded, lex, home
        ):
            continue
        bare = " ".join(body.folded[start:end].split())
        if any(bare in heads for heads in lex.org_heads.values()):
            # "tại trụ sở Học viện": an organisation word alone names no other party.
            continue
        name = _party_name(org, lex)
        # "the Rectorate of Technische Universität Dresden (TU Dresden)" and "TU Dresden":
        # one side under its two names.
        names = {name, *(key(m) for m in getattr(org, "mentions", ()))} - {""}
        if name and not names & seen:
            seen |= names
            out.append(" ".join(body.text[start:end].split()))
    return out


def _bare_unit_word(body: Body, lex: Lexicon, org: object) -> bool:
    """Whether a name is a unit word alone ("về phía Khoa", "the Faculty"): the home's own
    unit, referred to by its word."""
    start, end = _span(org)
    if lex.cues["unit_heads"].label_of(" ".join(body.folded[start:end].split())) is None:
        return False
    # "la Faculté d'éducation de l'Université X": a unit whose name goes on is another's.
    after = re.match(r"\s*(\w+['’]?)", body.text[end : end + 12])
    return after is None or after.group(1).lower().replace("’", "'") not in lex.written_connectors


def titled_person(body: Body, lex: Lexicon, start: int) -> bool:
    """Whether the name at `start` follows a personal title ("Mme", "Dr.", "ông"), or a
    title and a capitalised particle the name reader left out ("Mme Le Bihan")."""
    words = body.text[max(0, start - 24) : start].split()

    def title(written: str) -> bool:
        return lex.has_word("titles", written, fold(written), marked=False)

    if not words:
        return False
    if title(words[-1]):
        return True
    return len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) <= 3 and title(words[-2])


# How far before a home name a host or venue cue may end ("at the Conference Hall of X",
# "tại trụ sở X"), and what may not stand between them: a clause mark or a party word.
_HOST_GAP = 40
_HOST_BREAK = re.compile(
    r"[,;:()]|(?<![a-z])(?:and|with|between|va|voi|cung|giua|et|avec|entre)(?![a-z])"
)


def _party_mention(
    home: HomeSide, body: Body, lex: Lexicon, start: int, end: int
) -> tuple[re.Match[str] | None, Hit | None]:
    """The first mention of the home institution in folded[start:end] that may name a
    party, and the host cue of the mentions that only say where the signing took place
    ("at", "tại", "organised at", "hosted by", "organisé par"): the home hosts a signing
    between others as often as it signs."""
    hosting: Hit | None = None
    last_host_end = last_member_end = -1
    folded = body.folded
    for match in home.regex().finditer(folded, start, end):
        if _abroad_after(lex, body, match.end()) or _vietnamese_name_goes_on(body, lex, match):
            # "Trường Đại học Ngoại ngữ Hàn Quốc", "Trường Đại học Kinh tế Quốc dân": the
            # home's name goes on into another's.
            continue
        witness = lex.cues["attendance"].first(
            folded, max(start, match.start() - 50), match.start()
        )
        if witness is not None and not re.search(r"[,;:]", folded[witness.end : match.start()]):
            # "dưới sự chứng kiến của lãnh đạo ĐHQG-HCM, UBND tỉnh Long An đã ký kết ...":
            # the home witnesses.
            last_host_end = match.end()
            continue
        if _POSSESSED_PARTNER.match(folded, match.end()):
            # "UEH's long-standing partner, Western Sydney University, signed ...".
            last_host_end = match.end()
            continue
        attended = lex.cues["witness"].first(folded, match.end(), min(end, match.end() + 24))
        if attended is not None and _ATTENDEES.fullmatch(folded, match.end(), attended.start):
            # "X signed a memorandum with Y; NEU lecturers attended as guests".
            last_host_end = match.end()
            continue
        partner_of = lex.cues["partner_of"].first(
            folded, max(start, match.start() - 80), match.start()
        )
        if partner_of is not None and _PARTNER_GAP.fullmatch(folded, partner_of.end, match.start()):
            # "HUFS, a long-standing partner of ULIS, signed ... with the Ministry": the home
            # only describes the signer (its parent after a dash too).
            last_host_end = match.end()
            continue
        if member_body(lex, folded, match.start(), match.end()) or (
            # "alumni of the University of X (UEH)": its acronym too.
            last_member_end >= 0
            and re.fullmatch(r"\s*\(\s*", folded[last_member_end : match.start()])
        ):
            last_member_end = match.end()
            continue
        if last_host_end >= 0 and re.fullmatch(
            r"\s*[(\-\u2013\u2014]\s*", folded[last_host_end : match.start()]
        ):
            # "hosted by Vietnam National University of Agriculture (VNUA)", "tại Trường
            # Đại học Ngoại ngữ - ĐHQGHN": the host and its acronym or parent, one mention.
            last_host_end = match.end()
            continue
        cue = _host_cue(lex, body, max(start, match.start() - _HOST_GAP), match.start())
        if cue is None:
            return match, hosting
        hosting, last_host_end = hosting or cue, match.end()
    return None, hosting


# Between "a partner of" and the home's name: nothing, or the home's unit that the partner
# works with ("partenaire de longue date du Département de français de l'Université X").
_PARTNER_GAP = re.compile(
    r"\s*(?:(?:du|de la|of the|of)\s+[^,;:()]{3,40}?\s+(?:de|of|d')\s*(?:la\s+|l'\s*|the\s+)?)?"
)
# Between the home's name and a verb of attending: its people, in a word or two.
_ATTENDEES = re.compile(r"(?:['’]s)?(?:\s+[a-z-]+){0,2}\s+")
# The home's possessive before a partner word: "UEH's long-standing partner".
_POSSESSED_PARTNER = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}partners?(?![a-z])")


def _vietnamese_name_goes_on(body: Body, lex: Lexicon, match: re.Match[str]) -> bool:
    """Whether a Vietnamese name of the home of several words runs on, one space after it,
    into a capitalised word that is no title ("Trường Đại học Kinh tế Quốc dân" is another
    university than "Trường Đại học Kinh tế")."""
    text, end = body.text, match.end()
    written = text[match.start() : end]
    if " " not in written or not has_vietnamese_marks(written):
        return False
    after = _NEXT_WORD.match(text, end)
    return (
        after is not None
        and after.group(1)[:1].isupper()
        and lex.cues["titles"].at(body.folded, end + 1) is None
    )


_NEXT_WORD = re.compile(r" (\w+)")


def _abroad_after(lex: Lexicon, body: Body, end: int) -> bool:
    """Whether a country or a city abroad, capitalised, follows right after `end`."""
    text, folded = body.text, body.folded
    gap = len(text[end:]) - len(text[end:].lstrip(" "))
    at = end + gap
    if gap != 1 or not text[at : at + 1].isupper():
        return False
    hit = lex.countries.first(folded, at, min(len(folded), at + 30)) or lex.cities.first(
        folded, at, min(len(folded), at + 30)
    )
    return hit is not None and hit.start == at and hit.label != "VN"


# "le Club d'entrepreneuriat étudiant de l'UEH": a member body's own words, then "of".
_MEMBER_DESCRIBED = re.compile(
    # "trois étudiants du master Eau – Environnement – Océanographie de l'USTH": what the
    # members study, dashes included, no word that joins another name.
    r"(?:\s+(?!(?:and|et|va|with|avec|voi)\s)[a-z'’-]+){1,8}"
    r"\s+(?:of|de|du|des|cua)\s+(?:the\s+|l['’]\s*|la\s+)?"
)
# How far before the home's name its members may be named ("étudiants du master ... de").
_MEMBER_REACH = 90
_MEMBER_LINK = re.compile(r"\s*(?:(?:of|de|du|des|cua|truong|the|l'|la)\s*)*$")


# Words that join or start another name: no member body's own words.
_JOINING_WORDS = frozenset(
    {"and", "va", "et", "with", "voi", "avec", "the", "of", "cua", "de", "du", "des", "la", "le"}
)


def member_body(lex: Lexicon, folded: str, start: int, end: int) -> bool:
    """Whether the home name at folded[start:end] only qualifies a body of its members ("USTH
    Alumni Association", "Đoàn Thanh niên Trường X", "the Youth Union of X"): that body
    signs for itself, not the institution."""
    inside = lex.cues["member_bodies"].first(folded, start, end)
    if inside is not None and inside.start == start:
        # "le Club d'entrepreneuriat étudiant de l'UEH", learnt as a name of the home's side.
        return True
    after = lex.cues["member_bodies"].first(folded, end, min(len(folded), end + 40))
    if after is not None:
        gap = folded[end : after.start]
        # "USTH Alumni Association"; "USSH Press Club", "HUST Robotics Club": a word or two
        # naming what the members do, none that joins another name.
        words = re.findall(r"[a-z0-9'-]+", gap)
        if re.fullmatch(r"[\s'’s]*", gap) or (
            len(words) <= 2
            and re.fullmatch(r"[\sa-z0-9'-]*", gap)
            and not set(words) & _JOINING_WORDS
        ):
            return True
    for hit in lex.cues["member_bodies"].find(folded, max(0, start - _MEMBER_REACH), start):
        if _MEMBER_LINK.fullmatch(folded, hit.end, start) or _MEMBER_DESCRIBED.fullmatch(
            folded, hit.end, start
        ):
            return True
    return False


def _host_cue(lex: Lexicon, body: Body, start: int, end: int) -> Hit | None:
    folded = body.folded
    last = None
    for hit in lex.cues["hosting"].find(folded, start, end, original=body.text):
        if last is None or hit.start >= last.start:
            last = hit
    if last is None:
        return None
    brk = _HOST_BREAK.search(folded, last.end, end)
    if brk is not None and not _in_venue(lex, folded, last, end):
        return None
    if len(folded[last.end : end].split()) > 5:
        return None
    return last


def _in_venue(lex: Lexicon, folded: str, cue: Hit, end: int) -> bool:
    """ "tại Hội trường C2, Đại học X", "at the C2 Hall, X": a room or building named after
    the host cue, then its institution after a comma; no party word nor other clause mark."""
    gap = folded[cue.end : end]
    if re.search(
        r"[;:()]|(?<![a-z])(?:and|with|between|va|voi|cung|giua|et|avec|entre)(?![a-z])", gap
    ):
        return False
    return lex.cues["venue_nouns"].first(folded, cue.start, end) is not None


_AUXILIARIES = frozenset(
    {"has", "have", "had", "officially", "formally", "also", "da", "chinh", "thuc", "a", "ont"}
)


# Between two names of one list: a parenthesis, a country ("of Vietnam") and an aside on
# whose behalf the first signs (", on behalf of the Government,") may come before the "and";
# a description after it ("and the non-profit organisation Reading Bridges").
_JOINED = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:(?:of|de|cua)\s+[a-z]+(?:\s[a-z]+)?\s*)?"
    r"(?:,\s*(?:on behalf of|representing|au nom de|thay mat|dai dien cho)\s[^,;()]{1,60}\s*)?"
    r"(?:,\s*(?:and|va|et)?|&|and|va|et)\s*(?:(?:the|la|le)\s+(?:[a-z-]+\s+){0,3}|l')?"
)


def _subject_list(named: Sequence[object], body: Body, anchor: int) -> int:
    """How many names stand as the subject of the signing verb: the last ends right before
    it ("VinFast signed", "FPT đã ký"), the others are joined to it by "and" or a comma."""
    return len(_subject_spans(named, body, anchor))


def _subject_spans(
    named: Sequence[object],
    body: Body,
    anchor: int,
    *,
    aside: bool = False,
    lex: Lexicon | None = None,
) -> list[tuple[int, int]]:
    """The spans of the names that stand as the subject of the signing verb; with `aside`,
    the last may be followed by a parenthesis ("Techcombank (TCB) signed"), and with `lex`
    by its country between commas ("CAU, Vương quốc Thái Lan, đã ký kết")."""
    spans = sorted((int(getattr(o, "start", -1)), int(getattr(o, "end", -1))) for o in named)
    for last in range(len(spans) - 1, -1, -1):
        end = spans[last][1]
        gap = body.folded[end:anchor] if 0 <= end <= anchor else ","
        if aside:
            gap = _ASIDE.sub(" ", gap, count=1)
        if lex is not None:
            gap = _without_country(lex, gap)
        if re.search(r"[,;:()]", gap) or not all(
            w in _AUXILIARIES for w in re.findall(r"[a-z']+", gap)
        ):
            continue
        k = last
        while k > 0 and _JOINED.fullmatch(body.folded, spans[k - 1][1], spans[k][0]):
            k -= 1
        return spans[k : last + 1]
    return []


# What may stand between the last signer and the verb: a parenthesis ("Techcombank (TCB)
# signed"), or a description between commas ("X GmbH, a German manufacturer of drives,
# signed").
_ASIDE = re.compile(rf"^\s*(?:\([^()]{{0,80}}\)|,\s*{_INDEFINITE}\s[^,;:()]{{1,80}},)")
_COUNTRY_APPOSITION = re.compile(r"^\s*,\s*([^,;:()]{2,48}?)\s*,")


def _without_country(lex: Lexicon, gap: str) -> str:
    """The gap after a name without the country set between commas right after it."""
    found = _COUNTRY_APPOSITION.match(gap)
    if found is None:
        return gap
    place = found.group(1)
    state = lex.cues["state_forms"].first(place)
    if state is not None and state.start == 0:
        place = place[state.end :].strip()
    return gap[found.end() :] if lex.countries.label_of(place) else gap


def _self_reference(
    body: Body, lex: Lexicon, start: int, end: int, *, unnamed: bool = False
) -> tuple[int, int] | None:
    """An organisation word standing alone and capitalised where a party is named: the
    home institution speaking of itself ("Học viện và Đại học X đã ký kết", "the University
    and X signed", "l'Université et X ont signé"). Only a university's or an institute's
    word: "Bộ" (the Ministry) alone is another body. On a page that never names its home
    (`unnamed`), in lowercase too ("after the university sealed a partnership with X")."""
    folded, text = body.folded, body.text
    for unit in lex.cues["unit_heads"].find(folded, start, end):
        # "Breitmann GmbH and the Faculty signed": the home's unit named by its word alone.
        if (
            text[unit.start].isupper()
            and (
                _DEFINITE_BEFORE.search(folded, max(0, unit.start - 5), unit.start)
                # "Nhân dịp này, Khoa đã ký kết ... với X": Vietnamese writes no article.
                or (unit.lang == "vi" and _opens_clause(folded, start, unit.start))
            )
            and _UNIT_ALONE.match(text, unit.end)
        ):
            return unit.start, unit.end
    for hit in lex.cues["org_heads"].find(folded, start, end, original=text):
        if hit.label not in {"university", "research_institute"}:
            continue
        if not as_written(lex, "org_heads", hit, body):
            # "Viễn thông" (telecommunications) folds like "Viện" (an institute).
            continue
        if not text[hit.start].isupper() and not (
            unnamed and _DEFINITE_BEFORE.search(folded, max(0, hit.start - 5), hit.start)
        ):
            continue
        if fold(text[hit.start : hit.end]).split()[-1] in _OF_WORDS:
            # "la Faculté des sciences de ...": a head ending with "of" opens a name.
            continue
        if text[hit.start : hit.end].isupper():
            # "l'IRD", "the CNRS": an acronym is a name of its own, not a self-reference.
            continue
        title = lex.cues["titles"].at(folded, hit.start)
        if title is not None and title.end > hit.end:
            # "Viện trưởng" (an institute's director): a person's title, not the institute.
            continue
        before = folded[max(start, hit.start - 12) : hit.start].split()
        if before and before[-1] not in _SELF_BEFORE and before[-1][-1] not in ",;:":
            continue
        if hit.lang != "vi" and _NAME_GOES_ON.search(text, max(start, hit.start - 40), hit.start):
            # "the French Ministry of Higher Education and Research": English and French
            # write an article before the home's word alone; "and" right after a capitalised
            # word joins the name it ends.
            continue
        if hit.start > start and text[hit.start - 1 : hit.start] not in {" ", "'", "’"}:
            continue
        after = text[hit.end : hit.end + 30].split()
        if after and (after[0][:1].isupper() or after[0][:1] in {"(", "-", "–"}):
            continue
        if after and (
            fold(after[0]) in {"of", "de", "du", "des", "d'", "for"}
            # "l'Université d'Armor": an elided "de" joins the name that follows.
            or re.match(r"[dl]['’]\w", after[0]) is not None
        ):
            continue
        if _NAMED_AFTER.match(text, hit.end):
            # "l'Institut français du Vietnam", "l'Université catholique de Louvain": the
            # organisation word opens a name of its own.
            continue
        if (
            after
            and fold(after[0]).endswith(lex.adjective_endings)
            and (hit.lang == "fr" or (len(after) > 1 and after[1][:1].isupper()))
        ):
            # "l'Université nationale du Vietnam", "l'École polytechnique", "le Centre
            # culturel Lumière" (a head both languages share): a name goes on.
            continue
        if _DEFINED_AFTER.match(text, hit.end):
            # "l'Institut de recherche pour le développement (IRD)": a name with its acronym.
            continue
        return hit.start, hit.end
    return None


# A clause of earlier time: what follows it happened before what precedes it; no clause
# mark between it and the act.
# Vietnamese "sau khi" has no tense ("ngay sau khi văn bản được ký": once it is signed).
_AFTER_CLAUSE = re.compile(r"(?<![a-z])(?:after|apres que|apres avoir)(?![a-z])[^;:.]*\Z")


def _after_clause(folded: str, hit: Hit, cue: Hit) -> bool:
    """Whether the act `cue` stands in a clause of earlier time that follows `hit`."""
    return hit.end <= cue.start and _AFTER_CLAUSE.search(folded, hit.end, cue.start) is not None


# After a unit's word standing alone as a signer: "and" or the verb; no name goes on.
_UNIT_ALONE = re.compile(r"\s(?:and|et|va|và|signed|a|ont|đã)\s")
# "the university", "l'université": a definite article right before the word.
_DEFINITE_BEFORE = re.compile(r"(?<![a-z])(?:the|l'|la|le)\s*\Z")
# Right after a passive signing: who signed ("signed by", "signé par", "được ký bởi").
_BY_AFTER = re.compile(r"\s*(?:by|par|boi)\s")


def _titled_self(body: Body, lex: Lexicon, start: int, end: int) -> tuple[int, int] | None:
    """ "Hiệu trưởng Nhà trường và GS. Kim, Viện trưởng Viện X, đã ký biên bản": the head of
    "the School", capitalised after a title, signs for the home."""
    for own in lex.cues["self_sides"].find(body.folded, start, end):
        if body.text[own.start].isupper() and (
            lex.cues["titles"].before(body.folded, own.start)
            # "..., Nhà trường và Trường Đại học Champasak đã ký kết": it heads the signers.
            or _SELF_AND.match(body.folded, own.end)
        ):
            return own.start, own.end
    return None


_SELF_AND = re.compile(r"\s+(?:va|and|et)\s")


# One or two lowercase words, then "de"/"du"/"of" and a capitalised word.
_NAMED_AFTER = re.compile(
    r"(?:\s+(?=[^\W\d_])(?![A-ZÀ-ÝĐ])[\w-]+){1,2}\s+(?:de|du|des|of|d['’])\s*(?=[A-ZÀ-ÝĐ])"
)


# Lowercase words without a clause mark or "and", then an acronym in brackets.
_DEFINED_AFTER = re.compile(
    r"(?:\s+(?!(?:and|et|va|và)\s)[a-zà-ỹđ'’-]+){1,5}\s*\(\s*[A-ZĐ][A-Za-z0-9&.-]*[A-Z][^)]{0,12}\)"
)


def _home_names_a_room(body: Body, lex: Lexicon, start: int, end: int) -> bool:
    """Whether the home named at folded[start:end] only qualifies a room after "in" or "at"
    ("in the USTH Auditorium", "at the HUST Library") or as its owner ("TDTU's hall"), and
    is named nowhere else there."""
    folded = body.folded
    room = lex.cues["venue_nouns"].first(folded, end, min(len(folded), end + 20))
    if room is None:
        return False
    if folded[end : room.start].strip() in {"'s", "’s"}:
        # "using TDTU's hall as the venue".
        return True
    return (
        not folded[end : room.start].strip()
        and _ROOM_BEFORE.search(folded, max(0, start - 12), start) is not None
    )


_ROOM_BEFORE = re.compile(r"(?<![a-z])(?:in|at|tai|dans)\s+(?:the\s+|l')?$")


def _past_bracket(folded: str, at: int) -> int:
    """Where the text goes on after a bracket that opens right at `at` ("HANU (HANU)")."""
    rest = folded[at : at + 3].lstrip()
    if not rest.startswith("("):
        return at
    close = folded.find(")", at, at + 40)
    return close + 1 if close >= 0 else at


# "partner of", "partenaire de l'", "đối tác của": what comes next describes another body.
_PARTNER_OF = re.compile(
    r"(?:partners?|partenaires?|doi tac|members?|membres?|thanh vien)(?:\s+[^,;:()]{0,40}?)?"
    r"\s+(?:of|de|du|des|cua)(?:\s+(?:the|la|le)\s*|\s*l')?\s*$"
)
_OF_WORDS = frozenset({"of", "de", "des", "du", "d'", "cua"})
_NAME_GOES_ON = re.compile(r"[A-ZÀ-Þ][\w-]*\s+(?:and|et|&)\s+\Z")
_SELF_BEFORE = frozenset({"the", "l", "l'", "la", "le", "va", "and", "et", ",", "giua", "between"})


def _long(org: object) -> bool:
    # A long capitalised name is a body even without a head word ("Hanoi Department
    # of Science and Technology"); a lone capitalised word may be a place.
    return len(str(getattr(org, "name", "")).split()) >= 3


def _proper(org: object) -> bool:
    return any(getattr(org, a, None) for a in ("has_head", "acronym", "listed", "described"))


def _party_name(org: object, lex: Lexicon) -> str:
    """The name of a possible party, or "" for a capitalised word that is not one ("On",
    "Memorandum of Understanding")."""
    name = str(getattr(org, "name", org))
    folded = " ".join(name.lower().split())
    if lex.cues["agreement_nouns"].label_of(name) or lex.has_word(
        "stop_caps", name, folded, marked=False
    ):
        return ""
    return folded


def _placed(body: Body, lex: Lexicon, org: object) -> bool:
    """Whether a city or province follows a word of place ("Cơ sở II Trường X tại TP. Hồ
    Chí Minh và Ngân hàng Y đã ký"): where a side is, not a side ("Can Tho City and JICA
    sign" names the city's government)."""
    before = lex.cues["place_prepositions"].before(body.folded, _span(org)[0])
    return before is not None and _place_name(lex, str(getattr(org, "name", "")))


# A city or province word before a place's name ("TP. Hồ Chí Minh", "tỉnh Nghệ An").
_CITY_WORD = re.compile(r"^(?:tp\.?|thanh pho|tinh|city of|province of)\s+")


def _place_name(lex: Lexicon, name: str) -> bool:
    """Whether a name is only a city or a province, with or without a city word before it
    (a country may sign: "Vietnam and Japan signed an agreement")."""
    bare = _CITY_WORD.sub("", " ".join(fold(name).split()))
    if not bare:
        return False
    if lex.countries.label_of(bare):
        return False
    return bool(lex.cities.label_of(bare) or lex.cues["places"].label_of(bare))


_WITH_AFTER = re.compile(r"[^.;:]{0,80}?(?<![a-z])(?:with|avec|voi)(?![a-z])")


def _witness(stmt: Statement, body: Body, lex: Lexicon, after: int) -> Hit | None:
    """An attending verb between the home institution's name and the signing cue ("HUST
    leaders attended the signing", "l'IRD a assisté à la signature")."""
    return lex.cues["witness"].first(body.folded, after, stmt.anchor.start)


# Where the list of parties after "between" ends: a clause mark or a preposition that
# starts what the agreement is about.
_LIST_STOP = re.compile(
    r"[,;:]|\s(?:on|to|for|at|in the field|about|ve|nham|de la|sur|pour|afin|dans|tai|trong)\s"
)
_FR_AT = re.compile(r"\s[àÀ]\s")
_CONNECTOR = re.compile(r"\s(?:and|va|et|cung)\s|&")
_AFTER_CUE = re.compile(r"^[^,;:()]{0,110}$")


def _list_stop(folded: str, start: int, limit: int) -> int:
    """Where a list of parties that starts at `start` ends: at its first clause mark or
    preposition, except a comma before any "and", which is inside the list ("between A, B
    and C") or inside a name ("the Department of Labour, Invalids and Social Affairs and
    X"); and a preposition before any "and" that one follows within the name's reach, no
    clause mark between ("entre l'Institut de recherche pour le développement (IRD) et la
    VAST")."""
    for stop in _LIST_STOP.finditer(folded, start, limit):
        if _CONNECTOR.search(folded, start, stop.start()):
            return stop.start()
        if stop.group() == ",":
            continue
        ahead = _CONNECTOR.search(folded, stop.end(), min(limit, stop.end() + _NAME_REACH))
        if ahead is None or _CLAUSE_MARK.search(folded, stop.end(), ahead.start()):
            return stop.start()
    return limit


_NAME_REACH = 60
_CLAUSE_MARK = re.compile(r"[,;:.]")


def _between_list(stmt: Statement, body: Body, lex: Lexicon) -> tuple[int, int] | None:
    """The span of the parties named after "between" right after the signing cue or its
    noun ("the signing of an MoU between A and B"), when they are organisations joined by
    "and"; None when there is no such list."""
    s, folded, text = stmt.sentence, body.folded, body.text
    anchor = stmt.anchor
    for hit in lex.cues["between"].find(folded, anchor.end, s.end):
        if not _AFTER_CUE.match(folded[anchor.end : hit.start]):
            return None
        end = _list_stop(folded, hit.end, min(s.end, hit.end + 200))
        # "entre A et B à l'X": the French "à" (folded, the verb "a") starts the venue.
        venue = _FR_AT.search(text, hit.end, end)
        end = venue.start() if venue else end
        # "entre A et B sur le campus de l'X", "between A and B at the campus of X": a
        # hosting phrase of several words starts the venue ("au Vietnam" stays a name's).
        host = next(
            (
                h
                for h in lex.cues["hosting"].find(folded, hit.end, end)
                if " " in folded[h.start : h.end]
            ),
            None,
        )
        end = host.start if host is not None else end
        if not _CONNECTOR.search(folded, hit.end, end):
            return None
        names = re.sub(r"^\s*(?:(?:the|la|le|les)\s+|l['’])?", "", text[hit.end : end], flags=re.I)
        # "entre le ministère de l'Éducation ... et l'Ambassade de France": French writes
        # some organisation words in lowercase.
        if not names[:1].isupper() and lex.cues["org_heads"].at(folded, end - len(names)) is None:
            return None
        words = [w for w in re.split(r"\s+|\band\b|\bet\b|\bvà\b|&", names) if w]
        if all(
            lex.countries.label_of(w) or lex.cues["places"].label_of(w) or not w[:1].isupper()
            for w in words
        ):
            return None  # "between Vietnam and France": countries, not parties
        return hit.end, end
    return None


def qualified_mentions(body: Body, lex: Lexicon, limit: int = 4) -> list[tuple[int, str, Hit]]:
    """Sentences that mention signing only with a qualifier ("will sign", "with over 200"):
    (sentence index, qualifier category, qualifier hit), to explain a "no"."""
    out: list[tuple[int, str, Hit]] = []
    signing = _bucket(signing_hits(body, lex), body)
    for idx, sentence in enumerate(body.sentences):
        if not signing[idx]:
            continue
        for category in _SENTENCE_WIDE:
            hit = lex.cues[category].first(body.folded, sentence.start, sentence.end)
            if hit is not None:
                out.append((idx, category, hit))
                break
        if len(out) >= limit:
            break
    return out
