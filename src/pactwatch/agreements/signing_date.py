"""Dates written in running text, and the signing date tied to a signing statement.

Formats: "July 2, 2025", "March 10th", "27 January 2026", "the 15th January, 2019",
"le 27 janvier 2026", "1er mars", "ngày 10/3/2025", "Sáng 27/7", "12 tháng 6 năm 2015",
"Sáng nay" (the publication day), "hôm qua" (the day before), "On Thursday", "jeudi
dernier", "thứ Năm vừa qua" (the last such weekday up to it). A day and month without a
year take the publication year (the previous year when that would fall after publication;
`timing` calls one within weeks after it a day to come); with no publication date they take
the year of the nearest full date written before them, else stay unknown. A date after
publication is never returned as a signing date.

Months and years alone ("in October 2023", "tháng 5/2021", "en mars") are never a signing
date, but they tell when something happened: `timing` sorts any written date into the
future (an announcement), the recent past (the news of the day) or the older past
(background). Usage::

    found = find_dates(body.folded, 0, len(body.folded), lex)
    timing(found[0], published)  # "future" | "recent" | "past" | "unknown"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from pactwatch.agreements.lexicon import Lexicon
from pactwatch.agreements.text import Body

_ORD = r"(?:st|nd|rd|th|er|e)?"


# Values, never changed once made; not frozen because a frozen __init__ costs about three
# times as much, and extraction makes thousands of these per page.
@dataclass(slots=True, unsafe_hash=True)
class TextDate:
    """A date as written: year is None when the text gives only day and month."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    today: bool = False
    # Only a month (day 0) or only a year (day and month 0) is known; only a day of the
    # month of publication ("le 12 courant"): month 0.
    month_only: bool = False
    # "hôm qua", "yesterday": days before the publication day (with `today`); "tomorrow": -1.
    days_back: int = 0
    # "On Thursday", "jeudi dernier" (with `today`): the last such weekday up to the
    # publication day, Monday 0; -1 for none.
    weekday: int = -1


@dataclass(frozen=True, slots=True)
class _Patterns:
    # A character that is not a letter or digit before a month's name (consumed): the
    # month patterns are tried only where a month's name starts.
    month_word: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    numeric: re.Pattern[str]
    vi_words: re.Pattern[str]
    month_year: re.Pattern[str]
    month_alone: re.Pattern[str]
    vi_month_year: re.Pattern[str]
    vi_month_alone: re.Pattern[str]
    months: Mapping[str, int]


# The day patterns start with the day's first digit and check the character before it right
# after it: a match can start only where `_DAY_START` matches.
def _day(before: str) -> str:
    """``(?<![before])(\\d{1,2})`` with the lookbehind after the first digit."""
    return rf"(\d(?<![{before}]\d)\d?)"


def _literal_trie(words: list[str]) -> str:
    """An alternation of `words` factored as a trie, longer words tried first."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


@lru_cache(maxsize=4)
def _patterns(months: tuple[tuple[str, int], ...]) -> _Patterns:
    names = sorted((m for m, _ in months if not m.startswith("thang")), key=len)
    alt = "|".join(re.escape(n) for n in reversed(names))
    trie = _literal_trie(names)
    month_day = (
        rf"\.?\s{{1,3}}(\d{{1,2}}){_ORD}(?![0-9a-z])(?:\s{{0,2}},?\s{{0,2}}(\d{{4}})(?!\d))?"
    )
    # "October 2023", "octobre 2023" (a day before it makes a longer, earlier match).
    month_year = r"\.?,?\s{1,3}((?:19|20)\d\d)(?!\d)"
    # "in March", "en mars": a month named after a preposition, with no day next to it.
    before_month = "(?:" + "|".join(_BEFORE_MONTH) + r")\s{1,3}"
    month_alone = r"(?![a-z0-9]|\.?\s{1,3}\d)"
    return _Patterns(
        month_word=re.compile(rf"[^a-z0-9](?={trie})"),
        month_day=re.compile(rf"(?<![a-z0-9])({alt}){month_day}"),
        day_month=re.compile(
            rf"{_day('a-z0-9/')}{_ORD}\s{{1,3}}(?:of\s{{1,3}})?({alt})\.?(?![a-z])"
            rf"(?:\s{{0,2}},?\s{{0,2}}(\d{{4}})(?!\d))?"
        ),
        numeric=re.compile(_day(r"\w/.-") + r"[/.-](\d{1,2})(?:[/.-](\d{4}))?(?![\w/-]|[.]\d)"),
        vi_words=re.compile(
            _day("a-z0-9") + r"\s{1,3}thang\s{1,3}(\d{1,2})(?!\d)"
            r"(?:\s{0,2},?\s{0,2}nam\s{1,3}(\d{4})(?!\d))?"
        ),
        month_year=re.compile(rf"(?<![a-z0-9])({alt}){month_year}"),
        month_alone=re.compile(rf"(?<![a-z0-9]){before_month}({alt}){month_alone}"),
        vi_month_year=re.compile(
            r"thang(?<![a-z0-9]thang)\s{1,3}(\d{1,2})(?:\s{0,2}[/.-]\s{0,2}|\s{1,3}nam\s{1,3})"
            r"((?:19|20)\d\d)(?!\d)"
        ),
        vi_month_alone=re.compile(
            # "hồi tháng 4." ends a sentence; "tháng 4.2024" and "tháng 4/2024" are not alone.
            r"thang(?<![a-z0-9]thang)\s{1,3}(\d{1,2})(?![\d/-]|[.]\d|\s{1,3}nam)"
        ),
        months=dict(months),
    )


_BEFORE_MONTH = ("in", "en", "during", "since", "depuis", "until", "last", "early", "late", "mid")
# How far before a month's name a month_alone match can start: its word and \s{1,3}.
_BEFORE_SPAN = max(map(len, _BEFORE_MONTH)) + 3
# "ngày" (day) right before a number: "ngày 7.11" is the 7th of November.
_AFTER_DAY_WORD = re.compile(r"(?<![a-z])ngay\s{1,3}$")
# A digit after no letter or digit: where each day pattern (`_day`) can start.
_DAY_START = re.compile(r"\d(?<![a-z0-9]\d)")


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1900 <= year <= 2100


_RELATIVE = ("today", "yesterday", "two_days_ago", "tomorrow", "weekdays")
_OF_BEFORE = re.compile(r"(?<![a-z])(?:of|for|de|d'|cua|cho)\s*\Z")
# A day's number right before "courant", "of this month" ("the 12th of this month").
_DAY_BEFORE = re.compile(r"(?<![\d/.-])(\d{1,2})(?:er|st|nd|rd|th)?\s+\Z")
# A weekday followed by its date ("Thursday, March 20", "jeudi 20 mars") is that date.
_DATED_WEEKDAY = re.compile(r"\s{0,3},?\s{0,3}(?:\(\s*)?(?:\d|the\s+\d|le\s+\d|ngay\s)")


def find_dates(folded: str, start: int, end: int, lex: Lexicon) -> list[TextDate]:
    """Every date written in folded[start:end], in order, overlaps removed."""
    pats = _patterns(tuple(sorted(lex.months.items())))
    # Each pattern can start only at a day's first digit, or at (or a few characters before)
    # a month's name: those places are found once, and the patterns tried there alone,
    # instead of a scan of the whole text by each of them.
    days = [m.start() for m in _DAY_START.finditer(folded, start, end)]
    months = [m.end() for m in pats.month_word.finditer(folded, max(start - 1, 0), end)]
    if start <= 0:
        months.insert(0, 0)  # the scan consumes a character before each name
    found: list[TextDate] = []
    for match in _matches_at(pats.month_day, folded, months, end):
        month = pats.months.get(match.group(1))
        day, year = int(match.group(2)), _year(match.group(3))
        if month and _valid(day, month, year):
            found.append(TextDate(match.start(), match.end(), day, month, year))
    for match in _matches_at(pats.day_month, folded, days, end):
        month = pats.months.get(match.group(2))
        day, year = int(match.group(1)), _year(match.group(3))
        if month and _valid(day, month, year):
            found.append(TextDate(match.start(), match.end(), day, month, year))
    for match in _matches_at(pats.vi_words, folded, days, end):
        day, month, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if _valid(day, month, year):
            found.append(TextDate(match.start(), match.end(), day, month, year))
    for match in _matches_at(pats.numeric, folded, days, end):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        day, month = (first, second) if second <= 12 else (second, first)
        if (
            year is None
            and "." in match.group(0)
            and not _AFTER_DAY_WORD.search(folded, max(0, match.start() - 12), match.start())
        ):
            # "3.5" is more often a number than a date; "ngày 7.11" is a date.
            continue
        if _valid(day, month, year):
            found.append(TextDate(match.start(), match.end(), day, month, year))
    for match in _matches_at(pats.month_year, folded, months, end):
        month = pats.months.get(match.group(1))
        if month:
            found.append(_month(match.start(), match, month, int(match.group(2))))
    for match in pats.vi_month_year.finditer(folded, start, end):
        month = int(match.group(1))
        if 1 <= month <= 12:
            found.append(_month(match.start(), match, month, int(match.group(2))))
    before = sorted({p for m in months for p in range(max(start, m - _BEFORE_SPAN), m)})
    for match in _matches_at(pats.month_alone, folded, before, end):
        month = pats.months.get(match.group(1))
        if month:
            found.append(_month(match.start(), match, month, None))
    for match in pats.vi_month_alone.finditer(folded, start, end):
        month = int(match.group(1))
        if 1 <= month <= 12:
            found.append(_month(match.start(), match, month, None))
    for hit in lex.cues["this_month"].find(folded, start, end):
        # "le 12 courant", "ngày 12 tháng này": a day of the month of publication (month 0).
        number = _DAY_BEFORE.search(folded, max(start, hit.start - 12), hit.start)
        if number is not None and 1 <= int(number.group(1)) <= 31:
            found.append(TextDate(number.start(1), hit.end, int(number.group(1)), 0, None))
    # One search rules them all out: few pages say "today", "yesterday" or a weekday.
    if lex.any_of(_RELATIVE).any_match(folded, start, end):
        found += _relative(folded, start, end, lex, {d.start for d in found})
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[TextDate] = []
    for item in found:
        if out and item.start < out[-1].end:
            continue
        out.append(item)
    return out


def _relative(folded: str, start: int, end: int, lex: Lexicon, dated: set[int]) -> list[TextDate]:
    """ "today", "yesterday" and weekdays in folded[start:end]; a weekday right before a
    date (a start in `dated`) is part of it."""
    out = [
        TextDate(h.start, h.end, 0, 0, None, today=True)
        for h in lex.cues["today"].find(folded, start, end)
    ]
    out += [
        TextDate(h.start, h.end, 0, 0, None, today=True, days_back=days)
        for days, category in ((1, "yesterday"), (2, "two_days_ago"), (-1, "tomorrow"))
        for h in lex.cues[category].find(folded, start, end)
        # "the engineers of tomorrow", "les métiers de demain", "nhân lực của ngày mai": the
        # future in general, no day.
        if not (days < 0 and _OF_BEFORE.search(folded, max(start, h.start - 6), h.start))
    ]
    for hit in lex.cues["weekdays"].find(folded, start, end):
        if _DATED_WEEKDAY.match(folded, hit.end, end) or any(
            hit.end < p <= hit.end + 4 for p in dated
        ):
            continue
        out.append(TextDate(hit.start, hit.end, 0, 0, None, today=True, weekday=int(hit.label)))
    return out


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], end: int
) -> list[re.Match[str]]:
    """What `pattern.finditer(text, starts[0], end)` finds, given every position where a
    match can start (in order): the leftmost match, then the next one after its end."""
    out: list[re.Match[str]] = []
    resume = 0
    for position in starts:
        if position >= resume:
            match = pattern.match(text, position, end)
            if match is not None:
                out.append(match)
                resume = match.end()
    return out


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _month(begin: int, match: re.Match[str], month: int, year: int | None) -> TextDate:
    return TextDate(begin, match.end(), 0, month, year, month_only=True)


def resolve(
    found: TextDate, published: date | None, context_year: int | None = None
) -> date | None:
    """The calendar date of `found`, never after `published`; None for a month alone."""
    if found.today:
        if published is None:
            return None
        back = days_back(found, published)
        # "tomorrow" is after publication: no date of a signing.
        return published - timedelta(days=back) if back >= 0 else None
    if found.month_only:
        return None
    if not found.month:
        return _this_month(published, found.day) if published is not None else None
    year = found.year
    if year is None:
        if published is not None:
            year = published.year
            candidate = _make(year, found)
            if candidate is not None and candidate > published:
                return _make(year - 1, found)
            return candidate
        if context_year is None:
            return None
        year = context_year
    result = _make(year, found)
    if result is not None and published is not None and result > published:
        return None
    return result


def _this_month(published: date, day: int) -> date | None:
    """Day `day` of the month of publication; None when that day is still to come."""
    return date(published.year, published.month, day) if day <= published.day else None


def days_back(found: TextDate, published: date) -> int:
    """How many days before `published` a relative date falls ("yesterday": 1; "On
    Thursday" in a Saturday's article: 2, in a Thursday's: 0)."""
    if found.weekday < 0:
        return found.days_back
    return (published.weekday() - found.weekday) % 7


def _make(year: int, found: TextDate) -> date | None:
    try:
        return date(year, found.month, found.day)
    except ValueError:
        return None


def year_before(dates: list[TextDate], position: int) -> int | None:
    """The year of the nearest full date written before `position`."""
    best: int | None = None
    for item in dates:
        if item.start >= position:
            break
        if item.year is not None:
            best = item.year
    return best


# A signing dated this long before publication is background, not the news of the day: news
# sites report a signing within days, at most a few weeks.
STALE = timedelta(days=60)
# Clocks and time zones: a date one day after publication is still the day's news.
_SLACK = timedelta(days=1)
# Sites announce a ceremony days or weeks ahead; a day and month without a year further
# ahead than this is last year's ("On March 10th ... signed", published in February).
_AHEAD = timedelta(days=31)


def latest_day(found: TextDate, published: date | None) -> date | None:
    """The last calendar day `found` can mean (the month's last day for a month alone)."""
    if not found.month_only:
        return resolve(found, published)
    year = found.year
    if year is None:
        if published is None:
            return None
        year = published.year if found.month <= published.month else published.year - 1
    following = date(year + found.month // 12, found.month % 12 + 1, 1)
    return following - timedelta(days=1)


def timing(found: TextDate, published: date | None) -> str:
    """When `found` lies from the publication day: "future" (an announcement), "recent"
    (within `STALE` before it), "past" (background) or "unknown"."""
    if published is None:
        return "unknown"
    if found.today:
        return "future" if found.days_back < 0 and found.weekday < 0 else "recent"
    if not found.month and found.day:
        # "le 25 courant" in a page of the 20th: a day still to come.
        return "future" if found.day > published.day else "recent"
    if found.year is None and not found.month_only:
        # A day and month without a year is written for the news of the day: the year is
        # the publication's (or the previous one), never a sign of background; but a day
        # a few weeks after publication ("Cérémonie de signature ... le 12 décembre",
        # published on 3 December) is the nearest such day, one still to come.
        ahead = _make(published.year, found)
        if ahead is not None and published + _SLACK < ahead <= published + _AHEAD:
            return "future"
        return "recent"
    if found.year is not None and not found.month_only:
        exact = _make(found.year, found)
        if exact is not None and exact > published + _SLACK:
            return "future"
    last = latest_day(found, published)
    if last is None:
        return "unknown"
    if published - last > STALE:
        return "past"
    return "recent"


def statement_date(
    dates: list[TextDate],
    start: int,
    end: int,
    anchor: int,
    published: date | None,
    *,
    before: int | None = None,
) -> TextDate | None:
    """The date written for a signing cue at `anchor` in the sentence [start, end): the one
    nearest the cue, a recent one before an older one ("On 5 March 2025 ... renewing the
    MoU of 2019"). With `before` (the paragraph's start), a date earlier in the paragraph
    serves when the sentence has none ("Chiều ngày 12/6, ... Hai bên đã ký kết ...")."""
    inside = [d for d in dates if start <= d.start < end]
    if not inside and before is not None:
        inside = [d for d in dates if before <= d.start < start and not d.month_only][-1:]
    if not inside:
        return None
    recent = [d for d in inside if timing(d, published) == "recent" and not d.month_only]
    pool = recent or inside
    return min(pool, key=lambda d: abs(d.start - anchor))


_LEAD_WORDS = 8


def lead_date(body: Body, dates: list[TextDate], published: date | None) -> date | None:
    """The day of the event the article opens with ("On 12 December 2023, USTH and ...
    held an online ceremony to renew ..."): the first full date of the lead paragraph,
    when it is the news of the day. Used when no signing sentence carries a date."""
    for found in _lead_dates(body, dates):
        if timing(found, published) == "recent":
            return resolve(found, published, year_before(dates, found.start))
    return None


def lead_ahead(body: Body, dates: list[TextDate], published: date | None) -> TextDate | None:
    """The lead's first date when it lies after publication: the article announces an event
    to come ("... tổ chức Ngày hội Gắn kết Doanh nghiệp năm 2026 vào ngày 15/01/2026"), and
    an undated signing in its programme has not taken place."""
    first = next(iter(_lead_dates(body, dates)), None)
    return first if first is not None and timing(first, published) == "future" else None


def _lead_dates(body: Body, dates: list[TextDate]) -> list[TextDate]:
    """The dates of the lead (day and month at least), in order."""
    # The lead is the first paragraph after the headline (a title-less page's headline is
    # its first line).
    # A dateline ("Tuesday - 20/05/2025 09:03") is when the page was published, not a
    # paragraph of the story: the lead is the first paragraph that says something.
    first = next(
        (
            s.paragraph
            for s in body.sentences
            if not s.is_title and len(body.folded[s.start : s.end].split()) >= _LEAD_WORDS
        ),
        0,
    )
    lead = [
        s
        for s in body.sentences
        if s.paragraph <= max(first, 0)
        and (
            s.is_title
            or s.paragraph == first
            or len(body.folded[s.start : s.end].split()) >= _LEAD_WORDS
        )
    ]
    if not lead:
        return []
    end = lead[-1].end
    return [
        found
        for found in dates
        if found.start < end
        and not found.month_only
        and any(s.start <= found.start < s.end for s in lead)
    ]
