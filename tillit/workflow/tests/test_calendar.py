from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tillit.workflow.calendar import add_working_days, due_date, is_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 6, 19), False),  # midsommarafton
        (date(2026, 6, 20), False),  # midsommardagen (a Saturday anyway)
        (date(2026, 12, 24), False),  # julafton
        (date(2026, 12, 31), False),  # nyårsafton
        (date(2026, 4, 3), False),  # långfredagen
        (date(2026, 4, 6), False),  # annandag påsk
        (date(2026, 5, 14), False),  # Kristi himmelsfärdsdag
        (date(2026, 6, 8), True),  # an ordinary Monday
        (date(2026, 11, 21), False),  # a Saturday
    ],
)
def test_swedish_working_days(day, working):
    assert is_working_day(day) is working


def test_one_working_day_after_friday_before_easter_is_tuesday():
    # Skärtorsdag 2026-04-02 → långfredag, påskafton, påskdag, annandag påsk are all off.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_three_working_days_over_christmas():
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)


def test_calendar_days_ignore_holidays():
    assert due_date(date(2026, 12, 20), 14, working_days=False) == date(2027, 1, 3)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(min_value=1, max_value=30))
def test_result_is_a_working_day_after_start(start, days):
    result = add_working_days(start, days)
    assert result > start
    assert is_working_day(result)
