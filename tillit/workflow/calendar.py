"""Swedish working days for deadlines.

Holidays are Sweden's public holidays (the `holidays` package) plus the days that lag (1930:173)
om beräkning av lagstadgad tid treats like them: Saturdays, Sundays, midsommarafton, julafton and
nyårsafton.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

LEGAL_REFERENCE = "Lag (1930:173) om beräkning av lagstadgad tid"


@cache
def _public_holidays(year: int) -> frozenset[date]:
    days = set(holidays.Sweden(years=year, include_sundays=False))
    midsummer_day = next(d for d, name in holidays.Sweden(years=year).items() if name == "Midsummer Day")
    days |= {midsummer_day - timedelta(days=1), date(year, 12, 24), date(year, 12, 31)}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself is not counted)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def due_date(start: date, days: int, *, working_days: bool) -> date:
    return add_working_days(start, days) if working_days else start + timedelta(days=days)
