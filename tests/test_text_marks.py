"""The Vietnamese letters pattern, written in both cases, matches exactly the characters
that the same letters match ignoring case."""

from __future__ import annotations

import re

from pactwatch.agreements.text import _VI_LETTERS, _VI_MARKED, has_vietnamese_marks


def test_same_characters_as_ignoring_case() -> None:
    ignoring_case = re.compile(f"[{_VI_MARKED}]", re.IGNORECASE)
    every = "".join(map(chr, range(0x110000)))
    expected = [m.start() for m in ignoring_case.finditer(every)]
    assert [m.start() for m in _VI_LETTERS.finditer(every)] == expected


def test_marks() -> None:
    assert has_vietnamese_marks("Trường ĐẠI HỌC")
    assert has_vietnamese_marks("Ơ")
    assert not has_vietnamese_marks("Université de Lyon")
