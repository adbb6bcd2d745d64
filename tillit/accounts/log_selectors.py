"""Reading the audit log for logguppföljning, scoped to the reviewer's units."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.audit.models import AuditEvent
from tillit.org.access import scope_unit_ids


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


def log_sample(rows: QuerySet[AuditEvent], size: int, *, seed: int) -> list[AuditEvent]:
    """A uniform random sample of the filtered rows, reproducible from `seed`.

    Positions are drawn from the count, then the row numbers are streamed in a fixed order and
    picked out, so memory stays at `size` rows however many millions match.
    """
    total = rows.count()
    wanted = set(random.Random(seed).sample(range(total), min(size, total)))
    if not wanted:
        return []
    last, chosen = max(wanted), []
    for position, seq in enumerate(rows.order_by("seq").values_list("seq", flat=True).iterator(chunk_size=5000)):
        if position in wanted:
            chosen.append(seq)
        if position >= last:
            break
    return list(AuditEvent.objects.filter(seq__in=chosen).select_related("actor", "unit").order_by("seq"))
