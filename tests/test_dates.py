"""The shared date parser: every format the sites print, their quirks, and garbage."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.dates import parse_datetime

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=HCM)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NukeViet detail line, English and Vietnamese weekdays (nv_date 'l - d/m/Y H:i').
        ("Monday - 25/08/2025 22:52", local(2025, 8, 25, 22, 52)),
        ("Tuesday - 06/11/2018 22:26", local(2018, 11, 6, 22, 26)),
        ("Saturday - 15/11/2025 04:15", local(2025, 11, 15, 4, 15)),
        ("Thứ sáu - 21/04/2023 05:19", local(2023, 4, 21, 5, 19)),
        ("Thứ tư - 02/07/2025 09:15", local(2025, 7, 2, 9, 15)),
        ("Chủ nhật - 09/08/2026 13:40", local(2026, 8, 9, 13, 40)),
        ("Thứ bảy - 15/11/2025 04:15", local(2025, 11, 15, 4, 15)),
        ("• Saturday - 19/08/2017", local(2017, 8, 19)),
        # Listings (4.5 and the older 12-hour form), related lists, topic pages.
        ("18/08/2026 16:30:00", local(2026, 8, 18, 16, 30)),
        ("18/08/2026 16:30", local(2026, 8, 18, 16, 30)),
        ("04/08/2017 04:07:00 PM", local(2017, 8, 4, 16, 7)),
        ("04/08/2017 12:07:00 AM", local(2017, 8, 4, 0, 7)),
        ("(02/07/2025)", local(2025, 7, 2)),
        ("02/07/2025", local(2025, 7, 2)),
        ("09:15 02/07/2025", local(2025, 7, 2, 9, 15)),
        # ISO 8601 with and without offsets, converted to the source's zone.
        ("2026-08-09T14:13:19+07:00", local(2026, 8, 9, 14, 13, 19)),
        ("2025-07-03T02:30:00+00:00", local(2025, 7, 3, 9, 30)),
        ("2025-07-03T02:30:00Z", local(2025, 7, 3, 9, 30)),
        ("2025-07-03T09:30:00", local(2025, 7, 3, 9, 30)),
        ("2025-07-03", local(2025, 7, 3)),
        # NukeViet's date('Y-m-dTH:i:s'): the zone abbreviation sits between date and time.
        ("2025-07-02+0709:15:00", local(2025, 7, 2, 9, 15)),
        ("2025-07-02ICT09:15:00", local(2025, 7, 2, 9, 15)),
        # RFC 822 as WordPress writes it.
        ("Tue, 24 Feb 2026 07:11:12 +0000", local(2026, 2, 24, 14, 11, 12)),
        ("Thu, 03 Jul 2025 02:30:00 +0000", local(2025, 7, 3, 9, 30)),
        # Other Vietnamese sites.
        ("Cập nhật lúc 2025-01-03 00:00:00", local(2025, 1, 3)),
        ("01/04/2015 10:44:16 GMT", local(2015, 4, 1, 17, 44, 16)),
    ],
)
def test_formats(text: str, expected: datetime) -> None:
    result = parse_datetime(text)
    assert result == expected
    assert result is not None and result.utcoffset() == timedelta(hours=7)


def test_nukeviet_feed_keeps_date_and_hour_only() -> None:
    # Published 02/07/2025 09:15 (+07): gmdate('H:m:s') printed 02:07:00, minutes = the month.
    quirky = "Wed, 2 Jul 2025 02:07:00 GMT"
    assert parse_datetime(quirky, nukeviet_feed=True) == local(2025, 7, 2, 9, 0)
    assert parse_datetime(quirky) == local(2025, 7, 2, 9, 7)  # what a naive reader would believe
    # Minutes that are not the month cannot come from the bug: a fixed feed is read as is.
    assert parse_datetime("Wed, 2 Jul 2025 02:15:00 GMT", nukeviet_feed=True) == local(
        2025, 7, 2, 9, 15
    )


def test_naive_times_take_the_sources_zone() -> None:
    paris = ZoneInfo("Europe/Paris")
    result = parse_datetime("Tuesday - 06/11/2018 22:26", "Europe/Paris")
    assert result == datetime(2018, 11, 6, 22, 26, tzinfo=paris)
    fixed = timezone(timedelta(hours=9))
    assert parse_datetime("02/07/2025 09:15", fixed) == datetime(2025, 7, 2, 9, 15, tzinfo=fixed)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "garbage",
        "Đã xem: 123",
        "32/01/2025",
        "29/02/2025",
        "12/31/2025",  # month-first: never guessed
        "Monday - 06/11/2018 22:26",  # weekday contradicts the date: not the format we think
        "Thứ hai - 02/07/2025 09:15",
        "Someday - 02/07/2025 09:15",
        "2025-13-01",
        "2025-07-02+0725:15:00",
        "Wed, 30 Feb 2025 02:07:00 GMT",
        "04/08/2017 13:07:00 PM",
        "01/01/1850",
        "x" * 10_000,
        "2025",
    ],
)
def test_garbage_gives_none(text: str | None) -> None:
    assert parse_datetime(text) is None


def test_unknown_zone_gives_none() -> None:
    assert parse_datetime("02/07/2025", "Not/AZone") is None


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    result = parse_datetime(text)
    assert result is None or result.tzinfo is not None
