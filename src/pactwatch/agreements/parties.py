"""Organisation names in running text: spans, acronyms, qualifiers, countries, kinds.

A name is a run of capitalised words joined by connectors ("of", "for the", "de", "and" when
what follows is not a second organisation), that holds an organisation head word from the
lexicon ("University", "Trường Đại học", "Université", "Co., Ltd."), or that a definition
"Full Name (ACRONYM)" / "Full Name – ACRONYM" names. Vietnamese names go on in lowercase
after their head ("Trường ĐH Giao thông vận tải") until a stop word. A parenthesis after a
name is read as its acronym, its country, a short alias, or a qualifier that belongs to the
name ("Trường ĐH Bách khoa (ĐH Đà Nẵng)"). Usage::

    orgs = find_orgs(body, sentence.start, sentence.end, lex)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pactwatch.agreements.lexicon import Hit, Lexicon, PhraseMatcher
from pactwatch.agreements.text import (
    KEEP_DOT,
    Body,
    Token,
    fold,
    has_vietnamese_marks,
    tokens,
)
from pactwatch.model import PartnerKind

# Vietnamese names count syllables: "Công ty Cổ phần Du lịch và Tiếp thị Giao thông Vận tải
# Việt Nam - Vietravel" is 17 tokens.
_MAX_NAME_TOKENS = 24
# A name in another language and its acronym may stand in brackets ("(Department of Science
# and Technology of Ho Chi Minh City - DOST)" is 13 tokens).
_MAX_PAREN_TOKENS = 20
_DASHES = frozenset({"-", "–", "—"})
_AND = frozenset({"and", "&", "et"})
_OF = frozenset({"of", "for", "de", "des", "du", "d'", "la", "le", "l'", "en", "sur", "aux"})


# Values, never changed once made; not frozen because a frozen __init__ costs about three
# times as much, and extraction makes thousands of these per page.
@dataclass(slots=True, unsafe_hash=True)
class OrgMention:
    """One organisation named in the text, with what its surroundings say about it."""

    start: int
    end: int
    name: str
    kind: PartnerKind
    acronym: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    has_head: bool = True
    is_unit: bool = False
    possessive: bool = False
    next_text: str = ""
    head_lang: str = "en"
    # "X, a member of Y" / "X thuộc Y": the parent named only to situate X.
    parent: str | None = None
    # Nothing but an organisation word and field words ("Trường Đại học Công nghệ",
    # "University of Science"): such a name needs its parent to say which one it is.
    generic: bool = False
    # The place a government name stands for ("UBND tỉnh Hậu Giang" -> "hau giang").
    seat: str | None = None
    # A university system with member universities ("VNU-HCM", "Đại học Huế").
    system: bool = False
    # The names of the organisation written right before this one, with only a comma, a
    # dash or a bracket between ("HCMUT, VNU-HCM").
    follows: tuple[str, ...] = ()
    # A name without an organisation word written in the list of signing parties.
    listed: bool = False
    # Introduced by a lowercase organisation word: "la société Thales", "company Fujitsu".
    described: bool = False

    @property
    def mentions(self) -> tuple[str, ...]:
        if not self.aliases:
            # The usual case, asked for again and again: no list, no de-duplication.
            acronym = self.acronym
            return (self.name, acronym) if acronym and acronym != self.name else (self.name,)
        out = [self.name, *self.aliases]
        if self.acronym:
            out.append(self.acronym)
        return tuple(dict.fromkeys(out))


@dataclass
class _Ctx:
    """One sentence being read: its tokens and its cue hits, each found once."""

    body: Body
    lex: Lexicon
    toks: list[Token]
    stops: frozenset[str] = field(default_factory=frozenset)
    heads: list[Hit] = field(default_factory=list)
    head_at: dict[int, Hit] = field(default_factory=dict)
    places: dict[int, Hit] = field(default_factory=dict)
    units: list[Hit] = field(default_factory=list)
    titles: list[Hit] = field(default_factory=list)
    # Stop words an acronym cannot stand for: titles ("GS", "TS") are written in capitals too.
    title_words: frozenset[str] = field(default_factory=frozenset)
    # Whether the sentence has lowercase letters: in an all-capitals headline every stop word
    # looks like an acronym.
    mixed_case: bool = True

    def heads_in(self, start: int, end: int) -> list[Hit]:
        return [h for h in self.heads if start <= h.start < end]


def _is_possessive(tok: Token) -> bool:
    return tok.folded.endswith("'s") and len(tok.folded) > 2


def _starts_name(tok: Token, ctx: _Ctx, k: int = -1) -> bool:
    if not tok.is_word or not tok.is_cap:
        return False
    # "Hai Phong": a place begins a name even when its first word alone is a stop word.
    return (
        not _is_stop(tok, ctx)
        or _head_at(ctx, tok) is not None
        or tok.start in ctx.places
        or (k >= 0 and (_name_article(ctx, k) or _unmarked_syllable(ctx, k, _segment_end(ctx, k))))
    )


def _is_stop(tok: Token, ctx: _Ctx) -> bool:
    # "TU Wien": in capitals, a word that folds to a stop word ("từ") is an acronym.
    word = tok.word
    if word not in ctx.stops:
        return False
    return not (ctx.mixed_case and tok.is_acronym and word not in ctx.title_words)


_NAME_ARTICLES = frozenset({"la", "le", "les", "los", "las", "el"})
# Particles of family names that open a name in capitals ("De La Salle University").
_NAME_PARTICLES = frozenset({"de", "del", "della", "di", "da", "van", "von", "der", "den"})


def _name_article(ctx: _Ctx, k: int) -> bool:
    """Whether the capitalised article at token k belongs to the name: a place that holds its
    article ("La Rochelle Université", "Le Mans Université", "Le Havre"), or a word that is
    not an organisation word right before one ("La Rochelle University"); so does a
    capitalised particle before such an article or word ("De La Salle University")."""
    toks = ctx.toks
    if not toks[k].is_cap or k + 1 >= len(toks):
        return False
    if toks[k].word in _NAME_PARTICLES:
        nxt = toks[k + 1]
        if nxt.is_cap and nxt.word in _NAME_ARTICLES:
            return _name_article(ctx, k + 1)
        return _before_head(ctx, k)
    if toks[k].word not in _NAME_ARTICLES:
        return False
    nxt = toks[k + 1]
    if not (nxt.is_word and nxt.is_cap) or nxt.start in ctx.head_at or nxt.word in ctx.stops:
        return False
    city = ctx.lex.cities.first(ctx.body.folded, toks[k].start, nxt.end)
    if city is not None and city.start == toks[k].start:
        return True
    return _before_head(ctx, k)


def _before_head(ctx: _Ctx, k: int) -> bool:
    """Whether token k + 1, a capitalised word and no organisation or stop word, stands
    right before a capitalised organisation word."""
    toks = ctx.toks
    if k + 2 >= len(toks):
        return False
    nxt = toks[k + 1]
    if not (nxt.is_word and nxt.is_cap) or nxt.start in ctx.head_at or nxt.word in ctx.stops:
        return False
    return toks[k + 2].start in ctx.head_at and toks[k + 2].is_cap


def _head_at(ctx: _Ctx, tok: Token) -> str | None:
    hit = ctx.head_at.get(tok.start)
    return hit.label if hit else None


def _head_form_ok(ctx: _Ctx, start: int, end: int) -> bool:
    """Marks must agree when the text has them: "Trương" (a surname) is not "Trường"."""
    original = ctx.body.text[start:end]
    forms = ctx.lex.head_forms.get(" ".join(ctx.body.folded[start:end].split()))
    if original.isascii():
        return not (ctx.body.marked and forms and all(not f.isascii() for f in forms))
    return not forms or " ".join(original.lower().split()) in forms


def find_orgs(body: Body, start: int, end: int, lex: Lexicon) -> list[OrgMention]:
    """Every organisation named in body.text[start:end], in order of appearance."""
    toks = tokens(body.text, body.folded, start, end)
    title_words = _single_words(lex, "titles")
    stops = _single_words(lex, "stop_caps") | title_words
    ctx = _Ctx(body, lex, toks, stops, title_words=title_words)
    if not any(t.is_cap for t in toks):
        return []
    ctx.mixed_case = any(c.islower() for c in body.text[start:end])
    # In text order: the exact entries ("=Sở") are found after the others.
    ctx.heads = sorted(
        (
            h
            for h in lex.cues["org_heads"].find(body.folded, start, end, original=body.text)
            if _head_form_ok(ctx, h.start, h.end)
        ),
        key=lambda h: h.start,
    )
    if ctx.heads:
        # "Hội nghị", "Hội thảo", "Ngày hội": events whose words hold an organisation word.
        events = list(lex.cues["not_heads"].find(body.folded, start, end))
        if events:
            ctx.heads = [
                h
                for h in ctx.heads
                if not any(
                    e.start <= h.start and h.end <= e.end and (e.start, e.end) != (h.start, h.end)
                    for e in events
                )
            ]
    if not body.marked:
        unmarked = _unmarked_heads(ctx)
        if unmarked:
            ctx.heads = sorted([*ctx.heads, *unmarked], key=lambda h: h.start)
    ctx.head_at = {h.start: h for h in ctx.heads}
    ctx.places = {h.start: h for h in lex.cues["places"].find(body.folded, start, end)}
    ctx.units = [
        h
        for h in lex.cues["unit_heads"].find(body.folded, start, end)
        if _head_form_ok(ctx, h.start, h.end)
    ]
    ctx.titles = list(lex.cues["titles"].find(body.folded, start, end))
    out: list[OrgMention] = []
    i = 0
    head_at = ctx.head_at
    while i < len(toks):
        tok = toks[i]
        # Most tokens are lowercase words with no organisation word at them: skip those
        # without the calls (both tests below are False for them).
        if not (tok.is_word and tok.is_cap) and tok.start not in head_at:
            i += 1
            continue
        if not (_starts_name(tok, ctx, i) or _lowercase_government(ctx, i)):
            i += 1
            continue
        if (past := _past_country(ctx, i) or _past_address(ctx, i)) is not None:
            i = past
            continue
        defined = _acronym_first(ctx, i)
        j = _extend(ctx, i + 2 if defined else i)
        mention, j = _finish(ctx, i + 2 if defined else i, j)
        if mention is not None:
            if defined and mention.acronym is None and mention.has_head:
                mention = replace(mention, acronym=_clean(toks[i].text))
            mention, j = _parent(ctx, mention, j)
            mention, j = _branch(ctx, mention, j)
            mention, j = _legal_tail(ctx, mention, j)
            mention = _described(ctx, _short_state(ctx, mention), i)
            if not (
                _place_reference(ctx, mention, i)
                or _topic(ctx, i)
                or _event(ctx, mention)
                or _title_word(ctx, mention)
            ):
                mention = _situated(ctx, mention, out[-1] if out else None)
                if out and _seat_after_acronym(ctx, out[-1], mention):
                    mention = _seated_whole(ctx, out.pop(), mention)
                out.append(mention)
        i = max(j, i + 1)
    return out


def _title_word(ctx: _Ctx, mention: OrgMention) -> bool:
    """ "Viện trưởng", "Hiệu trưởng": an organisation word alone that opens a person's title
    names the position, not a body."""
    titles = ctx.lex.cues["titles"]
    folded = ctx.body.folded
    first = folded[mention.start : folded.find(" ", mention.start, mention.end + 1)]
    if first not in titles.first_words:
        return False  # most names: no title opens with their first word
    title = titles.at(folded, mention.start)
    return (
        title is not None
        and title.end > mention.end
        and not _proper_words(ctx, mention.start, mention.end)
    )


def _seat_after_acronym(ctx: _Ctx, generic: OrgMention, seat: OrgMention) -> bool:
    """Whether `seat` ("tỉnh Sóc Trăng") goes on a generic name whose acronym came between
    ("Ủy ban nhân dân (UBND) tỉnh Sóc Trăng"): one body, its acronym written mid-name."""
    if not (generic.generic and generic.acronym and seat.seat):
        return False
    gap = ctx.body.text[generic.end : seat.start]
    word = ctx.lex.cues["seat_words"].first(ctx.body.folded, seat.start, seat.end)
    return gap.strip() == f"({generic.acronym})" and word is not None and word.start == seat.start


def _seated_whole(ctx: _Ctx, generic: OrgMention, seat: OrgMention) -> OrgMention:
    written = _clean(ctx.body.text[generic.start : seat.end])
    return replace(
        generic,
        end=seat.end,
        name=f"{generic.name} {seat.name}",
        aliases=(*generic.aliases, written, seat.name),
        seat=seat.seat,
        generic=False,
        next_text=seat.next_text,
    )


@lru_cache(maxsize=4)
def _exact_unmarked(heads: PhraseMatcher) -> dict[str, Hit]:
    """The Vietnamese organisation words matched only as written ("=Sở": "số" is a
    number), by their form without marks ("So"), each with a hit to copy."""
    out = {}
    for entry in heads.entries:
        if entry.phrase.startswith("=") and entry.lang == "vi":
            plain = _strip_marks(entry.phrase[1:])
            if plain != entry.phrase[1:]:
                out[plain] = Hit(0, 0, entry.label, entry.lang)
    return out


def _strip_marks(text: str) -> str:
    """`text` without Vietnamese marks, its case kept ("Sở" -> "So")."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _unmarked_heads(ctx: _Ctx) -> list[Hit]:
    """In a text written without marks, those words in their unmarked form, inside a
    sentence and before a capitalised word ("Truong Dai hoc Vinh, So Giao duc va Dao tao
    Nghe An"): at a sentence's start "So" is as likely English."""
    forms = _exact_unmarked(ctx.lex.cues["org_heads"])
    toks = ctx.toks
    return [
        replace(forms[tok.text], start=tok.start, end=tok.end)
        for k, tok in enumerate(toks[1:-1], start=1)
        if tok.text in forms and toks[k + 1].is_cap
    ]


def _event(ctx: _Ctx, mention: OrgMention) -> bool:
    """Whether a name holds an event word after its first ("Vietnam–Japan University
    Presidents' Forum", "... Forum à Tokyo"): an event holds organisation words but signs
    nothing."""
    words = mention.name.replace("'", " ").split()
    return any(ctx.lex.cues["event_tails"].label_of(w) is not None for w in words[1:])


_DESCRIPTION_OPENERS = frozenset({"the", "a", "an", "la", "le", "l'", "un", "une", "and", "et"})


def _described(ctx: _Ctx, mention: OrgMention, i: int) -> OrgMention:
    """A name after a lowercase company word is a company ("la société Thales", "the
    Japanese company Fujitsu", "công ty Viettel"), of the country an adjective gives."""
    toks = ctx.toks
    if mention.has_head or i == 0 or toks[i - 1].is_cap:
        return mention
    head = next((h for h in ctx.heads if h.end == toks[i - 1].end), None)
    if head is None or head.label != "company":
        return mention
    country = mention.country
    # "the Japanese company", "the Norwegian simulation company": an adjective of the
    # description, up to three words before the company word.
    before = [t for t in toks[:i] if t.end <= head.start][-3:]
    for tok in reversed(before):
        if country is not None or not tok.is_word or tok.text.lower() in _DESCRIPTION_OPENERS:
            break
        country = ctx.lex.countries.label_of(tok.text)
    return replace(mention, kind="company", described=True, country=country)


def _situated(ctx: _Ctx, mention: OrgMention, previous: OrgMention | None) -> OrgMention:
    """Note what a mention is (a university system) and what it is written next to."""
    systems = ctx.lex.cues["university_systems"]
    if any(systems.label_of(m) for m in mention.mentions):
        mention.system = True
    if previous is not None:
        gap = ctx.body.text[previous.end : mention.start]
        # Skip the previous name's own parenthesis: "HCMUT (HCMUT), VNU-HCM".
        gap = gap[gap.rfind(")") + 1 :] if gap.lstrip().startswith("(") else gap
        if gap.strip() in {",", "-", "–", "—", "("}:
            mention.follows = previous.mentions
    return mention


def _acronym_first(ctx: _Ctx, i: int) -> bool:
    """ "IRD – Institut de recherche pour le développement": an acronym, a dash, its name."""
    toks = ctx.toks
    if not (
        i + 2 < len(toks)
        and toks[i].is_acronym
        and toks[i + 1].text in _DASHES
        and toks[i + 2].start in ctx.head_at
        and toks[i + 2].is_cap
    ):
        return False
    # "UEH – University of Mannheim: ..." (a headline's two parties): the acronym's letters
    # must be initials of the name's words, in order.
    initials = []
    for tok in toks[i + 2 : i + 14]:
        if not tok.is_word:
            break
        initials.append(tok.folded[:1])
    letters = [c for c in toks[i].folded if c.isalpha()]
    found = iter(initials)
    return all(letter in found for letter in letters)


def _topic(ctx: _Ctx, i: int) -> bool:
    """Whether a name stands right after a topic word ("an MoU on Food Systems
    Transformation", "về Chuyển đổi số") or a founding verb ("an agreement establishing the
    ASEAN Research Network"): it is what the agreement is about or creates."""
    toks = ctx.toks
    k = i
    while k > 0 and toks[k - 1].word in _ARTICLES:
        k -= 1
    if k == 0:
        return False
    if _phrase_ends(ctx, "topic_prepositions", k) or _phrase_ends(ctx, "founding_verbs", k):
        return True
    # "an agreement to launch a joint Master of Science": what is founded may come after
    # an article and an adjective.
    for m in range(k - 1, max(0, k - _FOUNDED_GAP) - 1, -1):
        word = toks[m]
        if not word.is_word or word.is_cap or word.word in _NOT_FOUNDED_GAP:
            break
        if _phrase_ends(ctx, "founding_verbs", m):
            return True
    # "on Climate-Smart Agriculture and Food Systems Transformation": a topic joined by
    # "and" to a capitalised topic goes on the topic.
    if toks[k - 1].word not in _AND | {"va"}:
        return False
    m = k - 1
    while m > 0 and (toks[m - 1].is_cap or toks[m - 1].word in _TOPIC_INNER):
        m -= 1
    return m < k - 1 and toks[m].is_cap and _phrase_ends(ctx, "topic_prepositions", m)


_ARTICLES = frozenset({"the", "l'", "la", "le", "les"})
# At most this many lowercase words between a founding verb and what it founds, never a
# word that joins or brings in a party.
_FOUNDED_GAP = 2
_NOT_FOUNDED_GAP = frozenset(
    {"and", "with", "between", "by", "et", "avec", "entre", "par", "va", "voi"}
)
# Words that may stand inside a capitalised topic ("Science and Technology of ...").
_TOPIC_INNER = frozenset({"of", "for", "de", "des", "du", "-", "–"})
_LIST_WORDS = frozenset(
    {"va", "voi", "cung", "giua", "and", "with", "between", "et", "avec", "entre"}
    | {"le", "la", "l'", "les"}
)


def _lowercase_government(ctx: _Ctx, i: int) -> bool:
    """Whether a lowercase province or city opens a name ("tỉnh Hậu Giang", "thành phố Cần
    Thơ"): Vietnamese writes a province or city party in lowercase; it starts a name when
    it opens a clause or a list."""
    toks = ctx.toks
    head = ctx.head_at.get(toks[i].start)
    if head is None or head.lang not in {"vi", "fr"}:
        return False
    if head.label != "government" and not (
        # "l'université de Can Tho", "l'institut de recherche de X": French writes an
        # organisation word in lowercase after its article.
        head.lang == "fr" and i > 0 and toks[i - 1].word in {"l'", "la", "le"}
    ):
        return False
    k = i
    while k < len(toks) and toks[k].start < head.end:
        k += 1
    following = ctx.head_at.get(toks[k].start) if k < len(toks) else None
    if head.lang == "vi" and following is not None and following.label == "government":
        # "chính quyền tỉnh Xiêng Khoảng": the authority of a province.
        while k < len(toks) and toks[k].start < following.end:
            k += 1
    if head.lang == "fr":
        # French writes "le ministère de l'Éducation", "l'ambassade de France" in lowercase.
        while k < len(toks) and toks[k].word in {"de", "des", "du", "d'", "la", "l'"}:
            k += 1
        if k == i + 1 or toks[i].is_cap:
            return False
    if k >= len(toks) or not toks[k].is_cap:
        return False
    return i == 0 or not toks[i - 1].is_word or toks[i - 1].word in _LIST_WORDS


_COUNTRY_WORD = "nuoc "  # "Bộ Nội vụ nước Lào": "the country" before its name


def _short_state(ctx: _Ctx, mention: OrgMention) -> OrgMention:
    """ "Bộ Nội vụ nước Cộng hòa Dân chủ Nhân dân Lào" is also "Bộ Nội vụ Lào": a name ending
    in a country's formal name gets the alias with the country's short name."""
    folded = ctx.body.folded
    cut = ctx.lex.cues["state_forms"].first(folded, mention.start, mention.end)
    start = cut.start if cut is not None else mention.start
    if folded.startswith(_COUNTRY_WORD, start - len(_COUNTRY_WORD)):
        start -= len(_COUNTRY_WORD)
    elif cut is None:
        start = folded.find(" " + _COUNTRY_WORD, mention.start, mention.end) + 1
        if start <= mention.start:
            return mention
    country_from = cut.end + 1 if cut is not None else start + len(_COUNTRY_WORD)
    text = ctx.body.text
    if start <= mention.start or not ctx.lex.countries.label_of(text[country_from : mention.end]):
        return mention
    short = _clean(f"{text[mention.start : start]}{text[country_from : mention.end]}")
    return replace(mention, aliases=(*mention.aliases, short))


def _legal_tail(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """ "Hitachi Asia (Vietnam) Co., Ltd.": the legal form after the bracket that named the
    country is the name's own; the name is written whole."""
    toks = ctx.toks
    if j == 0 or toks[j - 1].text != ")" or not _legal_form_at(ctx, toks, j):
        return mention, j
    end = j
    while end < len(toks) and (
        _legal_form_at(ctx, toks, end)
        or (toks[end].text == "," and _legal_form_at(ctx, toks, end + 1))
    ):
        end += 1
    written = _clean(ctx.body.text[mention.start : toks[end - 1].end])
    return replace(
        mention,
        end=toks[end - 1].end,
        name=written,
        aliases=(*mention.aliases, mention.name),
        kind="company",
        has_head=True,
    ), end


def _branch(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """ "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV) - Chi nhánh Nghệ An": the branch
    after a dash is the party, named with its company ("... - Chi nhánh Nghệ An"); the text
    as written is one of its names."""
    toks = ctx.toks
    if j + 1 >= len(toks) or toks[j].text not in _DASHES or not mention.has_head:
        return mention, j
    branch = ctx.lex.cues["branch_heads"].first(ctx.body.folded, toks[j + 1].start)
    if branch is None or branch.start != toks[j + 1].start:
        return mention, j
    # The branch word, then its place or name in capitals ("Chi nhánh Nghệ An", "Branch
    # in Da Nang" is a place after a preposition: not taken).
    end = j + 1
    while end < len(toks) and toks[end].start < branch.end:
        end += 1
    first = end
    while end < len(toks) and end - first < _MAX_PAREN_TOKENS and toks[end].is_cap:
        end += 1
    if end == first:
        return mention, j
    own = _clean(ctx.body.text[toks[j + 1].start : toks[end - 1].end])
    written = _clean(ctx.body.text[mention.start : toks[end - 1].end])
    return replace(
        mention,
        end=toks[end - 1].end,
        name=f"{mention.name} - {own}",
        aliases=(*mention.aliases, written),
    ), end


def _parent(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """Read "X, a member of Y" / "X thuộc Y" / "X, membre de l'Y": Y is X's parent, kept
    on X and not reported as a name of its own; and "X, formerly Y" / "X, ancien Y": Y is
    another name of X."""
    toks = ctx.toks
    k = j + 1 if j < len(toks) and toks[j].text == "," else j
    if k >= len(toks):
        return mention, j
    # "the Faculty of Engineering at the University of Melbourne": "at" links a school to
    # its university as a comma does.
    linked = k > j or (toks[j].is_word and toks[j].word == "at")
    school = _school(ctx, mention) if linked else None
    if school is not None and k == j:
        k = j + 1
    if school is not None:
        owned = _school_of(ctx, mention, school, k)
        if owned is not None:
            return owned
    if _of_bare_head(ctx, k):
        # "Trung tâm Thực hành Cơ khí của Trường", "the Centre of the University": a unit
        # of an organisation named before, by its organisation word alone.
        return replace(mention, is_unit=True), j
    after = _phrase_from(ctx, "affiliation", k)
    parent = after is not None
    if after is None and k > j:
        after = _phrase_from(ctx, "alias_leads", k)
    if after is None:
        return mention, j
    k = after
    while k < len(toks) and toks[k].word in _ARTICLES:
        k += 1
    if k >= len(toks) or not _starts_name(toks[k], ctx):
        return mention, j
    other, resume = _finish(ctx, k, _extend(ctx, k))
    if other is None:
        return mention, j
    if not parent:
        return replace(mention, aliases=(*mention.aliases, other.name)), resume
    return replace(mention, parent=other.name), resume


def _school(ctx: _Ctx, mention: OrgMention) -> Hit | None:
    """The school or faculty word of a name ("Graduate School of ...", "La Trobe Business
    School", "Faculty of ...", "Khoa Ngoại ngữ"). A Vietnamese name opens with its word:
    "khoa" inside one ("Trường ĐH Bách khoa") is a syllable of another word."""
    hit = ctx.lex.cues["school_heads"].first(ctx.body.folded, mention.start, mention.end)
    if hit is not None and hit.lang == "vi" and hit.start != mention.start:
        return None
    return hit


def _school_of(
    ctx: _Ctx, mention: OrgMention, school: Hit, k: int
) -> tuple[OrgMention, int] | None:
    """ "Graduate School of Information Science, Osaka University (Japan)", "La Trobe
    Business School, La Trobe University": a school, a comma, the university it belongs to,
    read as one organisation. The school must open with its school word, or share the
    words before it with the university ("NEOMA Business School, Université de Lyon" are
    two)."""
    toks = ctx.toks
    while k < len(toks) and toks[k].word in _ARTICLES and not _name_article(ctx, k):
        k += 1
    if k >= len(toks) or not _starts_name(toks[k], ctx, k):
        return None
    other, resume = _finish(ctx, k, _extend(ctx, k))
    if other is None or other.kind != "university" or other.is_unit or other.system:
        return None
    own = _proper_words(ctx, mention.start, school.start)
    if (
        own
        and not own <= _proper_words(ctx, other.start, other.end)
        # "Rotterdam School of Management, Erasmus University": a school named after its
        # city belongs to the university after the comma.
        and not all(ctx.lex.cities.label_of(w) for w in own)
    ):
        return None
    merged = replace(
        mention,
        end=other.end,
        name=f"{mention.name}, {other.name}",
        # The university's own names too: a later mention of it is this partner, and a
        # system named right after ("..., ĐHQGHN") follows it.
        aliases=(*mention.aliases, mention.name, *other.mentions),
        country=mention.country or other.country,
        parent=other.name,
        next_text=other.next_text,
        # "Faculty of ..." has no organisation word of its own: a university with a name of
        # its own says what the school is ("University of Sciences" alone does not).
        kind=other.kind if mention.kind == "other" and not other.generic else mention.kind,
        has_head=mention.has_head or (other.has_head and not other.generic),
    )
    return merged, resume


def _proper_words(ctx: _Ctx, start: int, end: int) -> set[str]:
    """The capitalised words of a name that are not organisation, field or joining words."""
    heads = ctx.heads_in(start, end)
    skip = ctx.lex.name_connectors | _OF | ctx.lex.generic_name_words
    return {
        t.word
        for t in tokens(ctx.body.text, ctx.body.folded, start, end)
        if t.is_cap
        and t.word not in skip
        and not any(h.start <= t.start < h.end for h in heads)
        and not any(u.start <= t.start < u.end for u in ctx.units)
    }


_PHRASE_WORDS = 6  # "Cộng hòa Dân chủ Nhân dân" (Lào)
_OWNER = frozenset({"của", "cua", "of", "de", "du"})


def _of_bare_head(ctx: _Ctx, k: int) -> bool:
    """Whether tokens from k read "của Trường" / "of the University" / "de l'Université"
    and end there: an owner named by nothing but its organisation word."""
    toks = ctx.toks
    if k >= len(toks) or toks[k].text.lower() not in _OWNER:
        return False
    m = k + 1
    while m < len(toks) and toks[m].word in _ARTICLES | {"nha"}:
        m += 1
    head = ctx.head_at.get(toks[m].start) if m < len(toks) else None
    if head is None or not toks[m].is_cap:
        return False
    while m < len(toks) and toks[m].start < head.end:
        m += 1
    return m >= len(toks) or not toks[m].is_word


def _phrase_from(ctx: _Ctx, category: str, k: int) -> int | None:
    """Where the longest phrase of `category` that starts at token k ends (the index of
    the token after it), or None. A few dictionary lookups, no scan of the sentence."""
    matcher = ctx.lex.cues[category]
    if k >= len(ctx.toks) or ctx.toks[k].folded not in matcher.first_words:
        return None
    words: list[str] = []
    found = None
    for m in range(k, min(len(ctx.toks), k + _PHRASE_WORDS)):
        if not ctx.toks[m].is_word and ctx.toks[m].text != "'":
            break
        words.append(ctx.toks[m].folded)
        if matcher.label_of(" ".join(words)) is not None:
            found = m + 1
    return found


def _phrase_ends(ctx: _Ctx, category: str, k: int) -> bool:
    """Whether a phrase of `category` ends right before token k."""
    matcher = ctx.lex.cues[category]
    if k == 0 or ctx.toks[k - 1].folded not in matcher.last_words:
        return False
    words: list[str] = []
    for m in range(k - 1, max(-1, k - 1 - _PHRASE_WORDS), -1):
        if not ctx.toks[m].is_word:
            return False
        words.insert(0, ctx.toks[m].folded)
        if matcher.label_of(" ".join(words)) is not None:
            return True
    return False


def _place_reference(ctx: _Ctx, mention: OrgMention, i: int) -> bool:
    """Whether a mention is a place reference ("the industries of Ho Chi Minh City", "tại
    tỉnh Long An"): a place with only an administrative word, after a preposition, is where
    something is, not who signed."""
    toks = ctx.toks
    k = i
    while k > 0 and toks[k - 1].word in _ARTICLES:
        k -= 1
    if k == 0 or not _phrase_ends(ctx, "place_prepositions", k):
        return False
    if k >= 2 and _title_ends(ctx, k - 1):
        # "Chairman of the Hau Giang Provincial People's Committee": whom a person heads.
        return False
    return _place_only(ctx, mention.start, mention.end)


def _place_only(ctx: _Ctx, start: int, end: int) -> bool:
    """A name made of a place and administrative heads only ("Long An Province")."""
    text = ctx.body.folded[start:end]
    for h in ctx.heads_in(start, end):
        if h.label != "government":
            return False
        text = text[: h.start - start] + " " * (h.end - h.start) + text[h.end - start :]
    rest = " ".join(text.replace("'s", " ").split())
    return bool(rest) and _place_or_country(ctx, rest)


def _single_words(lex: Lexicon, category: str) -> frozenset[str]:
    return lex.single_words[category]


def _extend(ctx: _Ctx, i: int) -> int:
    """The end (exclusive) of the name that starts at token i."""
    toks = ctx.toks
    head = _name_head(ctx, toks[i].start)
    # French acronyms ("IRD", "CNRS") head English sentences too: no lowercase after them.
    vi_mode = (
        head is not None
        and head.lang in {"vi", "fr"}
        and not (head.lang == "fr" and toks[i].is_acronym)
    )
    head_lang = head.lang if head is not None else "vi"
    connectors = ctx.lex.name_connectors
    j = i + 1
    if head is not None:
        # The head's own words ("Tập đoàn", "Trường Đại học") are never stop words.
        while j < len(toks) and toks[j].start < head.end:
            j += 1
    lowercase_run = 0
    while j < len(toks) and j - i < _MAX_NAME_TOKENS:
        tok = toks[j]
        prev = toks[j - 1]
        if (
            _is_possessive(prev)
            and prev.word not in ctx.lex.generic_name_words
            # "King Mongkut's University of Technology": an organisation word goes on, also
            # after one more possessive word ("St Aldric's Children's Hospital").
            and tok.start not in ctx.head_at
            and not (
                _is_possessive(tok)
                and tok.is_cap
                and j + 1 < len(toks)
                and toks[j + 1].start in ctx.head_at
            )
            # "Lakeshore Children's Health Centre": a capitalised word, then the head.
            and not (
                tok.is_cap
                and not _is_possessive(tok)
                and j + 1 < len(toks)
                and toks[j + 1].is_cap
                and toks[j + 1].start in ctx.head_at
            )
        ):
            break
        if tok.is_cap or (tok.text.isdigit() and _city_number(ctx, j)):
            # A head inside the name ("Công ty Cổ phần Tập đoàn TH") is taken whole.
            j = _past_head(ctx, j, ctx.head_at.get(tok.start))
            lowercase_run = 0
            continue
        if tok.text in _DASHES and j + 1 < len(toks) and toks[j + 1].is_cap:
            if _dash_joins(ctx, i, j):
                j += 1
                continue
            break
        if tok.text == ",":
            after_comma = _through_comma(ctx, i, j, vi_mode=vi_mode)
            if after_comma is None:
                break
            j = after_comma
            continue
        if vi_mode and tok.is_word and _vi_and_joins(ctx, j):
            j += 1
            continue
        if tok.is_word and _connector(ctx, tok, _joining(connectors, _OF_AND)):
            if tok.word in _AND and _and_since_of(toks[i:j]):
                # "the Department of Industry and Trade and TechLink Vietnam JSC": a name's
                # own "and" is one; a second one joins the next name. A unit's field list
                # is not its parent's ("Faculty of Language and Culture of the University
                # of Languages and International Studies").
                break
            step = _through_connector(ctx, i, j, vi_mode=vi_mode, head_lang=head_lang)
            if step is None:
                break
            j, lowercase_run = step[0], lowercase_run + step[1]
            continue
        if vi_mode and head is not None and _lowercase_goes_on(ctx, j, head, lowercase_run):
            # "So Xay dung thanh pho Da Nang": an organisation word in lowercase is taken
            # whole; without marks its second syllable ("pho") folds like a stop word.
            j = _past_head(ctx, j, ctx.head_at.get(tok.start) if head.lang == "vi" else None)
            lowercase_run += 1
            continue
        break
    j = _through_defined_lowercase(ctx, i, j)
    while j > i + 1 and (
        (
            _connector(ctx, toks[j - 1], _joining(connectors, _OF_AND))
            # "Ủy ban nhân dân tỉnh Sơn La": a capitalised syllable, not the French "la";
            # "Universidad Técnica del Pacífico Sur": a capitalised word after another.
            and not (toks[j - 1].is_cap and head is not None and head.lang == "vi")
            and not (
                toks[j - 1].is_cap
                and toks[j - 2].is_cap
                and toks[j - 2].is_word
                and toks[j - 1].word not in _AND | _ARTICLE_JOINS
            )
        )
        or toks[j - 1].text in _DASHES
    ):
        j -= 1
    return _mission_seat(ctx, i, j)


def _through_defined_lowercase(ctx: _Ctx, i: int, j: int) -> int:
    """Past one or two lowercase words that the acronym in brackets right after spells with
    the name's capitals: "France Éducation international (FEI)", "Deutscher Akademischer
    Austauschdienst"-like names whose last word a language writes in lowercase. The
    initials must match letter for letter, so a lowercase verb or noun after a name never
    joins it."""
    toks = ctx.toks
    k = j
    while k < len(toks) and k - j < 2 and toks[k].is_word and not toks[k].is_cap:
        k += 1
    if k == j or k + 2 >= len(toks) or toks[k].text != "(" or not toks[k + 1].is_acronym:
        return j
    if toks[k + 2].text != ")":
        return j
    connectors = ctx.lex.name_connectors
    initials = "".join(
        t.folded[0]
        for t in toks[i:k]
        if t.is_word and t.folded[:1].isalpha() and t.folded not in connectors
    )
    spelt = "".join(c for c in toks[k + 1].folded if c.isalpha())
    return k if len(spelt) >= 3 and initials == spelt else j


def _mission_seat(ctx: _Ctx, i: int, j: int) -> int:
    """A diplomatic mission's name goes on with the country or city it is seated in:
    "Embassy of Ireland in Vietnam", "Ambassade de France au Vietnam", "Đại sứ quán Pháp tại
    Việt Nam", "Consulate General of Japan in Ho Chi Minh City"."""
    toks, lex, folded = ctx.toks, ctx.lex, ctx.body.folded
    if j + 1 >= len(toks) or lex.cues["seat_prepositions"].label_of(toks[j].text) is None:
        return j
    mission = lex.cues["mission_heads"].first(folded, toks[i].start, toks[j - 1].end)
    if mission is None or mission.start != toks[i].start:
        return j
    after = toks[j + 1].start
    place = lex.countries.first(folded, after) or lex.cities.first(folded, after)
    if place is None or place.start != after:
        return j
    k = j + 1
    while k < len(toks) and toks[k].end <= place.end:
        k += 1
    return k


def _name_head(ctx: _Ctx, start: int) -> Hit | None:
    """The organisation word a name starts with, if any; "Khoa Hóa học", "Phòng Đào tạo":
    a Vietnamese unit word, whose name goes on in lowercase too."""
    head = ctx.head_at.get(start)
    if head is not None:
        return _head_language(ctx, head)
    return next((u for u in ctx.units if u.start == start and u.lang == "vi"), None)


_FR_OF = frozenset({"de", "des", "du", "d'"})
_NEXT_WORD = re.compile(r"\s+(d'|[a-z]+(?![a-z]))")


def _head_language(ctx: _Ctx, head: Hit) -> Hit:
    """The head, read as French when a French "of" follows it: "Centre" is English and
    French alike, "Centre de coopération internationale en recherche agronomique" is French
    and goes on in lowercase."""
    if head.lang != "en":
        return head
    folded = ctx.body.folded
    word = _NEXT_WORD.match(folded, head.end, head.end + 8)
    if word and word.group(1) in _FR_OF:
        return replace(head, lang="fr")
    # "le Centre hospitalier universitaire de Rouen": after a French article, too.
    before = _FR_ARTICLE_BEFORE.search(folded, max(0, head.start - 6), head.start)
    return replace(head, lang="fr") if before else head


_FR_ARTICLE_BEFORE = re.compile(r"(?<![a-z])(?:le|du|au|l')\s*\Z")


def _past_head(ctx: _Ctx, j: int, inner: Hit | None) -> int:
    """The token after token j, or after the organisation word `inner` that starts at it."""
    j += 1
    while inner is not None and j < len(ctx.toks) and ctx.toks[j].start < inner.end:
        j += 1
    return j


def _city_number(ctx: _Ctx, j: int) -> bool:
    """Whether token j, a number, numbers one of a city's universities ("Université Jean
    Moulin Lyon 3", "Paris 8"): one or two digits after the city, no month after them."""
    toks = ctx.toks
    if len(toks[j].text) > 2 or not toks[j - 1].is_cap:
        return False
    if j + 1 < len(toks) and toks[j + 1].word in ctx.lex.months:
        return False
    return ctx.lex.cities.label_of(toks[j - 1].text) is not None


def _through_comma(ctx: _Ctx, i: int, j: int, *, vi_mode: bool) -> int | None:
    """Where a name goes on after the comma at token j ("Co., Ltd.", "of Labour, Invalids
    and Social Affairs"), or None when the comma ends it."""
    if ctx.toks[j - 1].folded == "co." and _next_is(ctx.toks, j, "ltd"):
        return j + 1
    if _named_body(ctx, i, j):
        if not vi_mode:
            return _enumeration_end(ctx, i, j)
        return _french_enumeration_end(ctx, i, j) or _vietnamese_enumeration_end(ctx, i, j)
    return None


def _vietnamese_enumeration_end(ctx: _Ctx, i: int, j: int) -> int | None:
    """Where a Vietnamese body's own list of fields goes on after the comma at token j:
    "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam". Each field opens with a capital and
    has two syllables at most; the list closes with "và" and a capitalised field, and the
    name goes on from there; else None."""
    toks = ctx.toks
    head = _name_head(ctx, toks[i].start)
    if head is None or head.lang != "vi" or head.label != "government":
        return None
    k = j
    while k < len(toks) and k - j < _MAX_NAME_TOKENS:
        sep = toks[k].word
        if toks[k].text != "," and sep not in {"va", "và"}:
            return None
        first = k + 1
        if first >= len(toks) or not toks[first].is_cap or toks[first].start in ctx.head_at:
            return None
        if sep in {"va", "và"}:
            return first + 1
        end = first + 1
        while end < len(toks) and end - first < 2 and toks[end].is_word and not toks[end].is_cap:
            if toks[end].word in {"va", "và"}:
                break
            end += 1
        k = end
    return None


def _named_body(ctx: _Ctx, i: int, j: int) -> bool:
    start, end = ctx.toks[i].start, ctx.toks[j - 1].end
    return bool(ctx.heads_in(start, end)) or any(start <= h.start < end for h in ctx.units)


def _enumeration_end(ctx: _Ctx, i: int, j: int) -> int | None:
    """Where a name's own list of fields ends: "Department of Labour, Invalids and Social
    Affairs". The list follows "of" or "for", holds only capitalised words (no organisation
    head, acronym, place or country) and closes with "and" and a last field; else None."""
    toks = ctx.toks
    if not any(t.word in {"of", "for"} for t in toks[i:j]):
        return None
    k = j
    fields = 0
    while k < len(toks) and k - j < _MAX_NAME_TOKENS:
        sep = toks[k].word
        if toks[k].text != "," and sep not in {"and", "&"}:
            return None
        end = _segment_end(ctx, k + 1)
        if end == k + 1 or end - k > 4:
            return None
        segment = toks[k + 1 : end]
        text = ctx.body.text[segment[0].start : segment[-1].end]
        if (
            any(t.is_acronym or t.start in ctx.head_at for t in segment)
            or _place_or_country(ctx, text)
            or segment[0].word in ctx.stops
        ):
            return None
        fields += 1
        k = end
        if sep in {"and", "&"}:
            return k if fields >= 2 or toks[j].text == "," else None
    return None


_FR_FIELD_ARTICLES = frozenset({"l'", "la", "le", "les", "des", "du", "de"})


def _french_enumeration_end(ctx: _Ctx, i: int, j: int) -> int | None:
    """Where a French name's own list of fields ends, when its acronym follows in brackets:
    "Institut national de recherche pour l'agriculture, l'alimentation et l'environnement
    (INRAE)". Each field is an article and one or two lowercase words; the list closes
    with "et"; else None."""
    toks = ctx.toks
    if not any(t.word in {"pour", "de", "des", "du"} for t in toks[i:j]):
        return None
    k = j
    while k < len(toks) and k - j < _MAX_NAME_TOKENS:
        sep = toks[k].text
        if sep != "," and toks[k].word != "et":
            return None
        m = k + 1
        if m < len(toks) and toks[m].word in _FR_FIELD_ARTICLES:
            m += 1
        end = m
        while (
            end < len(toks)
            and end - m < 2
            and toks[end].is_word
            and not toks[end].is_cap
            and toks[end].word != "et"
        ):
            end += 1
        if end == m or toks[m].word in ctx.stops:
            return None
        k = end
        if sep != ",":
            closed = k < len(toks) and toks[k].text == "("
            return k if closed and k + 1 < len(toks) and toks[k + 1].is_acronym else None
    return None


def _lowercase_goes_on(ctx: _Ctx, j: int, head: Hit, run: int) -> bool:
    """Whether a lowercase word continues a Vietnamese or French name. French names go on
    in lowercase only right after the head ("École polytechnique") or a connector ("de
    recherche pour le développement"), Vietnamese ones after any word ("ĐH Giao thông vận
    tải"); never through a stop word, never for long."""
    tok, prev = ctx.toks[j], ctx.toks[j - 1]
    if not tok.is_word or (run >= 4 and not _acronym_closes(ctx, j)):
        return False
    if head.lang == "vi" and (_area_studies(ctx, j) or _named_topic(ctx, j)):
        return True
    if head.lang == "fr" and prev.word in _FR_OF and j >= 2 and ctx.toks[j - 2].end == head.end:
        # "Centre de coopération internationale": what the head is "of" is the name's own,
        # whatever word it is.
        return not tok.text[:1].isdigit()
    if (
        head.lang == "vi"
        and prev.end == head.end
        and tok.word in ctx.lex.single_words["head_plurals"]
        and j + 1 < len(ctx.toks)
        and ctx.toks[j + 1].is_word
    ):
        # "Ban Quản lý các Khu công nghiệp": the plural of what the body manages.
        return True
    if _stop(ctx, tok, head.lang):
        # "Phát triển": a capitalised word whose second syllable alone would end the name.
        pair = f"{prev.folded} {tok.folded}"
        return prev.is_cap and (
            ctx.lex.cues["name_compounds"].label_of(pair) is not None
            or (head.lang == "vi" and _second_syllable(ctx, j))
        )
    if head.lang != "fr":
        if ctx.lex.cues["name_enders"].at(ctx.body.folded, tok.start, 16) is not None:
            return False
        return not _renewal_at(ctx, tok) and not _after_proper_name(ctx, j)
    if tok.text[:1].isdigit():
        # "l'Université de Rennes le 12 décembre": a number in lowercase is a date or a
        # count, never the name going on (a city's number follows a capital).
        return False
    if j + 1 < len(ctx.toks) and ctx.toks[j + 1].word in _FR_DETERMINERS:
        # "L'Université renforce ses liens": a verb and its object, no name goes on.
        return False
    connectors = ctx.lex.name_connectors | _OF
    # "Haute école spécialisée de Suisse occidentale (HES-SO)": an adjective closing the
    # name right before its parenthesis.
    closes = j + 1 < len(ctx.toks) and ctx.toks[j + 1].text == "("
    return (
        prev.word in connectors
        or run > 0
        # Right after the name's organisation word, or after a second one the name took
        # ("... – Université nationale du Vietnam").
        or any(h.end == prev.end for h in ctx.heads)
        or closes
        or _field_adjective(ctx, j, connectors)
    )


# Words that open an object after a French verb ("renforce ses liens", "signe un accord").
_FR_DETERMINERS = frozenset(
    {
        "un",
        "une",
        "le",
        "la",
        "les",
        "ses",
        "son",
        "sa",
        "leur",
        "leurs",
        "l'",
        "ce",
        "cet",
        "cette",
        "ces",
    }
)
_ABOUT = "ve"  # "về": what a Vietnamese body is about
_TOPIC_WORDS = 10


def _named_topic(ctx: _Ctx, j: int) -> bool:
    """ "Trung tâm Nghiên cứu Quốc tế về Khoa học Nông nghiệp Nhật Bản (Japan International
    Research Center for Agricultural Sciences – JIRCAS)": "về" and a capitalised field go on
    in the name when a bracket right after gives its other name or acronym."""
    toks = ctx.toks
    if toks[j].word != _ABOUT or j + 1 >= len(toks) or not toks[j + 1].is_cap:
        return False
    m = j + 1
    while (
        m < len(toks)
        and m - j <= _TOPIC_WORDS
        and toks[m].is_word
        and (toks[m].is_cap or not _stop(ctx, toks[m]))
    ):
        m += 1
    if m >= len(toks) or toks[m].text != "(":
        return False
    close = next((n for n in range(m + 1, min(len(toks), m + 20)) if toks[n].text == ")"), None)
    return close is not None and (
        toks[close - 1].is_acronym or bool(ctx.heads_in(toks[m].end, toks[close].start))
    )


_STUDIES = "hoc"  # "Hàn Quốc học": the studies of a country


def _area_studies(ctx: _Ctx, j: int) -> bool:
    """ "Viện Nghiên cứu Hàn Quốc học Kyujanggak", "Viện Việt Nam học": "học" right after a
    country names its studies, and the name goes on; "học tập", "học bổng" do not."""
    toks, folded = ctx.toks, ctx.body.folded
    if toks[j].word != _STUDIES:
        return False
    if j + 1 < len(toks) and toks[j + 1].is_word and not toks[j + 1].is_cap:
        return False
    lex = ctx.lex
    return any(
        m.before(folded, toks[j].start) is not None for m in (lex.countries, lex.cues["places"])
    )


def _acronym_closes(ctx: _Ctx, j: int) -> bool:
    """Whether the name's acronym follows token j or two more lowercase words in brackets:
    the long lowercase name ends there ("... en recherche agronomique pour le développement
    (CIRAD)", "(Cirad)": an acronym some write as a word, alone in its brackets)."""
    toks = ctx.toks
    k = j + 1
    while k < len(toks) and k - j <= 2 and toks[k].is_word and not toks[k].is_cap:
        k += 1
    if k + 1 >= len(toks) or toks[k].text != "(":
        return False
    inner = toks[k + 1]
    alone = k + 2 < len(toks) and toks[k + 2].text == ")"
    return inner.is_acronym or (alone and inner.is_cap and inner.text.isalpha())


def _title_syllable(ctx: _Ctx, k: int) -> bool:
    """Whether token k is a capitalised syllable of the name, not an acronym nor a head's
    (an organisation's or a unit's)."""
    tok = ctx.toks[k]
    return (
        tok.is_word
        and tok.is_cap
        and not tok.is_acronym
        and not any(h.start <= tok.start < h.end for h in (*ctx.heads, *ctx.units))
    )


def _second_syllable(ctx: _Ctx, j: int) -> bool:
    """Whether token j, a lowercase stop word, is the second syllable of the capitalised one
    before it: Vietnamese names capitalise each word's first syllable only, so a stop word
    between a lone capitalised syllable and a capitalised word belongs to the first word
    ("Viện Hàng không Vũ trụ Viettel")."""
    toks = ctx.toks
    if not 2 <= j < len(toks) - 1:
        return False
    where = ctx.lex.cues["place_prepositions"].first(
        ctx.body.folded, toks[j].start, toks[j].end + 1
    )
    return (
        _title_syllable(ctx, j - 1)
        and not _title_syllable(ctx, j - 2)
        and toks[j - 1].start not in ctx.places
        and _title_syllable(ctx, j + 1)
        # "Trường Đại học Mở tại Hà Nội": where it is, not a syllable.
        and (where is None or where.start != toks[j].start)
    )


def _after_proper_name(ctx: _Ctx, j: int) -> bool:
    """Whether token j, a lowercase word, follows a proper name that closes a Vietnamese
    name: a person's (syllables of people's names in a row: "Trường Đại học Tôn Đức Thắng phối
    hợp với") or a place ("Đại học Huế vào ngày 7/10"). Official words capitalise their first
    syllable only ("Giao thông vận tải"), so the name goes on after them; a seat word
    ("tỉnh Sơn La") brings the name's own place."""
    toks, prev = ctx.toks, ctx.toks[j - 1]
    if not _title_syllable(ctx, j - 1):
        return False
    seat = ctx.lex.cues["seat_words"].first(ctx.body.folded, toks[j].start, toks[j].start + 24)
    if seat is not None and seat.start == toks[j].start:
        return False
    if any(h.end == prev.end for h in ctx.places.values()):
        return True
    return j >= 2 and _title_syllable(ctx, j - 2) and _person_syllables(ctx, j - 2, j)


def _person_syllables(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether tokens start..end-1 are all syllables of Vietnamese people's names ("Tôn Đức
    Thắng"), unlike capitalised common words ("Lúa Đồng bằng")."""
    return all(t.word in ctx.lex.syllables for t in ctx.toks[start:end])


def _field_adjective(ctx: _Ctx, j: int, connectors: frozenset[str] | set[str]) -> bool:
    """Whether token j is an adjective of the field a French name joined: "des Langues et
    d'Études internationales", "d'Études politiques" (a capitalised field word after a
    joining word, then the adjective)."""
    toks = ctx.toks
    if j < 2 or not toks[j - 1].is_cap or toks[j - 2].word not in connectors:
        return False
    return toks[j].word.endswith(ctx.lex.adjective_endings)


def _renewal_at(ctx: _Ctx, tok: Token) -> bool:
    """Whether a Vietnamese renewal verb starts at the token: "Đại học Huế gia hạn Bản ghi
    nhớ" (renews the MoU) ends the name before it."""
    folded = ctx.body.folded
    hit = ctx.lex.cues["renewal"].first(folded, tok.start, min(len(folded), tok.start + 24))
    return hit is not None and hit.start == tok.start and hit.lang == "vi"


def _through_connector(
    ctx: _Ctx, i: int, j: int, *, vi_mode: bool, head_lang: str
) -> tuple[int, int] | None:
    """Where the name goes on after the connector at token j ("of", "and", "de", ...):
    (next index, lowercase words taken), or None when the name ends before it."""
    toks = ctx.toks
    connectors = ctx.lex.name_connectors
    tok = toks[j]
    word = tok.word
    k = j
    while k < len(toks) and _connector(ctx, toks[k], _joining(connectors, _OF)) and k - j < 2:
        k += 1
    if word in _AND and _head_after(ctx, j + 1, _joining(connectors, _OF)):
        # "et de l'Université d'économie": a second name after "and".
        return None
    if k >= len(toks) or not toks[k].is_cap or not toks[k].is_word:
        if (
            word in _AND
            and k == j + 2
            and toks[j + 1].word in _ARTICLES
            and k < len(toks)
            and ctx.lex.has_word("titles", toks[k].text, toks[k].word, lang="fr")
        ):
            # "l'Université de Hué et l'adjointe au maire": a person's title after "et"
            # and its article is the next signer, not a word of the name.
            return None
        if vi_mode and not _stop(ctx, tok, head_lang):
            # A joining word is not a lowercase word of the name: "des sciences et des
            # technologies de Hanoï" has two.
            return j + 1, 0
        return None
    # "and a Singaporean fund": an indefinite article (as written: "à" folds like "a")
    # also starts another body.
    article = k > j + 1 and (
        toks[j + 1].word in _ARTICLES or toks[j + 1].text.lower() in {"a", "an", "un", "une"}
    )
    if word in _AND | _IN_PLACE and _acronym_spans(ctx, i, j):
        # "National Institute of Politics and Public Administration of Lao PDR (NIPPA)",
        # "Université du Québec à Chicoutimi (UQAC)": the acronym spells the words on both
        # sides of the connector, so they are one name.
        return k, 0
    if word in _AND and (article or not _and_joins(ctx, i, j, k)):
        # "and the ...", "et l'...": an article starts a second name.
        return None
    if word in _IN_PLACE and _office_in_vietnam(ctx, i, j, k):
        # "the Japan Foundation Center for Cultural Exchange in Vietnam", "the Embassy of
        # Ireland in Vietnam": a foreign body's office names the country it serves.
        return k, 0
    if word in _IN_PLACE and (
        not _is_place_at(ctx, k) or not any(t.word in _OF_PLACE for t in toks[i:j])
    ):
        # "Campus II of Foreign Trade University in Ho Chi Minh City", "Université nationale
        # du Vietnam à Hanoï" are one name; "Kyoto University in Hanoi", "l'USTH à Hanoï" are
        # a name and where it signed.
        return None
    if word in {"of", "in"} and _country_at(ctx, k) is not None and not _bare_head(ctx, i, j):
        return None
    if word in {"for", "pour"} and toks[j - 1].is_acronym and j - 1 == i:
        # "le bureau du CNRS pour l'Asie du Sud-Est": whom an acronym's office serves.
        return None
    if word in {"de", "du", "d'"} and toks[j - 1].is_acronym and _country_at(ctx, k) is not None:
        # "l'Institut royal de technologie KTH de Suède": the acronym closes the name; the
        # country after it says where it is from ("Académie nationale d'agriculture du
        # Vietnam" keeps it).
        return None
    return k, 0


def _bare_head(ctx: _Ctx, i: int, j: int) -> bool:
    """Whether tokens [i, j) end with an organisation word and hold no "of" yet: then "of
    France" completes the name ("Embassy of France", "National University of Singapore")."""
    toks = ctx.toks
    if any(t.word in {"of", "de"} for t in toks[i:j]):
        return False
    return any(h.end == toks[j - 1].end for h in ctx.heads_in(toks[i].start, toks[j - 1].end))


def _head_after(ctx: _Ctx, k: int, skip: frozenset[str] | set[str]) -> bool:
    """Whether an organisation head starts at token k, after at most three joining words."""
    toks = ctx.toks
    limit = min(len(toks), k + 4)
    while k < limit and _connector(ctx, toks[k], skip | {"the", "les"}):
        k += 1
    return k < len(toks) and toks[k].start in ctx.head_at


_OF_AND = _OF | _AND
# Joining words that never end a name, even capitalised ("Kyoto University And ...").
_ARTICLE_JOINS = frozenset(
    {"of", "the", "in", "for", "de", "du", "des", "d'", "l'", "la", "le", "en", "aux", "a"}
)


@lru_cache(maxsize=16)
def _joining(connectors: frozenset[str], more: frozenset[str]) -> frozenset[str]:
    """`connectors | more`, made once: the name readers ask for it at every token."""
    return connectors | more


def _connector(ctx: _Ctx, tok: Token, words: frozenset[str] | set[str]) -> bool:
    """A joining word ("of", "de", "du"); in a text with Vietnamese marks, "Dụ" is not "du",
    but a joining word written so ("à", "l’") is one whatever the text."""
    if tok.word not in words:
        return False
    if tok.text.isascii() or not ctx.body.marked:
        return True
    return tok.text.lower().replace("’", "'") in ctx.lex.written_connectors


def _next_is(toks: list[Token], j: int, prefix: str) -> bool:
    return j + 1 < len(toks) and toks[j + 1].folded.startswith(prefix)


def _vi_and_joins(ctx: _Ctx, j: int) -> bool:
    """'và' inside a Vietnamese field name: "Khoa học và Công nghệ", "Kinh tế và Quản trị".
    Both sides are two-syllable words, the second syllable in lowercase; "Đại học Vinh và
    RMU" is two names."""
    toks = ctx.toks
    if toks[j].word != "va" or j < 2 or j + 2 >= len(toks):
        return False
    before, after, after2 = toks[j - 1], toks[j + 1], toks[j + 2]
    if not (
        before.is_word
        and not before.is_acronym
        and after.is_word
        and after.is_cap
        and not after.is_acronym
        and after2.is_word
        and not after2.is_cap
        and ctx.head_at.get(after.start) is None
    ):
        return False
    if ctx.lex.cues["titles"].at(ctx.body.folded, after.start) is not None:
        # "Giám đốc Học viện X và Trưởng đoàn Lào đã ký": a second signer, by title.
        return False
    if not before.is_cap:
        return True
    # "Trường Hóa và Khoa học sự sống": after a capitalised syllable, only a Vietnamese
    # field word ("Khoa học") goes on; "Đại học Vinh và Viettel đã" is two names.
    return _syllable(ctx, before) and _syllable(ctx, after) and not _stop(ctx, after2, "vi")


def _syllable(ctx: _Ctx, tok: Token) -> bool:
    return has_vietnamese_marks(tok.text) or tok.word in ctx.lex.syllables


def _stop(ctx: _Ctx, tok: Token, lang: str = "vi") -> bool:
    return ctx.lex.has_word("name_stops", tok.text, tok.word, marked=ctx.body.marked, lang=lang)


def _segment_end(ctx: _Ctx, k: int) -> int:
    toks = ctx.toks
    while k < len(toks) and toks[k].is_word and toks[k].is_cap:
        k += 1
    return k


def _has_head(ctx: _Ctx, start: int, end: int) -> str | None:
    hits = ctx.heads_in(start, end)
    return hits[0].label if hits else None


def _and_joins(ctx: _Ctx, i: int, j: int, k: int) -> bool:
    """'and' stays inside a name ("of Science and Technology"), not between two names."""
    toks = ctx.toks
    seg_end = _segment_end(ctx, k)
    if seg_end == k + 1 and toks[k].is_acronym:
        # "l'Université de Bretagne Occidentale et HUST": an acronym alone after "and" is
        # another body, never the last field of a name.
        return False
    left_head = _has_head(ctx, toks[i].start, toks[j - 1].end)
    if _has_head(ctx, toks[k].start, toks[seg_end - 1].end):
        # "Vietnam Technological and Commercial Joint Stock Bank", "Military Industry and
        # Telecoms Group": a field word without an organisation word of its own before "and"
        # is the first half of one name.
        # "the Faculty of Mechanical Engineering and Saigon Precision Holdings": after a
        # field list opened by "of", a name with its own organisation word is another body.
        return (
            not left_head
            and toks[j - 1].word in ctx.lex.generic_name_words
            and not any(toks[n].word in _FIELD_OF for n in range(i, j))
        )
    if (
        seg_end < len(toks)
        and toks[seg_end].text == "("
        and not _has_head(ctx, toks[i].start, toks[j - 1].end)
        and (j - i >= 2 or _acronym_in_brackets(ctx, seg_end))
    ):
        # "Airbus Defence and Space (France)", "Arts et Métiers (ENSAM)": the parenthesis
        # closes one name.
        return True
    ofs = [n for n in range(i, j) if toks[n].word in _FIELD_OF]
    if not ofs:
        return False
    if (
        seg_end + 1 < len(toks)
        and toks[seg_end].text == ","
        and toks[seg_end + 1].word in {"a", "an", "un", "une"}
    ):
        # "the Department of Finance and Nordvik Green Capital, a Swedish investment fund":
        # what is described after "and" is a body of its own.
        return False
    if seg_end - k >= 2 and _country_at(ctx, seg_end - 1) is not None:
        # "the Ministry of Health and Medtronic Vietnam": a name that ends with a country
        # is another body's, not the field list's last word.
        return False
    if (
        k == j + 1
        and ofs[-1] + 1 < j
        and _place_or_country(ctx, ctx.body.text[toks[ofs[-1] + 1].start : toks[j - 1].end])
    ):
        # "the Department of Science of Hanoi and Samsung": a place closes a name
        # ("Université de Pau et des Pays de l'Adour" goes on with "of" after "and").
        return False
    if _and_since_of(toks[i:j]):
        # "Department of Industry and Trade and Siemens Energy": the name's own field list
        # is closed; a second "and" starts the next name.
        return False
    return _named_body(ctx, i, j)


_FIELD_OF = frozenset({"of", "for", "de", "des", "du", "d'"})


def _and_since_of(toks: Sequence[Token]) -> bool:
    """Whether an "and" follows the last "of" of a name so far: its field list is closed."""
    for tok in reversed(toks):
        if tok.word in _AND:
            return True
        if tok.word in _FIELD_OF:
            return False
    return False


def _dash_joins(ctx: _Ctx, i: int, j: int) -> bool:
    toks = ctx.toks
    if (
        toks[j + 1].word == "the"
        and j + 2 < len(toks)
        and _head_at(ctx, toks[j + 2]) == "university"
        and _has_head(ctx, toks[i].start, toks[j - 1].end) == "university"
    ):
        # "The University of Science and Technology – The University of Danang": a member
        # school and its university, each with its article.
        return True
    if _is_stop(ctx.toks[j + 1], ctx):
        # "Ho Chi Minh City – On August 5, ...": a dateline's place, then the sentence.
        return False
    seg_end = _segment_end(ctx, j + 1)
    left = _has_head(ctx, toks[i].start, toks[j - 1].end)
    if not left and _place_or_country(ctx, ctx.body.text[toks[i].start : toks[j - 1].end]):
        # "four universities of Korea – Kumoh National Institute of Technology, ...".
        return False
    right = _has_head(ctx, toks[j + 1].start, toks[seg_end - 1].end)
    if right == "university" and _two_vietnamese_universities(ctx, i, j):
        # "Trường Đại học Vinh – Đại học Khon Kaen": two universities side by side; a
        # member and its system ("Trường Đại học Bách khoa - Đại học Đà Nẵng") are one.
        return False
    lone_acronym = seg_end == j + 2 and toks[j + 1].is_acronym
    # "Grenoble INP - UGA": a place and an acronym, then the acronym of the body it is in.
    qualified = lone_acronym and j - i >= 2 and toks[j - 1].is_acronym and not toks[i].is_acronym
    return bool(right or qualified or (left and (lone_acronym or ctx.toks[i].is_cap)))


def _acronym_spans(ctx: _Ctx, i: int, j: int) -> bool:
    """Whether the acronym in the brackets that close the name going on after the connector
    at token j spells words on both sides of it: its letters are the initials of the name's
    first words from token i on, past the connector (a joining word gives its letter or
    not: "Université du Québec à Chicoutimi" is "UQAC")."""
    toks = ctx.toks
    b = j + 1
    while b < len(toks) and b - j <= 10 and toks[b].is_word and toks[b].text != "(":
        b += 1
    if b + 2 >= len(toks) or toks[b].text != "(" or toks[b + 2].text != ")":
        return False
    if not toks[b + 1].is_acronym:
        return False
    letters = "".join(c for c in toks[b + 1].folded if c.isalpha())
    words = [t for t in toks[i:b] if t.is_word and t.folded[:1].isalpha()]
    first_after = next((n for n, t in enumerate(words) if t.start > toks[j].start), None)
    if len(letters) < 3 or first_after is None or first_after == 0:
        return False
    connectors = ctx.lex.name_connectors | _OF_AND
    # Positions (word index, letter index) the spelling can reach; content words must give
    # their letter, joining words may.
    reach = {(0, 0)}
    for n, tok in enumerate(words):
        joining = tok.folded in connectors
        reach = {
            (n + 1, m + 1)
            for w, m in reach
            if w == n and m < len(letters) and tok.folded[0] == letters[m]
        } | ({(n + 1, m) for w, m in reach if w == n} if joining else set())
        if (n + 1, len(letters)) in reach and n >= first_after:
            # What the acronym leaves out may only say where the body is ("... of Lao PDR").
            return n + 1 == len(words) or words[n + 1].folded in connectors
        if not reach:
            return False
    return False


def _acronym_in_brackets(ctx: _Ctx, k: int) -> bool:
    """Whether the bracket at token k holds one acronym alone, no country or place."""
    toks = ctx.toks
    return (
        k + 2 < len(toks)
        and toks[k + 2].text == ")"
        and toks[k + 1].is_acronym
        and not _place_or_country(ctx, toks[k + 1].text)
    )


def _office_in_vietnam(ctx: _Ctx, i: int, j: int, k: int) -> bool:
    """Whether "in Vietnam" (token k on) closes the name of an office, a centre or a
    mission (tokens i..j), not a university's."""
    if ctx.toks[j].word != "in" or _country_at(ctx, k) != "VN":
        return False
    heads = ctx.heads_in(ctx.toks[i].start, ctx.toks[j - 1].end)
    return bool(heads) and all(h.label != "university" for h in heads)


def _two_vietnamese_universities(ctx: _Ctx, i: int, j: int) -> bool:
    """Whether the names on both sides of the dash at token j open with a Vietnamese
    university word and the right one is no university system."""
    toks, folded = ctx.toks, ctx.body.folded
    left = ctx.heads_in(toks[i].start, toks[j - 1].end)
    right = ctx.heads_in(toks[j + 1].start, toks[j + 1].end)
    if not left or not right or left[0].lang != "vi" or right[0].lang != "vi":
        return False
    system = ctx.lex.cues["university_systems"].first(folded, toks[j + 1].start)
    return system is None or system.start != toks[j + 1].start


def _place_or_country(ctx: _Ctx, text: str) -> bool:
    lex = ctx.lex
    text = text.rstrip(".")
    return bool(
        lex.countries.label_of(text)
        or lex.cues["places"].label_of(text)
        or lex.cities.label_of(text)
    )


def _is_place_at(ctx: _Ctx, k: int) -> bool:
    return ctx.toks[k].start in ctx.places


_OF_PLACE = frozenset({"of", "de", "du", "d'"})
# "Singapore-based", "Tokyo-headquartered": a word that says where a body is.
BASED_WORDS = frozenset({"based", "headquartered"})


def _based(tok: Token) -> bool:
    place, dash, word = tok.folded.rpartition("-")
    return bool(place and dash) and word in BASED_WORDS


_IN_PLACE = frozenset({"in", "a"})  # "a" is the French "à" folded
_AT_PLACE = frozenset({"in", "at", "a", "au"})


def _named_place(ctx: _Ctx, mention: OrgMention) -> bool:
    """Whether a name holds a country, a Vietnamese place or a city abroad."""
    lex, folded = ctx.lex, ctx.body.folded[mention.start : mention.end].replace("-", " ")
    return any(m.first(folded) is not None for m in (lex.countries, lex.cues["places"], lex.cities))


def _place_country_at(ctx: _Ctx, k: int) -> str | None:
    """The country of a Vietnamese place or a city abroad written from token k."""
    seg_end = _segment_end(ctx, k)
    if seg_end <= k:
        return None
    text = fold(ctx.body.text[ctx.toks[k].start : ctx.toks[seg_end - 1].end]).replace("-", " ")
    if ctx.lex.cues["places"].first(text) is not None:
        return "VN"
    city = ctx.lex.cities.first(text)
    return city.label if city is not None else None


def _country_at(ctx: _Ctx, k: int) -> str | None:
    seg_end = _segment_end(ctx, k)
    if seg_end <= k:
        return None
    text = ctx.body.text[ctx.toks[k].start : ctx.toks[seg_end - 1].end].rstrip(".")
    return ctx.lex.countries.label_of(text)


# "tại cơ sở 35–37 Hồ Hảo Hớn", "at 334 Nguyen Trai Street", "trụ sở chính ở 91 Chùa Láng":
# a house number after a word that announces an address.
_ADDRESS_NUMBER = re.compile(
    r"(?<![a-z])(?:co so|so nha|so|dia chi|address|at|tai|o)\s+[\d–-]+\s*\Z"
)


def _past_address(ctx: _Ctx, i: int) -> int | None:
    """Where to resume when token i opens a street's name after a house number."""
    tok = ctx.toks[i]
    if _ADDRESS_NUMBER.search(ctx.body.folded, max(0, tok.start - 24), tok.start) is None:
        return None
    return _segment_end(ctx, i)


def _past_country(ctx: _Ctx, i: int) -> int | None:
    """Where to resume when token i starts a country's name rather than an organisation's."""
    state = _state_name_end(ctx, i)
    if state is not None:
        # "Vương quốc Thái Lan", "Kingdom of Thailand", "Cộng hòa Liên bang Đức": a
        # country's formal name is where a side is, and its first word no name's start.
        return state
    if _country_before_of(ctx, i):
        # "a new channel of cooperation with Japan for the Vietnam France University":
        # a country followed by "for" or "of" is what the name is about, not its start.
        return _segment_end(ctx, i)
    return None


def _state_name_end(ctx: _Ctx, i: int) -> int | None:
    """Where a country's formal name starting at token i ends ("Kingdom of Thailand",
    "Vuong quoc Thai Lan", "Royaume de Thaïlande"), or None when none starts there."""
    k = _phrase_from(ctx, "state_forms", i)
    if k is None:
        return None
    while k < len(ctx.toks) and ctx.toks[k].word in _ARTICLES:
        k += 1
    end = _segment_end(ctx, k)
    return end if end > k and _country_at(ctx, k) is not None else None


def _country_before_of(ctx: _Ctx, i: int) -> bool:
    """Whether the capitalised words from token i are a country's name alone, followed by
    "for" or "of" ("Japan for the ...", "France de ...")."""
    end = _segment_end(ctx, i)
    return (
        end < len(ctx.toks)
        and ctx.toks[end].word in _OF
        and ctx.toks[i].start not in ctx.head_at
        and _country_at(ctx, i) is not None
    )


def _finish(ctx: _Ctx, i: int, j: int) -> tuple[OrgMention | None, int]:
    """Turn tokens [i, j) plus what follows into a mention (or None), and where to resume."""
    toks = ctx.toks
    body = ctx.body
    # Drop leading words that start sentences or name people's positions.
    while (
        i < j - 1
        and _is_stop(toks[i], ctx)
        and _head_at(ctx, toks[i]) is None
        and toks[i].start not in ctx.places
        and not _name_article(ctx, i)
        and not _unmarked_syllable(ctx, i, j)
    ):
        i += 1
    i = _after_titles(ctx, i, j)
    if i > 0 and toks[i - 1].word in _PORTFOLIO_LINKS and _title_ends(ctx, i - 1):
        # "Director of International Relations of KEDGE Business School": the run opens
        # with the portfolio of a title written just before it.
        i = _past_portfolio(ctx, i, j)
    i = _after_person(ctx, i, j)
    while i < j - 1 and _based(toks[i]):
        i += 1  # "Singapore-based Meridian Genomics": where the body is, not its name
    if i >= j:
        return None, j
    head_hit = _main_head(ctx, i, j)
    kind = head_hit.label if head_hit else None
    if (
        head_hit is not None
        and head_hit.lang == "vi"
        and not any(p.start < head_hit.start < p.end for p in ctx.places.values())
    ):
        # A Vietnamese name begins at its head ("Đại diện Trường Đại học X" -> "Trường ..."),
        # not inside a place ("Ha Tinh Provincial People's Committee": "Tinh" is "tỉnh").
        while i < j - 1 and toks[i].end <= head_hit.start:
            i += 1
    while j > i + 1 and toks[j - 1].word in ctx.title_words:
        j -= 1
    j = _before_person(ctx, i, j)
    acronym: str | None = None
    resume = j
    # "Full Name – ACRONYM": the last piece after a dash is the acronym, unless it is a
    # legal form ("Tổng Công ty Tín Nghĩa - CTCP"), part of the name, or the name before
    # the dash ends with an acronym of its own ("Grenoble INP - UGA": the parent's).
    if (
        j - i >= 3
        and toks[j - 2].text in _DASHES
        and toks[j - 1].is_acronym
        and not toks[j - 3].is_acronym
        and toks[j - 1].folded.rstrip(".") not in ctx.lex.single_words["non_org_acronyms"]
        # "Trường Đại học Ngoại ngữ - ĐHQGHN": a university system after the dash is the
        # parent, not the name's acronym.
        and ctx.lex.cues["university_systems"].label_of(toks[j - 1].text.rstrip(".")) is None
    ):
        acronym = _clean(toks[j - 1].text).rstrip(".")
        j -= 2
    start, end = toks[i].start, toks[j - 1].end
    name = _clean(body.text[start:end])
    if toks[j - 1].text.endswith(".") and toks[j - 1].folded not in KEEP_DOT:
        name = name.rstrip(".")
    possessive = _is_possessive(toks[j - 1])
    if possessive:
        name = name[:-2].rstrip("'’")
    mention = OrgMention(
        start=start,
        end=end,
        name=name,
        kind=kind or "other",  # type: ignore[arg-type]
        acronym=acronym,
        has_head=kind is not None,
        possessive=possessive,
        head_lang=head_hit.lang if head_hit else "en",
        is_unit=_is_unit(ctx, start, end, head_hit.start if head_hit else start),
    )
    if mention.is_unit:
        mention.parent = _owner_in(ctx, i, j)
    if j - i == 1 and toks[i].is_acronym:
        # "CNES", "IRD": an acronym is its own short name, organisation word or not.
        mention.acronym = name
    elif kind is not None:
        mention.generic = _generic(ctx, start, end)
        if kind == "government":
            mention.seat = _seat(ctx, start, end)
            mention.aliases = _inner_seat_dropped(ctx, mention)
    return _after(ctx, mention, resume)


def _inner_seat_dropped(ctx: _Ctx, mention: OrgMention) -> tuple[str, ...]:
    """A government name written without a place word inside it: "Sở Xây dựng thành phố
    Đà Nẵng" is also "Sở Xây dựng Đà Nẵng"."""
    folded, text = ctx.body.folded, ctx.body.text
    for hit in ctx.lex.cues["seat_words"].find(folded, mention.start, mention.end):
        if mention.start < hit.start and hit.end < mention.end:
            shorter = _clean(text[mention.start : hit.start] + text[hit.end : mention.end])
            return (*mention.aliases, " ".join(shorter.split()))
    return mention.aliases


_OWNER_OF = _OWNER | {"d'"}


def _owner_in(ctx: _Ctx, i: int, j: int) -> str | None:
    """The university or the province a unit's name says it belongs to ("Faculté des
    Sciences de l'Université de Montpellier", "Faculty of Business of X University", "the
    Department of Science and Technology of Da Nang City"): the last "of" whose words after
    it name a university or a place."""
    toks = ctx.toks
    owners = []
    for k in range(j - 2, i, -1):
        if toks[k].word not in _OWNER_OF:
            continue
        m = k + 1
        while m < j and toks[m].word in _ARTICLES:
            m += 1
        if m < j and toks[m].is_cap:
            owners.append((toks[m].start, toks[j - 1].end))
    for start, end in owners:
        if any(h.label == "university" for h in ctx.heads_in(start, end)):
            return _clean(ctx.body.text[start:end])
    # "de l'Université de Hanoï" names a university; "of Da Nang City" (the last "of"
    # only) a province's body.
    if owners and _place_only(ctx, *owners[0]):
        start, end = owners[0]
        return _clean(ctx.body.text[start:end])
    return None


def _seat(ctx: _Ctx, start: int, end: int) -> str | None:
    """The place a name of its government stands for: what is left of "Long An Provincial
    People's Committee" or "UBND tỉnh Long An" without the government words."""
    text = ctx.body.folded[start:end]
    for h in ctx.lex.cues["seat_words"].find(ctx.body.folded, start, end):
        text = text[: h.start - start] + " " * (h.end - h.start) + text[h.end - start :]
    words = [w for w in text.replace("-", " ").split() if w not in _OF and w != "the"]
    rest = " ".join(words).strip(" ,.'")
    if not rest or not _place_or_country(ctx, rest):
        return None
    return " ".join(rest.split())


# Folded text: its apostrophes are all straight.
_ELIDED = frozenset({"d'", "l'"})


def _generic(ctx: _Ctx, start: int, end: int) -> bool:
    text = ctx.body.folded[start:end]
    for h in ctx.heads_in(start, end):
        text = text[: h.start - start] + " " * (h.end - h.start) + text[h.end - start :]
    # "d'economie": an elided connector is a word of its own.
    # A name that ends a sentence keeps its full stop in the span ("Trường Điện - Điện tử.").
    split = [w[2:] if w[:2] in _ELIDED else w for w in text.replace("-", " ").rstrip(".").split()]
    words = [w for w in split if w and w not in ctx.lex.name_connectors]
    generic = ctx.lex.generic_name_words
    k = 0
    while k < len(words):
        if k + 1 < len(words) and f"{words[k]} {words[k + 1]}" in generic:
            k += 2
        elif words[k] in generic or words[k] in _OF:
            k += 1
        else:
            return False
    return True


def _main_head(ctx: _Ctx, i: int, j: int) -> Hit | None:
    """The head that gives a name its kind: Vietnamese and French names start with it
    ("Trường Đại học ...", "Université de ..."), English ones end their first part with it
    ("Ho Chi Minh City University of Technology")."""
    start = ctx.toks[i].start
    hits = [
        _head_language(ctx, h)
        for h in ctx.heads_in(start, ctx.toks[j - 1].end)
        # "Khoa Môi trường": inside a name, a Vietnamese head in lowercase is a syllable.
        if h.start == start or h.lang != "vi" or ctx.body.text[h.start].isupper()
    ]
    if not hits:
        return None
    if hits[0].lang == "vi" and hits[0].start != start and _foreign_head_after(ctx, hits[0].end, j):
        # "Phu Quy Agritech Joint Stock Company": inside a name that an English or French
        # word heads, "Quy" is a syllable of the name, not the Vietnamese "Quỹ" (fund).
        hits = [h for h in hits if h.lang != "vi"]
    if hits[0].lang != "en":
        return hits[0]
    first_of = next(
        (
            t.start
            for t in ctx.toks[i:j]
            if t.word in {"of", "for", "de"} and t.start > hits[0].start
        ),
        None,
    )
    before = [h for h in hits if first_of is None or h.end <= first_of]
    return before[-1] if before else hits[0]


def _before_person(ctx: _Ctx, i: int, j: int) -> int:
    """ "TU Dresden Rector Prof. Dr. Ursula Staudinger": the name ends where a title opens
    the rest of the run, when no organisation word follows it (a person, not "President
    University")."""
    toks = ctx.toks
    for k in range(i + 1, j):
        if toks[k].word in ctx.title_words and not ctx.heads_in(toks[k].start, toks[j - 1].end):
            return k
    return j


def _foreign_head_after(ctx: _Ctx, start: int, j: int) -> bool:
    """Whether an English or French organisation word stands in [start, end of token j-1)."""
    return any(h.lang != "vi" for h in ctx.heads_in(start, ctx.toks[j - 1].end))


def _unmarked_syllable(ctx: _Ctx, k: int, j: int) -> bool:
    """ "Dong Phat Precision Mechanics Joint Stock Company": a Vietnamese stop word ("đồng")
    written without its marks, opening a name an English or French word heads, is the
    name's first syllable."""
    tok = ctx.toks[k]
    # A sentence's first word may be the English one ("So Kyoto University and ...").
    return (
        k > 0
        and tok.text.isascii()
        and not ctx.lex.has_word("stop_caps", tok.text, tok.folded)
        and _foreign_head_after(ctx, tok.end, j)
    )


def _after_person(ctx: _Ctx, i: int, j: int) -> int:
    """Skip a person's name after a title ("Dr. Siriporn Wattanakul of Chulalongkorn
    University"): the organisation comes after "of"."""
    toks = ctx.toks
    # Titles before a name are capitalised ("Dr.", "Prof.", "PGS.TS."): a cheap test first.
    if i == 0 or not toks[i - 1].is_cap or toks[i - 1].word not in ctx.title_words:
        return i
    for k in range(i + 1, min(j - 1, i + 5)):
        if toks[k].word in _OWNER_OF:
            if ctx.heads_in(toks[i].start, toks[k].start):
                return i
            m = k + 1
            while m < j - 1 and toks[m].word in _ARTICLES:
                m += 1
            return m if toks[m].is_cap else i
        if not toks[k].is_cap:
            return i
    return i


def _after_titles(ctx: _Ctx, i: int, j: int) -> int:
    """Skip "Rector of", "Vice President of the" inside a run: the name comes after."""
    last = i
    for hit in ctx.titles:
        if not ctx.toks[i].start <= hit.start < ctx.toks[j - 1].end:
            continue
        for first in range(i, j):
            if ctx.toks[first].start >= hit.end:
                if _head_at(ctx, ctx.toks[first]) is not None and first == i:
                    break
                k = first
                while k < j and ctx.toks[k].word in _OF | {"the", "of", "for"}:
                    k += 1
                if k < j and _has_head(ctx, ctx.toks[k].start, ctx.toks[j - 1].end):
                    last = max(last, _past_portfolio(ctx, k, j))
                break
    return last


_PORTFOLIO_LINKS = frozenset({"of", "for", "de", "des", "du"})


def _title_ends(ctx: _Ctx, k: int) -> bool:
    """Whether a title ends right before token k."""
    return k > 0 and any(t.end == ctx.toks[k - 1].end for t in ctx.titles)


def _past_portfolio(ctx: _Ctx, k: int, j: int) -> int:
    """Past the portfolio a title names ("Vice-Rector for International Affairs of the
    Vienna University ...", "chargé des relations internationales de l'Université ..."):
    the name comes after it, when an organisation word follows."""
    toks = ctx.toks
    hit = ctx.lex.cues["portfolios"].at(
        ctx.body.folded, toks[k].start, toks[j - 1].end - toks[k].start
    )
    if hit is None:
        return k
    m = next((n for n in range(k, j) if toks[n].start >= hit.end), j)
    if m == k or m >= j or toks[m].word not in _OF | {"of"}:
        return k
    while m < j and toks[m].word in _OF | {"the", "of", "l'"}:
        m += 1
    return m if m < j and _has_head(ctx, toks[m].start, toks[j - 1].end) else k


def _is_unit(ctx: _Ctx, start: int, end: int, head_start: int) -> bool:
    """A sub-unit names itself by its unit word first ("Department of ...", "Khoa ..."),
    possibly after its parent's acronym ("USTH Department of ...")."""
    hit = next((h for h in ctx.units if start <= h.start < end), None)
    if hit is None:
        return False
    if any(
        h.start == hit.start
        and h.end > hit.end
        and h.label == "government"
        and not set(ctx.body.folded[hit.end : h.end].split()) & ctx.lex.name_connectors
        for h in ctx.heads
    ):
        # "Ban Quản lý các Khu công nghiệp": a management board of the state, whose name
        # opens with a unit word ("ban"); "Office of ..." stays a unit.
        return False
    if hit.start == start:
        return True
    before = ctx.body.text[start : hit.start].split()
    return len(before) == 1 and any(c.isupper() for c in before[0][1:])


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;:-–")


def _after(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """Read a parenthesis, ", Country", ", City (ACR)" or "of Country" after a name."""
    toks = ctx.toks
    body = ctx.body
    # ", Hanoi (VNU)" and ", Laos": a short apposition after the name.
    if j + 1 < len(toks) and toks[j].text == ",":
        seg_end = _segment_end(ctx, j + 1)
        if j + 1 < seg_end <= j + 4:
            segment = body.text[toks[j + 1].start : toks[seg_end - 1].end].rstrip(".")
            country = ctx.lex.countries.label_of(segment)
            if country and mention.has_head:
                mention = replace(mention, country=country)
                j = seg_end
            elif (
                mention.has_head
                and seg_end < len(toks)
                and toks[seg_end].text == "("
                and not _has_head(ctx, toks[j + 1].start, toks[seg_end - 1].end)
            ):
                name = _clean(body.text[mention.start : toks[seg_end - 1].end])
                mention = replace(mention, name=name, end=toks[seg_end - 1].end)
                j = seg_end
    if j + 1 < len(toks) and toks[j].word in {"of", "in"}:
        country = _country_at(ctx, j + 1)
        # "the Embassy of France in Vietnam": where it sits, not whose it is.
        own = ctx.lex.countries.first(body.folded, mention.start, mention.end)
        if country and mention.has_head and not (toks[j].word == "in" and own):
            mention = replace(mention, country=country)
            j = _segment_end(ctx, j + 1)
    if j + 1 < len(toks) and toks[j].word in _SITS_IN and mention.has_head:
        mention, j = _seat_abroad(ctx, mention, j)
    before_paren = j
    while j < len(toks) and toks[j].text == "(":
        close = next(
            (k for k in range(j + 1, min(len(toks), j + _MAX_PAREN_TOKENS)) if toks[k].text == ")"),
            None,
        )
        if close is None or close == j + 1:
            break
        content = _clean(body.text[toks[j + 1].start : toks[close - 1].end])
        mention = _read_paren(ctx, mention, content, toks[j + 1 : close])
        j = close + 1
    if j > before_paren and mention.country is None and mention.has_head:
        # "University College Dublin (UCD), Ireland": the country after the acronym.
        mention, j = _country_apposition(ctx, mention, j)
    word = toks[j].word if j + 1 < len(toks) else ""
    if word in _OF_PLACE | _AT_PLACE and mention.has_head:
        # "the National Center for Scientific Research (CNRS) of France"; after its acronym,
        # the place a name belongs to or sits in: "l'Institut de technologie ... (PTIT) de
        # Hanoï", "(PTIT) à Hanoï", when the name has no place of its own.
        country = _country_at(ctx, j + 1) if word in _OF_PLACE else None
        if country is None and j > before_paren and not _named_place(ctx, mention):
            country = _place_country_at(ctx, j + 1)
        if country:
            mention = replace(mention, country=mention.country or country)
            j = _segment_end(ctx, j + 1)
    if j < len(toks):
        # The mention was made for this name alone and nothing else holds it yet: set in
        # place (a copy per name is a tenth of the cost of reading the name).
        mention.next_text = body.folded[toks[j].start : toks[j].start + 40]
    return mention, j


def _country_apposition(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """Read ", Country" or ", City, Country" closing a short apposition at token j
    ("University of San Agustin (USA), Iloilo City, the Philippines")."""
    toks = ctx.toks
    if j + 1 < len(toks) and toks[j].text == ",":
        first = j + 2 if toks[j + 1].folded in {"the", "la", "le", "les"} else j + 1
        # "(CAU), Vương quốc Thái Lan": the country's formal name.
        first = _phrase_from(ctx, "state_forms", first) or first
        seg_end = _segment_end(ctx, first) if first < len(toks) else first
        if first < seg_end <= first + 3:
            segment = ctx.body.text[toks[first].start : toks[seg_end - 1].end].rstrip(".")
            country = ctx.lex.countries.label_of(segment)
            if country:
                return replace(mention, country=country), seg_end
            if ctx.lex.cities.label_of(segment) is not None:
                after, end = _country_apposition(ctx, mention, seg_end)
                if after.country is not None:
                    return after, end
    return mention, j


_SITS_IN = frozenset({"in", "tai", "a"})


def _seat_abroad(ctx: _Ctx, mention: OrgMention, j: int) -> tuple[OrgMention, int]:
    """ "KTH Royal Institute of Technology in Stockholm, Sweden", "Aalto University in
    Espoo, Finland", "X in Osaka": where a name sits says its country when it is a city
    abroad or a place followed by its country. A Vietnamese place ("Kyoto University in
    Hanoi") is where it signed, not whose it is."""
    toks = ctx.toks
    seg_end = _segment_end(ctx, j + 1)
    if seg_end == j + 1 or mention.country is not None:
        return mention, j
    if ctx.lex.countries.first(ctx.body.folded, mention.start, mention.end) is not None:
        # "the Embassy of France in Vietnam": where it sits, not whose it is.
        return mention, j
    if seg_end + 1 < len(toks) and toks[seg_end].text == ",":
        country = _country_at(ctx, seg_end + 1)
        if country is not None:
            return replace(mention, country=country), _segment_end(ctx, seg_end + 1)
    text = fold(ctx.body.text[toks[j + 1].start : toks[seg_end - 1].end]).replace("-", " ")
    city = ctx.lex.cities.label_of(text)
    if city is not None:
        return replace(mention, country=city), seg_end
    return mention, j


def _read_paren(ctx: _Ctx, mention: OrgMention, content: str, inner: list[Token]) -> OrgMention:
    named = _name_and_acronym(ctx, inner)
    if named is not None:
        # "Đại học Ngoại ngữ Hàn Quốc (Hankuk University of Foreign Studies – HUFS)": the
        # name in another language and its acronym, both the partner's own.
        for piece in named:
            text = _clean(ctx.body.text[piece[0].start : piece[-1].end])
            mention = _read_piece(ctx, mention, text, piece, qualifier=False)
        return mention
    if any(t.text in {",", ";"} for t in inner):
        # "(USTH, Vietnam France University)": an acronym and an alias; "(Kanazawa
        # Institute of Technology – KIT, Nhật Bản)": a name and its acronym, a country.
        pieces: list[list[Token]] = [[]]
        for k, tok in enumerate(inner):
            # "(Hana Micron Vina Co., Ltd.)": a legal form after a comma is the name's own.
            if tok.text in {",", ";"} and not _legal_form_at(ctx, inner, k + 1):
                pieces.append([])
            else:
                pieces[-1].append(tok)
        for piece in pieces:
            for part in _name_and_acronym(ctx, piece) or ([piece] if piece else []):
                text = _clean(ctx.body.text[part[0].start : part[-1].end])
                mention = _read_piece(ctx, mention, text, part, qualifier=False)
        return mention
    return _read_piece(ctx, mention, content, inner, qualifier=True)


def _legal_form_at(ctx: _Ctx, toks: list[Token], k: int) -> bool:
    """Whether toks[k] is a company's legal form ("Ltd.", "JSC", "Inc.")."""
    if k >= len(toks):
        return False
    return ctx.lex.cues["org_heads"].label_of(toks[k].text) == "company"


def _name_and_acronym(ctx: _Ctx, inner: list[Token]) -> list[list[Token]] | None:
    """A name with an organisation word, a dash and its acronym, or the acronym first
    ("HUST – Đại học Bách khoa Hà Nội"): the two; else None."""
    dash = next((k for k in range(len(inner) - 1, 0, -1) if inner[k].text in _DASHES), None)
    if dash is None:
        return None
    if _acronym_only(inner[dash + 1 :]) and ctx.heads_in(inner[0].start, inner[dash - 1].end):
        return [inner[:dash], inner[dash + 1 :]]
    first = next((k for k in range(1, len(inner) - 1) if inner[k].text in _DASHES), None)
    if (
        first is not None
        and _acronym_only(inner[:first])
        and not any(t.text in {",", ";"} for t in inner[first:])
        and ctx.heads_in(inner[first + 1].start, inner[-1].end)
    ):
        return [inner[:first], inner[first + 1 :]]
    return None


def _acronym_only(piece: list[Token]) -> bool:
    """Whether a piece of a parenthesis is an acronym of up to three words ("HUFS", "INSA
    Lyon" is not)."""
    return 0 < len(piece) <= 3 and all(t.is_acronym for t in piece if t.is_word)


_LEADING_ARTICLE = re.compile(r"^(?:the|les|la|le)\s+|^l['’]", re.IGNORECASE)


def _spells(ctx: _Ctx, mention: OrgMention, acronym: str) -> bool:
    """Whether `acronym` is the initials of the mention's words (joining words aside)."""
    letters = "".join(c for c in fold(acronym) if c.isalpha())
    words = [
        t.folded
        for t in tokens(ctx.body.text, ctx.body.folded, mention.start, mention.end)
        if t.is_word and t.folded not in ctx.lex.name_connectors
    ]
    return len(letters) >= 2 and "".join(w[0] for w in words if w[:1].isalpha()) == letters


def _read_piece(
    ctx: _Ctx, mention: OrgMention, content: str, inner: list[Token], *, qualifier: bool
) -> OrgMention:
    # "(the Netherlands)", "(les Pays-Bas)": a country's name with its article; not an
    # acronym that spells the name ("University of San Agustin (USA)").
    country = ctx.lex.countries.label_of(_LEADING_ARTICLE.sub("", content.rstrip(".")))
    if country and not _spells(ctx, mention, content):
        return replace(mention, country=mention.country or country)
    words = [t for t in inner if t.is_word]
    if inner:
        lead = ctx.lex.cues["alias_leads"].first(ctx.body.folded, inner[0].start, inner[-1].end)
        if lead is not None and lead.start == inner[0].start and lead.end < inner[-1].end:
            # "(hereinafter EDF)", "(sau đây gọi tắt là EVN)".
            alias = _clean(ctx.body.text[lead.end : inner[-1].end]).strip("\"'“”«» ")
            return replace(mention, aliases=(*mention.aliases, alias))
    if (
        words
        and all(t.is_acronym or any(c.isdigit() for c in t.text) for t in words)
        and len(words) <= 3
    ):
        if mention.acronym is None and (mention.has_head or len(mention.name.split()) > 1):
            return replace(mention, acronym=content)
        return replace(mention, aliases=(*mention.aliases, content))
    name_words = {
        t.word for t in tokens(ctx.body.text, ctx.body.folded, mention.start, mention.end)
    }
    inner_words = {t.word for t in words}
    if inner_words and inner_words <= name_words | ctx.lex.name_connectors | _OF:
        return replace(mention, aliases=(*mention.aliases, content))
    if len(words) <= 6 and words and words[0].is_cap:
        if not qualifier or not _qualifies(ctx, mention, content, inner):
            # "Viettel High Technology Industries Corporation (Viettel High Tech)": a short
            # name written in full words is an alias, like an acronym.
            return replace(mention, aliases=(*mention.aliases, content))
        return replace(mention, name=f"{mention.name} ({content})")
    return mention


def _shares_word(ctx: _Ctx, mention: OrgMention, inner: list[Token]) -> bool:
    """Whether a parenthesis repeats a proper word of the name (not its organisation word)."""
    heads = ctx.heads_in(mention.start, mention.end) + ctx.heads_in(inner[0].start, inner[-1].end)
    skip = ctx.lex.name_connectors | _OF | ctx.lex.generic_name_words

    def own(toks: list[Token]) -> set[str]:
        # "Rhine-Waal" and "Rhein-Waal": a hyphenated name shares its parts.
        return {
            part
            for t in toks
            if t.is_word
            and t.word not in skip
            and not any(h.start <= t.start < h.end for h in heads)
            for part in t.word.split("-")
            if len(part) > 2 and part not in skip
        }

    name_toks = tokens(ctx.body.text, ctx.body.folded, mention.start, mention.end)
    return bool(own(name_toks) & own(inner))


def _qualifies(ctx: _Ctx, mention: OrgMention, content: str, inner: list[Token]) -> bool:
    """Whether a parenthesis situates the name rather than shortens it: a parent
    organisation ("(ĐH Đà Nẵng)") or a place ("(Nghe An)")."""
    lex = ctx.lex
    heads = ctx.heads_in(inner[0].start, inner[-1].end) if inner else []
    if heads:
        if lex.cues["university_systems"].label_of(content) is not None:
            return True
        if (mention.head_lang == "vi") != (heads[0].lang == "vi"):
            # "Ngân hàng TMCP Đông Sài Gòn (DSG Bank)", "l'Université de Médecine et de
            # Pharmacie (Trường Đại học Y - Dược)": the name in another language.
            return False
        # A parent ("(ĐH Đà Nẵng)"), unless the name is written again ("École nationale des
        # ponts et chaussées (École des Ponts ParisTech)").
        return not _shares_word(ctx, mention, inner)
    return bool(lex.cues["places"].label_of(content) or lex.cities.label_of(content))
