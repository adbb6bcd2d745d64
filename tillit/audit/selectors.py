"""Reading the audit log for logguppföljning, scoped to the reviewer's units."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.accounts.access import scope_unit_ids
from tillit.audit.models import AuditEvent


def log_rows(reviewer, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Rows in the reviewer's units, plus rows tied to no unit (logins, exports, administration)."""
    units = scope_unit_ids(reviewer, "audit.view")
    rows = AuditEvent.objects.filter(Q(unit_id__in=units) | Q(unit_id__isnull=True))
    if filters.get("actor"):
        rows = rows.filter(actor=filters["actor"])
    if filters.get("unit"):
        rows = rows.filter(unit__path__startswith=filters["unit"].path)
    if filters.get("object_type"):
        rows = rows.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        rows = rows.filter(object_id=filters["object_id"])
    if filters.get("action"):
        rows = rows.filter(action=filters["action"])
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        rows = rows.filter(at__gte=datetime.combine(filters["date_from"], time.min, tz))
    if filters.get("date_to"):
        rows = rows.filter(at__lt=datetime.combine(filters["date_to"] + timedelta(days=1), time.min, tz))
    return rows.select_related("actor", "unit").order_by("-seq")


def log_sample(rows: QuerySet[AuditEvent], size: int, *, seed: int | None = None) -> list[AuditEvent]:
    """A random sample (the reviewer reads each row and judges whether the access was justified)."""
    seqs = list(rows.values_list("seq", flat=True)[:100_000])
    chosen = random.Random(seed).sample(seqs, min(size, len(seqs)))
    return list(AuditEvent.objects.filter(seq__in=chosen).select_related("actor", "unit").order_by("seq"))
