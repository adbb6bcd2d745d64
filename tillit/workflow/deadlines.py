"""The one rule for "is this deadline overdue?", as a Python test and as a query expression.

Every list, reminder, figure and case page asks here; "today" is always the Swedish date
(`timezone.localdate()`), never the server's `date.today()`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone


def is_overdue(due_on: date, met_on: date | None, today: date | None = None) -> bool:
    """Overdue: not met, and the due date has passed."""
    return met_on is None and due_on < (today or timezone.localdate())


def overdue_q(today: date | None = None, *, prefix: str = "") -> Q:
    """`is_overdue` for a deadline table; `prefix` is the path to it (e.g. "deadlines__")."""
    return Q(**{f"{prefix}met_on__isnull": True, f"{prefix}due_on__lt": today or timezone.localdate()})


def due_soon_q(today: date | None = None, *, within_days: int, prefix: str = "") -> Q:
    """Open deadlines that are overdue or fall due within `within_days` days (for reminders)."""
    limit = (today or timezone.localdate()) + timedelta(days=within_days)
    return Q(**{f"{prefix}met_on__isnull": True, f"{prefix}due_on__lte": limit})
