"""One date parser for every format the news sites print.

Usage::

    parse_datetime("Thứ tư - 02/07/2025 09:15")                 # 2025-07-02 09:15+07:00
    parse_datetime("Tue, 24 Feb 2026 07:11:12 +0000")           # 2026-02-24 14:11:12+07:00
    parse_datetime("Wed, 2 Jul 2025 02:07:00 GMT", nukeviet_feed=True)  # 2025-07-02 09:00+07:00

Understood: ISO 8601 (with or without offset, ``T`` or space), NukeViet's malformed
``2025-07-02+0709:15:00`` (PHP ``date('Y-m-dTH:i:s')``), RFC 822 (RSS), day-first ``dd/mm/YYYY``
with an optional ``HH:MM[:SS]`` and ``AM``/``PM``, an optional English or Vietnamese weekday
prefix (``Tuesday - ``, ``Thứ ba - ``; a weekday that contradicts the date rejects it), the
reversed ``HH:MM dd/mm/YYYY``, and labels such as ``Cập nhật lúc``.

Times without an offset are read in the source's zone (default Asia/Ho_Chi_Minh); every result
is time-zone aware and expressed in that zone, so ``.date()`` is the local calendar day. Garbage
gives None, never an exception and never a guessed date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_tz
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
MIN_YEAR = 1990
MAX_YEAR = 2100

_WEEKDAYS = {
    # English, full and short; Vietnamese as nv_date() writes them (and common variants).
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
    "thứ hai": 0,
    "thứ 2": 0,
    "thứ ba": 1,
    "thứ 3": 1,
    "thứ tư": 2,
    "thứ 4": 2,
    "thứ năm": 3,
    "thứ 5": 3,
    "thứ sáu": 4,
    "thứ 6": 4,
    "thứ bảy": 5,
    "thứ bẩy": 5,
    "thứ 7": 5,
    "chủ nhật": 6,
    "cn": 6,
}
# Labels printed before a date ("Cập nhật lúc 2025-01-03 00:00:00", "Ngày đăng: 02/07/2025").
_LABEL = re.compile(
    r"^(?:cập nhật(?: lúc)?|ngày đăng|đăng lúc|đăng ngày|ngày|posted(?: on)?|published(?: on)?"
    r"|updated(?: on)?|date)\s*:?\s*",
    re.IGNORECASE,
)
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
_ZONE = r"(?:\s*(?P<zone>GMT|UTC|Z|[+-]\d{2}:?\d{2}))?"
_DMY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<Y>\d{4})"
_DAY_FIRST = re.compile(rf"^{_DMY}(?:,?\s+(?:lúc\s+)?{_TIME}{_ZONE})?$")
_TIME_FIRST = re.compile(rf"^{_TIME},?\s+{_DMY}$")
_WEEKDAY_PREFIX = re.compile(
    r"^(?P<dow>[^\W\d_][^\W_]*(?: [^\W_]+)?)(?:\s*[-–,]\s*|\s+)(?P<rest>\d.+)$"
)
_ISO = re.compile(
    r"^(?P<Y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
# PHP date('Y-m-dTH:i:s'): 'T' prints the zone abbreviation between date and time, e.g.
# "2025-07-02+0709:15:00" (+07) or "2025-07-02ICT09:15:00".
_PHP_T = re.compile(
    r"^(?P<Y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?P<zone>[+-]\d{2}(?:\d{2})?|[A-Z]{1,5})"
    r"(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})$"
)
_ABBREVIATIONS = {"UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "ICT": 7 * 60}


def parse_datetime(
    text: str | None, zone: str | tzinfo = DEFAULT_ZONE, *, nukeviet_feed: bool = False
) -> datetime | None:
    """An aware datetime in `zone` from any supported format, or None.

    `nukeviet_feed=True` says the text is a NukeViet RSS ``pubDate``, whose minutes field holds
    the month (``gmdate('H:m:s')``): when the minutes equal the month, only the date and hour
    are kept.
    """
    if not text:
        return None
    tz = _zone(zone)
    if tz is None:
        return None
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > 80:
        return None
    for parse in (_parse_iso, _parse_php_t, _parse_day_first):
        result = parse(cleaned, tz)
        if result is not None:
            return _checked(result, tz)
    result = _parse_rfc822(cleaned, tz, nukeviet_feed=nukeviet_feed)
    return _checked(result, tz) if result is not None else None


@lru_cache(maxsize=64)
def _named_zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _zone(zone: str | tzinfo) -> tzinfo | None:
    return _named_zone(zone) if isinstance(zone, str) else zone


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    text = text.strip(" •·|()[]")
    return _LABEL.sub("", text, count=1).strip()


def _checked(value: datetime, tz: tzinfo) -> datetime | None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.astimezone(tz)


def _offset(zone: str | None, tz: tzinfo) -> tzinfo:
    if not zone:
        return tz
    if zone.upper() in _ABBREVIATIONS:
        minutes = _ABBREVIATIONS[zone.upper()]
        return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes > 59:
            raise ValueError(zone)
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if zone[0] == "-" else delta)
    # An abbreviation we do not know: the site printed its own local time.
    return tz


def _build(fields: dict[str, str | None], tz: tzinfo) -> datetime | None:
    """A datetime from regex groups Y, m, d and optional H, M, S."""
    try:
        return datetime(
            int(fields["Y"] or 0),
            int(fields["m"] or 0),
            int(fields["d"] or 0),
            int(fields.get("H") or 0),
            int(fields.get("M") or 0),
            int(fields.get("S") or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def _parse_zoned(pattern: re.Pattern[str], text: str, tz: tzinfo) -> datetime | None:
    """A date-time whose `zone` group (offset, zone name or none) decides its time zone."""
    match = pattern.match(text)
    if match is None:
        return None
    try:
        offset = _offset(match["zone"], tz)
    except ValueError:
        return None
    return _build(match.groupdict(), offset)


def _parse_iso(text: str, tz: tzinfo) -> datetime | None:
    return _parse_zoned(_ISO, text, tz)


def _parse_php_t(text: str, tz: tzinfo) -> datetime | None:
    # NukeViet's date('Y-m-dTH:i:s'): PHP's T is the zone abbreviation, e.g. 2025-07-02+0709:15:00.
    return _parse_zoned(_PHP_T, text, tz)


def _parse_day_first(text: str, tz: tzinfo) -> datetime | None:
    weekday: int | None = None
    prefixed = _WEEKDAY_PREFIX.match(text)
    if prefixed is not None:
        name = prefixed["dow"].lower().rstrip(".")
        if name not in _WEEKDAYS:
            return None
        weekday, text = _WEEKDAYS[name], prefixed["rest"]
    match = _DAY_FIRST.match(text) or _TIME_FIRST.match(text)
    if match is None:
        return None
    groups = match.groupdict()
    hour = groups.get("H")
    if hour is not None and groups.get("ampm"):
        hour = _twelve_hour(int(hour), groups["ampm"])
        if hour is None:
            return None
    try:
        offset = _offset(groups.get("zone"), tz)
    except ValueError:
        return None
    result = _build({**groups, "H": hour}, offset)
    if result is not None and weekday is not None and result.weekday() != weekday:
        # The weekday contradicts a day-first reading: this is not the format we think it is.
        return None
    return result


def _twelve_hour(hour: int, marker: str) -> str | None:
    if not 1 <= hour <= 12:
        return None
    pm = marker.lower().startswith("p")
    return str(hour % 12 + (12 if pm else 0))


def _parse_rfc822(text: str, tz: tzinfo, *, nukeviet_feed: bool) -> datetime | None:
    try:
        parsed = parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    offset = tz if parsed[9] is None else timezone(timedelta(seconds=parsed[9]))
    if nukeviet_feed and minute == month:
        minute = second = 0
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=offset)
    except (ValueError, OverflowError):
        return None
