"""The one overdue rule, in Swedish time."""

from datetime import UTC, date, datetime

import time_machine
from django.db.models import Q

from tillit.workflow.deadlines import due_soon_q, is_overdue, overdue_q

TODAY = date(2026, 3, 10)


def test_overdue_only_when_not_met_and_past_due():
    assert is_overdue(date(2026, 3, 9), None, TODAY)
    assert not is_overdue(TODAY, None, TODAY)  # due today is not yet overdue
    assert not is_overdue(date(2026, 3, 9), date(2026, 3, 11), TODAY)  # met (even late) is not overdue


def test_the_query_says_the_same():
    assert overdue_q(TODAY) == Q(met_on__isnull=True, due_on__lt=TODAY)
    assert overdue_q(TODAY, prefix="deadlines__") == Q(deadlines__met_on__isnull=True, deadlines__due_on__lt=TODAY)
    assert due_soon_q(TODAY, within_days=1) == Q(met_on__isnull=True, due_on__lte=date(2026, 3, 11))


@time_machine.travel(datetime(2026, 3, 9, 23, 30, tzinfo=UTC), tick=False)
def test_today_is_the_swedish_date_not_the_servers():
    # 23:30 UTC on 9 March is 00:30 on 10 March in Stockholm: a deadline due on the 9th is overdue.
    assert is_overdue(date(2026, 3, 9), None)
    assert overdue_q() == Q(met_on__isnull=True, due_on__lt=date(2026, 3, 10))
