"""A matcher of several categories rules them out exactly: when its `any_match` finds nothing
in a range, no category it was built from has a hit there (what the extractor relies on to
skip the per-category searches)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.agreements import load_lexicon
from pactwatch.agreements.text import fold

LEX = load_lexicon()
# Qualifier categories, and small ones whose phrases share words and punctuation.
GROUPS = [
    ("plan", "statistic", "background", "generic", "negation", "commercial"),
    ("titles", "org_heads", "places"),
    ("today", "yesterday"),
    ("renewal", "predecessor"),
]
# Phrases of the groups cut into pieces, so that examples hold whole, partial and glued cues.
PIECES = sorted(
    {
        piece
        for group in GROUPS
        for category in group
        for phrase in LEX.cues[category].phrases()[:40]
        for piece in (phrase, phrase[: len(phrase) // 2], phrase[len(phrase) // 2 :])
    }
    | {" ", ".", ",", "-", "(", ")", "\n", "x", "9", "Đ"}
)


@settings(max_examples=300, deadline=None)
@given(
    group=st.sampled_from(GROUPS),
    parts=st.lists(st.sampled_from(PIECES), max_size=12),
    bounds=st.tuples(st.integers(-2, 200), st.integers(0, 200)),
)
def test_no_union_match_means_no_hit(
    group: tuple[str, ...], parts: list[str], bounds: tuple[int, int]
) -> None:
    text = fold("".join(parts))
    start, end = bounds[0], min(bounds[1], len(text))
    union = LEX.any_of(group)
    for category in group:
        hits = list(LEX.cues[category].find(text, start, end))
        assert union.any_match(text, start, end) or not hits, (category, text, start, end)
    # The same on a whole text (the anchored search at its start), and on each hit alone.
    for category in group:
        matcher = LEX.cues[category]
        for hit in matcher.find(text):
            assert union.any_match(text), (category, text)
            if list(matcher.find(text, hit.start, hit.end)):
                assert union.any_match(text, hit.start, hit.end), (category, text, hit)


def test_union_is_built_once() -> None:
    assert LEX.any_of(GROUPS[0]) is LEX.any_of(GROUPS[0])
