"""Text preparation: normalisation, folding, sentences and tokens.

Folding keeps one character for one character (lowercase, accents and Vietnamese marks
removed, "đ" -> "d", curly quotes and dashes made plain), so an offset found in the folded
text is the same offset in the original: cues are matched on folded text and quoted from the
original. Usage::

    body = prepare(("On 27 January 2026, USTH signed...",), title="USTH signs", max_chars=20_000)
    body.folded[body.sentences[1].start:body.sentences[1].end]
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_PLAIN = {
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "ı": "i",
    "İ": "i",
    "ß": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "\t": " ",
}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin-1, Latin Extended-A/B and Latin Extended Additional (all Vietnamese letters).
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base.isascii():
            table[code] = base
    for char, plain in _PLAIN.items():
        table[ord(char)] = plain
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


def normalise(text: str) -> str:
    """NFC, with control characters turned into spaces (offsets of the result are used)."""
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub(" ", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold(text: str) -> str:
    """Lowercase, accent-free text of exactly the same length as `text`."""
    if text.isascii():
        lowered = text.lower()
        if "`" in lowered:
            lowered = lowered.replace("`", "'")
        return lowered.replace("\t", " ") if "\t" in lowered else lowered
    # str.translate looks every non-ASCII character up in a dict, which is slow on
    # Vietnamese text. Decomposed, such text is ASCII letters, combining marks and a few
    # other characters: a byte codec and bytes.translate fold that in C. Only characters
    # checked to fold exactly like the table take this way.
    if len(text) > 16:
        fast = _byte_fold()
        if fast.outside.search(text) is None:
            encoded = fast.encode(unicodedata.normalize("NFD", text))
            return encoded.translate(fast.table, fast.marks).decode("ascii")
    return _fold_by_table(text)


def _fold_by_table(text: str) -> str:
    folded = text.translate(_fold_table())
    lowered = folded.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lowercase to two; keep the one-to-one offsets.
    return "".join(c.lower()[:1] or c for c in folded)


@dataclass(frozen=True, slots=True)
class _ByteFold:
    # Any character but ASCII and the checked ones: fold with the table instead.
    outside: re.Pattern[str]
    # ASCII as itself, the combining marks and the plain-mapped characters as bytes 128+.
    encode: Callable[[str], bytes]
    # Bytes to their folded ASCII byte, and the bytes of the marks (deleted).
    table: bytes
    marks: bytes


@lru_cache(maxsize=1)
def _byte_fold() -> _ByteFold:
    candidates = [
        chr(c) for c in [*range(0x80, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
    ]
    marks = sorted(
        {m for c in candidates for m in unicodedata.normalize("NFD", c) if unicodedata.combining(m)}
    )
    specials = [c for c in _PLAIN if not c.isascii()]
    decoding = "".join(chr(code) for code in range(128)) + "".join(marks + specials)
    encoding = codecs.charmap_build(decoding + "\ufffe" * (256 - len(decoding)))
    table = bytearray(range(256))
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for char, plain in _PLAIN.items():
        table[decoding.index(char)] = ord(plain)
    mark_bytes = bytes(range(128, 128 + len(marks)))

    def by_bytes(char: str) -> str | None:
        decomposed = unicodedata.normalize("NFD", char)
        if unicodedata.combining(decomposed[0]):
            return None  # would be reordered with the marks before it
        try:
            encoded = codecs.charmap_encode(decomposed, "strict", encoding)[0]
        except UnicodeEncodeError:
            return None
        return encoded.translate(table, mark_bytes).decode("ascii")

    checked = "".join(re.escape(c) for c in candidates if by_bytes(c) == _fold_by_table(c))
    return _ByteFold(
        outside=re.compile(f"[^\\x00-\\x7f{checked}]"),
        encode=lambda text: codecs.charmap_encode(text, "strict", encoding)[0],
        table=bytes(table),
        marks=mark_bytes,
    )


# Values, never changed once made; not frozen because a frozen __init__ costs about three
# times as much, and extraction makes thousands of these per page.
@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    """A sentence of the prepared text: [start, end) offsets, paragraph index, title flag."""

    start: int
    end: int
    paragraph: int
    is_title: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    """The article's title and body joined into one string, folded, and cut into sentences."""

    text: str
    folded: str
    sentences: tuple[Sentence, ...]
    title_end: int
    # Whether the text writes Vietnamese marks at all: if it does, an unmarked "Quy" is
    # not the marked "Quỹ".
    marked: bool = False
    # Where each sentence starts, for `sentence_at`.
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    # The index of the headline's sentence, -1 when the article has none.
    title_index: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(s.start for s in self.sentences))
        title = next((i for i, s in enumerate(self.sentences) if s.is_title), -1)
        object.__setattr__(self, "title_index", title)

    def sentence_at(self, pos: int) -> int:
        """The index of the sentence that holds text position `pos` (-1 before the first)."""
        return bisect_right(self.starts, pos) - 1

    @property
    def title(self) -> Sentence | None:
        """The headline's sentence, when the article has one."""
        return self.sentences[self.title_index] if self.title_index >= 0 else None

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]


# A sentence ends at . ! ? followed by space and an upper-case letter, digit, quote or bracket.
# The lookbehind makes only the first mark of a run try to match: no quadratic rescans. It
# stands after the first mark, so that the engine skips straight to marks instead of trying
# it at every character.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)]?\s++(?=[\"'“‘(\[]?[^\W_a-z])")


# A legal form that closes a company's name, and the legal forms that may follow one
# ("JSC. Ltd"): titles do not ("JSC. Ms. X said" is two sentences).
_NAME_CLOSERS = frozenset({"jsc"})
_LEGAL_WORDS = frozenset({"co", "ltd", "inc", "corp", "llc", "plc", "jsc", "pte", "bhd"})


def _split(text: str, offset: int, paragraph: int, abbreviations: frozenset[str]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[max(0, match.start() - 20) : match.start() + 1].split()
        word = before[-1].lstrip("(") if before else ""
        # "Assoc.Prof.Dr." ends with the abbreviation "Dr".
        word = word.rstrip(".").rsplit(".", 1)[-1] or word
        folded_word = fold(word)
        if folded_word in _NAME_CLOSERS:
            # "... and Hoa Binh Automation JSC. Under the agreements, ...": a legal form that
            # closes a name ends the sentence, unless another legal form follows ("Co. Ltd").
            following = text[match.end() : match.end() + 8].split()
            if not following or fold(following[0]).rstrip(".,") in _LEGAL_WORDS:
                continue
        elif folded_word in abbreviations or (len(word) <= 2 and word[:1].isupper()):
            continue
        end = match.end()
        if text[start:end].strip():
            out.append(Sentence(offset + start, offset + match.start() + 1, paragraph))
        start = end
    if text[start:].strip():
        out.append(Sentence(offset + start, offset + len(text), paragraph))
    return out


def prepare(
    paragraphs: Sequence[str],
    *,
    title: str | None,
    abbreviations: frozenset[str],
    max_chars: int = 20_000,
    max_paragraphs: int = 80,
    max_sentence: int = 1_500,
) -> Body:
    """Join title and paragraphs (capped) into one folded text cut into sentences.

    The caps bound the work on a hostile page: only the first `max_chars` of body text and
    `max_paragraphs` paragraphs are read, and no sentence is longer than `max_sentence`.
    """
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    title_end = 0
    title_key = " ".join(fold(normalise(title or "")).split())
    if title_key and paragraphs and _repeats(paragraphs[0], title_key):
        # The first paragraph repeats the title (plain-text pages, some templates): a
        # headline is read once, as the title, and the lead is the paragraph after it; a
        # "title" that is a whole paragraph is no headline, and is read as the lead.
        if _is_headline(title or "", ""):
            paragraphs = paragraphs[1:]
        else:
            title, title_key = None, ""
    if title and title.strip():
        clean = normalise(title.strip())[:max_sentence]
        parts.append(clean)
        sentences.append(Sentence(0, len(clean), -1, is_title=True))
        offset = len(clean) + 2
        title_end = len(clean)
        parts.append("\n\n")
    budget = max_chars
    for index, raw in enumerate(paragraphs[:max_paragraphs]):
        if budget <= 0:
            break
        para = normalise(raw)[:budget]
        budget -= len(para)
        for line in para.split("\n"):
            if line.strip():
                if index == 0 and _is_headline(line, title_key):
                    # The headline repeated as the first line, or a title-less page's headline.
                    sentences.append(Sentence(offset, offset + len(line), index, is_title=True))
                else:
                    for sent in _split(line, offset, index, abbreviations):
                        sentences.extend(_cap(sent, max_sentence))
            offset += len(line) + 1
            parts.append(line + "\n")
        parts.append("\n")
        offset += 1
    text = "".join(parts)
    return Body(text, fold(text), tuple(sentences), title_end, has_vietnamese_marks(text))


def _repeats(paragraph: str, title_key: str) -> bool:
    if len(paragraph) > 2 * len(title_key) + 40:
        return False
    return " ".join(fold(normalise(paragraph)).split()) == title_key


def _is_headline(line: str, title_key: str) -> bool:
    text = line.strip()
    if title_key:
        return " ".join(fold(text).split()) == title_key
    return len(text) <= 160 and text[-1:] not in ".!?:;…" and not text[:1].islower()


def _cap(sentence: Sentence, limit: int) -> list[Sentence]:
    if sentence.end - sentence.start <= limit:
        return [sentence]
    return [
        Sentence(start, min(start + limit, sentence.end), sentence.paragraph)
        for start in range(sentence.start, sentence.end, limit)
    ]


# French elisions ("l'Université", "d'études") are tokens of their own.
WORD = re.compile(
    r"(?:[ldjnsmtcLDJNSMTC]|[qQ]u)['’](?=[^\W\d_])|[^\W_](?:[\w'’.&-]*(?<=[^\W_]))?\.?|[()\[\],;:–—\-/\"“”«»]"
)


# Values, never changed once made; not frozen because a frozen __init__ costs about three
# times as much, and extraction makes thousands of these per page.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    folded: str
    start: int
    end: int
    # Read once per token here: the name readers ask each token again and again.
    is_word: bool = field(default=False, compare=False)
    is_cap: bool = field(default=False, compare=False)
    # The folded word without a sentence-final dot (kept on abbreviations like "Co.").
    word: str = field(default="", compare=False)

    @property
    def is_acronym(self) -> bool:
        if self.text[1:].islower():
            # At most the first letter is a capital (the usual "University"): no acronym.
            return False
        bare = self.text.rstrip(".")
        if len(bare) >= 3 and bare[-1] == "s" and bare[:-1].isupper():
            # "ICs", "SMEs", "NGOs": the plural of a common noun's acronym.
            return False
        letters = [c for c in self.text if c.isalpha()]
        upper = sum(1 for c in letters if c.isupper())
        return (
            len(letters) >= 2
            and upper >= 2
            and upper >= len(letters) - 2
            and upper * 2 > len(letters)
        )


def tokens(text: str, folded: str, start: int, end: int) -> list[Token]:
    """Words and punctuation of text[start:end], with folded forms and absolute offsets."""
    out = []
    # The spans first, in one comprehension: a loop over the matches themselves costs more.
    for a, b in [match.span() for match in WORD.finditer(text, start, end)]:
        word = text[a:b]
        first = word[0]
        cap = first.isupper() or (first.isdigit() and word[-1].isalpha())
        lowered = folded[a:b]
        bare = lowered[:-1] if lowered[-1] == "." and lowered not in KEEP_DOT else lowered
        out.append(Token(word, lowered, a, b, first.isalnum(), cap, bare))
    return out


# Abbreviations whose dot is part of the word, not a sentence's end.
KEEP_DOT = frozenset({"co.", "ltd.", "inc.", "corp.", "tp.", "st."})


# The five Vietnamese tone marks (acute, grave, hook, tilde, dot below), decomposed.
_TONES = frozenset("\u0301\u0300\u0309\u0303\u0323")


@lru_cache(maxsize=4096)
def tones(text: str) -> tuple[str, ...]:
    """The tone mark of each word ("" for none): "ký tại" -> ("\u0301", "\u0323"). "kí" and
    "ký", "thoả" and "thỏa" carry the same tones; "kỳ" (a term) and "ký" (to sign) do not."""
    out = []
    for word in text.lower().split():
        marks = [c for c in unicodedata.normalize("NFD", word) if c in _TONES]
        out.append(marks[0] if marks else "")
    return tuple(out)


def same_tones(written: str, entry: str) -> bool:
    """Whether text written with Vietnamese marks can be the lexicon entry `entry` (both
    folding to the same phrase): every word carries the entry's tone."""
    if written.isascii():
        return True
    mine, theirs = tones(" ".join(written.split())), tones(entry)
    return len(mine) != len(theirs) or mine == theirs


def has_vietnamese_marks(text: str) -> bool:
    """True when `text` has letters that only Vietnamese writes (ơ, ư, ă, đ, tone marks)."""
    return _VI_LETTERS.search(text) is not None


_VI_MARKED = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũơ"
# Both cases written out rather than re.IGNORECASE: the engine then skips to candidate
# characters instead of trying every position.
_VI_LETTERS = re.compile("[" + "".join(sorted({*_VI_MARKED, *_VI_MARKED.upper()})) + "]")
