"""`HomeSide.covers` finds the same home names as a plain search of the names pattern (it
scans for the character before a name instead of trying the lookbehind everywhere)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.agreements.home import HomeSide
from pactwatch.agreements.text import fold
from pactwatch.config import InstitutionConfig

HOME = HomeSide.build(
    InstitutionConfig(
        id="usth",
        name="University of Science and Technology of Hanoi",
        aliases=("USTH", "Trường ĐH Khoa học và Công nghệ Hà Nội", "Grenoble INP - UGA"),
    )
)
PIECES = ["usth", "ugA", "university of science and technology of hanoi", "truong dh khoa"]
PIECES += ["hoc va cong nghe ha noi", "grenoble inp - uga", " ", ".", "-", "x", "9", "(", "\n"]


def covers_by_search(folded: str, start: int, end: int) -> bool:
    lo = max(0, start - 80)
    return any(
        m.start() <= start and end <= m.end()
        for m in HOME.regex().finditer(folded, lo, min(len(folded), end + 80))
    )


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=14), a=st.integers(0, 120))
def test_covers_agrees_with_a_plain_search(parts: list[str], a: int) -> None:
    folded = fold("".join(parts))
    for start in range(min(a, len(folded)), len(folded) + 1, 7):
        for end in (start, start + 1, start + 4, start + 40):
            assert HOME.covers(folded, start, end) == covers_by_search(folded, start, end)
