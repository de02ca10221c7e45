"""Exact (as written) lexicon entries: the pattern that checks the character before each
phrase after its first character finds what one leading lookbehind finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.agreements.lexicon import _exact_regex

PHRASES = [["INP", "Sở"], ["à", "À"], ["Pháp", "Lào", "Úc", "Bỉ", "Áo"], ["ab", "a", "b-c", "-x"]]


def plain(phrases: list[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


@settings(max_examples=300, deadline=None)
@given(data=st.data(), phrases=st.sampled_from(PHRASES))
def test_same_matches_as_a_leading_lookbehind(data: st.DataObject, phrases: list[str]) -> None:
    pieces = [*phrases, *"".join(phrases), " ", "_", "9", "é", ".", "-", "Z"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    expected = [m.span() for m in plain(phrases).finditer(text, pos, end)]
    assert [m.span() for m in _exact_regex(phrases).finditer(text, pos, end)] == expected
