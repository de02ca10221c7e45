"""From an article to a decision: signing statements, parties, and the facts of the signing.

Usage::

    decision = read_article(article, institution, lex, registry_countries={})
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from pactwatch.agreements.counterparts import (
    Candidate,
    CountryContext,
    country_of,
    merge,
    party_slot,
    same_org,
)
from pactwatch.agreements.detect import (
    DISQUALIFIERS,
    Statement,
    as_written,
    assign_parties,
    attached_date,
    find_statements,
    implied_evidence,
    initialled,
    mark_time,
    member_signing,
    non_binding_letters,
    other_topic,
    procurement,
    qualified_mentions,
    retracted,
    same_contract,
    same_signing,
    titled_person,
    trusted,
)
from pactwatch.agreements.facts import (
    choose_kind,
    find_areas,
    find_period,
    find_signatories,
    guess_language,
    refine_kind,
)
from pactwatch.agreements.home import HomeSide, key
from pactwatch.agreements.lexicon import Hit, Lexicon
from pactwatch.agreements.parties import OrgMention, find_orgs
from pactwatch.agreements.signing_date import TextDate, find_dates, lead_ahead, lead_date
from pactwatch.agreements.text import Body, Sentence, fold, has_vietnamese_marks, prepare
from pactwatch.config import InstitutionConfig
from pactwatch.model import AgreementDraft, Article, Decision, PartnerDraft

_MAX_PARTNERS = 12


@dataclass
class _Reading:
    body: Body
    lex: Lexicon
    home: HomeSide
    published: date | None
    orgs: dict[int, list[OrgMention]] = field(default_factory=dict)
    clauses: dict[int, tuple[int, int]] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    def sentence_orgs(self, idx: int) -> list[OrgMention]:
        if idx not in self.orgs:
            s = self.body.sentences[idx]
            self.orgs[idx] = find_orgs(self.body, s.start, s.end, self.lex)
        return self.orgs[idx]

    def quote(self, start: int, end: int) -> str:
        return " ".join(self.body.text[start:end].split())

    def where(self, stmt: Statement) -> str:
        if stmt.sentence.is_title:
            return "the title"
        number = stmt.index if self.body.title_end else stmt.index + 1
        return f"sentence {number}"


def read_article(
    article: Article,
    institution: InstitutionConfig,
    lex: Lexicon,
    registry_countries: Mapping[str, str] | None = None,
) -> Decision:
    if not _any_signing_cue(article, lex):
        return Decision(False, 0.95, (_NO_CUE,), language=article.language or None)
    body = prepare(article.paragraphs, title=article.title, abbreviations=lex.abbreviations)
    language = guess_language(body, article.language)
    home = HomeSide.build(institution, lex)
    reading = _Reading(body, lex, home, article.published_date)
    statements = find_statements(body, lex, home, published=article.published_date)
    if not statements:
        reasons = [
            f"sentence {idx if body.title_end else idx + 1} speaks of signing as "
            f"{DISQUALIFIERS[category]} ('{reading.quote(hit.start, hit.end)}')"
            for idx, category, hit in qualified_mentions(body, lex)
        ]
        return Decision(False, 0.95, (_NO_CUE, *reasons), language=language)
    _learn_home(reading, statements)
    # "l'établissement a accueilli ...": a page may name its home only by such a word.
    home_in_article = (
        home.mentioned(body.folded, 0, len(body.folded)) is not None
        or lex.cues["self_sides"].first(body.folded) is not None
        or _unit_heads_the_page(reading)
    )
    others = {s.index: _counterpart_mentions(reading, s) for s in statements}
    named = {s.index: others[s.index] + _bare_names(reading, s) for s in statements}
    assign_parties(
        statements,
        body,
        lex,
        home,
        orgs_in=named,
        home_in_article=home_in_article,
        orgs_of=reading.sentence_orgs,
    )
    implied_evidence(statements, body, lex, home, reading.sentence_orgs)
    dates = find_dates(body.folded, 0, len(body.folded), lex)
    stmt_dates, time_reasons = mark_time(statements, body, lex, dates, reading.published)
    reading.reasons.extend(time_reasons)
    same_contract(statements, body)
    procurement(statements, body, lex)
    # Plans the article tells of its own documents first: a bare mention after them inherits.
    initialled(statements, body, lex)
    non_binding_letters(statements, body, lex)
    retracted(statements, body, lex)
    same_signing(statements, body, lex)
    topic = other_topic(
        body,
        lex,
        statements,
        dated=stmt_dates,
        published=reading.published,
    )
    if topic:
        reading.reasons.append(f"the headline is about '{topic}', not a signing")
    clean, overruled = trusted(statements, member_signing(body, lex, home))
    if not clean:
        why = _why_not(reading, statements)
        return Decision(
            False,
            _no_confidence(statements),
            tuple([overruled, *why] if overruled else [*why, *time_reasons]),
            language=language,
        )
    main = next((s for s in clean if not s.sentence.is_title), clean[0])
    reading.reasons.append(_describe(reading, main))
    candidates = _collect_partners(reading, clean, others)
    partners = _partners(
        reading,
        candidates,
        article,
        institution,
        registry_countries or {},
        signing=_signing_text(reading, clean) if len(candidates) == 1 else "",
    )
    if not partners and all(s.party == "implied" for s in clean):
        # Neither side is named: the home is only assumed to sign, and no one signs with it
        # ("the schools need to sign technology transfer contracts faster"). Nothing to record.
        nobody = "no counterpart is named and the home institution is only implied as a party"
        return Decision(False, 0.7, (*reading.reasons, nobody), language=language)
    signed_on, coming = _signing_day(
        reading, main, clean, statements, stmt_dates=stmt_dates, dates=dates
    )
    if coming:
        return Decision(False, 0.7, (*reading.reasons, coming), language=language)
    if signed_on is not None:
        reading.reasons.append(f"signed on {signed_on.isoformat()}")
    nouns = [h for s in clean for h in s.nouns] or _referred_nouns(reading, main)
    kind, noun = refine_kind(*choose_kind(nouns), body, lex, nouns)
    if noun is not None:
        reading.reasons.append(f"kind {kind} from '{reading.quote(noun.start, noun.end)}'")
    renewal = _renewal(reading, statements, candidates)
    spans = [(s.sentence.start, s.sentence.end) for s in clean]
    spans += _representing_spans(reading)
    draft = AgreementDraft(
        kind=kind,
        institution=institution.id,
        partners=partners,
        signed_on=signed_on,
        period=find_period(body, lex),
        signatories=find_signatories(body, lex, spans),
        areas=find_areas(body, lex),
        renewal=renewal,
    )
    confidence = _confidence(reading, main, clean, bool(partners), signed_on is not None)
    return Decision(True, confidence, tuple(reading.reasons), draft, language=language)


def _signing_day(
    reading: _Reading,
    main: Statement,
    clean: list[Statement],
    statements: list[Statement],
    *,
    stmt_dates: Mapping[int, date | None],
    dates: list[TextDate],
) -> tuple[date | None, str]:
    """The signing's date: the main statement's, another clean one's, the session's, else
    the lead's; or, with none of these, why the signing is still to come (the lead tells of
    an event after publication) as the second value."""
    signed_on = stmt_dates.get(main.index)
    if signed_on is not None and _dateline_dated(reading, main, dates):
        # "Hanoi, April 14, 2023 – X and Y have signed ... The addendum was signed on April
        # 11": the dateline is the day of writing; a later sentence dates the act itself.
        signed_on = next(
            (
                stmt_dates[s.index]
                for s in clean
                if s.index > main.index
                and stmt_dates.get(s.index)
                and attached_date(s, reading.body, dates, passive=True) is not None
            ),
            signed_on,
        )
    if signed_on is None:
        signed_on = next((stmt_dates[s.index] for s in clean if stmt_dates.get(s.index)), None)
    if signed_on is None:
        signed_on = _session_date(statements, stmt_dates)
    if signed_on is not None:
        return signed_on, ""
    ahead = lead_ahead(reading.body, dates, reading.published)
    if ahead is not None:
        when = reading.quote(ahead.start, ahead.end)
        return None, (
            f"the article opens with an event on '{when}', after publication: the signing is"
            " part of what is to come"
        )
    return lead_date(reading.body, dates, reading.published), ""


# A dateline: a place, the date, and a dash that opens the text ("Hanoi, April 14, 2023 –").
_DATELINE = re.compile(r"[^\W\d_][\w .'-]{0,30},\s*")
_DATELINE_DASH = re.compile(r"\s*[-\u2013\u2014]")


def _dateline_dated(reading: _Reading, stmt: Statement, dates: list[TextDate]) -> bool:
    """Whether the statement's sentence opens with a dateline that dates it."""
    s, text = stmt.sentence, reading.body.text
    for found in dates:
        if s.start <= found.start < stmt.anchor.start:
            return bool(
                _DATELINE.fullmatch(text, s.start, found.start)
                and _DATELINE_DASH.match(text, found.end)
            )
    return False


_NO_CUE = "no signing statement: no signing verb with an agreement noun, no signing ceremony"


def _any_signing_cue(article: Article, lex: Lexicon, limit: int = 20_000) -> bool:
    """A quick look before any real work: most pages never mention a signing."""
    text = fold(" ".join((article.title or "", *article.paragraphs))[: limit + 500])
    return lex.signing_any.first(text) is not None


def _describe(reading: _Reading, stmt: Statement) -> str:
    cue = stmt.anchor
    parts = [f"signing cue '{reading.quote(cue.start, cue.end)}'"]
    if stmt.nouns:
        noun = stmt.nouns[0]
        parts.append(f"agreement noun '{reading.quote(noun.start, noun.end)}'")
    text = " + ".join(parts) + f" in {reading.where(stmt)}"
    if stmt.party == "home" and stmt.home_hit:
        text += f"; home institution '{reading.quote(*stmt.home_hit)}' is a party"
    else:
        text += "; the home institution is implied as a party"
    return text


_NOT_NOW = frozenset({"background", "plan", "negation", "generic"})


def _session_date(statements: list[Statement], dates: Mapping[int, date | None]) -> date | None:
    """The date of the signing session the article tells, when the home's own signing has
    none ("41 documents were exchanged during the signing session on December 2 ... Among
    them, X and Y signed an MoU"): it beats the first day of a longer event in the lead."""
    for stmt in statements:
        when = dates.get(stmt.index)
        if when is not None and stmt.event is not None and not _NOT_NOW & stmt.qualifiers.keys():
            return when
    return None


def _why_not(reading: _Reading, statements: list[Statement]) -> list[str]:
    out = []
    for stmt in statements[:6]:
        cue = stmt.anchor
        where = f"'{reading.quote(cue.start, cue.end)}' in {reading.where(stmt)}"
        if stmt.qualifiers:
            cat, hit = next(iter(stmt.qualifiers.items()))
            label = DISQUALIFIERS.get(cat, cat)
            out.append(f"{where} reads as {label} ('{reading.quote(hit.start, hit.end)}')")
        elif stmt.party == "third":
            note = f": {stmt.party_note}" if stmt.party_note else ""
            out.append(f"{where} is a signing between other parties{note}")
        else:
            out.append(f"{where}: the home institution is not a party")
    return out or ["no signing statement"]


def _no_confidence(statements: list[Statement]) -> float:
    return 0.8 if len(statements) <= 2 else 0.7


def _clause(reading: _Reading, stmt: Statement) -> tuple[int, int]:
    """The part of the sentence that holds the signing cue, before any attendance cue."""
    if stmt.index not in reading.clauses:
        reading.clauses[stmt.index] = _find_clause(reading, stmt)
    return reading.clauses[stmt.index]


def _find_clause(reading: _Reading, stmt: Statement) -> tuple[int, int]:
    s = stmt.sentence
    start, end = s.start, s.end
    anchor = stmt.anchor.start
    for hit in reading.lex.cues["clause_breaks"].find(reading.body.folded, s.start, s.end):
        if not as_written(reading.lex, "clause_breaks", hit, reading.body):
            continue  # "và cung ứng nhân lực với X" (and supply): not "và cùng"
        if hit.end <= anchor:
            start = max(start, hit.end)
        elif hit.start >= stmt.anchor.end:
            end = min(end, hit.start)
    for hit in reading.lex.cues["attendance"].find(reading.body.folded, s.start, s.end):
        end = min(end, hit.start)
        break
    # Reported speech: "X said: the signing between A and B ..." speaks of A and B.
    colon = reading.body.text.rfind(":", start, anchor)
    if colon >= 0:
        start = colon + 1
    between = reading.lex.cues["between"].first(reading.body.folded, stmt.anchor.end, end)
    if between is not None and "," in reading.body.folded[stmt.anchor.end : between.start]:
        # "signed the agreement, renewing the partnership between the university and the
        # province": a later clause's "between" tells what the act renews, not who signs.
        between = None
    if between is not None and not _between_the_two(reading, between.end, end):
        start = max(start, between.end)
        end = _list_end(reading, stmt, start, end)
    return start, end


def _between_the_two(reading: _Reading, start: int, end: int) -> bool:
    """Whether "between" is followed by "the two sides" ("entre les deux établissements",
    "giữa hai trường"): it names no party, those named before the verb are."""
    folded = reading.body.folded
    two = reading.lex.cues["two_sides"].first(folded, start, end)
    return two is not None and folded[start : two.start].strip() in {"", "the", "les", "cac"}


_LIST_GAP = re.compile(r"^[\s,;&()-]*(?:and|va|voi|cung|et|avec)?[\s,]*(?:the|la|le|l'|les)?\s*$")


def _list_end(reading: _Reading, stmt: Statement, start: int, end: int) -> int:
    """After "between", the parties are one list of names: it ends at the first other word."""
    position = start
    folded = reading.body.folded
    for org in reading.sentence_orgs(stmt.index):
        if org.start < start:
            continue
        # "giữa Nhà trường, Công ty X và Y": the home speaking of itself is an item too.
        own = reading.lex.cues["self_sides"].first(folded, position, org.start)
        gap_from = (
            own.end if own is not None and not folded[position : own.start].strip() else position
        )
        if org.start >= end or not _LIST_GAP.match(folded[gap_from : org.start]):
            return min(end, org.start)
        position = org.end
        # The name's own parenthesis ("(VNU-HUS)") belongs to it.
        if reading.body.text[position : position + 2].lstrip().startswith("("):
            close = reading.body.text.find(")", position, position + 80)
            position = close + 1 if close > 0 else position
    return end


def _venues(reading: _Reading, start: int, end: int) -> list[int]:
    """Where a venue cue ends ("took place at", "tại"): the name right after is a place."""
    return [h.end for h in reading.lex.cues["venue"].find(reading.body.folded, start, end)]


def _is_candidate(reading: _Reading, org: OrgMention) -> bool:
    # A unit alone is the home's; a unit of another university says whose it is
    # ("la Faculté des Sciences de l'Université de Montpellier").
    if (org.is_unit and org.parent is None) or reading.home.is_home(org):
        return False
    if reading.home.covers(reading.body.folded, org.start, org.end):
        return False
    folded = fold(org.name)
    if reading.lex.countries.label_of(org.name) or reading.lex.cues["places"].label_of(org.name):
        return False
    if org.has_head and _bare_place(reading.lex, folded):
        return False
    if not org.has_head and _quoted(reading.body.folded, org):
        # "la création de l'IRP « NANOPHOT-VN »": a project's or an event's name.
        return False
    if org.has_head:
        # "the University", "Học viện", "l'Université" alone: the home institution (or one
        # already named) referred to by its organisation word, not a name.
        return (len(key(org.name).split()) >= 2 and not _only_heads(reading.lex, folded)) or bool(
            org.acronym
        )
    if org.described:
        # "la société Thales": a company word in lowercase names the company.
        return True
    acronym = org.acronym or ""
    if reading.body.text[max(0, org.start - 1) : org.start] == "(":
        # "pour la Licence en Langues étrangères appliquées (LEA)": an acronym in brackets
        # defines the words before it; an organisation's own name carries it.
        return False
    return (
        bool(acronym)
        and acronym == org.name
        and folded.rstrip(".") not in reading.lex.single_words["non_org_acronyms"]
        and reading.lex.cues["agreement_nouns"].label_of(org.name) is None
    )


# Words that name a place, not a body that governs it: "thành phố Yogyakarta" is a city;
# "UBND thành phố ..." or "Sở ... thành phố ..." is its government.
_PLACE_WORDS = re.compile(r"^(?:thanh pho|tinh|tp\.?|city of|province of)\s+")


def _quoted(folded: str, org: OrgMention) -> bool:
    """Whether the name stands alone in quotation marks (folding writes them all '"')."""
    before = folded[max(0, org.start - 3) : org.start].rstrip()
    return before.endswith('"') and folded[org.end : org.end + 3].lstrip().startswith('"')


def _bare_place(lex: Lexicon, folded: str) -> bool:
    """Whether a name is a place word and a proper name with no organisation word after."""
    match = _PLACE_WORDS.match(" ".join(folded.split()))
    if match is None:
        return False
    rest = " ".join(folded.split())[match.end() :]
    return lex.cues["org_heads"].first(rest) is None


def _only_heads(lex: Lexicon, folded: str) -> bool:
    """Whether a folded name holds nothing but organisation words ("hoc vien", "truong dai
    hoc", "the university")."""
    rest = folded
    for hit in lex.cues["org_heads"].find(folded):
        rest = rest[: hit.start] + " " * (hit.end - hit.start) + rest[hit.end :]
    return all(w in _ARTICLE_WORDS for w in re.findall(r"[a-z0-9&]+", rest))


_ARTICLE_WORDS = frozenset({"the", "l", "la", "le", "les", "nha"})


def _counterpart_mentions(reading: _Reading, stmt: Statement) -> list[OrgMention]:
    start, end = _clause(reading, stmt)
    start = max(start, _after_time_clause(reading, stmt))
    venues = _venues(reading, stmt.sentence.start, stmt.sentence.end)
    out = []
    owner_end = -1
    for org in reading.sentence_orgs(stmt.index):
        # "USTH's Faculty of Physics": the name right after the home's possessive is the
        # home's own ("USTH's Provost and the leaders of X" names X after a title).
        owned = owner_end >= 0 and not reading.body.folded[owner_end : org.start].strip()
        owner_end = org.end if reading.home.owns(org) else -1
        if org.start < start or org.start >= end or owned:
            continue
        gap = [reading.body.folded[v : org.start].strip() for v in venues if v <= org.start]
        if any(g in {"", "the"} for g in gap):
            continue
        if _is_candidate(reading, org):
            out.append(org)
    s = stmt.sentence
    slotted = [
        o
        for o in out
        if party_slot(reading.lex, reading.body.folded, _slot_at(reading, o), s.start)
    ]
    if slotted:
        # Names elsewhere in the sentence are places, programmes or topics ("within the
        # framework of the Erasmus+ programme funded by the European Union").
        out = slotted
    listed = _listed(reading, stmt, out) + _items_after_with(reading, stmt)
    return sorted(out + listed, key=lambda o: o.start) if listed else out


_SLOT_TO_COLON = re.compile(r"(?:\s+[\w'-]+){0,5}\s*:\s*")


def _items_after_with(reading: _Reading, stmt: Statement) -> list[OrgMention]:
    """The parties listed one per line after a sentence that ends with "with" and a colon
    ("Trường Đại học Ngoại thương đã ký kết các biên bản ghi nhớ (MOU) với:")."""
    folded, s = reading.body.folded, stmt.sentence
    tail = folded[stmt.anchor.end : s.end].rstrip()
    if not tail.endswith(":"):
        return []
    slot = None
    for hit in reading.lex.cues["with_slots"].find(folded, stmt.anchor.end, s.end):
        slot = hit
    # "với:", "aux côtés de trois établissements français :", "with the following partners:".
    if slot is None or not _SLOT_TO_COLON.fullmatch(folded, slot.end, s.end):
        return []
    items = _list_items(reading, stmt.index + 1)
    return [replace(o, listed=True) for o in items if _is_candidate(reading, o)]


def _after_time_clause(reading: _Reading, stmt: Statement) -> int:
    """Where the signing's own clause starts when the sentence opens with a clause of time
    ("Après une présentation des formations de l'UST, notamment le PFIEV, les deux parties
    ont signé"): after its last comma before the act; the names in it are not parties."""
    folded, s = reading.body.folded, stmt.sentence
    opening = reading.lex.cues["act_times"].first(folded, s.start, min(s.end, s.start + 12))
    if opening is None or opening.start != s.start:
        return s.start
    comma = folded.rfind(",", opening.end, stmt.anchor.start)
    return comma + 1 if comma >= 0 else s.start


# The description before a described company: "the Norwegian simulation company", "la
# société", an article and up to three lowercase words.
_DESCRIPTION = re.compile(
    r"(?<![a-z'])(?:the|an?|la|le|une?)\s+(?:[a-z-]+\s+){1,3}$|l'(?:[a-z-]+\s+){1,3}$"
)


def _slot_at(reading: _Reading, org: OrgMention) -> int:
    """Where a name's slot among the parties is judged: before its description for a
    described company ("Medtronic and the Norwegian company Laerdal signed")."""
    if not org.described:
        return org.start
    found = _DESCRIPTION.search(reading.body.folded, max(0, org.start - 60), org.start)
    return found.start() if found is not None else org.start


_OPENERS = frozenset({"between", "giua", "entre", "and", "va", "et"})
_LIST_ARTICLES = frozenset({"the", "le", "la", "les", "l'"})
_LIST_SEP = re.compile(r"^\s*(?:\([^()]{0,80}\))?\s*(?:,|&|and|va|et)\s*(?:the|l'|la|le)?\s*$")


def _listed(reading: _Reading, stmt: Statement, found: list[OrgMention]) -> list[OrgMention]:
    """Names without an organisation word listed among the parties ("HCMUT, VNU-HCM, FPT
    Software and QTSC signed"): a list of signatories holds only signatories."""
    bare = _bare_names(reading, stmt)
    if not bare:
        return []
    orgs = reading.sentence_orgs(stmt.index)
    party = {o.start for o in found} | {o.start for o in orgs if reading.home.is_home(o)}
    folded = reading.body.folded
    s = stmt.sentence
    venues = _venues(reading, s.start, s.end)
    out: list[OrgMention] = []
    for k, org in enumerate(orgs):
        if (
            org not in bare
            or org.is_unit
            or reading.home.covers(folded, org.start, org.end)
            or any(not folded[v : org.start].strip() for v in venues if v <= org.start)
        ):
            continue
        # "l'une avec Grenoble INP - Ensimag, l'autre avec IMT Atlantique": "with" joins a
        # name to the signing as plainly as a list does.
        with_joined = _WITH.search(folded[max(s.start, org.start - 30) : org.start]) is not None
        words = folded[s.start : org.start].split()
        while words and words[-1] in _LIST_ARTICLES:
            words.pop()  # "... et le Cirad", "and the Cirad"
        # A list item opens the sentence or follows a comma, "between" or another item:
        # "at the C1 Building, HUST and ..." names a place.
        if not with_joined and words and words[-1][-1:].isalpha() and words[-1] not in _OPENERS:
            continue
        before = orgs[k - 1] if k else None
        after = orgs[k + 1] if k + 1 < len(orgs) else None
        if (
            with_joined
            or (
                before is not None
                and before.start in party
                and _LIST_SEP.match(folded[before.end : org.start])
            )
            or (
                after is not None
                and after.start in party
                and _LIST_SEP.match(folded[org.end : after.start])
            )
        ):
            party.add(org.start)
            out.append(replace(org, listed=True))
    return out


_WITH = re.compile(r"(?:^|\s)(?:with|voi|cung|avec)(?:\s+(?:the|l'|la|le))?\s*$")
_AND_AFTER = re.compile(r"(?:,|\s(?:and|va|et))(?:\s+(?:the|l'|la|le))?\s*$")


def _bare_names(
    reading: _Reading, stmt: Statement, *, conjunct_only: bool = False
) -> list[OrgMention]:
    """Capitalised names without a head word ("Viettel", "Qualcomm") in the signing clause:
    not people (after a title, or Vietnamese personal names), places, months or countries.
    With `conjunct_only`, only those joined to the signing by "with", "and", "với", "cùng"."""
    start, end = _clause(reading, stmt)
    lex, body = reading.lex, reading.body
    out = []
    for org in reading.sentence_orgs(stmt.index):
        if org.has_head or org.start < start or org.start >= end or org.acronym == org.name:
            continue
        if reading.home.is_home(org) or _is_candidate(reading, org):
            continue
        before = body.folded[max(start, org.start - 30) : org.start]
        if titled_person(body, lex, org.start):
            continue
        name_key = key(org.name)
        parts = name_key.split()
        if not parts or lex.countries.label_of(org.name) or lex.cues["places"].label_of(org.name):
            continue
        if lex.cities.label_of(org.name) or parts[0] in lex.months:
            continue
        country = lex.countries.first(body.folded, org.start, min(len(body.folded), org.end + 20))
        if country is not None and country.start == org.start and country.end >= org.end:
            continue  # "Cong hoa Sec": a country's name that the marks would have kept whole
        if len(parts) >= 2 and all(p in lex.syllables for p in parts):
            continue  # a Vietnamese personal or place name
        if len(parts) == 1 and _syllable_of_word(reading, org):
            continue  # "Biên bản", "Hiệu trưởng": the first syllable of a common word
        if lex.cues["titles"].at(body.folded, org.start) is not None:
            continue  # "Giám đốc Đại học Huế": a title whose first syllable took a capital
        first = org.name.split()[0]
        if lex.has_word("stop_caps", parts[0], parts[0], marked=False) and not (
            first.isupper() and len(first) >= 2
        ):
            continue  # "Sau", "Theo" open sentences; "TU Wien" opens with an acronym
        if conjunct_only and not (
            _WITH.search(before)
            or _after_home(reading, body.folded[start : org.start])
            or _headed_by(reading, max(start, org.start - 40), org.start)
        ):
            continue
        out.append(org)
    return out


_OF_BEFORE = re.compile(r"\s(?:of|de|du|d'|cua)(?:\s+(?:the|l'|la|le))?\s*$")


def _headed_by(reading: _Reading, start: int, end: int) -> bool:
    """Whether the text before `end` is the title of who heads a body ("the General
    Director of", "le directeur général de", "Tổng Giám đốc của"): the name after it is that
    body, a signing side in the signing clause."""
    folded = reading.body.folded
    of = _OF_BEFORE.search(folded, start, end)
    if of is None:
        return False
    return (
        reading.lex.cues["head_titles"].before(folded, of.start(), of.start() - start) is not None
    )


def _with_list(reading: _Reading, stmt: Statement, first: list[OrgMention]) -> list[OrgMention]:
    """`first` and the names listed right after each of them ("with Synopsys, Marvell
    Technology Vietnam, Renesas Design Vietnam and the Saigon Hi-Tech Park Management
    Board"): the items of a list joined to the signing by "with" are all its parties."""
    if not first:
        return first
    bare = _bare_names(reading, stmt)
    folded = reading.body.folded
    out = list(first)
    previous: OrgMention | None = None
    for org in reading.sentence_orgs(stmt.index):
        if org in out:
            previous = org
            continue
        if (
            previous is not None
            and _LIST_SEP.match(folded[previous.end : org.start])
            and (org in bare or (org.has_head and _is_candidate(reading, org)))
        ):
            out.append(replace(org, listed=True))
            previous = out[-1]
            continue
        previous = None
    return sorted(out, key=lambda o: o.start)


def _syllable_of_word(reading: _Reading, org: OrgMention) -> bool:
    """Whether a one-word name is a marked Vietnamese syllable before a lowercase one: a
    Vietnamese name capitalises every syllable, so this opens a sentence or a title with a
    common word ("Biên bản ghi nhớ được ký", "Hiệu trưởng Trường X")."""
    text = reading.body.text
    after = text[org.end : org.end + 12].split()
    return (
        has_vietnamese_marks(org.name)
        and bool(after)
        and after[0][:1].islower()
        and has_vietnamese_marks(after[0])
    )


def _after_home(reading: _Reading, before: str) -> bool:
    """Whether `before` ends with "<home> and" ("USTH and Viettel signed ...")."""
    match = _AND_AFTER.search(before)
    if match is None:
        return False
    head = before[: match.start()].rstrip()
    found = list(reading.home.regex().finditer(head))
    return bool(found) and found[-1].end() == len(head)


def _collect_partners(
    reading: _Reading, clean: list[Statement], others: dict[int, list[OrgMention]]
) -> list[Candidate]:
    candidates: list[Candidate] = []
    ordered = [s for s in clean if not s.sentence.is_title] + [
        s for s in clean if s.sentence.is_title
    ]
    base_marked: bool | None = None
    for stmt in ordered:
        found = others.get(stmt.index, [])
        if not found or _in_passing(reading, stmt):
            continue
        if not candidates:
            for org in found:
                merge(candidates, org)
            base_marked = _marked(reading, stmt)
            continue
        new = [o for o in found if not any(same_org(o, c.forms()) for c in candidates)]
        for org in found:
            if org not in new:
                merge(candidates, org)
        if not new:
            continue
        if _marked(reading, stmt) != base_marked:
            # The same signing told again in the other language of a bilingual page: the
            # names are translations, in the same order.
            if len(new) == len(candidates):
                for cand, org in zip(candidates, new, strict=True):
                    cand.mentions.append(org)
            continue
        if stmt.sentence.is_title:
            # A headline sums up the body: it adds no counterpart of its own.
            continue
        s = stmt.sentence
        if stmt.verb is None and not reading.lex.cues["between"].first(
            reading.body.folded, s.start, s.end
        ):
            # "Before the signing ceremony, the delegation visited X": the ceremony named in
            # passing adds no party.
            continue
        for org in new:
            if org.has_head:
                merge(candidates, org)
    listed = _listed_parties(reading)
    if listed:
        # The article lists the parties: the names told around the signing ("on the
        # sidelines of the X Network meeting") are parties only as listed.
        candidates = [c for c in candidates if any(same_org(o, c.forms()) for o in listed)]
    for org in listed:
        merge(candidates, org)
    candidates = [
        c
        for c in candidates
        if any(m.has_head or m.acronym or m.listed or m.described for m in c.mentions)
    ]
    if not candidates:
        for stmt in ordered:
            for org in _with_list(reading, stmt, _bare_names(reading, stmt, conjunct_only=True)):
                merge(candidates, org)
            if candidates:
                reading.reasons.append(
                    "counterparts named next to the home institution or after 'with': "
                    + ", ".join(c.best.name for c in candidates)
                )
                break
    # With no counterpart in the statements, the other side from the rest of the article,
    # the surer source first.
    fallbacks: list[tuple[str, Callable[[], list[OrgMention]]]] = [
        ("counterparts from who represented each side", lambda: _represented(reading)),
        ("counterparts from a table of signatories", lambda: _signatories_table(reading)),
    ]
    if ordered:
        first = ordered[0]
        fallbacks += [
            (
                "counterparts from the bodies the signers were introduced with",
                lambda: _signers_bodies(reading, first),
            ),
            (
                "counterparts named in the title or just before the signing",
                lambda: _named_before(reading, first),
            ),
        ]
    for why, find in fallbacks:
        if candidates:
            break
        for org in find():
            merge(candidates, org)
        if candidates:
            reading.reasons.append(f"{why}: " + ", ".join(c.best.name for c in candidates))
    _enrich(reading, candidates)
    return candidates[:_MAX_PARTNERS]


# Between a word of time and the act it names: an article at most.
_ACT_TIME_GAP = re.compile(r"\s*(?:(?:the|la|le|l'|les)\s*)?")


def _in_passing(reading: _Reading, stmt: Statement) -> bool:
    """Whether a statement names the signing act only as a time ("Sau lễ ký, đoàn đã
    tham quan X", "After the signing ceremony, the delegation visited X"), with no verb,
    no "between" and no party in the act's own clause ("After the signing of the MoU with
    X, ..."): the names it holds are of something else."""
    event = stmt.event
    if stmt.verb is not None or event is None:
        return False
    folded, s, lex = reading.body.folded, stmt.sentence, reading.lex
    if lex.cues["between"].first(folded, s.start, s.end) is not None:
        return False
    clause = _CLAUSE_END.search(folded, event.end, s.end)
    if lex.cues["party_slots"].first(folded, event.end, clause.start() if clause else s.end):
        return False
    lo = max(s.start, event.start - 20)
    return any(
        _ACT_TIME_GAP.fullmatch(folded, h.end, event.start)
        for h in lex.cues["act_times"].find(folded, lo, event.start)
    )


_CLAUSE_END = re.compile(r"[,;:.]")


def _listed_parties(reading: _Reading) -> list[OrgMention]:
    """The organisations a sentence lists as the parties ("The parties to the agreement are
    A, B (Belgium) and C", "Các bên tham gia thỏa thuận gồm A, B và C", "Signatories
    were: A, Vietnam; B, Thailand"): who the list names, a few words, a verb or a colon,
    and a name right after it."""
    body = reading.body
    out: list[OrgMention] = []
    for hit in reading.lex.cues["party_lists"].find(body.folded):
        idx = reading.body.sentence_at(hit.start)
        opened = _list_opened(reading, hit, body.sentences[idx].end)
        if opened is None or reading.lex.cues["representing"].first(
            body.folded, body.sentences[idx].start, hit.start
        ):
            # "Về phía Trường X có PGS.TS. A; lãnh đạo các đơn vị: Phòng B, Viện C": who
            # came for one side, not the parties.
            continue
        end = _attendance_start(reading, idx)
        orgs = [o for o in reading.sentence_orgs(idx) if opened <= o.start < end]
        if not orgs and not body.folded[opened : body.sentences[idx].end].strip(" :\n"):
            # "Các doanh nghiệp ký kết với Nhà trường gồm:" and one item per line after it.
            orgs = _list_items(reading, idx + 1)
        elif not orgs or not _LIST_LEAD.fullmatch(body.folded, opened, orgs[0].start):
            continue
        out += [o for o in orgs if (o.has_head or o.acronym) and _is_candidate(reading, o)]
    return out


def _signatories_table(reading: _Reading) -> list[OrgMention]:
    """The parties of a table of signatories, read cell by cell: a heading of the parties'
    column ("Bên", "Party"), one of who signed ("Đại diện ký", "Signatory"), then rows
    whose cells are a body, a person, a title. The bodies named alone in a cell, by an
    organisation word, are the parties."""
    body, lex = reading.body, reading.lex
    sentences = body.sentences
    for idx in range(len(sentences) - 1):
        cell, following = sentences[idx], sentences[idx + 1]
        if cell.end - cell.start > _HEADING_CHARS:
            continue  # prose, no column heading
        if lex.cues["party_columns"].label_of(body.text[cell.start : cell.end]) is None:
            continue
        if lex.cues["signer_columns"].label_of(body.text[following.start : following.end]) is None:
            continue
        out = []
        for row in range(idx + 2, min(len(sentences), idx + 2 + _TABLE_CELLS)):
            sentence = sentences[row]
            if len(body.folded[sentence.start : sentence.end].split()) > _CELL_WORDS:
                break  # the table ends at the next paragraph of prose
            orgs = reading.sentence_orgs(row)
            whole = [o for o in orgs if o.has_head and _fills_cell(body, sentence, o)]
            out += [o for o in whole if _is_candidate(reading, o)]
        return out
    return []


# A table of signatories: at most this many cells after its headings, of at most this many
# words each.
_TABLE_CELLS = 40
_CELL_WORDS = 16
# A column heading is a word or a few ("Bên", "Đại diện ký", "Signing party").
_HEADING_CHARS = 30


def _fills_cell(body: Body, sentence: Sentence, org: OrgMention) -> bool:
    """Whether a name is all the cell holds but its country in brackets ("Tập đoàn X (Nhật
    Bản)")."""
    rest = body.folded[org.end : sentence.end]
    return not body.folded[sentence.start : org.start].strip() and (
        _CELL_TAIL.fullmatch(rest) is not None
    )


_CELL_TAIL = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*[.;]?\s*")


def _list_items(reading: _Reading, first: int) -> list[OrgMention]:
    """The names that open the lines of a list from sentence `first` on, one per line,
    until a line that opens with no name."""
    body, out = reading.body, []
    for idx in range(first, min(len(body.sentences), first + _MAX_PARTNERS)):
        sentence = body.sentences[idx]
        orgs = reading.sentence_orgs(idx)
        if not orgs or not _ITEM_LEAD.fullmatch(body.folded, sentence.start, orgs[0].start):
            break
        out.append(orgs[0])
    return out


# Before the name that opens a list item: a number or a bullet, an article at most.
_ITEM_LEAD = re.compile(r"[\s\d.)•*–-]*(?:(?:the|le|la|les)\s+|l['’]\s*)?")


# Between who a list of parties names and its verb: a few words ("to the agreement", "tham
# gia ký kết với nhà trường"), no punctuation; between the verb and the first name: a
# colon, an article.
_LIST_SUBJECT_GAP = re.compile(r"(?:\s+[\w'’-]+){0,8}\s*")
_LIST_LEAD = re.compile(r"[\s:]*(?:(?:the|la|le|les|l'|nha)\s*)?")


def _list_opened(reading: _Reading, subject: Hit, end: int) -> int | None:
    """Where the names of a list of parties start, when a verb of the subject's language
    or a colon closes the subject; else None."""
    folded, start = reading.body.folded, subject.end
    limit = min(end, start + 80)
    closers = [
        (h.start, h.end)
        for h in reading.lex.cues["party_list_verbs"].find(folded, start, limit)
        if h.lang == subject.lang
    ]
    colon = folded.find(":", start, limit)
    if colon >= 0:
        closers.append((colon, colon + 1))
    for begin, close in sorted(closers):
        if _LIST_SUBJECT_GAP.fullmatch(folded, start, begin):
            return close
    return None


def _named_before(reading: _Reading, stmt: Statement) -> list[OrgMention]:
    """ "A delegation from Kyoto University visited ... The two sides signed an MoU": when
    the signing names no one, the organisations of the title, else of the two sentences
    before it in its paragraph."""
    body = reading.body
    sentences = [i for i, s in enumerate(body.sentences) if s.is_title]
    if not any(
        _is_candidate(reading, o) and o.has_head
        for i in sentences
        for o in reading.sentence_orgs(i)
    ):
        s = stmt.sentence
        sentences = [
            i
            for i, x in enumerate(body.sentences)
            if x.paragraph == s.paragraph and x.end <= s.start and not x.is_title
        ][-2:]
        if not sentences and stmt.index > 0 and not s.is_title:
            sentences = [stmt.index - 1]
    out = []
    for i in sentences:
        end = _attendance_start(reading, i)
        out += [
            o
            for o in reading.sentence_orgs(i)
            if o.start < end and o.has_head and _is_candidate(reading, o)
        ]
    # "les deux universités ont signé": of the names before, those of the kind it says (a
    # partner's institute named with its delegation is not the other university).
    folded, s = body.folded, stmt.sentence
    two = reading.lex.cues["two_sides"].first(folded, s.start, s.end)
    head = reading.lex.cues["org_heads"].first(folded, two.start, two.end) if two else None
    if head is not None and any(o.kind == head.label for o in out):
        out = [o for o in out if o.kind == head.label]
    return out


def _attendance_start(reading: _Reading, idx: int) -> int:
    s = reading.body.sentences[idx]
    hit = reading.lex.cues["attendance"].first(reading.body.folded, s.start, s.end)
    return hit.start if hit is not None else s.end


def _marked(reading: _Reading, stmt: Statement) -> bool:
    s = stmt.sentence
    return has_vietnamese_marks(reading.body.text[s.start : s.end])


def _representing_spans(reading: _Reading) -> list[tuple[int, int]]:
    hits = reading.lex.cues["representing"].find(reading.body.folded)
    return [(h.start, min(h.end + 200, len(reading.body.folded))) for h in hits][:8]


def _represented(reading: _Reading) -> list[OrgMention]:
    """Organisations right after "Representing", "on behalf of", "Đại diện" cues."""
    body = reading.body
    out: list[OrgMention] = []
    for hit in reading.lex.cues["representing"].find(body.folded):
        idx = reading.body.sentence_at(hit.start)
        if idx < 0 or _attendance_start(reading, idx) <= hit.start:
            # "Tham dự lễ ký có đại diện UBND thành phố": those who attended sign nothing.
            continue
        for org in reading.sentence_orgs(idx):
            if org.start < hit.end or org.start > hit.end + 60:
                continue
            if _is_candidate(reading, org) and org.has_head:
                out.append(org)
            break
    return out


def _signers_bodies(reading: _Reading, stmt: Statement) -> list[OrgMention]:
    """ "Prof. Dr. Nguyen Truc Le and Prof. Andrew Holloway signed an agreement": when people
    sign, each signs for the body the article introduced them with elsewhere ("Prof. Andrew
    Holloway, Pro Vice-Chancellor (International) of Northumbria University")."""
    body = reading.body
    if stmt.verb is None:
        return []
    out: list[OrgMention] = []
    people = find_signatories(body, reading.lex, [(stmt.sentence.start, stmt.anchor.start)])
    for person in people:
        name = fold(person.name)
        for idx, sentence in enumerate(body.sentences):
            at = body.folded.find(name, sentence.start, sentence.end)
            if at < 0 or idx == stmt.index:
                continue
            org = (
                _introduced_with(reading, idx, at + len(name))
                or _led_by(reading, idx, at)
                or _delegation_led(reading, idx, at)
            )
            if org is not None:
                if _is_candidate(reading, org):
                    out.append(org)
                break
    return out


# Between a person and the body the person speaks for: a title, no other person or clause.
_AFFILIATION_REACH = 80
_AFFILIATION_BREAK = re.compile(r"[;:]|(?<![a-z])(?:and|va|et)(?![a-z])")


def _introduced_with(reading: _Reading, idx: int, after: int) -> OrgMention | None:
    """The body named right after a person and a title in sentence idx ("X, Rector of Y",
    "PGS.TS X, Hiệu trưởng Trường Y")."""
    for org in reading.sentence_orgs(idx):
        if org.start < after or not (org.has_head or org.acronym):
            continue  # words of the title ("Pro Vice-Chancellor (International)")
        return org if _titled_between(reading, after, org.start) else None
    return None


def _titled_between(reading: _Reading, start: int, end: int) -> bool:
    """Whether a person and a body are tied by a title between them: close, a title, no
    other person or clause ("X, Rector of Y", "Y, conduite par son président, M. X")."""
    folded = reading.body.folded
    return (
        end - start <= _AFFILIATION_REACH
        and _AFFILIATION_BREAK.search(folded, start, end) is None
        and reading.lex.cues["titles"].first(folded, start, end) is not None
    )


def _led_by(reading: _Reading, idx: int, at: int) -> OrgMention | None:
    """The body named right before a person and the title the person holds in it ("une
    délégation du CNRAE, conduite par son président-directeur général, M. X")."""
    before = [
        o
        for o in reading.sentence_orgs(idx)
        if o.end <= at and at - o.end <= _AFFILIATION_REACH and (o.has_head or o.acronym)
    ]
    return before[-1] if before and _titled_between(reading, before[-1].end, at) else None


# "The delegation was led by X", "đoàn do X dẫn đầu", "conduite par X".
_LEADS = re.compile(r"(?<![a-z])(?:led by|headed by|conduite par|conduit par|dirigee par|do)\s")
# "a delegation from Kasetsart University", "une délégation de l'Université X", "đoàn công
# tác Trường X": the body a delegation comes from.
_DELEGATION_OF = re.compile(
    r"(?<![a-z])(?:delegation|delegations|doan(?: cong tac)?)\s+(?:from|of|de|du|d'|cua)?\s*"
    r"(?:the\s+|l'\s*|la\s+|le\s+)?"
)


def _delegation_led(reading: _Reading, idx: int, at: int) -> OrgMention | None:
    """ "A delegation from Kasetsart University ... The delegation was led by X": a person who
    led the delegation signs for the body it came from."""
    folded, body = reading.body.folded, reading.body
    sentence = body.sentences[idx]
    if _LEADS.search(folded, max(sentence.start, at - 80), at) is None:
        return None
    for k in range(idx, max(-1, idx - 3), -1):
        s = body.sentences[k]
        for found in _DELEGATION_OF.finditer(folded, s.start, s.end):
            org = next(
                (o for o in reading.sentence_orgs(k) if o.start == found.end()),
                None,
            )
            if org is not None and (org.has_head or org.acronym):
                return org
    return None


def _enrich(reading: _Reading, candidates: list[Candidate]) -> None:
    """Add definitions found elsewhere ("French National Centre for Space Studies (CNES)")."""
    if not candidates:
        return
    # Sentences not read yet that write a partner's name may say where it is from ("A
    # delegation of Aalto University in Espoo, Finland, ...").
    body = reading.body
    names = [fold(c.best.name) for c in candidates if len(c.best.name) >= 4]
    # A partner named by its acronym alone ("KTU") is defined elsewhere: "Kaunas University
    # of Technology (KTU), Lithuania".
    acronyms = [
        re.compile(rf"\(\s*{re.escape(fold(c.best.name))}\s*\)")
        for c in candidates
        if 3 <= len(c.best.name) < 4 and c.best.name.isupper()
    ]
    for idx, s in enumerate(body.sentences):
        if idx not in reading.orgs and (
            any(n in body.folded[s.start : s.end] for n in names)
            or any(a.search(body.folded, s.start, s.end) for a in acronyms)
        ):
            reading.sentence_orgs(idx)
    for idx in list(reading.orgs):
        for org in reading.orgs[idx]:
            if not org.has_head or reading.home.is_home(org) or org.is_unit:
                continue
            for cand in candidates:
                if org in cand.mentions:
                    continue
                if same_org(org, cand.forms()) and (org.acronym or org.country):
                    cand.mentions.append(org)
                    break


def _signing_text(reading: _Reading, clean: list[Statement]) -> str:
    """The sentences that state the signing, without the home's names ("Vietnam France
    University" says nothing of where a partner is) and without whom they name as present
    ("in the presence of the Ambassador of France")."""
    body = reading.body
    parts = []
    for stmt in clean:
        start, end = stmt.sentence.start, stmt.sentence.end
        present = reading.lex.cues["attendance"].first(body.folded, stmt.anchor.end, end)
        end = present.start if present is not None else end
        text = body.text[start:end]
        for m in reading.home.regex().finditer(body.folded, start, end):
            a, b = m.start() - start, m.end() - start
            text = text[:a] + " " * (b - a) + text[b:]
        parts.append(text)
    return " ".join(parts)


def _partners(
    reading: _Reading,
    candidates: list[Candidate],
    article: Article,
    institution: InstitutionConfig,
    registry: Mapping[str, str],
    *,
    signing: str,
) -> tuple[PartnerDraft, ...]:
    # Both read the whole text: only for the partners whose country is still open, once.
    @cache
    def descriptions() -> Mapping[str, str]:
        return _descriptions(reading, candidates)

    @cache
    def vietnamese_heads() -> frozenset[str]:
        return _vietnamese_heads(reading, candidates)

    # The headline as read (a "title" that only repeats the lead paragraph is no headline).
    title = reading.body.text[: reading.body.title_end]
    title_and_url = f"{title} {article.url.replace('-', ' ').replace('/', ' ')}"
    ctx = CountryContext(
        reading.lex,
        title_and_url,
        institution.country,
        {key(k): v for k, v in registry.items()},
        descriptions,
        tuple(name for cand in candidates for name in cand.strings()),
        vietnamese_heads,
        signing,
    )
    out = []
    for cand in candidates:
        best = cand.best
        country, source = country_of(cand, ctx)
        out.append(
            PartnerDraft(
                name=best.name,
                acronym=cand.acronym,
                country=country,
                kind=cand.kind,
                mentions=cand.strings(),
            )
        )
        reading.reasons.append(
            f"partner '{best.name}' ({cand.kind}, {country or 'country unknown'}: {source})"
        )
    return tuple(out)


# "<person>, <head title> de l'|of the|của <partner>": the person is written before the comma.
_HEADED = re.compile(r"((?:[^\W\d_][\w'’.-]*\s+){0,4}[^\W\d_][\w'’.-]*),\s+([^,;()]{2,50}?)\s*$")
# The end of _HEADED, from its comma.
_AFTER_COMMA = re.compile(r",\s+([^,;()]{2,50}?)\s*$")
_SEATED = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?(?:in|au|en|a|tai)\s")
_OF_END = re.compile(r"(?:^|\s)(?:of|de|du|cua)(?:\s+(?:the|la|le)|\s*l')?\s*$|\sd'\s*$")


def _vietnamese_heads(reading: _Reading, candidates: list[Candidate]) -> frozenset[str]:
    """The partners (keys of their names) that the text says are headed by a person with a
    Vietnamese name ("le Dr Pham Ngoc Thach, Directeur de l'Hôpital ..."); a partner's
    representative says nothing, its director or president does."""
    body, lex = reading.body, reading.lex
    out: set[str] = set()
    for cand in candidates:
        for name in {m.name for m in cand.mentions if len(m.name) >= 4}:
            written = fold(name)
            start = body.folded.find(written)
            while start >= 0 and not out.issuperset(cand.forms()):
                # The search tries every position of the window: first the cheap test that
                # can rule it out. A match holds the window's last comma (none after it),
                # and what follows that comma must read as a position.
                window = max(0, start - 120)
                comma = body.text.rfind(",", window, start)
                found = comma >= 0 and _AFTER_COMMA.match(body.text, comma, start) is not None
                match = _HEADED.search(body.text, window, start) if found else None
                # "Directrice de l'IRD au Vietnam" heads a country office, not the body.
                office = _SEATED.match(body.folded, start + len(written)) is not None
                if match and not office and _vietnamese_head(lex, match.group(1), match.group(2)):
                    out.update(cand.forms())
                start = body.folded.find(written, start + len(written))
    return frozenset(out)


def _vietnamese_head(lex: Lexicon, person: str, position: str) -> bool:
    """Whether `position` is a head's title ending in "of" and `person` a Vietnamese name."""
    folded = fold(position)
    title = lex.cues["head_titles"].first(folded)
    if title is None or title.start != 0 or _OF_END.search(folded) is None:
        return False
    words = person.split()
    while words and (lex.has_word("titles", words[0], fold(words[0])) or not words[0][0].isupper()):
        words = words[1:]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    return has_vietnamese_marks(" ".join(words)) or all(fold(w) in lex.syllables for w in words)


def _descriptions(reading: _Reading, candidates: list[Candidate]) -> dict[str, str]:
    """Countries from sentences that describe a partner: "X is one of France's leading ..."."""
    body, lex = reading.body, reading.lex
    out: dict[str, str] = {}
    forms = {f for c in candidates for f in c.forms() if len(f) >= 3}
    for hit in lex.cues["description_verbs"].find(body.folded):
        sentence = body.sentences[reading.body.sentence_at(hit.start)]
        before = key(body.text[max(sentence.start, hit.start - 80) : hit.start])
        subject = next((f for f in forms if before.endswith(f)), None)
        if subject is None:
            continue
        # "X, headquartered in Osaka": a city right after the verb says it as well.
        country = _place_label(lex, body, hit.end, sentence.end, min(sentence.end, hit.end + 30))
        if country is not None and subject not in out:
            out[subject] = country
    # "Headquartered in Changwon, Korea, Seojin Mechatronics manufactures ...": the seat
    # opens the sentence, the partner follows it, often without its legal form.
    short = {_without_legal_form(lex, f): f for f in forms}
    for hit in lex.cues["seat_openers"].find(body.folded):
        sentence = body.sentences[reading.body.sentence_at(hit.start)]
        if body.folded[sentence.start : hit.start].strip():
            continue
        after = key(body.text[hit.end : min(sentence.end, hit.end + 120)])
        said = min(
            (f for f in short if len(f) >= 3 and f" {f} " in f" {after} "),
            key=lambda f: f" {after} ".index(f" {f} "),
            default=None,
        )
        if said is None:
            continue
        subject = short[said]
        # The place is what the opener's first words name.
        near = min(sentence.end, hit.end + 60)
        place = _place_label(lex, body, hit.end, near, near)
        if place is not None and subject not in out:
            out[subject] = place
    return out


def _place_label(lex: Lexicon, body: Body, start: int, end: int, city_end: int) -> str | None:
    """The country named in folded[start:end], else that of a city in folded[start:city_end]."""
    hit = next(lex.countries.find(body.folded, start, end, original=body.text), None)
    hit = hit or lex.cities.first(body.folded, start, city_end)
    return hit.label if hit is not None else None


def _without_legal_form(lex: Lexicon, form: str) -> str:
    """A company's name key without the company words that close it ("seojin mechatronics
    co., ltd." -> "seojin mechatronics")."""
    words = form.split()
    heads = lex.cues["org_heads"]
    while len(words) > 1 and "company" in {
        heads.label_of(words[-1]),
        heads.label_of(words[-1] + "."),
    }:
        words.pop()
    return " ".join(words)


def _unit_heads_the_page(reading: _Reading) -> bool:
    """Whether the headline names a unit without an owner ("Faculty of Journalism and
    Communication celebrates ..."): a unit's page on its university's site, about the
    home."""
    index = reading.body.title_index
    if index < 0:
        return False
    return any(
        # A unit's word alone ("Ban", "Bản") names no unit.
        o.is_unit and o.parent is None and o.kind != "government" and len(o.name.split()) >= 2
        for o in reading.sentence_orgs(index)
    )


def _learn_home(reading: _Reading, statements: list[Statement]) -> None:
    """Definitions ("Full Name (ACRONYM)") in the title, the lead and the statements teach
    the home institution's aliases before anyone is judged a party; so do its units and
    member schools named with it ("le Département de français de l'Université de Hanoï",
    "l'Université de Médecine et de Pharmacie, Université de Hué"), which may sign for it."""
    body, home = reading.body, reading.home
    lead = [
        i
        for i, s in enumerate(body.sentences)
        if s.paragraph <= 1 and home.mentioned(body.folded, s.start, s.end)
    ][:8]
    for idx in sorted({*lead, *(s.index for s in statements)}):
        home.learn(reading.sentence_orgs(idx))
    if not lead and home.mentioned(body.folded, 0, len(body.folded)) is None:
        # A page that never names its home as configured may name it in another language.
        opening = [i for i, s in enumerate(body.sentences) if s.paragraph <= 1][:8]
        for idx in sorted({*(s.index for s in statements), *opening}):
            home.adopt_translations(reading.sentence_orgs(idx), reading.lex)


def _referred_nouns(reading: _Reading, main: Statement) -> list[Hit]:
    """The agreement a signing names by no noun of its own refers to ("have renewed their
    Memorandum of Understanding ... The renewal was signed on Nov. 7"): the nouns of the
    sentence before it, else of the headline."""
    body, nouns = reading.body, reading.lex.cues["agreement_nouns"]
    previous = body.sentences[main.index - 1] if main.index > 0 else None
    for sentence in (previous, body.title):
        found = (
            [] if sentence is None else list(nouns.find(body.folded, sentence.start, sentence.end))
        )
        if found:
            return found
    return []


def _renewal(reading: _Reading, statements: list[Statement], candidates: list[Candidate]) -> bool:
    body, lex = reading.body, reading.lex
    hit = next(
        (h for h in lex.cues["renewal"].find(body.folded) if as_written(lex, "renewal", h, body)),
        None,
    )
    if hit is not None:
        reading.reasons.append(f"renewal cue '{reading.quote(hit.start, hit.end)}'")
        return True
    for stmt in statements:
        if "background" not in stmt.qualifiers:
            continue
        for org in reading.sentence_orgs(stmt.index):
            if not org.has_head and not org.acronym:
                continue
            if any(same_org(org, c.forms()) for c in candidates):
                reading.reasons.append(
                    f"an earlier signing with '{org.name}' in {reading.where(stmt)}: a renewal"
                )
                return True
    return False


def _confidence(
    reading: _Reading, main: Statement, clean: list[Statement], partners: bool, dated: bool
) -> float:
    score = 0.55
    if main.party == "home":
        score += 0.15
    if any(s.sentence.is_title or s.sentence.paragraph <= 1 for s in clean):
        score += 0.1
    if main.verb is not None and main.nouns:
        score += 0.05
    if partners:
        score += 0.07
    if dated:
        score += 0.05
    if len(clean) >= 2:
        score += 0.03
    return round(min(score, 0.99), 2)
